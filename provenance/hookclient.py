"""The hook's front door: hand the run to the warm hook server, or run it here.

``python -m provenance.hookclient prepare-commit-msg ARGS...`` (what the installed hook
script calls), and ``guard_main`` for ``aiprov guard AGENT`` (an agent's hook after a file
edit, see ``reviewer.guardrun``), which relays the hook payload from stdin the same way.
With a hook server listening on ``$AIPROV_HOME/hook.sock`` (see ``provenance.hookserver``)
the run happens in that server and this process only relays its messages: no attribution
or review code is imported here, only built-in modules. Without one -- first run, server
idle-exited, stale after an upgrade, ``AIPROV_HOOK_SERVER=0``, or any failure talking to
it -- this process starts a server in the background for the next run and runs the hook
(``provenance.hook``, ``reviewer.guardrun``) itself, exactly as before. Either way the
commit (or the agent's write) goes ahead: a hook failure never blocks one.
"""

from __future__ import annotations

import _socket
import marshal
import os
import sys
import time

PROTOCOL = 1
MAX_REQUEST = 4 << 20
DONE = b"\0aiprov-hook-done:"  # + one byte: the hook's exit status
STALE = b"\0aiprov-hook-stale\n"
STOPPED = b"\0aiprov-hook-stopped\n"
GUARD_ANSWER = b"\0aiprov-guard-answer:"  # + marshal of (exit status, stdout, stderr)
MAX_SOCKET_PATH = 100  # sun_path is 104-108 bytes


# pathlib and typing are not imported here: ~10 ms of a hook's start that a run relayed to
# the server never needs


def _home() -> str:
    home = os.environ.get("AIPROV_HOME") or os.path.join(os.path.expanduser("~"), ".aiprov")
    return os.path.expanduser(home)


def home_of(env: dict[str, str]) -> str:
    """``_home`` as a process with environment ``env`` sees it."""
    user = env.get("HOME") or os.path.expanduser("~")
    home = env.get("AIPROV_HOME") or os.path.join(user, ".aiprov")
    return os.path.join(user, home[2:]) if home.startswith("~/") else home


def socket_path(home: str) -> str | None:
    path = os.path.join(home, "hook.sock")
    return path if len(os.fsencode(path)) <= MAX_SOCKET_PATH else None


# what a hook run loads besides provenance/: the guard's review (rules and packs), its
# redaction and its store writes
_STAMPED = ("reviewer", os.path.join("reviewer", "rules"), "store", os.path.join("proxy", "redact"))


def code_stamp() -> str:
    """What identifies the code a server loaded: the interpreter and the modification time
    of every module a hook run uses (a server started before an upgrade must not serve)."""
    here = os.path.dirname(os.path.realpath(__file__))
    top = os.path.dirname(here)
    files = [os.path.join(here, f) for f in sorted(os.listdir(here)) if f.endswith(".py")]
    for sub in _STAMPED:
        d = os.path.join(top, sub)
        try:
            files += [os.path.join(d, f) for f in sorted(os.listdir(d))
                      if f.endswith((".py", ".toml"))]
        except OSError:
            files.append(d)
    stamps = []
    for f in files:
        try:
            stamps.append(f"{f[len(top) + 1:]}:{os.stat(f).st_mtime_ns}")
        except OSError:
            stamps.append(f"{f[len(top) + 1:]}:-")
    return f"{PROTOCOL}|{sys.executable}|{sys.version}|" + ",".join(stamps)


def connect(path: str, *, timeout: float) -> _socket.socket | None:
    """A connected Unix socket to the server, or None when none listens."""
    try:
        sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    except (AttributeError, OSError):  # no Unix sockets here: every hook runs cold
        return None
    sock.settimeout(timeout)
    try:
        sock.connect(str(path))
    except OSError:
        sock.close()
        return None
    return sock


def _spawn_server(home: str) -> None:
    """Start a hook server for later commits, detached from this hook and its terminal."""
    try:
        os.makedirs(home, exist_ok=True)
        log = os.open(os.path.join(home, "hook.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.posix_spawn(
                sys.executable, [sys.executable, "-m", "provenance.hookserver", home],
                os.environ,
                file_actions=[(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                              (os.POSIX_SPAWN_DUP2, log, 1), (os.POSIX_SPAWN_DUP2, log, 2)],
                setsid=True)
        finally:
            os.close(log)
    except (OSError, AttributeError, NotImplementedError):
        pass  # no server: the next hook runs cold too


def _frame(req: dict[str, object]) -> bytes:
    body = marshal.dumps(req)
    return len(body).to_bytes(4, "big") + body


def _request(op: str, argv: list[str], stdin: bytes = b"") -> dict[str, object]:
    return {"op": op, "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ),
            "ppid": os.getppid(), "stamp": code_stamp(), "stdin": stdin}


def _ask(sock: _socket.socket, req: dict[str, object], timeout: float) -> bytearray | None:
    """Send one request to the server and read its whole answer (the server closes the
    connection after it); None when the connection failed or timed out. Closes ``sock``."""
    out = bytearray()
    try:
        sock.sendall(_frame(req))
        sock.settimeout(timeout)
        while chunk := sock.recv(65536):
            out += chunk
    except OSError:
        return None
    finally:
        sock.close()
    return out


def _relay(sock: _socket.socket, argv: list[str], timeout: float) -> int | None:
    """Run the hook in the server; its exit status, or None when the run did not finish
    there (stale server, lost connection, crash), in which case nothing was decided."""
    out = _ask(sock, _request("run", argv), timeout)
    if out is None:
        return None
    at = out.rfind(DONE)
    if at < 0 or len(out) != at + len(DONE) + 1:
        return None
    if at:
        sys.stderr.buffer.write(bytes(out[:at]))
        sys.stderr.flush()
    return out[-1]


def relay_guard(sock: _socket.socket, argv: list[str], stdin: bytes, timeout: float
                ) -> tuple[int, bytes, bytes] | None:
    """Run an agent guard in the server: (exit status, stdout, stderr) of its answer (each
    agent reads its own mix of the three), or None when the server did not answer (stale,
    lost connection, crash): then nothing was decided and the caller runs it itself."""
    out = _ask(sock, _request("guard", argv, stdin), timeout)
    if out is None or not out.startswith(GUARD_ANSWER):
        return None
    try:
        # the peer is this user's own server (socket mode 0600), see hookserver
        got = marshal.loads(bytes(out[len(GUARD_ANSWER):]))  # noqa: S302
    except (EOFError, ValueError, TypeError):
        return None
    if (not isinstance(got, tuple) or len(got) != 3 or not isinstance(got[0], int)
            or not isinstance(got[1], bytes) or not isinstance(got[2], bytes)):
        return None
    return got


def stop(home: str) -> bool:
    """Ask the server of ``home`` to exit; False when none was listening."""
    path = socket_path(home)
    sock = connect(path, timeout=1.0) if path else None
    if sock is None:
        return False
    try:
        sock.sendall(_frame({"op": "stop"}))
        return sock.recv(64) == STOPPED
    except OSError:
        return False
    finally:
        sock.close()


def main(argv: list[str] | None = None) -> int:
    """Run a hook (``prepare-commit-msg ARGS``, or ``save REPO SHA...``, the detached store
    save after a commit) in the server, else here. Only a commit's first hook starts a
    server: a save that finds none runs here, so that a cold commit's prepare-commit-msg
    and its save do not start two servers at once, each spending its ~3 s of imports."""
    argv = list(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    if os.environ.get("AIPROV_HOOK_SERVER", "1") != "0":
        home = _home()
        path = socket_path(home)
        if path is not None:
            sock = connect(path, timeout=0.5)
            timeout = float(os.environ.get("AIPROV_HOOK_TIMEOUT") or 20) + 5
            status = _relay(sock, argv, timeout) if sock is not None else None
            if status is not None:
                if os.environ.get("AIPROV_HOOK_TIMING"):
                    _timing(argv, started)
                return status
            if not argv or argv[0] != "save":
                _spawn_server(home)
    from provenance import hook  # cold: the imports the server would have saved

    return hook.main(argv)


def _timing(argv: list[str], started: float) -> None:
    """``AIPROV_HOOK_TIMING`` for a run relayed to the server: this client's own CPU, its
    interpreter start included (the server's fork prints its own line)."""
    t = os.times()
    name = argv[0] if argv else "hook"
    from provenance.hookproc import timing_line

    sys.stderr.write(timing_line(f"{name} client", argv[1:], time.monotonic() - started,
                                 t.user + t.system))


GUARD_TIMEOUT_S = 10.0  # a warm guard answers in milliseconds; past this, run it here


def guard_main(argv: list[str], stdin: bytes | None = None) -> int:
    """``aiprov guard AGENT [--fail-on LEVEL]`` with the hook payload on stdin: reviewed in
    the warm server when one listens, else here (and a server is started for the next
    write). Writes the agent's answer to stdout and stderr and returns its exit status
    (``reviewer.guardrun``)."""
    data = stdin
    if data is None:
        try:
            data = sys.stdin.buffer.read()
        except (OSError, ValueError):  # no stdin: the guard says the payload is missing
            data = b""
    home = _home()
    if os.environ.get("AIPROV_HOOK_SERVER", "1") != "0":
        path = socket_path(home)
        if path is not None:
            sock = connect(path, timeout=0.5)
            timeout = float(os.environ.get("AIPROV_GUARD_TIMEOUT") or GUARD_TIMEOUT_S)
            got = relay_guard(sock, argv, data, timeout) if sock is not None else None
            if got is not None:
                code, out, err = got
                _emit(out, err)
                return code
            _spawn_server(home)
    from pathlib import Path

    from reviewer import guardrun  # cold: the imports the server would have saved

    code, out_s, err_s, spooled = guardrun.run(argv, data.decode("utf-8", "replace"),
                                               Path(home))
    _emit(out_s.encode("utf-8", "replace"), err_s.encode("utf-8", "replace"))
    if spooled:
        guardrun.drain_later(Path(home))
    return code


def _emit(out: bytes, err: bytes) -> None:
    for stream, data in ((sys.stdout, out), (sys.stderr, err)):
        if data:
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()


if __name__ == "__main__":
    from provenance.hookproc import exit_now

    exit_now(main())
