"""The whole-backend benchmark's labels stay tied to their code and to an exploit: every
anchor sits on its label's first line, every labelled weakness has an exploit check or a
stated reason why none runs, and no check is left over from a label that went."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ROOT / "benchmarks" / "data" / "review_apps"
sys.path.insert(0, str(ROOT / "benchmarks"))

import review_exploits  # noqa: E402
from review_exploit_checks.registry import CHECKS, SMOKE  # noqa: E402

review_exploits.register()
LABELS = tomllib.loads((APPS / "labels.toml").read_text())["app"]
WEAKNESSES = [(app["file"], w) for app in LABELS for w in app["weaknesses"]]


def test_every_app_file_is_labelled_once():
    files = sorted(p.relative_to(APPS).as_posix() for ext in ("py", "js")
                   for p in APPS.glob(f"*/*.{ext}"))
    labelled = [app["file"] for app in LABELS]
    assert sorted(labelled) == files


@pytest.mark.parametrize(("file", "w"), WEAKNESSES,
                         ids=[f"{f}:CWE-{w['cwe']}@{w['lines'][0]}" for f, w in WEAKNESSES])
def test_anchor_is_on_the_first_line(file, w):
    lines = (APPS / file).read_text().split("\n")
    lo, hi = w["lines"]
    assert 1 <= lo <= hi <= len(lines)
    assert w["anchor"] in lines[lo - 1]
    assert w["exploit"].strip()


def test_every_weakness_has_a_check_or_a_reason():
    unchecked = [f"{f} CWE-{w['cwe']}" for f, w in WEAKNESSES
                 if review_exploits.lookup(Path(f).stem, w["cwe"], w["lines"][0]) is None
                 and (Path(f).stem, w["cwe"]) not in review_exploits.NOT_RUN]
    assert unchecked == []


def test_no_check_outlives_its_label():
    labelled = {(Path(f).stem, w["cwe"]) for f, w in WEAKNESSES}
    by_line = {(Path(f).stem, w["cwe"], w["lines"][0]) for f, w in WEAKNESSES}
    stale = [k for k in CHECKS if (k if len(k) == 3 else k[:2]) not in (
        by_line if len(k) == 3 else labelled)]
    assert stale == []
    assert not [k for k in review_exploits.NOT_RUN if k not in labelled]
    stems = {Path(app["file"]).stem for app in LABELS}
    assert set(SMOKE) <= stems


def test_the_apps_with_no_weakness_all_have_a_functional_check():
    """A clean app that does not run would be a free true negative."""
    clean = {Path(app["file"]).stem for app in LABELS
             if not app["weaknesses"] and app.get("batch", 1) > 1}
    assert clean and clean <= set(SMOKE)


def test_a_check_runs_and_a_failing_exploit_is_reported(tmp_path):
    """The runner confirms a real exploit (flask_search's SQL injection, in a scratch folder)
    and turns an exploit that has no effect into a failure, never a confirmation."""
    here = str(tmp_path)
    assert review_exploits.run_one(CHECKS[("flask_search", 89)], here) is None

    def no_effect(work: Path) -> None:
        assert (work / "pwned").exists(), "the exploit had no effect"

    err = review_exploits.run_one(review_exploits.Entry(no_effect), here)
    assert err is not None and "no effect" in err
