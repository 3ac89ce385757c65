"""A sibling that shares a suggestion's head (issue 17: precision of the edit kinds): the
same signature and first guard, then a body of its own, is human (``_prologue``; written
twice in one round, as ``_cut_short`` too, on the same cases: one kept); the suggestion's
head pasted on its own, or kept with a block of its body dropped, stays AI."""

from __future__ import annotations

import pytest

import provenance.attribute as attribute_module
from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import HUMAN, AddedLine, FileDiff, LineOrigin, Snippet

GUARDED = """    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return

        scope["app.handlers"] = (
            self._exception_handlers,
            self._status_handlers,
        )
        request = Request(scope, receive=receive)
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            await self.handle(request, exc)"""

# another middleware's ``__call__``: the same scope guard, then its own body
SESSION = """    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return

        connection = HTTPConnection(scope)
        session_was_empty = True
        if self.cookie_name in connection.cookies:
            data = connection.cookies[self.cookie_name].encode("utf-8")
            scope["session"] = self.load(data)
        await self.app(scope, receive, self.wrap(send, session_was_empty))"""

BEFORE = """class Middleware:
    def __init__(self, app):
        self.app = app
"""


def _run(text: str) -> list[LineOrigin]:
    idx = InMemoryIndex()
    idx.add("s", Snippet(GUARDED, "fence", "python", exchange_id="ex-s"))
    diff = FileDiff("app/middleware.py", added=tuple(
        AddedLine(n + 1, t) for n, t in enumerate(text.split("\n"))))
    return attribute([diff], idx)


def _ai_lines(text: str) -> list[str]:
    return [line.strip() for line, o in zip(text.split("\n"), _run(text), strict=True)
            if o.origin != HUMAN and line.strip()]


def test_a_sibling_sharing_the_snippets_head_then_its_own_body_is_human() -> None:
    assert _ai_lines(BEFORE + "\n" + SESSION) == []


def test_without_the_check_the_shared_head_was_called_ai(monkeypatch: pytest.MonkeyPatch,
                                                          ) -> None:
    # the case the rule is for (so that the test above cannot pass for another reason)
    monkeypatch.setattr(attribute_module, "PROLOGUE_CHECK", False)
    assert 'if scope["type"] not in ("http", "websocket"):' in _ai_lines(
        BEFORE + "\n" + SESSION)


def test_the_snippets_head_pasted_on_its_own_stays_ai() -> None:
    # the function ends with the part (a partial accept): nothing of the commit's own follows
    head = "\n".join(GUARDED.split("\n")[:9])
    text = BEFORE + "\n" + head + "\n\n    def close(self):\n        self.app = None"
    assert _ai_lines(text) == [line.strip() for line in head.split("\n") if line.strip()]


def test_a_kept_suggestion_with_a_block_dropped_stays_ai() -> None:
    # the person drops the handlers block: the commit goes on with the snippet's later code
    lines = GUARDED.split("\n")
    kept = "\n".join(lines[:4] + lines[9:])
    got = _ai_lines(BEFORE + "\n" + kept)
    assert got == [line.strip() for line in kept.split("\n") if line.strip()]
