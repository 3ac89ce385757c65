from __future__ import annotations

import json
from dataclasses import replace

from store import db
from store import exchanges as store_exchanges
from tests.proxy.test_spool import make_exchange


def test_save_and_read_back_on_both_stores(db_url):
    ex = make_exchange(7)
    ex = replace(ex, id="t" + ex.id + db_url[:6])  # unique across the shared PG database
    with db.session(db_url) as s:
        assert len(store_exchanges.save(s, [ex])) == 1
        s.commit()
    with db.session(db_url) as s:
        # saving the same id again (spool replay) records nothing twice
        assert store_exchanges.save(s, [ex]) == []
        s.commit()
        [row] = store_exchanges.get(s, ex.id)
    assert row.tool == "claude-code" and row.model_answered == "claude-x"
    assert row.input_tokens == 3 and row.cost_usd == 0.001
    assert json.loads(row.tool_calls_json)[0]["name"] == "Write"
    assert json.loads(row.request_json)["tools_offered"] == ["Write", "Edit"]
    assert row.complete and row.prompt == "hi"


def test_recent_filters_and_prefix_lookup(tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    with db.session(url) as s:
        store_exchanges.save(s, [make_exchange(i) for i in range(5)])
        s.commit()
        rows = store_exchanges.recent(s, limit=3)
        assert [r.id for r in rows] == ["ex0004", "ex0003", "ex0002"]
        assert store_exchanges.recent(s, tool="aider") == []
        assert len(store_exchanges.get(s, "ex00")) == 2  # ambiguous prefix: caller says so
        assert store_exchanges.get(s, "ex") == []  # too short to search
        assert store_exchanges.count(s) == 5


def test_batch_indexing_matches_one_by_one(db_url):
    from sqlmodel import select

    from proxy.exchange import ResponseInfo, ToolCall
    from store.models import FingerprintRow, SnippetRow
    from store.provenance import index_exchange, index_exchanges

    tag = db_url[:6]
    code = "def area(w, h):\n    if w < 0 or h < 0:\n        raise ValueError(w, h)\n    return w * h\n"
    calls = (ToolCall(name="Write", arguments=json.dumps({"file_path": "/r/a.py",
                                                          "content": code}), kind="tool_use"),)
    exs = [replace(make_exchange(i), id=f"bx{i}{tag}",
                   response=ResponseInfo(text=f"```python\n{code}```", tool_calls=calls))
           for i in range(3)]

    def fingerprints_of(s, ids):
        rows = s.exec(select(SnippetRow).where(SnippetRow.exchange_id.in_(ids))
                      .order_by(SnippetRow.exchange_id, SnippetRow.ordinal)).all()
        out = []
        for r in rows:
            fps = s.exec(select(FingerprintRow.hash, FingerprintRow.line)
                         .where(FingerprintRow.snippet_id == r.id)).all()
            out.append((r.ordinal, r.kind, r.path, r.text, sorted(fps)))
        return out

    with db.session(db_url) as s:
        store_exchanges.save(s, exs)
        assert index_exchanges(s, exs[:2]) == 4
        assert index_exchange(s, exs[2]) == 2
        s.commit()
        a = fingerprints_of(s, [exs[0].id])
        b = fingerprints_of(s, [exs[2].id])
    assert a == b and len(a) == 2 and a[0][4]
