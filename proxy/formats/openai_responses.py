"""OpenAI Responses API (``/v1/responses``; Codex CLI over HTTPS or WebSocket).

The stream is typed events. Output items are tracked by ``output_index``; deltas build them
up, but ``response.output_item.done`` and then ``response.completed`` (its full ``output``)
replace what the deltas built: some models send only the ``.done`` events, and those are
the source of truth. Codex's file edits arrive as ``custom_tool_call`` (freeform
``apply_patch``) or as a shell call whose command holds an apply_patch envelope.
"""

from __future__ import annotations

import json
from typing import Any

from proxy.exchange import OPENAI_RESPONSES, RequestInfo, ResponseInfo, ToolCall, Usage
from proxy.formats.common import as_int, error_message, load_json, params_of, parts_text
from proxy.formats.sse import SSEDecoder

TERMINAL = ("response.completed", "response.incomplete", "response.failed")


def _tool_names(tools: Any) -> tuple[str, ...]:
    names: list[str] = []
    for t in tools if isinstance(tools, list) else ():
        if not isinstance(t, dict):
            continue
        if t.get("type") == "namespace" and isinstance(t.get("tools"), list):
            ns = t.get("name") or "namespace"
            names += [f"{ns}.{n}" for n in _tool_names(t["tools"])]
            continue
        name = t.get("name") or (t.get("function") or {}).get("name") or t.get("type")
        if name:
            names.append(str(name))
    return tuple(names)


def _item_text(item: dict[str, Any]) -> str:
    kind = item.get("type", "message")
    if kind == "message" or "role" in item and kind not in (
            "function_call", "function_call_output", "custom_tool_call"):
        return parts_text(item.get("content"))
    if kind == "function_call":
        return f"[tool call {item.get('name')}({item.get('arguments', '')})]"
    if kind == "custom_tool_call":
        return f"[tool call {item.get('name')}]\n{item.get('input', '')}"
    if kind in ("function_call_output", "custom_tool_call_output"):
        out = item.get("output")
        return out if isinstance(out, str) else parts_text(out)
    if kind == "local_shell_call":
        return f"[shell {json.dumps(item.get('action', {}))}]"
    if kind == "reasoning":
        return ""
    return f"[{kind}]"


def parse_request(body: bytes) -> RequestInfo:
    errors: list[str] = []
    data = load_json(body, "request body", errors)
    if not isinstance(data, dict):
        if data is not None:
            errors.append("request body is not a JSON object")
        return RequestInfo(api=OPENAI_RESPONSES, errors=tuple(errors))
    system: list[str] = []
    if isinstance(data.get("instructions"), str):
        system.append(data["instructions"])
    messages: list[dict[str, str]] = []
    prompt = ""
    inp = data.get("input")
    if isinstance(inp, str):
        messages.append({"role": "user", "content": inp})
        prompt = inp
    elif isinstance(inp, list):
        for item in inp:
            if not isinstance(item, dict):
                continue
            kind = item.get("type", "message")
            role = str(item.get("role") or ("tool" if kind.endswith("_output") else
                                            "assistant"))
            text = _item_text(item)
            if role in ("system", "developer"):
                system.append(text)
            elif role == "user" and kind == "message" and text.strip():
                prompt = text
            messages.append({"role": role, "content": text})
    return RequestInfo(
        api=OPENAI_RESPONSES,
        model=data.get("model") if isinstance(data.get("model"), str) else None,
        stream=bool(data.get("stream")),
        system="\n\n".join(system) or None,
        messages=tuple(messages),
        prompt=prompt,
        tools_offered=_tool_names(data.get("tools")),
        params=params_of(data),
        session_id=data.get("prompt_cache_key") if isinstance(
            data.get("prompt_cache_key"), str) else None,
        errors=tuple(errors),
    )


def _usage(u: Any) -> Usage:
    if not isinstance(u, dict):
        return Usage()
    idt = u.get("input_tokens_details") or {}
    odt = u.get("output_tokens_details") or {}
    return Usage(
        input_tokens=as_int(u.get("input_tokens")),
        output_tokens=as_int(u.get("output_tokens")),
        cache_read_tokens=as_int(idt.get("cached_tokens")) if isinstance(idt, dict) else None,
        reasoning_tokens=as_int(odt.get("reasoning_tokens")) if isinstance(odt, dict) else None,
    )


def _from_items(items: list[dict[str, Any]]) -> tuple[str, str, tuple[ToolCall, ...]]:
    text, reasoning, calls = [], [], []
    for item in items:
        kind = item.get("type")
        if kind == "message":
            text.append(parts_text(item.get("content")))
        elif kind == "reasoning":
            for s in item.get("summary") or ():
                if isinstance(s, dict) and s.get("text"):
                    reasoning.append(str(s["text"]))
        elif kind == "function_call":
            calls.append(ToolCall(name=str(item.get("name", "")),
                                  arguments=str(item.get("arguments", "")),
                                  id=item.get("call_id") or item.get("id"), kind="function"))
        elif kind == "custom_tool_call":
            calls.append(ToolCall(name=str(item.get("name", "")),
                                  arguments=str(item.get("input", "")),
                                  id=item.get("call_id") or item.get("id"), kind="custom"))
        elif kind == "local_shell_call":
            calls.append(ToolCall(name="local_shell",
                                  arguments=json.dumps(item.get("action") or {}),
                                  id=item.get("call_id") or item.get("id"),
                                  kind="local_shell"))
    return "\n".join(t for t in text if t), "\n".join(reasoning), tuple(calls)


def _finish_reason(resp: dict[str, Any]) -> str | None:
    status = resp.get("status")
    details = resp.get("incomplete_details")
    if status == "incomplete" and isinstance(details, dict):
        return f"incomplete:{details.get('reason')}"
    return status if isinstance(status, str) else None


def parse_body(data: bytes) -> ResponseInfo:
    errors: list[str] = []
    body = load_json(data, "response body", errors)
    if not isinstance(body, dict):
        return ResponseInfo(complete=False, errors=tuple(errors or ["response is not an object"]))
    err = error_message(body)
    if err and not body.get("output"):
        return ResponseInfo(error=err, model=body.get("model"))
    items = [i for i in body.get("output") or () if isinstance(i, dict)]
    text, reasoning, calls = _from_items(items)
    return ResponseInfo(
        model=body.get("model"), response_id=body.get("id"), text=text, reasoning=reasoning,
        tool_calls=calls, finish_reason=_finish_reason(body), usage=_usage(body.get("usage")),
        errors=tuple(errors),
    )


class StreamParser:
    def __init__(self) -> None:
        self.sse = SSEDecoder()
        self.items: dict[int, dict[str, Any]] = {}  # output_index -> item being built
        self.parts: dict[int, list[str]] = {}  # output_index -> text / args / input deltas
        self.summary: dict[int, list[str]] = {}
        self.final: dict[str, Any] | None = None
        self.model: str | None = None
        self.id: str | None = None
        self.error: str | None = None
        self.errors: list[str] = []

    def feed(self, data: bytes) -> None:
        for ev in self.sse.feed(data):
            self._event(ev.event, ev.data)

    def _event(self, name: str | None, data: str) -> None:
        if data.strip() == "[DONE]":
            return
        try:
            ev = json.loads(data)
        except ValueError:
            if len(self.errors) < 5:
                self.errors.append(f"unparseable stream event: {data[:60]!r}")
            return
        if not isinstance(ev, dict):
            return
        kind = ev.get("type") or name or ""
        idx = ev.get("output_index", 0)
        if kind in ("response.created", "response.in_progress") or kind in TERMINAL:
            resp = ev.get("response") or {}
            self.model = resp.get("model") or self.model
            self.id = resp.get("id") or self.id
            if kind in TERMINAL:
                self.final = resp
                if kind == "response.failed":
                    self.error = error_message(resp) or "response.failed"
        elif kind == "response.output_item.added":
            self.items[idx] = dict(ev.get("item") or {})
        elif kind == "response.output_item.done":
            self.items[idx] = dict(ev.get("item") or {})
            self.items[idx]["_done"] = True
        elif kind in ("response.output_text.delta", "response.function_call_arguments.delta",
                      "response.custom_tool_call_input.delta", "response.refusal.delta"):
            self.parts.setdefault(idx, []).append(str(ev.get("delta", "")))
        elif kind == "response.reasoning_summary_text.delta":
            self.summary.setdefault(idx, []).append(str(ev.get("delta", "")))
        elif kind == "error":
            self.error = error_message({"error": ev.get("error") or ev}) or data[:200]

    def _built_items(self) -> list[dict[str, Any]]:
        out = []
        for idx in sorted(set(self.items) | set(self.parts) | set(self.summary)):
            item = dict(self.items.get(idx) or {"type": "message"})
            if not item.pop("_done", False):
                joined = "".join(self.parts.get(idx, ()))
                kind = item.get("type", "message")
                if kind == "message" and joined:
                    item["content"] = [{"type": "output_text", "text": joined}]
                elif kind == "function_call":
                    item["arguments"] = joined or item.get("arguments", "")
                elif kind == "custom_tool_call":
                    item["input"] = joined or item.get("input", "")
                elif kind == "reasoning" and idx in self.summary:
                    item["summary"] = [{"type": "summary_text",
                                        "text": "".join(self.summary[idx])}]
            out.append(item)
        return out

    def finish(self, complete: bool) -> ResponseInfo:
        for ev in self.sse.finish():
            self._event(ev.event, ev.data)
        final = self.final or {}
        items = [i for i in final.get("output") or () if isinstance(i, dict)]
        if not items:
            items = self._built_items()
        text, reasoning, calls = _from_items(items)
        errors = list(self.errors)
        ended = self.final is not None
        if not ended and self.error is None:
            errors.append("stream ended without response.completed")
        return ResponseInfo(
            model=final.get("model") or self.model, response_id=final.get("id") or self.id,
            text=text, reasoning=reasoning, tool_calls=calls,
            finish_reason=_finish_reason(final) if final else None,
            usage=_usage(final.get("usage")), complete=complete and ended, error=self.error,
            errors=tuple(errors),
        )
