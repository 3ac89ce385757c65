"""Redaction of text: every known secret format and secret-sounding assignment, in chunks.

Invariant: text that leaves ``redact`` holds no secret we know how to recognise; each one is
replaced by ``[REDACTED:<kind>]`` so a reader still sees *what* was there
(``[REDACTED:aws-access-key]``).

A chunk's escaped string literals are decoded and scanned too (``jsonstr``); spans found
there are mapped back through the escapes, so every character outside a secret is kept.

Speed: text is cut into chunks at line ends (never inside a private-key block); each chunk's
spans are memoised (``memo.Memo``), so a repeated turn costs a hash lookup per chunk.
Within a chunk, each detector runs only when one of its literal hints occurs
(``str.__contains__`` is far cheaper than a regex scan), and literals are looked for only
on lines holding a backslash. ``benchmarks/redact_speed.py`` measures both passes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from proxy.redact.assignments import assignment_spans, secret_for_key
from proxy.redact.jsonstr import EscapeMap, decode, literals
from proxy.redact.memo import Memo, Span
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


def _spans(chunk: str) -> list[Span]:
    found: list[Span] = []
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
            elif det.clip:
                j = s
                while j < e and chunk[j] in TOKEN_CHARS:
                    j += 1
                e = j
            secret = chunk[s:e]
            if secret.startswith(MARK) or (det.check is not None and not det.check(secret, m)):
                continue
            found.append((s, e, det.kind, prio))
    assignment_spans(chunk, low, found)
    return found


_HEX = frozenset("0123456789abcdefABCDEF")


def _escape_start(text: str, i: int) -> int:
    """``i``, or the start of the escape (``\\n``, ``\\"``, ``\\u00e9``) it falls inside."""
    j = i - 1
    while j >= 0 and j > i - 6:
        if text[j] == "\\":
            k = j
            while k > 0 and text[k - 1] == "\\":
                k -= 1
            if (j - k) % 2:  # an escaped backslash: the escape is [j - 1, j + 1)
                return i
            u = text[j + 1 : j + 2] == "u" and all(c in _HEX for c in text[j + 2 : j + 6])
            return j if i < j + (6 if u else 2) else i
        j -= 1
    return i


def _merge(spans: list[Span], text: str) -> tuple[Span, ...]:
    """Sorted, overlaps merged; a merged span keeps the kind of its best detector. In text
    with escapes no span starts or ends inside one (a pattern run over escaped text can
    end on the backslash of ``\\"``; cutting there would break the string)."""
    if not spans:
        return ()
    if "\\" in text:
        spans = [(_escape_start(text, s), _escape_start(text, e), kind, prio)
                 for s, e, kind, prio in spans]
        spans = [sp for sp in spans if sp[0] < sp[1]]
    spans.sort()
    merged: list[list[Any]] = []
    for s, e, kind, prio in spans:
        if merged and s < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], e)
            if prio < last[3]:
                last[2], last[3] = kind, prio
        else:
            merged.append([s, e, kind, prio])
    return tuple((s, e, kind, prio) for s, e, kind, prio in merged)


MIN_LITERAL = 16  # a decoded literal shorter than this holds no secret the raw pass misses
MASK_MIN = 256  # a literal at least this long is scanned only decoded (see ``_chunk_spans``)


def _literal_spans(chunk: str, out: list[Span]) -> list[tuple[int, int]]:
    """Secrets inside the chunk's escaped string literals, found in their decoded text.

    The decoded literals are scanned together, one per line (one scan, not one per
    literal), each as text in its own right: a line start after ``\\n``, quotes after
    ``\\"``, nested escaped JSON in turn. Each span found is cut to the literals it covers
    and mapped back through their escapes. Returns where the long literals' bodies are."""
    starts: list[int] = []
    bodies: list[str] = []
    parts: list[str] = []
    at: list[int] = []  # where each decoded literal starts in the view
    pos = 0
    for start, body, quote in literals(chunk):
        if len(body) < MIN_LITERAL:
            continue
        dec = decode(body, quote)
        if len(dec) < MIN_LITERAL or dec == body:
            continue
        starts.append(start)
        bodies.append(body)
        parts.append(dec)
        at.append(pos)
        pos += len(dec) + 1
    if not parts:
        return []
    spans = text_spans("\n".join(parts))
    maps: dict[int, EscapeMap] = {}
    for s, e, kind, prio in spans:
        k = max(0, bisect_right(at, s) - 1)
        while k < len(parts) and at[k] < e:
            a, b = max(s - at[k], 0), min(e - at[k], len(parts[k]))
            if a < b:
                m = maps.get(k)
                if m is None:
                    m = maps[k] = EscapeMap(bodies[k])
                out.append((starts[k] + m(a), starts[k] + m(b), kind, prio))
            k += 1
    return [(st, st + len(b)) for st, b in zip(starts, bodies, strict=True)
            if len(b) >= MASK_MIN]


def _chunk_spans(chunk: str) -> tuple[Span, ...]:
    """The chunk's secrets: its escaped literals read decoded, the rest read as it is.

    A long escaped literal (a file inside tool-call arguments, a replayed message) is read
    only decoded: the raw pass reads the chunk with that literal emptied (``""``), which
    saves scanning every file twice, three times in a raw body. A short one is read both
    ways, so a key outside a literal still finds its value inside (``"password": "..."``)."""
    if "\\" not in chunk:
        return _merge(_spans(chunk), chunk)
    found: list[Span] = []
    long_bodies = _literal_spans(chunk, found)
    if not long_bodies:
        found.extend(_spans(chunk))
        return _merge(found, chunk)
    pieces: list[str] = []
    at: list[int] = []  # where each kept piece starts in the compact text ...
    orig: list[int] = []  # ... and in the chunk
    pos = size = 0
    for s, e in long_bodies:
        pieces.append(chunk[pos:s])
        at.append(size)
        orig.append(pos)
        size += s - pos
        pos = e
    pieces.append(chunk[pos:])
    at.append(size)
    orig.append(pos)

    def back(i: int, end: bool = False) -> int:  # an end at a gap stays before the gap
        k = bisect_right(at, i - 1 if end and i else i) - 1
        return orig[k] + i - at[k]

    for s, e, kind, prio in _spans("".join(pieces)):
        found.append((back(s), back(e, True), kind, prio))
    return _merge(found, chunk)


def _apply(chunk: str, spans: tuple[Span, ...]) -> str:
    if not spans:
        return chunk
    parts: list[str] = []
    pos = 0
    for s, e, kind, _ in spans:
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


def _memo_spans(chunk: str) -> tuple[Span, ...]:
    hit = _memo.get(chunk)
    if hit is not None:
        return hit
    spans = _chunk_spans(chunk)
    _memo.put(chunk, spans)
    return spans


def text_spans(text: str) -> list[Span]:
    """Where the secrets in ``text`` are: sorted, non-overlapping ``(start, end, kind,
    priority)``."""
    if len(text) < 8:
        return []
    pieces = chunks(text)
    if len(pieces) == 1:
        return list(_memo_spans(text))
    out: list[Span] = []
    off = 0
    for p in pieces:
        out.extend((s + off, e + off, kind, prio) for s, e, kind, prio in _memo_spans(p))
        off += len(p)
    return out


def redact(text: str) -> str:
    """``text`` with every recognised secret replaced by ``[REDACTED:<kind>]``, also inside
    escaped string literals (JSON arguments, replayed bodies), where only the secret's own
    characters are replaced and every escape around it is kept."""
    if not text or len(text) < 8:
        return text
    pieces = chunks(text)
    if len(pieces) == 1:
        return _apply(text, _memo_spans(text))
    return "".join(_apply(p, _memo_spans(p)) for p in pieces)


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
