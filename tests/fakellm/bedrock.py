"""Amazon Bedrock answers as bedrock-runtime sends them: InvokeModel for Anthropic models and
Converse / ConverseStream for any model.

``/model/{id}/invoke`` answers the Anthropic Messages JSON; ``invoke-with-response-stream``
answers ``application/vnd.amazon.eventstream``: binary messages (total length, headers
length, prelude CRC32, headers, payload, message CRC32), each a ``chunk`` event whose JSON
payload holds one Anthropic stream event, base64-encoded, in ``bytes``. The last event
carries ``amazon-bedrock-invocationMetrics``.
"""

from __future__ import annotations

import base64
import binascii
import json
import struct
from collections.abc import Iterator

from tests.fakellm.anthropic_messages import render_messages
from tests.fakellm.script import Turn, dumps, pieces

EVENTSTREAM = b"application/vnd.amazon.eventstream"


def _header(name: str, value: str) -> bytes:
    n, v = name.encode(), value.encode()
    return bytes([len(n)]) + n + b"\x07" + struct.pack(">H", len(v)) + v


def event_message(headers: dict[str, str], payload: bytes) -> bytes:
    """One AWS event-stream message."""
    head = b"".join(_header(k, v) for k, v in headers.items())
    total = 12 + len(head) + len(payload) + 4
    prelude = struct.pack(">II", total, len(head))
    prelude += struct.pack(">I", binascii.crc32(prelude))
    body = prelude + head + payload
    return body + struct.pack(">I", binascii.crc32(body))


def render_bedrock(t: Turn, stream: bool) -> Iterator[bytes]:
    if not stream:
        yield from render_messages(t, False)
        return
    pt, ct = t.reply.usage
    events = []
    for sse in render_messages(t, True):
        for line in sse.split(b"\n"):
            if line.startswith(b"data: "):
                ev = json.loads(line[6:])
                if ev.get("type") != "ping":
                    events.append(ev)
    if events and events[-1].get("type") == "message_stop":
        events[-1]["amazon-bedrock-invocationMetrics"] = {
            "inputTokenCount": pt, "outputTokenCount": ct, "invocationLatency": 1,
            "firstByteLatency": 1}
    for ev in events:
        if ev.get("type") == "error":  # a stream error is an exception message on Bedrock
            yield event_message({":exception-type": "modelStreamErrorException",
                                 ":content-type": "application/json",
                                 ":message-type": "exception"},
                                dumps({"message": ev["error"]["message"]}).encode())
            continue
        payload = dumps({"bytes": base64.b64encode(dumps(ev).encode()).decode(),
                         "p": "abcdefghijklmnopqrstuvwxyzABCDEFGH"}).encode()
        yield event_message({":event-type": "chunk", ":content-type": "application/json",
                             ":message-type": "event"}, payload)


def render_converse(t: Turn, stream: bool) -> Iterator[bytes]:
    """Converse: ``output.message.content`` blocks; ConverseStream: one event-stream message
    per event, the event type in ``:event-type`` and the event as the JSON payload."""
    reply = t.reply
    pt, ct = reply.usage
    usage = {"inputTokens": pt, "outputTokens": ct, "totalTokens": pt + ct}
    uses = []
    for i, tc in enumerate(reply.tool_calls):
        try:
            inp = json.loads(tc.arguments)
        except ValueError:
            inp = {"input": tc.arguments}
        uses.append({"toolUseId": t.call_id(tc, i, "tooluse"), "name": tc.name, "input": inp})
    stop = "tool_use" if uses else "end_turn"
    if not stream:
        content = ([{"text": reply.text}] if reply.text else []) + [{"toolUse": u}
                                                                   for u in uses]
        yield dumps({"output": {"message": {"role": "assistant", "content": content}},
                     "stopReason": stop, "usage": usage,
                     "metrics": {"latencyMs": 1}}).encode()
        return

    def ev(kind: str, payload: dict[str, object]) -> bytes:
        return event_message({":event-type": kind, ":content-type": "application/json",
                              ":message-type": "event"}, dumps(payload).encode())

    yield ev("messageStart", {"role": "assistant"})
    index = 0
    if reply.text:
        for piece in pieces(reply.text, size=reply.chunk_chars):
            yield ev("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": piece}})
        yield ev("contentBlockStop", {"contentBlockIndex": 0})
        index = 1
    for n, use in enumerate(uses, index):
        yield ev("contentBlockStart", {"contentBlockIndex": n, "start": {"toolUse": {
            "toolUseId": use["toolUseId"], "name": use["name"]}}})
        for piece in pieces(dumps(use["input"]), 3, reply.chunk_chars):
            yield ev("contentBlockDelta", {"contentBlockIndex": n,
                                           "delta": {"toolUse": {"input": piece}}})
        yield ev("contentBlockStop", {"contentBlockIndex": n})
    if reply.stream_error is not None:
        yield event_message({":exception-type": "modelStreamErrorException",
                             ":content-type": "application/json",
                             ":message-type": "exception"},
                            dumps({"message": reply.stream_error}).encode())
        return
    yield ev("messageStop", {"stopReason": stop})
    yield ev("metadata", {"usage": usage, "metrics": {"latencyMs": 1}})
