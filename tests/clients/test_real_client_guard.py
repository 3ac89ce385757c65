"""The real Claude Code with aiprov's PostToolUse hook in the project's .claude/settings.json
and NO proxy: the model is the fake upstream, reached directly (issue 22: capture where no
traffic is visible). The hook's report of each write is the only evidence; a plain
``git commit`` with aiprov's hooks then credits the written lines to Claude Code. And the
guard blocking an insecure write (issue 14): its reason reaches the model in the next
request, which the fake upstream sees.

The hook is the one ``aiprov setup claude-code --install`` writes into the project's
``.claude/settings.json`` (``aiprov guard claude-code``); ``aiprov`` on the hook's PATH is this
checkout's console script.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.fakellm import FakeToolCall, Reply
from tests.provenance.gitrepo import Repo, install, store_url
from tests.reviewer.test_guard import PY_BAD as INSECURE
from tests.utils.clients import client_env

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]
ROOT = Path(__file__).resolve().parents[2]

SAFE = '''def merge_intervals(intervals):
    """Merge overlapping [start, end] intervals."""
    out = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out
'''
# a console script as pip writes it for this checkout (``aiprov = "aiprov.entry:main"``)
SCRIPT = """#!{python}
import sys
from aiprov.entry import main
if __name__ == '__main__':
    sys.exit(main())
"""


@pytest.fixture
def project(tmp_path: Path, isolated_env: Path) -> Path:
    """A repository with aiprov's commit hooks and Claude Code's guard hook installed."""
    from store import db

    db.get_engine(store_url(isolated_env))
    work = tmp_path / "work"
    work.mkdir()
    repo = Repo(work)
    repo.git("init", "-q")
    repo.write("README.md", "demo\n")
    repo.commit("init")
    install(repo)
    done = subprocess.run([sys.executable, "-m", "aiprov.cli", "setup", "claude-code",
                           "--install", "--project", str(work)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == 0, done.stderr
    hooks = json.loads((work / ".claude" / "settings.json").read_text())["hooks"]
    assert "aiprov guard claude-code" in json.dumps(hooks["PostToolUse"])
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "aiprov"
    script.write_text(SCRIPT.format(python=sys.executable))
    script.chmod(0o755)
    return work


def _claude(node_bin: Path, fake: Any, work: Path, tmp_path: Path, isolated_env: Path,
            prompt: str) -> subprocess.CompletedProcess[str]:
    from tests.fakellm import serve

    with serve(fake.app) as upstream:
        env = client_env(tmp_path / "client", ANTHROPIC_BASE_URL=upstream.base_url,
                         ANTHROPIC_API_KEY="sk-ant-test-1",
                         CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1",
                         AIPROV_HOME=str(isolated_env), AIPROV_HOOK_SERVER_IDLE="30",
                         PYTHONPATH=str(ROOT))  # this checkout, for the hook and its server
        env["PATH"] = f"{tmp_path / 'bin'}{os.pathsep}{env['PATH']}"
        return subprocess.run(
            [str(node_bin / "claude"), "-p", prompt, "--permission-mode", "acceptEdits",
             "--allowedTools", "Write"], cwd=work, capture_output=True, text=True,
            timeout=240, env=env)


def test_claude_code_without_a_proxy_hook_evidence_makes_the_commit_ai(
        node_bin: Path, fake: Any, project: Path, tmp_path: Path, isolated_env: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance.blame import blame_file
    from reviewer import guardrun

    fake.push(Reply(text="I'll create intervals.py.", tool_calls=[FakeToolCall(
        "Write", json.dumps({"file_path": str(project / "intervals.py"), "content": SAFE}))]),
        Reply(text="Created intervals.py."))
    proc = _claude(node_bin, fake, project, tmp_path, isolated_env, "create intervals.py")
    assert proc.returncode == 0, (proc.stdout[-3000:], proc.stderr[-3000:])
    assert (project / "intervals.py").read_text() == SAFE
    # the commit's hook waits up to 10 s for the guard's spool itself (test_guard_evidence);
    # a loaded test machine can take longer to start the detached drain of a cold run
    deadline = time.monotonic() + 60
    while guardrun.pending(isolated_env) and time.monotonic() < deadline:
        time.sleep(0.1)
    repo = Repo(project)
    repo.git("add", "intervals.py")  # a plain commit
    repo.git("commit", "-qm", "intervals", env={"AIPROV_HOOK_SYNC": "1"})
    assert not guardrun.pending(isolated_env)
    monkeypatch.chdir(project)
    rows = blame_file(project, "intervals.py")
    assert {(r["origin"], r["tool"]) for r in rows} == {("ai", "claude-code")}, rows
    assert "Assisted-by: claude-code" in repo.message()
    from sqlmodel import select

    from store import db
    from store.models import ExchangeRow

    with db.session(store_url(isolated_env)) as s:
        [ex] = s.exec(select(ExchangeRow)).all()
    assert (ex.source, ex.tool, ex.cwd) == ("hook", "claude-code", str(project))
    assert ex.session_id  # Claude Code's own session id, from the hook payload
    # the session's transcript still imports: the hook's reports are not its answers
    from typer.testing import CliRunner

    from aiprov.cli import app
    from aiprov.settings import get_settings

    get_settings.cache_clear()
    projects = tmp_path / "client" / "home" / ".claude" / "projects"
    out = CliRunner().invoke(app, ["import", str(projects)]).output
    assert "added 1 exchanges (1 claude-code)" in out, out


def test_claude_code_sees_why_the_guard_blocked_its_write(
        node_bin: Path, fake: Any, project: Path, tmp_path: Path, isolated_env: Path) -> None:
    fake.push(Reply(text="I'll create app.py.", tool_calls=[FakeToolCall(
        "Write", json.dumps({"file_path": str(project / "app.py"), "content": INSECURE}))]),
        Reply(text="I will fix the shell call."))
    proc = _claude(node_bin, fake, project, tmp_path, isolated_env, "create app.py")
    assert proc.returncode == 0, (proc.stdout[-3000:], proc.stderr[-3000:])
    assert (project / "app.py").read_text() == INSECURE  # PostToolUse runs after the write
    llm = [r for r in fake.requests if r.path.startswith("/v1/messages")
           and "count_tokens" not in r.path]
    seen = json.dumps(llm[-1].json)  # the request after the Write: its tool_result
    assert "aiprov guard" in seen and "CWE-78" in seen, seen[-3000:]
    # Claude Code 2.1 puts a blocking PostToolUse hook's stderr in a system reminder
    # beside the tool_result: what, where, why and the fix
    assert "PostToolUse:Write hook blocking error" in seen
    assert "app.py:10 CWE-78" in seen and "fix: Drop shell=True" in seen
