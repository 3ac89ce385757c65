"""Speed benchmark: median time to review one 100-line added hunk (rule engine, no model).

Hunks are cut from real code (the SecurityEval samples and the safe look-alikes, joined
into one long Python file, plus a JavaScript file built the same way), 100 consecutive
added lines each, inside the whole file as context. Each review parses the file, runs the
pre-filter and the candidate rules; the compiled packs are loaded once before timing, as
in a long-running process (the first review in a process also pays pack compilation, and
that figure is printed separately).

Second figure (issue 19): whole files of 100-300 lines (look-alike handlers, SecurityEval
samples and safe look-alikes joined until a file reaches 100-300 lines), every line added,
reviewed by aiprov and by bandit in the same process (bandit's own manager, one per file,
its config and plugins loaded once before timing, so neither pays start-up): the median per
file, side by side.

Run: .venv/bin/python benchmarks/review_speed.py [--rounds N]
Targets: median <= 20 ms per 100-line hunk; median <= 10 ms per 100-300-line file.

``--check-same REF`` (for work on the engine's speed): reviews every file the review
benchmarks use (look-alike handlers, backends, SecurityEval and its safe look-alikes, the
tuner's look-alikes, this benchmark's hunks), whole and as a partial hunk, at the AI, human
and lowest policies, with the code at git REF (in a subprocess, from ``git archive``) and with
the working tree, and compares every field of every finding. Exit status 1 on any difference;
only the files of no held-out split are named.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "data"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _review_common import BanditInProcess  # noqa: E402
from safe_lookalikes import SAFE  # noqa: E402

from reviewer.engine import review  # noqa: E402
from reviewer.model import AI, Origin, ReviewTarget  # noqa: E402
from reviewer.rules import load_pack  # noqa: E402

DATASET = next((p for p in (ROOT.parent / "shared" / "datasets" / "securityeval" / "dataset.jsonl",
                             Path("/work/shared/datasets/securityeval/dataset.jsonl"))
                if p.is_file()), ROOT.parent / "shared" / "datasets" / "securityeval" /
               "dataset.jsonl")
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


def file_corpus(pieces: list[str], lo: int = 100, hi: int = 300) -> list[str]:
    """Whole modules joined in order into files of ``lo``..``hi`` lines."""
    files, cur = [], ""
    for piece in pieces:
        nxt = (cur + "\n\n" + piece) if cur else piece
        if nxt.count("\n") + 1 > hi:
            if cur.count("\n") + 1 >= lo:
                files.append(cur)
            cur = piece if piece.count("\n") + 1 <= hi else ""
            continue
        cur = nxt
    if lo <= cur.count("\n") + 1 <= hi:
        files.append(cur)
    return files


def per_file(rounds: int) -> None:
    import tempfile

    from lookalike_handlers import PAIRS

    pieces = [p for _, _, _, bad, good in PAIRS for p in (bad, good)]
    if DATASET.is_file():
        pieces += [json.loads(x)["Insecure_code"] for x in DATASET.read_text().splitlines()
                   if x.strip()]
    pieces += list(SAFE.values())
    files = file_corpus(pieces)
    origin = Origin(label=AI, tool="bench", model="bench")
    bandit = BanditInProcess()
    ours: list[float] = []
    theirs: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, text in enumerate(files):
            path = Path(tmp) / f"f{i}.py"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        bandit.file(paths[0])  # warm: plugin discovery happens once, outside the timing
        for _ in range(rounds):
            for path, text in zip(paths, files, strict=True):
                n = text.count("\n") + 1
                t = ReviewTarget(path.name, text, frozenset(range(1, n + 1)),
                                 {i: origin for i in range(1, n + 1)})
                start = time.perf_counter()
                review([t])
                ours.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                bandit.file(path)
                theirs.append((time.perf_counter() - start) * 1000)
    sizes = sorted(f.count("\n") + 1 for f in files)
    print(f"\nwhole files: {len(files)} files of {sizes[0]}-{sizes[-1]} lines "
          f"(median {statistics.median(sizes):.0f}) x {rounds} rounds, every line added")
    print(f"aiprov  median {statistics.median(ours):.2f} ms  "
          f"p90 {sorted(ours)[int(len(ours) * 0.9)]:.2f} ms per file")
    print(f"bandit  median {statistics.median(theirs):.2f} ms  "
          f"p90 {sorted(theirs)[int(len(theirs) * 0.9)]:.2f} ms per file")
    print("target: median <= 10 ms per file")


def same_files() -> dict[str, tuple[str, bool]]:
    """Every file the review benchmarks use: key -> (text, named in a report); files of a
    held-out split are compared but never named."""
    import tempfile

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import review_independent as ri

    files: dict[str, tuple[Path, str]] = {}
    tree = Path(tempfile.gettempdir())
    ri.handler_cases(tree, files)
    ri.app_cases(tree, files)
    ri.securityeval_cases(tree, files, DATASET)
    ri.old_lookalike_cases(tree, files)
    out = {k: (text, ri.split_of(k) == "tuning" or k.startswith("securityeval/"))
           for k, (_, text) in files.items()}
    if not any(k.startswith("lookalikes/") for k in out):  # an older tree names them so
        from review_lookalikes import cases

        out.update({"lookalikes/" + c.fid: (c.code, False) for c in cases()})
    for i, text in enumerate(file_corpus(_file_pieces())):
        out[f"speed/file{i}.py"] = (text, True)
    out["speed/corpus.py"] = (python_corpus(), True)
    out["speed/corpus.js"] = (JS_SNIPPET * 40, True)
    return out


def _file_pieces() -> list[str]:
    from lookalike_handlers import PAIRS

    pieces = [p for _, _, _, bad, good in PAIRS for p in (bad, good)]
    if DATASET.is_file():
        pieces += [json.loads(x)["Insecure_code"] for x in DATASET.read_text().splitlines()
                   if x.strip()]
    return pieces + list(SAFE.values())


def dump_findings() -> dict[str, list[list[object]]]:
    """(file key, how it was reviewed) -> every finding with every field, in order."""
    from dataclasses import asdict

    from reviewer.model import HUMAN
    from reviewer.policy import DEFAULT_POLICY

    out: dict[str, list[list[object]]] = {}
    low = DEFAULT_POLICY.lowest()
    for key, (text, _) in sorted(same_files().items()):
        path = key.rsplit("/", 1)[-1]
        path = path if "." in path else path + ".py"
        n = text.count("\n") + 1
        whole = frozenset(range(1, n + 1))
        part = frozenset(range(n // 3 + 1, 2 * n // 3 + 1)) | frozenset(range(1, 4))
        for mode, label, policy, lines in (("ai", AI, DEFAULT_POLICY, whole),
                                           ("human", HUMAN, DEFAULT_POLICY, whole),
                                           ("lowest", HUMAN, low, whole),
                                           ("ai-part", AI, DEFAULT_POLICY, part)):
            origin = Origin(label=label, tool="bench")
            t = ReviewTarget(path, text, lines, {i: origin for i in lines})
            out[f"{key} [{mode}]"] = [
                [repr(v) for v in asdict(f).values()] for f in review([t], policy)]
    return out


def check_same(ref: str) -> int:
    """Findings of the code at ``ref`` against the working tree's (see the docstring)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        arch = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True,
                              capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=arch, check=True)
        # this file's --dump over the old engine (REF may predate --dump)
        script = Path(tmp) / "benchmarks" / "review_speed.py"
        script.write_text(Path(__file__).read_text(encoding="utf-8"), encoding="utf-8")
        out = Path(tmp) / "old.json"
        subprocess.run([sys.executable, str(script), "--dataset", str(DATASET),
                        "--dump", str(out)], check=True, cwd=tmp,
                       env={**os.environ, "PYTHONPATH": tmp})
        old = json.loads(out.read_text())
    new = dump_findings()
    named = {k: shown for k, (_, shown) in same_files().items()}
    differ = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    n_old = sum(len(v) for v in old.values())
    print(f"check-same {ref}: {len(new)} reviews of {len(named)} files, {n_old} findings "
          f"at {ref}, {sum(len(v) for v in new.values())} now; {len(differ)} differ")
    hidden = 0
    for k in differ:
        if not named.get(k.rsplit(" [", 1)[0], False):
            hidden += 1
            continue
        a, b = old.get(k, []), new.get(k, [])
        print(f"  {k}: {len(a)} -> {len(b)} findings")
        for row in [r for r in a if r not in b][:3]:
            print(f"    - {row[0]} line {row[7]} trace {row[-2]}")
        for row in [r for r in b if r not in a][:3]:
            print(f"    + {row[0]} line {row[7]} trace {row[-2]}")
    if hidden:
        print(f"  and {hidden} review(s) of held-out files (not named)")
    return 1 if differ else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--dataset", type=Path, default=None,
                    help=f"SecurityEval dataset.jsonl (default {DATASET})")
    ap.add_argument("--check-same", metavar="REF",
                    help="compare every finding on the benchmarks' files with git REF's")
    ap.add_argument("--dump", type=Path, help=argparse.SUPPRESS)  # --check-same's other half
    args = ap.parse_args()
    if args.dataset is not None:
        globals()["DATASET"] = args.dataset
    if args.dump is not None:
        args.dump.write_text(json.dumps(dump_findings()))
        return
    if args.check_same:
        sys.exit(check_same(args.check_same))
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
    per_file(args.rounds)


if __name__ == "__main__":
    main()
