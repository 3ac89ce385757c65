"""A suggestion's shared tail set in the middle of another function (issue 17, ``_inner_tail``):
the suggested ``_check_closed`` ends with two guards that another method of the class repeats
as one paragraph of its own body, one guard touched, with its own code above and below. That
paragraph is the sibling's, human. The same tail kept where the person's function ends with
it, or pasted as a paragraph between two functions (a part of the suggestion kept), and the
suggestion kept whole with the same touch, stay AI origin."""

from __future__ import annotations

from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, FileDiff, Snippet

SUGGESTED = """    def _check_closed(self) -> None:
        if self._closed:
            raise ClosedResourceError
        if self._trio_socket.fileno() < 0:
            raise BrokenResourceError"""

GUARDS = """        if self._closed:
            raise ClosedResourceError
        elif self._transport.is_closing():
            raise BrokenResourceError"""

# another method of the class, written by hand: the guards (one touched) mid-body
SEND = f"""    async def send(self, item: bytes) -> None:
        with self._send_guard:
            await AsyncIOBackend.checkpoint_if_cancelled()
            yielded = self._protocol.write_event.is_set()

{GUARDS}

        self._transport.sendto(item)
        if not yielded:
            await AsyncIOBackend.cancel_shielded_checkpoint()"""

# the same tail where the person's function ends with it
SEND_ENDS = """    async def send(self, item: bytes) -> None:
        self._transport.sendto(item)
        await AsyncIOBackend.checkpoint_if_cancelled()

""" + GUARDS

OTHER = """    def fileno(self) -> int:
        return self._trio_socket.fileno()"""

AFTER = """    async def aclose(self) -> None:
        self._closed = True
        self._transport.close()"""


def _origins(text: str) -> list[tuple[str, str]]:
    idx = InMemoryIndex()
    idx.add("s", Snippet(SUGGESTED, "fence", "python", exchange_id="ex-s"))
    rows = text.split("\n")
    diff = FileDiff("app/streams.py", added=tuple(
        AddedLine(n + 1, t) for n, t in enumerate(rows)), status="A")
    return [(o.origin, line.strip()) for o, line in zip(attribute([diff], idx), rows,
                                                       strict=True) if line.strip()]


def _guards(got: list[tuple[str, str]]) -> set[str]:
    wanted = {t.strip() for t in GUARDS.split("\n")}
    return {origin for origin, text in got if text in wanted}


def test_a_shared_tail_in_the_middle_of_another_function_is_human() -> None:
    assert set(o for o, _ in _origins(SEND)) == {HUMAN}


def test_the_tail_where_the_function_ends_with_it_stays_ai() -> None:
    assert _guards(_origins(SEND_ENDS)) <= {AI, AI_EDITED}
    assert AI in _guards(_origins(SEND_ENDS))


def test_the_tail_pasted_between_two_functions_stays_ai() -> None:
    text = "\n\n".join([OTHER, GUARDS, AFTER])
    assert _guards(_origins(text)) == {AI, AI_EDITED}


def test_the_suggestion_kept_whole_with_the_touch_stays_ai() -> None:
    kept = SUGGESTED.replace("if self._trio_socket.fileno() < 0:", "elif self._trio_socket."
                             "fileno() < 0:")
    got = _origins("\n\n".join([OTHER, kept]))
    assert HUMAN not in {o for o, _ in got[2:]}
