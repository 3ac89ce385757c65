"""Gemini API answers (``generateContent`` / ``streamGenerateContent``), as the Generative
Language API and Vertex AI send them.

A streamed answer is a sequence of whole ``GenerateContentResponse`` objects: SSE
``data:`` lines separated by CRLF blank lines with ``?alt=sse``, one JSON array without it.
There is no end sentinel: the last object carries ``finishReason`` and the full
``usageMetadata``. A function call arrives whole, in one part (``functionCall.args`` is an
object, never fragments); thinking arrives as text parts with ``thought: true``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tests.fakellm.script import Turn, dumps, pieces


def gemini_count_tokens(data: Any) -> dict[str, Any]:
    n = max(1, len(dumps(data)) // 4) if isinstance(data, dict) else 0
    return {"totalTokens": n, "promptTokensDetails": [{"modality": "TEXT", "tokenCount": n}]}


def _args(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {"input": text}
    return value if isinstance(value, dict) else {"input": value}


def _usage(t: Turn, final: bool) -> dict[str, Any]:
    pt, ct = t.reply.usage
    usage: dict[str, Any] = {"promptTokenCount": pt,
                             "promptTokensDetails": [{"modality": "TEXT", "tokenCount": pt}]}
    if final:
        thoughts = max(1, len(t.reply.thinking) // 4) if t.reply.thinking else 0
        usage["candidatesTokenCount"] = ct
        usage["totalTokenCount"] = pt + ct + thoughts
        if thoughts:
            usage["thoughtsTokenCount"] = thoughts
    else:
        usage["totalTokenCount"] = pt
    return usage


def _response(t: Turn, parts: list[dict[str, Any]], final: bool) -> dict[str, Any]:
    cand: dict[str, Any] = {"content": {"parts": parts, "role": "model"}, "index": 0}
    if final:
        cand["finishReason"] = "STOP"
    return {"candidates": [cand], "usageMetadata": _usage(t, final),
            "modelVersion": t.model, "responseId": t.id("gem")}


def _parts(t: Turn) -> list[dict[str, Any]]:
    reply = t.reply
    parts: list[dict[str, Any]] = []
    if reply.thinking:
        parts.append({"text": reply.thinking, "thought": True})
    if reply.text:
        parts.append({"text": reply.text})
    for i, tc in enumerate(reply.tool_calls):
        call: dict[str, Any] = {"name": tc.name, "args": _args(tc.arguments)}
        if tc.id:
            call["id"] = tc.id
        part: dict[str, Any] = {"functionCall": call}
        if i == 0:  # Gemini 2.5+ signs the first function call of a turn
            part["thoughtSignature"] = "ZmFrZS10aG91Z2h0"
        parts.append(part)
    return parts


def gemini_chunks(t: Turn) -> list[dict[str, Any]]:
    """The ``GenerateContentResponse`` objects of a streamed answer, in order."""
    reply = t.reply
    out: list[dict[str, Any]] = []
    if reply.thinking:
        out += [_response(t, [{"text": p, "thought": True}], False)
                for p in pieces(reply.thinking, size=reply.chunk_chars)]
    out += [_response(t, [{"text": p}], False) for p in pieces(reply.text,
                                                                  size=reply.chunk_chars)]
    calls = [p for p in _parts(t) if "functionCall" in p]
    if calls:
        out.append(_response(t, calls, False))
    if not out:
        out.append(_response(t, [{"text": ""}], False))
    last = out[-1]
    out[-1] = _response(t, last["candidates"][0]["content"]["parts"], True)
    return out


def render_gemini(t: Turn, mode: str) -> Iterator[bytes]:
    """``mode``: ``json`` (generateContent), ``sse`` (streamGenerateContent?alt=sse) or
    ``array`` (streamGenerateContent without ``alt=sse``)."""
    reply = t.reply
    if mode == "json":
        yield dumps(_response(t, _parts(t), True)).encode()
        return
    chunks = gemini_chunks(t)
    if reply.stream_error is not None:
        chunks = chunks[:-1] + [{"error": {"code": 500, "message": reply.stream_error,
                                           "status": "INTERNAL"}}]
    if mode == "sse":
        for c in chunks:
            yield b"data: " + dumps(c).encode() + b"\r\n\r\n"
        return
    for i, c in enumerate(chunks):
        yield (b"[" if i == 0 else b",\r\n") + dumps(c).encode()
    yield b"]"
