"""Recall on short parts of a suggestion kept verbatim (issue 17): two statements of a chat
answer pasted as a paragraph of their own are too short for the segment thresholds, but when
no other recorded suggestion holds their lines (postings rarity) they count
(``_rare_fragment``). Each case has its twin that must stay human: the same lines when several
suggestions hold them (an idiom), and the same lines inside another function's body."""

from __future__ import annotations

from provenance.attribute import attribute, explain
from provenance.index import InMemoryIndex
from provenance.model import AI, HUMAN, AddedLine, FileDiff, Snippet

MISSING = """  optionMissingArgument(option) {
    const message = `error: option '${option.flags}' argument missing`;
    this.error(message, { code: 'commander.optionMissingArgument' });
  }"""

PART = """    const message = `error: option '${option.flags}' argument missing`;
    this.error(message, { code: 'commander.optionMissingArgument' });"""

HUMAN_BEFORE = """function parseArgs (argv) {
  const out = []
  for (const a of argv.slice(2)) out.push(a.trim())
  return out
}"""

HUMAN_AFTER = """function usage () {
  console.log('usage: tool [options] <file>')
}"""


def _index(*others: str) -> InMemoryIndex:
    idx = InMemoryIndex()
    idx.add("s", Snippet(MISSING, "fence", "javascript", exchange_id="ex-s"))
    for n, text in enumerate(others):
        idx.add(f"o{n}", Snippet(text, "fence", "javascript", exchange_id=f"ex-o{n}"))
    return idx


def _diff(text: str) -> FileDiff:
    return FileDiff("lib/cli.js", added=tuple(AddedLine(n + 1, t)
                                              for n, t in enumerate(text.split("\n"))))


def _labels(text: str, idx: InMemoryIndex) -> dict[str, str]:
    return {o.text.strip(): o.origin for o in _with_text(text, idx) if o.text.strip()}


class _Row:
    def __init__(self, text: str, origin: str) -> None:
        self.text, self.origin = text, origin


def _with_text(text: str, idx: InMemoryIndex) -> list[_Row]:
    lines = text.split("\n")
    return [_Row(t, o.origin) for t, o in zip(lines, attribute([_diff(text)], idx),
                                               strict=True)]


def test_two_rare_statements_pasted_as_a_paragraph_are_ai() -> None:
    """The method's two statements, without its signature, pasted between a person's
    functions: no other suggestion holds them, so the fragment is the suggestion's."""
    text = "\n".join([HUMAN_BEFORE, "", PART, "", HUMAN_AFTER])
    got = _labels(text, _index())
    assert got["const message = `error: option '${option.flags}' argument missing`;"] == AI
    assert got["this.error(message, { code: 'commander.optionMissingArgument' });"] == AI
    assert got["const out = []"] == HUMAN
    assert got["console.log('usage: tool [options] <file>')"] == HUMAN
    n = text.split("\n").index(PART.split("\n")[0]) + 1
    why = explain([_diff(text)], _index(), "lib/cli.js", n)
    assert why["origin"] == AI
    assert "[rare-fragment]" in str(why["reason"])


def test_the_same_lines_held_by_other_suggestions_stay_human() -> None:
    """The twin: two more suggestions hold the same two lines (an idiom of the codebase, not
    the one answer's): a fragment of common lines is no evidence."""
    twins = [MISSING.replace("optionMissingArgument(option)", f"check{n}(option)")
             for n in range(2)]
    text = "\n".join([HUMAN_BEFORE, "", PART, "", HUMAN_AFTER])
    got = _labels(text, _index(*twins))
    assert set(got.values()) == {HUMAN}


def test_the_same_lines_inside_another_function_stay_human() -> None:
    """The twin: the two lines inside a person's own function, its code right above them,
    or opening a paragraph that goes on with a person's statements: shared lines in another
    body are a sibling's, not a part pasted."""
    above = "\n".join(["  reportMissing(option) {", "    this.flush();", PART, "  }"])
    below = "\n".join([PART, "    process.exitCode = 2;", "    this.flush();"])
    for own in (above, below):
        text = "\n".join([HUMAN_BEFORE, "", own, "", HUMAN_AFTER])
        assert set(_labels(text, _index()).values()) == {HUMAN}


STATUS = '''class Status:
    @classmethod
    def is_error(cls, value: int) -> bool:
        """
        Returns `True` for 4xx or 5xx status codes, `False` otherwise.
        """
        return 400 <= value <= 599'''

HEAD_ONLY = '''    def is_error(cls, value: int) -> bool:
        """
        Returns `True` for 4xx or 5xx status codes, `False` otherwise.'''


def test_a_signature_and_its_docstring_kept_are_ai() -> None:
    """A signature and the docstring lines under it, kept as they were and pasted as a
    paragraph (the rest dropped): the docstring's quotes sit between them on both sides and
    its prose line counts with the one rare code line."""
    idx = InMemoryIndex()
    idx.add("s", Snippet(STATUS, "fence", "python", exchange_id="ex-s"))
    text = "\n".join(["def helper(items):", "    return sorted(items)", "", HEAD_ONLY, "",
                      "def other():", "    return 0"])
    diff = FileDiff("app/status.py", added=tuple(AddedLine(n + 1, t)
                                                for n, t in enumerate(text.split("\n"))))
    got = {t.strip(): o.origin for t, o in zip(text.split("\n"), attribute([diff], idx),
                                                strict=True) if t.strip()}
    assert got["def is_error(cls, value: int) -> bool:"] == AI
    assert got["Returns `True` for 4xx or 5xx status codes, `False` otherwise."] == AI
    assert got["return sorted(items)"] == HUMAN
