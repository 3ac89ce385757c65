"""The OWASP Benchmark scorer on hand-made cases, with no OWASP checkout: OWASP's right-CWE
rule (TP, FP, TN, FN), the category -> CWE family mapping, the split, and the pinning that
refuses a checkout whose files changed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import review_owasp as ro  # noqa: E402

SQLI_BAD = '''from flask import request
import sqlite3

def init(app):
    @app.route('/benchmark/sqli-00/BenchmarkTest00001', methods=['POST'])
    def BenchmarkTest00001_post():
        param = request.form.get("BenchmarkTest00001", "")
        conn = sqlite3.connect("db")
        cur = conn.cursor()
        cur.execute(f"SELECT * FROM users WHERE name = '{param}'")
        return str(cur.fetchall())
'''

SQLI_SAFE = '''from flask import request
import sqlite3

def init(app):
    @app.route('/benchmark/sqli-00/BenchmarkTest00002', methods=['POST'])
    def BenchmarkTest00002_post():
        param = request.form.get("BenchmarkTest00002", "")
        conn = sqlite3.connect("db")
        cur = conn.cursor()
        cur.execute("SELECT * FROM users WHERE name = ?", (param,))
        return str(cur.fetchall())
'''

HELPER = '''import subprocess

def run(cmd):
    return subprocess.run(cmd, shell=True)
'''


def checkout(tmp_path: Path) -> Path:
    """A two-case benchmark in the OWASP layout, pinned by its own manifest."""
    root = tmp_path / "BenchmarkPython"
    (root / "testcode").mkdir(parents=True)
    (root / "helpers").mkdir()
    (root / ro.EXPECTED).write_text("# test name, category, real vulnerability, cwe\n"
                                    "BenchmarkTest00001,sqli,true,89\n"
                                    "BenchmarkTest00002,sqli,false,89\n")
    (root / "testcode" / "BenchmarkTest00001.py").write_text(SQLI_BAD)
    (root / "testcode" / "BenchmarkTest00002.py").write_text(SQLI_SAFE)
    (root / "helpers" / "utils.py").write_text(HELPER)
    return root


def case(category: str, vulnerable: bool, n: int = 1) -> ro.Case:
    return ro.Case(f"BenchmarkTest{n:05d}", category, vulnerable, ro.CATEGORY_CWE[category])


@pytest.mark.parametrize(("category", "reported"), [
    ("pathtraver", 22), ("pathtraver", 73), ("hash", 328), ("hash", 327), ("weakrand", 330),
    ("weakrand", 338), ("xss", 79), ("xpathi", 643), ("codeinj", 94), ("codeinj", 95),
    ("deserialization", 502), ("redirect", 601), ("trustbound", 501), ("sqli", 89),
    ("xxe", 611), ("securecookie", 614), ("securecookie", 1004), ("ldapi", 90), ("cmdi", 78),
])
def test_a_finding_of_the_category_family_flags_the_case(category: str, reported: int) -> None:
    assert ro.flagged(case(category, True), {reported})


@pytest.mark.parametrize(("category", "reported"), [
    ("sqli", 78), ("xss", 89), ("cmdi", 94), ("hash", 330), ("weakrand", 328),
    ("xpathi", 611), ("securecookie", 501), ("pathtraver", 0),
])
def test_a_finding_of_another_family_does_not(category: str, reported: int) -> None:
    assert not ro.flagged(case(category, True), {reported})


def test_tp_fn_fp_tn_and_the_figures() -> None:
    cases = [case("sqli", True, 1), case("sqli", True, 2), case("sqli", False, 3),
             case("sqli", False, 4), case("xss", True, 5), case("xss", False, 6)]
    reported = {"testcode/BenchmarkTest00001.py": {89},  # TP
                "testcode/BenchmarkTest00002.py": {78},  # FN: wrong CWE
                "testcode/BenchmarkTest00003.py": {564},  # FP: sqli family on a false case
                "testcode/BenchmarkTest00004.py": {79},  # TN: another family
                "testcode/BenchmarkTest00005.py": {80},  # TP
                # 6: nothing reported: TN
                "helpers/utils.py": {89, 79}}  # never attributed to a case
    k = ro.score(cases, reported)
    assert (k.tp, k.fn, k.fp, k.tn) == (2, 1, 1, 2)
    tpr, prec, fpr, f1, sc, _ = k.figures()
    assert (tpr, prec, fpr) == (pytest.approx(2 / 3), pytest.approx(2 / 3), pytest.approx(1 / 3))
    assert sc == pytest.approx(1 / 3)
    # OWASP average: sqli TPR 0.5 FPR 0.5, xss TPR 1 FPR 0 -> mean 0.75 / 0.25 / 0.5
    assert ro.owasp_average(cases, reported) == pytest.approx((0.75, 0.25, 0.5))


def test_split_is_by_test_name_and_fills_both_halves() -> None:
    names = [f"BenchmarkTest{i:05d}" for i in range(1, 201)]
    halves = [ro.split_of(n) for n in names]
    assert set(halves) == {"dev", "held-out"}
    assert 60 < halves.count("dev") < 140
    assert halves == [ro.split_of(n) for n in names]


def test_a_hand_made_checkout_is_scored_end_to_end(tmp_path: Path) -> None:
    root = checkout(tmp_path)
    ro.verify(root, ro.make_manifest(root, "0" * 40))
    cases = ro.load_cases(root)
    assert [(c.name, c.vulnerable, c.cwe) for c in cases] == [
        ("BenchmarkTest00001", True, 89), ("BenchmarkTest00002", False, 89)]
    run = ro.run_tools(root, [c.path for c in cases] + ["helpers/utils.py"])
    for tool in [*ro.AIPROV, ro.BANDIT]:
        assert len(run.ms[tool]) == 3
    for tool in ro.AIPROV:
        k = ro.score(cases, run.found[tool])
        assert (k.tp, k.fn, k.fp, k.tn) == (1, 0, 0, 1), tool
    assert 78 in run.found["aiprov (AI policy)"]["helpers/utils.py"]


def test_the_manifest_refuses_a_changed_or_missing_file(tmp_path: Path) -> None:
    root = checkout(tmp_path)
    manifest = ro.make_manifest(root, "ab" * 20)
    (root / "testcode" / "BenchmarkTest00002.py").write_text(SQLI_BAD)
    with pytest.raises(ro.ManifestError) as e:
        ro.verify(root, manifest)
    assert "testcode/BenchmarkTest00002.py changed" in str(e.value)
    assert f"git clone {ro.UPSTREAM}" in str(e.value) and "checkout " + "ab" * 20 in str(e.value)
    (root / "testcode" / "BenchmarkTest00002.py").unlink()
    with pytest.raises(ro.ManifestError, match="BenchmarkTest00002.py missing"):
        ro.verify(root, manifest)
    with pytest.raises(ro.ManifestError, match="no OWASP Benchmark"):
        ro.verify(tmp_path / "nowhere", manifest)
    (root / ".git").mkdir()  # a clone: restoring it is one checkout
    with pytest.raises(ro.ManifestError, match="git -C .* checkout --force " + "ab" * 20):
        ro.verify(root, manifest)


def test_a_category_with_an_unexpected_cwe_is_refused(tmp_path: Path) -> None:
    root = checkout(tmp_path)
    (root / ro.EXPECTED).write_text("BenchmarkTest00001,sqli,true,79\n")
    with pytest.raises(ro.ManifestError, match="expected CWE-89"):
        ro.load_cases(root)


def test_the_committed_manifest_pins_every_case_and_holds_hashes_only() -> None:
    manifest = json.loads(ro.MANIFEST.read_text())
    assert manifest["upstream"] == ro.UPSTREAM and len(manifest["commit"]) == 40
    files = manifest["sha256"]
    assert sum(k.startswith("testcode/") for k in files) == 1243
    assert ro.EXPECTED in files and ro.SARIF in files
    assert all(len(v) == 64 and int(v, 16) >= 0 for v in files.values())


def test_sarif_findings_take_the_cwe_from_the_rule_tags(tmp_path: Path) -> None:
    log = {"runs": [{"tool": {"driver": {"rules": [
        {"id": "B608", "properties": {"tags": ["security", "external/cwe/cwe-89"]}}]}},
        "results": [{"ruleId": "B608", "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "testcode/BenchmarkTest00001.py"}}}]}]}]}
    path = tmp_path / "b.sarif"
    path.write_text(json.dumps(log))
    assert ro.sarif_findings(path) == {"testcode/BenchmarkTest00001.py": {89}}
