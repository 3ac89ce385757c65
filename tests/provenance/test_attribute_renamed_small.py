"""Recall on small renamed suggestions (issue 17): a small snippet whose names a person
renamed consistently is taken whole (``_whole_renamed``: a line-level alignment over
normalised tokens, no k-gram needed). Each case has its look-alike twin that must stay
human: a sibling that is another function (its name changed), an overload (a parameter type
swapped on one line only)."""

from __future__ import annotations

from provenance.model import AI, AI_EDITED, HUMAN

# one small snippet in the index, a whole file committed: (stripped line, origin) per line
from tests.provenance.test_attribute_small_edits import _origins

SPLITERATOR = """        PBQSpliterator(Object[] array, int index, int fence) {
            this.array = array;
            this.index = index;
            this.fence = fence;
        }"""

CONCAT = """  _concatValue(value, previous) {
    if (previous === this.defaultValue || !Array.isArray(previous)) {
      return [value];
    }

    return previous.concat(value);
  }"""


def test_parameters_renamed_consistently_keep_a_small_constructor_ai() -> None:
    """``array`` -> ``items`` and ``index`` -> ``pos`` on every line that uses them (fields
    too): one consistent renaming over the whole five-line constructor, its name kept."""
    text = SPLITERATOR.replace("array", "items").replace("index", "pos")
    got = dict(_origins(text, SPLITERATOR, "src/Queue.java", "java"))
    assert got["PBQSpliterator(Object[] items, int pos, int fence) {"] == AI_EDITED
    assert got["this.items = items;"] == AI_EDITED
    assert got["this.fence = fence;"] == AI
    assert HUMAN not in got.values()


def test_an_overload_with_a_parameter_type_swapped_stays_human() -> None:
    """The twin: the same constructor for another parameter type (``Object[]`` ->
    ``Comparable[]``, seen on one line only: not a checked rename) with one field renamed,
    an overload's shape, not a person's rename."""
    text = SPLITERATOR.replace("Object[]", "Comparable[]").replace("fence", "end")
    assert {o for _, o in _origins(text, SPLITERATOR, "src/Queue.java", "java")} == {HUMAN}


def test_a_method_renamed_inside_keeps_its_name_and_stays_ai() -> None:
    """``value`` -> ``item`` and ``previous`` -> ``prior`` throughout a seven-line method."""
    text = CONCAT.replace("value,", "item,").replace("[value]", "[item]").replace(
        "concat(value)", "concat(item)").replace("previous", "prior")
    got = _origins(text, CONCAT, "lib/option.js", "javascript")
    assert [o for _, o in got] == [AI_EDITED, AI_EDITED, AI_EDITED, AI, AI_EDITED, AI]


def test_a_sibling_with_its_own_name_stays_human() -> None:
    """The twin: the same body under another function name (``_concatValue`` ->
    ``_appendValue``) with the parameters renamed: another function, a sibling."""
    text = CONCAT.replace("_concatValue", "_appendValue").replace("previous", "prior")
    assert {o for _, o in _origins(text, CONCAT, "lib/option.js", "javascript")} == {HUMAN}


FIND = """func Find(n int, cmp func(int) int) (i int, found bool) {
	// Define cmp(-1) > 0 and cmp(n) <= 0
	// Invariant: cmp(i-1) > 0, cmp(j) <= 0
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1) // avoid overflow when computing h
		if cmp(h) > 0 {
			i = h + 1 // preserves cmp(i-1) > 0
		} else {
			j = h // preserves cmp(j) <= 0
		}
	}
	return i, i < n && cmp(i) == 0
}"""


def _renamed_find() -> str:
    return FIND.replace("Find", "search").replace("cmp", "compare").replace("found", "ok")


def test_a_whole_function_renamed_in_place_is_ai() -> None:
    """``Find`` -> ``search``, ``cmp`` -> ``compare`` (on every line, comments too) and
    ``found`` -> ``ok``: every code line of the suggestion in place, none edited, nothing
    inserted (``_complete_renamed``), though its own name changed and the names seen once
    (the function's, ``found``) weigh against it."""
    text = _renamed_find()
    got = dict(_origins(text, FIND, "sort/find.go", "go"))
    assert got["func search(n int, compare func(int) int) (i int, ok bool) {"] == AI_EDITED
    assert got["i, j := 0, n"] == AI
    assert got["return i, i < n && compare(i) == 0"] == AI_EDITED
    assert HUMAN not in got.values()


def test_the_renamed_function_with_a_statement_of_its_own_stays_human() -> None:
    """The twin: the same renames and a statement inserted in the loop (a person's own
    version): not the whole suggestion in place, so the plain thresholds hold."""
    text = _renamed_find().replace("\t\tif compare(h) > 0 {",
                                   "\t\tsteps++\n\t\tif compare(h) > 0 {")
    assert {o for _, o in _origins(text, FIND, "sort/find.go", "go")} == {HUMAN}


READ = """func (r *pooledFlateReader) Read(p []byte) (n int, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fr == nil {
		return 0, errors.New("Read after Close")
	}
	return r.fr.Read(p)
}"""


def test_a_mirror_written_whole_with_a_word_swapped_through_its_names_stays_human() -> None:
    """The twin of a whole function renamed: ``Read`` -> ``Write`` through the method, its
    type (``pooledFlateReader`` -> ``pooledFlateWriter``), field and message: a sibling
    written for the other direction (``_derived``, ``_same_swap``), not renames."""
    text = READ.replace("Reader", "Writer").replace("Read", "Write").replace(
        "fr", "fw").replace("(r *", "(w *").replace("r.", "w.")
    assert {o for _, o in _origins(text, READ, "net/http/flate.go", "go")} == {HUMAN}
