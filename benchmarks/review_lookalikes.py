"""Look-alike benchmark: realistic web handlers, each vulnerable one with a safe twin.

Dataset: ``benchmarks/data/lookalike_handlers.py`` (Flask, FastAPI and Django handlers;
every vulnerable case labelled by the CWE an exploit shows, its twin made safe by a
sanitiser, a guard, a constant or a dead branch). aiprov and bandit run on the same files in
the same run.

Scoring is right-CWE: a tool detects a vulnerable file when it reports a CWE of the
labelled CWE's family on it; it raises a false alarm on a safe twin when it reports a CWE of
that family there (``any-FPR`` also counts any finding at all on a safe file). Per CWE and
overall: recall (TPR), precision, FPR, F1 and the OWASP-style score TPR - FPR. aiprov's
judgement hints are not findings and are not counted.

Split: a pair goes to the tuning half or to the HELD-OUT half by the SHA-256 of its name
(both twins together). Rules are tuned on the tuning half only; ``--details`` prints
per-file results for the tuning half only, so held-out files are never inspected.

Run: .venv/bin/python benchmarks/review_lookalikes.py [--split tuning|held-out|both]
     [--details]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "data"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _review_common import bandit_tree, half_of  # noqa: E402
from lookalike_handlers import PAIRS  # noqa: E402

from reviewer.engine import review  # noqa: E402
from reviewer.model import AI, HUMAN, Origin, ReviewTarget, split_hints  # noqa: E402
from reviewer.policy import DEFAULT_POLICY  # noqa: E402

FAMILIES = [
    {79, 80, 116}, {89, 564}, {78, 77, 88}, {22, 23, 36, 73, 99}, {918}, {601}, {502},
    {327, 328, 916, 759, 760, 326}, {330, 331, 338}, {614, 1004, 1275, 315}, {501},
    {256, 257, 312, 522, 916}, {400, 409, 770, 1333, 730}, {117, 93},
]


def family(cwe: int) -> set[int]:
    """Every CWE counted as the right answer for ``cwe`` (the union of its families)."""
    out = {cwe}
    for fam in FAMILIES:
        if cwe in fam:
            out |= fam
    return out


def split_of(name: str) -> str:
    return half_of(name, "tuning")


@dataclass(frozen=True)
class Case:
    fid: str  # file name
    pair: str
    cwe: int  # the pair's CWE
    vulnerable: bool
    kind: str  # how the safe twin is safe ("vulnerable" for the vulnerable side)
    code: str


def cases() -> list[Case]:
    out = []
    for name, cwe, kind, bad, good in PAIRS:
        out.append(Case(f"{name}__bad.py", name, cwe, True, "vulnerable", bad))
        out.append(Case(f"{name}__safe.py", name, cwe, False, kind, good))
    return out


def run_aiprov(all_cases: list[Case], label: str) -> dict[str, set[int]]:
    """file -> CWEs of the findings (hints left out) at the given origin's policy."""
    policy = replace(DEFAULT_POLICY, ai=replace(DEFAULT_POLICY.ai, judgement_rules=False))
    origin = Origin(label=label)
    out: dict[str, set[int]] = {}
    for c in all_cases:
        n = c.code.count("\n") + 1
        t = ReviewTarget(c.fid, c.code, frozenset(range(1, n + 1)),
                         {i: origin for i in range(1, n + 1)})
        real, _ = split_hints(review([t], policy))
        out[c.fid] = {f.cwe or 0 for f in real}
    return out


def run_bandit(all_cases: list[Case]) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    every: dict[str, set[int]] = {c.fid: set() for c in all_cases}
    medium: dict[str, set[int]] = {c.fid: set() for c in all_cases}
    with tempfile.TemporaryDirectory() as tmp:
        for c in all_cases:
            (Path(tmp) / c.fid).write_text(c.code, encoding="utf-8")
        for hit in bandit_tree(Path(tmp), timeout=600):
            fid = hit.path.name
            every[fid].add(hit.cwe)
            if hit.severity in ("MEDIUM", "HIGH"):
                medium[fid].add(hit.cwe)
    return every, medium


@dataclass
class Counts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    any_fp: int = 0

    def add(self, c: Case, reported: set[int]) -> None:
        right = bool(reported & family(c.cwe))
        if c.vulnerable:
            self.tp += right
            self.fn += not right
        else:
            self.fp += right
            self.tn += not right
            self.any_fp += bool(reported)

    def figures(self) -> tuple[float, float, float, float, float, float]:
        rec = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        prec = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        fpr = self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        any_fpr = self.any_fp / (self.fp + self.tn) if self.fp + self.tn else 0.0
        return rec, prec, fpr, f1, rec - fpr, any_fpr


def score(subset: Iterable[Case], reported: dict[str, set[int]]) -> Counts:
    k = Counts()
    for c in subset:
        k.add(c, reported[c.fid])
    return k


HEAD = (f"{'':<28} {'TP':>3} {'FN':>3} {'FP':>3} {'recall':>7} {'prec':>6} {'FPR':>6} "
        f"{'F1':>6} {'TPR-FPR':>8} {'any-FPR':>8}")


def line(name: str, k: Counts) -> str:
    rec, prec, fpr, f1, sc, anyf = k.figures()
    return (f"{name:<28} {k.tp:>3} {k.fn:>3} {k.fp:>3} {rec:>7.3f} {prec:>6.3f} {fpr:>6.3f} "
            f"{f1:>6.3f} {sc:>8.3f} {anyf:>8.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("tuning", "held-out", "both"), default="both")
    ap.add_argument("--details", action="store_true",
                    help="per-file results (tuning half only: held-out files stay unseen)")
    args = ap.parse_args()
    all_cases = cases()
    tools = {"aiprov (AI-origin policy)": run_aiprov(all_cases, AI),
             "aiprov (human policy)": run_aiprov(all_cases, HUMAN)}
    every, medium = run_bandit(all_cases)
    tools["bandit (all severities)"] = every
    tools["bandit (severity >= medium)"] = medium
    splits = ("tuning", "held-out") if args.split == "both" else (args.split,)
    for sp in splits:
        sub = [c for c in all_cases if split_of(c.pair) == sp]
        pairs = len(sub) // 2
        print(f"\n=== {sp} half: {pairs} pairs ({len(sub)} files) ===")
        print(HEAD)
        for name, rep in tools.items():
            print(line(name, score(sub, rep)))
        print("\nper CWE (right-CWE):")
        for cwe in sorted({c.cwe for c in sub}):
            group = [c for c in sub if c.cwe == cwe]
            print(f"-- CWE-{cwe} ({len(group) // 2} pair(s))")
            for name, rep in tools.items():
                if "medium" in name:
                    continue
                print(line("  " + name, score(group, rep)))
        if args.details and sp == "tuning":
            print("\nper file (aiprov AI / aiprov human / bandit all / bandit >= medium):")
            for c in sub:
                marks = " ".join(",".join(map(str, sorted(r[c.fid]))) or "-"
                                 for r in tools.values())
                lab = f"CWE-{c.cwe}" if c.vulnerable else f"safe ({c.kind})"
                print(f"  {c.fid:<40} {lab:<18} {marks}")


if __name__ == "__main__":
    main()
