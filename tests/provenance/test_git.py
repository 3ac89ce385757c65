from __future__ import annotations

from pathlib import Path

import pytest

from aiprov.errors import GitError
from provenance import git
from tests.provenance.gitrepo import make_repo


@pytest.mark.parametrize(("raw", "norm"), [
    ("https://github.com/Org/Repo.git", "github.com/org/repo"),
    ("https://user:token@github.com/org/repo/", "github.com/org/repo"),
    ("git@github.com:org/repo.git", "github.com/org/repo"),
    ("ssh://git@github.com:22/org/repo", "github.com/org/repo"),
    ("git://gitlab.example.com/group/sub/proj.git", "gitlab.example.com/group/sub/proj"),
    ("github.com/org/repo", "github.com/org/repo"),  # idempotent
])
def test_normalise_repo(raw: str, norm: str) -> None:
    assert git.normalise_repo(raw) == norm
    assert git.normalise_repo(norm) == norm


def test_repo_id_remote_else_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, monkeypatch)
    assert git.repo_id(repo.path) == repo.path.resolve().as_posix()
    assert git.normalise_repo(str(repo.path)) == git.repo_id(repo.path)
    repo.git("remote", "add", "origin", "git@github.com:Org/Demo.git")
    assert git.repo_id(repo.path) == "github.com/org/demo"
    sub = repo.path / "pkg"
    sub.mkdir()
    assert git.repo_root(sub) == repo.path.resolve()


def test_not_a_repository_is_a_readable_error(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="not a git repository"):
        git.repo_root(tmp_path)


def test_notes_round_trip_and_bulk_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, monkeypatch)
    repo.write("a.txt", "a\n")
    a = repo.commit("a")
    repo.write("b.txt", "b\n")
    b = repo.commit("b")
    assert git.note_read(repo.path, a) is None
    git.note_write(repo.path, a, '{"x": 1}\n')
    git.note_write(repo.path, a, '{"x": 2}\n')  # replaces
    git.note_write(repo.path, b, "second\n")
    assert git.note_read(repo.path, a) == '{"x": 2}\n'
    assert git.notes_for(repo.path, [a, b, "0" * 40]) == {a: '{"x": 2}\n', b: "second\n"}
    assert git.rev_list(repo.path, f"{a}..{b}") == [b]


def test_blame_maps_lines_to_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, monkeypatch)
    repo.write("f.py", "one\ntwo\n")
    first = repo.commit("first")
    repo.write("f.py", "zero\none\ntwo\nthree\n")
    second = repo.commit("second")
    lines = git.blame(repo.path, "f.py")
    assert [(b.lineno, b.sha, b.orig_lineno, b.text) for b in lines] == [
        (1, second, 1, "zero"), (2, first, 1, "one"), (3, first, 2, "two"),
        (4, second, 4, "three")]
    assert [b.lineno for b in git.blame(repo.path, "f.py", lines=(2, 3))] == [2, 3]


def test_commit_info_and_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, monkeypatch)
    assert git.head(repo.path) is None  # unborn
    repo.write("a.txt", "a\n")
    sha = repo.commit("Subject here")
    info = git.commit_info(repo.path, "HEAD")
    assert info.sha == sha and info.subject == "Subject here"
    assert info.author_email == "dev@example.com" and info.tree == git.tree_of(repo.path, sha)
    assert git.parents(repo.path, sha) == []
    assert git.state_ref(repo.path, "CHERRY_PICK_HEAD") is None


def test_batched_questions_answer_as_the_single_ones(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook asks git once for what it used to ask in several calls."""
    repo = make_repo(tmp_path, monkeypatch)
    (repo.path / "sub").mkdir()
    assert git.root_and_git_dir(repo.path / "sub") == (repo.path, repo.path / ".git")
    with pytest.raises(GitError, match="not a git repository"):
        git.root_and_git_dir(tmp_path)
    assert git.head_commit(repo.path) is None  # unborn
    assert git.resolve(repo.path, ["HEAD", "HEAD^1", ""]) == {"HEAD": None, "HEAD^1": None}
    repo.write("r.txt", "r\n")
    root = repo.commit("root")
    assert git.head_commit(repo.path) == (root, git.tree_of(repo.path, root), [])
    repo.write("a.txt", "a\n")
    child = repo.commit("child")
    refs = git.resolve(repo.path, ["HEAD", "HEAD^1", "CHERRY_PICK_HEAD", child[:12], "nope"])
    assert refs == {"HEAD": child, "HEAD^1": root, "CHERRY_PICK_HEAD": None, child[:12]: child,
                    "nope": None}
    assert git.head_commit(repo.path) == (child, git.tree_of(repo.path, child), [root])

    keys = ("user.email", "remote.origin.url")
    assert git.config_values(repo.path, keys) == {"user.email": "dev@example.com"}
    assert git.repo_id_of(None, repo.path) == git.repo_id(repo.path)
    repo.git("remote", "add", "origin", "git@GitHub.com:Org/Repo.git")
    repo.git("config", "user.email", "local@example.com")  # the repository's value wins
    assert git.config_values(repo.path, keys) == {
        "user.email": "local@example.com", "remote.origin.url": "git@GitHub.com:Org/Repo.git"}
    assert git.repo_id_of("git@GitHub.com:Org/Repo.git", repo.path) == git.repo_id(repo.path)


def test_cat_file_batch_answers_missing_and_ambiguous_as_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One parser for every ``git cat-file --batch`` read: contents in order, None for a name
    that resolves to nothing or to several objects, git's failure as a GitError."""
    repo = make_repo(tmp_path, monkeypatch)
    # enough blobs that two object ids share their first four hex digits (ambiguous prefix)
    ids: dict[str, str] = {}
    for i in range(2000):
        oid = repo.git("hash-object", "-w", "--stdin", input=f"blob {i}\n").stdout.strip()
        if oid[:4] in ids:
            first, second = ids[oid[:4]], oid
            break
        ids[oid[:4]] = oid
    else:
        pytest.fail("no shared 4-digit prefix among 2000 blobs")
    texts = git.files_text_by_id(repo.path, [first, "0" * 40, first[:4], second])
    assert texts[first] is not None and texts[first].startswith("blob ")
    assert texts[second] is not None and texts[second] != texts[first]
    assert texts["0" * 40] is None and texts[first[:4]] is None  # missing, ambiguous
    repo.write("a.txt", "alpha\n")
    repo.commit("a")
    assert git.files_text(repo.path, "HEAD", ["a.txt", "nope.txt"]) == {
        "a.txt": "alpha\n", "nope.txt": None}
    with pytest.raises(GitError, match="cat-file failed"):
        git.files_text_by_id(tmp_path / "not-a-repo-dir", [first])


def test_hooks_install_configures_and_uninstall_removes_the_notes_refspec(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance import hookinstall, notesync

    repo = make_repo(tmp_path, monkeypatch)
    repo.git("remote", "add", "origin", str(tmp_path / "elsewhere.git"))
    repo.git("remote", "add", "fork", str(tmp_path / "fork.git"))
    hookinstall.install_hooks(repo.path, python="/usr/bin/python3")
    hookinstall.install_hooks(repo.path, python="/usr/bin/python3")  # idempotent
    for remote in ("origin", "fork"):
        specs = repo.git("config", "--get-all", f"remote.{remote}.fetch").stdout.splitlines()
        assert specs.count(notesync.fetch_refspec(remote)) == 1
    hookinstall.uninstall_hooks(repo.path)
    specs = repo.git("config", "--get-all", "remote.origin.fetch", check=False).stdout
    assert "aiprov" not in specs
