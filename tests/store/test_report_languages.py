"""Findings per 1,000 lines by language: lines and findings are counted under one name.

A committed line gets its language when the hook stores it; a finding is grouped by the
language of its path when a report runs. Both come from ``provenance.languages``, so for
the extensions the old maps disagreed on (``.tsx`` was ``typescript`` for findings and
``tsx`` for lines; ``.pyi`` and ``.cjs`` had no language for findings) the density of a
language divides that language's findings by that language's lines, read through the
rollup and from the raw rows alike.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from provenance.model import AI, HUMAN, Evidence, LineOrigin
from reviewer.model import HUMAN_ORIGIN, Finding, Origin
from store import db
from store.findings import save_findings
from store.provenance import save_commit
from store.queries import reports
from tests.server.conftest import org_db  # noqa: F401 - a fresh store per test

AT = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
ALICE = "alice@example.com"
REPO = "github.com/o/r"


def _finding(path: str, line: int, origin: Origin) -> Finding:
    return Finding(rule_id="py-eval", cwe=95, cwe_name="Code Injection", title="eval",
                   severity="high", confidence="high", path=path, line=line, end_line=line,
                   column=1, quote="eval(x)", why="w", impact="i", fix="f", origin=origin,
                   fingerprint=f"{path}:{line}")


@pytest.mark.parametrize("use_rollup", [True, False])
def test_findings_per_kloc_by_language_for_tsx_pyi_cjs(org_db: str,  # noqa: F811
                                                        use_rollup: bool) -> None:
    ai = Origin(label=AI, exchange_id="ex_gone")
    ev = (Evidence("1", "ex_gone", 1, 1.0),)
    lines = [LineOrigin("web/App.tsx", n, AI, 0.9, ev) for n in (1, 2)]
    lines += [LineOrigin("web/App.tsx", n, HUMAN, 1.0) for n in (3, 4, 5, 6)]
    lines += [LineOrigin("pkg/api.pyi", n, HUMAN, 1.0) for n in (1, 2)]
    lines += [LineOrigin("tools/build.cjs", n, HUMAN, 1.0) for n in range(1, 6)]
    with db.session(org_db) as s:
        save_commit(s, REPO, "c" * 40, ALICE, AT, lines)
        s.commit()
        save_findings(s, REPO, "c" * 40, [
            _finding("web/App.tsx", 1, ai), _finding("web/App.tsx", 4, HUMAN_ORIGIN),
            _finding("pkg/api.pyi", 2, HUMAN_ORIGIN), _finding("tools/build.cjs", 3,
                                                                 HUMAN_ORIGIN)], at=AT)
    with db.get_engine(org_db).connect() as c:
        rep = reports.report(c, since=AT - timedelta(days=3), until=AT + timedelta(days=3),
                             by="language", trend=False, use_rollup=use_rollup)
    groups = {g["key"]: g for g in rep["groups"]}
    assert set(groups) == {"tsx", "python", "javascript"}
    tsx, pyi, cjs = groups["tsx"], groups["python"], groups["javascript"]
    assert (tsx["ai_lines"], tsx["human_lines"], tsx["findings_ai"], tsx["findings_human"]) == (
        2, 4, 1, 1)
    assert tsx["findings_per_kloc_ai"] == 500.0 and tsx["findings_per_kloc_human"] == 250.0
    assert (pyi["human_lines"], pyi["findings_human"], pyi["findings_per_kloc_human"]) == (
        2, 1, 500.0)
    assert (cjs["human_lines"], cjs["findings_human"], cjs["findings_per_kloc_human"]) == (
        5, 1, 200.0)
