"""An agent-reported write as a recorded exchange: the written runs become edit-tool calls
that the snippet cutters read like any other, and the id is a function of the hook event."""

from __future__ import annotations

import json

import pytest

from provenance.agentwrite import (
    API,
    SOURCE,
    AgentWrite,
    exchange_id,
    runs,
    to_exchange,
)
from provenance.snippets import extract_exchange

TEXT = "import os\n\n\ndef a():\n    return 1\n\n\ndef b():\n    return 2\n"


def write(lines: set[int], **kw: str) -> AgentWrite:
    return AgentWrite(agent="claude-code", path="/w/m.py", text=TEXT, lines=frozenset(lines),
                      **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("lines", "want"), [
    ({4, 5}, [(4, "def a():\n    return 1\n")]),
    ({4, 5, 8, 9}, [(4, "def a():\n    return 1\n"), (8, "def b():\n    return 2\n")]),
    ({6, 7}, []),  # blank lines only: nothing written worth a snippet
    ({9, 10}, [(9, "    return 2\n")]),  # the empty last "line" after the final newline
    ({99}, []),
])
def test_runs_are_whole_lines_of_each_contiguous_block(lines, want):
    assert runs(TEXT, lines) == want


def test_a_whole_file_write_is_one_write_snippet_and_edits_one_edit_snippet_per_run():
    whole = write(set(range(1, 11)), session_id="s1", event_id="toolu_1", model="m-1")
    ex = to_exchange(whole, runs(TEXT, whole.lines), at=1.0e9, developer="d@x", repo="r")
    assert (ex.source, ex.request.api, ex.identity.tool, ex.identity.session_id) == (
        SOURCE, API, "claude-code", "s1")
    assert ex.response.model == ex.request.model == "m-1"
    [sn] = extract_exchange(ex)
    assert (sn.kind, sn.text, sn.path, sn.language) == ("write", TEXT, "/w/m.py", "python")
    edit = write({4, 5, 8, 9}, event_id="toolu_2")
    ex = to_exchange(edit, runs(TEXT, edit.lines), at=1.0e9, developer="d@x", repo="r")
    assert [(s.kind, s.text) for s in extract_exchange(ex)] == [
        ("edit", "def a():\n    return 1\n"), ("edit", "def b():\n    return 2\n")]
    assert all(json.loads(c.arguments)["file_path"] == "/w/m.py" for c in ex.response.tool_calls)


def test_the_id_is_the_event_and_never_the_time():
    a, b = write({4, 5}, session_id="s", event_id="t1"), write({4, 5}, session_id="s",
                                                              event_id="t2")
    assert exchange_id(a) == exchange_id(write({4, 5}, session_id="s", event_id="t1"))
    assert exchange_id(a) != exchange_id(b) and len(exchange_id(a)) == 28
    ex1 = to_exchange(a, runs(TEXT, a.lines), at=1.0, developer="", repo=None)
    ex2 = to_exchange(a, runs(TEXT, a.lines), at=2.0, developer="", repo=None)
    assert ex1.id == ex2.id
    # without a tool-use id the written text is the event: same write, same id
    c, d = write({4, 5}, session_id="s"), write({8, 9}, session_id="s")
    assert exchange_id(c) == exchange_id(write({4, 5}, session_id="s")) != exchange_id(d)
