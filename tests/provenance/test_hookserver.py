"""The warm hook server: the first commit starts it, later commits run in forks of it and
must come out exactly as the cold hook makes them; a stale or stopped server is never used."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from provenance import hookclient, notes
from tests.provenance.gitrepo import FIB, Repo, install, make_repo, record_suggestion


def _wait_for(cond, limit: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return False


def _serving(sock: Path) -> bool:
    """The server accepts connections. Its socket file appears when it binds, before it
    listens: a client that connects in between is refused (and a hook then runs cold), so
    a test waits for this, not for the file."""
    conn = hookclient.connect(str(sock), timeout=5)
    if conn is None:
        return False
    conn.close()  # an empty request: the server drops it and serves on
    return True


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> Repo:
    monkeypatch.setenv("AIPROV_HOOK_SYNC", "1")
    monkeypatch.setenv("AIPROV_HOOK_TIMING", "1")
    r = make_repo(tmp_path, monkeypatch)
    r.write("README.md", "# demo\n")
    r.commit("init")
    install(r)
    return r


def _sock(home: Path) -> Path:
    where = hookclient.socket_path(str(home))
    if where is None:
        pytest.skip("temporary path too long for a Unix socket")
    return Path(where)


def _commit(repo: Repo, path: str, text: str, msg: str, *extra: str) -> subprocess.CompletedProcess:
    repo.write(path, text)
    repo.git("add", path)
    return subprocess.run(["git", "commit", "-q", *extra, "-m", msg], cwd=repo.path,
                          capture_output=True, text=True, check=True, timeout=120)


def _fib_file(prefix: str) -> str:
    return prefix + FIB + '\n\nif __name__ == "__main__":\n    print(fibonacci_sequence(10))\n'


def test_later_commits_run_in_the_server_and_match_the_cold_hook(
        repo: Repo, isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sock = _sock(isolated_env)
    record_suggestion(isolated_env, repo.path, FIB)
    first = _commit(repo, "a.py", _fib_file("import sys\n\n\n"), "cold")
    assert "prepare-commit-msg took" in first.stderr and "(hook server)" not in first.stderr
    assert _wait_for(lambda: _serving(sock)), "the first hook run did not start a server"
    assert stat.S_IMODE(sock.stat().st_mode) == 0o600
    cold_note = notes.loads(repo.note("HEAD"))

    warm = _commit(repo, "b.py", _fib_file("import os\n\n\n"), "warm")
    assert "prepare-commit-msg took" in warm.stderr and "(hook server)" in warm.stderr
    warm_note = notes.loads(repo.note("HEAD"))
    assert cold_note is not None and warm_note is not None
    assert warm_note["summary"] == cold_note["summary"] == {**cold_note["summary"], "ai": 8}
    trailers = repo.git("interpret-trailers", "--parse", input=repo.message()).stdout
    assert "AI-Lines: 8/15" in trailers and "Assisted-by: claude-code:" in trailers

    # amend with -m: prepare-commit-msg is not told, it reads git's argv through the parent
    # process id the client passed along
    repo.write("extra.txt", "one more line\n")
    repo.git("add", "extra.txt")
    amended = subprocess.run(["git", "commit", "-q", "--amend", "-m", "warm, amended"],
                             cwd=repo.path, capture_output=True, text=True, check=True)
    assert "(hook server)" in amended.stderr
    note = notes.loads(repo.note("HEAD"))
    assert note is not None and note["summary"]["ai"] == 8 and note["summary"]["added"] == 16

    # the same commit with the server turned off gives the same note
    monkeypatch.setenv("AIPROV_HOOK_SERVER", "0")
    repo.git("reset", "-q", "--soft", "HEAD~1")
    off = subprocess.run(["git", "commit", "-q", "-m", "warm, amended"], cwd=repo.path,
                         capture_output=True, text=True, check=True)
    assert "(hook server)" not in off.stderr
    again = notes.loads(repo.note("HEAD"))
    assert again is not None and again["summary"] == note["summary"]
    assert again["files"] == note["files"]


def _stored_ai_lines(home: Path, repo: Repo, sha: str) -> int | None:
    from provenance import git
    from store import db
    from store.provenance import get_commit

    with db.session(f"sqlite:///{home / 'aiprov.db'}") as s:
        row = get_commit(s, git.repo_id(repo.path), sha)
    return None if row is None else row.ai_lines


def test_the_store_save_runs_in_the_server_with_the_committers_settings(
        repo: Repo, isolated_env: Path) -> None:
    """The save after a commit (inline here: AIPROV_HOOK_SYNC=1) goes through the client to
    a fork of the warm server, which reads the settings from the committer's environment
    (a settings object cached in the server is not used), and stores what the cold save
    stores."""
    sock = _sock(isolated_env)
    record_suggestion(isolated_env, repo.path, FIB)
    cold = _commit(repo, "a.py", _fib_file("import sys\n\n\n"), "cold")
    assert "save took" in cold.stderr
    assert _stored_ai_lines(isolated_env, repo, repo.head()) == 8
    assert _wait_for(lambda: _serving(sock))

    warm = _commit(repo, "b.py", _fib_file("import os\n\n\n"), "warm")
    sha = repo.head()
    assert f"(hook server) [{sha[:12]}]" in warm.stderr  # the save's own timing line
    assert "save client took" in warm.stderr
    assert _stored_ai_lines(isolated_env, repo, sha) == 8

    # another store for the next commit: the fork must not keep the first one
    other = isolated_env / "other.db"
    env = {**os.environ, "AIPROV_DB": f"sqlite:///{other}"}
    repo.write("c.txt", "by hand\n")
    repo.git("add", "c.txt")
    third = subprocess.run(["git", "commit", "-q", "-m", "third"], cwd=repo.path, env=env,
                           capture_output=True, text=True, check=True, timeout=120)
    assert "(hook server) [" in third.stderr and "skipped" not in third.stderr, third.stderr
    from provenance import git
    from store import db
    from store.provenance import get_commit

    with db.session(f"sqlite:///{other}") as s:
        assert get_commit(s, git.repo_id(repo.path), repo.head()) is not None
    assert _stored_ai_lines(isolated_env, repo, repo.head()) is None


def _servers_of(home: Path) -> list[int]:
    """Hook server processes started for ``home`` (running or still importing)."""
    want = f"provenance.hookserver\0{home}\0".encode()
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and want in (proc / "cmdline").read_bytes():
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def test_a_save_with_no_server_runs_here_and_starts_none(repo: Repo, isolated_env: Path
                                                        ) -> None:
    """Only a commit's first hook starts a server: a save finding none (the server of a
    cold commit still importing) runs itself, or the two would start one each."""
    sock = _sock(isolated_env)
    record_suggestion(isolated_env, repo.path, FIB)
    _commit(repo, "a.py", _fib_file("import sys\n\n\n"), "cold")
    assert _wait_for(lambda: _serving(sock))  # the first commit started one
    hookclient.stop(str(isolated_env))
    assert _wait_for(lambda: not sock.exists() and not _servers_of(isolated_env), 30)
    sha = repo.head()
    out = subprocess.run([sys.executable, "-m", "provenance.hookclient", "save",
                          str(repo.path), sha], cwd=repo.path, capture_output=True, text=True,
                         check=True, timeout=120)
    assert "save took" in out.stderr and "(hook server)" not in out.stderr
    assert "client took" not in out.stderr
    assert not _servers_of(isolated_env) and not sock.exists()
    assert _stored_ai_lines(isolated_env, repo, sha) == 8


def test_each_forked_run_has_a_session_of_its_own(tmp_path: Path, isolated_env: Path) -> None:
    """A run in the server is in its own session (the kernel shares the CPU per session):
    not in the server's, beside the runs of other commits and their saves."""
    from provenance import hookserver

    seen = tmp_path / "seen"
    sock = _sock(isolated_env)
    server = os.fork()
    if server == 0:  # the server, with a hook that says where it ran
        try:
            import provenance.hook

            def where(argv: list[str]) -> int:
                seen.write_text(f"{os.getsid(0)} {os.getpid()} {os.getpgrp()}")
                return 0

            provenance.hook.main = where  # type: ignore[assignment]
            hookserver._preload = lambda: None
            hookserver.serve(isolated_env, idle=60)
        finally:
            os._exit(0)
    try:
        assert _wait_for(lambda: _serving(sock))
        conn = hookclient.connect(str(sock), timeout=5)
        assert conn is not None
        assert hookclient._relay(conn, ["save", str(tmp_path), "0" * 40], 30) == 0
        sid, pid, pgrp = map(int, seen.read_text().split())
        assert sid == pid == pgrp != os.getsid(server)
    finally:
        hookclient.stop(str(isolated_env))
        os.waitpid(server, 0)


def test_a_stale_server_exits_and_the_hook_runs_cold(repo: Repo, isolated_env: Path) -> None:
    sock = _sock(isolated_env)
    proc = subprocess.Popen([sys.executable, "-m", "provenance.hookserver", str(isolated_env)],
                            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert _wait_for(lambda: _serving(sock))
        conn = hookclient.connect(str(sock), timeout=5)
        assert conn is not None
        req = {"op": "run", "argv": ["prepare-commit-msg", "/nonexistent"], "cwd": "/",
               "env": {}, "ppid": 1, "stamp": "code of another version"}
        conn.sendall(hookclient._frame(req))
        assert conn.recv(64) == hookclient.STALE
        conn.close()
        assert proc.wait(timeout=10) == 0
        assert not sock.exists()
    finally:
        if proc.poll() is None:
            proc.kill()
    out = _commit(repo, "c.txt", "by hand\n", "after a stale server")
    assert "prepare-commit-msg took" in out.stderr and "(hook server)" not in out.stderr


def test_the_server_stops_when_asked_and_when_its_socket_goes(isolated_env: Path) -> None:
    sock = _sock(isolated_env)
    env = {**os.environ, "AIPROV_HOOK_SERVER_IDLE": "600"}
    proc = subprocess.Popen([sys.executable, "-m", "provenance.hookserver", str(isolated_env)],
                            env=env, stdin=subprocess.DEVNULL)
    try:
        assert _wait_for(lambda: _serving(sock))
        assert hookclient.stop(str(isolated_env)) is True
        assert proc.wait(timeout=10) == 0 and not sock.exists()
        assert hookclient.stop(str(isolated_env)) is False  # nobody listening
    finally:
        if proc.poll() is None:
            proc.kill()


def test_requests_are_served_only_to_well_formed_callers(isolated_env: Path) -> None:
    sock = _sock(isolated_env)
    proc = subprocess.Popen([sys.executable, "-m", "provenance.hookserver", str(isolated_env)],
                            stdin=subprocess.DEVNULL)
    try:
        assert _wait_for(lambda: _serving(sock))
        for junk in (b"", b"\xff\xff\xff\xff", b"\x00\x00\x00\x05nope!"):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.settimeout(10)
                s.connect(str(sock))
                s.sendall(junk)
                s.shutdown(socket.SHUT_WR)
                assert s.recv(64) == b""  # closed without an answer
        assert proc.poll() is None  # and still serving
    finally:
        hookclient.stop(str(isolated_env))
        if proc.poll() is None:
            proc.kill()


def test_two_servers_started_at_once_leave_one_serving_and_no_traceback(
        isolated_env: Path) -> None:
    """Two agent writes at once each start a server: the second to bind steps aside."""
    sock = _sock(isolated_env)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    procs = [subprocess.Popen([sys.executable, "-m", "provenance.hookserver", str(isolated_env)],
                              env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        assert _wait_for(lambda: any(p.poll() is not None for p in procs), 120)
        [done] = [p for p in procs if p.poll() is not None]
        [serving] = [p for p in procs if p is not done]
        out, err = done.communicate()
        assert (done.returncode, out, err) == (0, "", ""), err
        # the one serving may still be between binding and listening (or, started later,
        # have just replaced the other's socket file): wait until it accepts
        assert _wait_for(lambda: _serving(sock)) and serving.poll() is None
    finally:
        hookclient.stop(str(isolated_env))
        for p in procs:
            p.wait(timeout=60)
