"""Org reports: totals and one row per group (team, developer, repo, model, tool, language).

Every function takes a SQLAlchemy ``Connection`` and returns plain dicts ready for JSON; no
function decides who may see what (the server does, from the caller's role) except through
``developer``: when given, only that developer's records count.

Exchange, snippet and line figures come through ``store.queries.window`` (the rollup's whole
days, the raw rows of part days); committed-line counts from the per-commit counters in
``commit_attribution`` unless a grouping needs the lines themselves (model, tool, language);
findings are few, so they are fetched and grouped here, which also gives medians the same
way on both databases. A finding's language is that of its path (``provenance.languages``,
the map its committed lines were stored with), so findings per 1,000 lines of a language
divide like by like. A new report query belongs in this module; the outcome metrics of the
findings' life cycle are in ``store.queries.outcomes`` and come with every report.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, func, literal, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

from provenance.languages import language_for_path
from provenance.model import HUMAN
from store import rollup
from store.findings import committed as committed_rows
from store.queries import window
from store.queries.outcomes import outcomes
from store.queries.trend import daily_trend, from_counters
from store.queries.window import Counters
from store.tables import C, E, F, L, S, T

GROUPINGS = ("team", "developer", "repo", "model", "tool", "language")
NO_KEY = "(none)"


def _team(dev_col: ColumnElement) -> ColumnElement:
    sub = select(T.c.team).where(T.c.developer == dev_col).scalar_subquery()
    return func.coalesce(sub, NO_KEY)


def _key(value: Any) -> str:
    return NO_KEY if value is None or value == "" else str(value)


def _empty() -> dict[str, Any]:
    return {"exchanges": 0, "input_tokens": 0, "output_tokens": 0, "cost_usd": 0.0,
            "snippets_suggested": 0, "snippets_accepted": 0, "ai_lines": 0,
            "ai_edited_lines": 0, "human_lines": 0, "findings_ai": 0, "findings_human": 0,
            "_fix_hours_ai": []}


def _finish(fig: dict[str, Any]) -> dict[str, Any]:
    """Derived figures (rates, shares, densities, median) from the raw counts."""
    out = {k: v for k, v in fig.items() if not k.startswith("_")}
    ai, edited, human = fig["ai_lines"], fig["ai_edited_lines"], fig["human_lines"]
    committed = ai + edited + human
    out["cost_usd"] = round(float(fig["cost_usd"] or 0.0), 6)
    out["committed_lines"] = committed
    out["acceptance_rate"] = (round(fig["snippets_accepted"] / fig["snippets_suggested"], 4)
                              if fig["snippets_suggested"] else None)
    out["ai_share"] = round((ai + edited) / committed, 4) if committed else None
    out["ai_share_verbatim"] = round(ai / committed, 4) if committed else None
    out["ai_share_edited"] = round(edited / committed, 4) if committed else None
    out["findings_per_kloc_ai"] = (round(1000 * fig["findings_ai"] / (ai + edited), 3)
                                   if ai + edited else None)
    out["findings_per_kloc_human"] = (round(1000 * fig["findings_human"] / human, 3)
                                      if human else None)
    fixes = fig["_fix_hours_ai"]
    out["median_fix_hours_ai"] = round(statistics.median(fixes), 2) if fixes else None
    out["fixed_findings_ai"] = len(fixes)
    return out


def report(conn: Connection, *, since: datetime, until: datetime | None = None,
           by: str | None = None, developer: str | None = None,
           trend: bool = True, use_rollup: bool = True, period: str = "day",
           with_outcomes: bool = True) -> dict[str, Any]:
    """Org figures over [since, until): totals, one row per ``by`` group, a daily trend, and
    the outcome metrics of findings under ``outcomes`` (``store.queries.outcomes``; its
    trend per ``period``, day or week; ``with_outcomes=False`` leaves them out: they are the
    costliest part of an org report, and a page that shows them once need not pay thrice).

    ``by=language`` has no exchange figures (an exchange has no single language);
    ``by=model|tool`` puts lines and findings of human origin under ``human``.
    ``use_rollup=False`` reads every figure from the raw rows (slow on a large store; the
    tests hold both answers equal).
    """
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"--by must be one of {', '.join(GROUPINGS)}, got {by!r}")
    until = until or window.utcnow() + timedelta(seconds=1)
    groups: dict[str, dict[str, Any]] = defaultdict(_empty)
    totals = _empty()

    def add(key: str, **vals: Any) -> None:
        for target in ((groups[key], totals) if by else (totals,)):
            for k, v in vals.items():
                target[k] += v or 0

    # exchanges, snippets and committed lines
    per_day: Counters = {}
    if use_rollup:
        # one read when the groups are days (the org totals); else one for the groups
        col = "day" if by is None else "developer" if by == "team" else by
        cells = window.window_counters(conn, col, developer, since, until, _kinds(by))
        if by is None and trend:
            per_day = cells
        elif trend:
            per_day = window.window_counters(conn, "day", developer, since, until,
                                             (rollup.EXCHANGE, rollup.COMMIT))
        _add_counters(add, by, cells, _team_map(conn) if by == "team" else {})
    else:
        _raw_part(conn, add, by, developer, since, until)

    # findings: density and time to fix
    fq = (select(F.c.path, F.c.origin, F.c.found_at, F.c.fixed_at, F.c.repo, C.c.author,
                 E.c.tool, rollup.model_of().label("model"))
          .select_from(F.outerjoin(C, and_(C.c.repo == F.c.repo, C.c.sha == F.c.commit_sha))
                       .outerjoin(E, E.c.id == F.c.exchange_id))
          .where(F.c.found_at >= since, F.c.found_at < until,
                 committed_rows(F)))  # committed code only
    if developer is not None:
        fq = fq.where(C.c.author == developer)
    team_map: dict[str, str | None] = {}
    if by == "team":
        team_map = {dev: team for dev, team in conn.execute(select(T.c.developer, T.c.team))}
    for path, origin, found, fixed, repo, author, tool, model in conn.execute(fq):
        is_ai = (origin or HUMAN) != HUMAN
        k = {None: "", "team": team_map.get(author or ""), "developer": author, "repo": repo,
             "model": model if is_ai else HUMAN, "tool": tool if is_ai else HUMAN,
             "language": language_for_path(path)}[by]
        add(_key(k), **({"findings_ai": 1} if is_ai else {"findings_human": 1}))
        if is_ai and fixed is not None and found is not None:
            hours = (fixed - found).total_seconds() / 3600
            for target in ((groups[_key(k)], totals) if by else (totals,)):
                target["_fix_hours_ai"].append(hours)

    out: dict[str, Any] = {
        "since": since.isoformat(), "until": until.isoformat(), "by": by,
        "scope": developer or "org", "totals": _finish(totals),
    }
    if by:
        out["groups"] = [{"key": k, **_finish(v)} for k, v in
                         sorted(groups.items(), key=lambda kv: (-kv[1]["exchanges"]
                                - kv[1]["ai_lines"] - kv[1]["human_lines"], kv[0]))]
    if with_outcomes:
        out["outcomes"] = outcomes(conn, since=since, until=until, developer=developer, by=by,
                                   period=period, trend=trend)
    if trend:
        out["trend"] = (from_counters(conn, per_day, since=since, until=until,
                                      developer=developer)
                        if use_rollup else
                        daily_trend(conn, since=since, until=until, developer=developer,
                                    use_rollup=False))
    return out


def _team_map(conn: Connection) -> dict[str, str]:
    return dict(conn.execute(select(T.c.developer, T.c.team)).all())  # type: ignore[arg-type]


def _kinds(by: str | None) -> tuple[tuple[str, ...], ...]:
    """The rollup counters a grouping reads (see ``_add_counters``)."""
    lines = (rollup.COMMIT if by in (None, "team", "developer", "repo") else rollup.LINE)
    return ((rollup.SNIPPET, lines) if by == "language"
            else (rollup.EXCHANGE, rollup.SNIPPET, lines))


def _add_counters(add: Callable[..., None], by: str | None, cells: Counters,
                  team_map: dict[str, str]) -> None:
    """Per group, the counters summed over the window; a kind of record adds to a group
    only if the group has such records, as the raw queries return no row for it."""
    keyed: Counters = defaultdict(dict)
    for raw_key, cell in cells.items():
        k = _key(team_map.get(raw_key) if by == "team" else raw_key if by else "")
        target = keyed[k]
        for c, v in cell.items():
            target[c] = target.get(c, 0) + v
    for k, v in keyed.items():
        if by != "language" and v["exchanges"]:
            add(k, exchanges=int(v["exchanges"]), input_tokens=int(v["input_tokens"]),
                output_tokens=int(v["output_tokens"]), cost_usd=float(v["cost_usd"]))
        if v["snippets"]:
            add(k, snippets_suggested=int(v["snippets"]),
                snippets_accepted=int(v["snippets_accepted"]))
        if by in (None, "team", "developer", "repo"):
            if v["commits"]:
                add(k, ai_lines=int(v["commit_ai_lines"]),
                    ai_edited_lines=int(v["commit_ai_edited_lines"]),
                    human_lines=int(v["commit_human_lines"]))
        else:
            for field, col in (("ai_lines", "line_ai"), ("ai_edited_lines", "line_ai_edited"),
                               ("human_lines", "line_human")):
                if v[col]:
                    add(k, **{field: int(v[col])})


def _raw_part(conn: Connection, add: Callable[..., None], by: str | None,
              developer: str | None, since: datetime, until: datetime) -> None:
    """Exchange, snippet and line figures over [since, until), from the raw rows."""
    # exchanges, tokens, cost
    if by != "language":
        key = {None: literal(""), "team": _team(E.c.developer), "developer": E.c.developer,
               "repo": E.c.repo, "model": rollup.model_of(), "tool": E.c.tool}[by]
        q = (select(key.label("k"), func.count(), func.sum(E.c.input_tokens),
                    func.sum(E.c.output_tokens), func.sum(E.c.cost_usd))
             .where(E.c.started_at >= since, E.c.started_at < until).group_by(key))
        if developer is not None:
            q = q.where(E.c.developer == developer)
        for k, n, tin, tout, cost in conn.execute(q):
            add(_key(k), exchanges=n, input_tokens=tin, output_tokens=tout, cost_usd=cost)

    # snippets suggested / accepted (a committed line points at the snippet)
    accepted = exists().where(L.c.snippet_id == S.c.id)
    need_e = by in ("model", "tool")
    key = {None: literal(""), "team": _team(S.c.developer), "developer": S.c.developer,
           "repo": S.c.repo, "model": rollup.model_of(), "tool": E.c.tool,
           "language": S.c.language}[by]
    src = S.join(E, E.c.id == S.c.exchange_id) if need_e else S
    q = (select(key.label("k"), func.count(), func.sum(case((accepted, 1), else_=0)))
         .select_from(src).where(S.c.created_at >= since, S.c.created_at < until).group_by(key))
    if developer is not None:
        q = q.where(S.c.developer == developer)
    for k, n, acc in conn.execute(q):
        add(_key(k), snippets_suggested=n, snippets_accepted=acc)

    # committed lines
    cwin = and_(C.c.committed_at >= since, C.c.committed_at < until)
    if by in (None, "team", "developer", "repo"):
        key = {None: literal(""), "team": _team(C.c.author), "developer": C.c.author,
               "repo": C.c.repo}[by]
        q = (select(key.label("k"), func.sum(C.c.ai_lines), func.sum(C.c.ai_edited_lines),
                    func.sum(C.c.human_lines)).where(cwin).group_by(key))
        if developer is not None:
            q = q.where(C.c.author == developer)
        for k, ai, edited, human in conn.execute(q):
            add(_key(k), ai_lines=ai, ai_edited_lines=edited, human_lines=human)
    else:
        src = L.join(C, C.c.id == L.c.commit_id)
        if by == "language":
            key = L.c.language
        else:
            src = src.outerjoin(E, E.c.id == L.c.exchange_id)
            col = rollup.model_of() if by == "model" else E.c.tool
            key = case((L.c.origin == HUMAN, literal(HUMAN)), else_=col)
        q = (select(key.label("k"), L.c.origin, func.count()).select_from(src).where(cwin)
             .group_by(key, L.c.origin))
        if developer is not None:
            q = q.where(C.c.author == developer)
        for k, origin, n in conn.execute(q):
            field = {"ai": "ai_lines", HUMAN: "human_lines"}.get(origin, "ai_edited_lines")
            add(_key(k), **{field: n})


__all__ = ["GROUPINGS", "NO_KEY", "report"]
