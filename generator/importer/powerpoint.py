"""Read an existing PowerPoint deck (ours or anyone's) into a draft deck plus extracted pictures."""

from __future__ import annotations

import io
import logging
import math
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.exc import InvalidXmlError, PackageNotFoundError
from pptx.oxml.ns import qn

from generator.errors import Problem, SourceError
from generator.importer.draft import (Block, DraftColumn, DraftDeck, DraftSlide, PictureBlock,
                                      Row, TableBlock, TextBlock)
from generator.importer.pptx_text import TextContext, markup, paragraphs, plain
from generator.importer.report import Report
from generator.layout.page import Box
from generator.source.model import ASPECTS
from generator.source.reader import IMAGE_SUFFIXES

log = logging.getLogger("generator")

CONTINUED = " (cont.)"  # how older builds titled a split slide's later pages
# the continuation marker on a split slide's pages: "· 2/3" beside the number (older builds:
# "2 / 3"), "2/3" alone
MARKER = re.compile(r"^(?:·\s*)?(\d+)\s*/\s*(\d+)$")
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)
CHROME_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER,
                PP_PLACEHOLDER.HEADER)
FILE_NAME = re.compile(r"^[\w\-. ]+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg)$", re.IGNORECASE)
# Alt text that is where the picture came from, not what it shows: a path or an address.
PATH_OR_URL = re.compile(r"^(?:[a-z][a-z0-9+.\-]*://\S+|[a-z]:[\\/]\S*|\\\\\S+|~?/\S*/\S*|"
                         r"\S*[\\/]\S*\.[a-z0-9]{2,4})$", re.IGNORECASE)
# Deck titles PowerPoint, Google Slides and LibreOffice fill in by themselves.
GENERIC_TITLE = re.compile(
    r"^(?:(?:microsoft\s+)?power\s?point[\s\-]*(?:presentation|präsentation|prezentacja)?|"
    r"(?:présentation|presentación|presentazione|apresentação|presentatie)\s+(?:de\s+|di\s+|do\s+)?"
    r"powerpoint|презентация(?:\s+powerpoint)?|presentation\s*\d*|untitled(?:\s+\w+)?|"
    r"(?:folie|slide|diapositive|diapositiva|dia|bild|слайд|幻灯片)\s*\d*|"
    r"click to (?:add|edit) (?:master )?title(?: style)?|title|titel|titre|título|"
    r"unbenannt|sans titre|sin título|без названия|无标题)$", re.IGNORECASE)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?\.?"
_SEASON = r"(?:spring|summer|autumn|fall|winter|michaelmas|hilary|trinity|lent|easter)"
_TERM = r"(?:term|semester|trimester|quarter|session)"
_YEAR = r"\d{4}(?:/\d{2}(?:\d{2})?)?"  # 2024, or an academic year such as 2024/25
DATE_IN_LINE = re.compile("|".join((
    r"\b\d{4}-\d{1,2}-\d{1,2}\b",  # 2024-03-12
    r"\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b",  # 12.03.2024, 12/03/24
    rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?(?!\w)",  # 12 March 2024, 12 March
    rf"\b{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?(?!\w)",  # March 12, 2024
    rf"\b{_MONTH},?\s+\d{{4}}\b",  # March 2024
    rf"\b{_SEASON}(?:\s+{_TERM})?,?\s+{_YEAR}(?!\w)",  # Spring 2024, Autumn term 2024/25
)), re.IGNORECASE)
DATE_LINE = re.compile(rf"^(?:(?:199\d|20\d\d|2100)(?:/\d\d)?|{_SEASON}\s+{_TERM})$",
                       re.IGNORECASE)  # a year alone (1990-2100, or 2024/25), or "Spring term"
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
       "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


@dataclass
class _Text:
    """A shape with text: its paragraphs as rows, where it is, and what kind of shape it is."""

    rows: list[Row]
    box: Box
    kind: str  # "title", "subtitle", "body" (a body placeholder) or "box" (any other shape)
    size: float = 0.0  # the largest explicit font size, in points (0 when none is set)
    placeholder: str = ""  # the placeholder type as written (``ctrTitle``, ``body`` …)


@dataclass
class _Picture:
    blob: bytes
    ext: str
    box: Box
    descr: str
    name: str
    decorative: bool = False  # PowerPoint's "Mark as decorative"


@dataclass
class Extracted:
    """A picture file to write beside the deck YAML, at ``name`` (relative to the YAML)."""

    name: str
    data: bytes


@dataclass
class PowerPointDeck:
    """The draft deck, the picture files to write, and what could not be imported."""

    deck: DraftDeck
    media: list[Extracted] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_powerpoint(path: Path, media_dir: str, report: Report | None = None) -> PowerPointDeck:
    """Read the deck at ``path``; pictures are named ``MEDIA_DIR/slideN.ext``; what is not
    imported is told to ``report``."""
    _check_zip_package(path)
    from generator.pptx.template import as_presentation
    from generator.untrusted import PackageError, check_package

    try:
        check_package(path)  # before anything unpacks a part: bounded memory
    except PackageError as err:
        raise SourceError([Problem(str(path), None, None, f"cannot import this file: {err}")])

    macros = False
    try:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            macros = any(n.lower().endswith("vbaproject.bin") for n in package.namelist())
        prs = Presentation(io.BytesIO(_with_declared_prefixes(as_presentation(data))))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, InvalidXmlError,
            etree.XMLSyntaxError) as err:
        why = re.sub(r"'?<_io\.BytesIO object at \w+>'?", "the file", str(err))  # not the stream
        raise SourceError([Problem(str(path), None, None,
                                   f"cannot read this file as a PowerPoint deck: {why}")]) from err
    result = PowerPointDeck(DraftDeck(title=""))
    report = report if report is not None else Report(path.name)
    reader = _SlideReader(result, media_dir, report, _template_pictures(prs))
    for number, slide in enumerate(prs.slides, start=1):
        try:
            reader.read(number, slide)
        except Exception as err:  # noqa: BLE001 - one unreadable slide must not stop the import
            report.warn(f"{path.name}:slide {number}", f"the slide could not be read "
                        f"({type(err).__name__}: {err}): not imported")
    reader.note_template_pictures()
    deck = result.deck
    if macros:
        deck.comments.append("the file's macros were not imported (a deck has none)")
        result.skipped.append("macros (VBA project)")
    deck.language = _language(prs, report, path.name)
    deck.aspect, aspect_comment = _aspect(prs.slide_width, prs.slide_height)
    deck.footer, footer_comment = _footer(reader.footers)
    if reader.numbered and not any(reader.numbered):
        deck.slide_numbers = False  # no content slide showed a number
    deck.comments += [c for c in (aspect_comment, footer_comment) if c]
    if not deck.title:
        core = (prs.core_properties.title or "").strip()
        if core:
            deck.title = core
            deck.comments.append("deck title taken from the file's properties")
        else:
            deck.title = re.sub(r"[_\-]+", " ", path.stem).strip().capitalize() or "Imported deck"
            deck.comments.append(f"deck title guessed from the file name {path.stem!r}")
    _replace_generic_title(deck)
    if not deck.slides:
        deck.slides.append(DraftSlide(title=deck.title))
        deck.slides[0].comments.append("the deck had no slides besides its title slide")
    if result.skipped:
        deck.comments.append("Not imported (the deck format has no place for them; see the "
                             "slides' comments):\n" + "\n".join(f"- {s}" for s in result.skipped))
    return result


def _with_declared_prefixes(data: bytes) -> bytes:
    """The package with the ``a14`` prefix declared on every slide that uses it undeclared (as
    pandoc writes equations): such a slide is not well-formed XML until it is."""
    declaration = b' xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main"'
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = [n for n in package.namelist() if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$",
                                                            n)]
        broken = {}
        for name in names:
            xml = package.read(name)
            if b"<a14:" in xml and not _well_formed(xml):
                broken[name] = re.sub(rb"(<p:(?:sld|notes)\b)", lambda m: m[1] + declaration,
                                      xml, count=1)
        if not broken:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as fixed:
            for info in package.infolist():
                fixed.writestr(info, broken.get(info.filename, package.read(info)))
    return out.getvalue()


def _well_formed(xml: bytes) -> bool:
    try:
        etree.fromstring(xml)
    except etree.XMLSyntaxError:
        return False
    return True


def _template_pictures(prs) -> set[str]:
    """The pictures (by content) that most slides repeat: a logo or ornament the template's
    maker pasted on every slide, which is the template's, not the lecture's content."""
    counts: Counter[str] = Counter()
    slides = 0
    for slide in prs.slides:
        slides += 1
        seen = set()
        for element in slide._element.iter(qn("p:pic")):
            for rid in _xpath(element, ".//a:blip/@r:embed"):
                try:
                    seen.add(slide.part.related_part(str(rid)).sha1)
                except (KeyError, AttributeError):
                    continue
        counts.update(seen)
    if slides < 4:
        return set()
    return {digest for digest, n in counts.items() if n >= max(3, 0.5 * slides)}


def _check_zip_package(path: Path) -> None:
    """Raise ``SourceError`` when ``path`` cannot be opened or is not a zip package at all."""
    problem = None
    try:
        with path.open("rb") as handle:
            is_zip = zipfile.is_zipfile(handle)
    except OSError as err:
        problem = f"cannot read this file: {err.strerror}"
    else:
        if not is_zip:
            problem = (f"cannot read this file as a PowerPoint deck: {path} is not a PowerPoint "
                       "file (.pptx files are zip packages; this one is not)")
    if problem is not None:
        raise SourceError([Problem(str(path), None, None, problem)])


class _SlideReader:
    def __init__(self, result: PowerPointDeck, media_dir: str, report: Report,
                 template_pictures: set[str]) -> None:
        self.result = result
        self.media_dir = media_dir
        self.report = report
        self.template_pictures = template_pictures
        self.template_seen: list[int] = []  # slides where a template picture was left out
        self.footers: list[str | None] = []  # the footer of each content slide, in order
        self.numbered: list[bool] = []  # whether each content slide shows a slide number
        self.column_boxes: list[Box] = []  # where the last columns slide had its columns

    # -- one slide ----------------------------------------------------------------------------
    def read(self, number: int, slide) -> None:
        self.number = number
        self.text = TextContext(self.report, f"{self.report.source}:slide {number}")
        self.tables: list[tuple[TableBlock, Box]] = []
        self.unsupported: list[str] = []
        self.footer: str | None = None
        self.has_number = False
        self.part = 1  # from a "2 / 3" marker: this page continues the slide before
        self.timeline = False  # the slide has our timeline's axis: its text boxes are events
        texts: list[_Text] = []
        pictures: list[_Picture] = []
        for shape, box in _walk(_with_alternates(slide.shapes), None):
            try:
                self.shape(shape, box, texts, pictures)
            except (InvalidXmlError, AttributeError, KeyError, ValueError, TypeError) as err:
                self.skip(f"a shape that could not be read ({type(err).__name__}: {err})",
                          getattr(shape, "name", "") or "shape")
        self.scan_fallbacks(slide.shapes._spTree)
        layout_name = (slide.slide_layout.name or "").lower()
        is_title_layout = any(t.placeholder == "ctrTitle" for t in texts) or (
            "title slide" in layout_name)
        notes = _notes(slide)
        deck = self.result.deck
        hidden = slide._element.get("show") in ("0", "false")
        if number == 1 and is_title_layout:
            self.title_slide(texts, pictures, notes)
            if hidden:
                deck.comments.append("the title slide was hidden (a deck's title slide is not)")
            return
        events: list[dict[str, str]] = []
        if self.timeline:  # dates and labels, drawn as text boxes in pairs, in order
            boxes = [t for t in texts if t.kind == "box"]
            texts = [t for t in texts if t.kind != "box"]
            events = [{"date": " ".join(r.text for r in d.rows),
                       "text": "\n".join(r.text for r in label.rows)}
                      for d, label in zip(boxes[0::2], boxes[1::2])]
        draft = self.slide(texts, pictures, notes, "section" in layout_name or is_title_layout)
        draft.timeline = events
        draft.hidden = hidden
        self.note_dropped(texts, draft)
        if draft.layout == "content":
            draft.reveal = _reveal(slide._element)
        for item in self.unsupported:
            draft.comments.append(f"not imported: {item}")
        if draft.layout == "content":
            self.footers.append(self.footer)
            self.numbered.append(self.has_number)
        previous = deck.slides[-1] if deck.slides else None
        if (previous is not None and self.continues(draft.title)
                and previous.hidden == hidden):
            if draft.columns and draft.rows == previous.rows:
                draft.rows = []  # the lead, repeated above the columns on every page
            previous.absorb(draft)
        else:
            deck.slides.append(draft)

    def shape(self, shape, box: Box, texts: list[_Text], pictures: list[_Picture]) -> None:
        element = shape._element
        tag = etree.QName(element).localname
        name = shape.name or tag
        if tag == "graphicFrame" and shape.has_table:
            table = _table(shape, self.text)
            if table is not None:
                self.tables.append((table, box))
        elif tag == "graphicFrame":
            self.skip(_graphic_kind(shape), name)
        elif tag == "contentPart":
            self.skip("ink", name)
        elif tag == "pic":
            media = _xpath(element, ".//a:videoFile|.//a:audioFile|.//a:quickTimeFile")
            if media or _xpath(element, ".//*[local-name()='media']"):
                self.skip("a video or audio clip", name)
                return
            try:
                image = _picture_image(shape)
            except (AttributeError, KeyError, ValueError, InvalidXmlError):
                self.skip("a linked or missing picture (not stored in the file)", name)
                return
            from generator.untrusted import PictureError, PictureTooLarge, picture_info, raster

            try:
                picture_info(image.blob)  # a raster picture: its size from the header first
            except PictureTooLarge as err:
                self.skip(f"a picture that cannot be used ({err})", name)
                return
            except PictureError as err:
                if raster(image.blob):  # damaged (an SVG, EMF or WMF is not read here)
                    self.skip(f"a picture that cannot be used ({err})", name)
                    return
            if image.sha1 in self.template_pictures:
                self.template_seen.append(self.number)
                return
            c_nv_pr = element.find(qn("p:nvPicPr")).find(qn("p:cNvPr"))
            descr = c_nv_pr.get("descr", "")
            pictures.append(_Picture(image.blob, image.ext.lower(), box, descr.strip(), name,
                                     _is_decorative(c_nv_pr)))
        elif tag == "sp" and name.startswith(("Timeline axis", "Timeline marker")):
            self.timeline = True  # a shape of our own timeline (see render_pptx.timeline)
        elif tag == "sp" and shape.has_text_frame:
            kind = "box"
            if shape.is_placeholder:
                ph = shape.placeholder_format.type
                if ph == PP_PLACEHOLDER.SLIDE_NUMBER:
                    self.has_number = True
                if ph == PP_PLACEHOLDER.FOOTER:
                    self.footer = " ".join(filter(None, map(plain, _xpath(element, ".//a:p"))))
                if ph in CHROME_TYPES:
                    return
                kind = ("title" if ph in TITLE_TYPES else "subtitle"
                        if ph == PP_PLACEHOLDER.SUBTITLE else "body")
            rows, size = paragraphs(shape, kind, self.text)
            found = MARKER.match(rows[0].text) if kind == "box" and len(rows) == 1 else None
            if found and 1 <= int(found.group(1)) <= int(found.group(2)):
                self.part = int(found.group(1))
                return
            if rows:
                ph = _xpath(element, "string(./p:nvSpPr/p:nvPr/p:ph/@type)")
                texts.append(_Text(rows, box, kind, size, ph))

    def scan_fallbacks(self, tree) -> None:
        for el in tree.iter(f"{{{_NS['mc']}}}AlternateContent"):
            if _alternate_shape(el) is not None or el.getparent().tag in (qn("p:pic"),
                                                                         qn("a:p")):
                continue  # read as the shape it holds (a picture), or an equation in its text
            self.skip("an object stored with a fallback picture (an equation, ink or an add-in)",
                      "AlternateContent")

    def note_dropped(self, texts: list[_Text], draft: DraftSlide) -> None:
        """List every line of the slide's text the draft has no place for (a second caption
        line, a label beside the columns ...), so nothing is lost without a note."""
        kept = [draft.title, draft.subtitle or "", draft.caption or ""]
        kept += [r.text for r in draft.rows]
        kept += [r.text for b in draft.blocks if isinstance(b, TextBlock) for r in b.rows]
        for column in draft.columns:
            kept += [column.heading or ""] + [r.text for r in column.rows]
            kept += [r.text for b in column.blocks if isinstance(b, TextBlock) for r in b.rows]
        for text in texts:
            for row in text.rows:
                if not any(row.text in k for k in kept):
                    item = f"the text {row.text!r}"
                    self.unsupported.append(item)
                    self.result.skipped.append(f"slide {self.number}: {item}")
                    self.report.warn(self.text.where, f"{item} is not imported")

    def skip(self, what: str, name: str) -> None:
        item = f"slide {self.number}: {what} ({name!r})"
        self.unsupported.append(f"{what} ({name!r})")
        self.result.skipped.append(item)
        self.report.warn(self.text.where, f"{what} ({name!r}) is not imported")

    # -- slide kinds ----------------------------------------------------------------------------
    def title_slide(self, texts: list[_Text], pictures: list[_Picture], notes: str) -> None:
        deck = self.result.deck
        titles = [t for t in texts if t.kind == "title"]
        deck.title = " ".join(r.text for t in titles for r in t.rows) or "Untitled deck"
        # The subtitle placeholder's lines, then a text placeholder's (our "Author and Date").
        lines = [r.text for kind in ("subtitle", "body") for t in texts if t.kind == kind
                 for r in t.rows]
        others = [r.text for t in texts if t.kind == "box" for r in t.rows]
        if lines:
            deck.subtitle = lines.pop(0)
        guessed = []
        for line in list(lines):
            if deck.date is None and is_date(line):
                deck.date = line
            elif deck.author is None:
                deck.author = line
            else:
                continue
            lines.remove(line)
            guessed.append(line)
        if guessed:
            deck.comments.append("author/date guessed from the title slide's lines: "
                                 + "; ".join(guessed))
        left = lines + others
        if left:
            deck.comments.append("title slide text not imported (a deck has a title, subtitle, "
                                 "author and date only):\n" + "\n".join(left))
        for picture in pictures:
            name = self.extract(picture, 1)
            deck.comments.append(f"a picture on the title slide was extracted to {name} but is "
                                 "not placed (a title slide has no picture)")
        if notes:
            deck.comments.append("the title slide's speaker notes (a deck has no notes of its "
                                 "own):\n" + notes)
        for item in self.unsupported:
            deck.comments.append(f"not imported from the title slide: {item}")

    def slide(self, texts: list[_Text], pictures: list[_Picture], notes: str,
              section: bool) -> DraftSlide:
        title, comment, texts = _take_title(texts)
        draft = DraftSlide(title=title or f"Slide {self.number}", notes=notes)
        if comment:
            draft.comments.append(comment)
        if not title:
            draft.comments.append("no title found on this slide: write one")
        body = [t for t in texts if t.kind != "title"]
        if section:
            rows = [r for t in body for r in t.rows]
            if len(rows) <= 1 and not pictures and not self.tables:
                draft.layout = "section"
                draft.subtitle = rows[0].text if rows else None
                return draft
            draft.comments.append("a section-header slide with more than a subtitle: imported "
                                  "as a content slide")
        placeable = []
        for index, item in enumerate(pictures):
            if "." + item.ext in IMAGE_SUFFIXES:
                placeable.append((item, index))
                continue
            name = self.extract(item, index + 1)
            self.skip(f"a picture in {item.ext.upper()} format, extracted to {name}", item.name)
            draft.comments.append(f"not imported: a {item.ext.upper()} picture, extracted "
                                  f"to {name}; convert it to PNG to use it")
        caption = None
        if len(placeable) == 1 and not self.tables:
            caption = _caption(placeable[0][0], body)
            if caption is not None:
                body.remove(caption)
        others: list[tuple[Box, Block]] = [(item.box, self.picture_block(item, index, draft))
                                           for item, index in placeable]
        if caption is not None:
            others[0][1].caption = caption.rows[0].text
        self.arrange(draft, body, others)
        return draft

    def arrange(self, draft: DraftSlide, body: list[_Text], others: list[tuple[Box, Block]]
                ) -> None:
        """Put the slide's texts, pictures and tables on ``draft``: in the columns they sit
        over, one picture beside the text, pictures or tables beside all the text as a second
        column, else everything in reading order."""
        continued = self.continued_headings(draft.title)
        lead, columns, boxes = _columns(body, continued,
                                        self.column_boxes if self.part > 1 and continued else ())
        others = others + [(box, table) for table, box in self.tables]
        if columns:
            self.column_boxes = boxes
            draft.rows, draft.columns = lead, columns
            for box, block in sorted(others, key=lambda o: (o[0].y, o[0].x)):
                where = max(range(len(boxes)), key=lambda i: _overlap(box, boxes[i]))
                if _overlap(box, boxes[where]) > 0:
                    columns[where].blocks.append(block)
                else:
                    draft.blocks.append(block)
            return
        ordered = sorted(body, key=lambda t: (t.box.y, t.box.x))
        if len(others) == 1 and isinstance(others[0][1], PictureBlock) and (
                not body or _beside(others[0][0], [t.box for t in body])):
            draft.rows = [r for t in ordered for r in t.rows]
            picture = others[0][1]
            draft.image, draft.alt, draft.caption = picture.src, picture.alt, picture.caption
            draft.decorative = picture.decorative
            return
        if body and others and all(_beside(box, [t.box for t in body]) for box, _ in others):
            texts = DraftColumn(None, [r for t in ordered for r in t.rows])
            blocks = DraftColumn(None, [], [b for _, b in sorted(others, key=lambda o: (
                o[0].y, o[0].x))])
            left = min(t.box.x for t in body) < min(box.x for box, _ in others)
            draft.columns = [texts, blocks] if left else [blocks, texts]
            return
        items: list[tuple[Box, object]] = [(t.box, t) for t in body] + others
        for box, item in sorted(items, key=lambda i: (i[0].y, i[0].x)):
            if isinstance(item, _Text):
                if draft.blocks:
                    draft.blocks.append(TextBlock(list(item.rows)))
                else:
                    draft.rows.extend(item.rows)
            else:
                draft.blocks.append(item)

    def picture_block(self, item: _Picture, index: int, draft: DraftSlide) -> PictureBlock:
        """A picture extracted beside the deck, with its alt text (or a comment asking for
        one)."""
        name = self.extract(item, index + 1)
        item.descr = re.sub(r"^fig:\s*", "", item.descr)  # pandoc's mark of a figure
        named = FILE_NAME.match(item.descr) or PATH_OR_URL.match(item.descr)
        alt = item.descr if item.descr and not named else None
        if alt is None and not item.decorative:
            what = ("had no alt text" if not item.descr else
                    f"had only its file name {item.descr!r} as alt text"
                    if FILE_NAME.match(item.descr) else
                    f"had a file path or address {item.descr!r} as alt text (dropped)")
            draft.comments.append(f"the picture {what}: describe it in 'alt'")
        return PictureBlock(name, alt, None, item.decorative)

    def note_template_pictures(self) -> None:
        """Say once which pictures were left out as the template's (a logo on most slides)."""
        if self.template_seen:
            slides = sorted(set(self.template_seen))
            self.report.warn(self.report.source, f"a picture repeated on {len(slides)} slides "
                             "(a logo or ornament of the template) is not put on each slide: "
                             "give it to the theme as its logo if you want it")
            self.result.deck.comments.append(
                f"a picture repeated on {len(slides)} slides was left out as the template's "
                "logo (theme: logo: {image: …} puts it on every slide)")

    def continues(self, title: str) -> bool:
        """Whether the page titled ``title`` continues the slide before: it carries a "2 / 3"
        marker under the same title, or (older builds) the title ends with " (cont.)"."""
        slides = self.result.deck.slides
        if not slides:
            return False
        if self.part > 1:
            return title == slides[-1].title
        return title == slides[-1].title + CONTINUED

    def continued_headings(self, title: str) -> list[str | None]:
        """The column headings of the slide that the page titled ``title`` continues."""
        if self.continues(title):
            return [column.heading for column in self.result.deck.slides[-1].columns]
        return []

    def extract(self, picture: _Picture, index: int) -> str:
        suffix = "" if index == 1 else f"-{index}"
        name = f"{self.media_dir}/slide{self.number}{suffix}.{picture.ext}"
        self.result.media.append(Extracted(name, picture.blob))
        return name


def is_date(line: str) -> bool:
    """Whether a title-slide line is the date: it holds a date written with digits (2024-03-12,
    12.03.2024, 12 March 2024, March 12, 2024, March 2024, Spring 2024), is a year alone, or
    names a term ("Spring term", "Autumn semester"). A name never is, even one that starts like
    a month (Jane, Mark, Marie, Augustine)."""
    text = line.strip().strip(".,;")
    return bool(DATE_LINE.match(text)) or (
        any(c.isdigit() for c in text) and DATE_IN_LINE.search(text) is not None)


def _xpath(element, expression: str):
    return etree._Element.xpath(element, expression, namespaces=_NS)


# -- shapes ------------------------------------------------------------------------------------

def _walk(shapes, transform) -> Iterator[tuple[object, Box]]:
    """Every shape with its box on the slide, groups recursed (their child offsets applied)."""
    for shape in shapes:
        box = _box(shape, transform)
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _walk(_with_alternates(shape.shapes), _group_transform(shape, transform))
        else:
            yield shape, box


def _with_alternates(shapes) -> list:
    """The shapes of a shape tree, a shape stored in ``mc:AlternateContent`` (as Mac PowerPoint
    writes pictures) included: its ``mc:Choice``, else its ``mc:Fallback``."""
    from pptx.shapes.shapetree import SlideShapeFactory

    out = []
    for element in shapes._spTree.iterchildren():
        if element.tag == f"{{{_NS['mc']}}}AlternateContent":
            chosen = _alternate_shape(element)
            if chosen is not None:
                out.append(SlideShapeFactory(chosen, shapes))
        elif element.tag in _SHAPE_TAGS:
            out.append(SlideShapeFactory(element, shapes))
    return out


_SHAPE_TAGS = {qn(t) for t in ("p:sp", "p:grpSp", "p:graphicFrame", "p:cxnSp", "p:pic",
                               "p:contentPart")}


_ALTERNATE_TAGS = _SHAPE_TAGS - {qn("p:contentPart")}  # ink: its fallback's picture is read


def _alternate_shape(element):
    """The shape an ``mc:AlternateContent`` holds (its ``mc:Choice``'s first, else its
    ``mc:Fallback``'s), if any: the rest of a fallback only draws the choice for others."""
    for branch in ("mc:Choice", "mc:Fallback"):
        for child in _xpath(element, f"./{branch}/*"):
            if child.tag in _ALTERNATE_TAGS:
                return child
    return None


def _picture_image(shape):
    """A picture's image; one whose ``p:blipFill`` sits in ``mc:AlternateContent`` too."""
    try:
        return shape.image
    except InvalidXmlError:
        rids = (_xpath(shape._element, ".//mc:Choice//a:blip/@r:embed")
                or _xpath(shape._element, ".//mc:Fallback//a:blip/@r:embed")
                or _xpath(shape._element, ".//a:blip/@r:embed"))
        if not rids:
            raise
        return shape.part.get_image(str(rids[0]))


def _box(shape, transform) -> Box:
    x, y = float(shape.left or 0), float(shape.top or 0)
    w, h = float(shape.width or 0), float(shape.height or 0)
    if transform is not None:
        (ox, oy, sx, sy) = transform
        x, y, w, h = ox + x * sx, oy + y * sy, w * sx, h * sy
    return Box(x, y, w, h)


def _group_transform(group, outer) -> tuple[float, float, float, float]:
    xfrm = group._element.grpSpPr.find(qn("a:xfrm"))
    box = _box(group, outer)
    ch_off, ch_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
    cx, cy = float(ch_off.get("x", 0)), float(ch_off.get("y", 0))
    cw, chh = float(ch_ext.get("cx", 0)) or 1.0, float(ch_ext.get("cy", 0)) or 1.0
    sx, sy = (box.w / cw if box.w else 1.0), (box.h / chh if box.h else 1.0)
    return (box.x - cx * sx, box.y - cy * sy, sx, sy)


def _table(shape, context: TextContext) -> TableBlock | None:
    """A native table as a table block: its first row is the header; each cell's paragraphs
    (in inline markup) joined by line breaks."""
    rows = []
    for row in shape.table.rows:
        cells = []
        for cell in row.cells:
            texts = [markup(shape, p, context)[0] for p in _xpath(cell._tc, "./a:txBody/a:p")]
            cells.append("\n".join(t for t in texts if t).strip())
        rows.append(cells)
    rows = [r for r in rows if any(r)]
    if not rows:
        return None
    if len(rows) == 1:
        return TableBlock([""] * len(rows[0]), rows)
    return TableBlock(rows[0], rows[1:])


def _graphic_kind(shape) -> str:
    if shape.has_chart:
        return "a chart"
    if shape.has_table:
        return "a table"
    uri = _xpath(shape._element, "string(./a:graphic/a:graphicData/@uri)")
    if "diagram" in uri:
        return "a SmartArt diagram"
    if "ole" in uri:
        return "an embedded object"
    return "an object"


def _notes(slide) -> str:
    """The speaker notes, one blank line between paragraphs (as the deck format writes them)."""
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    if frame is None:
        return ""
    shape = slide.notes_slide.notes_placeholder
    context = TextContext(Report("notes"), "notes")
    texts = []
    for p in frame.paragraphs:
        text, displays = markup(shape, p._p, context)
        texts.append(" ".join([text] * bool(text) + [f"${tex}$" for tex in displays]))
    return "\n\n".join(t for t in texts if t)


def _reveal(sld) -> bool | str | None:
    """The ``reveal:`` value of a slide's entrance animations on clicks: ``True`` when each click
    shows one first-level paragraph (with its sub-paragraphs), ``"all"`` when deeper paragraphs
    get clicks of their own, ``"blocks"`` when a click shows a whole shape or several paragraphs
    of one level; ``None`` when nothing appears on a click."""
    timing = sld.find(qn("p:timing"))
    if timing is None:
        return None
    levels: dict[str, list[int]] = {}  # shape id -> its paragraphs' levels
    for sp in sld.iter(qn("p:sp")):
        body = sp.find(qn("p:txBody"))
        if body is not None:
            levels[sp.find(".//" + qn("p:cNvPr")).get("id")] = [
                int(p.find(qn("a:pPr")).get("lvl", 0)) if p.find(qn("a:pPr")) is not None else 0
                for p in body.iter(qn("a:p"))]
    clicks: list[list[int | None]] = []  # per click, the level of each paragraph it shows
    for effect in timing.iter(qn("p:cTn")):
        if effect.get("presetClass") != "entr":
            continue
        if effect.get("nodeType") == "clickEffect":
            clicks.append([])
        target = effect.find(".//" + qn("p:spTgt"))
        if not clicks or target is None:
            continue
        rng = target.find(".//" + qn("p:pRg"))
        paras = levels.get(target.get("spid"), [])
        index = int(rng.get("st", 0)) if rng is not None else len(paras)
        clicks[-1].append(paras[index] if index < len(paras) else None)
    if not clicks:
        return None
    if any(None in c or c.count(min(c)) > 1 for c in clicks if c):
        return "blocks"
    return "all" if any(c and min(c) > 0 for c in clicks) else True


# -- arranging a slide -------------------------------------------------------------------------

def _take_title(texts: list[_Text]) -> tuple[str | None, str | None, list[_Text]]:
    """The slide title (placeholder first, else the top-most largest text) and the rest."""
    for text in texts:
        if text.kind == "title":
            rest = [t for t in texts if t is not text]
            return " ".join(r.text for r in text.rows), None, rest
    candidates = [t for t in texts if len(t.rows) == 1 and len(t.rows[0].text) <= 150
                  and not t.rows[0].code and not t.rows[0].math]
    if not candidates:
        return None, None, texts
    best = max(candidates, key=lambda t: (t.size, -t.box.y))
    if best.size == 0 and min(texts, key=lambda t: (t.box.y, t.box.x)) is not best:
        return None, None, texts
    how = "largest" if best.size else "top-most"
    rest = [t for t in texts if t is not best]
    return best.rows[0].text, f"title guessed from {how} text", rest


def _caption(picture: _Picture, texts: list[_Text]) -> _Text | None:
    """A one-line text right under the picture and overlapping it horizontally."""
    below = [t for t in texts if len(t.rows) == 1 and not t.rows[0].code and not t.rows[0].math
             and t.box.y >= picture.box.bottom - 0.05 *
             picture.box.h and _overlap(t.box, picture.box) >= 0.5 * min(t.box.w, picture.box.w)]
    return min(below, key=lambda t: t.box.y, default=None)


def _beside(box: Box, others: list[Box]) -> bool:
    """Whether ``box`` sits beside all of ``others`` (left or right, sharing little width)."""
    return all(_overlap(box, other) < 0.2 * min(box.w, other.w) for other in others)


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a.right, b.right) - max(a.x, b.x))


def _columns(texts: list[_Text], headings: Sequence[str | None] = (),
             known: Sequence[Box] = ()) -> tuple[list[Row], list[DraftColumn], list[Box]]:
    """Two or three side-by-side stacks of text as columns, the text spanning them (lead), and
    where the columns are.

    ``headings`` are the columns' headings on the slide this one continues: a continued column
    repeats its heading, and may hold nothing else when its body ended on the page before.
    ``known`` are that slide's column boxes: on a continuation, a column that ended on an
    earlier page is absent, so the texts are matched to those columns by place.
    """
    if known:
        return _known_columns(texts, headings, known)
    clusters: list[list[_Text]] = []
    spanning: list[_Text] = []

    def extent(group: list[_Text]) -> Box:
        x, r = min(t.box.x for t in group), max(t.box.right for t in group)
        y, b = min(t.box.y for t in group), max(t.box.bottom for t in group)
        return Box(x, y, r - x, b - y)

    for text in sorted(texts, key=lambda t: t.box.w):
        hits = [c for c in clusters
                if _overlap(text.box, extent(c)) > 0.5 * min(text.box.w, extent(c).w)]
        if not hits:
            clusters.append([text])
        elif len(hits) == 1:
            hits[0].append(text)
        else:
            spanning.append(text)
    if not 2 <= len(clusters) <= 3:
        return [], [], []
    boxes = [extent(c) for c in clusters]
    if not all(any(a is not b and a.y < b.bottom and b.y < a.bottom for b in boxes)
               for a in boxes):
        return [], [], []
    top = min(b.y for b in boxes)
    if any(t.box.y > top for t in spanning):
        return [], [], []
    lead = [r for t in sorted(spanning, key=lambda t: t.box.y) for r in t.rows]
    columns = []
    clusters.sort(key=lambda c: extent(c).x)
    for index, group in enumerate(clusters):
        columns.append(_column(group, headings, index))
    return lead, columns, [extent(c) for c in clusters]


def _column(group: list[_Text], headings: Sequence[str | None], index: int) -> DraftColumn:
    """One column's texts as its heading (if any) and rows."""
    group.sort(key=lambda t: t.box.y)
    heading = None
    if group:
        first = group[0]
        repeated = index < len(headings) and headings[index] is not None
        if len(first.rows) == 1 and not first.rows[0].bullet and not first.rows[0].code and (
                not first.rows[0].math) and (
                len(group) > 1 or (repeated and first.rows[0].text == headings[index])):
            heading = first.rows[0].text
            group = group[1:]
    return DraftColumn(heading, [r for t in group for r in t.rows])


def _known_columns(texts: list[_Text], headings: Sequence[str | None], known: Sequence[Box]
                   ) -> tuple[list[Row], list[DraftColumn], list[Box]]:
    """The texts of a continuation page matched to the columns of the slide it continues."""
    groups: list[list[_Text]] = [[] for _ in known]
    spanning = []
    for text in texts:
        hits = [i for i, box in enumerate(known)
                if _overlap(text.box, box) > 0.5 * min(text.box.w, box.w)]
        if len(hits) == 1:
            groups[hits[0]].append(text)
        else:
            spanning.append(text)
    lead = [r for t in sorted(spanning, key=lambda t: t.box.y) for r in t.rows]
    return lead, [_column(g, headings, i) for i, g in enumerate(groups)], list(known)


# -- deck metadata -----------------------------------------------------------------------------

def _language(prs, report: Report, name: str) -> str | None:
    """The deck's language: the one most of its text is marked with (each run's ``lang``,
    weighted by its characters), checked against the words themselves; the file's properties
    only when no run says. A template's default language is never taken for the text's."""
    runs: Counter[str] = Counter()
    words = []
    for slide in prs.slides:
        for run in slide._element.iter(qn("a:r")):
            text = run.findtext(qn("a:t")) or ""
            words.append(text)
            rpr = run.find(qn("a:rPr"))
            lang = rpr.get("lang") if rpr is not None else None
            if lang and LANGUAGE.match(lang) and text.strip():
                runs[lang] += len(text.strip())
    marked = runs.most_common(1)[0][0] if runs else None
    declared = (prs.core_properties.language or "").strip()
    if marked is None and LANGUAGE.match(declared):
        marked = declared
    from generator.importer.texts import guess_language

    guessed = guess_language(" ".join(words))
    if guessed and marked and marked.split("-")[0].lower() != guessed:
        report.warn(name, f"the text is marked as {marked!r} but reads as {guessed!r}: "
                    f"imported as {guessed!r}")
        return guessed
    return marked or guessed


def _aspect(width: int | None, height: int | None) -> tuple[str | None, str | None]:
    """The deck format's aspect nearest to the slide size, and a comment when it is not exact."""
    if not width or not height:
        return None, None
    ratio = width / height

    def distance(aspect: str) -> float:
        w, h = aspect.split(":")
        return abs(math.log(ratio * int(h) / int(w)))

    nearest = min(ASPECTS, key=distance)
    if distance(nearest) < 0.01:
        return nearest, None
    return nearest, (f"the slides are {width / 914400:.2f} × {height / 914400:.2f} in "
                     f"({ratio:.2f}:1), which the deck format has no aspect for: "
                     f"imported as the nearest, {nearest}")


def _replace_generic_title(deck: DraftDeck) -> None:
    """A title PowerPoint or Google Slides filled in by themselves ("PowerPoint Presentation",
    "Folie 1", "Untitled") gives way to the first slide's title, said in a comment."""
    if not GENERIC_TITLE.match(deck.title.strip()):
        return
    first = next((s.title for s in deck.slides if not GENERIC_TITLE.match(s.title.strip())
                  and not s.title.startswith("Slide ")), None)
    if first is None:
        return
    deck.comments.append(f"the deck's title {deck.title!r} is a default name: the first slide's "
                         "title is used instead")
    deck.title = first


def _footer(footers: list[str | None]) -> tuple[str | None, str | None]:
    """The footer when every content slide shows the same one, else a comment on what differs."""
    found = list(dict.fromkeys(f for f in footers if f))
    if len(found) == 1 and all(footers):
        return found[0], None
    if not found:
        return None, None
    return None, ("footer not imported (the deck format has one footer for every content slide; "
                  "these slides differ):\n" + "\n".join(found))


def _is_decorative(c_nv_pr) -> bool:
    """Whether a picture's ``p:cNvPr`` carries PowerPoint's decorative flag (``adec:decorative``
    with ``val="1"``)."""
    return any(el.get("val") in ("1", "true") for el in c_nv_pr.iter(
        "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"))
