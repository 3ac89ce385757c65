"""The only module that runs git: diffs, file contents, trailers, notes, blame, hooks, config.

Every call is ``git`` with an argument list (never a shell string) and a fixed set of options
that make its output independent of the user's configuration (no colour, no external diff or
textconv, explicit ``a/``/``b/`` prefixes, unquoted UTF-8 paths, rename detection). A failed
command raises ``GitError`` carrying git's own first error line, so the CLI can print it as-is.

Repository identity (``repo_id``): the normalised ``remote.origin.url`` when the repository has
one, else the absolute path of its top-level directory; see ``normalise_repo`` for the rule.
The proxy's recorder must store ``Identity.repo`` through the same function so that the hook's
lookup (same developer, same repository) finds the snippets.
"""

from __future__ import annotations

import os
import re
import shlex
import stat
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from aiprov.errors import GitError
from provenance.diff import parse_diff
from provenance.model import FileDiff

NOTES_REF = "refs/notes/aiprov"
HOOK_NAMES = ("pre-commit", "prepare-commit-msg", "post-commit", "post-rewrite")
HOOK_MARKER = "# aiprov-managed hook"
CHAINED_SUFFIX = ".pre-aiprov"
_DIFF_OPTS = (
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--find-renames",
    "--ignore-submodules=all",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "-U0",
)
_BASE = ("git", "-c", "core.quotePath=false", "-c", "diff.noprefix=false")


def _git(
    repo: Path | str | None,
    *args: str,
    input: str | None = None,
    check: bool = True,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    cmd = [*_BASE, *(("-C", str(repo)) if repo is not None else ()), *args]
    try:
        proc = subprocess.run(
            cmd,
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            stdin=None if input is not None else subprocess.DEVNULL,
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed or not on PATH") from exc
    if check and proc.returncode != 0:
        first = (proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[0]
        raise GitError(f"git {args[0]} failed in {repo or os.getcwd()}: {first}")
    return proc


# --- repository -------------------------------------------------------------------------


def repo_root(path: Path | str = ".") -> Path:
    """The top-level directory of the work tree that contains ``path``."""
    p = Path(path)
    proc = _git(p if p.is_dir() else p.parent, "rev-parse", "--show-toplevel", check=False)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise GitError(f"not a git repository: {p} (run inside a work tree, or pass --repo)")
    return Path(proc.stdout.strip())


def git_dir(repo: Path) -> Path:
    """The repository's (per-worktree) git directory, absolute."""
    return Path(_git(repo, "rev-parse", "--absolute-git-dir").stdout.strip())


def root_and_git_dir(path: Path | str = ".") -> tuple[Path, Path]:
    """``repo_root`` and ``git_dir`` with one git call (the hooks' first question)."""
    proc = _git(path, "rev-parse", "--show-toplevel", "--absolute-git-dir", check=False)
    lines = proc.stdout.splitlines()
    if proc.returncode != 0 or len(lines) != 2 or not lines[0]:
        raise GitError(f"not a git repository: {path} (run inside a work tree, or pass --repo)")
    return Path(lines[0]), Path(lines[1])


def common_dir(repo: Path) -> Path:
    out = _git(repo, "rev-parse", "--git-common-dir").stdout.strip()
    p = Path(out)
    return p if p.is_absolute() else (repo / p).resolve()


def rev_parse(repo: Path, rev: str) -> str | None:
    """The object id ``rev`` names, or None when it names nothing."""
    proc = _git(repo, "rev-parse", "-q", "--verify", "--end-of-options", rev + "^{object}",
                check=False)
    return proc.stdout.strip() or None if proc.returncode == 0 else None


def head(repo: Path) -> str | None:
    """The commit HEAD points at, None on an unborn branch."""
    return rev_parse(repo, "HEAD")


def resolve(repo: Path, revs: Iterable[str]) -> dict[str, str | None]:
    """Object ids of many revisions with one ``git cat-file --batch-check`` (None: the name
    names nothing, as ``rev_parse``). Missing pseudo-refs (CHERRY_PICK_HEAD, ...) are fine."""
    names = [r for r in dict.fromkeys(revs) if r and "\n" not in r and not r.isspace()]
    result: dict[str, str | None] = dict.fromkeys(names)
    if not names:
        return result
    out = _git(repo, "cat-file", "--batch-check=%(objectname)",
               input="".join(f"{n}\n" for n in names)).stdout.splitlines()
    for name, line in zip(names, out, strict=False):
        oid = line.strip()
        result[name] = oid if oid and " " not in oid else None  # "<name> missing|ambiguous"
    return result


def head_commit(repo: Path) -> tuple[str, str, list[str]] | None:
    """HEAD's commit, tree and parents with one call; None on an unborn branch."""
    proc = _git(repo, "rev-parse", "HEAD", "HEAD^{tree}", "HEAD^@", check=False)
    lines = proc.stdout.split()
    if proc.returncode != 0 or len(lines) < 2:
        return None
    return lines[0], lines[1], lines[2:]


def empty_tree(repo: Path) -> str:
    return _git(repo, "hash-object", "-t", "tree", "--stdin", input="").stdout.strip()


def write_tree(repo: Path) -> str:
    """The tree id of the index (honours GIT_INDEX_FILE, as inside a commit hook)."""
    return _git(repo, "write-tree").stdout.strip()


def tree_of(repo: Path, rev: str) -> str | None:
    return rev_parse(repo, rev + "^{tree}")


def parents(repo: Path, rev: str) -> list[str]:
    out = _git(repo, "rev-list", "--parents", "-n", "1", "--end-of-options", rev).stdout.split()
    return out[1:]


class CommitInfo(NamedTuple):
    sha: str
    tree: str
    author_email: str
    author_name: str
    committed_at: int  # unix seconds (committer date)
    subject: str


def commit_info(repo: Path, rev: str) -> CommitInfo:
    fmt = "%H%x00%T%x00%ae%x00%an%x00%ct%x00%s"
    out = _git(repo, "show", "-s", f"--format={fmt}", "--end-of-options", rev).stdout
    sha, tree, email, name, ct, subject = out.rstrip("\n").split("\x00", 5)
    return CommitInfo(sha, tree, email, name, int(ct), subject)


def rev_list(repo: Path, spec: str, *, no_merges: bool = True) -> list[str]:
    """Commits of ``spec`` (``A..B`` or one rev), oldest first."""
    args = ["rev-list", "--reverse"] + (["--no-merges"] if no_merges else []) + [spec]
    return _git(repo, *args).stdout.split()


def config_get(repo: Path | None, key: str, *, global_: bool = False) -> str | None:
    args = ["config"] + (["--global"] if global_ else []) + ["--get", key]
    proc = _git(repo, *args, check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def config_set(repo: Path | None, key: str, value: str, *, global_: bool = False) -> None:
    _git(repo, "config", *(["--global"] if global_ else []), key, value)


def config_unset(repo: Path | None, key: str, *, global_: bool = False) -> None:
    _git(repo, "config", *(["--global"] if global_ else []), "--unset-all", key, check=False)


def user_email(repo: Path) -> str:
    return config_get(repo, "user.email") or ""


def config_values(repo: Path | None, keys: Iterable[str]) -> dict[str, str]:
    """Several single-valued keys with one ``git config`` call (the last value wins, as with
    ``config_get``); absent keys are left out. Keys as git prints them (lower-case names)."""
    wanted = list(keys)
    pattern = "^(" + "|".join(re.escape(k) for k in wanted) + ")$"
    proc = _git(repo, "config", "-z", "--get-regexp", pattern, check=False)
    out: dict[str, str] = {}
    if proc.returncode != 0:
        return out
    for item in proc.stdout.split("\0"):
        key, _, value = item.partition("\n")
        if key in wanted:
            out[key] = value
    return out


# --- repository identity ----------------------------------------------------------------

_SCP = re.compile(r"^(?:[^@/]+@)?([^:/]+):(?!//)(.+)$")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?([^/:]+)(?::\d+)?(/.*)?$", re.I)


def normalise_repo(s: str) -> str:
    """A repository identity that is the same for every clone; idempotent.

    ``https://user:tok@GitHub.com/Org/Repo.git``, ``git@github.com:org/repo`` and
    ``ssh://git@github.com:22/org/repo/`` all become ``github.com/org/repo`` (scheme, user,
    password and port dropped, ``.git`` and trailing slashes stripped, lower-cased). A local
    path (no remote) becomes its absolute POSIX path. Already-normalised values pass through.
    """
    s = s.strip()
    if not s:
        return s
    if s.startswith("file://"):
        s = s[len("file://") :]
    if s.startswith(("/", "~", ".")) or re.match(r"^[A-Za-z]:[\\/]", s):
        return Path(s).expanduser().resolve().as_posix()
    m = _URL.match(s)
    if m:
        host, path = m.group(1), m.group(2) or ""
    else:
        m2 = _SCP.match(s)
        if m2:
            host, path = m2.group(1), "/" + m2.group(2)
        else:  # already normalised (host/owner/name) or something unknown: tidy only
            host, _, path = s.partition("/")
            path = "/" + path if path else ""
    path = path.rstrip("/")
    if path.endswith(".git"):
        path = path[: -len(".git")]
    return (host + path).lower()


def repo_id(repo: Path) -> str:
    """The identity under which snippets and commits of ``repo`` are stored."""
    url = config_get(repo, "remote.origin.url")
    return repo_id_of(url, None if url else repo_root(repo))


def repo_id_of(origin_url: str | None, root: Path | None) -> str:
    """``repo_id`` from values already read: the origin URL, else the top-level directory."""
    return normalise_repo(origin_url if origin_url else str(root))


# --- diffs and contents -----------------------------------------------------------------


def _diff(repo: Path, *args: str) -> list[FileDiff]:
    return parse_diff(_git(repo, "diff", *_DIFF_OPTS, *args).stdout)


def staged_diff(repo: Path, base: str | None = None) -> list[FileDiff]:
    """What ``git commit`` would record now: the index against HEAD (or ``base``)."""
    if base is None:
        base = "HEAD" if head(repo) else empty_tree(repo)
    return _diff(repo, "--cached", "--end-of-options", base)


def range_diff(repo: Path, base: str, head_rev: str) -> list[FileDiff]:
    """The change from ``base`` to ``head_rev`` (trees compared, as ``git diff A B``)."""
    return _diff(repo, "--end-of-options", base, head_rev)


def commit_diff(repo: Path, rev: str) -> list[FileDiff]:
    """What commit ``rev`` added: against its first parent, or the empty tree for a root."""
    ps = parents(repo, rev)
    return range_diff(repo, ps[0] if ps else empty_tree(repo), rev)


def file_text(repo: Path, rev: str | None, path: str) -> str | None:
    """A file's text at ``rev`` (None: the index); None when it does not exist there."""
    spec = f":{path}" if rev is None else f"{rev}:{path}"
    proc = _git(repo, "cat-file", "blob", spec, check=False)
    return proc.stdout if proc.returncode == 0 else None


def files_text(repo: Path, rev: str | None, paths: Iterable[str]) -> dict[str, str | None]:
    """Many files' text at ``rev`` with one ``git cat-file --batch`` (None: missing)."""
    paths = list(dict.fromkeys(paths))
    if not paths:
        return {}
    prefix = ":" if rev is None else f"{rev}:"
    if any("\n" in p for p in paths):  # --batch is line based: fall back one by one
        return {p: file_text(repo, rev, p) for p in paths}
    proc = subprocess.run(
        [*_BASE, "-C", str(repo), "cat-file", "--batch"],
        input="".join(f"{prefix}{p}\n" for p in paths).encode("utf-8"),
        capture_output=True,
    )
    if proc.returncode != 0:
        raise GitError(f"git cat-file failed in {repo}: {proc.stderr.decode(errors='replace')}")
    out, pos = proc.stdout, 0
    result: dict[str, str | None] = {}
    for p in paths:
        eol = out.index(b"\n", pos)
        header = out[pos:eol].decode("utf-8", errors="replace")
        pos = eol + 1
        if header.endswith(" missing") or header.endswith(" ambiguous"):
            result[p] = None
            continue
        size = int(header.rsplit(" ", 1)[1])
        result[p] = out[pos : pos + size].decode("utf-8", errors="replace")
        pos += size + 1
    return result


def state_ref(repo: Path, name: str) -> str | None:
    """A pseudo-ref of an operation in progress (CHERRY_PICK_HEAD, REBASE_HEAD, MERGE_HEAD)."""
    return rev_parse(repo, name)


def squash_sources(repo: Path, gdir: Path | None = None) -> list[str]:
    """Commits named in ``.git/SQUASH_MSG`` during ``git merge --squash``."""
    path = (gdir or git_dir(repo)) / "SQUASH_MSG"
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    return re.findall(r"^commit ([0-9a-f]{40,64})$", text, flags=re.M)


# --- trailers ---------------------------------------------------------------------------


def add_trailers(repo: Path, message_file: Path, trailers: Sequence[tuple[str, str]]) -> None:
    """Append ``Key: value`` trailers to a commit message file in place (atomic rename).

    ``git interpret-trailers`` places them where ``--parse`` will find them, keeps comment
    lines and the scissors line where they are, and does not repeat an identical trailer.
    """
    if not trailers:
        return
    args = ["interpret-trailers", "--in-place", "--if-exists", "addIfDifferent"]
    for k, v in trailers:
        args += ["--trailer", f"{k}: {v}"]
    _git(repo, *args, str(message_file))


def parse_trailers(repo: Path | None, message: str) -> list[tuple[str, str]]:
    """The trailers of a message as ``git interpret-trailers --parse`` sees them."""
    out = _git(repo, "interpret-trailers", "--parse", input=message).stdout
    pairs = []
    for line in out.splitlines():
        k, sep, v = line.partition(":")
        if sep:
            pairs.append((k.strip(), v.strip()))
    return pairs


def commit_message(repo: Path, rev: str) -> str:
    return _git(repo, "show", "-s", "--format=%B", "--end-of-options", rev).stdout


# --- notes ------------------------------------------------------------------------------


def note_read(repo: Path, rev: str, ref: str = NOTES_REF) -> str | None:
    proc = _git(repo, "notes", f"--ref={ref}", "show", "--end-of-options", rev, check=False)
    return proc.stdout if proc.returncode == 0 else None


def note_write(repo: Path, rev: str, text: str, ref: str = NOTES_REF) -> None:
    """Attach ``text`` to ``rev`` under ``ref``, replacing any note already there."""
    _git(repo, "notes", f"--ref={ref}", "add", "-f", "-F", "-", rev, input=text)


def notes_for(repo: Path, revs: Iterable[str], ref: str = NOTES_REF) -> dict[str, str]:
    """Notes of many commits at once (commit sha -> note text)."""
    wanted = set(revs)
    if not wanted:
        return {}
    proc = _git(repo, "notes", f"--ref={ref}", "list", check=False)
    if proc.returncode != 0:
        return {}
    blobs: dict[str, str] = {}
    for line in proc.stdout.splitlines():
        blob, _, obj = line.partition(" ")
        if obj in wanted:
            blobs[obj] = blob
    texts = files_text_by_id(repo, list(blobs.values()))
    return {obj: texts[b] for obj, b in blobs.items() if texts.get(b) is not None}  # type: ignore[misc]


def files_text_by_id(repo: Path, object_ids: Sequence[str]) -> dict[str, str | None]:
    """Blob texts by object id, one ``git cat-file --batch``."""
    if not object_ids:
        return {}
    proc = subprocess.run(
        [*_BASE, "-C", str(repo), "cat-file", "--batch"],
        input="".join(f"{o}\n" for o in object_ids).encode(),
        capture_output=True,
    )
    out, pos = proc.stdout, 0
    result: dict[str, str | None] = {}
    for o in object_ids:
        eol = out.index(b"\n", pos)
        header = out[pos:eol].decode()
        pos = eol + 1
        if header.endswith(" missing"):
            result[o] = None
            continue
        size = int(header.rsplit(" ", 1)[1])
        result[o] = out[pos : pos + size].decode("utf-8", errors="replace")
        pos += size + 1
    return result


def configure_notes_rewrite(repo: Path | None, *, global_: bool = False) -> None:
    """Make amend and rebase carry the aiprov note to the rewritten commit.

    git then copies the old note onto the new commit; the post-rewrite hook checks it
    against the new commit's content and rebuilds it when the content changed.
    """
    current = _git(repo, "config", *(["--global"] if global_ else []), "--get-all",
                   "notes.rewriteRef", check=False).stdout.split()
    if NOTES_REF not in current:
        _git(repo, "config", *(["--global"] if global_ else []), "--add", "notes.rewriteRef",
             NOTES_REF)
    config_set(repo, "notes.rewrite.amend", "true", global_=global_)
    config_set(repo, "notes.rewrite.rebase", "true", global_=global_)


# --- blame ------------------------------------------------------------------------------


class BlameLine(NamedTuple):
    lineno: int  # line in the file as it is now
    sha: str  # commit that introduced the line
    orig_path: str
    orig_lineno: int  # line number in that commit's version of the file
    text: str
    boundary: bool = False  # the commit is a boundary/uncommitted (no attribution)


def blame(repo: Path, path: str, *, rev: str | None = None,
          lines: tuple[int, int] | None = None) -> list[BlameLine]:
    """``git blame --porcelain``: each line with the commit and original line it came from."""
    args = ["blame", "--porcelain", "-M"]
    if lines:
        args += ["-L", f"{lines[0]},{lines[1]}"]
    if rev:
        args.append(rev)
    args += ["--", path]
    out = _git(repo, *args).stdout
    result: list[BlameLine] = []
    meta: dict[str, dict[str, str]] = {}
    cur: dict[str, str] | None = None
    sha = ""
    orig = final = 0
    for line in out.split("\n"):
        if cur is None:
            parts = line.split(" ")
            if len(parts) >= 3 and re.fullmatch(r"[0-9a-f]{40,64}", parts[0]):
                sha, orig, final = parts[0], int(parts[1]), int(parts[2])
                cur = meta.setdefault(sha, {})
            continue
        if line.startswith("\t"):
            result.append(BlameLine(
                lineno=final, sha=sha, orig_path=cur.get("filename", path),
                orig_lineno=orig, text=line[1:],
                boundary="boundary" in cur or set(sha) == {"0"},
            ))
            cur = None
            continue
        key, _, val = line.partition(" ")
        if key == "boundary":
            cur["boundary"] = "1"
        elif key in ("filename", "author-mail", "author-time", "summary"):
            cur[key] = val
    return result


# --- hooks ------------------------------------------------------------------------------


def hooks_dir(repo: Path) -> Path:
    """Where git looks for this repository's hooks (honours core.hooksPath)."""
    out = _git(repo, "rev-parse", "--git-path", "hooks").stdout.strip()
    p = Path(out)
    return p if p.is_absolute() else (repo / p).resolve()


# post-commit without starting Python: prepare-commit-msg left the note, complete but for
# the commit id, in $GIT_DIR/aiprov (provenance.hook.write_pending documents the files).
# When it was made for exactly this commit (same tree, same parent; a merge has two parents
# and never matches), write it with the commit id spliced in and start the store save
# detached (inline with AIPROV_HOOK_SYNC=1), then empty the files so that they are used once.
# Anything else returns 1 and the Python hook does the full work as before: no or stale
# pending note (re-attribute), an earlier background error to report, a failed note write.
_POST_COMMIT_SH = f"""aiprov_fast_post_commit() {{
  aiprov_rev=$(git rev-parse --absolute-git-dir HEAD 'HEAD^{{tree}}' 'HEAD^@' 2>/dev/null) ||
    return 1
  aiprov_ifs=$IFS
  IFS='
'
  set -f
  set -- $aiprov_rev
  set +f
  IFS=$aiprov_ifs
  [ $# -eq 3 ] || [ $# -eq 4 ] || return 1
  aiprov_pd="$1/aiprov" aiprov_sha=$2 aiprov_want="$3 ${{4:--}}"
  [ -s "$aiprov_pd/pending.note" ] || return 1
  {{ read -r aiprov_have; IFS= read -r aiprov_repo; IFS= read -r aiprov_home
    IFS= read -r aiprov_head; }} <"$aiprov_pd/pending" 2>/dev/null || return 1
  [ "$aiprov_have" = "$aiprov_want" ] && [ -d "$aiprov_home" ] || return 1
  [ ! -e "$aiprov_home/hook-last-error" ] || return 1
  {{ printf '%s%s' "$aiprov_head" "$aiprov_sha"; cat "$aiprov_pd/pending.note"; }} |
    git notes --ref={NOTES_REF} add -f -F - "$aiprov_sha" 2>/dev/null || return 1
  : >"$aiprov_pd/pending"
  : >"$aiprov_pd/pending.note"
  if [ "$AIPROV_HOOK_SYNC" = 1 ]; then
    </dev/null "$aiprov_python" -m provenance.hook save "$aiprov_repo" "$aiprov_sha"
    return 0
  fi
  aiprov_detach=
  command -v setsid >/dev/null 2>&1 && aiprov_detach=setsid
  </dev/null >>"$aiprov_home/hook.log" 2>&1 \\
    $aiprov_detach "$aiprov_python" -m provenance.hook save "$aiprov_repo" "$aiprov_sha" &
  return 0
}}
"""


def _hook_script(name: str, python: str, chain: Sequence[str], global_: bool) -> str:
    if name == "post-rewrite":  # the rewritten-commit list arrives on stdin: give it to all
        capture = 'aiprov_input=$(cat)\n'
        run_prev = 'printf "%s\\n" "$aiprov_input" | AIPROV_HOOK_OUTER=1 "$aiprov_prev" "$@"'
        run_ours = 'printf "%s\\n" "$aiprov_input" | "$aiprov_python" -m provenance.hook'
    else:
        capture = ""
        run_prev = 'AIPROV_HOOK_OUTER=1 "$aiprov_prev" "$@"'
        run_ours = '</dev/null "$aiprov_python" -m provenance.hook'
    functions = ""
    if name == "post-commit":
        functions = _POST_COMMIT_SH
        run_ours = "aiprov_fast_post_commit || " + run_ours
    if name == "prepare-commit-msg":  # the warm hook server when one runs, see hookclient
        run_ours = '</dev/null "$aiprov_python" -m provenance.hookclient'

    may_block = name == "pre-commit"
    on_fail = "aiprov_status=$?" if may_block else "true"
    if may_block:  # the review gate: blocks only when the repository's policy says so;
        # without a policy file no Python process is started at all. git runs hooks in the
        # top level of the work tree (githooks(5)), so the path is relative: no git call
        run_ours = ('[ ! -f .aiprov/policy.toml ] || '
                    '</dev/null "$aiprov_python" -m reviewer.gate')
    chain_sh = " ".join(chain)
    local = ""
    if global_:  # core.hooksPath hides the repository's own hooks: run them too
        local = (
            'aiprov_local="$(git rev-parse --git-common-dir 2>/dev/null)/hooks/' + name + '"\n'
            'case "$aiprov_local" in /*) ;; *) aiprov_local="$PWD/$aiprov_local" ;; esac\n'
        )
        chain_sh += ' "$aiprov_local"'
    kind = "global" if global_ else "repository"
    return f"""#!/bin/sh
{HOOK_MARKER} ({kind}): `aiprov hooks uninstall` removes it.
# Runs the hook(s) it chains first, then aiprov. aiprov never blocks a commit on its own
# failure: it prints one warning line and the commit goes ahead with its message intact.
# (pre-commit runs the review gate, which blocks only when .aiprov/policy.toml says block.)
aiprov_python={shlex.quote(python)}
{functions}{capture}{local}aiprov_status=0
aiprov_self="$0"
for aiprov_prev in {chain_sh}; do
  [ -n "$aiprov_prev" ] || continue
  [ "$aiprov_prev" -ef "$aiprov_self" ] && continue
  if [ -f "$aiprov_prev" ] && [ -x "$aiprov_prev" ]; then
    {run_prev} || aiprov_status=$?
  fi
done
if [ "$aiprov_status" -eq 0 ] && [ -z "$AIPROV_HOOK_OUTER" ] && [ -z "$AIPROV_NO_HOOK" ]; then
  if [ -x "$aiprov_python" ]; then
    {run_ours if may_block else run_ours + " " + name} "$@" || {on_fail}
  else
    echo "aiprov: {name} hook skipped: $aiprov_python not found (run: aiprov hooks install)" >&2
  fi
fi
exit $aiprov_status
"""


def _is_ours(path: Path) -> bool:
    try:
        return HOOK_MARKER in path.read_text(encoding="utf-8", errors="replace")[:400]
    except OSError:
        return False


def _write_hook(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".aiprov-tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.chmod(tmp.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH | stat.S_IRUSR)
    os.replace(tmp, path)


class HookState(NamedTuple):
    name: str
    path: Path
    installed: bool  # our script is there
    chained: str | None  # the user's hook we run first, if any


def install_hooks(repo: Path | None, *, global_: bool = False, home: Path | None = None,
                  python: str | None = None) -> list[HookState]:
    """Install aiprov's hooks; an existing hook is kept and chained, never overwritten.

    Per repository: into the repository's hooks directory; a hook already there is renamed
    ``<name>.pre-aiprov`` and run first. Global (``global_``): into ``<home>/hooks`` and
    ``core.hooksPath`` is pointed there; a previous global hooks directory and each
    repository's own ``.git/hooks`` keep running, chained. Either way notes.rewriteRef is set
    so that amend and rebase carry the notes.
    """
    python = python or sys.executable
    if global_:
        if home is None:
            raise GitError("global hook install needs the aiprov home directory")
        target = home / "hooks"
        target.mkdir(parents=True, exist_ok=True)
        previous = config_get(None, "core.hooksPath", global_=True)
        prev_dir = None
        if previous and Path(previous).expanduser().resolve() != target.resolve():
            prev_dir = Path(previous).expanduser()
            (target / "previous-hooks-path").write_text(previous + "\n", encoding="utf-8")
    else:
        if repo is None:
            raise GitError("repository hook install needs a repository")
        target = hooks_dir(repo)
        target.mkdir(parents=True, exist_ok=True)
        prev_dir = None
    states = []
    for name in HOOK_NAMES:
        path = target / name
        chained_path = target / (name + CHAINED_SUFFIX)
        if path.exists() and not _is_ours(path):
            if chained_path.exists():
                raise GitError(f"{path} and {chained_path} both exist; merge them by hand, "
                               "then run aiprov hooks install again")
            os.replace(path, chained_path)
        chain = ['"$(dirname "$aiprov_self")/' + name + CHAINED_SUFFIX + '"']
        if prev_dir is not None:
            chain.append(shlex.quote(str(prev_dir / name)))
        _write_hook(path, _hook_script(name, python, chain, global_))
        states.append(HookState(name, path, True,
                                str(chained_path) if chained_path.exists() else None))
    if global_:
        config_set(None, "core.hooksPath", str(target), global_=True)
        configure_notes_rewrite(None, global_=True)
    else:
        configure_notes_rewrite(repo)
    return states


def uninstall_hooks(repo: Path | None, *, global_: bool = False,
                    home: Path | None = None) -> list[HookState]:
    """Remove aiprov's hooks and put back the hooks they chained."""
    if global_:
        if home is None:
            raise GitError("global hook uninstall needs the aiprov home directory")
        target = home / "hooks"
        prev_file = target / "previous-hooks-path"
        if config_get(None, "core.hooksPath", global_=True) == str(target):
            if prev_file.is_file():
                config_set(None, "core.hooksPath", prev_file.read_text().strip(), global_=True)
            else:
                config_unset(None, "core.hooksPath", global_=True)
    else:
        if repo is None:
            raise GitError("repository hook uninstall needs a repository")
        target = hooks_dir(repo)
    states = []
    for name in HOOK_NAMES:
        path, chained = target / name, target / (name + CHAINED_SUFFIX)
        if path.exists() and _is_ours(path):
            path.unlink()
            if chained.exists():
                os.replace(chained, path)
        states.append(HookState(name, path, False, None))
    return states


def hooks_status(repo: Path) -> list[HookState]:
    """Which aiprov hooks git will run in ``repo`` (through core.hooksPath or .git/hooks)."""
    target = hooks_dir(repo)
    out = []
    for name in HOOK_NAMES:
        path, chained = target / name, target / (name + CHAINED_SUFFIX)
        out.append(HookState(name, path, path.exists() and _is_ours(path),
                             str(chained) if chained.exists() else None))
    return out
