"""The report rollup equals the raw rows it counts, through every writer and on both stores.

Two checks after each step: the rollup kept at write time equals one rebuilt from scratch,
and every report (each grouping, org and developer scope, windows with and without whole
days) is the same read through the rollup as read from the raw rows alone.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from provenance.model import AI, AI_EDITED, HUMAN, Evidence, LineOrigin
from store import db, exchanges, org, rollup
from store.provenance import index_exchange, save_commit
from store.queries import reports, window
from tests.server import factories as f
from tests.server.conftest import org_db  # noqa: F401 - a fresh store per test
from tests.store.test_provenance_store import _exchange
from tests.store.test_queries import load

NOW = datetime.now(UTC)
ALICE, BOB = "alice@example.com", "bob@example.com"


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports read the clock the records were stamped with (``NOW``), not the real one: a
    window that ends "now" ends where the data was made, whenever the test runs."""
    monkeypatch.setattr(window, "utcnow", lambda: NOW)


def _state(conn: Connection) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Both rollups' non-zero rows (a purge zeroes counters, it does not delete rows)."""
    out = {}
    for table, key in ((rollup.R, rollup.KEY), (rollup.RO, ("day", "dim", "value"))):
        for r in conn.execute(select(table)):
            vals = tuple(round(v, 9) if isinstance(v, float) else v
                         for v in (getattr(r, c) for c in rollup.COUNTERS))
            if any(vals):
                out[(table.name, *(str(getattr(r, k)) for k in key))] = vals
    return out


def _rounded(value: Any) -> Any:
    """Costs are float sums whose order differs between the two paths."""
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _windows() -> list[tuple[datetime, datetime | None]]:
    midnight = datetime.combine(NOW.date(), time(), UTC)
    return [(NOW - timedelta(days=30), None),  # the server's window: part days at both ends
            (midnight - timedelta(days=45), midnight - timedelta(days=2)),  # whole days only
            (NOW - timedelta(hours=12), None),  # no whole day: raw only
            # part days of 1 h and 23 h at either end, so both ways of counting them run
            (midnight - timedelta(days=20, hours=-1), midnight - timedelta(days=1, hours=1)),
            (midnight - timedelta(days=20, hours=1), midnight - timedelta(days=3, hours=-1))]


def check(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> dict[tuple[Any, ...], Any]:
    with engine.connect() as c:
        kept = _state(c)
        rollup.rebuild(c)
        assert _state(c) == kept, "the rollup kept at write time differs from a rebuild"
        c.rollback()
        for since, until in _windows():
            for by in (None, *reports.GROUPINGS):
                for dev in (None, ALICE):
                    kw: dict[str, Any] = dict(since=since, until=until, by=by, developer=dev)
                    if until is None:
                        kw["until"] = NOW + timedelta(seconds=1)
                    raw = _rounded(reports.report(c, **kw, use_rollup=False))
                    # the outcome figures read the rollup on either path (``use_rollup``
                    # does not reach them): asking for them again here would compare a call
                    # with itself, and cost half of this test; the other clock below
                    # compares them counted the other way
                    rolled = _rounded(reports.report(c, **kw, with_outcomes=False))
                    assert rolled == {k: v for k, v in raw.items() if k != "outcomes"}, (
                        since, until, by, dev)
                    # either way of counting a part day: from its rows, or as the whole
                    # day less the rows of the rest of it
                    for now in ([kw["until"] + timedelta(days=2)] if until is not None else []):
                        with monkeypatch.context() as m:
                            m.setattr(window, "utcnow", lambda now=now: now)
                            assert _rounded(reports.report(c, **kw)) == raw, (since, by, now)
    return kept


@pytest.mark.parametrize("seed", range(40))
def test_plan_window_counts_every_instant_once(seed: int) -> None:
    """Whole rollup days plus signed raw ranges cover [since, until) exactly."""
    import random

    rnd = random.Random(seed)
    base = datetime(2026, 3, 1, tzinfo=UTC)
    since = base + timedelta(hours=rnd.uniform(0, 24 * 5))
    until = since + timedelta(hours=rnd.choice([0.5, 5, 23, 24, 30, 24 * 4.5]))
    now = base + timedelta(hours=rnd.uniform(0, 24 * 12))
    days, ranges = window.plan_window(since, until, now)
    for k in range(400):
        t = base + timedelta(hours=k * 0.4 + 0.01)
        n = int(days is not None and days[0] <= t.date() < days[1])
        n += sum(sign for sign, lo, hi in ranges if lo <= t < hi)
        assert n == int(since <= t < until), (since, until, now, t)


# the time is the sweep itself (~1,000 reports per store: each grouping, scope and window,
# read both ways, after each of 6 steps): 22 s on PostgreSQL at load 4, 118 s with four busy
# loops beside the usual load (2 CPUs, load ~11), past the default 120 s bound
@pytest.mark.timeout(300)
def test_ingest_late_exchange_retry_and_purge(org_db: str,  # noqa: F811
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(org_db)
    days = [f.NOW - timedelta(days=d, hours=3) for d in (0, 1, 5, 29, 31, 40)]
    exs = [f.exchange(developer=ALICE if i % 2 else BOB, when=w, cost=0.01 * (i + 1),
                      model=("gpt-5", "claude-sonnet-4")[i % 2], tool=("codex", "aider")[i % 2],
                      repo=("acme/web", "acme/api")[i % 3 == 0],
                      snippets=[f.snippet(0, when=w, language=("python", "go")[i % 2])])
           for i, w in enumerate(days)]
    late = f.exchange(developer=ALICE, when=days[3], model="o3", tool="cursor",
                      snippets=[f.snippet(0, when=days[3])])
    exs[0]["model_answered"] = exs[0]["model_requested"] = None  # no model, both ways
    exs[2]["model_answered"] = None  # counts under the model it asked for
    # alice commits lines from an exchange the server has not seen yet, and from exs[1]
    ca = f.commit(author=ALICE, when=days[2], lines=[
        ["src/a.py", 1, "ai", 0.9, late["id"], 0, "python"],
        ["src/a.py", 2, "ai-edited", 0.7, late["id"], 0, "python"],
        ["src/a.py", 3, "ai", 0.9, exs[1]["id"], 0, "python"],
        ["src/a.py", 4, "human", 1.0, None, None, "python"],
        ["src/a.py", 5, "ai", 0.9, exs[0]["id"], 0, "python"]])
    old = f.commit(author=ALICE, when=days[5], lines=[
        ["src/b.py", 1, "ai", 0.9, exs[3]["id"], 0, "python"]])
    fa = f.finding(1, repo="acme/web", sha=ca["sha"], path="src/a.py", line=1, origin="ai",
                   exchange_id=late["id"], found=days[2], fixed=days[1])
    fn = f.finding(2, repo="acme/web", sha=ca["sha"], path="src/a.py", line=5, origin="ai",
                   exchange_id=exs[0]["id"], found=days[2])
    first = f.batch(exs, [ca, old], [fa, fn])
    with engine.begin() as c:
        load(c, first, ALICE)
    check(engine, monkeypatch)
    # one empty model key, whichever path read it: exs[0] and the exchange not seen yet
    with engine.connect() as c:
        for use_rollup in (True, False):
            models = {g["key"]: g for g in reports.report(
                c, since=NOW - timedelta(days=30), by="model", use_rollup=use_rollup,
                trend=False)["groups"]}
            none = models["(none)"]
            assert (none["exchanges"], none["ai_lines"], none["findings_ai"]) == (1, 2, 2)
            assert models["gpt-5"]["exchanges"] == 1 and "" not in models

    with engine.begin() as c:  # the exchange arrives: its lines move to its model and tool
        load(c, f.batch([late], [], []), ALICE)
    before = check(engine, monkeypatch)
    with engine.connect() as c:
        rep = reports.report(c, since=NOW - timedelta(days=30), by="model")
    models = {g["key"]: g for g in rep["groups"]}
    assert models["o3"]["ai_lines"] == 1 and models["o3"]["ai_edited_lines"] == 1

    with engine.begin() as c:  # a retried batch counts nothing twice
        load(c, first, ALICE)
        load(c, f.batch([late], [], []), ALICE)
    assert check(engine, monkeypatch) == before

    # a later commit uses the late exchange's snippet: it now counts as accepted
    cb = f.commit(author=ALICE, when=days[0], lines=[
        ["src/c.py", 1, "ai", 0.9, late["id"], 0, "python"]])
    with engine.begin() as c:
        load(c, f.batch([], [cb], []), ALICE)
    check(engine, monkeypatch)

    # retention cuts between the records: exchanges go while commits that used them stay,
    # and an old commit goes while the snippet it accepted stays
    with Session(engine) as s:
        res = org.purge(s, days=3, now=NOW)
    assert res.exchanges and res.commits
    check(engine, monkeypatch)
    with Session(engine) as s:
        org.purge(s, days=1, now=NOW + timedelta(days=60))
    assert not any(v[0] for v in check(engine, monkeypatch).values())


def test_local_writers(org_db: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """The laptop's path: the recorder's exchange and snippet writes, the commit hook's
    ``save_commit`` (which replaces a commit's lines when it runs again)."""
    url = org_db
    at = [NOW - timedelta(days=d) for d in (1, 2, 35)]
    exs = [_exchange(f"ex_{i}", f"x = {i}\n", developer=ALICE, at=t) for i, t in enumerate(at)]
    with db.session(url) as s:
        exchanges.save(s, exs[:2])
        s.flush()
        for e in exs[:2]:
            index_exchange(s, e)
        s.commit()
        sid = str(s.exec(select(rollup.S.c.id).where(rollup.S.c.exchange_id == "ex_0"))
                  .first()[0])
    engine = db.get_engine(url)
    check(engine, monkeypatch)
    ev = (Evidence(sid, "ex_0", 1, 1.0),)
    late = (Evidence("999", "ex_2", 1, 1.0),)
    with db.session(url) as s:
        save_commit(s, "github.com/o/r", "a" * 40, ALICE, at[0],
                    [LineOrigin("a.py", 1, AI, 0.9, ev), LineOrigin("a.py", 2, HUMAN, 0.9),
                     LineOrigin("a.py", 3, AI_EDITED, 0.8, late)])
        s.commit()
    check(engine, monkeypatch)
    with db.session(url) as s:  # the exchange the commit used is recorded after it
        exchanges.save(s, exs[2:])
        s.flush()
        index_exchange(s, exs[2])
        s.commit()
    check(engine, monkeypatch)
    with db.session(url) as s:  # the hook runs again on the same commit: lines replaced
        save_commit(s, "github.com/o/r", "a" * 40, ALICE, at[1],
                    [LineOrigin("b.py", 1, HUMAN, 0.9), LineOrigin("b.py", 2, AI, 0.9, late)])
        s.commit()
    state = check(engine, monkeypatch)
    assert sum(v[rollup.COUNTERS.index("snippets_accepted")] for v in state.values()) == 0


def test_ensure_fills_a_store_made_before_the_rollup(org_db: str) -> None:  # noqa: F811
    engine = db.get_engine(org_db)
    with engine.begin() as c:
        load(c, f.batch([f.exchange(developer=ALICE)], [], []), ALICE)
        kept = _state(c)
        c.execute(rollup.R.delete())
        c.execute(rollup.RO.delete())
    assert rollup.ensure(engine) is True
    assert rollup.ensure(engine) is False
    with engine.connect() as c:
        assert _state(c) == kept and kept


def test_a_laptop_store_from_before_the_rollup_keeps_recording(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A SQLite store already at the single pre-release revision but without the rollup
    tables and the findings' exchange index (made by an earlier build): the next process
    that opens it (the recorder, the hook's save) gets them, the rollup filled, and its
    writes keep the rollup exact."""
    url = f"sqlite:///{tmp_path}/old.db"
    engine = db.get_engine(url)
    with db.session(url) as s:
        exchanges.save(s, [_exchange("ex_old", "x = 1\n", developer=ALICE, at=NOW)])
        s.commit()
    with engine.begin() as c:
        kept = _state(c)
        for table in (rollup.RO, rollup.R):
            table.drop(c)
        c.execute(text("DROP INDEX ix_finding_exchange"))
    db.dispose_all()
    db._engines.clear()  # noqa: SLF001 - as a new process would start
    try:
        with db.session(url) as s:
            exchanges.save(s, [_exchange("ex_new", "y = 2\n", developer=ALICE, at=NOW)])
            s.commit()
        with db.get_engine(url).connect() as c:
            state = _state(c)
            rebuilt = c.execute(select(rollup.RO.c.exchanges).where(rollup.RO.c.dim == "")
                                ).scalars().all()
        assert kept and state != kept
        assert sum(rebuilt) == 2
        assert "ix_finding_exchange" in {
            ix["name"] for ix in inspect(db.get_engine(url)).get_indexes("finding")}
    finally:
        db.dispose_all()
        db._engines.clear()  # noqa: SLF001


def test_claiming_a_repoless_snippet_moves_its_counts(org_db: str,  # noqa: F811
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A snippet recorded without a repository is claimed by the first commit that uses it
    (``store.provenance.claim_snippets``): its rollup row moves to that repository, on the
    laptop's ``save_commit`` and on the server's ingest alike."""
    url = org_db
    ex = _exchange("ex_norepo", "x = 1\n", developer=ALICE, repo="", at=NOW - timedelta(days=1))
    with db.session(url) as s:
        exchanges.save(s, [ex])
        s.flush()
        index_exchange(s, ex)
        s.commit()
        sid = str(s.exec(select(rollup.S.c.id).where(rollup.S.c.exchange_id == "ex_norepo"))
                  .first()[0])
    engine = db.get_engine(url)
    check(engine, monkeypatch)
    with db.session(url) as s:
        save_commit(s, "github.com/o/r", "c" * 40, ALICE, NOW - timedelta(hours=2),
                    [LineOrigin("a.py", 1, AI, 0.9, (Evidence(sid, "ex_norepo", 1, 1.0),))])
        s.commit()
    state = check(engine, monkeypatch)
    snippets_at = {k[3] for k, v in state.items()
                   if k[0] == rollup.R.name and v[rollup.COUNTERS.index("snippets")]}
    assert snippets_at == {"github.com/o/r"}

    # the server: an exchange synced without a repository, then a commit that uses it
    sync = f.exchange(developer=BOB, repo=None, when=NOW - timedelta(days=1),  # type: ignore[arg-type]
                      snippets=[f.snippet(0, when=NOW - timedelta(days=1))])
    with engine.begin() as c:
        load(c, f.batch([sync], [], []), BOB)
    check(engine, monkeypatch)
    used = f.commit(repo="acme/api", author=BOB, lines=[
        ["src/p.py", 1, "ai", 0.9, sync["id"], 0, "python"]])
    other = f.commit(repo="acme/web", author=BOB, lines=[
        ["src/q.py", 1, "ai", 0.9, sync["id"], 0, "python"]])
    with engine.begin() as c:
        load(c, f.batch([], [used, other], []), BOB)
        got = c.execute(select(rollup.S.c.repo).where(rollup.S.c.exchange_id == sync["id"]))
        assert [r[0] for r in got] == ["acme/api"]  # the first commit listed claims it
    check(engine, monkeypatch)
