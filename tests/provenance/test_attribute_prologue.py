"""A suggestion's opening atop another function's body (issue 17, ``_prologue``): a person's
function that opens as the suggested one does -- the same signature and guard, a lock taken
-- and then does its own work is not the suggestion cut short. A part of the suggestion
pasted as it is (its opening, ending where the commit's function ends) stays AI."""

from __future__ import annotations

from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import HUMAN, AddedLine, FileDiff, LineOrigin, Snippet

SUGGESTED = """    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        token = request.headers.get("x-api-token", "")
        if not self.tokens.verify(token, audience=self.audience):
            response = JSONResponse({"error": "forbidden"}, status_code=403)
            await response(scope, receive, send)
            return
        scope["user"] = self.tokens.subject(token)
        await self.app(scope, receive, send)"""

# another middleware: the same guard, then work of its own
OWN = """    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        status = {"code": 500}

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            self.metrics.observe(scope["path"], status["code"], time.monotonic() - started)"""

NEXT = """    def close(self):
        self.metrics.flush()
        self.metrics = None"""


def _run(text: str) -> list[LineOrigin]:
    idx = InMemoryIndex()
    idx.add("s", Snippet(SUGGESTED, "fence", "python", exchange_id="ex-s"))
    diff = FileDiff("app/middleware.py", added=tuple(
        AddedLine(n + 1, t) for n, t in enumerate(text.split("\n"))), status="A")
    return attribute([diff], idx)


def _labels(text: str, got: list[LineOrigin]) -> dict[str, str]:
    return {line.strip(): o.origin for line, o in zip(text.split("\n"), got, strict=True)
            if line.strip()}


def test_the_suggestions_opening_atop_a_function_of_ones_own_is_human() -> None:
    text = "class Timing:\n" + OWN + "\n\n" + NEXT
    assert set(_labels(text, _run(text)).values()) == {HUMAN}


def test_the_suggestions_opening_pasted_alone_stays_ai() -> None:
    # the first lines kept, then the person's next method: a part of the suggestion pasted
    head = "\n".join(SUGGESTED.split("\n")[:6])
    text = "class Auth:\n" + head + "\n\n" + NEXT
    got = _labels(text, _run(text))
    assert got['if scope["type"] not in ("http", "websocket"):'] != HUMAN
    assert got['request = Request(scope, receive)'] != HUMAN
    assert got["self.metrics.flush()"] == HUMAN


def test_the_whole_suggestion_with_code_added_below_stays_ai() -> None:
    # most of the suggestion kept: a person adding lines at its end is still its author's
    text = "class Auth:\n" + SUGGESTED + "\n        self.audit.record(scope)\n\n" + NEXT
    got = _labels(text, _run(text))
    assert got['scope["user"] = self.tokens.subject(token)'] != HUMAN
    assert got["self.audit.record(scope)"] == HUMAN
