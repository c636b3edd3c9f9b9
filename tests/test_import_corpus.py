"""The import corpus (tests/import_corpus): real lecture decks in every Markdown dialect and in
PowerPoint, imported and built, measured against counts taken from their sources.

The counts of a source are taken here, by rules written independently of the importer: slides
from the dialect's separators, words outside notes, code and LaTeX, pictures that exist in the
corpus, code blocks, tables, formulas and speaker-note words. ``python -m pytest
tests/test_import_corpus.py -m slow -s`` prints the table of measures that docs/importing.md
reports (``DECK_CORPUS_REPORT=path`` writes it to a file as well).
"""

from __future__ import annotations

import csv
import html
import os
import re
import statistics
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from lxml import etree

from generator.build import build_deck
from generator.importer import import_file, read_source
from generator.source.reader import load_deck

CORPUS = Path(__file__).parent / "import_corpus"
with (CORPUS / "SOURCES.tsv").open(encoding="utf-8") as handle:
    ROWS = list(csv.DictReader(handle, delimiter="\t"))
DECKS = [CORPUS / row["file"] for row in ROWS]
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WORD = re.compile(r"[^\W_]+", re.UNICODE)
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".svg", ".webp",
                    ".emf", ".wmf")
# Markup that must never be printed on a slide (outside code).
PRINTED_MARKUP = {
    "HTML/Vue tags": re.compile(r"</?[A-Za-z][\w:.-]*(?:\s+[\w:@.-]+(?:=\"[^\"]*\")?)*\s*/?>"),
    "fenced divs": re.compile(r"^:::|\s:::"),
    "LaTeX commands": re.compile(r"\\[A-Za-z]{2,}"),
    "directives": re.compile(r"<!--|_?class:|headingDivider|\?\?\?|::\w+::|\{=\w+\}|#\||"
                             r"\{\.[\w-]+|(?<![\w\\])\.[a-z][\w-]*\["),
}


@dataclass
class Counts:
    """What a deck holds: slides, words (outside notes), pictures, code blocks, tables,
    formulas, words of speaker notes, and the notes' longer sentences."""

    slides: int = 0
    words: Counter = field(default_factory=Counter)
    pictures: int = 0
    code: int = 0
    tables: int = 0
    formulas: int = 0
    notes_words: int = 0
    notes_lines: list[str] = field(default_factory=list)


def words(text: str) -> Counter:
    return Counter(w.lower() for w in WORD.findall(text))


# -- counting a Markdown source ------------------------------------------------------------------

FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})(.*)$")


def markdown_counts(path: Path) -> Counts:
    """A Markdown deck's counts, read by the rules of its dialect (told by its name in
    SOURCES.tsv)."""
    dialect = next(r["dialect"] for r in ROWS if CORPUS / r["file"] == path)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\A(?:\s*<!--.*?-->)*\s*", "", text, flags=re.DOTALL)
    meta = {}
    if text.startswith("---\n"):
        end = text.index("\n---", 4)
        meta = yaml.safe_load(text[4:end]) or {}
        text = text[end + 4:]
    counts = Counts()
    for key in ("title", "subtitle", "author", "date"):
        if isinstance(meta.get(key), str) and not meta[key].startswith("`r"):
            counts.words += words(re.sub(r"<[^>]+>|\]\([^)]*\)", " ", meta[key]))
    lines = text.split("\n")
    body, notes, code_lines = [], [], []
    in_code, in_notes_div, in_math = None, False, False
    slide_breaks = 0
    headings: list[int] = []
    in_note = False
    refs = dict(re.findall(r"^\s*\[([^\]]+)\]:\s*\n?\s*(\S+)", text, re.MULTILINE))
    for line in lines:
        fence = FENCE.match(line)
        if in_code is None and fence:
            in_code = fence[1]
            info = fence[2].strip()
            graphics = False
            code_lines = []
            continue
        if in_code is not None:
            if line.strip().startswith(in_code) and not line.strip().strip(in_code[0]):
                in_code = None
                shown = [c for c in code_lines if not c.strip().startswith("#|")]
                if re.search(r"include\s*=\s*FALSE", info) or any(
                        re.match(r"\s*#\|\s*include:\s*false", c) for c in code_lines):
                    notes.extend(shown)  # shown nowhere in the source's own deck
                    graphics = True
                elif shown and all("include_graphics" in c for c in shown if c.strip()):
                    graphics = True  # the chunk only shows a picture
                elif any(c.strip() for c in shown) and not re.match(r"^\{=\w+\}$", info) \
                        and "child" not in info:
                    counts.code += 1
                for src in re.findall(r"include_graphics\(\s*[\"']([^\"']+)", "\n".join(
                        code_lines)):
                    counts.pictures += (path.parent / src).is_file()
                if not graphics:
                    counts.words += words("\n".join(shown))
            else:
                code_lines.append(line)
            continue
        stripped = line.strip()
        if dialect in ("Marp", "Slidev", "xaringan (R Markdown)") and stripped == "---":
            slide_breaks += 1
            in_note = False
            continue
        if re.match(r"^:{3,}\s*\{?\s*\.?notes", stripped):
            in_notes_div = True
            continue
        if in_notes_div and re.match(r"^:{3,}\s*$", stripped):
            in_notes_div = False
            continue
        if stripped.startswith("???") and dialect.startswith("xaringan"):
            in_note = True
            continue
        if in_notes_div or in_note:
            notes.append(line)
            continue
        heading = re.match(r"^(#{1,6})\s", line)
        if heading:
            headings.append(len(heading[1]))
        if stripped.startswith("$$"):
            in_math = not in_math if stripped.count("$$") == 1 else in_math
        body.append(line)
    source = "\n".join(body)
    comments = re.findall(r"<!--(.*?)-->", source, re.DOTALL)
    for comment in comments:
        if not re.match(r"^\s*(?:_?\w+\s*:|\.slide:)", comment) or dialect == "Slidev" and \
                not re.match(r"^\s*_?\w+\s*:\s*\S", comment.strip().split("\n")[0]):
            notes.append(comment)
    source = re.sub(r"<!--.*?-->", " ", source, flags=re.DOTALL)
    source = re.sub(r"<(style|script)\b.*?</\1>", " ", source, flags=re.DOTALL)
    # formulas: displayed ($$…$$, aligned environments one per line) and inline ($…$)
    for block in re.findall(r"\$\$(.*?)\$\$", source, re.DOTALL):
        inner = re.sub(r"^\s*\{[\w|,\s-]*\}", "", block)
        aligned = re.search(r"\\begin\{(aligned|align\*?|gather\*?)\}(.*?)\\end", inner,
                            re.DOTALL)
        counts.formulas += len([x for x in re.split(r"\\\\", aligned[2]) if x.strip()]) \
            if aligned else 1
    source = re.sub(r"\$\$.*?\$\$", " ", source, flags=re.DOTALL)
    inline = re.findall(r"(?<![\\$\w])\$(?=[^\s$])((?:[^$\\\n]|\\.)+?)(?<=[^\s\\])\$(?!\d)", source)
    counts.formulas += len(inline)
    source = re.sub(r"(?<![\\$\w])\$(?=[^\s$])(?:[^$\\\n]|\\.)+?(?<=[^\s\\])\$(?!\d)", " ",
                    source)
    # pictures that exist beside the deck
    alt = r"!\[(?:[^\[\]]|\[[^\]]*\])*\]"
    targets = re.findall(alt + r"\(\s*<?([^)\s>]+)", source)
    targets += [refs.get(r, "") for r in re.findall(r"!\[[^\]]*\]\[([^\]]+)\]", source)]
    targets += re.findall(r"<img\b[^>]*\bsrc=[\"']([^\"']+)", source)
    targets += re.findall(r"^image:\s*(\S+)", source, re.MULTILINE)
    counts.pictures += sum(1 for t in targets if (path.parent / t.split("?")[0]).is_file()
                           and t.lower().endswith(PICTURE_SUFFIXES))
    # tables: pipe tables' separator rows, grid tables' header rules, HTML tables
    counts.tables += len(re.findall(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$",
                                    source, re.MULTILINE))
    counts.tables += len(re.findall(r"<table\b", source))
    # words outside markup
    prose = re.sub(r"<[^>]*>", " ", source)
    prose = re.sub(alt + r"\([^)]*\)|" + alt + r"\[[^\]]*\]", " ", prose)  # pictures
    prose = re.sub(r"\]\([^)]*\)", "] ", prose)  # link targets
    prose = re.sub(r"^\s*\[[^\]]+\]:\s*\n?\s*\S+.*$", " ", prose, flags=re.MULTILINE)
    prose = re.sub(r"\{[^{}\n]*\}", " ", prose)  # attributes
    prose = re.sub(r"^(?:class|layout|background-image|name|[a-zA-Z]+):\s.*$", " ", prose,
                   flags=re.MULTILINE) if dialect in ("xaringan (R Markdown)", "Slidev") else prose
    prose = re.sub(r"\\[A-Za-z]+\*?", " ", prose)  # LaTeX commands
    prose = re.sub(r"^\s*\d+[.)]\s", " ", prose, flags=re.MULTILINE)  # list numbers
    prose = re.sub(r"^\s*(?:Notes?:).*", " ", prose, flags=re.MULTILINE)
    prose = re.sub(r"\.[A-Za-z][\w-]*\[", " ", prose)
    prose = re.sub(r"::\w+::", " ", prose)
    counts.words += words(prose)
    note_text = "\n".join(notes)
    counts.notes_words = len(note_text.split())
    counts.notes_lines = [line.strip() for line in re.split(r"\n|(?<=\.)\s", note_text)
                          if len(line.split()) >= 6]
    if dialect == "Marp":
        divider = meta.get("headingDivider") or next(iter(re.findall(
            r"headingDivider:\s*(\d)", text)), 0)
        counts.slides = slide_breaks + 1 + (sum(1 for h in headings if h <= int(divider))
                                            if divider else 0)
    elif dialect in ("Slidev", "xaringan (R Markdown)"):
        front = len(re.findall(r"^---\n(?:[\w-]+:.*\n)+---$", text, re.MULTILINE))
        counts.slides = slide_breaks + 1 - front if dialect == "Slidev" else slide_breaks + 1
    else:
        counts.slides = _pandoc_slides(source)
    return counts


def _pandoc_slides(source: str) -> int:
    """Slides as pandoc cuts them: at ``---`` rules, and at headings of the slide level (the
    highest level followed directly by content; ``##`` when nothing separates slides but
    headings and there are both levels), a heading above that level being a section slide."""
    pieces = re.split(r"^---\s*$", source, flags=re.MULTILINE)
    found = [(len(m[1]), m.end()) for m in re.finditer(r"^(#{1,6})\s.*$", source, re.MULTILINE)]
    levels = {level for level, _ in found}
    direct = {level for level, end in found
              if re.match(r"\n*\s*[^#\s]", source[end:end + 200] or "#")}
    level = min(direct) if direct else 1
    if len(pieces) < 3 and {1, 2} <= levels:
        level = 2
    total = 0
    for piece in pieces:
        heads = [m.start() for m in re.finditer(r"^(#{1,6})\s", piece, re.MULTILINE)
                 if len(re.match(r"#+", piece[m.start():])[0]) <= level]
        before = piece[:heads[0]] if heads else piece
        total += len(heads) + (1 if re.search(r"\w", before) and heads else 0) + (
            0 if heads else bool(re.search(r"\w", piece)))
    return total


# -- counting a PowerPoint source or a built deck --------------------------------------------------

def pptx_counts(path: Path, logos: bool = False) -> Counts:
    """A PowerPoint file's counts (slides' text outside notes, pictures, code boxes, tables,
    equations, notes). With ``logos`` false, a picture most slides repeat is not counted."""
    counts = Counts()
    with zipfile.ZipFile(path) as package:
        slides = sorted((n for n in package.namelist()
                         if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                        key=lambda n: int(re.search(r"\d+", n)[0]))
        pictures = Counter()
        per_slide = []
        for name in slides:
            xml = package.read(name)
            if b"<a14:" in xml:
                xml = xml.replace(b"<p:sld ", b'<p:sld xmlns:a14="http://schemas.microsoft.com/'
                                  b'office/drawing/2010/main" ', 1) if b"xmlns:a14" not in \
                    xml[:2000] else xml
            try:
                root = etree.fromstring(xml)
            except etree.XMLSyntaxError:
                root = etree.fromstring(xml.replace(b"<p:sld ", b'<p:sld xmlns:a14="http://'
                                        b'schemas.microsoft.com/office/drawing/2010/main" ', 1))
            rels = _rels(package, name)
            seen = set()
            for blip in root.iter(A + "blip"):
                target = rels.get(blip.get(
                    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"))
                if target:
                    seen.add(target)
            per_slide.append(seen)
            pictures.update(seen)
            counts.tables += len(list(root.iter(A + "tbl")))
            for math in root.iter(M + "oMath"):
                rows = [e for e in math if e.tag == M + "eqArr"]
                counts.formulas += len([e for e in rows[0] if e.tag == M + "e"]) if (
                    rows and len(math) == 1) else 1
            for shape in root.iter(P + "sp"):
                runs = [r for r in shape.iter(A + "r") if (r.findtext(A + "t") or "").strip()]
                fonts = [(r.find(A + "rPr/" + A + "latin") is not None and r.find(
                    A + "rPr/" + A + "latin").get("typeface", "").lower()) or "" for r in runs]
                if runs and all(any(m in f for m in ("courier", "mono", "consolas", "menlo"))
                                for f in fonts) and shape.find(P + "nvSpPr/" + P + "nvPr/"
                                                               + P + "ph") is None:
                    counts.code += 1
            for t in root.iter(A + "t"):
                if _inside_fallback(t):
                    continue
                counts.words += words(t.text or "")
            counts.words += words(" ".join(t.text or "" for t in root.iter(M + "t")))
        counts.slides = len(slides)
        repeated = {p for p, n in pictures.items() if len(slides) >= 4 and n >= max(
            3, 0.5 * len(slides))}
        counts.pictures = sum(len(s if logos else s - repeated) for s in per_slide)
        notes = [n for n in package.namelist() if re.fullmatch(r"ppt/notesSlides/\w+\.xml", n)]
        note_text = []
        for name in notes:
            root = etree.fromstring(package.read(name))
            for shape in root.iter(P + "sp"):
                ph = shape.find(P + "nvSpPr/" + P + "nvPr/" + P + "ph")
                if ph is not None and ph.get("type") == "body":
                    note_text.append(" ".join(t.text or "" for t in shape.iter(A + "t")))
        text = "\n".join(note_text)
        counts.notes_words = len(text.split())
        counts.notes_lines = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text)
                              if len(s.split()) >= 6]
    return counts


def _inside_fallback(element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == MC + "Fallback":
            return True
        parent = parent.getparent()
    return False


def _rels(package: zipfile.ZipFile, name: str) -> dict[str, str]:
    rels = name.replace("slides/", "slides/_rels/") + ".rels"
    if rels not in package.namelist():
        return {}
    root = etree.fromstring(package.read(rels))
    return {r.get("Id"): r.get("Target") for r in root}


def built_slide_text(path: Path) -> tuple[str, str]:
    """The built deck's slide text (code listings and inline code left out) and its code."""
    text, code = [], []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
                continue
            root = etree.fromstring(package.read(name))
            for run in root.iter(A + "r"):
                latin = run.find(A + "rPr/" + A + "latin")
                mono = latin is not None and any(m in latin.get("typeface", "").lower()
                                                 for m in ("mono", "courier", "consolas"))
                (code if mono else text).append(run.findtext(A + "t") or "")
            for t in root.iter(M + "t"):
                text.append(t.text or "")
    return "\n".join(text), "\n".join(code)


# -- the measures ----------------------------------------------------------------------------------

@dataclass
class Measure:
    deck: str
    split: str
    words: float
    pictures: tuple[int, int]
    code: tuple[int, int]
    tables: tuple[int, int]
    formulas: tuple[int, int]
    notes: tuple[int, int]
    notes_on_slides: int
    markup: Counter
    slides: tuple[int, int]


def _title_slide(path: Path) -> int:
    """1 when a Markdown source's front matter makes a title slide (PowerPoint counts its own)."""
    if path.suffix == ".pptx":
        return 0
    head = path.read_text(encoding="utf-8")[:3000]
    return int(bool(re.search(r"^title:\s*\S", head, re.MULTILINE)))


def _source_text(path: Path) -> str:
    """The text a PowerPoint source shows on its slides (markup-like text there is the
    lecture's own); nothing for Markdown, whose markup is what must not be printed."""
    if path.suffix != ".pptx":
        return ""
    with zipfile.ZipFile(path) as package:
        return "\n".join(html.unescape(t.decode("utf-8", "replace"))
                         for name in package.namelist()
                         if re.fullmatch(r"ppt/slides/slide\d+\.xml", name)
                         for t in re.findall(rb"<a:t>([^<]*)</a:t>", package.read(name)))


def source_counts(path: Path) -> Counts:
    return pptx_counts(path) if path.suffix == ".pptx" else markdown_counts(path)


def measure(path: Path, tmp_path: Path) -> Measure:
    source = source_counts(path)
    result = import_file(path, tmp_path / "deck.yaml", force=True)
    deck = load_deck(result.output)
    built = build_deck(result.output, tmp_path / "out", formats=("pptx",))
    assert built.ok, built.error
    pptx = next(p for p in built.outputs if p.suffix == ".pptx")
    slide_text, code_text = built_slide_text(pptx)
    built_words = words(slide_text) + words(code_text)
    total = sum(source.words.values())
    reached = sum(min(n, built_words[w]) for w, n in source.words.items())
    built_counts = pptx_counts(pptx, logos=True)
    notes_words = sum(len(s.notes.split()) for s in deck.slides)
    flat = re.sub(r"\s+", " ", slide_text.lower())
    on_slides = sum(1 for line in source.notes_lines
                    if re.sub(r"\s+", " ", line.lower())[:60] in flat)
    legit = _source_text(path)  # a PowerPoint lecture may show "<module>" as text
    legit += "\n".join(line.rpartition("): ")[2] for line in result.summary.dropped
                       if "kept as text" in line)  # formulas the builder cannot read
    printed = Counter({kind: len([hit for hit in pattern.findall(slide_text) if hit not in legit])
                       for kind, pattern in PRINTED_MARKUP.items()})
    summary = result.summary
    return Measure(path.parent.name, path.parent.parent.name,
                   reached / total if total else 1.0,
                   (built_counts.pictures, source.pictures), (summary.code, source.code),
                   (summary.tables, source.tables), (summary.formulas, source.formulas),
                   (notes_words, source.notes_words), on_slides, +printed,
                   (len(deck.slides) + 1, source.slides + _title_slide(path)))


# -- the tests -------------------------------------------------------------------------------------

@pytest.mark.slow  # imports every file of the corpus
class DescribeTheImportSummary:
    @pytest.mark.parametrize("path", DECKS, ids=lambda p: p.parent.name)
    def it_counts_what_the_source_holds(self, tmp_path, path):
        source = source_counts(path)
        summary = read_source(path).summary
        assert (summary.pictures, summary.tables, summary.code) == (
            source.pictures, source.tables, source.code)
        assert summary.formulas + summary.formulas_as_text == source.formulas
        assert abs(summary.notes_words - source.notes_words) <= max(3, 0.05 * source.notes_words)


MEASURES: list[Measure] = []


@pytest.mark.slow
class DescribeTheCorpus:
    @pytest.mark.parametrize("path", DECKS, ids=lambda p: f"{p.parent.parent.name}-"
                             f"{p.parent.name}")
    def it_imports_and_builds_each_deck_keeping_its_content(self, tmp_path, path):
        found = measure(path, tmp_path)
        MEASURES.append(found)
        assert found.words >= 0.90, found
        assert found.code[0] >= found.code[1], found
        assert found.tables[0] >= found.tables[1], found
        assert found.notes_on_slides == 0, found
        assert not found.markup, found
        low, high = found.slides[1] * 0.85, found.slides[1] * 1.15
        assert low <= found.slides[0] <= high, found

    def it_meets_the_targets_over_each_half(self):
        if len(MEASURES) < len(DECKS):
            pytest.skip("run with the whole corpus (the per-deck tests fill the measures)")
        _print(MEASURES)
        for split in ("dev", "heldout"):
            half = [m for m in MEASURES if m.split == split]
            assert statistics.median(m.words for m in half) >= 0.97
            placed, pictures = (sum(m.pictures[i] for m in half) for i in (0, 1))
            assert placed >= 0.95 * pictures
            math, formulas = (sum(m.formulas[i] for m in half) for i in (0, 1))
            assert math >= 0.95 * formulas
            kept, notes = (sum(m.notes[i] for m in half) for i in (0, 1))
            assert kept >= 0.95 * notes


def _print(measures: list[Measure]) -> None:
    lines = ["| half | deck | words | pictures | code | tables | formulas as math | notes words "
             "| notes on slides | markup printed | slides |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for m in sorted(measures, key=lambda m: (m.split, m.deck)):
        lines.append(f"| {m.split} | {m.deck} | {m.words:.1%} | {m.pictures[0]}/{m.pictures[1]} "
                     f"| {m.code[0]}/{m.code[1]} | {m.tables[0]}/{m.tables[1]} | "
                     f"{m.formulas[0]}/{m.formulas[1]} | {m.notes[0]}/{m.notes[1]} | "
                     f"{m.notes_on_slides} | {sum(m.markup.values())} | "
                     f"{m.slides[0]}/{m.slides[1]} |")
    for split in ("dev", "heldout"):
        half = [m for m in measures if m.split == split]
        if not half:
            continue
        total = [sum(getattr(m, name)[i] for m in half) for name in ("pictures", "code",
                 "tables", "formulas", "notes") for i in (0, 1)]
        lines.append(f"\n{split}: median {statistics.median(m.words for m in half):.1%} of the "
                     f"words (lowest {min(m.words for m in half):.1%}), pictures {total[0]}/"
                     f"{total[1]}, code {total[2]}/{total[3]}, tables {total[4]}/{total[5]}, "
                     f"formulas as math {total[6]}/{total[7]}, notes words {total[8]}/{total[9]},"
                     f" notes sentences on slides {sum(m.notes_on_slides for m in half)}, markup "
                     f"printed {sum(sum(m.markup.values()) for m in half)}")
    table = "\n".join(lines)
    print("\n" + table)
    target = os.environ.get("DECK_CORPUS_REPORT")
    if target:
        Path(target).write_text(table + "\n", encoding="utf-8")
