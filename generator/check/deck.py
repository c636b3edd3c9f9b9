"""Lint decks without writing outputs: crowded, shrunk or split slides, alt text, spelling."""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

from generator.errors import DeckError, Problem, SourceError, UsageError
from generator.source import inline
from generator.source.model import (
    BulletList,
    Deck,
    Diagram,
    Gallery,
    Image,
    Mark,
    Slide,
    iter_bullets,
    slide_text_marks,
)
from generator.source.yamlnodes import as_editor_lines

# Rule name -> (severity, what it finds). ``deck check`` exits 1 when any error is found.
RULES = {
    "source": ("error", "the deck or its theme cannot be loaded"),
    "spelling": ("error", "a word not in the dictionary of the deck's language nor in its "
                 "'spelling:' list"),
    "spelling-skipped": ("warning", "no Hunspell dictionary is installed for the deck's "
                         "language, so its spelling is not checked"),
    "alt-text": ("error", "an image or a diagram whose 'alt' is missing, very short or just its "
                 "file name"),
    "shrunk": ("warning", "body text set below the deck's body size (a step of the type scale "
                          "down from the size of its other slides)"),
    "split": ("warning", "a slide too long for one page, split over several"),
    "bullets": ("warning", "more bullets on a slide than --max-bullets"),
    "words": ("warning", "more words on a slide than --max-words"),
    "steps": ("warning", "more click steps on a revealed slide than --max-steps"),
    "duplicate-title": ("warning", "two slides with the same title"),
    "notes": ("warning", "a slide without speaker notes (only with --require-notes)"),
    "yaml-text": ("warning", "text YAML changed without an error: after ' #' (a comment, "
                  "dropped), or lines starting with '- ' joined into a bullet"),
    "a11y-title": ("error", "with --a11y: two slides with the same title (screen readers list "
                   "slides by title)"),
    "a11y-link": ("error", "with --a11y: a link whose text is vague ('click here') or the bare "
                  "address"),
    "a11y-language": ("error", "with --a11y: a deck without 'language:'"),
    "a11y-contrast": ("error", "with --a11y: a theme text colour below WCAG AA contrast against "
                      "its background"),
    "a11y-dim": ("error", "with --a11y: 'dim: true' fades points below WCAG AA contrast"),
    "a11y-size": ("error", "with --a11y: text set below the theme's sizes (a footer shrunk to "
                  "fit one line, slide text below sizes.minimum)"),
    "ooxml": ("error", "a PPTX file (a .pptx checked, or a deck's built with --compat) breaks "
              "the Office Open XML rules: PowerPoint would offer to repair it"),
}
PPTX_SUFFIXES = (".pptx", ".potx")
DEFAULT_MAX_BULLETS = 6
DEFAULT_MAX_WORDS = 75
DEFAULT_MAX_STEPS = 8
MIN_ALT_CHARS = 10
ALWAYS_ALLOWED = frozenset({"etc", "vs", "eg", "ie"})
_GENERIC_ALT = frozenset({"image", "picture", "photo", "figure", "diagram", "img", "chart",
                          "graph", "screenshot", "alt", "todo"})
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_FILE_NAME = re.compile(r"^\S+\.(?:png|jpe?g|gif|bmp|tiff?|svg|webp)$", re.IGNORECASE)
# British and Commonwealth spellings, each mapped to the American form the dictionary holds:
# colour, organised/organisation, analyse, centre(s)/centred, catalogue, defence, travelled,
# programme.
_REGIONAL_SPELLINGS = tuple((re.compile(pattern), american) for pattern, american in (
    (r"our(?=(?:s|ed|ing|ful|ite|ites|able|ably|er|ers|less)?$)", "or"),
    (r"is(?=(?:e|es|ed|ing|er|ers|ation|ations|ational)$)", "iz"),
    (r"ys(?=(?:e|es|ed|ing|er|ers)$)", "yz"),
    (r"(?<=[^aeiou])re$", "er"),
    (r"(?<=[^aeiou])res$", "ers"),
    (r"(?<=[^aeiou])red$", "ered"),
    (r"ogue(?=s?$)", "og"),
    (r"(?<=[fct])ence(?=s?$)", "ense"),
    (r"ll(?=(?:ed|ing|er|ers|or|ors|ation|ations)$)", "l"),
    (r"mme(?=s?$)", "m"),
))


@dataclass(frozen=True)
class Finding:
    """One thing a lint rule found, located as ``file:line:col``."""

    path: str
    line: int | None
    column: int | None
    rule: str
    message: str
    slide: int | None = None

    @property
    def severity(self) -> str:
        return RULES[self.rule][0]

    def location(self) -> str:
        return Problem(self.path, self.line, self.column, "").location()

    def __str__(self) -> str:
        slide = f"slide {self.slide}: " if self.slide is not None else ""
        return f"{self.location()}: {self.severity}: {slide}{self.message} [{self.rule}]"

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "severity": self.severity}


@dataclass(frozen=True)
class CheckOptions:
    """Thresholds and switches of the lint rules."""

    max_bullets: int = DEFAULT_MAX_BULLETS
    max_words: int = DEFAULT_MAX_WORDS
    require_notes: bool = False
    spelling: bool = True
    theme: str | None = None
    debug: bool = False  # let an unexpected failure raise, with its traceback
    compat: bool = False  # also build the deck's PPTX in memory and validate it (ooxml rule)
    max_steps: int = DEFAULT_MAX_STEPS
    a11y: bool = False  # the accessibility rules (a11y-*), see docs/accessibility.md
    allow_outside: tuple[Path, ...] = ()  # folders the deck may read beyond its own


def check_deck(path: str | Path, options: CheckOptions = CheckOptions()) -> list[Finding]:
    """Every finding for the deck file at ``path`` (load problems become ``source`` findings)."""
    from generator.collect import collecting

    with collecting(capture=False):  # a warning given once per deck checked, not per process
        return _check_deck(path, options)


def _check_deck(path: str | Path, options: CheckOptions) -> list[Finding]:
    from generator.layout.engine import lay_out
    from generator.source.reader import load_deck
    from generator.themes.theme import theme_for

    if Path(path).suffix.lower() in PPTX_SUFFIXES:
        return pptx_findings(path)
    try:
        deck = load_deck(path, allow_outside=options.allow_outside)
        theme = theme_for(deck, options.theme)
        display = str(path)
        findings = [*_content_findings(deck, display, options)]
        findings += [Finding(n.path, n.line, n.column, "yaml-text", n.message)
                     for n in deck.notices]
        layout = lay_out(deck, theme)
        findings += _fit_findings(layout, display) + _step_findings(layout, display, options)
        if options.spelling:
            findings += spelling_findings(deck, display)
        if options.compat:
            findings += _built_pptx_findings(layout, display)
        if options.a11y:
            findings += a11y_findings(deck, layout, display)
    except DeckError as err:
        if options.debug or isinstance(err, UsageError):  # --debug: every traceback
            raise
        if isinstance(err, SourceError):
            return [_from_problem(p) for p in err.problems]
        return [Finding(str(path), None, None, "source", str(err))]
    except Exception as err:  # a bug, not the user's fault: the traceback only with --debug
        if options.debug:
            raise
        return [Finding(str(path), None, None, "source", f"internal error while checking "
                        f"{path}: {type(err).__name__}: {err} (run with --debug for the "
                        "traceback, and please report it)")]
    return sorted(findings, key=lambda f: (f.line or 0, f.column or 0, f.rule))


def pptx_findings(path: str | Path) -> list[Finding]:
    """The ``ooxml`` findings of the PowerPoint file at ``path``, whoever made it: each names
    the part and the XML path in it. ``UsageError`` without openxml-audit."""
    from generator.pptx.validate import validate_pptx
    from generator.untrusted import PackageError, check_package

    try:
        check_package(Path(path))
    except PackageError as err:
        return [Finding(str(path), None, None, "source", f"cannot check this file: {err}")]
    return [Finding(str(path), None, None, "ooxml", str(f)) for f in validate_pptx(path)]


def _built_pptx_findings(layout, display: str) -> list[Finding]:
    from generator.collect import collecting
    from generator.pptx.render import render_pptx
    from generator.pptx.validate import validate_pptx

    with collecting():  # what building says (a template repaired) is for deck build
        data = render_pptx(layout)
    return [Finding(display, None, None, "ooxml", f"the built PPTX: {f}")
            for f in validate_pptx(data)]


def _from_problem(problem: Problem) -> Finding:
    return Finding(problem.path, problem.line, problem.column, "source", problem.message,
                   problem.slide)


def _at(mark: Mark | None, display: str, rule: str, message: str,
        slide: int | None = None) -> Finding:
    if mark is None:
        return Finding(display, None, None, rule, message, slide)
    return Finding(mark.path, mark.line, mark.column, rule, message, slide)  # an included slide's
    # mark is in its own file


# -- content rules ------------------------------------------------------------------------------

def _content_findings(deck: Deck, display: str, options: CheckOptions) -> Iterator[Finding]:
    seen: dict[str, Slide] = {}
    for slide in deck.slides:
        def at(rule: str, message: str, mark: Mark | None = slide.mark,
               number: int = slide.number) -> Finding:
            return _at(mark, display, rule, message, number)

        key = " ".join(slide.title.casefold().split())
        if key in seen and not options.a11y:  # with --a11y: the a11y-title error instead
            yield at("duplicate-title", f"title {slide.title!r} is also the title of slide "
                     f"{seen[key].number}; make titles distinct so the outline reads well")
        else:
            seen[key] = slide
        bullets = sum(1 for _ in _bullets(slide))
        if bullets > options.max_bullets:
            yield at("bullets", f"{bullets} bullets (at most {options.max_bullets}): split the "
                     "slide or merge points")
        words = sum(len(inline.plain(text).split()) for text, _ in slide_text_marks(slide)[1:])
        if words > options.max_words:
            yield at("words", f"{words} words (at most {options.max_words}): move detail into "
                     "the notes")
        for image in pictures(slide):
            if not image.decorative:
                problem = alt_text_problem(image.alt, image.path)
                if problem:
                    yield at("alt-text", problem, image.mark)
        for diagram in diagrams(slide):
            problem = alt_text_problem(diagram.alt, Path("diagram"))
            if problem:
                yield at("alt-text", problem, diagram.mark)
        if options.require_notes and slide.layout != "section" and not slide.notes.strip():
            yield at("notes", "no speaker notes ('notes:')")


def a11y_findings(deck: Deck, layout, display: str) -> list[Finding]:
    """The findings of the accessibility rules (``--a11y``), located in the source."""
    from generator.check import a11y

    lines = _SourceLines(deck)
    marks = {slide.number: slide.mark for slide in deck.slides}
    issues = [*a11y.title_issues(deck), *a11y.link_issues(deck), *a11y.language_issues(deck),
              *a11y.contrast_issues(layout), *a11y.dim_issues(layout), *a11y.size_issues(layout)]
    findings = []
    for issue in issues:
        mark = marks.get(issue.slide) if issue.slide is not None else deck.mark
        if issue.rule == "a11y-contrast":
            mark = deck.key_marks.get("style") or deck.key_marks.get("theme") or deck.mark
        line, column = (locate(lines.of(mark), mark, issue.text) if issue.text and mark
                        else (mark.line, mark.column) if mark else (None, None))
        findings.append(Finding(mark.path if mark else display, line, column, issue.rule,
                                issue.message, issue.slide))
    return findings


def pictures(slide: Slide) -> Iterator[Image]:
    """Every picture of a slide, in reading order."""
    for block in slide.all_blocks:
        if isinstance(block, Image):
            yield block
        elif isinstance(block, Gallery):
            yield from block.images


def diagrams(slide: Slide) -> Iterator[Diagram]:
    """Every diagram of a slide, in reading order."""
    return (block for block in slide.all_blocks if isinstance(block, Diagram))


def _bullets(slide: Slide) -> Iterator[object]:
    for block in slide.all_blocks:
        if isinstance(block, BulletList):
            yield from iter_bullets(block.items)


def alt_text_problem(alt: str, image: Path) -> str | None:
    """Why ``alt`` does not describe ``image`` for someone who cannot see it, or ``None``."""
    text = alt.strip()
    names = {image.name.casefold(), image.stem.casefold(),
             image.stem.replace("_", " ").replace("-", " ").casefold()}
    if _URL.fullmatch(text):
        return f"alt text {alt!r} is an address: describe what the picture shows"
    if text.casefold() in names or _FILE_NAME.match(text):
        return f"alt text {alt!r} is just the file name: describe what the picture shows"
    if text.casefold().strip(".") in _GENERIC_ALT:
        return f"alt text {alt!r} says nothing about the picture: describe what it shows"
    if len(text) < MIN_ALT_CHARS:
        return (f"alt text {alt!r} is very short ({len(text)} characters): describe what the "
                "picture shows in a sentence")
    return None


# -- fit rules -----------------------------------------------------------------------------------

def _fit_findings(layout, display: str) -> list[Finding]:
    comfortable = layout.body_size
    findings: list[Finding] = []
    reported: set[tuple[int, str]] = set()
    for page in layout.pages:
        slide = page.source
        if slide is None:
            continue
        frames = page.of_role("body")
        smallest = min((f.size for f in frames if f.paras), default=comfortable)
        if smallest < comfortable and (slide.number, "shrunk") not in reported:
            reported.add((slide.number, "shrunk"))
            findings.append(_at(slide.mark, display, "shrunk",
                                _shrunk_message(smallest, comfortable), slide.number))
        if page.parts > 1 and (slide.number, "split") not in reported:
            reported.add((slide.number, "split"))
            minimum = float(layout.theme.sizes["minimum"])
            findings.append(_at(slide.mark, display, "split",
                                f"too long for one slide even at the theme's {minimum:g} pt "
                                f"minimum: split between its blocks, bullets or rows into "
                                f"{page.parts} balanced slides, marked 1 / {page.parts} to "
                                "the slide number", slide.number))
    return findings


def _shrunk_message(size: float, comfortable: float) -> str:
    """Why a slide's text is smaller than the deck's body size (the size of its other
    slides), in the type scale's terms."""
    from generator.layout.text import SCALE_STEP

    steps = math.ceil((comfortable - size) / SCALE_STEP - 1e-9)
    return (f"text set at {size:g} pt, {steps} step{'s' if steps != 1 else ''} of the type "
            f"scale below the deck's {comfortable:g} pt body size: it does not fit at the body "
            "size; shorten it or split the slide")


def _step_findings(layout, display: str, options: CheckOptions) -> list[Finding]:
    """A revealed page (a split slide has several) that takes more clicks than allowed."""
    findings = []
    for page in layout.pages:
        count = page.steps
        if count > options.max_steps:
            part = f" (part {page.part} of {page.parts})" if page.parts > 1 else ""
            findings.append(_at(page.source.mark, display, "steps",
                                f"{count} click steps{part} (at most {options.max_steps}): "
                                "group points (with 'reveal: true', sub-bullets appear with "
                                "their bullet) or split the slide", page.source.number))
    return findings


# -- spelling ------------------------------------------------------------------------------------

def spelling_languages() -> tuple[str, ...]:
    """Languages with an installed Hunspell dictionary (see docs/spelling.md)."""
    from generator.check import spelling

    return spelling.available_languages()


def spelling_findings(deck: Deck, display: str) -> list[Finding]:
    """Words that are neither in the dictionary of the deck's language nor in its ``spelling:``.

    A word in another script than the language's is checked against that script's dictionary
    (Cyrillic: ru, Arabic: ar, Latin: en, …) when one is installed, and skipped otherwise.
    """
    from generator.check import spelling

    main = spelling.for_language(deck.language)
    if main is None:
        return [_at(deck.mark, display, "spelling-skipped", f"spelling not checked: no Hunspell "
                    f"dictionary for {deck.language!r} (install one, such as a Debian "
                    "hunspell-* package, or put its .dic and .aff files in a folder on DICPATH); "
                    f"available: {', '.join(spelling_languages()) or 'none'}")]
    script = spelling.script_of_language(deck.language)
    region = deck.language.lower().replace("_", "-").partition("-")[2]
    regional = main.name.lower() == "en_us" and region not in ("", "us")
    allowed = {_normalise(spelling.clean(w)) for w in deck.spelling} | ALWAYS_ALLOWED
    lines = _SourceLines(deck)
    findings: dict[tuple[str, int | None, int | None, str], Finding] = {}
    for text, mark, slide in _all_texts(deck):
        for word in words_to_check(text):
            if _normalise(word) in allowed or _known(main, word):
                continue
            foreign = spelling.script_of(word) != script
            checker = spelling.for_script(spelling.script_of(word)) if foreign else main
            if checker is None or (foreign and _known(checker, word)):
                continue
            if regional and not foreign and any(checker.known(v) for v in
                                                regional_variants(_normalise(word))):
                continue
            line, column = locate(lines.of(mark), mark, word)
            suggestion = checker.suggestion(word)
            hint = f" (did you mean {suggestion!r}?)" if suggestion and suggestion != word else ""
            where = f" (checked with the {checker.name} dictionary)" if foreign else ""
            message = (f"unknown word {word!r}{hint}{where}; if it is right, add it to the "
                       "deck's 'spelling:' list")
            path = mark.path if mark else display
            findings.setdefault((path, line, column, word),
                                Finding(path, line, column, "spelling", message, slide))
    return list(findings.values())


def _known(checker, word: str) -> bool:
    """Known as written, or as the possessive's stem (``Litvinov's`` when Litvinov is known)."""
    stem = word[:-2] if word.endswith(("'s", "’s")) else word
    return checker.known(word) or (stem != word and checker.known(stem))


def regional_variants(word: str) -> set[str]:
    """American spellings ``word`` may be the British form of: ``colour`` → ``{"color"}``.

    Each rule (-our/-or, -ise/-ize, -yse/-yze, -re/-er, -ogue/-og, -ence/-ense, doubled l,
    -mme/-m) is tried alone, and all of them together.
    """
    variants = {pattern.sub(american, word) for pattern, american in _REGIONAL_SPELLINGS}
    combined = word
    for pattern, american in _REGIONAL_SPELLINGS:
        combined = pattern.sub(american, combined)
    return (variants | {combined}) - {word}


def _all_texts(deck: Deck) -> Iterator[tuple[str, Mark | None, int | None]]:
    for text in (deck.title, deck.subtitle, deck.footer):
        if text:
            yield text, deck.mark, None
    for slide in deck.slides:
        for text, mark in slide_text_marks(slide):
            yield text, mark, slide.number
        for image in pictures(slide):
            yield image.alt, image.mark, slide.number
        for diagram in diagrams(slide):
            yield diagram.alt, diagram.mark, slide.number
        if slide.notes:
            yield slide.notes, slide.mark, slide.number


def words_to_check(text: str) -> Iterator[str]:
    """The words of ``text`` worth spell-checking: no code, URLs, acronyms, mixed-case names,
    or sub- and superscripts (indices, exponents, the "st" of 1^st^)."""
    from generator.check.spelling import clean, words

    for span in inline.parse(clean(text)):
        if span.code or span.math or span.script:
            continue
        for word in words(_URL.sub(" ", span.text)):
            if len(word) < 2 or word.isupper() or any(c.isupper() for c in word[1:]):
                continue
            yield word


def _normalise(word: str) -> str:
    word = word.replace("’", "'").casefold()
    return word[:-2] if word.endswith("'s") else word


def _source_lines(path: Path) -> list[str]:
    try:
        return as_editor_lines(path.read_text(encoding="utf-8-sig")).split("\n")
    except (OSError, UnicodeDecodeError):
        return []


class _SourceLines:
    """The lines of the files a deck's marks point into: the deck's, an included file's."""

    def __init__(self, deck: Deck) -> None:
        self.files = {deck.mark.path if deck.mark else str(deck.path): _source_lines(deck.path)}

    def of(self, mark: Mark | None) -> list[str]:
        if mark is None:
            return []
        if mark.path not in self.files:
            self.files[mark.path] = _source_lines(Path(mark.path))
        return self.files[mark.path]


def locate(lines: list[str], mark: Mark | None, word: str) -> tuple[int | None, int | None]:
    """Line and column of the first whole ``word`` at or after ``mark`` in the source (also when
    written there with soft hyphens, decomposed accents or their YAML escapes)."""
    from generator.check.spelling import source_pattern

    if mark is None:
        return None, None
    pattern = re.compile(rf"(?<![\w']){source_pattern(word)}(?![\w])")
    for index in range(mark.line - 1, min(len(lines), mark.line + 200)):
        start = mark.column - 1 if index == mark.line - 1 else 0
        found = pattern.search(lines[index], start)
        if found:
            return index + 1, found.start() + 1
    return mark.line, mark.column


def summary(findings: list[Finding], decks: int) -> str:
    """``"2 errors, 5 warnings in 1 deck"``."""
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    plural = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"  # noqa: E731
    return (f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in "
            f"{plural(decks, 'deck')}")
