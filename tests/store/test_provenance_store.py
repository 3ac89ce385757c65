"""Snippet/fingerprint index and commit line maps on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlmodel import select

from provenance import fingerprint
from provenance.git import normalise_repo
from provenance.model import AI, HUMAN, Evidence, LineOrigin, Snippet
from proxy.exchange import ANTHROPIC_MESSAGES, Exchange, Identity, RequestInfo, ResponseInfo
from store import db, exchanges
from store.fingerprint_index import DbapiSnippetIndex, connect
from store.models import FingerprintRow, SnippetRow
from store.provenance import (
    SqlSnippetIndex,
    commits_lines,
    get_commit,
    index_exchange,
    index_snippets,
    lines_for,
    save_commit,
)
from tests.provenance.gitrepo import FIB, PARSE

NOW = datetime.now(UTC)


def _exchange(eid: str, text: str, *, developer: str = "dev@example.com",
              repo: str = "git@github.com:Org/Demo.git", at: datetime = NOW) -> Exchange:
    return Exchange(
        id=eid, started_at=at.timestamp(), method="POST", path="/v1/messages",
        upstream="https://api.anthropic.com", status=200,
        request=RequestInfo(api=ANTHROPIC_MESSAGES, model="claude-sonnet-4-5", prompt="go"),
        response=ResponseInfo(model="claude-sonnet-4-5", text=f"```python\n{text}```\n"),
        identity=Identity(developer=developer, tool="claude-code", repo=repo),
    )


def _save(url: str, *exs: Exchange) -> int:
    with db.session(url) as s:
        exchanges.save(s, list(exs))
        s.flush()
        n = sum(index_exchange(s, e) for e in exs)
        s.commit()
    return n


def _query_hashes(text: str) -> set[int]:
    return {fp.hash for fp in fingerprint.fingerprints(text, "python")}


def test_index_exchange_stores_snippets_with_versioned_fingerprints(db_url: str) -> None:
    assert _save(db_url, _exchange("ex_a", FIB)) == 1
    assert _save(db_url, _exchange("ex_a", FIB)) == 0  # replay: nothing twice
    with db.session(db_url) as s:
        row = s.exec(select(SnippetRow).where(SnippetRow.exchange_id == "ex_a")).one()
        assert row.normaliser == fingerprint.VERSION and row.repo == "github.com/org/demo"
        assert row.developer == "dev@example.com" and row.line_count == 8
        n = s.exec(select(func.count()).select_from(FingerprintRow)
                   .where(FingerprintRow.snippet_id == row.id)).one()
        assert n == len({(f.hash, f.line) for f in fingerprint.fingerprints(FIB, "python")})


def test_lookup_filters_developer_repo_window_and_version(db_url: str) -> None:
    # the PostgreSQL database is shared by the session: use a repository of our own
    own = f"git@github.com:Org/Filters-{uuid.uuid4().hex[:8]}.git"
    _save(db_url,
          _exchange("ex_mine", FIB, repo=own),
          _exchange("ex_other_dev", FIB, developer="someone@else.com", repo=own),
          _exchange("ex_other_repo", FIB, repo="https://github.com/org/other"),
          _exchange("ex_old", FIB, at=NOW - timedelta(days=30), repo=own),
          _exchange("ex_parse", PARSE, repo=own))
    with db.session(db_url) as s:
        idx = SqlSnippetIndex(s, developer="dev@example.com", repo=normalise_repo(own),
                              since=NOW - timedelta(days=14))
        got = idx.candidates(_query_hashes(FIB))
        assert len(got) == 1
        sid, shared = got[0]
        snip = idx.get(sid)
        assert snip is not None and snip.exchange_id == "ex_mine" and snip.text == FIB
        assert shared == len(_query_hashes(FIB))
        wide = SqlSnippetIndex(s, developer=None, repo=None, since=None)
        ids = {wide.get(sid).exchange_id for sid, _ in wide.candidates(_query_hashes(FIB))}  # type: ignore[union-attr]
        assert ids >= {"ex_mine", "ex_other_dev", "ex_other_repo", "ex_old"}
        assert "ex_parse" not in ids
        stale = SqlSnippetIndex(s, developer=None, repo=None, since=None, normaliser="fp0")
        assert stale.candidates(_query_hashes(FIB)) == []
        assert idx.candidates([]) == []
        details = idx.exchange_details(["ex_mine", "missing"])
        assert details["ex_mine"]["tool"] == "claude-code"
        assert details["ex_mine"]["model"] == "claude-sonnet-4-5"
        assert abs((details["ex_mine"]["started_at"] - NOW).total_seconds()) < 1


def test_a_suggestion_recorded_without_a_repository_counts_for_its_developer(
        db_url: str) -> None:
    """aider and bare SDK clients do not say where they run: their suggestions are stored
    with no repository and must still attribute that developer's commits (same window)."""
    dev = f"dev-{uuid.uuid4().hex[:8]}@example.com"  # the PostgreSQL database is shared
    _save(db_url, _exchange(f"ex_norepo_{dev}", FIB, developer=dev, repo=""),
          _exchange(f"ex_norepo_other_{dev}", FIB, developer="other-" + dev, repo=""))
    with db.session(db_url) as s:
        idx = SqlSnippetIndex(s, developer=dev, repo="github.com/org/anything",
                              since=NOW - timedelta(days=14))
        got = idx.candidates(_query_hashes(FIB))
        assert [idx.get(sid).exchange_id for sid, _ in got] == [  # type: ignore[union-attr]
            f"ex_norepo_{dev}"]


def _repoless(db_url: str) -> tuple[str, str]:
    """One suggestion recorded without a repository: (its developer, its snippet id)."""
    dev = f"dev-{uuid.uuid4().hex[:8]}@example.com"  # the PostgreSQL database is shared
    _save(db_url, _exchange(f"ex_claim_{dev}", FIB, developer=dev, repo=""))
    with db.session(db_url) as s:
        sid = s.exec(select(SnippetRow.id).where(
            SnippetRow.exchange_id == f"ex_claim_{dev}")).one()
    return dev, str(sid)


def _finds(db_url: str, dev: str, repo: str) -> list[str]:
    with db.session(db_url) as s:
        idx = SqlSnippetIndex(s, developer=dev, repo=repo, since=NOW - timedelta(days=14))
        return [sid for sid, _ in idx.candidates(_query_hashes(FIB))]


def _commit_lines(sid: str, origin: str = AI) -> list[LineOrigin]:
    ev = (Evidence(sid, "ex", 1, 1.0),)
    return [LineOrigin("fib.py", n, origin, 0.9, ev) for n in (1, 2, 3)]


def test_a_repoless_suggestion_belongs_to_the_first_repository_that_commits_it(
        db_url: str) -> None:
    dev, sid = _repoless(db_url)
    a, b = "github.com/org/a", "github.com/org/b"
    assert _finds(db_url, dev, a) == [sid] and _finds(db_url, dev, b) == [sid]  # unclaimed
    with db.session(db_url) as s:
        save_commit(s, a, uuid.uuid4().hex[:40].ljust(40, "0"), dev, NOW, _commit_lines(sid))
        s.commit()
        assert s.get(SnippetRow, int(sid)).repo == a  # type: ignore[union-attr]
    assert _finds(db_url, dev, a) == [sid]
    assert _finds(db_url, dev, b) == []  # claimed by A: never attributed in B again
    with db.session(db_url) as s:  # a later commit in B that cites it takes nothing from A
        save_commit(s, b, uuid.uuid4().hex[:40].ljust(40, "0"), dev, NOW, _commit_lines(sid))
        s.commit()
        assert s.get(SnippetRow, int(sid)).repo == a  # type: ignore[union-attr]
    assert _finds(db_url, dev, b) == []


def test_before_any_claim_a_commit_in_any_repository_can_claim(db_url: str) -> None:
    dev, sid = _repoless(db_url)
    a, b = "github.com/org/a", "github.com/org/b"
    with db.session(db_url) as s:  # human lines that merely cite it claim nothing
        save_commit(s, a, uuid.uuid4().hex[:40].ljust(40, "0"), dev, NOW,
                    _commit_lines(sid, HUMAN))
        s.commit()
    assert _finds(db_url, dev, a) == [sid] and _finds(db_url, dev, b) == [sid]
    with db.session(db_url) as s:
        save_commit(s, b, uuid.uuid4().hex[:40].ljust(40, "0"), dev, NOW, _commit_lines(sid))
        s.commit()
    assert _finds(db_url, dev, b) == [sid] and _finds(db_url, dev, a) == []


def test_a_snippet_recorded_with_a_repository_is_never_claimed(db_url: str) -> None:
    dev = f"dev-{uuid.uuid4().hex[:8]}@example.com"
    _save(db_url, _exchange(f"ex_own_{dev}", FIB, developer=dev))
    with db.session(db_url) as s:
        row = s.exec(select(SnippetRow).where(SnippetRow.exchange_id == f"ex_own_{dev}")).one()
        save_commit(s, "github.com/org/other", uuid.uuid4().hex[:40].ljust(40, "0"), dev, NOW,
                    _commit_lines(str(row.id)))
        s.commit()
        s.refresh(row)
        assert row.repo == normalise_repo("git@github.com:Org/Demo.git")


def test_lean_connection_gives_the_same_answer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'lean.db'}"
    _save(url, _exchange("ex_1", FIB), _exchange("ex_2", PARSE))
    with db.session(url) as s:
        orm = SqlSnippetIndex(s, developer="dev@example.com", repo="github.com/org/demo",
                              since=NOW - timedelta(days=1)).candidates(_query_hashes(FIB))
    conn, dialect = connect(url)  # type: ignore[misc]
    lean = DbapiSnippetIndex(conn, dialect, normaliser=fingerprint.VERSION,
                             developer="dev@example.com", repo="github.com/org/demo",
                             since=NOW - timedelta(days=1), until=NOW + timedelta(minutes=5))
    assert lean.candidates(_query_hashes(FIB)) == orm and orm
    assert "ix_fingerprint_hash" in lean.explain()  # the lookup walks the hash index
    assert DbapiSnippetIndex(conn, dialect, normaliser=fingerprint.VERSION,
                             until=NOW - timedelta(days=1)).candidates(_query_hashes(FIB)) == []
    conn.close()
    assert connect(f"sqlite:///{tmp_path / 'absent.db'}") is None


def test_extreme_hash_values_round_trip(db_url: str) -> None:
    with db.session(db_url) as s:
        exchanges.save(s, [_exchange("ex_h", "x = 1\n")])
        s.flush()
        rows = index_snippets(s, "ex_h", [Snippet("x = 1\n", "fence", "python")],
                              created_at=NOW, developer="d", repo=None)
        big = [2**63 - 1, -(2**63), 12345678901234567]
        for h in big:
            s.add(FingerprintRow(hash=h, snippet_id=rows[0].id, line=1))
        s.commit()
        idx = SqlSnippetIndex(s, developer=None, repo=None, since=None)
        assert idx.candidates(big) == [(str(rows[0].id), 3)]


def test_save_commit_is_idempotent(db_url: str) -> None:
    ev = (Evidence("7", "ex_1", 1, 1.0),)
    first = [LineOrigin("a.py", 1, AI, 0.9, ev), LineOrigin("a.py", 2, HUMAN, 0.9)]
    with db.session(db_url) as s:
        save_commit(s, "github.com/o/r", "a" * 40, "dev@example.com", NOW, first)
        s.commit()
        again = [LineOrigin("a.py", 1, HUMAN, 0.9), LineOrigin("b.py", 3, AI, 0.8, ev)]
        save_commit(s, "github.com/o/r", "a" * 40, "dev@example.com", NOW, again)
        s.commit()
        row = get_commit(s, "github.com/o/r", "a" * 40)
        assert row is not None and (row.ai_lines, row.human_lines) == (1, 1)
        lines = lines_for(s, "github.com/o/r", "a" * 40)
        assert [(ln.path, ln.lineno, ln.origin, ln.exchange_id) for ln in lines] == [
            ("a.py", 1, HUMAN, None), ("b.py", 3, AI, "ex_1")]
        assert lines[1].snippet_id == 7 and lines[1].language == "python"
        many = commits_lines(s, "github.com/o/r", ["a" * 40, "b" * 40], path="b.py")
        assert list(many) == ["a" * 40] and many["a" * 40][0].lineno == 3


def test_the_index_knows_when_each_snippet_was_suggested(db_url: str) -> None:
    """Recency reads the suggestion's own time (``snippet.created_at``) with the snippet:
    an exchange started earlier but stored later is the older one."""
    dev = f"dev-{uuid.uuid4().hex[:8]}@example.com"
    _save(db_url, _exchange(f"ex_new_{dev}", FIB, developer=dev))
    _save(db_url, _exchange(f"ex_old_{dev}", FIB, developer=dev, at=NOW - timedelta(days=3)))
    with db.session(db_url) as s:
        idx = SqlSnippetIndex(s, developer=dev, repo=normalise_repo(
            "git@github.com:Org/Demo.git"), since=NOW - timedelta(days=14))
        got = {idx.get(sid).exchange_id: idx.suggested_at(sid)  # type: ignore[union-attr]
               for sid, _ in idx.candidates(_query_hashes(FIB))}
    assert got.keys() == {f"ex_new_{dev}", f"ex_old_{dev}"}
    assert abs(got[f"ex_new_{dev}"] - NOW.timestamp()) < 1  # type: ignore[operator]
    assert abs(got[f"ex_old_{dev}"] - (NOW - timedelta(days=3)).timestamp()) < 1  # type: ignore[operator]
