"""Loading and validating deck files: the model, and every class of bad input with its message."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import SourceError
from generator.source.model import Bullet, BulletList, Paragraph
from generator.source.reader import load_deck

BAD = Path(__file__).parent / "bad_decks"


def problems_of(path: Path | str) -> list[str]:
    with pytest.raises(SourceError) as caught:
        load_deck(path)
    return [str(p) for p in caught.value.problems]


def write(tmp_path: Path, text: str, name: str = "deck.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class DescribeLoadingAValidDeck:
    def it_reads_metadata_with_defaults(self, tmp_path):
        deck = load_deck(write(tmp_path, "title: T\nslides:\n  - title: One\n"))
        assert (deck.title, deck.language, deck.aspect, deck.slide_numbers) == (
            "T", "en", "16:9", True)
        assert deck.theme is None and deck.footer is None and deck.name == "deck"

    def it_keeps_scalars_exactly_as_written(self, tmp_path):
        deck = load_deck(write(tmp_path, "title: 1939\ndate: 2024-05-01\naspect: 4:3\n"
                               "slides:\n  - title: yes\n    bullets: [1.50, no]\n"))
        assert (deck.title, deck.date, deck.aspect) == ("1939", "2024-05-01", "4:3")
        assert deck.slides[0].title == "yes"
        assert deck.slides[0].blocks == (BulletList((Bullet("1.50"), Bullet("no"))),)

    def it_nests_bullets_given_as_one_key_mappings(self, tmp_path):
        deck = load_deck(write(tmp_path, """\
title: T
slides:
  - title: One
    bullets:
      - Top
      - Needs:
          - Level two:
              - Level three:
                  - Level four
"""))
        items = deck.slides[0].blocks[0].items
        assert items[1] == Bullet("Needs", (Bullet("Level two", (Bullet("Level three", (
            Bullet("Level four"),)),)),))

    def it_puts_text_before_bullets_and_keeps_body_order(self, tmp_path):
        deck = load_deck(write(tmp_path, """\
title: T
slides:
  - title: A
    bullets: [b1]
    text: [p1, p2]
  - title: B
    body:
      - bullets: [b1]
      - text: p1
"""))
        a, b = deck.slides
        assert a.blocks == (Paragraph("p1"), Paragraph("p2"), BulletList((Bullet("b1"),)))
        assert b.blocks == (BulletList((Bullet("b1"),)), Paragraph("p1"))

    def it_records_line_and_column_of_every_bullet(self, tmp_path):
        deck = load_deck(write(tmp_path, "title: T\nslides:\n  - title: A\n    bullets:\n"
                               "      - first\n      - second\n"))
        marks = [b.mark for b in deck.slides[0].blocks[0].items]
        assert [(m.line, m.column) for m in marks] == [(5, 9), (6, 9)]

    def it_strips_control_characters(self, tmp_path):
        deck = load_deck(write(tmp_path, 'title: "Bell\\a here"\nslides:\n  - title: A\n'))
        assert deck.title == "Bell here"

    def it_reads_sections_columns_and_kinds(self, tmp_path):
        deck = load_deck(write(tmp_path, """\
title: T
slides:
  - {layout: section, title: Part II, subtitle: The pact}
  - title: Cols
    text: Lead
    columns:
      - {heading: PRO, bullets: [a]}
      - {heading: CON, bullets: [b]}
"""))
        section, cols = deck.slides
        assert (section.layout, section.subtitle) == ("section", "The pact")
        assert [c.heading for c in cols.columns] == ["PRO", "CON"]
        assert cols.blocks == (Paragraph("Lead"),)

    def it_resolves_an_image_relative_to_the_deck(self, tmp_path):
        from PIL import Image

        (tmp_path / "img").mkdir()
        Image.new("RGB", (40, 20), "red").save(tmp_path / "img" / "map.png")
        deck = load_deck(write(tmp_path, "title: T\nslides:\n  - title: Map\n"
                               "    image: img/map.png\n"
                               "    alt: A red map\n    caption: Europe\n"))
        image = deck.slides[0].image
        assert image.path == (tmp_path / "img" / "map.png").resolve()
        assert (image.alt, image.caption, deck.slides[0].blocks) == ("A red map", "Europe",
                                                                     (image,))


class DescribeBadInput:
    """Each class of bad input gives one exact message with file:line:col (issue 2)."""

    @pytest.mark.parametrize("name, expected", [
        ("syntax_error", "syntax_error.yaml:5:1: YAML syntax error: while parsing a flow sequence "
         "(started at line 4, column 14): did not find expected ',' or ']'"),
        ("wrong_type", "wrong_type.yaml:4:14: slide 1 'One': 'bullets' must be a list "
         "(items starting with '- '), got 'just text'"),
        ("missing_title",
         "missing_title.yaml:3:5: slide 1: a slide is missing required key 'title'"),
        ("unknown_key", "unknown_key.yaml:4:5: slide 1 'One': unknown key 'bulets' in a slide; did "
         "you mean 'bullets'? (valid keys: title, layout, subtitle, text, bullets, body, columns, "
         "widths, image, alt, decorative, caption, reveal, dim, notes, math, hidden, duration, "
         "table, code, quote, timeline, source, background, images, image_side, focus, id, "
         "instructor, answer, release, footnotes, references)"),
        ("empty", "empty.yaml:1:1: deck file is empty: expected a mapping with at least 'title' "
         "and 'slides'"),
        ("top_level_list", "top_level_list.yaml:1:1: a deck file must be a mapping with at least "
         "'title' and 'slides', got a list"),
        ("python_tag", "python_tag.yaml:1:8: tag 'tag:yaml.org,2002:python/object/apply:os.system' "
         "is not allowed: deck and theme files are plain data (no Python objects or custom "
         "tags)"),
        ("missing_image", "missing_image.yaml:4:12: slide 1 'Map': image file not found: "
         "img/nowhere.png (looked for {BAD}/img/nowhere.png)"),
        ("not_utf8", "not_utf8.yaml:1:11: file is not valid UTF-8 (byte 0xe9); save it with "
         "UTF-8 encoding"),
        ("alias_bomb", "alias_bomb.yaml:7:4: file expands to more than 500,000 values "
         "(too many aliases?)"),
    ])
    def it_reports_the_exact_message_and_location(self, name, expected):
        path = BAD / f"{name}.yaml"
        assert problems_of(path) == [str(BAD / expected.format(BAD=BAD.resolve()))]

    def it_caps_the_number_of_aliases(self, tmp_path):
        refs = ", ".join(["*a"] * 101)
        path = write(tmp_path, f"title: T\nx: &a [1]\ny: [{refs}]\nslides:\n  - title: A\n")
        [message] = problems_of(path)
        assert message.startswith(f"{path}:3:")
        assert "too many aliases (more than 100)" in message

    def it_refuses_a_huge_file(self, tmp_path, monkeypatch):
        import generator.source.yamlnodes as yamlnodes

        monkeypatch.setattr(yamlnodes, "MAX_FILE_BYTES", 1000)
        path = write(tmp_path, "title: T\nslides:\n" + "  - title: A\n" * 200)
        assert problems_of(path) == [f"{path}: deck file is 2,617 bytes; the limit is 1,000 bytes"]

    def it_collects_every_problem_before_reporting(self, tmp_path):
        path = write(tmp_path, """\
title: T
aspect: 16:10
slides:
  - title: A
    bulets: [x]
  - text: no title
  - title: C
    image: pic.png
""")
        assert problems_of(path) == [
            f"{path}:2:9: 'aspect' must be one of '16:9', '4:3'; got '16:10'; did you mean '16:9'?",
            f"{path}:5:5: slide 1 'A': unknown key 'bulets' in a slide; did you mean 'bullets'? "
            "(valid keys: title, layout, subtitle, text, bullets, body, columns, widths, image, "
            "alt, decorative, caption, reveal, dim, notes, math, hidden, duration, table, code, "
            "quote, timeline, source, background, images, image_side, focus, id, instructor, "
            "answer, release, footnotes, references)",
            f"{path}:6:5: slide 2: a slide is missing required key 'title'",
            f"{path}:8:5: slide 3 'C': an image needs 'alt': a short description for screen "
            "readers and for anyone who cannot see the picture",
            f"{path}:8:12: slide 3 'C': image file not found: pic.png (looked for "
            f"{(tmp_path / 'pic.png').resolve()})",
        ]

    def it_explains_a_bullet_that_yaml_reads_as_a_mapping(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    bullets:\n"
                     "      - Reason: time to prepare\n")
        assert problems_of(path) == [
            f"{path}:5:9: slide 1 'A': this bullet reads as a mapping because of ': ' in it; "
            "quote the whole bullet: - \"Reason: time to prepare\""]

    def it_rejects_body_mixed_with_bullets(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    bullets: [x]\n"
                     "    body: [{text: y}]\n")
        assert problems_of(path) == [
            f"{path}:4:5: slide 1 'A': the slide has both 'body' and 'bullets': use 'body' alone "
            "(its items can be '- text: …', '- bullets: […]', '- math: …', '- table: …' and the "
            "other blocks)"]

    def it_rejects_a_bad_language_tag_and_a_non_boolean_flag(self, tmp_path):
        path = write(tmp_path, "title: T\nlanguage: English!\nslide_numbers: maybe\n"
                     "slides:\n  - title: A\n")
        assert problems_of(path) == [
            f"{path}:2:11: language must be a BCP 47 tag such as 'en', 'en-GB' or 'ru', "
            "got 'English!'",
            f"{path}:3:16: 'slide_numbers' must be true or false, got 'maybe'"]

    def it_requires_two_or_three_columns(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    columns:\n"
                     "      - {bullets: [x]}\n")
        assert problems_of(path) == [f"{path}:5:7: slide 1 'A': 'columns' must have 2 or 3 "
                                     "columns, got 1"]

    def it_reports_a_missing_file(self, tmp_path):
        path = tmp_path / "nope.yaml"
        assert problems_of(path) == [f"{path}: cannot read deck file: No such file or directory"]


def test_an_unknown_theme_name_points_at_the_theme_line_with_a_suggestion(tmp_path):
    path = write(tmp_path, "title: T\ntheme: drak\nslides:\n  - title: A\n")
    assert problems_of(path) == [
        f"{path}:2:8: no theme 'drak': expected a built-in theme (academic, classic, contrast, "
        "dark) or a path to a theme file; did you mean 'dark'?"]


class DescribeImagesThatAreNotPictures:
    """A file with an image name but no readable picture inside is reported where it is named."""

    @pytest.mark.parametrize("name, content", [
        ("fake.png", b"x\n"),
        ("empty.png", b""),
        ("noise.jpg", bytes(range(256)) * 4),
    ])
    def it_reports_the_file_as_not_a_readable_image(self, tmp_path, name, content):
        (tmp_path / name).write_bytes(content)
        path = write(tmp_path, f"title: T\nslides:\n  - title: One\n    image: {name}\n"
                     "    alt: A map of Europe in 1922\n")
        assert problems_of(path) == [
            f"{path}:4:12: slide 1 'One': image file {name} is not a readable image "
            "(expected PNG, JPEG, GIF, BMP, TIFF, WebP, SVG, EMF or WMF)"]

    def it_accepts_a_real_picture_whatever_its_format(self, tmp_path):
        from PIL import Image

        Image.new("RGB", (8, 8), "blue").save(tmp_path / "map.tif")
        path = write(tmp_path, "title: T\nslides:\n  - title: One\n    image: map.tif\n"
                     "    alt: A map of Europe in 1922\n")
        assert load_deck(path).slides[0].image.path == (tmp_path / "map.tif").resolve()


class DescribeMergeKeys:
    def it_lets_explicit_keys_override_merged_ones(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - &s1\n    title: One\n    bullets: [a]\n"
                     "  - <<: *s1\n    title: Two\n")
        deck = load_deck(path)
        assert [(s.title, s.blocks) for s in deck.slides] == [
            ("One", (BulletList((Bullet("a"),)),)), ("Two", (BulletList((Bullet("a"),)),))]

    def it_merges_a_list_of_mappings_with_the_first_one_winning(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - &s1 {title: One, text: first}\n"
                     "  - &s2 {title: Two, notes: said}\n  - <<: [*s1, *s2]\n")
        third = load_deck(path).slides[2]
        assert (third.title, third.blocks, third.notes) == ("One", (Paragraph("first"),), "said")

    def it_still_reports_a_key_written_twice(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: One\n    title: Two\n")
        assert problems_of(path) == [
            f"{path}:4:5: slide 1 'One': duplicate key 'title' in a slide"]

    def it_explains_a_merge_key_without_a_mapping(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - <<: oops\n    title: One\n")
        assert problems_of(path) == [
            f"{path}:3:9: slide 1 'One': '<<' merges mappings into this one: expected an alias "
            "of a mapping like *defaults, or a list of them, got 'oops'"]


class DescribeCharactersXmlCannotHold:
    def it_strips_noncharacters_along_with_control_characters(self, tmp_path):
        path = write(tmp_path, 'title: "x\\uFFFF y\\uFFFE"\nslides:\n  - title: "A\\uFFFF"\n')
        deck = load_deck(path)
        assert (deck.title, deck.slides[0].title) == ("x y", "A")

    def it_says_yaml_does_not_allow_tabs_for_indentation(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    bullets:\n\t- x\n")
        assert problems_of(path) == [
            f"{path}:5:1: YAML syntax error: while scanning for the next token (started at "
            "line 5, column 1): found character that cannot start any token; YAML does not "
            "allow tabs for indentation, use spaces"]

    def it_merges_a_mapping_that_merges_itself_once(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - &s1\n    <<: *s1\n    title: One\n")
        assert load_deck(path).slides[0].title == "One"
