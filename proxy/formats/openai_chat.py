"""OpenAI Chat Completions (``/v1/chat/completions``; Copilot Chat's ``/chat/completions``).

Streamed answers are ``data: {chat.completion.chunk}`` lines ending with ``data: [DONE]``;
tool calls arrive as deltas keyed by ``index`` whose ``arguments`` come in fragments, and
several may be in flight at once.
"""

from __future__ import annotations

import json
from typing import Any

from proxy.exchange import OPENAI_CHAT, RequestInfo, ResponseInfo, ToolCall, Usage
from proxy.formats.common import as_int, error_message, load_json, params_of, parts_text
from proxy.formats.sse import SSEDecoder


def _tool_names(tools: Any) -> tuple[str, ...]:
    names = []
    for t in tools if isinstance(tools, list) else ():
        if isinstance(t, dict):
            fn = t.get("function") if isinstance(t.get("function"), dict) else t
            name = fn.get("name") or t.get("type")
            if name:
                names.append(str(name))
    return tuple(names)


def parse_request(body: bytes) -> RequestInfo:
    errors: list[str] = []
    data = load_json(body, "request body", errors)
    if not isinstance(data, dict):
        if data is not None:
            errors.append("request body is not a JSON object")
        return RequestInfo(api=OPENAI_CHAT, errors=tuple(errors))
    messages: list[dict[str, str]] = []
    system: list[str] = []
    prompt = ""
    for m in data.get("messages") or ():
        if not isinstance(m, dict):
            continue
        role = str(m.get("role", ""))
        text = parts_text(m.get("content"))
        for call in m.get("tool_calls") or ():
            fn = call.get("function", {}) if isinstance(call, dict) else {}
            text += f"\n[tool call {fn.get('name')}({fn.get('arguments', '')})]"
        if role in ("system", "developer"):
            system.append(text)
        if role == "user":
            prompt = text
        messages.append({"role": role, "content": text})
    return RequestInfo(
        api=OPENAI_CHAT,
        model=data.get("model") if isinstance(data.get("model"), str) else None,
        stream=bool(data.get("stream")),
        system="\n\n".join(system) or None,
        messages=tuple(messages),
        prompt=prompt,
        tools_offered=_tool_names(data.get("tools")),
        params=params_of(data),
        session_id=_str(data.get("metadata", {}).get("session_id"))
        if isinstance(data.get("metadata"), dict) else None,
        errors=tuple(errors),
    )


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


def _usage(u: Any) -> Usage:
    if not isinstance(u, dict):
        return Usage()
    pd = u.get("prompt_tokens_details") or {}
    cd = u.get("completion_tokens_details") or {}
    return Usage(
        input_tokens=as_int(u.get("prompt_tokens")),
        output_tokens=as_int(u.get("completion_tokens")),
        cache_read_tokens=as_int(pd.get("cached_tokens")) if isinstance(pd, dict) else None,
        reasoning_tokens=as_int(cd.get("reasoning_tokens")) if isinstance(cd, dict) else None,
    )


def parse_body(data: bytes) -> ResponseInfo:
    errors: list[str] = []
    body = load_json(data, "response body", errors)
    if not isinstance(body, dict):
        return ResponseInfo(complete=False, errors=tuple(errors or ["response is not an object"]))
    err = error_message(body)
    if err and not body.get("choices"):
        return ResponseInfo(error=err, model=_str(body.get("model")))
    choices = body.get("choices") or []
    text, reasoning, finish, calls, alts = "", "", None, [], []
    for i, ch in enumerate(c for c in choices if isinstance(c, dict)):
        msg = ch.get("message") or {}
        ctext = parts_text(msg.get("content"))
        if not ctext and msg.get("refusal"):
            ctext = f"[refusal] {msg['refusal']}"
        if i == 0:
            text = ctext
            reasoning = str(msg.get("reasoning_content") or msg.get("reasoning") or "")
            finish = ch.get("finish_reason")
            for tc in msg.get("tool_calls") or ():
                fn = tc.get("function") or {}
                calls.append(ToolCall(name=str(fn.get("name", "")),
                                      arguments=str(fn.get("arguments", "")),
                                      id=tc.get("id"), kind="function"))
        elif ctext:
            alts.append(ctext)
    return ResponseInfo(
        model=_str(body.get("model")), response_id=_str(body.get("id")), text=text,
        reasoning=reasoning, tool_calls=tuple(calls), finish_reason=finish,
        usage=_usage(body.get("usage")), alternatives=tuple(alts), errors=tuple(errors),
    )


class StreamParser:
    def __init__(self) -> None:
        self.sse = SSEDecoder()
        self.model: str | None = None
        self.id: str | None = None
        self.text: list[str] = []
        self.reasoning: list[str] = []
        self.alts: dict[int, list[str]] = {}
        self.calls: dict[int, dict[str, Any]] = {}
        self.finish_reason: str | None = None
        self.usage = Usage()
        self.done = False
        self.error: str | None = None
        self.errors: list[str] = []

    def feed(self, data: bytes) -> None:
        for ev in self.sse.feed(data):
            self._event(ev.data)

    def _event(self, data: str) -> None:
        if data.strip() == "[DONE]":
            self.done = True
            return
        try:
            chunk = json.loads(data)
        except ValueError:
            if len(self.errors) < 5:
                self.errors.append(f"unparseable stream event: {data[:60]!r}")
            return
        if not isinstance(chunk, dict):
            return
        if "error" in chunk and not chunk.get("choices"):
            self.error = error_message(chunk)
            return
        self.model = self.model or _str(chunk.get("model"))
        self.id = self.id or _str(chunk.get("id"))
        if chunk.get("usage"):
            self.usage = _usage(chunk["usage"])
        for ch in chunk.get("choices") or ():
            if not isinstance(ch, dict):
                continue
            idx = ch.get("index", 0)
            delta = ch.get("delta") or {}
            content = delta.get("content")
            if idx != 0:
                if isinstance(content, str):
                    self.alts.setdefault(idx, []).append(content)
                continue
            if isinstance(content, str):
                self.text.append(content)
            elif isinstance(content, list):
                self.text.append(parts_text(content))
            if delta.get("refusal"):
                self.text.append(str(delta["refusal"]))
            r = delta.get("reasoning_content") or delta.get("reasoning")
            if isinstance(r, str):
                self.reasoning.append(r)
            for tc in delta.get("tool_calls") or ():
                if not isinstance(tc, dict):
                    continue
                slot = self.calls.setdefault(tc.get("index", len(self.calls)),
                                             {"id": None, "name": [], "args": []})
                if tc.get("id"):
                    slot["id"] = tc["id"]
                fn = tc.get("function") or {}
                if fn.get("name"):
                    slot["name"].append(fn["name"])
                if fn.get("arguments"):
                    slot["args"].append(fn["arguments"])
            if ch.get("finish_reason"):
                self.finish_reason = ch["finish_reason"]

    def finish(self, complete: bool) -> ResponseInfo:
        for ev in self.sse.finish():
            self._event(ev.data)
        calls = tuple(
            ToolCall(name="".join(s["name"]), arguments="".join(s["args"]), id=s["id"],
                     kind="function")
            for _, s in sorted(self.calls.items())
        )
        ended = self.done or self.finish_reason is not None
        errors = list(self.errors)
        if not ended and self.error is None:
            errors.append("stream ended without a finish_reason or [DONE]")
        return ResponseInfo(
            model=self.model, response_id=self.id, text="".join(self.text),
            reasoning="".join(self.reasoning), tool_calls=calls, finish_reason=self.finish_reason,
            usage=self.usage, complete=complete and ended, error=self.error,
            alternatives=tuple("".join(v) for _, v in sorted(self.alts.items())),
            errors=tuple(errors),
        )

