"""Office Math (OMML, PowerPoint's and Word's native equations) as LaTeX the builder reads.

The common constructs are converted: runs (with their bold, plain, blackboard, script and
fraktur styles), fractions, sub- and superscripts, roots, n-ary operators (sums, integrals),
delimiters, functions, accents, bars, group characters (under- and overbraces), lower and upper
limits, matrices, equation arrays, boxes and phantoms. An element it does not know raises
:class:`OmmlError`, so the caller can warn where the equation is instead of leaving a hole.
"""

from __future__ import annotations

M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

GREEK = dict(zip(
    "αβγδεζηθικλμνξπρστυφχψωϵϑϕϖϱςΓΔΘΛΞΠΣΥΦΨΩ",
    r"\alpha \beta \gamma \delta \varepsilon \zeta \eta \theta \iota \kappa \lambda \mu \nu \xi "
    r"\pi \rho \sigma \tau \upsilon \varphi \chi \psi \omega \epsilon \vartheta \phi \varpi "
    r"\varrho \varsigma \Gamma \Delta \Theta \Lambda \Xi \Pi \Sigma \Upsilon \Phi \Psi \Omega"
    .split()))
SYMBOLS = {
    "≤": r"\leq", "≥": r"\geq", "≠": r"\neq", "≈": r"\approx", "≡": r"\equiv", "∼": r"\sim",
    "≃": r"\simeq", "∝": r"\propto", "±": r"\pm", "∓": r"\mp", "×": r"\times", "÷": r"\div",
    "·": r"\cdot", "⋅": r"\cdot", "∘": r"\circ", "∗": "*", "−": "-", "∞": r"\infty",
    "∂": r"\partial", "∇": r"\nabla", "∈": r"\in", "∉": r"\notin", "∋": r"\ni", "⊂": r"\subset",
    "⊃": r"\supset", "⊆": r"\subseteq", "⊇": r"\supseteq", "∪": r"\cup", "∩": r"\cap",
    "∅": r"\emptyset", "∀": r"\forall", "∃": r"\exists", "¬": r"\neg", "∧": r"\wedge",
    "∨": r"\vee", "→": r"\to", "←": r"\leftarrow", "↔": r"\leftrightarrow",
    "⇒": r"\Rightarrow", "⇐": r"\Leftarrow", "⇔": r"\Leftrightarrow", "↦": r"\mapsto",
    "…": r"\ldots", "⋯": r"\cdots", "⋮": r"\vdots", "⋱": r"\ddots", "′": "'", "″": "''",
    "∥": r"\|", "‖": r"\|", "⊕": r"\oplus", "⊗": r"\otimes", "⊙": r"\odot", "⊤": r"\top",
    "⊥": r"\perp", "∣": r"\mid", "≪": r"\ll", "≫": r"\gg", "≔": r"\coloneqq", "ℓ": r"\ell",
    "ℏ": r"\hbar", "ℜ": r"\Re", "ℑ": r"\Im", "∠": r"\angle", "△": r"\triangle", "°": r"^{\circ}",
    "⟨": r"\langle", "⟩": r"\rangle", "⌊": r"\lfloor", "⌋": r"\rfloor", "⌈": r"\lceil",
    "⌉": r"\rceil", "{": r"\{", "}": r"\}", "%": r"\%", "#": r"\#", "&": r"\&", "_": r"\_",
    "$": r"\$", "\\": r"\backslash", "~": r"\sim", "^": r"\hat{}", " ": " ", "\u2061": "",
    "\u2009": r"\,", "\u2006": r"\,", "\u205f": r"\:", "\u2004": r"\;", "\u2003": r"\quad",
    "\u00a0": "~",
    "\u200b": "", "\u2062": "", "\u2063": ",",
}
NARY = {"∑": r"\sum", "∏": r"\prod", "∐": r"\coprod", "∫": r"\int", "∬": r"\iint",
        "∭": r"\iiint", "∮": r"\oint", "⋃": r"\bigcup", "⋂": r"\bigcap", "⋁": r"\bigvee",
        "⋀": r"\bigwedge", "⨁": r"\bigoplus", "⨂": r"\bigotimes"}
ACCENTS = {"\u0302": r"\hat", "\u0303": r"\tilde", "\u0304": r"\bar", "\u0305": r"\overline",
           "\u20d7": r"\vec", "\u20d1": r"\vec", "\u0307": r"\dot", "\u0308": r"\ddot",
           "\u030c": r"\check", "\u0301": r"\acute", "\u0300": r"\grave", "\u0306": r"\breve",
           "^": r"\hat", "~": r"\tilde", "¯": r"\bar", "→": r"\vec"}
FUNCTIONS = frozenset(("sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan",
                       "sinh", "cosh", "tanh", "log", "ln", "lg", "exp", "det", "dim", "ker",
                       "deg", "gcd", "lim", "max", "min", "sup", "inf", "arg", "Pr", "liminf",
                       "limsup"))
DELIMITERS = {"(": "(", ")": ")", "[": "[", "]": "]", "{": r"\{", "}": r"\}", "|": "|",
              "‖": r"\|", "∥": r"\|", "⟨": r"\langle", "⟩": r"\rangle", "〈": r"\langle",
              "〉": r"\rangle", "⌊": r"\lfloor", "⌋": r"\rfloor", "⌈": r"\lceil", "⌉": r"\rceil",
              "": "."}


class OmmlError(ValueError):
    """An equation that holds an element this converter does not know."""


def to_latex(element) -> list[str]:
    """The LaTeX of an ``m:oMathPara`` (one string per equation) or of an ``m:oMath``."""
    tag = _tag(element)
    if tag == "oMathPara":
        return [_convert(child) for child in element if _tag(child) == "oMath"]
    if tag == "oMath":
        return _equations(element)
    raise OmmlError(f"not an equation: m:{tag}")


def text_of(element) -> str:
    """The equation's characters as written (a fallback when it cannot be converted)."""
    return "".join(t.text or "" for t in element.iter(f"{M}t"))


def _equations(math) -> list[str]:
    """An ``m:oMath`` whose only content is an equation array is several equations."""
    children = [c for c in math if not _tag(c).endswith("Pr")]
    if len(children) == 1 and _tag(children[0]) == "eqArr":
        return [_convert(row) for row in children[0] if _tag(row) == "e"]
    return [_convert(math)]


def _tag(element) -> str:
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def _child(element, name: str):
    return element.find(f"{M}{name}")


def _val(element, path: str, default: str | None = None) -> str | None:
    """The ``m:val`` of the property ``path`` (``m:naryPr/m:chr``), or ``default``."""
    found = element.find("/".join(f"{M}{part}" for part in path.split("/")))
    if found is None:
        return default
    return found.get(f"{M}val", default if default is not None else "")


def _convert(element) -> str:
    """The LaTeX of an element's children, in order."""
    return "".join(_node(child) for child in element).strip()


def _group(element) -> str:
    return "{" + (_convert(element) if element is not None else "") + "}"


def _node(element) -> str:
    """The LaTeX of one OMML element."""
    tag = _tag(element)
    if tag.endswith("Pr") or tag in ("", "bookmarkStart", "bookmarkEnd", "proofErr"):
        return ""
    if tag in ("e", "num", "den", "sub", "sup", "deg", "lim", "fName", "oMath"):
        return _convert(element)
    convert = _ELEMENTS.get(tag)
    if convert is None:
        raise OmmlError(f"the equation element m:{tag} is not supported")
    return convert(element)


def _fraction(element) -> str:
    kind = _val(element, "fPr/type", "bar")
    num, den = _group(_child(element, "num")), _group(_child(element, "den"))
    if kind == "lin":
        return f"{num}/{den}"
    return rf"\binom{num}{den}" if kind == "noBar" else rf"\frac{num}{den}"


def _scripts(element) -> str:
    base = _group(_child(element, "e"))
    sub, sup = _child(element, "sub"), _child(element, "sup")
    return base + (f"_{_group(sub)}" if sub is not None else "") + (
        f"^{_group(sup)}" if sup is not None else "")


def _prescripts(element) -> str:
    return (f"{{}}_{_group(_child(element, 'sub'))}^{_group(_child(element, 'sup'))}"
            f"{_group(_child(element, 'e'))}")


def _radical(element) -> str:
    hidden = _val(element, "radPr/degHide", "0") in ("1", "on", "true", "")
    degree = _child(element, "deg")
    body = _group(_child(element, "e"))
    if degree is not None and not hidden and _convert(degree):
        return rf"\sqrt[{_convert(degree)}]{body}"
    return rf"\sqrt{body}"


def _function(element) -> str:
    name = _convert(_child(element, "fName"))
    plain = name.replace(r"\operatorname{", "").rstrip("}") if name.startswith(
        r"\operatorname{") else name
    if plain in FUNCTIONS:
        name = "\\" + plain
    return f"{name} {_group(_child(element, 'e'))}"


def _accent(element) -> str:
    accent = ACCENTS.get(_val(element, "accPr/chr", "\u0302") or "\u0302", r"\hat")
    return accent + _group(_child(element, "e"))


def _bar(element) -> str:
    position = _val(element, "barPr/pos", "bot")
    return (r"\overline" if position == "top" else r"\underline") + _group(_child(element, "e"))


def _group_char(element) -> str:
    char = _val(element, "groupChrPr/chr", "\u23df")
    position = _val(element, "groupChrPr/pos", "bot")
    body = _group(_child(element, "e"))
    if char in ("\u23df", "\u23de"):
        return (r"\underbrace" if char == "\u23df" else r"\overbrace") + body
    if position == "top" and char in ACCENTS:
        return ACCENTS[char] + body
    symbol = _symbol(char).strip()
    return (rf"\underset{{{symbol}}}{body}" if position == "bot"
            else rf"\overset{{{symbol}}}{body}")


def _limit(element) -> str:
    low = _tag(element) == "limLow"
    base = _convert(_child(element, "e"))
    limit = _group(_child(element, "lim"))
    if base.lstrip("\\") in FUNCTIONS or base.startswith(r"\operatorname"):
        base = "\\" + base.lstrip("\\") if base.lstrip("\\") in FUNCTIONS else base
        return f"{base}_{limit}" if low else f"{base}^{limit}"
    return rf"\underset{limit}{{{base}}}" if low else rf"\overset{limit}{{{base}}}"


def _matrix(element) -> str:
    rows = [" & ".join(_convert(cell) for cell in row if _tag(cell) == "e")
            for row in element if _tag(row) == "mr"]
    return r"\begin{matrix} " + r" \\ ".join(rows) + r" \end{matrix}"


def _phantom(element) -> str:
    shown = _val(element, "phantPr/show", "1") not in ("0", "off", "false")
    return _group(_child(element, "e")) if shown else ""


_ELEMENTS = {
    "r": lambda element: _run(element),
    "f": _fraction, "sSub": _scripts, "sSup": _scripts, "sSubSup": _scripts,
    "sPre": _prescripts, "rad": _radical, "nary": lambda element: _nary(element),
    "d": lambda element: _delimiter(element), "func": _function, "acc": _accent, "bar": _bar,
    "groupChr": _group_char, "limLow": _limit, "limUpp": _limit, "m": _matrix,
    "eqArr": lambda element: r" \quad ".join(_convert(row) for row in element
                                              if _tag(row) == "e"),
    "box": lambda element: _group(_child(element, "e")),
    "borderBox": lambda element: _group(_child(element, "e")),
    "phant": _phantom, "ctrlPr": lambda element: "", "argPr": lambda element: "",
}


def _run(run) -> str:
    text = "".join(t.text or "" for t in run.iter(f"{M}t"))
    if not text:
        return ""
    style = _val(run, "rPr/sty", "")
    script = _val(run, "rPr/scr", "")
    normal = run.find(f"{M}rPr/{M}nor") is not None
    if normal and any(c.isalpha() for c in text) and len(text.strip()) > 1:
        return r"\text{" + text.replace("\\", "").replace("{", "").replace("}", "") + "}"
    word = text.strip()
    if len(word) > 1 and word.isalpha() and word.isascii() and style == "p":
        return ("\\" + word if word in FUNCTIONS else rf"\operatorname{{{word}}}") + " "
    latex = "".join(_symbol(c) for c in text)
    if script == "double-struck":
        return rf"\mathbb{{{latex}}}"
    if script == "script":
        return rf"\mathcal{{{latex}}}"
    if script == "fraktur":
        return rf"\mathfrak{{{latex}}}"
    if style == "b" and latex.strip():
        return rf"\mathbf{{{latex}}}"
    if style == "bi" and latex.strip():
        return rf"\boldsymbol{{{latex}}}"
    return latex


def _symbol(char: str) -> str:
    if char in GREEK:
        return GREEK[char] + " "
    if char in SYMBOLS:
        value = SYMBOLS[char]
        return value + " " if value.startswith("\\") and value[-1].isalpha() else value
    if char in NARY:
        return NARY[char] + " "
    return char


def _nary(element) -> str:
    char = _val(element, "naryPr/chr", "∫") or "∫"
    operator = NARY.get(char, _symbol(char))
    sub, sup = _child(element, "sub"), _child(element, "sup")
    out = operator
    if sub is not None and _val(element, "naryPr/subHide", "0") not in ("1", "on", "true"):
        if _convert(sub):
            out += f"_{_group(sub)}"
    if sup is not None and _val(element, "naryPr/supHide", "0") not in ("1", "on", "true"):
        if _convert(sup):
            out += f"^{_group(sup)}"
    return out + " " + _group(_child(element, "e"))


def _delimiter(element) -> str:
    begin = _val(element, "dPr/begChr", "(")
    end = _val(element, "dPr/endChr", ")")
    separator = _val(element, "dPr/sepChr", "|")
    parts = [_convert(child) for child in element if _tag(child) == "e"]
    left = DELIMITERS.get(begin if begin is not None else "(", _symbol(begin or "("))
    right = DELIMITERS.get(end if end is not None else ")", _symbol(end or ")"))
    middle = f" {DELIMITERS.get(separator, _symbol(separator or '|'))} "
    if separator == "|":
        middle = r" \middle| " if len(parts) > 1 else middle
    return rf"\left{left} " + middle.join(parts) + rf" \right{right}"
