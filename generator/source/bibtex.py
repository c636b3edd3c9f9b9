"""BibTeX (and biblatex) entries read by pybtex and mapped to CSL-JSON items, as pandoc and
Zotero map them, for the citation processor."""

from __future__ import annotations

import re
from typing import Any


class BibliographyError(Exception):
    """A bibliography file that cannot be read; ``line`` (1-based) where known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


# Entry types to CSL types.
TYPES = {
    "article": "article-journal", "book": "book", "mvbook": "book", "booklet": "pamphlet",
    "inbook": "chapter", "incollection": "chapter", "inproceedings": "paper-conference",
    "conference": "paper-conference", "manual": "book", "mastersthesis": "thesis",
    "phdthesis": "thesis", "thesis": "thesis", "misc": "article", "online": "webpage",
    "electronic": "webpage", "www": "webpage", "proceedings": "book", "collection": "book",
    "techreport": "report", "report": "report", "unpublished": "manuscript",
    "periodical": "periodical", "patent": "patent", "dataset": "dataset", "software": "software",
}
# Fields copied as text, to their CSL variable.
FIELDS = {
    "title": "title", "subtitle": "subtitle", "edition": "edition", "volume": "volume",
    "pages": "page", "doi": "DOI", "url": "URL", "isbn": "ISBN", "issn": "ISSN",
    "note": "note", "series": "collection-title", "chapter": "chapter-number",
    "publisher": "publisher", "address": "publisher-place", "location": "publisher-place",
    "abstract": "abstract", "language": "language", "type": "genre", "eprint": "number",
    "howpublished": "publisher", "organization": "publisher", "institution": "publisher",
    "school": "publisher", "shorttitle": "title-short", "pmid": "PMID",
}
CONTAINERS = ("journal", "journaltitle", "booktitle", "maintitle")
ROLES = {"author": "author", "editor": "editor", "translator": "translator"}
_THESES = {"mastersthesis": "Master's thesis", "phdthesis": "PhD thesis"}
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"), start=1)}
_COMMANDS = re.compile(r"\\(?:emph|textit|textbf|textsc|textup|textrm|textsf|url|mkbibquote|"
                       r"mkbibemph|enquote)\s*(?=\{)")


def bibtex_items(text: str) -> dict[str, dict[str, Any]]:
    """The entries of a BibTeX file's ``text`` as CSL-JSON items, by key."""
    from pybtex.database import BibliographyDataError, parse_string
    from pybtex.scanner import PybtexError, PybtexSyntaxError

    try:
        data = parse_string(text, "bibtex")
    except PybtexSyntaxError as err:
        raise BibliographyError(f"not valid BibTeX: {err.error_type}", err.lineno) from err
    except (BibliographyDataError, PybtexError) as err:
        raise BibliographyError(f"not valid BibTeX: {err}") from err
    return {key: _item(entry) for key, entry in data.entries.items()}


def _item(entry) -> dict[str, Any]:
    kind = entry.type.lower()
    fields = {name.lower(): value for name, value in entry.fields.items()}
    item: dict[str, Any] = {"type": TYPES.get(kind, "article")}
    for name, variable in FIELDS.items():
        if name in fields and variable not in item:
            item[variable] = latex_text(fields[name], protect=name in ("title", "booktitle"))
    if "number" in fields:
        item["issue" if kind in ("article", "periodical") else "number"] = latex_text(
            fields["number"])
    for name in CONTAINERS:
        if name in fields:
            item["container-title"] = latex_text(fields[name], protect=True)
            break
    if kind in _THESES and "genre" not in item:
        item["genre"] = _THESES[kind]
    for role, variable in ROLES.items():
        if role in entry.persons:
            item[variable] = [_name(person) for person in entry.persons[role]]
    issued = _date(fields)
    if issued is not None:
        item["issued"] = issued
    if "urldate" in fields:
        accessed = _iso_date(fields["urldate"])
        if accessed is not None:
            item["accessed"] = accessed
    return item


def latex_text(value: str, protect: bool = False) -> str:
    """A field's LaTeX as text: accents and dashes decoded, commands like ``\\emph`` dropped
    (their text kept); ``protect``: braced words (``{Soviet}``) keep their case in styles that
    change it (CSL-JSON's ``nocase`` spans)."""
    from pybtex.richtext import Protected, Text

    value = value.replace("``", "“").replace("''", "”").replace("`", "‘")
    parts = Text.from_latex(_COMMANDS.sub("", value)).parts
    out = []
    for part in parts:
        text = _decoded(part)
        if protect and isinstance(part, Protected) and text.strip():
            out.append(f'<span class="nocase">{text}</span>')
        else:
            out.append(text)
    # citeproc-py puts a space between a protected word and the punctuation after it
    joined = re.sub(r"</span>([^\s\w<]+)", r"\1</span>", "".join(out))
    return re.sub(r"\s+", " ", joined).strip()


def _decoded(part) -> str:
    """The plain text of a pybtex rich-text part (its nested parts joined)."""
    if isinstance(part, str):
        return part.replace("\\", "")
    return "".join(_decoded(p) for p in getattr(part, "parts", ()))


def _name(person) -> dict[str, str]:
    """A pybtex person as a CSL name: an organisation written in braces as a literal."""
    last = " ".join(person.last_names)
    if not person.first_names and not person.middle_names and last.startswith("{") \
            and last.endswith("}"):
        return {"literal": latex_text(last)}
    name = {"family": latex_text(last)}
    given = " ".join(person.first_names + person.middle_names)
    if given:
        name["given"] = latex_text(given)
    if person.prelast_names:
        name["non-dropping-particle"] = latex_text(" ".join(person.prelast_names))
    if person.lineage_names:
        name["suffix"] = latex_text(" ".join(person.lineage_names))
    return name


def _date(fields: dict[str, str]) -> dict[str, Any] | None:
    """``issued`` from biblatex's ``date`` or BibTeX's ``year`` and ``month``."""
    if "date" in fields:
        return _iso_date(fields["date"])
    year = re.search(r"\d{3,4}", fields.get("year", ""))
    if year is None:
        return {"literal": latex_text(fields["year"])} if fields.get("year") else None
    parts = [int(year.group(0))]
    month = fields.get("month", "").strip().lower()[:3]
    if month in _MONTHS:
        parts.append(_MONTHS[month])
    elif month.isdigit() and 1 <= int(month) <= 12:
        parts.append(int(month))
    return {"date-parts": [parts]}


def _iso_date(value: str) -> dict[str, Any] | None:
    """``1939-08-23`` (or ``1939-08``, ``1939``, ``1933/1939``) as CSL date parts."""
    ranges = []
    for piece in value.split("/")[:2]:
        m = re.match(r"^\s*(\d{3,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$", piece)
        if m is None:
            return {"literal": value.strip()} if value.strip() else None
        ranges.append([int(g) for g in m.groups() if g])
    return {"date-parts": ranges}
