"""The per-user cache folder: where it is, how to move it or turn it off."""

from __future__ import annotations

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
