"""The real Codex CLI and Gemini CLI, with the hook `aiprov setup AGENT --install` writes, run
`aiprov guard` after a file write and hand its block reason to their model: the next request
they send to the (fake) upstream carries the reason as the tool's result. A safe write goes
through with the tool's own result. Offline, against the fake upstream on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aiprov import agenthooks
from tests.clients.test_real_clients import _gemini_home, _workdir
from tests.fakellm import FakeToolCall, Reply
from tests.reviewer.test_guard import PY_BAD, PY_SAFE, add_file_patch
from tests.utils.clients import client_env

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]
ROOT = Path(__file__).resolve().parents[2]


def _aiprov_on_path(tmp: Path) -> str:
    """A PATH whose `aiprov` runs this checkout (the hook command is `aiprov guard AGENT`)."""
    bin_dir = tmp / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    shim = bin_dir / "aiprov"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m aiprov.cli "$@"\n')
    shim.chmod(0o755)
    return f"{bin_dir}:{client_env(tmp)['PATH']}"


def _codex(node_bin: Path, base: str, work: Path,
           model: str = "gpt-5.5") -> subprocess.CompletedProcess[str]:
    # gpt-5.5: a model whose catalog entry has the freeform apply_patch tool; gpt-6.1-sol:
    # Codex's "code mode", where the model's one tool is a script calling tools.apply_patch
    flags = ["-c", "model_provider=p", "-c", 'model_providers.p.name="p"',
             "-c", f'model_providers.p.base_url="{base}/v1"',
             "-c", 'model_providers.p.wire_api="responses"',
             "-c", 'model_providers.p.env_key="OPENAI_API_KEY"', "-m", model]
    return subprocess.run(
        [str(node_bin / "codex"), "exec", "--skip-git-repo-check", "-s", "workspace-write",
         *flags, "write app.py"], cwd=work, capture_output=True, text=True, timeout=240,
        env=client_env(work.parent, OPENAI_API_KEY="sk-test-codex",
                       PATH=_aiprov_on_path(work.parent)))


def _tool_output(request_body: bytes, kind: str) -> str:
    items = json.loads(request_body)["input"]
    [out] = [i for i in items if i.get("type") == kind]
    return str(out["output"])


CASES = pytest.mark.parametrize(("code", "blocked", "broken"), [
    (PY_BAD, True, False), (PY_SAFE, False, False), (PY_BAD, False, True)],
    ids=["insecure", "safe", "guard-fails-open"])


def _break_the_guard(work: Path) -> None:
    """A policy the guard cannot read: it must warn and let the write through."""
    (work / ".aiprov").mkdir()
    (work / ".aiprov" / "policy.toml").write_text('[review]\nfail_on = "severe"\n')


@CASES
def test_codex_hands_the_guard_reason_to_its_model(fake, node_bin, tmp_path, monkeypatch,
                                                    code, blocked, broken):
    from tests.fakellm import serve

    monkeypatch.delenv("CODEX_HOME", raising=False)
    work = _workdir(tmp_path)
    if broken:
        _break_the_guard(work)
    home = tmp_path / "home"
    # as `aiprov setup codex --install --user` does it: hooks.json plus Codex's hook trust
    lines = agenthooks.install("codex", work, home, user=True)
    assert any("trusted the hook" in line for line in lines)
    with serve(fake.app) as upstream:
        fake.push(Reply(text="Writing app.py.", tool_calls=[
            FakeToolCall("apply_patch", add_file_patch("app.py", code), custom=True)]),
            Reply(text="Done."))
        proc = _codex(node_bin, upstream.base_url, work)
    assert proc.returncode == 0, (proc.stdout[-2000:], proc.stderr[-3000:])
    assert (work / "app.py").read_text() == code  # PostToolUse: the write happened
    follow = [q for q in fake.requests if q.path.startswith("/v1/responses")][1]
    output = _tool_output(follow.body, "custom_tool_call_output")
    if blocked:
        assert output.startswith("aiprov guard: the code just written has 1 security finding")
        assert "app.py:10 CWE-78" in output and "fix:" in output
        assert "PostToolUse Blocked" in proc.stderr
    else:
        assert "aiprov guard" not in output and "Success" in output
        assert "PostToolUse Blocked" not in proc.stderr
        # the guard's failure is a failed hook to Codex, which goes on with the tool's output
        assert ("PostToolUse Failed" if broken else "PostToolUse Completed") in proc.stderr


def test_codex_code_mode_script_error_carries_the_reason(fake, node_bin, tmp_path,
                                                        monkeypatch):
    """Codex's newest models write through a script (``tools.apply_patch(...)`` inside its
    ``exec`` tool); the nested apply_patch fires the same PostToolUse, and the block comes
    back to the model as the script's error."""
    from tests.fakellm import serve

    monkeypatch.delenv("CODEX_HOME", raising=False)
    work = _workdir(tmp_path)
    agenthooks.install("codex", work, tmp_path / "home", user=True)
    script = "await tools.apply_patch(" + json.dumps(add_file_patch("app.py", PY_BAD)) + ");"
    with serve(fake.app) as upstream:
        fake.push(Reply(text="Writing app.py.", tool_calls=[
            FakeToolCall("exec", script, custom=True)]), Reply(text="Done."))
        proc = _codex(node_bin, upstream.base_url, work, model="gpt-6.1-sol")
    assert proc.returncode == 0, (proc.stdout[-2000:], proc.stderr[-3000:])
    assert (work / "app.py").read_text() == PY_BAD
    follow = [q for q in fake.requests if q.path.startswith("/v1/responses")][1]
    items = json.loads(follow.body)["input"]
    [out] = [i for i in items if i.get("type") == "custom_tool_call_output"]
    text = "\n".join(part["text"] for part in out["output"])
    assert "Script error:\naiprov guard: the code just written has 1 security" in text
    assert "app.py:10 CWE-78" in text


@CASES
def test_gemini_cli_hands_the_guard_reason_to_its_model(fake, node_bin, tmp_path, code,
                                                         blocked, broken):
    from tests.fakellm import serve

    work = _workdir(tmp_path)
    if broken:
        _break_the_guard(work)
    _gemini_home(work.parent / "home")
    # as `aiprov setup gemini-cli --install` does it, in the project's .gemini/settings.json
    agenthooks.install("gemini-cli", work, work.parent / "home")
    with serve(fake.app) as upstream:
        fake.push(Reply(text="Writing app.py.", tool_calls=[FakeToolCall(
            "write_file", json.dumps({"file_path": str(work / "app.py"), "content": code}))]),
            Reply(text="Done."))
        proc = subprocess.run(
            [str(node_bin / "gemini"), "-p", "write app.py", "--yolo", "-m", "gemini-2.5-pro"],
            cwd=work, capture_output=True, text=True, timeout=240,
            env=client_env(work.parent, GOOGLE_GEMINI_BASE_URL=upstream.base_url,
                           GEMINI_API_KEY="AIza-test-gem", GEMINI_CLI_TRUST_WORKSPACE="true",
                           NO_COLOR="1", PATH=_aiprov_on_path(work.parent)))
    assert proc.returncode == 0, (proc.stdout[-2000:], proc.stderr[-3000:])
    assert (work / "app.py").read_text() == code
    follow = [q for q in fake.requests if "generatecontent" in q.path.lower()][1]
    [part] = json.loads(follow.body)["contents"][-1]["parts"]
    response = part["functionResponse"]["response"]
    if blocked:
        assert response["error"].startswith("aiprov guard: the code just written has 1")
        assert "app.py:10 CWE-78" in response["error"]
    else:
        assert "error" not in response and "Successfully" in response["output"]
    if broken:  # Gemini CLI shows the guard's one warning line to the user and goes on
        assert "Warning: aiprov guard: could not review this write (PolicyError" in proc.stderr
