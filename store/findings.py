"""Review findings in the store, followed through their life: suggested, accepted (written to
disk), committed, fixed (before or after the commit) or dismissed with who and why.

Identity across commits is the finding's fingerprint (``reviewer.model.fingerprint``: rule,
path and the code itself, not its line number), so a finding that moves stays one finding
and a finding whose code is gone is fixed. Identity across stages is its ``code_fp`` (rule
and code, no path): at a commit, a committed finding whose code an open suggestion or agent
write of the same developer had completes that row instead of adding one (``save_findings``),
and accepted code the commit's files no longer have was fixed before the commit
(``settle_commit``). A row's state is derived, never stored: ``state``.

The recorder's review of each recorded suggestion stores its findings here too (stage
``suggestion``: ``suggestion_rows`` / ``save_suggestion_findings``, read back by ``aiprov
log`` and ``show``); the commit's figures (open findings, density, time to fix) count
committed findings only (``committed``).
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import Table, func, insert, or_
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session, col, select

from provenance.model import Snippet
from proxy.exchange import Exchange
from reviewer.model import AI_LABELS, Finding, code_fingerprint
from store.models import CommitRow, FindingRow, PullRequestRow
from store.tables import F


def _now() -> datetime:
    return datetime.now(UTC)


# -- the life cycle ------------------------------------------------------------------------

# a row's state, from the first stage to the last (``state``)
SUGGESTED = "suggested"  # in a model's suggestion, not (yet) seen on disk
ACCEPTED = "accepted"  # written to disk (an agent hook saw it), not committed
FIXED_BEFORE_COMMIT = "fixed-before-commit"
COMMITTED = "committed"
FIXED_LATER = "fixed-later"
DISMISSED = "dismissed"  # triage: a false positive or an accepted risk, with who and why
REPORTED = "reported"  # a pull-request review or a scan saw it; no life cycle of its own
STATES = (SUGGESTED, ACCEPTED, FIXED_BEFORE_COMMIT, COMMITTED, FIXED_LATER, DISMISSED,
          REPORTED)
EARLY_STAGES = ("suggestion", "write")  # stages a commit can complete


class _Life(Protocol):
    stage: str
    accepted_at: datetime | None
    committed_at: datetime | None
    fixed_at: datetime | None
    dismissed_at: datetime | None


def is_committed(row: _Life) -> bool:
    """Committed: a commit completed it, or a commit is where it was found (a row synced
    from before the life cycle has no ``committed_at``). ``committed`` is the same in SQL."""
    return row.committed_at is not None or row.stage == "commit"


def committed(t: Table) -> ColumnElement[bool]:
    """``is_committed`` as a condition on the finding table ``t``."""
    return or_(t.c.committed_at.is_not(None), t.c.stage == "commit")


def state(row: _Life) -> str:
    """Where a finding is in its life, from its timestamps (a row, or a result row)."""
    return state_of(row.stage, row.accepted_at, row.committed_at, row.fixed_at,
                    row.dismissed_at)


def state_of(stage: str, accepted_at: datetime | None, committed_at: datetime | None,
             fixed_at: datetime | None, dismissed_at: datetime | None) -> str:
    """``state`` from the values themselves (a report reading many rows as tuples)."""
    if dismissed_at is not None:
        return DISMISSED
    done = committed_at is not None or stage == "commit"  # is_committed
    if fixed_at is not None:
        return FIXED_LATER if done else FIXED_BEFORE_COMMIT
    if done:
        return COMMITTED
    if accepted_at is not None:
        return ACCEPTED
    return SUGGESTED if stage == "suggestion" else REPORTED


def to_row(f: Finding, repo: str, commit_sha: str, found_at: datetime,
           developer: str = "") -> FindingRow:
    return FindingRow(
        repo=repo, commit_sha=commit_sha, path=f.path, line=f.line, rule_id=f.rule_id,
        cwe=f.cwe_id, severity=f.severity, confidence=f.confidence, origin=f.origin.label,
        exchange_id=f.origin.exchange_id, message=message_of(f), fingerprint=f.fingerprint,
        found_at=found_at, stage="commit", code_fp=code_fingerprint(f.rule_id, f.quote),
        developer=developer, tool=f.origin.tool or "", model=f.origin.model or "",
        committed_at=found_at, accepted_at=found_at,
        **(_dismissal(developer, f.dismissed, found_at) if f.dismissed else {}),
    )


def _dismissal(by: str, reason: str, at: datetime) -> dict[str, Any]:
    return {"dismissed_at": at, "dismissed_by": by or "unknown", "dismiss_reason": reason,
            "updated_at": at}


def open_findings(session: Session, repo: str, paths: Iterable[str] | None = None
                  ) -> list[FindingRow]:
    """The committed findings of ``repo`` no commit has fixed yet."""
    q = select(FindingRow).where(FindingRow.repo == repo, col(FindingRow.fixed_sha).is_(None),
                                 committed(F))
    if paths is not None:
        q = q.where(col(FindingRow.path).in_(list(paths)))
    return list(session.exec(q))


def _same_path(stored: str, path: str) -> bool:
    """An agent hook may have stored the absolute path of a file the commit names relative
    to the repository."""
    return stored == path or stored.endswith("/" + path)


def _early_rows(session: Session, repo: str, developer: str,
                codes: Collection[str] | None = None, *,
                accepted_only: bool = False) -> list[FindingRow]:
    """Open suggestion and write findings of ``developer`` (in ``repo`` or no repo known),
    oldest first; with ``codes``, only those with that code; ``accepted_only``: only those
    written to disk."""
    q = select(FindingRow).where(col(FindingRow.stage).in_(EARLY_STAGES),
                                 FindingRow.developer == developer,
                                 col(FindingRow.repo).in_(["", repo]),
                                 col(FindingRow.committed_at).is_(None),
                                 col(FindingRow.fixed_at).is_(None))
    if codes is not None:
        q = q.where(col(FindingRow.code_fp).in_(list(codes)))
    if accepted_only:
        q = q.where(col(FindingRow.accepted_at).is_not(None))
    return list(session.exec(q.order_by(col(FindingRow.found_at), col(FindingRow.id))))


def _complete(row: FindingRow, f: Finding, repo: str, commit_sha: str, at: datetime,
              developer: str) -> None:
    """An earlier stage's finding reached a commit: it gains the commit's place."""
    row.repo, row.commit_sha, row.path, row.line = repo, commit_sha, f.path, f.line
    row.fingerprint = f.fingerprint
    row.committed_at, row.updated_at = at, at
    row.accepted_at = row.accepted_at or at
    if f.origin.is_ai or not row.origin:
        row.origin = f.origin.label
    row.exchange_id = row.exchange_id or f.origin.exchange_id
    if f.dismissed and row.dismissed_at is None:
        row.dismissed_at, row.dismissed_by, row.dismiss_reason = at, developer or "unknown", \
            f.dismissed


def record_write(session: Session, row: FindingRow) -> FindingRow:
    """Keep an agent's write-stage finding (``row``: stage write, with its path and
    ``accepted_at``). When an open suggestion of the same developer had the same code, the
    write is that suggestion accepted: the suggestion's row gains the path, the line and
    ``accepted_at`` and is returned (one finding, one row); else ``row`` is added. The
    caller commits."""
    q = select(FindingRow).where(FindingRow.stage == "suggestion",
                                 FindingRow.code_fp == row.code_fp,
                                 FindingRow.developer == row.developer,
                                 col(FindingRow.accepted_at).is_(None),
                                 col(FindingRow.fixed_at).is_(None),
                                 col(FindingRow.committed_at).is_(None))
    sug = session.exec(q.order_by(col(FindingRow.found_at).desc()).limit(1)).first()
    if sug is None:
        session.add(row)
        return row
    sug.accepted_at = row.accepted_at or row.found_at
    sug.updated_at = sug.accepted_at
    sug.repo = sug.repo or row.repo
    sug.path, sug.line = row.path, row.line
    sug.fingerprint = sug.fingerprint or row.fingerprint
    session.add(sug)
    return sug


def save_findings(session: Session, repo: str, commit_sha: str, findings: Iterable[Finding],
                  *, at: datetime | None = None, developer: str = "") -> int:
    """Store findings found in ``commit_sha`` by ``developer`` (its author). One already open
    (same fingerprint) is not stored twice; one whose code an open suggestion or agent write
    of the developer had completes that row (a write, with its path, first). Returns how
    many findings were added or completed."""
    at = at or _now()
    findings = list(findings)
    known = {r.fingerprint for r in open_findings(session, repo, {f.path for f in findings})}
    codes = {code_fingerprint(f.rule_id, f.quote) for f in findings}
    early = _early_rows(session, repo, developer, codes) if findings else []
    added = 0
    for f in findings:
        if f.fingerprint in known:
            continue
        code = code_fingerprint(f.rule_id, f.quote)
        match = sorted((r for r in early if r.code_fp == code),
                       key=lambda r: (not _same_path(r.path, f.path), r.stage != "write"))
        if match:
            _complete(match[0], f, repo, commit_sha, at, developer)
            session.add(match[0])
            early.remove(match[0])
        else:
            session.add(to_row(f, repo, commit_sha, at, developer))
        known.add(f.fingerprint)
        added += 1
    session.commit()
    return added


def resolve_fixed(session: Session, repo: str, commit_sha: str,
                  present: Mapping[str, Collection[str]], *, at: datetime | None = None) -> int:
    """Close the open findings on the paths in ``present`` whose fingerprint the file no
    longer has at ``commit_sha`` (a deleted file has an empty set). Returns how many."""
    at = at or _now()
    fixed = 0
    for row in open_findings(session, repo, present.keys()):
        if row.fingerprint not in present.get(row.path, ()):
            row.fixed_sha = commit_sha
            row.fixed_at = row.updated_at = at
            session.add(row)
            fixed += 1
    session.commit()
    return fixed


def settle_commit(session: Session, repo: str, commit_sha: str,
                  present: Mapping[str, list[Finding]], *, developer: str = "",
                  at: datetime | None = None) -> tuple[int, int]:
    """What a commit settles beyond its own findings and ``resolve_fixed``, given every
    finding each file it touches still has (``reviewer.run.present_findings``; a deleted
    file has none). Run after ``save_findings``:

    - open committed findings an inline ``aiprov: ignore[...]`` comment now names are
      dismissed, by ``developer``, with the comment's reason;
    - accepted code of ``developer`` (an agent's write, an accepted suggestion) on one of the
      paths, that the file no longer has, was fixed before the commit.

    Returns (dismissed, fixed before commit)."""
    at = at or _now()
    reasons = {f.fingerprint: f.dismissed for fs in present.values() for f in fs if f.dismissed}
    dismissed = 0
    for row in open_findings(session, repo, present.keys()) if reasons else []:
        why = reasons.get(row.fingerprint)
        if why and row.dismissed_at is None:
            for k, v in _dismissal(developer, why, at).items():
                setattr(row, k, v)
            session.add(row)
            dismissed += 1
    before = 0
    for row in _early_rows(session, repo, developer, accepted_only=True):
        path = next((p for p in present if _same_path(row.path, p)), None)
        if path is None:
            continue
        if row.code_fp not in {code_fingerprint(f.rule_id, f.quote) for f in present[path]}:
            row.fixed_at = row.updated_at = at
            row.fixed_sha = commit_sha
            row.repo = row.repo or repo
            session.add(row)
            before += 1
    session.commit()
    return dismissed, before


def dismiss(session: Session, finding_id: int, *, by: str, reason: str,
            at: datetime | None = None) -> FindingRow | None:
    """Triage: mark a finding dismissed (a false positive, or a risk accepted) with who and
    why. Returns the row, or None when there is no such finding; the caller commits. A
    dismissed finding stays listed and counted."""
    if not reason.strip():
        raise ValueError("a dismissal needs a reason (--reason \"...\")")
    row = session.get(FindingRow, finding_id)
    if row is None:
        return None
    for k, v in _dismissal(by, reason.strip(), at or _now()).items():
        setattr(row, k, v)
    session.add(row)
    return row


def record_pull_request(session: Session, *, repo: str, pr: str, head_sha: str, author: str,
                        findings: list[Finding], at: datetime | None = None) -> PullRequestRow:
    """Keep what a pull request's review found (how many findings, how many in AI-origin
    code), replacing an earlier review of the same pull request; the caller commits."""
    kept = [f for f in findings if not f.judgement]
    row = session.get(PullRequestRow, (repo, pr)) or PullRequestRow(
        repo=repo, pr=pr, head_sha=head_sha, reviewed_at=at or _now())
    row.head_sha, row.author, row.reviewed_at = head_sha, author, at or _now()
    row.findings = len(kept)
    row.ai_findings = sum(1 for f in kept if f.origin.is_ai)
    session.add(row)
    return row


def dismissed_codes(session: Session, repo: str, codes: Collection[str]) -> dict[str, str]:
    """Of the codes (``code_fp``) given, those a finding of ``repo`` (or of no repo yet) was
    dismissed for in triage: code_fp -> "reason (by who)"."""
    if not codes:
        return {}
    q = select(FindingRow.code_fp, FindingRow.dismiss_reason, FindingRow.dismissed_by).where(
        col(FindingRow.code_fp).in_(list(codes)), col(FindingRow.repo).in_([repo, ""]),
        col(FindingRow.dismissed_at).is_not(None))
    return {code: f"{why} (by {who})" for code, why, who in session.exec(q)}


def list_findings(session: Session, *, states: Collection[str] | None = None,
                  repo: str | None = None, limit: int = 200) -> list[FindingRow]:
    """Newest first; ``states`` filters by ``state`` (computed per row)."""
    q = select(FindingRow).order_by(col(FindingRow.found_at).desc(), col(FindingRow.id).desc())
    if repo is not None:
        q = q.where(FindingRow.repo == repo)
    out = []
    for row in session.exec(q):
        if states is None or state(row) in states:
            out.append(row)
            if len(out) >= limit:
                break
    return out


def density(session: Session, repo: str | None = None) -> dict[str, Any]:
    """Findings per thousand added lines, AI-origin vs human, over attributed commits."""
    lines_q = select(func.coalesce(func.sum(CommitRow.ai_lines), 0),
                     func.coalesce(func.sum(CommitRow.ai_edited_lines), 0),
                     func.coalesce(func.sum(CommitRow.human_lines), 0))
    count_q = (select(FindingRow.origin, func.count())
               .where(committed(F))
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
    """Median hours from found to fixed, per origin group, and how many are still open
    (committed findings)."""
    q = select(FindingRow).where(committed(F))
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
