"""Redaction of text: every known secret format and secret-sounding assignment, in chunks.

Invariant: text that leaves ``redact`` holds no secret we know how to recognise; each one is
replaced by ``[REDACTED:<kind>]`` so a reader still sees *what* was there
(``[REDACTED:aws-access-key]``).

Speed: text is cut into chunks at line ends (never inside a private-key block); each chunk
is memoised (``memo.Memo``), so a repeated turn costs a hash lookup per chunk. Within a
chunk, each detector runs only when one of its literal hints occurs (``str.__contains__``
is far cheaper than a regex scan). ``benchmarks/redact_speed.py`` measures both passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from proxy.redact.assignments import assignment_spans, secret_for_key
from proxy.redact.memo import Memo
from proxy.redact.patterns import (
    DETECTORS,
    MARK,
    PRIORITY,
    PRIVATE_KEY_DETECTORS,
    TOKEN_CHARS,
    Detector,
    marker,
)

KINDS: frozenset[str] = frozenset(
    {d.kind for d in DETECTORS} | {"password", "generic-high-entropy"}
)


def _matches(det: Detector, chunk: str, low: str) -> Iterator[re.Match[str]]:
    text = low if det.on_lower else chunk
    if not det.window:
        yield from det.pattern.finditer(text)
        return
    hay = low if det.lower else chunk
    hits = []
    for h in det.hints:
        i = hay.find(h)
        while i != -1:
            hits.append((i, i + len(h)))
            i = hay.find(h, i + 1)
    end = 0
    for i, j in sorted(hits):
        if j + det.window > end:  # windows never overlap: no match is reported twice
            start = max(i - det.window, end)
            end = min(len(text), j + det.window)
            yield from det.pattern.finditer(text, start, end)


def _spans(chunk: str) -> list[tuple[int, int, str, int]]:
    found: list[tuple[int, int, str, int]] = []
    low = chunk.lower()
    if len(low) != len(chunk):  # U+0130 (İ) is the one letter that lower-cases to two
        low = chunk.replace("\u0130", "i").lower()
    present: dict[str, bool] = {}  # hint -> occurs; each hint is looked for once
    for det in DETECTORS:
        if det.hints:
            hay = low if det.lower else chunk
            for h in det.hints:
                k = "\0" + h if det.lower else h
                hit = present.get(k)
                if hit is None:
                    hit = present[k] = h in hay
                if hit:
                    break
            else:
                continue
        prio = PRIORITY[id(det)]
        for m in _matches(det, chunk, low):
            s, e = m.span(det.group)
            if s < 0 or e <= s:
                continue
            if det.extend:
                while e < len(chunk) and chunk[e] in TOKEN_CHARS:
                    e += 1
            secret = chunk[s:e]
            if secret.startswith(MARK) or (det.check is not None and not det.check(secret, m)):
                continue
            found.append((s, e, det.kind, prio))
    assignment_spans(chunk, low, found)
    return found


def _redact_chunk(chunk: str) -> str:
    spans = _spans(chunk)
    if not spans:
        return chunk
    spans.sort()
    merged: list[list[Any]] = []  # [start, end, kind, prio]; overlaps merge, best kind kept
    for s, e, kind, prio in spans:
        if merged and s < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], e)
            if prio < last[3]:
                last[2], last[3] = kind, prio
        else:
            merged.append([s, e, kind, prio])
    parts: list[str] = []
    pos = 0
    for s, e, kind, _ in merged:
        parts.append(chunk[pos:s])
        parts.append(marker(kind))
        pos = e
    parts.append(chunk[pos:])
    return "".join(parts)


CHUNK_MIN = 8192
CACHE_BYTES = 64 * 1024 * 1024
_PEM_ANY = re.compile(r"-{4,5} ?BEGIN [A-Z0-9 ]*PRIVATE KEY|Private-Lines:")

_memo = Memo(CACHE_BYTES)


def cache_clear() -> None:
    """Forget memoised chunks (tests, benchmarks)."""
    _memo.clear()


def cache_info() -> dict[str, int]:
    return _memo.info()


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans that must not be cut: private-key blocks (they span lines)."""
    if not ("PRIVATE KEY" in text or "Private-Lines:" in text) or _PEM_ANY.search(text) is None:
        return []
    out: list[tuple[int, int]] = []
    for det in PRIVATE_KEY_DETECTORS:
        out.extend(m.span() for m in det.pattern.finditer(text))
    return out


def chunks(text: str, size: int = CHUNK_MIN) -> list[str]:
    """Cut ``text`` at line ends into pieces of at least ``size`` characters.

    Cuts depend only on the text before them, so a conversation that grows at the end keeps
    its earlier chunks (and their memo entries). No cut falls inside a private-key block.
    """
    n = len(text)
    if n < 2 * size:
        return [text]
    protected = _protected(text)
    out = []
    pos = 0
    while n - pos >= 2 * size:
        cut = text.find("\n", pos + size)
        while cut != -1 and any(s <= cut < e for s, e in protected):
            cut = text.find("\n", next(e for s, e in protected if s <= cut < e))
        if cut == -1:
            break
        out.append(text[pos : cut + 1])
        pos = cut + 1
    out.append(text[pos:])
    return out


def _redact_memo(chunk: str) -> str:
    hit = _memo.get(chunk)
    if hit is not None:
        return hit
    red = _redact_chunk(chunk)
    _memo.put(chunk, red)
    return red


def redact(text: str) -> str:
    """``text`` with every recognised secret replaced by ``[REDACTED:<kind>]``."""
    if not text or len(text) < 8:
        return text
    pieces = chunks(text)
    if len(pieces) == 1:
        return _redact_memo(text)
    return "".join(_redact_memo(p) for p in pieces)


def redact_obj(obj: Any) -> Any:
    """``redact`` over nested dicts, lists and tuples of strings (JSON-like). Keys are kept;
    a string value under a secret-sounding key (``{"api_key": "..."}``) is judged as an
    assignment. Other scalars pass through."""
    if isinstance(obj, str):
        return redact(obj)
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if isinstance(k, str) and isinstance(v, str):
                red = redact(v)
                if red == v:
                    red = secret_for_key(k, v) or v
                out[k] = red
            else:
                out[k] = redact_obj(v)
        return out
    if isinstance(obj, list):
        return [redact_obj(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(redact_obj(v) for v in obj)
    return obj
