"""Wire formats: request and (streamed) response bytes -> RequestInfo / ResponseInfo.

Pure: bytes in, values out; never raises on bad input (what could not be parsed is said in
``errors``). The recorder calls these on its copy of the traffic, off the relay's hot path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import ModuleType

from proxy.exchange import (
    ANTHROPIC_MESSAGES,
    OPENAI_CHAT,
    OPENAI_COMPLETIONS,
    OPENAI_RESPONSES,
    RequestInfo,
    ResponseInfo,
)
from proxy.formats import anthropic_messages, openai_chat, openai_completions, openai_responses
from proxy.formats.common import decode_body, error_message, header, load_json

MODULES: dict[str, ModuleType] = {
    OPENAI_CHAT: openai_chat,
    OPENAI_RESPONSES: openai_responses,
    OPENAI_COMPLETIONS: openai_completions,
    ANTHROPIC_MESSAGES: anthropic_messages,
}
_EXACT = {
    "/v1/chat/completions": OPENAI_CHAT,
    "/chat/completions": OPENAI_CHAT,
    "/v1/responses": OPENAI_RESPONSES,
    "/responses": OPENAI_RESPONSES,
    "/v1/completions": OPENAI_COMPLETIONS,
    "/completions": OPENAI_COMPLETIONS,
    "/v1/messages": ANTHROPIC_MESSAGES,
}
_ENGINES = re.compile(r"^(?:/v1)?/engines/[^/]+/completions$")


def detect(method: str, path: str) -> str | None:
    """The API family of a request, from its path (query ignored); None: pass-through."""
    if method != "POST":
        return None
    path = path.split("?", 1)[0].rstrip("/") or "/"
    api = _EXACT.get(path)
    if api is None and _ENGINES.match(path):
        return OPENAI_COMPLETIONS
    return api


def parse_request(api: str, body: bytes) -> RequestInfo:
    return MODULES[api].parse_request(body)


def parse_response(api: str, status: int, headers: Sequence[tuple[str, str]],
                   chunks: Sequence[bytes], *, complete: bool = True) -> ResponseInfo:
    """Reassemble what the upstream answered, streamed (SSE) or not."""
    errors: list[str] = []
    module = MODULES[api]
    data = b"".join(chunks)
    data = decode_body(data, header(headers, "content-encoding"), errors)
    ctype = header(headers, "content-type").lower()
    if status >= 400:
        body = load_json(data, "error body", errors) if data else None
        msg = error_message(body) or (data[:300].decode("utf-8", "replace") if data else "")
        return ResponseInfo(error=f"HTTP {status}: {msg}".strip(), complete=complete,
                            errors=tuple(errors))
    if "text/event-stream" in ctype or (not ctype and data.lstrip()[:6] in (b"data: ",
                                                                            b"event:")):
        parser = module.StreamParser()
        parser.feed(data)
        info = parser.finish(complete)
    else:
        info = module.parse_body(data)
        if not complete:
            from dataclasses import replace

            info = replace(info, complete=False)
    if errors:
        from dataclasses import replace

        info = replace(info, errors=(*errors, *info.errors))
    return info
