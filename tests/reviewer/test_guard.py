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


def test_setup_prints_the_hook_claude_code_runs(tmp_path):
    """The settings `aiprov setup claude-code` prints are Claude Code's hook schema and run
    exactly this command."""
    from aiprov.commands.setup import GUARD_HOOK

    hook = json.loads(GUARD_HOOK)["hooks"]["PostToolUse"][0]
    assert set(hook["matcher"].split("|")) == {"Write", "Edit", "MultiEdit"}
    [cmd] = hook["hooks"]
    assert cmd["type"] == "command" and cmd["command"].split()[1:] == ["guard", "claude-code"]
