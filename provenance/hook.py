"""Git hook entry point: ``python -m provenance.hook <hook-name> [git's hook arguments]``.

The scripts ``aiprov hooks install`` writes call this for three hooks:

``prepare-commit-msg``
    Attributes the staged change (content-based; for amend, cherry-pick, rebase picks and
    squash merges the notes of the commits being rewritten are carried over by line
    content), adds ``Assisted-by``/``AI-Lines`` trailers through ``git interpret-trailers``
    and leaves the note, complete but for the commit id, in ``$GIT_DIR/aiprov/`` (see
    ``write_pending``). It runs even under ``git commit --no-verify`` (aider commits that way).
``post-commit``
    Writes the line map as a note on the new commit (``refs/notes/aiprov``), then hands the
    commit to the store. The installed shell script does this itself when the pending note
    was made for exactly this commit (same tree, same parent): one ``git rev-parse``, one
    ``git notes add`` and a detached ``save``, no Python start on the commit's path. Every
    other case comes here: no or stale pending note (hook added mid-way, tree changed, an
    undetected amend: re-attribute), a merge, an earlier background error to report.
``post-rewrite``
    After amend and rebase git has copied the old notes to the new commits
    (``notes.rewriteRef``); each copied note is checked against its new commit's tree and
    rebuilt by content when the content changed.

Invariant: a hook never blocks a commit and never touches the message except to add (or
refresh) aiprov's own trailers, atomically. Any failure -- store unreachable, git error,
timeout (``AIPROV_HOOK_TIMEOUT`` seconds, default 20) -- prints one line on stderr and exits
0. ``AIPROV_HOOK_DEBUG=1`` prints the traceback too.

``prepare-commit-msg`` reaches this module through ``provenance.hookclient``: after the first
commit it runs in a fork of the warm hook server (``provenance.hookserver``), which has these
imports done already; cold otherwise.

Kept lean: no typer, pydantic, SQLAlchemy, litellm, mitmproxy or FastAPI on the commit path
(``python -X importtime -m provenance.hook`` shows what loads). Saving the commit to the
store needs SQLAlchemy, so it runs in a detached background process (``save``), or inline
when ``AIPROV_HOOK_SYNC=1``; its failure is reported by the next hook run, in one line.
The save, too, goes through ``provenance.hookclient``: in a fork of the warm server, which
has SQLAlchemy, the settings and the review's rule packs loaded (~0.9 s of CPU a new
process spends before its first write, on a machine where other commits wait for the CPU).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from provenance import git, notes, trailers
from provenance.hookproc import PPID_ENV, timing_line
from provenance.pipeline import (
    LightSettings,
    Store,
    attribute_commit_full,
    attribute_diffs,
    default_scope,
    light_settings,
)

PENDING = "pending"  # what prepare-commit-msg leaves for post-commit, see write_pending
PENDING_NOTE = "pending.note"
LAST_ERROR = "hook-last-error"
DEFAULT_TIMEOUT_S = 20
POLICY_FILE = ".aiprov/policy.toml"  # reviewer.policy.POLICY_PATH, without importing it
GUARD_SPOOL = "guard-spool"  # reviewer.guardrun.SPOOL, without importing it
_COMMIT_KEY = '"commit":"'


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_pending(gdir: Path, tree: str, *, parent: str | None = None,
                  note: dict[str, Any] | None = None, root: Path | None = None,
                  home: Path | None = None) -> None:
    """Leave the note of the commit being made for post-commit, in two files so that the
    post-commit shell script can finish it without Python (``hookscripts.POST_COMMIT_SH``):

    ``$GIT_DIR/aiprov/pending``, four lines::

        <tree> <parent commit, or - for a root commit>     (or: <tree> error)
        <repository top level>
        <aiprov home>
        <note text up to its commit id: {"schema":"aiprov.note/1","commit":">

    ``$GIT_DIR/aiprov/pending.note``: the rest of the note text. The note is ``notes.dumps``
    of a note whose ``commit`` is empty, cut where the commit id goes, so that head + sha +
    rest is exactly what ``notes.dumps`` gives with the commit set (``commit`` is the note's
    second key). A path holding a newline makes the first line carry a third word, which no
    commit matches: the Python hook then does the work. ``error`` (attribution failed) tells
    post-commit not to guess.
    """
    d = gdir / "aiprov"
    d.mkdir(parents=True, exist_ok=True)
    (d / PENDING).unlink(missing_ok=True)
    if note is None:
        (d / PENDING_NOTE).unlink(missing_ok=True)
        _write_text(d / PENDING, f"{tree} error\n")
        return
    text = notes.dumps({**note, "commit": ""})
    cut = text.index(_COMMIT_KEY) + len(_COMMIT_KEY)
    paths = [str(root or ""), str(home or "")]
    first = f"{tree} {parent or '-'}"
    if any("\n" in p or "\r" in p for p in paths) or not text.startswith('{"schema":'):
        first += " slow"
        paths = ["-", "-"]
    _write_text(d / PENDING_NOTE, text[cut:])
    _write_text(d / PENDING, "\n".join([first, *paths, text[:cut]]) + "\n")


def read_pending(gdir: Path) -> dict[str, Any] | None:
    """What ``write_pending`` left: {"tree", "error": True} or {"tree", "parent", "note"}
    (the note with an empty commit); None when nothing (or nothing readable) is there."""
    d = gdir / "aiprov"
    try:
        lines = (d / PENDING).read_text(encoding="utf-8").split("\n")
    except OSError:
        return None
    first = lines[0].split()
    if len(first) < 2:
        return None
    if first[1] == "error":
        return {"tree": first[0], "error": True}
    try:
        note = json.loads(lines[3] + (d / PENDING_NOTE).read_text(encoding="utf-8"))
    except (OSError, ValueError, IndexError):
        return None
    if not isinstance(note, dict):
        return None
    return {"tree": first[0], "parent": None if first[1] == "-" else first[1], "note": note}


def clear_pending(gdir: Path) -> None:
    for name in (PENDING, PENDING_NOTE):
        (gdir / "aiprov" / name).unlink(missing_ok=True)


def _carry_notes(repo: Path, revs: Sequence[str]) -> list[dict[str, Any]]:
    if not revs:
        return []
    texts = git.notes_for(repo, revs)
    return [n for n in (notes.loads(texts.get(r)) for r in revs) if n is not None]


# --- prepare-commit-msg -----------------------------------------------------------------


_STATE_REFS = ("HEAD", "HEAD^1", "CHERRY_PICK_HEAD", "REBASE_HEAD", "MERGE_HEAD")


def prepare_commit_msg(args: Sequence[str], settings: LightSettings) -> None:
    msg_file = Path(args[0])
    # git passes source and commit as arguments; the pre-commit framework in its variables
    source = args[1] if len(args) > 1 else os.environ.get("PRE_COMMIT_COMMIT_MSG_SOURCE", "")
    source_sha = (args[2] if len(args) > 2
                  else os.environ.get("PRE_COMMIT_COMMIT_OBJECT_NAME", ""))
    repo, gdir = git.root_and_git_dir(Path.cwd())
    try:
        refs = git.resolve(repo, [*_STATE_REFS, source_sha])  # one git call for all of them
        if source == "merge" and refs.get("MERGE_HEAD"):
            clear_pending(gdir)  # a true merge adds no lines of its own to attribute
            return
        _prepare(repo, gdir, msg_file, source, source_sha, settings, refs)
    except BaseException:
        # tell post-commit not to guess: this commit's attribution failed
        try:
            write_pending(gdir, git.write_tree(repo))
        except Exception:  # noqa: BLE001, S110 - the original error is the one to report
            pass
        raise


def _git_command_line() -> list[str] | None:
    """argv of the ``git`` process running this hook (Linux /proc), None when unknown."""
    # run inside the hook server (provenance.hookserver), the git side is the client's parent
    pid = int(os.environ.get(PPID_ENV) or os.getppid())
    for _ in range(4):  # python <- sh hook script <- git (maybe one more wrapper)
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            status = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        args = [a.decode(errors="replace") for a in argv if a]
        if args and Path(args[0]).name.startswith("git") and "commit" in args:
            return args
        pid = int(status.rsplit(")", 1)[1].split()[1])  # field 4: ppid
        if pid <= 1:
            return None
    return None


def _is_amend(source: str, source_sha: str, refs: dict[str, str | None]) -> bool:
    """prepare-commit-msg is not told about --amend when -m/-F is given: ask git's argv."""
    head = refs.get("HEAD")
    if head is None:
        return False
    if source == "commit" and source_sha and refs.get(source_sha) == head:
        return True  # --amend (or -c/-C HEAD, which reuses HEAD the same way)
    argv = _git_command_line()
    return bool(argv) and "--amend" in argv  # type: ignore[operator]


# the recorder now reviews each suggestion before it stores the batch (milliseconds once its
# rule packs are compiled, which it does at start); on a loaded machine a batch can still take
# a few seconds, and an agent that commits right after its answer must find it stored
RECORDER_WAIT_S = 5.0


def _proxy_status(host: str, port: int, timeout: float = 0.3) -> dict[str, Any] | None:
    """The local proxy's recorder counters, or None when no proxy listens there. The C
    socket module, not urllib (~30 ms of imports) nor ``socket`` (its enum constants cost
    ~3 ms of every commit)."""
    import _socket
    import json

    # bytes: a str host makes getaddrinfo load the idna codec (~5 ms of imports)
    addr = host.encode("ascii") if host.isascii() else host
    data = bytearray()
    try:
        infos = _socket.getaddrinfo(addr, port, 0, _socket.SOCK_STREAM)
    except OSError:
        return None
    for family, kind, proto, _name, sockaddr in infos:
        sock = _socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(sockaddr)
            sock.sendall(b"GET /_aiprov/status HTTP/1.0\r\nHost: aiprov\r\n\r\n")
            while chunk := sock.recv(65536):
                data += chunk
            break
        except OSError:
            data.clear()
            continue
        finally:
            sock.close()
    else:
        return None
    head, _, body = bytes(data).partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.") or b" 200 " not in head.split(b"\r\n", 1)[0] + b" ":
        return None
    try:
        rec = json.loads(body).get("recorder")
    except (ValueError, AttributeError):
        return None
    return rec if isinstance(rec, dict) else None


def await_recorder(settings: LightSettings, *, limit: float = RECORDER_WAIT_S) -> bool:
    """Let a running local proxy finish writing what it has in flight (bounded wait).

    An assistant that commits by itself (aider) can reach ``git commit`` a few milliseconds
    after the answer that wrote the file, before the recorder stored it. Asking the proxy's
    status endpoint costs ~1 ms when it is idle and nothing when no proxy runs. Returns
    False when it gave up waiting."""
    deadline = time.monotonic() + limit
    while True:
        rec = _proxy_status(settings.host, settings.port)
        if rec is None:
            return True  # no proxy here: nothing in flight
        done = (rec.get("processed", rec.get("recorded", 0)) + rec.get("overflow", 0)
                + rec.get("dropped", 0))
        if rec.get("queued", 0) <= 0 and done >= rec.get("submitted", 0):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


GUARD_WAIT_S = 10.0  # a cold guard run stores in ~1 s, a warm one in ~0.4 s; more when busy
GUARD_RECENT_S = 30.0  # older spool files wait for the next guard run, not for commits


def await_guard_spool(home: Path, *, limit: float = GUARD_WAIT_S) -> bool:
    """Let the agent guard store the writes it just saw (bounded wait), as
    ``await_recorder`` does for the proxy: an agent that commits right after its last write
    must find that write's evidence in the store (``reviewer.guardrun``). Only files written
    in the last ``GUARD_RECENT_S`` seconds are waited for; with none, this is one directory
    listing. False when it gave up waiting."""
    spool = home / GUARD_SPOOL
    deadline = time.monotonic() + limit
    while True:
        try:
            entries = [e for e in os.scandir(spool) if e.name.endswith(".json")]
        except OSError:
            return True  # no spool: the guard never ran here
        now = time.time()
        if not any(now - _mtime(e) < GUARD_RECENT_S for e in entries):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


def _mtime(entry: os.DirEntry[str]) -> float:
    try:
        return entry.stat().st_mtime
    except OSError:
        return 0.0  # stored and removed meanwhile


def _prepare(repo: Path, gdir: Path, msg_file: Path, source: str, source_sha: str,
             settings: LightSettings, refs: dict[str, str | None]) -> None:
    await_recorder(settings)
    await_guard_spool(settings.home)
    head = refs.get("HEAD")
    base = head  # the change starts at HEAD (None: a root commit)
    carry_revs: list[str] = []
    if head is not None and _is_amend(source, source_sha, refs):
        base = refs.get("HEAD^1")  # the amended commit's change starts at its parent
        carry_revs.append(head)
    carry_revs += [r for r in (refs.get("CHERRY_PICK_HEAD"), refs.get("REBASE_HEAD")) if r]
    carry_revs += git.squash_sources(repo, gdir)
    diffs = git.staged_diff(repo, base or git.empty_tree(repo))
    cfg = git.config_values(repo, ("user.email", "remote.origin.url"))
    scope = default_scope(repo, settings, user_email=cfg.get("user.email", ""),
                          repo_ident=git.repo_id_of(cfg.get("remote.origin.url"), repo))
    with Store(settings) as store:
        att = attribute_diffs(repo, diffs, store, scope, base=base,
                              carry=_carry_notes(repo, carry_revs))
    if att.notice:  # identity mismatch (pipeline.identity_index): say it, in one line
        sys.stderr.write(att.notice + "\n")
    tree = git.write_tree(repo)
    settings.home.mkdir(parents=True, exist_ok=True)  # the background save logs there
    write_pending(gdir, tree, parent=base, note=att.note(tree=tree), root=repo,
                  home=settings.home)
    text = msg_file.read_text(encoding="utf-8", errors="surrogateescape")
    stripped = trailers.strip(text)
    if stripped != text:
        tmp = msg_file.with_name(msg_file.name + ".aiprov-tmp")
        tmp.write_text(stripped, encoding="utf-8", errors="surrogateescape")
        os.replace(tmp, msg_file)
    git.add_trailers(repo, msg_file, att.trailers())
    _warn_review(repo, att)


def _warn_review(repo: Path, att: Any) -> None:
    """Review the staged AI-origin lines with the attribution just computed and print the
    findings (warn mode). In block mode the pre-commit gate has already done this.

    Opted into per repository by a policy file (``.aiprov/policy.toml``): loading the rule
    packs costs ~0.25 s, more than the hook's whole budget, so by default the review runs
    after the commit instead (the background save stores the findings)."""
    if not any(o.origin != "human" for o in att.origins):
        return
    if not (repo / POLICY_FILE).is_file():
        return
    from reviewer.policy import load_policy
    from reviewer.run import Change, review_change
    from reviewer.text import render

    policy = load_policy(repo)
    if policy.block:
        return
    change = Change(repo, list(att.diffs), list(att.origins), dict(att.details), None)
    findings = review_change(change, policy, ai_only=True)
    if findings:
        sys.stderr.write("aiprov review (AI-origin lines, warning only):\n" + render(findings))


# --- post-commit ------------------------------------------------------------------------


def post_commit(args: Sequence[str], settings: LightSettings) -> None:
    repo, gdir = git.root_and_git_dir(Path.cwd())
    got = git.head_commit(repo)
    if got is None:
        return
    sha, tree, ps = got
    pending = read_pending(gdir)
    clear_pending(gdir)
    if len(ps) > 1:
        return  # merge commit: its lines belong to the merged commits
    if isinstance(pending, dict) and pending.get("tree") == tree and pending.get("error"):
        return  # prepare-commit-msg already warned; do not guess
    if (isinstance(pending, dict) and pending.get("tree") == tree
            and pending.get("parent") == (ps[0] if ps else None)):
        note = pending["note"]
    else:  # no or stale pending map (hook added mid-way, tree changed, an undetected amend):
        carry = [pending["note"]] if isinstance(pending, dict) and "note" in pending else []
        note = attribute_commit_full(repo, sha, settings, carry=carry).note(tree=tree)
    note["commit"] = sha
    git.note_write(repo, sha, notes.dumps(note))
    _save(repo, [sha], settings)


# --- post-rewrite -----------------------------------------------------------------------


def post_rewrite(args: Sequence[str], settings: LightSettings, stdin: str) -> None:
    repo = git.repo_root(Path.cwd())
    pairs = [ln.split()[:2] for ln in stdin.splitlines() if len(ln.split()) >= 2]
    if not pairs:
        return
    saved = []
    with Store(settings) as store:
        for old, new in pairs:
            if len(git.parents(repo, new)) > 1:
                continue
            raw = git.note_read(repo, new)
            cur = notes.loads(raw)
            tree = git.tree_of(repo, new) or ""
            if cur is not None and cur.get("tree") == tree and cur.get("commit") == new:
                if raw != notes.dumps(cur):  # git appended the copied old note: drop it
                    git.note_write(repo, new, notes.dumps(cur))
            else:
                carry = [n for n in (notes.loads(git.note_read(repo, old)), cur) if n]
                att = attribute_commit_full(repo, new, settings, carry=carry, store=store)
                note = att.note(commit=new, tree=tree)
                git.note_write(repo, new, notes.dumps(note))
            saved.append(new)
    _save(repo, saved, settings)


# --- store ------------------------------------------------------------------------------


def _save(repo: Path, shas: Sequence[str], settings: LightSettings) -> None:
    if not shas:
        return
    if os.environ.get("AIPROV_HOOK_SYNC") == "1":
        save_commits(repo, shas)
        review_commits(repo, shas, settings)
        return
    log = settings.home / "hook.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        subprocess.Popen(
            [sys.executable, "-m", "provenance.hookclient", "save", str(repo), *shas],
            stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True,
            cwd=str(repo),
        )


def save_commits(repo: Path, shas: Sequence[str]) -> int:
    """Store the line maps (from the notes) of ``shas``; returns how many were saved."""
    from datetime import UTC, datetime

    from aiprov.settings import get_settings
    from store import db
    from store.provenance import save_commit

    rid = git.repo_id(repo)
    texts = git.notes_for(repo, shas)
    n = 0
    with db.session(get_settings().db_url) as session:
        for sha in shas:
            note = notes.loads(texts.get(sha))
            if note is None:
                continue
            info = git.commit_info(repo, sha)
            save_commit(session, rid, sha, info.author_email,
                        datetime.fromtimestamp(info.committed_at, UTC), notes.origins(note),
                        note_json=notes.dumps(note).strip())
            n += 1
        session.commit()
    return n


def review_commits(repo: Path, shas: Sequence[str], settings: LightSettings) -> int:
    """Review what each commit added and keep the findings with it (reports count findings
    per thousand AI and human lines, and time to fix). Returns the findings added."""
    from reviewer.run import review_commit

    return sum(review_commit(repo, sha, settings)[0] for sha in shas)


def _save_main(args: Sequence[str], settings: LightSettings) -> None:
    try:
        save_commits(Path(args[0]), args[1:])
        review_commits(Path(args[0]), args[1:], settings)
    except BaseException as exc:
        if os.environ.get("AIPROV_HOOK_SYNC") == "1":
            raise  # run inline by the post-commit script: its one warning line says it now
        msg = _one_line(exc)
        (settings.home / LAST_ERROR).write_text(
            f"saving commit {args[1][:12] if len(args) > 1 else '?'} to the store failed: "
            f"{msg}\n", encoding="utf-8")
        raise


# --- entry point ------------------------------------------------------------------------


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _on_alarm(signum: int, frame: object) -> None:
    raise TimeoutError("took too long (AIPROV_HOOK_TIMEOUT)")


def _report_background_error(settings: LightSettings) -> None:
    path = settings.home / LAST_ERROR
    try:
        msg = path.read_text(encoding="utf-8").strip()
    except OSError:
        return
    path.unlink(missing_ok=True)
    if msg:
        sys.stderr.write(f"aiprov: earlier {msg}\n")


def _timing_line(name: str, args: Sequence[str], started: float) -> str:
    """``AIPROV_HOOK_TIMING``: the run's wall time and the CPU time of its process (user +
    system, with the git subprocesses it waited for). A run in the hook server is a fork,
    whose CPU count starts at the fork; a cold run's includes interpreter start and imports.
    A save names its commit: it runs detached, and the benchmark finds its line by it."""
    import resource  # microseconds, where os.times counts clock ticks

    cpu = sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))
    served = " (hook server)" if os.environ.get(PPID_ENV) else ""
    return timing_line(name, list(args), time.monotonic() - started, cpu, served)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    name = argv[0] if argv else ""
    args = argv[1:]
    started = time.monotonic()
    try:
        if hasattr(signal, "SIGALRM"):
            signal.signal(signal.SIGALRM, _on_alarm)
            signal.alarm(int(os.environ.get("AIPROV_HOOK_TIMEOUT") or DEFAULT_TIMEOUT_S))
        settings = light_settings()
        if name == "prepare-commit-msg":
            prepare_commit_msg(args, settings)
        elif name == "post-commit":
            _report_background_error(settings)
            post_commit(args, settings)
        elif name == "post-rewrite":
            post_rewrite(args, settings, sys.stdin.read())
        elif name == "save":
            _save_main(args, settings)
        else:
            raise ValueError(f"unknown hook {name!r}")
    except BaseException as exc:  # noqa: BLE001 - a hook must never block a commit
        if os.environ.get("AIPROV_HOOK_DEBUG"):
            import traceback

            traceback.print_exc()
        sys.stderr.write(f"aiprov: {name or 'hook'} skipped ({_one_line(exc)}); "
                         "the commit is not affected\n")
    finally:
        if hasattr(signal, "SIGALRM"):
            signal.alarm(0)
        if os.environ.get("AIPROV_HOOK_TIMING"):
            sys.stderr.write(_timing_line(name, args, started))
    return 0


if __name__ == "__main__":
    from provenance.hookproc import exit_now

    exit_now(main())
