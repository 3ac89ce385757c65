"""Judgement hints are not findings: shown and counted apart in every output format, and
never failing a check (``--fail-on``, the policy's fail_on, the pre-commit gate in block
mode) nor kept with the findings of a commit."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from aiprov import cli
from reviewer.engine import review
from reviewer.gate import decide
from reviewer.markdown import render_markdown
from reviewer.model import failing, split_hints
from reviewer.policy import DEFAULT_POLICY
from reviewer.report import render_json
from reviewer.sarif import to_sarif
from reviewer.text import render
from tests.reviewer.helpers import target

# a handler that passes input on unchecked: only the judgement rule speaks
HANDLER = ("from flask import Flask, request\napp = Flask(__name__)\n\n"
           "@app.route('/hello')\ndef hello():\n    name = request.args.get('name')\n"
           "    return {'greeting': name}\n")
# plus a real finding
SHELL = "import os\n\ndef run(cmd):\n    os.system('ls ' + cmd)\n"
HINT_ID = "py.web.handler-without-validation"


def _found(code: str = HANDLER, *, ai: bool = True):  # type: ignore[no-untyped-def]
    return review([target(code, ai=ai)])


def test_the_handler_gives_a_hint_and_no_finding() -> None:
    real, hints = split_hints(_found())
    assert real == [] and [h.rule_id for h in hints] == [HINT_ID]
    assert hints[0].severity == "medium"  # would reach a medium fail_on if it counted
    assert failing(hints, "medium") == [] and failing(hints, "info") == []


def test_gate_never_blocks_on_a_hint() -> None:
    hints = _found()
    policy = replace(DEFAULT_POLICY, block=True, fail_on="medium")
    code, msg = decide(hints, policy, "", render)
    assert code == 0 and HINT_ID in msg
    shell = review([target(SHELL)])
    assert decide(shell + hints, policy, "", render)[0] == 1  # a real finding still blocks


def test_every_format_counts_hints_apart() -> None:
    found = _found() + review([target(SHELL, path="tool.py")])
    n_real = len(split_hints(found)[0])
    assert n_real >= 1
    text = render(found)
    assert f"{n_real} finding(s)" in text and "1 hint(s) apart" in text
    assert "HINT app.py:5" in text
    data = json.loads(render_json(found))
    assert data["summary"] == {"findings": n_real, "hints": 1, "ai_origin": n_real}
    assert [h["rule_id"] for h in data["hints"]] == [HINT_ID]
    assert HINT_ID not in {f["rule_id"] for f in data["findings"]}
    run = to_sarif(found)["runs"][0]
    assert run["properties"] == {"findings": n_real, "hints": 1}
    hint = [r for r in run["results"] if r["ruleId"] == HINT_ID][0]
    assert hint["kind"] == "review" and hint["level"] == "note"
    assert all(r["kind"] == "fail" for r in run["results"] if r["ruleId"] != HINT_ID)
    md = render_markdown(found)
    assert f"**{n_real} finding(s)**" in md and "**1 hint(s)**" in md and "💬 hint" in md


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "markdown"])
def test_cli_fail_on_ignores_hints(tmp_path: Path, fmt: str, isolated_env: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "app.py").write_text(HANDLER)
    argv = ["review", str(tmp_path), "--origin", "ai", "--fail-on", "info", "-f", fmt]
    assert cli.run(argv) == 0
    out = capsys.readouterr().out
    assert HINT_ID in out
    (tmp_path / "tool.py").write_text(SHELL)
    assert cli.run(argv) == 1  # the shell finding does fail


AI_HANDLER = '''@app.route("/greeting")
def greeting():
    """Greet the visitor by name, with the word for hello from the query string."""
    name = request.args.get("name", "friend")
    lang = request.args.get("lang", "en")
    words = {"en": "Hello", "fr": "Bonjour", "de": "Hallo"}
    return {"greeting": words.get(lang, "Hello") + ", " + name}
'''


def test_hints_are_not_stored_with_a_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            isolated_env: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from aiprov.settings import get_settings
    from provenance.git import repo_id
    from store import db
    from store.findings import open_findings
    from tests.provenance.gitrepo import make_repo, record_suggestion

    repo = make_repo(tmp_path, monkeypatch)
    repo.write("README.md", "demo\n")
    base = repo.commit("init")
    record_suggestion(isolated_env, repo.path, AI_HANDLER, exchange_id="ex_h", model="m1")
    repo.write("app.py", "from flask import Flask, request\napp = Flask(__name__)\n\n\n"
               + AI_HANDLER)
    head = repo.commit("greeting")
    monkeypatch.chdir(repo.path)
    assert cli.run(["review", "--base", base, "--head", head, "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [h["rule_id"] for h in data["hints"]] == [HINT_ID]  # shown (AI origin) ...
    assert cli.run(["review", "--base", base, "--head", head, "--store"]) == 0
    with db.session(get_settings().db_url) as s:
        rows = open_findings(s, repo_id(repo.path))
    assert HINT_ID not in {r.rule_id for r in rows}  # ... but never kept as a finding
