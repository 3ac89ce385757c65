"""Anthropic Messages (``/v1/messages``; Claude Code calls it with ``?beta=true``).

Streamed answers are typed events: ``message_start``, ``content_block_start`` /
``content_block_delta`` / ``content_block_stop`` per block (text, tool_use with
``input_json_delta`` fragments, thinking), ``message_delta`` (stop reason, output tokens)
and ``message_stop``. A tool_use block's input is the concatenation of its
``partial_json`` fragments; when a gateway sends none, the block's initial ``input``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from proxy.exchange import ANTHROPIC_MESSAGES, RequestInfo, ResponseInfo, ToolCall, Usage
from proxy.formats.common import (
    MARKERS,
    EventStream,
    as_dict,
    as_int,
    as_list,
    clip,
    error_message,
    params_of,
    request_object,
    response_object,
)

_SESSION = re.compile(r"session_([0-9a-fA-F][0-9a-fA-F-]{7,63})")


def _blocks_text(content: Any) -> tuple[str, list[str]]:
    """(text of a message's own blocks, texts of its tool_result blocks)."""
    if isinstance(content, str):
        return content, []
    text: list[str] = []
    results: list[str] = []
    for b in content if isinstance(content, list) else ():
        if not isinstance(b, dict):
            continue
        kind = b.get("type")
        if kind == "text":
            text.append(str(b.get("text", "")))
        elif kind == "tool_use":
            text.append(f"[tool call {b.get('name')}({clip(json.dumps(b.get('input')))})]")
        elif kind == "tool_result":
            inner, _ = _blocks_text(b.get("content"))
            results.append(inner)
        elif kind in ("thinking", "redacted_thinking"):
            continue
        elif kind in MARKERS:
            text.append(MARKERS[kind])
    return "\n".join(text), results


_REMINDER = re.compile(r"^\s*<(system-reminder|command-[a-z-]+|local-command-[a-z]+)>.*"
                       r"</\1>\s*$", re.S)


def _human_text(content: Any) -> str:
    """The person's words in a user turn: Claude Code wraps context it adds in the same
    turn as ``<system-reminder>`` text blocks, which a reader of the prompt does not want."""
    if not isinstance(content, list):
        return content if isinstance(content, str) else ""
    texts = [str(b.get("text", "")) for b in content
             if isinstance(b, dict) and b.get("type") == "text"]
    return "\n".join(t for t in texts if t.strip() and not _REMINDER.match(t))


def _session_id(metadata: Any) -> str | None:
    if not isinstance(metadata, dict):
        return None
    uid = metadata.get("user_id")
    if not isinstance(uid, str):
        return None
    if uid.startswith("{"):  # newer Claude Code: JSON with a session id
        try:
            data = json.loads(uid)
        except (ValueError, RecursionError):
            data = None
        if isinstance(data, dict) and isinstance(data.get("session_id"), str):
            return data["session_id"]
    m = _SESSION.search(uid)
    return m.group(1) if m else None


def parse_request(body: bytes) -> RequestInfo:
    data, errors = request_object(body)
    if data is None:
        return RequestInfo(api=ANTHROPIC_MESSAGES, errors=tuple(errors))
    system_raw = data.get("system")
    system = system_raw if isinstance(system_raw, str) else _blocks_text(system_raw)[0]
    messages: list[dict[str, str]] = []
    prompt = ""
    for m in as_list(data.get("messages")):
        if not isinstance(m, dict):
            continue
        role = str(m.get("role", ""))
        text, results = _blocks_text(m.get("content"))
        for r in results:
            messages.append({"role": "tool", "content": r})
        if text or not results:
            messages.append({"role": role, "content": text})
        if role == "user" and text.strip():
            prompt = _human_text(m.get("content")) or text
    tools = tuple(str(t.get("name") or t.get("type")) for t in as_list(data.get("tools"))
                  if isinstance(t, dict) and (t.get("name") or t.get("type")))
    return RequestInfo(
        api=ANTHROPIC_MESSAGES,
        model=data.get("model") if isinstance(data.get("model"), str) else None,
        stream=bool(data.get("stream")),
        system=system or None,
        messages=tuple(messages),
        prompt=prompt,
        tools_offered=tools,
        params=params_of(data),
        session_id=_session_id(data.get("metadata")),
        errors=tuple(errors),
    )


def _usage(u: Any, base: Usage | None = None) -> Usage:
    base = base or Usage()
    if not isinstance(u, dict):
        return base

    def pick(key: str, old: int | None) -> int | None:
        v = as_int(u.get(key))
        return v if v is not None else old

    return Usage(
        input_tokens=pick("input_tokens", base.input_tokens),
        output_tokens=pick("output_tokens", base.output_tokens),
        cache_read_tokens=pick("cache_read_input_tokens", base.cache_read_tokens),
        cache_write_tokens=pick("cache_creation_input_tokens", base.cache_write_tokens),
    )


def _from_blocks(blocks: list[dict[str, Any]]) -> tuple[str, str, tuple[ToolCall, ...]]:
    text, thinking, calls = [], [], []
    for b in blocks:
        kind = b.get("type")
        if kind == "text":
            t = b.get("text")
            if isinstance(t, str) and t:
                text.append(t)
        elif kind == "thinking":
            thinking.append(str(b.get("thinking") or ""))
        elif kind == "redacted_thinking":
            thinking.append("[redacted thinking]")
        elif kind in ("tool_use", "server_tool_use", "mcp_tool_use"):
            args = b.get("_json")
            if args is None:
                inp = b.get("input")
                args = json.dumps(inp, ensure_ascii=False) if inp not in (None, {}) else "{}"
            name = str(b.get("name") or "")
            if kind == "mcp_tool_use" and b.get("server_name"):
                name = f"{b['server_name']}.{name}"
            calls.append(ToolCall(name=name, arguments=args or "{}", id=_s(b.get("id")),
                                  kind="tool_use" if kind == "tool_use" else
                                  "server_tool_use"))
    # separate text blocks (text, tool call, text) are separate paragraphs
    return "\n".join(text), "\n".join(t for t in thinking if t), tuple(calls)


def _s(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


def parse_body(data: bytes) -> ResponseInfo:
    body, errors = response_object(data)
    if body is None:
        return ResponseInfo(complete=False, errors=tuple(errors))
    if body.get("type") == "error" or (body.get("error") and "content" not in body):
        return ResponseInfo(error=error_message(body))
    content = body.get("content")
    if not isinstance(content, list):
        errors.append("response has no content blocks")
    blocks = [b for b in content or () if isinstance(b, dict)] if isinstance(
        content, list) else []
    text, thinking, calls = _from_blocks(blocks)
    return ResponseInfo(
        model=_s(body.get("model")), response_id=_s(body.get("id")), text=text,
        reasoning=thinking, tool_calls=calls, finish_reason=_s(body.get("stop_reason")),
        usage=_usage(body.get("usage")), errors=tuple(errors),
    )


_DELTA_FIELD = {"text_delta": "text", "input_json_delta": "partial_json",
                "thinking_delta": "thinking"}  # signature_delta, citations_delta: not text


class StreamParser(EventStream):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: dict[int, dict[str, Any]] = {}
        self.parts: dict[int, list[str]] = {}
        self.model: str | None = None
        self.id: str | None = None
        self.usage = Usage()
        self.stop_reason: str | None = None
        self.stopped = False
        self.error: str | None = None

    def _event(self, name: str | None, data: str) -> None:
        ev = self._json(data)
        if ev is None:
            return
        kind = str(ev.get("type") or name or "")
        i = as_int(ev.get("index"))
        if kind == "message_start":
            msg = as_dict(ev.get("message"))
            self.model, self.id = _s(msg.get("model")), _s(msg.get("id"))
            self.usage = _usage(msg.get("usage"), self.usage)
        elif kind == "content_block_start":
            block = ev.get("content_block")
            self.blocks[len(self.blocks) if i is None else i] = (
                dict(block) if isinstance(block, dict) else {})
        elif kind == "content_block_delta":
            delta = as_dict(ev.get("delta"))
            field = _DELTA_FIELD.get(str(delta.get("type")))
            piece = delta.get(field) if field else None
            if isinstance(piece, str):
                self.parts.setdefault(0 if i is None else i, []).append(piece)
        elif kind == "message_delta":
            delta = as_dict(ev.get("delta"))
            self.stop_reason = _s(delta.get("stop_reason")) or self.stop_reason
            self.usage = _usage(ev.get("usage"), self.usage)
        elif kind == "message_stop":
            self.stopped = True
        elif kind == "error":
            self.error = error_message(ev) or data[:200]

    def finish(self, complete: bool) -> ResponseInfo:
        self._drain()
        blocks = []
        for i in sorted(set(self.blocks) | set(self.parts)):
            b = dict(self.blocks.get(i) or {"type": "text"})
            joined = "".join(self.parts.get(i, ()))
            kind = b.get("type")
            if kind == "text":
                b["text"] = str(b.get("text") or "") + joined
            elif kind == "thinking":
                b["thinking"] = str(b.get("thinking") or "") + joined
            elif kind in ("tool_use", "server_tool_use", "mcp_tool_use") and joined:
                b["_json"] = joined
            blocks.append(b)
        text, thinking, calls = _from_blocks(blocks)
        errors = list(self.errors)
        if not self.stopped and self.error is None:
            errors.append("stream ended without message_stop")
        return ResponseInfo(
            model=self.model, response_id=self.id, text=text, reasoning=thinking,
            tool_calls=calls, finish_reason=self.stop_reason, usage=self.usage,
            complete=complete and self.stopped, error=self.error, errors=tuple(errors),
        )
