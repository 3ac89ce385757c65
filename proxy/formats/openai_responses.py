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
from proxy.formats.common import (
    EventStream,
    as_int,
    as_list,
    error_message,
    openai_usage,
    params_of,
    parts_text,
    request_object,
    response_object,
)

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


def _patch_envelope(op: Any) -> str:
    """An ``apply_patch_call`` operation as a Codex apply_patch envelope, the one patch
    grammar provenance reads (create/update carry a V4A diff, delete only a path)."""
    if not isinstance(op, dict):
        return ""
    path, diff = str(op.get("path") or ""), op.get("diff")
    head = {"create_file": "*** Add File: ", "update_file": "*** Update File: ",
            "delete_file": "*** Delete File: "}.get(str(op.get("type")), "*** Update File: ")
    body = [head + path]
    if isinstance(diff, str) and diff:
        body.append(diff.rstrip("\n"))
    return "\n".join(["*** Begin Patch", *body, "*** End Patch"])


def _call_name(item: dict[str, Any]) -> str:
    name = str(item.get("name") or "")
    ns = item.get("namespace")
    return f"{ns}.{name}" if isinstance(ns, str) and ns and name else name


def _item_text(item: dict[str, Any]) -> str:
    kind = str(item.get("type") or "message")
    if kind == "message" or "role" in item and kind not in (
            "function_call", "function_call_output", "custom_tool_call"):
        return parts_text(item.get("content"))
    if kind == "function_call":
        return f"[tool call {_call_name(item)}({item.get('arguments', '')})]"
    if kind == "custom_tool_call":
        return f"[tool call {_call_name(item)}]\n{item.get('input', '')}"
    if kind == "apply_patch_call":
        return f"[tool call apply_patch]\n{_patch_envelope(item.get('operation'))}"
    if kind.endswith("_output"):
        out = item.get("output")
        return out if isinstance(out, str) else parts_text(out)
    if kind in ("local_shell_call", "shell_call"):
        return f"[shell {json.dumps(item.get('action', {}))}]"
    if kind == "mcp_call":
        return f"[tool call {item.get('server_label')}.{item.get('name')}" \
               f"({item.get('arguments', '')})]"
    if kind == "reasoning":
        return ""
    if kind == "item_reference":
        return f"[item_reference {item.get('id')}]"
    return f"[{kind}]"


# Codex sends its context as user-role messages before the person's own words
_CONTEXT_PREFIXES = ("<environment_context>", "<user_instructions>", "# AGENTS.md instructions",
                     "<permissions instructions>", "<user_shell_command>")


def parse_request(body: bytes) -> RequestInfo:
    data, errors = request_object(body)
    if data is None:
        return RequestInfo(api=OPENAI_RESPONSES, errors=tuple(errors))
    system: list[str] = []
    if isinstance(data.get("instructions"), str):
        system.append(data["instructions"])
    messages: list[dict[str, str]] = []
    prompt = ""
    extra_tools: tuple[str, ...] = ()
    inp = data.get("input")
    if isinstance(inp, str):
        messages.append({"role": "user", "content": inp})
        prompt = inp
    elif isinstance(inp, list):
        for item in inp:
            if not isinstance(item, dict):
                continue
            kind = str(item.get("type") or "message")
            if kind == "reasoning":  # encrypted or summarised earlier thinking: not a turn
                continue
            if kind == "additional_tools":  # Codex's code mode sends its tools as an item
                extra_tools += _tool_names(item.get("tools") or item.get("additional_tools"))
                continue
            role = str(item.get("role") or ("tool" if kind.endswith("_output") else
                                            "assistant"))
            text = _item_text(item)
            if role in ("system", "developer"):
                system.append(text)
            elif (role == "user" and kind == "message" and text.strip()
                  and not text.lstrip().startswith(_CONTEXT_PREFIXES)):
                prompt = text
            messages.append({"role": role, "content": text})
    return RequestInfo(
        api=OPENAI_RESPONSES,
        model=data.get("model") if isinstance(data.get("model"), str) else None,
        stream=bool(data.get("stream")),
        system="\n\n".join(system) or None,
        messages=tuple(messages),
        prompt=prompt,
        tools_offered=_tool_names(data.get("tools")) + extra_tools,
        params=params_of(data),
        session_id=data.get("prompt_cache_key") if isinstance(
            data.get("prompt_cache_key"), str) else None,
        errors=tuple(errors),
    )


def _usage(u: Any) -> Usage:
    return openai_usage(u, "input", "output")


def _from_items(items: list[dict[str, Any]]) -> tuple[str, str, tuple[ToolCall, ...]]:
    text, reasoning, calls = [], [], []
    for item in items:
        kind = item.get("type")
        call_id = _s(item.get("call_id")) or _s(item.get("id"))
        if kind == "message":
            text.append(parts_text(item.get("content")))
        elif kind == "reasoning":
            for s in as_list(item.get("summary")):
                if isinstance(s, dict) and s.get("text"):
                    reasoning.append(str(s["text"]))
            for c in as_list(item.get("content")):
                if isinstance(c, dict) and c.get("type") == "reasoning_text" and c.get("text"):
                    reasoning.append(str(c["text"]))
        elif kind == "function_call":
            args = item.get("arguments", "")
            calls.append(ToolCall(name=_call_name(item),
                                  arguments=args if isinstance(args, str) else json.dumps(args),
                                  id=call_id, kind="function"))
        elif kind == "custom_tool_call":
            calls.append(ToolCall(name=_call_name(item), arguments=str(item.get("input") or ""),
                                  id=call_id, kind="custom"))
        elif kind == "apply_patch_call":  # the built-in apply_patch tool
            calls.append(ToolCall(name="apply_patch",
                                  arguments=_patch_envelope(item.get("operation")),
                                  id=call_id, kind="custom"))
        elif kind in ("local_shell_call", "shell_call"):
            calls.append(ToolCall(name="local_shell" if kind == "local_shell_call" else "shell",
                                  arguments=json.dumps(item.get("action") or {}),
                                  id=call_id, kind="local_shell"))
        elif kind == "mcp_call":  # run by the provider against a remote MCP server
            args = item.get("arguments", "")
            calls.append(ToolCall(name=f"{item.get('server_label') or 'mcp'}.{item.get('name')}",
                                  arguments=args if isinstance(args, str) else json.dumps(args),
                                  id=_s(item.get("id")), kind="server_tool_use"))
    return "\n".join(t for t in text if t), "\n\n".join(reasoning), tuple(calls)


def _s(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


def _finish_reason(resp: dict[str, Any]) -> str | None:
    status = resp.get("status")
    details = resp.get("incomplete_details")
    if status == "incomplete" and isinstance(details, dict):
        return f"incomplete:{details.get('reason')}"
    return status if isinstance(status, str) else None


def parse_body(data: bytes) -> ResponseInfo:
    body, errors = response_object(data)
    if body is None:
        return ResponseInfo(complete=False, errors=tuple(errors))
    err = error_message(body)
    if err and not body.get("output"):
        return ResponseInfo(error=err, model=body.get("model"))
    items = [i for i in as_list(body.get("output")) if isinstance(i, dict)]
    text, reasoning, calls = _from_items(items)
    return ResponseInfo(
        model=body.get("model"), response_id=body.get("id"), text=text, reasoning=reasoning,
        tool_calls=calls, finish_reason=_finish_reason(body), usage=_usage(body.get("usage")),
        errors=tuple(errors),
    )


_DELTA_FIELD = {  # delta event -> field of the item it builds
    "response.output_text.delta": "text",
    "response.refusal.delta": "refusal",
    "response.function_call_arguments.delta": "arguments",
    "response.custom_tool_call_input.delta": "input",
    "response.mcp_call_arguments.delta": "arguments",
    "response.reasoning_summary_text.delta": "summary",
    "response.reasoning_text.delta": "reasoning_text",
}
_DONE_FIELD = {  # .done event -> (field, key holding the full value)
    "response.output_text.done": ("text", "text"),
    "response.refusal.done": ("refusal", "refusal"),
    "response.function_call_arguments.done": ("arguments", "arguments"),
    "response.custom_tool_call_input.done": ("input", "input"),
    "response.mcp_call_arguments.done": ("arguments", "arguments"),
    "response.reasoning_summary_text.done": ("summary", "text"),
    "response.reasoning_text.done": ("reasoning_text", "text"),
}


class StreamParser(EventStream):
    """Builds output items from the events; the most complete source wins: the terminal
    event's ``output``, else each ``output_item.done`` item, else the ``.done`` event of a
    part, else the joined deltas (a cut stream)."""

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[int, dict[str, Any]] = {}  # output_index -> item (added or done)
        self.item_done: set[int] = set()
        # (output_index, field, part index) -> deltas so far, or the .done event's full value
        self.parts: dict[tuple[int, str, int], list[str]] = {}
        self.part_done: dict[tuple[int, str, int], str] = {}
        self.final: dict[str, Any] | None = None
        self.model: str | None = None
        self.id: str | None = None
        self.error: str | None = None

    def _event(self, name: str | None, data: str) -> None:
        ev = self._json(data)
        if ev is None:
            return
        kind = str(ev.get("type") or name or "")
        idx = as_int(ev.get("output_index"))
        idx = 0 if idx is None else idx
        if kind in _DELTA_FIELD:
            key = (idx, _DELTA_FIELD[kind], _part_index(ev))
            delta = ev.get("delta")
            if isinstance(delta, str):
                self.parts.setdefault(key, []).append(delta)
        elif kind in _DONE_FIELD:
            field, src = _DONE_FIELD[kind]
            value = ev.get(src)
            if kind == "response.reasoning_summary_text.done" and value is None:
                value = ev.get("text")
            if isinstance(value, str):
                self.part_done[(idx, field, _part_index(ev))] = value
        elif kind == "response.output_item.added":
            if isinstance(ev.get("item"), dict) and idx not in self.item_done:
                self.items[idx] = ev["item"]
        elif kind == "response.output_item.done":
            if isinstance(ev.get("item"), dict):
                self.items[idx] = ev["item"]
                self.item_done.add(idx)
        elif kind.startswith("response.") and isinstance(ev.get("response"), dict):
            resp = ev["response"]
            self.model = _s(resp.get("model")) or self.model
            self.id = _s(resp.get("id")) or self.id
            if kind in TERMINAL:
                self.final = resp
                if kind == "response.failed":
                    self.error = error_message(resp) or "response.failed"
        elif kind == "error":
            self.error = (error_message({"error": ev["error"]} if "error" in ev else
                                        {"error": ev}) or data[:200] or "error event")

    def _built(self, idx: int) -> dict[str, Any]:
        """The item at ``idx`` as far as the stream went."""
        item = dict(self.items.get(idx) or {})
        if idx in self.item_done:
            return item
        fields: dict[str, dict[int, str]] = {}
        for key in sorted(set(self.parts) | set(self.part_done)):
            if key[0] != idx:
                continue
            value = self.part_done.get(key)
            if value is None:
                value = "".join(self.parts[key])
            fields.setdefault(key[1], {})[key[2]] = value
        if "type" not in item:  # no output_item.added seen (some gateways drop it)
            item["type"] = ("function_call" if "arguments" in fields else
                            "custom_tool_call" if "input" in fields else
                            "reasoning" if "summary" in fields or "reasoning_text" in fields
                            else "message")
        kind = item["type"]
        if kind == "message" and ("text" in fields or "refusal" in fields):
            content = [{"type": "output_text", "text": t}
                       for _, t in sorted(fields.get("text", {}).items())]
            content += [{"type": "refusal", "refusal": t}
                        for _, t in sorted(fields.get("refusal", {}).items())]
            item["content"] = content
        elif kind in ("function_call", "mcp_call") and "arguments" in fields:
            item["arguments"] = "".join(v for _, v in sorted(fields["arguments"].items()))
        elif kind == "custom_tool_call" and "input" in fields:
            item["input"] = "".join(v for _, v in sorted(fields["input"].items()))
        elif kind == "reasoning":
            if "summary" in fields:
                item["summary"] = [{"type": "summary_text", "text": t}
                                   for _, t in sorted(fields["summary"].items())]
            if "reasoning_text" in fields:
                item["content"] = [{"type": "reasoning_text", "text": t}
                                   for _, t in sorted(fields["reasoning_text"].items())]
        return item

    def finish(self, complete: bool) -> ResponseInfo:
        self._drain()
        final = self.final or {}
        output = final.get("output")
        items = [i for i in output if isinstance(i, dict)] if isinstance(output, list) else []
        if not items:
            indexes = set(self.items) | {k[0] for k in self.parts} | {
                k[0] for k in self.part_done}
            items = [self._built(i) for i in sorted(indexes)]
        text, reasoning, calls = _from_items(items)
        errors = list(self.errors)
        ended = self.final is not None
        if not ended and self.error is None:
            errors.append("stream ended without response.completed")
        return ResponseInfo(
            model=_s(final.get("model")) or self.model,
            response_id=_s(final.get("id")) or self.id,
            text=text, reasoning=reasoning, tool_calls=calls,
            finish_reason=_finish_reason(final) if final else None,
            usage=_usage(final.get("usage")), complete=complete and ended, error=self.error,
            errors=tuple(errors),
        )


def _part_index(ev: dict[str, Any]) -> int:
    i = as_int(ev.get("summary_index"))
    if i is None:
        i = as_int(ev.get("content_index"))
    return i or 0
