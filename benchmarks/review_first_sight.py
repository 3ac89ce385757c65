"""First-sight figures of the review on the whole-backend benchmark, Python and Express (#19).

Each round of Python backends (``batch`` in ``benchmarks/data/review_apps/labels.toml``) was
added to the repository before any rule was tuned to it. Reviewing a round's TUNING-half apps
with the reviewer as it was at the commit that added the round estimates how the review does
on apps it has never seen, without reading the held-out half: the per-rule true and false
findings show which rules generalise badly. Pooled over rounds 2-4 this estimate was 0.59
recall / 0.60 precision when the held-out half read 0.588 / 0.638. Round 5 (3b46c19, 11
tuning-half apps) read 6 of 9 weaknesses (0.67) and precision 0.82 (9 true findings, 2 false).
Round 6 (92c2795, 7 tuning-half apps) read 6 of 8 (0.75) and precision 0.78 (7 true, 2 false);
pooled over rounds 2-6: 31 of 49 (0.63), precision 0.67 (37 true, 18 false). Round 7
(e85af23, a precision round of mostly clean apps; 7 tuning-half apps, 5 of them clean) read 0
of 2 (a Markup filter over a regex substitution, SSRF to a stored destination) and 1 false
finding (py.authz.owner-unchecked on poll results any signed-in user may read); pooled over
rounds 2-7: 31 of 51 (0.61), precision 0.66 (37 true, 19 false). Round 8 (658cae5, 7
tuning-half apps, 2 of them clean) read 3 of 6 (0.50: the fast password hash, the f-string
log line, the startswith('/') redirect check; missed a member who may add and promote
members where only admins should, twice, and a day count with no lower bound) and precision
1.00 (3 true, 0 false); pooled over rounds 2-8: 34 of 57 (0.60), precision 0.68 (40 true, 19
false). Round 9 (64a4460, a precision round of 11 apps, 7 clean; only 3 fell in the tuning
half, 2 of them clean) read 0 of 1 (a decision route with @login_required where managers
alone should decide) and 1 false finding (py.authz.owner-unchecked, as in round 7); pooled
over rounds 2-9: 34 of 58 (0.59), precision 0.67 (40 true, 20 false). Round 10 (fc5921c, 14
apps in the shapes current models write, 7 clean; 8 fell in the tuning half, 4 of them clean)
read 3 of 4 (0.75: the Markup over an f-string, the ORDER BY from a query argument, the
unchecked next redirect; missed the nested quantifier of a letters-and-spaces name regex) and
precision 1.00 (3 true, 0 false); pooled over rounds 2-10 (their sums): 37 of 62 (0.60),
precision 0.68 (43 true, 20 false). Round 11 (f28eb0d, 14 apps in the shapes current models
write, 6 clean; 7 fell in the tuning half, 5 of them clean) read 0 of 2 (missed a stack trace
nested in the error handler's JSON answer and a refill decision route behind the login
dependency alone where the pending queue needs the pharmacist's) and no false finding on the
5 clean apps; pooled over rounds 2-11: 37 of 64 (0.58), precision 0.68 (43 true, 20 false).

Express rounds count apart (``--lang javascript``; their batches are the Express apps'
own): round 2 (bddb0f4, 9 tuning-half apps) read 5 of 12 (0.42) and precision 0.71 (5 true;
2 false, both js.xss.response). Round 3 (3019ac4, 16 apps written before any rule saw them,
9 with one weakness; 10 in the tuning half, 6 of them clean) read 2 of 5 (0.40: the
protocol-relative next past a startswith('/') check, the JWT cookie without HttpOnly or
Secure; missed an ORDER BY built from the query, a startsWith containment check without the
trailing separator, a transfer amount with no lower bound) and precision 1.00 (3 true, 0
false: no false finding on the 6 clean apps); pooled over Express rounds 2-3: 7 of 17
(0.41), precision 0.80 (8 true, 2 false).

For each round the reviewer of its commit runs in a throwaway ``git worktree`` (under a temp
folder, removed after) on today's app files and labels, in a child process so that the two
``reviewer`` packages never meet; findings are scored as ``review_independent.py`` scores the
apps (right family within the label's lines, 2 lines of slack; one finding per file, line and
CWE). ``--current`` adds today's reviewer on the same apps.

Run: flock /tmp/aiprov-bench.lock .venv/bin/python benchmarks/review_first_sight.py
     [--lang python|javascript] [--rounds 2,3,4,5,6,7,8,9,10,11] [--current]
     (the default rounds: Python 2-11, Express 2,3)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import review_independent as ri  # noqa: E402

# the commit that added each round of backends, per language (git log --stat -- benchmarks/
# data/review_apps/<language>): its reviewer had been tuned to the rounds before it only. The
# Express rounds are reviewed by the same engine; their batches count apart from Python's.
ROUNDS = {
    "python": {1: "4d0816e", 2: "bddb0f4", 3: "6075bc8", 4: "cc6b8fd", 5: "3b46c19",
               6: "92c2795", 7: "e85af23", 8: "658cae5", 9: "64a4460", 10: "fc5921c",
               11: "f28eb0d"},
    "javascript": {1: "4d0816e", 2: "bddb0f4", 3: "3019ac4"},
}


def default_rounds(lang: str) -> str:
    """Every round of ``lang`` but the first: the rounds the figures above pool (``2,3``)."""
    return ",".join(str(r) for r in sorted(ROUNDS[lang]) if r > 1)


NAMES = {"python": "", "javascript": "Express "}  # the title's prefix (Python's as it was)

# run in the child with the old checkout first on sys.path: findings as JSON
_DUMP = """
import json, sys
sys.path.insert(0, sys.argv[1])
from reviewer.engine import review
from reviewer.model import AI, Origin, ReviewTarget
origin = Origin(label=AI, tool="bench", model="bench")
out = {}
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    n = text.count("\\n") + 1
    t = ReviewTarget(path.rsplit("/", 1)[-1], text, frozenset(range(1, n + 1)),
                     {i: origin for i in range(1, n + 1)})
    out[path] = [[f.rule_id, f.cwe or 0, f.line] for f in review([t]) if not f.judgement]
json.dump(out, sys.stdout)
"""


def tuning_apps(rounds: set[int], lang: str = "python") -> dict[str, list[ri.Weakness]]:
    """The apps of ``lang`` (python, javascript) of these rounds in the tuning half, with
    their labels."""
    labels = tomllib.loads((ri.DATA / "review_apps" / "labels.toml").read_text())
    out: dict[str, list[ri.Weakness]] = {}
    for app in labels["app"]:
        key = "apps/" + app["file"]
        if not app["file"].startswith(f"{lang}/") or app.get("batch", 1) not in rounds or \
                ri.split_of(key) != "tuning":
            continue
        out[key] = [ri.Weakness(key, w["cwe"], w["lines"][0], w["lines"][1], w["exploit"])
                    for w in app["weaknesses"]]
    return out


def findings(checkout: Path, apps: dict[str, list[ri.Weakness]]) -> dict[str, list[tuple]]:
    """app key -> [(rule id, CWE, line)] of the reviewer in ``checkout``."""
    paths = {str(ri.DATA / "review_apps" / k.removeprefix("apps/")): k for k in apps}
    proc = subprocess.run([sys.executable, "-c", _DUMP, str(checkout), *paths],
                          capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
    return {paths[p]: [tuple(f) for f in fs] for p, fs in json.loads(proc.stdout).items()}


def per_rule(apps: dict[str, list[ri.Weakness]], found: dict[str, list[tuple]]
             ) -> tuple[dict[tuple[str, int], list[int]], int, int]:
    """((rule, CWE) -> [true, false] findings, weaknesses found, weaknesses); a finding is
    counted once per (file, line, CWE), under the first rule that made it."""
    table: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    hit = total = 0
    for key, ws in apps.items():
        seen: set[tuple[int, int]] = set()
        matched: set[int] = set()
        for rule, cwe, line in found.get(key, []):
            ok = [i for i, w in enumerate(ws)
                  if cwe in ri.family(w.cwe) and w.lo - ri.SLACK <= line <= w.hi + ri.SLACK]
            matched.update(ok)
            if (cwe, line) not in seen:
                seen.add((cwe, line))
                table[(rule, cwe)][0 if ok else 1] += 1
        hit += len(matched)
        total += len(ws)
    return dict(table), hit, total


def show(title: str, apps: dict[str, list[ri.Weakness]], found: dict[str, list[tuple]]) -> None:
    table, hit, total = per_rule(apps, found)
    tp = sum(t for t, _ in table.values())
    fp = sum(f for _, f in table.values())
    print(f"\n== {title}: {len(apps)} tuning-half apps, weaknesses found {hit}/{total}, "
          f"findings true {tp} false {fp}"
          + (f" (precision {tp / (tp + fp):.2f})" if tp + fp else ""))
    for (rule, cwe), (t, f) in sorted(table.items(), key=lambda kv: (-kv[1][1], kv[0])):
        print(f"  {rule:<40} CWE-{cwe:<5} true {t:>2}  false {f:>2}")


def title(lang: str, rounds: str, commit: str | None = None) -> str:
    """A table's title: ``round 3 at 6075bc8 (first sight)``, ``Express rounds 2,3 today``."""
    name = NAMES[lang] + ("round" if commit else "rounds")
    return f"{name} {rounds} at {commit} (first sight)" if commit else f"{name} {rounds} today"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=sorted(ROUNDS), default="python",
                    help="the backends' language (javascript: the Express rounds)")
    ap.add_argument("--rounds", default=None, help="rounds (batches) to review (default: "
                    + "; ".join(f"{k} {default_rounds(k)}" for k in ROUNDS) + ")")
    ap.add_argument("--current", action="store_true", help="today's reviewer beside them")
    args = ap.parse_args()
    spec = args.rounds or default_rounds(args.lang)
    rounds = [int(r) for r in spec.split(",")]
    with tempfile.TemporaryDirectory(prefix="aiprov-first-sight-") as tmp:
        for r in rounds:
            commit, where = ROUNDS[args.lang][r], Path(tmp) / f"round{r}"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                            str(where), commit], check=True)
            try:
                apps = tuning_apps({r}, args.lang)
                show(title(args.lang, str(r), commit), apps, findings(where, apps))
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(where)], check=False)
    if args.current:
        apps = tuning_apps(set(rounds), args.lang)
        show(title(args.lang, spec), apps, findings(ROOT, apps))


if __name__ == "__main__":
    main()
