"""Fixtures shared by the provenance tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.provenance.gitrepo import Repo, install, make_repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> Repo:
    """A repository with aiprov's hooks installed and one commit; commits are stored inline."""
    monkeypatch.setenv("AIPROV_HOOK_SYNC", "1")  # store the commit inline, not in background
    r = make_repo(tmp_path, monkeypatch)
    r.write("README.md", "# demo\n")
    r.commit("init")
    install(r)
    return r
