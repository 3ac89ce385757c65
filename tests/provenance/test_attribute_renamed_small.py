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
