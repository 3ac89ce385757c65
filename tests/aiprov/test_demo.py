"""`aiprov demo` runs the whole loop offline and shows each step's real output."""

from __future__ import annotations

import json
import re
import subprocess

from typer.testing import CliRunner

from aiprov.cli import app


def test_demo_runs_the_whole_loop(tmp_path, monkeypatch):
    # the demo runs in its own home: the caller's settings, even broken ones, do not apply
    monkeypatch.setenv("AIPROV_DB", "postgresql://u:pw@127.0.0.1:1/x")
    monkeypatch.setenv("AIPROV_PORT", "abc")
    result = CliRunner().invoke(app, ["demo", "--dir", str(tmp_path / "demo")])
    out = result.output
    assert result.exit_code == 0, (out[-4000:], result.exception)
    repo = tmp_path / "demo" / "repo"
    # the commit carries the trailers, parseable by git itself
    msg = subprocess.run(["git", "log", "-1", "--format=%B"], cwd=repo, capture_output=True,
                         text=True, check=True).stdout
    parsed = subprocess.run(["git", "interpret-trailers", "--parse"], input=msg,
                            capture_output=True, text=True, check=True).stdout
    assert "Assisted-by: openai-python:gpt-4o" in parsed
    assert "Assisted-by: anthropic-python:claude-sonnet-4-6" in parsed
    assert "AI-Lines: 39/43" in parsed
    # the note holds the line map
    note = json.loads(subprocess.run(["git", "notes", "--ref=aiprov", "show", "HEAD"], cwd=repo,
                                     capture_output=True, text=True, check=True).stdout)
    assert note["summary"]["ai"] == 39 and note["summary"]["human"] == 4
    # review found the injected weaknesses in AI-origin code, and the report counted them
    assert "CWE-78" in out and "CWE-916" in out and "in AI-origin code" in out
    from store import db
    from store.findings import open_findings

    with db.session(f"sqlite:///{tmp_path / 'demo' / 'aiprov-home' / 'aiprov.db'}") as s:
        stored = open_findings(s, str(repo))
    # stored by the hook: the six findings; the judgement hint is shown apart, never stored
    assert len(stored) == 6 and {f.origin for f in stored} == {"ai"}
    assert "py.web.handler-without-validation" not in {f.rule_id for f in stored}
    assert "1 hint(s) apart" in out
    assert re.search(r"TOTAL\s+3\s", out)  # three exchanges in the report
    import os

    assert os.environ["AIPROV_PORT"] == "abc"  # restored for the caller
