"""Every command, with every kind of bad setting: one readable line, the setting named, the
documented exit code (0 ok, 1 failure, 2 usage or configuration, 3 unavailable), and never a
traceback.

The commands are enumerated from the typer app, so a new command is covered without editing
this file; one that does not read the settings at all must be listed in ``NO_SETTINGS``.
Servers are stopped before they would serve (their serve step is replaced), after every
check that precedes it has run.
"""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer

from aiprov import cli
from aiprov.errors import UNAVAILABLE, USAGE
from aiprov.settings import get_settings

# commands that never read aiprov's settings (they work with any AIPROV_* value)
NO_SETTINGS = {"hooks status", "export", "ci merged", "ci pr", "notes sync", "guard"}
# commands that work without the store, or treat it as optional (blame reads git notes
# first; the relays spool and warn)
STORE_OPTIONAL = {"blame", "review", "setup", "hooks install", "hooks uninstall", "sync", "config",
                  "proxy-token create", "proxy-token list", "proxy-token revoke"}
RELAYS = {"proxy", "intercept"}
# `aiprov demo` runs in its own temporary home and ignores AIPROV_* (test_demo.py runs it)
NOT_RUN = {"demo": "runs the whole loop in its own home; test_demo.py runs it with broken settings"}
# a value for each required argument or option, by parameter name
VALUES = {"file": "a.py", "tool": "claude-code", "developer": "dev@example.com",
          "name": "laptop", "token_id": "1", "exchange_id": "abc123",
          "rev": "HEAD", "target": "a.py:1", "agent": "claude-code", "finding_id": "1",
          "reason": "a false positive"}
# optional arguments that make a command do its real work
EXTRA = {"setup": ["claude-code"]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def commands() -> Iterator[tuple[str, list[str]]]:
    """(command path, argv) for every leaf command of the app, required values filled in."""
    root = typer.main.get_command(cli.app)

    def walk(cmd, path: list[str]) -> Iterator[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in sorted(subs.items()):
                yield from walk(sub, [*path, name])
            return
        argv = list(path)
        for p in cmd.params:
            if not p.required:
                continue
            value = VALUES.get(p.name, "x")
            if getattr(p, "opts", None) and p.param_type_name == "option":
                argv += [p.opts[0], value]
            else:
                argv.append(value)
        yield " ".join(path), argv + EXTRA.get(" ".join(path), [])

    yield from walk(root, [])


ALL = [(n, a) for n, a in commands() if n not in NOT_RUN]  # NOT_RUN: covered elsewhere
BAD = {
    "port": ({"AIPROV_PORT": "abc"}, "AIPROV_PORT", USAGE),
    "db-scheme": ({"AIPROV_DB": "nonsense"}, "AIPROV_DB", USAGE),
    "sqlite-dir": ({"AIPROV_DB": "sqlite:////nonexistent/dir/x.db"}, "AIPROV_DB", USAGE),
    "pg-down": ({"AIPROV_DB": "postgresql://u:s3cret@127.0.0.1:1/x"}, "AIPROV_DB", UNAVAILABLE),
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with one commit, as the current directory (for attribute, blame...)."""
    root = tmp_path / "repo"
    root.mkdir()
    run = {"cwd": root, "check": True, "capture_output": True}
    subprocess.run(["git", "init", "-q"], **run)  # type: ignore[call-overload]
    (root / "a.py").write_text("print('hi')\n")
    subprocess.run(["git", "add", "a.py"], **run)  # type: ignore[call-overload]
    subprocess.run(["git", "commit", "-qm", "init"], **run)  # type: ignore[call-overload]
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def no_serving(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Servers return where they would start serving; the list says which got there."""
    served: list[str] = []
    import uvicorn

    import aiprov.commands.proxy as proxy_cmd
    import proxy.intercept as intercept_mod

    monkeypatch.setattr(proxy_cmd, "_serve", lambda *a, **k: served.append("proxy") or True)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: served.append("serve"))
    monkeypatch.setattr(uvicorn.Server, "run", lambda *a, **k: served.append("serve"))

    async def no_serve(self, ready):  # type: ignore[no-untyped-def]
        served.append("intercept")

    monkeypatch.setattr(intercept_mod.InterceptServer, "serve", no_serve)
    return served


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    get_settings.cache_clear()
    code = cli.run(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("bad", list(BAD))
@pytest.mark.parametrize(("name", "argv"), ALL, ids=[n for n, _ in ALL])
def test_every_command_names_a_bad_setting(name: str, argv: list[str], bad: str,
                                           repo: Path, no_serving: list[str],
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    env, setting, expected = BAD[bad]
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("AIPROV_RECORDER", "thread")
    if name in ("proxy", "intercept", "serve"):
        argv = [*argv, "--port", str(_free_port())]
    code, out = _run(argv, capsys)
    assert "Traceback" not in out, out
    assert "s3cret" not in out, out  # the password is masked wherever the URL is shown
    if name in NO_SETTINGS:
        assert code in (0, 1), out
        return
    if expected == USAGE:
        assert code == USAGE, (code, out)
        assert setting in out, out
        assert not no_serving, "served despite a bad setting"
        return
    # an unreachable store: commands that need it say so (exit 3); the proxy starts anyway
    # and spools, saying the store is down
    if name in RELAYS:  # they start, spool, and say the store does not answer
        assert code == 0 and name in no_serving, (code, out)
        assert f"({setting}) does not answer" in out, out
    elif name in STORE_OPTIONAL:
        assert code in (0, 1, USAGE), (code, out)
    else:
        assert code == UNAVAILABLE, (code, out)
        assert setting in out, out



def test_an_unreachable_org_server_is_named(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AIPROV_SERVER_URL", f"http://127.0.0.1:{_free_port()}")
    monkeypatch.setenv("AIPROV_SERVER_TOKEN", "aip_s3cretvalue123")
    for argv in (["report"], ["sync"]):
        code, out = _run(argv, capsys)
        assert code == UNAVAILABLE, (argv, out)
        assert "cannot reach the org server" in out and "AIPROV_SERVER_URL" in out
        assert "Traceback" not in out
        assert "s3cret" not in out
