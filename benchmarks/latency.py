"""Save-to-output latency of ``deck watch`` for the lecture and a generated 300-slide deck.

Run: ``.venv/bin/python benchmarks/latency.py [--rounds N] [--formats pptx,html]``. It starts
the real watch loop in this process, saves an edit, and times until the rebuilt outputs are
written; it prints a small table (median and worst of N saves, and the warm build alone).
"""

from __future__ import annotations

import argparse
import queue
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import BuildOptions, build_one  # noqa: E402
from generator.live.watch import DeckWatcher  # noqa: E402

LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"


def generated_deck(slides: int) -> str:
    """A deck of ``slides`` content slides, every tenth one long enough to shrink or split."""
    lines = ["title: Generated deck", "slides:"]
    for i in range(1, slides + 1):
        lines.append(f"  - title: Slide {i} about topic {i % 17}")
        lines.append("    bullets:")
        for j in range(9 if i % 10 == 0 else 4):
            lines.append(f"      - Point {j} of slide {i}, a sentence of ordinary length here")
        lines.append(f"    notes: Notes for slide {i}.")
    return "\n".join(lines) + "\n"


def measure(source_text: str, name: str, formats: tuple[str, ...], rounds: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="deck-latency-"))
    try:
        deck = work / f"{name}.yaml"
        deck.write_text(source_text, encoding="utf-8")
        options = BuildOptions(work / "out", formats)
        results: queue.Queue = queue.Queue()
        ready = threading.Event()
        stop = threading.Event()
        watcher = DeckWatcher([deck], options)
        thread = threading.Thread(
            target=watcher.run,
            args=(lambda r: results.put((time.perf_counter(), r)), stop, ready.set),
            daemon=True)
        thread.start()
        _, first = results.get(timeout=300)
        ready.wait(timeout=30)
        latencies = []
        for i in range(rounds):
            edited = source_text.replace("title: ", f"title: Edit {i} ", 1)
            saved = time.perf_counter()
            deck.write_text(edited, encoding="utf-8")
            done, result = results.get(timeout=60)
            if not result.ok:
                raise SystemExit(f"build failed: {str(result.error)[:500]}")
            latencies.append(done - saved)
        warm = [build_one(deck, BuildOptions(work / "out", formats, force=True)).seconds
                for _ in range(3)]
        stop.set()
        thread.join(timeout=10)
        return {"deck": name, "slides": first.slides, "warm": min(warm),
                "median": statistics.median(latencies), "worst": max(latencies)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="saves per deck (default 5)")
    parser.add_argument("--formats", default="pptx,html", help="formats built (default pptx,html)")
    args = parser.parse_args()
    formats = tuple(args.formats.split(","))
    rows = [measure(LECTURE.read_text(encoding="utf-8"), "lecture", formats, args.rounds),
            measure(generated_deck(300), "generated-300", formats, args.rounds)]
    print(f"save-to-output latency of deck watch ({','.join(formats)}, {args.rounds} saves)")
    print(f"{'deck':<15} {'pages':>6} {'warm build':>11} {'median':>8} {'worst':>8}")
    for row in rows:
        print(f"{row['deck']:<15} {row['slides']:>6} {row['warm']:>10.3f}s "
              f"{row['median']:>7.3f}s {row['worst']:>7.3f}s")


if __name__ == "__main__":
    main()
