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
        assert a["scenario"] in bax.ALL_SCENARIO_CWES
    assert MANIFEST["scenario_cwes"] == {k: list(v) for k, v in bax.SCENARIO_CWES.items()}
    assert MANIFEST["unseen_scenario_cwes"] == {
        k: list(v) for k, v in bax.UNSEEN_SCENARIO_CWES.items()}
    assert all(703 not in v for v in bax.ALL_SCENARIO_CWES.values())


def test_the_extensions_scenarios_are_a_split_of_their_own():
    # the seven scenarios the extension added share no name with the 28 original ones; every
    # one of them has apps in the vendored subset, and those apps (only those) are unseen-tasks
    assert not set(bax.SCENARIO_CWES) & set(bax.UNSEEN_SCENARIO_CWES)
    assert len(bax.SCENARIO_CWES) == 28 and len(bax.UNSEEN_SCENARIO_CWES) == 7
    apps = bax.load_apps()
    unseen = [a for a in apps if a.split == bax.UNSEEN]
    assert {a.scenario for a in unseen} == set(bax.UNSEEN_SCENARIO_CWES)
    assert {a.lang for a in unseen} == {"python", "javascript"}
    assert all(a.split == split_of(a.id) for a in apps if a.scenario in bax.SCENARIO_CWES)
    # their files are pinned like the others (test_manifest_pins_every_vendored_file checks
    # the hashes of every listed file)
    pinned = {f["path"] for f in MANIFEST["files"]}
    for a in MANIFEST["apps"]:
        if a["scenario"] in bax.UNSEEN_SCENARIO_CWES:
            assert a["code"] in pinned and a["results"] in pinned, a["id"]


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


def _first(split: str, lang: str) -> bax.App:
    return next(a for a in bax.load_apps() if a.split == split and a.lang == lang)


def test_unseen_tasks_are_reported_with_per_cwe_rows_and_never_detailed(capsys):
    dev, unseen = _first("tuning", "python"), _first(bax.UNSEEN, "python")
    reports = bax.run_tools([dev, unseen])
    bax.report([dev, unseen], reports, per_cwe=True, details=True)
    out = capsys.readouterr().out
    assert f"baxbench python [dev]: 1 apps, {len(dev.counted)} units" in out
    assert f"baxbench python [unseen-tasks]: 1 apps, {len(unseen.counted)} units" in out
    unseen_part = out.split("[unseen-tasks]")[1]
    for c in unseen.counted:
        assert f"-- CWE-{c}:" in unseen_part
    assert "bandit" in unseen_part
    # --details names the dev app and never the unseen-tasks one
    assert dev.id in out and unseen.id not in out


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


def test_a_judged_unit_counts_true_only_while_every_finding_of_it_was_judged():
    login = _app("m/Login/Python-Flask/none", "Login", {522})
    us = bax.units([login])
    judged = {(login.id, 89): bax.Judged(login.id, 89, frozenset({(89, 12), (89, 20)}), "r")}
    # both judged findings reported: the false alarm moves to TP in the reviewed figure only
    k, stale = bax.reviewed_counts(us, {login.id: [(89, 12), (89, 20)]}, judged)
    assert (k.tp, k.fp, stale) == (1, 0, [])
    assert score_files(us, {login.id: [(89, 12), (89, 20)]}).fp == 1  # the headline keeps it
    # one judged finding gone: still true, and listed
    k, stale = bax.reviewed_counts(us, {login.id: [(89, 12)]}, judged)
    assert (k.tp, k.fp) == (1, 0) and stale == [f"{login.id} CWE-89: 89@20"]
    # a finding nobody judged (a new line): the unit stays a false alarm
    k, _ = bax.reviewed_counts(us, {login.id: [(89, 12), (89, 40)]}, judged)
    assert (k.tp, k.fp) == (0, 1)


def test_judgements_name_dev_or_unseen_units_whose_exploit_failed(tmp_path):
    apps = bax.load_apps()
    judged = bax.load_reviewed(apps)  # the file as committed loads
    by_id = {a.id: a for a in apps}
    assert judged and all(by_id[app].split != "held-out" for app, _ in judged)
    held = next(a for a in apps if a.split == "held-out")
    dev = next(a for a in apps if a.split == "tuning" and
               any(c not in a.exploited for c in a.counted))
    free = next(c for c in dev.counted if c not in dev.exploited)
    row = 'verdict = "true"\nfindings = ["1@1"]\nwhy = "w"\n'
    # a HELD-OUT app, a CWE the scenario does not test, the same unit judged twice
    for app, cwe in ((held.id, held.counted[0]), (dev.id, 1), (dev.id, free)):
        path = tmp_path / "r.toml"
        path.write_text(f'[[reviewed]]\napp = "{app}"\ncwe = {cwe}\n{row}'
                        + (f'[[reviewed]]\napp = "{app}"\ncwe = {cwe}\n{row}'
                           if app == dev.id and cwe == free else ""))
        try:
            bax.load_reviewed(apps, path)
        except ValueError:
            continue
        raise AssertionError(f"accepted {app} CWE-{cwe}")
