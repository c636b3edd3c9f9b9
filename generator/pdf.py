"""PDFs: the PPTX through LibreOffice, and a handout of the HTML deck (with notes) via Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import BuildError

SOFFICE_NAMES = ("soffice", "libreoffice")
DEBIAN_PACKAGE = "libreoffice-impress"
TIMEOUT_SECONDS = 300


def find_soffice() -> str | None:
    """The LibreOffice executable (``$DECK_SOFFICE`` first, then ``soffice`` on PATH), if any."""
    override = os.environ.get("DECK_SOFFICE")
    if override:
        return shutil.which(override)
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def missing_message() -> str:
    """What to do when LibreOffice is not installed."""
    override = os.environ.get("DECK_SOFFICE")
    if override:
        return (f"PDF output needs LibreOffice, but DECK_SOFFICE={override} is not an executable "
                "program; point DECK_SOFFICE at soffice, or unset it to use the one on PATH")
    return ("PDF output needs LibreOffice, which was not found (no 'soffice' on PATH); install "
            f"the Debian package {DEBIAN_PACKAGE} (sudo apt-get install {DEBIAN_PACKAGE}) or "
            "build without pdf, e.g. --format pptx,html")


def pptx_to_pdf(pptx: bytes, name: str = "deck") -> bytes:
    """The PDF LibreOffice makes of the presentation ``pptx`` (its bytes)."""
    soffice = find_soffice()
    if soffice is None:
        raise BuildError(missing_message())
    with tempfile.TemporaryDirectory(prefix="deck-pdf-") as tmp:
        work = Path(tmp)
        source = work / f"{name}.pptx"
        source.write_bytes(pptx)
        profile = (work / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as err:
            raise BuildError(f"LibreOffice did not finish converting {name}.pptx to PDF within "
                             f"{TIMEOUT_SECONDS} s") from err
        except OSError as err:
            raise BuildError(f"cannot run LibreOffice ({soffice}): {err.strerror}") from err
        target = work / f"{name}.pdf"
        if done.returncode != 0 or not target.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise BuildError(f"LibreOffice could not convert {name}.pptx to PDF (exit code "
                             f"{done.returncode}){': ' + detail[-1] if detail else ''}")
        return target.read_bytes()


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_PACKAGE = "chromium"


def find_chromium() -> str | None:
    """A Chromium or Chrome executable (``$DECK_CHROMIUM`` first, then the usual names)."""
    override = os.environ.get("DECK_CHROMIUM")
    if override:
        return shutil.which(override)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_handout(html: bytes, name: str = "deck") -> bytes:
    """A handout PDF of the HTML deck: one slide per page with its speaker notes below."""
    chromium = find_chromium()
    if chromium is None:
        raise BuildError("the handout PDF needs Chromium or Chrome, which was not found; "
                         f"install the Debian package {CHROMIUM_PACKAGE} (sudo apt-get install "
                         f"{CHROMIUM_PACKAGE}) or build without handout")
    with tempfile.TemporaryDirectory(prefix="deck-handout-") as tmp:
        work = Path(tmp)
        page = work / f"{name}.html"
        page.write_bytes(html)
        target = work / f"{name}-handout.pdf"
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update",
                   f"--user-data-dir={work / 'profile'}", "--no-pdf-header-footer",
                   f"--print-to-pdf={target}", page.as_uri() + "?notes"]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as err:
            raise BuildError(f"Chromium did not print the handout of {name} within "
                             f"{TIMEOUT_SECONDS} s") from err
        except OSError as err:
            raise BuildError(f"cannot run Chromium ({chromium}): {err.strerror}") from err
        if done.returncode != 0 or not target.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise BuildError(f"Chromium could not print the handout of {name} (exit code "
                             f"{done.returncode}){': ' + detail[-1] if detail else ''}")
        return target.read_bytes()
