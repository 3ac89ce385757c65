"""OWASP Benchmark for Python v0.1: aiprov beside bandit on 1,243 Flask test cases nobody here
wrote (OWASP-Benchmark/BenchmarkPython, 14 categories, each case true or false with a CWE in
``expectedresults-0.1.csv``).

The benchmark is GPLv3 and is NOT vendored: ``--owasp PATH`` names a checkout (default
``$AIPROV_BENCH_CACHE/BenchmarkPython``, the cache defaulting to ``~/.cache/aiprov-bench``).
Before anything runs, the SHA-256 of ``expectedresults-0.1.csv``, of every test file, of the
shared ``helpers/`` code and of the repository's own bandit SARIF is checked against
``benchmarks/data/owasp_benchmark_python.json`` (hashes only, pinned to commit 7cf0674); on a
mismatch the run is refused and says how to get the pinned checkout:

    git clone https://github.com/OWASP-Benchmark/BenchmarkPython && \\
        git -C BenchmarkPython checkout 7cf0674b9a33788ac3105e4c4a75a7fdce4c44bd

Scoring (OWASP's own rule, right-CWE): a test case is flagged when a tool reports, in the
test case's own file (``testcode/BenchmarkTestNNNNN.py``), a finding whose CWE is in the
family of the case's CWE (``review_independent.family``: e.g. CWE-327 counts for the hash
category's 328, 338 for weakrand's 330, 95 for codeinj's 94). A flagged true case is a TP, a
flagged false case an FP. Per category and overall: TP/FN/FP/TN, TPR, FPR, precision, F1 and
score = TPR - FPR; the "OWASP average" is the mean of the per-category TPR, FPR and score (as
OWASP's scorecards average them). aiprov's judgement hints are counted apart, never as
findings.

``helpers/`` (shared library code the test cases import: a SQLite wrapper, an LDAP mock, the
HTML escaper) is reviewed by each tool as a file of its own, since neither tool follows imports
across files; its findings are printed apart and never attributed to a test case, so a sink
inside a helper is a miss for the case that calls it, for every tool alike.

Tools, in the same run on the same files: aiprov (``reviewer.engine.review``, default policy,
every line added) at the AI-origin policy and at the human policy; bandit in-process, all
severities, one manager per file (so its time per file is measured like aiprov's); and, as a
cross-check of the bandit numbers, the repository's own ``results/BenchmarkPython-Bandit.sarif``
(bandit 1.8.6) scored by the same rule.

Split: a case goes to the dev half or to the HELD-OUT half by the SHA-256 of its test name.
Only the dev half may be inspected: ``--details`` prints per-case results for dev only. A
category with no true case in a half counts TPR 0 there (at 7cf0674 all 4 true xxe cases fall
into dev), so held-out xxe scores -FPR for every tool and pulls its average down.

Run: flock /tmp/aiprov-bench.lock .venv/bin/python benchmarks/review_owasp.py
     [--owasp PATH] [--split dev|held-out|both] [--details]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import statistics
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _review_common import BanditInProcess, half_of  # noqa: E402
from review_independent import family  # noqa: E402
from review_lookalikes import Counts  # noqa: E402

from reviewer.engine import review  # noqa: E402
from reviewer.model import AI, HUMAN, Origin, ReviewTarget, split_hints  # noqa: E402

MANIFEST = ROOT / "benchmarks" / "data" / "owasp_benchmark_python.json"
CACHE = Path(os.environ.get("AIPROV_BENCH_CACHE") or Path.home() / ".cache" / "aiprov-bench")
UPSTREAM = "https://github.com/OWASP-Benchmark/BenchmarkPython"
EXPECTED = "expectedresults-0.1.csv"
SARIF = "results/BenchmarkPython-Bandit.sarif"

# OWASP category -> the CWE its expected results name (codeinj's 94 also takes 95 by family)
CATEGORY_CWE = {
    "pathtraver": 22, "hash": 328, "weakrand": 330, "xss": 79, "xpathi": 643, "codeinj": 94,
    "deserialization": 502, "redirect": 601, "trustbound": 501, "sqli": 89, "xxe": 611,
    "securecookie": 614, "ldapi": 90, "cmdi": 78,
}


# ------------------------------------------------------------------------------ pinning
class ManifestError(RuntimeError):
    """The checkout is missing or is not the pinned benchmark."""


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pinned_files(checkout: Path) -> list[str]:
    """The files a run reads: expected results, test cases, helpers' code, the bandit SARIF."""
    out = [EXPECTED]
    out += sorted(p.relative_to(checkout).as_posix()
                  for sub in ("testcode", "helpers") for p in (checkout / sub).glob("*.py"))
    if (checkout / SARIF).is_file():
        out.append(SARIF)
    return out


def make_manifest(checkout: Path, commit: str) -> dict:
    """The manifest for ``checkout`` (for pinning a new release; hashes only, no content)."""
    return {"upstream": UPSTREAM, "commit": commit,
            "sha256": {rel: sha256_of(checkout / rel) for rel in pinned_files(checkout)}}


def verify(checkout: Path, manifest: Mapping) -> None:
    """Raise ManifestError unless every pinned file in ``checkout`` has its pinned SHA-256."""
    pin = manifest["commit"]
    how = (f"get the pinned checkout: git clone {manifest['upstream']} {checkout} && "
           f"git -C {checkout} checkout {pin} (or pass --owasp PATH)")
    if (checkout / ".git").exists():
        how = f"restore the pinned checkout: git -C {checkout} checkout --force {pin}"
    if not (checkout / EXPECTED).is_file():
        raise ManifestError(f"no OWASP Benchmark for Python at {checkout} "
                            f"({EXPECTED} missing): {how}")
    bad = []
    for rel, want in manifest["sha256"].items():
        path = checkout / rel
        if not path.is_file():
            bad.append(f"{rel} missing")
        elif sha256_of(path) != want:
            bad.append(f"{rel} changed")
    if bad:
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        raise ManifestError(f"{checkout} is not the pinned OWASP Benchmark for Python "
                            f"(commit {manifest['commit'][:7]}): {', '.join(bad[:5])}{more}; "
                            f"{how}")


# ------------------------------------------------------------------------------ cases
@dataclass(frozen=True)
class Case:
    name: str  # BenchmarkTestNNNNN
    category: str
    vulnerable: bool
    cwe: int

    @property
    def path(self) -> str:
        return f"testcode/{self.name}.py"


def load_cases(checkout: Path) -> list[Case]:
    out = []
    text = (checkout / EXPECTED).read_text(encoding="utf-8")
    for row in csv.reader(io.StringIO(text)):
        if not row or row[0].startswith("#"):
            continue
        name, category, real, cwe = (x.strip() for x in row[:4])
        if CATEGORY_CWE.get(category) != int(cwe):
            raise ManifestError(f"{EXPECTED}: {name} is {category} with CWE-{cwe}; "
                                f"expected CWE-{CATEGORY_CWE.get(category)}")
        out.append(Case(name, category, real == "true", int(cwe)))
    return out


def split_of(name: str) -> str:
    return half_of(name, "dev")


def flagged(case: Case, reported: Iterable[int]) -> bool:
    """OWASP's rule: a finding of the case's CWE family in the case's own file."""
    return bool(set(reported) & family(case.cwe))


def score(cases: Iterable[Case], reported: Mapping[str, set[int]]) -> Counts:
    k = Counts()
    for c in cases:
        hit = flagged(c, reported.get(c.path, set()))
        if c.vulnerable:
            k.tp += hit
            k.fn += not hit
        else:
            k.fp += hit
            k.tn += not hit
    return k


def owasp_average(cases: list[Case], reported: Mapping[str, set[int]]) -> tuple[float, ...]:
    """Mean over the categories present of (TPR, FPR, score)."""
    per = [score([c for c in cases if c.category == cat], reported).figures()
           for cat in sorted({c.category for c in cases})]
    n = len(per) or 1
    tpr = sum(f[0] for f in per) / n
    fpr = sum(f[2] for f in per) / n
    return tpr, fpr, tpr - fpr


# ------------------------------------------------------------------------------ tools
@dataclass
class Run:
    """tool -> file -> CWEs reported; aiprov's hints apart; per-file times (ms)."""

    found: dict[str, dict[str, set[int]]] = field(default_factory=dict)
    hints: dict[str, dict[str, set[int]]] = field(default_factory=dict)
    ms: dict[str, list[float]] = field(default_factory=dict)


AIPROV = {"aiprov (AI policy)": AI, "aiprov (human policy)": HUMAN}
BANDIT = "bandit"
BANDIT_SARIF = "bandit 1.8.6 (repo's SARIF)"


def run_tools(checkout: Path, files: list[str], with_bandit: bool = True) -> Run:
    """Every tool on every file, interleaved per file so that both see the same load."""
    run = Run()
    for tool in AIPROV:
        run.found[tool], run.hints[tool], run.ms[tool] = {}, {}, []
    bandit = BanditInProcess() if with_bandit else None
    if bandit is not None:
        run.found[BANDIT], run.ms[BANDIT] = {}, []
    for rel in files:
        text = (checkout / rel).read_text(encoding="utf-8")
        n = text.count("\n") + 1
        for tool, label in AIPROV.items():
            origin = Origin(label=label, tool="bench", model="bench" if label == AI else None)
            target = ReviewTarget(rel, text, frozenset(range(1, n + 1)),
                                  {i: origin for i in range(1, n + 1)})
            start = time.perf_counter()
            real, hint = split_hints(review([target]))
            run.ms[tool].append((time.perf_counter() - start) * 1000)
            run.found[tool][rel] = {f.cwe or 0 for f in real}
            run.hints[tool][rel] = {f.cwe or 0 for f in hint}
        if bandit is not None:
            start = time.perf_counter()
            hits = bandit.file(checkout / rel)
            run.ms[BANDIT].append((time.perf_counter() - start) * 1000)
            run.found[BANDIT][rel] = {h.cwe for h in hits}
    return run


def sarif_findings(path: Path) -> dict[str, set[int]]:
    """file -> CWEs, from a bandit SARIF log (the CWE is the rule's external/cwe tag)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, set[int]] = {}
    for r in data["runs"]:
        cwe_of = {}
        for rule in r["tool"]["driver"].get("rules", []):
            tags = rule.get("properties", {}).get("tags", [])
            cwe_of[rule["id"]] = next((int(t.rsplit("-", 1)[1]) for t in tags
                                       if t.startswith("external/cwe/cwe-")), 0)
        for res in r["results"]:
            for loc in res.get("locations", []):
                uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                out.setdefault(uri.removeprefix("./"), set()).add(cwe_of.get(res["ruleId"], 0))
    return out


# ------------------------------------------------------------------------------ report
HEAD = (f"  {'tool':<28} {'TP':>4} {'FN':>4} {'FP':>4} {'TN':>4} {'TPR':>6} {'FPR':>6} "
        f"{'prec':>6} {'F1':>6} {'score':>6}")


def row(name: str, k: Counts) -> str:
    rec, prec, fpr, f1, sc, _ = k.figures()
    return (f"  {name:<28} {k.tp:>4} {k.fn:>4} {k.fp:>4} {k.tn:>4} {rec:>6.3f} {fpr:>6.3f} "
            f"{prec:>6.3f} {f1:>6.3f} {sc:>6.3f}")


def print_half(half: str, cases: list[Case], run: Run, tools: list[str]) -> None:
    vul = sum(c.vulnerable for c in cases)
    print(f"\n=== {half} half: {len(cases)} test cases ({vul} true, {len(cases) - vul} false) "
          "===")
    print(HEAD)
    for tool in tools:
        print(row(tool, score(cases, run.found[tool])))
    print(f"  OWASP average over {len({c.category for c in cases})} categories "
          "(mean TPR / mean FPR / score):")
    for tool in tools:
        tpr, fpr, sc = owasp_average(cases, run.found[tool])
        print(f"  {tool:<28} {tpr:.3f} / {fpr:.3f} / {sc:.3f}")
    for tool in AIPROV:
        hv = sum(bool(run.hints[tool].get(c.path)) for c in cases if c.vulnerable)
        hs = sum(bool(run.hints[tool].get(c.path)) for c in cases if not c.vulnerable)
        print(f"  {tool}: judgement hints (not counted) on {hv} true / {hs} false cases")
    print("\n  per category:")
    for cat in sorted({c.category for c in cases}):
        group = [c for c in cases if c.category == cat]
        v = sum(c.vulnerable for c in group)
        print(f"  -- {cat} (CWE-{CATEGORY_CWE[cat]}): {v} true, {len(group) - v} false")
        for tool in tools:
            print(row("  " + tool, score(group, run.found[tool])))


def print_details(cases: list[Case], run: Run, tools: list[str]) -> None:
    """Per dev case where aiprov (AI policy) is wrong: truth, then each tool's CWEs."""
    ai = next(iter(AIPROV))
    print("\n  dev cases aiprov (AI policy) gets wrong (" + " | ".join(tools) + "):")
    for c in cases:
        if flagged(c, run.found[ai].get(c.path, set())) == c.vulnerable:
            continue
        marks = " | ".join(",".join(str(x) for x in sorted(run.found[t].get(c.path, set())))
                           or "-" for t in tools)
        kind = "MISS" if c.vulnerable else "FALSE ALARM"
        print(f"    {c.name} {c.category:<16} {kind:<12} {marks}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--owasp", type=Path, default=CACHE / "BenchmarkPython",
                    help="a checkout of OWASP-Benchmark/BenchmarkPython at the pinned commit "
                         f"(default {CACHE / 'BenchmarkPython'})")
    ap.add_argument("--split", choices=("dev", "held-out", "both"), default="both")
    ap.add_argument("--details", action="store_true",
                    help="per-case results where aiprov is wrong (dev half only)")
    ap.add_argument("--write-manifest", metavar="COMMIT",
                    help="maintainers: pin the checkout given by --owasp at COMMIT (rewrites "
                         f"{MANIFEST.relative_to(ROOT)}) instead of running")
    args = ap.parse_args()
    checkout = args.owasp
    if args.write_manifest:
        MANIFEST.write_text(json.dumps(make_manifest(checkout, args.write_manifest),
                                       indent=1, sort_keys=True) + "\n")
        print(f"pinned {checkout} at {args.write_manifest} in {MANIFEST}")
        return
    try:
        verify(checkout, json.loads(MANIFEST.read_text()))
        cases = load_cases(checkout)
    except ManifestError as e:
        sys.exit(f"review_owasp: {e}")
    helpers = sorted(p.relative_to(checkout).as_posix()
                     for p in (checkout / "helpers").glob("*.py"))
    run = run_tools(checkout, [c.path for c in cases] + helpers)
    tools = [*AIPROV, BANDIT]
    if (checkout / SARIF).is_file():
        run.found[BANDIT_SARIF] = sarif_findings(checkout / SARIF)
        tools.append(BANDIT_SARIF)
    print(f"OWASP Benchmark for Python at {checkout}: {len(cases)} test cases, pinned files "
          f"verified; load average {os.getloadavg()[0]:.1f}")
    halves = ("dev", "held-out") if args.split == "both" else (args.split,)
    for half in halves:
        sub = [c for c in cases if split_of(c.name) == half]
        print_half(half, sub, run, tools)
        agree = sum(flagged(c, run.found[BANDIT].get(c.path, set()))
                    == flagged(c, run.found.get(BANDIT_SARIF, {}).get(c.path, set()))
                    for c in sub)
        print(f"  cross-check: our bandit and the repo's SARIF agree on {agree} of {len(sub)} "
              "cases")
        if args.details and half == "dev":
            print_details(sub, run, tools)
    print("\nhelpers/ (reviewed on their own, never counted for a test case):")
    for rel in helpers:
        print(f"  {rel:<28} " + " | ".join(
            f"{t}: {','.join(map(str, sorted(run.found[t][rel]))) or '-'}"
            for t in [*AIPROV, BANDIT]))
    sizes = sorted((checkout / c.path).read_text().count("\n") + 1 for c in cases)
    print(f"\ntime per test case file ({len(cases)} files of {sizes[0]}-{sizes[-1]} lines, "
          f"median {statistics.median(sizes):.0f}; one pass, interleaved):")
    for tool in [*AIPROV, BANDIT]:
        ms = run.ms[tool][:len(cases)]
        print(f"  {tool:<28} median {statistics.median(ms):6.2f} ms  "
              f"p90 {sorted(ms)[int(len(ms) * 0.9)]:6.2f} ms")


if __name__ == "__main__":
    main()
