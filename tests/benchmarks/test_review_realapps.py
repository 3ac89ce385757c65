"""The real-apps benchmark's judged findings stay well-formed: each names a reviewed corpus
folder, a rule that exists and a verdict with its reason (no download: the data only)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import review_realapps  # noqa: E402

from reviewer.rules import all_rules  # noqa: E402


def test_every_judged_finding_names_a_corpus_a_rule_and_a_reason() -> None:
    corpora, judged = review_realapps.load()
    assert {c.split for c in corpora} == {"dev", "held-out"}
    assert len({c.file for c in corpora}) == len(corpora)
    rules = {r.id for r in all_rules()}
    for (at, rule), (verdict, why) in judged.items():
        path, _, line = at.rpartition(":")
        assert any(path.startswith(c.folder) for c in corpora), at
        assert line.isdigit() and int(line) >= 1, at
        assert rule in rules, rule
        assert verdict in review_realapps.VERDICTS and why.strip(), at
