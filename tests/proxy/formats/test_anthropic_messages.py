"""Anthropic Messages (Claude Code): requests, typed stream events, bodies."""

from __future__ import annotations

import json

import pytest

from proxy import formats
from proxy.exchange import ANTHROPIC_MESSAGES
from tests.proxy.formats import samples

SSE = [("content-type", "text/event-stream; charset=utf-8")]
JSON = [("content-type", "application/json")]


def ev(kind: str, **fields: object) -> tuple[str, dict]:
    return kind, {"type": kind, **fields}


def start(usage: dict | None = None) -> tuple[str, dict]:
    return ev("message_start", message={
        "id": "msg_9", "type": "message", "role": "assistant", "model": "claude-opus-4-1",
        "content": [], "stop_reason": None, "stop_sequence": None,
        "usage": usage or {"input_tokens": 3, "output_tokens": 1}})


def block(i: int, content_block: dict) -> tuple[str, dict]:
    return ev("content_block_start", index=i, content_block=content_block)


def delta(i: int, **d: object) -> tuple[str, dict]:
    return ev("content_block_delta", index=i, delta=d)


def stop(i: int) -> tuple[str, dict]:
    return ev("content_block_stop", index=i)


def end(reason: str = "end_turn", **usage: int) -> list[tuple[str, dict]]:
    return [ev("message_delta", delta={"stop_reason": reason, "stop_sequence": None},
               usage={"output_tokens": 5, **usage}), ev("message_stop")]


def parse(events: list, complete: bool = True):
    return formats.parse_response(ANTHROPIC_MESSAGES, 200, SSE, [samples.sse(events)],
                                  complete=complete)


def test_request_claude_code_like():
    req = formats.parse_request(ANTHROPIC_MESSAGES, json.dumps(samples.ANTHROPIC_REQUEST).encode())
    assert req.model == "claude-sonnet-4-5-20250929" and req.stream
    assert req.system == "You are Claude Code.\nWorking directory: /home/dev/proj"
    assert req.prompt == "write hello.py"
    assert req.tools_offered == ("Write", "Edit", "web_search")
    assert req.session_id == "0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9"
    assert [m["role"] for m in req.messages] == ["user", "assistant", "tool"]


@pytest.mark.parametrize(("user_id", "session"), [
    ("user_5f3c_account__session_57a121ec-f78c-48c3-a745-e3036a3ecc33",
     "57a121ec-f78c-48c3-a745-e3036a3ecc33"),
    (json.dumps({"device_id": "d1", "account_uuid": "", "session_id": "54c1eb09-bc4c"}),
     "54c1eb09-bc4c"),
    ("plain-user", None),
])
def test_session_id_from_both_metadata_shapes(user_id, session):
    body = {"model": "c", "messages": [], "metadata": {"user_id": user_id}}
    assert formats.parse_request(ANTHROPIC_MESSAGES, json.dumps(body).encode()).session_id == (
        session)


def test_prompt_leaves_out_system_reminders_but_messages_keep_them():
    body = {"model": "c", "system": "sys", "messages": [{"role": "user", "content": [
        {"type": "text", "text": "<system-reminder>\nTodo list is empty\n</system-reminder>"},
        {"type": "text", "text": "fix the failing test"},
        {"type": "image", "source": {"type": "base64", "data": "AA"}},
        {"type": "document", "source": {"type": "text", "data": "spec"}}]}]}
    req = formats.parse_request(ANTHROPIC_MESSAGES, json.dumps(body).encode())
    assert req.prompt == "fix the failing test"
    assert req.messages[0]["content"].startswith("<system-reminder>")
    assert req.messages[0]["content"].endswith("[image]\n[document]")


STREAM_CASES = {
    "thinking, text, Write tool from input_json_delta fragments": (
        None,
        {"text": "I'll write the file. ✓", "reasoning": "Let me think.",
         "calls": [("Write", {"file_path": "/p/hello.py", "content": 'print("hi")\n'},
                    "tool_use")],
         "finish_reason": "tool_use"},
    ),
    "text, tool, text: two paragraphs": (
        [start(), block(0, {"type": "text", "text": ""}), delta(0, type="text_delta", text="A"),
         stop(0), block(1, {"type": "tool_use", "id": "t1", "name": "Bash", "input": {}}),
         delta(1, type="input_json_delta", partial_json='{"command"'),
         delta(1, type="input_json_delta", partial_json=': "ls"}'), stop(1),
         block(2, {"type": "text", "text": ""}), delta(2, type="text_delta", text="B"), stop(2),
         *end("tool_use")],
        {"text": "A\nB", "calls": [("Bash", {"command": "ls"}, "tool_use")],
         "finish_reason": "tool_use"},
    ),
    "tool input only in content_block_start (no deltas)": (
        [start(), block(0, {"type": "tool_use", "id": "t", "name": "Bash",
                            "input": {"command": "pwd"}}), stop(0), *end("tool_use")],
        {"calls": [("Bash", {"command": "pwd"}, "tool_use")], "finish_reason": "tool_use"},
    ),
    "server tool use and redacted thinking": (
        [start(), block(0, {"type": "redacted_thinking", "data": "EmwK"}), stop(0),
         block(1, {"type": "server_tool_use", "id": "srv", "name": "web_search", "input": {}}),
         delta(1, type="input_json_delta", partial_json='{"query": "x"}'), stop(1),
         block(2, {"type": "web_search_tool_result", "tool_use_id": "srv", "content": []}),
         stop(2), *end()],
        {"reasoning": "[redacted thinking]",
         "calls": [("web_search", {"query": "x"}, "server_tool_use")]},
    ),
    "overloaded error event mid-stream": (
        [start(), block(0, {"type": "text", "text": ""}), delta(0, type="text_delta", text="pa"),
         ev("error", error={"type": "overloaded_error", "message": "Overloaded"})],
        {"text": "pa", "error": "overloaded_error: Overloaded", "complete": False,
         "finish_reason": None},
    ),
    "a gateway's trailing [DONE] is tolerated": (
        [start(), block(0, {"type": "text", "text": "hi"}), stop(0), *end(), (None, "[DONE]")],
        {"text": "hi"},
    ),
}


@pytest.mark.parametrize("case", STREAM_CASES, ids=list(STREAM_CASES))
def test_streams(case):
    events, want = STREAM_CASES[case]
    info = (formats.parse_response(ANTHROPIC_MESSAGES, 200, SSE, [samples.ANTHROPIC_STREAM])
            if events is None else parse(events))
    assert info.text == want.get("text", "")
    assert info.reasoning == want.get("reasoning", "")
    assert [(c.name, json.loads(c.arguments), c.kind) for c in info.tool_calls] == want.get(
        "calls", [])
    assert info.finish_reason == want.get("finish_reason", "end_turn")
    assert info.error == want.get("error")
    assert info.complete == want.get("complete", True)
    assert not [e for e in info.errors if "unparseable" in e]


def test_usage_merges_message_start_and_cumulative_message_delta():
    info = parse([start({"input_tokens": 10, "cache_creation_input_tokens": 200,
                         "cache_read_input_tokens": 0, "output_tokens": 1}),
                  block(0, {"type": "text", "text": "x"}), stop(0),
                  *end(output_tokens=42, cache_read_input_tokens=7)])
    u = info.usage
    assert (u.input_tokens, u.output_tokens, u.cache_read_tokens, u.cache_write_tokens) == (
        10, 42, 7, 200)
    assert (info.model, info.response_id) == ("claude-opus-4-1", "msg_9")


def test_cut_mid_tool_input_keeps_the_fragment_and_is_incomplete():
    events = [start(), block(0, {"type": "tool_use", "id": "t", "name": "Write", "input": {}}),
              delta(0, type="input_json_delta", partial_json='{"file_path": "a.py", "con')]
    info = parse(events, complete=False)
    assert not info.complete and info.finish_reason is None
    assert info.tool_calls[0].arguments == '{"file_path": "a.py", "con'
    assert "stream ended without message_stop" in info.errors


def test_body_and_error_body():
    msg = {"id": "msg_1", "type": "message", "model": "claude", "stop_reason": "max_tokens",
           "content": [{"type": "thinking", "thinking": "hm", "signature": "s"},
                       {"type": "text", "text": "ok"},
                       {"type": "tool_use", "id": "t", "name": "Edit",
                        "input": {"file_path": "a", "old_string": "x", "new_string": "y"}}],
           "usage": {"input_tokens": 9, "output_tokens": 2, "cache_read_input_tokens": 4}}
    info = formats.parse_response(ANTHROPIC_MESSAGES, 200, JSON, [json.dumps(msg).encode()])
    assert (info.text, info.reasoning, info.finish_reason) == ("ok", "hm", "max_tokens")
    assert json.loads(info.tool_calls[0].arguments)["new_string"] == "y"
    assert info.usage.cache_read_tokens == 4 and info.complete and not info.errors
    err = {"type": "error", "error": {"type": "invalid_request_error",
                                      "message": "max_tokens: must be positive"}}
    info = formats.parse_response(ANTHROPIC_MESSAGES, 400, JSON, [json.dumps(err).encode()])
    assert info.error == "HTTP 400: invalid_request_error: max_tokens: must be positive"
