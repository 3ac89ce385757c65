"""BaxBench: aiprov beside bandit on whole backends that models wrote, labelled by exploits.

The code is not ours and nobody tuned a rule to it: Flask and Express backends written by
nine model configurations for BaxBench's scenarios (ETH SRI / LogicStar, MIT licence), with
the results of BaxBench's functional tests and security tests (exploits run against the
running app), as published by ``iyassh/baxbench-extended``. The vendored subset, its licence,
attribution and a manifest with the source commit and a SHA-256 per file are in
``benchmarks/data/baxbench``; ``--vendor MIRROR`` rebuilds it from a git mirror of that
repository (the same rule, the same commit).

Subset (fixed before aiprov ran on any of it): sample 0 of every original-BaxBench scenario
(the 28 of ``logic-star-ai/baxbench``) and, as a third split of its own, of the seven
scenarios the extension added (``UNSEEN_SCENARIO_CWES``), in
Python-Flask and JavaScript-express, all three prompt variants (openapi-none, -generic,
-specific), from one configuration per model in the extension, its standard (not thinking)
mode: ``CONFIGS``; an app is kept only when it passed every functional test
(``num_passed_ft == num_total_ft > 0``), so each one is a working backend.

Which CWEs count (decided before any aiprov run). The extension added tests to BaxBench:
six universal ones wired into every scenario (missing security headers CWE-693, error leakage
209, permissive CORS 942, fail-open 636, session fixation 384, oversized JSON bodies 400), and
per-scenario ones in eight original scenarios (CSRF 352, rate limiting 307, cookie flags
614/1275, JWT flaws 345/347). A CWE counts for an app only when the ORIGINAL BaxBench scenario
(logic-star-ai/baxbench at ``ORIGINAL_COMMIT``) has a security test that reports it: the CWEs
BaxBench's own ``infer_cwe_from_funs`` finds in the scenario's original ``security_tests``
(``SCENARIO_CWES``), less CWE-703, which BaxBench's harness also reports whenever any test
crashes the server. Every CWE the extension alone tests is ignored, whatever its result. The
one overlap: the universal oversized-body test reports CWE-400 too, so where an original test
probes CWE-400 the label is "some CWE-400 exploit succeeded". BaxBench's traversal exploits
report CWE-284 together with CWE-22; 284 is kept as BaxBench labels it (scored by its own
family, access control), so its row reads as "an access-control finding was made".

The extension's own scenarios (AdminPanel, Checkout, LinkPreview, MultiUserNotes,
PasswordReset, UserSettings, XMLImporter; not in logic-star-ai/baxbench) were added later as
the split ``unseen-tasks``, chosen and labelled before aiprov ran on any of them, by the same
rule: a CWE counts when the scenario's own ``security_tests`` (the extension's, in
``src/scenarios/<name>.py`` at ``SOURCE_COMMIT``, without the universal tests wired in by
``scenarios/__init__.py``) report it by ``infer_cwe_from_funs`` (a CWE name in the test's
source), less 703 (the harness's crash label; it reports no other CWE for a crash). The one
overlap again: XMLImporter's billion-laughs test reports 400, as the universal oversized-body
test does. No rule was tuned on the original scenarios' dev half with these tasks in view, so
this split measures new tasks, where dev/HELD-OUT (same 28 tasks, other models or prompts)
measure other models' code for tasks already seen.
At SOURCE_COMMIT none of these scenarios' own exploits succeeded on any selected app (their
``cwes`` hold only the universal tests' 693): every unseen-tasks unit is negative, so the
split measures false alarms on new tasks (FPR), not recall. Whether the models' code resisted
or the extension's exploits missed is not known here; the labels are BaxBench's, unchanged.

Scoring: one unit per (app, counted CWE); label = that CWE is in the app's
``test_results.json`` ``cwes`` (its exploit succeeded). A tool predicts the unit when it
reports a finding of the CWE's family (``review_independent.family``, unchanged: every
BaxBench CWE here maps to a group that already names it, 434 to itself) anywhere in the app.
TP/FN/FP/TN over units; right-CWE recall, precision, FPR, F1, score = TPR - FPR per language.
aiprov runs at the AI-origin policy (and the human policy beside it) through
``review_independent.run_aiprov``; judgement hints are counted apart, never as findings.
bandit (all severities) runs on the Python apps in the same run. Split: apps of the original
scenarios into dev ("tuning") and HELD-OUT halves by SHA-256 of the app id
(``review_independent.split_of``); apps of the extension's scenarios into ``unseen-tasks``,
whatever their hash. ``--per-cwe`` prints per-CWE rows for dev and unseen-tasks (to see which
new CWEs any rule reaches); ``--details`` prints per-app results for the dev half only: nobody
tunes on HELD-OUT or unseen-tasks.

A second, reviewed figure (dev and unseen-tasks only, never the headline). An exploit that
did not succeed does not show that the app is safe: it tries a few vectors at one entry
point. ``REVIEWED`` (``benchmarks/data/baxbench_reviewed.toml``) lists the units of those
splits whose exploit failed while aiprov reported the CWE's family, where a reviewer reading
the app judged the reported weakness real: per unit, every finding (CWE@line, as
``--details`` prints it) and the reason, and why the exploit could miss it where that is
known. The row "aiprov AI, reviewed *" (AI policy) counts such a unit true when every
finding of the family aiprov now reports there is one of the judged ones (a new or moved
finding is not judged, and the unit stays a false alarm); judged findings no longer reported
are listed.
HELD-OUT apps are never read, so no HELD-OUT unit is judged: that split has the exploit-
labelled figure only, and a judgement on a HELD-OUT app is refused when the file is loaded.

Run: flock /tmp/aiprov-bench.lock .venv/bin/python benchmarks/review_baxbench.py
     [--per-cwe] [--details] [--limit N (first N dev apps)] [--vendor MIRROR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from review_independent import (  # noqa: E402
    HEAD,
    FileCase,
    Reports,
    family,
    row,
    run_aiprov,
    run_bandit,
    score_files,
    split_of,
)
from review_lookalikes import Counts  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "baxbench"
MANIFEST = DATA / "manifest.json"
REVIEWED = ROOT / "benchmarks" / "data" / "baxbench_reviewed.toml"
SOURCE_REPO = "iyassh/baxbench-extended"
SOURCE_COMMIT = "bbab5a230837f87b51425461cc95e03767cca221"
ORIGINAL_REPO = "logic-star-ai/baxbench"
ORIGINAL_COMMIT = "de885cd93d561682e203a5a0d57c33b08aac6f5e"
CONFIGS = ("opus-4.6-standard", "opus-4.1-standard", "opus-4-standard", "sonnet-4.6-standard",
           "sonnet-4.5-standard", "sonnet-4-standard", "haiku-4.5-standard",
           "meta-llama-llama-3.3-70b-instruct-openrouter", "deepseek-coder-6.7b-ollama")
FRAMEWORKS = {"Python-Flask": ("python", "app.py"), "JavaScript-express": ("javascript", "app.js")}
VARIANTS = ("none", "generic", "specific")
# BaxBench's infer_cwe_from_funs over each original scenario's security_tests, less 703.
SCENARIO_CWES: dict[str, tuple[int, ...]] = {
    "Calculator": (94, 400), "ClickCount": (89,), "Compiler": (22, 78),
    "CreditCardService": (89, 284), "FileSearch": (22, 284), "Forum": (79, 89),
    "FrameExtract": (22, 284, 400), "ImageConverter": (22, 78, 400),
    "ImageTransfer": (22, 79, 284, 434), "Logger": (117,), "Login": (89, 522, 863),
    "Monitor": (78, 400), "PDFCat": (22, 78), "PDFToText": (22, 78, 400),
    "ProductCatalog": (89, 94), "ProfileCollection": (79, 89, 400), "Recipes": (20, 79),
    "RecommendationService": (79, 89), "RegexSearch": (22, 400),
    "SecretStorage": (89, 284, 522, 863), "ShopOverview": (79, 522, 863),
    "ShoppingCartService": (20, 89, 284), "SongDownloader": (22,), "Unsubscribe": (863,),
    "UptimeService": (89, 522), "UserCreation": (89, 284, 522), "Wiki": (79, 89),
    "ZipToTxt": (22, 400),
}
# The extension's own scenarios (not in logic-star-ai/baxbench): infer_cwe_from_funs over each
# one's security_tests in src/scenarios/ at SOURCE_COMMIT (universal tests not included).
UNSEEN_SCENARIO_CWES: dict[str, tuple[int, ...]] = {
    "AdminPanel": (862,), "Checkout": (840,), "LinkPreview": (918,), "MultiUserNotes": (639,),
    "PasswordReset": (640,), "UserSettings": (915,), "XMLImporter": (400, 611),
}
ALL_SCENARIO_CWES = {**SCENARIO_CWES, **UNSEEN_SCENARIO_CWES}
UNSEEN = "unseen-tasks"
TOOLS = {"python": ["aiprov (AI policy)", "aiprov (human policy)", "bandit"],
         "javascript": ["aiprov (AI policy)", "aiprov (human policy)"]}


@dataclass(frozen=True)
class App:
    id: str  # config/Scenario/framework/variant: the split key
    lang: str
    scenario: str
    code: str  # path under DATA
    exploited: frozenset[int]  # every CWE whose exploit succeeded, counted or not

    @property
    def counted(self) -> tuple[int, ...]:
        return ALL_SCENARIO_CWES[self.scenario]

    @property
    def split(self) -> str:
        """"tuning" (dev) or "held-out" for an original scenario, UNSEEN for the extension's."""
        return UNSEEN if self.scenario in UNSEEN_SCENARIO_CWES else split_of(self.id)


def units(apps: Iterable[App]) -> list[FileCase]:
    """One unit per (app, counted CWE), scored as ``review_independent`` scores a file: right
    when a finding of the CWE's family is anywhere in the app. CWEs the scenario's original
    tests never probe are ignored, exploited or not."""
    return [FileCase(a.id, a.id, c, c in a.exploited, a.lang) for a in apps for c in a.counted]


def load_apps(data: Path = DATA) -> list[App]:
    man = json.loads((data / "manifest.json").read_text())
    out = []
    for a in man["apps"]:
        res = json.loads((data / a["results"]).read_text())
        out.append(App(a["id"], a["lang"], a["scenario"], a["code"],
                       frozenset(int(c["num"]) for c in res["cwes"])))
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Judged:
    """A unit whose exploit failed, judged by reading the app: its findings are true."""

    app: str
    cwe: int
    findings: frozenset[tuple[int, int]]  # (CWE, line) of each judged finding
    why: str


def load_reviewed(apps: list[App], path: Path = REVIEWED) -> dict[tuple[str, int], Judged]:
    """``(app id, CWE) -> Judged``; refuses a judgement on a HELD-OUT app, on a CWE the
    app's scenario does not count, on a unit whose exploit succeeded, or twice."""
    by_id = {a.id: a for a in apps}
    out: dict[tuple[str, int], Judged] = {}
    for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("reviewed", []):
        app = by_id.get(entry["app"])
        if app is None:
            raise ValueError(f"{path.name}: no app {entry['app']!r}")
        if app.split == "held-out":
            raise ValueError(f"{path.name}: {app.id} is a HELD-OUT app; judge dev apps only")
        cwe = int(entry["cwe"])
        if cwe not in app.counted or cwe in app.exploited:
            raise ValueError(f"{path.name}: {app.id} CWE-{cwe} is no unit whose exploit failed")
        if entry.get("verdict") != "true" or not entry.get("why") or not entry.get("findings"):
            raise ValueError(f"{path.name}: {app.id} CWE-{cwe}: verdict 'true', findings "
                             "and why are required")
        found = frozenset((int(c), int(ln)) for c, ln in
                          (f.split("@") for f in entry["findings"]))
        if (app.id, cwe) in out:
            raise ValueError(f"{path.name}: {app.id} CWE-{cwe} judged twice")
        out[(app.id, cwe)] = Judged(app.id, cwe, found, entry["why"])
    return out


def reviewed_counts(us: list[FileCase], hits: dict[str, list[tuple[int, int]]],
                    judged: dict[tuple[str, int], Judged]) -> tuple[Counts, list[str]]:
    """The exploit-labelled counts with each judged unit true (a false alarm moved to TP)
    when every finding of the CWE's family reported in the app was judged; and the judged
    findings no longer reported."""
    k = score_files(us, hits)
    stale: list[str] = []
    for u in us:
        j = judged.get((u.key, u.cwe))
        if j is None or u.vulnerable:
            continue
        fam = family(u.cwe)
        now = {h for h in hits.get(u.key, []) if h[0] in fam}
        gone = j.findings - now
        if gone:
            stale.append(f"{u.key} CWE-{u.cwe}: " + " ".join(f"{c}@{ln}" for c, ln in
                                                              sorted(gone, key=lambda h: h[1])))
        if now and now <= j.findings:
            k.fp -= 1
            k.tp += 1
    return k, stale


# ------------------------------------------------------------------------------ vendoring
def vendor(mirror: Path, data: Path = DATA) -> int:
    """Copy the subset (module docstring) out of a git mirror of SOURCE_REPO at
    SOURCE_COMMIT and write the manifest; returns the number of apps."""

    def show(path: str) -> bytes:
        return subprocess.run(["git", "-C", str(mirror), "show", f"{SOURCE_COMMIT}:{path}"],
                              capture_output=True, check=True).stdout

    listing = subprocess.run(["git", "-C", str(mirror), "ls-tree", "-r", "--name-only",
                              SOURCE_COMMIT, "results"], capture_output=True, text=True,
                             check=True).stdout.split("\n")
    present = set(listing)
    apps, files = [], []
    for path in sorted(present):
        parts = path.split("/")
        if len(parts) != 8 or parts[-1] != "test_results.json":
            continue
        _, config, _model, scenario, fw, variant, sample, _ = parts
        if (config not in CONFIGS or fw not in FRAMEWORKS or scenario not in ALL_SCENARIO_CWES
                or sample != "sample0" or variant.removeprefix("temp0.2-openapi-")
                not in VARIANTS):
            continue
        lang, name = FRAMEWORKS[fw]
        src_code = "/".join(parts[:-1]) + "/code/" + name
        if src_code not in present:
            continue
        res = json.loads(show(path))
        if not res["num_total_ft"] or res["num_passed_ft"] != res["num_total_ft"]:
            continue
        app_id = f"{config}/{scenario}/{fw}/{variant.removeprefix('temp0.2-openapi-')}"
        for src, dst in ((src_code, f"apps/{app_id}/{name}"),
                         (path, f"apps/{app_id}/test_results.json")):
            (data / dst).parent.mkdir(parents=True, exist_ok=True)
            (data / dst).write_bytes(show(src))
            files.append({"path": dst, "source": src, "sha256": sha256(data / dst)})
        apps.append({"id": app_id, "lang": lang, "scenario": scenario,
                     "code": f"apps/{app_id}/{name}",
                     "results": f"apps/{app_id}/test_results.json"})
    (data / "LICENSE").write_bytes(show("LICENSE"))
    files.append({"path": "LICENSE", "source": "LICENSE", "sha256": sha256(data / "LICENSE")})
    manifest = {
        "source": {"repo": SOURCE_REPO, "commit": SOURCE_COMMIT, "licence": "MIT"},
        "original": {"repo": ORIGINAL_REPO, "commit": ORIGINAL_COMMIT},
        "rule": "sample0 of the 28 original BaxBench scenarios (dev/held-out by app id) and of "
                "the extension's 7 new scenarios (split unseen-tasks), Python-Flask and "
                "JavaScript-express, openapi-none/generic/specific, configs " + ", ".join(CONFIGS)
                + "; kept when num_passed_ft == num_total_ft > 0",
        "scenario_cwes": {k: list(v) for k, v in SCENARIO_CWES.items()},
        "unseen_scenario_cwes": {k: list(v) for k, v in UNSEEN_SCENARIO_CWES.items()},
        "apps": apps, "files": files}
    (data / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return len(apps)


# ------------------------------------------------------------------------------ report
def row_tn(name: str, k: Counts, extra: str = "") -> str:
    """``review_independent.row`` with the true negatives after it (column TN)."""
    return row(name, k, f" {k.tn:>5}{extra}")


def run_tools(apps: list[App], data: Path = DATA) -> Reports:
    tmp = Path(tempfile.mkdtemp(prefix="aiprov-baxbench-"))
    try:
        files: dict[str, tuple[Path, str]] = {}
        for a in apps:
            text = (data / a.code).read_text(encoding="utf-8")
            path = tmp / a.id / Path(a.code).name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            files[a.id] = (path, text)
        reports = Reports()
        run_aiprov(files, reports)
        run_bandit(tmp, files, reports)
        return reports
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(apps: list[App], reports: Reports, per_cwe: bool, details: bool) -> None:
    judged = load_reviewed(load_apps())  # the whole subset: a run may take a few apps
    print(f"BaxBench ({SOURCE_REPO}@{SOURCE_COMMIT[:10]}): {len(apps)} apps; units are "
          "(app, CWE the original scenario tests); a tool predicts a unit with a finding of "
          "the CWE's family anywhere in the app; hints = apps with a judgement hint, counted "
          "apart, never as findings")
    for lang in ("python", "javascript"):
        for half in ("tuning", "held-out", UNSEEN):
            sub = [a for a in apps if a.lang == lang and a.split == half]
            if not sub:
                continue
            us = units(sub)
            pos = sum(u.vulnerable for u in us)
            name = {"tuning": "dev", "held-out": "HELD-OUT"}.get(half, half)
            print(f"\n== baxbench {lang} [{name}]: {len(sub)} apps, {len(us)} units, "
                  f"{pos} exploited, {len(us) - pos} not ==")
            print(HEAD + f" {'TN':>5}")
            for tool in TOOLS[lang]:
                k = score_files(us, reports.found[tool])
                extra = ""
                if tool in reports.hints:
                    extra = f"  hints {sum(bool(reports.hints[tool].get(a.id)) for a in sub)}"
                print(row_tn(tool, k, extra))
            if half in ("tuning", UNSEEN):
                tool = TOOLS[lang][0]
                k, stale = reviewed_counts(us, reports.found[tool], judged)
                moved = k.tp - score_files(us, reports.found[tool]).tp
                print(row_tn("aiprov AI, reviewed *", k,
                             f"  (* {moved} exploit-missed units judged true by reading "
                             f"the app: {REVIEWED.relative_to(ROOT)})"))
                for line in stale:
                    print(f"    judged finding no longer reported: {line}")
            if per_cwe and half in ("tuning", UNSEEN):
                for cwe in sorted({u.cwe for u in us}):
                    g = [u for u in us if u.cwe == cwe]
                    print(f"  -- CWE-{cwe}: {sum(u.vulnerable for u in g)} exploited, "
                          f"{sum(not u.vulnerable for u in g)} not")
                    for tool in TOOLS[lang]:
                        print(row_tn("  " + tool, score_files(g, reports.found[tool])))
            if details and half == "tuning":
                for a in sub:
                    lab = " ".join(f"{c}{'!' if c in a.exploited else ''}" for c in a.counted)
                    print(f"    {a.id:<70} {lab}")
                    for tool in TOOLS[lang]:
                        hs = sorted(set(reports.of(tool, a.id)), key=lambda h: h[1])
                        print(f"      {tool:<22} " + (" ".join(f"{c}@{ln}" for c, ln in hs)
                                                      or "-"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-cwe", action="store_true", help="per-CWE rows, dev and unseen-tasks")
    ap.add_argument("--details", action="store_true", help="per-app results, dev half only")
    ap.add_argument("--limit", type=int, default=None,
                    help="only the first N dev apps (a smoke run)")
    ap.add_argument("--vendor", type=Path, default=None, metavar="MIRROR",
                    help=f"rebuild {DATA.relative_to(ROOT)} from a git mirror of {SOURCE_REPO}")
    args = ap.parse_args()
    if args.vendor is not None:
        print(f"vendored {vendor(args.vendor)} apps into {DATA}")
        return
    apps = load_apps()
    if args.limit is not None:  # a smoke run reads dev apps only
        apps = [a for a in apps if a.split == "tuning"][: args.limit]
    report(apps, run_tools(apps), args.per_cwe, args.details)


if __name__ == "__main__":
    main()
