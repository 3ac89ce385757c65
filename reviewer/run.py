"""Review a git change end to end: diff + attribution -> targets -> findings.

The one place that joins provenance (git, attribution) and the reviewer; used by the
``aiprov review`` command and the pre-commit gate. Imports stay light (no typer, pydantic,
SQLAlchemy or litellm) so the gate can run on the commit path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance.model import AI, AI_EDITED, FileDiff, LineOrigin
from reviewer.engine import review
from reviewer.model import Finding, ReviewTarget
from reviewer.policy import Policy
from reviewer.targets import build_targets


@dataclass(frozen=True, slots=True)
class Change:
    repo: Path
    diffs: list[FileDiff]
    origins: list[LineOrigin]
    details: dict[str, dict[str, Any]]
    rev: str | None  # None: the index (staged change)

    def read_texts(self, paths: list[str]) -> dict[str, str | None]:
        from provenance import git

        return git.files_text(self.repo, self.rev, paths)

    def targets(self, *, ai_only: bool = False) -> list[ReviewTarget]:
        paths = [d.path for d in self.diffs if d.added and d.status != "D" and not d.binary]
        texts = self.read_texts(paths)
        return build_targets(self.diffs, self.origins, self.details, texts.get, ai_only=ai_only)


def staged_change(repo: Path, settings: Any) -> Change:
    from provenance.pipeline import attribute_staged_full

    att = attribute_staged_full(repo, settings)
    return Change(repo, list(att.diffs), list(att.origins), dict(att.details), None)


def range_change(repo: Path, base: str, head: str, settings: Any) -> Change:
    from provenance import git
    from provenance.pipeline import attribute_range, origin_details

    diffs = git.range_diff(repo, base, head)
    origins = attribute_range(repo, base, head, settings)
    ids = {o.evidence[0].exchange_id for o in origins
           if o.origin in (AI, AI_EDITED) and o.evidence and o.evidence[0].exchange_id}
    details = origin_details(ids, settings) if ids else {}
    return Change(repo, diffs, origins, details, head)


def review_change(change: Change, policy: Policy, *, ai_only: bool = False) -> list[Finding]:
    return review(change.targets(ai_only=ai_only), policy)


def present_fingerprints(change: Change, policy: Policy) -> dict[str, set[str]]:
    """For every file the change touches: the fingerprints of every finding the whole file
    still has at the new revision (all rules, every level); deleted files map to an empty
    set. A stored finding on such a path that is not in its set was fixed by the change."""
    out: dict[str, set[str]] = {}
    for d in change.diffs:
        if d.old_path and d.old_path != d.path:
            out[d.old_path] = set()
        out.setdefault(d.path, set())
    live = [d.path for d in change.diffs if d.status != "D" and not d.binary]
    texts = change.read_texts(live)
    low = policy.lowest()
    for path in live:
        text = texts.get(path)
        if text is None:
            continue
        n = text.count("\n") + 1
        target = ReviewTarget(path, text, frozenset(range(1, n + 1)))
        out[path] = {f.fingerprint for f in review([target], low)}
    return out


def store_findings(root: Path, change: Change, policy: Policy, findings: list[Finding],
                   db_url: str) -> tuple[int, int]:
    """Keep ``findings`` with the change's head commit and close the open findings that
    commit removed. Returns (added, fixed)."""
    from provenance import git
    from store import db
    from store.findings import resolve_fixed, save_findings

    if change.rev is None:
        raise ValueError("findings are kept with a commit: review a range, not the index")
    sha = git.rev_parse(root, change.rev) or change.rev
    repo_id = git.repo_id(root)
    present = present_fingerprints(change, policy)
    with db.session(db_url) as session:
        fixed = resolve_fixed(session, repo_id, sha, present)
        added = save_findings(session, repo_id, sha, findings)
        session.commit()
    return added, fixed


def review_commit(root: Path, sha: str, settings: Any) -> tuple[int, int]:
    """Review what ``sha`` added against its first parent (all origins, each at its own
    policy level) and store the findings with it. Used by the post-commit hook."""
    from provenance import git
    from reviewer.policy import load_policy

    parents = git.parents(root, sha)
    base = parents[0] if parents else git.empty_tree(root)
    change = range_change(root, base, sha, settings)
    policy = load_policy(root)
    return store_findings(root, change, policy, review_change(change, policy), settings.db_url)
