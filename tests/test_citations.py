"""Citations against a bibliography in a CSL style, the reference list, and footnotes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import loaded_on_each_build
from test_source import problems_of, write

from generator.layout.engine import lay_out
from generator.source import citations
from generator.source.bibtex import bibtex_items
from generator.source.citations import CiteItem, find, resolve
from generator.source.footnotes import superscript
from generator.source.reader import load_deck
from generator.themes.theme import theme_for

DECKS = Path(__file__).parent / "decks" / "citations"
WORKS = DECKS / "works.bib"

BIB = r"""@book{haslam1984,
  author = {Haslam, Jonathan},
  title = {The {Soviet} Union and the Struggle for Collective Security in {Europe}, 1933--39},
  publisher = {Macmillan}, address = {London}, year = {1984}
}
@article{roberts1992,
  author = {Roberts, Geoffrey and van der Berg, Jan},
  title = {The {Soviet} Decision for a Pact with {Nazi} {Germany}},
  journal = {Soviet Studies}, volume = {44}, number = {1}, pages = {57--78}, year = {1992},
  doi = {10.1080/09668139208411994}
}
@techreport{who2020,
  author = {{World Health Organization}},
  title = {Report on {M\"unchen}}, institution = {WHO}, year = {2020}, month = mar
}
"""


def deck_with(tmp_path: Path, body: str, style: str = "apa") -> Path:
    write(tmp_path, BIB, "works.bib")
    return write(tmp_path, f"title: T\nbibliography: works.bib\ncitation_style: {style}\n"
                           f"slides:\n{body}")


class DescribeFindingCitations:
    def it_finds_one_work_a_locator_and_several_works(self):
        assert find("As shown [@haslam1984, p. 12] and [@a; see @b, chap. 3].") == [
            citations.Cite(9, 29, (CiteItem("haslam1984", 10, ("page", "12")),)),
            citations.Cite(34, 55, (CiteItem("a", 35), CiteItem("b", 43, ("chapter", "3"),
                                                               "see")))]

    def it_reads_a_bare_number_as_a_page_and_other_text_as_a_suffix(self):
        assert [c.items[0].locator for c in find("[@a, 33-35] [@b, and elsewhere]")] == [
            ("page", "33-35"), None]
        assert find("[@b, and elsewhere]")[0].items[0].suffix == "and elsewhere"

    def it_marks_a_citation_without_the_author(self):
        assert find("Haslam [-@haslam1984] argues")[0].items[0].suppress_author

    def it_leaves_code_escapes_links_and_addresses_alone(self):
        assert find(r"`[@code]` \[@escaped] [@label](https://x.org) [mail me@x.org] a@b") == []


class DescribeReadingBibTeX:
    def it_maps_types_names_accents_dates_and_protected_words(self):
        items = bibtex_items(BIB)
        assert items["roberts1992"] == {
            "type": "article-journal", "volume": "44", "page": "57–78",
            "DOI": "10.1080/09668139208411994", "issue": "1",
            "title": 'The <span class="nocase">Soviet</span> Decision for a Pact with '
                     '<span class="nocase">Nazi</span> <span class="nocase">Germany</span>',
            "container-title": "Soviet Studies",
            "author": [{"family": "Roberts", "given": "Geoffrey"},
                       {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}],
            "issued": {"date-parts": [[1992]]}}
        assert items["who2020"]["author"] == [{"literal": "World Health Organization"}]
        assert items["who2020"]["title"] == 'Report on <span class="nocase">München</span>'
        assert (items["who2020"]["type"], items["who2020"]["issued"]) == (
            "report", {"date-parts": [[2020, 3]]})

    def it_locates_a_syntax_error_in_the_file(self, tmp_path):
        write(tmp_path, "@book{a,\n  title = {A},\n  year = 1984 x\n}\n", "works.bib")
        path = write(tmp_path, "title: T\nbibliography: works.bib\nslides:\n  - title: A\n")
        [problem] = problems_of(path)
        assert problem.startswith(f"{tmp_path / 'works.bib'}:3: cannot read the bibliography "
                                  "works.bib: not valid BibTeX")


class DescribeResolvingCitations:
    TEXTS = ["Security [@haslam1984, p. 12] failed.", "The pact [@roberts1992; @haslam1984].",
             "Haslam [-@haslam1984] argues"]

    def it_writes_apa_citations_and_sorts_the_reference_list_by_author(self):
        resolved = resolve(self.TEXTS, bibtex_items(BIB), citations.style_file("apa"))
        assert resolved.texts == (
            "Security (Haslam, 1984, p. 12) failed.",
            "The pact (Haslam, 1984; Roberts & van der Berg, 1992).", "Haslam (1984) argues")
        assert resolved.references == (
            "Haslam, J. (1984). *The Soviet Union and the Struggle for Collective Security in "
            "Europe, 1933–39*. Macmillan.",
            "Roberts, G., & van der Berg, J. (1992). The Soviet Decision for a Pact with Nazi "
            "Germany. *Soviet Studies*, *44*(1), 57–78. [https://doi.org/10.1080/09668139208411994]"
            "(https://doi.org/10.1080/09668139208411994)")

    def it_numbers_ieee_citations_in_the_order_works_are_first_cited(self):
        resolved = resolve(self.TEXTS, bibtex_items(BIB), citations.style_file("ieee"))
        assert resolved.texts == ("Security [1, p. 12] failed.", "The pact [1], [2].",
                                  "Haslam [1] argues")
        assert [r[:4] for r in resolved.references] == ["[1] ", "[2] "]

    def it_gives_full_given_names_in_chicago(self):
        resolved = resolve(self.TEXTS[:1], bibtex_items(BIB),
                           citations.style_file("chicago-author-date"))
        assert resolved.texts == ("Security (Haslam 1984, 12) failed.",)
        assert resolved.references[0].startswith("Haslam, Jonathan. 1984. *The Soviet")

    @pytest.mark.parametrize("style, text", [
        ("harvard", "Security (Haslam, 1984, p. 12) failed."),
        ("vancouver", "Security (1) failed."),
    ])
    def it_offers_harvard_and_vancouver(self, style, text):
        resolved = resolve(self.TEXTS[:1], bibtex_items(BIB), citations.style_file(style))
        assert resolved.texts == (text,)


class DescribeADeckThatCites:
    def it_resolves_citations_in_any_text_and_puts_the_references_at_the_end(self, tmp_path):
        deck = load_deck(deck_with(tmp_path, "  - title: Pact [@roberts1992]\n"
                                             "    bullets: ['A [@haslam1984, p. 3]']\n"
                                             "    source: '[@haslam1984]'\n"))
        slide = deck.slides[0]
        assert (slide.title, slide.blocks[0].items[0].text, slide.source_line) == (
            "Pact (Roberts & van der Berg, 1992)", "A (Haslam, 1984, p. 3)", "(Haslam, 1984)")
        assert [r[:10] for r in deck.references] == ["Haslam, J.", "Roberts, G"]

    def it_puts_the_references_on_the_slide_that_asks_and_keeps_the_deck_list(self, tmp_path):
        path = deck_with(tmp_path, "  - {title: A, text: '[@haslam1984]'}\n"
                                   "  - {title: Sources, references: true}\n"
                                   "  - {title: End, text: Thanks}\n")
        text = path.read_text().replace("slides:", "references: ['Archive, *fond 5*.']\nslides:")
        deck = load_deck(write(tmp_path, text))
        assert deck.references == ()
        assert [b.text[:10] for b in deck.slides[1].blocks] == ["Haslam, J.", "Archive, *"]

    def it_reports_an_unknown_key_where_it_is_with_the_closest_key(self, tmp_path):
        path = deck_with(tmp_path, "  - title: A\n    bullets: ['As [@haslam1948, p. 3] says']\n")
        assert problems_of(path) == [
            f"{path}:6:20: slide 1 'A': unknown work @haslam1948: the bibliography has no such "
            "key; did you mean @haslam1984?"]

    def it_reports_a_citation_in_a_deck_without_a_bibliography(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - {title: A, text: 'See [@x]'}\n")
        assert problems_of(path) == [
            f"{path}:3:28: slide 1 'A': [@x] cites a work, but the deck has no 'bibliography' "
            "(a BibTeX or CSL-JSON file beside it); write \\[@ for a literal bracket"]

    def it_reports_an_unknown_style_with_the_choices(self, tmp_path):
        path = deck_with(tmp_path, "  - title: A\n", style="ape")
        assert problems_of(path) == [
            f"{path}:3:17: unknown citation style 'ape'; did you mean 'apa'?; use one of apa, "
            "chicago-author-date, harvard, ieee, vancouver, or a .csl file beside the deck"]

    def it_reports_a_second_reference_slide_and_one_with_nothing_to_list(self, tmp_path):
        path = deck_with(tmp_path, "  - {title: A, text: '[@haslam1984]'}\n"
                                   "  - {title: B, references: true}\n"
                                   "  - {title: C, references: true}\n")
        assert problems_of(path) == [
            f"{path}:7:5: slide 3 'C': the reference list is already on slide 2: one slide has "
            "'references: true'"]
        path = write(tmp_path, "title: T\nslides:\n  - {title: B, references: true}\n")
        assert problems_of(path) == [
            f"{path}:3:5: slide 1 'B': this slide holds the reference list ('references: "
            "true'), but the deck cites no work and has no 'references:'"]

    def it_reads_a_csl_json_bibliography(self, tmp_path):
        write(tmp_path, '[{"id": "w1", "type": "book", "title": "A Book", "author": '
                        '[{"family": "Doe", "given": "Ann"}], "issued": {"date-parts": '
                        '[[2001]]}}]', "works.json")
        deck = load_deck(write(tmp_path, "title: T\nbibliography: works.json\ncitation_style: "
                                         "ieee\nslides:\n  - {title: A, text: 'See [@w1]'}\n"))
        assert (deck.slides[0].blocks[0].text, deck.references) == (
            "See [1]", ("[1] A. Doe, *A Book*. 2001.",))


@pytest.mark.slow
@pytest.mark.parametrize("module", ["citeproc", "pybtex", "segno"])
def test_a_deck_that_cites_nothing_never_imports_the_citation_libraries(tmp_path, module):
    lecture = Path(__file__).resolve().parent.parent / "slides_src" / "soviet_foreign_policy.yaml"
    assert loaded_on_each_build(lecture, tmp_path, module, builds=1) == [False]


@pytest.mark.slow
class DescribeThirtyWorksInTwoStyles:
    @pytest.mark.parametrize("style, first, haslam", [
        ("apa", "Lenin and Trotsky expected revolution across Europe (Carr, 1953; Debo, 1992)",
         "Litvinov's policy of alliances against Germany (Haslam, 1984, p. 12) had critics "
         "then and now¹."),
        ("ieee", "Lenin and Trotsky expected revolution across Europe [1], [2]",
         "Litvinov's policy of alliances against Germany [10, p. 12] had critics then and now¹."),
    ])
    def it_writes_the_in_text_citations_of_the_style(self, style, first, haslam):
        deck = load_deck(DECKS / f"citations_{style}.yaml")
        assert deck.slides[0].blocks[0].items[0].text == first
        assert deck.slides[2].blocks[0].text == haslam

    @pytest.mark.parametrize("style", ["apa", "ieee"])
    def it_splits_thirty_references_over_balanced_slides(self, style):
        deck = load_deck(DECKS / f"citations_{style}.yaml")
        layout = lay_out(deck, theme_for(deck, None))
        title = "References" if style == "apa" else "Works cited"
        pages = [p for p in layout.pages if p.title_text == title]
        entries = [para.text for p in pages for para in p.body.paras]
        assert len(entries) == 30 and len(pages) >= 2
        assert len({p.body.size for p in pages}) == 1  # one size over the whole list
        heights = [p.body.height for p in pages]
        assert min(heights) >= 0.7 * max(heights)  # balanced, not a full page and a stub
        if style == "ieee":
            assert [e.split(" ", 1)[0] for e in entries] == [f"[{n}]" for n in range(1, 31)]
            assert layout.pages[-1].title_text == "Questions"


class DescribeFootnotes:
    def it_numbers_notes_per_slide_in_reading_order(self, tmp_path):
        deck = load_deck(write(tmp_path, "title: T\nslides:\n"
                               "  - title: A\n    text: 'One[^b] two^[In place.] three[^b]'\n"
                               "    bullets: ['Four[^a]']\n"
                               "    footnotes: {a: Note A, b: Note B}\n"
                               "  - title: B\n    text: 'Five[^1]'\n    footnotes: [First]\n"))
        first, second = deck.slides
        assert first.blocks[0].text == "One¹ two² three¹"
        assert first.blocks[1].items[0].text == "Four³"
        assert first.footnotes == ("Note B", "In place.", "Note A")
        assert (second.blocks[0].text, second.footnotes) == ("Five¹", ("First",))

    def it_reports_an_unknown_label_and_an_unused_note(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    text: 'One[^nte]'\n"
                               "    footnotes: {note: N, other: O}\n")
        assert problems_of(path) == [
            f"{path}:4:15: slide 1 'A': unknown footnote [^nte]; did you mean 'note'? (the "
            "slide's footnotes: note, other)",
            f"{path}:5:17: slide 1 'A': footnote 'note' is never marked: put [^note] in the "
            "slide's text where it belongs, or remove the note",
            f"{path}:5:26: slide 1 'A': footnote 'other' is never marked: put [^other] in the "
            "slide's text where it belongs, or remove the note"]

    def it_sets_the_notes_small_at_the_foot_above_the_source_line(self, tmp_path):
        deck = load_deck(write(tmp_path, "title: T\nslides:\n  - title: A\n"
                               "    bullets: ['One[^1]', 'Two^[Second note.]']\n"
                               "    footnotes: [First note.]\n    source: Archive\n"))
        layout = lay_out(deck, theme_for(deck, None))
        page = layout.pages[1]
        foot = page.source_line
        assert [p.text for p in foot.paras] == [f"{superscript(1)}\u2009First note.",
                                                 f"{superscript(2)}\u2009Second note.",
                                                 "Archive"]
        assert foot.size == float(layout.theme.sizes["footer"])
        assert page.body.box.bottom <= foot.box.y
        assert foot.box.bottom <= layout.footer_box.y + 0.5

    def it_draws_the_notes_in_both_outputs(self, tmp_path):
        import io
        import re

        from pptx import Presentation

        from generator.html.render import render_html
        from generator.pptx.render import render_pptx

        deck = load_deck(write(tmp_path, "title: T\nslides:\n  - title: A\n"
                               "    text: 'One[^1] two^[Second *note*.]'\n"
                               "    footnotes: [First note.]\n"))
        layout = lay_out(deck, theme_for(deck, None))
        html = render_html(layout)
        foot = re.search(r'id="slide-2".*?frame--source[^>]*>(.*?)</div>\s*</div>', html, re.S)
        assert [re.sub(r"<[^>]+>", "", p).strip() for p in
                re.findall(r'<p class="para[^"]*"[^>]*>(.*?)</p>', foot.group(1), re.S)] == [
            "¹\u2009First note.", "²\u2009Second note."]
        slide = Presentation(io.BytesIO(render_pptx(layout))).slides[1]
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert "One¹ two²" in texts
        assert "¹\u2009First note.\n²\u2009Second note." in texts


class DescribeTextThatOnlyLooksLikeACitation:
    def it_leaves_alt_text_as_written_for_it_is_never_markup(self, tmp_path):
        (tmp_path / "map.png").write_bytes(
            (Path(__file__).parent / "decks" / "img" / "map.png").read_bytes())
        deck = load_deck(write(tmp_path, "title: T\nslides:\n  - title: A\n    image: map.png\n"
                               "    alt: The map, from [@haslam1984] and ^[a note]\n"))
        assert deck.slides[0].image.alt == "The map, from [@haslam1984] and ^[a note]"
        assert deck.slides[0].footnotes == ()

    def it_is_escaped_by_deck_import_so_an_imported_deck_prints_it(self):
        from generator.importer.texts import escape
        from generator.source import inline

        text = "see [@a, p. 3] and [-@b], [see @c], x^[n] and [^1]; mail me@home [here]"
        escaped = escape(text)
        assert escaped == (r"see \[@a, p. 3] and \[-@b], \[see @c], x\^[n] and \[^1]; "
                           "mail me@home [here]")
        assert (find(escaped), inline.plain(escaped)) == ([], text)
