"""PDFs: the PPTX through LibreOffice; a handout (with notes) and the steps PDF of the HTML deck via
Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.errors import BuildError, UsageError

SOFFICE_NAMES = ("soffice", "libreoffice")
DEBIAN_PACKAGE = "libreoffice-impress"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_PACKAGE = "chromium"
TIMEOUT_SECONDS = 300
# --handout-layout: slides per A4 page (3: beside ruled lines for notes), or each slide with its
# speaker notes (docs/handouts.md).
HANDOUT_LAYOUTS = ("1", "2", "3", "4", "6", "notes")


def _find(variable: str, names: tuple[str, ...]) -> str | None:
    """The program ``$VARIABLE`` names, else the first of ``names`` on PATH, if any."""
    override = os.environ.get(variable)
    if override:
        return shutil.which(override)
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def find_soffice() -> str | None:
    """The LibreOffice executable (``$DECK_SOFFICE`` first, then ``soffice`` on PATH), if any."""
    return _find("DECK_SOFFICE", SOFFICE_NAMES)


def find_chromium() -> str | None:
    """A Chromium or Chrome executable (``$DECK_CHROMIUM`` first, then the usual names)."""
    return _find("DECK_CHROMIUM", CHROMIUM_NAMES)


def missing_message() -> str:
    """What to do when LibreOffice is not installed."""
    override = os.environ.get("DECK_SOFFICE")
    if override:
        return (f"PDF output needs LibreOffice, but DECK_SOFFICE={override} is not an executable "
                "program; point DECK_SOFFICE at soffice, or unset it to use the one on PATH")
    return ("PDF output needs LibreOffice, which was not found (no 'soffice' on PATH); install "
            f"the Debian package {DEBIAN_PACKAGE} (sudo apt-get install {DEBIAN_PACKAGE}) or "
            "build without pdf, e.g. --format pptx,html")


def run_program(command: list[str], program: str, doing: str, target: Path) -> bytes:
    """Run ``command`` (``program`` names it in messages) and return the file it wrote."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as err:
        raise BuildError(f"{program} did not finish {doing} within {TIMEOUT_SECONDS} s") from err
    except OSError as err:
        raise BuildError(f"cannot run {program} ({command[0]}): {err.strerror}") from err
    if done.returncode != 0 or not target.is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BuildError(f"{program} failed {doing} (exit code {done.returncode})"
                         f"{': ' + detail[-1] if detail else ''}")
    return target.read_bytes()


_RTL_TABLE = re.compile(rb'<a:tblPr[^>]*\brtl="(?:1|true)"')


def with_mirrored_tables(pptx: bytes) -> bytes:
    """A copy of the presentation ``pptx`` whose right-to-left tables (``a:tblPr rtl="1"``)
    have their columns written from right to left instead, unflagged.

    PowerPoint draws such a table's first column on the right; LibreOffice reads the flag but
    draws every table left to right, so the copy it converts holds the columns in the order
    they are seen. The .pptx itself keeps the flag (and the order PowerPoint reads cells in).
    """
    return _rewrite_slides(pptx, _mirror_tables)


def _mirror_tables(xml: bytes) -> bytes:
    if not _RTL_TABLE.search(xml):
        return xml
    from lxml import etree

    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root = etree.fromstring(xml)
    for props in root.iter(f"{a}tblPr"):
        if props.get("rtl") not in ("1", "true"):
            continue
        del props.attrib["rtl"]
        table = props.getparent()
        for parent, child in ((table.find(f"{a}tblGrid"), "gridCol"),
                              *((row, "tc") for row in table.iter(f"{a}tr"))):
            items = parent.findall(f"{a}{child}")
            for item in items:
                parent.remove(item)
            parent.extend(reversed(items))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rewrite_slides(pptx: bytes, change) -> bytes:
    """A copy of the presentation ``pptx`` with ``change`` applied to each slide's XML."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(pptx)) as src, zipfile.ZipFile(
            out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("ppt/slides/slide") and item.filename.endswith(".xml"):
                data = change(data)
            dst.writestr(item, data)
    return out.getvalue()


def pptx_to_pdf(pptx: bytes, name: str = "deck") -> bytes:
    """The PDF LibreOffice makes of the presentation ``pptx`` (its bytes): the file itself,
    whose lines LibreOffice draws where the layout put them (its slides' text frames state no
    autofit for LibreOffice to apply: docs/pptx.md, *Autofit*)."""
    soffice = find_soffice()
    if soffice is None:
        raise BuildError(missing_message())
    with tempfile.TemporaryDirectory(prefix="deck-pdf-") as tmp:
        work = Path(tmp)
        source = work / f"{name}.pptx"
        source.write_bytes(with_mirrored_tables(pptx))  # else as written
        profile = (work / "profile").as_uri()  # a private profile: parallel runs never clash
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work), str(source)]
        return run_program(command, "LibreOffice", f"converting {name}.pptx to PDF",
                    work / f"{name}.pdf")


def html_to_handout(html: bytes, name: str = "deck", layout: str = "notes") -> bytes:
    """A handout PDF of the HTML deck in one of ``HANDOUT_LAYOUTS``: A4 pages with the deck
    title in a header and page numbers, printed in light colours."""
    if layout not in HANDOUT_LAYOUTS:
        raise UsageError(f"unknown handout layout {layout!r}; expected one of "
                         f"{', '.join(HANDOUT_LAYOUTS)}")
    return _print_html(html, name, "handout", f"?handout={layout}")


def html_to_steps(html: bytes, name: str = "deck") -> bytes:
    """The steps PDF of the HTML deck: a revealed slide once per click (see ``reveal``), for
    course platforms that show a PDF page by page and cannot animate."""
    return _print_html(html, name, "steps", "?steps=pages")


def _print_html(html: bytes, name: str, fmt: str, query: str) -> bytes:
    """The HTML deck printed by headless Chromium, opened with ``query``."""
    chromium = find_chromium()
    if chromium is None:
        raise BuildError(f"the {fmt} PDF needs Chromium or Chrome, which was not found; "
                         f"install the Debian package {CHROMIUM_PACKAGE} (sudo apt-get install "
                         f"{CHROMIUM_PACKAGE}) or build without {fmt}")
    with tempfile.TemporaryDirectory(prefix=f"deck-{fmt}-") as tmp:
        work = Path(tmp)
        page = work / f"{name}.html"
        page.write_bytes(html)
        target = work / f"{name}-{fmt}.pdf"
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update",
                   f"--user-data-dir={work / 'profile'}", "--no-pdf-header-footer",
                   f"--print-to-pdf={target}", page.as_uri() + query]
        return run_program(command, "Chromium", f"printing the {fmt} PDF of {name}", target)
