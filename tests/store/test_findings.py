from __future__ import annotations

from datetime import UTC, datetime, timedelta

from reviewer.engine import review
from store import db
from store.findings import density, open_findings, resolve_fixed, save_findings, time_to_fix
from store.models import CommitRow
from tests.reviewer.helpers import target

BAD = "import os\ndef f(c):\n    os.system(c)\n    return eval(c)\n"


def test_findings_saved_once_fixed_later_and_counted(db_url: str) -> None:
    t0 = datetime(2025, 11, 1, 12, tzinfo=UTC)
    ai = review([target(BAD, "a.py")])
    human = review([target("import os\ndef g(c):\n    os.system(c)\n", "b.py", ai=False)])
    assert len(ai) == 2 and len(human) == 1
    with db.session(db_url) as s:
        s.add(CommitRow(repo="r", sha="c1", committed_at=t0, ai_lines=2000, human_lines=1000))
        s.commit()
        assert save_findings(s, "r", "c1", ai + human, at=t0) == 3
        assert save_findings(s, "r", "c1", ai, at=t0) == 0  # already open: not duplicated
        # c2 changes a.py: eval removed, os.system still there (moved two lines down)
        moved = review([target("import os\n\n\ndef f(c):\n    os.system(c)\n", "a.py")])
        present = {"a.py": {f.fingerprint for f in moved}}
        assert resolve_fixed(s, "r", "c2", present, at=t0 + timedelta(hours=5)) == 1
        still = {(r.path, r.rule_id) for r in open_findings(s, "r")}
        assert still == {("a.py", "py.cmd.shell-string"), ("b.py", "py.cmd.shell-string")}
        # c3 deletes b.py
        assert resolve_fixed(s, "r", "c3", {"b.py": set()}, at=t0 + timedelta(hours=10)) == 1
        d = density(s, "r")
        assert d == {"ai_lines": 2000, "human_lines": 1000, "ai_findings": 2,
                     "human_findings": 1, "ai_per_kloc": 1.0, "human_per_kloc": 1.0}
        ttf = time_to_fix(s, "r")
        assert ttf["ai"] == {"fixed": 1, "open": 1, "median_hours": 5.0}
        assert ttf["human"] == {"fixed": 1, "open": 0, "median_hours": 10.0}
        assert density(s, "other")["ai_per_kloc"] is None


def test_a_suggestions_findings_stay_out_of_the_commits_figures(db_url: str) -> None:
    """The recorder stores what it found in a suggestion for the same code and path before
    the commit: the commit's finding is still stored, no commit fixes the suggestion's, and
    density, time to fix and the org report count committed findings only."""
    from provenance.model import Snippet
    from proxy.exchange import Exchange, Identity, RequestInfo, ResponseInfo
    from store.findings import of_suggestion, save_suggestion_findings, suggestion_rows
    from store.queries.reports import report
    from store.queries.trend import daily_trend

    t0 = datetime(2024, 3, 5, 12, tzinfo=UTC)  # a window of its own (a shared PG store)
    ex = Exchange(id="exsugg1", started_at=t0.timestamp() - 60, method="POST", path="/v1/messages",
                  upstream="u", status=200, request=RequestInfo(api="anthropic.messages"),
                  response=ResponseInfo(model="claude-x"),
                  identity=Identity(developer="dev@example.com", tool="claude-code", repo="sugg"))
    found = review([target(BAD, "a.py")])
    with db.session(db_url) as s:
        from store.exchanges import save

        save(s, [ex])
        rows = suggestion_rows(ex, Snippet(BAD, "write", "python", "a.py", "exsugg1", 0), found)
        assert save_suggestion_findings(s, rows) == 2
        s.add(CommitRow(repo="sugg", sha="s1", committed_at=t0, ai_lines=2000))
        s.commit()
        assert save_findings(s, "sugg", "s1", found, at=t0) == 2  # not taken for already open
        assert resolve_fixed(s, "sugg", "s2", {"a.py": set()}, at=t0 + timedelta(hours=1)) == 2
        assert [r.fixed_at for r in of_suggestion(s, "exsugg1")] == [None, None]
        assert density(s, "sugg")["ai_findings"] == 2
        assert time_to_fix(s, "sugg")["ai"] == {"fixed": 2, "open": 0, "median_hours": 1.0}
        conn = s.connection()
        since, until = t0 - timedelta(days=1), t0 + timedelta(days=1)
        assert report(conn, since=since, until=until, trend=False)["totals"]["findings_ai"] == 2
        days = daily_trend(conn, since=since, until=until)
        assert sum(d["findings_ai"] for d in days) == 2
