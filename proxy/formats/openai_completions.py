"""OpenAI legacy completions, incl. fill-in-the-middle (``prompt`` + ``suffix``).

Also Copilot's inline completions, ``/v1/engines/<engine>/completions``: same shape, often
``n`` > 1 (choice 0 is the text; the others are kept as ``alternatives``), with editor
hints in ``extra`` (language) and sometimes the repository as ``nwo``.
"""

from __future__ import annotations

from typing import Any

from proxy.exchange import OPENAI_COMPLETIONS, RequestInfo, ResponseInfo, Usage
from proxy.formats.common import (
    Choice,
    EventStream,
    as_int,
    choices_body,
    error_message,
    params_of,
    request_object,
)
from proxy.formats.openai_chat import _str as _s
from proxy.formats.openai_chat import _usage


def parse_request(body: bytes) -> RequestInfo:
    data, errors = request_object(body)
    if data is None:
        return RequestInfo(api=OPENAI_COMPLETIONS, errors=tuple(errors))
    prompt = data.get("prompt", "")
    if isinstance(prompt, list):
        prompt = "\n".join(p for p in prompt if isinstance(p, str)) or (
            "[token ids]" if prompt else "")
    elif not isinstance(prompt, str):
        prompt = str(prompt)
    suffix = data.get("suffix") if isinstance(data.get("suffix"), str) else None
    params = params_of(data)
    extra = data.get("extra")
    if isinstance(extra, dict) and isinstance(extra.get("language"), str):
        params["language"] = extra["language"]
    if isinstance(data.get("nwo"), str):
        params["nwo"] = data["nwo"]
    return RequestInfo(
        api=OPENAI_COMPLETIONS,
        model=data.get("model") if isinstance(data.get("model"), str) else None,
        stream=bool(data.get("stream")),
        messages=({"role": "user", "content": prompt},),
        prompt=prompt,
        suffix=suffix,
        params=params,
        errors=tuple(errors),
    )


def _read_choice(ch: dict[str, Any]) -> Choice:
    return Choice(str(ch.get("text") or ""), finish_reason=_s(ch.get("finish_reason")))


def parse_body(data: bytes) -> ResponseInfo:
    return choices_body(data, _read_choice)


class StreamParser(EventStream):
    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[int, list[str]] = {}
        self.finish_reason: str | None = None
        self.model: str | None = None
        self.id: str | None = None
        self.usage = Usage()
        self.error: str | None = None

    def _event(self, name: str | None, data: str) -> None:
        chunk = self._json(data)
        if chunk is None:
            return
        if chunk.get("error") and not chunk.get("choices"):
            self.error = error_message(chunk)
            return
        self.model = self.model or _s(chunk.get("model"))
        self.id = self.id or _s(chunk.get("id"))
        if isinstance(chunk.get("usage"), dict):
            self.usage = _usage(chunk["usage"])
        choices = chunk.get("choices")
        for ch in choices if isinstance(choices, list) else ():
            if not isinstance(ch, dict):
                continue
            i = as_int(ch.get("index")) or 0
            if isinstance(ch.get("text"), str):
                self.texts.setdefault(i, []).append(ch["text"])
            if isinstance(ch.get("finish_reason"), str) and i == 0:
                self.finish_reason = ch["finish_reason"]

    def finish(self, complete: bool) -> ResponseInfo:
        self._drain()
        ended = self.done or self.finish_reason is not None
        errors = list(self.errors)
        if not ended and self.error is None:
            errors.append("stream ended without a finish_reason or [DONE]")
        texts = {i: "".join(v) for i, v in self.texts.items()}
        return ResponseInfo(
            model=self.model, response_id=self.id, text=texts.get(0, ""),
            finish_reason=self.finish_reason, usage=self.usage, complete=complete and ended,
            error=self.error, alternatives=tuple(t for i, t in sorted(texts.items()) if i),
            errors=tuple(errors),
        )
