"""``aiprov setup AGENT --install / --undo``: the guard hook goes into each agent's own settings,
merged with the user's hooks, once; undo takes out exactly that hook and leaves the rest."""

from __future__ import annotations

import json
import stat
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprov import agenthooks
from aiprov.cli import app
from aiprov.errors import ConfigError

runner = CliRunner()

# what users already have in those files (their own hooks must survive both ways)
USER_FILES = {
    "claude-code": {"model": "opus", "hooks": {
        "PostToolUse": [{"matcher": "Write", "hooks": [{"type": "command",
                                                        "command": "prettier --write"}]}],
        "Stop": [{"hooks": [{"type": "command", "command": "say done"}]}]}},
    "codex": {"hooks": {"PostToolUse": [{"matcher": "Bash", "hooks": [
        {"type": "command", "command": "~/bin/log-shell"}]}]}},
    "gemini-cli": {"security": {"auth": {"selectedType": "gemini-api-key"}},
                   "hooks": {"AfterTool": [{"matcher": "run_shell_command", "hooks": [
                       {"type": "command", "command": "./audit.sh", "timeout": 5000}]}]}},
    "cursor": {"version": 1, "hooks": {"afterFileEdit": [{"command": "./format.sh"}],
                                       "stop": [{"command": "./notify.sh"}]}},
}


def run(project: Path, home: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, ["setup", *args, "--project", str(project)],
                           env={"HOME": str(home), **(env or {})})
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("agent", sorted(USER_FILES))
def test_install_merges_once_and_undo_restores_the_users_file(tmp_path, agent):
    project, home = tmp_path / "project", tmp_path / "home"
    spec = agenthooks.SPECS[agent]
    path = project / spec.project_file
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(USER_FILES[agent], indent=2) + "\n")
    before = json.loads(path.read_text())

    assert f"installed: {path}" in run(project, home, agent, "--install")
    doc = json.loads(path.read_text())
    out = run(project, home, agent, "--install")
    assert f"already installed: {path}" in out
    assert json.loads(path.read_text()) == doc  # twice adds one hook
    entries = doc["hooks"][spec.event]
    ours = [e for e in entries if "aiprov guard" in json.dumps(e)]
    assert len(ours) == 1 and entries[-1] == ours[0]  # appended after the user's own
    assert entries[:-1] == before["hooks"].get(spec.event, [])
    assert {k: v for k, v in doc.items() if k != "hooks"} == {
        k: v for k, v in before.items() if k != "hooks"}
    handler = ours[0]["hooks"][0] if spec.matcher else ours[0]
    assert handler["command"] == f"aiprov guard {agent}"
    if spec.matcher:
        assert ours[0]["matcher"] == spec.matcher

    assert "removed the hook from" in run(project, home, agent, "--undo")
    assert json.loads(path.read_text()) == before
    assert "nothing to undo" in run(project, home, agent, "--undo")


@pytest.mark.parametrize("agent", ["claude-code", "codex", "gemini-cli", "cursor", "cline"])
def test_install_into_nothing_and_undo_leave_nothing(tmp_path, agent):
    project, home = tmp_path / "project", tmp_path / "home"
    project.mkdir()
    home.mkdir()
    run(project, home, agent, "--install")
    assert files(project)
    run(project, home, agent, "--undo")
    assert files(project) == {} and files(home) == {}
    assert not any(project.iterdir())  # the folders it made are gone too


def test_user_level_goes_to_the_home_directory(tmp_path):
    project, home = tmp_path / "project", tmp_path / "home"
    project.mkdir()
    run(project, home, "gemini-cli", "--install", "--user")
    doc = json.loads((home / ".gemini" / "settings.json").read_text())
    assert doc["hooks"]["AfterTool"][0]["hooks"][0]["command"] == "aiprov guard gemini-cli"
    assert files(project) == {}
    run(project, home, "gemini-cli", "--undo", "--user")
    assert files(home) == {}


def test_codex_install_trusts_the_hook_and_undo_removes_only_that_trust(tmp_path):
    """Codex runs a hooks.json handler only with its trusted_hash in the user's config.toml,
    keyed by the hooks.json path and the handler's position."""
    project, home = tmp_path / "project", tmp_path / "home"
    hooks_json = project / ".codex" / "hooks.json"
    hooks_json.parent.mkdir(parents=True)
    hooks_json.write_text(json.dumps(USER_FILES["codex"]))
    config = home / ".codex" / "config.toml"
    config.parent.mkdir(parents=True)
    mine = ('model = "gpt-5.5"\n\n[hooks.state."/elsewhere/hooks.json:pre_tool_use:0:0"]\n'
            'trusted_hash = "sha256:abc"\n')
    config.write_text(mine)

    run(project, home, "codex", "--install")
    run(project, home, "codex", "--install")
    state = tomllib.loads(config.read_text())["hooks"]["state"]
    key = f"{hooks_json.resolve()}:post_tool_use:1:0"  # after the user's Bash group
    assert set(state) == {"/elsewhere/hooks.json:pre_tool_use:0:0", key}
    assert state[key]["trusted_hash"] == agenthooks.codex_trust_hash(
        "post_tool_use", "apply_patch", "aiprov guard codex")
    assert config.read_text().count("aiprov guard hook trust for") == 2  # one block

    run(project, home, "codex", "--undo")
    assert config.read_text() == mine
    assert json.loads(hooks_json.read_text()) == USER_FILES["codex"]


def test_codex_home_from_the_environment(tmp_path):
    project, home, codex_home = tmp_path / "p", tmp_path / "h", tmp_path / "ch"
    project.mkdir()
    run(project, home, "codex", "--install", "--user", env={"CODEX_HOME": str(codex_home)})
    assert json.loads((codex_home / "hooks.json").read_text())["hooks"]["PostToolUse"]
    assert "hooks.json:post_tool_use:0:0" in (codex_home / "config.toml").read_text()
    run(project, home, "codex", "--undo", "--user", env={"CODEX_HOME": str(codex_home)})
    assert not codex_home.exists() or files(codex_home) == {}


def test_cline_script_is_executable_and_a_foreign_one_is_left_alone(tmp_path):
    project, home = tmp_path / "project", tmp_path / "home"
    project.mkdir()
    run(project, home, "cline", "--install")
    script = project / ".clinerules" / "hooks" / "PostToolUse"
    assert script.stat().st_mode & stat.S_IXUSR
    assert script.read_text().splitlines()[-1] == "exec aiprov guard cline"
    script.write_text("#!/bin/sh\n./my-own-hook\n")
    assert "left alone" in run(project, home, "cline", "--undo")
    assert script.read_text() == "#!/bin/sh\n./my-own-hook\n"
    result = runner.invoke(app, ["setup", "cline", "--install", "--project", str(project)],
                           env={"HOME": str(home)})
    assert isinstance(result.exception, ConfigError) and "is not aiprov's" in str(
        result.exception)
    assert script.read_text() == "#!/bin/sh\n./my-own-hook\n"


def test_a_settings_file_that_is_not_json_is_not_touched(tmp_path):
    project, home = tmp_path / "project", tmp_path / "home"
    path = project / ".claude" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text("{ // my comment\n}")
    result = runner.invoke(app, ["setup", "claude-code", "--install", "--project",
                                 str(project)], env={"HOME": str(home)})
    assert isinstance(result.exception, ConfigError) and "not plain JSON" in str(
        result.exception)
    assert path.read_text() == "{ // my comment\n}"


def test_tools_without_agent_hooks_say_so(tmp_path):
    for tool in ("aider", "continue"):
        result = runner.invoke(app, ["setup", tool, "--install", "--project", str(tmp_path)])
        assert isinstance(result.exception, ConfigError)
        assert "has no agent hook" in str(result.exception)
        assert tool != "continue" or "never fires them" in str(result.exception)


@pytest.mark.parametrize("agent", sorted(agenthooks.SPECS))
def test_the_printed_guide_shows_the_hook_install_writes(tmp_path, agent):
    """Plain `aiprov setup AGENT` prints the same hook, says how to install it and undo it."""
    result = runner.invoke(app, ["setup", agent])
    assert result.exit_code == 0, result.output
    prose = " ".join(result.output.split())
    assert f"aiprov setup {agent} --install" in prose
    assert f"aiprov setup {agent} --undo" in prose
    project, home = tmp_path / "p", tmp_path / "h"
    project.mkdir()
    run(project, home, agent, "--install")
    [written] = files(project).values()
    for line in written.strip().splitlines():
        assert line in result.output
