"""Amazon Bedrock Converse (``/model/M/converse`` and ``/model/M/converse-stream``): one
message format for every Bedrock model.

A request is ``messages`` of ``content`` blocks (``text``, ``image``, ``document``,
``toolUse``, ``toolResult``), a ``system`` list of text blocks, ``toolConfig.tools`` of
``toolSpec`` and ``inferenceConfig``; the model is named in the path. A whole answer is
``output.message.content`` with ``stopReason`` and ``usage``. A streamed answer is AWS
event-stream framing whose event type is a header and whose payload is the event itself:
``messageStart``, ``contentBlockStart`` (a tool's name and id), ``contentBlockDelta``
(``text``, ``toolUse.input`` JSON fragments, ``reasoningContent.text``),
``contentBlockStop``, ``messageStop`` (the stop reason: the answer is complete) and
``metadata`` (usage).
"""

from __future__ import annotations

import json
from typing import Any

from proxy.exchange import BEDROCK_CONVERSE, RequestInfo, ResponseInfo, ToolCall, Usage
from proxy.formats.common import (
    MARKERS,
    as_dict,
    as_int,
    as_list,
    clip,
    error_message,
    fold_turn,
    request_object,
    response_object,
)
from proxy.formats.eventstream import EventStreamDecoder
from proxy.formats.paths import path_model

_PARAMS = {"maxTokens": "max_tokens", "temperature": "temperature", "topP": "top_p",
           "stopSequences": "stop"}


def _block_text(b: dict[str, Any]) -> tuple[str, str]:
    """(role override or "", text) of one content block."""
    if isinstance(b.get("text"), str):
        return "", b["text"]
    if isinstance(b.get("toolUse"), dict):
        use = b["toolUse"]
        return "", f"[tool call {use.get('name')}({clip(json.dumps(use.get('input')))})]"
    if isinstance(b.get("toolResult"), dict):
        parts = [c.get("text") or json.dumps(c.get("json")) for c in
                 as_list(b["toolResult"].get("content")) if isinstance(c, dict)]
        return "tool", "\n".join(p for p in parts if p)
    for kind in ("image", "document", "video"):
        if kind in b:
            return "", MARKERS.get(kind, f"[{kind}]")
    return "", ""


def parse_request(body: bytes, path: str = "") -> RequestInfo:
    data, errors = request_object(body)
    stream = path.split("?", 1)[0].endswith("/converse-stream")
    model = path_model(path) if path else None
    if data is None:
        return RequestInfo(api=BEDROCK_CONVERSE, model=model, stream=stream,
                           errors=tuple(errors))
    system = "\n".join(str(b["text"]) for b in as_list(data.get("system"))
                       if isinstance(b, dict) and isinstance(b.get("text"), str))
    messages: list[dict[str, str]] = []
    prompt = ""
    for m in as_list(data.get("messages")):
        if not isinstance(m, dict):
            continue
        said = fold_turn(str(m.get("role") or "user"), m.get("content"), _block_text, messages)
        prompt = said if said is not None else prompt
    tools = tuple(str(as_dict(t.get("toolSpec")).get("name")) for t in
                  as_list(as_dict(data.get("toolConfig")).get("tools"))
                  if isinstance(t, dict) and as_dict(t.get("toolSpec")).get("name"))
    config = as_dict(data.get("inferenceConfig"))
    return RequestInfo(
        api=BEDROCK_CONVERSE, model=model, stream=stream, system=system or None,
        messages=tuple(messages), prompt=prompt, tools_offered=tools,
        params={_PARAMS[k]: v for k, v in config.items() if k in _PARAMS},
        errors=tuple(errors),
    )


def _usage(u: Any) -> Usage:
    u = as_dict(u)
    return Usage(input_tokens=as_int(u.get("inputTokens")),
                 output_tokens=as_int(u.get("outputTokens")),
                 cache_read_tokens=as_int(u.get("cacheReadInputTokens")),
                 cache_write_tokens=as_int(u.get("cacheWriteInputTokens")))


def _from_blocks(blocks: list[Any]) -> tuple[str, str, tuple[ToolCall, ...]]:
    text, reasoning, calls = [], [], []
    for b in blocks:
        if not isinstance(b, dict):
            continue
        if isinstance(b.get("text"), str):
            text.append(b["text"])
        elif isinstance(b.get("toolUse"), dict):
            use = b["toolUse"]
            args = use.get("input")
            calls.append(ToolCall(name=str(use.get("name") or ""),
                                  arguments=args if isinstance(args, str) else
                                  json.dumps(args if args is not None else {}),
                                  id=use.get("toolUseId") if isinstance(
                                      use.get("toolUseId"), str) else None,
                                  kind="tool_use"))
        elif isinstance(b.get("reasoningContent"), dict):
            r = as_dict(b["reasoningContent"].get("reasoningText"))
            if isinstance(r.get("text"), str):
                reasoning.append(r["text"])
    return "".join(text), "".join(reasoning), tuple(calls)


def parse_body(data: bytes) -> ResponseInfo:
    body, errors = response_object(data)
    if body is None:
        return ResponseInfo(complete=False, errors=tuple(errors))
    if "output" not in body:
        err = error_message(body)
        if err:
            return ResponseInfo(error=err)
    blocks = as_list(as_dict(as_dict(body.get("output")).get("message")).get("content"))
    text, reasoning, calls = _from_blocks(blocks)
    stop = body.get("stopReason")
    return ResponseInfo(text=text, reasoning=reasoning, tool_calls=calls,
                        finish_reason=stop if isinstance(stop, str) else None,
                        usage=_usage(body.get("usage")), errors=tuple(errors))


class StreamParser:
    def __init__(self) -> None:
        self.frames = EventStreamDecoder()
        self.blocks: dict[int, dict[str, Any]] = {}
        self.stop: str | None = None
        self.usage = Usage()
        self.error: str | None = None

    @property
    def sse(self) -> EventStreamDecoder:  # the dispatcher asks for events seen
        return self.frames

    def feed(self, data: bytes) -> None:
        for msg in self.frames.feed(data):
            try:
                ev = json.loads(msg.payload) if msg.payload else {}
            except ValueError:
                self.frames.errors.append(f"unreadable {msg.kind} event")
                continue
            if msg.is_exception:
                text = ev.get("message") if isinstance(ev, dict) else None
                if not isinstance(text, str):
                    text = msg.payload[:200].decode("utf-8", "replace")
                self.error = f"{msg.kind}: {text}"[:500]
            elif isinstance(ev, dict):
                self._event(msg.kind, ev)

    def _block(self, index: Any) -> dict[str, Any]:
        i = as_int(index) or 0
        return self.blocks.setdefault(i, {"text": [], "input": [], "reasoning": []})

    def _event(self, kind: str, ev: dict[str, Any]) -> None:
        if kind == "contentBlockStart":
            use = as_dict(as_dict(ev.get("start")).get("toolUse"))
            if use:
                block = self._block(ev.get("contentBlockIndex"))
                block["name"], block["id"] = use.get("name"), use.get("toolUseId")
        elif kind == "contentBlockDelta":
            block = self._block(ev.get("contentBlockIndex"))
            delta = as_dict(ev.get("delta"))
            if isinstance(delta.get("text"), str):
                block["text"].append(delta["text"])
            fragment = as_dict(delta.get("toolUse")).get("input")
            if isinstance(fragment, str):
                block["input"].append(fragment)
            reason = as_dict(delta.get("reasoningContent")).get("text")
            if isinstance(reason, str):
                block["reasoning"].append(reason)
        elif kind == "messageStop":
            stop = ev.get("stopReason")
            self.stop = stop if isinstance(stop, str) else "stop"
        elif kind == "metadata":
            self.usage = _usage(ev.get("usage"))

    def finish(self, complete: bool) -> ResponseInfo:
        self.frames.finish()
        text, reasoning, calls = [], [], []
        for _, b in sorted(self.blocks.items()):
            text += b["text"]
            reasoning += b["reasoning"]
            if b.get("name") is not None:
                calls.append(ToolCall(name=str(b["name"]), arguments="".join(b["input"]),
                                      id=b.get("id"), kind="tool_use"))
        errors = list(self.frames.errors)
        if self.stop is None and self.error is None:
            errors.append("stream ended without messageStop")
        return ResponseInfo(
            text="".join(text), reasoning="".join(reasoning), tool_calls=tuple(calls),
            finish_reason=self.stop, usage=self.usage, error=self.error,
            complete=complete and self.stop is not None and self.error is None
            and not self.frames.broken, errors=tuple(errors))
