"""`aiprov log`, `aiprov show`, `aiprov status` read the store under AIPROV_HOME."""

from __future__ import annotations

import json
import sys
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from aiprov.cli import app, main
from aiprov.settings import get_settings
from proxy.exchange import ResponseInfo
from proxy.spool import Spool
from store import db
from store import exchanges as store_exchanges
from tests.proxy.test_spool import make_exchange

runner = CliRunner()


def seed(n: int = 3) -> list[str]:
    url = get_settings().db_url
    exs = [make_exchange(i) for i in range(n)]
    exs[-1] = replace(exs[-1], response=replace(exs[-1].response, complete=False),
                      client_disconnected=True)
    with db.session(url) as s:
        store_exchanges.save(s, exs)
        s.commit()
    return [e.id for e in exs]


def test_log_lists_newest_first_and_flags_incomplete():
    ids = seed()
    r = runner.invoke(app, ["log"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split()[:3] == ["ID", "TIME", "TOOL"]
    assert lines[1].startswith(ids[-1][:12]) and " 200~ " in lines[1]
    assert "Claude Code" in lines[1] and "claude-x" in lines[1]  # the name a person uses
    assert "~ the client disconnected before the answer ended" in r.output
    assert "upstream" not in r.output  # no footnote for what did not happen
    r = runner.invoke(app, ["log", "--json", "-n", "1"])
    assert json.loads(r.output)["id"] == ids[-1]


def test_log_on_an_empty_store_says_what_to_do():
    r = runner.invoke(app, ["log"])
    assert r.exit_code == 0 and "aiprov setup" in r.output


def test_show_prints_one_exchange_whole():
    ids = seed()
    r = runner.invoke(app, ["show", ids[0][:6]])
    assert r.exit_code == 0, r.output
    assert f"exchange {ids[0]}" in r.output
    assert "--- prompt ---\nhi" in r.output and "--- suggestion ---\nhello" in r.output
    assert "tool call Write (tool_use)" in r.output and '"a": 1' in r.output
    assert "tools     Write, Edit" in r.output


@pytest.mark.parametrize(("arg", "needle"), [("nope1234", "no exchange 'nope1234'"),
                                              ("ex00", "matches several exchanges")])
def test_show_unknown_or_ambiguous_id_is_one_readable_line(arg, needle, monkeypatch, capsys):
    seed()
    monkeypatch.setattr(sys, "argv", ["aiprov", "show", arg])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("aiprov: ") and needle in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_status_when_the_proxy_is_not_running_counts_spool_and_store():
    seed(2)
    Spool(get_settings().spool_dir).append([replace(make_exchange(9), id="spooled1",
                                                    response=ResponseInfo())])
    r = runner.invoke(app, ["status", "--format", "json"])
    assert r.exit_code == 3, r.output  # the proxy is down
    data = json.loads(r.output)
    comp = data["components"]
    assert data["ok"] is False and data["version"]["aiprov"]
    assert comp["proxy"]["state"] == "down" and comp["recorder"]["state"] == "down"
    assert comp["spool"]["state"] == "degraded" and comp["spool"]["details"]["pending"] == 1
    assert comp["store"]["state"] == "ok" and comp["store"]["details"]["exchanges"] == 2
    r = runner.invoke(app, ["status"])
    assert r.exit_code == 3
    rows = {line.split()[0]: line for line in r.output.splitlines()[1:]}
    assert " down " in rows["proxy"] and "aiprov proxy" in rows["proxy"]
    assert "1 exchanges waiting" in rows["spool"]
