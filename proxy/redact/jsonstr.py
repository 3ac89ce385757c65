"""String literals with escapes, decoded, with a map back to the escaped text.

Tool-call arguments, replayed history and raw bodies carry file contents as JSON strings:
``"content": "import os\\nAPI_KEY=...\\n"``. In that form a secret does not start a line,
a quoted value's quotes are ``\\"`` and a URL's slashes may be ``\\/``, so detectors that
read text as text miss it. ``literals`` finds every string literal (JSON ``"..."``, also
``'...'`` as in Python and JavaScript) that holds at least one escape, ``decode`` undoes
the escapes, and ``EscapeMap`` turns a position in the decoded text back into a position in
the literal, so that a secret found in the decoded text is replaced in the original one and
nothing else changes (no re-escaping: every byte outside a secret is kept).

Invariant: ``decode`` turns each escape (``\\n``, ``\\"``, ``\\\\``, ``\\/``, ``\\uXXXX``,
a ``\\uD83D\\uDE00`` surrogate pair, ...) into exactly one character and keeps any other
backslash as it is, so positions map back exactly; for valid JSON it agrees with
``json.loads``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterator

# a literal with at least one backslash; a raw newline ends the search (JSON strings, and
# one-line literals in code, cannot hold one), so a stray quote cannot pair across lines.
# One cut short (``json.dumps(input)[:2000]`` in a history line, a stream cut mid-string)
# runs to the end of its line.
_LITERAL = re.compile(
    r"\"([^\"\\\n]*(?:\\.[^\"\\\n]*)+)(?:\"|\\?(?=\n)|\\?\Z)"
    r"|'([^'\\\n]*(?:\\.[^'\\\n]*)+)(?:'|\\?(?=\n)|\\?\Z)"
)
_ESC = re.compile(
    r"\\(?:u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
    r"|u([0-9a-fA-F]{4})|([\"\\/bfnrt']))"
)
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
           "t": "\t", "'": "'"}


def literals(text: str) -> Iterator[tuple[int, str, str]]:
    """``(start, body, quote)`` for each quoted literal in ``text`` holding a backslash;
    ``start`` is the offset of the body (after the opening quote). Only lines holding a
    backslash are searched (a literal cannot span lines; most lines of code hold none)."""
    n = len(text)
    i = text.find("\\")
    while i != -1:
        start = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        if end == -1:
            end = n
        for m in _LITERAL.finditer(text, start, end):
            if m.group(1) is not None:
                yield m.start(1), m.group(1), '"'
            else:
                yield m.start(2), m.group(2), "'"
        i = text.find("\\", end)


def _one(m: re.Match[str]) -> str:
    hi, lo, u, c = m.groups()
    if hi is not None:
        return chr(0x10000 + ((int(hi, 16) - 0xD800) << 10) + (int(lo, 16) - 0xDC00))
    if u is not None:
        return chr(int(u, 16))
    return _SIMPLE[c]


def decode(body: str, quote: str = '"') -> str:
    """``body`` with its escapes undone; other backslashes kept."""
    if quote == '"' and "\\'" not in body:
        try:  # C speed for the common case, valid JSON
            out = json.loads('"' + body + '"', strict=False)
            if isinstance(out, str):
                return out
        except ValueError:
            pass
    return _ESC.sub(_one, body)


class EscapeMap:
    """Decoded position -> position in the literal's body. Built only for a literal in which
    something was found (it walks every escape)."""

    def __init__(self, body: str) -> None:
        self.dec: list[int] = []  # decoded index of each escape's one character
        self.raw: list[int] = []  # where that escape starts in the body
        self.end: list[int] = []  # where it ends
        shift = 0
        for m in _ESC.finditer(body):
            s, e = m.span()
            self.dec.append(s - shift)
            self.raw.append(s)
            self.end.append(e)
            shift += e - s - 1

    def __call__(self, i: int) -> int:
        k = bisect_right(self.dec, i) - 1
        if k < 0:
            return i
        if i == self.dec[k]:
            return self.raw[k]
        return self.end[k] + (i - self.dec[k] - 1)
