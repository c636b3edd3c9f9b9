"""The per-user cache: where it is, that it is private, and that it holds data only."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import __version__
from generator.cache import TABLE_FORMAT, cache_dir, conforms, is_float, read_table, write_table

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"


def test_the_cache_lives_under_xdg_cache_home_by_version_and_kind(tmp_path, monkeypatch):
    monkeypatch.delenv("DECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir("fonts") == tmp_path / "lecture-deck" / __version__ / "fonts"
    assert (tmp_path / "lecture-deck" / __version__ / "fonts").is_dir()


def test_deck_cache_dir_moves_it_and_off_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DECK_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir("x") == tmp_path / "c" / __version__ / "x"
    monkeypatch.setenv("DECK_CACHE_DIR", "off")
    assert cache_dir("x") is None


def test_an_unusable_cache_folder_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    monkeypatch.setenv("DECK_CACHE_DIR", str(blocker))
    assert cache_dir("x") is None


def test_the_cache_folders_are_made_private(tmp_path, monkeypatch):
    monkeypatch.setenv("DECK_CACHE_DIR", str(tmp_path / "c"))
    folder = cache_dir("font-widths")
    modes = [oct(p.stat().st_mode & 0o777) for p in (tmp_path / "c", folder.parent, folder)]
    assert modes == ["0o700", "0o700", "0o700"]


def test_loose_cache_folders_are_tightened_and_a_base_others_may_write_to_is_not_used(
        tmp_path, monkeypatch):
    monkeypatch.setenv("DECK_CACHE_DIR", str(tmp_path / "c"))
    (tmp_path / "c" / __version__ / "build").mkdir(parents=True)
    for folder in (tmp_path / "c", tmp_path / "c" / __version__, tmp_path / "c" / __version__ /
                   "build"):
        os.chmod(folder, 0o755)
    os.chmod(tmp_path / "c" / __version__, 0o777)
    folder = cache_dir("build")
    modes = [oct(p.stat().st_mode & 0o777) for p in (tmp_path / "c", folder.parent, folder)]
    assert modes == ["0o755", "0o700", "0o700"]  # the user's own base folder is left alone
    os.chmod(tmp_path / "c", 0o777)
    assert cache_dir("build") is None


def test_tables_are_written_readable_by_their_owner_only(tmp_path):
    write_table(tmp_path / "t.json", "font-widths", {"word": 1.5})
    assert oct((tmp_path / "t.json").stat().st_mode & 0o777) == "0o600"
    assert read_table(tmp_path / "t.json", "font-widths", is_float) == {"word": 1.5}


@pytest.mark.parametrize("planted", [
    {"table": "lecture-deck cache table", "format": TABLE_FORMAT, "kind": "font-widths",
     "entries": {"word": "wide"}},                       # a value of the wrong type
    {"table": "lecture-deck cache table", "format": TABLE_FORMAT, "kind": "font-widths",
     "entries": {"word": 1.5, "other": [1.0]}},          # one entry wrong spoils the table
    {"table": "lecture-deck cache table", "format": TABLE_FORMAT - 1, "kind": "font-widths",
     "entries": {"word": 1.5}},                          # another format version
    {"table": "lecture-deck cache table", "format": TABLE_FORMAT, "kind": "fontconfig",
     "entries": {"word": 1.5}},                          # another kind of table
    ["not", "a", "table"],
])
def test_a_well_formed_table_that_does_not_validate_is_ignored(tmp_path, planted):
    (tmp_path / "t.json").write_text(json.dumps(planted))
    assert read_table(tmp_path / "t.json", "font-widths", is_float) == {}


def test_a_table_holding_a_code_object_is_never_loaded(tmp_path):
    (tmp_path / "t.json").write_bytes(marshal.dumps({"word": compile("1", "x", "eval")}))
    assert read_table(tmp_path / "t.json", "font-widths", is_float) == {}


def test_a_table_that_is_a_link_is_not_read(tmp_path):
    write_table(tmp_path / "real.json", "font-widths", {"word": 1.5})
    (tmp_path / "t.json").symlink_to(tmp_path / "real.json")
    assert read_table(tmp_path / "t.json", "font-widths", is_float) == {}


def _as_another_user(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root (CI runs as root)")
    os.chown(path, 65534, 65534, follow_symlinks=False)


def test_a_table_owned_by_another_user_is_not_read(tmp_path):
    write_table(tmp_path / "t.json", "font-widths", {"word": 1.5})
    _as_another_user(tmp_path / "t.json")
    assert read_table(tmp_path / "t.json", "font-widths", is_float) == {}


def test_a_cache_folder_owned_by_another_user_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("DECK_CACHE_DIR", str(tmp_path / "shared"))
    (tmp_path / "shared" / __version__ / "build").mkdir(parents=True)
    _as_another_user(tmp_path / "shared" / __version__)
    assert cache_dir("build") is None


def test_what_comes_back_from_the_cache_is_checked_against_its_declared_type():
    assert conforms({"a": [1, 2, "ff"]}, dict[str, list[int | str]])
    assert not conforms({"a": [1, 2.5]}, dict[str, list[int | str]])
    assert conforms(("a", 1), tuple[str, int]) and not conforms(("a", 1, 2), tuple[str, int])
    assert not conforms(True, int)  # a bool is not taken for a number


# A build in a new process; it prints whether the planted code ran.
_BUILD = """
import sys
from pathlib import Path
from generator.cli import main
try:
    main(["-q", "build", "--force", LECTURE, "-o", OUT])
except SystemExit as exit:
    assert not exit.code, exit.code
print(Path(MARKER).exists())
"""


def _build_in_new_process(cache: Path, out: Path, marker: Path) -> str:
    code = (_BUILD.replace("LECTURE", repr(str(LECTURE))).replace("OUT", repr(str(out)))
            .replace("MARKER", repr(str(marker))))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "DECK_CACHE_DIR": str(cache)}, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.slow
def test_a_build_ignores_planted_tables_and_code_and_rewrites_the_tables(tmp_path):
    cache, out, marker = tmp_path / "cache", tmp_path / "out", tmp_path / "ran"
    assert _build_in_new_process(cache, out, marker) == "False"
    tables = sorted((cache / __version__).rglob("*.json"))
    assert {t.parent.name for t in tables} >= {"font-widths", "fontconfig", "build"}
    payload = compile(f"open({str(marker)!r}, 'w').close()", "planted", "exec")
    for table in tables:  # well-formed, but every value of the wrong type
        data = json.loads(table.read_text())
        data["entries"] = {key: {"wrong": True} for key in data["entries"]}
        table.write_text(json.dumps(data))
    for kind in ("dataclasses", "jinja", "font-widths"):  # where code was, or could be, kept
        folder = cache / __version__ / kind
        folder.mkdir(exist_ok=True)
        (folder / f"{sys.implementation.cache_tag}-{sys.version.split()[0]}.marshal"
         ).write_bytes(marshal.dumps({"x": payload}))
    if os.geteuid() == 0:  # and one table planted by another user (a shared DECK_CACHE_DIR)
        os.chown(tables[0], 65534, 65534)
    before = (out / "soviet_foreign_policy.pptx").read_bytes()
    assert _build_in_new_process(cache, out, marker) == "False"
    assert (out / "soviet_foreign_policy.pptx").read_bytes() == before
    for table in tables:  # rewritten with good values, by this user
        assert table.stat().st_uid == os.getuid()
        entries = json.loads(table.read_text())["entries"]
        assert entries and not any(value == {"wrong": True} for value in entries.values())


# -- installed fonts ------------------------------------------------------------------------------

_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <!-- <dir>/nowhere</dir> is a comment, not a folder -->
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>FOLDER</dir>
</fontconfig>
"""


@pytest.mark.slow
def test_installing_a_font_into_a_configured_folder_rebuilds_and_measures_with_it(tmp_path):
    fonts = tmp_path / "my-fonts"
    fonts.mkdir()
    os.utime(fonts, ns=(0, 0))  # made long ago: installing the font is what changes it
    conf = tmp_path / "fonts.conf"
    conf.write_text(_FONTS_CONF.replace("FOLDER", str(fonts)))
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: T\nstyle:\n  fonts: {body: Deckfont Sans}\nslides:\n"
                    "  - title: A slide\n    bullets: [one, two]\n", encoding="utf-8")
    env = {**os.environ, "DECK_CACHE_DIR": str(tmp_path / "cache"),
           "FONTCONFIG_FILE": str(conf)}

    def build() -> str:
        done = subprocess.run([sys.executable, "-m", "generator", "build", str(deck), "-o",
                               str(tmp_path / "out")], capture_output=True, text=True, env=env,
                              cwd=ROOT, check=True)
        return done.stdout.split()[0] + (" (font missing)" if "Deckfont" in done.stderr else "")

    before = [build(), build()]
    shutil.copy("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                fonts / "DeckfontSans-Regular.ttf")
    after = [build(), build()]
    assert before == ["built (font missing)", "unchanged (font missing)"]
    assert after == ["built", "unchanged"]
