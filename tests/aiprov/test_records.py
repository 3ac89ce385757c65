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


def record_suggestion(text: str) -> str:
    """One exchange whose answer is ``text``, recorded (and reviewed) by the real recorder."""
    from proxy.recorder import Recorder
    from tests.proxy.test_recorder import raw

    answer = {"id": "c", "model": "gpt-4o", "choices": [{"index": 0, "finish_reason": "stop",
              "message": {"role": "assistant", "content": text}}]}
    r = raw(7)
    r.chunks = [json.dumps(answer).encode()]
    rec = Recorder(get_settings())
    rec.start()
    rec.submit(r)
    assert rec.flush(20)
    rec.stop()
    with db.session(get_settings().db_url) as s:
        return store_exchanges.recent(s, limit=1)[0].id


INSECURE = ("import sqlite3\n\ndef find(db, name):\n"
            "    return db.execute(f\"SELECT * FROM users WHERE name = '{name}'\")\n")


def test_log_marks_exchanges_with_findings_and_show_explains_them():
    seed(1)
    bad = record_suggestion(f"Sure:\n```python\n{INSECURE}```\n")
    r = runner.invoke(app, ["log"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split()[-2:] == ["SEC", "PROMPT"]
    sec = lines[0].index("SEC")  # a right-aligned count under its header
    row = next(line for line in lines if line.startswith(bad[:12]))
    assert row[sec:sec + 4] == "  1 "
    assert "security findings in the suggestion" in r.output
    other = next(line for line in lines[1:] if line.startswith("ex00"))
    assert other[sec:sec + 4] == "    "
    found = {json.loads(x)["id"]: json.loads(x)["findings"]
             for x in runner.invoke(app, ["log", "--json"]).output.splitlines()}
    assert found[bad] == 1 and sum(found.values()) == 1

    r = runner.invoke(app, ["show", bad])
    assert r.exit_code == 0, r.output
    part = r.output.split("--- security findings in this suggestion (1) ---\n", 1)[1]
    head, code, what, impact, fix = part.splitlines()[:5]
    assert head == "snippet 0 line 4: CWE-89 high (medium confidence, rule py.sql.built-query)"
    assert code == "  code    " + INSECURE.splitlines()[3].strip()
    assert what.startswith("  what    ") and "SQL" in what
    assert impact.startswith("  impact  ") and fix.startswith("  fix     ") and len(fix) > 20
    [j] = json.loads(runner.invoke(app, ["show", bad, "--json"]).output)["findings"]
    assert (j["cwe"], j["line"], j["snippet"], j["severity"]) == ("CWE-89", 4, 0, "high")
    assert j["fix"] and j["what"] and j["code"].strip().startswith("return db.execute")


def test_show_without_findings_has_no_findings_section():
    ok = record_suggestion("```python\ndef add(a, b):\n    return a + b\n```")
    r = runner.invoke(app, ["show", ok])
    assert r.exit_code == 0 and "security findings" not in r.output
    assert json.loads(runner.invoke(app, ["show", ok, "--json"]).output)["findings"] == []
