"""Claude Code, Codex CLI, Gemini CLI, Continue's CLI and aider, configured as `aiprov setup`
says, work through the proxy exactly as they do without it, and their edits are recorded.

All of them run for real, offline, against the fake upstream on loopback (no recorded wire
fixture is needed for any of them).

Each assistant runs twice against the same scripted fake upstream: once pointed straight
at it, once through aiprov. The two runs must end the same way (exit code, files written,
final answer); the proxied run must leave a record with the tool, the tool call that
carried the edit, and snippets for provenance.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fakellm import FakeToolCall, Reply
from tests.utils.clients import client_env

# the first run installs the clients (npm, pip) inside session fixtures, which pytest-timeout
# counts against the test that first asks for them; every subprocess has its own timeout
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]

CODE = 'def greet(name):\n    return f"hello, {name}"\n'




def _workdir(tmp: Path) -> Path:
    work = tmp / "work"
    work.mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    return work


def _files(work: Path) -> dict[str, str]:
    return {str(p.relative_to(work)): p.read_text() for p in sorted(work.rglob("*"))
            if p.is_file() and not any(part.startswith((".git", ".aider"))
                                       for part in p.relative_to(work).parts)}


def _both(stack, tmp_path: Path, run: Callable[[str, Path], subprocess.CompletedProcess],
          replies: list[Reply]) -> tuple:
    outcomes = []
    for name, base in (("direct", stack.upstream_url), ("proxy", stack.url)):
        stack.fake.push(*replies)
        tmp = tmp_path / name
        work = _workdir(tmp)
        proc = run(base, work)
        assert proc.returncode == 0, (name, proc.stdout[-3000:], proc.stderr[-3000:])
        outcomes.append((proc, _files(work), work))
    return outcomes


def test_claude_code(stack, node_bin, tmp_path):
    # the Write call needs the run's own path, so script per run
    outcomes = []
    for name, base in (("direct", stack.upstream_url), ("proxy", stack.url)):
        work = _workdir(tmp_path / name)
        stack.fake.push(
            Reply(text="I'll create greet.py.", tool_calls=[FakeToolCall(
                "Write", json.dumps({"file_path": str(work / "greet.py"), "content": CODE}))]),
            Reply(text="Created greet.py."))
        proc = subprocess.run(
            [str(node_bin / "claude"), "-p", "create greet.py with a greet function",
             "--permission-mode", "acceptEdits", "--allowedTools", "Write"],
            cwd=work, capture_output=True, text=True, timeout=180,
            env=client_env(work.parent, ANTHROPIC_BASE_URL=base, ANTHROPIC_API_KEY="sk-ant-test-1",
                     CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1"))
        assert proc.returncode == 0, (name, proc.stdout[-3000:], proc.stderr[-3000:])
        outcomes.append((proc, _files(work), work))
    (direct, direct_files, _), (proxied, proxied_files, work) = outcomes
    assert direct_files == proxied_files == {"greet.py": CODE}
    assert direct.stdout.strip() == proxied.stdout.strip() == "Created greet.py."
    rows = [r for r in stack.rows() if r.api == "anthropic.messages"]
    assert len(rows) == 2  # the Write turn and the turn carrying its tool_result
    first, second = rows
    assert first.tool == "claude-code" and first.tool_version
    assert first.path == "/v1/messages?beta=true" and first.stream and first.complete
    assert first.session_id and first.session_id == second.session_id
    assert first.cwd == str(work)
    [call] = json.loads(first.tool_calls_json)
    assert call["name"] == "Write" and json.loads(call["arguments"])["content"] == CODE
    assert len(json.loads(first.request_json)["tools_offered"]) > 10
    assert second.response_text == "Created greet.py."


PATCH = ("*** Begin Patch\n*** Add File: greet.py\n"
         + "".join(f"+{line}\n" for line in CODE.splitlines()) + "*** End Patch\n")


@pytest.mark.parametrize("websocket", [False, True], ids=["https", "websocket"])
def test_codex(stack, node_bin, tmp_path, websocket):
    def run(base: str, work: Path) -> subprocess.CompletedProcess:
        flags = ["-c", "model_provider=aiprov", "-c", 'model_providers.aiprov.name="aiprov"',
                 "-c", f'model_providers.aiprov.base_url="{base}/v1"',
                 "-c", 'model_providers.aiprov.wire_api="responses"',
                 "-c", 'model_providers.aiprov.env_key="OPENAI_API_KEY"']
        if websocket:
            flags += ["-c", "model_providers.aiprov.supports_websockets=true"]
        return subprocess.run(
            [str(node_bin / "codex"), "exec", "--skip-git-repo-check", "-s", "workspace-write", *flags,
             "add greet.py"],
            cwd=work, capture_output=True, text=True, timeout=180,
            env=client_env(work.parent, OPENAI_API_KEY="sk-test-codex"))

    cmd = json.dumps({"cmd": f"apply_patch <<'EOF'\n{PATCH}EOF\n", "workdir": "."})
    replies = [Reply(text="Adding greet.py.", tool_calls=[FakeToolCall("exec_command", cmd)]),
               Reply(text="Added greet.py.")]
    (direct, direct_files, _), (proxied, proxied_files, _) = _both(stack, tmp_path, run,
                                                                  replies)
    assert direct_files == proxied_files, (direct.stderr[-2000:], proxied.stderr[-2000:])
    assert proxied_files.get("greet.py") == CODE, proxied.stderr[-3000:]
    assert "Added greet.py." in direct.stdout and "Added greet.py." in proxied.stdout
    rows = [r for r in stack.rows() if r.api == "openai.responses"]
    assert rows and all(r.tool == "codex" for r in rows)
    transports = {q.transport for q in stack.fake.requests if q.path.startswith("/v1/responses")}
    assert transports == ({"websocket"} if websocket else {"http"})
    calls = [c for r in rows for c in json.loads(r.tool_calls_json)]
    assert any(c["name"] == "exec_command" and "*** Begin Patch" in c["arguments"]
               for c in calls)


AIDER_CODE = (
    "import re\n\n\n"
    "def slugify(title, max_len=60):\n"
    "    \"\"\"A URL slug: lower case, ASCII words joined by dashes.\"\"\"\n"
    "    words = re.findall(r\"[a-z0-9]+\", title.lower())\n"
    "    slug = \"-\".join(words)\n"
    "    if len(slug) > max_len:\n"
    "        slug = slug[:max_len].rsplit(\"-\", 1)[0]\n"
    "    return slug or \"untitled\"\n"
)


def test_aider(stack, aider_bin, tmp_path):
    """aider streams the edit, applies it, asks a second model for the commit message and
    commits by itself: the hooks run inside its `git commit` and attribute the lines."""
    edit = f"slug.py\n```python\n{AIDER_CODE}```\n"
    # the hooks find the store, and the proxy whose recorder they wait for
    hook_env = {"AIPROV_HOME": str(tmp_path / "aiprov-home"), "AIPROV_DB": stack.db_url,
                "AIPROV_HOOK_SYNC": "1", "AIPROV_PORT": stack.url.rsplit(":", 1)[1]}

    def run(base: str, work: Path) -> subprocess.CompletedProcess:
        (work / "slug.py").write_text("")
        subprocess.run(["git", "add", "slug.py"], cwd=work, check=True)
        subprocess.run(["git", "commit", "-qm", "empty"], cwd=work, check=True)
        if base == stack.url:  # the proxied run has aiprov's hooks, as `aiprov setup` says
            from provenance.hookinstall import install_hooks

            install_hooks(work, python=sys.executable)
        return subprocess.run(
            [str(aider_bin), "--model", "openai/gpt-4o", "--edit-format", "whole",
             "--yes-always", "--no-check-update", "--no-analytics", "--no-show-model-warnings",
             "--no-pretty", "--message", "write slugify()", "slug.py"],
            cwd=work, capture_output=True, text=True, timeout=240,
            env=client_env(work.parent, OPENAI_API_BASE=f"{base}/v1", OPENAI_API_KEY="sk-test-aider",
                     LITELLM_LOCAL_MODEL_COST_MAP="True", **hook_env))

    replies = [Reply(text=edit), Reply(text="feat: add slugify")]
    (_, direct_files, _), (_, proxied_files, work) = _both(stack, tmp_path, run, replies)
    assert direct_files == proxied_files and proxied_files["slug.py"] == AIDER_CODE
    msg = subprocess.run(["git", "log", "-1", "--format=%B"], cwd=work, capture_output=True,
                         text=True, check=True).stdout
    assert msg.startswith("feat: add slugify")  # aider committed by itself
    rows = [r for r in stack.rows() if r.api == "openai.chat"]
    edit_row = next(r for r in rows if AIDER_CODE in r.response_text)
    assert edit_row.stream and edit_row.tool == "aider"
    # the hook inside aider's commit found the suggestion: every line is AI origin
    assert "AI-Lines: 10/10" in msg, msg
    assert "Assisted-by: aider:gpt-4o" in msg


def _gemini_home(home: Path) -> None:
    """What `aiprov setup gemini-cli` prints for settings.json (API-key auth), plus the
    switches that keep a headless run off the network (usage statistics, update checks)."""
    (home / ".gemini").mkdir(parents=True, exist_ok=True)
    (home / ".gemini" / "settings.json").write_text(json.dumps({
        "security": {"auth": {"selectedType": "gemini-api-key"}},
        "privacy": {"usageStatisticsEnabled": False}, "telemetry": {"enabled": False},
        "general": {"disableAutoUpdate": True, "disableUpdateNag": True}}))


def test_gemini_cli(stack, node_bin, tmp_path):
    outcomes = []
    for name, base in (("direct", stack.upstream_url), ("proxy", stack.url)):
        work = _workdir(tmp_path / name)
        _gemini_home(work.parent / "home")
        stack.fake.push(
            Reply(text="I'll create greet.py.", tool_calls=[FakeToolCall(
                "write_file", json.dumps({"file_path": str(work / "greet.py"),
                                          "content": CODE}))]),
            Reply(text="Created greet.py."))
        # an explicit model: with "auto" Gemini CLI first asks a classifier model to route
        proc = subprocess.run(
            [str(node_bin / "gemini"), "-p", "create greet.py with a greet function", "--yolo",
             "-m", "gemini-2.5-pro"],
            cwd=work, capture_output=True, text=True, timeout=180,
            env=client_env(work.parent, GOOGLE_GEMINI_BASE_URL=base, GEMINI_API_KEY="AIza-test-gem",
                     GEMINI_CLI_TRUST_WORKSPACE="true", NO_COLOR="1"))
        assert proc.returncode == 0, (name, proc.stdout[-3000:], proc.stderr[-3000:])
        outcomes.append((proc, _files(work), work))
    (direct, direct_files, _), (proxied, proxied_files, work) = outcomes
    assert direct_files == proxied_files == {"greet.py": CODE}
    assert direct.stdout.strip() == proxied.stdout.strip()
    assert "Created greet.py." in proxied.stdout
    rows = [r for r in stack.rows() if r.api == "gemini.generate"]
    assert len(rows) == 2  # the write_file turn and the turn carrying its functionResponse
    first, second = rows
    assert first.tool == "gemini-cli" and first.tool_version
    assert first.path == "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse"
    assert first.stream and first.complete and first.model_requested == "gemini-2.5-pro"
    assert first.cwd == str(work) and first.api_key_hash
    [call] = json.loads(first.tool_calls_json)
    assert call["name"] == "write_file" and json.loads(call["arguments"])["content"] == CODE
    assert "write_file" in json.loads(first.request_json)["tools_offered"]
    assert second.response_text == "Created greet.py."
    from sqlmodel import select

    from store import db
    from store.models import SnippetRow

    with db.session(stack.db_url) as s:
        [snip] = s.exec(select(SnippetRow).where(SnippetRow.exchange_id == first.id)).all()
    assert (snip.kind, snip.text) == ("write", CODE)


def test_continue_cli(stack, node_bin, tmp_path):
    """Continue's CLI (`cn`) with an OpenAI-provider model whose apiBase is aiprov, as
    `aiprov setup continue` prints it; its User-Agent is the SDK's, its prompt names it."""
    def run(base: str, work: Path) -> subprocess.CompletedProcess:
        config = work.parent / "config.yaml"
        config.write_text("name: aiprov-test\nversion: 0.0.1\nschema: v1\nmodels:\n"
                          "  - name: gpt\n    provider: openai\n    model: gpt-4o\n"
                          f"    apiBase: {base}/v1/\n    apiKey: sk-test-continue\n"
                          "    roles: [chat, edit, apply]\n")
        return subprocess.run(
            [str(node_bin / "cn"), "-p", "create greet.py with a greet function",
             "--config", str(config), "--auto"],
            cwd=work, capture_output=True, text=True, timeout=180,
            env=client_env(work.parent, NO_COLOR="1"))

    outcomes = []
    for name, base in (("direct", stack.upstream_url), ("proxy", stack.url)):
        work = _workdir(tmp_path / name)
        stack.fake.push(
            Reply(text="I'll create greet.py.", tool_calls=[FakeToolCall(
                "Write", json.dumps({"filepath": str(work / "greet.py"), "content": CODE}))]),
            Reply(text="Created greet.py."))
        proc = run(base, work)
        assert proc.returncode == 0, (name, proc.stdout[-3000:], proc.stderr[-3000:])
        outcomes.append((proc, _files(work), work))
    (direct, direct_files, _), (proxied, proxied_files, work) = outcomes
    assert direct_files == proxied_files == {"greet.py": CODE}
    assert direct.stdout.strip() == proxied.stdout.strip() == "Created greet.py."
    rows = [r for r in stack.rows() if r.api == "openai.chat"]
    assert len(rows) == 2
    first, second = rows
    assert first.tool == second.tool == "continue-cli"  # not a generic "openai-js"
    assert first.cwd == str(work) and first.stream and first.complete
    [call] = json.loads(first.tool_calls_json)
    assert call["name"] == "Write" and json.loads(call["arguments"])["content"] == CODE
    assert {"Write", "Read", "Bash"} <= set(json.loads(first.request_json)["tools_offered"])
