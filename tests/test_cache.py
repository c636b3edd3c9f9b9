"""The per-user cache folder: where it is, how to move it or turn it off."""

from __future__ import annotations

import sys
from pathlib import Path

from generator import __version__
from generator.cache import cache_dir


def test_the_cache_lives_under_xdg_cache_home_by_version_and_kind(tmp_path, monkeypatch):
    monkeypatch.delenv("DECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir("jinja") == tmp_path / "lecture-deck" / __version__ / "jinja"
    assert (tmp_path / "lecture-deck" / __version__ / "jinja").is_dir()


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


# A new process that builds the lecture, and reports how many dataclass methods it compiled from
# source and how one of the classes behaves.
_BUILD_AND_USE_A_DATACLASS = """
import builtins, dataclasses
compiled = []
real_compile = builtins.compile
def counting_compile(source, *args, **kwargs):
    if isinstance(source, str) and source.startswith("def __create_fn__("):
        compiled.append(source)
    return real_compile(source, *args, **kwargs)
builtins.compile = counting_compile
from generator.cli import main
try:
    main(["-q", "build", "--force", "slides_src/soviet_foreign_policy.yaml", "-o", OUT])
except SystemExit as exit:
    assert not exit.code, exit.code
from generator.source.model import Bullet, Mark
mark = Mark("deck.yaml", 3, 7)
try:
    mark.line = 4
except dataclasses.FrozenInstanceError as error:
    frozen = repr(error)
print(len(compiled))
print(repr(mark), str(mark), mark == Mark("deck.yaml", 3, 7), mark == Mark("deck.yaml", 3, 8),
      hash(mark) == hash(Mark("deck.yaml", 3, 7)), frozen,
      Bullet("a", mark=mark) == Bullet("a"), repr(Bullet("a", (Bullet("b"),))))
"""


def _build_and_use_a_dataclass(cache: str, out: Path) -> tuple[int, str]:
    import os
    import subprocess

    code = _BUILD_AND_USE_A_DATACLASS.replace("OUT", repr(str(out)))
    lines = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, env={**os.environ, "DECK_CACHE_DIR": cache},
                         cwd=Path(__file__).resolve().parent.parent).stdout.splitlines()
    return int(lines[0]), lines[1]


def test_dataclass_methods_are_compiled_once_and_then_come_from_the_cache(tmp_path):
    first, _ = _build_and_use_a_dataclass(str(tmp_path), tmp_path / "out")
    second, _ = _build_and_use_a_dataclass(str(tmp_path), tmp_path / "out")
    assert first > 200
    assert second == 0
    assert [p.name for p in (tmp_path / __version__ / "dataclasses").iterdir()] == [
        f"{sys.implementation.cache_tag}-{sys.version.split()[0]}.marshal"]


def test_a_dataclass_from_cached_code_behaves_as_one_compiled_afresh(tmp_path):
    _build_and_use_a_dataclass(str(tmp_path), tmp_path / "out")
    cached_count, cached = _build_and_use_a_dataclass(str(tmp_path), tmp_path / "out")
    fresh_count, fresh = _build_and_use_a_dataclass("off", tmp_path / "out")
    assert cached_count == 0 and fresh_count > 200
    assert cached == fresh == (
        "Mark(path='deck.yaml', line=3, column=7) deck.yaml:3:7 True False True "
        "FrozenInstanceError(\"cannot assign to field 'line'\") True "
        "Bullet(text='a', children=(Bullet(text='b', children=(), mark=None),), mark=None)")
