"""The recorder reviews every recorded suggestion: client -> real proxy -> fake upstream, then
the finding rows the recorder stored with the exchange (stage ``suggestion``)."""

from __future__ import annotations

import json

import anthropic
import openai
import pytest
from sqlmodel import select

from reviewer.model import code_fingerprint
from store import db
from store.models import FindingRow, SnippetRow
from tests.fakellm import FakeToolCall, Reply
from tests.utils.stack import Stack, running_stack

PY_SQL = ("import sqlite3\n\n\ndef find(db, name):\n"
          "    return db.execute(f\"SELECT * FROM users WHERE name = '{name}'\").fetchall()\n")
JS_XSS = "export function show(el, html) {\n  el.innerHTML = html;\n}\n"
GO_SQL = ('package users\n\nimport (\n\t"database/sql"\n\t"fmt"\n)\n\n'
          "func Find(db *sql.DB, name string) (*sql.Rows, error) {\n"
          "\treturn db.Query(fmt.Sprintf(\"SELECT * FROM users WHERE name = '%s'\", name))\n}\n")
SAFE = "def add(a: int, b: int) -> int:\n    return a + b\n"


def oai(stack: Stack) -> openai.OpenAI:
    return openai.OpenAI(base_url=stack.url + "/v1", api_key="sk-test-client-key-123456",
                         max_retries=0)


def ask(stack: Stack, text: str) -> str:
    stack.fake.push(Reply(text=text))
    oai(stack).chat.completions.create(model="gpt-4o",
                                       messages=[{"role": "user", "content": "write it"}])
    return stack.rows()[-1].id


def findings(stack: Stack, exchange_id: str | None = None) -> list[FindingRow]:
    stack.flush()
    with db.session(stack.db_url) as s:
        q = select(FindingRow).order_by(FindingRow.id)
        if exchange_id is not None:
            q = q.where(FindingRow.exchange_id == exchange_id)
        return list(s.exec(q).all())


def test_insecure_suggestions_are_reviewed_as_recorded(stack: Stack) -> None:
    # Python and Go in fenced code (OpenAI chat), JavaScript in a Write tool call (Anthropic)
    py = ask(stack, f"Here:\n```python\n{PY_SQL}```\nand a helper:\n```python\n{SAFE}```\n")
    go = ask(stack, f"```go\n{GO_SQL}```")
    stack.fake.push(Reply(text="Writing it.", tool_calls=[FakeToolCall(
        "Write", json.dumps({"file_path": "/repo/web/view.js", "content": JS_XSS}))]))
    anthropic.Anthropic(base_url=stack.url, api_key="sk-ant-test-key", max_retries=0) \
        .messages.create(model="claude-sonnet-4-6", max_tokens=100,
                         messages=[{"role": "user", "content": "create view.js"}],
                         tools=[{"name": "Write", "input_schema": {"type": "object"}}])
    rows = {r.id: r for r in stack.rows()}
    js = next(r.id for r in rows.values() if r.api == "anthropic.messages")

    [f] = findings(stack, py)
    assert (f.stage, f.rule_id, f.cwe, f.severity, f.origin) == (
        "suggestion", "py.sql.built-query", "CWE-89", "high", "ai")
    assert (f.snippet_ordinal, f.line, f.path, f.commit_sha) == (0, 5, "", "")
    assert (f.developer, f.tool, f.model) == ("dev@example.com", rows[py].tool, "gpt-4o")
    assert f.found_at.replace(tzinfo=None) == rows[py].started_at.replace(tzinfo=None)
    assert f.code_fp == code_fingerprint(f.rule_id, PY_SQL.splitlines()[4])
    assert "SQL" in f.message and " Fix: " in f.message

    [g] = findings(stack, go)
    assert (g.rule_id, g.cwe, g.line) == ("go.sql.built-query", "CWE-89", 9)

    [j] = findings(stack, js)
    assert (j.rule_id, j.cwe, j.path, j.line) == ("js.xss.html-sink", "CWE-79",
                                                   "/repo/web/view.js", 2)
    assert j.model == "claude-sonnet-4-6" and j.tool == rows[js].tool
    st = stack.app.recorder.stats()
    assert st["suggestion_findings"] == 3 and st["review_errors"] == 0


def test_safe_code_has_no_findings(stack: Stack) -> None:
    eid = ask(stack, f"```python\n{SAFE}```\n```javascript\nconst sum = (a, b) => a + b;\n```")
    with db.session(stack.db_url) as s:
        assert len(s.exec(select(SnippetRow).where(SnippetRow.exchange_id == eid)).all()) == 2
    assert findings(stack) == []


SECRET = "sk-proj-Zq8Xv2Lm4Np6Rt0Yw3Bc5Df7Gh9Jk1Mn"


def test_a_secret_in_the_flagged_code_is_redacted_in_the_finding(stack: Stack) -> None:
    code = ("import requests\n\n\ndef fetch(url):\n"
            f"    return requests.get(url, headers={{'Authorization': 'Bearer {SECRET}'}}, "
            "verify=False, timeout=5)\n")
    eid = ask(stack, f"```python\n{code}```")
    got = [f for f in findings(stack, eid) if f.rule_id == "py.tls.verify-disabled"]
    assert len(got) == 1
    flagged = code.splitlines()[4]
    assert got[0].code_fp != code_fingerprint(got[0].rule_id, flagged)  # not the clear line
    for f in findings(stack, eid):
        assert SECRET not in json.dumps(f.model_dump(mode="json"))
    with db.session(stack.db_url) as s:
        [sn] = s.exec(select(SnippetRow).where(SnippetRow.exchange_id == eid)).all()
    stored_line = sn.text.splitlines()[4]
    assert SECRET not in stored_line and "[REDACTED:" in stored_line
    assert got[0].code_fp == code_fingerprint(got[0].rule_id, stored_line)


@pytest.mark.parametrize("recorder", ["process", "thread"])
def test_review_turned_off_stores_no_findings(fake, tmp_path, isolated_env, recorder) -> None:
    with running_stack(fake, tmp_path, review_suggestions=False, recorder=recorder) as stack:
        eid = ask(stack, f"```python\n{PY_SQL}```")
        assert findings(stack) == []
        with db.session(stack.db_url) as s:  # the snippet is still recorded
            assert s.exec(select(SnippetRow).where(SnippetRow.exchange_id == eid)).all()
        assert stack.app.recorder.stats()["suggestion_findings"] == 0


def test_a_review_error_on_one_snippet_costs_neither_the_record_nor_the_others(
        tmp_path, monkeypatch) -> None:
    from proxy.recorder import Recorder
    from reviewer import suggestion
    from tests.proxy.test_recorder import raw, settings

    real = suggestion.review_snippet

    def flaky(snippet, *a, **kw):  # type: ignore[no-untyped-def]
        if "BOOM" in snippet.text:
            raise RecursionError("the review broke")
        return real(snippet, *a, **kw)

    monkeypatch.setattr(suggestion, "review_snippet", flaky)
    answer = {"id": "c", "model": "gpt-4o", "choices": [{"index": 0, "finish_reason": "stop",
              "message": {"role": "assistant", "content":
                          f"```python\nBOOM = 1\n```\n```python\n{PY_SQL}```"}}]}
    r = raw(1)
    r.chunks = [json.dumps(answer).encode()]
    url = f"sqlite:///{tmp_path / 'r.db'}"
    rec = Recorder(settings(tmp_path), db_url=url)
    rec.start()
    rec.submit(r)
    assert rec.flush(20)
    rec.stop()
    st = rec.stats()
    assert (st["recorded"], st["snippets"], st["review_errors"]) == (1, 2, 1)
    with db.session(url) as s:
        [f] = s.exec(select(FindingRow)).all()
    assert (f.rule_id, f.snippet_ordinal) == ("py.sql.built-query", 1)


def test_the_quote_is_redacted_even_when_the_snippet_was_not() -> None:
    """Defence in depth: whatever text reaches the review, the stored code fingerprint and
    message come from redacted text."""
    from dataclasses import replace

    from proxy.recorder import build_exchange
    from proxy.redact import redact
    from proxy.suggestions import review_exchanges
    from tests.proxy.test_recorder import raw

    line = f"    requests.get(url, headers={{'X-Key': '{SECRET}'}}, verify=False, timeout=3)"
    ex = build_exchange(raw(2), developer="dev@example.com")
    ex = replace(ex, response=replace(ex.response, text=f"```python\ndef f(url):\n{line}\n```"))
    rows = review_exchanges([ex]).rows[ex.id]
    assert SECRET not in json.dumps(rows, default=str)
    [row] = [r for r in rows if r["rule_id"] == "py.tls.verify-disabled"]
    assert row["code_fp"] == code_fingerprint(row["rule_id"], redact(line)) != \
        code_fingerprint(row["rule_id"], line)
