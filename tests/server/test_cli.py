"""``aiprov db upgrade``, ``token``, ``retention``, ``report`` and ``sync`` from the shell."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session
from typer.testing import CliRunner

from aiprov.cli import app
from store import db
from store.models import TokenRow
from tests.server import factories as f
from tests.server.conftest import LoopbackServer

runner = CliRunner()


def invoke(*args: str) -> str:
    res = runner.invoke(app, list(args))
    assert res.exit_code == 0, (res.output, res.exception)
    return res.output


def test_db_upgrade_and_tokens(org_db: str) -> None:
    assert "latest schema" in invoke("db", "upgrade", "--db", org_db)
    out = invoke("token", "create", "--name", "lap", "--developer", "d@x", "--team", "red",
                 "--db", org_db)
    token = out.strip().splitlines()[0].split(": ")[-1]
    assert token.startswith("aip_")
    with Session(db.get_engine(org_db)) as s:
        row = s.execute(select(TokenRow)).scalar_one()
    assert row.token_hash.startswith("hp1:") and token not in row.token_hash
    listed = invoke("token", "list", "--db", org_db)
    assert "d@x" in listed and "active" in listed and token not in listed
    assert "revoked" in invoke("token", "revoke", str(row.id), "--db", org_db)
    bad = runner.invoke(app, ["token", "revoke", str(row.id), "--db", org_db])
    assert bad.exit_code != 0
    assert "retention: 30 days" in invoke("retention", "--days", "30", "--db", org_db)


def test_report_formats_locally(org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ex = f.exchange(developer="alice@example.com", prompt="x")
    c = f.commit(author="alice@example.com",
                 lines=[["a.py", 1, "ai", 0.9, ex["id"], 0, "python"],
                        ["a.py", 2, "human", 1.0, None, None, "python"]])
    org.client.post("/api/ingest", json=f.batch([ex], [c]), headers=org.h("alice"))
    table = invoke("report", "--db", org.db_url, "--by", "developer")
    assert "alice@example.com" in table and "50.0%" in table and "TOTAL" in table
    text = invoke("report", "--db", org.db_url, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[-1]["ai_share"] == "0.5" and rows[-1]["exchanges"] == "1"
    rep = json.loads(invoke("report", "--db", org.db_url, "--format", "json", "--by", "tool"))
    assert rep["groups"][0]["key"] == "claude-code"
    page = invoke("report", "--db", org.db_url, "--format", "html", "--by", "repo")
    assert page.startswith("<!doctype html>") and "acme/web" in page and "<script" not in page
    bad = runner.invoke(app, ["report", "--db", org.db_url, "--by", "planet"])
    assert bad.exit_code != 0


def test_report_and_sync_against_the_server(org, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from aiprov.settings import get_settings

    ex = f.exchange(developer="bob@example.com")
    org.client.post("/api/ingest", json=f.batch([ex]), headers=org.h("bob"))
    with LoopbackServer(org.app) as srv:
        monkeypatch.setenv("AIPROV_SERVER_URL", srv.url)
        monkeypatch.setenv("AIPROV_SERVER_TOKEN", org.tokens["sec"])
        get_settings.cache_clear()
        rep = json.loads(invoke("report", "--format", "json"))
        assert rep["totals"]["exchanges"] == 1 and rep["scope"] == "org"
        out = invoke("sync")
        assert "sent 0 exchanges" in out and "0 pending" in out
    get_settings.cache_clear()


def test_db_upgrade_fills_and_rebuilds_the_report_rollup(org_db: str) -> None:
    from store import rollup
    from tests.store.test_queries import load

    engine = db.get_engine(org_db)
    with engine.begin() as c:
        load(c, f.batch([f.exchange(developer="d@x")], [], []), "d@x")
        c.execute(rollup.RO.delete())  # as a store from before the org rollup
    assert "report rollup filled" in invoke("db", "upgrade", "--db", org_db)
    assert "report rollup rebuilt" in invoke("db", "upgrade", "--rebuild-rollup", "--db", org_db)
    with engine.connect() as c:
        assert c.execute(select(rollup.RO.c.exchanges).where(rollup.RO.c.dim == "")).scalar() == 1
