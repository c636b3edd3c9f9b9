"""LaTeX formulas: checked, converted to MathML, Office Math (OMML) and linear text, measured."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
OMML_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
MATH_FONT = "Cambria Math"  # what PowerPoint sets equations in
# The one math font that measures every formula (ziamath's bundled font), draws the PPTX's
# fallback pictures and, embedded as a subset, draws the HTML deck's MathML: see math_font_file.
MATH_FACE = "STIX Two Math"
_MATH_FONT_FILE = ("ziamath", "fonts", "STIXTwoMath-Regular.ttf")

_COMMAND = re.compile(r"\\[A-Za-z]+")
_ARGS = {"mfrac": (2, r"\frac"), "mroot": (2, r"\sqrt[n]"), "msub": (2, "_"), "msup": (2, "^"),
         "munder": (2, "_"), "mover": (2, "^"), "msubsup": (3, "_ and ^"),
         "munderover": (3, "_ and ^")}
# latex2mathml's errors, as what the writer did wrong.
_ERRORS = {
    "MissingSuperScriptOrSubscriptError": "'^' or '_' needs something after it",
    "MissingEndError": r"an environment is opened with \begin{…} but never closed with \end{…}",
    "ExtraLeftOrMissingRightError": r"\left without a matching \right",
    "MissingLeftError": r"\right without a matching \left",
    "DenominatorNotFoundError": r"\frac needs two arguments: \frac{numerator}{denominator}",
    "NumeratorNotFoundError": r"\frac needs two arguments: \frac{numerator}{denominator}",
    "DoubleSubscriptsError": "double subscript: write x_{ab}, not x_a_b",
    "DoubleSuperscriptsError": "double superscript: write x^{ab}, not x^a^b",
    "LimitsMustFollowMathOperatorError": r"\limits must follow an operator such as \sum",
    "NoAvailableTokensError": "an argument is missing at the end",
}


class FormulaError(ValueError):
    """Bad LaTeX: ``message`` says what is wrong, ``offset`` where in the source (or ``None``)."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def check(tex: str) -> None:
    """Raise :class:`FormulaError` when ``tex`` is not LaTeX this project can convert: every
    conversion is made once here (and cached), so none can fail later, in a renderer."""
    _converted(tex)
    try:
        linear(tex)
        _omml(tex, False, 0, "en")
        size_em(tex, False)
        size_em(tex, True)
    except Exception as err:  # the converters raise what they like on odd MathML
        raise FormulaError("this formula cannot be converted (check its braces and the "
                           f"arguments of each command; {type(err).__name__})") from None


@lru_cache(maxsize=2048)
def _converted(tex: str) -> str:
    """``tex`` as a MathML string, checked (cached: every renderer asks for the same ones)."""
    if not tex.strip():
        raise FormulaError("the formula is empty", 0)
    opened: list[int] = []
    for m in re.finditer(r"\\.|[{}]", tex):
        if m.group() == "{":
            opened.append(m.start())
        elif m.group() == "}":
            if not opened:
                raise FormulaError("'}' closes a brace that was never opened", m.start())
            opened.pop()
    if opened:
        raise FormulaError("'{' is never closed", opened[-1])
    from xml.etree import ElementTree

    from latex2mathml.converter import convert

    try:
        xml = convert(tex)
    except Exception as err:  # latex2mathml raises plain Exception subclasses
        name = type(err).__name__
        detail = _ERRORS.get(name) or re.sub(r"(?<!^)([A-Z])", r" \1", name).lower()
        raise FormulaError(detail + (f" ({err})" if str(err) else "")) from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:  # e.g. '&' outside an environment that aligns columns
        raise FormulaError("this formula cannot be converted (an '&' or an environment that is "
                           "not supported?)") from None
    for el in root.iter():
        text = (el.text or "").strip()
        if len(text) > 1 and _COMMAND.fullmatch(text):
            raise FormulaError(f"unsupported command {text} (docs/math.md lists what is "
                               "supported)", tex.find(text))
        want = _ARGS.get(el.tag.rpartition("}")[2])
        if want and len(el) < want[0]:
            raise FormulaError(f"{want[1]} is missing an argument", None)
    return xml


def mathml(tex: str, display: bool = False) -> str:
    """``<math>`` for HTML: the LaTeX source in ``alttext`` and in a TeX annotation."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(_converted(tex))
    root.set("display", "block" if display else "inline")
    root.set("alttext", tex)
    if display:  # as LaTeX displays them: the limits of \sum and \lim under and over
        for el in root.iter():
            tag = el.tag.rpartition("}")[2]
            if tag in _LIMITS_UNDER and len(el) and (el[0].text or "").strip() in _UNDER_OVER:
                el.tag = f"{{{MATHML_NS}}}{_LIMITS_UNDER[tag]}"
    _proper_primes_and_accents(root)
    _function_spaces(root)
    body = list(root)
    for child in body:
        root.remove(child)
    semantics = ElementTree.SubElement(root, f"{{{MATHML_NS}}}semantics")
    row = ElementTree.SubElement(semantics, f"{{{MATHML_NS}}}mrow")
    row.extend(body)
    note = ElementTree.SubElement(semantics, f"{{{MATHML_NS}}}annotation",
                                  {"encoding": "application/x-tex"})
    note.text = tex
    ElementTree.register_namespace("", MATHML_NS)
    return ElementTree.tostring(root, encoding="unicode")


# What latex2mathml writes over a letter for \hat, \bar, \vec, \tilde, …, and the accent
# character MathML Core draws for each (an accent sits on the letter, at its own size).
_MATHML_ACCENTS = {"^": "\u02c6", "\u00af": "\u00af", "\u2192": "\u2192", "~": "\u02dc",
                   "\u02d9": "\u02d9", "\u00a8": "\u00a8", "\u02c7": "\u02c7", "\u02d8": "\u02d8",
                   "\u00b4": "\u00b4", "`": "`"}
_PRIMES = ("\u2032", "\u2033", "\u2034")


def _proper_primes_and_accents(root) -> None:
    """Primes as operators after what they mark (``<mi>f</mi><mo>′</mo>``: upright, not a
    slanted identifier, and not in a superscript, where the math font's prime, already drawn
    high, would be set small and higher still), and the accents over one letter as accents
    (``accent="true"``, not stretched), as MathML Core draws them properly."""
    for parent in list(root.iter()):
        for i, el in reversed(list(enumerate(parent))):
            if (el.tag.endswith("}msup") and len(el) == 2
                    and (el[1].text or "").strip() in _PRIMES and not len(el[1])):
                base, prime = el[0], el[1]
                prime.tag = f"{{{MATHML_NS}}}mo"
                parent.remove(el)
                parent.insert(i, prime)
                parent.insert(i, base)
    for el in root.iter():
        tag = el.tag.rpartition("}")[2]
        if tag == "mi" and (el.text or "").strip() in _PRIMES:
            el.tag = f"{{{MATHML_NS}}}mo"
        elif tag == "mover" and len(el) == 2 and el[1].tag.endswith("}mo"):
            mark, base = (el[1].text or "").strip(), el[0]
            letters = "".join(base.itertext()).strip()
            if mark in _MATHML_ACCENTS and len(letters) == 1:
                el.set("accent", "true")
                el[1].text = _MATHML_ACCENTS[mark]
                el[1].set("stretchy", "false")


# Function names LaTeX sets upright (\sin, \log …): TeX puts a thin space between one and its
# argument (``\sin x``), none before a bracket (``\sin(x)``); MathML Core, which leaves
# spacing to the markup, would run them together ("sinx").
_FUNCTIONS = frozenset("sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh coth ln "
                       "log lg exp arg deg dim hom ker".split())
THIN_SPACE = "0.1667em"


_ROWS = frozenset("math mrow mstyle mtd msqrt mpadded mphantom menclose semantics".split())
_SCRIPTED = frozenset("msub msup msubsup munder mover munderover".split())


def _function_spaces(root) -> None:
    r"""A thin space (``<mspace>``) after each function name (scripted too: ``\sin^2 x``) that
    an argument follows without a bracket, in a row, as TeX sets ``\sin x``."""
    def local(el) -> str:
        return el.tag.rpartition("}")[2]

    def function(el) -> bool:
        base = el[0] if local(el) in _SCRIPTED and len(el) else el
        return local(base) == "mi" and (base.text or "").strip() in _FUNCTIONS

    for parent in root.iter():
        if local(parent) not in _ROWS:
            continue
        kids = list(parent)
        for i in range(len(kids) - 2, -1, -1):
            after = kids[i + 1]
            if function(kids[i]) and not (local(after) == "mo" and (after.text or "").strip()
                                          in "([{|⌊⌈⟨"):
                parent.insert(i + 1, parent.makeelement(f"{{{MATHML_NS}}}mspace",
                                                        {"width": THIN_SPACE}))


_LIMITS_UNDER = {"msub": "munder", "msup": "mover", "msubsup": "munderover"}
_UNDER_OVER = ("∑", "∏", "∐", "⋃", "⋂", "⨁", "⨂", "lim", "max", "min", "sup", "inf")


def omml(tex: str, display: bool, size: float | None, lang: str, color: str = "") -> str:
    """The formula as ``<m:oMath>`` (in ``<m:oMathPara>`` when ``display``), each run set in
    Cambria Math at ``size`` points (``None``: the paragraph's size) and in ``color`` (a
    DrawingML colour element, or ``""`` for the text's own), for a slide's ``a14:m``."""
    return _omml(tex, display, int(round(size * 100)) if size else 0, lang, color)


@lru_cache(maxsize=2048)
def _omml(tex: str, display: bool, size: int, lang: str, color: str = "") -> str:
    import math_ml2omml
    from lxml import etree

    m, a = f"{{{OMML_NS}}}", f"{{{A_NS}}}"
    holder = etree.fromstring(f'<w xmlns:m="{OMML_NS}" xmlns:a="{A_NS}">'
                              f"{math_ml2omml.convert(_converted(tex))}</w>")
    for box in list(holder.iter(m + "box")):  # grouping boxes only hinder editing: unwrap
        _replace(box, list(box.find(m + "e") if box.find(m + "e") is not None else ()))
    for run in list(holder.iter(m + "r")):
        if not run.findtext(m + "t"):
            run.getparent().remove(run)
    for upper in list(holder.iter(m + "limUpp")):  # \hat{x}: an accent, not a limit
        mark = _ACCENTS.get("".join(upper.find(m + "lim").itertext()).strip())
        if mark:
            acc = etree.SubElement(etree.Element(m + "acc"), m + "accPr")
            etree.SubElement(acc, m + "chr").set(m + "val", mark)
            acc.getparent().append(upper.find(m + "e"))
            _replace(upper, [acc.getparent()])
    for sub in list(holder.iter(m + "sSub")):  # \lim_{x \to 0}: the limit goes under
        if "".join(sub.find(m + "e").itertext()) in ("lim", "max", "min", "sup", "inf"):
            low = etree.Element(m + "limLow")
            low.append(sub.find(m + "e"))
            lim = etree.SubElement(low, m + "lim")
            lim.extend(list(sub.find(m + "sub")))
            _replace(sub, [low])
    for rad in holder.iter(m + "rad"):  # a square root: the schema wants an empty, hidden deg
        if rad.find(m + "deg") is None:
            props = rad.find(m + "radPr")
            if props is None:
                props = etree.Element(m + "radPr")
                rad.insert(0, props)
            if props.find(m + "degHide") is None:
                props.insert(0, etree.Element(m + "degHide"))
                props[0].set(m + "val", "1")
            props.addnext(etree.Element(m + "deg"))
    for run in holder.iter(m + "r"):
        rpr = etree.Element(a + "rPr", lang=lang)
        if size:
            rpr.set("sz", str(size))
        if color:
            rpr.append(etree.fromstring(f'<a:solidFill xmlns:a="{A_NS}">{color}</a:solidFill>'))
        etree.SubElement(rpr, a + "latin", typeface=MATH_FONT)
        etree.SubElement(rpr, a + "cs", typeface=MATH_FONT)
        run.insert(1 if run[0].tag == m + "rPr" else 0, rpr)
    xml = "".join(etree.tostring(el, encoding="unicode") for el in holder)
    xml = xml.replace(f' xmlns:m="{OMML_NS}"', "").replace(f' xmlns:a="{A_NS}"', "")
    if display:
        xml = ('<m:oMathPara><m:oMathParaPr><m:jc m:val="centerGroup"/></m:oMathParaPr>'
               f"{xml}</m:oMathPara>")
    return xml


def _replace(el, new) -> None:
    """Put the elements ``new`` where ``el`` is, and drop ``el``."""
    parent = el.getparent()
    index = parent.index(el)
    parent.remove(el)
    for offset, child in enumerate(new):
        parent.insert(index + offset, child)


# -- linear text: what LibreOffice shows, what notes and screen readers get ------------------------

_SUP = dict(zip("0123456789+-−=()abcdefghijklmnoprstuvwxyz′″",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ′″"))
_SUB = dict(zip("0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
_ACCENTS = {"^": "\u0302", "ˆ": "\u0302", "~": "\u0303", "˜": "\u0303", "¯": "\u0305",
            "‾": "\u0305", "―": "\u0305", "˙": "\u0307", "¨": "\u0308", "→": "\u20d7", "⃗": "\u20d7",
            "ˇ": "\u030c", "´": "\u0301", "`": "\u0300", "˘": "\u0306"}
_ROOTS = {"2": "√", "3": "∛", "4": "∜"}


@lru_cache(maxsize=2048)
def linear(tex: str) -> str:
    """The formula as one line of Unicode text, e.g. ``∫₀¹ x² dx = 1/3``."""
    from xml.etree import ElementTree

    text = re.sub(r"\s+", " ", _linear(ElementTree.fromstring(_converted(tex))))
    return re.sub(r"([(\[{]) | ([)\]}])", r"\1\2", text).strip()


def _linear(el) -> str:
    tag = el.tag.rpartition("}")[2]
    kids = list(el)
    if tag == "mi" and len(el.text or "") > 1:
        return f"{el.text} "  # a function name: sin x
    if tag in ("mi", "mn", "mtext", "ms"):
        return el.text or ""
    if tag == "mo":
        op = (el.text or "").strip()
        if op in (",", ";"):
            return f"{op} "
        if len(op) > 1 and op.isalpha():
            return f"{op} "  # an operator name: det A, lim x
        return f" {op} " if op in "=<>≤≥≠≈≡→⇒⇔∈+−±×÷·" and op else op
    if tag == "mspace":
        width = el.get("width", "")
        return " " if width.endswith("em") and float(width[:-2] or 0) >= 0.16 else ""
    if tag == "mfrac" and len(kids) == 2 and el.get("linethickness") == "0":
        return f"{_linear(kids[0]).strip()}¦{_linear(kids[1]).strip()}"  # \binom, in its ( )
    if tag == "mfrac" and len(kids) == 2:
        return f"{_group(kids[0])}/{_group(kids[1])} "
    if tag == "msqrt":
        return "√" + _group_all(kids)
    if tag == "mroot" and len(kids) == 2:
        degree = _linear(kids[1]).strip()
        root = _ROOTS.get(degree) or _script(degree, _SUP, "^") + "√"
        return root + _group(kids[0])
    if tag in ("msub", "msup", "msubsup", "munder", "mover", "munderover") and len(kids) >= 2:
        base = _linear(kids[0]).rstrip()
        over = _linear(kids[1]).strip()
        if tag == "mover" and len(over) == 1:
            mark = _ACCENTS.get(over)
            if mark == "\u0305" and base:  # \overline{AB}: every letter overlined
                return "".join(c + mark for c in base)
            if mark and base:
                return base + mark if len(base) == 1 else f"({base}){mark}"
        sub = sup = None
        if tag in ("msub", "munder", "msubsup", "munderover"):
            sub = _linear(kids[1]).strip()
            if len(kids) == 3:
                sup = _linear(kids[2]).strip()
        else:
            sup = _linear(kids[1]).strip()
        out = base
        if sub:
            out += _script(sub, _SUB, "_")
        if sup:
            out += _script(sup, _SUP, "^")
        operator = base in "∑∏∫∬∭∮⋃⋂" or base in ("lim", "max", "min", "sup", "inf")
        return out + (" " if operator else "")
    if tag == "mtable":
        return "; ".join(", ".join(_linear(cell).strip() for cell in row) for row in kids)
    return "".join(_linear(k) for k in kids)


def _script(text: str, table: dict[str, str], mark: str) -> str:
    text = "".join(text.split())
    if text and all(c in table for c in text):
        return "".join(table[c] for c in text)
    return mark + (text if len(text) == 1 else f"({text})")


def _group(el) -> str:
    return _group_all([el])


def _group_all(kids) -> str:
    text = "".join(_linear(k) for k in kids).strip()
    simple = re.fullmatch(r"[\w.]+|[\w]+[⁰¹²³⁴⁵⁶⁷⁸⁹ⁿ₀₁₂₃₄₅₆₇₈₉]*", text)
    return text if simple else f"({text})"


def math_font_file() -> Path | None:
    """The font file of :data:`MATH_FACE` with which ziamath measures and draws formulas (the
    font it ships and loads by default), found without importing ziamath; ``None`` when ziamath
    is not installed."""
    from importlib.util import find_spec

    spec = find_spec(_MATH_FONT_FILE[0])
    if spec is None or not spec.origin:
        return None
    file = Path(spec.origin).parent.joinpath(*_MATH_FONT_FILE[1:])
    return file if file.is_file() else None


# -- measuring -----------------------------------------------------------------------------------

def size_em(tex: str, display: bool = False) -> tuple[float, float]:
    """Width and height of the typeset formula in ems of its font size (laid out by ziamath
    with the STIX Two Math font, whose metrics are close to Cambria Math's)."""
    return box_em(tex, display)[:2]


@lru_cache(maxsize=2048)
def box_em(tex: str, display: bool = False) -> tuple[float, float, float]:
    """Width, height and depth (how far it reaches below the baseline) of the typeset formula,
    in ems of its font size, as :func:`size_em` lays it out. Kept between builds in the
    per-user cache (:func:`save_measurements`): a deck measured before needs no ziamath."""
    _converted(tex)
    key = f"{int(display)} {tex}"
    known = _measured().get(key)
    if known is not None:
        return known[0], known[1], known[2]
    import ziamath

    reference = 100.0
    typeset = ziamath.Math.fromlatex(tex, size=reference, inline=not display)
    width, height = typeset.getsize()
    depth = -typeset.getyofst()
    box = (max(0.0, width / reference), max(0.0, height / reference),
           min(max(0.0, depth / reference), max(0.0, height / reference)))
    _measured()[key] = list(box)
    _changed.add(key)
    return box


# How the browser's MathML Core sets an inline fraction, beside ziamath: it shifts the numerator
# and denominator by the MATH table's text-style shifts (585 units each way in STIX Two Math)
# at the formula's own size, as TeX does, where ziamath takes them at the script size (70 %);
# and a token's box reaches the font's descent (238 units, at the script size) below its ink,
# which the frame's overflow counts.
_SCRIPT_SCALE, _FRACTION_SHIFT, _DESCENT = 0.70, 0.585, 0.238
FRACTION_REACH = ((1 - _SCRIPT_SCALE) * _FRACTION_SHIFT,
                  (1 - _SCRIPT_SCALE) * _FRACTION_SHIFT + _SCRIPT_SCALE * _DESCENT)


def browser_reach_em(tex: str) -> tuple[float, float]:
    """How much further (em) than :func:`box_em` says the inline formula ``tex`` reaches above
    and below its baseline where a browser draws it: :data:`FRACTION_REACH` when it has a
    fraction (``\\frac``, ``\\binom``), else nothing."""
    return FRACTION_REACH if "<mfrac" in _converted(tex) else (0.0, 0.0)


# -- measurements and pictures kept between builds -----------------------------------------------

_MEASURED: list[dict[str, list[float]]] = []  # the table of box_em's answers, once read
_changed: set[str] = set()
MAX_MEASURED = 20_000  # formulas kept before the table starts again


@lru_cache(maxsize=1)
def _stamp() -> str:
    """Which ziamath and resvg measured and drew (their files' sizes and times, read without
    importing them): another version, another table and other pictures."""
    from importlib.util import find_spec

    parts = []
    for name in ("ziamath", "resvg_py"):
        spec = find_spec(name)
        try:
            info = Path(spec.origin).stat() if spec and spec.origin else None
        except OSError:
            info = None
        parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}" if info else f"{name}:?")
    return " ".join(parts)


def _table_file() -> Path | None:
    from generator.cache import cache_dir

    folder = cache_dir("formulas")
    if folder is None:
        return None
    return folder / f"measured-{hashlib.sha1(_stamp().encode()).hexdigest()[:16]}.json"


def _is_box(_key: str, value: object) -> bool:
    return (isinstance(value, list) and len(value) == 3
            and all(isinstance(v, float) for v in value))


def _measured() -> dict[str, list[float]]:
    if not _MEASURED:
        from generator.cache import read_table

        _MEASURED.append(read_table(_table_file(), "formula-boxes", _is_box))
    return _MEASURED[0]


def save_measurements() -> None:
    """Write the formulas measured since the last save to the per-user cache (best effort)."""
    if not _changed:
        return
    from generator.cache import write_table

    table = _measured()
    if len(table) > MAX_MEASURED:
        for key in [k for k in table if k not in _changed]:
            del table[key]
    write_table(_table_file(), "formula-boxes", table)
    _changed.clear()


# -- drawing -------------------------------------------------------------------------------------

PNG_SCALE = 4.0  # pixels per point of a formula's picture (288 dpi: sharp when projected)


@lru_cache(maxsize=256)
def png(tex: str, size: float, color: str, display: bool = True) -> bytes:
    """The formula (displayed, or set inline when not ``display``) typeset by ziamath (STIX
    Two Math, as :func:`size_em` measures it) at ``size`` pt in ``color`` (``#RRGGBB``), drawn
    by resvg as a PNG with a transparent background at :data:`PNG_SCALE` pixels a point."""
    from generator import pictures

    _converted(tex)
    key = hashlib.sha256(f"formula {_stamp()} {int(display)} {size!r} {color} {PNG_SCALE}\n"
                         f"{tex}".encode()).hexdigest()
    kept = pictures.from_cache(key)
    if kept is not None:
        return kept
    import resvg_py
    import ziamath

    drawn = ziamath.Math.fromlatex(tex, size=size, color=color, inline=not display)
    svg, (width, height) = drawn.svg(), drawn.getsize()
    data = bytes(resvg_py.svg_to_bytes(svg_string=svg,
                                       width=max(1, round(width * PNG_SCALE)),
                                       height=max(1, round(height * PNG_SCALE))))
    pictures.to_cache(key, data)
    return data
