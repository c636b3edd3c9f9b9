"""The package works installed non-editable: the wheel carries every module and the templates."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds and installs a wheel

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    str(ROOT), "-w", str(out)], check=True, capture_output=True)
    return next(out.glob("*.whl"))


def test_the_wheel_holds_every_module_of_the_generator(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "generator").rglob("*.py")}
    assert modules - names == set()


def test_the_wheel_ships_the_templates_inside_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {str(Path("generator") / p.relative_to(ROOT))
               for p in (ROOT / "templates").rglob("*") if p.is_file()}
    assert shipped and shipped - names == set()


def test_an_installed_wheel_builds_a_deck_from_any_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    deck = tmp_path / "talk.yaml"
    deck.write_text("title: T\ntheme: dark\nslides:\n  - title: A\n    bullets: [b]\n",
                    encoding="utf-8")
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin",
           "DECK_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "talk.yaml", "-o", "out"],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "talk.pptx").is_file() and (tmp_path / "out" / "talk.html").is_file()
    probe = subprocess.run([sys.executable, "-c", "import generator.themes.theme as t; "
                            "print(t.TEMPLATES_DIR)"], cwd=tmp_path, env=env,
                           capture_output=True, text=True)
    assert probe.stdout.strip() == str(target / "generator" / "templates")
