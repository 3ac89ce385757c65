"""Bedrock InvokeModel for Anthropic models: AWS event-stream framing around the Anthropic
stream events, decoded incrementally, with corrupt frames and exceptions said in words."""

from __future__ import annotations

import json

from proxy import formats
from proxy.exchange import BEDROCK_INVOKE
from proxy.formats.eventstream import EventStreamDecoder
from tests.fakellm import FakeLLM, FakeToolCall, Reply
from tests.fakellm.bedrock import event_message

ES = [("content-type", "application/vnd.amazon.eventstream")]
PATH = "/model/anthropic.claude-sonnet-4-5-20250929-v1:0/invoke-with-response-stream"
BODY = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 100,
        "messages": [{"role": "user", "content": "create add.py"}]}
CODE = "def add(a, b):\n    return a + b\n"


def render(reply: Reply, path: str = PATH) -> bytes:
    return b"".join(FakeLLM().render(path, BODY, reply))


def test_request_model_from_the_path_and_stream_from_the_method():
    req = formats.parse_request(BEDROCK_INVOKE, json.dumps(BODY).encode(), PATH)
    assert req.model == "anthropic.claude-sonnet-4-5-20250929-v1:0" and req.stream
    assert req.prompt == "create add.py" and not req.errors
    plain = formats.parse_request(BEDROCK_INVOKE, json.dumps(BODY).encode(),
                                  "/model/anthropic.claude-3-haiku/invoke")
    assert plain.model == "anthropic.claude-3-haiku" and not plain.stream


def test_stream_split_anywhere_gives_the_same_answer_with_tool_use_and_usage():
    raw = render(Reply(text="Writing.", usage=(50, 9), tool_calls=[
        FakeToolCall("Write", json.dumps({"file_path": "add.py", "content": CODE}))]))
    whole = formats.parse_response(BEDROCK_INVOKE, 200, ES, [raw])
    assert whole.text == "Writing." and whole.complete and not whole.errors
    [call] = whole.tool_calls
    assert call.name == "Write" and json.loads(call.arguments)["content"] == CODE
    assert (whole.usage.input_tokens, whole.usage.output_tokens) == (50, 9)
    for cut in (1, 11, 12, 13, len(raw) // 3, len(raw) - 1):
        assert formats.parse_response(BEDROCK_INVOKE, 200, ES, [raw[:cut], raw[cut:]]) == whole


def test_cut_stream_is_incomplete_and_says_where():
    raw = render(Reply(text="x" * 40))
    info = formats.parse_response(BEDROCK_INVOKE, 200, ES, [raw[: len(raw) // 2]],
                                  complete=False)
    assert not info.complete and any("ended inside a message" in e or "message_stop" in e
                                     for e in info.errors)


def test_corrupt_frame_stops_decoding_and_is_reported():
    raw = bytearray(render(Reply(text="hello there")))
    raw[20] ^= 0xFF  # inside the first message's headers: its CRC no longer holds
    dec = EventStreamDecoder()
    assert dec.feed(bytes(raw)) == [] and dec.broken
    assert "CRC mismatch" in dec.errors[0]
    info = formats.parse_response(BEDROCK_INVOKE, 200, ES, [bytes(raw)])
    assert not info.complete and any("CRC" in e for e in info.errors)


def test_exception_message_becomes_the_error():
    raw = render(Reply(text="partial", stream_error="Model is overloaded"))
    info = formats.parse_response(BEDROCK_INVOKE, 200, ES, [raw])
    assert info.error == "modelStreamErrorException: Model is overloaded"
    assert info.text == "partial" and not info.complete


def test_headers_of_every_type_decode():
    msg = event_message({":event-type": "chunk", ":message-type": "event"}, b"{}")
    [m] = EventStreamDecoder().feed(msg)
    assert m.kind == "chunk" and not m.is_exception and m.payload == b"{}"


def test_whole_answer_and_bedrocks_own_error_shape():
    body = render(Reply(text="done"), "/model/anthropic.claude-3-haiku/invoke")
    info = formats.parse_response(BEDROCK_INVOKE, 200, [("content-type", "application/json")],
                                  [body])
    assert info.text == "done" and info.complete
    err = formats.parse_response(BEDROCK_INVOKE, 400, [("content-type", "application/json")],
                                 [b'{"message": "Malformed input request"}'])
    assert err.error == "HTTP 400: Malformed input request"


# --- Converse / ConverseStream (any Bedrock model) -----------------------------------------

CONVERSE = "/model/us.anthropic.claude-sonnet-4-5-20250929-v1:0/converse-stream"
CONVERSE_BODY = {
    "system": [{"text": "You are a coding assistant."}],
    "messages": [
        {"role": "user", "content": [{"text": "create add.py"}]},
        {"role": "assistant", "content": [{"toolUse": {"toolUseId": "t1", "name": "Write",
                                                       "input": {"file_path": "x"}}}]},
        {"role": "user", "content": [{"toolResult": {"toolUseId": "t1", "content": [
            {"text": "written"}]}}, {"text": "now add.py"}]}],
    "toolConfig": {"tools": [{"toolSpec": {"name": "Write", "inputSchema": {"json": {}}}}]},
    "inferenceConfig": {"maxTokens": 512, "temperature": 0},
}


def test_converse_request():
    req = formats.parse_request("bedrock.converse", json.dumps(CONVERSE_BODY).encode(),
                                CONVERSE)
    assert req.model == "us.anthropic.claude-sonnet-4-5-20250929-v1:0" and req.stream
    assert req.system == "You are a coding assistant." and req.prompt == "now add.py"
    assert req.tools_offered == ("Write",) and req.params == {"max_tokens": 512,
                                                              "temperature": 0}
    assert [m["role"] for m in req.messages] == ["user", "assistant", "tool", "user"]


def test_converse_stream_split_anywhere_with_tool_use_usage_and_snippets():
    from provenance.snippets import extract

    reply = Reply(text="Writing.", usage=(70, 11), tool_calls=[
        FakeToolCall("Write", json.dumps({"file_path": "add.py", "content": CODE}))])
    raw = b"".join(FakeLLM().render(CONVERSE, CONVERSE_BODY, reply))
    whole = formats.parse_response("bedrock.converse", 200, ES, [raw])
    assert whole.text == "Writing." and whole.complete and not whole.errors
    assert whole.finish_reason == "tool_use"
    assert (whole.usage.input_tokens, whole.usage.output_tokens) == (70, 11)
    [call] = whole.tool_calls
    assert call.name == "Write" and json.loads(call.arguments)["content"] == CODE
    for cut in (5, 12, len(raw) // 2, len(raw) - 2):
        assert formats.parse_response("bedrock.converse", 200, ES,
                                      [raw[:cut], raw[cut:]]) == whole
    [snip] = extract(whole.text, whole.tool_calls)
    assert (snip.kind, snip.path, snip.text) == ("write", "add.py", CODE)
    cut = formats.parse_response("bedrock.converse", 200, ES, [raw[: len(raw) // 2]],
                                 complete=False)
    assert not cut.complete and any("messageStop" in e or "inside" in e for e in cut.errors)


def test_converse_whole_answer_and_stream_exception():
    body = b"".join(FakeLLM().render(CONVERSE.replace("-stream", ""), CONVERSE_BODY,
                                     Reply(text="done")))
    info = formats.parse_response("bedrock.converse", 200,
                                  [("content-type", "application/json")], [body])
    assert info.text == "done" and info.finish_reason == "end_turn" and info.complete
    raw = b"".join(FakeLLM().render(CONVERSE, CONVERSE_BODY,
                                    Reply(text="part", stream_error="throttled")))
    bad = formats.parse_response("bedrock.converse", 200, ES, [raw])
    assert bad.error == "modelStreamErrorException: throttled" and not bad.complete
