"""Validate a PowerPoint file against the Office Open XML rules (with openxml-audit)."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import UsageError

INSTALL_HINT = "pip install 'lecture-deck[validate]' (or: pip install openxml-audit)"
# openxml-audit's message for an embedded font it cannot read. It only knows plain
# TrueType/OpenType and unencrypted, uncompressed Embedded OpenType; fonts that
# repair.font_payload_problem accepts are not reported (see docs/validation.md).
_FONT_PAYLOAD = "Invalid font payload."
# openxml-audit checks math runs (m:r) against Word's schema, where run properties are w:rPr;
# PowerPoint writes DrawingML run properties (a:rPr: size, colour, Cambria Math) in every m:r
# and m:ctrlPr of an a14:m equation, and reads them back. Those findings are not reported.
_MATH_RUN_PROPERTIES = re.compile(r"/m\[\d+\]/oMath(?:Para\[\d+\]/oMath)?\[\d+\](?:/.*)?"
                                  r"/(?:r|ctrlPr)\[\d+\]$")


@dataclass(frozen=True)
class OoxmlFinding:
    """One rule a package breaks: the part, the XML path in it, and what is wrong."""

    part: str
    xpath: str
    message: str

    def __str__(self) -> str:
        where = f"{self.part}: {self.xpath}" if self.xpath else self.part or "package"
        return f"{where}: {self.message}"


_VALIDATOR = None


def validate_pptx(pptx: bytes | str | Path) -> list[OoxmlFinding]:
    """Every error openxml-audit finds in the PPTX file (a path, or its bytes), in its order.

    ``UsageError`` when openxml-audit is not installed (it is an optional dependency).
    """
    global _VALIDATOR
    try:
        from openxml_audit import OpenXmlValidator, ValidationSeverity
    except ImportError as err:
        raise UsageError(f"checking a PPTX file needs the openxml-audit package: "
                         f"{INSTALL_HINT}") from err
    if _VALIDATOR is None:
        _VALIDATOR = OpenXmlValidator(max_errors=1000)
    if isinstance(pptx, bytes):
        fd, name = tempfile.mkstemp(suffix=".pptx")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pptx)
            result = _VALIDATOR.validate(name)
        finally:
            os.unlink(name)
        data = pptx
    else:
        result = _VALIDATOR.validate(pptx)
        data = None
    findings = []
    for error in result.errors:
        if error.severity != ValidationSeverity.ERROR:
            continue
        if error.description == _FONT_PAYLOAD and _font_is_valid(pptx if data is None else data,
                                                                 error.part_uri):
            continue
        if (error.description == "Unexpected element 'rPr' found"
                and _MATH_RUN_PROPERTIES.search(error.path or "")):
            continue
        findings.append(OoxmlFinding(error.part_uri, error.path, error.description))
    return findings


def _font_is_valid(pptx: bytes | str | Path, partname: str) -> bool:
    import io
    import zipfile

    from generator.pptx.repair import font_payload_problem

    source = io.BytesIO(pptx) if isinstance(pptx, bytes) else pptx
    try:
        with zipfile.ZipFile(source) as z:
            data = z.read(partname.lstrip("/"))
    except (KeyError, OSError, zipfile.BadZipFile):
        return False
    return font_payload_problem(partname, data) is None


def template_report(path: Path) -> list[str]:
    """For ``deck template inspect``: the template's own findings, each saying whether decks
    built on it keep it, and what the build repairs (``generator.pptx.repair``)."""
    import io

    from generator.pptx.repair import repair_template
    from generator.pptx.template import open_template

    prs = open_template(path)
    notices, warnings = repair_template(prs, path.name)
    repairs = [f"  {n.split(': ', 1)[1]}" for n in notices]
    repairs += [f"  {w.split(': ', 1)[1]} (warning)" for w in warnings]
    lines = ["the build repairs:", *(repairs or ["  nothing"])]
    try:
        findings = validate_pptx(path)
    except UsageError:
        return [f"validation: not checked: openxml-audit is not installed ({INSTALL_HINT})",
                *lines]
    out = io.BytesIO()
    prs.save(out)
    kept = set(validate_pptx(out.getvalue()))
    head = (f"validation (Office Open XML rules): {len(findings)} finding"
            f"{'' if len(findings) == 1 else 's'} in the template" if findings else
            "validation (Office Open XML rules): no findings in the template")
    report = [head]
    for finding in findings:
        if finding.part.startswith(("/ppt/slides/", "/ppt/notesSlides/")):
            fate = "gone: built decks leave out the template's slides"
        elif finding in kept:
            fate = "NOT repaired: decks built on it keep this"
        else:
            fate = "repaired by the build"
        report.append(f"  {finding} [{fate}]")
    return report + lines
