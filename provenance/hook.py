"""Git hook entry point: ``python -m provenance.hook <hook-name> [git's hook arguments]``.

The scripts ``aiprov hooks install`` writes call this for three hooks:

``prepare-commit-msg``
    Attributes the staged change (content-based; for amend, cherry-pick, rebase picks and
    squash merges the notes of the commits being rewritten are carried over by line
    content), adds ``Assisted-by``/``AI-Lines`` trailers through ``git interpret-trailers``
    and leaves the line map in ``$GIT_DIR/aiprov/pending.json``. It runs even under
    ``git commit --no-verify`` (aider commits that way).
``post-commit``
    Writes the line map as a note on the new commit (``refs/notes/aiprov``), re-attributing
    when the commit's tree is not the one the pending map was made for, then hands the
    commit to the store.
``post-rewrite``
    After amend and rebase git has copied the old notes to the new commits
    (``notes.rewriteRef``); each copied note is checked against its new commit's tree and
    rebuilt by content when the content changed.

Invariant: a hook never blocks a commit and never touches the message except to add (or
refresh) aiprov's own trailers, atomically. Any failure -- store unreachable, git error,
timeout (``AIPROV_HOOK_TIMEOUT`` seconds, default 20) -- prints one line on stderr and exits
0. ``AIPROV_HOOK_DEBUG=1`` prints the traceback too.

Kept lean: no typer, pydantic, SQLAlchemy, litellm, mitmproxy or FastAPI on the commit path
(``python -X importtime -m provenance.hook`` shows what loads). Saving the commit to the
store needs SQLAlchemy, so it runs in a detached background process (``save``), or inline
when ``AIPROV_HOOK_SYNC=1``; its failure is reported by the next hook run, in one line.
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
from provenance.pipeline import (
    LightSettings,
    Store,
    attribute_commit_full,
    attribute_diffs,
    default_scope,
    light_settings,
)

PENDING = "pending.json"
LAST_ERROR = "hook-last-error"
DEFAULT_TIMEOUT_S = 20


def _pending_path(repo: Path) -> Path:
    return git.git_dir(repo) / "aiprov" / PENDING


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _carry_notes(repo: Path, revs: Sequence[str]) -> list[dict[str, Any]]:
    if not revs:
        return []
    texts = git.notes_for(repo, revs)
    return [n for n in (notes.loads(texts.get(r)) for r in revs) if n is not None]


# --- prepare-commit-msg -----------------------------------------------------------------


def prepare_commit_msg(args: Sequence[str], settings: LightSettings) -> None:
    msg_file = Path(args[0])
    # git passes source and commit as arguments; the pre-commit framework in its variables
    source = args[1] if len(args) > 1 else os.environ.get("PRE_COMMIT_COMMIT_MSG_SOURCE", "")
    source_sha = (args[2] if len(args) > 2
                  else os.environ.get("PRE_COMMIT_COMMIT_OBJECT_NAME", ""))
    repo = git.repo_root(Path.cwd())
    pending = _pending_path(repo)
    if source == "merge" and git.state_ref(repo, "MERGE_HEAD"):
        pending.unlink(missing_ok=True)  # a true merge adds no lines of its own to attribute
        return
    try:
        _prepare(repo, msg_file, source, source_sha, settings, pending)
    except BaseException:
        # tell post-commit not to guess: this commit's attribution failed
        try:
            _write_json(pending, {"tree": git.write_tree(repo), "error": True})
        except Exception:  # noqa: BLE001, S110 - the original error is the one to report
            pass
        raise


def _git_command_line() -> list[str] | None:
    """argv of the ``git`` process running this hook (Linux /proc), None when unknown."""
    pid = os.getppid()
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


def _is_amend(repo: Path, source: str, source_sha: str, head: str | None) -> bool:
    """prepare-commit-msg is not told about --amend when -m/-F is given: ask git's argv."""
    if head is None:
        return False
    if source == "commit" and source_sha and git.rev_parse(repo, source_sha) == head:
        return True  # --amend (or -c/-C HEAD, which reuses HEAD the same way)
    argv = _git_command_line()
    return bool(argv) and "--amend" in argv  # type: ignore[operator]


RECORDER_WAIT_S = 2.0


def _proxy_status(host: str, port: int, timeout: float = 0.3) -> dict[str, Any] | None:
    """The local proxy's recorder counters, or None when no proxy listens there. A raw
    socket, not urllib: importing urllib.request alone costs ~30 ms of the hook's budget."""
    import json
    import socket

    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(b"GET /_aiprov/status HTTP/1.0\r\nHost: aiprov\r\n\r\n")
            data = bytearray()
            while chunk := sock.recv(65536):
                data += chunk
    except OSError:
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


def _prepare(repo: Path, msg_file: Path, source: str, source_sha: str,
             settings: LightSettings, pending: Path) -> None:
    await_recorder(settings)
    head = git.head(repo)
    base: str | None = "HEAD" if head else None
    carry_revs: list[str] = []
    if head is not None and _is_amend(repo, source, source_sha, head):
        ps = git.parents(repo, head)  # the amended commit's change starts at its parent
        base = ps[0] if ps else None
        carry_revs.append(head)
    for ref in ("CHERRY_PICK_HEAD", "REBASE_HEAD"):
        r = git.state_ref(repo, ref)
        if r:
            carry_revs.append(r)
    carry_revs += git.squash_sources(repo)
    diffs = git.staged_diff(repo, base or git.empty_tree(repo))
    with Store(settings) as store:
        att = attribute_diffs(repo, diffs, store, default_scope(repo, settings), base=base,
                              carry=_carry_notes(repo, carry_revs))
    tree = git.write_tree(repo)
    parent = git.rev_parse(repo, base) if base else None
    _write_json(pending, {"tree": tree, "parent": parent, "note": att.note(tree=tree)})
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
    from reviewer.policy import POLICY_PATH
    if not (repo / POLICY_PATH).is_file():
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
    repo = git.repo_root(Path.cwd())
    sha = git.head(repo)
    if sha is None:
        return
    pending_path = _pending_path(repo)
    pending = _read_json(pending_path)
    pending_path.unlink(missing_ok=True)
    tree = git.tree_of(repo, sha) or ""
    ps = git.parents(repo, sha)
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
            [sys.executable, "-m", "provenance.hook", "save", str(repo), *shas],
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
            sys.stderr.write(f"aiprov: {name} took {1000 * (time.monotonic() - started):.1f} ms\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
