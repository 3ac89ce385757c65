"""Issue 19's whole table: aiprov beside bandit and Semgrep on code nobody tuned rules to.

Benchmarks (one run, every tool on the same files):

1. ``handlers``: independent look-alike handlers, Python and Express
   (``benchmarks/data/review_handlers``): vulnerable cases and safe twins, scored per file,
   right-CWE (a finding of the labelled CWE's family counts; on a safe twin a finding of that
   family is a false alarm).
2. ``apps``: whole small backends (``benchmarks/data/review_apps``, labels in
   ``labels.toml``). A weakness is found when a finding of its family lies in its line range
   (2 lines of slack). Precision counts every distinct finding (file, line, CWE): one that
   matches no labelled weakness is a false alarm. FPR is over (app, CWE family) units with no
   labelled weakness of that family, among the families the language's apps are labelled with.
3. ``securityeval``: SecurityEval's insecure samples and the safe look-alikes
   (as ``review_detection.py``), right-CWE by file.
4. ``lookalikes (tuner's)``: the existing 39 Python pairs (``review_lookalikes.py``).

Tools: aiprov at the AI-origin policy and at the human policy (``reviewer.engine.review``, the
default policy; judgement hints are counted apart, never as findings), bandit (all
severities; Python only) and Semgrep OSS with the vendored rules in
``benchmarks/data/review_semgrep_rules`` (a subset of semgrep-rules, its licence beside it).
Semgrep is not a project dependency: install it into its own venv
(``python -m venv ~/.cache/aiprov-semgrep && ~/.cache/aiprov-semgrep/bin/pip install
semgrep``) or pass ``--semgrep PATH``; without it the Semgrep rows are left out.

Figures: TP/FN/FP, right-CWE recall, precision, FPR, F1, OWASP score (TPR - FPR). Every
benchmark with a split prints its tuning half and its HELD-OUT half (SHA-256 of the group id
or app file; nobody tunes rules against the held-out half, and ``--details`` prints per-file
results for the tuning half only). The speed line reuses ``review_speed.per_file``.

Run: flock /tmp/aiprov-bench.lock .venv/bin/python benchmarks/review_independent.py
     [--only handlers,apps,securityeval,lookalikes,speed] [--per-cwe] [--details]
     [--apps-batch 1]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(DATA))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _review_common import bandit_tree, half_of  # noqa: E402
from review_lookalikes import Counts  # noqa: E402  (tp/fn/fp/tn and the figures)

from reviewer.engine import review  # noqa: E402
from reviewer.model import AI, HUMAN, Origin, ReviewTarget, split_hints  # noqa: E402

RULES = DATA / "review_semgrep_rules"
SEMGREP = Path.home() / ".cache" / "aiprov-semgrep" / "bin" / "semgrep"
SECURITYEVAL = [ROOT.parent / "shared" / "datasets" / "securityeval" / "dataset.jsonl",
                Path("/work/shared/datasets/securityeval/dataset.jsonl")]
SLACK = 2  # lines of slack around a labelled range

# The right answers for a labelled CWE: the CWEs a reviewer may reasonably name for it.
_GROUPS = [
    {79, 80, 83, 116},
    {89, 564, 943},
    {78, 77, 88},
    {94, 95, 96, 1336},
    {22, 23, 35, 36, 73, 99},
    {918},
    {601},
    {502},
    {611, 776, 827},
    {643},
    {90},
    {327, 328, 326, 916, 759, 760},
    {330, 331, 338, 340},
    {614, 1004, 1275, 315},
    {501},
    {117, 93},
    {256, 257, 260, 312, 522, 916, 759, 760, 327, 328},
    {400, 409, 770, 1333, 730, 674, 789},
    {639, 862, 863, 284, 285, 566, 915},
    {20, 129, 1284, 1285},
    {489, 215, 209, 11, 94},
    {942, 346, 183},
    {1321, 915},
    {798, 259, 321, 547},
]
_CANON: dict[int, int] = {}  # label CWE -> index of its group (first group naming it)
for _i, _g in enumerate(_GROUPS):
    for _c in _g:
        _CANON.setdefault(_c, _i)
_CANON.update({916: 16, 256: 16, 522: 16, 94: 3, 95: 3, 915: 18, 1321: 22, 209: 20, 489: 20,
               215: 20, 327: 11, 328: 11})


def family(cwe: int) -> set[int]:
    i = _CANON.get(cwe)
    return _GROUPS[i] if i is not None else {cwe}


def se_family(cwe: int) -> set[int]:
    """SecurityEval: review_detection.py's families too (its CWEs reach past the issue's)."""
    from review_detection import family as detection_family

    return detection_family(cwe)


def split_of(key: str) -> str:
    return half_of(key, "tuning")


# ------------------------------------------------------------------------------ tools
Hit = tuple[int, int]  # (CWE or 0, line)


@dataclass
class Reports:
    """tool name -> file key -> findings; aiprov's judgement hints kept apart."""

    found: dict[str, dict[str, list[Hit]]] = field(default_factory=dict)
    hints: dict[str, dict[str, list[Hit]]] = field(default_factory=dict)

    def of(self, tool: str, key: str) -> list[Hit]:
        return self.found.get(tool, {}).get(key, [])


def run_aiprov(files: dict[str, tuple[Path, str]], reports: Reports) -> None:
    for name, label in (("aiprov (AI policy)", AI), ("aiprov (human policy)", HUMAN)):
        origin = Origin(label=label, tool="bench", model="bench" if label == AI else None)
        found: dict[str, list[Hit]] = {}
        hints: dict[str, list[Hit]] = {}
        for key, (path, text) in files.items():
            n = text.count("\n") + 1
            t = ReviewTarget(path.name, text, frozenset(range(1, n + 1)),
                             {i: origin for i in range(1, n + 1)})
            real, hint = split_hints(review([t]))
            found[key] = [(f.cwe or 0, f.line) for f in real]
            hints[key] = [(f.cwe or 0, f.line) for f in hint]
        reports.found[name], reports.hints[name] = found, hints


def run_bandit(tree: Path, files: dict[str, tuple[Path, str]], reports: Reports) -> None:
    py = {str(p.resolve()): k for k, (p, _) in files.items() if p.suffix == ".py"}
    out: dict[str, list[Hit]] = {k: [] for k in py.values()}
    for hit in bandit_tree(tree):
        key = py.get(str(hit.path))
        if key is not None:
            out[key].append((hit.cwe, hit.line))
    reports.found["bandit"] = out


def _cwes(meta: dict) -> list[int]:
    raw = meta.get("cwe") or []
    raw = [raw] if isinstance(raw, str) else raw
    return [int(m) for r in raw for m in re.findall(r"CWE-(\d+)", str(r))] or [0]


def run_semgrep(exe: Path, tree: Path, files: dict[str, tuple[Path, str]],
                reports: Reports) -> str:
    proc = subprocess.run(
        [str(exe), "scan", "--config", str(RULES), "--json", "--metrics=off",
         "--disable-version-check", "--no-git-ignore", "-q", "--timeout", "20", str(tree)],
        capture_output=True, text=True, check=False, timeout=1800)
    data = json.loads(proc.stdout)
    by_path = {str(p.resolve()): k for k, (p, _) in files.items()}
    out: dict[str, list[Hit]] = {k: [] for k in files}
    for res in data["results"]:
        key = by_path.get(str(Path(res["path"]).resolve()))
        if key is not None:
            for cwe in _cwes(res["extra"].get("metadata", {})):
                out[key].append((cwe, res["start"]["line"]))
    reports.found["semgrep"] = out
    return str(data.get("version", "?"))


# ------------------------------------------------------------------------------ scoring
HEAD = (f"  {'tool':<24} {'TP':>4} {'FN':>4} {'FP':>4} {'recall':>7} {'prec':>6} {'FPR':>6} "
        f"{'F1':>6} {'TPR-FPR':>8}")


def row(name: str, k: Counts, extra: str = "") -> str:
    rec, prec, fpr, f1, sc, _ = k.figures()
    return (f"  {name:<24} {k.tp:>4} {k.fn:>4} {k.fp:>4} {rec:>7.3f} {prec:>6.3f} {fpr:>6.3f} "
            f"{f1:>6.3f} {sc:>8.3f}{extra}")


@dataclass(frozen=True)
class FileCase:
    key: str  # file key in the temp tree
    group: str  # split unit
    cwe: int
    vulnerable: bool
    kind: str


def score_files(cases: Iterable[FileCase], hits: dict[str, list[Hit]]) -> Counts:
    k = Counts()
    for c in cases:
        fam = family(c.cwe) | (se_family(c.cwe) if c.key.startswith("securityeval/") else set())
        right = any(cwe in fam for cwe, _ in hits.get(c.key, []))
        if c.vulnerable:
            k.tp += right
            k.fn += not right
        else:
            k.fp += right
            k.tn += not right
    return k


def print_file_bench(title: str, cases: list[FileCase], reports: Reports, tools: list[str],
                     per_cwe: bool, details: bool, split: bool = True) -> None:
    halves = ("tuning", "held-out") if split else ("all",)
    for half in halves:
        sub = [c for c in cases if half == "all" or split_of(c.group) == half]
        vul = sum(c.vulnerable for c in sub)
        print(f"\n== {title} [{half}]: {vul} vulnerable, {len(sub) - vul} safe files ==")
        print(HEAD + f" {'hints v/s':>10}")
        for tool in tools:
            extra = ""
            if tool in reports.hints:
                hv = sum(bool(reports.hints[tool].get(c.key)) for c in sub if c.vulnerable)
                hs = sum(bool(reports.hints[tool].get(c.key)) for c in sub if not c.vulnerable)
                extra = f" {hv:>4}/{hs:<4}"
            print(row(tool, score_files(sub, reports.found[tool]), extra))
        if per_cwe:
            for cwe in sorted({c.cwe for c in sub}):
                group = [c for c in sub if c.cwe == cwe]
                print(f"  -- CWE-{cwe}: {sum(c.vulnerable for c in group)} vulnerable, "
                      f"{sum(not c.vulnerable for c in group)} safe")
                for tool in tools:
                    print(row("  " + tool, score_files(group, reports.found[tool])))
        if details and half in ("tuning", "all"):
            print("  per file (" + " | ".join(tools) + "):")
            for c in sub:
                marks = " | ".join(",".join(str(x) for x in sorted({h[0] for h in
                                   reports.of(t, c.key)})) or "-" for t in tools)
                lab = f"CWE-{c.cwe}" if c.vulnerable else f"safe ({c.kind})"
                print(f"    {c.key:<48} {lab:<20} {marks}")


# ------------------------------------------------------------------------------ benchmarks
def handler_cases(tree: Path, files: dict[str, tuple[Path, str]]) -> list[FileCase]:
    from review_handlers.javascript_cases import CASES as JS
    from review_handlers.python_cases import CASES as PY

    out = []
    for lang, ext, cases in (("python", ".py", PY), ("javascript", ".js", JS)):
        seen: dict[str, int] = {}
        for group, cwe, kind, code in cases:
            seen[group] = seen.get(group, 0) + 1
            suffix = "bad" if kind == "vulnerable" else f"safe_{kind}"
            key = f"handlers/{lang}/{group}_{seen[group]}_{suffix}{ext}"
            files[key] = (tree / key, code)
            out.append(FileCase(key, group, cwe, kind == "vulnerable", kind))
    return out


@dataclass(frozen=True)
class Weakness:
    key: str
    cwe: int
    lo: int
    hi: int
    exploit: str


def app_cases(tree: Path, files: dict[str, tuple[Path, str]],
              batch: int | None = None) -> dict[str, list[Weakness]]:
    """The labelled apps; ``batch`` 1 keeps the first round's only (``batch`` in labels.toml,
    1 when absent), None keeps every round."""
    labels = tomllib.loads((DATA / "review_apps" / "labels.toml").read_text())
    out: dict[str, list[Weakness]] = {}
    for app in labels["app"]:
        if batch is not None and app.get("batch", 1) != batch:
            continue
        key = "apps/" + app["file"]
        text = (DATA / "review_apps" / app["file"]).read_text()
        lines = text.split("\n")
        files[key] = (tree / key, text)
        ws = []
        for w in app["weaknesses"]:
            lo, hi = w["lines"]
            if w["anchor"] not in lines[lo - 1]:
                sys.exit(f"labels.toml: {app['file']} line {lo} no longer holds its anchor "
                         f"{w['anchor']!r}: fix the label's line range")
            ws.append(Weakness(key, w["cwe"], lo, hi, w["exploit"]))
        out[key] = ws
    return out


def score_apps(apps: dict[str, list[Weakness]], hits: dict[str, list[Hit]],
               only_cwe: int | None = None) -> tuple[Counts, Counts, Counts]:
    """(weaknesses found / missed, findings matching a weakness / matching none,
    clean (app, family) units flagged / not flagged)."""
    groups = {_CANON.get(w.cwe, -w.cwe) for ws in apps.values() for w in ws}
    if only_cwe is not None:
        groups = {_CANON.get(only_cwe, -only_cwe)}
    weak, finds, unit = Counts(), Counts(), Counts()
    for key, ws in apps.items():
        found = set(hits.get(key, []))
        if only_cwe is not None:
            ws = [w for w in ws if _CANON.get(w.cwe, -w.cwe) in groups]
            found = {h for h in found if any(h[0] in _GROUPS[g] for g in groups if g >= 0)}
        for w in ws:
            ok = any(c in family(w.cwe) and w.lo - SLACK <= ln <= w.hi + SLACK
                     for c, ln in found)
            weak.tp += ok
            weak.fn += not ok
        for c, ln in found:
            if any(c in family(w.cwe) and w.lo - SLACK <= ln <= w.hi + SLACK for w in ws):
                finds.tp += 1
            else:
                finds.fp += 1
        labelled = {_CANON.get(w.cwe, -w.cwe) for w in ws}
        for g in groups - labelled:
            flagged = g >= 0 and any(c in _GROUPS[g] for c, _ in found)
            unit.fp += flagged
            unit.tn += not flagged
    return weak, finds, unit


def app_row(name: str, apps: dict[str, list[Weakness]], hits: dict[str, list[Hit]],
            only_cwe: int | None = None) -> str:
    weak, finds, unit = score_apps(apps, hits, only_cwe)
    rec = weak.tp / (weak.tp + weak.fn) if weak.tp + weak.fn else 0.0
    prec = finds.tp / (finds.tp + finds.fp) if finds.tp + finds.fp else 0.0
    fpr = unit.fp / (unit.fp + unit.tn) if unit.fp + unit.tn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return (f"  {name:<24} {weak.tp:>4} {weak.fn:>4} {finds.fp:>4} {rec:>7.3f} {prec:>6.3f} "
            f"{fpr:>6.3f} {f1:>6.3f} {rec - fpr:>8.3f}")


def print_apps(apps: dict[str, list[Weakness]], reports: Reports, tools_by_lang: dict[str,
               list[str]], per_cwe: bool, details: bool) -> None:
    for lang, tools in tools_by_lang.items():
        for half in ("tuning", "held-out"):
            sub = {k: v for k, v in apps.items()
                   if k.startswith(f"apps/{lang}/") and split_of(k) == half}
            n_w = sum(len(v) for v in sub.values())
            clean = sum(not v for v in sub.values())
            print(f"\n== apps {lang} [{half}]: {len(sub)} apps ({clean} with no weakness), "
                  f"{n_w} weaknesses ==")
            print(HEAD.replace("   FP recall", " FPfd recall") + f" {'hints':>6}")
            for tool in tools:
                extra = ""
                if tool in reports.hints:
                    extra = f" {sum(len(reports.hints[tool].get(k, [])) for k in sub):>6}"
                print(app_row(tool, sub, reports.found[tool]) + extra)
            if per_cwe:
                for cwe in sorted({w.cwe for v in sub.values() for w in v}):
                    print(f"  -- CWE-{cwe}: {sum(w.cwe == cwe for v in sub.values() for w in v)}"
                          " weakness(es)")
                    for tool in tools:
                        print(app_row("  " + tool, sub, reports.found[tool], cwe))
            if details and half == "tuning":
                for k, ws in sub.items():
                    print(f"    {k}: labels " + (", ".join(f"CWE-{w.cwe}@{w.lo}-{w.hi}"
                                                            for w in ws) or "none"))
                    for tool in tools:
                        hs = sorted(set(reports.of(tool, k)), key=lambda h: h[1])
                        print(f"      {tool:<22} " + (" ".join(f"{c}@{ln}" for c, ln in hs)
                                                      or "-"))


def securityeval_cases(tree: Path, files: dict[str, tuple[Path, str]],
                       dataset: Path) -> list[FileCase]:
    from review_detection import sample_cwe
    from safe_lookalikes import SAFE

    if not dataset.is_file():
        print(f"SecurityEval not found at {dataset}: pass --dataset PATH (no SecurityEval rows)")
        return []
    out = []
    for line in dataset.read_text().splitlines():
        if line.strip():
            r = json.loads(line)
            key = "securityeval/bad/" + r["ID"]
            files[key] = (tree / key, r["Insecure_code"])
            out.append(FileCase(key, r["ID"], sample_cwe(r["ID"]), True, "vulnerable"))
    for sid, code in SAFE.items():
        key = "securityeval/safe/" + sid
        files[key] = (tree / key, code)
        out.append(FileCase(key, sid, sample_cwe(sid), False, "safe"))
    return out


def old_lookalike_cases(tree: Path, files: dict[str, tuple[Path, str]]) -> list[FileCase]:
    from review_lookalikes import cases

    out = []
    for c in cases():
        key = "lookalikes/" + c.fid
        files[key] = (tree / key, c.code)
        out.append(FileCase(key, c.pair, c.cwe, c.vulnerable, c.kind))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="handlers,apps,securityeval,lookalikes,speed")
    ap.add_argument("--semgrep", type=Path, default=SEMGREP,
                    help=f"semgrep executable (default {SEMGREP}); missing = no Semgrep rows")
    ap.add_argument("--per-cwe", action="store_true", help="per-CWE rows")
    ap.add_argument("--details", action="store_true", help="per-file results, tuning half only")
    ap.add_argument("--apps-batch", type=int, default=None,
                    help="apps: only this round's apps (1 = the first 47); default every round")
    ap.add_argument("--rounds", type=int, default=3, help="speed rounds")
    ap.add_argument("--dataset", type=Path, default=next(
        (p for p in SECURITYEVAL if p.is_file()), SECURITYEVAL[0]),
        help="SecurityEval dataset.jsonl")
    args = ap.parse_args()
    only = set(args.only.split(","))
    tmp = Path(tempfile.mkdtemp(prefix="aiprov-bench-"))
    try:
        files: dict[str, tuple[Path, str]] = {}
        handlers = handler_cases(tmp, files) if "handlers" in only else []
        apps = app_cases(tmp, files, args.apps_batch) if "apps" in only else {}
        seval = securityeval_cases(tmp, files, args.dataset) if "securityeval" in only else []
        old = old_lookalike_cases(tmp, files) if "lookalikes" in only else []
        for path, text in files.values():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        reports = Reports()
        run_aiprov(files, reports)
        run_bandit(tmp, files, reports)
        tools_py = ["aiprov (AI policy)", "aiprov (human policy)", "bandit"]
        tools_js = ["aiprov (AI policy)", "aiprov (human policy)"]
        if args.semgrep.is_file():
            version = run_semgrep(args.semgrep, tmp, files, reports)
            tools_py.append("semgrep")
            tools_js.append("semgrep")
            n_rules = sum(1 for _ in RULES.rglob("*.yaml"))
            print(f"Semgrep OSS {version}, {n_rules} vendored rule files ({RULES.name})")
        else:
            print(f"Semgrep not found at {args.semgrep}: no Semgrep rows (see the docstring)")
        for other in ("bandit", "semgrep"):
            if other in reports.found:  # the engine beside the own rules: findings of both
                name = f"aiprov AI + {other}"
                ours, theirs = reports.found["aiprov (AI policy)"], reports.found[other]
                reports.found[name] = {k: ours.get(k, []) + theirs.get(k, []) for k in files}
                tools_py.append(name)
                if other == "semgrep":
                    tools_js.append(name)
        print("aiprov: default policy; judgement hints counted apart (hints v/s = vulnerable/"
              "safe files with a hint; apps: hint count), never as findings")
        if handlers:
            for lang, tools in (("python", tools_py), ("javascript", tools_js)):
                sub = [c for c in handlers if c.key.startswith(f"handlers/{lang}/")]
                print_file_bench(f"handlers {lang}", sub, reports, tools, args.per_cwe,
                                 args.details)
        if apps:
            print(f"\n(apps: TP/FN count weaknesses, FPfd counts findings that match no "
                  f"labelled weakness; precision over findings; FPR over clean (app, CWE "
                  f"family) units; line slack {SLACK})")
            print_apps(apps, reports, {"python": tools_py, "javascript": tools_js},
                       args.per_cwe, args.details)
        if seval:
            print_file_bench("SecurityEval + safe look-alikes", seval, reports, tools_py,
                             args.per_cwe, False, split=False)
        if old:
            print_file_bench("tuner's look-alikes (review_lookalikes.py)", old, reports,
                             tools_py, args.per_cwe, False)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if "speed" in only:
        import review_speed

        review_speed.DATASET = args.dataset  # per_file reads the module's dataset path
        review_speed.per_file(args.rounds)


if __name__ == "__main__":
    main()
