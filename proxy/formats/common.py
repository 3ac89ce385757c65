"""Helpers shared by the wire-format parsers: JSON loading that never raises, body
decoding (Content-Encoding), and text from content parts."""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from proxy.exchange import ResponseInfo, ToolCall, Usage


def load_json(data: bytes | str, what: str, errors: list[str]) -> Any:
    """Parsed JSON, or None with a readable reason appended to ``errors``."""
    if not data:
        errors.append(f"{what} is empty")
        return None
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        errors.append(f"{what} is not valid UTF-8 (byte {exc.start})")
        text = data.decode("utf-8", "replace")  # type: ignore[union-attr]
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        snippet = text[:60].replace("\n", " ")
        errors.append(f"{what} is not JSON ({exc.msg} at {exc.pos}): {snippet!r}")
    except RecursionError:
        errors.append(f"{what} is JSON nested too deeply to read")
    return None


def header(headers: Sequence[tuple[str, str]], name: str) -> str:
    for k, v in headers:
        if k.lower() == name:
            return v
    return ""


def decode_body(data: bytes, encoding: str, errors: list[str]) -> bytes:
    """Undo Content-Encoding on the recorder's copy (the client got the encoded bytes).

    Several codings (``gzip, br``) are undone in reverse order. A truncated gzip/deflate
    body (a cut stream) decodes as far as it goes, with the reason in ``errors``.
    """
    codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
    for enc in reversed(codings):
        if not data:
            break
        data = _decode_one(data, enc, errors)
    return data


def _decode_one(data: bytes, enc: str, errors: list[str]) -> bytes:
    if enc == "identity":
        return data
    if enc in ("gzip", "x-gzip", "deflate"):
        # gzip: wbits 16+; deflate is zlib-wrapped per the RFC but raw in some servers
        modes = [16 + zlib.MAX_WBITS] if enc != "deflate" else [zlib.MAX_WBITS, -zlib.MAX_WBITS]
        for i, wbits in enumerate(modes):
            d = zlib.decompressobj(wbits)
            try:
                out = d.decompress(data)
            except zlib.error as exc:
                if i + 1 < len(modes):
                    continue
                errors.append(f"could not decode {enc} body: {exc}")
                return b""
            if not d.eof:
                errors.append(f"{enc} body is truncated; decoded {len(out)} bytes of it")
            return out
    if enc == "br":
        try:
            import brotli
        except ImportError:
            errors.append("body is brotli-encoded and the brotli module is not installed")
            return b""
        try:
            return bytes(brotli.decompress(data))
        except Exception as exc:  # noqa: BLE001 - brotli.error; a cut stream is common
            errors.append(f"could not decode br body: {exc.__class__.__name__}")
            return _partial_brotli(data, brotli)
    if enc == "zstd":
        try:
            from backports import zstd  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            errors.append("body is zstd-encoded and backports.zstd is not installed")
            return b""
        zd = zstd.ZstdDecompressor()
        try:
            out = zd.decompress(data)
        except Exception as exc:  # noqa: BLE001 - ZstdError
            errors.append(f"could not decode zstd body: {exc.__class__.__name__}")
            return b""
        if not zd.eof:
            errors.append(f"zstd body is truncated; decoded {len(out)} bytes of it")
        return bytes(out)
    errors.append(f"unknown content-encoding {enc!r}; body kept as sent")
    return data


def _partial_brotli(data: bytes, brotli: Any) -> bytes:
    """What a streaming brotli decoder yields from a truncated body."""
    try:
        return bytes(brotli.Decompressor().process(data))
    except Exception:  # noqa: BLE001
        return b""


MARKERS = {
    "image_url": "[image]", "image": "[image]", "input_image": "[image]",
    "input_audio": "[audio]", "audio": "[audio]", "file": "[file]", "input_file": "[file]",
    "document": "[document]",
}


def parts_text(content: Any) -> str:
    """Text of a message ``content``: a string, or a list of typed parts."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        content = [content]
    if not isinstance(content, list):
        return str(content)
    out: list[str] = []
    for part in content:
        if isinstance(part, str):
            out.append(part)
            continue
        if not isinstance(part, dict):
            continue
        kind = str(part.get("type") or "text")
        if kind in ("text", "input_text", "output_text", "summary_text"):
            out.append(str(part.get("text", "")))
        elif kind == "refusal":
            out.append(f"[refusal] {part.get('refusal', '')}")
        elif kind in MARKERS:
            out.append(MARKERS[kind])
        elif "text" in part:
            out.append(str(part["text"]))
    return "\n".join(out)


TOOL_TEXT_CHARS = 2000  # a tool call's JSON kept in the prompt/answer text


def clip(text: str, limit: int = TOOL_TEXT_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters at a boundary that keeps whole lines and
    whole JSON values: after the last escaped or real newline, else the last ``", "`` or
    ``,``. Redaction runs on this text later; a cut through the middle of a secret would leave
    a stub too short to be recognised as one, so the cut never lands inside a token."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for sep in ("\\n", "\n", '", "', ","):
        at = head.rfind(sep)
        if at > limit // 2:
            return head[:at + len(sep)] + "…"
    at = max(head.rfind(" "), head.rfind('"'))
    return (head[:at] if at > 0 else "") + "…"


def fold_turn(role: str, blocks: Any, read: Callable[[dict[str, Any]], tuple[str, str]],
              messages: list[dict[str, str]]) -> str | None:
    """Append one turn of block-structured content (Gemini ``parts``, Bedrock ``content``)
    to ``messages``: a block whose reader names another role (a tool result) becomes a
    message of its own, the rest are joined into one ``role`` message. Returns that text when
    it is a user's non-blank prompt (the caller keeps the last one), else None."""
    own: list[str] = []
    for b in as_list(blocks):
        if not isinstance(b, dict):
            continue
        override, text = read(b)
        if override:
            messages.append({"role": override, "content": text})
        elif text:
            own.append(text)
    if not own:
        return None
    text = "\n".join(own)
    messages.append({"role": role, "content": text})
    return text if role == "user" and text.strip() else None


def as_dict(v: Any) -> dict[str, Any]:
    """``v`` if it is an object, else empty: fields of unexpected type are ignored."""
    return v if isinstance(v, dict) else {}


def as_list(v: Any) -> list[Any]:
    """``v`` if it is a list, else empty: fields of unexpected type are ignored."""
    return v if isinstance(v, list) else []


def as_int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def error_message(body: Any) -> str | None:
    """The message of an OpenAI-, Anthropic-, Google- or AWS-shaped error body."""
    if not isinstance(body, dict):
        return None
    err = body.get("error")
    if isinstance(err, dict):
        msg = err.get("message") or err.get("type") or json.dumps(err)[:500]
        code = err.get("code") or err.get("type")
        return f"{code}: {msg}" if code and code != msg else str(msg)
    if isinstance(err, str):
        return err
    if "detail" in body:  # some gateways
        return str(body["detail"])[:500]
    for key in ("message", "Message"):  # AWS (Bedrock) errors
        if isinstance(body.get(key), str):
            return body[key][:500]
    return None


PARAM_KEYS = (
    "temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens",
    "max_output_tokens", "n", "stop", "stop_sequences", "tool_choice", "seed",
    "presence_penalty", "frequency_penalty", "reasoning_effort", "reasoning", "thinking",
    "parallel_tool_calls", "stream_options", "store", "previous_response_id", "truncation",
    "service_tier", "logprobs", "echo", "best_of", "user",
)


def params_of(data: dict[str, Any]) -> dict[str, Any]:
    out = {k: data[k] for k in PARAM_KEYS if k in data}
    fmt = data.get("response_format")
    if isinstance(fmt, dict):
        out["response_format"] = fmt.get("type")
    return out


def request_object(body: bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """The request body as a JSON object, or None, with what was wrong in words."""
    errors: list[str] = []
    data = load_json(body, "request body", errors)
    if not isinstance(data, dict):
        if data is not None:
            errors.append("request body is not a JSON object")
        return None, errors
    return data, errors


def response_object(data: bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """A response body as a JSON object, or None, with what was wrong in words."""
    errors: list[str] = []
    body = load_json(data, "response body", errors)
    if not isinstance(body, dict):
        return None, errors or ["response is not an object"]
    return body, errors


def openai_usage(u: Any, inp: str, out: str) -> Usage:
    """OpenAI usage blocks: chat/completions name them prompt/completion, the Responses API
    input/output (each with a ``*_tokens_details`` object)."""
    if not isinstance(u, dict):
        return Usage()
    idt = u.get(f"{inp}_tokens_details") or {}
    odt = u.get(f"{out}_tokens_details") or {}
    return Usage(
        input_tokens=as_int(u.get(f"{inp}_tokens")),
        output_tokens=as_int(u.get(f"{out}_tokens")),
        cache_read_tokens=as_int(idt.get("cached_tokens")) if isinstance(idt, dict) else None,
        reasoning_tokens=as_int(odt.get("reasoning_tokens")) if isinstance(odt, dict) else None,
    )


class EventStream:
    """Base of the stream parsers: SSE decoding, one JSON object per event, and parse
    problems kept in words (at most five) instead of raised."""

    def __init__(self) -> None:
        from proxy.formats.sse import SSEDecoder

        self.sse = SSEDecoder()
        self.errors: list[str] = []
        self.done = False  # saw ``data: [DONE]``

    def feed(self, data: bytes) -> None:
        for ev in self.sse.feed(data):
            self._event(ev.event, ev.data)

    def _drain(self) -> None:
        """Events left when the stream ends without a final blank line."""
        for ev in self.sse.finish():
            self._event(ev.event, ev.data)

    def _json(self, data: str) -> dict[str, Any] | None:
        if data.strip() == "[DONE]":
            self.done = True
            return None
        try:
            obj = json.loads(data)
        except (ValueError, RecursionError):
            if len(self.errors) < 5:
                self.errors.append(f"unparseable stream event: {data[:60]!r}")
            return None
        return obj if isinstance(obj, dict) else None

    def _event(self, name: str | None, data: str) -> None:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Choice:
    """What one entry of an OpenAI ``choices`` list says (chat message or completion text)."""

    text: str
    reasoning: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    finish_reason: str | None = None


def choices_body(data: bytes, read: Callable[[dict[str, Any]], Choice]) -> ResponseInfo:
    """A whole OpenAI chat or completions answer: the one ``parse_body`` of both formats,
    which differ only in how a choice is read (``read``). Choice 0 (by its ``index``, else
    its position) is the answer; the others' texts are ``alternatives`` (Copilot's panel)."""
    body, errors = response_object(data)
    if body is None:
        return ResponseInfo(complete=False, errors=tuple(errors))
    model = body.get("model") if isinstance(body.get("model"), str) else None
    err = error_message(body) if body.get("error") else None
    if err and not body.get("choices"):
        return ResponseInfo(error=err, model=model)
    choices = [c for c in as_list(body.get("choices")) if isinstance(c, dict)]
    if not choices:
        errors.append("response has no choices")
    read_by_index: dict[int, Choice] = {}
    for pos, ch in enumerate(choices):
        index = as_int(ch.get("index"))
        read_by_index.setdefault(pos if index is None else index, read(ch))
    first = read_by_index.get(0, Choice(""))
    rid = body.get("id")
    return ResponseInfo(
        model=model, response_id=rid if isinstance(rid, str) and rid else None,
        text=first.text, reasoning=first.reasoning, tool_calls=first.tool_calls,
        finish_reason=first.finish_reason,
        usage=openai_usage(body.get("usage"), "prompt", "completion"),
        alternatives=tuple(c.text for i, c in sorted(read_by_index.items()) if i and c.text),
        errors=tuple(errors),
    )
