"""Real git repositories in temp dirs for the git-integration tests (no global config leaks:
``tests/conftest.py`` points GIT_CONFIG_GLOBAL at a temp file; HOME is moved here too)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from provenance.model import Snippet

FIB = '''def fibonacci_sequence(limit):
    """Return the Fibonacci numbers below limit."""
    result = []
    a, b = 0, 1
    while a < limit:
        result.append(a)
        a, b = b, a + b
    return result
'''

PARSE = '''def parse_key_value_pairs(text, separator="="):
    """Parse lines of key=value into a dict, skipping comments and blanks."""
    pairs = {}
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition(separator)
        pairs[key.strip()] = value.strip()
    return pairs
'''


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str, input: str | None = None, check: bool = True,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(["git", *args], cwd=self.path, input=input, capture_output=True,
                              text=True, env={**os.environ, **(env or {})})
        if check and proc.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
        return proc

    def write(self, rel: str, text: str) -> None:
        p = self.path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")

    def commit(self, message: str, *paths: str, extra: tuple[str, ...] = ()) -> str:
        self.git("add", *(paths or (".",)))
        self.git("commit", "-q", "-m", message, *extra)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").stdout.strip()

    def message(self, rev: str = "HEAD") -> str:
        return self.git("show", "-s", "--format=%B", rev).stdout

    def note(self, rev: str = "HEAD") -> str | None:
        proc = self.git("notes", "--ref=refs/notes/aiprov", "show", rev, check=False)
        return proc.stdout if proc.returncode == 0 else None


def make_repo(tmp_path: Path, monkeypatch, name: str = "repo") -> Repo:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", str(tmp_path))
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(var, raising=False)
    path = tmp_path / name
    path.mkdir()
    repo = Repo(path)
    repo.git("init", "-q", "-b", "main")
    return repo


def store_url(home: Path) -> str:
    return f"sqlite:///{home / 'aiprov.db'}"


def record_suggestion(home: Path, repo: Path | str, text: str, *, exchange_id: str = "ex_1",
                      tool: str = "claude-code", model: str = "claude-sonnet-4-5",
                      developer: str = "dev@example.com", language: str = "python",
                      started_at: datetime | None = None, db_url: str | None = None,
                      source: str = "proxy") -> None:
    """A recorded exchange with one snippet, indexed, as the proxy would leave it."""
    from proxy.exchange import ANTHROPIC_MESSAGES, Exchange, Identity, RequestInfo, ResponseInfo
    from store import db, exchanges
    from store.provenance import index_snippets

    started_at = started_at or datetime.now(UTC)
    ex = Exchange(
        id=exchange_id, started_at=started_at.timestamp(), method="POST", path="/v1/messages",
        upstream="https://api.anthropic.com", status=200,
        request=RequestInfo(api=ANTHROPIC_MESSAGES, model=model, prompt="please write it"),
        response=ResponseInfo(model=model, text=f"```{language}\n{text}```\n"),
        identity=Identity(developer=developer, tool=tool, repo=str(repo)), source=source,
    )
    with db.session(db_url or store_url(home)) as s:
        exchanges.save(s, [ex])
        s.flush()
        index_snippets(s, ex.id, [Snippet(text=text, kind="fence", language=language,
                                          exchange_id=ex.id)],
                       created_at=started_at, developer=developer, repo=str(repo))
        s.commit()


def install(repo: Repo) -> None:
    from provenance.hookinstall import install_hooks

    install_hooks(repo.path, python=sys.executable)
