"""A PowerPoint package as plain parts and relationships, written without python-pptx."""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

from generator import pictures
from generator.pptx import xml as X

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_SLIDE, RT_SLIDE_LAYOUT = _RT + "slide", _RT + "slideLayout"
RT_NOTES_SLIDE, RT_NOTES_MASTER = _RT + "notesSlide", _RT + "notesMaster"
RT_IMAGE, RT_HYPERLINK = _RT + "image", _RT + "hyperlink"
_PML = "application/vnd.openxmlformats-officedocument.presentationml."
CT_SLIDE, CT_NOTES_SLIDE = _PML + "slide+xml", _PML + "notesSlide+xml"
CT_RELS, CT_XML = "application/vnd.openxmlformats-package.relationships+xml", "application/xml"

# python-pptx's tables (``pptx.opc.spec``): the (extension, content type) pairs
# [Content_Types].xml lists as a default instead of once per part.
IMAGE_CONTENT_TYPES = {"bmp": "image/bmp", "emf": "image/x-emf", "gif": "image/gif",
                       "jpe": "image/jpeg", "jpeg": "image/jpeg", "jpg": "image/jpeg",
                       "png": "image/png", "tif": "image/tiff", "tiff": "image/tiff",
                       "wdp": "image/vnd.ms-photo", "wmf": "image/x-wmf"}
# The content type of every picture part we write: python-pptx's and SVG's (PowerPoint 2016+).
PICTURE_CONTENT_TYPES = {**IMAGE_CONTENT_TYPES, "svg": "image/svg+xml"}
# Picture kinds (generator.pictures.kind) PowerPoint shows as they are, and their extensions;
# the others are embedded as PNG (WebP; an SVG's fallback beside the SVG itself).
NATIVE_PICTURES = {"png": "png", "jpeg": "jpg", "gif": "gif", "bmp": "bmp", "tiff": "tiff",
                   "emf": "emf", "wmf": "wmf"}
_OFFICE = "application/vnd.openxmlformats-officedocument."
DEFAULT_CONTENT_TYPES = frozenset({
    ("bin", _PML + "printerSettings"),
    ("bin", _OFFICE + "spreadsheetml.printerSettings"),
    ("bin", _OFFICE + "wordprocessingml.printerSettings"),
    ("bmp", "image/bmp"), ("emf", "image/x-emf"), ("fntdata", "application/x-fontdata"),
    ("gif", "image/gif"), ("jpe", "image/jpeg"), ("jpeg", "image/jpeg"), ("jpg", "image/jpeg"),
    ("mov", "video/quicktime"), ("mp4", "video/mp4"), ("mpg", "video/mpeg"),
    ("png", "image/png"), ("rels", CT_RELS),
    ("tif", "image/tiff"), ("tiff", "image/tiff"), ("vid", "video/unknown"),
    ("wdp", "image/vnd.ms-photo"), ("wmf", "image/x-wmf"), ("wmv", "video/x-ms-wmv"),
    ("xlsx", _OFFICE + "spreadsheetml.sheet"), ("xml", CT_XML),
})

Rel = tuple[str, str, str, bool]  # (rId, type, target part name or external URL, external)
BASE_FORMAT = 2  # raised when the cached base's layout changes: an older one is rebuilt


@dataclass(frozen=True)
class BasePackage:
    """Everything a deck is drawn on, as python-pptx left it: every part's bytes, content type
    and relationships, what the slides copy from the layouts, and the parts that change per deck
    (the slide list, core properties) split where the deck's values go."""

    parts: dict[str, bytes]                  # part name -> bytes
    content_types: dict[str, str]            # part name -> content type
    rels: dict[str, list[Rel]]               # source part name ("/" for the package) -> rels
    presentation: str                        # the main part's name
    slide_size: tuple[int, int]              # (width, height) of the slides, EMU
    slide_list: tuple[str, str, str]         # see pptx_xml.slide_list_template
    next_slide_id: int
    slide_document: tuple[str, str]          # see pptx_xml.slide_document
    layouts: dict[str, str]                  # slide kind -> layout part name
    placeholders: dict[str, tuple[X.SlidePlaceholder, ...]]  # layout part name -> placeholders
    copies: dict[str, dict[str, X.PlaceholderCopy]]          # layout -> "ftr"/"sldNum" -> copy
    notes: X.NotesTemplate
    notes_master: str
    notes_master_parts: tuple[str, ...]      # parts only added with the first notes slide
    media: tuple[int, ...]                   # numbers of the /ppt/media/imageN parts
    images: dict[str, str]                   # SHA1 -> image part name (first related wins)
    core_part: str
    core: tuple[str, ...]                    # see pptx_xml.core_properties_template
    notices: tuple[str, ...] = ()            # what was repaired in a template (pptx/repair.py)
    warnings: tuple[str, ...] = ()           # what was dropped from a template (pptx/repair.py)

    def check(self) -> None:
        """Raise ``ValueError`` unless every field has its declared type (a base read back from
        the cache is used only when it does)."""
        from generator.cache import conforms, type_hints

        for name, hint in type_hints(BasePackage).items():  # parts: bytes read from the zip
            if name != "parts" and not conforms(getattr(self, name), hint):
                raise ValueError(f"a cached base whose {name!r} is not a {hint}")

    def to_bytes(self) -> bytes:
        """The base as a zip: ``base.json`` and the parts under ``parts/`` (no pickle)."""
        meta = {k: v for k, v in asdict(self).items() if k != "parts"}
        meta["format"] = BASE_FORMAT
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
            z.writestr("base.json", json.dumps(meta, ensure_ascii=False))
            for name, blob in self.parts.items():
                z.writestr("parts" + name, blob)
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> BasePackage:
        """The base :meth:`to_bytes` wrote."""
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            meta = json.loads(z.read("base.json"))
            if meta.get("format") != BASE_FORMAT:
                raise ValueError("a cached base of another format")
            parts = {info.filename[5:]: z.read(info) for info in z.infolist()
                     if info.filename.startswith("parts/")}
        return cls(
            parts=parts,
            content_types=meta["content_types"],
            rels={k: [tuple(r) for r in v] for k, v in meta["rels"].items()},
            presentation=meta["presentation"],
            slide_size=tuple(meta["slide_size"]),
            slide_list=tuple(meta["slide_list"]),
            next_slide_id=meta["next_slide_id"],
            slide_document=tuple(meta["slide_document"]),
            layouts=meta["layouts"],
            placeholders={k: tuple(X.SlidePlaceholder(**p) for p in v)
                          for k, v in meta["placeholders"].items()},
            copies={k: {t: X.PlaceholderCopy(**c) for t, c in v.items()}
                    for k, v in meta["copies"].items()},
            notes=X.NotesTemplate(**meta["notes"]),
            notes_master=meta["notes_master"],
            notes_master_parts=tuple(meta["notes_master_parts"]),
            media=tuple(meta["media"]),
            images=meta["images"],
            core_part=meta["core_part"],
            core=tuple(meta["core"]),
            notices=tuple(meta.get("notices", ())),
            warnings=tuple(meta.get("warnings", ())),
        )


def read_base(path: Path) -> BasePackage | None:
    """The base cached at ``path``, or ``None`` if there is none, it is not the current user's,
    or it is not a base of this format (then the caller builds the base afresh and rewrites it).
    """
    from generator.cache import readable_cache_file

    if not readable_cache_file(path):
        return None
    try:
        base = BasePackage.from_bytes(path.read_bytes())
        base.check()
    except (OSError, ValueError, KeyError, TypeError, AttributeError, zipfile.BadZipFile):
        return None
    return base


def write_base(path: Path, base: BasePackage) -> None:
    """Cache ``base`` at ``path`` (private, written aside, then moved in place); failing is
    harmless."""
    from generator.cache import write_private

    write_private(path, base.to_bytes())


class _Rels:
    """One part's relationships, numbered and matched as python-pptx's ``_Relationships``."""

    def __init__(self, base_uri: str, rels: Iterable[Rel] = ()) -> None:
        self.base_uri = base_uri
        self.items: dict[str, Rel] = {}
        self.matching: dict[tuple[str, str, bool], str] = {}
        for rel in rels:
            self.add(rel)

    def add(self, rel: Rel) -> str:
        self.items[rel[0]] = rel
        self.matching.setdefault(rel[1:], rel[0])
        return rel[0]

    def relate(self, reltype: str, target: str, external: bool = False) -> str:
        """The rId of a relationship to ``target``: an existing one, else a new one."""
        rid = self.matching.get((reltype, target, external))
        return rid if rid is not None else self.add((self.next_rid(), reltype, target, external))

    def next_rid(self) -> str:
        """python-pptx's ``_next_rId``: counting down from one past the count, the first free."""
        for n in range(len(self.items) + 1, 0, -1):
            if f"rId{n}" not in self.items:
                return f"rId{n}"
        raise AssertionError("more distinct rIds than relationships")

    def xml(self) -> bytes:
        return X.relationships_xml(
            (rid, reltype, target if external else X.relative_ref(target, self.base_uri),
             external) for rid, reltype, target, external in self.items.values())


def embedded(path: str | Path) -> tuple[bytes, str]:
    """What a deck embeds for the picture at ``path``, and its extension: the file itself when
    PowerPoint shows its kind, else a PNG of it (WebP; the fallback of an SVG, which
    :meth:`DeckPackage.svg_original` adds beside it)."""
    found = pictures.kind(Path(path))
    if found in NATIVE_PICTURES:
        return Path(path).read_bytes(), NATIVE_PICTURES[found]
    data = pictures.png(Path(path))
    assert data is not None  # SVG and WebP are drawn without any program
    return data, "png"


class _Image:
    """A picture file as python-pptx's ``Image`` reads it."""

    def __init__(self, blob: bytes, ext: str) -> None:
        self.blob = blob
        self.ext = ext
        self.sha1 = hashlib.sha1(blob).hexdigest()

    @cached_property
    def pil(self) -> tuple[str | None, tuple[int, int], object]:
        from PIL import Image as PILImage

        with PILImage.open(io.BytesIO(self.blob)) as image:
            return image.format, image.size, image.info.get("dpi")

    def scale(self, cx: int, cy: int) -> tuple[int, int]:
        """python-pptx's ``ImagePart.scale``: the size asked for, or the native aspect."""
        _, (width_px, height_px), dpi = self.pil
        if cx and cy:
            return cx, cy

        def int_dpi(value) -> int:
            try:
                n = round(float(value))
                return 72 if n < 1 or n > 2048 else n
            except (TypeError, ValueError):
                return 72

        horz, vert = (int_dpi(dpi[0]), int_dpi(dpi[1])) if isinstance(dpi, tuple) else (72, 72)
        native_cx, native_cy = int(914400 * width_px / horz), int(914400 * height_px / vert)
        if cx:
            return cx, round(native_cy * float(cx) / float(native_cx))
        if cy:
            return round(native_cx * float(cy) / float(native_cy)), cy
        return native_cx, native_cy


class DeckPackage:
    """A deck being written on a :class:`BasePackage` (which is never changed): slides, notes
    slides, pictures and links added with the part names, rIds and slide ids python-pptx would
    give them, then saved as the zip python-pptx would save, with fixed dates."""

    def __init__(self, base: BasePackage) -> None:
        self.base = base
        self.blobs: dict[str, bytes] = {}
        self.types: dict[str, str] = {}
        self.rels: dict[str, _Rels] = {}
        self.presentation_rels = self._rels_of(base.presentation, base.rels[base.presentation])
        self.next_rid = len(self.presentation_rels.items) + 1
        self.slide_ids: list[tuple[int, str]] = []
        self.next_slide_id = base.next_slide_id
        self.taken = set(base.parts)
        self.counters: dict[str, int] = {}
        self.notes_master_added = not base.notes_master_parts
        self.media = set(base.media)
        self.next_media = 1
        self.images = dict(base.images)

    def _rels_of(self, partname: str, rels: Iterable[Rel] = ()) -> _Rels:
        self.rels[partname] = found = _Rels(posixpath.split(partname)[0], rels)
        return found

    def _partname(self, tmpl: str) -> str:
        n = self.counters.get(tmpl, 1)
        while tmpl % n in self.taken:
            n += 1
        self.counters[tmpl] = n + 1
        self.taken.add(tmpl % n)
        return tmpl % n

    def add_slide(self, layout: str) -> str:
        """A new, empty slide on the layout part ``layout``, last in the presentation; give it
        its XML with :meth:`set_xml`."""
        partname = self._partname("/ppt/slides/slide%d.xml")
        self.types[partname] = CT_SLIDE
        self._rels_of(partname).relate(RT_SLIDE_LAYOUT, layout)
        while f"rId{self.next_rid}" in self.presentation_rels.items:
            self.next_rid += 1
        rid = self.presentation_rels.add((f"rId{self.next_rid}", RT_SLIDE, partname, False))
        self.next_rid += 1
        self.slide_ids.append((self.next_slide_id, rid))
        self.next_slide_id += 1
        return partname

    def add_notes_slide(self, slide: str) -> str:
        """A new notes slide for ``slide`` (the notes master comes with the first one)."""
        if not self.notes_master_added:
            self.notes_master_added = True
            self.presentation_rels.relate(RT_NOTES_MASTER, self.base.notes_master)
        partname = self._partname("/ppt/notesSlides/notesSlide%d.xml")
        self.types[partname] = CT_NOTES_SLIDE
        rels = self._rels_of(partname)
        rels.relate(RT_NOTES_MASTER, self.base.notes_master)
        rels.relate(RT_SLIDE, slide)
        self.rels[slide].relate(RT_NOTES_SLIDE, partname)
        return partname

    def set_xml(self, partname: str, xml: str) -> None:
        """Give a part made here its XML."""
        self.blobs[partname] = X.part_blob(xml)

    def link(self, partname: str, url: str) -> str:
        """The rId of ``partname``'s hyperlink relationship to ``url`` (one per address)."""
        return self.rels[partname].relate(RT_HYPERLINK, url, True)

    def add_image(self, partname: str, path: str, cx: int, cy: int) -> tuple[str, int, int]:
        """Relate ``partname`` to the picture in ``path`` (one image part per distinct file
        content): its rId and its size, ``(cx, cy)`` as python-pptx scales it. A picture of a
        kind PowerPoint does not show is embedded as PNG (:func:`embedded`)."""
        image = _Image(*embedded(path))  # the same bytes as any part it shares
        return (self.rels[partname].relate(RT_IMAGE, self._media(image)), *image.scale(cx, cy))

    def add_png(self, partname: str, blob: bytes) -> str:
        """Relate ``partname`` to a PNG made here (an equation's picture): its rId."""
        return self.rels[partname].relate(RT_IMAGE, self._media(_Image(blob, "png")))

    def svg_original(self, partname: str, path: str | Path) -> str | None:
        """For an SVG picture, the rId of ``partname``'s relationship to the SVG itself (the
        ``asvg:svgBlip`` beside its PNG fallback, as PowerPoint writes it); else ``None``."""
        if pictures.kind(Path(path)) != "svg":
            return None
        target = self._media(_Image(Path(path).read_bytes(), "svg"))
        return self.rels[partname].relate(RT_IMAGE, target)

    def _media(self, image: _Image) -> str:
        """The media part holding ``image``'s bytes: an existing one, else a new one."""
        target = self.images.get(image.sha1)
        if target is None:
            ext = image.ext
            while self.next_media in self.media:
                self.next_media += 1
            self.media.add(self.next_media)
            target = f"/ppt/media/image{self.next_media}.{ext}"
            self.blobs[target] = image.blob
            self.types[target] = PICTURE_CONTENT_TYPES[ext]
            self.images[image.sha1] = target
        return target

    def save(self, core: Mapping[str, str], date_time: tuple[int, ...]) -> bytes:
        """The package as a zip, its core properties filled with ``core`` (a value per slot of
        :func:`pptx_xml.core_properties_template`)."""
        base = self.base
        lazy = set() if self.notes_master_added else set(base.notes_master_parts)
        blobs = {name: blob for name, blob in base.parts.items() if name not in lazy}
        blobs.update(self.blobs)
        blobs[base.presentation] = X.slide_list_xml(base.slide_list, self.slide_ids,
                                                    base.parts[base.presentation])
        notes_master = self.presentation_rels.matching.get((RT_NOTES_MASTER, base.notes_master,
                                                            False))
        if notes_master is not None:
            blobs[base.presentation] = X.with_notes_master_id(blobs[base.presentation],
                                                              notes_master)
        blobs[base.core_part] = X.core_properties_xml(base.core, core)
        types = {name: ct for name, ct in base.content_types.items() if name not in lazy}
        types.update(self.types)
        defaults = {"rels": CT_RELS, "xml": CT_XML}
        overrides = {}
        for name, ct in types.items():
            ext = posixpath.splitext(name)[1][1:]
            if (ext.lower(), ct) in DEFAULT_CONTENT_TYPES:
                defaults[ext.lower()] = ct
            else:
                overrides[name] = ct
        entries = {"[Content_Types].xml": X.content_types_xml(defaults, overrides),
                   "_rels/.rels": _Rels("/", base.rels["/"]).xml()}
        for name, blob in blobs.items():
            entries[name[1:]] = blob
            rels = self.rels.get(name)
            if rels is None and base.rels.get(name):
                rels = _Rels(posixpath.split(name)[0], base.rels[name])
            if rels is not None and rels.items:
                folder, file = posixpath.split(name)
                entries[posixpath.join(folder, "_rels", file + ".rels")[1:]] = rels.xml()
        return X.zip_entries(entries, date_time)


def source_key() -> str:
    """A hash of the code that shapes a base: these modules, ``pictures`` (which draws the
    pictures a base embeds) and python-pptx's version, so an edit or an upgrade makes new
    bases instead of reusing stale ones."""
    global _SOURCE_KEY
    if _SOURCE_KEY is None:
        from importlib.util import find_spec

        digest = hashlib.sha256()
        here = Path(__file__).resolve().parent
        for file in ("template.py", "xml.py", "package.py", "repair.py", "../pictures.py"):
            digest.update((here / file).read_bytes())
        spec = find_spec("pptx")
        if spec is not None and spec.origin:
            match = re.search(rb'__version__ = "([^"]+)"', Path(spec.origin).read_bytes())
            digest.update(match.group(1) if match else spec.origin.encode())
        _SOURCE_KEY = digest.hexdigest()
    return _SOURCE_KEY


_SOURCE_KEY: str | None = None
