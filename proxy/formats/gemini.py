"""Gemini API (``models/M:generateContent`` / ``:streamGenerateContent``; Gemini CLI, the
google-genai SDKs, Vertex AI's ``publishers/google`` models).

The model is named in the path, not the body. A request is ``contents`` (turns of role
``user``/``model`` holding ``parts``: ``text``, ``inlineData``, ``functionCall``,
``functionResponse``, ...), ``systemInstruction``, ``tools[].functionDeclarations`` and
``generationConfig``; the REST API accepts camelCase and snake_case field names alike.

Every streamed event is a whole ``GenerateContentResponse`` (SSE with ``?alt=sse``, a JSON
array without it): text parts are fragments to join, a ``functionCall`` part arrives whole
(``args`` is an object), thinking is text parts with ``thought: true``. There is no end
sentinel: an answer is complete once a candidate carries ``finishReason``; the last
``usageMetadata`` holds the totals (``promptTokenCount`` includes cached tokens;
``thoughtsTokenCount`` is billed as output beside ``candidatesTokenCount``).

Code Assist (``cloudcode-pa.googleapis.com/v1internal:generateContent`` /
``:streamGenerateContent``, what Gemini CLI signed in with Google calls) carries the same
objects wrapped: the request as ``{"model", "project", "user_prompt_id", "request": {...}}``
(the model in the body, the session in ``request.session_id``), each answer object as
``{"response": {...}, "traceId"}``. ``unwrap_request`` and ``_Answer.add`` take the wrapping
off, so one parser reads both.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from proxy.exchange import GEMINI_GENERATE, RequestInfo, ResponseInfo, ToolCall, Usage
from proxy.formats.common import (
    MARKERS,
    EventStream,
    as_dict,
    as_int,
    as_list,
    clip,
    error_message,
    fold_turn,
    load_json,
    request_object,
)
from proxy.formats.paths import path_model

_PARAMS = {"temperature": "temperature", "topP": "top_p", "top_p": "top_p", "topK": "top_k",
           "top_k": "top_k", "maxOutputTokens": "max_tokens", "max_output_tokens": "max_tokens",
           "stopSequences": "stop", "stop_sequences": "stop", "candidateCount": "n",
           "candidate_count": "n", "seed": "seed", "thinkingConfig": "thinking",
           "thinking_config": "thinking", "responseMimeType": "response_format",
           "response_mime_type": "response_format", "presencePenalty": "presence_penalty",
           "frequencyPenalty": "frequency_penalty"}


@cache
def _snake(camel: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in camel)


def _get(d: dict[str, Any], camel: str) -> Any:
    """A field by its camelCase name or its snake_case twin (the REST API takes both)."""
    value = d.get(camel)
    return value if value is not None else d.get(_snake(camel))


def _part_text(part: dict[str, Any]) -> tuple[str, str]:
    """(role override or "", text) of one request part."""
    if isinstance(part.get("text"), str):
        return "", "" if part.get("thought") else part["text"]
    call = _get(part, "functionCall")
    if isinstance(call, dict):
        args = json.dumps(call.get("args") or {}, ensure_ascii=False)
        return "", f"[tool call {call.get('name')}({args})]"
    resp = _get(part, "functionResponse")
    if isinstance(resp, dict):
        return "tool", clip(json.dumps(resp.get("response"), ensure_ascii=False), 20000)
    inline = _get(part, "inlineData") or _get(part, "fileData")
    if isinstance(inline, dict):
        mime = str(_get(inline, "mimeType") or "")
        return "", MARKERS["image"] if mime.startswith("image/") else MARKERS["file"]
    code = _get(part, "executableCode")
    if isinstance(code, dict):
        return "", f"[code {code.get('language', '')}]\n{code.get('code', '')}"
    result = _get(part, "codeExecutionResult")
    if isinstance(result, dict):
        return "tool", str(result.get("output") or "")
    return "", ""


def _tool_names(tools: Any) -> tuple[str, ...]:
    names: list[str] = []
    for t in as_list(tools):
        if not isinstance(t, dict):
            continue
        decls = _get(t, "functionDeclarations")
        if isinstance(decls, list):
            names += [str(d["name"]) for d in decls if isinstance(d, dict) and d.get("name")]
        names += [k for k in t if k not in ("functionDeclarations", "function_declarations")]
    return tuple(names)


def unwrap_request(data: dict[str, Any]) -> tuple[dict[str, Any], str | None, str | None]:
    """(the Gemini request, model, session id) of a Code Assist request
    ``{"model", "project", "request": {...}}``; a plain Gemini request is returned as is."""
    inner = data.get("request")
    if not isinstance(inner, dict) or "contents" in data:
        return data, None, None
    session = _get(inner, "sessionId")
    return inner, _s(data.get("model")), session if isinstance(session, str) else None


def parse_request(body: bytes, path: str = "") -> RequestInfo:
    data, errors = request_object(body)
    stream = ":streamGenerateContent" in path
    model = path_model(path) if path else None
    session = None
    if data is not None:
        data, body_model, session = unwrap_request(data)
        model = model or body_model
    if data is None:
        return RequestInfo(api=GEMINI_GENERATE, model=model, stream=stream,
                           errors=tuple(errors))
    system_raw = as_dict(_get(data, "systemInstruction"))
    system = "\n".join(t for _, t in (_part_text(p) for p in as_list(system_raw.get("parts"))
                                      if isinstance(p, dict)) if t)
    messages: list[dict[str, str]] = []
    prompt = ""
    for turn in as_list(data.get("contents")):
        if not isinstance(turn, dict):
            continue
        role = "assistant" if turn.get("role") == "model" else str(turn.get("role") or "user")
        said = fold_turn(role, turn.get("parts"), _part_text, messages)
        prompt = said if said is not None else prompt
    config = as_dict(_get(data, "generationConfig"))
    params = {_PARAMS[k]: v for k, v in config.items() if k in _PARAMS}
    if isinstance(_get(data, "toolConfig"), dict):
        params["tool_choice"] = _get(data, "toolConfig")
    return RequestInfo(
        api=GEMINI_GENERATE, model=model, stream=stream, system=system or None,
        messages=tuple(messages), prompt=prompt, tools_offered=_tool_names(data.get("tools")),
        params=params, session_id=session, errors=tuple(errors),
    )


def _usage(u: Any) -> Usage:
    if not isinstance(u, dict):
        return Usage()
    candidates = as_int(_get(u, "candidatesTokenCount"))
    thoughts = as_int(_get(u, "thoughtsTokenCount"))
    out = None if candidates is None and thoughts is None else (candidates or 0) + (
        thoughts or 0)
    prompt = as_int(_get(u, "promptTokenCount"))
    tool_prompt = as_int(_get(u, "toolUsePromptTokenCount"))
    if prompt is not None and tool_prompt:
        prompt += tool_prompt
    return Usage(input_tokens=prompt, output_tokens=out,
                 cache_read_tokens=as_int(_get(u, "cachedContentTokenCount")),
                 reasoning_tokens=thoughts)


class _Answer:
    """Accumulates ``GenerateContentResponse`` objects, streamed or not, into one answer."""

    def __init__(self) -> None:
        self.model: str | None = None
        self.id: str | None = None
        self.text: list[str] = []
        self.thoughts: list[str] = []
        self.alts: dict[int, list[str]] = {}
        self.calls: list[ToolCall] = []
        self.finish: str | None = None
        self.usage_raw: dict[str, Any] | None = None  # the last usageMetadata (totals)
        self.error: str | None = None

    def add(self, obj: dict[str, Any]) -> None:
        wrapped = obj.get("response")
        if isinstance(wrapped, dict) and "candidates" not in obj:  # Code Assist
            obj = wrapped
        if "error" in obj and "candidates" not in obj:  # an error in the stream
            self.error = error_message(_google_error(obj)) or "error event"
            return
        self.model = self.model or _s(_get(obj, "modelVersion"))
        self.id = self.id or _s(_get(obj, "responseId"))
        usage = _get(obj, "usageMetadata")
        if isinstance(usage, dict):
            self.usage_raw = usage
        if "promptFeedback" in obj or "prompt_feedback" in obj:
            reason = _get(as_dict(_get(obj, "promptFeedback")), "blockReason")
            if reason:
                self.error = f"prompt blocked: {reason}"
        for cand in as_list(obj.get("candidates")):
            if isinstance(cand, dict):
                self._candidate(cand)

    def _candidate(self, cand: dict[str, Any]) -> None:
        index = as_int(cand.get("index")) or 0
        parts = as_list(as_dict(cand.get("content")).get("parts"))
        for part in parts:
            if not isinstance(part, dict):
                continue
            text = part.get("text")
            if index != 0:
                if isinstance(text, str) and not part.get("thought"):
                    self.alts.setdefault(index, []).append(text)
                continue
            if isinstance(text, str):
                (self.thoughts if part.get("thought") else self.text).append(text)
                continue
            call = _get(part, "functionCall")
            if isinstance(call, dict):
                args = call.get("args")
                self.calls.append(ToolCall(
                    name=str(call.get("name") or ""),
                    arguments=json.dumps(args if args is not None else {},
                                         ensure_ascii=False),
                    id=_s(call.get("id")), kind="function"))
        reason = _get(cand, "finishReason")
        if index == 0 and isinstance(reason, str) and reason:
            self.finish = reason

    def result(self, complete: bool, errors: list[str]) -> ResponseInfo:
        if self.finish is None and self.error is None:
            errors.append("answer ended without a finishReason")
        return ResponseInfo(
            model=self.model, response_id=self.id, text="".join(self.text),
            reasoning="".join(self.thoughts), tool_calls=tuple(self.calls),
            finish_reason=self.finish, usage=_usage(self.usage_raw),
            complete=complete and self.finish is not None, error=self.error,
            alternatives=tuple("".join(v) for _, v in sorted(self.alts.items())),
            errors=tuple(errors),
        )


def _s(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


def _google_error(obj: dict[str, Any]) -> dict[str, Any]:
    """``{"error": {"code": 429, "message", "status": "RESOURCE_EXHAUSTED"}}`` in the shape
    ``error_message`` reads (the status name as the code)."""
    err = as_dict(obj.get("error"))
    return {"error": {"message": err.get("message"),
                      "code": err.get("status") or err.get("code")}} if err else obj


def parse_body(data: bytes) -> ResponseInfo:
    """A ``generateContent`` answer, or a ``streamGenerateContent`` answer without
    ``alt=sse`` (a JSON array of the streamed objects)."""
    errors: list[str] = []
    body = load_json(data, "response body", errors)
    answer = _Answer()
    items = body if isinstance(body, list) else [body]
    seen = False
    for obj in items:
        if isinstance(obj, dict):
            answer.add(obj)
            seen = True
    if not seen:
        return ResponseInfo(complete=False, errors=tuple(errors or ["response is not an "
                                                                    "object"]))
    return answer.result(True, errors)


class StreamParser(EventStream):
    def __init__(self) -> None:
        super().__init__()
        self.answer = _Answer()

    def _event(self, name: str | None, data: str) -> None:
        obj = self._json(data)
        if obj is not None:
            self.answer.add(obj)

    def finish(self, complete: bool) -> ResponseInfo:
        self._drain()
        return self.answer.result(complete, list(self.errors))
