"""Importing Markdown slide decks in each dialect lecturers write: where slides break, where the
notes are, what becomes code, tables, math, pictures, quotes and columns, what markup is dropped
(and counted), and text kept exactly as written."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_import import png_bytes

from generator.importer import read_source
from generator.importer.emit import deck_yaml


def imported(tmp_path: Path, text: str, name: str = "deck.md", pictures: tuple[str, ...] = ()):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    for picture in pictures:
        (tmp_path / picture).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / picture).write_bytes(png_bytes())
    return read_source(source)


def slides_yaml(found) -> str:
    return deck_yaml(found.deck).split("slides:\n", 1)[1]


class DescribeMarp:
    SOURCE = """\
---
marp: true
lang: de
paginate: true
headingDivider: 2
---

<!-- _class: lead -->

# Einführung

## Erste Folie

- Punkt eins
- Punkt zwei

<!-- Das sagt der Vortragende. -->

## Zweite Folie

![bg right:40%](bild.png)

Text neben dem Bild.
"""

    def it_breaks_slides_at_the_heading_divider_and_keeps_notes_off_the_slides(self, tmp_path):
        found = imported(tmp_path, self.SOURCE, pictures=("bild.png",))
        assert found.dialect == "marp"
        assert found.deck.title == "Einführung"
        assert found.deck.language == "de"
        assert slides_yaml(found) == """\
  - title: Erste Folie
    bullets:
      - Punkt eins
      - Punkt zwei
    notes: |
      Das sagt der Vortragende.

  # a picture has no alt text: describe it in 'alt'
  - title: Zweite Folie
    body:
      - image:
          src: deck_media/bild.png
          alt: 'TODO: describe this image'
      - text: Text neben dem Bild.
"""
        assert found.summary.markup == ("1 Marp directives (first at deck.md:7)",)

    def it_counts_a_picture_on_the_web_as_not_imported(self, tmp_path):
        found = imported(tmp_path, "---\nmarp: true\n---\n# A\n\n![bg](https://x.org/p.png)\n")
        assert found.summary.dropped == (
            "deck.md:6: the picture https://x.org/p.png is on the web, not in the deck's "
            "folder: not downloaded (save it beside the deck and add it)",)


class DescribeRevealAndPandoc:
    def it_reads_vertical_slides_and_note_lines(self, tmp_path):
        found = imported(tmp_path, "# One\n\nText one.\n\nNote: say this\n\n---\n\n# Two\n\n"
                                   "- a\n\n--\n\n# Three\n\nEnd.\n")
        assert found.dialect == "reveal"
        assert [(s.title, s.notes) for s in found.deck.slides] == [
            ("Two", ""), ("Three", "")]
        assert found.deck.title == "One"
        assert "say this" not in deck_yaml(found.deck).split("slides:", 1)[1]

    def it_reads_notes_divs_and_columns_with_their_widths(self, tmp_path):
        found = imported(tmp_path, """\
---
title: Lecture
---

## Compared

:::: {.columns}
::: {.column width="60%"}
- left point
:::
::: {.column width="40%"}
Right text.
:::
::::

::: notes
Only for the lecturer.
:::
""")
        assert slides_yaml(found) == """\
  - title: Compared
    columns:
      - bullets:
          - left point
      - text: Right text.
    widths:
      - 60
      - 40
    notes: |
      Only for the lecturer.
"""

    def it_makes_pipe_and_grid_tables_tables(self, tmp_path):
        found = imported(tmp_path, """\
## Tables

| Year | Event |
|-----:|:------|
| 1922 | Rapallo |

+------+---------+
| Year | Event   |
+======+=========+
| 1939 | Pact    |
+------+---------+
""")
        assert slides_yaml(found) == """\
  - title: Tables
    body:
      - table:
          header: [Year, Event]
          rows:
            - ['1922', Rapallo]
          align: [right, left]
      - table:
          header: [Year, Event]
          rows:
            - ['1939', Pact]
"""

    def it_keeps_an_on_slide_quotation_on_the_slide(self, tmp_path):
        found = imported(tmp_path, "## Q\n\n> To be or not to be.\n> — Hamlet\n")
        assert slides_yaml(found) == "  - title: Q\n    quote: To be or not to be. — Hamlet\n"

    def it_skips_empty_bullets_used_as_spacers(self, tmp_path):
        found = imported(tmp_path, "## S\n\n- one\n-\n- two\n")
        assert slides_yaml(found) == "  - title: S\n    bullets:\n      - one\n      - two\n"

    def it_keeps_footnotes_as_superscript_marks_and_their_text(self, tmp_path):
        found = imported(tmp_path, "## F\n\nA claim.[^1]\n\n[^1]: The source.\n")
        assert slides_yaml(found) == ("  - title: F\n    text:\n      - A claim.^1^\n"
                                      "      - ^1^ The source.\n")


class DescribeRemarkAndXaringan:
    SOURCE = """\
---
title: "Models"
output: xaringan::moon_reader
---

class: center, middle

# Part one

---

## Two columns

.pull-left[
- left
]
.pull-right[
- right
]

???

Tell them about .red[colour].

---

## Step by step

First.

--

Then .red[this].
"""

    def it_reads_slide_classes_incremental_steps_columns_and_notes(self, tmp_path):
        found = imported(tmp_path, self.SOURCE, name="models.Rmd")
        assert found.dialect == "remark"
        assert slides_yaml(found) == """\
  - title: Part one
    layout: section

  - title: Two columns
    columns:
      - bullets:
          - left
      - bullets:
          - right
    notes: |
      Tell them about .red[colour].

  - title: Step by step
    text:
      - First.
      - Then this.
"""
        assert found.summary.markup == ("1 Remark content classes (first at models.Rmd:26)",
                                        "1 Remark slide properties (first at models.Rmd:6)")


class DescribeQuartoAndRMarkdown:
    def it_keeps_chunks_as_code_without_their_options_and_shows_included_pictures(
            self, tmp_path):
        found = imported(tmp_path, """\
---
title: Data
format: revealjs
lang: fr
---

## Chunks

```{r}
#| echo: true
x <- c(1, 2)
mean(x)
```

```{r, echo=FALSE}
knitr::include_graphics("img/plot.png")
```
""", name="data.qmd", pictures=("img/plot.png",))
        assert found.dialect == "quarto"
        assert found.deck.language == "fr"
        assert slides_yaml(found) == """\
  # a picture has no alt text: describe it in 'alt'
  - title: Chunks
    body:
      - code:
          lang: r
          text: |
            x <- c(1, 2)
            mean(x)
      - image:
          src: deck_media/plot.png
          alt: 'TODO: describe this image'
"""


    def it_keeps_a_chunk_the_source_runs_without_showing_in_the_notes(self, tmp_path):
        found = imported(tmp_path, """\
---
title: Data
---

```{r setup, include=FALSE}
library(tidyverse)
```

## First

Text.
""", name="data.Rmd")
        assert slides_yaml(found) == """\
  # the notes hold code the source runs without showing it
  - title: First
    text: Text.
    notes: |
      library(tidyverse)
"""


class DescribeSlidev:
    def it_reads_per_slide_front_matter_slots_and_comment_notes(self, tmp_path):
        found = imported(tmp_path, """\
---
theme: seriph
title: Vue
---

# Vue

---
layout: two-cols
---

# Left and right

<v-click>

- left point

</v-click>

::right::

Right text.

<!-- Notes for this slide. -->
""", name="slides.md")
        assert found.dialect == "slidev"
        assert slides_yaml(found) == """\
  - title: Left and right
    columns:
      - bullets:
          - left point
      - text: Right text.
    notes: |
      Notes for this slide.
"""
        assert "2 HTML and Vue tags (first at slides.md:14)" in found.summary.markup


class DescribeTextAsWritten:
    def it_escapes_literal_markup_characters(self, tmp_path):
        found = imported(tmp_path, "## E\n\nPrices: \\$5 and \\$10, 2\\*3, a \\`tick\\`.\n")
        assert slides_yaml(found) == ("  - title: E\n    text: 'Prices: \\$5 and \\$10, 2\\*3, "
                                      "a \\`tick\\`.'\n")

    def it_turns_html_into_markup_and_never_prints_a_tag(self, tmp_path):
        found = imported(tmp_path, '## H\n\n<span style="color:red">H<sub>2</sub>O</span> and '
                                   "<u>this</u><br>next line\n")
        assert slides_yaml(found) == ("  - title: H\n    text: |-\n      H~2~O and "
                                      "[this]{.underline}\n      next line\n")
        assert found.summary.markup == ("2 HTML and Vue tags (first at deck.md:3)",)

    def it_reads_an_img_tag_as_a_picture_with_its_alt_text(self, tmp_path):
        found = imported(tmp_path, '## P\n\n<img src="a.png" alt="A map" width="50%">\n',
                         pictures=("a.png",))
        assert slides_yaml(found) == ("  - title: P\n    image: deck_media/a.png\n"
                                      "    alt: A map\n")


class DescribeMath:
    def it_imports_formulas_and_normalises_what_the_builder_would_refuse(self, tmp_path):
        found = imported(tmp_path, "## M\n\nInline $x^2$ here.\n\n"
                                   "$$\\mathop{\\boldsymbol{E}}\\left[u|X\\right]$$\n\n"
                                   "$$\\begin{aligned}a &= b\\\\ c &= d\\end{aligned}$$\n")
        assert slides_yaml(found) == """\
  - title: M
    body:
      - text: Inline $x^2$ here.
      - math:
          - '{\\boldsymbol{E}}\\left[u|X\\right]'
          - a  = b
          - c  = d
"""
        assert (found.summary.formulas, found.summary.formulas_as_text) == (4, 0)

    def it_keeps_latex_it_cannot_read_as_text_with_a_located_warning(self, tmp_path, caplog):
        with caplog.at_level(logging.WARNING, logger="generator"):
            found = imported(tmp_path, "## M\n\nSee $\\foo x$ and $$\\bar{y}$$\n")
        assert slides_yaml(found) == ("  - title: M\n    body:\n      - text: See \\foo x and\n"
                                      "      - math: \\bar{y}\n")
        assert caplog.messages == [
            "import: deck.md:3: a formula the builder cannot read is kept as text (unsupported "
            "command \\foo (docs/math.md lists what is supported)): \\foo x"]
        assert found.summary.formulas_as_text == 1


@pytest.mark.parametrize("text", ["", "---\n---\n", "<!-- -->", "```\nunclosed", ":::\n:::\n",
                                  ".pull-left[\n", "$$\n", "| a |\n|---|\n", "---\nmarp: [\n---",
                                  "<div>\n\n# T\n", "\x00\x01", "# \n\n---\n\n##"])
def it_never_aborts_on_odd_input(tmp_path, text):
    found = imported(tmp_path, text)
    assert found.deck.slides


_MARKDOWN = st.lists(st.one_of(
    st.sampled_from(["---\n", "--\n", "# T\n", "## S\n", "- a\n", "  - b\n", "```\n", "```{r}\n",
                     ":::: {.columns}\n", "::: notes\n", ":::\n", ".pull-left[\n", "]\n", "???\n",
                     "Note: n\n", "<!-- c -->\n", "<div>\n", "</div>\n", "$$\n", "$x$ ", "| a |\n",
                     "|---|\n", "![p](missing.png)\n", "> q\n", "[^1]\n", "[^1]: f\n",
                     "class: middle\n", "::right::\n", "layout: two-cols\n", "\\pause\n", "\n"]),
    st.text(alphabet="ab *_`$[](){}<>#:|\\~^-", max_size=8)), max_size=25).map("".join)


@pytest.mark.slow
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_MARKDOWN, suffix=st.sampled_from([".md", ".qmd", ".Rmd"]))
def it_imports_any_markdown_without_stopping_into_yaml_that_reads_back(tmp_path, text, suffix):
    found = imported(tmp_path, text, name=f"deck{suffix}")
    assert found.deck.slides
    assert yaml.safe_load(deck_yaml(found.deck))["slides"]
