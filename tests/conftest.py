"""Shared fixtures: external tools (Chromium, LibreOffice, ...) that a test may need.

A test whose tool is missing is skipped with the reason, unless ``DECK_REQUIRE_TOOLS=1`` is set
(as CI does where the tools are installed): then the missing tool is a failure, so a broken
install can never turn a green run into a silently smaller one.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AXE = Path(__file__).resolve().parent.parent / ".ci" / "node" / "node_modules" / "axe-core" / (
    "axe.min.js")
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => v.id + ' (' + v.impact + '): ' +
    v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary).join(' | '));
}"""

# The per-user cache (compiled templates, PPTX bases) goes to a fresh folder for each test run,
# so tests never depend on what an earlier run or the lecturer's own builds left behind.
os.environ.setdefault("DECK_CACHE_DIR", tempfile.mkdtemp(prefix="deck-test-cache-"))


def tools_required() -> bool:
    """True when ``DECK_REQUIRE_TOOLS=1``: missing tools fail tests instead of skipping them."""
    return os.environ.get("DECK_REQUIRE_TOOLS") == "1"


def require_tool(name: str, available: bool, reason: str) -> None:
    """Skip the calling test when ``name`` is not ``available`` (fail under DECK_REQUIRE_TOOLS=1).

    Usage, e.g. for LibreOffice::

        require_tool("LibreOffice", shutil.which("soffice") is not None,
                     "soffice is not on PATH (apt-get install libreoffice-impress)")
    """
    if available:
        return
    message = f"{name} is not available: {reason}"
    if tools_required():
        pytest.fail(f"{message} (DECK_REQUIRE_TOOLS=1 makes this a failure)", pytrace=False)
    pytest.skip(message)


def stop_process(proc) -> int:
    """Terminate a ``deck`` subprocess (watch, serve) and return its exit code."""
    import subprocess

    proc.terminate()
    try:
        return proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait(timeout=10)


def loaded_on_each_build(deck: Path, tmp_path: Path, module: str, builds: int = 2) -> list[bool]:
    """Build ``deck`` in ``builds`` fresh processes sharing one cache folder; for each, whether
    ``module`` was imported (what a cold build pays for)."""
    return [module in found for found in imported_on_each_build(deck, tmp_path, [module], builds)]


def imported_on_each_build(deck: Path, tmp_path: Path, modules: list[str],
                           builds: int = 1) -> list[list[str]]:
    """Build ``deck`` in ``builds`` fresh processes sharing one cache folder; for each, which of
    ``modules`` were imported, in their order."""
    import subprocess
    import sys

    code = ("import sys\nfrom generator.cli import main\ntry:\n"
            f"    main(['-q', 'build', {str(deck)!r}, '-o', {str(tmp_path / 'out')!r}, "
            "'--force'])\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
            f"print(' '.join(m for m in {modules!r} if m in sys.modules) or '-')\n")
    env = {**os.environ, "DECK_CACHE_DIR": str(tmp_path / "cache")}
    root = Path(__file__).resolve().parent.parent
    return [[m for m in subprocess.run([sys.executable, "-c", code], capture_output=True,
                                       text=True, env=env, cwd=root, check=True
                                       ).stdout.splitlines()[-1].split() if m != "-"]
            for _ in range(builds)]


def run_deck(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``deck ARGS`` in this process; return the exit code, stdout and stderr."""
    from generator.cli import main

    with pytest.raises(SystemExit) as caught:
        main(list(args))
    out, err = capsys.readouterr()
    return caught.value.code, out, err


# -- every PPTX the suite writes validates against the Office Open XML rules ------------------

VALIDATE_PER_TEST = 4  # distinct PPTX outputs validated per test (property tests write dozens)
_validated: set[str] = set()  # SHA-1 of every output already validated in this session


def assert_valid_pptx(pptx: bytes | str | Path) -> None:
    """Fail, listing every finding (part, XML path, message), unless the PPTX (bytes or a
    path) has no OOXML error: ``assert_valid_pptx(data)``."""
    from generator.pptx.validate import validate_pptx

    findings = validate_pptx(pptx)
    if findings:
        raise AssertionError("the PPTX breaks the Office Open XML rules:\n" + "\n".join(
            f"  {finding}" for finding in findings))


def validate_outputs(outputs: list[bytes], limit: int = VALIDATE_PER_TEST) -> None:
    """Validate up to ``limit`` of ``outputs`` not validated before in this session."""
    import hashlib

    fresh = []
    for data in outputs:
        digest = hashlib.sha1(data).hexdigest()
        if digest not in _validated and len(fresh) < limit:
            _validated.add(digest)
            fresh.append(data)
    for data in fresh:
        assert_valid_pptx(data)


def built_pptx_files(folder: Path) -> list[Path]:
    """The PPTX files ``deck build`` wrote under ``folder`` (in any process): those whose
    build stamp is in the ``.deck-cache`` folder beside them (or, for an edition's folder,
    in ``.deck-cache/EDITION/`` beside that)."""
    return [path for path in folder.rglob("*.pptx")
            if (path.parent / ".deck-cache" / f"{path.stem}.json").is_file()
            or (path.parent.parent / ".deck-cache" / path.parent.name / f"{path.stem}.json")
            .is_file()]


def fast_tier(config) -> bool:
    """Whether this run is the fast tier (``-m "not slow"``)."""
    return "not slow" in (config.getoption("markexpr") or "")


@pytest.fixture(autouse=True)
def every_pptx_validates(request, monkeypatch):
    """After each test, the PPTX files it wrote (in this process, and by ``deck build`` in
    any process under its ``tmp_path``) are validated with openxml-audit: any error fails
    the test at teardown. Not in the fast tier, where this sweep took a quarter of the time:
    there the validator runs in the tests written for it (test_validation.py and others)."""
    if fast_tier(request.config):
        yield
        return
    from generator.pptx.package import DeckPackage

    written: list[bytes] = []
    save = DeckPackage.save

    def recording_save(self, *args, **kwargs):
        data = save(self, *args, **kwargs)
        written.append(data)
        return data

    monkeypatch.setattr(DeckPackage, "save", recording_save)
    folder = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if folder is not None:
        written += [path.read_bytes() for path in built_pptx_files(folder)]
    validate_outputs(written)


def laid_out_html(deck_path: Path, folder: Path, theme: str | None = None):
    """``deck_path`` laid out (in ``theme``, or its own) and written as HTML into ``folder``:
    the layout and the file's address."""
    from generator.html.render import render_html
    from generator.layout.engine import lay_out
    from generator.source.reader import load_deck
    from generator.themes.theme import theme_for

    deck = load_deck(deck_path)
    layout = lay_out(deck, theme_for(deck, theme))
    path = folder / f"{deck_path.stem}-{theme or 'own'}.html"
    path.write_text(render_html(layout), encoding="utf-8")
    return layout, path.as_uri()


def open_deck(browser_context, url: str, width: int, height: int):
    """A new page of ``url`` in a ``width`` × ``height`` window, once its fonts are loaded."""
    page = browser_context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.evaluate("document.fonts.ready")
    return page


def show_slide(page, number: int) -> None:
    """Go to slide ``number`` by the address and wait until the player shows it."""
    page.evaluate(f"location.hash = '#{number}'")
    wait_for(page, f"document.querySelector('.slide.is-current')?.id === 'slide-{number}'")


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script (installed by .ci/run into .ci/node/), or a skip saying how to get it."""
    require_tool("axe-core", AXE.is_file(),
                 f"{AXE} not found (npm install --prefix .ci/node axe-core@4, as .ci/run does)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, axe_source: str) -> list[str]:
    """axe-core's violations on ``page``: ``id (impact): target failure`` each."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(RUN_AXE)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """``tests/artifacts/`` (git-ignored): screenshots and rendered files to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# -- tiers: `pytest -m "not slow"` is the fast tier (README.md) -------------------------------

# Fixtures that start LibreOffice or Chromium: every test that uses one (directly or through
# another fixture) is marked slow when collected, so the fast tier never waits for either.
TOOL_FIXTURES = frozenset({"libreoffice", "print_chromium", "chromium", "browser",
                           "browser_context"})


def pytest_collection_modifyitems(config, items) -> None:
    """Mark ``slow`` every test that needs LibreOffice or Chromium (see ``TOOL_FIXTURES``)."""
    for item in items:
        if TOOL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def libreoffice() -> str:
    """The ``soffice`` program, or a skip (a failure under DECK_REQUIRE_TOOLS=1)."""
    from generator.pdf import find_soffice

    found = find_soffice()
    require_tool("LibreOffice", found is not None,
                 "soffice is not on PATH (apt-get install libreoffice-impress)")
    return found


@pytest.fixture(scope="session")
def poppler() -> None:
    """poppler's pdftotext, pdfinfo and pdftoppm, or a skip."""
    import shutil

    require_tool("poppler", all(shutil.which(tool) for tool in ("pdftotext", "pdfinfo",
                                                                  "pdftoppm")),
                 "pdftotext, pdfinfo or pdftoppm is not on PATH (apt-get install poppler-utils)")


@pytest.fixture(scope="session")
def print_chromium() -> str:
    """The Chromium that prints handouts and steps PDFs (``generator.pdf``), or a skip."""
    from generator.pdf import find_chromium

    found = find_chromium()
    require_tool("Chromium", found is not None, "no chromium on PATH (apt-get install chromium)")
    return found


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium and Playwright's Python package, or a skip saying which is missing."""
    require_tool("Chromium", CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK),
                 f"{CHROMIUM} not found (apt-get install chromium)")
    require_tool("Playwright", importlib.util.find_spec("playwright") is not None,
                 "the Python package is not installed (pip install playwright; "
                 "no `playwright install` needed, Debian's Chromium is used)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium: Path):
    """A headless Chromium driven by Playwright, shared by the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did that it should not: network requests and console or script errors."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []

    def attach(self, page) -> None:
        page.on("request", self._request)
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda err: self.errors.append(str(err)))

    def _request(self, request) -> None:
        if not request.url.startswith(("file:", "data:", "about:", "blob:")):
            self.requests.append(request.url)


def watched_context(browser, **options):
    """A fresh browser context whose pages (popups included) are all watched: yields it, then
    fails on any network request or console error (use with ``yield from``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, **options)
    watch = PageWatch()
    context.on("page", watch.attach)
    context.watch = watch
    yield context
    context.close()
    assert watch.requests == [], f"the deck made network requests: {watch.requests}"
    assert watch.errors == [], f"console errors: {watch.errors}"


@pytest.fixture
def browser_context(browser):
    """A fresh browser context whose pages (popups included) are all watched; after the test,
    any network request or console error (a Content-Security-Policy violation among them)
    fails it."""
    yield from watched_context(browser)


def wait_for(page, expression: str, timeout: float = 30.0) -> None:
    """Poll the JavaScript ``expression`` in ``page`` until it is true.

    Not ``page.wait_for_function``: Playwright compiles a string predicate with ``eval`` inside
    the page, which the deck's Content-Security-Policy refuses; ``page.evaluate`` goes through
    the browser's debugging protocol. A page that is reloading meanwhile is asked again.
    """
    import time

    from playwright.sync_api import Error

    end = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(expression):
                return
        except Error:  # the page is reloading: its old document is gone
            pass
        if time.monotonic() > end:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        time.sleep(0.05)
