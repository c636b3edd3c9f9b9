"""The PPTX package is clean: no dangling relationships, no duplicate or untyped parts."""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pptx import Presentation

from generator.build import build_deck

ROOT = Path(__file__).resolve().parent.parent
DECKS = [ROOT / "slides_src" / "soviet_foreign_policy.yaml",
         Path(__file__).parent / "decks" / "stress.yaml",
         Path(__file__).parent / "decks" / "stress_4x3.yaml",
         Path(__file__).parent / "decks" / "calculus.yaml"]
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def package_problems(path: Path) -> list[str]:
    """What PowerPoint would complain about: broken links, duplicates, parts without a type."""
    problems = []
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if len(names) != len(set(names)):
            problems.append("duplicate zip entries")
        parts = set(names)
        types = ElementTree.fromstring(z.read("[Content_Types].xml"))
        defaults = {e.get("Extension").lower() for e in types.iter(f"{CT_NS}Default")}
        overrides = {e.get("PartName").lstrip("/") for e in types.iter(f"{CT_NS}Override")}
        for name in names:
            if name.endswith("/") or name == "[Content_Types].xml":
                continue
            if name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
                problems.append(f"{name} has no content type")
        for missing in overrides - parts:
            problems.append(f"content type for missing part {missing}")
        referenced = set()
        for rels in (n for n in names if n.endswith(".rels")):
            source_dir = posixpath.dirname(posixpath.dirname(rels))
            for rel in ElementTree.fromstring(z.read(rels)).iter(f"{REL_NS}Relationship"):
                if rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target")
                full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(source_dir, target))
                referenced.add(full)
                if full not in parts:
                    problems.append(f"{rels} points to missing {full}")
        for name in names:
            if (name.endswith(".xml") and not name.startswith("[") and name not in referenced
                    and not name.endswith(".rels")):
                problems.append(f"{name} is an orphan (no relationship points to it)")
    return problems


@pytest.mark.parametrize("deck", DECKS, ids=lambda p: p.stem)
@pytest.mark.slow  # over a fifth of a second: the full suite only
def test_every_built_package_is_clean(tmp_path, deck):
    result = build_deck(deck, tmp_path, ("pptx",))
    assert result.error is None, result.error
    pptx = tmp_path / f"{deck.stem}.pptx"
    assert package_problems(pptx) == []
    assert len(Presentation(pptx).slides) == result.slides


class DescribeTheZipWriter:
    ENTRIES = {"ppt/slides/slide1.xml": b"<p:sld/>" * 900, "_rels/.rels": b"<Relationships/>",
               "[Content_Types].xml": b"<Types/>", "docProps/empty.xml": b"",
               "ppt/media/caf\u00e9.png": bytes(range(256)) * 40}

    @pytest.mark.parametrize("date_time", [(1980, 1, 1, 0, 0, 0), (2026, 11, 29, 13, 47, 59)])
    def it_writes_byte_for_byte_what_zipfile_writes(self, date_time):
        from generator.pptx import xml as pptx_xml

        names = ["[Content_Types].xml", "_rels/.rels", "docProps/empty.xml",
                 "ppt/media/caf\u00e9.png", "ppt/slides/slide1.xml"]
        by_zipfile = pptx_xml._zip_with_zipfile(names, self.ENTRIES, date_time)
        assert pptx_xml.zip_entries(self.ENTRIES, date_time) == by_zipfile
        assert pptx_xml.zip_entries(self.ENTRIES, date_time) == by_zipfile  # remembered deflate
        with zipfile.ZipFile(io.BytesIO(by_zipfile)) as written:
            assert {i.filename: written.read(i) for i in written.infolist()} == self.ENTRIES

    @pytest.mark.slow
    def it_writes_a_package_of_70000_entries_that_zipfile_reads_back(self):
        from generator.pptx import xml as pptx_xml

        entries = {f"ppt/media/part{n}.xml": f"<n>{n}</n>".encode() for n in range(70_000)}
        data = pptx_xml.zip_entries(entries)
        assert pptx_xml.zip_entries(entries) == data  # the same bytes for the same entries
        with zipfile.ZipFile(io.BytesIO(data)) as written:
            assert written.testzip() is None
            assert len(written.infolist()) == 70_000
            assert written.read("ppt/media/part69999.xml") == b"<n>69999</n>"
