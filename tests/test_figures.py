"""Diagrams (DOT and the flowchart subset) and QR codes: read as blocks of a slide's body or a
column's, laid out with the other blocks, drawn as PPTX shapes and glued connectors and as SVG,
checked in LibreOffice and Chromium, the QR code decoded from both renders.

Most tests use tests/decks/figures.yaml: its slide 2 is an eight-node DOT diagram, slide 3 a
flowchart under a sentence, slide 4 a QR code in a column beside its explanation, slide 5 a QR
code under text, revealed block by block, and slide 6 a diagram and a QR code, each under its
sentence, in two columns.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import assert_valid_pptx, laid_out_html, open_deck, require_tool, show_slide
from lxml import etree
from test_browser import unfitted_frames
from test_source import problems_of, write

from generator.errors import SourceError
from generator.html.render import render_html
from generator.layout import diagram as D
from generator.layout.engine import lay_out
from generator.layout.measure import Measure
from generator.layout.page import Box, DiagramFrame, QRFrame
from generator.layout.qr import (
    MIN_SIDE,
    QUIET,
    breakable_address,
    lay_out_qr,
    merged_rectangles,
    qr_matrix,
)
from generator.pptx.render import render_pptx
from generator.source.flowchart import FlowchartError, to_dot
from generator.source.model import Diagram, QRCode
from generator.source.reader import load_deck
from generator.themes.theme import theme_for

DECK = Path(__file__).parent / "decks" / "figures.yaml"
EIGHT = load_deck(DECK).slides[0].blocks[0].dot
URL = "https://en.wikipedia.org/wiki/Treaty_of_Rapallo_(1922)"
COURSE = "https://example.org/history-201"
NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
SITE_COUNTS = {"rect": 4, "roundRect": 4, "diamond": 4, "ellipse": 8}

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None and not (
    __import__("os").environ.get("DECK_REQUIRE_TOOLS") == "1"),
    reason="Graphviz is not installed (apt-get install graphviz)")


def laid_out(path: Path):
    deck = load_deck(path)
    return lay_out(deck, theme_for(deck, None))


@pytest.fixture(scope="module")
def deck_layout():
    return laid_out(DECK)


@pytest.fixture(scope="module")
def pptx(deck_layout) -> bytes:
    return render_pptx(deck_layout)


@pytest.fixture(scope="module")
def eight(deck_layout):
    return D.lay_out_diagram(EIGHT, deck_layout.boxes.body, Measure(deck_layout.theme),
                             deck_layout.body_size)


def slide_xml(pptx: bytes, number: int):
    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        return etree.fromstring(z.read(f"ppt/slides/slide{number}.xml"))


# -- the format ----------------------------------------------------------------------------------

class DescribeTheBlocks:
    def it_reads_diagrams_and_qr_codes_in_a_body_and_in_a_column_in_order(self):
        deck = load_deck(DECK)
        kinds = [[type(b).__name__ for b in s.all_blocks] for s in deck.slides]
        assert kinds == [["Diagram"], ["Paragraph", "Diagram"],
                         ["Paragraph", "BulletList", "QRCode"], ["Paragraph", "QRCode"],
                         ["Paragraph", "Diagram", "Paragraph", "QRCode"]]
        dot, flowchart = deck.slides[0].blocks[0], deck.slides[1].blocks[1]
        assert dot.dot.startswith("digraph causes {\n  node [shape=box, style=rounded];")
        assert dot.line == 13 and flowchart.line == 0  # where the DOT's first line is written
        assert flowchart.dot.startswith('digraph {\n  rankdir=LR;\n  "A" [label="Find the '
                                        'document", shape=box];')
        assert flowchart.alt.startswith("Find the document; if it is authentic")
        assert deck.slides[2].columns[1].blocks == (QRCode(URL, "The treaty"),)
        assert deck.slides[3].blocks[1] == QRCode(COURSE)

    def it_needs_alt_text_and_one_of_dot_or_flowchart(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    body:\n"
                     "      - diagram: {dot: 'digraph { a -> b }'}\n"
                     "      - diagram: {dot: 'digraph {a}', flowchart: 'flowchart LR', alt: x}\n"
                     "      - diagram: {alt: x}\n")
        assert problems_of(path) == [
            f"{path}:5:18: slide 1 'A': a diagram needs 'alt': a sentence saying what it shows, "
            "for screen readers and for anyone who cannot see it",
            f"{path}:6:18: slide 1 'A': a diagram needs 'dot' (Graphviz DOT) or 'flowchart' "
            "(the Mermaid flowchart subset), one of the two",
            f"{path}:7:18: slide 1 'A': a diagram needs 'dot' (Graphviz DOT) or 'flowchart' "
            "(the Mermaid flowchart subset), one of the two"]

    def it_locates_what_the_flowchart_subset_cannot_read_in_the_deck(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    body:\n"
                     "      - diagram:\n          alt: A flow\n          flowchart: |\n"
                     "            flowchart LR\n              A[Start --> B\n")
        assert problems_of(path) == [
            f"{path}:9:16: slide 1 'A': this node's text is not closed: expected ']'"]

    def it_reports_a_dot_text_that_is_no_graph(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    body:\n"
                     "      - diagram: {dot: flowchart LR, alt: x}\n")
        assert problems_of(path) == [
            f"{path}:5:24: slide 1 'A': 'dot' is a Graphviz graph: 'digraph {{ a -> b }}' "
            "(arrows) or 'graph { a -- b }' (lines); for the Mermaid syntax use 'flowchart'"]

    @needs_graphviz
    def it_locates_a_graphviz_error_at_its_line_in_the_deck(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    body:\n"
                     "      - diagram:\n          alt: x\n          dot: |\n"
                     "            digraph {\n              a -> b\n              c -> -> d\n"
                     "            }\n")
        with pytest.raises(SourceError) as caught:
            laid_out(path)
        assert [str(p) for p in caught.value.problems] == [
            f"{path}:10:1: slide 1 'A': Graphviz cannot read the diagram: syntax error in "
            "line 3 near '->'"]

    def it_reads_a_qr_code_as_an_address_or_with_a_caption_and_asks_for_a_full_one(
            self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    body:\n"
                     "      - qr: example.org/reading\n"
                     "      - qr: {url: 'https://x.org', caption: Readings, size: 3}\n"
                     "      - qr: {caption: Readings}\n")
        assert problems_of(path) == [
            f"{path}:5:13: slide 1 'A': a QR code holds a full address with its scheme, like "
            "https://example.org/reading (or mailto:…), got 'example.org/reading'",
            f"{path}:6:55: slide 1 'A': unknown key 'size' in a QR code (valid keys: url, "
            "caption)",
            f"{path}:7:13: slide 1 'A': a QR code is missing required key 'url'"]

    def it_checks_a_diagrams_alt_text_as_a_pictures(self, tmp_path):
        from generator.check.deck import check_deck

        deck = write(tmp_path, "title: T\nslides:\n  - title: A\n    body:\n"
                     "      - diagram: {dot: 'digraph { a -> b }', alt: graph}\n")
        assert [str(f) for f in check_deck(deck)] == [
            f"{deck}:5:18: error: slide 1: alt text 'graph' says nothing about the picture: "
            "describe what it shows [alt-text]"]

    def it_leaves_dot_and_addresses_out_of_citations_and_footnotes(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    body:\n"
                     "      - diagram: {dot: 'digraph { a [label=\"[^1] $x$ [@k]\"] }', alt: x}\n"
                     "      - qr: 'https://example.org/api?$filter=[@k]&$top=5'\n")
        blocks = load_deck(path).slides[0].blocks
        assert blocks == (Diagram('digraph { a [label="[^1] $x$ [@k]"] }', "x"),
                          QRCode("https://example.org/api?$filter=[@k]&$top=5"))


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
        ("flowchart LR\n  A[Start --> B", 16, "this node's text is not closed"),
        ("flowchart LR\n  subgraph one", 15, "'subgraph' is not part of the flowchart subset"),
    ])
    def it_locates_what_it_cannot_read(self, text, offset, message):
        with pytest.raises(FlowchartError) as caught:
            to_dot(text)
        assert (caught.value.offset, caught.value.message[:len(message)]) == (offset, message)


# -- the diagram engine --------------------------------------------------------------------------

@needs_graphviz
class DescribeLayingOutADiagram:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_places_every_node_inside_the_box_with_its_label_inside_it(self, eight, deck_layout):
        box = deck_layout.boxes.body
        assert [n.name for n in eight.nodes] == [
            "versailles", "isolation", "rapallo", "hitler", "security", "munich", "pact", "war"]
        for node in eight.nodes:
            assert _inside(node.box, box), node.name
            assert node.label.box.w <= node.box.w + 0.01 and node.label.box.h <= node.box.h
        assert [n.shape for n in eight.nodes].count("roundRect") == 6
        assert _inside(eight.box, box) and eight.box.y == box.y  # at the top of its room

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
        monkeypatch.setattr("shutil.which", lambda name: None)
        with pytest.raises(D.DiagramError) as caught:
            D.run_dot("digraph { a }")
        assert caught.value.message.startswith(
            "diagrams need Graphviz's 'dot' program, which is not on the PATH: install "
            "Graphviz: apt-get install graphviz")

    def it_lays_out_each_graph_once_per_process(self, monkeypatch):
        D.run_dot("digraph { cached -> once }")
        monkeypatch.setattr("subprocess.run", None)  # a second run would fail
        assert D.run_dot("digraph { cached -> once }")["directed"] is True

    def it_reports_a_dot_syntax_error_with_its_line(self):
        with pytest.raises(D.DiagramError) as caught:
            D.run_dot("digraph {\n  a -> b\n  c -> -> d\n}")
        assert caught.value.line == 3
        assert caught.value.message.startswith("Graphviz cannot read the diagram: syntax error")



# -- the diagram on its slide -------------------------------------------------------------------

@needs_graphviz
class DescribeTheDiagramInTheDeck:
    def it_is_one_group_of_eight_shapes_and_nine_connectors(self, pptx):
        root = slide_xml(pptx, 2)
        [group] = root.xpath("//p:grpSp", namespaces=NS)
        shapes = group.xpath("p:sp[not(starts-with(p:nvSpPr/p:cNvPr/@name, 'Label'))]",
                             namespaces=NS)
        assert len(shapes) == 8
        assert len(group.xpath("p:cxnSp", namespaces=NS)) == 9
        assert sorted(s.xpath("string(p:spPr/a:prstGeom/@prst)", namespaces=NS)
                      for s in shapes) == ["diamond", "ellipse"] + ["roundRect"] * 6
        assert group.xpath("string(p:nvGrpSpPr/p:cNvPr/@descr)", namespaces=NS).startswith(
            "Versailles led to Soviet isolation and Rapallo")

    def it_glues_every_connector_to_a_site_of_its_two_shapes(self, pptx):
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

    def it_keeps_its_labels_at_the_theme_minimum_or_larger_without_a_warning(
            self, deck_layout, caplog):
        with caplog.at_level(logging.WARNING, logger="generator"):
            layout = laid_out(DECK)
        assert [r.getMessage() for r in caplog.records] == []
        [frame] = layout.pages[1].frames
        minimum = float(layout.theme.sizes["minimum"])
        assert minimum <= frame.size <= layout.body_size
        assert frame.box.y == layout.boxes.body.y and frame.box.bottom <= layout.boxes.body.bottom

    def it_warns_at_the_diagram_when_its_labels_must_go_below_the_minimum(self, tmp_path,
                                                                           caplog):
        chain = "; ".join(f'n{i} [label="Step number {i}"]' for i in range(12)) + "; " + \
            " -> ".join(f"n{i}" for i in range(12))
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    body:\n"
                     f"      - diagram: {{dot: 'digraph {{ rankdir=TB; {chain} }}', alt: x}}\n")
        with caplog.at_level(logging.WARNING, logger="generator"):
            layout = laid_out(path)
        size = layout.pages[1].frames[0].size
        assert [r.getMessage() for r in caplog.records] == [
            f"{path}:5:18: slide 1 'A': the diagram fits only with its labels at {size:.1f} pt, "
            f"below the theme's minimum of 18 pt; give it a slide of its own, shorten its labels "
            "or split it in two"]

    def it_comes_in_reading_order_with_the_other_blocks(self, deck_layout, pptx):
        page = deck_layout.pages[2]
        assert [type(f).__name__ for f in page.frames] == ["TextFrame", "DiagramFrame"]
        text, diagram = page.frames
        assert text.box.bottom <= diagram.box.y <= text.box.bottom + deck_layout.body_size
        root = slide_xml(pptx, 3)
        names = root.xpath("/p:sld/p:cSld/p:spTree/*/*[1]/p:cNvPr/@name", namespaces=NS)
        assert [n.split()[0] for n in names][:3] == ["Title", "TextBox", "Diagram"]

    def it_draws_the_same_geometry_as_svg_in_the_html(self, deck_layout):
        html = render_html(deck_layout)
        slide = html.split('id="slide-2"', 1)[1].split("</section>", 1)[0]
        assert slide.count('<div class="figure figure--diagram"') == 1
        svg = slide.split("<svg", 1)[1].split("</svg>", 1)[0]
        assert svg.count("<rect") == 7 and svg.count("<polygon") == 1  # 6 boxes, the label
        assert svg.count("<ellipse") == 1 and svg.count("<line") == 9
        assert 'aria-label="Versailles led to Soviet isolation' in svg
        assert "var(--color-accent)" in svg and "var(--color-code-background)" in svg

    @pytest.mark.slow
    def it_validates_against_the_open_xml_rules(self, pptx):
        assert_valid_pptx(pptx)

    @pytest.mark.slow
    def it_renders_every_label_inside_its_shape_in_libreoffice(self, pptx, tmp_path):
        require_tool("LibreOffice", shutil.which("soffice") is not None,
                     "soffice is not on PATH (apt-get install libreoffice-impress)")
        pdf = _libreoffice_pdf(pptx, tmp_path)
        for number in (2, 3, 6):
            words = _pdf_words(pdf, number)
            shapes = []
            for sp in slide_xml(pptx, number).xpath("//p:grpSp/p:sp", namespaces=NS):
                off = sp.xpath("p:spPr/a:xfrm/a:off", namespaces=NS)[0]
                ext = sp.xpath("p:spPr/a:xfrm/a:ext", namespaces=NS)[0]
                box = Box(*(int(v) / 12700 for v in (off.get("x"), off.get("y"),
                                                     ext.get("cx"), ext.get("cy"))))
                shapes.append((box, "".join(sp.xpath(".//a:t/text()", namespaces=NS)).split()))
            for box, label in shapes:
                for word in label:
                    found = [w for w in words if w[4] == word and _holds(box, w)]
                    assert found, f"slide {number}: {word!r} is not drawn inside its shape {box}"
            if number == 2:
                assert sum(len(label) for _, label in shapes) == 18  # 8 labels and the edge's


def _codes_in_libreoffice(pptx: bytes, folder: Path) -> list[list[str]]:
    """What a QR reader finds on slides 4, 5 and 6 of LibreOffice's render of ``pptx``."""
    import zxingcpp
    from PIL import Image

    require_tool("LibreOffice", shutil.which("soffice") is not None,
                 "soffice is not on PATH (apt-get install libreoffice-impress)")
    pdf = _libreoffice_pdf(pptx, folder)
    found = []
    for number in (4, 5, 6):
        subprocess.run(["pdftoppm", "-r", "60", "-f", str(number), "-l", str(number),
                        "-png", str(pdf), str(folder / f"qr{number}")], check=True)
        [png] = folder.glob(f"qr{number}*.png")
        found.append([r.text for r in zxingcpp.read_barcodes(Image.open(png))])
    return found


def _libreoffice_pdf(pptx: bytes, folder: Path) -> Path:
    path = folder / "figures.pptx"
    path.write_bytes(pptx)  # as written: LibreOffice draws it as laid out (docs/pptx.md)
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


def _inside(inner: Box, outer: Box, slack: float = 0.01) -> bool:
    return (outer.x - slack <= inner.x and inner.right <= outer.right + slack
            and outer.y - slack <= inner.y and inner.bottom <= outer.bottom + slack)


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

    def it_sets_its_linked_address_beside_the_code_centred_on_it(self, deck_layout):
        page = deck_layout.pages[4]
        text, code, address = page.frames
        assert isinstance(code, QRFrame) and (code.box.w, code.box.h) == (MIN_SIDE, MIN_SIDE)
        assert text.box.bottom <= code.box.y and code.box.x == deck_layout.boxes.body.x
        assert [p.text for p in address.paras] == [r"[example.org/history-201]({})".format(
            COURSE)]
        assert address.box.x == code.box.right + 6 and address.size == deck_layout.body_size
        assert abs(address.box.y + address.box.h / 2 - (code.box.y + code.box.h / 2)) < 0.01

    def it_sets_a_long_address_beside_the_code_broken_in_its_path(self, deck_layout):
        page = deck_layout.pages[3]
        code = page.first(QRFrame)
        address = page.frames[page.frames.index(code) + 1]
        assert code.box.x == deck_layout.boxes.body.x + (deck_layout.boxes.body.w + 18) / 2
        assert [p.text for p in address.paras] == [
            "The treaty", "[en.wikipedia.org/wiki/\u200bTreaty\u200b\\_of\u200b\\_Rapallo\u200b"
            f"\\_(1922)]({URL})"]
        assert (address.box.x, address.box.right) == (code.box.right + 6,
                                                      deck_layout.boxes.body.right)
        assert address.box.h <= code.box.h

    def it_cuts_a_linked_address_into_runs_where_it_may_break_for_libreoffice(self, pptx):
        root = slide_xml(pptx, 4)
        runs = root.xpath("//p:sp[.//a:t = 'The treaty']//a:r[a:rPr/a:hlinkClick]",
                          namespaces=NS)
        assert [r.xpath("string(a:t)", namespaces=NS) for r in runs] == [
            "en.wikipedia.org/", "wiki/\u200b", "Treaty\u200b", "_of\u200b", "_Rapallo\u200b",
            "_(1922)"]
        assert len({r.xpath("string(a:rPr/a:hlinkClick/@r:id)", namespaces=NS)
                    for r in runs}) == 1

    def it_sets_caption_and_address_under_the_code_when_no_word_may_be_cut_beside_it(
            self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    columns:\n"
                     "      - body: [{text: One}]\n      - body: [{text: Two}]\n"
                     f"      - body: [{{qr: {{url: '{URL}', caption: The treaty}}}}]\n")
        layout = laid_out(path)
        column = layout.pages[1].frames
        code = next(f for f in column if isinstance(f, QRFrame))
        address = column[column.index(code) + 1]
        assert [p.text for p in address.paras][0] == "The treaty"
        assert (address.box.x, address.box.y) == (code.box.x, code.box.bottom)
        assert address.box.right <= layout.boxes.body.right + 0.01
        m = Measure(layout.theme)  # no word cut: the path breaks at its slashes and "_"
        assert all(m.widest_word(p.text, p.size) <= m.usable(p, address.box.w)
                   for p in address.paras)

    def it_lets_an_address_break_after_a_slash_and_before_the_punctuation_of_its_path(self):
        assert breakable_address("en.wikipedia.org/wiki/Treaty_of_Rapallo_(1922)") == \
            "en.wikipedia.org/wiki/\u200bTreaty\u200b_of\u200b_Rapallo\u200b_(1922)"
        assert breakable_address("a.example.org/x/?q=1&b=2") == \
            "a.example.org/x/\u200b?q\u200b=1\u200b&b\u200b=2"
        assert breakable_address("example.org/history-201") == "example.org/history-201"
        assert Measure(theme_for(load_deck(DECK), None)).wrap(
            breakable_address("example.org/wiki/Treaty_of_Rapallo"), 18, 240) == [
            "example.org/wiki/\u200bTreaty\u200b_of\u200b", "_Rapallo"]

    def it_is_one_linked_path_grouped_with_its_white_square_in_the_pptx(self, deck_layout, pptx):
        code = deck_layout.pages[4].first(QRFrame)
        root = slide_xml(pptx, 5)
        [group] = root.xpath("//p:grpSp", namespaces=NS)
        [path] = group.xpath("p:sp/p:spPr/a:custGeom/a:pathLst/a:path", namespaces=NS)
        assert len(path.xpath("a:moveTo", namespaces=NS)) == len(code.rectangles)
        assert root.xpath("string(//p:cNvPr[@name='QR code']/@descr)",
                          namespaces=NS) == f"QR code: {COURSE}"
        assert root.xpath("count(//p:cNvPr[@name='QR code']/a:hlinkClick)", namespaces=NS) == 1
        shown = root.xpath("//p:sp[p:nvSpPr/p:cNvSpPr/@txBox='1']//a:t/text()", namespaces=NS)
        assert "example.org/history-201" in shown

    def it_is_shown_by_one_click_with_its_address_in_blocks_mode(self, deck_layout, pptx):
        page = deck_layout.pages[4]
        text, code, address = page.frames
        assert page.steps == 2 and {p.step for p in text.paras} == {1}
        assert (code.step, address.step) == (2, 2)
        root = slide_xml(pptx, 5)
        group = root.xpath("string(//p:grpSp/p:nvGrpSpPr/p:cNvPr/@id)", namespaces=NS)
        clicks = root.xpath("//p:timing//p:par[p:cTn/p:stCondLst/p:cond/@delay='indefinite']",
                            namespaces=NS)
        assert len(clicks) == 2
        assert group in clicks[1].xpath(".//p:spTgt/@spid", namespaces=NS)
        html = render_html(deck_layout)
        slide = html.split('id="slide-5"', 1)[1].split("</section>", 1)[0]
        assert re.search(r'<a class="figure figure--qr" href="https://example.org/history-201" '
                         r'style="[^"]+" data-step="2">', slide)

    def it_reports_an_address_too_long_for_any_code(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    body:\n"
                     f"      - qr: https://example.org/{'x' * 3000}\n")
        with pytest.raises(SourceError) as caught:
            laid_out(path)
        assert [str(p) for p in caught.value.problems] == [
            f"{path}:5:13: slide 1 'A': the address is too long for a QR code (3020 characters); "
            "shorten it (a link shortener makes any address short)"]

    @pytest.mark.slow
    def it_decodes_to_its_url_from_a_libreoffice_render(self, pptx, tmp_path):
        assert _codes_in_libreoffice(pptx, tmp_path) == [
            [URL], [COURSE], ["https://example.org/archive"]]


# -- in a browser --------------------------------------------------------------------------------

@pytest.mark.slow
class DescribeTheFiguresInChromium:
    def it_fits_every_frame_of_every_slide(self, browser_context, tmp_path):
        assert unfitted_frames(browser_context, DECK, tmp_path) == []

    @needs_graphviz
    def it_draws_every_label_inside_its_shape(self, browser_context, tmp_path):
        _, url = laid_out_html(DECK, tmp_path)
        page = open_deck(browser_context, url, 1280, 720)
        show_slide(page, 2)
        found = page.evaluate("""() => [...document.querySelectorAll(
                '.slide.is-current svg.diagram > text')]
            .map(t => { const s = t.previousElementSibling.getBBox(), b = t.getBBox();
                        return [t.textContent, s.x, s.y, s.width, s.height,
                                b.x, b.y, b.width, b.height]; })""")
        assert len(found) == 9  # eight nodes and one edge label
        for text, sx, sy, sw, sh, bx, by, bw, bh in found:
            assert sx - 0.5 <= bx and bx + bw <= sx + sw + 0.5, text
            assert sy - 0.5 <= by and by + bh <= sy + sh + 0.5, text
        fill = page.evaluate("getComputedStyle(document.querySelector("
                             "'.slide.is-current svg.diagram rect')).fill")
        assert fill == "rgb(241, 243, 245)"  # classic's code_background

    def it_decodes_the_qr_codes_to_their_urls_from_screenshots(self, browser_context, tmp_path):
        import zxingcpp
        from PIL import Image

        _, url = laid_out_html(DECK, tmp_path)
        page = open_deck(browser_context, url, 1280, 720)
        found = []
        for number, clicks in ((4, 0), (5, 2), (6, 0)):
            show_slide(page, number)
            for _ in range(clicks):
                page.keyboard.press("ArrowRight")
            page.wait_for_timeout(400)  # the reveal's fade
            shot = Image.open(io.BytesIO(page.screenshot(animations="disabled")))
            found.append([r.text for r in zxingcpp.read_barcodes(shot)])
        assert found == [[URL], [COURSE], ["https://example.org/archive"]]
        assert page.evaluate("document.querySelector('.slide.is-current a.figure--qr').href") \
            == "https://example.org/archive"


# -- on a real template and on a 4:3 slide -----------------------------------------------------

ELSEWHERE = {  # the figures deck with citations and footnotes, in other sizes and designs
    "capstone": (Path(__file__).parent / "templates" / "figures_on_capstone.yaml",
                 "(Haslam 1984, 12)"),  # a real 4:3 template, Chicago author-date
    "4x3": (Path(__file__).parent / "decks" / "citations" / "figures_4x3.yaml",
            "(Haslam, 1984, p. 12)"),  # our design at 4:3, Harvard
}


@pytest.fixture(scope="module", params=sorted(ELSEWHERE))
def elsewhere(request):
    """``(layout, pptx, deck path)`` of each deck of :data:`ELSEWHERE`."""
    path, cited = ELSEWHERE[request.param]
    layout = laid_out(path)
    return layout, render_pptx(layout), path, cited


@pytest.mark.slow
@needs_graphviz
class DescribeFiguresOnARealTemplateAndIn4x3:
    def it_lays_out_every_figure_citation_and_footnote_without_a_warning(self, elsewhere,
                                                                         caplog):
        layout, _, path, cited = elsewhere
        with caplog.at_level(logging.WARNING, logger="generator"):
            laid_out(path)
        assert [r.getMessage() for r in caplog.records] == []
        assert (layout.width / layout.height) == pytest.approx(4 / 3, abs=0.01)
        minimum, body = float(layout.theme.sizes["minimum"]), layout.boxes.body
        diagrams = [f for p in layout.pages for f in p.frames if isinstance(f, DiagramFrame)]
        assert len(diagrams) == 3 and all(minimum <= d.size for d in diagrams)
        codes = [f for p in layout.pages for f in p.frames if isinstance(f, QRFrame)]
        assert [(c.box.w, c.box.h) for c in codes] == [(MIN_SIDE, MIN_SIDE)] * 3
        for frame in (f for p in layout.pages[1:] for f in p.frames):  # a template's column
            assert _inside(frame.box, body, slack=1.0), frame  # boxes may pass it by < 1 pt
        cites = layout.pages[6]
        assert cited in cites.frames[0].paras[0].text
        assert [p.text[:3] for p in cites.source_line.paras] == ["¹\u2009R", "²\u2009T"]
        assert cites.frames[-1].box.bottom <= cites.source_line.box.y
        references = [p for p in layout.pages if p.title_text == "References"]
        # every reference, continued on a second page at the deck's type scale (28 pt body)
        assert sum(len(p.body.paras) for p in references) == 6 and len(references) <= 2

    def it_draws_the_eight_node_diagram_as_glued_shapes_in_the_decks_colours(self, elsewhere):
        layout, pptx, _, _ = elsewhere
        root = slide_xml(pptx, 2)
        [group] = root.xpath("//p:grpSp", namespaces=NS)
        shapes = {s.xpath("string(p:nvSpPr/p:cNvPr/@id)", namespaces=NS): s for s in
                  group.xpath("p:sp[not(starts-with(p:nvSpPr/p:cNvPr/@name, 'Label'))]",
                              namespaces=NS)}
        connectors = group.xpath("p:cxnSp", namespaces=NS)
        assert (len(shapes), len(connectors)) == (8, 9)
        for connector in connectors:
            assert all(connector.xpath(f"string(p:nvCxnSpPr/p:cNvCxnSpPr/{end}/@id)",
                                       namespaces=NS) in shapes
                       for end in ("a:stCxn", "a:endCxn"))
        fill, line = D.diagram_colors(layout.theme.colors)
        on_template = bool(layout.deck.template)
        paint = (lambda name: layout.theme.color(name).lstrip("#").upper()) if on_template \
            else (lambda name: {"code_background": "bg2", "accent": "accent1"}[name])
        kind = "a:srgbClr" if on_template else "a:schemeClr"
        assert {s.xpath(f"string(p:spPr/a:solidFill/{kind}/@val)", namespaces=NS)
                for s in shapes.values()} == {paint(fill)}
        assert set(group.xpath(f".//a:ln/a:solidFill/{kind}/@val", namespaces=NS)) == {
            paint(line)}

    def it_decodes_its_qr_codes_from_a_libreoffice_render(self, elsewhere, tmp_path):
        assert _codes_in_libreoffice(elsewhere[1], tmp_path) == [
            [URL], [COURSE], ["https://example.org/archive"]]

    def it_fits_every_frame_in_chromium(self, elsewhere, browser_context, tmp_path):
        assert unfitted_frames(browser_context, elsewhere[2], tmp_path) == []


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
