"""A warm process for the commit hook: imports done once, each hook run in a fork of it.

Starting Python and importing the attribution code (tree-sitter grammars, tokenizer,
git and store helpers) costs a commit ~60 ms before any work, every time. The first
``prepare-commit-msg`` run starts this server in the background (``hookclient``); later runs
connect to it, and it forks a child per request. The child takes the hook's working
directory, environment (``GIT_INDEX_FILE`` included), arguments and parent process id, runs
exactly the code the cold hook runs (``provenance.hook.main``) and streams its messages
back. An agent's guard (``aiprov guard``, op ``guard``, its hook payload carried in the
request) is reviewed in the server itself (``_serve_guard``: a review reads two files and
nothing else, and a fork costs more than it); after the answer a fork stores the write's
evidence, so the agent never waits for the store. A fork per commit-hook run keeps runs
independent: no state, file descriptors or environment
carry over from one commit to the next, and the server itself never opens the store or
runs git.

Safety:

* The socket is ``$AIPROV_HOME/hook.sock``, mode 0600, and a request is served only when
  the peer process belongs to the same user (``SO_PEERCRED`` where the system has it).
* The server serves only the code it loaded: each request carries a stamp of the installed
  code (interpreter, and modification times of the modules the hook runs), and on a
  mismatch the server answers "stale" and exits; the client then runs the hook itself.
* It exits after ``AIPROV_HOOK_SERVER_IDLE`` seconds without a request (default 900), when
  its socket file is removed or replaced, and on ``stop``.

``AIPROV_HOOK_SERVER=0`` turns it off: every hook run then starts cold, as before.
"""

from __future__ import annotations

import marshal
import os
import signal
import socket
import struct
import sys
import time
from pathlib import Path

from provenance import hookclient, hookproc

DEFAULT_IDLE_S = 900.0
TICK_S = 5.0  # how often an idle server checks that its socket file is still its own


def _preload() -> None:
    """Import and warm what a hook run needs, so that each forked child starts ready."""
    import difflib  # noqa: F401 - the alignment's touched lines (imported lazily there)
    import sqlite3  # noqa: F401 - warmed for the children
    import subprocess  # noqa: F401

    import provenance.attribute
    import provenance.hook  # noqa: F401
    import store.fingerprint_index  # noqa: F401
    from provenance.languages import PARSED
    from provenance.tokens import _parser

    for language in PARSED:
        _parser(language)
    provenance.attribute._ratio("a", "a")  # imports rapidfuzz
    _preload_guard()
    _preload_save()


def _preload_save() -> None:
    """The store save after a commit (``provenance.hook save``): the settings, the store's
    commit rows and the review that keeps the commit's findings. Imported only: settings
    are read in the fork, from the client's environment (see ``_become``)."""
    import aiprov.settings  # noqa: F401
    import reviewer.policy  # noqa: F401
    import reviewer.run  # noqa: F401
    import store.findings  # noqa: F401
    import store.provenance  # noqa: F401


def _preload_guard() -> None:
    """The agent guard's review (rule packs compiled), redaction and store writes."""
    import alembic.command  # noqa: F401 - the drain's first store use runs migrations
    import alembic.config  # noqa: F401

    import proxy.identity
    import proxy.redact
    import reviewer.engine  # noqa: F401
    import reviewer.guardrun  # noqa: F401
    import store.db  # noqa: F401
    import store.hookreports  # noqa: F401 - SQLModel and the tables, for the drain
    from reviewer.rules import PACKS, load_pack

    for name in PACKS:
        load_pack(name)
    proxy.redact.redact("warm = 1\n")
    proxy.identity.git_user_email()


def _recv_request(conn: socket.socket) -> dict[str, object] | None:
    head = _recv_exactly(conn, 4)
    if head is None:
        return None
    size = int.from_bytes(head, "big")
    if size > hookclient.MAX_REQUEST:
        return None
    body = _recv_exactly(conn, size)
    if body is None:
        return None
    try:
        # the peer was checked to be this user (socket mode 0600, SO_PEERCRED) before this
        req = marshal.loads(body)  # noqa: S302
    except (EOFError, ValueError, TypeError):
        return None
    return req if isinstance(req, dict) else None


def _recv_exactly(conn: socket.socket, n: int) -> bytes | None:
    data = bytearray()
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


def _same_user(conn: socket.socket) -> bool:
    peercred = getattr(socket, "SO_PEERCRED", None)
    if peercred is None:  # not Linux: the socket's 0600 mode is the check
        return True
    creds = conn.getsockopt(socket.SOL_SOCKET, peercred, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid == os.getuid()


def _become(req: dict[str, object], conn: socket.socket | None = None) -> None:
    """In a forked child: take the client's directory, environment and parent, with the
    connection (if any) as stdout and stderr."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    if conn is not None:
        fd = conn.fileno()
        os.dup2(fd, 1)
        os.dup2(fd, 2)
    os.chdir(str(req["cwd"]))
    env = req["env"]
    assert isinstance(env, dict)
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in env.items()})
    os.environ[hookproc.PPID_ENV] = str(req["ppid"])
    settings = sys.modules.get("aiprov.settings")  # read from this environment, not cached
    if settings is not None:
        settings.get_settings.cache_clear()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the hook waits for its git calls


def _serve_guard(conn: socket.socket, req: dict[str, object]) -> None:
    """An agent guard's run, here in the server: it reads the written file and the policy
    and reviews, and touches nothing else (no store, no git, no environment), so it needs
    no fork on the agent's path -- a fork of this process costs more than the review. The
    answer goes out, then a fork stores the write's evidence from the spool."""
    from reviewer import guardrun

    env, argv, data, cwd = req["env"], req["argv"], req.get("stdin", b""), req["cwd"]
    assert isinstance(env, dict) and isinstance(argv, list) and isinstance(data, bytes)
    home = Path(hookclient.home_of(env))
    code, out, err, spooled = guardrun.run(
        [str(a) for a in argv], data.decode("utf-8", "replace"), home, cwd=Path(str(cwd)),
        record=env.get(guardrun.RECORD_ENV, "1") != "0", sync=False)
    conn.sendall(hookclient.GUARD_ANSWER + marshal.dumps(
        (code, out.encode("utf-8", "replace"), err.encode("utf-8", "replace"))))
    conn.close()  # the agent goes on now
    if spooled and os.fork() == 0:
        _store_guard_spool(req, home, spooled)


def _store_guard_spool(req: dict[str, object], home: Path, spooled: tuple[Path, ...]
                       ) -> None:
    """In a forked child, after the answer: make the spool file durable, then store it and
    whatever else the spool holds, with the client's environment (its store, developer)."""
    code = 0
    try:
        log = os.open(home / "hook.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.dup2(log, 1)
        os.dup2(log, 2)
        _become(req)
        from reviewer import guardrun

        for path in spooled:
            guardrun.fsync_file(path)
        guardrun.drain(home)
    except Exception as exc:  # noqa: BLE001 - one line in hook.log; the spool keeps the file
        sys.stderr.write(f"aiprov guard: could not store the guard spool ({exc!r})\n")
        code = 1
    finally:
        hookproc.exit_now(code)


def _run_child(conn: socket.socket, req: dict[str, object]) -> None:
    """In the forked child: become the hook process the client would have been.

    In a session of its own, as a cold run is in its git's (the developer's terminal) and
    a cold save in the one ``setsid`` gives it: the kernel shares the CPU fairly between
    sessions (autogroup), so forks left in the server's session would all share one
    session's part -- a commit's prepare-commit-msg with the store saves of other
    commits running at the same time."""
    code = 1
    try:
        os.setsid()
        _become(req, conn)
        from provenance import hook

        argv = req["argv"]
        assert isinstance(argv, list)
        code = hook.main([str(a) for a in argv])
        sys.stderr.flush()
        os.write(2, hookclient.DONE + bytes([code & 0xFF]))
    finally:
        hookproc.exit_now(code)


def _drain_spool(home: Path) -> None:
    """Store what guard runs left in the spool while no server ran (a cold run started
    this server for exactly that), in a fork: the server itself never opens the store."""
    from reviewer import guardrun

    if not guardrun.pending(home) or os.fork() != 0:
        return
    code = 0
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        guardrun.drain(home)
    except Exception as exc:  # noqa: BLE001 - one line in hook.log; the files stay
        sys.stderr.write(f"aiprov guard: could not store the guard spool ({exc!r})\n")
        code = 1
    finally:
        hookproc.exit_now(code)


def _owns(path: Path, ino: int) -> bool:
    try:
        return path.stat().st_ino == ino
    except OSError:
        return False


def serve(home: Path, *, idle: float | None = None) -> int:
    """Listen on ``home/hook.sock`` until idle, stale or stopped. Returns an exit status."""
    idle = idle if idle is not None else float(
        os.environ.get("AIPROV_HOOK_SERVER_IDLE") or DEFAULT_IDLE_S)
    where = hookclient.socket_path(str(home))
    if where is None:
        return 2
    path = Path(where)
    stamp = hookclient.code_stamp()
    other = hookclient.connect(where, timeout=0.2)
    if other is not None:
        other.close()
        return 0  # another server is already listening there
    home.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    _preload()
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_umask = os.umask(0o177)
    try:
        srv.bind(str(path))
    except OSError:  # another server started at the same time bound it first (two agent
        srv.close()  # writes at once, each starting one): that one serves
        return 0
    finally:
        os.umask(old_umask)
    os.chmod(path, 0o600)
    ino = path.stat().st_ino
    srv.listen(16)
    srv.settimeout(TICK_S)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    os.chdir("/")  # hold no directory of a repository or a test open
    _drain_spool(home)
    last = time.monotonic()
    try:
        while True:
            try:
                conn, _ = srv.accept()
            except TimeoutError:
                if time.monotonic() - last > idle or not _owns(path, ino):
                    return 0
                continue
            last = time.monotonic()
            with conn:
                conn.settimeout(5.0)
                try:
                    if not _same_user(conn):
                        continue
                    req = _recv_request(conn)
                except OSError:
                    continue
                if req is None:
                    continue
                if req.get("op") == "stop":
                    conn.sendall(hookclient.STOPPED)
                    return 0
                if req.get("stamp") != stamp:
                    conn.sendall(hookclient.STALE)
                    return 0
                conn.settimeout(None)
                if req.get("op") == "guard":
                    try:
                        _serve_guard(conn, req)
                    except Exception as exc:  # noqa: BLE001 - the client runs it cold
                        sys.stderr.write(f"aiprov guard: failed in the hook server ({exc!r})\n")
                    continue
                if os.fork() == 0:
                    srv.close()
                    _run_child(conn, req)
    finally:
        srv.close()
        if _owns(path, ino):
            path.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # a long-lived process must not keep open what it inherited from the commit that started
    # it (a pipe of whoever ran git would then never see end-of-file)
    os.closerange(3, 1 << 16)
    if len(argv) != 1:
        sys.stderr.write("usage: python -m provenance.hookserver AIPROV_HOME\n")
        return 2
    return serve(Path(argv[0]))


if __name__ == "__main__":
    sys.exit(main())
