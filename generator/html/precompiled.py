"""The HTML templates compiled ahead of time and shipped in the package, used while they match.

Compiling the Jinja templates took a cold ``deck build`` 15-20 ms. Their compiled form is
Python code, so it is not kept in the per-user cache (which holds data only); it ships in the
package like every other module, in ``generator/html/compiled/``, with a manifest of the
sources and the Jinja version it was compiled from. When either differs (a template was
edited), the templates are compiled in memory as before: never stale, only slower.

Regenerate after editing a template::

    .venv/bin/python -m generator.html.render
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

COMPILED_DIR = Path(__file__).resolve().parent / "compiled"
MANIFEST = COMPILED_DIR / "manifest.json"


def sources(html_dir: Path) -> dict[str, object]:
    """What the compiled templates were made from: the Jinja version and each template's
    SHA-256."""
    import jinja2

    return {"jinja2": jinja2.__version__,
            "templates": {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                          for p in sorted(html_dir.glob("*.j2"))}}


def is_fresh(html_dir: Path) -> bool:
    """Whether the shipped compiled templates were made from the templates in ``html_dir``."""
    try:
        return json.loads(MANIFEST.read_text(encoding="utf-8")) == sources(html_dir)
    except (OSError, ValueError):
        return False


def template_loader(html_dir: Path):
    """A Jinja loader: the shipped compiled templates when fresh, else the template files."""
    from jinja2 import FileSystemLoader, ModuleLoader

    if is_fresh(html_dir):
        return ModuleLoader(str(COMPILED_DIR))
    return FileSystemLoader(str(html_dir))


def write(environment, html_dir: Path) -> Path:
    """Compile the templates of ``html_dir`` with the Jinja ``environment`` (which reads them
    from there) into :data:`COMPILED_DIR`, with their manifest."""
    shutil.rmtree(COMPILED_DIR, ignore_errors=True)
    environment.compile_templates(COMPILED_DIR, zip=None, ignore_errors=False,
                                  filter_func=lambda name: name.endswith(".j2"))
    MANIFEST.write_text(json.dumps(sources(html_dir), indent=1) + "\n", encoding="utf-8")
    return COMPILED_DIR
