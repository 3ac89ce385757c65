"""Review findings in the store: saved with their commit, closed when a later commit fixes
them, counted per thousand AI vs human lines, and timed from found to fixed.

Identity across commits is the finding's fingerprint (``reviewer.model.fingerprint``: rule,
path and the code itself, not its line number), so a finding that moves stays one finding
and a finding whose code is gone is fixed.

The recorder's review of each recorded suggestion stores its findings here too (stage
``suggestion``: ``suggestion_rows`` / ``save_suggestion_findings``, read back by ``aiprov
log`` and ``show``); they are not in the repository, so the commit's figures (open findings,
density, time to fix) count committed findings only.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from provenance.model import Snippet
from proxy.exchange import Exchange
from reviewer.model import AI_LABELS, Finding, code_fingerprint
from store.models import CommitRow, FindingRow

COMMIT = "commit"  # found in a commit: what density, time to fix and open findings count


def _now() -> datetime:
    return datetime.now(UTC)


def to_row(f: Finding, repo: str, commit_sha: str, found_at: datetime) -> FindingRow:
    return FindingRow(
        repo=repo, commit_sha=commit_sha, path=f.path, line=f.line, rule_id=f.rule_id,
        cwe=f.cwe_id, severity=f.severity, confidence=f.confidence, origin=f.origin.label,
        exchange_id=f.origin.exchange_id, message=message_of(f), fingerprint=f.fingerprint,
        found_at=found_at, stage="commit", code_fp=code_fingerprint(f.rule_id, f.quote),
        committed_at=found_at,
    )


def open_findings(session: Session, repo: str, paths: Iterable[str] | None = None
                  ) -> list[FindingRow]:
    """Committed findings of ``repo`` not fixed yet (a suggestion's finding is not in the
    repository: no commit can store it twice or fix it)."""
    q = select(FindingRow).where(FindingRow.repo == repo, col(FindingRow.fixed_sha).is_(None),
                                 FindingRow.stage == COMMIT)
    if paths is not None:
        q = q.where(col(FindingRow.path).in_(list(paths)))
    return list(session.exec(q))


def save_findings(session: Session, repo: str, commit_sha: str, findings: Iterable[Finding],
                  *, at: datetime | None = None) -> int:
    """Store findings found in ``commit_sha``; one already open (same fingerprint) is not
    stored twice. Returns how many rows were added."""
    at = at or _now()
    findings = list(findings)
    known = {r.fingerprint for r in open_findings(session, repo, {f.path for f in findings})}
    added = 0
    for f in findings:
        if f.fingerprint in known:
            continue
        session.add(to_row(f, repo, commit_sha, at))
        known.add(f.fingerprint)
        added += 1
    session.commit()
    return added


def resolve_fixed(session: Session, repo: str, commit_sha: str,
                  present: Mapping[str, set[str]], *, at: datetime | None = None) -> int:
    """Close the open findings on the paths in ``present`` whose fingerprint the file no
    longer has at ``commit_sha`` (a deleted file has an empty set). Returns how many."""
    at = at or _now()
    fixed = 0
    for row in open_findings(session, repo, present.keys()):
        if row.fingerprint not in present.get(row.path, set()):
            row.fixed_sha = commit_sha
            row.fixed_at = at
            session.add(row)
            fixed += 1
    session.commit()
    return fixed


def density(session: Session, repo: str | None = None) -> dict[str, Any]:
    """Findings per thousand added lines, AI-origin vs human, over attributed commits."""
    lines_q = select(func.coalesce(func.sum(CommitRow.ai_lines), 0),
                     func.coalesce(func.sum(CommitRow.ai_edited_lines), 0),
                     func.coalesce(func.sum(CommitRow.human_lines), 0))
    count_q = (select(FindingRow.origin, func.count()).where(FindingRow.stage == COMMIT)
               .group_by(FindingRow.origin))
    if repo is not None:
        lines_q = lines_q.where(CommitRow.repo == repo)
        count_q = count_q.where(FindingRow.repo == repo)
    ai, ai_edited, human = session.exec(lines_q).one()
    counts = dict(session.exec(count_q).all())
    ai_findings = sum(n for o, n in counts.items() if o in AI_LABELS)
    human_findings = sum(n for o, n in counts.items() if o not in AI_LABELS)
    ai_lines = int(ai) + int(ai_edited)

    def per_k(n: int, lines: int) -> float | None:
        return round(n * 1000 / lines, 3) if lines else None

    return {
        "ai_lines": ai_lines, "human_lines": int(human),
        "ai_findings": ai_findings, "human_findings": human_findings,
        "ai_per_kloc": per_k(ai_findings, ai_lines),
        "human_per_kloc": per_k(human_findings, int(human)),
    }


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def time_to_fix(session: Session, repo: str | None = None) -> dict[str, Any]:
    """Median hours from found to fixed, per origin group, and how many are still open."""
    q = select(FindingRow).where(FindingRow.stage == COMMIT)
    if repo is not None:
        q = q.where(FindingRow.repo == repo)
    groups: dict[str, list[float]] = {"ai": [], "human": []}
    still_open = {"ai": 0, "human": 0}
    for r in session.exec(q):
        key = "ai" if r.origin in AI_LABELS else "human"
        if r.fixed_at is None:
            still_open[key] += 1
        else:
            hours = (_aware(r.fixed_at) - _aware(r.found_at)).total_seconds() / 3600
            groups[key].append(hours)
    return {
        key: {"fixed": len(v), "open": still_open[key],
              "median_hours": round(statistics.median(v), 3) if v else None}
        for key, v in groups.items()
    }


# -- findings in suggestions (the recorder's review of each recorded snippet) ----------------

SUGGESTION = "suggestion"


def message_of(f: Finding) -> str:
    """What a stored finding says: what and why, the impact and the fix, in one text
    (``explain`` takes it apart again)."""
    return f"{f.title}. {f.why} Impact: {f.impact} Fix: {f.fix}"


def explain(message: str) -> dict[str, str]:
    """A stored ``message`` as {what, impact, fix} (``what`` is the title and why)."""
    head, _, fix = message.rpartition(" Fix: ")
    if not head:
        head, fix = message, ""
    what, _, impact = head.rpartition(" Impact: ")
    if not what:
        what, impact = head, ""
    return {"what": what, "impact": impact, "fix": fix}


def suggestion_rows(ex: Exchange, snippet: Snippet, findings: Iterable[Finding]
                    ) -> list[dict[str, Any]]:
    """Column values of the findings the review of one recorded ``snippet`` of ``ex`` found:
    ``stage`` suggestion, the exchange's time, developer, tool and model, the snippet's
    repository and path where known, ``line`` within the snippet. The caller has already
    redacted the findings' text (the recorder, like everything it stores)."""
    from provenance.git import normalise_repo

    at = _utc(ex.started_at)
    repo = normalise_repo(ex.identity.repo) if ex.identity.repo else ""
    model = ex.response.model or ex.request.model or ""
    return [{
        "repo": repo, "commit_sha": "", "path": (snippet.path or "")[:1000], "line": f.line,
        "rule_id": f.rule_id, "cwe": f.cwe_id, "severity": f.severity,
        "confidence": f.confidence, "origin": f.origin.label, "exchange_id": ex.id,
        "message": message_of(f), "fingerprint": f.fingerprint, "found_at": at,
        "stage": SUGGESTION, "code_fp": code_fingerprint(f.rule_id, f.quote),
        "developer": ex.identity.developer, "tool": ex.identity.tool[:64],
        "model": model[:200], "snippet_ordinal": snippet.ordinal,
    } for f in findings]


def save_suggestion_findings(session: Session, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert ``suggestion_rows`` values in one statement, in the caller's transaction (the
    recorder's batch, after its exchanges). Returns how many."""
    if rows:
        session.execute(insert(FindingRow.__table__),  # type: ignore[attr-defined]
                        [dict(r) for r in rows])
    return len(rows)


def suggestion_counts(session: Session, exchange_ids: Iterable[str]) -> dict[str, int]:
    """{exchange id: its suggestion findings not dismissed} for ``exchange_ids`` (``aiprov
    log``); an exchange without any is left out."""
    ids = list(exchange_ids)
    if not ids:
        return {}
    q = (select(FindingRow.exchange_id, func.count())
         .where(col(FindingRow.exchange_id).in_(ids), FindingRow.stage == SUGGESTION,
                col(FindingRow.dismissed_at).is_(None))
         .group_by(col(FindingRow.exchange_id)))
    return {str(e): int(n) for e, n in session.exec(q).all()}


def of_suggestion(session: Session, exchange_id: str) -> list[FindingRow]:
    """The suggestion findings of one exchange, by snippet then line (``aiprov show``)."""
    q = (select(FindingRow)
         .where(FindingRow.exchange_id == exchange_id, FindingRow.stage == SUGGESTION)
         .order_by(col(FindingRow.snippet_ordinal), col(FindingRow.line),
                   col(FindingRow.rule_id)))
    return list(session.exec(q).all())


def _utc(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)
