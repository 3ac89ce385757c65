"""Detection benchmark: aiprov's rule engine vs bandit on the same files, in the same run.

Insecure code: SecurityEval (``../shared/datasets/securityeval/dataset.jsonl`` relative to
the repository root; not copied into the repo), one file per sample. Safe code: the
look-alikes in ``benchmarks/data/safe_lookalikes.py`` (same tasks and libraries, weakness
fixed). A tool "flags" a file when it reports at least one finding on it.

    recall     insecure files flagged / insecure files
    precision  insecure files flagged / all files flagged
    FPR        safe files flagged / safe files

Printed for: aiprov at the AI-origin threshold (the strict one, judgement rules off: they
are review hints, not vulnerability detectors), aiprov at the human threshold, bandit at
every severity, and bandit at medium severity and above. Also printed: recall on the CWEs the
rule packs target, and "CWE-matched" recall (a finding whose CWE is in the sample's family).

Run: .venv/bin/python benchmarks/review_detection.py [--dataset PATH] [--details]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "data"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _review_common import bandit_tree  # noqa: E402
from safe_lookalikes import SAFE  # noqa: E402

from reviewer.engine import review  # noqa: E402
from reviewer.model import AI, HUMAN, Origin, ReviewTarget  # noqa: E402
from reviewer.policy import DEFAULT_POLICY  # noqa: E402

DATASET = ROOT.parent / "shared" / "datasets" / "securityeval" / "dataset.jsonl"

# the CWE classes the issue asks the packs to cover
TARGET_CWES = {78, 94, 95, 89, 502, 798, 259, 330, 338, 327, 328, 79, 22, 295, 611, 601, 918,
               215, 377, 732, 400}
FAMILIES = [
    {20}, {22, 99, 641, 425, 434, 73}, {78, 77, 88}, {79, 80, 116}, {89}, {94, 95, 96},
    {259, 798, 321, 258, 522, 521}, {327, 328, 916, 759, 760, 326, 329, 1204, 261},
    {330, 331, 338, 339, 335}, {295, 297}, {611, 776, 827}, {601}, {918}, {377, 379, 378},
    {732, 276}, {400, 730, 1333}, {347}, {502}, {215, 489, 209, 200}, {605, 1327},
    {319, 614}, {117}, {90}, {643}, {113},
]


def family(cwe: int) -> set[int]:
    for fam in FAMILIES:
        if cwe in fam:
            return fam
    return {cwe}


def sample_cwe(sample_id: str) -> int:
    return int(sample_id.split("_")[0].split("-")[1])


@dataclass
class Score:
    name: str
    flagged: dict[str, set[int]] = field(default_factory=dict)  # file id -> CWEs reported

    def row(self, insecure: list[str], safe: list[str]) -> tuple[int, int, float, float, float]:
        tp = sum(1 for i in insecure if self.flagged.get("bad/" + i))
        fp = sum(1 for s in safe if self.flagged.get("safe/" + s))
        recall = tp / len(insecure) if insecure else 0.0
        precision = tp / (tp + fp) if tp + fp else 0.0
        fpr = fp / len(safe) if safe else 0.0
        return tp, fp, recall, precision, fpr

    def matched_recall(self, insecure: list[str]) -> float:
        hits = sum(1 for i in insecure
                   if self.flagged.get("bad/" + i, set()) & family(sample_cwe(i)))
        return hits / len(insecure) if insecure else 0.0


def run_aiprov(files: dict[str, str], label: str, name: str) -> Score:
    policy = replace(DEFAULT_POLICY, ai=replace(DEFAULT_POLICY.ai, judgement_rules=False))
    score = Score(name)
    origin = Origin(label=label)
    for fid, code in files.items():
        n = code.count("\n") + 1
        target = ReviewTarget(fid + ".py" if not fid.endswith(".py") else fid, code,
                              frozenset(range(1, n + 1)), {i: origin for i in range(1, n + 1)})
        found = review([target], policy)
        score.flagged[fid] = {f.cwe for f in found if f.cwe}  | ({0} if found else set())
    return score


def run_bandit(tmp: Path, files: dict[str, str]) -> tuple[Score, Score]:
    for fid, code in files.items():
        path = tmp / fid
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
    every, medium = Score("bandit (all severities)"), Score("bandit (severity >= medium)")
    for fid in files:
        every.flagged[fid] = set()
        medium.flagged[fid] = set()
    for hit in bandit_tree(tmp):
        fid = str(hit.path.relative_to(tmp.resolve()))
        every.flagged[fid] |= {hit.cwe, 0}
        if hit.severity in ("MEDIUM", "HIGH"):
            medium.flagged[fid] |= {hit.cwe, 0}
    return every, medium


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dataset", type=Path, default=DATASET)
    ap.add_argument("--details", action="store_true", help="per-file results")
    args = ap.parse_args()
    if not args.dataset.is_file():
        sys.exit(f"SecurityEval not found at {args.dataset}")
    rows = [json.loads(line) for line in args.dataset.read_text().splitlines() if line.strip()]
    files = {"bad/" + r["ID"]: r["Insecure_code"] for r in rows}
    files.update({"safe/" + k: v for k, v in SAFE.items()})
    insecure = [r["ID"] for r in rows]
    safe = list(SAFE)
    in_scope = [i for i in insecure if sample_cwe(i) in TARGET_CWES]
    safe_in_scope = [s for s in safe if sample_cwe(s) in TARGET_CWES]

    scores = [run_aiprov(files, AI, "aiprov (AI-origin policy)"),
              run_aiprov(files, HUMAN, "aiprov (human policy)")]
    with tempfile.TemporaryDirectory() as tmp:
        scores.extend(run_bandit(Path(tmp), files))

    print(f"SecurityEval: {len(insecure)} insecure files ({len(in_scope)} in targeted CWEs); "
          f"safe look-alikes: {len(safe)} ({len(safe_in_scope)} in targeted CWEs)")
    for title, ins, sf in (("all samples", insecure, safe),
                           ("targeted CWEs only", in_scope, safe_in_scope)):
        print(f"\n== {title} ==")
        print(f"{'tool':<30} {'TP':>4} {'FP':>4} {'recall':>7} {'precision':>9} {'FPR':>6} "
              f"{'CWE-matched recall':>19}")
        for s in scores:
            tp, fp, rec, prec, fpr = s.row(ins, sf)
            print(f"{s.name:<30} {tp:>4} {fp:>4} {rec:>7.3f} {prec:>9.3f} {fpr:>6.3f} "
                  f"{s.matched_recall(ins):>19.3f}")
    if args.details:
        print()
        for fid in files:
            marks = " ".join(("X" if s.flagged.get(fid) else ".") for s in scores)
            print(f"{marks}  {fid}")


if __name__ == "__main__":
    main()
