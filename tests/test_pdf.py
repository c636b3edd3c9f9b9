"""``deck build --format pdf``: a PDF through LibreOffice, or a message naming the package."""

from __future__ import annotations

import pytest

from conftest import require_tool
from conftest import run_deck
from generator.pdf import find_soffice

DECK = "title: Printed deck\nslides:\n  - title: One\n    bullets: [A point]\n"




@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talk.yaml").write_text(DECK, encoding="utf-8")
    return tmp_path


class DescribePdfOutput:
    def it_converts_the_pptx_with_libreoffice(self, project, capsys):
        require_tool("LibreOffice", find_soffice() is not None,
                     "soffice is not on PATH (apt-get install libreoffice-impress)")
        code, out, err = run_deck(capsys, "build", "talk.yaml", "--format", "pdf")
        assert code == 0, err
        assert out.endswith(" s  → output/talk.pdf\n")
        assert (project / "output" / "talk.pdf").read_bytes().startswith(b"%PDF-")
        assert not (project / "output" / "talk.pptx").exists()

    def it_names_the_debian_package_when_libreoffice_is_missing(self, project, capsys,
                                                                 monkeypatch):
        monkeypatch.setenv("DECK_SOFFICE", "no-such-soffice")
        code, _, err = run_deck(capsys, "build", "talk.yaml", "--format", "html,pdf")
        assert code == 1
        assert ("error: PDF output needs LibreOffice, which was not found (no 'soffice' on "
                "PATH); install the Debian package libreoffice-impress (sudo apt-get install "
                "libreoffice-impress) or build without pdf, e.g. --format pptx,html"
                in err.splitlines())
        assert not (project / "output" / "talk.html").exists()
