"""Click-to-reveal (``reveal:``): the same click steps in the PPTX, LibreOffice, HTML and PDFs."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import jsonschema
import pptx
import pytest
from conftest import run_deck
from lxml import etree

from generator.build import build_deck
from generator.check.deck import CheckOptions, check_deck
from generator.errors import SourceError
from generator.html.render import render_html
from generator.importer import import_file
from generator.layout.engine import lay_out
from generator.layout.page import DeckLayout
from generator.layout.page import Page, PictureFrame, TextFrame
from generator.layout.reveal import para_ranges
from generator.pptx.render import render_pptx
from generator.source.reader import load_deck
from generator.source.schema import deck_schema
from generator.themes.theme import theme_for

ROOT = Path(__file__).resolve().parent.parent
DECK = Path(__file__).parent / "decks" / "reveal.yaml"
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
# Per page of tests/decks/reveal.yaml (title page first): what each click shows, as
# (frame, first paragraph, last paragraph) or (frame,) for a whole frame. A column's heading
# appears with its first block; a picture beside text is a column of its own.
STEPS = [
    [],
    [[("body", 1, 1)], [("body", 2, 4)], [("body", 5, 5)]],  # "Always shown" is paragraph 0
    [[("body", 0, 0)], [("body", 1, 1)], [("body", 2, 2)]],
    [[("body", 0, 0)], [("body", 1, 2)], [("body", 3, 3)]],
    [[("lead", 0, 0)], [("heading1",), ("column1", 0, 1)], [("heading2",), ("column2", 0, 0)]],
    [[("column1", 0, 0)], [("image",), ("caption",)]],
]
# The same steps in the PPTX: per click, (shape name, paragraph index or None).
CLICKS = [
    [],
    [[("Content Placeholder 2", 1)],
     [("Content Placeholder 2", 2), ("Content Placeholder 2", 3), ("Content Placeholder 2", 4)],
     [("Content Placeholder 2", 5)]],
    [[("Content Placeholder 2", 0)], [("Content Placeholder 2", 1)],
     [("Content Placeholder 2", 2)]],
    [[("Content Placeholder 2", 0)], [("Content Placeholder 2", 1), ("Content Placeholder 2", 2)],
     [("Content Placeholder 2", 3)]],
    [[("Text Placeholder 2", 0)],
     [("Text Placeholder 3", None), ("Content Placeholder 4", 0), ("Content Placeholder 4", 1)],
     [("Text Placeholder 5", None), ("Content Placeholder 6", 0)]],
    [[("Content Placeholder 2", 0)],
     [("Picture: A map of Europe in 1939", None), ("Text Placeholder 4", None)]],
]
# Per slide, its bldP entries: (shape name, build, bldLvl); 'reveal: all' builds every level.
P = ("Content Placeholder 2", "p", None)
BUILDS = [
    [], [P], [("Content Placeholder 2", "p", "2")], [P],
    [("Text Placeholder 2", "p", None), ("Content Placeholder 4", "p", None),
     ("Content Placeholder 6", "p", None), ("Text Placeholder 3", None, None),
     ("Text Placeholder 5", None, None)],
    [P, ("Text Placeholder 4", None, None)],
]


def steps_of(page: Page) -> list[list[tuple]]:
    """What each click of ``page`` shows, read off its frames and paragraphs: ``(frame,)`` for
    a whole frame, ``(frame, first, last)`` for a range of its paragraphs."""
    def name(frame) -> str:
        if isinstance(frame, PictureFrame):
            return "image"
        if frame.role in ("caption", "credit"):
            return frame.role
        if frame.column is not None:
            return f"{'heading' if frame.role == 'heading' else 'column'}{frame.column + 1}"
        return "lead" if frame.role == "body" and page.column_count else frame.role

    out = []
    for step in range(1, page.steps + 1):
        shown: list[tuple] = []
        for frame in page.frames:
            if getattr(frame, "step", 0) == step:
                shown.append((name(frame),))
            elif isinstance(frame, TextFrame):
                shown.extend((name(frame), a, b) for a, b in para_ranges(frame.paras, step))
        out.append(shown)
    return out


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def laid_out(path: Path) -> DeckLayout:
    deck = load_deck(path)
    return lay_out(deck, theme_for(deck))


@pytest.fixture(scope="module")
def layout() -> DeckLayout:
    return laid_out(DECK)


@pytest.fixture(scope="module")
def pptx_file(layout, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pptx") / "reveal.pptx"
    path.write_bytes(render_pptx(layout))
    return path


class DescribeTheSource:
    def it_reads_every_reveal_value_and_the_deck_default(self, tmp_path):
        deck = load_deck(write(tmp_path, (
            "title: T\nreveal: true\ndim: yes\nslides:\n  - {title: A, bullets: [x]}\n"
            "  - {title: B, reveal: all, bullets: [x]}\n"
            "  - {title: C, reveal: blocks, dim: false, bullets: [x]}\n"
            "  - {title: D, reveal: false, bullets: [x]}\n"
            "  - {title: E, layout: section}\n")))
        assert [(s.reveal, s.dim) for s in deck.slides] == [
            ("bullets", True), ("all", True), ("blocks", False), ("none", True), ("none", True)]

    def it_reveals_nothing_by_default(self, tmp_path):
        deck = load_deck(write(tmp_path, "title: T\nslides:\n  - {title: A, bullets: [x]}\n"))
        assert (deck.slides[0].reveal, deck.slides[0].dim) == ("none", False)

    def it_says_what_reveal_and_dim_may_be(self, tmp_path):
        path = write(tmp_path, "title: T\nreveal: blokcs\nslides:\n"
                               "  - {title: A, dim: maybe, bullets: [x]}\n")
        with pytest.raises(SourceError) as caught:
            load_deck(path)
        assert [str(p) for p in caught.value.problems] == [
            f"{path}:2:9: deck 'reveal' must be one of 'true', 'false', 'all', 'blocks'; got "
            "'blokcs'; did you mean 'blocks'?",
            f"{path}:4:21: slide 1 'A': slide 'dim' must be true or false, got 'maybe'",
        ]


    def it_agrees_with_the_json_schema(self):
        validator = jsonschema.Draft202012Validator(deck_schema())

        def errors(reveal, dim="yes") -> int:
            data = {"title": "T", "reveal": reveal, "dim": dim,
                    "slides": [{"title": "A", "reveal": reveal, "dim": dim}]}
            return len(list(validator.iter_errors(data)))

        assert [errors(v) for v in (True, False, "all", "blocks", "true")] == [0] * 5
        assert [errors("blokcs"), errors(True, "maybe")] == [2, 2]


class DescribeTheSteps:
    def it_gives_each_page_its_clicks_for_bullets_sub_bullets_and_blocks(self, layout):
        assert [steps_of(page) for page in layout.pages] == STEPS

    def it_gives_every_page_of_a_split_slide_its_own_steps(self, tmp_path):
        bullets = "".join(f"      - Point number {i} with quite a few words in it to fill the "
                          "slide up\n" for i in range(16))
        layout = laid_out(write(tmp_path, f"title: T\nslides:\n  - title: Long\n    reveal: "
                                          f"true\n    bullets:\n{bullets}"))
        pages = layout.pages[1:]
        assert len(pages) == 3  # each point two lines long in the 60-character measure
        bodies = [p.of_role("body")[0] for p in pages]
        assert [p.steps for p in pages] == [len(b.paras) for b in bodies]
        assert sum(len(b.paras) for b in bodies) == 16


def _timing(slide_xml: bytes):
    root = etree.fromstring(slide_xml)
    names = {int(el.get("id")): el.get("name") for el in root.iterfind(".//p:cNvPr", NS)}
    paragraphs = {int(sp.find(".//p:cNvPr", NS).get("id")): len(sp.findall(".//a:p", NS))
                  for sp in root.iterfind(".//p:sp", NS)}
    timing = root.find("p:timing", NS)
    return root, names, paragraphs, timing


class DescribeThePowerPointAnimations:
    def it_writes_one_click_group_per_step_targeting_existing_shapes(self, pptx_file):
        with zipfile.ZipFile(pptx_file) as z:
            slides = [z.read(f"ppt/slides/slide{i}.xml") for i in range(1, len(CLICKS) + 1)]
        for number, (xml, expected) in enumerate(zip(slides, CLICKS), start=1):
            _, names, paragraphs, timing = _timing(xml)
            if not expected:
                assert timing is None, number
                continue
            main = timing.find(".//p:cTn[@nodeType='mainSeq']", NS)
            clicks = main.findall("p:childTnLst/p:par", NS)
            found = []
            for click in clicks:
                assert click.find("p:cTn/p:stCondLst/p:cond", NS).get("delay") == "indefinite"
                effects = click.findall("p:cTn/p:childTnLst/p:par/p:cTn/p:childTnLst/p:par/p:cTn",
                                        NS)
                assert [e.get("nodeType") for e in effects] == (
                    ["clickEffect"] + ["withEffect"] * (len(effects) - 1))
                assert {(e.get("presetID"), e.get("presetClass"), e.get("grpId"))
                        for e in effects} == {("1", "entr", "0")}
                targets = []
                for effect in effects:
                    target = effect.find(".//p:spTgt", NS)
                    spid = int(target.get("spid"))
                    rng = target.find("p:txEl/p:pRg", NS)
                    para = None if rng is None else int(rng.get("st"))
                    if rng is not None:
                        assert rng.get("end") == rng.get("st")
                        assert para < paragraphs[spid]
                    assert effect.find(".//p:attrName", NS).text == "style.visibility"
                    assert effect.find(".//p:strVal", NS).get("val") == "visible"
                    targets.append((names[spid], para))
                found.append(targets)
            assert found == expected, number
            ids = [int(c.get("id")) for c in timing.iter(f"{{{NS['p']}}}cTn")
                   if c.get("afterEffect") is None]  # PowerPoint writes no id on a dim
            assert ids == list(range(1, len(ids) + 1))

    def it_dims_each_shown_paragraph_on_the_next_click_with_dim(self, pptx_file):
        with zipfile.ZipFile(pptx_file) as z:
            slides = [z.read(f"ppt/slides/slide{i}.xml") for i in range(1, len(CLICKS) + 1)]
        dims = []
        for xml in slides:
            root = etree.fromstring(xml)
            dims.append([(a.find(".//p:spTgt/p:txEl/p:pRg", NS).get("st"),
                          a.find("p:cBhvr/p:cTn", NS).get("afterEffect"),
                          a.find("p:cBhvr/p:cTn", NS).get("masterRel"),
                          a.find(".//p:attrName", NS).text, a.find("p:to/a:srgbClr", NS).get("val"))
                         for a in root.iterfind(".//p:subTnLst/p:animClr", NS)])
        # text #1F2328 at 40 % over the white background: the HTML's opacity 0.4
        assert dims == [[], [], [(str(i), "1", "nextClick", "ppt_c", "A5A7A9") for i in range(3)],
                        [], [], []]

    def it_targets_the_shapes_of_a_template_deck(self, tmp_path):
        prs = pptx.Presentation()
        prs.slide_width, prs.slide_height = 12192000, 6858000
        prs.save(str(tmp_path / "plain.pptx"))
        shutil.copytree(DECK.parent / "img", tmp_path / "img")
        deck = write(tmp_path, DECK.read_text().replace("slides:\n", "template: plain.pptx\n"
                                                        "slides:\n", 1))
        with zipfile.ZipFile(_pptx_of(deck, tmp_path)) as z:
            slides = [z.read(f"ppt/slides/slide{i}.xml") for i in range(1, len(CLICKS) + 1)]
        counts = []
        for xml in slides:
            _, names, paragraphs, timing = _timing(xml)
            targets = [] if timing is None else timing.findall(".//p:par/p:cTn/p:childTnLst/"
                                                               "p:set//p:spTgt", NS)
            for target in targets:
                rng = target.find("p:txEl/p:pRg", NS)
                assert int(target.get("spid")) in names
                assert rng is None or int(rng.get("st")) < paragraphs[int(target.get("spid"))]
            counts.append(len(targets))
        assert counts == [sum(len(step) for step in c) for c in CLICKS]

    def it_lists_each_animated_shape_once_in_the_build_list(self, pptx_file):
        with zipfile.ZipFile(pptx_file) as z:
            slides = [z.read(f"ppt/slides/slide{i}.xml") for i in range(1, len(BUILDS) + 1)]
        for xml, expected in zip(slides, BUILDS):
            _, names, _, timing = _timing(xml)
            builds = [] if timing is None else timing.findall("p:bldLst/p:bldP", NS)
            assert [(names[int(b.get("spid"))], b.get("build"), b.get("bldLvl"))
                    for b in builds] == expected
            assert {b.get("grpId") for b in builds} <= {"0"}

    def it_keeps_the_text_notes_and_numbers_of_the_slides(self, layout, pptx_file, tmp_path):
        plain = _plain_deck(tmp_path)
        texts = [[s.text_frame.text for s in slide.shapes if s.has_text_frame]
                 for slide in pptx.Presentation(pptx_file).slides]
        plain_texts = [[s.text_frame.text for s in slide.shapes if s.has_text_frame]
                       for slide in pptx.Presentation(_pptx_of(plain, tmp_path)).slides]
        assert texts == plain_texts


def _plain_deck(folder: Path) -> Path:
    """The test deck without its reveal and dim keys, in ``folder``."""
    shutil.copytree(DECK.parent / "img", folder / "img")
    plain = folder / "plain.yaml"
    plain.write_text(re.sub(r"\n\s*(reveal|dim): \w+", "", DECK.read_text()))
    return plain


def _pptx_of(deck: Path, out: Path) -> Path:
    result = build_deck(deck, out, ("pptx",))
    assert result.error is None, result.error
    return out / f"{deck.stem}.pptx"


class DescribeLibreOffice:
    def it_loads_one_click_node_per_step_pointing_at_the_right_text(self, pptx_file, tmp_path,
                                                                    libreoffice):
        soffice = libreoffice
        subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                        "--headless", "--norestore", "--convert-to", "odp", "--outdir",
                        str(tmp_path), str(pptx_file)], check=True, capture_output=True,
                       timeout=300)
        with zipfile.ZipFile(tmp_path / "reveal.odp") as z:
            content = z.read("content.xml").decode("utf-8")
        pages = content.split("<draw:page ")[1:]
        assert [p.count('presentation:node-type="on-click"') for p in pages] == [
            len(c) for c in CLICKS]
        assert [p.count('presentation:node-type="with-previous"') for p in pages] == [
            sum(len(step) - 1 for step in c) for c in CLICKS]
        assert [p.count('smil:attributeName="dim" smil:to="#a5a7a9"') for p in pages] == [
            0, 0, 3, 0, 0, 0]
        ids = re.findall(r'smil:targetElement="([^"]+)"', pages[1])
        texts = [re.search(rf'xml:id="{i}"[^>]*>(?:<[^>]*>)*([^<]*)', pages[1]).group(1)
                 for i in ids]
        assert texts == ["One", "Two", "Two a", "Two b", "Three"]
        for page in pages:
            for target in re.findall(r'smil:targetElement="([^"]+)"', page):
                assert re.search(rf'(?:xml|draw):id="{target}"', page), target


class DescribeTheCheck:
    def it_warns_about_a_slide_with_more_steps_than_max_steps(self):
        findings = check_deck(DECK, CheckOptions(spelling=False, max_steps=2))
        assert [str(f) for f in findings if f.rule == "steps"] == [
            f"{DECK}:{line}:5: warning: slide {n}: 3 click steps (at most 2): group points (with "
            "'reveal: true', sub-bullets appear with their bullet) or split the slide [steps]"
            for n, line in ((1, 3), (2, 12), (3, 19), (4, 25))]
        findings = check_deck(DECK, CheckOptions(spelling=False))
        assert [f for f in findings if f.rule == "steps"] == []

    def it_has_a_max_steps_option(self, capsys):
        code, out, _ = run_deck(capsys, "check", str(DECK), "--no-spelling", "--max-steps", "3")
        assert (code, "[steps]" in out) == (0, False)
        code, out, _ = run_deck(capsys, "check", str(DECK), "--no-spelling", "--max-steps", "2")
        assert (code, out.count("[steps]")) == (0, 4)


# -- the HTML player -----------------------------------------------------------------------------

SHOWN = """() => Array.from(document.querySelectorAll('.slide.is-current [data-step]'))
    .filter(e => getComputedStyle(e).visibility === 'visible')
    .map(e => e.textContent.trim().split('\\n')[0])"""


def _state(page) -> tuple[str, list[str]]:
    return page.evaluate("location.hash"), page.evaluate(SHOWN)


@pytest.fixture(scope="module")
def deck_url(layout, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("html") / "reveal.html"
    path.write_text(render_html(layout), encoding="utf-8")
    return path.as_uri()


@pytest.fixture
def player(browser_context, deck_url):
    page = browser_context.new_page()
    page.goto(deck_url + "#2")
    return page


class DescribeTheHtmlPlayer:
    def it_steps_through_a_slide_with_the_keyboard_and_back(self, player):
        seen = [_state(player)]
        for key in ("ArrowRight", "Space", "PageDown", "ArrowRight", "ArrowLeft", "ArrowLeft",
                    "ArrowLeft"):
            player.keyboard.press(key)
            seen.append(_state(player))
        assert seen == [
            ("#2", []), ("#2.1", ["One"]), ("#2.2", ["One", "Two", "Two a", "Two b"]),
            ("#2.3", ["One", "Two", "Two a", "Two b", "Three"]), ("#3", []),
            ("#2.3", ["One", "Two", "Two a", "Two b", "Three"]),
            ("#2.2", ["One", "Two", "Two a", "Two b"]), ("#2.1", ["One"]),
        ]
        assert player.locator(".sr-status").text_content() == "Slide 2 of 6: Bullets (step 1 of 3)"
        player.mouse.click(1100, 360)
        assert _state(player)[0] == "#2.2"
        player.mouse.click(100, 360)
        assert _state(player)[0] == "#2.1"

    def it_opens_a_step_from_the_hash_and_keeps_it_on_reload(self, player, deck_url):
        player.evaluate("location.hash = '#5.2'")
        player.wait_for_function("location.hash === '#5.2' && "
                                 "document.querySelector('.slide.is-current').id === 'slide-5'")
        shown = _state(player)[1]
        assert [s.split()[0] for s in shown] == ["Lead", "Pro", "p1", "p2"]
        player.keyboard.press("ArrowRight")
        player.reload()
        assert _state(player)[0] == "#5.3"
        assert [s.split()[0] for s in _state(player)[1]] == ["Lead", "Pro", "p1", "p2", "Contra",
                                                            "c1"]
        player.goto(deck_url + "#6.9")
        assert _state(player) == ("#6.2", ["x", "", "Europe"])  # the picture, then its caption

    def it_keeps_the_step_for_a_hash_that_names_no_slide(self, player):
        player.keyboard.press("ArrowRight")
        player.keyboard.press("ArrowRight")
        player.evaluate("location.hash = '#nothing'")
        player.wait_for_function("location.hash === '#2.2'")
        assert _state(player) == ("#2.2", ["One", "Two", "Two a", "Two b"])

    def it_dims_earlier_points_with_dim(self, player):
        player.evaluate("location.hash = '#3.2'")
        player.wait_for_function("location.hash === '#3.2'")
        opacity = player.evaluate("""() => Array.from(document.querySelectorAll(
            '.slide.is-current [data-step]')).map(e => getComputedStyle(e).opacity)""")
        assert opacity == ["0.4", "1", "1"]  # One dimmed, Two current, Two a not shown yet

    def it_shows_every_step_with_a_key_or_steps_all(self, player, deck_url):
        player.keyboard.press("a")
        assert _state(player) == ("#2", ["One", "Two", "Two a", "Two b", "Three"])
        player.keyboard.press("ArrowRight")
        assert _state(player) == ("#3", ["One", "Two", "Two a"])
        player.keyboard.press("a")
        assert _state(player) == ("#3.3", ["One", "Two", "Two a"])
        player.goto(deck_url + "?steps=all#4")
        assert _state(player) == ("#4", ["First paragraph", "a", "b", "Last paragraph"])

    def it_shows_the_full_slide_in_the_overview_and_in_print(self, player):
        player.keyboard.press("o")
        assert len(player.evaluate(SHOWN.replace(".is-current", "#slide-2"))) == 5
        player.keyboard.press("o")
        player.emulate_media(media="print")
        assert len(player.evaluate(SHOWN.replace(".is-current", "#slide-2"))) == 5

    def it_shows_the_next_step_and_the_step_count_in_the_presenter_view(self, player):
        with player.expect_popup() as popup_info:
            player.keyboard.press("s")
        presenter = popup_info.value
        presenter.wait_for_load_state()
        counter = presenter.locator(".presenter__counter")
        label = presenter.locator(".presenter__next-label")
        nxt = presenter.locator(".slide.is-next")
        next_shown = SHOWN.replace(".is-current", ".is-next")
        assert (counter.text_content(), label.text_content()) == ("2 / 6 · step 0 / 3",
                                                              "Next step (1 / 3)")
        assert nxt.count() == 1 and nxt.is_visible()
        assert presenter.evaluate(next_shown) == ["One"]
        player.keyboard.press("ArrowRight")
        presenter.wait_for_function("document.querySelector('.presenter__counter').textContent"
                                    " === '2 / 6 · step 1 / 3'")
        assert label.text_content() == "Next step (2 / 3)"
        assert presenter.evaluate(next_shown) == ["One", "Two", "Two a", "Two b"]
        assert presenter.evaluate(SHOWN) == ["One"]
        presenter.keyboard.press("ArrowRight")
        presenter.keyboard.press("ArrowRight")
        player.wait_for_function("location.hash === '#2.3'")
        assert label.text_content() == "Next"
        assert nxt.count() == 1 and nxt.get_attribute("id") == "slide-3"


# -- PDFs ----------------------------------------------------------------------------------------

def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


class DescribeTheStepsPdf:
    def it_prints_one_page_per_step_and_full_slides_elsewhere(self, tmp_path, print_chromium):
        shutil.copytree(DECK.parent / "img", tmp_path / "img")
        deck = tmp_path / "reveal.yaml"
        deck.write_text(DECK.read_text())
        result = build_deck(deck, tmp_path, ("steps", "handout"))
        assert result.error is None, result.error
        pages = _pdf_pages(tmp_path / "reveal-steps.pdf")
        assert len(pages) == 1 + sum(len(s) + 1 for s in STEPS[1:])
        assert pages[1:5] == ["Bullets Always shown 2", "Bullets Always shown • One 2",
                              "Bullets Always shown • One • Two – Two a – Two b 2",
                              "Bullets Always shown • One • Two – Two a – Two b • Three 2"]
        assert pages[-2:] == ["Picture • x 6", "Picture • x Europe 6"]
        handout = _pdf_pages(tmp_path / "reveal-handout.pdf")
        assert len(handout) == len(STEPS)
        assert handout[1] == ("Reveal demo Bullets Always shown • One • Two – Two a – Two b • "
                              "Three 2 Page 2 of 6")  # the deck title heads every page


    def it_keeps_the_libreoffice_pdf_one_full_slide_per_page(self, tmp_path, libreoffice):
        shutil.copytree(DECK.parent / "img", tmp_path / "img")
        deck = tmp_path / "reveal.yaml"
        deck.write_text(DECK.read_text())
        result = build_deck(deck, tmp_path, ("pdf",))
        assert result.error is None, result.error
        pages = _pdf_pages(tmp_path / "reveal.pdf")
        assert len(pages) == len(STEPS)
        assert pages[1] == "Bullets Always shown • One • Two – Two a – Two b • Three 2"


class DescribeTheLecture:
    def it_reveals_two_slides(self):
        layout = laid_out(LECTURE)
        revealed = [(p.title_text, p.steps) for p in layout.pages if p.steps]
        assert revealed == [("Back to old school", 2), ("Soviet-nazi pact", 4)]


class DescribeImport:
    def it_reads_the_paragraph_builds_back_as_reveal(self, pptx_file, tmp_path):
        import_file(pptx_file, tmp_path / "imported.yaml")
        deck = load_deck(tmp_path / "imported.yaml")
        assert [(s.title, s.reveal) for s in deck.slides] == [
            ("Bullets", "bullets"), ("All", "all"), ("Blocks", "blocks"), ("Columns", "blocks"),
            ("Picture", "blocks")]
        text = (tmp_path / "imported.yaml").read_text()
        assert "    reveal: true\n" in text and "    reveal: all\n" in text

    def it_writes_no_reveal_for_a_slide_without_click_animations(self, tmp_path):
        plain = _plain_deck(tmp_path)
        import_file(_pptx_of(plain, tmp_path), tmp_path / "imported.yaml")
        assert "reveal" not in (tmp_path / "imported.yaml").read_text()


class DescribeTheDocPage:
    DOC = ROOT / "docs" / "reveal.md"

    def examples(self) -> list[str]:
        return re.findall(r"```yaml\n(.*?)```", self.DOC.read_text(encoding="utf-8"), re.S)

    def it_builds_the_example_with_the_steps_it_describes(self, tmp_path):
        [example] = self.examples()
        layout = laid_out(write(tmp_path, example))
        assert [(p.title_text, p.steps) for p in layout.pages[1:]] == [
            ("Will it mean another war?", 3), ("Some dates", 3),
            ("So was Stalin preparing the war?", 3), ("The pact", 0)]
        assert [p.source.dim for p in layout.pages[1:]] == [False, True, False, False]
        result = build_deck(tmp_path / "deck.yaml", tmp_path, ("pptx", "html"))
        assert result.error is None, result.error

    def it_shows_the_error_a_wrong_value_gives(self, tmp_path):
        [example] = self.examples()
        path = write(tmp_path, example.replace("reveal: all ", "reveal: blokcs", 1))
        with pytest.raises(SourceError) as caught:
            load_deck(path)
        message = str(caught.value.problems[0]).replace(str(path), "lecture.yaml")
        assert f"\n{message}\n" in self.DOC.read_text(encoding="utf-8")
