"""OpenAI Chat Completions (``/v1/chat/completions``; Copilot Chat's ``/chat/completions``).

Streamed answers are ``data: {chat.completion.chunk}`` lines ending with ``data: [DONE]``;
tool calls arrive as deltas keyed by ``index`` whose ``arguments`` come in fragments, and
several may be in flight at once.
"""

from __future__ import annotations

import json
from typing import Any

from proxy.exchange import OPENAI_CHAT, RequestInfo, ResponseInfo, ToolCall, Usage
from proxy.formats.common import (
    Choice,
    EventStream,
    as_dict,
    as_int,
    as_list,
    choices_body,
    error_message,
    openai_usage,
    params_of,
    parts_text,
    request_object,
)


def _tool_names(tools: Any) -> tuple[str, ...]:
    names = []
    for t in tools if isinstance(tools, list) else ():
        if isinstance(t, dict):
            fn = as_dict(t.get("function")) or t
            name = fn.get("name") or t.get("type")
            if name:
                names.append(str(name))
    return tuple(names)


def parse_request(body: bytes) -> RequestInfo:
    data, errors = request_object(body)
    if data is None:
        return RequestInfo(api=OPENAI_CHAT, errors=tuple(errors))
    messages: list[dict[str, str]] = []
    system: list[str] = []
    prompt = ""
    for m in as_list(data.get("messages")):
        if not isinstance(m, dict):
            continue
        role = str(m.get("role", ""))
        text = parts_text(m.get("content"))
        calls = list(as_list(m.get("tool_calls")))
        if isinstance(m.get("function_call"), dict):  # the legacy functions API
            calls.append({"function": m["function_call"]})
        for call in calls:
            fn = call.get("function") if isinstance(call, dict) else None
            fn = fn if isinstance(fn, dict) else {}
            text += f"\n[tool call {fn.get('name')}({fn.get('arguments', '')})]"
            text = text.lstrip("\n")
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
        tools_offered=_tool_names(data.get("tools")) + _tool_names(data.get("functions")),
        params=params_of(data),
        session_id=_str(data.get("metadata", {}).get("session_id"))
        if isinstance(data.get("metadata"), dict) else None,
        errors=tuple(errors),
    )


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


def _args_text(v: Any) -> str:
    """Arguments as the model wrote them (a JSON string); some gateways send an object."""
    if v is None:
        return ""
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def _usage(u: Any) -> Usage:
    return openai_usage(u, "prompt", "completion")


def _read_choice(ch: dict[str, Any]) -> Choice:
    msg = as_dict(ch.get("message"))
    text = parts_text(msg.get("content"))
    if not text and msg.get("refusal"):
        text = f"[refusal] {msg['refusal']}"
    r = msg.get("reasoning_content") or msg.get("reasoning")
    raw_calls = as_list(msg.get("tool_calls"))
    if isinstance(msg.get("function_call"), dict):  # the legacy functions API
        raw_calls = [*raw_calls, {"function": msg["function_call"]}]
    calls = []
    for tc in raw_calls:
        fn = tc.get("function") if isinstance(tc, dict) else None
        if isinstance(fn, dict):
            calls.append(ToolCall(name=str(fn.get("name") or ""),
                                  arguments=_args_text(fn.get("arguments")),
                                  id=_str(tc.get("id")), kind="function"))
    return Choice(text, r if isinstance(r, str) else "", tuple(calls),
                  _str(ch.get("finish_reason")))


def parse_body(data: bytes) -> ResponseInfo:
    return choices_body(data, _read_choice)


class StreamParser(EventStream):
    def __init__(self) -> None:
        super().__init__()
        self.model: str | None = None
        self.id: str | None = None
        self.text: list[str] = []
        self.reasoning: list[str] = []
        self.refusal: list[str] = []
        self.alts: dict[int, list[str]] = {}
        self.calls: dict[int, dict[str, Any]] = {}
        self.finish_reason: str | None = None
        self.usage = Usage()
        self.error: str | None = None

    def _event(self, name: str | None, data: str) -> None:
        chunk = self._json(data)
        if chunk is None:
            return
        if chunk.get("error") and not chunk.get("choices"):  # an error mid-stream
            self.error = error_message(chunk)
            return
        self.model = self.model or _str(chunk.get("model"))
        self.id = self.id or _str(chunk.get("id"))
        if isinstance(chunk.get("usage"), dict):
            self.usage = _usage(chunk["usage"])
        choices = chunk.get("choices")
        for ch in choices if isinstance(choices, list) else ():
            if isinstance(ch, dict):
                self._choice(ch)

    def _choice(self, ch: dict[str, Any]) -> None:
        idx = as_int(ch.get("index")) or 0
        delta = ch.get("delta")
        delta = delta if isinstance(delta, dict) else {}
        content = delta.get("content")
        if idx != 0:  # n > 1: the other choices' texts are kept as alternatives
            if isinstance(content, str):
                self.alts.setdefault(idx, []).append(content)
            return
        if isinstance(content, str):
            self.text.append(content)
        elif isinstance(content, list):
            self.text.append(parts_text(content))
        if isinstance(delta.get("refusal"), str):
            self.refusal.append(delta["refusal"])
        r = delta.get("reasoning_content") or delta.get("reasoning")
        if isinstance(r, str):
            self.reasoning.append(r)
        tcs = delta.get("tool_calls")
        for tc in tcs if isinstance(tcs, list) else ():
            if isinstance(tc, dict):
                self._tool_delta(tc.get("index"), tc.get("id"), tc.get("function"))
        if isinstance(delta.get("function_call"), dict):  # the legacy functions API
            self._tool_delta(0, None, delta["function_call"])
        if isinstance(ch.get("finish_reason"), str):
            self.finish_reason = ch["finish_reason"]

    def _tool_delta(self, index: Any, call_id: Any, fn: Any) -> None:
        """One fragment of a streamed tool call. Calls are keyed by ``index``; a provider
        that omits it starts a new call with each new id and continues the last one
        otherwise. Some providers repeat the full name in every fragment: kept once."""
        if not isinstance(index, int) or isinstance(index, bool):
            if call_id and all(s["id"] != call_id for s in self.calls.values()):
                index = max(self.calls, default=-1) + 1
            else:
                index = max(self.calls, default=0)
        slot = self.calls.setdefault(index, {"id": None, "name": [], "args": []})
        if isinstance(call_id, str) and call_id:
            slot["id"] = call_id
        fn = fn if isinstance(fn, dict) else {}
        name = fn.get("name")
        if isinstance(name, str) and name and name != "".join(slot["name"]):
            slot["name"].append(name)
        args = fn.get("arguments")
        if isinstance(args, str):
            if args:
                slot["args"].append(args)
        elif args is not None:
            slot["args"].append(json.dumps(args, ensure_ascii=False))

    def finish(self, complete: bool) -> ResponseInfo:
        self._drain()
        calls = tuple(
            ToolCall(name="".join(s["name"]), arguments="".join(s["args"]), id=s["id"],
                     kind="function")
            for _, s in sorted(self.calls.items())
        )
        ended = self.done or self.finish_reason is not None
        errors = list(self.errors)
        if not ended and self.error is None:
            errors.append("stream ended without a finish_reason or [DONE]")
        text = "".join(self.text)
        if not text and self.refusal:
            text = "[refusal] " + "".join(self.refusal)
        return ResponseInfo(
            model=self.model, response_id=self.id, text=text,
            reasoning="".join(self.reasoning), tool_calls=calls, finish_reason=self.finish_reason,
            usage=self.usage, complete=complete and ended, error=self.error,
            alternatives=tuple("".join(v) for _, v in sorted(self.alts.items())),
            errors=tuple(errors),
        )

