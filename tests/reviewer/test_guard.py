"""``aiprov guard claude-code`` fed Claude Code's real PostToolUse payloads (Write, Edit,
MultiEdit): insecure writes are blocked with exit 2 and the reason on stderr (what Claude
Code puts in front of the model), safe writes pass silently with exit 0, and a guard failure
exits 1 with one warning line (Claude Code shows it and lets the write through)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aiprov.commands.guard import check

ROOT = Path(__file__).resolve().parents[2]

PY_BAD = '''import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host")
    return subprocess.check_output("ping -c 1 " + host, shell=True)
'''
PY_SAFE = '''import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host")
    return subprocess.check_output(["ping", "-c", "1", "--", host])
'''
JS_BAD = '''const express = require("express");
const { exec } = require("child_process");
const app = express();

app.get("/files", (req, res) => {
  exec("ls -l " + req.query.dir, (err, out) => res.send(out));
});
'''
JS_SAFE = '''const express = require("express");
const { execFile } = require("child_process");
const app = express();

app.get("/files", (req, res) => {
  execFile("ls", ["-l", "--", String(req.query.dir)], (err, out) => res.send(out));
});
'''
GO_BAD = '''package main

import (
\t"database/sql"
\t"net/http"
)

func find(db *sql.DB, w http.ResponseWriter, r *http.Request) {
\tname := r.URL.Query().Get("name")
\trows, _ := db.Query("SELECT id FROM users WHERE name = '" + name + "'")
\tdefer rows.Close()
}
'''
GO_SAFE = '''package main

import (
\t"database/sql"
\t"net/http"
)

func find(db *sql.DB, w http.ResponseWriter, r *http.Request) {
\tname := r.URL.Query().Get("name")
\trows, _ := db.Query("SELECT id FROM users WHERE name = $1", name)
\tdefer rows.Close()
}
'''


def payload(cwd: Path, tool: str, tool_input: dict) -> str:
    """A PostToolUse payload as Claude Code 2.1 sends it."""
    return json.dumps({
        "session_id": "0c1a8b7e-5d7e-4b7f-9a51-3f2b1c0d9e8f",
        "transcript_path": str(cwd / ".claude-transcript.jsonl"),
        "cwd": str(cwd), "permission_mode": "acceptEdits",
        "hook_event_name": "PostToolUse", "tool_name": tool, "tool_input": tool_input,
        "tool_response": {"filePath": tool_input.get("file_path"), "success": True},
    })


def run_guard(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "aiprov.cli", "guard", "claude-code", *args],
                          input=stdin, capture_output=True, text=True, env=env, timeout=120)


def write(tmp_path: Path, name: str, text: str) -> str:
    """What Claude Code does before the hook runs: the file is on disk."""
    (tmp_path / name).write_text(text)
    return payload(tmp_path, "Write", {"file_path": str(tmp_path / name), "content": text})


@pytest.mark.parametrize(("name", "bad", "safe", "cwe"), [
    ("app.py", PY_BAD, PY_SAFE, "CWE-78"),
    ("server.js", JS_BAD, JS_SAFE, "CWE-78"),
    ("find.go", GO_BAD, GO_SAFE, "CWE-89"),
])
def test_write_blocks_insecure_code_and_passes_its_safe_twin(tmp_path, name, bad, safe, cwe):
    r = run_guard(write(tmp_path, name, bad))
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert cwe in r.stderr and f"{name}:" in r.stderr
    assert "fix:" in r.stderr and "why:" in r.stderr and r.stdout == ""
    r = run_guard(write(tmp_path, name, safe))
    assert (r.returncode, r.stderr, r.stdout) == (0, "", "")


def test_edit_reviews_the_edited_region_with_its_file_as_context(tmp_path):
    path = tmp_path / "app.py"
    path.write_text(PY_BAD)  # the file after the edit: the edit introduced the shell call
    old = 'return subprocess.check_output(["ping", "-c", "1", "--", host])'
    new = 'return subprocess.check_output("ping -c 1 " + host, shell=True)'
    reason = check(payload(tmp_path, "Edit", {"file_path": str(path), "old_string": old,
                                              "new_string": new}), "claude-code")
    assert reason and "app.py:10" in reason and "CWE-78" in reason
    # an edit elsewhere in the same file does not answer for the old line
    path.write_text(PY_BAD + "\n\ndef version():\n    return '1.0'\n")
    reason = check(payload(tmp_path, "Edit", {
        "file_path": str(path), "old_string": "return '0.9'", "new_string": "return '1.0'"}),
        "claude-code")
    assert reason is None


def test_multiedit_blocks_when_any_edit_is_insecure(tmp_path):
    path = tmp_path / "server.js"
    path.write_text(JS_BAD)
    edits = [{"old_string": "const app = express();", "new_string": "const app = express();"},
             {"old_string": "execFile(...)", "new_string":
              '  exec("ls -l " + req.query.dir, (err, out) => res.send(out));'}]
    reason = check(payload(tmp_path, "MultiEdit", {"file_path": str(path), "edits": edits}),
                   "claude-code")
    assert reason and "server.js:6" in reason and "CWE-78" in reason


def test_the_policy_threshold_decides_what_blocks(tmp_path):
    weak = ('import random\n\n\ndef new_session_token():\n    token = "".join('
            'random.choice("abcdef0123456789") for _ in range(32))\n    return token\n')
    stdin = write(tmp_path, "token.py", weak)
    r = run_guard(stdin)
    assert (r.returncode, r.stderr) == (0, "")  # CWE-338 is medium: below the default (high)
    r = run_guard(stdin, "--fail-on", "medium")
    assert r.returncode == 2 and "CWE-338" in r.stderr and "token.py:5" in r.stderr, r.stderr
    (tmp_path / ".git").mkdir()
    (tmp_path / ".aiprov").mkdir()
    (tmp_path / ".aiprov" / "policy.toml").write_text('[review]\nfail_on = "medium"\n')
    assert run_guard(stdin).returncode == 2  # the repository's policy


def test_other_tools_and_deletions_pass(tmp_path):
    assert check(payload(tmp_path, "Bash", {"command": "ls"}), "claude-code") is None
    path = tmp_path / "a.py"
    path.write_text("x = 1\n")
    assert check(payload(tmp_path, "Edit", {"file_path": str(path), "old_string": "y = 2\n",
                                            "new_string": ""}), "claude-code") is None


@pytest.mark.parametrize("stdin", ["not json", "[]", json.dumps({
    "hook_event_name": "PostToolUse", "tool_name": "Edit", "tool_input": {"old_string": "a"}})])
def test_a_guard_failure_warns_and_lets_the_write_through(stdin):
    r = run_guard(stdin)
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert r.stderr.startswith("aiprov guard: could not review this write")
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_setup_prints_the_hook_claude_code_runs():
    """The settings `aiprov setup claude-code` prints are Claude Code's hook schema and run
    exactly this command."""
    from aiprov.commands.setup import guard_hook

    hook = json.loads(guard_hook("claude-code"))["hooks"]["PostToolUse"][0]
    assert set(hook["matcher"].split("|")) == {"Write", "Edit", "MultiEdit"}
    [cmd] = hook["hooks"]
    assert cmd["type"] == "command" and cmd["command"].split()[1:] == ["guard", "claude-code"]


# --- the other agents ------------------------------------------------------------------------
# Payloads in each agent's own shape: Codex 0.169 and Gemini CLI 0.61 as captured here from the
# real clients (tests/clients/test_guard_clients.py runs them); Cline and Cursor as their hook
# references document them (docs.cline.bot hook reference; Cursor hooks afterFileEdit).

def codex_payload(cwd: Path, patch: str) -> str:
    """Codex CLI 0.169's PostToolUse payload for its freeform apply_patch tool."""
    return json.dumps({
        "session_id": "01a24b99-c44e-7ac0-b42e-0b3a5c79cdf3",
        "turn_id": "01a24b99-c469-7fe1-a81f-e22c4f9b2c0a",
        "transcript_path": str(cwd / ".codex-rollout.jsonl"), "cwd": str(cwd),
        "hook_event_name": "PostToolUse", "model": "gpt-5.5",
        "permission_mode": "bypassPermissions", "tool_name": "apply_patch",
        "tool_input": {"command": patch},
        "tool_response": "Exit code: 0\nWall time: 0.1 seconds\nOutput:\nSuccess.\n",
        "tool_use_id": "call_fake000001_0"})


def gemini_payload(cwd: Path, tool: str, tool_input: dict) -> str:
    """Gemini CLI 0.61's AfterTool payload (write_file / replace)."""
    return json.dumps({
        "session_id": "1b79c088-84a7-405e-92ca-acccc7381b98",
        "transcript_path": str(cwd / ".gemini-session.jsonl"), "cwd": str(cwd),
        "hook_event_name": "AfterTool", "timestamp": "2026-12-06T13:45:29.244Z",
        "tool_name": tool, "tool_input": tool_input,
        "tool_response": {"llmContent": "Successfully wrote the file.",
                          "returnDisplay": {"fileName": Path(tool_input["file_path"]).name}}})


def cline_payload(root: Path, tool: str, parameters: dict) -> str:
    """Cline's PostToolUse hook input (paths relative to the workspace root)."""
    return json.dumps({
        "clineVersion": "3.40.0", "hookName": "PostToolUse", "timestamp": "1796564729220",
        "taskId": "1796564700000", "workspaceRoots": [str(root)], "userId": "u-1",
        "postToolUse": {"toolName": tool, "parameters": parameters,
                        "result": "The content was successfully saved.", "success": True,
                        "executionTimeMs": 12}})


def cursor_payload(root: Path, path: Path, edits: list[dict]) -> str:
    """Cursor's afterFileEdit hook input."""
    return json.dumps({
        "conversation_id": "conv-123", "generation_id": "gen-456",
        "hook_event_name": "afterFileEdit", "workspace_roots": [str(root)],
        "model": "claude-4.5-sonnet", "cursor_version": "2.0.77",
        "file_path": str(path), "edits": edits})


def add_file_patch(name: str, text: str) -> str:
    return ("*** Begin Patch\n*** Add File: " + name + "\n"
            + "".join(f"+{line}\n" for line in text.splitlines()) + "*** End Patch\n")


def new_file(agent: str, root: Path, name: str, text: str) -> str:
    """The payload each agent sends after creating ``name`` with ``text`` (it is on disk)."""
    (root / name).write_text(text)
    if agent == "codex":
        return codex_payload(root, add_file_patch(name, text))
    if agent == "gemini-cli":
        return gemini_payload(root, "write_file", {"file_path": str(root / name),
                                                   "content": text})
    if agent == "cline":
        return cline_payload(root, "write_to_file", {"path": name, "content": text})
    return cursor_payload(root, root / name, [{"old_string": "", "new_string": text}])


def what_the_model_reads(agent: str, out) -> str | None:
    """The block as each agent hands it to its model (None: the write stands silently)."""
    if agent == "codex":
        if not out.stdout:
            return None
        data = json.loads(out.stdout)
        assert data["decision"] == "block"
        return data["reason"]
    if agent == "gemini-cli":
        if not out.stdout:
            return None
        data = json.loads(out.stdout)
        assert data["decision"] == "deny"
        return data["reason"]
    if agent == "cline":
        data = json.loads(out.stdout)
        assert data["cancel"] is False  # a finding never cancels the task
        return data.get("contextModification")
    raise AssertionError(agent)


AGENTS_BLOCKING = ["codex", "gemini-cli", "cline"]
LANGS = [("app.py", PY_BAD, PY_SAFE, "CWE-78"), ("server.js", JS_BAD, JS_SAFE, "CWE-78"),
         ("find.go", GO_BAD, GO_SAFE, "CWE-89")]


@pytest.mark.parametrize("agent", AGENTS_BLOCKING)
@pytest.mark.parametrize(("name", "bad", "safe", "cwe"), LANGS)
def test_each_agent_hands_the_finding_to_its_model_and_passes_the_safe_twin(
        tmp_path, agent, name, bad, safe, cwe):
    from aiprov.commands.guard import respond

    out = respond(new_file(agent, tmp_path, name, bad), agent)
    assert out.exit_code == 0 and out.stderr == ""
    reason = what_the_model_reads(agent, out)
    assert reason and cwe in reason and f"{name}:" in reason
    assert "fix:" in reason and "why:" in reason
    assert f"reviewed as {agent}-written code" in reason
    out = respond(new_file(agent, tmp_path, name, safe), agent)
    assert out.exit_code == 0 and out.stderr == ""
    assert what_the_model_reads(agent, out) is None
    assert out.stdout == ('{"cancel": false}' if agent == "cline" else "")


@pytest.mark.parametrize(("name", "bad", "safe", "cwe"), LANGS)
def test_cursor_cannot_block_so_it_reports_on_its_hook_output_and_answers_empty(
        tmp_path, name, bad, safe, cwe):
    from aiprov.commands.guard import respond

    out = respond(new_file("cursor", tmp_path, name, bad), "cursor")
    assert (out.exit_code, out.stdout) == (0, "{}")
    assert cwe in out.stderr and f"{name}:" in out.stderr
    out = respond(new_file("cursor", tmp_path, name, safe), "cursor")
    assert (out.exit_code, out.stdout, out.stderr) == (0, "{}", "")


def test_codex_patch_reviews_its_added_lines_with_the_file_as_context(tmp_path):
    """An Update hunk whose added line sits between context lines; the line it adds is the
    one blocked, and an older insecure line elsewhere is not the agent's write."""
    from aiprov.commands.guard import check

    old = PY_SAFE.replace("return subprocess.check_output([", "out = subprocess.check_output([")
    before = old + "    return out\n"
    after = before.replace('    host = request.args.get("host")\n',
                           '    host = request.args.get("host")\n'
                           '    subprocess.call("ping " + host, shell=True)\n').replace(
        "    return out\n", "    app.logger.info(host)\n    return out\n")
    (tmp_path / "app.py").write_text(after)
    # two added lines with a context line between them: not one block of the file
    patch = ("*** Begin Patch\n*** Update File: app.py\n@@ def ping():\n"
             '     host = request.args.get("host")\n'
             '+    subprocess.call("ping " + host, shell=True)\n'
             "     out = subprocess.check_output([\"ping\", \"-c\", \"1\", \"--\", host])\n"
             "+    app.logger.info(host)\n"
             "     return out\n"
             "*** End Patch\n")
    reason = check(codex_payload(tmp_path, patch), "codex")
    assert reason and "app.py:10 CWE-78" in reason
    # an edit to another line of a file that already holds the insecure line passes
    (tmp_path / "app.py").write_text(after.replace("    return out\n", "    return out or b''\n"))
    patch = ("*** Begin Patch\n*** Update File: app.py\n@@\n-    return out\n"
             "+    return out or b''\n*** End Patch\n")
    assert check(codex_payload(tmp_path, patch), "codex") is None


def test_codex_patch_over_several_files_names_the_insecure_one(tmp_path):
    from aiprov.commands.guard import check

    (tmp_path / "safe.go").write_text(GO_SAFE)
    (tmp_path / "find.go").write_text(GO_BAD)
    patch = add_file_patch("safe.go", GO_SAFE) + add_file_patch("find.go", GO_BAD)
    reason = check(codex_payload(tmp_path, patch), "codex")
    assert reason and "find.go:10 CWE-89" in reason and "safe.go" not in reason
    deletion = "*** Begin Patch\n*** Delete File: find.go\n*** End Patch\n"
    assert check(codex_payload(tmp_path, deletion), "codex") is None


def test_gemini_replace_and_cline_search_replace_review_the_replaced_region(tmp_path):
    from aiprov.commands.guard import check

    path = tmp_path / "server.js"
    path.write_text(JS_BAD)
    line = '  exec("ls -l " + req.query.dir, (err, out) => res.send(out));\n'
    reason = check(gemini_payload(tmp_path, "replace", {
        "file_path": str(path), "old_string": "  res.send('todo');\n", "new_string": line,
        "instruction": "list the directory"}), "gemini-cli")
    assert reason and "server.js:6 CWE-78" in reason
    diff = ("------- SEARCH\n  res.send('todo');\n=======\n" + line + "+++++++ REPLACE\n")
    reason = check(cline_payload(tmp_path, "replace_in_file",
                                 {"path": "server.js", "diff": diff}), "cline")
    assert reason and "server.js:6 CWE-78" in reason
    # replacing another line of the same file: the old exec call is not this write's
    path.write_text(JS_BAD.replace("const app = express();", "const app = express(); // v2"))
    assert check(gemini_payload(tmp_path, "replace", {
        "file_path": str(path), "old_string": "const app = express();",
        "new_string": "const app = express(); // v2"}), "gemini-cli") is None


@pytest.mark.parametrize(("agent", "stdin"), [
    ("codex", codex_payload(Path("/nowhere"), "*** Begin Patch\n*** Update File: x.py\n@@\n"
                                               "+import os\n*** End Patch\n")),
    ("codex", json.dumps({"tool_name": "apply_patch", "tool_input": "not an object"})),
    ("gemini-cli", "{not json"),
    ("cline", json.dumps({"hookName": "PostToolUse", "postToolUse": "garbage"})),
    ("cursor", json.dumps({"hook_event_name": "afterFileEdit", "file_path": "/nowhere/x.py",
                           "edits": [{"old_string": "a", "new_string": "b = 1"}]})),
    ("vim", "{}"),
])
def test_every_agent_fails_open_on_garbage(agent, stdin):
    """One warning line and the exit that lets the write through for that agent: Codex and
    Gemini CLI warn on exit 1; Cline treats a non-zero exit without JSON as a hook error and
    Cursor wants JSON, so both get their pass answer with exit 0."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "aiprov.cli", "guard", agent], input=stdin,
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.stderr.startswith("aiprov guard: could not review this write"), r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    expected = {"cline": (0, '{"cancel": false}\n'), "cursor": (0, "{}\n")}
    assert (r.returncode, r.stdout) == expected.get(agent, (1, ""))


@pytest.mark.parametrize("agent", ["codex", "gemini-cli"])
def test_the_command_prints_the_block_json_on_stdout(tmp_path, agent):
    r = subprocess.run([sys.executable, "-m", "aiprov.cli", "guard", agent],
                       input=new_file(agent, tmp_path, "app.py", PY_BAD), capture_output=True,
                       text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert r.returncode == 0 and r.stderr == ""
    data = json.loads(r.stdout)
    assert data["decision"] == ("block" if agent == "codex" else "deny")
    assert "app.py:10 CWE-78" in data["reason"]


def test_other_tools_of_other_agents_pass(tmp_path):
    from aiprov.commands.guard import check

    assert check(json.dumps({"hook_event_name": "PostToolUse", "tool_name": "Bash", "cwd": "/",
                             "tool_input": {"command": "ls"}}), "codex") is None
    assert check(gemini_payload(tmp_path, "read_file", {"file_path": "/etc/hosts"}),
                 "gemini-cli") is None
    assert check(cline_payload(tmp_path, "read_file", {"path": "a.py"}), "cline") is None
    assert check(json.dumps({"hook_event_name": "beforeShellExecution", "command": "ls"}),
                 "cursor") is None


# --- the ids of a write ----------------------------------------------------------------------


def claude_payload_with_id(cwd: Path, name: str, text: str, tool_use_id: str) -> str:
    (cwd / name).write_text(text)
    data = json.loads(payload(cwd, "Write", {"file_path": str(cwd / name), "content": text}))
    return json.dumps({**data, "tool_use_id": tool_use_id})


@pytest.mark.parametrize(("agent", "want"), [
    # (session, the tool call's id, model) as each agent's payload names them
    ("claude-code", ("0c1a8b7e-5d7e-4b7f-9a51-3f2b1c0d9e8f", "toolu_01ABC", None)),
    ("codex", ("01a24b99-c44e-7ac0-b42e-0b3a5c79cdf3", "call_fake000001_0", "gpt-5.5")),
    ("gemini-cli", ("1b79c088-84a7-405e-92ca-acccc7381b98", None, None)),
    ("cline", ("1796564700000", None, None)),
    # generation_id is the turn's, not the edit's
    ("cursor", ("conv-123", None, "claude-4.5-sonnet")),
])
def test_each_agent_hook_names_its_session_call_and_model(tmp_path, agent, want):
    from reviewer.guard import read_hook

    raw = (claude_payload_with_id(tmp_path, "a.py", "x = 1\n", "toolu_01ABC")
           if agent == "claude-code" else new_file(agent, tmp_path, "a.py", "x = 1\n"))
    call = read_hook(agent, json.loads(raw))
    assert call is not None
    assert (call.session_id, call.event_id, call.model) == want


def test_the_stored_write_is_keyed_by_the_call_id_where_the_agent_names_one(tmp_path):
    """Two edits of one file in one Cursor turn (one generation_id) are two records; one
    Claude Code call seen twice (a retried hook) is one record, even after the file changed
    again."""
    from provenance.agentwrite import exchange_id
    from reviewer.guardrun import check_write

    def ids(raw: str, agent: str) -> list[str]:
        return [exchange_id(r.write) for r in check_write(raw, agent).files]

    path = tmp_path / "a.py"
    path.write_text("x = 1\n")
    first = ids(cursor_payload(tmp_path, path, [{"old_string": "", "new_string": "x = 1\n"}]),
                "cursor")
    path.write_text("x = 1\ny = 2\n")
    second = ids(cursor_payload(tmp_path, path, [{"old_string": "x = 1\n",
                                                  "new_string": "x = 1\ny = 2\n"}]), "cursor")
    assert len(first) == len(second) == 1 and first != second
    call = claude_payload_with_id(tmp_path, "c.py", "a = 1\n", "toolu_01")
    before = ids(call, "claude-code")
    (tmp_path / "c.py").write_text("a = 1\nb = 2\n")
    assert len(before) == 1 and ids(call, "claude-code") == before


def test_a_patch_over_several_files_loads_its_repository_policy_once(tmp_path, monkeypatch):
    """Each written file is reviewed under its repository's policy, read once per repository
    in one run (a Codex patch can write many files)."""
    import reviewer.policy
    from reviewer.guardrun import check_write

    weak = ('import random\n\n\ndef new_session_token():\n    token = "".join('
            'random.choice("abcdef0123456789") for _ in range(32))\n    return token\n')
    (tmp_path / ".git").mkdir()
    (tmp_path / ".aiprov").mkdir()
    (tmp_path / ".aiprov" / "policy.toml").write_text('[review]\nfail_on = "medium"\n')
    (tmp_path / "pkg").mkdir()
    names = ["a.py", "pkg/b.py", "pkg/c.py"]
    for name in names:
        (tmp_path / name).write_text(weak)
    loaded: list[Path] = []
    real = reviewer.policy.load_policy

    def counting(root: Path) -> reviewer.policy.Policy:
        loaded.append(root)
        return real(root)

    monkeypatch.setattr(reviewer.policy, "load_policy", counting)
    patch = "".join(add_file_patch(n, weak) for n in names)
    checked = check_write(codex_payload(tmp_path, patch), "codex")
    assert loaded == [tmp_path.resolve()]
    assert [r.rel for r in checked.files] == names
    # the repository's threshold (medium) applies to every file: CWE-338 is medium
    assert checked.reason and all(f"{n}:5 CWE-338" in checked.reason for n in names)
