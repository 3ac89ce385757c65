"""Report and lookup queries, on SQLite (one machine) and PostgreSQL (the org server).

Every function takes a SQLAlchemy ``Connection`` and returns plain dicts ready for JSON; no
function decides who may see what (the server does, from the caller's role) except through
``developer``: when given, only that developer's records count.

Figures come from the cheapest table that holds them: exchange, snippet and line figures of
whole UTC days from the report rollup (``store.rollup``, kept at write time), those of the
part days at either end of a window from the raw rows; committed-line counts from the
per-commit counters in ``commit_attribution`` unless a grouping needs the lines themselves
(model, tool, language); findings are few, so they are fetched and grouped here, which also
gives medians the same way on both databases. Both paths give the same figures (tests
compare them), so a window's answer does not depend on where its day boundaries fall.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, func, literal, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

from provenance.languages import language_for_path
from store import rollup
from store.tables import RO, C, E, F, L, R, S, T

GROUPINGS = ("team", "developer", "repo", "model", "tool", "language")
HUMAN = "human"
NO_KEY = "(none)"


_SINCE = re.compile(r"^\s*(\d+)\s*([hdwm]?)\s*$")


def utcnow() -> datetime:
    """Now, aware UTC (the store's datetime columns refuse naive values)."""
    return datetime.now(UTC)


_date = rollup.day_of  # the UTC calendar day of a timestamp column, on either database


def parse_since(value: str) -> timedelta:
    """``30d``, ``12h``, ``8w``, ``3m`` (30-day months) or a bare number of days."""
    m = _SINCE.match(value or "")
    if not m:
        raise ValueError(f"--since must look like 30d, 12h, 8w or 3m, got {value!r}")
    n, unit = int(m.group(1)), m.group(2) or "d"
    return {"h": timedelta(hours=n), "d": timedelta(days=n), "w": timedelta(weeks=n),
            "m": timedelta(days=30 * n)}[unit]


# -- reports ------------------------------------------------------------------------------


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
           trend: bool = True, use_rollup: bool = True) -> dict[str, Any]:
    """Org figures over [since, until): totals, one row per ``by`` group, and a daily trend.

    ``by=language`` has no exchange figures (an exchange has no single language);
    ``by=model|tool`` puts lines and findings of human origin under ``human``.
    ``use_rollup=False`` reads every figure from the raw rows (slow on a large store; the
    tests hold both answers equal).
    """
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"--by must be one of {', '.join(GROUPINGS)}, got {by!r}")
    until = until or utcnow() + timedelta(seconds=1)
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
        cells = _window_counters(conn, col, developer, since, until, _kinds(by))
        if by is None and trend:
            per_day = cells
        elif trend:
            per_day = _window_counters(conn, "day", developer, since, until,
                                       (rollup.EXCHANGE, rollup.COMMIT))
        _add_counters(add, by, cells, _team_map(conn) if by == "team" else {})
    else:
        _raw_part(conn, add, by, developer, since, until)

    # findings: density and time to fix
    fq = (select(F.c.path, F.c.origin, F.c.found_at, F.c.fixed_at, F.c.repo, C.c.author,
                 E.c.tool, rollup.model_of().label("model"))
          .select_from(F.outerjoin(C, and_(C.c.repo == F.c.repo, C.c.sha == F.c.commit_sha))
                       .outerjoin(E, E.c.id == F.c.exchange_id))
          .where(F.c.found_at >= since, F.c.found_at < until))
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
    if trend:
        out["trend"] = (_trend(conn, per_day, since=since, until=until, developer=developer)
                        if use_rollup else
                        daily_trend(conn, since=since, until=until, developer=developer,
                                    use_rollup=False))
    return out


def _team_map(conn: Connection) -> dict[str, str]:
    return dict(conn.execute(select(T.c.developer, T.c.team)).all())  # type: ignore[arg-type]


Counters = dict[str, dict[str, Any]]  # a day or key -> rollup counters


def plan_window(since: datetime, until: datetime, now: datetime | None = None
                ) -> tuple[tuple[date, date] | None, list[tuple[int, datetime, datetime]]]:
    """How to count [since, until): rollup days [d0, d1), plus (sign, lo, hi) time ranges
    counted from the raw rows, added or taken away.

    The rollup holds whole UTC days. A part day at either end is either counted from its
    raw rows, or taken as the whole day from the rollup less the raw rows of the rest of
    that day, whichever reads fewer rows; rows are assumed to lie in the past, so the rest
    of today costs nothing (the usual window ends now). A window inside one day is read raw.
    """
    now = now or utcnow()
    since_u, until_u = since.astimezone(UTC), until.astimezone(UTC)
    first = datetime.combine(since_u.date(), time(), UTC)
    if first < since_u:
        first += timedelta(days=1)
    last = datetime.combine(until_u.date(), time(), UTC)
    if first > last:  # no midnight inside the window
        return None, [(1, since, until)]
    day = timedelta(days=1)

    def cost(lo: datetime, hi: datetime) -> float:
        return max(0.0, (min(hi, now) - lo).total_seconds())

    ranges: list[tuple[int, datetime, datetime]] = []
    if since_u < first:  # the part day at the start
        if cost(first - day, since_u) < cost(since_u, first):
            first -= day
            ranges.append((-1, first, since))
        else:
            ranges.append((1, since, first))
    if last < until_u:  # the part day at the end
        if cost(until_u, last + day) < cost(last, until_u):
            ranges.append((-1, until, last + day))
            last += day
        else:
            ranges.append((1, last, until))
    return ((first.date(), last.date()) if first < last else None), ranges


def _kinds(by: str | None) -> tuple[tuple[str, ...], ...]:
    """The rollup counters a grouping reads (see ``_add_counters``)."""
    lines = (rollup.COMMIT if by in (None, "team", "developer", "repo") else rollup.LINE)
    return ((rollup.SNIPPET, lines) if by == "language"
            else (rollup.EXCHANGE, rollup.SNIPPET, lines))


def _window_counters(conn: Connection, col: str, developer: str | None, since: datetime,
                     until: datetime, kinds: tuple[tuple[str, ...], ...]) -> Counters:
    """Rollup counters of [since, until) per value of rollup column ``col`` (``day``, or a
    key column), from the rollup's whole days and, over the part days, from the aggregate
    the rollup is kept with (``store.rollup.facts_between``)."""
    names = [c for kind in kinds for c in kind]
    cells: Counters = defaultdict(lambda: dict.fromkeys(names, 0))
    days, ranges = plan_window(since, until)
    if days is not None:
        if developer is None:  # org-wide: the rollup already summed per grouping
            dim = "" if col == "day" else col
            key = RO.c.day if col == "day" else RO.c.value
            q = (select(key, *(func.sum(RO.c[c]) for c in names))
                 .where(RO.c.day >= days[0], RO.c.day < days[1], RO.c.dim == dim)
                 .group_by(key))
        else:
            q = (select(R.c[col], *(func.sum(R.c[c]) for c in names))
                 .where(R.c.developer == developer, R.c.day >= days[0], R.c.day < days[1])
                 .group_by(R.c[col]))
        for row in conn.execute(q):
            cell = cells[_day(row[0]) if col == "day" else row[0]]
            for c, v in zip(names, row[1:], strict=True):
                cell[c] += v or 0
    for sign, lo, hi in ranges:
        for q, counters in rollup.facts_between(conn, lo, hi, developer, kinds):
            for row in conn.execute(q):
                m = row._mapping
                cell = cells[_day(m["day"]) if col == "day" else m[col]]
                for c in counters:
                    cell[c] += sign * (m[c] or 0)
    return cells


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


def _day(value: Any) -> str:
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)[:10]


def daily_trend(conn: Connection, *, since: datetime, until: datetime,
                developer: str | None = None, use_rollup: bool = True) -> list[dict[str, Any]]:
    """Per day: exchanges, cost, committed lines by origin, AI share, findings by origin."""
    if use_rollup:
        per_day = _window_counters(conn, "day", developer, since, until,
                                   (rollup.EXCHANGE, rollup.COMMIT))
        return _trend(conn, per_day, since=since, until=until, developer=developer)
    days: dict[str, dict[str, Any]] = defaultdict(_trend_day)
    _raw_trend(conn, days, developer, since, until)
    return _trend_finish(conn, days, since=since, until=until, developer=developer)


def _trend_day() -> dict[str, Any]:
    return {"exchanges": 0, "cost_usd": 0.0, "ai_lines": 0, "ai_edited_lines": 0,
            "human_lines": 0, "findings_ai": 0, "findings_human": 0}


def _trend(conn: Connection, per_day: dict[str, dict[str, Any]], *, since: datetime,
           until: datetime, developer: str | None) -> list[dict[str, Any]]:
    """The trend from per-day rollup counters (a day shows if it has records)."""
    days: dict[str, dict[str, Any]] = defaultdict(_trend_day)
    for day, v in per_day.items():
        if v["exchanges"]:
            days[day]["exchanges"] += int(v["exchanges"])
            days[day]["cost_usd"] += float(v["cost_usd"])
        if v["commits"]:
            row = days[day]
            row["ai_lines"] += int(v["commit_ai_lines"])
            row["ai_edited_lines"] += int(v["commit_ai_edited_lines"])
            row["human_lines"] += int(v["commit_human_lines"])
    return _trend_finish(conn, days, since=since, until=until, developer=developer)


def _trend_finish(conn: Connection, days: dict[str, dict[str, Any]], *, since: datetime,
                  until: datetime, developer: str | None) -> list[dict[str, Any]]:
    """Findings per day (from the rows: they are few), then shares, sorted by day."""
    d = _date(conn, F.c.found_at)
    is_ai = case((F.c.origin == HUMAN, 0), else_=1)
    q = (select(d, func.sum(is_ai), func.count())
         .where(F.c.found_at >= since, F.c.found_at < until).group_by(d))
    if developer is not None:
        q = q.where(exists().where(C.c.repo == F.c.repo, C.c.sha == F.c.commit_sha,
                                   C.c.author == developer))
    for day, ai, n in conn.execute(q):
        days[_day(day)]["findings_ai"] += ai or 0
        days[_day(day)]["findings_human"] += (n or 0) - (ai or 0)
    out = []
    for day in sorted(days):
        row = days[day]
        committed = row["ai_lines"] + row["ai_edited_lines"] + row["human_lines"]
        row["cost_usd"] = round(row["cost_usd"], 6)
        row["ai_share"] = (round((row["ai_lines"] + row["ai_edited_lines"]) / committed, 4)
                           if committed else None)
        out.append({"day": day, **row})
    return out


def _raw_trend(conn: Connection, days: dict[str, dict[str, Any]], developer: str | None,
               lo: datetime, hi: datetime) -> None:
    """Exchanges, cost and commit counters per day over [lo, hi), from the raw rows."""
    d = _date(conn, E.c.started_at)
    q = (select(d, func.count(), func.sum(E.c.cost_usd))
         .where(E.c.started_at >= lo, E.c.started_at < hi).group_by(d))
    if developer is not None:
        q = q.where(E.c.developer == developer)
    for day, n, cost in conn.execute(q):
        days[_day(day)]["exchanges"] += n
        days[_day(day)]["cost_usd"] += float(cost or 0)
    d = _date(conn, C.c.committed_at)
    q = (select(d, func.sum(C.c.ai_lines), func.sum(C.c.ai_edited_lines),
                func.sum(C.c.human_lines))
         .where(C.c.committed_at >= lo, C.c.committed_at < hi).group_by(d))
    if developer is not None:
        q = q.where(C.c.author == developer)
    for day, ai, edited, human in conn.execute(q):
        row = days[_day(day)]
        row["ai_lines"] += ai or 0
        row["ai_edited_lines"] += edited or 0
        row["human_lines"] += human or 0


# -- lookup -------------------------------------------------------------------------------


def _norm_path(path: str) -> str:
    path = path.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path.lstrip("/")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def origin_of(conn: Connection, exchange_id: str | None) -> dict[str, Any] | None:
    """Who asked which tool and model, when (no text)."""
    if not exchange_id:
        return None
    row = conn.execute(select(E.c.id, E.c.developer, E.c.tool, E.c.tool_version,
                              rollup.model_of().label("model"), E.c.started_at, E.c.repo,
                              E.c.session_id)
                       .where(E.c.id == exchange_id)).first()
    if row is None:
        return {"exchange_id": exchange_id, "missing": True}
    return {"exchange_id": row.id, "developer": row.developer, "tool": row.tool,
            "tool_version": row.tool_version, "model": row.model or None,
            "time": _iso(row.started_at), "repo": row.repo, "session_id": row.session_id}


def findings_at(conn: Connection, repo: str, sha: str, path: str | None = None,
                line: int | None = None) -> list[dict[str, Any]]:
    q = select(F).where(F.c.repo == repo, F.c.commit_sha == sha)
    if path is not None:
        q = q.where(F.c.path == path)
    if line is not None:
        q = q.where(F.c.line == line)
    return [_finding(r) for r in conn.execute(q.order_by(F.c.path, F.c.line).limit(500))]


def _finding(r: Any) -> dict[str, Any]:
    return {"id": r.id, "repo": r.repo, "commit": r.commit_sha, "path": r.path, "line": r.line,
            "rule_id": r.rule_id, "cwe": r.cwe, "severity": r.severity,
            "confidence": r.confidence, "origin": r.origin, "exchange_id": r.exchange_id,
            "message": r.message, "found_at": _iso(r.found_at), "fixed_sha": r.fixed_sha,
            "fixed_at": _iso(r.fixed_at)}


def lookup_line(conn: Connection, *, repo: str, path: str, line: int,
                commit: str | None = None) -> dict[str, Any]:
    """Where line ``line`` of ``path`` came from.

    With ``commit``: the line as added by that commit (the commit ``git blame`` names for it);
    a prefix of at least 7 hex digits is accepted. Without: at HEAD as far as the server
    knows it, i.e. the most recent synced commit of ``repo`` that added a line at this
    position. That is exact unless a later commit moved the line without touching it
    (``method`` says which was used; pass the blame commit for an exact answer).
    """
    path = _norm_path(path)
    q = (select(L.c.path, L.c.lineno, L.c.origin, L.c.confidence, L.c.exchange_id,
                L.c.snippet_id, L.c.language, C.c.sha, C.c.author, C.c.committed_at, C.c.repo)
         .select_from(L.join(C, C.c.id == L.c.commit_id))
         .where(C.c.repo == repo, L.c.path == path, L.c.lineno == line))
    if commit:
        commit = commit.strip().lower()
        q = q.where(C.c.sha == commit if len(commit) >= 40 else C.c.sha.startswith(commit))
    row = conn.execute(q.order_by(C.c.committed_at.desc()).limit(1)).first()
    answer: dict[str, Any] = {"repo": repo, "path": path, "line": line, "commit": commit,
                              "method": "commit" if commit else "latest-commit-at-position"}
    if row is None:
        answer.update(found=False, origin=None, reason=(
            "no synced commit added this line" + (f" in {commit}" if commit else "") +
            ": written before aiprov was installed, not synced yet, or moved by a later "
            "commit (pass the commit `git blame` names)"))
        return answer
    answer.update(
        found=True, commit=row.sha, origin=row.origin, confidence=row.confidence,
        language=row.language, exchange_id=row.exchange_id,
        commit_info={"sha": row.sha, "author": row.author, "time": _iso(row.committed_at)},
        source=origin_of(conn, row.exchange_id),
        snippet=_snippet_brief(conn, row.snippet_id),
        findings=findings_at(conn, repo, row.sha, path, line),
    )
    return answer


def _snippet_brief(conn: Connection, snippet_id: int | None) -> dict[str, Any] | None:
    if snippet_id is None:
        return None
    r = conn.execute(select(S.c.id, S.c.exchange_id, S.c.ordinal, S.c.kind, S.c.language,
                            S.c.path, S.c.line_count).where(S.c.id == snippet_id)).first()
    return dict(r._mapping) if r else None


def commit_lines(conn: Connection, *, repo: str, sha: str,
                 limit: int = 20000) -> dict[str, Any] | None:
    """A commit's attributed lines by file, for the page that colours them by origin."""
    sha = sha.strip().lower()
    q = select(C).where(C.c.repo == repo)
    q = q.where(C.c.sha == sha if len(sha) >= 40 else C.c.sha.startswith(sha))
    c = conn.execute(q.limit(1)).first()
    if c is None:
        return None
    files: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows = conn.execute(select(L.c.path, L.c.lineno, L.c.origin, L.c.confidence,
                               L.c.exchange_id).where(L.c.commit_id == c.id)
                        .order_by(L.c.path, L.c.lineno).limit(limit))
    for r in rows:
        files[r.path].append({"line": r.lineno, "origin": r.origin,
                              "confidence": r.confidence, "exchange_id": r.exchange_id})
    return {"repo": c.repo, "sha": c.sha, "author": c.author, "time": _iso(c.committed_at),
            "ai_lines": c.ai_lines, "ai_edited_lines": c.ai_edited_lines,
            "human_lines": c.human_lines,
            "files": [{"path": p, "lines": ls} for p, ls in files.items()],
            "findings": findings_at(conn, c.repo, c.sha)}


def exchange_detail(conn: Connection, exchange_id: str) -> dict[str, Any] | None:
    """One exchange with its text, snippets and the findings that name it."""
    r = conn.execute(select(E).where(E.c.id == exchange_id)).first()
    if r is None:
        return None
    snippets = [dict(s._mapping) for s in conn.execute(
        select(S.c.id, S.c.ordinal, S.c.kind, S.c.language, S.c.path, S.c.text, S.c.line_count)
        .where(S.c.exchange_id == exchange_id).order_by(S.c.ordinal))]
    accepted = {sid for (sid,) in conn.execute(
        select(L.c.snippet_id).where(L.c.snippet_id.in_([s["id"] for s in snippets]))
        .distinct())} if snippets else set()
    for s in snippets:
        s["accepted"] = s["id"] in accepted
    findings = [_finding(f) for f in conn.execute(
        select(F).where(F.c.exchange_id == exchange_id).order_by(F.c.found_at).limit(200))]
    return {
        "id": r.id, "developer": r.developer, "tool": r.tool, "tool_version": r.tool_version,
        "model": r.model_answered or r.model_requested, "time": _iso(r.started_at),
        "repo": r.repo, "api": r.api, "status": r.status, "input_tokens": r.input_tokens,
        "output_tokens": r.output_tokens, "cost_usd": r.cost_usd, "latency_ms": r.latency_ms,
        "prompt": r.prompt, "system": r.system, "response": r.response_text,
        "snippets": snippets, "findings": findings,
    }


def _like_escape(q: str) -> str:
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_snippets(conn: Connection, text: str, *, developer: str | None = None,
                    repo: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Snippets whose text contains ``text`` (case-insensitive), newest first."""
    needle = text.strip()
    if len(needle) < 3:
        raise ValueError("search text must be at least 3 characters")
    pattern = f"%{_like_escape(needle)}%"
    cond = (S.c.text.ilike(pattern, escape="\\") if conn.dialect.name == "postgresql"
            else func.lower(S.c.text).like(pattern.lower(), escape="\\"))
    q = (select(S.c.id, S.c.exchange_id, S.c.ordinal, S.c.kind, S.c.language, S.c.path,
                S.c.text, S.c.created_at, S.c.developer, S.c.repo)
         .where(cond).order_by(S.c.created_at.desc()).limit(limit))
    if developer is not None:
        q = q.where(S.c.developer == developer)
    if repo:
        q = q.where(S.c.repo == repo)
    out = []
    for r in conn.execute(q):
        out.append({"snippet_id": r.id, "exchange_id": r.exchange_id, "ordinal": r.ordinal,
                    "kind": r.kind, "language": r.language, "path": r.path,
                    "developer": r.developer, "repo": r.repo, "time": _iso(r.created_at),
                    "excerpt": _excerpt(r.text, needle)})
    return out


def _excerpt(text: str, needle: str, width: int = 160) -> str:
    i = text.lower().find(needle.lower())
    if i < 0:
        return text[:width]
    start = max(0, i - width // 2)
    return text[start:start + width + len(needle)]


def recent_exchanges(conn: Connection, *, developer: str | None = None,
                     limit: int = 50) -> list[dict[str, Any]]:
    q = (select(E.c.id, E.c.developer, E.c.tool, rollup.model_of().label("model"),
                E.c.started_at, E.c.repo, E.c.cost_usd)
         .order_by(E.c.started_at.desc()).limit(limit))
    if developer is not None:
        q = q.where(E.c.developer == developer)
    return [{"id": r.id, "developer": r.developer, "tool": r.tool, "model": r.model or None,
             "time": _iso(r.started_at), "repo": r.repo, "cost_usd": r.cost_usd}
            for r in conn.execute(q)]


def owners(conn: Connection, exchange_ids: Iterable[str]) -> dict[str, str]:
    ids = list(set(exchange_ids))
    if not ids:
        return {}
    return dict(conn.execute(select(E.c.id, E.c.developer).where(E.c.id.in_(ids))).all())


__all__ = ["GROUPINGS", "commit_lines", "daily_trend", "exchange_detail", "findings_at",
           "lookup_line", "origin_of", "owners", "parse_since",
           "recent_exchanges", "report", "search_snippets"]
