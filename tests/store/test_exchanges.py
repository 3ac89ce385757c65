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
