"""The hooks in real repositories: commit, amend, rebase, cherry-pick, squash merge."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from provenance import git, hookinstall, hookscripts, notes
from provenance.fingerprint import VERSION
from tests.provenance.gitrepo import FIB, PARSE, Repo, install, make_repo, record_suggestion


def _with_fib(prefix: str = "import sys\n\n\n") -> str:
    return prefix + FIB + '\n\nif __name__ == "__main__":\n    print(fibonacci_sequence(10))\n'


def _note(repo: Repo, rev: str = "HEAD") -> dict:
    note = notes.loads(repo.note(rev))
    assert note is not None, f"no aiprov note on {rev}"
    return note


def _parsed_trailers(repo: Repo, rev: str = "HEAD") -> list[tuple[str, str]]:
    out = repo.git("interpret-trailers", "--parse", input=repo.message(rev)).stdout
    return [tuple(p.strip() for p in line.split(":", 1)) for line in out.splitlines()]  # type: ignore[misc]


def test_commit_gets_trailers_note_and_store_row(repo: Repo, isolated_env: Path) -> None:
    record_suggestion(isolated_env, repo.path, FIB)
    repo.write("fib.py", _with_fib())
    sha = repo.commit("Add fibonacci")
    trailers = _parsed_trailers(repo)
    assert ("Assisted-by", "claude-code:claude-sonnet-4-5") in trailers
    assert ("AI-Lines", "8/15") in trailers
    assert repo.message().startswith("Add fibonacci\n")
    note = _note(repo)
    assert note["commit"] == sha and note["tree"] == git.tree_of(repo.path, sha)
    assert note["summary"]["ai"] == 8 and note["summary"]["added"] == 15
    ai = [r for r in note["files"][0]["ranges"] if r["origin"] == "ai"]
    assert ai[0]["start"] == 4 and ai[0]["end"] == 11 and ai[0]["exchange"] == "ex_1"
    from store import db
    from store.provenance import get_commit, lines_for

    with db.session(f"sqlite:///{isolated_env / 'aiprov.db'}") as s:
        row = get_commit(s, git.repo_id(repo.path), sha)
        assert row is not None and row.ai_lines == 8 and row.human_lines == 7
        lines = lines_for(s, git.repo_id(repo.path), sha, "fib.py")
        assert [ln.origin for ln in lines][3:11] == ["ai"] * 8


def test_human_commit_has_no_trailers_but_a_note(repo: Repo) -> None:
    repo.write("notes.txt", "just some text a person wrote\n")
    repo.commit("Add notes")
    assert not any(k in ("AI-Lines", "Assisted-by") for k, _ in _parsed_trailers(repo))
    assert _note(repo)["summary"]["human"] == 1


def test_amend_with_message_keeps_attribution(repo: Repo, isolated_env: Path) -> None:
    record_suggestion(isolated_env, repo.path, FIB)
    repo.write("fib.py", _with_fib())
    old = repo.commit("Add fibonacci")
    repo.write("extra.txt", "one more line\n")
    repo.git("add", "extra.txt")
    repo.git("commit", "-q", "--amend", "-m", "Add fibonacci and extra")
    new = repo.head()
    assert new != old
    note = _note(repo)
    assert note["commit"] == new and note["summary"]["ai"] == 8
    assert note["summary"]["added"] == 16
    trailers = _parsed_trailers(repo)
    assert ("AI-Lines", "8/16") in trailers
    assert sum(1 for k, _ in trailers if k == "AI-Lines") == 1


def test_amend_no_edit_refreshes_trailers(repo: Repo, isolated_env: Path) -> None:
    record_suggestion(isolated_env, repo.path, FIB)
    repo.write("fib.py", _with_fib())
    repo.commit("Add fibonacci")
    repo.write("fib.py", _with_fib() + "# trailing human comment\n")
    repo.git("add", "fib.py")
    repo.git("commit", "-q", "--amend", "--no-edit")
    trailers = _parsed_trailers(repo)
    assert [v for k, v in trailers if k == "AI-Lines"] == ["8/16"]
    assert [v for k, v in trailers if k == "Assisted-by"] == ["claude-code:claude-sonnet-4-5"]


def test_rebase_keeps_notes_even_after_the_window(repo: Repo, isolated_env: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    record_suggestion(isolated_env, repo.path, PARSE)
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("kv.py", "import re\n\n\n" + PARSE)
    old = repo.commit("Add key-value parser")
    assert _note(repo)["summary"]["ai"] >= 9
    repo.git("checkout", "-q", "main")
    repo.write("other.txt", "main moves on\n")
    repo.commit("Main work")
    repo.git("checkout", "-q", "feature")
    # the suggestion is now outside the lookup window: only the old note can tell
    monkeypatch.setenv("AIPROV_ATTRIBUTION_WINDOW_DAYS", "0")
    repo.git("rebase", "-q", "main")
    new = repo.head()
    assert new != old
    note = _note(repo, new)
    assert note["commit"] == new and note["tree"] == git.tree_of(repo.path, new)
    assert note["summary"]["ai"] >= 9
    assert ("AI-Lines", f"{note['summary']['ai']}/{note['summary']['added']}") in \
        _parsed_trailers(repo)
    assert repo.note(new).count('"schema"') == 1  # git's concatenated copy was cleaned up


def test_cherry_pick_carries_attribution(repo: Repo, isolated_env: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    record_suggestion(isolated_env, repo.path, PARSE)
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("kv.py", PARSE)
    picked = repo.commit("Add key-value parser")
    repo.git("checkout", "-q", "main")
    repo.write("other.txt", "diverge\n")
    repo.commit("Main work")
    monkeypatch.setenv("AIPROV_ATTRIBUTION_WINDOW_DAYS", "0")
    repo.git("cherry-pick", picked)
    new = repo.head()
    assert new != picked
    note = _note(repo, new)
    assert note["commit"] == new
    assert note["summary"]["ai"] == _note(repo, picked)["summary"]["ai"] >= 9


def test_squash_merge_attributes_by_content(repo: Repo, isolated_env: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    record_suggestion(isolated_env, repo.path, PARSE, exchange_id="ex_kv")
    record_suggestion(isolated_env, repo.path, FIB, exchange_id="ex_fib", tool="aider",
                      model="gpt-4.1")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("kv.py", PARSE)
    repo.commit("kv")
    repo.write("fib.py", FIB)
    repo.commit("fib")
    repo.git("checkout", "-q", "main")
    monkeypatch.setenv("AIPROV_ATTRIBUTION_WINDOW_DAYS", "0")  # only the notes can tell now
    repo.git("merge", "-q", "--squash", "feature")
    repo.git("commit", "-q", "--no-edit")
    note = _note(repo)
    assert note["summary"]["ai"] >= 17
    trailers = _parsed_trailers(repo)
    assert ("Assisted-by", "claude-code:claude-sonnet-4-5") in trailers
    assert ("Assisted-by", "aider:gpt-4.1") in trailers


def test_true_merge_commit_gets_no_note(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "side")
    repo.write("side.txt", "side\n")
    repo.commit("side")
    repo.git("checkout", "-q", "main")
    repo.write("main.txt", "main\n")
    repo.commit("main")
    repo.git("merge", "-q", "--no-ff", "--no-edit", "side")
    assert repo.note("HEAD") is None


def test_store_down_never_blocks_the_commit(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIPROV_DB", "postgresql://nobody@127.0.0.1:9/none")
    repo.write("x.py", "def f():\n    return 1\n")
    repo.git("add", "x.py")
    proc = repo.git("commit", "-m", "Subject line\n\nBody that must survive.")
    assert repo.message().strip() == "Subject line\n\nBody that must survive."
    warnings = [ln for ln in proc.stderr.splitlines() if ln.startswith("aiprov:")]
    assert len(warnings) == 1, proc.stderr
    assert "prepare-commit-msg skipped" in warnings[0] and "not affected" in warnings[0]
    assert len(proc.stderr.strip().splitlines()) == 1  # no traceback
    assert repo.note() is None  # no guessing when attribution failed


def test_missing_interpreter_warns_in_one_line(repo: Repo) -> None:
    install_with = repo.path / ".git" / "hooks" / "prepare-commit-msg"
    install_with.write_text(install_with.read_text().replace(sys.executable, "/nonexistent/py"))
    repo.write("y.txt", "y\n")
    repo.git("add", "y.txt")
    proc = repo.git("commit", "-m", "still commits")
    assert repo.message().strip() == "still commits"
    assert [ln for ln in proc.stderr.splitlines() if "aiprov" in ln] == [
        "aiprov: prepare-commit-msg hook skipped: /nonexistent/py not found "
        "(run: aiprov hooks install)"]


def test_user_hooks_are_chained_and_restored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             isolated_env: Path) -> None:
    monkeypatch.setenv("AIPROV_HOOK_SYNC", "1")
    r = make_repo(tmp_path, monkeypatch)
    hook = r.path / ".git" / "hooks" / "prepare-commit-msg"
    hook.write_text('#!/bin/sh\necho "user hook ran" >> "$1"\n')
    hook.chmod(0o755)
    rewrite = r.path / ".git" / "hooks" / "post-rewrite"
    rewrite.write_text('#!/bin/sh\ncat > "$(git rev-parse --git-dir)/user-rewrite.txt"\n')
    rewrite.chmod(0o755)
    install(r)
    assert (r.path / ".git" / "hooks" / "prepare-commit-msg.pre-aiprov").exists()
    r.write("a.txt", "a\n")
    r.commit("first")
    assert "user hook ran" in r.message()
    assert r.note() is not None
    old = r.head()
    r.git("commit", "-q", "--amend", "-m", "first again")
    assert old in (r.path / ".git" / "user-rewrite.txt").read_text()  # stdin reached the user
    assert r.note() is not None
    hookinstall.uninstall_hooks(r.path)
    assert hook.read_text() == '#!/bin/sh\necho "user hook ran" >> "$1"\n'
    assert not (r.path / ".git" / "hooks" / "post-commit").exists()


@pytest.mark.parametrize("call", ["relative", "absolute", "bare name"])
def test_the_chained_user_hook_is_found_however_the_script_is_called(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    """The script finds its directory from $0 without running dirname (one process less
    per hook on every commit): by a relative path (git's way), an absolute one, or by a
    bare name from the hooks directory (``sh pre-commit``)."""
    r = make_repo(tmp_path, monkeypatch)
    hooks = r.path / ".git" / "hooks"
    user = hooks / "pre-commit"
    user.write_text('#!/bin/sh\necho "user pre-commit ran" >&2\nexit 3\n')
    user.chmod(0o755)
    install(r)
    assert (hooks / "pre-commit.pre-aiprov").exists()
    assert "dirname" not in (hooks / "pre-commit").read_text()
    cmd, cwd = {"relative": ([".git/hooks/pre-commit"], r.path),
                "absolute": ([str(hooks / "pre-commit")], tmp_path),
                "bare name": (["sh", "pre-commit"], hooks)}[call]
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    assert proc.returncode == 3 and "user pre-commit ran" in proc.stderr


def test_failing_user_hook_still_blocks_as_before(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    r = make_repo(tmp_path, monkeypatch)
    hook = r.path / ".git" / "hooks" / "prepare-commit-msg"
    hook.write_text("#!/bin/sh\necho 'policy says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    install(r)
    r.write("a.txt", "a\n")
    r.git("add", "a.txt")
    proc = r.git("commit", "-m", "x", check=False)
    assert proc.returncode != 0 and "policy says no" in proc.stderr


def test_global_install_runs_repo_hooks_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            isolated_env: Path) -> None:
    monkeypatch.setenv("AIPROV_HOOK_SYNC", "1")
    r = make_repo(tmp_path, monkeypatch)
    local = r.path / ".git" / "hooks" / "post-commit"
    local.write_text('#!/bin/sh\ntouch "$(git rev-parse --git-dir)/local-ran"\n')
    local.chmod(0o755)
    hookinstall.install_hooks(None, global_=True, home=isolated_env, python=sys.executable)
    assert git.config_get(None, "core.hooksPath", global_=True) == str(isolated_env / "hooks")
    assert "refs/notes/aiprov" in (git.config_get(None, "notes.rewriteRef", global_=True) or "")
    r.write("a.txt", "a\n")
    r.commit("global hooks")
    assert (r.path / ".git" / "local-ran").exists()
    assert r.note() is not None
    hookinstall.uninstall_hooks(None, global_=True, home=isolated_env)
    assert git.config_get(None, "core.hooksPath", global_=True) is None


def test_hook_status_and_notes_rewrite_config(repo: Repo) -> None:
    states = hookinstall.hooks_status(repo.path)
    assert [(s.name, s.installed) for s in states] == [
        ("pre-commit", True), ("prepare-commit-msg", True), ("post-commit", True),
        ("post-rewrite", True), ("pre-push", True), ("post-merge", True),
        ("post-checkout", True)]
    assert git.config_get(repo.path, "notes.rewriteRef") == "refs/notes/aiprov"
    assert git.config_get(repo.path, "notes.rewrite.amend") == "true"


def test_note_json_is_valid_on_every_commit(repo: Repo) -> None:
    for i in range(3):
        repo.write(f"f{i}.txt", f"{i}\n")
        sha = repo.commit(f"c{i}")
        note = json.loads(repo.note())
        tree = repo.git("rev-parse", "HEAD^{tree}").stdout.strip()
        assert (note["schema"], note["commit"], note["tree"], note["normaliser"]) == (
            "aiprov.note/1", sha, tree, VERSION)
        assert note["summary"] == {"added": 1, "ai": 0, "ai_edited": 0, "human": 1,
                                   "deleted": 0, "skipped_files": 0}
        assert note["files"] == [{"path": f"f{i}.txt", "old_path": None, "status": "A",
                                  "ranges": [{"start": 1, "end": 1, "origin": "human",
                                              "confidence": 0.9}]}]


def test_post_commit_stores_findings_and_the_gate_blocks_when_the_policy_says(repo: Repo):
    """With AIPROV_HOOK_SYNC=1 the post-commit save also reviews the commit and keeps its
    findings; the pre-commit gate blocks only with a policy file that says block."""
    import os
    import subprocess

    from aiprov.settings import get_settings
    from store import db
    from store.findings import open_findings

    env = {**os.environ, "AIPROV_HOOK_SYNC": "1"}
    repo.write("app.py", "import subprocess\n\ndef run(cmd):\n"
                         "    return subprocess.call(cmd, shell=True)\n")
    subprocess.run(["git", "add", "-A"], cwd=repo.path, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "shell"], cwd=repo.path, check=True, env=env)
    with db.session(get_settings().db_url) as s:
        rows = open_findings(s, git.repo_id(repo.path), {"app.py"})
    assert any(r.cwe == "CWE-78" for r in rows)

    (repo.path / ".aiprov").mkdir()
    (repo.path / ".aiprov" / "policy.toml").write_text("[review]\nblock = true\n")
    repo.write("b.py", "import subprocess\n\ndef go(c):\n"
                       "    return subprocess.run(c, shell=True)\n")
    subprocess.run(["git", "add", "-A"], cwd=repo.path, check=True, env=env)
    # human-origin code only: the gate reviews AI-origin lines, so it does not block
    r = subprocess.run(["git", "commit", "-qm", "human"], cwd=repo.path, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr

    from aiprov.settings import get_settings as gs
    from tests.provenance.gitrepo import record_suggestion

    ai_code = ("import subprocess\n\n\ndef deploy(target):\n"
               "    cmd = 'rsync -a build/ ' + target\n"
               "    return subprocess.check_output(cmd, shell=True)\n")
    record_suggestion(gs().home, git.repo_id(repo.path), ai_code, exchange_id="ex_gate",
                      db_url=gs().db_url)
    repo.write("deploy.py", ai_code)
    subprocess.run(["git", "add", "deploy.py"], cwd=repo.path, check=True, env=env)
    r = subprocess.run(["git", "commit", "-qm", "deploy"], cwd=repo.path, env=env,
                       capture_output=True, text=True)
    assert r.returncode != 0 and "commit blocked" in r.stderr and "CWE-78" in r.stderr
    r = subprocess.run(["git", "commit", "-qm", "deploy"], cwd=repo.path,
                       env={**env, "AIPROV_REVIEW_OVERRIDE": "hotfix, reviewed by hand"},
                       capture_output=True, text=True)
    assert r.returncode == 0 and "hotfix, reviewed by hand" in r.stderr


def test_ai_findings_are_shown_as_warnings_when_committing(repo: Repo):
    import os
    import subprocess

    from aiprov.settings import get_settings
    from tests.provenance.gitrepo import record_suggestion

    code = ("import hashlib\nimport sqlite3\n\n\ndef store_password(db_path, user, pw):\n"
            "    digest = hashlib.md5(pw.encode()).hexdigest()\n"
            "    conn = sqlite3.connect(db_path)\n"
            "    conn.execute('UPDATE users SET pw = ? WHERE name = ?', (digest, user))\n"
            "    conn.commit()\n    conn.close()\n    return digest\n")
    record_suggestion(get_settings().home, git.repo_id(repo.path), code, exchange_id="ex_warn",
                      db_url=get_settings().db_url)
    repo.write("pw.py", code)
    (repo.path / ".aiprov").mkdir()
    (repo.path / ".aiprov" / "policy.toml").write_text("[review]\nblock = false\n")
    subprocess.run(["git", "add", "pw.py", ".aiprov"], cwd=repo.path, check=True)
    r = subprocess.run(["git", "commit", "-qm", "pw"], cwd=repo.path, capture_output=True,
                       text=True, env={**os.environ, "AIPROV_HOOK_SYNC": "1",
                                       "AIPROV_HOOK_DEBUG": "1", "AIPROV_HOOK_TIMING": "1"})
    assert r.returncode == 0  # warn mode never blocks
    assert "warning only" in r.stderr and "CWE-916" in r.stderr, (r.stderr, repo.note())


def test_the_hook_waits_for_a_running_proxys_recorder(tmp_path):
    """await_recorder polls the proxy's status until what it has in flight is written."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from provenance.hook import await_recorder
    from provenance.pipeline import LightSettings

    polls = {"n": 0}

    class Status(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            polls["n"] += 1
            busy = polls["n"] < 3  # two answers with one exchange in flight, then drained
            body = json.dumps({"recorder": {"submitted": 5, "processed": 4 if busy else 5,
                                            "queued": 1 if busy else 0, "overflow": 0,
                                            "dropped": 0}}).encode()
            self.send_response(200)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Status)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        s = LightSettings(home=tmp_path, host="127.0.0.1", port=server.server_address[1])
        assert await_recorder(s) is True and polls["n"] == 3
        polls["n"] = -10_000  # stays busy: the wait is bounded
        assert await_recorder(s, limit=0.2) is False
    finally:
        server.shutdown()
    # no proxy listening: no wait at all
    assert await_recorder(LightSettings(home=tmp_path, port=1)) is True


# --- post-commit without Python: the pending note and the shell script -------------------


def _hook_env(**extra: str) -> dict[str, str]:
    import os

    return {**os.environ, "AIPROV_HOOK_TIMING": "1", **extra}


def test_pending_note_round_trip(tmp_path: Path) -> None:
    """head + commit id + rest is exactly notes.dumps of the note with the commit set."""
    from provenance.hook import PENDING, clear_pending, read_pending, write_pending

    note = {"schema": notes.SCHEMA, "commit": "", "tree": "t" * 40, "summary": {"added": 1},
            "files": [{"path": 'we"ird\nname.py', "ranges": []}], "text": "ünï"}
    write_pending(tmp_path, "t" * 40, parent="p" * 40, note=note, root=tmp_path / "r",
                  home=tmp_path / "h")
    lines = (tmp_path / "aiprov" / PENDING).read_text().split("\n")
    assert lines[:3] == [f"{'t' * 40} {'p' * 40}", str(tmp_path / "r"), str(tmp_path / "h")]
    rest = (tmp_path / "aiprov" / "pending.note").read_text()
    assert lines[3] + "c" * 40 + rest == notes.dumps({**note, "commit": "c" * 40})
    assert read_pending(tmp_path) == {"tree": "t" * 40, "parent": "p" * 40, "note": note}

    write_pending(tmp_path, "t" * 40, note=note, root=tmp_path / "a\nb", home=tmp_path)
    first = (tmp_path / "aiprov" / PENDING).read_text().split("\n")[0]
    assert first == f"{'t' * 40} - slow"  # no commit matches: the Python hook takes over
    assert read_pending(tmp_path) == {"tree": "t" * 40, "parent": None, "note": note}

    write_pending(tmp_path, "t" * 40)
    assert read_pending(tmp_path) == {"tree": "t" * 40, "error": True}
    (tmp_path / "aiprov" / PENDING).write_text("")  # emptied by the shell after use
    assert read_pending(tmp_path) is None
    clear_pending(tmp_path)
    assert read_pending(tmp_path) is None


def test_shell_post_commit_writes_the_note_python_would(tmp_path: Path, isolated_env: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The post-commit script writes the pending note without starting Python, byte for
    byte the note the Python hook writes from the same pending files."""
    import shutil
    import subprocess

    monkeypatch.setenv("AIPROV_HOOK_SYNC", "1")
    r = make_repo(tmp_path, monkeypatch)
    keep = tmp_path / "kept"
    user_hook = r.path / ".git" / "hooks" / "post-commit"  # chained: runs before aiprov's
    user_hook.write_text(f'#!/bin/sh\nmkdir -p {keep}\ncp .git/aiprov/pending* {keep}/\n')
    user_hook.chmod(0o755)
    install(r)
    record_suggestion(isolated_env, r.path, FIB)
    r.write("fib.py", _with_fib())
    r.git("add", "fib.py")
    proc = r.git("commit", "-q", "-m", "Add fibonacci", env=_hook_env())
    assert "prepare-commit-msg took" in proc.stderr
    assert "post-commit took" not in proc.stderr, proc.stderr  # no Python for post-commit
    assert "save took" in proc.stderr  # the store save still ran (inline: AIPROV_HOOK_SYNC)
    shell_note = r.note()
    sha = r.head()
    assert shell_note is not None and _note(r)["commit"] == sha
    assert _note(r)["summary"]["ai"] == 8
    pending_dir = r.path / ".git" / "aiprov"
    assert all(p.stat().st_size == 0 for p in pending_dir.glob("pending*"))  # used once

    r.git("notes", "--ref=refs/notes/aiprov", "remove", sha)
    for p in keep.iterdir():
        shutil.copy(p, pending_dir / p.name)
    py = subprocess.run([sys.executable, "-m", "provenance.hook", "post-commit"], cwd=r.path,
                        capture_output=True, text=True, env=_hook_env())
    assert "post-commit took" in py.stderr and "skipped" not in py.stderr, py.stderr
    assert r.note() == shell_note


def test_missing_stale_or_failed_pending_note_falls_back_to_python(
        repo: Repo, isolated_env: Path) -> None:
    import subprocess

    from provenance.hook import LAST_ERROR, read_pending, write_pending

    record_suggestion(isolated_env, repo.path, FIB)
    repo.write("fib.py", _with_fib())
    sha = repo.commit("Add fibonacci")
    good = repo.note()
    gdir = repo.path / ".git"
    hook = gdir / "hooks" / "post-commit"

    def run_hook() -> str:
        repo.git("notes", "--ref=refs/notes/aiprov", "remove", "--ignore-missing", sha)
        proc = subprocess.run([str(hook)], cwd=repo.path, capture_output=True, text=True,
                              env=_hook_env())
        assert "skipped" not in proc.stderr, proc.stderr
        return proc.stderr

    # used up (the files are empty after the commit): Python re-attributes the commit
    assert read_pending(gdir) is None
    assert "post-commit took" in run_hook()
    assert _note(repo)["summary"] == notes.loads(good)["summary"]  # type: ignore[index]
    assert _note(repo)["commit"] == sha

    # missing altogether
    for p in (gdir / "aiprov").glob("pending*"):
        p.unlink()
    assert "post-commit took" in run_hook()
    assert _note(repo)["summary"]["ai"] == 8

    # stale: made for another tree; its contents must not end up on this commit
    bogus = {**notes.loads(good), "summary": {"bogus": True}}  # type: ignore[dict-item]
    write_pending(gdir, "0" * 40, parent=git.parents(repo.path, sha)[0], note=bogus,
                  root=repo.path, home=isolated_env)
    assert "post-commit took" in run_hook()
    assert _note(repo)["summary"]["ai"] == 8 and _note(repo)["tree"] == git.tree_of(repo.path, sha)

    # attribution failed for this very tree: no note, no guessing
    write_pending(gdir, git.tree_of(repo.path, sha) or "")
    assert "post-commit took" in run_hook()
    assert repo.note() is None

    # an earlier background failure to report: Python writes the pending note and says so
    write_pending(gdir, git.tree_of(repo.path, sha) or "", parent=git.parents(repo.path, sha)[0],
                  note={**notes.loads(good), "commit": ""}, root=repo.path,  # type: ignore[dict-item]
                  home=isolated_env)
    (isolated_env / LAST_ERROR).write_text("saving commit abc to the store failed: boom\n")
    err = run_hook()
    assert "post-commit took" in err and "aiprov: earlier saving commit abc" in err
    assert repo.note() == good
    assert not (isolated_env / LAST_ERROR).exists()


def test_shell_post_commit_saves_in_the_background(tmp_path: Path, isolated_env: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from store import db
    from store.provenance import get_commit

    r = make_repo(tmp_path, monkeypatch)
    r.write("README.md", "# demo\n")
    r.commit("init")
    install(r)
    record_suggestion(isolated_env, r.path, FIB)
    r.write("fib.py", _with_fib())
    r.git("add", "fib.py")
    proc = r.git("commit", "-q", "-m", "Add fibonacci", env=_hook_env(AIPROV_HOOK_SYNC="0"))
    assert "post-commit took" not in proc.stderr and "save took" not in proc.stderr
    sha = r.head()
    deadline = time.monotonic() + 60
    row = None
    while time.monotonic() < deadline:
        with db.session(f"sqlite:///{isolated_env / 'aiprov.db'}") as s:
            row = get_commit(s, git.repo_id(r.path), sha)
        if row is not None:
            break
        time.sleep(0.2)
    assert row is not None and row.ai_lines == 8, (isolated_env / "hook.log").read_text()


def test_hook_policy_path_is_the_reviewers() -> None:
    from provenance.hook import POLICY_FILE
    from reviewer.policy import POLICY_PATH

    assert POLICY_FILE == POLICY_PATH
    assert POLICY_PATH in hookscripts.hook_script("pre-commit", sys.executable, [], False)
