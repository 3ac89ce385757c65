"""OpenAI Chat Completions answers, whole or as ``chat.completion.chunk`` events."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.fakellm.script import DONE, Turn, alternatives, dumps, pieces, sse


def render_chat(t: Turn, stream: bool) -> Iterator[bytes]:
    reply, data = t.reply, t.data
    cid = t.id("chatcmpl", "-")
    pt, ct = reply.usage
    usage = {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct,
             "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
             "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                           "accepted_prediction_tokens": 0,
                                           "rejected_prediction_tokens": 0}}
    calls = [(t.call_id(tc, i), tc) for i, tc in enumerate(reply.tool_calls)]
    finish = "tool_calls" if calls else "stop"
    alts = alternatives(reply, data)
    if not stream:
        msg: dict[str, Any] = {"role": "assistant", "content": reply.text or None,
                               "refusal": None, "annotations": []}
        if calls:
            msg["tool_calls"] = [{"id": call_id, "type": "function", "function": {
                "name": tc.name, "arguments": tc.arguments}} for call_id, tc in calls]
        choices = [{"index": 0, "message": msg, "logprobs": None, "finish_reason": finish}]
        choices += [{"index": i, "message": {"role": "assistant", "content": text,
                                             "refusal": None, "annotations": []},
                     "logprobs": None, "finish_reason": "stop"}
                    for i, text in enumerate(alts, 1)]
        yield dumps({"id": cid, "object": "chat.completion", "created": t.created,
                      "model": t.model, "choices": choices, "usage": usage,
                      "service_tier": "default", "system_fingerprint": "fp_fake"}).encode()
        return

    opts = data.get("stream_options")
    with_usage = isinstance(opts, dict) and bool(opts.get("include_usage"))
    # every chunk is head + index + delta + finish + tail: encode the constant parts once
    head = (b'data: {"id":"' + cid.encode() + b'","object":"chat.completion.chunk","created":'
            + str(t.created).encode() + b',"model":' + dumps(t.model).encode()
            + b',"service_tier":"default","system_fingerprint":"fp_fake","choices":[{"index":')
    tail = b'}],"usage":null}\n\n' if with_usage else b"}]}\n\n"

    def chunk(delta: dict[str, Any], finish_reason: str | None = None, index: int = 0) -> bytes:
        fin = b'"' + finish_reason.encode() + b'"' if finish_reason else b"null"
        return (head + str(index).encode() + b',"delta":' + dumps(delta).encode()
                + b',"logprobs":null,"finish_reason":' + fin + tail)

    yield chunk({"role": "assistant", "content": "", "refusal": None})
    for piece in pieces(reply.text, size=reply.chunk_chars):
        yield chunk({"content": piece})
    for n, alt in enumerate(alts, 1):
        yield chunk({"role": "assistant", "content": "", "refusal": None}, index=n)
        for piece in pieces(alt, size=reply.chunk_chars):
            yield chunk({"content": piece}, index=n)
    for i, (call_id, tc) in enumerate(calls):
        yield chunk({"tool_calls": [{"index": i, "id": call_id, "type": "function",
                                     "function": {"name": tc.name, "arguments": ""}}]})
        for piece in pieces(tc.arguments, size=reply.chunk_chars):
            yield chunk({"tool_calls": [{"index": i, "function": {"arguments": piece}}]})
    if reply.stream_error is not None:
        yield sse({"error": {"message": reply.stream_error, "type": "server_error",
                              "param": None, "code": None}})
        return
    yield chunk({}, finish)
    for n in range(1, len(alts) + 1):
        yield chunk({}, "stop", index=n)
    if with_usage:
        yield sse({"id": cid, "object": "chat.completion.chunk", "created": t.created,
                    "model": t.model, "service_tier": "default",
                    "system_fingerprint": "fp_fake", "choices": [], "usage": usage})
    yield DONE


