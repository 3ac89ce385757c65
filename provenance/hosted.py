"""Attribution across hosted merges and pull requests, from the notes alone (no store).

A host's "Squash and merge" or "Rebase and merge" makes commits no hook of ours saw; a
merge commit adds no lines of its own. Their lines were written in the branch's commits,
whose notes the developers pushed. ``carry_commit`` gives a new commit a note by content:

1. ``git blame`` of the new commit's files laid over a branch commit (``overlay``) walks
   each added line back through the branch's history; a line that lands on a branch commit
   with a note takes the origin that note records for it (exact, short lines too). Tried
   first over the branch commit with the same patch (``git patch-id``: a rebase merge's
   original), then over the branch's tips.
2. Lines still unplaced take an AI origin when a branch note has the same line text
   (``notes.carry_over``: whitespace-insensitive, lines of 8+ characters, never a line the
   file had before the commit).
3. Everything else is human.

Every added line of the new commit gets exactly one origin, so a squash's AI share is at
most 100% and nothing is counted twice. ``line_map`` does the same for a pull request's
head against its base (``pr_summary`` in ``aiprov ci pr``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from provenance import git, notes, skip
from provenance.model import AI, AI_EDITED, HUMAN, FileDiff, LineOrigin

UNPLACED_CONFIDENCE = 0.5  # a human line no branch note speaks for
_ZERO = re.compile(r"^0+$")


class Branch(NamedTuple):
    """The commits a hosted merge replaced or merged, and their notes."""

    commits: list[str]  # newest first
    tips: list[str]
    notes: dict[str, dict[str, Any]]  # commit -> note (only the commits that have one)


def branch(repo: Path, sources: Iterable[str], target: str,
           all_notes: Mapping[str, dict[str, Any]], *,
           lookup: Callable[[str], dict[str, Any] | None] | None = None) -> Branch:
    """The commits reachable from ``sources`` but not from ``target`` (the target branch
    before the merge), with their notes; ``lookup(sha)`` is asked for a commit without one
    (the org server's line map of a commit whose notes never reached this remote)."""
    srcs = [s for s in dict.fromkeys(sources) if s]
    if not srcs:
        return Branch([], [], {})
    commits = git.run(repo, "rev-list", *srcs, "--not", target, "--").stdout.split()
    if isinstance(all_notes, Notes):
        all_notes.load(commits)
    noted = {c: all_notes[c] for c in commits if c in all_notes}
    if lookup is not None:
        for c in commits:
            if c not in noted and (n := lookup(c)) is not None:
                noted[c] = n
    tips = [s for s in srcs if s in commits]
    return Branch(commits, tips, noted)


def orphan_notes(repo: Path, target: str,
                 all_notes: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Notes of commits that are not in ``target``'s history: the commits a squash or rebase
    replaced (their objects may be gone from this clone; their notes are not)."""
    reachable = set(git.run(repo, "rev-list", target).stdout.split())
    gone = [c for c in all_notes if c not in reachable]
    if isinstance(all_notes, Notes):
        all_notes.load(gone)
    return {c: all_notes[c] for c in gone if c in all_notes}


class Notes(Mapping[str, dict[str, Any]]):
    """The aiprov notes under a ref, read on demand: which commits have a note is listed once
    (``git notes list``), a note's JSON is read when asked for (``load`` reads many with one
    git call), so a repository with a long noted history is not read whole."""

    def __init__(self, repo: Path, ref: str = git.NOTES_REF) -> None:
        self.repo = repo
        self._blobs: dict[str, str] = {}
        self._cache: dict[str, dict[str, Any] | None] = {}
        if git.rev_parse(repo, ref) is not None:
            out = git.run(repo, "notes", f"--ref={ref}", "list").stdout
            for ln in out.splitlines():
                blob, _, obj = ln.partition(" ")
                if obj:
                    self._blobs[obj] = blob

    def load(self, shas: Iterable[str]) -> None:
        todo = [c for c in dict.fromkeys(shas) if c in self._blobs and c not in self._cache]
        texts = git.files_text_by_id(self.repo, [self._blobs[c] for c in todo])
        for c in todo:
            self._cache[c] = notes.loads(texts.get(self._blobs[c]))

    def put(self, sha: str, note: dict[str, Any]) -> None:
        self._blobs.setdefault(sha, "")
        self._cache[sha] = note

    def __getitem__(self, sha: str) -> dict[str, Any]:
        self.load([sha])
        note = self._cache.get(sha)
        if note is None:
            raise KeyError(sha)
        return note

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._blobs))

    def __len__(self) -> int:
        return len(self._blobs)


@lru_cache(maxsize=4096)  # a rebase merge of N commits asks about each original N times
def _patch_id(repo: Path, rev: str) -> str | None:
    diff = git.run(repo, "diff-tree", "-p", "--no-color", "--no-ext-diff", rev, check=False)
    if diff.returncode != 0 or not diff.stdout:
        return None
    out = git.run(repo, "patch-id", "--stable", input=diff.stdout, check=False).stdout.split()
    return out[0] if out else None


def same_patch(repo: Path, rev: str, candidates: Sequence[str]) -> str | None:
    """The candidate commit with the same change as ``rev`` (a rebased copy's original)."""
    want = _patch_id(repo, rev)
    if want is None:
        return None
    for c in candidates:
        if _patch_id(repo, c) == want:
            return c
    return None


def overlay(repo: Path, start: str, files: Mapping[str, str]) -> str:
    """A throw-away commit on top of ``start`` whose files ``files`` have the given text:
    blaming it walks lines that ``start`` already had back into ``start``'s history (what
    ``git blame --contents`` does, which git before 2.41 refuses with a revision)."""
    import os
    import tempfile

    env = {**os.environ, **{k: os.environ.get(k, v) for k, v in (
        ("GIT_AUTHOR_NAME", "aiprov"), ("GIT_AUTHOR_EMAIL", "aiprov@localhost"),
        ("GIT_COMMITTER_NAME", "aiprov"), ("GIT_COMMITTER_EMAIL", "aiprov@localhost"))}}
    with tempfile.TemporaryDirectory(prefix="aiprov-overlay-") as tmp:
        env["GIT_INDEX_FILE"] = str(Path(tmp) / "index")
        git.run(repo, "read-tree", start, env=env)
        info = []
        for path, text in files.items():
            blob = git.run(repo, "hash-object", "-w", "--stdin", input=text).stdout.strip()
            info.append(f"100644 {blob}\t{path}\n")
        git.run(repo, "update-index", "--add", "--index-info", input="".join(info), env=env)
        tree = git.run(repo, "write-tree", env=env).stdout.strip()
    return git.run(repo, "commit-tree", tree, "-p", start, "-m", "aiprov overlay",
                   env=env).stdout.strip()


def _blame_origins(repo: Path, path: str, rev: str) -> dict[int, tuple[str, str, int]]:
    """line -> (commit, path there, line there) of ``rev``'s file, traced back."""
    proc = git.run(repo, "blame", "--porcelain", "-M", rev, "--", path, check=False)
    if proc.returncode != 0:
        return {}
    out: dict[int, tuple[str, str, int]] = {}
    files: dict[str, str] = {}
    cur: tuple[str, int, int] | None = None
    for line in proc.stdout.split("\n"):
        if cur is None:
            parts = line.split(" ")
            if len(parts) >= 3 and re.fullmatch(r"[0-9a-f]{40,64}", parts[0]):
                cur = (parts[0], int(parts[1]), int(parts[2]))
            continue
        if line.startswith("filename "):
            files[cur[0]] = line[len("filename "):]
        elif line.startswith("\t"):
            sha, orig, final = cur
            if not _ZERO.match(sha):
                out[final] = (sha, files.get(sha, path), orig)
            cur = None
    return out


class LineMap(NamedTuple):
    lines: dict[str, dict[int, dict[str, Any]]]  # path -> line -> note fields
    skipped: dict[str, str]  # path -> why it was not attributed
    placed: int  # lines a branch note spoke for (the rest are human by default)


def line_map(repo: Path, diffs: Sequence[FileDiff], rev: str, br: Branch, *,
             starts: Sequence[str], base: str | None) -> LineMap:
    """Per-line note fields for every line ``diffs`` add (the change ``base`` -> ``rev``),
    placed through the branch's notes."""
    keep, skipped = skip.split(diffs)
    placed = 0
    by_commit_lines: dict[tuple[str, str], dict[int, dict[str, Any]]] = {}

    def source_line(sha: str, path: str, lineno: int) -> dict[str, Any] | None:
        note = br.notes.get(sha)
        if note is None:
            return None
        key = (sha, path)
        if key not in by_commit_lines:
            entry = next((f for f in note.get("files", ()) if f.get("path") == path), None)
            by_commit_lines[key] = notes.file_lines(entry) if entry else {}
        return by_commit_lines[key].get(lineno)

    paths = [d.path for d in keep if d.added]
    texts = git.files_text(repo, rev, paths)
    before = git.files_text(repo, base, [(d.old_path or d.path) for d in keep
                                         if d.added and d.status in ("M", "R")]) if base else {}
    carry = notes.carry_index(br.notes.values())
    present = {p: t for p, t in texts.items() if t is not None}
    views = {st: st if st == rev else overlay(repo, st, present) for st in starts}
    result: dict[str, dict[int, dict[str, Any]]] = {}
    for d in keep:
        if not d.added:
            continue
        text = texts.get(d.path)
        want = {a.lineno: a.text for a in d.added}
        lines: dict[int, dict[str, Any]] = {}
        for start in starts:
            if len(lines) == len(want) or text is None:
                break
            for lineno, (sha, opath, oline) in _blame_origins(
                    repo, d.path, views[start]).items():
                if lineno in want and lineno not in lines:
                    e = source_line(sha, opath, oline)
                    if e is not None:
                        e = dict(e)
                        if e.get("origin") != HUMAN:
                            e["hashes"] = [notes.line_hash(want[lineno])]
                        lines[lineno] = e
        rest = [LineOrigin(d.path, n, HUMAN, UNPLACED_CONFIDENCE) for n in want
                if n not in lines]
        pre = {d.path: (before.get(d.old_path or d.path) or "").splitlines()}
        placed += len(lines)
        for o in notes.carry_over([d], rest, carry, preexisting=pre):
            if o.origin == HUMAN:
                lines[o.lineno] = {"origin": HUMAN, "confidence": o.confidence}
            else:
                lines[o.lineno] = _carried(o, carry, want[o.lineno])
                placed += 1
        result[d.path] = lines
    return LineMap(result, skipped, placed)


def _carried(o: LineOrigin, carry: Mapping[str, tuple[dict[str, Any], int]],
             text: str) -> dict[str, Any]:
    r, i = carry[notes.line_hash(text)]
    e = notes.line_entries(r)[i] if i < int(r["end"]) - int(r["start"]) + 1 else dict(r)
    e = {**e, "origin": o.origin, "confidence": o.confidence,
         "hashes": [notes.line_hash(text)]}
    return e


def build_note(diffs: Sequence[FileDiff], lines: Mapping[str, Mapping[int, dict[str, Any]]],
               skipped: Mapping[str, str], *, commit: str, tree: str,
               br: Branch) -> dict[str, Any]:
    files: list[dict[str, Any]] = []
    for d in diffs:
        entry: dict[str, Any] = {"path": d.path, "old_path": d.old_path, "status": d.status}
        if d.path in skipped:
            files.append({**entry, "skipped": skipped[d.path], "ranges": []})
        elif d.status != "D":
            files.append({**entry, "ranges": notes.group(lines.get(d.path, {}))})
    normaliser = next((n.get("normaliser") for n in br.notes.values() if n.get("normaliser")),
                      "")
    note = {"schema": notes.SCHEMA, "commit": commit, "tree": tree, "normaliser": normaliser,
            "generator": notes.GENERATOR,
            "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "carried_from": br.commits[:50], "files": files}
    return notes.summarise(note, deleted=sum(len(d.deleted) for d in diffs))


def carry_commit(repo: Path, rev: str, br: Branch) -> dict[str, Any] | None:
    """The note of ``rev`` (a squash or a rebased copy) from the branch's notes; None for a
    merge commit (its lines belong to the merged commits), and when no branch note speaks
    for any of its lines (a commit made on the target itself: unknown, not human)."""
    ps = git.parents(repo, rev)
    if len(ps) > 1 or not br.notes:
        return None
    base = ps[0] if ps else None
    diffs = git.commit_diff(repo, rev)
    starts: list[str] = []
    original = same_patch(repo, rev, br.commits) if br.commits else None
    if original:
        starts.append(original)
    starts += [t for t in br.tips if t != original]
    lm = line_map(repo, diffs, rev, br, starts=starts, base=base)
    if lm.placed == 0:
        return None
    info = git.commit_info(repo, rev)
    return build_note(diffs, lm.lines, lm.skipped, commit=info.sha, tree=info.tree, br=br)


def origins(lines: Mapping[str, Mapping[int, Mapping[str, Any]]]) -> tuple[
        list[LineOrigin], dict[str, dict[str, Any]]]:
    """LineOrigins (for the reviewer) and exchange details from a line map."""
    note = {"files": [{"path": p, "ranges": notes.group(ls)} for p, ls in lines.items()]}
    return notes.origins(note), notes.details_from_notes([note])


class FileShare(NamedTuple):
    path: str
    added: int
    ai: int
    ai_edited: int


def shares(lines: Mapping[str, Mapping[int, Mapping[str, Any]]]) -> list[FileShare]:
    out = []
    for path, ls in sorted(lines.items()):
        kinds = [e.get("origin") for e in ls.values()]
        out.append(FileShare(path, len(kinds), kinds.count(AI), kinds.count(AI_EDITED)))
    return out


# --- after a hosted merge ---------------------------------------------------------------

_SHA = re.compile(r"\b[0-9a-f]{40}(?:[0-9a-f]{24})?\b")
_PR = re.compile(r"\(#(\d+)\)|[Mm]erge pull request #(\d+)|See merge request [^\s!]*!(\d+)")


def message_sources(message: str) -> tuple[list[str], list[int]]:
    """Commit ids and pull/merge request numbers a merge's message names: ``git merge
    --squash`` lists ``commit <sha>``; GitHub ends a squash subject with ``(#12)`` and a merge
    with ``Merge pull request #12``; GitLab writes ``See merge request group/proj!12``."""
    prs = [int(next(g for g in m.groups() if g)) for m in _PR.finditer(message)]
    return list(dict.fromkeys(_SHA.findall(message))), list(dict.fromkeys(prs))


def pr_refs(number: int) -> list[str]:
    """Where hosts keep a pull request's head: GitHub, then GitLab."""
    return [f"refs/pull/{number}/head", f"refs/merge-requests/{number}/head"]


class Carried(NamedTuple):
    commit: str
    what: str  # "noted" (had a note), "merge", "carried", "no-notes"
    ai: int = 0
    added: int = 0


def attribute_landed(repo: Path, before: str, after: str, sources: Sequence[str],
                     all_notes: Notes, *,
                     fetch_pr: Callable[[int], str | None] | None = None,
                     lookup: Callable[[str], dict[str, Any] | None] | None = None,
                     ) -> tuple[list[Carried], dict[str, str]]:
    """Give each commit that landed on the target (``before..after``, first parent) and has
    no note one carried from its branch. ``sources``: branch heads known to the caller (a
    pull request's head); more are read from each commit's message, and pull request numbers
    there are handed to ``fetch_pr(number) -> sha | None``. Returns what was done per commit
    and the notes written (commit -> note text). ``lookup``: see ``branch``."""
    landed = git.run(repo, "rev-list", "--first-parent", "--reverse",
                     f"{before}..{after}").stdout.split()
    all_notes.load(landed)
    results: list[Carried] = []
    written: dict[str, str] = {}
    orphans: dict[str, dict[str, Any]] | None = None
    for rev in landed:
        if rev in all_notes:
            results.append(Carried(rev, "noted"))
            continue
        if len(git.parents(repo, rev)) > 1:
            results.append(Carried(rev, "merge"))
            continue
        shas, prs = message_sources(git.commit_message(repo, rev))
        found = [s for s in shas if git.rev_parse(repo, s + "^{commit}")]
        for n in prs:
            got = fetch_pr(n) if fetch_pr is not None else None
            if got:
                found.append(got)
        br = branch(repo, [*sources, *found], before, all_notes, lookup=lookup)
        if not br.notes:  # the notes of the commits it replaced, by content only
            if orphans is None:
                orphans = orphan_notes(repo, after, all_notes)
            br = Branch([], [], orphans)
        note = carry_commit(repo, rev, br)
        if note is None:
            results.append(Carried(rev, "no-notes"))
            continue
        text = notes.dumps(note)
        git.note_write(repo, rev, text)
        all_notes.put(rev, note)
        written[rev] = text
        s = note["summary"]
        results.append(Carried(rev, "carried", s["ai"] + s["ai_edited"], s["added"]))
    return results, written


def note_from_server(answer: Mapping[str, Any],
                     details: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """A note from the org server's line map of a commit (``GET /api/commit``) and its
    exchanges' tool, model and time: enough for ``line_map``'s blame step (no line hashes,
    so the by-content step cannot use it)."""
    files = []
    for f in answer.get("files", ()):
        lines: dict[int, dict[str, Any]] = {}
        for ln in f.get("lines", ()):
            e: dict[str, Any] = {"origin": ln["origin"],
                                 "confidence": float(ln.get("confidence") or 0.0)}
            eid = ln.get("exchange_id")
            if eid and ln["origin"] != HUMAN:
                d = details.get(eid, {})
                e.update(exchange=eid, tool=d.get("tool"), model=d.get("model"),
                         at=d.get("time"))
            lines[int(ln["line"])] = e
        files.append({"path": f["path"], "ranges": notes.group(lines)})
    note = {"schema": notes.SCHEMA, "commit": answer.get("sha", ""), "tree": "",
            "generator": "aiprov org server", "files": files}
    return notes.summarise(note)
