"""Outcome metrics: what happened to insecure code a model suggested or an agent wrote.

Read from the findings' life cycle (``store.findings``: one row per finding, its state derived
by ``store.findings.state_of``) over the findings found in [since, until), the snippets the
report rollup counts in the same window (the suggestions), and the pull requests
``aiprov ci pr`` reviewed (``pull_request``). Findings are few, so their rows are read and
grouped here, as ``store.queries.reports`` does; the suggestion counts come from the rollup
(``store.queries.window``), so an org window costs the same whatever the org's size.

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
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

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
        self.insecure: set[str] = set()  # exchanges whose suggestion had a finding
        self.suggested = 0
        self.accepted_suggested = 0
        self.written = 0
        self.committed_ai = 0
        self.fix_hours: list[float] = []
        self.cwes: dict[tuple[str, str], int] = defaultdict(int)
        self.prs: int | None = None
        self.prs_ai = 0

    def finish(self) -> dict[str, Any]:
        def rate(n: int, d: int, scale: int = 1) -> float | None:
            return round(scale * n / d, 4) if d else None

        fbc = self.states[FIXED_BEFORE_COMMIT]
        recurring = sum(1 for n in self.cwes.values() if n >= 2)
        return {
            "findings": self.findings, "states": dict(self.states),
            "suggestions": self.suggestions, "insecure_suggestions": len(self.insecure),
            "insecure_per_100_suggestions": rate(len(self.insecure), self.suggestions, 100),
            "suggested_findings": self.suggested,
            "accepted_suggested_findings": self.accepted_suggested,
            "accepted_insecure_rate": rate(self.accepted_suggested, self.suggested),
            "written_findings": self.written,
            "fixed_before_commit": fbc, "committed_from_ai": self.committed_ai,
            "fixed_before_commit_rate": rate(fbc, fbc + self.committed_ai),
            "fixed_later": self.states[FIXED_LATER], "fixed": len(self.fix_hours),
            "median_hours_to_fix": (round(statistics.median(self.fix_hours), 2)
                                    if self.fix_hours else None),
            "dismissed": self.states[DISMISSED],
            "false_positive_rate": rate(self.states[DISMISSED], self.findings),
            "recurring_cwes": recurring,
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

    def group_key(dev: str, repo: str, model: str, tool: str, path: str) -> str:
        return _key({None: "", "team": teams.get(dev), "developer": dev, "repo": repo,
                     "model": model, "tool": tool,
                     "language": language_for_path(path) if path else None}[by])

    # findings: every stage but pull-request reviews (those are counted per pull request).
    # A finding's model and tool are its own (the recorder and the guard keep them); for one
    # without, its exchange's, as the rollup counts the suggestions (looked up in one pass)
    dev_col = func.coalesce(func.nullif(F.c.developer, ""), C.c.author, "")
    q = (select(F.c.stage, F.c.accepted_at, F.c.committed_at, F.c.fixed_at,
                F.c.dismissed_at, F.c.found_at, F.c.origin, F.c.exchange_id, F.c.cwe,
                F.c.repo, F.c.path, F.c.id, F.c.model, F.c.tool, dev_col.label("dev"))
         .select_from(F.outerjoin(C, and_(C.c.repo == F.c.repo, C.c.sha == F.c.commit_sha)))
         .where(F.c.found_at >= since, F.c.found_at < until, F.c.stage != "pr"))
    if developer is not None:
        q = q.where(or_(F.c.developer == developer,
                        and_(F.c.developer == "", C.c.author == developer)))
    found = conn.execute(q).all()
    of_exchange = _exchange_keys(conn, {r.exchange_id for r in found
                                        if r.exchange_id and not (r.model and r.tool)})
    periods_of: dict[date, _Fig] = {}
    for (stage, accepted_at, committed_at, fixed_at, dismissed_at, found_at, origin, eid, cwe,
         repo, path, fid, f_model, f_tool, dev) in found:
        is_ai = (origin or HUMAN) != HUMAN or stage in EARLY_STAGES
        e_model, e_tool = of_exchange.get(eid, ("", ""))
        model = (f_model or e_model) if is_ai else HUMAN
        tool = (f_tool or e_tool) if is_ai else HUMAN
        found_at = _aware(found_at)
        day = found_at.date()
        if day not in periods_of:
            periods_of[day] = periods[_period(day, period)]
        figs = [totals, periods_of[day], by_model[_key(model)], by_tool[_key(tool)]]
        if by:
            figs.append(groups[group_key(dev, repo, model, tool, path)])
        st = state_of(stage, accepted_at, committed_at, fixed_at, dismissed_at)
        committed = committed_at is not None or stage == "commit"  # is_committed
        insecure = (eid or f"finding:{fid}") if stage == "suggestion" else None
        accepted = insecure is not None and (accepted_at is not None or committed)
        hours = ((_aware(fixed_at) - found_at).total_seconds() / 3600
                 if fixed_at is not None else None)
        key_cwe = (dev or NO_KEY, cwe) if st != DISMISSED and cwe else None
        for fig in figs:
            fig.findings += 1
            fig.states[st] += 1
            if insecure is not None:
                fig.suggested += 1
                fig.insecure.add(insecure)
                fig.accepted_suggested += accepted
            elif stage == "write":
                fig.written += 1
            if committed and is_ai:
                fig.committed_ai += 1
            if hours is not None:
                fig.fix_hours.append(hours)
            if key_cwe is not None:
                fig.cwes[key_cwe] += 1

    # suggestions: snippets, from the rollup
    for dim, target in (("model", by_model), ("tool", by_tool)):
        for k, cell in window.window_counters(conn, dim, developer, since, until,
                                              (rollup.SNIPPET,)).items():
            if cell["snippets"]:
                target[_key(k)].suggestions += int(cell["snippets"])
    totals.suggestions = sum(f.suggestions for f in by_model.values())
    if by:
        col = "developer" if by == "team" else by
        for k, cell in window.window_counters(conn, col, developer, since, until,
                                              (rollup.SNIPPET,)).items():
            if cell["snippets"]:
                key = _key(teams.get(k) if by == "team" else k)
                groups[key].suggestions += int(cell["snippets"])
    if trend:
        for k, cell in window.window_counters(conn, "day", developer, since, until,
                                              (rollup.SNIPPET,)).items():
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

    recurrence = sorted(((dev, cwe, n) for (dev, cwe), n in totals.cwes.items() if n >= 2),
                        key=lambda t: (-t[2], t[0], t[1]))
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


def _exchange_keys(conn: Connection, ids: set[str]) -> dict[str, tuple[str, str]]:
    """Exchange id -> (model, tool) as the report rollup keys them."""
    out: dict[str, tuple[str, str]] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), 1000):
        q = select(E.c.id, rollup.model_of(), E.c.tool).where(E.c.id.in_(wanted[i:i + 1000]))
        out.update({eid: (model or "", tool or "") for eid, model, tool in conn.execute(q)})
    return out


def _suggestion_figures(f: _Fig) -> dict[str, Any]:
    fig = f.finish()
    return {k: fig[k] for k in ("suggestions", "insecure_suggestions",
                                "insecure_per_100_suggestions", "suggested_findings",
                                "accepted_suggested_findings", "accepted_insecure_rate")}


__all__ = ["PERIODS", "outcomes"]
