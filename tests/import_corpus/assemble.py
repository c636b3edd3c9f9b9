"""How the import corpus was assembled (a record, not part of the tests; it needs the source
repositories checked out under MIRROR and pandoc): copy each deck and the pictures it names,
scale the pictures to at most 480 px, make two PowerPoint decks with native equations from
Markdown lectures with pandoc, and write SOURCES.tsv."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

MIRROR = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror")
OUT = Path(__file__).parent
MAX = 480
HEADER = "file\trepository\tpath\tcommit\tlicence\tdialect\tlanguage\tfield\tchanges"


def git(repo: str, *args: str) -> bytes:
    folder = MIRROR / repo.replace("/", "+") / "repo"
    return subprocess.run(["git", "-C", str(folder), *args], check=True,
                          capture_output=True).stdout


def show(repo: str, path: str) -> bytes:
    return git(repo, "show", f"HEAD:{path}")


def commit(repo: str) -> str:
    return git(repo, "rev-parse", "HEAD").decode().strip()


def shrink(data: bytes, name: str) -> bytes:
    """A PNG, JPEG or GIF scaled to at most MAX pixels on its longer side (others as they are)."""
    ext = name.rsplit(".", 1)[-1].lower()
    if ext not in ("png", "jpg", "jpeg", "gif"):
        return data
    image = Image.open(io.BytesIO(data))
    if max(image.size) <= MAX and len(data) < 150_000:
        return data
    image.thumbnail((MAX, MAX))
    buffer = io.BytesIO()
    if ext in ("jpg", "jpeg"):
        image.convert("RGB").save(buffer, "JPEG", quality=70)
    elif ext == "gif":
        image.save(buffer, "GIF")
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        if image.mode == "RGB":
            image = image.convert("P", palette=Image.ADAPTIVE, colors=128)
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def figures(repo: str, path: str) -> list[str]:
    text = show(repo, path).decode()
    return sorted(set(re.findall(r"\]\((?:\./)?(figures/[^)\s]+)\)", text)))


ROWS: list[str] = []


def take(split: str, deck: str, repo: str, path: str, licence: str, dialect: str, lang: str,
         field: str, pictures: list[str] | tuple[str, ...] = ()) -> None:
    folder = OUT / split / deck
    folder.mkdir(parents=True, exist_ok=True)
    name = path.rsplit("/", 1)[-1]
    (folder / name).write_bytes(show(repo, path))
    base = path.rsplit("/", 1)[0] if "/" in path else ""
    for picture in pictures:
        try:
            data = show(repo, f"{base}/{picture}" if base else picture)
        except subprocess.CalledProcessError:
            print("missing", repo, picture)  # left missing: the importer says so
            continue
        target = folder / picture
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shrink(data, picture))
    changes = "pictures scaled to at most 480 px" if pictures else ""
    ROWS.append("\t".join([f"{split}/{deck}/{name}", repo, path, commit(repo), licence,
                           dialect, lang, field, changes]))


def pandoc_pptx(split: str, deck: str, repo: str, lecture: str) -> None:
    """A PowerPoint deck with native equations, made by pandoc from a Markdown lecture."""
    path = f"lecture_source/{lecture}.md"
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "in.md").write_bytes(show(repo, path))
        for picture in figures(repo, path):
            try:
                data = show(repo, "lecture_source/" + picture)
            except subprocess.CalledProcessError:
                continue
            (folder / picture).parent.mkdir(parents=True, exist_ok=True)
            (folder / picture).write_bytes(shrink(data, picture))
        target = OUT / split / deck
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pandoc", "in.md", "-t", "pptx", "-o", str(target / f"{lecture}.pptx")],
                       cwd=scratch, check=True)
    ROWS.append("\t".join([
        f"{split}/{deck}/{lecture}.pptx", repo, path, commit(repo), "CC-BY-4.0",
        "PowerPoint (made by pandoc 2.17 from the Markdown; native equations)", "en",
        "computer science (NLP)", "converted: pandoc in.md -t pptx, pictures scaled to at most "
        "480 px"]))


def main() -> None:
    dsb = "rstudio-education/datascience-box"
    take("dev", "xaringan-dataviz", dsb,
         "course-materials/slides/u2-d01-data-viz/u2-d01-data-viz.Rmd", "CC-BY-SA-4.0",
         "xaringan (R Markdown)", "en", "statistics",
         ["img/jabba.png", "img/jabbaplot.png", "img/luke-skywalker.png",
          "img/ggplot2-part-of-tidyverse.png", "img/grammar-of-graphics.png",
          "img/starwars-help.png"])
    take("heldout", "xaringan-models", dsb,
         "course-materials/slides/u4-d01-language-of-models/u4-d01-language-of-models.Rmd",
         "CC-BY-SA-4.0", "xaringan (R Markdown)", "en", "statistics",
         ["img/auction-catalogue.png", "img/auction-trend-paris.png",
          "img/depart-pour-la-chasse.png", "img/old-auction.png", "img/painting1.png",
          "img/painting2.png", "img/painting3.png"])
    carpentry = "bbartholdy/data-carpentry-slides"
    take("dev", "quarto-start-data", carpentry, "02_start-data.qmd", "Unlicense",
         "Quarto reveal.js", "en", "data science", ["img/SAFI-columns.png"])
    take("heldout", "quarto-intro-r", carpentry, "01_intro-r.qmd", "Unlicense",
         "Quarto reveal.js", "en", "data science")
    elte = "elte-nlp/elte-nlp-course"
    for split, lecture in (("dev", "nlp_21-efficient_attention"), ("heldout", "nlp_20-moe")):
        path = f"lecture_source/{lecture}.md"
        take(split, f"pandoc-{lecture.split('_', 1)[1]}", elte, path, "CC-BY-4.0",
             "pandoc beamer", "en", "computer science (NLP)", figures(elte, path))
    keyser = "JoKeyser/Ein-Einstieg-in-statistische-Programmierung-mit-Python"
    take("dev", "pandoc-de-python", keyser, "slides/slides.md", "CC-BY-4.0", "pandoc beamer",
         "de", "statistics / programming", figures(keyser, "slides/slides.md"))
    heig = "heig-vd-progim-course/heig-vd-progim2-course"
    take("dev", "marp-fr-boole", heig, "01-contenus-du-cours/02-algebre-de-boole/PRESENTATION.md",
         "CC-BY-SA-4.0", "Marp", "fr", "computer science")
    take("heldout", "marp-fr-exceptions", heig,
         "01-contenus-du-cours/11-gestion-des-exceptions/PRESENTATION.md", "CC-BY-SA-4.0",
         "Marp", "fr", "computer science",
         ["images/custom-exceptions.svg", "images/water-monitoring-system.svg",
          "images/exception-hierarchy.svg"])
    slidev = "slidevjs/slidev"
    take("dev", "slidev-composable-vue", slidev, "demo/composable-vue/slides.md", "MIT",
         "Slidev", "en", "web programming")
    take("heldout", "slidev-starter", slidev, "demo/starter/slides.md", "MIT", "Slidev", "en",
         "web programming")
    py4e = "csev/py4e"
    for split, deck, path, lang in (
            ("dev", "pptx-en-conditional", "lectures3/Pythonlearn-03-Conditional.pptx", "en"),
            ("dev", "pptx-ru-tuples", "lectures3/ru/Pythonlearn-10-Tuples.pptx", "ru"),
            ("heldout", "pptx-ua-expressions", "lectures3/ua/Pythonlearn-02-Expressions.pptx",
             "uk"),
            ("heldout", "pptx-es-functions", "lectures3/es/4.1-Spanish.pptx", "es")):
        take(split, deck, py4e, path, "CC-BY-4.0", "PowerPoint", lang, "programming")
    pandoc_pptx("dev", "pptx-pandoc-reduced-complexity", elte, "nlp_22-reduced_complexity")
    pandoc_pptx("heldout", "pptx-pandoc-speech", elte, "nlp_28-dl_stt")
    (OUT / "SOURCES.tsv").write_text(HEADER + "\n" + "\n".join(ROWS) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
