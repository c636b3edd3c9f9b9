"""Hunspell dictionaries for ``deck check``: found by language, words cleaned, split by script."""

from __future__ import annotations

import importlib.util
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

# Where Debian's hunspell-* and myspell-* packages put their dictionaries (NAME.dic + NAME.aff);
# folders on DICPATH (Hunspell's own variable, separated by ':') are searched first.
SYSTEM_FOLDERS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell",
                  "/usr/local/share/hunspell")
# The dictionary a language without a region uses when there is no NAME.dic for it alone.
DEFAULT_REGIONS = {"en": "US", "pt": "PT", "zh": "CN"}
# The script each language is written in (Latin when not listed): a word in another script
# is checked against the dictionary of that script's language in SCRIPT_LANGUAGES.
LANGUAGE_SCRIPTS = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg", "tt"),
                    "CYRILLIC"),
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ug", "ckb"), "ARABIC"),
    **dict.fromkeys(("he", "yi"), "HEBREW"),
    "el": "GREEK", "hy": "ARMENIAN", "ka": "GEORGIAN",
    **dict.fromkeys(("hi", "mr", "ne"), "DEVANAGARI"),
}
SCRIPT_LANGUAGES = {"LATIN": "en", "CYRILLIC": "ru", "ARABIC": "ar", "GREEK": "el",
                    "HEBREW": "he", "ARMENIAN": "hy", "GEORGIAN": "ka", "DEVANAGARI": "hi"}
SOFT_HYPHEN = "\u00ad"
APOSTROPHES = "'’"


def folders() -> tuple[Path, ...]:
    """The folders searched for dictionaries: DICPATH's, the system's, then the en_US that
    chunspell ships (so English is checked even without Debian's packages)."""
    extra = [p for p in os.environ.get("DICPATH", "").split(os.pathsep) if p]
    spec = importlib.util.find_spec("hunspell")  # finds chunspell without importing it
    bundled = [Path(spec.origin).parent / "dictionaries"] if spec and spec.origin else []
    return (*(Path(p) for p in (*extra, *SYSTEM_FOLDERS)), *bundled)


def installed() -> dict[str, Path]:
    """Every dictionary found, by name (``ru_RU``, ``ar``), the first folder's copy winning."""
    return _installed(folders())


@lru_cache(maxsize=8)
def _installed(searched: tuple[Path, ...]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in searched:
        try:
            names = sorted(folder.glob("*.dic"))
        except OSError:
            continue
        for dic in names:
            if dic.stem not in found and dic.with_suffix(".aff").is_file():
                found[dic.stem] = dic.with_suffix("")
    return found


def available_languages() -> tuple[str, ...]:
    """The languages (``ar``, ``en``, ``ru``) that have at least one installed dictionary."""
    return tuple(sorted({name.split("_")[0].split("-")[0].lower() for name in installed()}))


def dictionary_name(language: str) -> str | None:
    """The installed dictionary for a deck's ``language:`` tag: ``en-GB`` → ``en_GB``."""
    lang, _, region = language.replace("_", "-").partition("-")
    lang, region = lang.lower(), region.split("-")[0].upper()
    names = installed()
    candidates = [f"{lang}_{region}"] if region else []
    candidates += [lang, f"{lang}_{DEFAULT_REGIONS.get(lang, lang.upper())}"]
    candidates += sorted(n for n in names if n.lower().startswith(f"{lang}_"))
    return next((c for c in candidates if c in names), None)


def script_of(word: str) -> str:
    """The Unicode script of the first letter of ``word``: ``LATIN``, ``CYRILLIC``, ``ARABIC``…"""
    letter = next((c for c in word if c.isalpha()), "")
    return unicodedata.name(letter, "UNKNOWN").split()[0] if letter else "UNKNOWN"


def clean(text: str) -> str:
    """``text`` as it is looked up: soft hyphens dropped, accents composed (NFC)."""
    return unicodedata.normalize("NFC", text.replace(SOFT_HYPHEN, ""))


def words(text: str) -> Iterator[str]:
    """The words of ``text``: letters with their combining marks (Arabic vowels, stress marks),
    joined by inner apostrophes; other signs separate words, and a word touching a digit is
    left out."""
    word: list[str] = []
    glued = False  # the word touches a digit: 1930s, 23rd, 5km are not checked
    for i, char in enumerate(text + " "):
        if char.isalpha() or (word and unicodedata.category(char).startswith("M")):
            glued = glued or (not word and i > 0 and text[i - 1].isdigit())
            word.append(char)
        elif (char in APOSTROPHES and word and i + 1 < len(text) and text[i + 1].isalpha()
              and word[-1] not in APOSTROPHES):
            word.append(char)
        else:
            if word and not glued and not char.isdigit():
                yield "".join(word)
            word, glued = [], False


def source_pattern(word: str) -> str:
    """A regular expression for ``word`` as it may be written in a YAML file: with soft hyphens
    between its letters, accents composed or decomposed, either as characters or escapes."""
    soft = r"(?:\u00ad|(?i:\\u00ad|\\xad))?"
    letters = []
    for char in word:
        forms = {re.escape(char), _escape(char)}
        base, *marks = unicodedata.normalize("NFD", char)
        if marks:
            forms |= {re.escape(base) + "".join(f"(?:{re.escape(m)}|{_escape(m)})" for m in marks),
                      _escape(base) + "".join(_escape(m) for m in marks)}
        letters.append(f"(?:{'|'.join(sorted(forms))})")
    return soft.join(letters)


def _escape(char: str) -> str:
    """``char`` as a YAML escape in a double-quoted string (``\u00e9``), as a pattern."""
    if char.isascii():
        return re.escape(char)
    return rf"(?i:\\u{ord(char):04x})" if ord(char) <= 0xFFFF else rf"(?i:\\U{ord(char):08x})"


def without_marks(word: str) -> str:
    """``word`` without the combining marks NFC could not compose (Russian stress marks)."""
    return "".join(c for c in word if not unicodedata.category(c).startswith("M"))


@dataclass
class Dictionary:
    """One Hunspell dictionary: which words it knows and what it suggests instead."""

    name: str
    hunspell: object

    def known(self, word: str) -> bool:
        """True when Hunspell accepts ``word`` (affixes, compounds and case as its rules say),
        or its capitalised form (``stalin``: case is not spelling), or the word without
        combining marks NFC leaves (Russian stress marks), or, in English, without accents
        (``café``, ``naïve``, ``Führer``: English dictionaries list loanwords unaccented)."""
        word = word.replace("’", "'")
        forms = [word, without_marks(word)]
        if self.name.lower().startswith("en"):
            forms.append(without_marks(unicodedata.normalize("NFD", word)))
        forms += [f[:1].upper() + f[1:] for f in forms if f.islower()]
        return any(self.hunspell.spell(f) for f in dict.fromkeys(forms) if f)

    def suggestion(self, word: str) -> str | None:
        """Hunspell's first suggestion for ``word``, or ``None``."""
        found = self.hunspell.suggest(word.replace("’", "'"))
        return found[0] if found else None


@lru_cache(maxsize=16)
def load(path: Path) -> Dictionary:
    """The dictionary ``path``.dic + ``path``.aff, loaded once per process."""
    from hunspell import Hunspell  # chunspell: Hunspell itself, loaded only by deck check

    return Dictionary(path.name, Hunspell(path.name, hunspell_data_dir=str(path.parent)))


def for_language(language: str) -> Dictionary | None:
    """The dictionary for a ``language:`` tag, or ``None`` when none is installed."""
    name = dictionary_name(language)
    return load(installed()[name]) if name else None


def for_script(script: str) -> Dictionary | None:
    """The dictionary that checks words written in ``script``, or ``None`` (then skip them)."""
    language = SCRIPT_LANGUAGES.get(script)
    return for_language(language) if language else None


def script_of_language(language: str) -> str:
    """The script a ``language:`` tag is written in: ``ru`` → ``CYRILLIC``."""
    return LANGUAGE_SCRIPTS.get(language.replace("_", "-").split("-")[0].lower(), "LATIN")
