"""Small suggestions a person grew before committing (issue 17, real edits): what a touch may
add scales with what the line or the snippet holds, not with a fixed count. A long condition
grown by one operand in a three-line function, and a signature whose parameter type a person
widened above a two-line body kept whole, stay the model's; a line grown by more than a third
of itself, a parameter type replaced (an overload) and names only qualified stay human."""

from __future__ import annotations

from provenance.attribute import _grown, _keys, attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, FileDiff, Snippet

IS_SHOWN = """function isShown(node) {
  return node.hidden === false && node.style.display !== 'none';
}"""

SCANNER_INIT = """    def __init__(self, text: str) -> None:
        # the text to scan, decoded once
        self._src = Source(decode(text))
        self._pending: list[Token] = []"""


def _origins(text: str, snippet: str, path: str, language: str) -> dict[str, str]:
    idx = InMemoryIndex()
    idx.add("s", Snippet(snippet, "fence", language, exchange_id="ex-s"))
    lines = text.split("\n")
    diff = FileDiff(path, added=tuple(AddedLine(n + 1, t) for n, t in enumerate(lines)))
    return {line.strip(): o.origin for line, o in zip(lines, attribute([diff], idx),
                                                      strict=True) if line.strip()}


def test_a_condition_grown_by_one_operand_keeps_a_three_line_function_ai() -> None:
    """``node.open &&`` added to a long condition: four tokens, more than a token edit, a small
    part of a line whose every token the person kept."""
    text = IS_SHOWN.replace("node.hidden === false &&", "node.hidden === false && node.open &&")
    got = _origins(text, IS_SHOWN, "lib/view.js", "javascript")
    assert got["function isShown(node) {"] == AI
    assert got["return node.hidden === false && node.open && node.style.display !== 'none';"] \
        == AI_EDITED
    assert got["}"] == AI


def test_a_line_grown_by_more_than_a_third_of_itself_stays_human() -> None:
    """Under the same signature, a line that gains a clause of its own as long as half the
    line: another function's condition, not the model's touched."""
    text = IS_SHOWN.replace(
        "node.hidden === false &&",
        "node.hidden === false && node.parent !== null && node.parent.open &&")
    got = _origins(text, IS_SHOWN, "lib/view.js", "javascript")
    assert set(got.values()) == {HUMAN}


def test_grown_keeps_every_token_in_one_run() -> None:
    def k(t: str) -> object:
        return _keys(t, "javascript")

    line = "return a.b === c && d.e !== f;"
    assert _grown(k("return a.b === c && g && d.e !== f;"), k(line))  # one operand added
    assert not _grown(k("return a.b === c && g && d.e !== f && h;"), k(line))  # two places
    assert not _grown(k("return a.b === x && d.e !== f;"), k(line))  # a token replaced
    assert not _grown(k("return m.a.b === c && d.e !== f;"), k(line))  # a name qualified
    assert not _grown(k("return x;"), k("return x;"))  # nothing added


def test_a_parameter_type_widened_above_a_small_body_kept_whole_is_ai() -> None:
    """``text: str`` -> ``text: str | bytes`` over a body of two code lines, both kept: the
    whole suggestion is in place; its signature is ``ai-edited``, the rest AI."""
    text = SCANNER_INIT.replace("text: str)", "text: str | bytes)")
    got = _origins(text, SCANNER_INIT, "app/scan.py", "python")
    assert got["def __init__(self, text: str | bytes) -> None:"] == AI_EDITED
    assert got["self._src = Source(decode(text))"] == AI
    assert got["self._pending: list[Token] = []"] == AI


def test_a_parameter_type_replaced_above_a_small_body_stays_human() -> None:
    """``text: str`` -> ``text: bytes``: a type replaced is what an overload or another
    version of the function differs by (``_parameter_added``), even over the same body."""
    text = SCANNER_INIT.replace("text: str)", "text: bytes)")
    got = _origins(text, SCANNER_INIT, "app/scan.py", "python")
    assert set(got.values()) == {HUMAN}


CLOSE_INIT = """    def __init__(self, status: int, note: str | None = None) -> None:
        self.status = status
        self.note = note or \"\""""


def test_a_widened_signature_over_a_body_that_restates_its_parameters_stays_human() -> None:
    """``status: int`` -> ``status: int = 1000`` over ``self.status = status`` and
    ``self.note = note or ""``: a body that only stores the parameters is any class's with
    that signature (another exception's ``__init__``), no evidence of the suggestion's own."""
    text = CLOSE_INIT.replace("status: int,", "status: int = 1000,")
    got = _origins(text, CLOSE_INIT, "app/errors.py", "python")
    assert set(got.values()) == {HUMAN}
