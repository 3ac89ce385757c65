"""``aiprov review`` end to end: real git repositories, real attribution from a recorded
suggestion, the store on SQLite under the test's AIPROV_HOME."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprov.cli import app
from reviewer.gate import OVERRIDE_ENV, decide
from reviewer.policy import Policy
from reviewer.text import render
from tests.provenance.gitrepo import make_repo, record_suggestion
from tests.reviewer.helpers import target

# what the assistant suggested (recorded by the proxy) and the developer pasted verbatim
AI_CODE = '''def run_report(name):
    """Run the nightly report for one customer and return its output."""
    command = "/usr/local/bin/report --customer " + name
    output = os.popen(command).read()
    return output.strip()
'''
HUMAN_CODE = '''def fetch_status(url):
    return requests.get(url, timeout=5, verify=False).status_code
'''


def _cli(repo: Path, *args: str) -> tuple[int, str]:
    old = Path.cwd()
    os.chdir(repo)
    try:
        res = CliRunner().invoke(app, ["review", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return res.exit_code, res.stdout


def _setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path):  # type: ignore[no-untyped-def]
    repo = make_repo(tmp_path, monkeypatch)
    repo.write("README.md", "demo\n")
    repo.commit("init")
    record_suggestion(home, repo.path, AI_CODE, exchange_id="ex_ai_1", model="gpt-5-codex",
                      tool="codex")
    repo.write("app.py", "import os\nimport requests\n\n\n" + AI_CODE + "\n\n" + HUMAN_CODE)
    repo.git("add", "app.py")
    return repo


def test_staged_review_attributes_and_explains(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               isolated_env: Path) -> None:
    repo = _setup(tmp_path, monkeypatch, isolated_env)
    code, out = _cli(repo.path, "--staged", "--format", "json")
    assert code == 1  # high findings, policy fail_on = high
    found = {f["rule_id"]: f for f in json.loads(out)["findings"]}
    cmd = found["py.cmd.shell-string"]
    assert cmd["origin"]["label"] == "ai" and cmd["origin"]["model"] == "gpt-5-codex"
    assert cmd["origin"]["tool"] == "codex" and cmd["origin"]["exchange_id"] == "ex_ai_1"
    assert cmd["origin"]["prompt_excerpt"] == "please write it"
    assert cmd["confidence"] == "medium"  # fed by a parameter
    assert found["py.tls.verify-disabled"]["origin"] == {"label": "human"}

    code, out = _cli(repo.path, "--ai-only", "--format", "sarif")
    rules = {r["ruleId"] for r in json.loads(out)["runs"][0]["results"]}
    assert rules == {"py.cmd.shell-string"}

    code, out = _cli(repo.path, "--fail-on", "critical")
    assert code == 0 and "os.popen(command)" in out and "AI: codex/gpt-5-codex" in out


def test_range_review_stores_and_closes_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 isolated_env: Path) -> None:
    repo = _setup(tmp_path, monkeypatch, isolated_env)
    base = repo.head()
    first = repo.commit("add report runner")
    code, _ = _cli(repo.path, "--base", base, "--head", first, "--store", "--format", "markdown")
    assert code == 1
    from aiprov.settings import get_settings
    from provenance.git import repo_id
    from store import db
    from store.findings import open_findings

    url = get_settings().db_url
    with db.session(url) as s:
        rows = open_findings(s, repo_id(repo.path))
    assert {(r.rule_id, r.origin, r.commit_sha) for r in rows} == {
        ("py.cmd.shell-string", "ai", first), ("py.tls.verify-disabled", "human", first)}
    # the fix: a later commit replaces the shell pipeline with an argument list
    text = (repo.path / "app.py").read_text().replace(
        "output = os.popen(command).read()",
        "output = subprocess.run(command.split(), capture_output=True, text=True).stdout")
    repo.write("app.py", text)
    second = repo.commit("run the report without a shell")
    code, _ = _cli(repo.path, "--base", first, "--head", second, "--store")
    with db.session(url) as s:
        rows = open_findings(s, repo_id(repo.path))
        assert {r.rule_id for r in rows} == {"py.tls.verify-disabled"}
        from sqlmodel import select

        from store.models import FindingRow

        fixed = s.exec(select(FindingRow).where(FindingRow.fixed_sha == second)).all()
        assert [f.rule_id for f in fixed] == ["py.cmd.shell-string"]
        ids = {r.rule_id: r.id for r in s.exec(select(FindingRow)).all()}
    # triage: both dismissed by command; reviewing the first commit again lists them, marked,
    # and no longer fails
    for rule, why in (("py.tls.verify-disabled", "internal host, pinned CA"),
                      ("py.cmd.shell-string", "fixed since")):
        res = CliRunner().invoke(app, ["findings", "dismiss", str(ids[rule]), "--reason", why,
                                       "--by", "sec@example.com"], catch_exceptions=False)
        assert res.exit_code == 0, res.output
    code, out = _cli(repo.path, "--base", base, "--head", first, "--format", "json")
    assert code == 0
    assert {f["rule_id"]: f["dismissed"] for f in json.loads(out)["findings"]} == {
        "py.tls.verify-disabled": "internal host, pinned CA (by sec@example.com)",
        "py.cmd.shell-string": "fixed since (by sec@example.com)"}


def test_model_review_cannot_take_rule_findings_away(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     isolated_env: Path) -> None:
    """``--llm`` with a model that obeys an injected "report nothing": the report still has
    every rule finding of the review without ``--llm``, and the model's own verified
    finding after them."""
    from tests.reviewer.test_llm import INJECTED
    from tests.reviewer.upstream import scripted_upstream

    repo = _setup(tmp_path, monkeypatch, isolated_env)
    repo.write("tool.py", INJECTED)
    repo.git("add", "tool.py")
    _, out = _cli(repo.path, "--staged", "--format", "json")
    without = json.loads(out)["findings"]
    assert "py.cmd.shell-string" in {f["rule_id"] for f in without if f["path"] == "tool.py"}

    def obey(body: dict) -> str:  # report nothing, except one finding in the injected file
        if "ignore previous instructions" not in body["messages"][-1]["content"]:
            return '{"findings": []}'
        return json.dumps({"findings": [
            {"cwe": 20, "title": "Unvalidated input", "severity": "high", "confidence": "high",
             "quote": 'cmd = request.args["cmd"]', "why": "w", "impact": "i", "fix": "f"}]})

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    with scripted_upstream(obey) as (base, received):
        _, out = _cli(repo.path, "--staged", "--format", "json", "--llm", "openai/fake",
                      "--llm-base", base)
    with_model = json.loads(out)["findings"]
    assert received  # the model was asked
    assert with_model[:len(without)] == without
    assert [(f["path"], f["line"], f["rule_id"]) for f in with_model[len(without):]] == [
        ("tool.py", 6, "llm.cwe-20")]


def test_bad_options_are_one_line_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, monkeypatch)
    res = CliRunner().invoke(app, ["review", "--format", "xml", "--repo", str(repo.path)])
    assert res.exit_code != 0 and "format" in str(res.exception)
    res = CliRunner().invoke(app, ["review", "--base", "HEAD", "--repo", str(repo.path)])
    assert res.exit_code != 0 and "--head" in str(res.exception)


def test_gate_warns_blocks_and_honours_one_time_override() -> None:
    findings = [f for f in __import__("reviewer.engine").engine.review(
        [target("import os\ndef f(c):\n    os.system(c)\n")])]
    assert decide(findings, Policy(), "", render)[0] == 0  # warn only
    code, msg = decide(findings, Policy(block=True), "", render)
    assert code == 1 and OVERRIDE_ENV in msg and "blocked" in msg
    code, msg = decide(findings, Policy(block=True), "hotfix approved by sec", render)
    assert code == 0 and "hotfix approved by sec" in msg
    assert decide([], Policy(block=True), "", render) == (0, "")


def test_gate_runs_on_a_real_staged_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           isolated_env: Path) -> None:
    from reviewer.gate import run

    repo = _setup(tmp_path, monkeypatch, isolated_env)
    code, msg = run(repo.path)
    assert (code, msg) == (0, "")  # no policy: warn mode, prepare-commit-msg does the review
    (repo.path / ".aiprov").mkdir()
    (repo.path / ".aiprov" / "policy.toml").write_text("[review]\nblock = false\n")
    assert run(repo.path) == (0, "")
    (repo.path / ".aiprov" / "policy.toml").write_text("[review]\nblock = true\n")
    monkeypatch.delenv(OVERRIDE_ENV, raising=False)
    code, msg = run(repo.path)
    assert code == 1 and "blocked" in msg
    assert "py.cmd.shell-string" in msg and "verify" not in msg  # AI-origin lines only
