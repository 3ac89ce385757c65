from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprov.settings import get_settings
from provenance import git, pipeline
from tests.provenance.gitrepo import FIB, PARSE, install, make_repo, record_suggestion


def test_light_settings_agree_with_settings(isolated_env: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(
        '[aiprov]\ndeveloper = "file@example.com"\nattribution_window_days = 5\n'
        'db = "postgres://u@127.0.0.1/x"\n')
    monkeypatch.setenv("AIPROV_ATTRIBUTION_WINDOW_DAYS", "9")
    for _ in range(2):
        get_settings.cache_clear()
        full, light = get_settings(), pipeline.light_settings()
        assert (light.db_url, light.developer, light.attribution_window_days) == (
            full.db_url, full.developer, full.attribution_window_days)
        monkeypatch.setenv("AIPROV_DB", "sqlite:////tmp/elsewhere.db")


def test_staged_attribution_scope(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  isolated_env: Path) -> None:
    repo = make_repo(tmp_path, monkeypatch)
    repo.write("README.md", "x\n")
    repo.commit("init")
    record_suggestion(isolated_env, repo.path, FIB, exchange_id="ex_mine")
    record_suggestion(isolated_env, repo.path, PARSE, exchange_id="ex_other",
                      developer="someone@else.com")
    repo.write("code.py", FIB + "\n" + PARSE)
    repo.write("yarn.lock", "left-pad@1.3.0\n")
    repo.git("add", ".")
    settings = get_settings()
    full = pipeline.attribute_staged_full(repo.path, settings)
    by_line = {o.lineno: o for o in full.origins}
    assert all(by_line[i].origin == "ai" for i in range(1, 9))  # the developer's own
    assert all(by_line[i].origin == "human" for i in range(10, 20))  # someone else's
    assert full.skipped == {"yarn.lock": "lockfile"}
    assert full.trailers()[-1] == ("AI-Lines", "8/19")
    wide = pipeline.attribute_staged_full(
        repo.path, settings,
        scope=pipeline.default_scope(repo.path, settings, any_developer=True))
    assert wide.ai_lines == 18
    details = pipeline.origin_details(["ex_mine"], settings)
    assert details["ex_mine"]["tool"] == "claude-code"
    assert details["ex_mine"]["prompt"] == "please write it"
    assert pipeline.attribute_staged(repo.path, settings) == full.origins


def test_cli_attribute_backfill_blame_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             isolated_env: Path) -> None:
    from aiprov.cli import app

    monkeypatch.setenv("AIPROV_HOOK_SYNC", "1")
    repo = make_repo(tmp_path, monkeypatch)
    repo.write("README.md", "x\n")
    base = repo.commit("init")
    record_suggestion(isolated_env, repo.path, FIB)
    repo.write("fib.py", "import sys\n\n\n" + FIB)
    repo.commit("fib without hooks")
    repo.write("notes.txt", "hand written\n")
    head = repo.commit("notes")
    monkeypatch.chdir(repo.path)
    runner = CliRunner()
    out = runner.invoke(app, ["attribute", "HEAD~1"])
    assert out.exit_code == 0, out.output
    assert "fib.py:4-11  ai" in out.output and "AI-Lines: 8/11" in out.output
    out = runner.invoke(app, ["attribute", "--backfill", f"{base}..{head}"])
    assert out.exit_code == 0, out.output
    assert "backfilled 2 commit(s)" in out.output and "2 saved to the store" in out.output
    out = runner.invoke(app, ["blame", "fib.py", "-L", "3,5", "--json"])
    assert out.exit_code == 0, out.output
    import json

    rows = [json.loads(line) for line in out.output.splitlines()]
    assert [r["origin"] for r in rows] == ["human", "ai", "ai"]
    assert rows[1]["exchange"] == "ex_1" and rows[1]["model"] == "claude-sonnet-4-5"
    out = runner.invoke(app, ["export", "--format", "agent-trace", f"{base}..{head}"])
    assert out.exit_code == 0, out.output
    recs = [json.loads(line) for line in out.output.splitlines()]
    assert [r["vcs"]["revision"] for r in recs] == git.rev_list(repo.path, f"{base}..{head}")
    out = runner.invoke(app, ["hooks", "install"])
    assert out.exit_code == 0 and "installed" in out.output
    install(repo)  # re-install is idempotent
    out = runner.invoke(app, ["hooks", "status"])
    assert out.output.count("installed") == 7  # provenance.hookinstall.HOOK_NAMES


def test_a_repository_local_identity_still_meets_the_proxys_records(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> None:
    """The proxy recorded the suggestion under the global git email; the repository has its
    own ``user.email`` (aider writes one). The local store is this machine's: the commit is
    attributed with those records, and one line says why."""
    repo = make_repo(tmp_path, monkeypatch)
    repo.write("README.md", "x\n")
    repo.commit("init")
    repo.git("config", "user.email", "dev@aider.local")
    record_suggestion(isolated_env, repo.path, FIB, developer="dev@example.com")
    repo.write("fib.py", FIB)
    repo.git("add", ".")
    settings = get_settings()
    full = pipeline.attribute_staged_full(repo.path, settings)
    assert full.ai_lines == 8
    assert "dev@aider.local" in full.notice and "dev@example.com" in full.notice
    # the identity that recorded it: no alias needed, nothing to say
    repo.git("config", "user.email", "dev@example.com")
    same = pipeline.attribute_staged_full(repo.path, settings)
    assert same.ai_lines == 8 and same.notice == ""


def test_a_shared_store_does_not_take_another_identity(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> None:
    """On a shared (org) store another email is another person: no alias, but the line
    still says that suggestions for this repository exist under another identity."""
    repo = make_repo(tmp_path, monkeypatch)
    repo.write("README.md", "x\n")
    repo.commit("init")
    repo.git("config", "user.email", "dev@aider.local")
    record_suggestion(isolated_env, repo.path, FIB, developer="dev@example.com")
    repo.write("fib.py", FIB)
    repo.git("add", ".")

    class Shared(pipeline.Store):
        @property
        def local(self) -> bool:
            return False

    settings = get_settings()
    scope = pipeline.default_scope(repo.path, settings)
    with Shared(settings) as store:
        att = pipeline.attribute_diffs(repo.path, git.staged_diff(repo.path, "HEAD"), store,
                                       scope, base="HEAD")
    assert att.ai_lines == 0
    assert "no line can be attributed to you" in att.notice


def test_the_hook_says_so_when_the_identity_matches_no_record(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> None:
    monkeypatch.setenv("AIPROV_HOOK_SYNC", "1")
    repo = make_repo(tmp_path, monkeypatch)
    repo.write("README.md", "x\n")
    repo.commit("init")
    install(repo)
    repo.git("config", "user.email", "dev@aider.local")
    record_suggestion(isolated_env, repo.path, FIB, developer="dev@example.com")
    repo.write("fib.py", FIB)
    repo.git("add", ".")
    proc = repo.git("commit", "-q", "-m", "fib")
    lines = [ln for ln in proc.stderr.splitlines() if "no suggestions recorded" in ln]
    assert len(lines) == 1 and "dev@aider.local" in lines[0]
    assert "AI-Lines: 8/8" in repo.message()


def test_a_repoless_suggestion_is_claimed_by_the_repository_that_commits_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> None:
    """aider's flow: the proxy records the edit without a repository, under the global
    email, and aider commits in a repository with its own email. The hook attributes it
    there (alias), and saving that commit claims the suggestion: the same code committed in
    another repository of the same developer afterwards is not the suggestion's."""
    monkeypatch.setenv("AIPROV_HOOK_SYNC", "1")
    a = make_repo(tmp_path, monkeypatch, "a")
    b = make_repo(tmp_path, monkeypatch, "b")
    for repo in (a, b):
        repo.write("README.md", "x\n")
        repo.commit("init")
        repo.git("config", "user.email", "dev@aider.local")
    install(a)
    record_suggestion(isolated_env, "", FIB, developer="dev@example.com", tool="aider")
    settings = get_settings()
    b.write("fib.py", FIB)
    b.git("add", ".")
    assert pipeline.attribute_staged_full(b.path, settings).ai_lines == 8  # not yet claimed
    a.write("fib.py", FIB)
    a.git("add", ".")
    a.git("commit", "-q", "-m", "fib")
    assert "AI-Lines: 8/8" in a.message()
    after = pipeline.attribute_staged_full(b.path, settings)
    assert after.ai_lines == 0 and after.notice == ""
    again = pipeline.attribute_staged_full(a.path, settings, base="HEAD~1")
    assert again.ai_lines == 8  # still its own repository's


def test_explain_names_the_snippet_the_alignment_and_the_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> None:
    import json

    from aiprov.cli import app

    repo = make_repo(tmp_path, monkeypatch)
    repo.write("README.md", "x\n")
    repo.commit("init")
    record_suggestion(isolated_env, repo.path, FIB, exchange_id="ex_fib")
    edited = FIB.replace("a, b = 0, 1", "a, b = 1, 1")
    repo.write("fib.py", "import sys\n\n" + edited)
    repo.commit("fib, started at one")
    monkeypatch.chdir(repo.path)
    runner = CliRunner()
    out = runner.invoke(app, ["explain", "HEAD", "fib.py:6"])  # a, b = 1, 1
    assert out.exit_code == 0, out.output
    assert "origin: ai-edited" in out.output
    assert "snippet line: a, b = 0, 1" in out.output.replace("    a, b", "a, b")
    assert "exchange ex_fib" in out.output and "edited in place" in out.output
    assert "(no note on this commit: attributed now)" in out.output
    got = json.loads(runner.invoke(app, ["explain", "HEAD", "fib.py:7", "--json"]).output)
    assert got["origin"] == "ai" and got["explanations"][0]["snippet_line"] == 5
    assert [row[0] for row in got["explanations"][0]["alignment"]] == list(range(4, 11))
    human = runner.invoke(app, ["explain", "HEAD", "fib.py:1"])
    assert "origin: human" in human.output and "too common a line" in human.output
    bad = runner.invoke(app, ["explain", "HEAD", "fib.py"])
    assert bad.exit_code != 0 and "FILE:LINE" in str(bad.exception)


def test_explain_names_the_evidence_kinds_of_a_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> None:
    """An exchange row recorded by an agent hook (source "hook") beside the proxy's: explain
    lists both kinds and says the confidence rose; the hook's alone still explains it."""
    import json

    from aiprov.cli import app

    repo = make_repo(tmp_path, monkeypatch)
    repo.write("README.md", "x\n")
    repo.commit("init")
    record_suggestion(isolated_env, repo.path, FIB, exchange_id="ex_hook", source="hook")
    repo.write("fib.py", FIB)
    repo.commit("fib")
    monkeypatch.chdir(repo.path)
    runner = CliRunner()
    alone = json.loads(runner.invoke(app, ["explain", "HEAD", "fib.py:3", "--json"]).output)
    assert alone["origin"] == "ai" and alone["evidence_kinds"] == ["hook"]
    assert alone["corroborated"] is False
    record_suggestion(isolated_env, repo.path, FIB, exchange_id="ex_proxy")
    both = json.loads(runner.invoke(app, ["explain", "HEAD", "fib.py:3", "--json"]).output)
    assert both["origin"] == "ai" and both["evidence_kinds"] == ["hook", "proxy"]
    assert both["corroborated"] is True and both["confidence"] > alone["confidence"]
    assert both["explanations"][0]["exchange"] == "ex_proxy"
    text = runner.invoke(app, ["explain", "HEAD", "fib.py:3"]).output
    assert "evidence kinds: hook, proxy" in text and "recorded by hook" in text


def test_explain_names_the_rule_that_dropped_a_snippet_in_text_and_json(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> None:
    """A suggestion kept in one file and a sibling a person wrote from it in another, one
    commit: the sibling's lines are human, and explain says the snippet was claimed by the
    kept copy (rule, snippet, exchange, the other region) in both output formats."""
    import json

    from aiprov.cli import app
    from tests.provenance.test_attribute_claim_once import FETCH, KEPT, SIBLING

    repo = make_repo(tmp_path, monkeypatch)
    repo.write("README.md", "x\n")
    repo.commit("init")
    record_suggestion(isolated_env, repo.path, FETCH, exchange_id="ex_fetch")
    repo.write("orders.py", KEPT + "\n")
    repo.write("archive.py", SIBLING + "\n")
    repo.commit("orders and archived orders")
    monkeypatch.chdir(repo.path)
    runner = CliRunner()
    out = runner.invoke(app, ["explain", "HEAD", "archive.py:5"])
    assert out.exit_code == 0, out.output
    assert "origin: human" in out.output and "rule claim-once" in out.output
    assert "exchange ex_fetch" in out.output and "orders.py:1-8" in out.output
    got = json.loads(runner.invoke(app, ["explain", "HEAD", "archive.py:5", "--json"]).output)
    assert [(d["exchange"], d["rule"], d["lost_to"]) for d in got["dropped"]] == [
        ("ex_fetch", "claim-once", "orders.py:1-8")]
    kept = json.loads(runner.invoke(app, ["explain", "HEAD", "orders.py:5", "--json"]).output)
    assert kept["origin"] != "human" and kept["dropped"] == []
