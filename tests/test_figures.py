"""Diagrams (DOT and the flowchart subset) and QR codes: laid out, drawn as PPTX shapes and
connectors and as SVG, checked in LibreOffice and Chromium, the QR code decoded.

Until ``diagram:`` and ``qr:`` are body blocks of the page model, the drawers are exercised on
a real deck's slide: the PPTX renderer's content page draws the frame laid out here (see
``drawn_on_slide``), and the HTML checks put the SVG on a page with the theme's variables.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import assert_valid_pptx, require_tool
from lxml import etree

from generator.layout import diagram as D
from generator.layout.engine import lay_out
from generator.layout.measure import Measure
from generator.layout.page import Box
from generator.layout.qr import MIN_SIDE, QUIET, lay_out_qr, merged_rectangles, qr_matrix
from generator.source.flowchart import FlowchartError, to_dot
from generator.source.reader import load_deck
from generator.themes.theme import theme_for

EIGHT = """digraph causes {
  node [shape=box, style=rounded];
  versailles [label="Versailles treaty"];
  isolation [label="Soviet isolation"];
  rapallo [label="Rapallo, 1922"];
  hitler [label="Hitler in power"];
  security [label="Collective security"];
  munich [label="Munich, 1938", shape=diamond];
  pact [label="The pact, 1939", shape=ellipse];
  war [label="War"];
  versailles -> isolation -> rapallo;
  versailles -> hitler -> security -> munich;
  isolation -> security [style=dashed];
  munich -> pact [label="fails"];
  rapallo -> pact;
  pact -> war;
}
"""
URL = "https://en.wikipedia.org/wiki/Treaty_of_Rapallo_(1922)"
NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
SITE_COUNTS = {"rect": 4, "roundRect": 4, "diamond": 4, "ellipse": 8}

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None and not (
    __import__("os").environ.get("DECK_REQUIRE_TOOLS") == "1"),
    reason="Graphviz is not installed (apt-get install graphviz)")


@pytest.fixture(scope="module")
def deck_layout(tmp_path_factory):
    folder = tmp_path_factory.mktemp("figures")
    path = folder / "figures.yaml"
    path.write_text("title: Figures\nslides:\n  - title: Causes of the pact\n    text: x\n",
                    encoding="utf-8")
    deck = load_deck(path)
    return lay_out(deck, theme_for(deck, None))


@pytest.fixture(scope="module")
def eight(deck_layout):
    return D.lay_out_diagram(EIGHT, deck_layout.pages[1].body.box, Measure(deck_layout.theme),
                             float(deck_layout.theme.sizes["body"]))


def drawn_on_slide(layout, draw) -> bytes:
    """The deck's PPTX with ``draw(slide_drawer)`` called on its second slide instead of its
    body text (the title and footer drawn as usual)."""
    from generator.pptx import render

    original = render._SlideDrawer.content_page

    def content_page(self, page):
        if page.number != 2:
            return original(self, page)
        self.text(self.take(render.TITLE_TYPES), page.title, render._Style("heading", "b",
                                                                           False))
        draw(self)
        self.footer()

    render._SlideDrawer.content_page = content_page
    try:
        return render.render_pptx(layout)
    finally:
        render._SlideDrawer.content_page = original


def slide_xml(pptx: bytes, number: int):
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        return etree.fromstring(z.read(f"ppt/slides/slide{number}.xml"))


# -- the flowchart subset ------------------------------------------------------------------------

class DescribeTheFlowchartSubset:
    def it_converts_shapes_arrows_labels_chains_and_groups(self):
        assert to_dot("flowchart LR\n  A[Start] --> B{Is it?}\n  B -->|Yes| C(Round)\n"
                      "  B -- No --> D((Circle))\n  C & D -.-> E ==> F --- G\n"
                      "  %% a comment\n  style A fill:#f9f\n") == (
            'digraph {\n  rankdir=LR;\n'
            '  "A" [label="Start", shape=box];\n'
            '  "B" [label="Is it?", shape=diamond];\n'
            '  "C" [label="Round", shape=box, style=rounded];\n'
            '  "D" [label="Circle", shape=circle];\n'
            '  "E" [label="E", shape=box];\n  "F" [label="F", shape=box];\n'
            '  "G" [label="G", shape=box];\n'
            '  "A" -> "B";\n  "B" -> "C" [label="Yes"];\n  "B" -> "D" [label="No"];\n'
            '  "C" -> "E" [style=dashed];\n  "D" -> "E" [style=dashed];\n'
            '  "E" -> "F" [penwidth=2];\n  "F" -> "G" [arrowhead=none];\n}\n')

    def it_reads_input_output_shapes_and_two_way_links(self):
        assert to_dot("flowchart LR\nA[/In/] <--> B[\\Out\\] <-.-> C[/T\\]") == (
            'digraph {\n  rankdir=LR;\n  "A" [label="In", shape=box];\n'
            '  "B" [label="Out", shape=box];\n  "C" [label="T", shape=box];\n'
            '  "A" -> "B" [dir=both];\n  "B" -> "C" [style=dashed, dir=both];\n}\n')

    def it_leaves_the_direction_to_the_layout_when_none_is_given(self):
        assert "rankdir" not in to_dot("graph\nA --> B")
        assert "rankdir=TB" in to_dot("graph TD\nA --> B")

    @pytest.mark.parametrize("text, offset, message", [
        ("graph XY\nA-->B", 6, "unknown flowchart direction 'XY'"),
        ("flowchart TD\nA --> ", 19, "expected a node"),
        ("flowchart TD\nA[oops --> B", 14, "this node's text is not closed: expected ']'"),
        ("flowchart TD\nsubgraph one", 13, "'subgraph' is not part of the flowchart subset"),
        ("A --> B", 0, "a flowchart starts with 'flowchart'"),
    ])
    def it_locates_what_it_cannot_read(self, text, offset, message):
        with pytest.raises(FlowchartError) as caught:
            to_dot(text)
        assert (caught.value.offset, caught.value.message[:len(message)]) == (offset, message)


# -- the diagram engine --------------------------------------------------------------------------

@needs_graphviz
class DescribeLayingOutADiagram:
    def it_places_every_node_inside_the_box_with_its_label_inside_it(self, eight, deck_layout):
        box = deck_layout.pages[1].body.box
        assert [n.name for n in eight.nodes] == [
            "versailles", "isolation", "rapallo", "hitler", "security", "munich", "pact", "war"]
        for node in eight.nodes:
            assert _inside(node.box, box), node.name
            assert node.label.box.w <= node.box.w + 0.01 and node.label.box.h <= node.box.h
        assert [n.shape for n in eight.nodes].count("roundRect") == 6

    def it_joins_the_facing_sides_of_the_nodes_of_each_edge(self, eight):
        assert len(eight.edges) == 9
        for edge in eight.edges:
            tail, head = eight.nodes[edge.tail], eight.nodes[edge.head]
            assert edge.start == tail.site(edge.tail_side)
            assert edge.end == head.site(edge.head_side)
            assert edge.head_arrow and not edge.tail_arrow
        dashed = [e for e in eight.edges if e.dashed]
        assert [(eight.nodes[e.tail].name, eight.nodes[e.head].name) for e in dashed] == [
            ("isolation", "security")]
        [labelled] = [e for e in eight.edges if e.label]
        assert labelled.label.lines == ("fails",)

    def it_sizes_labels_at_the_body_size_or_smaller_to_fit(self, eight, deck_layout):
        assert eight.size <= float(deck_layout.theme.sizes["body"])
        assert eight.line_width >= D.MIN_LINE

    def it_chooses_the_direction_that_sets_the_labels_largest(self, deck_layout):
        m = Measure(deck_layout.theme)
        chain = "digraph { a -> b -> c -> d }"
        wide, tall = Box(0, 0, 800, 150), Box(0, 0, 150, 800)
        across = D.lay_out_diagram(chain, wide, m, 24)
        down = D.lay_out_diagram(chain, tall, m, 24)
        assert len({round(n.box.y + n.box.h / 2) for n in across.nodes}) == 1  # one row
        assert len({round(n.box.x + n.box.w / 2) for n in down.nodes}) == 1  # one column
        kept = D.lay_out_diagram("digraph { rankdir=TB; a -> b -> c -> d }", wide, m, 24)
        assert len({round(n.box.y) for n in kept.nodes}) == 4 and kept.size < across.size

    def it_draws_no_arrows_in_an_undirected_graph_unless_asked(self, deck_layout):
        frame = D.lay_out_diagram('graph { a -- b; b -- c [dir=forward] }',
                                  Box(0, 0, 600, 300), Measure(deck_layout.theme), 24)
        assert [(e.head_arrow, e.tail_arrow) for e in frame.edges] == [(False, False),
                                                                         (True, False)]

    def it_says_how_to_install_graphviz_when_it_is_missing(self, monkeypatch):
        monkeypatch.setattr(D.shutil, "which", lambda name: None)
        with pytest.raises(D.DiagramError) as caught:
            D.run_dot("digraph { a }")
        assert caught.value.message.startswith(
            "diagrams need Graphviz's 'dot' program, which is not on the PATH: install "
            "Graphviz: apt-get install graphviz")

    def it_reports_a_dot_syntax_error_with_its_line(self):
        with pytest.raises(D.DiagramError) as caught:
            D.run_dot("digraph {\n  a -> b\n  c -> -> d\n}")
        assert caught.value.line == 3
        assert caught.value.message.startswith("Graphviz cannot read the diagram: syntax error")


def _inside(inner: Box, outer: Box, slack: float = 0.01) -> bool:
    return (outer.x - slack <= inner.x and inner.right <= outer.right + slack
            and outer.y - slack <= inner.y and inner.bottom <= outer.bottom + slack)


@pytest.fixture(scope="module")
def pptx(eight, deck_layout):
    """The deck with the eight-node diagram on its second slide."""
    from generator.pptx import figures

    return drawn_on_slide(deck_layout, lambda slide: figures.diagram(slide, eight))


@needs_graphviz
class DescribeTheDiagramInThePptx:
    def it_is_one_group_of_eight_shapes_and_nine_connectors(self, pptx):
        root = slide_xml(pptx, 2)
        [group] = root.xpath("//p:grpSp", namespaces=NS)
        shapes = group.xpath("p:sp[not(starts-with(p:nvSpPr/p:cNvPr/@name, 'Label'))]",
                             namespaces=NS)
        assert len(shapes) == 8
        assert len(group.xpath("p:cxnSp", namespaces=NS)) == 9
        assert sorted(s.xpath("string(p:spPr/a:prstGeom/@prst)", namespaces=NS)
                      for s in shapes) == ["diamond", "ellipse"] + ["roundRect"] * 6

    def it_glues_every_connector_to_a_site_of_its_two_shapes(self, pptx, eight):
        root = slide_xml(pptx, 2)
        geometry = {s.xpath("string(p:nvSpPr/p:cNvPr/@id)", namespaces=NS):
                    s.xpath("string(p:spPr/a:prstGeom/@prst)", namespaces=NS)
                    for s in root.xpath("//p:grpSp/p:sp", namespaces=NS)}
        ends = []
        for connector in root.xpath("//p:cxnSp", namespaces=NS):
            assert connector.xpath("string(p:spPr/a:prstGeom/@prst)", namespaces=NS) == \
                "straightConnector1"
            for end in ("a:stCxn", "a:endCxn"):
                [glue] = connector.xpath(f"p:nvCxnSpPr/p:cNvCxnSpPr/{end}", namespaces=NS)
                shape = geometry[glue.get("id")]
                assert 0 <= int(glue.get("idx")) < SITE_COUNTS[shape]
                ends.append(glue.get("id"))
            assert connector.xpath("count(p:spPr/a:ln/a:tailEnd[@type='triangle'])",
                                   namespaces=NS) == 1
        assert len(set(ends)) == 8  # every node has a connector

    def it_uses_the_theme_colours_and_font(self, pptx):
        root = slide_xml(pptx, 2)
        fills = set(root.xpath("//p:grpSp/p:sp[not(starts-with(p:nvSpPr/p:cNvPr/@name, "
                               "'Label'))]/p:spPr/a:solidFill/a:schemeClr/@val", namespaces=NS))
        lines = set(root.xpath("//p:grpSp//a:ln/a:solidFill/a:schemeClr/@val", namespaces=NS))
        assert (fills, lines) == ({"bg2"}, {"accent1"})  # code_background, accent
        assert set(root.xpath("//p:grpSp//a:rPr/a:latin/@typeface", namespaces=NS)) == {"+mn-lt"}

    @pytest.mark.slow
    def it_validates_against_the_open_xml_rules(self, pptx):
        assert_valid_pptx(pptx)

    @pytest.mark.slow
    def it_renders_every_label_inside_its_shape_in_libreoffice(self, pptx, tmp_path):
        require_tool("LibreOffice", shutil.which("soffice") is not None,
                     "soffice is not on PATH (apt-get install libreoffice-impress)")
        pdf = _libreoffice_pdf(pptx, tmp_path)
        words = _pdf_words(pdf, 2)
        root = slide_xml(pptx, 2)
        shapes = []
        for sp in root.xpath("//p:grpSp/p:sp", namespaces=NS):
            off = sp.xpath("p:spPr/a:xfrm/a:off", namespaces=NS)[0]
            ext = sp.xpath("p:spPr/a:xfrm/a:ext", namespaces=NS)[0]
            box = Box(*(int(v) / 12700 for v in (off.get("x"), off.get("y"), ext.get("cx"),
                                                 ext.get("cy"))))
            shapes.append((box, "".join(sp.xpath(".//a:t/text()", namespaces=NS)).split()))
        for box, label in shapes:
            for word in label:
                found = [w for w in words if w[4] == word and _holds(box, w)]
                assert found, f"{word!r} is not drawn inside its shape {box}"
        labelled = sum(len(label) for _, label in shapes)
        assert labelled == 18  # the words of the eight node labels and the edge's


def _libreoffice_pdf(pptx: bytes, folder: Path) -> Path:
    from generator.pdf import without_autofit

    path = folder / "figures.pptx"
    path.write_bytes(without_autofit(pptx))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(path)],
                   check=True, capture_output=True, timeout=180)
    return path.with_suffix(".pdf")


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")


def _pdf_words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                          "-"], check=True, capture_output=True, text=True).stdout
    return [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in _WORD.findall(out)]


def _holds(box: Box, word) -> bool:
    x0, y0, x1, y1, _ = word
    slack = 1.0 + 0.2 * (y1 - y0)
    return (box.x - 1 <= x0 and x1 <= box.right + 1 and box.y - slack <= y0
            and y1 <= box.bottom + slack)


# -- QR codes ------------------------------------------------------------------------------------

class DescribeQrCodes:
    def it_merges_the_dark_modules_into_rectangles_that_cover_exactly_them(self):
        matrix = qr_matrix(URL)
        covered = set()
        for x, y, w, h in merged_rectangles(matrix):
            cells = {(x + i, y + j) for i in range(w) for j in range(h)}
            assert not cells & covered
            covered |= cells
        assert covered == {(x, y) for y, row in enumerate(matrix) for x, dark in enumerate(row)
                           if dark}
        assert len(merged_rectangles(matrix)) < sum(map(sum, matrix)) / 2

    def it_is_five_centimetres_with_a_quiet_zone(self):
        frame = lay_out_qr(URL, Box(48, 130, 864, 360))
        assert (frame.box.w, frame.box.h) == (MIN_SIDE, MIN_SIDE)
        assert frame.modules == len(qr_matrix(URL)) + 2 * QUIET
        assert min(x for x, _, _, _ in frame.rectangles) == QUIET

    def it_sets_the_linked_address_beside_the_code_centred_on_it(self, deck_layout):
        m = Measure(deck_layout.theme)
        frame = lay_out_qr(URL, Box(48, 130, 864, 360), m=m)
        address = frame.address
        assert address.paras[0].text == (
            r"[en.wikipedia.org/wiki/Treaty\_of\_Rapallo\_(1922)]"
            "(https://en.wikipedia.org/wiki/Treaty_of_Rapallo_(1922))")
        assert (address.box.x, address.size) == (frame.box.right + 18, 18)
        assert abs((address.box.y + address.box.h / 2) - (frame.box.y + frame.box.h / 2)) < 0.01
        narrow = lay_out_qr(URL, Box(48, 130, 300, 360), m=m).address
        assert narrow.box.h <= MIN_SIDE and narrow.box.right <= 348

    def it_is_one_linked_path_in_the_pptx(self, deck_layout):
        from generator.pptx import figures

        frame = lay_out_qr(URL, deck_layout.pages[1].body.box, m=Measure(deck_layout.theme))
        pptx = drawn_on_slide(deck_layout, lambda slide: figures.qr(slide, frame))
        root = slide_xml(pptx, 2)
        shown = root.xpath("//p:sp[p:nvSpPr/p:cNvSpPr/@txBox='1']//a:t/text()", namespaces=NS)
        assert "".join(shown) == "en.wikipedia.org/wiki/Treaty_of_Rapallo_(1922)"
        [path] = root.xpath("//p:grpSp/p:sp/p:spPr/a:custGeom/a:pathLst/a:path",
                            namespaces=NS)
        assert len(path.xpath("a:moveTo", namespaces=NS)) == len(frame.rectangles)
        assert root.xpath("string(//p:cNvPr[@name='QR code']/@descr)",
                          namespaces=NS) == f"QR code: {URL}"
        assert root.xpath("count(//p:cNvPr[@name='QR code']/a:hlinkClick)", namespaces=NS) == 1
        assert_valid_pptx(pptx)

    @pytest.mark.slow
    def it_decodes_to_its_url_from_a_libreoffice_render(self, deck_layout, tmp_path):
        import zxingcpp
        from PIL import Image

        from generator.pptx import figures

        require_tool("LibreOffice", shutil.which("soffice") is not None,
                     "soffice is not on PATH (apt-get install libreoffice-impress)")
        frame = lay_out_qr(URL, deck_layout.pages[1].body.box, m=Measure(deck_layout.theme))
        pdf = _libreoffice_pdf(drawn_on_slide(deck_layout, lambda s: figures.qr(s, frame)),
                               tmp_path)
        [address] = [w for w in _pdf_words(pdf, 2) if w[4].startswith("en.wikipedia")]
        assert address[4] == "en.wikipedia.org/wiki/Treaty_of_Rapallo_(1922)"
        assert frame.box.right < address[0] and _holds(frame.address.box, address)
        subprocess.run(["pdftoppm", "-r", "60", "-f", "2", "-l", "2", "-png", str(pdf),
                        str(tmp_path / "qr")], check=True)
        [png] = tmp_path.glob("qr*.png")
        assert [r.text for r in zxingcpp.read_barcodes(Image.open(png))] == [URL]


# -- the SVG in a browser ------------------------------------------------------------------------

def _svg_page(layout, svg: str, folder: Path) -> str:
    from generator.html.render import css_variables, root_css

    path = folder / "figure.html"
    path.write_text(f"<!doctype html><html><head><style>{root_css(css_variables(layout))}"
                    "body{margin:0}</style></head><body><div style=\"position:relative;"
                    f"width:960pt;height:540pt\">{svg}</div></body></html>", encoding="utf-8")
    return path.as_uri()


@pytest.mark.slow
class DescribeTheSvgInChromium:
    @needs_graphviz
    def it_draws_every_label_inside_its_shape(self, browser_context, deck_layout, eight,
                                              tmp_path):
        from generator.html.figures import diagram_svg

        page = browser_context.new_page()
        page.goto(_svg_page(deck_layout, diagram_svg(eight, "d1"), tmp_path))
        page.evaluate("document.fonts.ready")
        found = page.evaluate("""() => [...document.querySelectorAll('svg.diagram > text')]
            .map(t => { const s = t.previousElementSibling.getBBox(), b = t.getBBox();
                        return [t.textContent, s.x, s.y, s.width, s.height,
                                b.x, b.y, b.width, b.height]; })""")
        assert len(found) == 9  # eight nodes and one edge label
        for text, sx, sy, sw, sh, bx, by, bw, bh in found:
            assert sx - 0.5 <= bx and bx + bw <= sx + sw + 0.5, text
            assert sy - 0.5 <= by and by + bh <= sy + sh + 0.5, text
        assert page.evaluate("document.querySelectorAll('svg.diagram line').length") == 9
        fill = page.evaluate("getComputedStyle(document.querySelector('svg.diagram rect'))"
                             ".fill")
        assert fill == "rgb(241, 243, 245)"  # classic's code_background

    def it_decodes_the_qr_code_to_its_url_from_a_screenshot(self, browser_context, deck_layout,
                                                           tmp_path):
        import io

        import zxingcpp
        from PIL import Image

        from generator.html.figures import qr_svg

        frame = lay_out_qr(URL, deck_layout.pages[1].body.box)
        page = browser_context.new_page()
        page.goto(_svg_page(deck_layout, qr_svg(frame), tmp_path))
        shot = Image.open(io.BytesIO(page.screenshot()))
        assert [r.text for r in zxingcpp.read_barcodes(shot)] == [URL]
        assert page.evaluate("document.querySelector('a.qr').href") == URL


class DescribeThemedFigures:
    @pytest.mark.parametrize("theme, fill, line, dark", [
        ("classic", "code_background", "accent", "#1F2328"),
        ("dark", "code_background", "accent", "#000000"),
    ])
    def it_takes_colours_that_keep_their_contrast(self, theme, fill, line, dark):
        from generator.layout.qr import qr_dark
        from generator.themes.theme import load_theme

        colors = load_theme(theme).colors
        assert D.diagram_colors(colors) == (fill, line)
        assert qr_dark(colors) == dark

    def it_puts_labels_on_the_background_when_the_panel_colour_would_lose_contrast(self):
        colors = {"text": "#777777", "code_background": "#DDDDDD", "background": "#FFFFFF",
                  "accent": "#EEEEEE"}
        assert D.diagram_colors(colors) == ("background", "text")

    @needs_graphviz
    def it_warns_when_labels_go_below_the_theme_minimum(self, eight):
        where = "deck.yaml:4:7: slide 2 'Causes'"
        assert D.size_warning(eight, eight.size, where) is None
        assert D.size_warning(eight, 30, where) == (
            f"deck.yaml:4:7: slide 2 'Causes': the diagram fits only with its labels at "
            f"{eight.size:.1f} pt, below the theme's minimum of 30 pt; give it a slide of its "
            "own, shorten its labels or split it in two")
