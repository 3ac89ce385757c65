"""Amazon Bedrock InvokeModel for Anthropic models (``/model/M/invoke`` and
``/model/M/invoke-with-response-stream``; Claude Code with ``CLAUDE_CODE_USE_BEDROCK``).

The body is Anthropic Messages without ``model`` (the path names it; ``anthropic_version``
is ``bedrock-2023-05-31``) and without ``stream`` (the path says it). A whole answer is the
Anthropic message JSON; a streamed one is AWS event-stream framing whose ``chunk`` events
carry, base64-encoded in ``bytes``, exactly the events of the Anthropic stream, the last with
``amazon-bedrock-invocationMetrics``. Exceptions (throttling, model errors) are messages of
type ``exception``. So this module unwraps the framing and hands the events to the Anthropic
parser: one parser per format.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import replace

from proxy.exchange import BEDROCK_INVOKE, RequestInfo, ResponseInfo, Usage
from proxy.formats import anthropic_messages
from proxy.formats.eventstream import EventStreamDecoder
from proxy.formats.paths import path_model
from proxy.formats.sse import SSEDecoder


def parse_request(body: bytes, path: str = "") -> RequestInfo:
    info = anthropic_messages.parse_request(body)
    return replace(info, api=BEDROCK_INVOKE, model=info.model or path_model(path),
                   stream=path.split("?", 1)[0].endswith("-with-response-stream"))


def parse_body(data: bytes) -> ResponseInfo:
    info = anthropic_messages.parse_body(data)
    if info.error is None and not info.model and data.lstrip()[:1] == b"{":
        try:
            msg = json.loads(data).get("message")  # Bedrock's own error shape
        except (ValueError, AttributeError):
            msg = None
        if isinstance(msg, str) and not info.text and not info.tool_calls:
            return ResponseInfo(error=msg, complete=info.complete)
    return info


class StreamParser:
    """Event-stream messages in, Anthropic events to ``anthropic_messages.StreamParser``."""

    def __init__(self) -> None:
        self.frames = EventStreamDecoder()
        self.inner = anthropic_messages.StreamParser()
        self.error: str | None = None
        self.metrics: dict[str, int] = {}
        self.sse_mode: bool | None = None  # a gateway that re-frames the events as SSE

    @property
    def sse(self) -> EventStreamDecoder | SSEDecoder:  # the dispatcher asks for events seen
        return self.inner.sse if self.sse_mode else self.frames

    def feed(self, data: bytes) -> None:
        if self.sse_mode is None and data:
            self.sse_mode = data.lstrip()[:6] in (b"data: ", b"event:") or data.lstrip()[
                :5] == b"data:"
        if self.sse_mode:
            self.inner.feed(data)
            return
        for msg in self.frames.feed(data):
            if msg.is_exception:
                text = msg.payload.decode("utf-8", "replace")
                try:
                    text = str(json.loads(text).get("message") or text)
                except (ValueError, AttributeError):
                    pass
                self.error = f"{msg.kind}: {text}"[:500]
                continue
            if msg.kind != "chunk":
                continue
            try:
                raw = json.loads(msg.payload).get("bytes", "")
                event = base64.b64decode(raw).decode("utf-8")
            except (ValueError, AttributeError, binascii.Error, UnicodeDecodeError):
                self.frames.errors.append("unreadable Bedrock chunk payload")
                continue
            self._metrics(event)
            self.inner._event(None, event)

    def _metrics(self, event: str) -> None:
        if "amazon-bedrock-invocationMetrics" not in event:
            return
        try:
            m = json.loads(event).get("amazon-bedrock-invocationMetrics")
        except (ValueError, AttributeError):
            return
        if isinstance(m, dict):
            self.metrics = {k: v for k, v in m.items() if isinstance(v, int)}

    def finish(self, complete: bool) -> ResponseInfo:
        if self.sse_mode:
            return self.inner.finish(complete)
        self.frames.finish()
        info = self.inner.finish(complete and not self.frames.broken)
        usage = info.usage
        if self.metrics and usage.input_tokens is None:
            usage = Usage(input_tokens=self.metrics.get("inputTokenCount"),
                          output_tokens=self.metrics.get("outputTokenCount"))
        errors = (*self.frames.errors, *info.errors)
        return replace(info, usage=usage, error=self.error or info.error, errors=errors,
                       complete=info.complete and self.error is None)
