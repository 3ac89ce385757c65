"""`aiprov import`: past sessions' transcripts into a fresh store, then a plain commit in a
repository with aiprov's hooks is attributed to them, as if the proxy had seen the session."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from aiprov.cli import app
from aiprov.settings import get_settings
from store import db
from store.models import ExchangeRow, SnippetRow
from tests.clients.conftest import node_bin  # noqa: F401  (fixture: real Claude Code, Codex)
from tests.provenance.gitrepo import Repo, install, make_repo
from tests.provenance.test_transcripts import (
    EDITED_FILE,
    PATCHED,
    WRITTEN,
    claude_transcript,
    codex_rollout,
    gemini_chat,
)
from tests.utils.clients import client_env

runner = CliRunner()
FIXTURE_DAYS = ("2026-11-30T", "2026-12-01T", "2026-12-02T")


def recent(text: str, days_ago: int = 1) -> str:
    """The fixture's dates moved to ``days_ago`` before today (inside the attribution
    window whenever the test runs); times of day are kept, so their order is too."""
    day = (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y-%m-%dT")
    for old in FIXTURE_DAYS:
        text = text.replace(old, day)
    return text


def cli(*args: str) -> str:
    get_settings.cache_clear()
    out = runner.invoke(app, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def rows() -> list[ExchangeRow]:
    with db.session(get_settings().db_url) as s:
        return list(s.exec(select(ExchangeRow)).all())


def snippets() -> list[SnippetRow]:
    with db.session(get_settings().db_url) as s:
        return list(s.exec(select(SnippetRow)).all())


def blame(repo: Repo, path: str, monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    monkeypatch.chdir(repo.path)
    return [json.loads(x) for x in cli("blame", path, "--json").splitlines() if x.strip()]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    # the store exists before the first commit's hook server opens it: two processes
    # creating one fresh SQLite store at once can collide in its migrations
    db.get_engine(get_settings().db_url)
    r = make_repo(tmp_path, monkeypatch)
    install(r)
    r.write("README.md", "# demo\n")
    r.commit("start")
    return r


def put(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_claude_code_transcript_then_plain_commit_is_ai(
        repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / ".claude" / "projects" / ("-" + str(repo.path).strip("/")
                                                   .replace("/", "-"))
    put(project / "4f35e220-c435-4cf7-b9b9-f40426042847.jsonl",
        recent(claude_transcript(str(repo.path))))
    out = cli("import")  # HOME is tmp_path: the default places
    assert "added 2 exchanges (2 claude-code) with 2 snippets" in out, out
    # the session as Claude Code left the file: the Write, then the Edit
    repo.write("intervals.py", EDITED_FILE)
    repo.commit("merge intervals", "intervals.py")
    lines = blame(repo, "intervals.py", monkeypatch)
    assert len(lines) == EDITED_FILE.count("\n")
    lines = [r for r in lines if r["text"].strip()]
    assert {(r["origin"], r["tool"]) for r in lines} == {("ai", "claude-code")}, lines
    assert {r["model"] for r in lines} == {"claude-sonnet-4-5-20250929"}
    edited = [r for r in lines if "def total_length" in r["text"]]
    write_id = [r for r in lines if "def merge_intervals" in r["text"]][0]["exchange"]
    assert edited and edited[0]["exchange"] != write_id  # the Edit's own turn


def test_codex_rollout_with_apply_patch_then_plain_commit_is_ai(
        repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rollout = put(tmp_path / ".codex" / "sessions" / "2026" / "12" / "01" /
                  "rollout-2026-12-01T08-00-00-0199a1b2.jsonl",
                  recent(codex_rollout(str(repo.path))))
    out = cli("import", "--tool", "codex")
    assert "added 2 exchanges (2 codex) with 2 snippets" in out, out
    repo.write("words.py", PATCHED)
    repo.commit("words", "words.py")
    lines = blame(repo, "words.py", monkeypatch)
    assert len(lines) == PATCHED.count("\n")
    assert {(r["origin"], r["tool"], r["model"]) for r in lines} == {
        ("ai", "codex", "gpt-5-codex")}
    # the same file given as a path: already there
    out = cli("import", str(rollout))
    assert "added 0 exchanges with 0 snippets; 2 already in the store" in out, out


def test_import_is_idempotent_and_listed_as_imported(
        repo: Repo, tmp_path: Path) -> None:
    transcript = put(tmp_path / "t" / "s.jsonl", recent(claude_transcript(str(repo.path))))
    put(tmp_path / "t" / "chat.json", recent(gemini_chat(project=str(repo.path),
                                                         path=f"{repo.path}/intervals.py")))
    first = cli("import", str(tmp_path / "t"))
    assert "2 transcripts read" in first and "added 3 exchanges" in first, first
    stored = rows()
    assert {r.source for r in stored} == {"import"}
    assert {r.tool for r in stored} == {"claude-code", "gemini-cli"}
    assert {r.repo for r in stored} == {str(repo.path.resolve())}  # Gemini's by its hash
    n_snippets = len(snippets())
    assert n_snippets == 4  # Write, Edit; write_file + replace in one Gemini answer
    second = cli("import", str(tmp_path / "t"))
    assert "added 0 exchanges with 0 snippets; 3 already in the store" in second, second
    assert len(rows()) == 3 and len(snippets()) == n_snippets
    # the transcript's own times, the repository of its cwd, this machine's developer
    write = next(r for r in stored if r.tool == "claude-code" and "Write" in r.tool_calls_json)
    day = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%d")
    assert write.started_at.strftime("%Y-%m-%dT%H:%M:%S") == f"{day}T10:15:02"
    assert write.repo == str(repo.path.resolve()) and write.developer == "dev@example.com"
    assert write.session_id == "4f35e220-c435-4cf7-b9b9-f40426042847"
    assert write.prompt == "write intervals.py with a merge_intervals function"
    assert write.model_answered == "claude-sonnet-4-5-20250929"
    assert write.path == str(transcript.resolve())
    log = cli("log")
    listed = log.splitlines()[1:]
    assert len(listed) == 3 and all(" (import) " in line for line in listed), log
    shown = cli("show", write.id[:16])
    assert "source    imported from the assistant's own transcript" in shown, shown
    assert f"IMPORT {transcript.resolve()} -> transcript" in shown and "merge_intervals" in shown


def test_dry_run_counts_and_writes_nothing(repo: Repo, tmp_path: Path) -> None:
    put(tmp_path / "t" / "rollout-1.jsonl", recent(codex_rollout(str(repo.path))))
    out = cli("import", "--dry-run", str(tmp_path / "t"))
    assert "\ndry run: " in out and "would add 2 exchanges (2 codex) with 2 snippets" \
        in out, out
    assert rows() == []
    cli("import", str(tmp_path / "t"))
    out = cli("import", "--dry-run", str(tmp_path / "t"))
    assert "would add 0 exchanges" in out and "2 already in the store" in out, out


def test_since_skips_older_answers(repo: Repo, tmp_path: Path) -> None:
    put(tmp_path / "old" / "s.jsonl", recent(claude_transcript(str(repo.path)), days_ago=20))
    put(tmp_path / "new" / "rollout-1.jsonl", recent(codex_rollout(str(repo.path)), days_ago=1))
    out = cli("import", "--since", "7d", str(tmp_path / "old"), str(tmp_path / "new"))
    assert "added 2 exchanges (2 codex)" in out, out
    assert {r.tool for r in rows()} == {"codex"}
    since = (datetime.now(UTC) - timedelta(days=30)).strftime("%Y-%m-%d")
    out = cli("import", "--since", since, str(tmp_path / "old"))
    assert "added 2 exchanges (2 claude-code)" in out, out


def test_secret_in_a_transcript_never_reaches_the_store(repo: Repo, tmp_path: Path) -> None:
    secret = "sk-ant-api03-" + "Q7x9Lm2Pv4Rt8Wz1Bn6Kd3Hs5Jf0Gc" * 3
    put(tmp_path / "t" / "s.jsonl", recent(claude_transcript(str(repo.path), secret=secret)))
    cli("import", str(tmp_path / "t"))
    raw = (get_settings().home / "aiprov.db").read_bytes()
    assert rows() and secret.encode() not in raw


def test_newest_suggestion_wins_across_imported_sessions(
        repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same file suggested by Claude Code two days ago and by Codex yesterday: the
    commit credits the newer suggestion, ordered by the transcripts' own times."""
    put(tmp_path / "t" / "s.jsonl",
        recent(claude_transcript(str(repo.path), path="words.py", content=PATCHED), 2))
    put(tmp_path / "t" / "rollout-1.jsonl", recent(codex_rollout(str(repo.path)), 1))
    cli("import", str(tmp_path / "t"))
    repo.write("words.py", PATCHED)
    repo.commit("words", "words.py")
    assert {r["tool"] for r in blame(repo, "words.py", monkeypatch)} == {"codex"}


def test_no_transcripts_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    from aiprov import cli as aiprov_cli

    monkeypatch.setenv("HOME", str(tmp_path))
    assert "no transcripts found" in cli("import")
    assert aiprov_cli.run(["import", str(tmp_path / "missing")]) == 2
    assert "no transcript at" in capsys.readouterr().err
    assert aiprov_cli.run(["import", "--tool", "cursor"]) == 2
    assert aiprov_cli.run(["import", "--since", "last tuesday"]) == 2


# --- real assistants: a session straight to a fake upstream, no proxy, then imported -------




def claude_writes_intervals(stack, request: pytest.FixtureRequest, repo: Repo,  # type: ignore[no-untyped-def]
                            tmp_path: Path, base: str) -> None:
    """The real Claude Code, pointed at ``base`` (the fake directly, or the proxy), writes
    intervals.py with its Write tool as the fake model scripts it."""
    import subprocess

    from tests.fakellm import FakeToolCall, Reply

    clients = request.getfixturevalue("node_bin")
    stack.fake.push(
        Reply(text="I'll create intervals.py.", tool_calls=[FakeToolCall(
            "Write", json.dumps({"file_path": str(repo.path / "intervals.py"),
                                 "content": WRITTEN}))]),
        Reply(text="Created intervals.py."))
    proc = subprocess.run(
        [str(clients / "claude"), "-p", "create intervals.py", "--permission-mode",
         "acceptEdits", "--allowedTools", "Write"],
        cwd=repo.path, capture_output=True, text=True, timeout=180,
        env=client_env(tmp_path / "client", ANTHROPIC_BASE_URL=base,
                       ANTHROPIC_API_KEY="sk-ant-test-1",
                       CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1"))
    assert proc.returncode == 0, (proc.stdout[-3000:], proc.stderr[-3000:])
    assert (repo.path / "intervals.py").read_text() == WRITTEN


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_real_claude_code_session_imported_then_commit_is_ai(
        stack, request: pytest.FixtureRequest, repo: Repo,  # type: ignore[no-untyped-def]
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    claude_writes_intervals(stack, request, repo, tmp_path, stack.upstream_url)
    assert rows() == []  # nothing went through aiprov
    projects = tmp_path / "client" / "home" / ".claude" / "projects"
    assert list(projects.rglob("*.jsonl")), "Claude Code kept no transcript"
    out = cli("import", str(projects))
    assert "added 1 exchanges (1 claude-code) with 1 snippets" in out, out
    [row] = rows()
    assert row.cwd == str(repo.path) and row.session_id and row.tool_version
    repo.commit("intervals", "intervals.py")
    lines = blame(repo, "intervals.py", monkeypatch)
    assert {(r["origin"], r["tool"]) for r in lines} == {("ai", "claude-code")}, lines


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_real_codex_session_imported_then_commit_is_ai(
        stack, request: pytest.FixtureRequest, repo: Repo,  # type: ignore[no-untyped-def]
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    clients = request.getfixturevalue("node_bin")

    from tests.fakellm import FakeToolCall, Reply

    added = "".join(f"+{ln}\n" for ln in PATCHED.splitlines())
    patch = f"*** Begin Patch\n*** Add File: words.py\n{added}*** End Patch\n"
    cmd = json.dumps({"cmd": f"apply_patch <<'EOF'\n{patch}EOF\n", "workdir": "."})
    stack.fake.push(Reply(text="Adding words.py.", tool_calls=[FakeToolCall("exec_command", cmd)]),
                    Reply(text="Added words.py."))
    base = stack.upstream_url
    proc = subprocess.run(
        [str(clients / "codex"), "exec", "--skip-git-repo-check", "-s", "workspace-write",
         "-c", "model_provider=p", "-c", 'model_providers.p.name="p"',
         "-c", f'model_providers.p.base_url="{base}/v1"',
         "-c", 'model_providers.p.wire_api="responses"',
         "-c", 'model_providers.p.env_key="OPENAI_API_KEY"', "add words.py"],
        cwd=repo.path, capture_output=True, text=True, timeout=180,
        env=client_env(tmp_path / "client", OPENAI_API_KEY="sk-test-codex"))
    assert proc.returncode == 0, (proc.stdout[-3000:], proc.stderr[-3000:])
    assert (repo.path / "words.py").read_text() == PATCHED, proc.stderr[-3000:]
    sessions = tmp_path / "client" / "home" / ".codex" / "sessions"
    assert list(sessions.rglob("rollout-*.jsonl")), "Codex kept no rollout"
    out = cli("import", str(sessions))
    assert "(1 codex) with 1 snippets" in out, out
    repo.commit("words", "words.py")
    lines = blame(repo, "words.py", monkeypatch)
    assert {(r["origin"], r["tool"]) for r in lines} == {("ai", "codex")}, lines


def test_newest_wins_over_an_older_import_stored_later(
        repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance import git
    from tests.provenance.gitrepo import record_suggestion

    record_suggestion(get_settings().home, git.repo_id(repo.path), PATCHED,
                      exchange_id="proxied", tool="aider",
                      started_at=datetime.now(UTC) - timedelta(hours=1))
    put(tmp_path / "t" / "s.jsonl",
        recent(claude_transcript(str(repo.path), path="words.py", content=PATCHED), 3))
    cli("import", str(tmp_path / "t"))
    repo.write("words.py", PATCHED)
    repo.commit("words", "words.py")
    assert {r["tool"] for r in blame(repo, "words.py", monkeypatch)} == {"aider"}


def test_a_session_the_proxy_recorded_is_not_imported_again(repo: Repo, tmp_path: Path) -> None:
    from proxy.exchange import ANTHROPIC_MESSAGES, Exchange, Identity, RequestInfo, ResponseInfo
    from store import exchanges as store_exchanges
    from tests.provenance.test_transcripts import CLAUDE_SESSION

    proxied = Exchange(
        id="proxied-1", started_at=(datetime.now(UTC) - timedelta(days=1)).timestamp(),
        method="POST", path="/v1/messages?beta=true", upstream="https://api.anthropic.com",
        status=200, request=RequestInfo(api=ANTHROPIC_MESSAGES, session_id=CLAUDE_SESSION),
        response=ResponseInfo(text="I'll create the file."),
        identity=Identity(developer="dev@example.com", tool="claude-code",
                          session_id=CLAUDE_SESSION))
    with db.session(get_settings().db_url) as s:
        store_exchanges.save(s, [proxied])
        s.commit()
    put(tmp_path / "t" / "s.jsonl", recent(claude_transcript(str(repo.path))))
    put(tmp_path / "t" / "rollout-1.jsonl", recent(codex_rollout(str(repo.path))))
    out = cli("import", str(tmp_path / "t"))
    assert "added 2 exchanges (2 codex)" in out and "2 of sessions the proxy recorded" in out, out
    assert {r.source for r in rows()} == {"proxy", "import"}
    assert {r.tool for r in rows() if r.source == "import"} == {"codex"}


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_real_claude_code_session_through_the_proxy_is_not_counted_twice(
        stack, request: pytest.FixtureRequest, repo: Repo,  # type: ignore[no-untyped-def]
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The proxy's record and Claude Code's own transcript name the same session."""

    claude_writes_intervals(stack, request, repo, tmp_path, stack.url)
    recorded = [r for r in stack.rows() if r.tool == "claude-code"]
    assert recorded and all(r.session_id for r in recorded)
    monkeypatch.setenv("AIPROV_DB", stack.db_url)
    out = cli("import", str(tmp_path / "client" / "home" / ".claude" / "projects"))
    assert "added 0 exchanges" in out and "1 of sessions the proxy recorded" in out, out
    assert len([r for r in stack.rows() if r.tool == "claude-code"]) == len(recorded)
