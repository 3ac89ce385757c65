"""Dispatch (detect, encodings, statuses, content types) and properties over all formats."""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proxy import formats
from proxy.exchange import ANTHROPIC_MESSAGES, OPENAI_CHAT, OPENAI_COMPLETIONS, OPENAI_RESPONSES
from tests.proxy.formats import samples

SSE_HEADERS = [("content-type", "text/event-stream; charset=utf-8")]
JSON_HEADERS = [("content-type", "application/json")]


@pytest.mark.parametrize(
    ("method", "path", "api"),
    [
        ("POST", "/v1/messages?beta=true", ANTHROPIC_MESSAGES),
        ("POST", "/v1/messages/count_tokens?beta=true", None),
        ("POST", "/v1/chat/completions", OPENAI_CHAT),
        ("POST", "/chat/completions", OPENAI_CHAT),
        ("POST", "/v1/responses", OPENAI_RESPONSES),
        ("POST", "/v1/completions", OPENAI_COMPLETIONS),
        ("POST", "/v1/engines/copilot-codex/completions", OPENAI_COMPLETIONS),
        ("GET", "/v1/models", None),
        ("POST", "/v1/embeddings", None),
        ("GET", "/v1/responses", None),
    ],
)
def test_detect(method, path, api):
    assert formats.detect(method, path) == api


def test_anthropic_stream_reassembled():
    info = formats.parse_response(ANTHROPIC_MESSAGES, 200, SSE_HEADERS, [samples.ANTHROPIC_STREAM])
    assert info.text == "I'll write the file. ✓"
    assert info.reasoning == "Let me think."
    [call] = info.tool_calls
    assert call.name == "Write" and call.kind == "tool_use" and call.id == "toolu_2"
    assert json.loads(call.arguments) == {"file_path": "/p/hello.py", "content": 'print("hi")\n'}
    assert info.finish_reason == "tool_use" and info.complete and not info.errors
    u = info.usage
    assert (u.input_tokens, u.output_tokens, u.cache_read_tokens, u.cache_write_tokens) == (
        25, 89, 1000, 50)


def test_openai_chat_parallel_tool_call_fragments():
    info = formats.parse_response(OPENAI_CHAT, 200, SSE_HEADERS, [samples.OPENAI_CHAT_STREAM])
    assert info.text == "Here:"
    a, b = info.tool_calls
    assert (a.name, a.id, json.loads(a.arguments)) == ("write_file", "call_a",
                                                       {"path": "a.py", "text": "x = 1"})
    assert (b.name, json.loads(b.arguments)) == ("read_file", {"path": "b.py"})
    assert info.finish_reason == "tool_calls" and info.complete
    assert (info.usage.input_tokens, info.usage.cache_read_tokens) == (100, 64)


def test_responses_stream_uses_completed_as_truth_and_keeps_custom_tool():
    info = formats.parse_response(OPENAI_RESPONSES, 200, SSE_HEADERS, [samples.RESPONSES_STREAM])
    assert info.text == "Adding hello.py" and info.reasoning == "Plan the patch"
    [call] = info.tool_calls
    assert call.kind == "custom" and call.name == "apply_patch" and call.arguments == samples.PATCH
    assert info.usage.input_tokens == 500 and info.usage.reasoning_tokens == 20
    assert info.finish_reason == "completed" and info.complete and info.model == "gpt-5-codex"


def test_responses_stream_cut_before_completed_keeps_deltas():
    cut = samples.RESPONSES_STREAM.split(b"event: response.completed")[0]
    info = formats.parse_response(OPENAI_RESPONSES, 200, SSE_HEADERS, [cut], complete=False)
    assert not info.complete
    assert info.text == "Adding hello.py"
    assert info.tool_calls[0].arguments == samples.PATCH
    assert "response.completed" in info.errors[0]


def test_responses_request_input_items():
    body = {"model": "gpt-5-codex", "instructions": "You are Codex.", "stream": True,
            "prompt_cache_key": "conv-123",
            "tools": [{"type": "function", "name": "exec_command"},
                      {"type": "custom", "name": "apply_patch"},
                      {"type": "namespace", "name": "agents", "tools": [{"type": "function",
                                                                         "name": "spawn"}]},
                      {"type": "web_search"}],
            "input": [
                {"type": "message", "role": "user", "content": [
                    {"type": "input_text", "text": "<environment_context><cwd>/w</cwd></environment_context>"}]},
                {"type": "message", "role": "user", "content": [
                    {"type": "input_text", "text": "add hello.py"}]},
                {"type": "function_call", "name": "exec_command", "call_id": "c",
                 "arguments": "{}"},
                {"type": "function_call_output", "call_id": "c", "output": "ok"},
            ]}
    req = formats.parse_request(OPENAI_RESPONSES, json.dumps(body).encode())
    assert req.prompt == "add hello.py" and req.system == "You are Codex."
    assert req.tools_offered == ("exec_command", "apply_patch", "agents.spawn", "web_search")
    assert req.session_id == "conv-123"
    assert req.messages[-1] == {"role": "tool", "content": "ok"}


def test_completions_fim_request_and_stream_with_alternatives():
    body = {"model": "copilot-codex", "prompt": "def add(a, b):\n    ", "suffix": "\n\nprint(1)",
            "max_tokens": 500, "n": 2, "stream": True, "extra": {"language": "python"},
            "nwo": "octo/repo"}
    req = formats.parse_request(OPENAI_COMPLETIONS, json.dumps(body).encode())
    assert req.prompt.startswith("def add") and req.suffix == "\n\nprint(1)"
    assert req.params["language"] == "python" and req.params["nwo"] == "octo/repo"
    stream = samples.sse([
        (None, {"id": "c1", "model": "copilot-codex", "choices": [{"index": 0, "text": "return "}]}),
        (None, {"id": "c1", "choices": [{"index": 1, "text": "return b + a"}]}),
        (None, {"id": "c1", "choices": [{"index": 0, "text": "a + b", "finish_reason": "stop"}]}),
        (None, "[DONE]"),
    ])
    info = formats.parse_response(OPENAI_COMPLETIONS, 200, SSE_HEADERS, [stream])
    assert info.text == "return a + b" and info.alternatives == ("return b + a",)
    assert info.complete


def test_non_streamed_bodies():
    chat = {"id": "c", "model": "gpt-4o", "choices": [{"index": 0, "message": {
        "role": "assistant", "content": "```python\nx = 1\n```", "tool_calls": [
            {"id": "t", "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
        "finish_reason": "stop"}], "usage": {"prompt_tokens": 3, "completion_tokens": 4}}
    info = formats.parse_response(OPENAI_CHAT, 200, JSON_HEADERS, [json.dumps(chat).encode()])
    assert info.text.startswith("```python") and info.tool_calls[0].name == "f"
    msg = {"id": "m", "type": "message", "model": "claude", "stop_reason": "end_turn",
           "content": [{"type": "thinking", "thinking": "hm"}, {"type": "text", "text": "ok"},
                       {"type": "tool_use", "id": "t", "name": "Edit",
                        "input": {"file_path": "a", "old_string": "x", "new_string": "y"}}],
           "usage": {"input_tokens": 9, "output_tokens": 2}}
    info = formats.parse_response(ANTHROPIC_MESSAGES, 200, JSON_HEADERS,
                                  [json.dumps(msg).encode()])
    assert (info.text, info.reasoning) == ("ok", "hm")
    assert json.loads(info.tool_calls[0].arguments)["new_string"] == "y"


def test_gzip_body_is_decoded_on_the_copy():
    msg = {"id": "m", "model": "claude", "content": [{"type": "text", "text": "zipped"}],
           "stop_reason": "end_turn", "usage": {}}
    body = gzip.compress(json.dumps(msg).encode())
    info = formats.parse_response(ANTHROPIC_MESSAGES, 200,
                                  JSON_HEADERS + [("content-encoding", "gzip")],
                                  [body[:10], body[10:]])
    assert info.text == "zipped" and not info.errors


@pytest.mark.parametrize("status,body,needle", [
    (429, {"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}},
     "Rate limit reached"),
    (529, {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
     "Overloaded"),
    (500, "upstream exploded <html>", "upstream exploded"),
])
def test_error_statuses_keep_the_upstream_message(status, body, needle):
    raw = json.dumps(body).encode() if isinstance(body, dict) else body.encode()
    info = formats.parse_response(OPENAI_CHAT, status, JSON_HEADERS, [raw])
    assert needle in (info.error or "") and str(status) in info.error


@pytest.mark.parametrize("api", [OPENAI_CHAT, OPENAI_RESPONSES, OPENAI_COMPLETIONS,
                                 ANTHROPIC_MESSAGES])
@pytest.mark.parametrize("body", [b"", b"{not json", b"\xff\xfe\x00garbage", b"[1, 2]",
                                  b'{"messages": "nope", "input": 5, "prompt": {"a": 1}}'])
def test_garbage_never_raises(api, body):
    req = formats.parse_request(api, body)
    assert req.api == api
    if body in (b"", b"{not json", b"\xff\xfe\x00garbage", b"[1, 2]"):
        assert req.errors
    for headers in (SSE_HEADERS, JSON_HEADERS, []):
        info = formats.parse_response(api, 200, headers, [body])
        assert info.errors or not info.complete or info.text == ""


COMPLETIONS_STREAM = samples.sse([
    (None, {"id": "c", "choices": [{"index": 0, "text": "naïve ✓ "}]}),
    (None, {"id": "c", "choices": [{"index": 1, "text": "日本語"}]}),
    (None, {"id": "c", "choices": [{"index": 0, "text": "done", "finish_reason": "stop"}]}),
    (None, "[DONE]"),
]).replace(b"\n", b"\r\n")  # CRLF line ends, as some servers send
STREAMS = [(ANTHROPIC_MESSAGES, samples.ANTHROPIC_STREAM), (OPENAI_CHAT, samples.OPENAI_CHAT_STREAM),
           (OPENAI_RESPONSES, samples.RESPONSES_STREAM), (OPENAI_COMPLETIONS, COMPLETIONS_STREAM)]


@pytest.mark.parametrize(("api", "data"), STREAMS)
def test_byte_by_byte_equals_whole(api, data):
    """Every split point at once, inside multi-byte characters and CR LF pairs included."""
    whole = formats.parse_response(api, 200, SSE_HEADERS, [data])
    assert whole.complete and not whole.errors and (whole.text or whole.tool_calls)
    parser = formats.MODULES[api].StreamParser()  # parse_response joins chunks: feed directly
    for i in range(len(data)):
        parser.feed(data[i:i + 1])
    assert parser.finish(True) == whole


@settings(max_examples=60, deadline=None)
@given(cuts=st.lists(st.integers(min_value=1, max_value=10_000), max_size=40),
       which=st.integers(min_value=0, max_value=len(STREAMS) - 1))
def test_chunking_never_changes_the_result(cuts, which):
    api, data = STREAMS[which]
    points = sorted({c % len(data) for c in cuts} - {0})
    chunks = [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]
    whole = formats.parse_response(api, 200, SSE_HEADERS, [data])
    assert formats.parse_response(api, 200, SSE_HEADERS, chunks) == whole
    parser = formats.MODULES[api].StreamParser()
    for c in chunks:
        parser.feed(c)
    assert parser.finish(True) == whole


# --- dispatch: encodings, statuses, content types, the relay's streaming check ------------

ANTHROPIC_BODY = json.dumps({"id": "m", "model": "claude", "stop_reason": "end_turn",
                             "content": [{"type": "text", "text": "décodé ✓"}],
                             "usage": {}}).encode()


def _encoders():
    import zlib

    import brotli
    from backports import zstd

    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return {
        "gzip": gzip.compress,
        "deflate": zlib.compress,
        "deflate-raw": lambda b: raw_deflate.compress(b) + raw_deflate.flush(),
        "br": brotli.compress,
        "zstd": zstd.compress,
        "gzip, br": lambda b: brotli.compress(gzip.compress(b)),
    }


@pytest.mark.parametrize("encoding", list(_encoders()))
def test_content_encodings_are_decoded_on_the_copy(encoding):
    body = _encoders()[encoding](ANTHROPIC_BODY)
    header = "deflate" if encoding == "deflate-raw" else encoding
    info = formats.parse_response(ANTHROPIC_MESSAGES, 200,
                                  JSON_HEADERS + [("Content-Encoding", header)],
                                  [body[:7], body[7:]])
    assert info.text == "décodé ✓" and not info.errors


def test_a_cut_gzip_stream_keeps_the_events_before_the_cut():
    import zlib

    comp = zlib.compressobj(wbits=16 + zlib.MAX_WBITS)
    data = comp.compress(samples.OPENAI_CHAT_STREAM) + comp.flush(zlib.Z_SYNC_FLUSH)
    cut = data[: len(data) * 2 // 3]
    info = formats.parse_response(OPENAI_CHAT, 200, SSE_HEADERS + [("content-encoding", "gzip")],
                                  [cut], complete=False)
    assert info.text == "Here:" and not info.complete
    assert any("gzip body is truncated" in e for e in info.errors)


def test_unknown_encoding_is_said_and_body_kept():
    info = formats.parse_response(ANTHROPIC_MESSAGES, 200,
                                  JSON_HEADERS + [("content-encoding", "compress")],
                                  [ANTHROPIC_BODY])
    assert info.text == "décodé ✓" and "unknown content-encoding 'compress'" in info.errors[0]


@pytest.mark.parametrize(("status", "ctype", "body", "error"), [
    (502, "text/html", b"<html><body><h1>502 Bad Gateway</h1>nginx</body></html>",
     "HTTP 502: 502 Bad Gateway nginx"),
    (503, "text/plain", b"upstream connect error", "HTTP 503: upstream connect error"),
    (401, "application/json", b'{"error": {"message": "Incorrect API key provided",'
                              b' "type": "invalid_request_error", "code": "invalid_api_key"}}',
     "HTTP 401: invalid_api_key: Incorrect API key provided"),
    (429, "text/event-stream", b'event: error\ndata: {"type": "error", "error": '
                               b'{"type": "rate_limit_error", "message": "slow"}}\n\n',
     "HTTP 429: rate_limit_error: slow"),
    (500, "application/json", b"", "HTTP 500"),
])
def test_error_bodies_in_the_upstreams_words(status, ctype, body, error):
    info = formats.parse_response(OPENAI_CHAT, status, [("content-type", ctype)], [body])
    assert info.error == error and info.text == "" and not info.errors


def test_no_response_at_all():
    info = formats.parse_response(OPENAI_CHAT, 0, [], [], complete=False)
    assert not info.complete and info.errors == ("no response from the upstream",)


def test_mislabelled_content_types():
    # an SSE body labelled as plain text is still read as a stream
    info = formats.parse_response(OPENAI_CHAT, 200, [("content-type", "text/plain")],
                                  [samples.OPENAI_CHAT_STREAM])
    assert info.text == "Here:" and len(info.tool_calls) == 2
    # one JSON document labelled as an event stream is read as a body
    body = json.dumps({"id": "c", "model": "m", "choices": [{"index": 0, "message": {
        "role": "assistant", "content": "json after all"}, "finish_reason": "stop"}]}).encode()
    info = formats.parse_response(OPENAI_CHAT, 200, SSE_HEADERS, [body])
    assert info.text == "json after all" and info.complete
    assert info.errors == ("event-stream content-type but a JSON body",)


@pytest.mark.parametrize(("body", "streaming"), [
    (b'{"model": "m", "stream": true, "messages": []}', True),
    (b'{"model":"m","stream":true}', True),
    (b'{"model": "m", "stream" : true}', True),
    (b'{"model": "m", "stream": false, "stream_options": {"include_usage": true}}', False),
    (b'{"model": "m", "messages": [{"role": "user", "content": "say \\"stream\\": true"}]}',
     False),
    (b'{"model": "m"}', False),
    (b"not json", False),
])
def test_is_streaming_request(body, streaming):
    for api in formats.MODULES:
        assert formats.is_streaming_request(api, body) is streaming


# --- never raises, whatever the shapes: the last-resort guard is never what saves us ------

JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["type", "index", "delta", "choices", "content", "text", "message",
                         "tool_calls", "function", "arguments", "name", "id", "usage", "item",
                         "output", "output_index", "response", "error", "partial_json",
                         "content_block", "input", "model", "role", "messages", "system",
                         "tools", "metadata", "user_id", "prompt", "suffix", "summary",
                         "finish_reason", "status", "refusal", "stream"]), inner, max_size=5),
    max_leaves=20)
KINDS = st.sampled_from([
    "message_start", "content_block_start", "content_block_delta", "message_delta",
    "message_stop", "error", "response.created", "response.output_item.added",
    "response.output_item.done", "response.output_text.delta", "response.output_text.done",
    "response.function_call_arguments.done", "response.completed", "response.failed",
    "response.reasoning_summary_text.delta", "response.custom_tool_call_input.delta"])


@settings(max_examples=300, deadline=None)
@given(api=st.sampled_from(list(formats.MODULES)),
       events=st.lists(st.tuples(KINDS, JSONISH), max_size=6), body=JSONISH)
def test_unexpected_shapes_are_handled_by_the_parsers_themselves(api, events, body):
    req = formats.parse_request(api, json.dumps(body).encode())
    assert not [e for e in req.errors if "parser failed" in e]
    stream = b"".join(
        b"data: " + json.dumps({"type": kind, **payload} if isinstance(payload, dict) else
                               payload).encode() + b"\n\n" for kind, payload in events)
    for headers, data in ((SSE_HEADERS, stream), (JSON_HEADERS, json.dumps(body).encode())):
        info = formats.parse_response(api, 200, headers, [data])
        assert not [e for e in info.errors if "parser failed" in e], info.errors


@pytest.mark.parametrize("api", list(formats.MODULES))
def test_json_nested_too_deeply_is_said_not_raised(api):
    deep = b"[" * 100_000 + b"]" * 100_000
    req = formats.parse_request(api, deep)
    assert req.errors == ("request body is JSON nested too deeply to read",)
    for headers, data in ((SSE_HEADERS, b"data: " + deep + b"\n\n"), (JSON_HEADERS, deep)):
        info = formats.parse_response(api, 200, headers, [data])
        assert not [e for e in info.errors if "parser failed" in e] and info.text == ""
