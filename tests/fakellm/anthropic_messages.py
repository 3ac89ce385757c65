"""Anthropic Messages answers, whole or as typed events (tool input as ``input_json_delta``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tests.fakellm.script import SIGNATURE, Turn, dumps, pieces, sse


def render_messages(t: Turn, stream: bool) -> Iterator[bytes]:
    reply = t.reply
    pt, ct = reply.usage
    blocks: list[dict[str, Any]] = []
    if reply.thinking:
        blocks.append({"type": "thinking", "thinking": reply.thinking, "signature": SIGNATURE})
    if reply.text:
        blocks.append({"type": "text", "text": reply.text})
    for i, tc in enumerate(reply.tool_calls):
        try:
            inp = json.loads(tc.arguments)
        except ValueError:
            inp = {"input": tc.arguments}
        blocks.append({"type": "tool_use", "id": t.call_id(tc, i, "toolu"), "name": tc.name,
                       "input": inp})
    stop = "tool_use" if reply.tool_calls else "end_turn"
    usage = {"input_tokens": pt, "cache_creation_input_tokens": 0,
             "cache_read_input_tokens": 0, "output_tokens": ct, "service_tier": "standard"}
    mid = t.id("msg")
    if not stream:
        yield dumps({"id": mid, "type": "message", "role": "assistant", "model": t.model,
                      "content": blocks, "stop_reason": stop, "stop_sequence": None,
                      "usage": usage}).encode()
        return
    yield sse({"type": "message_start", "message": {
        "id": mid, "type": "message", "role": "assistant", "model": t.model, "content": [],
        "stop_reason": None, "stop_sequence": None, "usage": {**usage, "output_tokens": 1}}},
        "message_start")
    size = reply.chunk_chars
    for i, b in enumerate(blocks):
        delta = (b'event: content_block_delta\ndata: {"type":"content_block_delta","index":'
                 + str(i).encode() + b',"delta":')
        if b["type"] == "thinking":
            start: dict[str, Any] = {"type": "thinking", "thinking": "", "signature": ""}
            parts = [{"type": "thinking_delta", "thinking": p}
                     for p in pieces(b["thinking"], size=size)]
            parts.append({"type": "signature_delta", "signature": b["signature"]})
        elif b["type"] == "text":
            start = {"type": "text", "text": ""}
            parts = [{"type": "text_delta", "text": p} for p in pieces(b["text"], size=size)]
        else:
            start = {"type": "tool_use", "id": b["id"], "name": b["name"], "input": {}}
            # the API's first fragment is empty; the SDKs join the rest and parse at the end
            parts = [{"type": "input_json_delta", "partial_json": p}
                     for p in ["", *pieces(dumps(b["input"]), 5, size)]]
        yield sse({"type": "content_block_start", "index": i, "content_block": start},
                   "content_block_start")
        if i == 0:
            yield b'event: ping\ndata: {"type":"ping"}\n\n'
        for part in parts:
            yield delta + dumps(part).encode() + b"}\n\n"
        yield sse({"type": "content_block_stop", "index": i}, "content_block_stop")
    if reply.stream_error is not None:
        yield sse({"type": "error", "error": {"type": "overloaded_error",
                                               "message": reply.stream_error}}, "error")
        return
    yield sse({"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                "usage": {"output_tokens": ct}}, "message_delta")
    yield b'event: message_stop\ndata: {"type":"message_stop"}\n\n'


