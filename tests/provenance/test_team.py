"""A team on real git: a bare "origin", developer clones with aiprov's hooks (each with a
store of their own), a clone without aiprov playing the host (squash, rebase and merge
buttons, with plain git), CI in fresh clones, blame in a clone that never had a store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprov.cli import app
from provenance import git, notes
from provenance.hookinstall import install_hooks
from tests.provenance.gitrepo import FIB, PARSE, Repo, record_suggestion

RUN = '''import subprocess


def run_user_command(command_text):
    """Run a shell command the user typed and return what it printed."""
    return subprocess.check_output(command_text, shell=True, text=True)
'''

TOTALS = '''def running_totals(values):
    """Return the running totals of a list of numbers."""
    totals, acc = [], 0
    for value in values:
        acc += value
        totals.append(acc)
    return totals
'''


class Team:
    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.tmp = tmp_path
        self.monkeypatch = monkeypatch
        monkeypatch.setenv("HOME", str(tmp_path))
        monkeypatch.setenv("AIPROV_HOOK_SYNC", "1")  # the store save inline, not detached
        monkeypatch.setenv("AIPROV_HOOK_SERVER", "0")  # several homes: no warm servers
        for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
            monkeypatch.delenv(var, raising=False)
        self.origin = tmp_path / "origin.git"
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(self.origin)],
                       check=True)
        seed = self.clone("seed", aiprov=False)
        seed.write("README.md", "team project\n")
        seed.commit("start")
        seed.git("push", "-q", "origin", "main")

    def clone(self, name: str, *, aiprov: bool = True, email: str | None = None) -> Repo:
        path = self.tmp / name
        subprocess.run(["git", "clone", "-q", str(self.origin), str(path)], check=True,
                       capture_output=True)
        repo = Repo(path)
        home = self.tmp / f"home-{name}"
        repo.env = {"AIPROV_HOME": str(home)}  # type: ignore[attr-defined]
        repo.git("config", "user.email", email or f"{name}@example.com")
        if aiprov:
            install_hooks(path, python=sys.executable)
        return repo

    def suggest(self, dev: Repo, text: str, exchange_id: str, **kw: str) -> None:
        """``dev``'s assistant suggested ``text``, recorded in ``dev``'s own store."""
        home = Path(dev.env["AIPROV_HOME"])  # type: ignore[attr-defined]
        record_suggestion(home, git.repo_id(dev.path), text, exchange_id=exchange_id,
                          developer=dev.git("config", "user.email").stdout.strip(), **kw)

    def cli(self, dev: Repo, *args: str) -> str:
        """``aiprov ARGS`` in ``dev``'s clone, with ``dev``'s home."""
        from aiprov.settings import get_settings

        self.monkeypatch.chdir(dev.path)
        self.monkeypatch.setenv("AIPROV_HOME", dev.env["AIPROV_HOME"])  # type: ignore[attr-defined]
        get_settings.cache_clear()
        out = CliRunner().invoke(app, list(args))
        assert out.exit_code == 0, out.output
        return out.output


def g(dev: Repo, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """git in a developer's clone, with that developer's aiprov home (the hooks read it)."""
    return dev.git(*args, check=check, env=dev.env)  # type: ignore[attr-defined]


def commit(dev: Repo, rel: str, text: str, message: str) -> str:
    dev.write(rel, text)
    g(dev, "add", rel)
    g(dev, "commit", "-q", "-m", message)
    return dev.head()


def origin_note(team: Team, sha: str) -> dict | None:
    proc = subprocess.run(["git", "--git-dir", str(team.origin), "notes", "--ref=aiprov",
                           "show", sha], capture_output=True, text=True)
    return notes.loads(proc.stdout) if proc.returncode == 0 else None


def by_line(note: dict) -> dict[tuple[str, int], str]:
    return {(o.path, o.lineno): o.origin for o in notes.origins(note)}


# --- notes travel with plain git ---------------------------------------------------------


def test_plain_push_and_pull_carry_the_notes(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    team = Team(tmp_path, monkeypatch)
    alice, bob = team.clone("alice"), team.clone("bob")
    team.suggest(alice, FIB, "ex_fib")
    c1 = commit(alice, "fib.py", FIB, "fibonacci")
    push = g(alice, "push", "-q")  # plain push: the pre-push hook pushes the notes
    assert push.returncode == 0 and "aiprov" not in push.stderr, push.stderr
    sent = origin_note(team, c1)
    assert sent is not None and sent["summary"]["ai"] == 8
    pull = g(bob, "pull", "-q")  # plain pull: fetched by the refspec, merged by post-merge
    assert "aiprov" not in pull.stderr, pull.stderr
    got = notes.loads(bob.note(c1))
    assert got is not None and by_line(got) == by_line(sent)
    # bob commits without pulling alice's next commit: his push of main is refused, and
    # yet both developers' notes end up on origin once he pulls and pushes again
    # alice's notes ref also carries the note of a commit only her clone has (a local
    # branch): the merges in other clones must not need that commit
    g(alice, "checkout", "-q", "-b", "private")
    private = commit(alice, "wip.py", TOTALS, "work in progress")
    g(alice, "checkout", "-q", "main")
    team.suggest(alice, PARSE, "ex_parse")
    c2 = commit(alice, "parse.py", PARSE, "parser")
    g(alice, "push", "-q")
    assert origin_note(team, private) is not None
    team.suggest(bob, TOTALS, "ex_totals")
    c3 = commit(bob, "totals.py", TOTALS, "totals")
    assert g(bob, "push", "-q", check=False).returncode != 0  # main: non-fast-forward
    g(bob, "pull", "-q", "--no-rebase", "--no-edit")
    g(bob, "push", "-q")
    for sha, ai in ((c1, 8), (c2, 10), (c3, 7)):
        n = origin_note(team, sha)
        assert n is not None and n["summary"]["ai"] == ai, sha
    assert bob.git("cat-file", "-e", private, check=False).returncode != 0
    assert notes.loads(bob.note(private)) is not None
    g(alice, "pull", "-q", "--no-rebase")
    assert notes.loads(alice.note(c3)) is not None
    assert git.run(alice.path, "notes", "--ref=aiprov", "list").stdout.count("\n") == 4
    # git pull --rebase runs no post-merge; its post-checkout merges the fetched notes
    c4 = commit(alice, "more.py", FIB.replace("fibonacci", "fib2"), "more")
    g(alice, "push", "-q")
    commit(bob, "local.txt", "bob's local work\n", "local")
    g(bob, "pull", "-q", "--rebase")
    assert notes.loads(bob.note(c4)) is not None


def test_two_developers_notes_of_one_commit_merge_without_loss(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pair work: alice's assistant wrote fib.py, bob's wrote parse.py, the commit was made
    where no hook ran. Each attributes it with their own store; the notes meet on push."""
    team = Team(tmp_path, monkeypatch)
    host = team.clone("host", aiprov=False)
    host.write("fib.py", FIB)
    host.write("parse.py", PARSE)
    c = host.commit("pair work")
    host.git("push", "-q", "origin", "main")
    alice, bob = team.clone("alice"), team.clone("bob")
    team.suggest(alice, FIB, "ex_fib")
    team.suggest(bob, PARSE, "ex_parse", tool="aider", model="gpt-5")
    assert "AI-Lines: 8/18" in team.cli(alice, "attribute", c, "--write")
    assert "AI-Lines: 10/18" in team.cli(bob, "attribute", c, "--write")
    g(alice, "push", "-q", "origin", "refs/notes/aiprov")  # alice's note first
    commit(bob, "z.txt", "unrelated\n", "another commit")
    push = g(bob, "push", "-q")  # pre-push: fetch alice's, merge, push the union
    assert "aiprov" not in push.stderr, push.stderr
    merged = origin_note(team, c)
    assert merged is not None
    assert merged["summary"]["ai"] == 18 and merged["summary"]["added"] == 18
    assert {t["tool"] for t in merged["tools"]} == {"claude-code", "aider"}
    assert notes.range_at(merged, "fib.py", 1)["exchange"] == "ex_fib"  # type: ignore[index]
    assert notes.range_at(merged, "parse.py", 1)["exchange"] == "ex_parse"  # type: ignore[index]
    g(alice, "pull", "-q")
    assert by_line(notes.loads(alice.note(c))) == by_line(merged)  # type: ignore[arg-type]


def test_a_remote_refusing_notes_warns_once_and_the_push_goes_through(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork without rights, or a server hook: refs/notes/* rejected."""
    team = Team(tmp_path, monkeypatch)
    hook = team.origin / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\nwhile read old new ref; do\n"
                    '  case "$ref" in refs/notes/*) echo "notes not allowed here" >&2; exit 1;;'
                    "\n  esac\ndone\nexit 0\n")
    hook.chmod(0o755)
    alice = team.clone("alice")
    team.suggest(alice, FIB, "ex_fib")
    c1 = commit(alice, "fib.py", FIB, "fibonacci")
    first = g(alice, "push", "-q")
    assert first.returncode == 0
    warnings = [ln for ln in first.stderr.splitlines() if ln.startswith("aiprov:")]
    assert len(warnings) == 1 and "notes not pushed" in warnings[0], first.stderr
    assert team.origin.joinpath("refs/heads/main").read_text().strip() == c1  # commits went
    assert origin_note(team, c1) is None
    c2 = commit(alice, "parse.py", PARSE, "parser")
    second = g(alice, "push", "-q")
    assert second.returncode == 0 and "aiprov" not in second.stderr  # warned once
    assert team.origin.joinpath("refs/heads/main").read_text().strip() == c2
    assert alice.note(c2) is not None  # the notes stay in the clone
    status = team.cli(alice, "hooks", "status")
    assert "notes on origin" in status and "pushing them was refused" in status


# --- hosted merges, CI, blame -----------------------------------------------------------


def _host_sync(host: Repo) -> str:
    host.git("fetch", "-q", "origin")
    host.git("checkout", "-q", "main")
    host.git("merge", "-q", "--ff-only", "origin/main")
    return host.head()


def test_hosted_squash_rebase_and_merge_then_ci_then_blame(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    team = Team(tmp_path, monkeypatch)
    alice, bob = team.clone("alice"), team.clone("bob")
    host = team.clone("host", aiprov=False)

    # squash and merge: alice's two commits become one commit on main, made by the host
    g(alice, "checkout", "-q", "-b", "feat-squash")
    team.suggest(alice, FIB, "ex_fib")
    commit(alice, "fib.py", FIB, "fibonacci")
    commit(alice, "notes.txt", "written by hand, line one\nand line two\n", "notes")
    g(alice, "push", "-q", "-u", "origin", "feat-squash")
    b0 = _host_sync(host)
    host.git("push", "-q", "origin", "origin/feat-squash:refs/pull/1/head")  # the PR's ref
    host.git("merge", "-q", "--squash", "origin/feat-squash")
    host.git("commit", "-q", "-m", "Add fibonacci (#1)")
    squash = host.head()
    host.git("push", "-q", "origin", "main")

    # rebase and merge: bob's two commits are replayed onto a main that moved meanwhile
    g(bob, "pull", "-q")
    g(bob, "checkout", "-q", "-b", "feat-rebase")
    team.suggest(bob, RUN, "ex_run", tool="aider", model="gpt-5")
    r1 = commit(bob, "run.py", RUN, "run commands")
    team.suggest(bob, TOTALS, "ex_totals", tool="aider", model="gpt-5")
    r2 = commit(bob, "totals.py", "# totals\n" + TOTALS, "totals")
    g(bob, "push", "-q", "-u", "origin", "feat-rebase")
    b1 = _host_sync(host)
    host.write("CHANGES", "main moved on\n")
    host.commit("changelog")
    host.git("fetch", "-q", "origin")
    host.git("checkout", "-q", "-b", "replay", "origin/feat-rebase")
    host.git("rebase", "-q", "main")
    host.git("checkout", "-q", "main")
    host.git("merge", "-q", "--ff-only", "replay")
    host.git("push", "-q", "origin", "main")
    b2 = host.head()
    rebased = host.git("rev-list", "--reverse", f"{b1}..{b2}").stdout.split()[1:]
    assert len(rebased) == 2 and r1 not in rebased

    # merge commit: alice's branch merged with --no-ff
    g(alice, "checkout", "-q", "main")
    g(alice, "pull", "-q")
    g(alice, "checkout", "-q", "-b", "feat-merge")
    team.suggest(alice, PARSE, "ex_parse")
    m1 = commit(alice, "parse.py", PARSE, "parser")
    g(alice, "push", "-q", "-u", "origin", "feat-merge")
    _host_sync(host)
    host.git("merge", "-q", "--no-ff", "-m", "Merge pull request #3 from feat-merge",
             "origin/feat-merge")
    host.git("push", "-q", "origin", "main")
    b3 = host.head()

    # CI, once per landing, in a fresh clone that has no store and no hooks
    ci = team.clone("ci", aiprov=False)
    out = team.cli(ci, "ci", "merged", b0, squash)  # PR number from the squash message
    assert f"{squash[:12]}  note written: AI-Lines 8/10" in out, out
    out = team.cli(ci, "ci", "merged", b1, b2, "--source", "origin/feat-rebase")
    assert "has a note already" not in out.split("\n")[1]
    assert out.count("note written") == 2, out  # not the changelog commit made on main
    out = team.cli(ci, "ci", "merged", b2, b3)
    assert "merge commit" in out, out
    assert "the branch is new" in team.cli(ci, "ci", "merged", "0" * 40, b3)
    # again: nothing is counted twice
    again = team.cli(ci, "ci", "merged", b0, b3, "--source", "origin/feat-rebase")
    assert "note written" not in again and "no notes to write" in again

    sq = origin_note(team, squash)
    assert sq is not None
    assert sq["summary"] == {"added": 10, "ai": 8, "ai_edited": 0, "human": 2, "deleted": 0,
                             "skipped_files": 0}
    assert notes.range_at(sq, "fib.py", 1)["exchange"] == "ex_fib"  # type: ignore[index]
    # the rebased copies carry exactly the originals' line maps
    for new, old in zip(rebased, (r1, r2), strict=True):
        carried, original = origin_note(team, new), origin_note(team, old)
        assert carried is not None and original is not None
        assert by_line(carried) == by_line(original)
        assert carried["summary"]["added"] == original["summary"]["added"]
        assert carried["tools"] == [{"tool": "aider", "model": "gpt-5"}]
    assert origin_note(team, b3) is None and origin_note(team, m1)["summary"]["ai"] == 10  # type: ignore[index]

    # blame on main in a clone that never had a store: the notes alone
    reader = team.clone("reader", aiprov=False)
    reader.git("fetch", "-q", "origin", "refs/notes/aiprov:refs/notes/aiprov")
    rows = [json.loads(x) for x in team.cli(reader, "blame", "fib.py", "--json").splitlines()]
    assert len(rows) == 8 and {r["commit"] for r in rows} == {squash}
    assert {(r["origin"], r["tool"], r["exchange"]) for r in rows} == {
        ("ai", "claude-code", "ex_fib")}
    rows = [json.loads(x) for x in team.cli(reader, "blame", "run.py", "--json").splitlines()]
    assert {r["commit"] for r in rows} == {rebased[0]}
    assert [r["origin"] for r in rows] == [
        o for (_, _), o in sorted(by_line(origin_note(team, r1)).items())]  # type: ignore[arg-type]
    assert not (Path(reader.env["AIPROV_HOME"]) / "aiprov.db").exists()  # type: ignore[attr-defined]
    # a developer's clone: a plain `git fetch` (no merge, no hook ran) is enough for blame
    g(bob, "checkout", "-q", "main")
    g(bob, "fetch", "-q")
    bob.git("merge", "-q", "--ff-only", "origin/main",
            env={**bob.env, "AIPROV_NO_HOOK": "1"})  # type: ignore[attr-defined]
    assert bob.note(squash) is None  # not merged into refs/notes/aiprov ...
    rows = [json.loads(x) for x in team.cli(bob, "blame", "fib.py", "--json").splitlines()]
    assert {(r["origin"], r["commit"]) for r in rows} == {("ai", squash)}  # ... yet read


def test_ci_finds_a_squash_by_the_notes_of_the_commits_it_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No PR ref, no commit ids in the message, the branch deleted: content only."""
    team = Team(tmp_path, monkeypatch)
    alice, host = team.clone("alice"), team.clone("host", aiprov=False)
    g(alice, "checkout", "-q", "-b", "gone")
    team.suggest(alice, PARSE, "ex_parse")
    commit(alice, "parse.py", PARSE, "parser")
    g(alice, "push", "-q", "-u", "origin", "gone")
    b0 = _host_sync(host)
    host.git("merge", "-q", "--squash", "origin/gone")
    host.git("commit", "-q", "-m", "parser, squashed")
    host.git("push", "-q", "origin", "main", ":gone")  # and the branch is deleted
    ci = team.clone("ci", aiprov=False)
    assert ci.git("rev-parse", "-q", "--verify", "origin/gone", check=False).returncode != 0
    out = team.cli(ci, "ci", "merged", b0, host.head())
    assert "note written: AI-Lines" in out
    n = origin_note(team, host.head())
    assert n is not None and 0 < n["summary"]["ai"] <= n["summary"]["added"] == 10


def test_ci_pr_summary_and_sarif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    team = Team(tmp_path, monkeypatch)
    alice = team.clone("alice")
    g(alice, "checkout", "-q", "-b", "feat")
    team.suggest(alice, RUN, "ex_run")
    commit(alice, "run.py", RUN, "run commands")
    commit(alice, "human.py", "import subprocess\n\n\ndef go(cmd):\n"
           "    return subprocess.call(cmd, shell=True)\n", "by hand")
    alice.write("extra.txt", "committed with the hooks switched off\n")
    alice.git("add", "extra.txt")
    alice.git("commit", "-q", "-m", "no note", env={**alice.env,  # type: ignore[attr-defined]
                                                    "AIPROV_NO_HOOK": "1"})
    assert alice.note() is None
    g(alice, "push", "-q", "-u", "origin", "feat")
    ci = team.clone("ci", aiprov=False)
    sarif = tmp_path / "out.sarif"
    md = team.cli(ci, "ci", "pr", "origin/main", "origin/feat", "--sarif", str(sarif))
    n_run = len(RUN.splitlines())
    assert f"| `run.py` | {n_run} | {n_run} | 0 | 100% |" in md, md
    assert "| `human.py` | 5 | 0 | 0 | 0% |" in md
    assert "1 of them come from commits without an aiprov note" in md  # extra.txt
    assert "| claude-code | claude-sonnet-4-5 |" in md and "`aiprov show ex_run`" in md
    review = md[md.index("### Review"):]
    assert "run.py" in review and "human.py" in review
    assert review.index("run.py") < review.index("human.py")  # AI-origin findings first
    doc = json.loads(sarif.read_text())
    results = doc["runs"][0]["results"]
    assert results and results[0]["properties"]["origin"] == "ai"
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "run.py"
    assert any(r["properties"]["origin"] == "human" for r in results)
    # --record keeps what the review found, for the share of PRs with AI-origin findings;
    # a second run (a new push) replaces it
    for _ in range(2):
        team.cli(ci, "ci", "pr", "origin/main", "origin/feat", "--record", "--pr", "7")
    from sqlmodel import select

    from aiprov.settings import get_settings
    from store import db
    from store.models import PullRequestRow

    with db.session(get_settings().db_url) as s:
        (row,) = s.exec(select(PullRequestRow)).all()
    ai = sum(1 for r in results if r["properties"]["origin"] == "ai")
    assert (row.pr, row.ai_findings, row.findings) == ("#7", ai, len(results))
    assert row.author == alice.git("log", "-1", "--format=%ae", "origin/feat").stdout.strip()


def test_readme_ci_commands_are_real_commands() -> None:
    """The one-line commands the README gives teams parse as aiprov commands (an unknown
    option or command fails here before --help answers)."""
    import shlex

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Team: notes travel"):readme.index("## Measured")]
    lines = [ln.split("  #")[0].strip() for ln in section.splitlines()
             if ln.startswith("aiprov ")]
    assert {ln.split()[1] for ln in lines} >= {"hooks", "ci"} and len(lines) >= 3
    for line in lines:
        out = CliRunner().invoke(app, [*shlex.split(line)[1:], "--help"])
        assert out.exit_code == 0, (line, out.output)
    for wf in ("github-aiprov.yml", "gitlab-aiprov.yml"):
        text = (root / "docs" / "ci" / wf).read_text(encoding="utf-8")
        assert "aiprov ci merged" in text and "aiprov ci pr" in text


def test_ci_asks_the_org_server_for_branch_commits_whose_notes_were_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork's developer could not push notes; their store synced to the org server. The
    CI run after the squash asks the server (``--server``) for the branch commits' maps."""
    from sqlmodel import Session

    from aiprov.server.app import create_app
    from aiprov.settings import Settings, get_settings
    from store import db, org
    from store.provenance import save_commit
    from tests.server.conftest import LoopbackServer

    team = Team(tmp_path, monkeypatch)
    refuse = team.origin / "hooks" / "pre-receive"
    refuse.write_text('#!/bin/sh\nwhile read o n ref; do case "$ref" in refs/notes/*) exit 1;;'
                      "\nesac; done\n")
    refuse.chmod(0o755)
    alice, host = team.clone("alice"), team.clone("host", aiprov=False)
    g(alice, "checkout", "-q", "-b", "feat")
    team.suggest(alice, FIB, "ex_fib")
    c1 = commit(alice, "fib.py", FIB, "fibonacci")
    g(alice, "push", "-q", "-u", "origin", "feat")
    assert origin_note(team, c1) is None  # refused
    # what `aiprov sync` leaves on the org server: the exchange and the commit's line map
    org_url = f"sqlite:///{tmp_path / 'org.db'}"
    org_home = tmp_path / "org-home"
    app = create_app(Settings(db=org_url, home=org_home), purge_interval_s=None)
    rid = git.repo_id(alice.path)
    record_suggestion(tmp_path / "unused", rid, FIB, exchange_id="ex_fib",
                      developer="alice@example.com", db_url=org_url)
    note = notes.loads(alice.note(c1))
    assert note is not None
    with db.session(org_url) as s:
        from datetime import UTC, datetime

        save_commit(s, rid, c1, "alice@example.com", datetime.now(UTC), notes.origins(note))
        s.commit()
    with Session(app.state.engine) as s:  # type: ignore[attr-defined]
        token, _ = org.create_token(s, app.state.pepper, name="ci",  # type: ignore[attr-defined]
                                    developer="", role="security", team=None)
        s.commit()
    b0 = _host_sync(host)
    host.git("push", "-q", "origin", "origin/feat:refs/pull/1/head")
    host.git("merge", "-q", "--squash", "origin/feat")
    host.git("commit", "-q", "-m", "fibonacci (#1)")
    host.git("push", "-q", "origin", "main")
    ci = team.clone("ci", aiprov=False)
    out = team.cli(ci, "ci", "merged", b0, host.head(), "--no-push")
    assert "no branch note speaks for its lines" in out
    with LoopbackServer(app) as server:
        monkeypatch.setenv("AIPROV_SERVER_URL", server.url)
        monkeypatch.setenv("AIPROV_SERVER_TOKEN", token)
        get_settings.cache_clear()
        out = team.cli(ci, "ci", "merged", b0, host.head(), "--no-push", "--server")
    assert "note written: AI-Lines 8/8" in out, out
    carried = notes.loads(ci.note(host.head()))
    assert carried is not None
    r = notes.range_at(carried, "fib.py", 1)
    assert r is not None and (r["origin"], r["exchange"], r["tool"]) == (
        "ai", "ex_fib", "claude-code")


def test_an_unreachable_remote_is_tried_again_on_the_next_push(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a remote that answers "no" is remembered as refusing notes; one that cannot be
    reached (network down) is warned about and tried again next time."""
    from provenance import notesync

    team = Team(tmp_path, monkeypatch)
    alice = team.clone("alice")
    commit(alice, "fib.py", FIB, "fibonacci")
    msg = notesync.pre_push(alice.path, str(tmp_path / "no-such-remote.git"),
                            str(tmp_path / "no-such-remote.git"),
                            "refs/heads/main 1 refs/heads/main 0\n")
    assert msg is not None and "notes not pushed" in msg and "Not trying" not in msg
    assert alice.git("config", "--get-all", notesync.REFUSED_KEY, check=False).stdout == ""
    assert notesync.pre_push(alice.path, "origin", str(team.origin),
                             "refs/heads/main 1 refs/heads/main 0\n") is None  # pushed
    assert origin_note(team, alice.head()) is not None


def test_fork_notes_reach_upstream_through_ci(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork's developer pushes commits and notes to the fork; the host merges the pull
    request upstream with a merge commit; CI fetches the fork's notes (--notes-from) and
    pushes them upstream although it wrote no note of its own -- for the fork's own commits
    only."""
    team = Team(tmp_path, monkeypatch)
    fork = tmp_path / "fork.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(team.origin), str(fork)], check=True)
    carol_path = tmp_path / "carol"
    subprocess.run(["git", "clone", "-q", str(fork), str(carol_path)], check=True)
    carol = Repo(carol_path)
    carol.env = {"AIPROV_HOME": str(tmp_path / "home-carol")}  # type: ignore[attr-defined]
    carol.git("config", "user.email", "carol@example.com")
    install_hooks(carol_path, python=sys.executable)
    g(carol, "checkout", "-q", "-b", "feat")
    team.suggest(carol, FIB, "ex_fib")
    c1 = commit(carol, "fib.py", FIB, "fibonacci")
    g(carol, "push", "-q", "-u", "origin", "feat")  # to the fork, notes too
    # the fork also claims a commit that is not its own: that note must not travel
    seed = carol.git("rev-list", "--max-parents=0", "HEAD").stdout.strip()
    forged = notes.build([], [], commit=seed)
    carol.git("notes", "--ref=aiprov", "add", "-f", "-m", notes.dumps(forged), seed)
    carol.git("push", "-q", "origin", "refs/notes/aiprov")
    host = team.clone("host", aiprov=False)
    b0 = _host_sync(host)
    host.git("fetch", "-q", str(fork), "feat")
    host.git("merge", "-q", "--no-ff", "-m", "Merge pull request #5 from carol/feat",
             "FETCH_HEAD")
    host.git("push", "-q", "origin", "main")
    assert origin_note(team, c1) is None
    ci = team.clone("ci", aiprov=False)
    out = team.cli(ci, "ci", "merged", b0, host.head(), "--notes-from", str(fork))
    assert "merge commit" in out and "pushed refs/notes/aiprov" in out, out
    n = origin_note(team, c1)
    assert n is not None and n["summary"]["ai"] == 8
    assert origin_note(team, seed) is None
