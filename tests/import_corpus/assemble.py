"""Assemble the import corpus from the mirrored repositories (one-off; recorded in SOURCES.tsv)."""
import io, re, subprocess, sys
from pathlib import Path
from PIL import Image

M = Path("/work/.mirror")
OUT = Path("/work/wt/importer/tests/import_corpus")
MAX = 480  # pictures are scaled down to at most this many pixels on their longer side

def show(repo, path):
    return subprocess.run(["git", "-C", str(M / repo.replace("/", "+") / "repo"), "show", f"HEAD:{path}"],
                          check=True, capture_output=True).stdout

def commit(repo):
    return subprocess.run(["git", "-C", str(M / repo.replace("/", "+") / "repo"), "rev-parse", "HEAD"],
                          check=True, capture_output=True, text=True).stdout.strip()

def shrink(data, name):
    ext = name.rsplit(".", 1)[-1].lower()
    if ext not in ("png", "jpg", "jpeg", "gif"):
        return data
    im = Image.open(io.BytesIO(data))
    if max(im.size) <= MAX and len(data) < 150_000:
        return data
    im.thumbnail((MAX, MAX))
    buf = io.BytesIO()
    if ext in ("jpg", "jpeg"):
        im.convert("RGB").save(buf, "JPEG", quality=70)
    elif ext == "gif":
        im.save(buf, "GIF")
    else:
        if im.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            im = im.convert("RGBA")
        im = im.convert("P", palette=Image.ADAPTIVE, colors=128) if im.mode == "RGB" else im
        im.save(buf, "PNG", optimize=True)
    return buf.getvalue()

rows = []
def take(split, deck, repo, path, licence, dialect, lang, field, pictures=(), note=""):
    folder = OUT / split / deck
    folder.mkdir(parents=True, exist_ok=True)
    name = path.rsplit("/", 1)[-1]
    (folder / name).write_bytes(show(repo, path))
    base = path.rsplit("/", 1)[0] if "/" in path else ""
    for pic in pictures:
        src = f"{base}/{pic}" if base else pic
        try:
            data = show(repo, src)
        except subprocess.CalledProcessError:
            print("missing", repo, src); continue
        target = folder / pic
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shrink(data, pic))
    rows.append("\t".join([f"{split}/{deck}/{name}", repo, path, commit(repo), licence, dialect, lang, field,
                           note or ("pictures scaled to at most 480 px" if pictures else "")]))

DSB = "rstudio-education/datascience-box"
take("dev", "xaringan-dataviz", DSB, "course-materials/slides/u2-d01-data-viz/u2-d01-data-viz.Rmd", "CC-BY-SA-4.0",
     "xaringan (R Markdown)", "en", "statistics", ["img/jabba.png", "img/jabbaplot.png", "img/luke-skywalker.png",
     "img/ggplot2-part-of-tidyverse.png", "img/grammar-of-graphics.png", "img/starwars-help.png"])
take("heldout", "xaringan-models", DSB, "course-materials/slides/u4-d01-language-of-models/u4-d01-language-of-models.Rmd",
     "CC-BY-SA-4.0", "xaringan (R Markdown)", "en", "statistics",
     ["img/auction-catalogue.png", "img/auction-trend-paris.png", "img/depart-pour-la-chasse.png",
      "img/old-auction.png", "img/painting1.png", "img/painting2.png", "img/painting3.png"])
BB = "bbartholdy/data-carpentry-slides"
take("dev", "quarto-start-data", BB, "02_start-data.qmd", "Unlicense", "Quarto reveal.js", "en", "data science",
     ["img/SAFI-columns.png"])
take("heldout", "quarto-intro-r", BB, "01_intro-r.qmd", "Unlicense", "Quarto reveal.js", "en", "data science", [])
EL = "elte-nlp/elte-nlp-course"
def figs(repo, path):
    text = show(repo, path).decode()
    return sorted(set(re.findall(r"\]\((?:\./)?(figures/[^)\s]+)\)", text)))
for split, lec in (("dev", "nlp_21-efficient_attention"), ("heldout", "nlp_20-moe")):
    p = f"lecture_source/{lec}.md"
    take(split, f"pandoc-{lec.split('_',1)[1]}", EL, p, "CC-BY-4.0", "pandoc beamer", "en", "computer science (NLP)", figs(EL, p))
JK = "JoKeyser/Ein-Einstieg-in-statistische-Programmierung-mit-Python"
take("dev", "pandoc-de-python", JK, "slides/slides.md", "CC-BY-4.0", "pandoc beamer", "de", "statistics / programming",
     figs(JK, "slides/slides.md"))
HV = "heig-vd-progim-course/heig-vd-progim2-course"
take("dev", "marp-fr-boole", HV, "01-contenus-du-cours/02-algebre-de-boole/PRESENTATION.md", "CC-BY-SA-4.0", "Marp", "fr",
     "computer science", [])
take("heldout", "marp-fr-exceptions", HV, "01-contenus-du-cours/11-gestion-des-exceptions/PRESENTATION.md", "CC-BY-SA-4.0",
     "Marp", "fr", "computer science", ["images/custom-exceptions.svg", "images/water-monitoring-system.svg",
                                          "images/exception-hierarchy.svg"])
SV = "slidevjs/slidev"
take("dev", "slidev-composable-vue", SV, "demo/composable-vue/slides.md", "MIT", "Slidev", "en", "web programming", [])
take("heldout", "slidev-starter", SV, "demo/starter/slides.md", "MIT", "Slidev", "en", "web programming", [])
PY = "csev/py4e"
take("dev", "pptx-en-conditional", PY, "lectures3/Pythonlearn-03-Conditional.pptx", "CC-BY-4.0", "PowerPoint", "en", "programming")
take("dev", "pptx-ru-tuples", PY, "lectures3/ru/Pythonlearn-10-Tuples.pptx", "CC-BY-4.0", "PowerPoint", "ru", "programming")
take("heldout", "pptx-ua-expressions", PY, "lectures3/ua/Pythonlearn-02-Expressions.pptx", "CC-BY-4.0", "PowerPoint", "uk", "programming")
take("heldout", "pptx-es-functions", PY, "lectures3/es/4.1-Spanish.pptx", "CC-BY-4.0", "PowerPoint", "es", "programming")
(OUT / "SOURCES.tsv").write_text("file\trepository\tpath\tcommit\tlicence\tdialect\tlanguage\tfield\tchanges\n" + "\n".join(rows) + "\n")

def pandoc_pptx(split, deck, lec):
    import tempfile
    p = f"lecture_source/{lec}.md"
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "in.md").write_bytes(show(EL, p))
        for pic in figs(EL, p):
            try:
                data = show(EL, "lecture_source/" + pic)
            except subprocess.CalledProcessError:
                continue
            (t / pic).parent.mkdir(parents=True, exist_ok=True)
            (t / pic).write_bytes(shrink(data, pic))
        folder = OUT / split / deck
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pandoc", "in.md", "-t", "pptx", "-o", str(folder / f"{lec}.pptx")], cwd=tmp, check=True)
    rows.append("\t".join([f"{split}/{deck}/{lec}.pptx", EL, p, commit(EL), "CC-BY-4.0", "PowerPoint (made by pandoc 2.17 from the Markdown; native equations)",
                           "en", "computer science (NLP)", "converted: pandoc in.md -t pptx, pictures scaled to at most 480 px"]))

rows.clear()
import csv
old = (OUT / "SOURCES.tsv").read_text().splitlines()[1:]
pandoc_pptx("dev", "pptx-pandoc-reduced-complexity", "nlp_22-reduced_complexity")
pandoc_pptx("heldout", "pptx-pandoc-speech", "nlp_28-dl_stt")
(OUT / "SOURCES.tsv").write_text("file\trepository\tpath\tcommit\tlicence\tdialect\tlanguage\tfield\tchanges\n" + "\n".join(old + rows) + "\n")
