"""Speed benchmark: median time to review one 100-line added hunk (rule engine, no model).

Hunks are cut from real code (the SecurityEval samples and the safe look-alikes, joined
into one long Python file, plus a JavaScript file built the same way), 100 consecutive
added lines each, inside the whole file as context. Each review parses the file, runs the
pre-filter and the candidate rules; the compiled packs are loaded once before timing, as
in a long-running process (the first review in a process also pays pack compilation, and
that figure is printed separately).

Run: .venv/bin/python benchmarks/review_speed.py [--rounds N]
Target: median <= 20 ms per 100-line hunk.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "data"))

from safe_lookalikes import SAFE  # noqa: E402

from reviewer.engine import review  # noqa: E402
from reviewer.model import AI, Origin, ReviewTarget  # noqa: E402
from reviewer.rules import load_pack  # noqa: E402

DATASET = ROOT.parent / "shared" / "datasets" / "securityeval" / "dataset.jsonl"
JS_SNIPPET = """
const express = require('express');
const { exec } = require('child_process');
const app = express();
app.get('/run', (req, res) => {
  const name = req.query.name;
  exec('ls ' + name, (err, out) => res.send(out));
});
app.get('/hello', (req, res) => {
  res.send('<h1>' + req.query.who + '</h1>');
});
function token() { return Math.random().toString(36).slice(2); }
"""


def python_corpus() -> str:
    parts = []
    if DATASET.is_file():
        for line in DATASET.read_text().splitlines():
            if line.strip():
                parts.append(json.loads(line)["Insecure_code"])
    parts.extend(SAFE.values())
    return "\n\n".join(parts)


def hunks(text: str, path: str, size: int = 100) -> list[ReviewTarget]:
    n = text.count("\n") + 1
    origin = Origin(label=AI, tool="bench", model="bench")
    out = []
    for start in range(1, n - size, size):
        lines = frozenset(range(start, start + size))
        out.append(ReviewTarget(path, text, lines, {i: origin for i in lines}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    t0 = time.perf_counter()
    load_pack("python")
    load_pack("javascript")
    cold_ms = (time.perf_counter() - t0) * 1000
    py = python_corpus()
    targets = hunks(py, "corpus.py") + hunks(JS_SNIPPET * 40, "corpus.js")
    times, findings = [], 0
    for _ in range(args.rounds):
        for t in targets:
            start = time.perf_counter()
            findings += len(review([t]))
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"hunks: {len(targets)} x {args.rounds} rounds, 100 added lines each; python file "
          f"{py.count(chr(10)) + 1} lines of context")
    print(f"pack compilation (once per process): {cold_ms:.1f} ms")
    print(f"median {statistics.median(times):.2f} ms  p90 {times[int(len(times) * 0.9)]:.2f} ms  "
          f"max {times[-1]:.2f} ms per 100-line hunk  ({findings // args.rounds} findings/round)")
    print("target: median <= 20 ms")


if __name__ == "__main__":
    main()
