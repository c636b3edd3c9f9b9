"""Benchmarks: cold build against pandoc, warm rebuild, and growth from 100 to 5,000 slides.

Usage:
    .venv/bin/python benchmarks/run.py            # full run, prints a Markdown table
    .venv/bin/python benchmarks/run.py --quick    # small sizes: only checks that it all works
    .venv/bin/python benchmarks/run.py --write    # full run, and rewrites the table in README.md

Not a test: nothing here fails on a slow machine; the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
README = Path(__file__).resolve().parent / "README.md"
sys.path.insert(0, str(ROOT))


def generated_deck(slides: int) -> str:
    """A deck of ``slides`` bullet slides, each with notes, as YAML text."""
    parts = ["title: Generated deck\nsubtitle: Benchmark\nfooter: Benchmark\nslides:\n"]
    for i in range(1, slides + 1):
        parts.append(
            f"  - title: Slide {i} about a topic\n"
            "    bullets:\n"
            f"      - Point one of slide {i}, long enough to wrap onto a second line at the "
            "comfortable body size\n"
            "      - Point two:\n"
            "          - A sub-point\n"
            "          - Another sub-point\n"
            "      - Point three with **bold** and *italic* text\n"
            f"    notes: Notes for slide {i}.\n")
    return "".join(parts)


def lecture_markdown() -> str:
    """The lecture as pandoc Markdown (slide level 2), with the same text and notes."""
    from generator.source.model import BulletList, Paragraph, iter_bullets
    from generator.source.reader import load_deck

    deck = load_deck(LECTURE)
    out = [f"---\ntitle: {deck.title}\nsubtitle: {deck.subtitle}\n---\n"]
    for slide in deck.slides:
        out.append(f"\n## {slide.title}\n")

        def blocks(bs):
            for block in bs:
                if isinstance(block, Paragraph):
                    out.append(f"\n{block.text}\n")
                elif isinstance(block, BulletList):
                    out.append("")
                    for level, bullet in iter_bullets(block.items):
                        out.append("    " * level + f"- {bullet.text}")
                    out.append("")

        blocks(slide.blocks)
        if slide.columns:
            out.append(":::::: columns")
            for column in slide.columns:
                out.append("::: column")
                if column.heading:
                    out.append(f"**{column.heading}**\n")
                blocks(column.blocks)
                out.append(":::")
            out.append("::::::")
        if slide.notes:
            out.append(f"\n::: notes\n{slide.notes}\n:::\n")
    return "\n".join(out) + "\n"


# Runs as a lecturer's shell would: Python may cache bytecode (some tool environments set
# PYTHONDONTWRITEBYTECODE, which makes every start recompile the generator's modules).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(commands: list[list[str]], runs: int, cwd: Path) -> list[float]:
    """Median wall time of each command over ``runs`` rounds, after one warm-up round.

    The commands take turns within each round, so a change in the machine's load during the
    benchmark weighs on all of them alike.
    """
    for cmd in commands:
        subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, env=ENV)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for cmd, samples in zip(commands, times):
            start = time.perf_counter()
            subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, env=ENV)
            samples.append(time.perf_counter() - start)
    return [statistics.median(samples) for samples in times]


def peak_memory_mb(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and peak resident memory (MB) of one run of ``cmd``."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
            "print(time.perf_counter() - t, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code, *cmd], cwd=cwd, check=True,
                         capture_output=True, text=True, env=ENV).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes; checks it works")
    parser.add_argument("--write", action="store_true", help="rewrite the table in README.md")
    args = parser.parse_args()
    runs = 1 if args.quick else 15
    sizes = (20, 50) if args.quick else (100, 1000, 5000)
    deck_cmd = [sys.executable, "-m", "generator", "-q", "build", "--force"]
    rows: list[tuple[str, str, str]] = []

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        # Cold build of the lecture (a new process each time), against pandoc's PPTX-only build.
        ours_cmd = deck_cmd + [str(LECTURE), "-o", str(tmp / "out")]
        pandoc = shutil.which("pandoc")
        if pandoc:
            md = tmp / "lecture.md"
            md.write_text(lecture_markdown(), encoding="utf-8")
            ours, theirs = timed([ours_cmd, [pandoc, str(md), "-o", str(tmp / "pandoc.pptx")]],
                                 runs, tmp)
            version = subprocess.run([pandoc, "--version"], capture_output=True,
                                     text=True).stdout.splitlines()[0]
            rows.append(("cold `deck build` of the lecture (PPTX + HTML)",
                         f"{ours * 1000:.0f} ms", "target: within 2× pandoc"))
            rows.append((f"cold `{version}` of the lecture (PPTX only)", f"{theirs * 1000:.0f} ms",
                         f"ratio ours/pandoc: {ours / theirs:.2f}"))
        else:
            [ours] = timed([ours_cmd], runs, tmp)
            rows.append(("cold `deck build` of the lecture (PPTX + HTML)",
                         f"{ours * 1000:.0f} ms", "target: within 2× pandoc"))
            rows.append(("pandoc", "not installed", "apt-get install pandoc"))

        # Warm rebuild in one process: what `deck watch` pays on every save.
        from generator.build import build_deck

        out = tmp / "warm"
        build_deck(LECTURE, out, force=True)
        warm = []
        for _ in range(3 if args.quick else 20):
            start = time.perf_counter()
            result = build_deck(LECTURE, out, force=True)
            warm.append(time.perf_counter() - start)
            assert result.error is None, result.error
        rows.append(("warm rebuild of the lecture in one process (PPTX + HTML)",
                     f"{statistics.median(warm) * 1000:.1f} ms", "target: under 25 ms"))

        # Generated decks: time and peak memory of cold builds, the sizes taking turns within
        # each of 3 rounds (a change in the machine's load weighs on all sizes alike); the
        # median time and the highest peak.
        sources = []
        for n in sizes:
            src = tmp / f"gen{n}.yaml"
            src.write_text(generated_deck(n), encoding="utf-8")
            sources.append(src)
        samples: list[list[tuple[float, float]]] = [[] for _ in sizes]
        for _ in range(1 if args.quick else 3):
            for src, runs_of_size in zip(sources, samples):
                runs_of_size.append(peak_memory_mb(deck_cmd + [str(src), "-o", str(tmp / "gen")],
                                                   tmp))
        previous = None
        for n, runs_of_size in zip(sizes, samples):
            seconds = statistics.median(r[0] for r in runs_of_size)
            mb = max(r[1] for r in runs_of_size)
            growth = ""
            if previous:
                growth = f"{seconds / previous[1]:.1f}× the time for {n / previous[0]:.0f}× slides"
            rows.append((f"{n:,}-slide generated deck with notes (PPTX + HTML)",
                         f"{seconds:.2f} s, {mb:.0f} MB peak", growth))
            previous = (n, seconds)

    header = (f"Measured {date.today().isoformat()} on {platform.machine()}, "
              f"{os.cpu_count()} cores, {_ram_gb():.0f} GB RAM, "
              f"Python {platform.python_version()}.")
    table = ["| what | result | note |", "|---|---|---|"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    text = header + "\n\n" + "\n".join(table) + "\n"
    print(text)
    if args.write and not args.quick:
        readme = README.read_text(encoding="utf-8")
        readme = re.sub(r"<!-- results -->.*<!-- /results -->",
                        f"<!-- results -->\n{text}<!-- /results -->", readme, flags=re.S)
        README.write_text(readme, encoding="utf-8")


def _ram_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        return 0.0


if __name__ == "__main__":
    main()
