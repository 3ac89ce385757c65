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


ENCRYPTED = '''def is_key_encrypted(key_file: str) -> bool:
    with open(key_file) as f:
        for line in f:
            # Look for Proc-Type: 4,ENCRYPTED
            if "ENCRYPTED" in line:
                return True
    return False'''

KEPT_WITHOUT_LOOP = '''    with open(key_file) as f:
            # Look for Proc-Type: 4,ENCRYPTED
            if "ENCRYPTED" in line:
                return True'''


def _py_labels(text: str, idx: InMemoryIndex) -> dict[str, str]:
    diff = FileDiff("app/keys.py", added=tuple(AddedLine(n + 1, t)
                                              for n, t in enumerate(text.split("\n"))))
    return {t.strip(): o.origin for t, o in zip(text.split("\n"), attribute([diff], idx),
                                                strict=True) if t.strip()}


def _py_index(*others: str) -> InMemoryIndex:
    idx = InMemoryIndex()
    idx.add("s", Snippet(ENCRYPTED, "fence", "python", exchange_id="ex-s"))
    for n, text in enumerate(others):
        idx.add(f"o{n}", Snippet(text, "fence", "python", exchange_id=f"ex-o{n}"))
    return idx


PY_BEFORE = "def helper(items):\n    return sorted(items)"
PY_AFTER = "def other():\n    return 0"


def test_rare_lines_kept_with_one_snippet_line_left_out_are_ai() -> None:
    """A part of the suggestion kept as a paragraph with one of its lines deleted (the loop
    header): two rare statements in the snippet's order, one snippet line skipped between."""
    text = "\n".join([PY_BEFORE, "", KEPT_WITHOUT_LOOP, "", PY_AFTER])
    got = _py_labels(text, _py_index())
    assert got["with open(key_file) as f:"] == AI
    assert got['if "ENCRYPTED" in line:'] == AI
    assert got["return sorted(items)"] == HUMAN


def test_rare_lines_with_one_left_out_inside_a_persons_function_stay_human() -> None:
    """The twin: the same lines, one snippet line left out, inside a person's own function
    (its code right above): shared lines in another body, not a part pasted; and the same
    paragraph when other suggestions hold its lines too (not rare)."""
    own = "\n".join(["def has_marker(key_file):", "    found = False", KEPT_WITHOUT_LOOP])
    assert set(_py_labels("\n".join([PY_BEFORE, "", own, "", PY_AFTER]),
                          _py_index()).values()) == {HUMAN}
    twins = [ENCRYPTED.replace("is_key_encrypted", f"check{n}") for n in range(2)]
    text = "\n".join([PY_BEFORE, "", KEPT_WITHOUT_LOOP, "", PY_AFTER])
    assert set(_py_labels(text, _py_index(*twins)).values()) == {HUMAN}


def test_one_rare_line_with_a_snippet_line_left_out_stays_human() -> None:
    """The twin: one rare statement and a common one with the snippet line between them left
    out: a single rare line does not make a gapped fragment the suggestion's."""
    text = "\n".join([PY_BEFORE, "", "    with open(key_file) as f:", "        return True", "",
                      PY_AFTER])
    assert set(_py_labels(text, _py_index()).values()) == {HUMAN}


def test_a_fragment_of_an_answer_given_twice_is_ai() -> None:
    """The same answer recorded twice (the person asked again, or a follow-up repeated the
    method): its lines are held by two suggestions, both of the one answer, and a fragment
    of them pasted as a paragraph is still the answer's. (Three suggestions holding them is
    an idiom of the codebase: ``test_the_same_lines_held_by_other_suggestions_stay_human``.)"""
    again = MISSING.replace("optionMissingArgument(option)", "optionMissingArgument(opt)")
    text = "\n".join([HUMAN_BEFORE, "", PART, "", HUMAN_AFTER])
    got = _labels(text, _index(again))
    assert got["const message = `error: option '${option.flags}' argument missing`;"] == AI
    assert got["this.error(message, { code: 'commander.optionMissingArgument' });"] == AI
    assert got["const out = []"] == HUMAN



HELPERS = '''    def _install_helpers(self, env: Environment) -> None:
        @pass_context
        def link_to(
            context: dict[str, Any],
            name: str,
            /,
            **path_params: Any,
        ) -> URL:
            request: Request = context["request"]
            return request.url_for(name, **path_params)

        env.globals.setdefault("link_to", link_to)'''

HELPER_KEPT = '''        def link_to(
            context: dict[str, Any],
            /,
        ) -> URL:
            request: Request = context["request"]'''


def _helpers_index() -> InMemoryIndex:
    idx = InMemoryIndex()
    idx.add("s", Snippet(HELPERS, "fence", "python", exchange_id="ex-s"))
    return idx


def test_a_signature_kept_with_parameters_left_out_is_ai() -> None:
    """A signature wrapped one parameter a line, kept with two of its parameters deleted, and
    the rare statement under it: a parameter is any sibling's, so it neither makes the
    fragment rare nor, left out, breaks it (a person trims the parameters they do not need)."""
    text = "\n".join([PY_BEFORE, "", HELPER_KEPT, "", PY_AFTER])
    got = _py_labels(text, _helpers_index())
    assert got['request: Request = context["request"]'] == AI
    assert got["context: dict[str, Any],"] == AI
    assert got["def link_to("] == AI
    assert got["return sorted(items)"] == HUMAN
    assert got["return 0"] == HUMAN


def test_a_persons_signature_with_the_same_parameters_stays_human() -> None:
    """The twins: a function never suggested whose parameter list is the suggestion's (the
    same parameters, some left out) with its own body; and the kept fragment inside a
    person's own function (its code right above): a parameter list proves nothing."""
    own = '''        def link_to(
            context: dict[str, Any],
            /,
        ) -> URL:
            return context["request"].url_for("home")'''
    text = "\n".join([PY_BEFORE, "", own, "", PY_AFTER])
    assert set(_py_labels(text, _helpers_index()).values()) == {HUMAN}
    inside = "\n".join(["    def setup(self, pool):", "        pool.reset()", HELPER_KEPT])
    text = "\n".join([PY_BEFORE, "", inside, "", PY_AFTER])
    assert set(_py_labels(text, _helpers_index()).values()) == {HUMAN}
