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
