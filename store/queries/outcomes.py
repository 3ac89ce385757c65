"""Outcome metrics: what happened to insecure code a model suggested or an agent wrote.

Read from the findings' life cycle (``store.findings``: one row per finding, its state derived
by ``store.findings.state_of``) over the findings found in [since, until), the snippets the
report rollup counts in the same window (the suggestions), and the pull requests
``aiprov ci pr`` reviewed (``pull_request``). The findings are counted in the database: one
statement reads the window's findings once (by the index on ``found_at``) and groups them per
figure set, so no finding row reaches Python (an org's 30 days hold tens of thousands); the
suggestion counts come from the rollup (``store.queries.window.counters_by``: one read for
every figure set), so an org window costs the same whatever the org's size.

Stable keys of one figure set (the totals, each group, each trend period; ``None`` when the
figure has no denominator in the window):

- ``findings``: findings first seen in the window (every stage but pull-request reviews);
  ``states``: how many are in each state now (``store.findings.STATES``)
- ``suggestions``: code snippets models suggested; ``insecure_suggestions``: suggestions
  with at least one finding (one per exchange); ``insecure_per_100_suggestions``
- ``suggested_findings``: findings in suggestions; ``accepted_suggested_findings``: those
  later written to disk or committed; ``accepted_insecure_rate``: their share
- ``written_findings``: findings first seen when an agent wrote the file
- ``fixed_before_commit``; ``committed_from_ai``: AI-origin or agent-written insecure code
  that was committed; ``fixed_before_commit_rate``: fixed before commit / (that + committed)
- ``fixed_later``: committed and fixed by a later commit; ``median_hours_to_fix``: from first
  seen to fixed, before or after the commit; ``fixed``: how many that median is over
- ``dismissed``; ``false_positive_rate``: dismissed / findings (triage)
- ``recurring_cwes``: (developer, CWE) pairs with two or more findings not dismissed
- ``pull_requests``, ``pull_requests_with_ai_findings``, ``ai_finding_pr_share`` (pull
  requests reviewed in the window; ``None`` for groupings a pull request has no key in:
  model, tool, language)

Besides ``totals`` (and ``groups`` with ``by``): ``by_model`` and ``by_tool`` (suggestion
figures per model and per tool), ``cwe_recurrence`` (the recurring pairs, most first) and
``trend`` (one figure set per ``day`` or ``week``, by the day a finding was first seen).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    CTE,
    CompoundSelect,
    Float,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from provenance.languages import language_for_path
from provenance.model import HUMAN
from store import rollup
from store.findings import (
    DISMISSED,
    EARLY_STAGES,
    FIXED_BEFORE_COMMIT,
    FIXED_LATER,
    STATES,
    state_of,
)
from store.queries import window
from store.tables import C, E, F, P, T

PERIODS = ("day", "week")
NO_KEY = "(none)"
_PR_GROUPS = (None, "team", "developer", "repo")


def _key(value: Any) -> str:
    return NO_KEY if value is None or value == "" else str(value)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _period(day: date, period: str) -> str:
    return (day - timedelta(days=day.weekday()) if period == "week" else day).isoformat()


class _Fig:
    """The raw counts of one figure set."""

    def __init__(self) -> None:
        self.findings = 0
        self.states: dict[str, int] = dict.fromkeys(STATES, 0)
        self.suggestions = 0
        self.insecure = 0  # exchanges whose suggestion had a finding
        self.suggested = 0
        self.accepted_suggested = 0
        self.written = 0
        self.committed_ai = 0
        self.fixed = 0
        self.median_hours: float | None = None
        self.recurring = 0
        self.prs: int | None = None
        self.prs_ai = 0

    def add(self, stage: str, accepted: bool, committed_at: bool, fixed: bool,
            dismissed: bool, is_ai: bool, n: int) -> None:
        """``n`` findings of one stage with these timestamps set."""
        at = datetime.min  # any time: state_of looks at which are set
        st = state_of(stage, at if accepted else None, at if committed_at else None,
                      at if fixed else None, at if dismissed else None)
        committed = committed_at or stage == "commit"  # is_committed
        self.findings += n
        self.states[st] += n
        if stage == "suggestion":
            self.suggested += n
            self.accepted_suggested += n if accepted or committed else 0
        elif stage == "write":
            self.written += n
        if committed and is_ai:
            self.committed_ai += n
        if fixed:
            self.fixed += n

    def finish(self) -> dict[str, Any]:
        def rate(n: int, d: int, scale: int = 1) -> float | None:
            return round(scale * n / d, 4) if d else None

        fbc = self.states[FIXED_BEFORE_COMMIT]
        return {
            "findings": self.findings, "states": dict(self.states),
            "suggestions": self.suggestions, "insecure_suggestions": self.insecure,
            "insecure_per_100_suggestions": rate(self.insecure, self.suggestions, 100),
            "suggested_findings": self.suggested,
            "accepted_suggested_findings": self.accepted_suggested,
            "accepted_insecure_rate": rate(self.accepted_suggested, self.suggested),
            "written_findings": self.written,
            "fixed_before_commit": fbc, "committed_from_ai": self.committed_ai,
            "fixed_before_commit_rate": rate(fbc, fbc + self.committed_ai),
            "fixed_later": self.states[FIXED_LATER], "fixed": self.fixed,
            "median_hours_to_fix": (None if self.median_hours is None
                                    else round(self.median_hours, 2)),
            "dismissed": self.states[DISMISSED],
            "false_positive_rate": rate(self.states[DISMISSED], self.findings),
            "recurring_cwes": self.recurring,
            "pull_requests": self.prs,
            "pull_requests_with_ai_findings": None if self.prs is None else self.prs_ai,
            "ai_finding_pr_share": None if self.prs is None else rate(self.prs_ai, self.prs),
        }


def outcomes(conn: Connection, *, since: datetime, until: datetime,
             developer: str | None = None, by: str | None = None,
             period: str = "day", trend: bool = True) -> dict[str, Any]:
    """Outcome figures over [since, until) (see the module's keys); ``developer``: only that
    developer's findings, suggestions and pull requests count. ``by`` as in
    ``store.queries.reports`` (team, developer, repo, model, tool, language)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
    teams: dict[str, str] = dict(conn.execute(select(T.c.developer, T.c.team)).all())  # type: ignore[arg-type]
    totals = _Fig()
    groups: dict[str, _Fig] = defaultdict(_Fig)
    by_model: dict[str, _Fig] = defaultdict(_Fig)
    by_tool: dict[str, _Fig] = defaultdict(_Fig)
    periods: dict[str, _Fig] = defaultdict(_Fig)

    # findings: every stage but pull-request reviews (those are counted per pull request),
    # grouped in the database per figure set (totals, model, tool, period, ``by``) over one
    # pass of the window's findings (a common table expression)
    facts = _facts(conn, since, until, developer, period, by)
    keys: dict[str, Any] = {"": None, "model": facts.c.model, "tool": facts.c.tool,
                            "period": facts.c.period}
    # grouped by model or tool, the groups are the model or tool figure sets themselves
    same = {"model": by_model, "tool": by_tool}.get(by or "")
    if by and same is None:
        keys["group"] = facts.c["dev" if by == "developer" else "grp"]
    targets = {"model": by_model, "tool": by_tool, "period": periods, "group": groups}
    # (developer, CWE) recurrences of the sets whose key is a function of the developer
    # are counted from the pairs (below), not grouped again
    mine = {"developer": lambda dev: dev, "team": lambda dev: _key(teams.get(dev))}.get(
        by or "")
    recur = [dim for dim in keys if dim not in ("", "group") or (dim == "group" and not mine)]

    def fig_of(dim: str, key: str) -> _Fig:
        return totals if dim == "" else targets[dim][key]

    if conn.dialect.name == "postgresql":
        # the per-finding exchange look-ups price the statement above PostgreSQL's JIT
        # threshold, whose compiling costs more than the whole statement (here and for the
        # rest of the report's transaction: its statements are as short); and the
        # window's findings (an org's 30 days: ~25,000 rows, each grouped per figure set)
        # outgrow the default 4 MB of memory per sort or hash, which then spill to disk
        conn.exec_driver_sql("SET LOCAL jit = off")
        conn.exec_driver_sql("SET LOCAL work_mem = '32MB'")
    pairs: list[tuple[str, str, int]] = []
    for what, dim, key, stage, acc, com, fix, dis, ai, n, median in conn.execute(
            _figure_rows(conn, facts, keys, recur)):
        if what == "count":
            fig_of(dim, key).add(stage, bool(acc), bool(com), bool(fix), bool(dis), bool(ai),
                                 n)
        elif what == "insecure":
            fig_of(dim, key).insecure = n
        elif what == "median" and median is not None:  # PostgreSQL (the totals' row is
            fig_of(dim, key).median_hours = float(median)  # NULL when none was fixed)
        elif what == "recurring":
            fig_of(dim, key).recurring = n
        elif what == "pair":
            pairs.append((dim, key, n))
    if conn.dialect.name != "postgresql":
        for (dim, key), median in _medians(conn, facts, keys).items():
            fig_of(dim, key).median_hours = median
    recurrence = sorted(pairs, key=lambda t: (-t[2], t[0], t[1]))
    totals.recurring = len(pairs)
    if mine is not None:
        for dev, _cwe, _n in pairs:
            groups[mine(dev)].recurring += 1
    if same is not None:
        groups = same

    # suggestions: snippets, from the rollup (one read for every figure set)
    group_col = ("developer" if by == "team" else by) if by else None
    cols = list(dict.fromkeys(["model", "tool", *([group_col] if group_col else []),
                               *(["day"] if trend else [])]))
    counted = window.counters_by(conn, cols, developer, since, until, (rollup.SNIPPET,))
    for dim, target in (("model", by_model), ("tool", by_tool)):
        for k, cell in counted[dim].items():
            if cell["snippets"]:
                target[_key(k)].suggestions += int(cell["snippets"])
    totals.suggestions = sum(f.suggestions for f in by_model.values())
    if group_col and same is None:
        for k, cell in counted[group_col].items():
            if cell["snippets"]:
                key = _key(teams.get(k) if by == "team" else k)
                groups[key].suggestions += int(cell["snippets"])
    if trend:
        for k, cell in counted["day"].items():
            if cell["snippets"]:
                periods[_period(date.fromisoformat(k), period)].suggestions += \
                    int(cell["snippets"])

    # pull requests reviewed in the window
    pq = (select(P.c.repo, P.c.author, P.c.ai_findings, P.c.reviewed_at)
          .where(P.c.reviewed_at >= since, P.c.reviewed_at < until))
    if developer is not None:
        pq = pq.where(P.c.author == developer)
    pr_figs = [totals, *(groups.values() if by in _PR_GROUPS else ())]
    for fig in pr_figs:
        fig.prs = 0
    for repo, author, ai_n, at in conn.execute(pq):
        figs = [totals, periods[_period(_aware(at).date(), period)]]
        if by in _PR_GROUPS and by:
            figs.append(groups[_key({"team": teams.get(author), "developer": author,
                                     "repo": repo}[by])])
        for fig in figs:
            fig.prs = (fig.prs or 0) + 1
            fig.prs_ai += 1 if ai_n else 0
    for fig in periods.values():
        fig.prs = fig.prs or 0

    out: dict[str, Any] = {
        "totals": totals.finish(),
        "by_model": [{"key": k, **_suggestion_figures(f)} for k, f in sorted(by_model.items())],
        "by_tool": [{"key": k, **_suggestion_figures(f)} for k, f in sorted(by_tool.items())],
        "cwe_recurrence": [{"developer": d, "cwe": c, "findings": n} for d, c, n in recurrence],
    }
    if by:
        out["groups"] = [{"key": k, **f.finish()} for k, f in sorted(groups.items())]
    if trend:
        out["period"] = period
        out["trend"] = [{period: k, **f.finish()} for k, f in sorted(periods.items())]
    return out


def _facts(conn: Connection, since: datetime, until: datetime, developer: str | None,
           period: str, by: str | None) -> CTE:
    """One row per finding in the window, with what the figures group and count by: its
    model and tool (its own, else its exchange's, as the rollup counts the suggestions;
    ``human`` for human code), period, ``by`` key (``grp``), developer (the finding's, else
    its commit's author), the flags ``store.findings.state_of`` decides by, and what the
    distinct counts and the median read: its suggestion (``insecure``: suggestions only),
    its CWE while it counts towards a recurrence (``pair``: not dismissed, a CWE), and its
    hours to fix (PostgreSQL; SQLite: its times, see ``_medians``). Only these columns: the
    rows are read once per figure, and narrow ones stay in memory."""
    def flag(cond: ColumnElement[bool]) -> ColumnElement[int]:
        return case((cond, 1), else_=0)

    is_ai = or_(func.coalesce(func.nullif(F.c.origin, ""), HUMAN) != HUMAN,
                F.c.stage.in_(EARLY_STAGES))
    # the exchange's, looked up by its key only for a finding without its own (a join would
    # let the planner read the whole exchange table)
    def of_exchange(col: ColumnElement[Any]) -> ColumnElement[Any]:
        return func.nullif(select(col).where(E.c.id == F.c.exchange_id).scalar_subquery(), "")

    model = case((is_ai, func.coalesce(func.nullif(F.c.model, ""),
                                       of_exchange(rollup.model_of()), NO_KEY)), else_=HUMAN)
    tool = case((is_ai, func.coalesce(func.nullif(F.c.tool, ""), of_exchange(E.c.tool),
                                      NO_KEY)), else_=HUMAN)
    if period == "day":
        per = rollup.day_of(conn, F.c.found_at)
    elif conn.dialect.name == "postgresql":
        per = func.date(func.date_trunc("week", func.timezone("UTC", F.c.found_at)))
    else:
        per = func.date(F.c.found_at, "weekday 0", "-6 days")
    # the commit's author, looked up only for a finding without a developer of its own
    author = (select(C.c.author).where(C.c.repo == F.c.repo, C.c.sha == F.c.commit_sha)
              .scalar_subquery())
    dev = func.coalesce(func.nullif(F.c.developer, ""), func.nullif(author, ""), NO_KEY)
    src: Any = F
    if by == "team":
        src = src.outerjoin(T, T.c.developer == dev)
    cols: list[ColumnElement[Any]] = [
        F.c.stage.label("stage"),
        flag(F.c.accepted_at.is_not(None)).label("accepted"),
        flag(F.c.committed_at.is_not(None)).label("committed"),
        flag(F.c.fixed_at.is_not(None)).label("fixed"),
        flag(F.c.dismissed_at.is_not(None)).label("dismissed"),
        flag(is_ai).label("ai"), model.label("model"), tool.label("tool"),
        # (a date on PostgreSQL, grouped as one: ``_grouping_sets`` writes it out)
        (per if conn.dialect.name == "postgresql" else cast(per, String)).label("period"),
        dev.label("dev"),
        case((and_(F.c.dismissed_at.is_(None), func.coalesce(F.c.cwe, "") != ""), F.c.cwe)
             ).label("pair"),
        case((F.c.stage == "suggestion",
              func.coalesce(func.nullif(F.c.exchange_id, ""),
                            "finding:" + cast(F.c.id, String)))).label("insecure")]
    if conn.dialect.name == "postgresql":
        cols.append(case((F.c.fixed_at.is_not(None), cast(func.extract(
            "epoch", F.c.fixed_at - F.c.found_at), Float) / 3600.0)).label("hours"))
    else:
        cols += [F.c.found_at.label("found_at"), F.c.fixed_at.label("fixed_at")]
    if by in ("team", "repo", "language"):  # (the others are columns already)
        cols.append(_group_column(conn, by, since, until).label("grp"))
    q = (select(*cols).select_from(src)
         .where(F.c.found_at >= since, F.c.found_at < until, F.c.stage != "pr"))
    if developer is not None:
        q = q.where(or_(F.c.developer == developer,
                        and_(F.c.developer == "", author == developer)))
    return q.cte("facts")


def _group_column(conn: Connection, by: str, since: datetime, until: datetime
                  ) -> ColumnElement[str]:
    """The ``by`` key of a finding (``(none)`` when it has none): team, repo, language."""
    if by == "team":
        return func.coalesce(func.nullif(T.c.team, ""), NO_KEY)
    if by == "repo":
        return func.coalesce(func.nullif(F.c.repo, ""), NO_KEY)
    # language: by the file's name, as provenance.languages names it, for the paths the
    # window's findings have (a path of another stage or developer costs one more branch)
    paths = conn.execute(select(F.c.path).where(F.c.found_at >= since, F.c.found_at < until)
                         .distinct()).scalars().all()
    languages = {p: _key(language_for_path(p)) for p in paths if p}
    languages = {p: lang for p, lang in languages.items() if lang != NO_KEY}
    if not languages:
        return literal(NO_KEY, String)
    return case(languages, value=F.c.path, else_=NO_KEY)


def _figure_rows(conn: Connection, facts: CTE, keys: dict[str, Any], recur: list[str]
                 ) -> CompoundSelect:
    """One statement (the window's findings read once) of (what, set, key, stage and its
    flags, n, median) rows per key of every figure set (``keys``: set -> its key column;
    the totals' is None): ``count`` (findings per stage and flags), ``insecure`` (distinct
    suggestions with a finding), ``median`` (hours from first seen to fixed, over the fixed
    findings: PostgreSQL only), ``recurring`` ((developer, CWE) pairs with two or more
    findings not dismissed; for the sets in ``recur``) and each such ``pair`` as (``pair``,
    developer, CWE).

    No figure but the median needs its input sorted (a distinct count is a grouping by the
    key and the suggestion, then a count), so the database can hash each; the median sorts
    the fixed findings only. On PostgreSQL each figure is one grouping over every set
    (``GROUPING SETS``): the findings are read once per figure, not once per figure and
    set."""
    flags = (facts.c.stage, facts.c.accepted, facts.c.committed, facts.c.fixed,
             facts.c.dismissed, facts.c.ai)
    no_flags: tuple[ColumnElement[Any], ...] = (literal("", String),
                                                 *(literal(0, Integer) for _ in range(5)))
    no_median = cast(None, Float)
    pair_rows = (select(literal("pair", String), facts.c.dev, facts.c.pair, *no_flags,
                        func.count(), no_median)
                 .where(facts.c.pair.is_not(None)).group_by(facts.c.dev, facts.c.pair)
                 .having(func.count() >= 2))
    if conn.dialect.name == "postgresql":
        return union_all(*_grouping_sets(facts, keys, recur, flags, no_flags), pair_rows)
    parts: list[Select[Any]] = []
    for dim, col in keys.items():
        by_key = (col,) if col is not None else ()
        key = col if col is not None else literal("", String)
        head = (literal(dim, String), key)
        parts.append(select(literal("count", String), *head, *flags, func.count(), no_median)
                     .group_by(*by_key, *flags))
        distinct = (select(key.label("k")).where(facts.c.insecure.is_not(None))
                    .group_by(*by_key, facts.c.insecure).subquery())
        parts.append(select(literal("insecure", String), literal(dim, String), distinct.c.k,
                            *no_flags, func.count(), no_median).group_by(distinct.c.k))
        if dim in recur:
            pair = (select(key.label("k")).where(facts.c.pair.is_not(None))
                    .group_by(*by_key, facts.c.dev, facts.c.pair)
                    .having(func.count() >= 2).subquery())
            parts.append(select(literal("recurring", String), literal(dim, String), pair.c.k,
                                *no_flags, func.count(), no_median).group_by(pair.c.k))
    return union_all(*parts, pair_rows)


def _grouping_sets(facts: CTE, keys: dict[str, Any], recur: list[str],
                   flags: tuple[ColumnElement[Any], ...],
                   no_flags: tuple[ColumnElement[Any], ...]) -> list[Select[Any]]:
    """``_figure_rows`` on PostgreSQL: one grouping per figure over the sets of ``keys``.
    In a set's rows the other sets' key columns are NULL (no key is ever NULL), and
    ``grouping()`` of the key columns tells which set a row is of."""
    def sets(only: list[str], *extra: ColumnElement[Any]) -> Any:
        return func.grouping_sets(*(tuple_(keys[d], *extra) if keys[d] is not None
                                    else tuple_(*extra) for d in only))

    def labels(only: list[str]) -> tuple[ColumnElement[int], ColumnElement[str],
                                         Callable[[ColumnElement[int]], ColumnElement[str]]]:
        """grouping() of the key columns of the sets ``only``, the key, and the set's
        name from that grouping()."""
        dims = [d for d in only if keys[d] is not None]
        full = (1 << len(dims)) - 1
        mask = {d: full ^ (1 << (len(dims) - 1 - i)) for i, d in enumerate(dims)}
        mask[""] = full

        def dim_of(g: ColumnElement[int]) -> ColumnElement[str]:
            return case({m: d for d, m in mask.items() if d in only}, value=g, else_="?")

        cols = [keys[d] for d in dims]
        return (func.grouping(*cols),
                func.coalesce(*(cast(c, String) for c in cols), literal("", String)), dim_of)

    every = list(keys)
    g, key, dim_of = labels(every)
    no_median = cast(None, Float)
    out = [select(literal("count", String), dim_of(g), key, *flags, func.count(), no_median)
           .group_by(sets(every, *flags))]
    distinct = (select(g.label("g"), key.label("k")).where(facts.c.insecure.is_not(None))
                .group_by(sets(every, facts.c.insecure)).subquery())
    out.append(select(literal("insecure", String), dim_of(distinct.c.g), distinct.c.k,
                      *no_flags, func.count(), no_median).group_by(distinct.c.g, distinct.c.k))
    median = cast(func.percentile_cont(0.5).within_group(facts.c.hours), Float)
    out.append(select(literal("median", String), dim_of(g), key, *no_flags,
                      literal(0, Integer), median)
               .where(facts.c.hours.is_not(None)).group_by(sets(every)))
    if recur:  # (the developer and CWE are grouped in every set: not key columns here)
        g, key, dim_of = labels(recur)
        pair = (select(g.label("g"), key.label("k")).where(facts.c.pair.is_not(None))
                .group_by(sets(recur, facts.c.dev, facts.c.pair))
                .having(func.count() >= 2).subquery())
        out.append(select(literal("recurring", String), dim_of(pair.c.g), pair.c.k,
                          *no_flags, func.count(), no_median).group_by(pair.c.g, pair.c.k))
    return out


def _medians(conn: Connection, facts: CTE, keys: dict[str, Any]
             ) -> dict[tuple[str, str], float]:
    """Median hours from first seen to fixed, per key of every figure set (on SQLite,
    which has no percentile: from the fixed findings' times)."""
    spans: dict[tuple[str, str], list[float]] = defaultdict(list)
    q = union_all(*(select(literal(dim, String),
                           col if col is not None else literal("", String),
                           facts.c.found_at, facts.c.fixed_at).where(facts.c.fixed == 1)
                    for dim, col in keys.items()))
    for dim, key, found_at, fixed_at in conn.execute(q):
        spans[dim, key].append((_aware(fixed_at) - _aware(found_at)).total_seconds() / 3600)
    return {k: statistics.median(v) for k, v in spans.items()}


def _suggestion_figures(f: _Fig) -> dict[str, Any]:
    fig = f.finish()
    return {k: fig[k] for k in ("suggestions", "insecure_suggestions",
                                "insecure_per_100_suggestions", "suggested_findings",
                                "accepted_suggested_findings", "accepted_insecure_rate")}


__all__ = ["PERIODS", "outcomes"]
