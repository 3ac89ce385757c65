"""review_first_sight.py: per-rule scoring of findings against the apps' labels (the right
family within the label's lines, one finding per file, line and CWE), on hand-made cases;
its round list is the rounds the labels name, and the apps it reviews are tuning-half ones."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

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


def test_rounds_and_tuning_apps() -> None:
    labels = tomllib.loads((ri.DATA / "review_apps" / "labels.toml").read_text())["app"]
    batches = {a.get("batch", 1) for a in labels if a["file"].startswith("python/")}
    assert batches == set(fs.ROUND_COMMITS)
    apps = fs.tuning_apps({2, 3})
    assert apps and all(ri.split_of(k) == "tuning" and k.startswith("apps/python/")
                        for k in apps)
    by_file = {"apps/" + a["file"]: a.get("batch", 1) for a in labels}
    assert {by_file[k] for k in apps} == {2, 3}
