"""``--format pdf`` (LibreOffice) and ``--format handout`` (Chromium), or the package to install."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import run_deck


DECK = ("title: Printed deck\nslides:\n  - title: One\n    bullets: [A point]\n"
        "    notes: Say this aloud.\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talk.yaml").write_text(DECK, encoding="utf-8")
    return tmp_path


class DescribePdfOutput:
    def it_converts_the_pptx_with_libreoffice(self, project, capsys, libreoffice):
        code, out, err = run_deck(capsys, "build", "talk.yaml", "--format", "pdf")
        assert code == 0, err
        assert out.endswith(" s  → output/talk.pdf\n")
        assert (project / "output" / "talk.pdf").read_bytes().startswith(b"%PDF-")
        assert not (project / "output" / "talk.pptx").exists()

    def it_names_the_debian_package_when_libreoffice_is_missing(self, project, capsys,
                                                                 monkeypatch):
        monkeypatch.delenv("DECK_SOFFICE", raising=False)
        monkeypatch.setenv("PATH", str(project / "empty-bin"))
        code, _, err = run_deck(capsys, "build", "talk.yaml", "--format", "html,pdf")
        assert code == 1
        assert ("error: PDF output needs LibreOffice, which was not found (no 'soffice' on "
                "PATH); install the Debian package libreoffice-impress (sudo apt-get install "
                "libreoffice-impress) or build without pdf, e.g. --format pptx,html"
                in err.splitlines())
        assert not (project / "output" / "talk.html").exists()

    def it_reports_a_libreoffice_that_fails(self, project, capsys, monkeypatch):
        monkeypatch.setenv("DECK_SOFFICE", "false")
        code, _, err = run_deck(capsys, "build", "talk.yaml", "--format", "pdf")
        assert code == 1
        assert ("error: LibreOffice failed converting talk.pptx to PDF (exit code 1)"
                in err.splitlines())

    def it_says_when_deck_soffice_points_nowhere(self, project, capsys, monkeypatch):
        monkeypatch.setenv("DECK_SOFFICE", "no-such-soffice")
        code, _, err = run_deck(capsys, "build", "talk.yaml", "--format", "pdf")
        assert code == 1
        assert ("error: PDF output needs LibreOffice, but DECK_SOFFICE=no-such-soffice is not an "
                "executable program; point DECK_SOFFICE at soffice, or unset it to use the one "
                "on PATH" in err.splitlines())


class DescribeHandoutOutput:
    def it_prints_the_html_deck_with_its_notes_one_slide_per_page(self, project, capsys,
                                                                  print_chromium):
        code, out, err = run_deck(capsys, "build", "talk.yaml", "--format", "handout")
        assert code == 0, err
        assert out.endswith(" s  → output/talk-handout.pdf\n")
        pdf = project / "output" / "talk-handout.pdf"
        assert pdf.read_bytes().startswith(b"%PDF-")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                              text=True).stdout if shutil.which("pdftotext") else ""
        if text:
            assert "Say this aloud." in text and "A point" in text
            assert text.count("\f") == 2  # two slides, two pages

    def it_names_the_debian_package_when_chromium_is_missing(self, project, capsys,
                                                              monkeypatch):
        monkeypatch.setenv("DECK_CHROMIUM", "no-such-chromium")
        code, _, err = run_deck(capsys, "build", "talk.yaml", "--format", "handout")
        assert code == 1
        assert ("error: the handout PDF needs Chromium or Chrome, which was not found; install "
                "the Debian package chromium (sudo apt-get install chromium) or build without "
                "handout" in err.splitlines())
