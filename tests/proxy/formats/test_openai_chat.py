"""OpenAI Chat Completions: requests, streamed chunks and bodies, from realistic fixtures."""

from __future__ import annotations

import json

import pytest

from proxy import formats
from proxy.exchange import OPENAI_CHAT
from tests.proxy.formats import samples

SSE = [("content-type", "text/event-stream")]
JSON = [("content-type", "application/json")]


def chunk(delta: dict | None = None, finish: str | None = None, index: int = 0,
          **extra: object) -> tuple[None, dict]:
    return (None, {"id": "chatcmpl-9", "object": "chat.completion.chunk", "created": 1,
                   "model": "gpt-4o-2024-08-06",
                   "choices": [{"index": index, "delta": delta or {}, "logprobs": None,
                                "finish_reason": finish}], **extra})


def stream(*events: tuple[None, dict | str]) -> bytes:
    return samples.sse(list(events))


def parse(raw: bytes, complete: bool = True):
    return formats.parse_response(OPENAI_CHAT, 200, SSE, [raw], complete=complete)


def test_request_aider_like():
    body = {
        "model": "gpt-4o", "stream": True, "stream_options": {"include_usage": True},
        "temperature": 0, "max_tokens": 4096, "tool_choice": "auto", "seed": 7,
        "response_format": {"type": "json_object"}, "metadata": {"session_id": "s-1"},
        "messages": [
            {"role": "system", "content": "Act as an expert software developer."},
            {"role": "developer", "content": [{"type": "text", "text": "Be terse."}]},
            {"role": "user", "content": [
                {"type": "text", "text": "What is in this screenshot?"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function",
                 "function": {"name": "read_file", "arguments": "{\"path\": \"a.py\"}"}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": "x = 1"},
        ],
        "tools": [{"type": "function", "function": {"name": "read_file", "parameters": {}}},
                  {"type": "function", "function": {"name": "write_file", "parameters": {}}}],
    }
    req = formats.parse_request(OPENAI_CHAT, json.dumps(body).encode())
    assert (req.model, req.stream, req.session_id) == ("gpt-4o", True, "s-1")
    assert req.system == "Act as an expert software developer.\n\nBe terse."
    assert req.prompt == "What is in this screenshot?\n[image]"
    assert req.tools_offered == ("read_file", "write_file")
    assert [m["role"] for m in req.messages] == ["system", "developer", "user", "assistant",
                                                 "tool"]
    assert req.messages[3]["content"] == '[tool call read_file({"path": "a.py"})]'
    assert req.params == {"temperature": 0, "max_tokens": 4096, "tool_choice": "auto",
                          "seed": 7, "stream_options": {"include_usage": True},
                          "response_format": "json_object"}
    assert not req.errors


def test_request_legacy_functions_api():
    body = {"model": "gpt-3.5-turbo", "functions": [{"name": "get_weather", "parameters": {}}],
            "messages": [{"role": "user", "content": "weather?"},
                         {"role": "assistant", "content": None,
                          "function_call": {"name": "get_weather", "arguments": "{}"}}]}
    req = formats.parse_request(OPENAI_CHAT, json.dumps(body).encode())
    assert req.tools_offered == ("get_weather",) and not req.stream
    assert req.messages[1]["content"] == "[tool call get_weather({})]"


STREAM_CASES = {
    "text with usage chunk": (
        stream(chunk({"role": "assistant", "content": ""}), chunk({"content": "Hel"}),
               chunk({"content": "lo ✓"}), chunk({}, "stop"),
               (None, {"id": "chatcmpl-9", "object": "chat.completion.chunk", "choices": [],
                       "usage": {"prompt_tokens": 10, "completion_tokens": 2,
                                 "prompt_tokens_details": {"cached_tokens": 8},
                                 "completion_tokens_details": {"reasoning_tokens": 1}}}),
               (None, "[DONE]")),
        {"text": "Hello ✓", "finish_reason": "stop", "usage": (10, 2, 8, 1)},
    ),
    "parallel tool calls in fragments": (
        samples.OPENAI_CHAT_STREAM,
        {"text": "Here:", "calls": [("write_file", {"path": "a.py", "text": "x = 1"}),
                                    ("read_file", {"path": "b.py"})],
         "finish_reason": "tool_calls"},
    ),
    "legacy function_call deltas": (
        stream(chunk({"role": "assistant", "content": None,
                      "function_call": {"name": "get_weather", "arguments": ""}}),
               chunk({"function_call": {"arguments": "{\"city\":"}}),
               chunk({"function_call": {"arguments": " \"Oslo\"}"}}),
               chunk({}, "function_call"), (None, "[DONE]")),
        {"calls": [("get_weather", {"city": "Oslo"})], "finish_reason": "function_call"},
    ),
    "index-less tool deltas, name repeated in every fragment": (
        stream(chunk({"tool_calls": [{"id": "a", "function": {"name": "f", "arguments": "{\"x\""}}]}),
               chunk({"tool_calls": [{"function": {"name": "f", "arguments": ": 1}"}}]}),
               chunk({"tool_calls": [{"id": "b", "function": {"name": "g", "arguments": "{}"}}]}),
               chunk({}, "tool_calls"), (None, "[DONE]")),
        {"calls": [("f", {"x": 1}), ("g", {})]},
    ),
    "reasoning_content (DeepSeek style)": (
        stream(chunk({"reasoning_content": "Think "}), chunk({"reasoning_content": "more."}),
               chunk({"content": "Answer"}), chunk({}, "stop"), (None, "[DONE]")),
        {"text": "Answer", "reasoning": "Think more."},
    ),
    "refusal": (
        stream(chunk({"refusal": "I can't "}), chunk({"refusal": "help."}), chunk({}, "stop"),
               (None, "[DONE]")),
        {"text": "[refusal] I can't help."},
    ),
    "n=2 keeps the other choice": (
        stream(chunk({"content": "a"}), chunk({"content": "b"}, index=1),
               chunk({"content": "c"}), chunk({"content": "d"}, index=1),
               chunk({}, "stop"), (None, "[DONE]")),
        {"text": "ac", "alternatives": ("bd",)},
    ),
    "error mid-stream": (
        stream(chunk({"content": "par"}),
               (None, {"error": {"message": "The server had an error", "type": "server_error",
                                 "code": None}})),
        {"text": "par", "error": "server_error: The server had an error", "complete": False},
    ),
}


@pytest.mark.parametrize("case", STREAM_CASES, ids=list(STREAM_CASES))
def test_streams(case):
    raw, want = STREAM_CASES[case]
    info = parse(raw)
    assert info.text == want.get("text", "")
    assert info.reasoning == want.get("reasoning", "")
    got_calls = [(c.name, json.loads(c.arguments)) for c in info.tool_calls]
    assert got_calls == want.get("calls", [])
    assert all(c.kind == "function" for c in info.tool_calls)
    if "finish_reason" in want:
        assert info.finish_reason == want["finish_reason"]
    if "usage" in want:
        u = info.usage
        assert (u.input_tokens, u.output_tokens, u.cache_read_tokens,
                u.reasoning_tokens) == want["usage"]
    assert info.alternatives == want.get("alternatives", ())
    assert info.error == want.get("error")
    assert info.complete == want.get("complete", True)
    assert info.model == "gpt-4o-2024-08-06" and info.response_id.startswith("chatcmpl-")


def test_cut_stream_keeps_what_arrived_and_says_so():
    raw = stream(chunk({"content": "def f():\n"}), chunk({"content": "    return 1"}))
    cut = raw[: raw.rindex(b"return") + 3]  # mid-event, mid-word
    info = parse(cut, complete=False)
    assert info.text == "def f():\n" and not info.complete
    assert any("without a finish_reason" in e for e in info.errors)
    # the final event arrived, then the connection closed (Codex over HTTPS does so right
    # after its last event): the client has the whole answer, so the exchange is complete
    info = parse(stream(chunk({"content": "x"}), chunk({}, "stop"), (None, "[DONE]")),
                 complete=False)
    assert info.text == "x" and info.complete and not info.errors


def test_body_with_refusal_reasoning_alternatives_and_object_arguments():
    body = {"id": "chatcmpl-2", "object": "chat.completion", "model": "gpt-4o",
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": None,
                                         "reasoning_content": "hmm",
                                         "tool_calls": [{"id": "t1", "type": "function",
                                                         "function": {"name": "f",
                                                                      "arguments": {"a": 1}}}]},
                 "finish_reason": "tool_calls"},
                {"index": 1, "message": {"role": "assistant", "content": "other"},
                 "finish_reason": "stop"},
                {"index": 2, "message": {"role": "assistant", "content": None,
                                         "refusal": "no"}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 5, "completion_tokens": 6,
                      "completion_tokens_details": {"reasoning_tokens": 3}}}
    info = formats.parse_response(OPENAI_CHAT, 200, JSON, [json.dumps(body).encode()])
    assert info.text == "" and info.reasoning == "hmm"
    assert info.tool_calls[0].arguments == '{"a": 1}' and info.tool_calls[0].id == "t1"
    assert info.alternatives == ("other", "[refusal] no")
    assert info.usage.reasoning_tokens == 3 and info.finish_reason == "tool_calls"
    assert info.complete and not info.errors


def test_body_without_choices_is_reported():
    info = formats.parse_response(OPENAI_CHAT, 200, JSON, [b'{"id": "x", "object": "chat"}'])
    assert info.errors == ("response has no choices",)
