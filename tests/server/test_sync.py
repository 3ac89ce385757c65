"""The sync client against a real org server on loopback: batches, modes, server down."""

from __future__ import annotations

import json
import socket
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from aiprov.errors import ConfigError
from aiprov.settings import Settings
from aiprov.sync import Syncer
from store import db
from store.findings import dismiss
from store.models import (
    CommitRow,
    ExchangeRow,
    FindingRow,
    FingerprintRow,
    LineRow,
    SnippetRow,
)
from tests.server.conftest import LoopbackServer

NOW = datetime.now(UTC)


def local_store(url: str, n: int = 3) -> None:
    """A laptop's store: ``n`` exchanges with a snippet each, one commit using the first,
    one finding on it."""
    with Session(db.get_engine(url)) as s:
        first_snippet = None
        for i in range(n):
            s.add(ExchangeRow(id=f"ex{i:04d}", started_at=NOW - timedelta(minutes=n - i),
                              developer="alice@example.com", tool="aider", api="openai-chat",
                              path="/v1/chat/completions", model_answered="gpt-5",
                              prompt=f"<script>prompt {i}</script>", response_text="code",
                              request_json='{"messages": "whole history"}', cost_usd=0.5,
                              input_tokens=10, output_tokens=5, cwd="/home/alice"))
            s.flush()
            sn = SnippetRow(exchange_id=f"ex{i:04d}", ordinal=0, kind="fence",
                            language="python", text=f"x = {i}\n", line_count=1,
                            created_at=NOW, developer="alice@example.com", normaliser="fp1")
            s.add(sn)
            s.flush()
            s.add(FingerprintRow(hash=1000 + i, snippet_id=sn.id, line=1))
            first_snippet = first_snippet or sn.id
        c = CommitRow(repo="acme/web", sha="a" * 40, author="alice@example.com",
                      committed_at=NOW, ai_lines=1, human_lines=1)
        s.add(c)
        s.flush()
        s.add(LineRow(commit_id=c.id, path="a.py", lineno=1, origin="ai", confidence=0.9,
                      snippet_id=first_snippet, exchange_id="ex0000", language="python"))
        s.add(LineRow(commit_id=c.id, path="a.py", lineno=2, origin="human", confidence=1.0))
        s.add(FindingRow(repo="acme/web", commit_sha="a" * 40, path="a.py", line=1,
                         rule_id="py.eval", severity="high", confidence="high", origin="ai",
                         exchange_id="ex0000", found_at=NOW, message="eval"))
        s.commit()


def laptop(tmp_path: Path, url: str, token: str, mode: str = "full") -> Settings:
    return Settings(home=tmp_path / "laptop", db=f"sqlite:///{tmp_path / 'laptop.db'}",
                    server_url=url, server_token=token, sync_mode=mode)


def server_counts(org) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with Session(org.app.state.engine) as s:
        return {m.__tablename__: s.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (ExchangeRow, SnippetRow, FingerprintRow, CommitRow, LineRow,
                          FindingRow)}


def test_sync_pushes_everything_in_batches_and_marks_it(org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with LoopbackServer(org.app) as srv:
        st = laptop(tmp_path, srv.url, org.tokens["alice"])
        local_store(st.db_url, n=5)
        syncer = Syncer(st, batch_size=2)
        res = syncer.run_once()
        assert res.ok, res.error
        assert (res.exchanges, res.commits, res.findings, res.pending) == (5, 1, 1, 0)
        assert res.batches == 3
        assert server_counts(org) == {"exchange": 5, "snippet": 5, "fingerprint": 5,
                                      "commit_attribution": 1, "line_attribution": 2,
                                      "finding": 1}
        # nothing new: nothing sent
        again = syncer.run_once()
        assert (again.exchanges, again.commits, again.findings, again.batches) == (0, 0, 0, 0)
        # a finding fixed later is sent again and updated on the server
        with Session(db.get_engine(st.db_url)) as s:
            fnd = s.execute(select(FindingRow)).scalar_one()
            fnd.fixed_sha = "b" * 40
            fnd.fixed_at = fnd.updated_at = datetime.now(UTC) + timedelta(hours=1)
            s.add(fnd)
            s.commit()
        assert syncer.run_once().findings == 1
        with Session(org.app.state.engine) as s:
            assert s.execute(select(FindingRow.fixed_sha)).scalar_one() == "b" * 40
        # so is one dismissed later (triage), with who and why; the finding is alice's
        with Session(db.get_engine(st.db_url)) as s:
            fnd = s.execute(select(FindingRow)).scalar_one()
            fnd.developer = "mallory@example.com"  # a token speaks only for its developer
            s.add(fnd)
            dismiss(s, int(fnd.id or 0), by="alice@example.com", reason="test fixture only",
                    at=datetime.now(UTC) + timedelta(hours=2))
            s.commit()
        assert syncer.run_once().findings == 1
        with Session(org.app.state.engine) as s:
            got = s.execute(select(FindingRow)).scalar_one()
            assert (got.dismissed_by, got.dismiss_reason) == ("alice@example.com",
                                                              "test fixture only")
            assert got.dismissed_at is not None
            assert got.developer == "alice@example.com"
    # the line's snippet id was translated to the server's snippet of ex0000
    with Session(org.app.state.engine) as s:
        line = s.execute(select(LineRow).where(LineRow.origin == "ai")).scalar_one()
        assert s.get(SnippetRow, line.snippet_id).exchange_id == "ex0000"


def test_metadata_mode_sends_no_text(org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with LoopbackServer(org.app) as srv:
        st = laptop(tmp_path, srv.url, org.tokens["alice"], mode="metadata")
        local_store(st.db_url, n=2)
        res = Syncer(st).run_once()
        assert res.ok and res.mode == "metadata"
    with Session(org.app.state.engine) as s:
        rows = s.execute(select(ExchangeRow)).scalars().all()
        texts = s.execute(select(SnippetRow.text)).scalars().all()
    assert [r.prompt for r in rows] == ["", ""] and all(r.cost_usd == 0.5 for r in rows)
    assert texts == ["", ""]


def test_org_mode_wins_when_stricter(org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    org.client.put("/api/settings", json={"sync_mode": "redacted"}, headers=org.h("admin"))
    with LoopbackServer(org.app) as srv:
        st = laptop(tmp_path, srv.url, org.tokens["alice"], mode="full")
        local_store(st.db_url, n=1)
        assert Syncer(st).run_once().mode == "redacted"
    with Session(org.app.state.engine) as s:
        row = s.execute(select(ExchangeRow)).scalar_one()
    assert row.prompt == "<script>prompt 0</script>" and row.request_json == "{}"
    assert row.cwd is None


def test_server_down_keeps_records_and_retries(org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # the server's port, bound now and not listening: connections are refused until the
    # server starts on this very socket (no port picked now and bound later)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        st = laptop(tmp_path, f"http://127.0.0.1:{sock.getsockname()[1]}",
                    org.tokens["alice"])
        local_store(st.db_url, n=3)
        syncer = Syncer(st, interval=0.05, max_backoff=0.2)
        down = syncer.run_once()
        assert not down.ok and "cannot reach the org server" in down.error
        assert down.pending == 4  # 3 exchanges + 1 commit, all kept
        syncer.failures = 3
        assert 0.1 <= syncer.next_delay() <= 0.2
        # background thread: keeps failing, then the server comes up and it catches up
        syncer.start()
        try:
            deadline = time.monotonic() + 20
            while syncer.failures == 3 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert syncer.failures > 3  # it tried again, and failed
            with LoopbackServer(org.app, sock=sock):
                deadline = time.monotonic() + 20
                while syncer.pending() and time.monotonic() < deadline:
                    time.sleep(0.05)
                assert syncer.pending() == 0
        finally:
            syncer.stop()
    assert server_counts(org)["exchange"] == 3


def test_bad_token_is_reported_not_raised(org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with LoopbackServer(org.app) as srv:
        st = laptop(tmp_path, srv.url, "aip_wrong")
        local_store(st.db_url, n=1)
        res = Syncer(st).run_once()
    assert "refused the token" in res.error and res.pending == 2


def test_unconfigured_sync_says_what_to_set(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="server_url"):
        Syncer(Settings(home=tmp_path))
    with pytest.raises(ConfigError, match="server_token"):
        Syncer(Settings(home=tmp_path, server_url="http://127.0.0.1:9"))


def test_state_file_is_json(org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with LoopbackServer(org.app) as srv:
        st = laptop(tmp_path, srv.url, org.tokens["alice"])
        local_store(st.db_url, n=1)
        Syncer(st).run_once()
    state = json.loads((st.home / "sync_state.json").read_text())
    assert state == {"finding_id": 1, "updated_at": None, "updated_id": 0}


def test_nul_in_local_text_is_sent_as_replacement_character(org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """SQLite holds a NUL that PostgreSQL text cannot; the server refuses one, so the
    client sends U+FFFD instead of leaving the record unsyncable."""
    with LoopbackServer(org.app) as srv:
        st = laptop(tmp_path, srv.url, org.tokens["alice"])
        local_store(st.db_url, n=1)
        with Session(db.get_engine(st.db_url)) as s:
            ex = s.get(ExchangeRow, "ex0000")
            ex.prompt, ex.source = "read this:\x00\x01binary", "intercept"
            s.add(ex)
            s.commit()
        res = Syncer(st).run_once()
        assert res.ok, res.error
    with Session(org.app.state.engine) as s:
        row = s.get(ExchangeRow, "ex0000")
    assert row.prompt == "read this:\ufffd\x01binary"
    assert row.source == "intercept"  # a value column of the Base: it syncs


@pytest.mark.parametrize("org_db", ["sqlite"], indirect=True)
def test_batches_stay_within_the_record_limit(org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two commits of 30,000 lines each are 60,002 records: over one batch's 50,000, so
    they go in two batches, and the server takes both."""
    from aiprov.server.wire import MAX_BATCH_RECORDS

    with LoopbackServer(org.app) as srv:
        st = laptop(tmp_path, srv.url, org.tokens["alice"])
        engine = db.get_engine(st.db_url)
        with engine.begin() as conn:
            for k in range(2):
                cid = conn.execute(CommitRow.__table__.insert().values(  # type: ignore[attr-defined]
                    repo="acme/big", sha=f"{k}" * 40, author="alice@example.com",
                    committed_at=NOW, human_lines=30_000)).inserted_primary_key[0]
                conn.execute(LineRow.__table__.insert(), [  # type: ignore[attr-defined]
                    {"commit_id": cid, "path": "vendor.py", "lineno": i, "origin": "human",
                     "confidence": 1.0} for i in range(1, 30_001)])
        assert 2 * 30_001 > MAX_BATCH_RECORDS >= 30_001
        res = Syncer(st).run_once()
        assert res.ok, res.error
        assert (res.commits, res.batches, res.pending) == (2, 2, 0)
    assert server_counts(org)["line_attribution"] == 60_000


@pytest.mark.parametrize("org_db", ["sqlite"], indirect=True)
def test_a_batch_over_the_body_limit_is_halved_until_it_fits(org, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import aiprov.sync

    with LoopbackServer(org.app) as srv:
        st = laptop(tmp_path, srv.url, org.tokens["alice"])
        local_store(st.db_url, n=8)
        with Session(db.get_engine(st.db_url)) as s:
            for ex in s.execute(select(ExchangeRow)).scalars():
                ex.response_text = "y" * 10_000  # ~10 KB of JSON each
                s.add(ex)
            s.commit()
        # the client believes the server takes 25 KB
        monkeypatch.setattr(aiprov.sync, "MAX_BODY_BYTES", 25_000)
        sizes: list[int] = []
        real_fit = Syncer._fit

        def fit(self, conn, mode):  # type: ignore[no-untyped-def]
            body, keys, raw = real_fit(self, conn, mode)
            sizes.append(len(raw))
            return body, keys, raw

        monkeypatch.setattr(Syncer, "_fit", fit)
        res = Syncer(st).run_once()
        assert res.ok, res.error
    # 8 exchanges of ~11 KB fit 25 KB two at a time at most: 4 batches or more, each in
    # the bound (the last call of _fit found nothing left to send)
    assert res.exchanges == 8 and res.batches >= 4 and len(sizes) == res.batches + 1
    assert all(n <= 25_000 for n in sizes) and server_counts(org)["exchange"] == 8


def test_suggestion_findings_sync_with_their_life_cycle_columns(org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A finding the recorder found in a suggestion (no commit, no repository) reaches the
    org server with its stage, exchange, code fingerprint, tool, model and snippet; its
    developer is the token's, like the exchange's."""
    from proxy.recorder import Recorder
    from tests.proxy.test_recorder import raw

    with LoopbackServer(org.app) as srv:
        st = laptop(tmp_path, srv.url, org.tokens["alice"]).model_copy(
            update={"developer": "someone-else@example.com"})
        answer = {"id": "c", "model": "gpt-4o", "choices": [{"index": 0, "message": {
            "role": "assistant", "content": "```js\nel.innerHTML = userHtml;\n```"},
            "finish_reason": "stop"}]}
        r = raw(3)
        r.chunks = [json.dumps(answer).encode()]
        rec = Recorder(st)
        rec.start()
        rec.submit(r)
        assert rec.flush(20)
        rec.stop()
        with Session(db.get_engine(st.db_url)) as s:
            local = s.execute(select(FindingRow)).scalar_one()
        assert (local.stage, local.commit_sha, local.developer) == (
            "suggestion", "", "someone-else@example.com")
        res = Syncer(st).run_once()
        assert res.ok, res.error
        assert (res.exchanges, res.findings) == (1, 1)
    with Session(org.app.state.engine) as s:
        got = s.execute(select(FindingRow)).scalar_one()
        ex = s.execute(select(ExchangeRow)).scalar_one()
    keep = ("stage", "exchange_id", "code_fp", "tool", "model", "snippet_ordinal", "line",
            "rule_id", "cwe", "severity", "commit_sha", "repo", "message", "fingerprint")
    assert {k: getattr(got, k) for k in keep} == {k: getattr(local, k) for k in keep}
    assert (got.cwe, got.stage, got.exchange_id) == ("CWE-79", "suggestion", ex.id)
    assert got.developer == ex.developer == "alice@example.com"
    assert (got.source, got.source_id) == ("alice@example.com", local.id)
    page = org.client.get(f"/api/exchanges/{ex.id}", headers=org.h("alice")).json()
    [shown] = page["findings"]
    assert (shown["stage"], shown["snippet"], shown["cwe"]) == ("suggestion", 0, "CWE-79")
