"""The outcome figures the database computes (``store.queries.outcomes``: grouped in SQL,
suggestions from the rollup) equal the straightforward computation: every finding, snippet
and pull request read back and counted here in Python, for every grouping, both periods and
a developer's scope, on a store with the awkward cases mixed in (findings without a model or
developer of their own, human and agent-written code, dismissed and fixed rows, an
exchange with several findings on different days, rows either side of the window and in its
part days)."""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from provenance.languages import language_for_path
from reviewer.model import AI, HUMAN, Finding, Origin
from store import db
from store import org as store_org
from store.findings import EARLY_STAGES, STATES, record_pull_request, state_of
from store.models import FindingRow
from store.queries import window
from store.queries.outcomes import NO_KEY, outcomes
from store.queries.reports import GROUPINGS
from store.tables import C, E, F, P, S, T
from tests.server import factories as fx
from tests.server.conftest import org_db  # noqa: F401 - a fresh store per test
from tests.store.test_queries import load

NOW = datetime.now(UTC).replace(microsecond=0)
SINCE = NOW - timedelta(days=30)
DEVS = ["ann@x", "ben@x", "cat@x", "dan@x", "eve@x"]


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window, "utcnow", lambda: NOW)


def build(engine: Engine, seed: int = 7) -> None:
    rnd = random.Random(seed)

    def when() -> datetime:  # whole minutes, from before the window to now
        return NOW - timedelta(minutes=rnd.randrange(0, 33 * 24 * 60))

    exchanges = []
    for i in range(60):
        e = fx.exchange(developer=rnd.choice(DEVS), repo=rnd.choice(["acme/web", "acme/api"]),
                        tool=rnd.choice(["claude-code", "codex", "aider"]),
                        model=rnd.choice(["claude-sonnet-4", "gpt-5"]), when=when(),
                        snippets=[fx.snippet(k, language=rnd.choice(["python", "go", None]),
                                             when=when()) for k in range(rnd.randrange(4))])
        if i % 7 == 0:  # an exchange that names no model
            e["model_answered"] = e["model_requested"] = None
        exchanges.append(e)
    commits = [fx.commit(repo=rnd.choice(["acme/web", "acme/api"]), author=rnd.choice(DEVS),
                         lines=[], when=when()) for _ in range(12)]
    with engine.begin() as c:
        load(c, fx.batch(exchanges, commits), "import")
    with Session(engine) as s:
        for i in range(400):
            stage = rnd.choice(["suggestion", "suggestion", "write", "commit", "commit", "pr"])
            found = when()

            def later() -> datetime | None:
                return found + timedelta(hours=rnd.randrange(1, 200)) \
                    if rnd.random() < 0.4 else None  # noqa: B023 - called at once

            ex = rnd.choice(exchanges)
            commit = rnd.choice(commits) if stage == "commit" or rnd.random() < 0.2 else None
            s.add(FindingRow(
                stage=stage, rule_id="r", severity="high", confidence="high", line=1,
                found_at=found, code_fp=f"rc1:{i}",
                developer=rnd.choice([*DEVS, "", ""]),
                exchange_id=rnd.choice([ex["id"], ex["id"], None, "gone"]),
                model=rnd.choice(["", "", "claude-opus-4"]), tool=rnd.choice(["", "", "cursor"]),
                origin=rnd.choice(["ai", "ai-edited", HUMAN, ""]),
                cwe=rnd.choice(["CWE-89", "CWE-79", "CWE-78", "", None]),
                path=rnd.choice(["src/a.py", "src/b.go", "web/c.ts", "README", None]),
                repo=commit["repo"] if commit else rnd.choice(["acme/web", ""]),
                commit_sha=commit["sha"] if commit else "",
                accepted_at=later(), committed_at=later(), fixed_at=later(),
                dismissed_at=found + timedelta(hours=1) if rnd.random() < 0.1 else None))
        ai = [Finding(rule_id="r", cwe=89, cwe_name="", title="t", severity="high",
                      confidence="high", path="a.py", line=1, end_line=1, column=1, quote="q",
                      why="", impact="", fix="", origin=Origin(label=AI))]
        for k in range(8):
            record_pull_request(s, repo=rnd.choice(["acme/web", "acme/api"]), pr=f"#{k}",
                                head_sha=f"{k:040d}", author=rnd.choice(DEVS),
                                findings=ai if k % 3 else [], at=when())
        for dev, team in zip(DEVS[:4], ["red", "red", "blue", ""], strict=True):
            store_org.set_team(s, dev, team)
        s.commit()


# -- the straightforward computation -------------------------------------------------------


def _key(v: Any) -> str:
    return NO_KEY if v is None or v == "" else str(v)


def _utc(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _period(d: date, period: str) -> str:
    return (d - timedelta(days=d.weekday()) if period == "week" else d).isoformat()


def _rate(n: int, d: int, scale: int = 1) -> float | None:
    return round(scale * n / d, 4) if d else None


def _figures(rows: list[dict[str, Any]], suggestions: int, prs: int | None,
             prs_ai: int) -> dict[str, Any]:
    states = dict.fromkeys(STATES, 0)
    for r in rows:
        states[r["state"]] += 1
    suggested = [r for r in rows if r["stage"] == "suggestion"]
    accepted = sum(1 for r in suggested if r["accepted"] or r["committed"])
    fbc = states["fixed-before-commit"]
    committed_ai = sum(1 for r in rows if r["committed"] and r["ai"])
    hours = [r["hours"] for r in rows if r["hours"] is not None]
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows:
        if r["cwe"] and not r["dismissed"]:
            pairs[r["dev"], r["cwe"]] += 1
    insecure = len({r["insecure"] for r in suggested})
    return {
        "findings": len(rows), "states": states, "suggestions": suggestions,
        "insecure_suggestions": insecure,
        "insecure_per_100_suggestions": _rate(insecure, suggestions, 100),
        "suggested_findings": len(suggested), "accepted_suggested_findings": accepted,
        "accepted_insecure_rate": _rate(accepted, len(suggested)),
        "written_findings": sum(1 for r in rows if r["stage"] == "write"),
        "fixed_before_commit": fbc, "committed_from_ai": committed_ai,
        "fixed_before_commit_rate": _rate(fbc, fbc + committed_ai),
        "fixed_later": states["fixed-later"], "fixed": len(hours),
        "median_hours_to_fix": round(statistics.median(hours), 2) if hours else None,
        "dismissed": states["dismissed"],
        "false_positive_rate": _rate(states["dismissed"], len(rows)),
        "recurring_cwes": sum(1 for n in pairs.values() if n >= 2),
        "pull_requests": prs,
        "pull_requests_with_ai_findings": None if prs is None else prs_ai,
        "ai_finding_pr_share": None if prs is None else _rate(prs_ai, prs),
    }


def reference(conn: Connection, *, since: datetime, until: datetime,
              developer: str | None = None, by: str | None = None,
              period: str = "day") -> dict[str, Any]:
    """Every figure from the raw rows, one row at a time."""
    teams = {d: t for d, t in conn.execute(select(T.c.developer, T.c.team))}
    authors = {(r, s): a for r, s, a in conn.execute(select(C.c.repo, C.c.sha, C.c.author))}
    exchanges = {i: (m or r or "", t or "") for i, m, r, t in conn.execute(
        select(E.c.id, E.c.model_answered, E.c.model_requested, E.c.tool))}
    rows = []
    for f in conn.execute(select(F)).mappings():
        found = _utc(f["found_at"])
        if not since <= found < until or f["stage"] == "pr":
            continue
        author = authors.get((f["repo"], f["commit_sha"]))
        if developer is not None and not (
                f["developer"] == developer or (f["developer"] == "" and author == developer)):
            continue
        ai = (f["origin"] or HUMAN) != HUMAN or f["stage"] in EARLY_STAGES
        ex_model, ex_tool = exchanges.get(f["exchange_id"], ("", ""))
        dev = _key(f["developer"] or author)
        fixed = f["fixed_at"]
        rows.append({
            "stage": f["stage"], "ai": ai, "dev": dev, "cwe": f["cwe"] or "",
            "accepted": f["accepted_at"] is not None,
            "committed": f["committed_at"] is not None or f["stage"] == "commit",
            "dismissed": f["dismissed_at"] is not None,
            "state": state_of(f["stage"], f["accepted_at"], f["committed_at"], fixed,
                              f["dismissed_at"]),
            "hours": None if fixed is None else (_utc(fixed) - found).total_seconds() / 3600,
            "insecure": f["exchange_id"] or f"finding:{f['id']}",
            "model": _key(f["model"] or ex_model) if ai else HUMAN,
            "tool": _key(f["tool"] or ex_tool) if ai else HUMAN,
            "team": _key(teams.get(dev)), "developer": dev, "repo": _key(f["repo"]),
            "language": _key(language_for_path(f["path"])),
            "period": _period(found.date(), period),
        })
    snippets = []
    for created, dev, repo, lang, model_a, model_r, tool in conn.execute(
            select(S.c.created_at, S.c.developer, S.c.repo, S.c.language, E.c.model_answered,
                   E.c.model_requested, E.c.tool).join(E, E.c.id == S.c.exchange_id)):
        if since <= _utc(created) < until and developer in (None, dev):
            snippets.append({"model": _key(model_a or model_r), "tool": _key(tool),
                             "developer": _key(dev), "team": _key(teams.get(dev)),
                             "repo": _key(repo), "language": _key(lang),
                             "period": _period(_utc(created).date(), period)})
    prs = []
    for repo, author, ai_n, at in conn.execute(select(P.c.repo, P.c.author, P.c.ai_findings,
                                                      P.c.reviewed_at)):
        if since <= _utc(at) < until and developer in (None, author):
            prs.append({"repo": _key(repo), "developer": _key(author),
                        "team": _key(teams.get(author)), "ai": bool(ai_n),
                        "period": _period(_utc(at).date(), period)})

    def figures(dim: str | None, key: str | None, with_prs: bool) -> dict[str, Any]:
        def mine(r: dict[str, Any]) -> bool:
            return dim is None or r.get(dim) == key

        mine_prs = [p for p in prs if mine(p)] if with_prs else []
        return _figures([r for r in rows if mine(r)], sum(1 for s in snippets if mine(s)),
                        len(mine_prs) if with_prs else None, sum(p["ai"] for p in mine_prs))

    def keys(dim: str, *sources: list[dict[str, Any]]) -> list[str]:
        return sorted({r[dim] for src in sources for r in src if dim in r})

    subset = ("suggestions", "insecure_suggestions", "insecure_per_100_suggestions",
              "suggested_findings", "accepted_suggested_findings", "accepted_insecure_rate")
    out: dict[str, Any] = {
        "totals": figures(None, None, True),
        **{f"by_{d}": [{"key": k, **{n: v for n, v in figures(d, k, False).items()
                                     if n in subset}} for k in keys(d, rows, snippets)]
           for d in ("model", "tool")},
    }
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows:
        if r["cwe"] and not r["dismissed"]:
            pairs[r["dev"], r["cwe"]] += 1
    out["cwe_recurrence"] = [{"developer": d, "cwe": c, "findings": n} for (d, c), n in
                             sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])) if n >= 2]
    if by:
        with_prs = by in ("team", "developer", "repo")
        out["groups"] = [{"key": k, **figures(by, k, with_prs)}
                         for k in keys(by, rows, snippets, prs if with_prs else [])]
    out["period"] = period
    out["trend"] = [{period: k, **figures("period", k, True)}
                    for k in keys("period", rows, snippets, prs)]
    return out


@pytest.mark.parametrize("period", ["day", "week"])
def test_outcomes_equal_the_straightforward_computation(org_db: str, period: str) -> None:  # noqa: F811
    engine = db.get_engine(org_db)
    build(engine)
    with engine.connect() as c:
        for by in (None, *GROUPINGS):
            for developer in (None, "ben@x"):
                got = outcomes(c, since=SINCE, until=NOW + timedelta(seconds=1), by=by,
                               developer=developer, period=period)
                want = reference(c, since=SINCE, until=NOW + timedelta(seconds=1), by=by,
                                 developer=developer, period=period)
                assert got == want, (by, developer)
        # the figures are not all empty: the store has every case in the window
        t = outcomes(c, since=SINCE, until=NOW, period=period)["totals"]
        assert t["findings"] > 150 and t["suggestions"] > 20 and t["recurring_cwes"] > 0
        assert t["median_hours_to_fix"] is not None and t["pull_requests"] > 0
        assert all(t["states"][s] > 0 for s in STATES if s != "reported")
