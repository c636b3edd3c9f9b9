"""Themes: built-in and file themes, ``style:`` overrides, schema errors and the contrast rule."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from PIL import Image

from generator.errors import BuildError, ThemeError, UsageError
from generator.source.model import Deck
from generator.source.yamlnodes import Reader
from generator.themes.theme import (
    BODY_TEXT,
    CONTRAST_PAIRS,
    PORTABLE_FONTS,
    builtin_themes,
    check_style_nodes,
    contrast_ratio,
    copy_theme,
    list_themes,
    load_theme,
    theme_for,
    title_on_band,
)

BUILTINS = ("academic", "classic", "contrast", "dark")
COLOR_KEYS = "background, text, heading, accent, muted, code_background, link, lead"
TOP_KEYS = ("description, fonts, colors, sizes, spacing, title_slide, section_slide, footer, "
            "logo, background_image, weights")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def error_of(call, *args, **kwargs) -> str:
    with pytest.raises(ThemeError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


def a_deck(folder: Path, theme: str | None, style_yaml: str) -> Deck:
    """A deck file with ``style_yaml`` under ``style:``, and the Deck that loading it gives."""
    path = write(folder / "lecture.yaml", f"title: T\n{style_yaml}slides:\n  - title: a\n")
    style = yaml.safe_load(path.read_text(encoding="utf-8")).get("style") or {}
    return Deck(path=path, title="T", slides=(), theme=theme, style=style)


# -- built-in themes ---------------------------------------------------------------------------
def test_the_built_in_themes_are_classic_dark_contrast_and_academic():
    assert tuple(builtin_themes()) == BUILTINS


@pytest.mark.parametrize("name", BUILTINS)
def test_every_built_in_theme_loads_and_passes_the_contrast_check(name):
    theme = load_theme(name)

    assert theme.name == name
    for fg, bg, needed in CONTRAST_PAIRS:
        slide = bg.split(".")[0]
        if bg.endswith(".band") and not title_on_band(theme[slide], theme["title_slide"]):
            bg = f"{slide}.background"  # a rule or a bar only sets the title off
        (fs, ff), (bs, bf) = fg.split("."), bg.split(".")
        assert contrast_ratio(theme[fs][ff], theme[bs][bf]) >= needed


@pytest.mark.parametrize("name", BUILTINS)
def test_every_built_in_theme_uses_fonts_that_render_alike_on_windows_macos_and_linux(name):
    assert set(load_theme(name).fonts.values()) <= set(PORTABLE_FONTS)


def test_the_built_in_themes_differ_at_a_glance():
    looks = {(t.colors["background"], t.colors["heading"], t.fonts["heading"],
              t["title_slide"]["band"]) for t in map(load_theme, BUILTINS)}

    assert len(looks) == len(BUILTINS)


def test_academic_has_serif_cambria_headings_over_a_calibri_body():
    assert dict(load_theme("academic").fonts) == {
        "heading": "Cambria", "body": "Calibri", "mono": "Courier New"}


def test_list_themes_gives_the_default_first_then_the_rest_with_descriptions():
    themes = list_themes()

    assert [name for name, _ in themes] == ["classic", "academic", "contrast", "dark"]
    assert themes[0] == ("classic", "Clean light theme — near-black text on white, "
                                    "a blue accent band on title slides.")
    assert all(description for _, description in themes)


def test_colour_names_in_a_theme_are_resolved_to_hex():
    theme = load_theme("classic")

    assert theme["title_slide"]["band"] == "#2F6DB5"
    assert theme["section_slide"]["background"] == "#1F3A68"  # heading: navy
    assert theme["section_slide"]["band"] == "#2F6DB5"  # accent: the blue band
    assert theme["footer"]["color"] == "#5B6470"
    assert load_theme("academic")["title_slide"]["band"] == "#7A1F1F"  # its rule: heading


# -- theme files and style overrides -----------------------------------------------------------
def test_a_theme_file_is_found_by_its_path_relative_to_the_deck_folder(tmp_path):
    (tmp_path / "themes").mkdir()
    write(tmp_path / "themes" / "uni.yaml", 'colors:\n  heading: "#003366"\n')

    theme = load_theme("themes/uni.yaml", tmp_path)

    assert theme.name == "uni"
    assert theme.source == (tmp_path / "themes" / "uni.yaml").resolve()
    assert theme.colors["heading"] == "#003366"


def test_a_partial_theme_file_inherits_everything_else_from_classic(tmp_path):
    write(tmp_path / "uni.yaml", 'fonts:\n  heading: Cambria\ncolors:\n  accent: "#8a1538"\n')

    theme = load_theme("uni.yaml", tmp_path)

    assert dict(theme.fonts) == {"heading": "Cambria", "body": "Calibri", "mono": "Courier New"}
    assert theme.colors["accent"] == "#8A1538"
    assert theme.colors["text"] == "#1F2328"
    assert theme["title_slide"]["band"] == "#8A1538"


def test_an_empty_section_in_a_theme_file_overrides_nothing(tmp_path):
    write(tmp_path / "uni.yaml", "colors:\nsizes:\n")

    assert load_theme("uni.yaml", tmp_path).colors == load_theme("classic").colors


def test_style_overrides_are_deep_merged_over_the_chosen_theme():
    theme = load_theme("classic", style={"colors": {"accent": "#8A3B12"}, "sizes": {"body": 26}})

    assert theme.colors["accent"] == "#8A3B12"
    assert theme.colors["heading"] == "#1F3A68"
    assert theme.sizes["body"] == 26
    assert theme.sizes["heading"] == 44
    assert theme["title_slide"]["band"] == "#8A3B12"


def test_theme_for_uses_the_decks_theme_and_style(tmp_path):
    deck = a_deck(tmp_path, "academic", 'style:\n  colors:\n    accent: "#5A3A10"\n')

    theme = theme_for(deck)

    assert (theme.name, theme.colors["accent"]) == ("academic", "#5A3A10")
    assert theme_for(deck, override="contrast").name == "contrast"


def test_a_logo_path_is_resolved_relative_to_the_theme_file(tmp_path):
    (tmp_path / "brand").mkdir()
    Image.new("RGB", (8, 8), "navy").save(tmp_path / "brand" / "logo.png")
    write(tmp_path / "brand" / "uni.yaml", "logo:\n  image: logo.png\n  corner: bottom-right\n")

    theme = load_theme("brand/uni.yaml", tmp_path)

    assert theme["logo"] == {"image": str((tmp_path / "brand" / "logo.png").resolve()),
                             "corner": "bottom-right", "height": 40}


def test_copy_theme_writes_an_editable_copy_that_loads_by_path(tmp_path):
    written = copy_theme("academic", tmp_path)

    assert written == tmp_path / "academic.yaml"
    assert written.read_bytes() == builtin_themes()["academic"].read_bytes()
    assert load_theme("academic.yaml", tmp_path).colors == load_theme("academic").colors


# -- errors in theme files ---------------------------------------------------------------------
def test_a_misspelt_colours_section_fails_with_file_line_col_and_the_suggestion(tmp_path):
    path = write(tmp_path / "uni.yaml", 'description: mine\ncolours:\n  text: "#000000"\n')

    assert error_of(load_theme, "uni.yaml", tmp_path) == (
        f"{path}:2:1: unknown theme key 'colours' in the theme; did you mean 'colors'? "
        f"(valid keys: {TOP_KEYS})")


def test_a_misspelt_acent_fails_with_file_line_col_the_suggestion_and_the_valid_keys(tmp_path):
    path = write(tmp_path / "uni.yaml", 'colors:\n  text: "#000000"\n  acent: "#123456"\n')

    assert error_of(load_theme, "uni.yaml", tmp_path) == (
        f"{path}:3:3: unknown theme key 'acent' in colors; did you mean 'accent'? "
        f"(valid keys: {COLOR_KEYS})")


def test_every_problem_in_a_theme_file_is_reported_at_once(tmp_path):
    path = write(tmp_path / "uni.yaml",
                 "colors:\n  heading: navy\n  text: #000000\nsizes:\n  body: big\n"
                 "  levels: 28\nfonts:\n  body: {name: Arial}\n")

    assert error_of(load_theme, "uni.yaml", tmp_path).splitlines() == [
        f"{path}:2:12: colors.heading must be a colour like '#1F3A68' or one of background, "
        "text, accent, muted, code_background, link, lead, got 'navy'",
        f"{path}:3:8: colors.text must be a colour like '#1F3A68' or one of background, "
        "heading, accent, muted, code_background, link, lead, got nothing (null); "
        "put hex colours in quotes: an unquoted # starts a comment",
        f"{path}:5:9: sizes.body must be a number, got 'big'",
        f"{path}:6:11: sizes.levels must be a list of font sizes in pt, like [28, 24, 22], "
        "got '28'",
        f"{path}:8:9: fonts.body must be a single value, got a mapping",
    ]


def test_a_missing_logo_file_is_reported_where_the_theme_names_it(tmp_path):
    path = write(tmp_path / "uni.yaml", "logo:\n  image: img/crest.png\n")

    assert error_of(load_theme, "uni.yaml", tmp_path) == (
        f"{path}:2:10: logo.image 'img/crest.png' not found "
        f"(looked for {(tmp_path / 'img' / 'crest.png').resolve()})")


def test_colour_names_that_refer_to_each_other_in_a_circle_fail(tmp_path):
    path = write(tmp_path / "uni.yaml", "colors:\n  text: heading\n  heading: text\n")

    assert error_of(load_theme, "uni.yaml", tmp_path) == (
        f"{path}:2:9: colors.text -> colors.heading -> colors.text: colour names refer to "
        "each other in a circle; give one of them a hex value like '#1F3A68'")


def test_a_yaml_syntax_error_in_a_theme_file_is_a_theme_error_with_its_position(tmp_path):
    path = write(tmp_path / "uni.yaml", "colors:\n  text: [\n")

    assert error_of(load_theme, "uni.yaml", tmp_path).startswith(f"{path}:3:1: YAML syntax error")


def test_an_unknown_theme_name_lists_the_built_in_themes_and_suggests_one(tmp_path):
    assert error_of(load_theme, "drak", tmp_path) == (
        "drak: no theme 'drak': expected a built-in theme (academic, classic, contrast, dark) "
        "or a path to a theme file; did you mean 'dark'?")


def test_copy_theme_refuses_unknown_names_other_file_types_and_existing_files(tmp_path):
    with pytest.raises(UsageError) as unknown:
        copy_theme("clasic", tmp_path)
    assert str(unknown.value) == ("no built-in theme 'clasic': expected one of academic, "
                                  "classic, contrast, dark; did you mean 'classic'?")
    with pytest.raises(UsageError) as not_yaml:
        copy_theme("dark", tmp_path / "dark.txt")
    copy_theme("dark", tmp_path / "mine.yaml")
    with pytest.raises(BuildError) as exists:
        copy_theme("dark", tmp_path / "mine.yaml")

    assert str(not_yaml.value) == (f"{tmp_path / 'dark.txt'}: expected a theme file path ending "
                                   "in .yaml or an existing folder, got 'dark.txt'")
    assert str(exists.value) == (f"{tmp_path / 'mine.yaml'}: file already exists; choose another "
                                 "name or delete it first")


# -- errors in a deck's style: -----------------------------------------------------------------
def test_check_style_nodes_reports_problems_at_their_place_in_the_deck_file(tmp_path):
    path = write(tmp_path / "lecture.yaml",
                 'title: T\nstyle:\n  colors:\n    acent: "#123456"\n  sizes:\n    body: large\n')
    root = yaml.compose(path.read_text(encoding="utf-8"))
    reader = Reader(str(path))

    check_style_nodes(reader, root.value[1][1])

    assert [str(p) for p in reader.problems] == [
        f"{path}:4:5: unknown theme key 'acent' in style.colors; did you mean 'accent'? "
        f"(valid keys: {COLOR_KEYS})",
        f"{path}:6:11: style.sizes.body must be a number, got 'large'",
    ]


def test_check_style_nodes_accepts_a_valid_override_silently(tmp_path):
    root = yaml.compose('style:\n  colors:\n    accent: muted\n  title_slide:\n    band: none\n')
    reader = Reader(str(tmp_path / "lecture.yaml"))

    check_style_nodes(reader, root.value[0][1])

    assert reader.problems == []


def test_a_bad_style_override_given_as_plain_data_names_the_deck_file():
    assert error_of(load_theme, "classic", style={"colours": {}}, style_origin="lecture.yaml") == (
        "lecture.yaml: unknown theme key 'colours' in style; did you mean 'colors'? "
        f"(valid keys: {TOP_KEYS})")


def test_theme_for_points_a_bad_style_override_into_the_deck_file(tmp_path):
    deck = a_deck(tmp_path, None, 'style:\n  colors:\n    acent: "#123456"\n')

    assert error_of(theme_for, deck) == (
        f"{deck.path}:4:5: unknown theme key 'acent' in style.colors; did you mean 'accent'? "
        f"(valid keys: {COLOR_KEYS})")


# -- contrast ----------------------------------------------------------------------------------
def test_black_on_white_has_the_maximum_contrast_of_21():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") < BODY_TEXT


def test_a_low_contrast_theme_fails_naming_the_pair_and_its_ratio(tmp_path):
    path = write(tmp_path / "grey.yaml", 'colors:\n  text: "#777777"\n')

    assert error_of(load_theme, "grey.yaml", tmp_path).splitlines() == [
        f"{path}:2:9: colors.text '#777777' on colors.background '#FFFFFF' has contrast "
        "4.48:1; WCAG AA needs 4.5:1 for body text",
        f"{path}:2:9: colors.text '#777777' on colors.code_background '#F1F3F5' has contrast "
        "4.03:1; WCAG AA needs 4.5:1 for body text",
    ]


def test_a_pale_title_band_fails_with_the_large_text_minimum(tmp_path):
    path = write(tmp_path / "pale.yaml", 'title_slide:\n  band: "#9CC3F0"\n')

    assert error_of(load_theme, "pale.yaml", tmp_path) == (
        f"{path}:2:9: title_slide.title_color '#FFFFFF' on title_slide.band '#9CC3F0' has "
        "contrast 1.83:1; WCAG AA needs 3:1 for large text")


def test_a_low_contrast_style_override_is_located_in_the_deck_file(tmp_path):
    deck = a_deck(tmp_path, "dark", 'style:\n  colors:\n    heading: "#3A4250"\n')

    assert error_of(theme_for, deck).splitlines() == [
        f"{deck.path}:4:14: colors.heading '#3A4250' on colors.background '#14181F' has "
        "contrast 1.76:1; WCAG AA needs 3:1 for large text",
        f"{deck.path}:4:14: section_slide.title_color '#3A4250' on section_slide.background "
        "'#1E2530' has contrast 1.52:1; WCAG AA needs 3:1 for large text",
    ]


def test_warn_mode_logs_the_contrast_problem_instead_of_raising(tmp_path, caplog):
    path = write(tmp_path / "grey.yaml", 'colors:\n  text: "#777777"\n')

    with caplog.at_level(logging.WARNING, logger="generator"):
        theme = load_theme("grey.yaml", tmp_path, contrast="warn")

    assert theme.colors["text"] == "#777777"
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        ("generator", "WARNING",
         f"{path}:2:9: colors.text '#777777' on colors.background '#FFFFFF' has contrast "
         "4.48:1; WCAG AA needs 4.5:1 for body text"),
        ("generator", "WARNING",
         f"{path}:2:9: colors.text '#777777' on colors.code_background '#F1F3F5' has contrast "
         "4.03:1; WCAG AA needs 4.5:1 for body text"),
    ]


def test_warn_mode_still_raises_for_schema_errors(tmp_path):
    write(tmp_path / "uni.yaml", "colours: {}\n")

    with pytest.raises(ThemeError):
        load_theme("uni.yaml", tmp_path, contrast="warn")


def test_a_failing_colour_combination_is_reported_once_under_its_first_pair(tmp_path):
    path = write(tmp_path / "flat.yaml",
                 'colors:\n  background: "#EEEEEE"\n  code_background: "#EEEEEE"\n'
                 '  text: "#808080"\n')

    assert error_of(load_theme, "flat.yaml", tmp_path) == (
        f"{path}:4:9: colors.text '#808080' on colors.background '#EEEEEE' has contrast "
        "3.40:1; WCAG AA needs 4.5:1 for body text")


# -- values that would wreck the layout ----------------------------------------------------------
@pytest.mark.parametrize("style, expected", [
    ("spacing:\n  margin: 400\n", "4:13: style.spacing.margin must be between 0 and 120, got 400"),
    ("spacing:\n  gap: -1\n", "4:10: style.spacing.gap must be between 0 and 72, got -1"),
    ("spacing:\n  title_height: 0\n",
     "4:19: style.spacing.title_height must be between 24 and 200, got 0"),
    ("spacing:\n  indent: 100\n", "4:13: style.spacing.indent must be between 0 and 72, got 100"),
    ("spacing:\n  line: 0\n", "4:11: style.spacing.line must be between 0.8 and 2.0, got 0"),
    ("spacing:\n  paragraph: 3\n",
     "4:16: style.spacing.paragraph must be between 0 and 2, got 3"),
    ("sizes:\n  body: 200\n", "4:11: style.sizes.body must be between 8 and 96, got 200"),
    ("sizes:\n  levels: [28, 4]\n",
     "4:18: style.sizes.levels item must be between 8 and 96, got 4"),
    ("sizes:\n  minimum: 60\n", "4:14: style.sizes.minimum must be between 8 and 48, got 60"),
    ("footer:\n  size: 2\n", "4:11: style.footer.size must be between 8 and 96, got 2"),
    ("logo:\n  image: x.png\n  height: 540\n",
     "5:13: style.logo.height must be between 8 and 200, got 540"),
    ("fonts:\n  body: 12\n", "4:11: style.fonts.body must be a font name such as Calibri, "
     "Cambria, Arial, Times New Roman, Courier New, got 12; put a name that looks like a number "
     "or a yes/no in quotes"),
])
def test_a_style_value_out_of_its_range_is_reported_with_the_range(tmp_path, style, expected):
    Image.new("RGB", (8, 8), "navy").save(tmp_path / "x.png")
    path = write(tmp_path / "lecture.yaml", "title: T\nstyle:\n" +
                 "".join(f"  {line}\n" for line in style.splitlines()) + "slides:\n  - title: a\n")
    reader = Reader(str(path))

    check_style_nodes(reader, yaml.compose(path.read_text(encoding="utf-8")).value[1][1])

    assert [str(p) for p in reader.problems] == [f"{path}:{expected}"]


def test_a_quoted_font_name_that_looks_like_a_number_is_accepted():
    theme = load_theme("classic", style={"fonts": {"body": "1942"}})

    assert theme.fonts["body"] == "1942"


def test_a_minimum_size_above_the_body_size_fails_where_it_was_set(tmp_path):
    path = write(tmp_path / "uni.yaml", "sizes:\n  minimum: 30\n")

    assert error_of(load_theme, "uni.yaml", tmp_path) == (
        f"{path}:2:12: sizes.minimum 30 is larger than sizes.body 28: the fitter would start "
        "below its own minimum; make minimum at most the body size")


def test_every_built_in_theme_is_within_the_ranges():
    for name in BUILTINS:
        assert load_theme(name).name == name


# -- image files that are not pictures -----------------------------------------------------------
def test_a_logo_that_is_not_a_picture_is_reported_where_the_theme_names_it(tmp_path):
    (tmp_path / "fake.png").write_text("x\n", encoding="utf-8")
    path = write(tmp_path / "uni.yaml", "logo:\n  image: fake.png\nbackground_image: fake.png\n")

    assert error_of(load_theme, "uni.yaml", tmp_path).splitlines() == [
        f"{path}:2:10: logo.image 'fake.png' is not a readable image "
        "(expected PNG, JPEG, GIF, BMP, TIFF, WebP, SVG, EMF or WMF)",
        f"{path}:3:19: background_image 'fake.png' is not a readable image "
        "(expected PNG, JPEG, GIF, BMP, TIFF, WebP, SVG, EMF or WMF)",
    ]


def test_style_and_contrast_errors_name_the_deck_as_the_user_typed_it(tmp_path, monkeypatch):
    from generator.source.reader import load_deck

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "lecture.yaml", 'title: T\nstyle:\n  colors:\n    text: "#777777"\n'
          "slides:\n  - title: a\n")

    assert error_of(theme_for, load_deck("lecture.yaml")).splitlines()[0] == (
        "lecture.yaml:4:11: colors.text '#777777' on colors.background '#FFFFFF' has contrast "
        "4.48:1; WCAG AA needs 4.5:1 for body text")


def test_a_band_set_to_none_is_where_the_title_slide_contrast_fails(tmp_path):
    theme = write(tmp_path / "mine.yaml", "title_slide: {band: none}\n")
    with pytest.raises(ThemeError) as caught:
        load_theme(str(theme), tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{theme}:1:21: title_slide.title_color '#FFFFFF' on title_slide.background '#FFFFFF' "
        "has contrast 1.00:1; WCAG AA needs 3:1 for large text"]
