"""Git plumbing: the only module that runs git for the provenance edge.

Diffs, file contents, trailers, notes, blame, config, refs. Hook installation lives in
``provenance.hookinstall`` and the hook scripts' shell text in ``provenance.hookscripts``;
moving notes between clones in ``provenance.notesync``. They all run git through ``run``.

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
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from aiprov.errors import GitError
from provenance.diff import parse_diff
from provenance.model import FileDiff

NOTES_REF = "refs/notes/aiprov"
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


def run(
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


def _cat_file_batch(repo: Path, names: Sequence[str]) -> list[bytes | None]:
    """The contents of many objects with one ``git cat-file --batch``, in order; None for a
    name that resolves to nothing (``missing``) or to more than one object (``ambiguous``).
    Names must not hold a newline (the batch protocol is line based)."""
    if not names:
        return []
    proc = subprocess.run(
        [*_BASE, "-C", str(repo), "cat-file", "--batch"],
        input="".join(f"{n}\n" for n in names).encode("utf-8"),
        capture_output=True,
    )
    if proc.returncode != 0:
        first = (proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
                 or [f"exit status {proc.returncode}"])[0]
        raise GitError(f"git cat-file failed in {repo}: {first}")
    out, pos = proc.stdout, 0
    result: list[bytes | None] = []
    for _ in names:
        eol = out.index(b"\n", pos)
        header = out[pos:eol]
        pos = eol + 1
        # "<oid> <type> <size>", or "<name> missing" / "<name> ambiguous"
        if header.endswith((b" missing", b" ambiguous")):
            result.append(None)
            continue
        size = int(header.rsplit(b" ", 1)[1])
        result.append(out[pos : pos + size])
        pos += size + 1
    return result


def _text(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8", errors="replace")


# --- repository -------------------------------------------------------------------------


def repo_root(path: Path | str = ".") -> Path:
    """The top-level directory of the work tree that contains ``path``."""
    p = Path(path)
    proc = run(p if p.is_dir() else p.parent, "rev-parse", "--show-toplevel", check=False)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise GitError(f"not a git repository: {p} (run inside a work tree, or pass --repo)")
    return Path(proc.stdout.strip())


def git_dir(repo: Path) -> Path:
    """The repository's (per-worktree) git directory, absolute."""
    return Path(run(repo, "rev-parse", "--absolute-git-dir").stdout.strip())


def root_and_git_dir(path: Path | str = ".") -> tuple[Path, Path]:
    """``repo_root`` and ``git_dir`` with one git call (the hooks' first question)."""
    proc = run(path, "rev-parse", "--show-toplevel", "--absolute-git-dir", check=False)
    lines = proc.stdout.splitlines()
    if proc.returncode != 0 or len(lines) != 2 or not lines[0]:
        raise GitError(f"not a git repository: {path} (run inside a work tree, or pass --repo)")
    return Path(lines[0]), Path(lines[1])


def common_dir(repo: Path) -> Path:
    out = run(repo, "rev-parse", "--git-common-dir").stdout.strip()
    p = Path(out)
    return p if p.is_absolute() else (repo / p).resolve()


def rev_parse(repo: Path, rev: str) -> str | None:
    """The object id ``rev`` names, or None when it names nothing."""
    proc = run(repo, "rev-parse", "-q", "--verify", "--end-of-options", rev + "^{object}",
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
    out = run(repo, "cat-file", "--batch-check=%(objectname)",
               input="".join(f"{n}\n" for n in names)).stdout.splitlines()
    for name, line in zip(names, out, strict=False):
        oid = line.strip()
        result[name] = oid if oid and " " not in oid else None  # "<name> missing|ambiguous"
    return result


def head_commit(repo: Path) -> tuple[str, str, list[str]] | None:
    """HEAD's commit, tree and parents with one call; None on an unborn branch."""
    proc = run(repo, "rev-parse", "HEAD", "HEAD^{tree}", "HEAD^@", check=False)
    lines = proc.stdout.split()
    if proc.returncode != 0 or len(lines) < 2:
        return None
    return lines[0], lines[1], lines[2:]


def empty_tree(repo: Path) -> str:
    return run(repo, "hash-object", "-t", "tree", "--stdin", input="").stdout.strip()


def write_tree(repo: Path) -> str:
    """The tree id of the index (honours GIT_INDEX_FILE, as inside a commit hook)."""
    return run(repo, "write-tree").stdout.strip()


def tree_of(repo: Path, rev: str) -> str | None:
    return rev_parse(repo, rev + "^{tree}")


def parents(repo: Path, rev: str) -> list[str]:
    out = run(repo, "rev-list", "--parents", "-n", "1", "--end-of-options", rev).stdout.split()
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
    out = run(repo, "show", "-s", f"--format={fmt}", "--end-of-options", rev).stdout
    sha, tree, email, name, ct, subject = out.rstrip("\n").split("\x00", 5)
    return CommitInfo(sha, tree, email, name, int(ct), subject)


def rev_list(repo: Path, spec: str, *, no_merges: bool = True) -> list[str]:
    """Commits of ``spec`` (``A..B`` or one rev), oldest first."""
    args = ["rev-list", "--reverse"] + (["--no-merges"] if no_merges else []) + [spec]
    return run(repo, *args).stdout.split()


def config_get(repo: Path | None, key: str, *, global_: bool = False) -> str | None:
    args = ["config"] + (["--global"] if global_ else []) + ["--get", key]
    proc = run(repo, *args, check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def config_set(repo: Path | None, key: str, value: str, *, global_: bool = False) -> None:
    run(repo, "config", *(["--global"] if global_ else []), key, value)


def config_unset(repo: Path | None, key: str, *, global_: bool = False) -> None:
    run(repo, "config", *(["--global"] if global_ else []), "--unset-all", key, check=False)


def user_email(repo: Path) -> str:
    return config_get(repo, "user.email") or ""


def config_values(repo: Path | None, keys: Iterable[str]) -> dict[str, str]:
    """Several single-valued keys with one ``git config`` call (the last value wins, as with
    ``config_get``); absent keys are left out. Keys as git prints them (lower-case names)."""
    wanted = list(keys)
    pattern = "^(" + "|".join(re.escape(k) for k in wanted) + ")$"
    proc = run(repo, "config", "-z", "--get-regexp", pattern, check=False)
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
    return parse_diff(run(repo, "diff", *_DIFF_OPTS, *args).stdout)


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
    proc = run(repo, "cat-file", "blob", spec, check=False)
    return proc.stdout if proc.returncode == 0 else None


def files_text(repo: Path, rev: str | None, paths: Iterable[str]) -> dict[str, str | None]:
    """Many files' text at ``rev`` with one ``git cat-file --batch`` (None: missing)."""
    paths = list(dict.fromkeys(paths))
    if not paths:
        return {}
    prefix = ":" if rev is None else f"{rev}:"
    if any("\n" in p for p in paths):  # --batch is line based: fall back one by one
        return {p: file_text(repo, rev, p) for p in paths}
    blobs = _cat_file_batch(repo, [prefix + p for p in paths])
    return {p: _text(b) for p, b in zip(paths, blobs, strict=True)}


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
    run(repo, *args, str(message_file))


def parse_trailers(repo: Path | None, message: str) -> list[tuple[str, str]]:
    """The trailers of a message as ``git interpret-trailers --parse`` sees them."""
    out = run(repo, "interpret-trailers", "--parse", input=message).stdout
    pairs = []
    for line in out.splitlines():
        k, sep, v = line.partition(":")
        if sep:
            pairs.append((k.strip(), v.strip()))
    return pairs


def commit_message(repo: Path, rev: str) -> str:
    return run(repo, "show", "-s", "--format=%B", "--end-of-options", rev).stdout


# --- notes ------------------------------------------------------------------------------


def note_read(repo: Path, rev: str, ref: str = NOTES_REF) -> str | None:
    proc = run(repo, "notes", f"--ref={ref}", "show", "--end-of-options", rev, check=False)
    return proc.stdout if proc.returncode == 0 else None


def note_write(repo: Path, rev: str, text: str, ref: str = NOTES_REF) -> None:
    """Attach ``text`` to ``rev`` under ``ref``, replacing any note already there."""
    run(repo, "notes", f"--ref={ref}", "add", "-f", "-F", "-", rev, input=text)


def notes_for(repo: Path, revs: Iterable[str], ref: str = NOTES_REF) -> dict[str, str]:
    """Notes of many commits at once (commit sha -> note text)."""
    wanted = set(revs)
    if not wanted:
        return {}
    proc = run(repo, "notes", f"--ref={ref}", "list", check=False)
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
    """Blob texts by object id, one ``git cat-file --batch`` (None: missing)."""
    ids = list(dict.fromkeys(object_ids))
    return {o: _text(b) for o, b in zip(ids, _cat_file_batch(repo, ids), strict=True)}


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
    out = run(repo, *args).stdout
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


# --- hooks directory ----------------------------------------------------------------


def hooks_dir(repo: Path) -> Path:
    """Where git looks for this repository's hooks (honours core.hooksPath)."""
    out = run(repo, "rev-parse", "--git-path", "hooks").stdout.strip()
    p = Path(out)
    return p if p.is_absolute() else (repo / p).resolve()
