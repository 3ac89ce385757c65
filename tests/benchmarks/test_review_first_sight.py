"""review_first_sight.py: per-rule scoring of findings against the apps' labels (the right
family within the label's lines, one finding per file, line and CWE), on hand-made cases;
its round list is the rounds the labels name, and the apps it reviews are tuning-half ones."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import review_first_sight as fs  # noqa: E402
import review_independent as ri  # noqa: E402


def test_per_rule_scores_by_family_lines_and_once_per_line() -> None:
    apps = {"apps/python/a.py": [ri.Weakness("apps/python/a.py", 89, 10, 12, "x"),
                                 ri.Weakness("apps/python/a.py", 117, 30, 30, "y")],
            "apps/python/b.py": []}
    found = {"apps/python/a.py": [
        ("py.sql.built-query", 89, 13),  # within 2 lines of slack: true
        ("py.sql.other", 89, 13),  # the same line and CWE again: not counted twice
        ("py.xss.html", 79, 11),  # in the range but another family: false
        ("py.log.injection", 117, 40),  # the right family, far from the label: false
    ], "apps/python/b.py": [("py.log.injection", 117, 5)]}
    table, hit, total = fs.per_rule(apps, found)
    assert table == {("py.sql.built-query", 89): [1, 0], ("py.xss.html", 79): [0, 1],
                     ("py.log.injection", 117): [0, 2]}
    assert (hit, total) == (1, 2)


@pytest.mark.parametrize("lang", sorted(fs.ROUNDS))
def test_rounds_and_tuning_apps(lang: str) -> None:
    labels = tomllib.loads((ri.DATA / "review_apps" / "labels.toml").read_text())["app"]
    batches = {a.get("batch", 1) for a in labels if a["file"].startswith(f"{lang}/")}
    assert batches == set(fs.ROUNDS[lang])
    apps = fs.tuning_apps({2, 3}, lang)
    assert apps and all(ri.split_of(k) == "tuning" and k.startswith(f"apps/{lang}/")
                        for k in apps)
    by_file = {"apps/" + a["file"]: a.get("batch", 1) for a in labels}
    assert {by_file[k] for k in apps} == {2, 3}
    assert {int(r) for r in fs.default_rounds(lang).split(",")} == set(fs.ROUNDS[lang]) - {1}


def test_python_titles_as_before_and_express_named() -> None:
    assert fs.title("python", "2", "bddb0f4") == "round 2 at bddb0f4 (first sight)"
    assert fs.title("python", "2,3") == "rounds 2,3 today"
    assert fs.title("javascript", "3", "3019ac4") == "Express round 3 at 3019ac4 (first sight)"
    assert fs.title("javascript", "2,3") == "Express rounds 2,3 today"
    assert fs.tuning_apps({3}) != fs.tuning_apps({3}, "javascript")  # batches per language


def test_express_apps_reviewed_in_a_child() -> None:
    """Today's checkout reviews an Express round's apps through the same child as an old one:
    every app gets a list of (rule, CWE, line) findings, and the round is not reviewed empty."""
    apps = fs.tuning_apps({3}, "javascript")
    found = fs.findings(ROOT, apps)
    assert set(found) == set(apps)
    assert all(isinstance(f, tuple) and len(f) == 3 for fs_ in found.values() for f in fs_)
    assert sum(len(v) for v in found.values()) > 0
