"""A real assistant writes and edits a file through the proxy, the developer changes one line
by hand, commits with aiprov's hooks, and blame says line by line what is AI, AI-edited and
human (issue 17: what people do to accepted code must not erase it).

Claude Code runs offline against the scripted fake upstream (``Write`` then ``Edit`` in one
session); the hook inside ``git commit`` attributes against the proxy's store.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.fakellm import FakeToolCall, Reply
from tests.provenance.gitrepo import Repo, install
from tests.utils.clients import client_env

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]

WRITTEN = '''import time


def fetch_with_retry(session, url, attempts=5):
    timeout = 30
    backoff = 2
    last_error = None
    for attempt in range(attempts):
        try:
            response = session.get(url, timeout=timeout)
            response.raise_for_status()
            return response.json()
        except OSError as exc:
            last_error = exc
            time.sleep(backoff ** attempt)
    raise RuntimeError(url) from last_error
'''
OLD = "            return response.json()\n"
NEW = ("            data = response.json()\n"
       "            return data.get(\"items\", [])\n")




def _git(work: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", *args], cwd=work, check=True, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}).stdout


def test_claude_code_write_then_edit_then_a_hand_edit(stack, node_bin, tmp_path,
                                                     isolated_env):
    from provenance.blame import blame_file

    work = tmp_path / "work"
    work.mkdir()
    _git(work, "init", "-q")
    (work / "README.md").write_text("demo\n")
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "init")
    install(Repo(work))  # aiprov's hooks, as `aiprov setup` installs them
    target = work / "net.py"
    stack.fake.push(
        Reply(text="Creating net.py.", tool_calls=[FakeToolCall(
            "Write", json.dumps({"file_path": str(target), "content": WRITTEN}))]),
        Reply(text="Now returning the items.", tool_calls=[FakeToolCall(
            "Edit", json.dumps({"file_path": str(target), "old_string": OLD,
                                "new_string": NEW}))]),
        Reply(text="Done."))
    proc = subprocess.run(
        [str(node_bin / "claude"), "-p", "write fetch_with_retry in net.py, return the items",
         "--permission-mode", "acceptEdits", "--allowedTools", "Write,Edit"],
        cwd=work, capture_output=True, text=True, timeout=240,
        env=client_env(tmp_path, ANTHROPIC_BASE_URL=stack.url, ANTHROPIC_API_KEY="sk-ant-test-1",
                 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1"))
    assert proc.returncode == 0, (proc.stdout[-3000:], proc.stderr[-3000:])
    expected = WRITTEN.replace(OLD, NEW)
    assert target.read_text() == expected, proc.stdout[-2000:]
    stack.flush()
    # the developer changes one literal by hand before committing
    final = expected.replace("    timeout = 30\n", "    timeout = 45\n")
    target.write_text(final)
    hook_env = {"AIPROV_DB": stack.db_url, "AIPROV_HOOK_SYNC": "1",
                "AIPROV_PORT": stack.url.rsplit(":", 1)[1]}
    _git(work, "add", "net.py", env=hook_env)
    _git(work, "commit", "-qm", "fetch with retry", env=hook_env)
    os.environ.update(hook_env)  # blame reads the store for commits without a note too
    rows = {r["text"]: r["origin"] for r in blame_file(work, "net.py")}
    assert rows["    timeout = 45"] == "ai-edited"  # the hand-edited literal
    assert rows["            data = response.json()"] == "ai"  # from the Edit
    assert rows['            return data.get("items", [])'] == "ai"
    for line in ("def fetch_with_retry(session, url, attempts=5):", "    backoff = 2",
                 "            response.raise_for_status()",
                 "    raise RuntimeError(url) from last_error"):
        assert rows[line] == "ai", line
    assert set(rows.values()) <= {"ai", "ai-edited", "human"}  # every line attributed
    message = _git(work, "log", "-1", "--format=%B")
    assert "Assisted-by: claude-code:" in message


def _patch(body: str) -> str:
    return f"*** Begin Patch\n{body}*** End Patch\n"


def test_codex_apply_patch_add_then_update_then_a_hand_edit(stack, node_bin, tmp_path,
                                                           isolated_env):
    """Codex adds the file with one apply_patch and changes a line with a second; the
    developer edits another line by hand; blame tells the three apart."""
    from provenance.blame import blame_file

    work = tmp_path / "work"
    work.mkdir()
    _git(work, "init", "-q")
    (work / "README.md").write_text("demo\n")
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "init")
    install(Repo(work))  # aiprov's hooks, as `aiprov setup` installs them
    add = _patch("*** Add File: net.py\n" + "".join(f"+{ln}\n" for ln in WRITTEN.splitlines()))
    update = _patch("*** Update File: net.py\n@@\n"
                    + "".join(f" {ln}\n" for ln in WRITTEN.splitlines()[9:11])
                    + "".join(f"-{ln}\n" for ln in OLD.splitlines())
                    + "".join(f"+{ln}\n" for ln in NEW.splitlines()))

    def call(patch: str) -> FakeToolCall:
        return FakeToolCall("exec_command", json.dumps(
            {"cmd": f"apply_patch <<'EOF'\n{patch}EOF\n", "workdir": "."}))

    stack.fake.push(Reply(text="Adding net.py.", tool_calls=[call(add)]),
                    Reply(text="Returning the items.", tool_calls=[call(update)]),
                    Reply(text="Done."))
    flags = ["-c", "model_provider=aiprov", "-c", 'model_providers.aiprov.name="aiprov"',
             "-c", f'model_providers.aiprov.base_url="{stack.url}/v1"',
             "-c", 'model_providers.aiprov.wire_api="responses"',
             "-c", 'model_providers.aiprov.env_key="OPENAI_API_KEY"']
    proc = subprocess.run(
        [str(node_bin / "codex"), "exec", "--skip-git-repo-check", "-s", "workspace-write",
         *flags, "write fetch_with_retry in net.py, return the items"],
        cwd=work, capture_output=True, text=True, timeout=240,
        env=client_env(tmp_path, OPENAI_API_KEY="sk-test-codex"))
    assert proc.returncode == 0, (proc.stdout[-3000:], proc.stderr[-3000:])
    expected = WRITTEN.replace(OLD, NEW)
    assert (work / "net.py").read_text() == expected, proc.stderr[-3000:]
    stack.flush()
    (work / "net.py").write_text(expected.replace("    backoff = 2\n", "    backoff = 3\n"))
    hook_env = {"AIPROV_DB": stack.db_url, "AIPROV_HOOK_SYNC": "1",
                "AIPROV_PORT": stack.url.rsplit(":", 1)[1]}
    _git(work, "add", "net.py", env=hook_env)
    _git(work, "commit", "-qm", "fetch with retry", env=hook_env)
    os.environ.update(hook_env)
    rows = {r["text"]: r["origin"] for r in blame_file(work, "net.py")}
    assert rows["    backoff = 3"] == "ai-edited"
    assert rows["            data = response.json()"] == "ai"
    assert rows['            return data.get("items", [])'] == "ai"
    for line in ("def fetch_with_retry(session, url, attempts=5):", "    timeout = 30",
                 "            response.raise_for_status()",
                 "    raise RuntimeError(url) from last_error"):
        assert rows[line] == "ai", line
    assert "Assisted-by: codex" in _git(work, "log", "-1", "--format=%B")


def test_aider_search_replace_then_a_hand_edit(stack, aider_bin, tmp_path, isolated_env):
    """aider applies a SEARCH/REPLACE block (no auto-commit); the developer changes one
    line by hand and commits: the hooks attribute it line by line."""
    from provenance.blame import blame_file

    work = tmp_path / "work"
    work.mkdir()
    _git(work, "init", "-q")
    (work / "net.py").write_text("")
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "empty")
    install(Repo(work))  # aiprov's hooks, as `aiprov setup` installs them
    block = f"net.py\n```python\n<<<<<<< SEARCH\n=======\n{WRITTEN}>>>>>>> REPLACE\n```\n"
    stack.fake.push(Reply(text=block))
    hook_env = {"AIPROV_DB": stack.db_url, "AIPROV_HOOK_SYNC": "1",
                "AIPROV_PORT": stack.url.rsplit(":", 1)[1]}
    proc = subprocess.run(
        [str(aider_bin), "--model", "openai/gpt-4o", "--edit-format", "diff",
         "--yes-always", "--no-check-update", "--no-analytics", "--no-show-model-warnings",
         "--no-pretty", "--no-auto-commits", "--message", "write fetch_with_retry", "net.py"],
        cwd=work, capture_output=True, text=True, timeout=240,
        env=client_env(tmp_path, OPENAI_API_BASE=f"{stack.url}/v1", OPENAI_API_KEY="sk-test-aider",
                 LITELLM_LOCAL_MODEL_COST_MAP="True", **hook_env))
    assert proc.returncode == 0, (proc.stdout[-3000:], proc.stderr[-3000:])
    assert (work / "net.py").read_text() == WRITTEN, proc.stdout[-3000:]
    stack.flush()
    (work / "net.py").write_text(WRITTEN.replace("attempts=5", "attempts=3"))
    _git(work, "add", "net.py", env=hook_env)
    _git(work, "commit", "-qm", "fetch with retry", env=hook_env)
    os.environ.update(hook_env)
    rows = {r["text"]: r["origin"] for r in blame_file(work, "net.py")}
    assert rows["def fetch_with_retry(session, url, attempts=3):"] == "ai-edited"
    for line in ("    timeout = 30", "    backoff = 2", "            return response.json()",
                 "            response.raise_for_status()",
                 "    raise RuntimeError(url) from last_error"):
        assert rows[line] == "ai", line
    assert "Assisted-by: aider:gpt-4o" in _git(work, "log", "-1", "--format=%B")
