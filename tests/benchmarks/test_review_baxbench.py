"""The BaxBench benchmark: the vendored files are the ones the manifest pinned, the scoring
counts (app, tested CWE) units as the docstring says, and a run over a few dev apps scores
every unit of them."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import review_baxbench as bax  # noqa: E402
from review_independent import score_files, split_of  # noqa: E402

MANIFEST = json.loads(bax.MANIFEST.read_text())


def test_manifest_pins_every_vendored_file():
    listed = {f["path"] for f in MANIFEST["files"]}
    on_disk = {p.relative_to(bax.DATA).as_posix() for p in bax.DATA.rglob("*")
               if p.is_file() and p.name not in ("manifest.json", "README.md")}
    assert listed == on_disk
    bad = [f["path"] for f in MANIFEST["files"]
           if hashlib.sha256((bax.DATA / f["path"]).read_bytes()).hexdigest() != f["sha256"]]
    assert bad == []
    assert MANIFEST["source"] == {"repo": bax.SOURCE_REPO, "commit": bax.SOURCE_COMMIT,
                                  "licence": "MIT"}
    assert "MIT License" in (bax.DATA / "LICENSE").read_text()


def test_every_app_passed_its_functional_tests_and_names_a_tested_scenario():
    apps = bax.load_apps()
    assert len(apps) == len(MANIFEST["apps"]) > 400
    assert {a.lang for a in apps} == {"python", "javascript"}
    assert {a.id.split("/")[0] for a in apps} == set(bax.CONFIGS)
    assert {a.id.rsplit("/", 1)[1] for a in apps} == set(bax.VARIANTS)
    for a in MANIFEST["apps"]:
        res = json.loads((bax.DATA / a["results"]).read_text())
        assert res["num_total_ft"] > 0 and res["num_passed_ft"] == res["num_total_ft"], a["id"]
        assert a["scenario"] in bax.SCENARIO_CWES
    assert MANIFEST["scenario_cwes"] == {k: list(v) for k, v in bax.SCENARIO_CWES.items()}
    assert all(703 not in v for v in bax.SCENARIO_CWES.values())


def _app(app_id: str, scenario: str, exploited: set[int]) -> bax.App:
    return bax.App(app_id, "python", scenario, f"apps/{app_id}/app.py", frozenset(exploited))


def test_scoring_counts_units_of_tested_cwes_only():
    # Login tests 89, 522, 863. 522 exploited (a TP when a credential-storage finding is
    # reported), 89 not exploited (an FP when an SQL finding is reported), 863 not exploited
    # and not predicted (a TN); 693 was exploited too, but only the extension tests it:
    # no unit, and a finding of that CWE counts nowhere.
    login = _app("m/Login/Python-Flask/none", "Login", {522, 693})
    # Logger tests 117 only: exploited and not reported is an FN.
    logger = _app("m/Logger/Python-Flask/none", "Logger", {117, 307})
    us = bax.units([login, logger])
    assert [(u.key, u.cwe, u.vulnerable) for u in us] == [
        (login.id, 89, False), (login.id, 522, True), (login.id, 863, False),
        (logger.id, 117, True)]
    hits = {login.id: [(916, 30), (89, 12), (693, 1)], logger.id: [(693, 3), (79, 9)]}
    k = score_files(us, hits)
    assert (k.tp, k.fn, k.fp, k.tn) == (1, 1, 1, 1)
    # a finding of the family (CWE-256 for 522) anywhere in the app predicts the unit; a
    # finding of another family does not
    k = score_files(us, {login.id: [(256, 400)], logger.id: [(79, 1)]})
    assert (k.tp, k.fn, k.fp, k.tn) == (1, 1, 0, 2)
    # nothing reported: the exploited units are misses, the others true negatives
    k = score_files(us, {})
    assert (k.tp, k.fn, k.fp, k.tn) == (0, 2, 0, 2)


def test_a_run_over_a_few_dev_apps_scores_every_unit(capsys):
    dev = [a for a in bax.load_apps() if split_of(a.id) == "tuning"]
    apps = [next(a for a in dev if a.lang == "python"),
            next(a for a in dev if a.lang == "javascript")]
    reports = bax.run_tools(apps)
    assert set(reports.found["aiprov (AI policy)"]) == {a.id for a in apps}
    assert set(reports.found["bandit"]) == {apps[0].id}  # bandit reads the Python app only
    bax.report(apps, reports, per_cwe=True, details=False)
    out = capsys.readouterr().out
    assert "HELD-OUT" not in out
    for a in apps:
        us = bax.units([a])
        k = score_files(us, reports.found["aiprov (AI policy)"])
        assert k.tp + k.fn + k.fp + k.tn == len(us) == len(a.counted)
        assert f"baxbench {a.lang} [dev]: 1 apps, {len(us)} units" in out
