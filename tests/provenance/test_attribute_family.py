"""A family of look-alike suggestions (issue 17, ``_drop_family_slots``): several suggestions
share a small method's signature and a line or two (``reset()`` of one stream class after
another) and differ in one line, the slot each class fills its own way. A commit with the
shared lines and yet another value in the slot is one more member of the family, written for
its own class: human. The same commit with no such family among the suggestions reads as the
one suggestion with a literal touched (AI origin), and a kept member is AI whatever shares
its lines."""

from __future__ import annotations

from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, FileDiff, Snippet

SUGGESTED = """    public void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }"""

# other classes' reset(): the same signature, something else in the body
FAMILY = [
    """    public void reset() throws IOException {
        in.reset();
    }""",
    """    public void reset() throws IOException {
        synchronized (lock) {
            ensureOpen();
            pos = markedPos;
        }
    }""",
    """    public void reset() throws IOException {
        buffer.clear();
        count = 0;
    }""",
]

# another class's reset(), written by hand: a third message in the slot
COMMITTED = SUGGESTED.replace("mark/reset not supported", "reset() not supported")

OTHER = """    public int available() throws IOException {
        return count - pos;
    }"""


def _index(*family: str) -> InMemoryIndex:
    idx = InMemoryIndex()
    idx.add("s", Snippet(SUGGESTED, "fence", "java", exchange_id="ex-s"))
    for n, text in enumerate(family):
        idx.add(f"f{n}", Snippet(text, "fence", "java", exchange_id=f"ex-f{n}"))
    return idx


def _origins(text: str, idx: InMemoryIndex) -> list[str]:
    diff = FileDiff("src/Stream.java", added=tuple(
        AddedLine(n + 1, t) for n, t in enumerate(text.split("\n"))), status="A")
    return [o.origin for o, line in zip(attribute([diff], idx), text.split("\n"), strict=True)
            if line.strip()]


def test_one_more_member_of_a_family_of_suggestions_is_human() -> None:
    assert set(_origins(COMMITTED, _index(*FAMILY))) == {HUMAN}


def test_the_same_lines_without_a_family_are_the_suggestion_touched() -> None:
    assert _origins(COMMITTED, _index()) == [AI, AI_EDITED, AI]


def test_two_look_alikes_are_no_family_yet() -> None:
    # a suggestion and two others sharing its signature: a look-alike or two, not yet the
    # shape a whole family of classes repeats
    assert HUMAN not in _origins(COMMITTED, _index(*FAMILY[:2]))


def test_a_family_member_kept_as_suggested_stays_ai() -> None:
    text = "\n\n".join([OTHER, SUGGESTED])
    got = _origins(text, _index(*FAMILY))
    assert got[-3:] == [AI, AI, AI]


def test_a_member_with_a_comment_added_stays_ai() -> None:
    # a comment is no slot of the family: the suggestion's line is kept under it
    text = SUGGESTED.replace("not supported\");", "not supported\");  // never buffered")
    assert HUMAN not in _origins(text, _index(*FAMILY))


PY_SUGGESTED = """    def _ensure_open(self) -> None:
        if self._sock is None:
            raise ClosedError("stream closed")"""

# the same guard in other classes: each raises its own message
PY_FAMILY = [PY_SUGGESTED.replace("stream closed", slot)
             for slot in ("connection closed", "pool closed", "reader closed")]


def _py_origins(text: str, *family: str) -> list[str]:
    idx = InMemoryIndex()
    idx.add("s", Snippet(PY_SUGGESTED, "fence", "python", exchange_id="ex-s"))
    for n, member in enumerate(family):
        idx.add(f"f{n}", Snippet(member, "fence", "python", exchange_id=f"ex-f{n}"))
    diff = FileDiff("app/stream.py", added=tuple(
        AddedLine(n + 1, t) for n, t in enumerate(text.split("\n"))), status="A")
    return [o.origin for o in attribute([diff], idx)]


def test_a_guard_with_its_own_message_in_a_family_of_guards_is_human() -> None:
    text = PY_SUGGESTED.replace("stream closed", "file closed")
    assert set(_py_origins(text, *PY_FAMILY)) == {HUMAN}
    # with the suggestion alone, the same lines are it with its literal touched
    assert HUMAN not in _py_origins(text)
