"""A family ported by hand (issue 17, ``_drop_ported``): two suggestions, each a method of
one type (``bytes.Reader``'s ``UnreadByte`` and ``UnreadRune``), explain two functions of a
commit that both replace the same word by the same other word (``bytes`` -> ``strings``,
``slice`` -> ``string``): a person wrote the twin type's methods by substituting one word
through them, not two suggestions each touched by chance the same way. Human. One of them
alone with that word touched is the suggestion edited (AI origin), and so are both when the
commit keeps them as suggested."""

from __future__ import annotations

from provenance.attribute import attribute, explain
from provenance.index import InMemoryIndex
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, FileDiff, Snippet

UNREAD_BYTE = """func (r *Reader) UnreadByte() error {
\tif r.i <= 0 {
\t\treturn errors.New("bytes.Reader.UnreadByte: at beginning of slice")
\t}
\tr.prevRune = -1
\tr.i--
\treturn nil
}"""

UNREAD_RUNE = """func (r *Reader) UnreadRune() error {
\tif r.i <= 0 {
\t\treturn errors.New("bytes.Reader.UnreadRune: at beginning of slice")
\t}
\tif r.prevRune < 0 {
\t\treturn errors.New("bytes.Reader.UnreadRune: previous operation was not ReadRune")
\t}
\tr.i = int64(r.prevRune)
\tr.prevRune = -1
\treturn nil
}"""


def _ported(text: str) -> str:
    return text.replace("bytes.", "strings.").replace("of slice", "of string")


def _index() -> InMemoryIndex:
    idx = InMemoryIndex()
    idx.add("byte", Snippet(UNREAD_BYTE, "fence", "go", exchange_id="ex-1"))
    idx.add("rune", Snippet(UNREAD_RUNE, "fence", "go", exchange_id="ex-2"))
    return idx


def _diff(text: str) -> FileDiff:
    return FileDiff("strings/reader.go", added=tuple(
        AddedLine(n + 1, t) for n, t in enumerate(text.split("\n"))), status="A")


def _origins(text: str) -> list[str]:
    return [o.origin for o, line in zip(attribute([_diff(text)], _index()), text.split("\n"),
                                        strict=True) if line.strip()]


def test_two_suggestions_with_one_word_substituted_through_both_are_human() -> None:
    text = "\n\n".join([_ported(UNREAD_BYTE), _ported(UNREAD_RUNE)])
    assert set(_origins(text)) == {HUMAN}


def test_explain_names_the_port() -> None:
    text = "\n\n".join([_ported(UNREAD_BYTE), _ported(UNREAD_RUNE)])
    got = explain([_diff(text)], _index(), "strings/reader.go", 3)
    assert got["origin"] == HUMAN
    assert any(d["rule"] == "ported" for d in got["dropped"])  # type: ignore[union-attr]


def test_one_suggestion_with_the_word_touched_is_ai_edited() -> None:
    got = _origins(_ported(UNREAD_BYTE))
    assert AI_EDITED in got and HUMAN not in got


def test_the_word_touched_in_one_and_the_other_kept_stay_ai() -> None:
    # the second suggestion kept as suggested: no word substituted through both
    got = _origins("\n\n".join([_ported(UNREAD_BYTE), UNREAD_RUNE]))
    assert HUMAN not in got and AI_EDITED in got


def test_both_kept_as_suggested_stay_ai() -> None:
    assert set(_origins("\n\n".join([UNREAD_BYTE, UNREAD_RUNE]))) == {AI}


def test_different_touches_in_two_suggestions_stay_ai() -> None:
    # each suggestion touched its own way (a message reworded, another literal): edits of
    # kept code, no word substituted through both
    text = "\n\n".join([UNREAD_BYTE.replace("at beginning of slice", "at start"),
                        UNREAD_RUNE.replace("r.prevRune = -1", "r.prevRune = -2")])
    assert HUMAN not in _origins(text)
