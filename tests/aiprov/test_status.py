"""`aiprov status`, `aiprov proxy` start-up and `aiprov --version`, against real processes."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from aiprov import cli, runstate
from aiprov.settings import get_settings
from aiprov.status import since_text

ROOT = Path(__file__).resolve().parents[2]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    get_settings.cache_clear()
    code = cli.run(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def running_proxy(isolated_env: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """`aiprov proxy` in a child process on a port that is not the configured one."""
    port = _port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "AIPROV_RECORDER": "thread"}
    proc = subprocess.Popen([sys.executable, "-m", "aiprov.cli", "proxy", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(300):  # bounded: up to 30 s for the child to import and bind
        state = runstate.read(isolated_env)
        if state is not None and state.pid == proc.pid:
            break
        if proc.poll() is not None:
            pytest.fail(f"proxy exited: {proc.communicate()}")
        time.sleep(0.1)
    yield proc, port
    if proc.poll() is None:
        proc.terminate()
        proc.wait(20)


def _components(out: str) -> dict[str, dict[str, object]]:
    return json.loads(out)["components"]  # type: ignore[no-any-return]


def test_status_finds_the_proxy_on_whatever_port_it_was_started(running_proxy, isolated_env,
                                                                 capsys):
    proc, port = running_proxy
    assert get_settings().port != port
    code, out = _run(["status", "--format", "json"], capsys)
    comp = _components(out)
    assert comp["proxy"]["state"] == "ok", out
    assert comp["proxy"]["details"]["url"] == f"http://127.0.0.1:{port}"
    assert comp["proxy"]["details"]["pid"] == proc.pid and comp["proxy"]["since"]
    assert comp["recorder"]["state"] == "ok" and "recorded 0 of 0" in comp["recorder"]["reason"]
    assert code == 0 and json.loads(out)["ok"] is True
    assert set(json.loads(out)["version"]) == {"aiprov", "revision", "python"}
    # stopped: down, with since when, and where it was
    proc.terminate()
    assert proc.wait(20) == 0
    code, out = _run(["status", "--format", "json"], capsys)
    comp = _components(out)
    assert code == 3 and comp["proxy"]["state"] == "down"
    assert comp["proxy"]["since"] == runstate.read(isolated_env).stopped_at  # type: ignore[union-attr]
    assert str(port) in comp["proxy"]["reason"]
    assert comp["recorder"]["state"] == "down"


def test_a_proxy_that_died_without_cleanup_is_down_not_up(isolated_env, capsys):
    isolated_env.mkdir(parents=True, exist_ok=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (isolated_env / runstate.FILE).write_text(json.dumps(
        {"pid": dead.pid, "host": "127.0.0.1", "port": _port(),
         "started_at": "2026-01-01T00:00:00+00:00"}))
    code, out = _run(["status", "--format", "json"], capsys)
    proxy = _components(out)["proxy"]
    assert code == 3 and proxy["state"] == "down"
    assert f"pid {dead.pid} exited without stopping cleanly" in proxy["reason"]


def test_status_never_says_a_down_store_is_ok(isolated_env, monkeypatch, capsys):
    monkeypatch.setenv("AIPROV_DB", "postgresql://u:pw0rd@127.0.0.1:1/x")
    code, out = _run(["status"], capsys)
    assert code == 3 and "pw0rd" not in out
    store = [line for line in out.splitlines() if line.startswith("store")]
    assert len(store) == 1 and " down " in store[0] and "AIPROV_DB" in store[0]
    assert " ok " not in store[0]
    # each component once, with a state from the three
    states = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert set(states) == {"proxy", "recorder", "spool", "store", "hook", "org"}
    assert all(re.search(r" (ok|degraded|down) ", line) for line in states.values())


def test_status_messages_are_whole(isolated_env, monkeypatch, capsys):
    monkeypatch.setenv("AIPROV_DB", "postgresql://u@127.0.0.1:1/" + "x" * 300)
    monkeypatch.setenv("COLUMNS", "80")
    code, out = _run(["status", "--format", "json"], capsys)
    reason = _components(out)["store"]["reason"]
    assert reason.endswith("point AIPROV_DB at a reachable store")
    code, out = _run(["status"], capsys)
    assert "point AIPROV_DB at a reachable store" in out  # not cut to the terminal


def test_recorder_lag_and_errors_from_the_running_proxy_are_shown():
    from aiprov.status import Observed, judge

    base = dict(proxy_url="http://127.0.0.1:1", state=None, live_error=None, live_again=None,
                spool_pending=0, spool_oldest=None, store={"url": "sqlite:///x", "exchanges": 3},
                hook_server=("idle", None), sync={"configured": False})
    rec = {"submitted": 10, "recorded": 4, "queued": 6, "queue_capacity": 100, "dropped": 0,
           "store_ok": True, "ready": True, "lag_records": 6, "lag_seconds": 2.0}
    ok = judge(Observed(live={"pid": 1, "recorder": rec}, **base))  # type: ignore[arg-type]
    assert ok[1].state == "ok" and "lag 6 (2.0 s)" in ok[1].reason
    grown = {**rec, "lag_records": 40}
    growing = judge(Observed(live={"pid": 1, "recorder": rec},  # type: ignore[arg-type]
                             **{**base, "live_again": {"recorder": grown}}))
    assert growing[1].state == "degraded" and "growing (6 -> 40 in 1 s)" in growing[1].reason
    failing = {**rec, "lag_records": 0, "store_ok": False,
               "last_error": "disk full at postgresql://u:hunter2@db/x",
               "last_error_at": "2026-12-06T10:00:00+00:00"}
    out = judge(Observed(live={"pid": 1, "recorder": failing}, **base))  # type: ignore[arg-type]
    assert out[1].state == "degraded" and "disk full" in out[1].reason
    assert "hunter2" not in out[1].reason + str(out[1].details)
    assert out[1].since == "2026-12-06T10:00:00+00:00"
    # the store line agrees with the recorder: readable here, not writable there
    assert out[3].state == "degraded" and "cannot write" in out[3].reason


def test_since_text():
    from datetime import UTC, datetime

    now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    assert since_text("2026-12-06T11:55:00+00:00", now) == "11:55 UTC (5 min ago)"
    assert since_text("2026-12-01T11:55:00+00:00", now) == "2026-12-01 11:55 UTC (5 days ago)"
    assert since_text(None, now) == ""


@pytest.mark.parametrize("command", ["proxy", "serve"])
def test_a_server_on_a_taken_port_fails_before_its_banner(command, isolated_env, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out = _run([command, "--port", str(port)], capsys)
    assert code == 3, out
    assert " on http" not in out  # no success banner
    assert f"port {port} on 127.0.0.1 is already in use" in out and "--port" in out
    assert len(out.strip().splitlines()) == 1
    assert runstate.read(isolated_env) is None  # nothing claims to listen


def test_version(capsys):
    code, out = _run(["--version"], capsys)
    assert code == 0
    assert re.fullmatch(r"aiprov \S+( \(git [0-9a-f]{7,}(\+modified)?\))?, Python 3\.\d+\.\d+\n",
                        out), out
    if (ROOT / ".git").exists():
        assert "(git " in out


def test_status_says_when_commits_here_would_meet_no_record(tmp_path, monkeypatch, isolated_env,
                                                            capsys):
    """The repository's own user.email (aider writes one) is not the identity the proxy
    recorded: `aiprov status` run in the repository says so, as the hook does on commit."""
    from tests.provenance.gitrepo import FIB, make_repo, record_suggestion

    repo = make_repo(tmp_path, monkeypatch)
    repo.write("README.md", "x\n")
    repo.commit("init")
    repo.git("config", "user.email", "dev@aider.local")
    record_suggestion(isolated_env, repo.path, FIB, developer="dev@example.com")
    monkeypatch.chdir(repo.path)
    _code, out = _run(["status", "--format", "json"], capsys)
    ident = _components(out)["identity"]
    assert ident["state"] == "degraded", ident
    assert "dev@aider.local" in ident["reason"] and "dev@example.com" in ident["reason"]
    _code, out = _run(["status"], capsys)
    rows = [line for line in out.splitlines() if line.startswith("identity")]
    assert len(rows) == 1 and " degraded " in rows[0]
    # the identity the proxy recorded: nothing to say
    repo.git("config", "user.email", "dev@example.com")
    _code, out = _run(["status", "--format", "json"], capsys)
    ident = _components(out)["identity"]
    assert ident["state"] == "ok" and ident["details"]["developer"] == "dev@example.com"
    # outside a work tree there is no commit identity to check
    monkeypatch.chdir(tmp_path)
    _code, out = _run(["status", "--format", "json"], capsys)
    assert "identity" not in _components(out)
