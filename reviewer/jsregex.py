"""JavaScript regular expressions as Python ``re`` source, for judging their shape.

Groups, ``(?:)``, lookarounds, classes, quantifiers, anchors and ``\\d\\w\\s\\b`` read the same
in both; what differs is spelt the Python way: ``\\/`` is ``/``, a named group ``(?<n>`` is
``(?P<n>`` and ``\\k<n>`` is ``(?P=n)``, ``[^]`` (anything) and ``[]`` (nothing) keep their
meaning, a ``[`` inside a class is a character. Under the ``u``/``v`` flags ``\\p{..}`` and
``\\P{..}`` become ``\\w``/``\\W``: one character either way, which is all ``reviewer.redos``
asks of a class. A pattern that does not read the same (a ``v``-flag set operation, a stray
escape Python refuses) is None: better quiet than judged on a guess.
"""

from __future__ import annotations

import re
import warnings

_HEX = re.compile(r"[0-9a-fA-F]+")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}


def literal_source(pattern: str, flags: str = "") -> str | None:
    """The Python ``re`` source of a regex literal's ``pattern`` (between its slashes) under
    ``flags``, or None when it cannot be read the same."""
    unicode, sets = "u" in flags or "v" in flags, "v" in flags
    out: list[str] = []
    in_class = False
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if i + 1 >= n:
                return None
            nxt = pattern[i + 1]
            end = pattern.find("}", i) if pattern[i + 2:i + 3] == "{" else -1
            close = pattern.find(">", i) if pattern[i + 2:i + 3] == "<" else -1
            if nxt == "/":
                out.append("/")
            elif nxt in "pP" and unicode and end > 0:
                out.append("\\w" if nxt == "p" else "\\W")
                i = end - 1
            elif nxt == "u" and unicode and end > 0 and _HEX.fullmatch(pattern[i + 3:end]):
                out.append(f"\\U{int(pattern[i + 3:end], 16):08x}")
                i = end - 1
            elif nxt == "k" and close > 0 and not in_class:
                out.append(f"(?P={pattern[i + 3:close]})")
                i = close - 1
            else:
                out.append(ch + nxt)
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            elif ch == "[" or (sets and pattern[i:i + 2] in ("--", "&&")):
                if sets:
                    return None
                ch = "\\["
            elif ch in "&~|":  # Python warns on doubled set operators: a character here
                ch = "\\" + ch
            out.append(ch)
            i += 1
            continue
        if ch == "[":
            if pattern.startswith("[]", i):
                out.append("(?!)")
                i += 2
                continue
            if pattern.startswith("[^]", i):
                out.append("[\\s\\S]")
                i += 3
                continue
            in_class = True
            if pattern.startswith("[^", i):
                out.append("[^")
                i += 2
                continue
        elif pattern.startswith("(?<", i) and pattern[i + 3:i + 4] not in ("=", "!"):
            out.append("(?P<")
            i += 3
            continue
        out.append(ch)
        i += 1
    source = "".join(out)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            re.compile(source)
    except (re.error, Warning, RecursionError, OverflowError):
        return None
    return source


def string_value(raw: str) -> str | None:
    """The value of a JavaScript string or template literal ``raw`` (quotes included), or
    None for a template with a substitution or an escape too old to read (``"\\1"``)."""
    if len(raw) < 2 or raw[0] not in "'\"`" or raw[-1] != raw[0]:
        return None
    body, template = raw[1:-1], raw[0] == "`"
    out: list[str] = []
    i, n = 0, len(body)
    while i < n:
        ch = body[i]
        if template and body.startswith("${", i):
            return None
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        if i + 1 >= n:
            return None
        nxt = body[i + 1]
        i += 2
        if nxt in _SIMPLE:
            out.append(_SIMPLE[nxt])
        elif nxt == "\r" and body.startswith("\n", i):
            i += 1  # a line continuation
        elif nxt in "\n\u2028\u2029":
            pass
        elif nxt == "0" and not body[i:i + 1].isdigit():
            out.append("\0")
        elif nxt.isdigit():
            return None
        elif nxt == "x":
            if not _HEX.fullmatch(body[i:i + 2]) or len(body[i:i + 2]) != 2:
                return None
            out.append(chr(int(body[i:i + 2], 16)))
            i += 2
        elif nxt == "u":
            end = body.find("}", i) if body.startswith("{", i) else i + 4
            digits = body[i + 1:end] if body.startswith("{", i) else body[i:end]
            if end < 0 or not _HEX.fullmatch(digits) or int(digits, 16) > 0x10FFFF:
                return None
            out.append(chr(int(digits, 16)))
            i = end + 1 if body.startswith("{", i) else end
        else:
            out.append(nxt)  # "\\" "\'" and a stray "\w" alike: the character itself
    return "".join(out)
