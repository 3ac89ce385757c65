"""Outcome metrics on a store built by hand, with every figure worked out below; and the
org server's report carries them under the same access rules as its other figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from aiprov.server.render import render
from reviewer.engine import review
from store import db
from store import org as store_org
from store.findings import record_pull_request
from store.models import FindingRow
from store.queries import reports, window
from tests.reviewer.helpers import target
from tests.server import factories as fx
from tests.server.conftest import org, org_db  # noqa: F401 - a fresh store per test
from tests.store.test_queries import load

NOW = datetime.now(UTC)
ALICE, BOB = "alice@example.com", "bob@example.com"
FOUND = NOW - timedelta(hours=20)

# the keys `aiprov report --format json` promises under outcomes.totals (README)
KEYS = {"findings", "states", "suggestions", "insecure_suggestions",
        "insecure_per_100_suggestions", "suggested_findings", "accepted_suggested_findings",
        "accepted_insecure_rate", "written_findings", "fixed_before_commit",
        "committed_from_ai", "fixed_before_commit_rate", "fixed_later", "fixed",
        "median_hours_to_fix", "dismissed", "false_positive_rate", "recurring_cwes",
        "pull_requests", "pull_requests_with_ai_findings", "ai_finding_pr_share"}


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window, "utcnow", lambda: NOW)


def finding(stage: str, cwe: str, dev: str, *, exchange: str | None = None,
            origin: str = "ai", accepted: float | None = None, committed: float | None = None,
            fixed: float | None = None, dismissed: bool = False, **kw: Any) -> FindingRow:
    """A finding first seen at FOUND; the other times are hours after it."""
    def at(h: float | None) -> datetime | None:
        return None if h is None else FOUND + timedelta(hours=h)

    return FindingRow(
        stage=stage, cwe=cwe, developer=dev, exchange_id=exchange, origin=origin,
        rule_id=f"rule.{cwe}", severity="high", confidence="high", line=1, found_at=FOUND,
        code_fp=f"rc1:{cwe}{dev}{stage}{exchange}", accepted_at=at(accepted),
        committed_at=at(committed), fixed_at=at(fixed),
        dismissed_at=at(1) if dismissed else None, dismissed_by=dev if dismissed else None,
        dismiss_reason="false positive" if dismissed else None, **kw)


def build(engine: Engine) -> None:
    """Snippets: alice 3 (claude-code / claude-sonnet-4: e1 two, e2 one), bob 2 (codex /
    gpt-5: e3, e4). Findings (first seen 20 h ago; times in hours after that):

    F1 alice suggestion e1 CWE-89, accepted 1, committed 2, fixed 10 -> fixed-later
    F2 alice suggestion e1 CWE-89                                    -> suggested
    F3 alice suggestion e2 CWE-78, accepted 1, fixed 2               -> fixed-before-commit
    F4 alice write (no exchange) CWE-89, accepted, committed, dismissed -> dismissed
    F5 bob   suggestion e3 CWE-79, accepted 1, committed 3           -> committed
    F6 bob   commit, human code, CWE-79                              -> committed
    Pull requests: alice's with an AI finding; bob's two, one with an AI finding."""
    e1 = fx.exchange(developer=ALICE, snippets=[fx.snippet(0), fx.snippet(1)])
    e2 = fx.exchange(developer=ALICE)
    e3 = fx.exchange(developer=BOB, tool="codex", model="gpt-5")
    e4 = fx.exchange(developer=BOB, tool="codex", model="gpt-5")
    with engine.begin() as c:
        load(c, fx.batch([e1, e2]), ALICE)
        load(c, fx.batch([e3, e4]), BOB)
    ai = review([target("import os\ndef f(c):\n    os.system(c)\n")])
    human = review([target("import os\ndef f(c):\n    os.system(c)\n", ai=False)])
    with Session(engine) as s:
        s.add_all([
            finding("suggestion", "CWE-89", ALICE, exchange=e1["id"], accepted=1, committed=2,
                    fixed=10),
            finding("suggestion", "CWE-89", ALICE, exchange=e1["id"]),
            finding("suggestion", "CWE-78", ALICE, exchange=e2["id"], accepted=1, fixed=2),
            finding("write", "CWE-89", ALICE, accepted=0, committed=1, dismissed=True,
                    tool="claude-code", model="claude-sonnet-4"),
            finding("suggestion", "CWE-79", BOB, exchange=e3["id"], accepted=1, committed=3),
            finding("commit", "CWE-79", BOB, origin="human", committed=0),
        ])
        at = NOW - timedelta(hours=5)
        record_pull_request(s, repo="acme/web", pr="#1", head_sha="a" * 40, author=ALICE,
                            findings=ai, at=at)
        record_pull_request(s, repo="acme/web", pr="#2", head_sha="b" * 40, author=BOB,
                            findings=human, at=at)
        record_pull_request(s, repo="acme/api", pr="#3", head_sha="c" * 40, author=BOB,
                            findings=[], at=at)
        # a new push to #3 is reviewed again: it replaces the counts
        record_pull_request(s, repo="acme/api", pr="#3", head_sha="d" * 40, author=BOB,
                            findings=ai + human, at=at)
        store_org.set_team(s, ALICE, "red")
        store_org.set_team(s, BOB, "blue")
        s.commit()


def outcomes(engine: Engine, **kw: Any) -> dict[str, Any]:
    with engine.connect() as c:
        return dict(reports.report(c, since=NOW - timedelta(days=30), **kw)["outcomes"])


def test_outcome_figures(org_db: str) -> None:  # noqa: F811
    engine = db.get_engine(org_db)
    build(engine)
    oc = outcomes(engine)
    t = oc["totals"]
    assert set(t) == KEYS
    assert t["findings"] == 6
    assert t["states"] == {"suggested": 1, "accepted": 0, "fixed-before-commit": 1,
                           "committed": 2, "fixed-later": 1, "dismissed": 1, "reported": 0}
    # 3 of 5 suggestions had a finding (e1, e2, e3)
    assert (t["suggestions"], t["insecure_suggestions"]) == (5, 3)
    assert t["insecure_per_100_suggestions"] == 60.0
    # F1, F3, F5 of F1, F2, F3, F5 were written to disk
    assert (t["suggested_findings"], t["accepted_suggested_findings"]) == (4, 3)
    assert t["accepted_insecure_rate"] == 0.75
    assert t["written_findings"] == 1
    # F3 fixed before commit; F1, F4, F5 (AI or agent-written) committed
    assert (t["fixed_before_commit"], t["committed_from_ai"]) == (1, 3)
    assert t["fixed_before_commit_rate"] == 0.25
    # F1 10 h, F3 2 h
    assert (t["fixed_later"], t["fixed"], t["median_hours_to_fix"]) == (1, 2, 6.0)
    assert (t["dismissed"], t["false_positive_rate"]) == (1, 0.1667)
    # alice CWE-89 twice (F1, F2; F4 is dismissed), bob CWE-79 twice (F5, F6)
    assert t["recurring_cwes"] == 2
    assert oc["cwe_recurrence"] == [{"developer": ALICE, "cwe": "CWE-89", "findings": 2},
                                    {"developer": BOB, "cwe": "CWE-79", "findings": 2}]
    assert (t["pull_requests"], t["pull_requests_with_ai_findings"]) == (3, 2)
    assert t["ai_finding_pr_share"] == 0.6667
    m = {x["key"]: x for x in oc["by_model"]}
    assert (m["claude-sonnet-4"]["suggestions"], m["claude-sonnet-4"]["insecure_suggestions"],
            m["claude-sonnet-4"]["insecure_per_100_suggestions"],
            m["claude-sonnet-4"]["accepted_insecure_rate"]) == (3, 2, 66.6667, 0.6667)
    assert (m["gpt-5"]["suggestions"], m["gpt-5"]["insecure_per_100_suggestions"],
            m["gpt-5"]["accepted_insecure_rate"]) == (2, 50.0, 1.0)
    assert m["human"]["insecure_per_100_suggestions"] is None  # F6: no suggestion
    tools = {x["key"]: x["insecure_per_100_suggestions"] for x in oc["by_tool"]}
    assert tools == {"claude-code": 66.6667, "codex": 50.0, "human": None}
    assert sum(p["insecure_suggestions"] for p in oc["trend"]) == 3
    assert sum(p["suggestions"] for p in oc["trend"]) == 5
    assert sum(p["pull_requests"] for p in oc["trend"]) == 3


def test_outcomes_per_developer_team_and_week(org_db: str) -> None:  # noqa: F811
    engine = db.get_engine(org_db)
    build(engine)
    d = {x["key"]: x for x in outcomes(engine, by="developer")["groups"]}
    a, b = d[ALICE], d[BOB]
    assert (a["findings"], a["suggestions"], a["insecure_per_100_suggestions"]) == (4, 3, 66.6667)
    assert (a["fixed_before_commit_rate"], a["ai_finding_pr_share"]) == (0.3333, 1.0)
    assert (b["findings"], b["suggestions"], b["insecure_per_100_suggestions"]) == (2, 2, 50.0)
    assert (b["fixed_before_commit_rate"], b["pull_requests"], b["ai_finding_pr_share"]) == (
        0.0, 2, 0.5)
    teams = {x["key"]: x["findings"] for x in outcomes(engine, by="team")["groups"]}
    assert teams == {"red": 4, "blue": 2}
    # a model has no pull requests
    assert {x["pull_requests"] for x in outcomes(engine, by="model")["groups"]} == {None}
    scoped = outcomes(engine, developer=BOB)["totals"]
    assert (scoped["findings"], scoped["suggestions"], scoped["pull_requests"]) == (2, 2, 2)
    weekly = outcomes(engine, period="week")
    assert weekly["period"] == "week"
    assert all(datetime.fromisoformat(p["week"]).weekday() == 0 for p in weekly["trend"])
    with pytest.raises(ValueError, match="period must be one of"):
        outcomes(engine, period="year")


def test_report_renders_outcomes(org_db: str) -> None:  # noqa: F811
    engine = db.get_engine(org_db)
    build(engine)
    with engine.connect() as c:
        rep = reports.report(c, since=NOW - timedelta(days=30), by="developer")
    text = render(rep, "table")
    assert "outcomes of findings" in text and "suggestions per model" in text
    assert "66.7" in text and "25.0%" in text  # insecure/100 of claude, fixed pre-commit
    html = render(rep, "html")
    assert "the same CWE again, per developer" in html
    csv_head = render(rep, "csv").splitlines()[0]
    assert "outcome_insecure_per_100_suggestions" in csv_head


def test_org_report_outcomes_follow_the_access_rules(org) -> None:  # noqa: F811
    build(org.app.state.engine)

    def get(who: str, **params: str) -> dict[str, Any]:
        r = org.client.get("/api/report", params=params, headers=org.h(who))
        assert r.status_code == 200, r.text
        return dict(r.json()["outcomes"])

    for who in ("sec", "admin"):
        assert get(who)["totals"]["findings"] == 6
        assert {g["key"] for g in get(who, by="developer")["groups"]} == {ALICE, BOB}
    # a developer's token gets that developer's outcomes only, however it asks
    alice = get("alice")
    assert (alice["totals"]["findings"], alice["totals"]["pull_requests"]) == (4, 1)
    assert {g["key"] for g in get("alice", by="developer")["groups"]} == {ALICE}
    assert {g["key"] for g in get("bob", by="team")["groups"]} == {"blue"}
    assert [r["developer"] for r in get("bob")["cwe_recurrence"]] == [BOB]
    assert get("bob", period="week")["period"] == "week"
    bad = org.client.get("/api/report", params={"period": "year"}, headers=org.h("sec"))
    assert bad.status_code == 400


def test_an_org_report_can_leave_the_outcomes_out(org) -> None:  # noqa: F811
    """The dashboard asks for the outcomes once (with its team report), not with every
    report it draws: ``outcomes=false`` drops them and changes nothing else."""
    build(org.app.state.engine)
    params = {"by": "model", "trend": "false"}
    full = org.client.get("/api/report", params=params, headers=org.h("sec")).json()
    lean = org.client.get("/api/report", params={**params, "outcomes": "false"},
                          headers=org.h("sec")).json()
    assert "outcomes" in full and "outcomes" not in lean
    window = ("since", "until")  # each request's own clock
    assert {k: v for k, v in full.items() if k not in ("outcomes", *window)} == \
        {k: v for k, v in lean.items() if k not in window}


def test_readme_documents_every_key() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Findings through their life"):
                     readme.index("## Team: notes travel")]
    missing = [k for k in (*KEYS, "by_model", "by_tool", "cwe_recurrence", "trend", "period")
               if f"`{k}`" not in section]
    assert missing == []
