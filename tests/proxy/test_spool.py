from __future__ import annotations

import stat

from proxy.exchange import Exchange, Identity, RequestInfo, ResponseInfo, ToolCall, Usage
from proxy.spool import Spool, from_json, to_json


def make_exchange(i: int = 0) -> Exchange:
    return Exchange(
        id=f"ex{i:04d}", started_at=1_700_000_000.5 + i, method="POST",
        path="/v1/messages?beta=true", upstream="https://api.anthropic.com", status=200,
        request=RequestInfo(api="anthropic.messages", model="claude-x", stream=True,
                            messages=({"role": "user", "content": "hi"},), prompt="hi",
                            tools_offered=("Write", "Edit"), params={"max_tokens": 5}),
        response=ResponseInfo(model="claude-x", text="hello",
                              tool_calls=(ToolCall(name="Write", arguments='{"a": 1}',
                                                   id="t1", kind="tool_use"),),
                              usage=Usage(input_tokens=3, output_tokens=2)),
        identity=Identity(developer="d@x", tool="claude-code", tool_version="2.1.0"),
        latency_ms=12.5, cost_usd=0.001,
    )


def test_json_round_trip_is_exact():
    ex = make_exchange()
    assert from_json(to_json(ex)) == ex


def test_spool_files_are_private_and_replayable(tmp_path):
    spool = Spool(tmp_path / "spool")
    spool.append([make_exchange(1), make_exchange(2)])
    spool.append([make_exchange(3)])
    files = spool.files()
    assert len(files) == 2
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert spool.pending() == 3
    seen = []
    for path, exchanges, bad in spool.batches():
        assert bad == 0
        seen += [e.id for e in exchanges]
        spool.done(path)
    assert seen == ["ex0001", "ex0002", "ex0003"]
    assert spool.pending() == 0 and spool.files() == []


def test_corrupt_spool_lines_are_counted_not_fatal(tmp_path):
    spool = Spool(tmp_path / "spool")
    spool.append([make_exchange(1)])
    f = spool.files()[0]
    f.write_text(f.read_text() + "{not json\n")
    [(_, exchanges, bad)] = list(spool.batches())
    assert [e.id for e in exchanges] == ["ex0001"] and bad == 1
