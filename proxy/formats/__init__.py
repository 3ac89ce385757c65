"""Wire formats: request and (streamed) response bytes -> RequestInfo / ResponseInfo.

Pure: bytes in, values out; never raises on bad input (what could not be parsed is said in
``errors``). The recorder calls these on its copy of the traffic, off the relay's hot path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace
from types import ModuleType

from proxy.exchange import (
    ANTHROPIC_MESSAGES,
    BEDROCK_CONVERSE,
    BEDROCK_INVOKE,
    GEMINI_GENERATE,
    OPENAI_CHAT,
    OPENAI_COMPLETIONS,
    OPENAI_RESPONSES,
    RequestInfo,
    ResponseInfo,
)
from proxy.formats import (
    anthropic_messages,
    bedrock,
    bedrock_converse,
    gemini,
    openai_chat,
    openai_completions,
    openai_responses,
)
from proxy.formats.common import decode_body, error_message, header
from proxy.formats.paths import classify, path_model, split_query_key
from proxy.formats.sse import SSEDecoder

__all__ = ["MODULES", "classify", "detect", "is_streaming_request", "parse_request",
           "parse_response", "path_model", "split_query_key"]

MODULES: dict[str, ModuleType] = {
    OPENAI_CHAT: openai_chat,
    OPENAI_RESPONSES: openai_responses,
    OPENAI_COMPLETIONS: openai_completions,
    ANTHROPIC_MESSAGES: anthropic_messages,
    GEMINI_GENERATE: gemini,
    BEDROCK_INVOKE: bedrock,
    BEDROCK_CONVERSE: bedrock_converse,
}
# the path names the model (and says whether the answer streams)
_PATH_AWARE = frozenset({GEMINI_GENERATE, BEDROCK_INVOKE, BEDROCK_CONVERSE})


def detect(method: str, path: str) -> str | None:
    """The API family of a request, from its path (query ignored); None: pass-through.
    The table of paths is ``proxy.formats.paths``."""
    return classify(method, path).api


def parse_request(api: str, body: bytes, path: str = "") -> RequestInfo:
    """What the client asked. Never raises: what could not be read is in ``errors``.

    ``path`` (with its query) names the model where the body does not (Gemini, Vertex,
    Bedrock, an Azure deployment)."""
    try:
        if api in _PATH_AWARE:
            info: RequestInfo = MODULES[api].parse_request(body, path)
        else:
            info = MODULES[api].parse_request(body)
            if info.model is None and path:
                model = path_model(path)
                if model:
                    info = replace(info, model=model)
        return info
    except Exception as exc:  # noqa: BLE001 - a shape we did not foresee must not cost a record
        return RequestInfo(api=api, errors=(f"request parser failed on an unexpected shape: "
                                            f"{exc.__class__.__name__}: {exc}"[:300],))


_STREAM_FLAG = re.compile(rb'"stream"\s*:\s*true')


def is_streaming_request(api: str, body: bytes) -> bool:
    """Whether the client asked for a streamed answer; cheap enough for the relay.

    A regex on the raw bytes, not a JSON parse: ``"stream": true`` as a top-level key is
    what every supported API uses (``stream_options`` does not match, nor does a message
    text, whose quotes are escaped). A false positive costs nothing: the relay streams
    whatever it receives either way; this only picks buffering hints.
    """
    del api  # same flag in every supported family
    return _STREAM_FLAG.search(body) is not None


def _looks_like_sse(data: bytes) -> bool:
    head = data.lstrip()[:16]
    return head.startswith((b"data:", b"event:", b":", b"id:"))


def parse_response(api: str, status: int, headers: Sequence[tuple[str, str]],
                   chunks: Sequence[bytes], *, complete: bool = True) -> ResponseInfo:
    """Reassemble what the upstream answered, streamed (SSE) or not. Never raises."""
    try:
        return _parse_response(api, status, headers, chunks, complete)
    except Exception as exc:  # noqa: BLE001 - a shape we did not foresee must not cost a record
        return ResponseInfo(complete=False, errors=(
            f"response parser failed on an unexpected shape: "
            f"{exc.__class__.__name__}: {exc}"[:300],))


def _parse_response(api: str, status: int, headers: Sequence[tuple[str, str]],
                    chunks: Sequence[bytes], complete: bool) -> ResponseInfo:
    errors: list[str] = []
    module = MODULES[api]
    data = b"".join(chunks)
    data = decode_body(data, header(headers, "content-encoding"), errors)
    ctype = header(headers, "content-type").lower()
    if status == 0 and not data:
        return ResponseInfo(complete=False, errors=("no response from the upstream",
                                                    *errors))
    if status >= 400:
        return _error_response(status, ctype, data, complete, errors)
    # a stream is complete when its final event arrived, whatever happened to the
    # connection after it (Codex over HTTPS closes it right after response.completed)
    if "vnd.amazon.eventstream" in ctype:
        parser = module.StreamParser()
        parser.feed(data)
        info = parser.finish(True)
    elif "text/event-stream" in ctype or ("json" not in ctype and _looks_like_sse(data)):
        parser = module.StreamParser()
        parser.feed(data)
        info = parser.finish(True)
        if parser.sse.events_seen == 0 and data.lstrip()[:1] == b"{":
            # labelled a stream but holds one JSON document (some gateways answer so)
            info = module.parse_body(data)
            info = replace(info, complete=complete and info.complete,
                           errors=("event-stream content-type but a JSON body",
                                   *info.errors))
    else:
        info = module.parse_body(data)
        if not complete:
            info = replace(info, complete=False)
    if errors:
        info = replace(info, errors=(*errors, *info.errors))
    return info


def _error_response(status: int, ctype: str, data: bytes, complete: bool,
                    errors: list[str]) -> ResponseInfo:
    """The upstream's own words for a non-2xx answer (JSON error body, SSE error event or
    a gateway's HTML/text page)."""
    msg = ""
    text = data.decode("utf-8", "replace").strip()
    if text.startswith("{"):
        try:
            body = json.loads(text)
        except (ValueError, RecursionError):
            body = None
        msg = error_message(body) or ""
    elif "text/event-stream" in ctype or _looks_like_sse(data):
        for ev in SSEDecoder().feed(data + b"\n\n"):
            try:
                msg = error_message(json.loads(ev.data)) or ""
            except (ValueError, RecursionError):
                continue
            if msg:
                break
    if not msg and text:
        if "html" in ctype or text.lstrip().startswith("<"):
            text = re.sub(r"<[^>]+>", " ", text)
        msg = " ".join(text.split())[:300]
    return ResponseInfo(error=f"HTTP {status}: {msg}".strip().rstrip(":"), complete=complete,
                        errors=tuple(errors))
