"""Notes travel with plain git: fetched with ``git fetch``, pushed with ``git push``, merged.

Git does not move ``refs/notes/*`` by default. ``aiprov hooks install`` adds to each remote
a fetch refspec ``+refs/notes/aiprov*:refs/notes/aiprov-remote/<remote>/aiprov*`` (the ``*``
may match nothing, so a remote without notes does not make ``git fetch`` fail), and
installs three hooks that run this module:

``pre-push <remote> <url>``
    Pushes ``refs/notes/aiprov`` in a second ``git push --no-verify``; when the remote has
    notes this clone lacks, it fetches and merges them and pushes again. (A push refspec
    would make every plain push fail where notes are refused, and would change what
    ``git push`` pushes.) Where the remote
    refuses notes (a fork without rights, a server hook) it prints one warning line,
    remembers the URL in ``aiprov.notesPushRefused`` and stays quiet for it afterwards; the
    commits' push is never affected (exit 0). ``aiprov notes sync`` tries again.
``post-merge`` / ``post-checkout``
    Merge the fetched tracking refs into ``refs/notes/aiprov`` (the shell script starts
    Python only when they moved, see ``hookscripts.NOTES_CHANGED_SH``).

Merging (``merge_ref``): a commit noted on one side only takes that note; a commit noted
differently on both takes ``notes.merge`` of the two (the union of their line maps). The
result is a notes commit whose parents are both sides, so the next push is a fast-forward.
``git notes merge`` is not used: its strategies treat the JSON as text.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from aiprov.errors import GitError
from provenance import git, notes
from provenance.git import NOTES_REF
from provenance.hookscripts import NOTES_MERGED, TRACKING_PREFIX

REFUSED_KEY = "aiprov.notesPushRefused"
# the remote answered no (rights, a server hook, a protected ref), as opposed to a network
# failure, which is worth trying again on the next push
_REFUSAL = re.compile(r"rejected|denied|declined|forbidden|protected|\b403\b|not allowed",
                      re.I)
_IDENT = {"GIT_AUTHOR_NAME": "aiprov", "GIT_AUTHOR_EMAIL": "aiprov@localhost",
          "GIT_COMMITTER_NAME": "aiprov", "GIT_COMMITTER_EMAIL": "aiprov@localhost"}


def tracking_ref(remote: str) -> str:
    """Where the notes fetched from ``remote`` (a name, or a URL) are kept."""
    name = remote if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", remote) else (
        "url-" + hashlib.sha1(remote.encode(), usedforsecurity=False).hexdigest()[:12])
    return f"{TRACKING_PREFIX}{name}/aiprov"


def fetch_refspec(remote: str) -> str:
    return f"+{NOTES_REF}*:{tracking_ref(remote)}*"


def configure_remotes(repo: Path) -> list[str]:
    """Add the notes fetch refspec to every remote that lacks it; the remotes changed."""
    changed = []
    for remote in git.run(repo, "remote").stdout.split():
        have = git.run(repo, "config", "--get-all", f"remote.{remote}.fetch",
                       check=False).stdout.split()
        spec = fetch_refspec(remote)
        if spec not in have:
            git.run(repo, "config", "--add", f"remote.{remote}.fetch", spec)
            changed.append(remote)
    return changed


def unconfigure_remotes(repo: Path) -> None:
    """Remove the notes fetch refspec from every remote (``aiprov hooks uninstall``)."""
    for remote in git.run(repo, "remote").stdout.split():
        git.run(repo, "config", "--fixed-value", "--unset-all", f"remote.{remote}.fetch",
                fetch_refspec(remote), check=False)


def ensure_identity(repo: Path) -> None:
    """Notes are commits: give git an identity where it has none (a CI runner)."""
    if git.run(repo, "var", "GIT_COMMITTER_IDENT", check=False).returncode != 0:
        for k, v in _IDENT.items():
            os.environ.setdefault(k, v)


def notes_tree(repo: Path, commit: str) -> dict[str, str]:
    """annotated object -> note blob, read from a notes commit (any fan-out)."""
    out = git.run(repo, "ls-tree", "-r", "-z", commit).stdout
    result = {}
    for item in out.split("\0"):
        meta, _, path = item.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            name = path.replace("/", "")
            if re.fullmatch(r"[0-9a-f]{40,64}", name):
                result[name] = parts[2]
    return result


def _is_ancestor(repo: Path, a: str, b: str) -> bool:
    return git.run(repo, "merge-base", "--is-ancestor", a, b, check=False).returncode == 0


def merge_ref(repo: Path, ref: str) -> int:
    """Merge the notes of ``ref`` into ``refs/notes/aiprov``; how many notes it changed."""
    theirs = git.rev_parse(repo, ref)
    ours = git.rev_parse(repo, NOTES_REF)
    if theirs is None or theirs == ours:
        return 0
    if ours is None or _is_ancestor(repo, ours, theirs):
        n = len(notes_tree(repo, theirs)) - (len(notes_tree(repo, ours)) if ours else 0)
        git.run(repo, "update-ref", NOTES_REF, theirs, *((ours,) if ours else ()))
        return max(n, 1)
    if _is_ancestor(repo, theirs, ours):
        return 0
    ensure_identity(repo)
    mine, other = notes_tree(repo, ours), notes_tree(repo, theirs)
    final = {**other, **mine}
    both = [o for o in mine if o in other and mine[o] != other[o]]
    texts = git.files_text_by_id(repo, [b for o in both for b in (mine[o], other[o])])
    for obj in both:
        a, b = notes.loads(texts.get(mine[obj])), notes.loads(texts.get(other[obj]))
        merged = notes.merge(a, b) if a is not None and b is not None else (a or b)
        if merged is not None:  # (neither parses as ours: this clone's stays)
            final[obj] = git.run(repo, "hash-object", "-w", "--stdin",
                                 input=notes.dumps(merged)).stdout.strip()
    tree = _notes_tree_object(repo, final)
    commit = git.run(repo, "commit-tree", tree, "-p", ours, "-p", theirs, "-m",
                     f"aiprov: merge notes from {ref}").stdout.strip()
    git.run(repo, "update-ref", NOTES_REF, commit, ours)
    return sum(1 for o, b in final.items() if mine.get(o) != b)


def _notes_tree_object(repo: Path, blobs: dict[str, str]) -> str:
    """A notes tree for ``blobs`` (annotated object -> note blob) written through a
    throw-away index. Not ``git notes add``: that wants every annotated commit present, and
    a clone lacks the commits of deleted branches whose notes it still carries. One
    consistent fan-out (flat up to 256 notes, ``xx/<rest>`` beyond, as git lays them out)."""
    import tempfile

    fan = len(blobs) > 256
    lines = "".join(f"100644 {blob}\t{obj[:2] + '/' + obj[2:] if fan else obj}\n"
                    for obj, blob in sorted(blobs.items()))
    with tempfile.TemporaryDirectory(prefix="aiprov-notes-") as tmp:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index")}
        git.run(repo, "update-index", "--add", "--index-info", input=lines, env=env)
        return git.run(repo, "write-tree", env=env).stdout.strip()


def tracking_refs(repo: Path) -> list[tuple[str, str]]:
    """(ref, commit) of every fetched remote notes ref."""
    out = git.run(repo, "for-each-ref", "--format=%(refname) %(objectname)",
                  TRACKING_PREFIX).stdout
    return [(a, b) for a, _, b in (ln.partition(" ") for ln in out.splitlines()) if b]


def read_all(repo: Path, revs: set[str]) -> dict[str, dict[str, Any]]:
    """The notes of ``revs`` from ``refs/notes/aiprov`` and every fetched remote notes ref,
    merged in memory: a plain ``git fetch`` is enough for readers (blame) to see them."""
    out: dict[str, dict[str, Any]] = {}
    for ref in [NOTES_REF, *(r for r, _ in tracking_refs(repo))]:
        for sha, text in git.notes_for(repo, revs, ref=ref).items():
            n = notes.loads(text)
            if n is not None:
                out[sha] = notes.merge(out[sha], n) or n if sha in out else n
    return out


def import_for(repo: Path, ref: str, commits: Iterable[str]) -> int:
    """Merge into ``refs/notes/aiprov`` the notes ``ref`` has for ``commits`` only: a fork's
    notes ref is whatever its owner pushed, and may speak for no commit but its own."""
    wanted = set(commits)
    if not wanted or git.rev_parse(repo, ref) is None:
        return 0
    theirs = git.notes_for(repo, wanted, ref=ref)
    ours = git.notes_for(repo, set(theirs))
    n = 0
    for sha, text in theirs.items():
        new = notes.loads(text)
        if new is None:
            continue
        cur = notes.loads(ours.get(sha))
        merged = notes.merge(cur, new) if cur is not None else new
        if merged is not None and merged != cur:
            git.note_write(repo, sha, notes.dumps(merged))
            n += 1
    return n


def merge_fetched(repo: Path) -> int:
    """Merge every fetched remote notes ref; record what was merged for the hook scripts."""
    refs = tracking_refs(repo)
    changed = sum(merge_ref(repo, ref) for ref, _ in refs)
    d = git.git_dir(repo) / "aiprov"
    d.mkdir(parents=True, exist_ok=True)
    (d / NOTES_MERGED).write_text("\n".join(c for _, c in refs), encoding="utf-8")
    return changed


def fetch(repo: Path, remote: str) -> bool:
    """Fetch ``remote``'s notes into its tracking ref; False when it has none."""
    ref = tracking_ref(remote)
    git.run(repo, "fetch", "--quiet", "--no-write-fetch-head", remote, fetch_refspec(remote))
    return git.rev_parse(repo, ref) is not None


def push(repo: Path, remote: str, *, attempts: int = 3) -> None:
    """Push ``refs/notes/aiprov`` to ``remote``; when the remote has notes this clone has not
    merged (a non-fast-forward), fetch and merge them and push again. Raises GitError with
    git's reason when the remote refuses."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}  # never wait for a password prompt
    for attempt in range(attempts):
        if attempt and fetch(repo, remote):
            merge_ref(repo, tracking_ref(remote))
        if git.rev_parse(repo, NOTES_REF) is None:
            return
        proc = git.run(repo, "push", "--quiet", "--no-verify", remote,
                       f"{NOTES_REF}:{NOTES_REF}", check=False, env=env)
        if proc.returncode == 0:
            git.run(repo, "update-ref", tracking_ref(remote), NOTES_REF, check=False)
            return
        err = proc.stderr
        if attempt + 1 < attempts and ("non-fast-forward" in err or "fetch first" in err):
            continue
        reason = next((ln.strip() for ln in err.splitlines()
                       if "rejected" in ln or "denied" in ln or "error" in ln.lower()),
                      (err.strip().splitlines() or [f"exit status {proc.returncode}"])[-1])
        raise GitError(f"notes not pushed to {remote}: {reason}")


def refused(repo: Path, url: str) -> bool:
    have = git.run(repo, "config", "--get-all", REFUSED_KEY, check=False).stdout.splitlines()
    return url in have


def set_refused(repo: Path, url: str, value: bool) -> None:
    if value:
        if not refused(repo, url):
            git.run(repo, "config", "--add", REFUSED_KEY, url)
    else:
        git.run(repo, "config", "--unset-all", REFUSED_KEY, "^" + re.escape(url) + "$",
                check=False)


def pre_push(repo: Path, remote: str, url: str, stdin: str) -> str | None:
    """The pre-push hook's work; the warning to print, if any."""
    pushed = [ln.split()[0] for ln in stdin.splitlines() if ln.split()]
    if not pushed or all(r.startswith("refs/notes/") for r in pushed):
        return None
    mine = git.rev_parse(repo, NOTES_REF)
    if mine is None or refused(repo, url or remote):
        return None
    if git.rev_parse(repo, tracking_ref(remote)) == mine:
        return None  # the remote had these notes when we last fetched or pushed
    try:
        configure_remotes(repo)  # a global install: the next git fetch brings notes too
        push(repo, remote)
    except GitError as exc:
        if not _REFUSAL.search(str(exc)):  # unreachable, timed out: try again next push
            return f"aiprov: {exc}; your commits are pushed as usual."
        set_refused(repo, url or remote, True)
        return (f"aiprov: {exc}; your commits are pushed as usual. Not trying {url or remote} "
                "again; `aiprov notes sync` retries.")
    return None


def main(argv: list[str] | None = None) -> int:
    """``python -m provenance.notesync pre-push|post-merge|post-checkout ARGS``; never fails
    the git command that ran it."""
    argv = list(sys.argv[1:] if argv is None else argv)
    name = argv[0] if argv else ""
    try:
        repo = git.repo_root(Path.cwd())
        if name == "pre-push":
            msg = pre_push(repo, argv[1], argv[2] if len(argv) > 2 else "", sys.stdin.read())
            if msg:
                sys.stderr.write(msg + "\n")
        elif name in ("post-merge", "post-checkout"):
            merge_fetched(repo)
        else:
            raise ValueError(f"unknown hook {name!r}")
    except Exception as exc:  # noqa: BLE001 - a hook of ours never fails git's command
        if os.environ.get("AIPROV_HOOK_DEBUG"):
            import traceback

            traceback.print_exc()
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        sys.stderr.write(f"aiprov: {name or 'notes'} skipped ({first})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
