"""Report and lookup queries on SQLite and PostgreSQL, with figures worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Connection

from aiprov.server.wire import Batch
from store import db
from store.ingest import ingest
from store.queries import lookup, reports, search, window
from tests.server import factories as f
from tests.server.conftest import org_db  # noqa: F401 - a fresh store per test

NOW = datetime.now(UTC)


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports read the clock the records were stamped with (``NOW``), not the real one: a
    window that ends "now" ends where the data was made, whenever the test runs."""
    monkeypatch.setattr(window, "utcnow", lambda: NOW)


def load(conn: Connection, body: dict, identity: str | None = None) -> None:
    b = Batch.model_validate(body)
    ingest(conn, exchanges=[e.model_dump() for e in b.exchanges],
           commits=[c.model_dump() for c in b.commits],
           findings=[x.model_dump() for x in b.findings], source=identity or "import",
           identity=identity, now=NOW)


@pytest.fixture
def store(org_db: str):  # noqa: F811
    """alice (red): 2 exchanges, 1 snippet accepted, a commit of 2 AI + 1 edited + 1 human
    lines, an AI finding fixed after 10 h; bob (blue): 1 exchange (codex/gpt-5) whose
    snippet he did not use, a commit of 3 human lines with a human finding; and one
    exchange of alice's 40 days ago, outside a 30-day window."""
    engine = db.get_engine(org_db)
    a1 = f.exchange(developer="alice@example.com", cost=0.01)
    a2 = f.exchange(developer="alice@example.com", cost=0.01)
    old = f.exchange(developer="alice@example.com", cost=5.0, when=f.NOW - timedelta(days=40),
                     snippets=[f.snippet(0, when=f.NOW - timedelta(days=40))])
    b1 = f.exchange(developer="bob@example.com", tool="codex", model="gpt-5", cost=0.03,
                    repo="acme/api", snippets=[f.snippet(0, language="go", path="main.go")])
    ca = f.commit(author="alice@example.com", lines=[
        ["src/parse.py", 1, "ai", 0.97, a1["id"], 0, "python"],
        ["src/parse.py", 2, "ai", 0.95, a1["id"], 0, "python"],
        ["src/parse.py", 3, "ai-edited", 0.7, a1["id"], 0, "python"],
        ["src/parse.py", 4, "human", 1.0, None, None, "python"]])
    cb = f.commit(author="bob@example.com", repo="acme/api", lines=[
        ["main.go", i, "human", 1.0, None, None, "go"] for i in (1, 2, 3)])
    found = f.NOW - timedelta(hours=20)
    fa = f.finding(1, repo="acme/web", sha=ca["sha"], path="src/parse.py", line=2, origin="ai",
                   exchange_id=a1["id"], found=found, fixed=found + timedelta(hours=10))
    fb = f.finding(2, repo="acme/api", sha=cb["sha"], path="main.go", line=1, origin="human",
                   found=found)
    with engine.begin() as c:
        load(c, f.batch([a1, a2, old], [ca], [fa]), "alice@example.com")
        load(c, f.batch([b1], [cb], [fb]), "bob@example.com")
        from sqlmodel import Session

        from store import org

        with Session(bind=c) as s:
            org.set_team(s, "alice@example.com", "red")
            org.set_team(s, "bob@example.com", "blue")
            s.flush()
    return engine, {"a1": a1, "b1": b1, "ca": ca, "cb": cb}


def run(engine, **kw):  # type: ignore[no-untyped-def]
    with engine.connect() as c:
        return reports.report(c, since=NOW - timedelta(days=30), **kw)


def test_org_totals(store) -> None:  # type: ignore[no-untyped-def]
    engine, _ = store
    t = run(engine)["totals"]
    assert (t["exchanges"], t["input_tokens"], t["output_tokens"]) == (3, 300, 150)
    assert t["cost_usd"] == pytest.approx(0.05)
    assert (t["snippets_suggested"], t["snippets_accepted"]) == (3, 1)
    assert t["acceptance_rate"] == pytest.approx(0.3333)
    assert (t["ai_lines"], t["ai_edited_lines"], t["human_lines"], t["committed_lines"]) == (
        2, 1, 4, 7)
    assert t["ai_share"] == pytest.approx(3 / 7, abs=1e-4)
    assert t["ai_share_verbatim"] == pytest.approx(2 / 7, abs=1e-4)
    assert t["ai_share_edited"] == pytest.approx(1 / 7, abs=1e-4)
    assert t["findings_per_kloc_ai"] == pytest.approx(1000 / 3, abs=1e-3)
    assert t["findings_per_kloc_human"] == pytest.approx(250.0)
    assert t["median_fix_hours_ai"] == pytest.approx(10.0)


def test_by_team_developer_repo(store) -> None:  # type: ignore[no-untyped-def]
    engine, _ = store
    g = {x["key"]: x for x in run(engine, by="team")["groups"]}
    assert set(g) == {"red", "blue"}
    assert (g["red"]["exchanges"], g["red"]["ai_share"]) == (2, pytest.approx(0.75))
    assert (g["blue"]["exchanges"], g["blue"]["ai_share"], g["blue"]["acceptance_rate"]) == (
        1, 0.0, 0.0)
    assert g["blue"]["findings_per_kloc_human"] == pytest.approx(1000 / 3, abs=1e-3)
    d = {x["key"]: x for x in run(engine, by="developer")["groups"]}
    assert d["alice@example.com"]["cost_usd"] == pytest.approx(0.02)
    r = {x["key"]: x for x in run(engine, by="repo")["groups"]}
    assert r["acme/api"]["committed_lines"] == 3 and r["acme/web"]["committed_lines"] == 4


def test_by_model_tool_language(store) -> None:  # type: ignore[no-untyped-def]
    engine, _ = store
    m = {x["key"]: x for x in run(engine, by="model")["groups"]}
    assert m["claude-sonnet-4"]["exchanges"] == 2 and m["gpt-5"]["exchanges"] == 1
    assert (m["claude-sonnet-4"]["ai_lines"], m["claude-sonnet-4"]["ai_edited_lines"]) == (2, 1)
    assert m["human"]["human_lines"] == 4 and m["human"]["findings_human"] == 1
    assert m["claude-sonnet-4"]["findings_ai"] == 1
    t = {x["key"]: x for x in run(engine, by="tool")["groups"]}
    assert t["codex"]["snippets_suggested"] == 1 and t["claude-code"]["snippets_accepted"] == 1
    lang = {x["key"]: x for x in run(engine, by="language")["groups"]}
    assert lang["python"]["committed_lines"] == 4 and lang["go"]["human_lines"] == 3
    assert lang["go"]["snippets_suggested"] == 1 and lang["python"]["exchanges"] == 0
    assert lang["go"]["findings_human"] == 1 and lang["python"]["findings_ai"] == 1


def test_developer_scope_and_trend(store) -> None:  # type: ignore[no-untyped-def]
    engine, _ = store
    rep = run(engine, developer="bob@example.com")
    t = rep["totals"]
    assert (t["exchanges"], t["human_lines"], t["ai_lines"], t["findings_ai"]) == (1, 3, 0, 0)
    assert rep["scope"] == "bob@example.com"
    trend = run(engine)["trend"]
    assert sum(d["exchanges"] for d in trend) == 3
    assert sum(d["ai_lines"] + d["ai_edited_lines"] + d["human_lines"] for d in trend) == 7
    assert all(len(d["day"]) == 10 for d in trend)
    with pytest.raises(ValueError, match="--by must be one of"):
        run(engine, by="planet")


def test_window_includes_old_records_when_wide_enough(store) -> None:  # type: ignore[no-untyped-def]
    engine, _ = store
    with engine.connect() as c:
        t = reports.report(c, since=NOW - timedelta(days=60), trend=False)["totals"]
    assert t["exchanges"] == 4 and t["cost_usd"] == pytest.approx(5.05)


def test_lookup_and_exchange_detail(store) -> None:  # type: ignore[no-untyped-def]
    engine, d = store
    with engine.connect() as c:
        a = lookup.lookup_line(c, repo="acme/web", path="src/parse.py", line=3,
                                commit=d["ca"]["sha"])
        assert a["origin"] == "ai-edited" and a["source"]["exchange_id"] == d["a1"]["id"]
        assert a["snippet"]["ordinal"] == 0
        x = lookup.exchange_detail(c, d["a1"]["id"])
        assert x["snippets"][0]["accepted"] is True and x["findings"][0]["rule_id"] == "py.eval"
        assert lookup.exchange_detail(c, "nope") is None
        hits = search.search_snippets(c, "return x", developer="bob@example.com")
        assert [h["path"] for h in hits] == ["main.go"]


@pytest.mark.parametrize("text,delta", [("30d", timedelta(days=30)), ("12h", timedelta(hours=12)),
                                        ("2w", timedelta(weeks=2)), ("3m", timedelta(days=90)),
                                        ("7", timedelta(days=7))])
def test_parse_since(text: str, delta: timedelta) -> None:
    assert window.parse_since(text) == delta


def test_parse_since_refuses_garbage() -> None:
    with pytest.raises(ValueError, match="30d"):
        window.parse_since("yesterday")
