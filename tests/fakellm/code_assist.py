"""Code Assist answers (``cloudcode-pa.googleapis.com/v1internal:METHOD``), what Gemini CLI
signed in with a Google account talks to.

``generateContent`` / ``streamGenerateContent`` carry the Gemini API's objects wrapped: the
request as ``{"model", "project", "user_prompt_id", "request": {contents, ...,
session_id}}``, each answer object as ``{"response": GenerateContentResponse, "traceId"}``
(streamed as SSE ``data:`` lines with ``?alt=sse``, which is all Gemini CLI asks for). The
other methods Gemini CLI calls on start-up and around each turn (``loadCodeAssist``,
``onboardUser``, ``listExperiments``, ``retrieveUserQuota``, ``countTokens``,
``recordCodeAssistMetrics``, ...) consume no scripted reply and are answered here with the
smallest document it accepts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.fakellm.gemini import gemini_count_tokens, render_gemini
from tests.fakellm.script import Turn

PROJECT = "fake-companion-project"
METHODS = ("generateContent", "streamGenerateContent")


def render_code_assist(t: Turn, mode: str) -> Iterator[bytes]:
    """``mode``: ``json`` (generateContent) or ``sse`` (streamGenerateContent?alt=sse); each
    Gemini object of the answer wrapped as ``{"response": ..., "traceId": ...}`` (an
    in-stream error object stays as it is)."""
    trace = t.id("trace", sep="-")
    for chunk in render_gemini(t, "json" if mode == "json" else "sse"):
        if mode == "json":
            yield b'{"response":' + chunk + b',"traceId":"' + trace.encode() + b'"}'
            continue
        body = chunk.removeprefix(b"data: ").removesuffix(b"\r\n\r\n")
        if body.startswith(b'{"error"'):
            yield chunk
        else:
            yield b'data: {"response":' + body + b',"traceId":"' + trace.encode() + b'"}\r\n\r\n'


def other_method(method: str, data: Any) -> tuple[int, dict[str, Any]]:
    """(status, JSON answer) for a v1internal method that is not a model call."""
    if method == "countTokens":
        return 200, gemini_count_tokens(data)
    if method == "loadCodeAssist":
        return 200, {"currentTier": {"id": "standard-tier", "name": "Gemini Code Assist",
                                     "hasOnboardedPreviously": True},
                     "allowedTiers": [{"id": "standard-tier", "isDefault": True}],
                     "cloudaicompanionProject": PROJECT}
    if method == "onboardUser":
        return 200, {"done": True, "response": {"cloudaicompanionProject": {"id": PROJECT}}}
    if method in ("listExperiments", "retrieveUserQuota", "fetchAdminControls",
                  "recordCodeAssistMetrics", "getCodeAssistGlobalUserSetting",
                  "setCodeAssistGlobalUserSetting"):
        return 200, {}
    return 404, {"error": {"code": 404, "message": f"Method not found: v1internal:{method}",
                           "status": "NOT_FOUND"}}
