"""Regular expressions that backtrack exponentially (CWE-1333), judged from the pattern alone.

A group repeated without bound whose body is one unbounded repetition plus parts that may
match nothing (``(a+)+``, ``([A-Za-z]+\\s?)+``, ``([a-z0-9]+[.-]?)*``) can split the same text
into iterations in exponentially many ways; when something after the group then fails to
match (``$``, ``@example\\.com``), a backtracking engine such as ``re`` tries every split. A
body with a part that must match (``(-[a-z0-9]+)*``: each iteration starts with a hyphen)
splits its text one way only. Alternatives are judged one by one; two alternatives that
match the same text (``(a|a)*``) are not judged here.
"""

from __future__ import annotations

import re
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)


def exponential(pattern: str) -> bool:
    """Does ``pattern`` hold a repeated group that can split its text many ways, with
    something after it that can fail?"""
    try:
        parsed = _p.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return False
    return _scan(list(parsed), followed=False)


def _scan(seq: list[tuple[Any, Any]], followed: bool) -> bool:
    for i, (op, av) in enumerate(seq):
        after = followed or i + 1 < len(seq)
        if op in _REPEATS:
            lo, hi, body = av
            if hi == _c.MAXREPEAT and op is not _c.POSSESSIVE_REPEAT and after \
                    and _ambiguous(list(body)):
                return True
            if _scan(list(body), after):
                return True
        elif op is _c.SUBPATTERN:
            if _scan(list(av[-1]), after):
                return True
        elif op is _c.BRANCH:
            if any(_scan(list(alt), after) for alt in av[1]):
                return True
    return False


def _ambiguous(body: list[tuple[Any, Any]]) -> bool:
    """Can one iteration of ``body`` match text that two iterations also match: one
    unbounded repetition of something non-empty, everything else optional?"""
    body = _unwrap(body)
    if len(body) == 1 and body[0][0] is _c.BRANCH:
        return any(_ambiguous(list(alt)) for alt in body[0][1][1])
    unbounded = [item for item in body if _unbounded(item)]
    if len(unbounded) != 1:
        return False
    return all(item is unbounded[0] or _nullable(item) for item in body)


def _unwrap(body: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    while len(body) == 1 and body[0][0] is _c.SUBPATTERN:
        body = list(body[0][1][-1])
    return body


def _unbounded(item: tuple[Any, Any]) -> bool:
    op, av = item
    return op in _REPEATS and av[1] == _c.MAXREPEAT and not _nullable(item)


def _nullable(item: tuple[Any, Any]) -> bool:
    """Can ``item`` match the empty string? (A zero-width assertion counts as not: ``\\b``
    between two iterations decides where one ends.)"""
    op, av = item
    if op in _REPEATS:
        return av[0] == 0 or all(_nullable(x) for x in av[2])
    if op is _c.SUBPATTERN:
        return all(_nullable(x) for x in av[-1])
    if op is _c.BRANCH:
        return any(all(_nullable(x) for x in alt) for alt in av[1])
    return False
