"""A person's own lines inside or beside kept AI code (issue 17, precision): a line that
repeats a common statement of the suggestion (``return None``, ``}``) takes the snippet's line
only where the alignment would put it, not from far away; a variable counts as extracted from
an edited line only right above the line that uses it; and a brace-only line between two kept
lines follows them only as far as the snippet has lines there (``})`` closing a callback a
person wrapped around the code is theirs). Each rule beside its AI twin."""

from __future__ import annotations

from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, FileDiff, LineOrigin, Snippet


def _run(text: str, snippet: str, *, path: str, language: str) -> list[LineOrigin]:
    idx = InMemoryIndex()
    idx.add("s", Snippet(snippet, "fence", language, exchange_id="ex-s"))
    lines = text.split("\n")
    diff = FileDiff(path, added=tuple(AddedLine(n + 1, t) for n, t in enumerate(lines)))
    return attribute([diff], idx)


def _origins(text: str, got: list[LineOrigin]) -> list[tuple[str, str]]:
    return [(line.strip(), o.origin) for line, o in zip(text.split("\n"), got, strict=True)
            if line.strip()]


# --- a common statement matched only where the alignment puts it ------------------------------

FIND = """def find_user(users, name, *, strict=False):
    for user in users:
        if user.name == name or (not strict and user.alias == name):
            return user
    log.debug("no user named %s among %d", name, len(users))
    return None"""


def test_a_persons_return_none_does_not_take_the_snippets_last_line_from_far_away() -> None:
    # a guard of the person's own at the top; they end the function with a raise instead of
    # the suggestion's ``return None``: their ``return None`` is not the model's line
    text = """def find_user(users, name, *, strict=False):
    if not name:
        return None
    for user in users:
        if user.name == name or (not strict and user.alias == name):
            return user
    log.debug("no user named %s among %d", name, len(users))
    raise LookupError(name)"""
    got = _origins(text, _run(text, FIND, path="app/users.py", language="python"))
    assert got[0] == ("def find_user(users, name, *, strict=False):", AI)
    assert got[1] == ("if not name:", HUMAN)
    assert got[2] == ("return None", HUMAN)
    assert [o for _t, o in got[3:7]] == [AI] * 4
    assert got[7] == ("raise LookupError(name)", HUMAN)


SUM = """func sumWeights(values []int, weights map[int]int) int {
	total := 0
	i := 0
	for i < len(values) {
		total += values[i] * weights[values[i]]
		i++
	}
	return total
}"""


def test_a_common_statement_swapped_with_its_neighbour_stays_ai() -> None:
    # the AI twin: ``i++`` (too common to pair on its own) moved one line, next to where the
    # snippet has it
    text = SUM.replace("\t\ttotal += values[i] * weights[values[i]]\n\t\ti++",
                       "\t\ti++\n\t\ttotal += values[i] * weights[values[i]]")
    assert text != SUM
    got = _origins(text, _run(text, SUM, path="app/sum.go", language="go"))
    assert ("i++", AI) in got
    assert all(o == AI for _t, o in got), got


# --- an extracted variable: right above the line that uses it --------------------------------

COUNT = """function countValid(entries, ordering) {
    var key,
        valid = 0,
        i;
    for (key in entries) {
        if (!hasOwnProp(entries, key)) {
            continue;
        }
        valid += weightOf(entries[key]);
    }
    for (i = 0; i < ordering.length; ++i) {
        markSeen(ordering[i], valid);
    }
    return valid;
}"""


def test_a_length_hoisted_into_the_declarations_far_above_its_loop_is_the_persons() -> None:
    text = COUNT.replace("        i;", "        i,\n        orderLen = ordering.length;").replace(
        "i < ordering.length", "i < orderLen")
    got = dict(_origins(text, _run(text, COUNT, path="lib/count.js", language="javascript")))
    assert got["orderLen = ordering.length;"] == HUMAN
    assert got["for (i = 0; i < orderLen; ++i) {"] == AI_EDITED
    assert got["valid += weightOf(entries[key]);"] == AI


def test_a_variable_extracted_right_above_its_use_stays_ai() -> None:
    text = COUNT.replace("    for (i = 0; i < ordering.length; ++i) {",
                         "    var orderLen = ordering.length;\n"
                         "    for (i = 0; i < orderLen; ++i) {")
    got = dict(_origins(text, _run(text, COUNT, path="lib/count.js", language="javascript")))
    assert got["var orderLen = ordering.length;"] == AI_EDITED
    assert got["for (i = 0; i < orderLen; ++i) {"] == AI_EDITED


# --- brace-only lines between two kept lines --------------------------------------------------

UPDATE = """function updateCounter(store, key, delta) {
	const current = store.get(key) || 0;
	const next = Math.max(0, current + delta);
	store.set(key, next);
	emitChange(store, key, next);
}"""


def test_a_closing_brace_a_person_adds_between_adjacent_snippet_lines_is_theirs() -> None:
    # the body wrapped in a transaction callback by hand: ``});`` sits between the snippet's
    # last statement and its closing brace, where the snippet has no line
    text = UPDATE.replace("\tconst current", "\treturn store.transaction(() => {\n\tconst current"
                          ).replace("\temitChange(store, key, next);\n}",
                                    "\temitChange(store, key, next);\n\t});\n}")
    got = _origins(text, _run(text, UPDATE, path="lib/counter.js", language="javascript"))
    assert ("return store.transaction(() => {", HUMAN) in got
    assert ("});", HUMAN) in got
    assert ("emitChange(store, key, next);", AI) in got
    assert got[-1] == ("}", AI)


def test_the_same_closing_brace_written_by_the_model_stays_ai() -> None:
    # the AI twin: the model's own version has the callback
    model = UPDATE.replace("\tconst current", "\treturn store.transaction(() => {\n\tconst current"
                           ).replace("\temitChange(store, key, next);\n}",
                                     "\temitChange(store, key, next);\n\t});\n}")
    text = model.replace("Math.max(0, current + delta)", "Math.max(1, current + delta)")
    got = _origins(text, _run(text, model, path="lib/counter.js", language="javascript"))
    assert ("});", AI) in got
    assert all(o != HUMAN for _t, o in got), got
