"""What the guard leaves behind for every write it sees (issues 14 and 22): the write as
agent-reported evidence (a ``source="hook"`` exchange whose snippets are the written region,
redacted), the findings of that region as ``stage="write"`` rows, once per hook event; and
the warm path: the hook server answers exactly as the cold run does, a broken server costs
the agent nothing, and a commit right after the write finds the evidence."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import select

from provenance import git, hookclient
from reviewer import guardrun
from reviewer.model import code_fingerprint
from store import db
from store.models import ExchangeRow, FindingRow, SnippetRow
from tests.provenance.gitrepo import Repo, install, make_repo, store_url
from tests.reviewer.test_guard import PY_BAD, PY_SAFE, ROOT, payload

SECRET = "sk-ant-api03-" + "Q7x9Lm2Pv4Rt8Wz1Bn6Kd3Hs5Jf0Gc" * 3


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> Repo:
    db.get_engine(store_url(isolated_env))  # one process creates the store
    r = make_repo(tmp_path, monkeypatch)
    r.write("README.md", "# demo\n")
    r.commit("init")
    return r


def hook_payload(repo: Repo, name: str, text: str, *, tool_use_id: str = "toolu_01") -> str:
    """Claude Code wrote ``name``: the file is on disk, the PostToolUse payload in hand."""
    repo.write(name, text)
    data = json.loads(payload(repo.path, "Write", {"file_path": str(repo.path / name),
                                                   "content": text}))
    return json.dumps({**data, "tool_use_id": tool_use_id})


def guard(stdin: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``aiprov guard claude-code`` as the console script runs it (``aiprov.entry``)."""
    full = {**os.environ, "PYTHONPATH": str(ROOT), "AIPROV_HOOK_SYNC": "1", **env}
    return subprocess.run([sys.executable, "-c", "from aiprov.entry import main; main()",
                           "guard", "claude-code"], input=stdin, capture_output=True,
                          text=True, env=full, timeout=120)


def stored(home: Path) -> tuple[list[ExchangeRow], list[SnippetRow], list[FindingRow]]:
    with db.session(store_url(home)) as s:
        return (list(s.exec(select(ExchangeRow)).all()), list(s.exec(select(SnippetRow)).all()),
                list(s.exec(select(FindingRow)).all()))


def test_an_insecure_write_is_stored_as_hook_evidence_with_its_write_stage_finding(
        repo: Repo, isolated_env: Path) -> None:
    stdin = hook_payload(repo, "app.py", PY_BAD)
    r = guard(stdin, AIPROV_HOOK_SERVER="0")
    assert r.returncode == 2 and "CWE-78" in r.stderr, r.stderr
    [ex], [sn], [f] = stored(isolated_env)
    assert (ex.source, ex.api, ex.tool, ex.session_id) == (
        "hook", "agent-hook", "claude-code", "0c1a8b7e-5d7e-4b7f-9a51-3f2b1c0d9e8f")
    assert ex.developer == "dev@example.com" and ex.repo == git.repo_id(repo.path)
    assert ex.cwd == str(repo.path) and ex.path == str(repo.path / "app.py")
    assert (sn.kind, sn.text, sn.path, sn.language) == (
        "write", PY_BAD, str(repo.path / "app.py"), "python")
    assert (f.stage, f.path, f.line, f.cwe, f.origin, f.exchange_id) == (
        "write", "app.py", 10, "CWE-78", "ai", ex.id)
    assert f.accepted_at is not None and f.committed_at is None and f.commit_sha == ""
    assert (f.developer, f.tool, f.repo) == ("dev@example.com", "claude-code", ex.repo)
    quote = '    return subprocess.check_output("ping -c 1 " + host, shell=True)'
    assert f.code_fp == code_fingerprint(f.rule_id, quote)
    # the same hook event again (a retry): nothing recorded twice
    assert guard(stdin, AIPROV_HOOK_SERVER="0").returncode == 2
    assert [len(x) for x in stored(isolated_env)] == [1, 1, 1]
    assert not guardrun.pending(isolated_env)


def test_a_write_of_a_suggested_insecure_line_is_that_suggestion_accepted(
        repo: Repo, isolated_env: Path) -> None:
    """The model suggested the line (the recorder's suggestion-stage row), the agent wrote it:
    one finding, one row, now accepted with the file's path (issue 14's life cycle)."""
    from datetime import UTC, datetime

    quote = '    return subprocess.check_output("ping -c 1 " + host, shell=True)'
    rule = "py.cmd.subprocess-shell"
    with db.session(store_url(isolated_env)) as s:
        s.add(FindingRow(rule_id=rule, severity="high", confidence="high", line=3,
                         found_at=datetime.now(UTC), stage="suggestion",
                         code_fp=code_fingerprint(rule, quote), developer="dev@example.com",
                         origin="ai", exchange_id="ex-suggested"))
        s.commit()
    r = guard(hook_payload(repo, "app.py", PY_BAD), AIPROV_HOOK_SERVER="0")
    assert r.returncode == 2, r.stderr
    rows = stored(isolated_env)[2]
    assert [(f.rule_id, f.stage) for f in rows] == [(rule, "suggestion")]
    f = rows[0]
    assert (f.stage, f.exchange_id, f.path, f.line) == ("suggestion", "ex-suggested", "app.py", 10)
    assert f.accepted_at is not None and f.committed_at is None


def test_a_safe_edit_records_only_the_edited_region_and_no_finding(
        repo: Repo, isolated_env: Path) -> None:
    path = repo.path / "app.py"
    old = 'return subprocess.check_output("ping -c 1 " + host, shell=True)'
    new = 'return subprocess.check_output(["ping", "-c", "1", "--", host])'
    path.write_text(PY_SAFE)  # the file after the edit
    data = json.loads(payload(repo.path, "Edit", {"file_path": str(path), "old_string": old,
                                                  "new_string": new}))
    r = guard(json.dumps({**data, "tool_use_id": "toolu_02"}), AIPROV_HOOK_SERVER="0")
    assert (r.returncode, r.stderr) == (0, "")
    [ex], [sn], findings = stored(isolated_env)
    assert findings == [] and ex.source == "hook"
    assert (sn.kind, sn.text) == ("edit", f"    {new}\n")


def test_secrets_are_redacted_before_the_spool_and_the_store(
        repo: Repo, isolated_env: Path) -> None:
    text = f'import os\n\nAPI_KEY = "{SECRET}"\n\n\ndef key():\n    return API_KEY\n'
    stdin = hook_payload(repo, "keys.py", text)
    code, _, _, files = guardrun.run(["claude-code"], stdin, isolated_env)
    assert len(files) == 1 and files[0].is_file()
    spooled = files[0]
    assert oct(spooled.stat().st_mode & 0o777) == "0o600"
    assert SECRET.encode() not in spooled.read_bytes()
    assert guardrun.drain(isolated_env) == 1 and not spooled.exists()
    [ex], [sn], _ = stored(isolated_env)
    assert "[REDACTED" in sn.text and SECRET not in sn.text
    assert SECRET.encode() not in (isolated_env / "aiprov.db").read_bytes()


def test_recording_off_and_a_failing_record_never_change_the_answer(
        repo: Repo, isolated_env: Path) -> None:
    bad, safe = hook_payload(repo, "app.py", PY_BAD), hook_payload(repo, "ok.py", PY_SAFE)
    r = guard(safe, AIPROV_HOOK_SERVER="0", AIPROV_GUARD_RECORD="0")
    assert (r.returncode, r.stderr) == (0, "") and stored(isolated_env)[0] == []
    (isolated_env / guardrun.SPOOL).write_text("not a directory")  # the spool cannot be made
    r = guard(bad, AIPROV_HOOK_SERVER="0")
    assert r.returncode == 2 and "CWE-78" in r.stderr  # the review's answer stands
    r = guard(safe, AIPROV_HOOK_SERVER="0")
    assert r.returncode == 1 and r.stderr.startswith("aiprov guard: could not record this "
                                                     "write"), r.stderr
    assert r.stderr.count("\n") == 1 and "the write stands" in r.stderr


def _start_server(home: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.Popen([sys.executable, "-m", "provenance.hookserver", str(home)], env=env,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)
    sock = Path(hookclient.socket_path(str(home)) or "")
    deadline = time.monotonic() + 60
    while not sock.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sock.exists(), "the hook server did not come up"


def test_the_warm_server_answers_as_the_cold_run_and_stores_after_answering(
        repo: Repo, isolated_env: Path) -> None:
    if hookclient.socket_path(str(isolated_env)) is None:
        pytest.skip("temporary path too long for a Unix socket")
    cold = {}
    for name, text in (("app.py", PY_BAD), ("ok.py", PY_SAFE)):
        r = guard(hook_payload(repo, name, text, tool_use_id=f"cold-{name}"),
                  AIPROV_HOOK_SERVER="0", AIPROV_GUARD_RECORD="0")
        cold[name] = (r.returncode, r.stderr)
    _start_server(isolated_env)
    for name, text in (("app.py", PY_BAD), ("ok.py", PY_SAFE)):
        stdin = hook_payload(repo, name, text, tool_use_id=f"warm-{name}").encode()
        sock = hookclient.connect(str(hookclient.socket_path(str(isolated_env))), timeout=5)
        assert sock is not None
        got = hookclient.relay_guard(sock, ["claude-code"], stdin, 30)
        assert got is not None  # answered by the server
        assert (got[0], got[2].decode(), got[1]) == (*cold[name], b"")
    deadline = time.monotonic() + 60  # the server's fork stores after the answer
    while guardrun.pending(isolated_env) and time.monotonic() < deadline:
        time.sleep(0.05)
    exchanges, _, findings = stored(isolated_env)
    assert sorted(e.source for e in exchanges) == ["hook", "hook"]
    assert [(f.stage, f.path) for f in findings] == [("write", "app.py")]


def test_a_broken_server_costs_the_agent_nothing(repo: Repo, isolated_env: Path) -> None:
    """Something listens on the socket but never answers properly: the guard runs cold."""
    where = hookclient.socket_path(str(isolated_env))
    if where is None:
        pytest.skip("temporary path too long for a Unix socket")
    isolated_env.mkdir(parents=True, exist_ok=True)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(where)
    srv.listen(4)

    def hang_up() -> None:
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            conn.recv(1 << 20)
            conn.close()

    threading.Thread(target=hang_up, daemon=True).start()
    try:
        r = guard(hook_payload(repo, "app.py", PY_BAD))
    finally:
        srv.close()
    assert r.returncode == 2 and "CWE-78" in r.stderr and "app.py:10" in r.stderr, r.stderr
    assert [len(x) for x in stored(isolated_env)] == [1, 1, 1]


def test_a_commit_after_a_hook_reported_write_is_ai(
        repo: Repo, isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy anywhere: the hook's report is the only evidence, and blame says AI."""
    from provenance.blame import blame_file

    install(repo)
    monkeypatch.setenv("AIPROV_HOOK_SYNC", "1")
    r = guard(hook_payload(repo, "ok.py", PY_SAFE), AIPROV_HOOK_SERVER="0")
    assert r.returncode == 0, r.stderr
    repo.commit("ping", "ok.py")
    assert "Assisted-by: claude-code" in repo.message()
    rows = blame_file(repo.path, "ok.py")
    assert {(x["origin"], x["tool"]) for x in rows} == {("ai", "claude-code")}, rows
    # a person rewrites one line later: that line is the person's, by the same alignment
    repo.write("ok.py", PY_SAFE.replace('    host = request.args.get("host")\n',
                                        '    target = request.args.get("target", "localhost")\n'))
    repo.commit("by hand", "ok.py")
    rows = {x["text"]: x["origin"] for x in blame_file(repo.path, "ok.py")}
    assert rows['    target = request.args.get("target", "localhost")'] == "human"


def test_the_commit_hook_waits_for_recent_guard_writes_only(isolated_env: Path) -> None:
    from provenance.hook import GUARD_SPOOL, await_guard_spool

    spool = isolated_env / GUARD_SPOOL
    spool.mkdir(parents=True)
    old = spool / "old.json"
    old.write_text("{}")
    os.utime(old, (time.time() - 600, time.time() - 600))
    t0 = time.monotonic()
    assert await_guard_spool(isolated_env, limit=5) and time.monotonic() - t0 < 1
    fresh = spool / "fresh.json"
    fresh.write_text("{}")
    threading.Timer(0.3, fresh.unlink).start()
    t0 = time.monotonic()
    assert await_guard_spool(isolated_env, limit=5)
    assert 0.25 < time.monotonic() - t0 < 4
    fresh.write_text("{}")
    assert not await_guard_spool(isolated_env, limit=0.2)  # bounded
