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


def present_findings(change: Change, policy: Policy) -> dict[str, list[Finding]]:
    """For every file the change touches: every finding the whole file still has at the new
    revision (all rules, every level, with any inline dismissal); deleted files map to an
    empty list."""
    out: dict[str, list[Finding]] = {}
    for d in change.diffs:
        if d.old_path and d.old_path != d.path:
            out[d.old_path] = []
        out.setdefault(d.path, [])
    live = [d.path for d in change.diffs if d.status != "D" and not d.binary]
    texts = change.read_texts(live)
    low = policy.lowest()
    for path in live:
        text = texts.get(path)
        if text is None:
            continue
        n = text.count("\n") + 1
        target = ReviewTarget(path, text, frozenset(range(1, n + 1)))
        out[path] = review([target], low)
    return out


def store_findings(root: Path, change: Change, policy: Policy, findings: list[Finding],
                   db_url: str) -> tuple[int, int]:
    """Keep ``findings`` with the change's head commit (completing the suggestion or agent
    write of its author that had the same code), close the open findings that commit
    removed, record inline dismissals, and mark accepted code the commit no longer has as
    fixed before the commit (``store.findings``). Returns (added, fixed). Judgement hints
    are not kept: they are not findings, and reports count only findings."""
    from provenance import git
    from store import db
    from store.findings import resolve_fixed, save_findings, settle_commit

    if change.rev is None:
        raise ValueError("findings are kept with a commit: review a range, not the index")
    sha = git.rev_parse(root, change.rev) or change.rev
    repo_id = git.repo_id(root)
    author = git.commit_info(root, sha).author_email
    present = present_findings(change, policy)
    kept = [f for f in findings if not f.judgement]
    with db.session(db_url) as session:
        fixed = resolve_fixed(session, repo_id, sha,
                              {p: {f.fingerprint for f in fs} for p, fs in present.items()})
        added = save_findings(session, repo_id, sha, kept, developer=author)
        # after the commit's own findings: code it commits was not "fixed before commit"
        settle_commit(session, repo_id, sha, present, developer=author)
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


# -- files and folders outside a change --------------------------------------------------

ORIGIN_MODES = ("ai", "human", "auto")


@dataclass(frozen=True, slots=True)
class PathReview:
    findings: list[Finding]
    files: int  # files reviewed
    skipped: dict[str, str]  # path -> why it was not reviewed
    notes: list[str]  # what the reader must know (origins that fell back to human, ...)


def review_paths(paths: list[Path], policy: Policy, *, origin: str = "auto",
                 settings: Any = None) -> PathReview:
    """Review every line of the given files and of the source files under the given folders.

    ``origin`` says whose code it is: ``ai`` or ``human`` for every line, or ``auto``: per
    line from the provenance notes (and the store, with ``settings``) of the git repository
    holding the file. Lines provenance knows nothing of (uncommitted, unrecorded, outside a
    repository) are reviewed as human, and a note says how many files that concerned."""
    from reviewer.engine import review_target
    from reviewer.model import AI as AI_LABEL
    from reviewer.model import Origin
    from reviewer.targets import collect_files, file_target

    if origin not in ORIGIN_MODES:
        raise ValueError(f"origin must be one of {', '.join(ORIGIN_MODES)}")
    files, skipped = collect_files(paths)
    findings: list[Finding] = []
    notes: list[str] = []
    fallback: list[str] = []
    reviewed = 0
    roots: dict[Path, Path | None] = {}
    for p in files:
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            skipped[str(p)] = f"unreadable ({exc.__class__.__name__})"
            continue
        reviewed += 1
        shown = p.as_posix()
        n = text.count("\n") + 1
        origins: dict[int, Origin] = {}
        if origin == "ai":
            ai = Origin(label=AI_LABEL)
            origins = {i: ai for i in range(1, n + 1)}
        elif origin == "auto":
            origins, known = _blame_origins(p, roots, settings)
            if not known:
                fallback.append(shown)
        findings.extend(review_target(file_target(shown, text, origins), policy))
    if fallback:
        notes.append(f"aiprov: no provenance for {len(fallback)} of {len(files)} file(s) "
                     f"(not committed in a git repository, or no note/record); reviewed as "
                     f"human: {', '.join(fallback[:5])}{' ...' if len(fallback) > 5 else ''}")
    return PathReview(findings, reviewed, skipped, notes)


def _blame_origins(p: Path, roots: dict[Path, Path | None],
                   settings: Any) -> tuple[dict[int, Any], bool]:
    """(line -> Origin for lines provenance attributes, whether any line was known)."""
    from provenance import git
    from provenance.blame import UNCOMMITTED, UNKNOWN, blame_file
    from reviewer.model import Origin

    folder = p.resolve().parent
    if folder not in roots:
        try:
            roots[folder] = git.repo_root(folder)
        except Exception:  # noqa: BLE001 - not a repository: no provenance
            roots[folder] = None
    root = roots[folder]
    if root is None:
        return {}, False
    rel = p.resolve().relative_to(root).as_posix()
    try:
        rows = blame_file(root, rel, settings=settings)
    except Exception:  # noqa: BLE001 - untracked file, or git refuses: no provenance
        return {}, False
    out: dict[int, Origin] = {}
    known = False
    for r in rows:
        label = r.get("origin")
        if label in (UNKNOWN, UNCOMMITTED, None):
            continue
        known = True
        if label == "human":
            continue
        t: Any = r.get("time")
        out[int(r["line"])] = Origin(
            label=str(label), tool=r.get("tool"), model=r.get("model"),
            time=t.isoformat() if hasattr(t, "isoformat") else (str(t) if t else None),
            exchange_id=r.get("exchange"), confidence=r.get("confidence"))
    return out, known
