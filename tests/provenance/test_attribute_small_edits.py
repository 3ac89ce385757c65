"""Small suggestions (12 lines or fewer) a person edited before committing (issue 17, real
edits): a parameter added to or removed from the signature, an argument added to a call
that is then re-wrapped over several lines. The lines the model wrote
stay AI origin; an overload (same name, a parameter's type changed) and a sibling that
swaps the names of a line stay human."""

from __future__ import annotations

from provenance.attribute import (
    _added_only,
    _fine_touch,
    _insertions,
    _parameter_added,
    attribute,
)
from provenance.index import InMemoryIndex
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, FileDiff, Snippet

READ_FRAME = """  readFrameLength() {
    if (this.pending < 2) {
      this.waiting = true;
      return;
    }
    this.frameLength = this.consume(2).readUInt16BE(0);
    return this.checkLength();
  }"""

ENCODE_ROWS = '''def encode_rows(rows: t.Iterable[str | bytes], charset: str) -> t.Iterator[bytes]:
    for row in rows:
        if isinstance(row, str):
            yield row.encode(charset)
        else:
            yield row'''

PARSE_GROUP = '''def parse_group(reader: Reader) -> str:
    """
    group = LEFT_BRACE WS? member_list WS? RIGHT_BRACE
    """
    with reader.enclosing("LEFT_BRACE", "RIGHT_BRACE"):
        reader.skip("WS")
        members = parse_member_list(reader)
        reader.skip("WS")

    return members'''

RECORD = """    public void record(int sample) {
        ++samples;
        total += sample;
        low = Math.min(low, sample);
        high = Math.max(high, sample);
    }"""

def _origins(text: str, snippet: str, path: str, language: str) -> list[tuple[str, str]]:
    idx = InMemoryIndex()
    idx.add("s", Snippet(snippet, "fence", language, exchange_id="ex-s"))
    lines = text.split("\n")
    diff = FileDiff(path, added=tuple(AddedLine(n + 1, t) for n, t in enumerate(lines)))
    return [(line.strip(), o.origin) for line, o in zip(lines, attribute([diff], idx),
                                                        strict=True) if line.strip()]


def test_a_parameter_added_and_passed_on_keeps_a_small_method_ai() -> None:
    """``readFrameLength()`` -> ``readFrameLength(cb)`` and ``return this.checkLength()`` ->
    ``this.checkLength(cb)``: the signature and one line edited in an eight-line method (too
    small for the segment rules); the lines kept are AI, the two edited ``ai-edited``."""
    text = READ_FRAME.replace("readFrameLength() {", "readFrameLength(cb) {").replace(
        "return this.checkLength();", "this.checkLength(cb);")
    got = dict(_origins(text, READ_FRAME, "lib/receiver.js", "javascript"))
    assert got["readFrameLength(cb) {"] == AI_EDITED
    assert got["this.checkLength(cb);"] == AI_EDITED
    assert got["this.frameLength = this.consume(2).readUInt16BE(0);"] == AI
    assert got["this.waiting = true;"] == AI
    assert HUMAN not in got.values()


def test_a_parameter_removed_with_its_use_keeps_a_small_function_ai() -> None:
    """``charset`` removed from the signature and from the one call that used it."""
    text = ENCODE_ROWS.replace(", charset: str)", ")").replace(
        "row.encode(charset)", "row.encode()")
    got = _origins(text, ENCODE_ROWS, "app/encode.py", "python")
    assert got[0][1] == AI_EDITED and got[3] == ("yield row.encode()", AI_EDITED)
    assert {o for _, o in got} == {AI, AI_EDITED}


def test_a_call_split_over_lines_with_an_argument_added_keeps_the_snippet_ai() -> None:
    """A person re-wraps the ``with`` call over several lines and adds an argument: the call's
    first line is the model's, edited; the argument lines stay human; the rest is AI."""
    text = PARSE_GROUP.replace(
        '    with reader.enclosing("LEFT_BRACE", "RIGHT_BRACE"):',
        '    with reader.enclosing(\n        "LEFT_BRACE",\n        "RIGHT_BRACE",\n'
        '        around="member group",\n    ):')
    got = _origins(text, PARSE_GROUP, "app/grammar.py", "python")
    by_line = dict(got)
    assert by_line["with reader.enclosing("] == AI_EDITED
    assert by_line['around="member group",'] == HUMAN
    assert by_line["members = parse_member_list(reader)"] == AI
    assert by_line["return members"] == AI
    assert by_line["def parse_group(reader: Reader) -> str:"] == AI


def test_an_overload_with_another_parameter_type_stays_human() -> None:
    """``record(long sample)`` beside a suggested ``record(int sample)`` with the same body:
    an overload, not the suggestion edited (a parameter's type changed is not taken)."""
    text = RECORD.replace("record(int sample)", "record(long sample)")
    got = _origins(text, RECORD, "src/Stats.java", "java")
    assert {o for _, o in got} == {HUMAN}


def test_a_sibling_swapping_a_name_under_a_new_parameter_stays_human() -> None:
    """A parameter added *and* a line whose name is swapped for another (``checkLength`` ->
    ``checkHeader``): not the suggestion's line touched."""
    text = READ_FRAME.replace("readFrameLength() {", "readFrameLength(cb) {").replace(
        "return this.checkLength();", "return this.checkHeader(cb);")
    got = _origins(text, READ_FRAME, "lib/receiver.js", "javascript")
    assert {o for _, o in got} == {HUMAN}


def test_fine_touch_reads_tokens_not_words() -> None:
    assert _fine_touch("this.cache = new Fifo(100)", "this.cache = lru(100)")
    assert _fine_touch("process.stdout.write(line)", "write(line)")  # a receiver added
    assert _fine_touch("return _urlencode(items)", "return _urlencode(items, encoding=cs)")
    assert not _fine_touch("return count + offset * 2", "return size")


def test_insertions_name_the_tokens_a_line_only_gains() -> None:
    """One helper reads a line touched by tokens added: the runs added (what
    ``_repeated_insertions`` compares across lines) and, from them, ``_added_only``."""
    assert _insertions("process.stdout.write(line)", "write(line)") == (
        ("process", ".", "stdout", "."),)
    assert _insertions("f(a, b, strict=True)", "f(a, b)") == ((",", "strict", "=", "True"),)
    assert _insertions("f(a, c)", "f(a, b)") is None  # a token replaced
    assert _insertions("f(a)", "f(a)") is None  # nothing added
    assert _added_only("write(line, end='')", "write(line)")
    assert _added_only("x: t.BinaryIO = f(t.Any, y)", "x: BinaryIO = f(Any)")
    assert not _added_only("x: t.BinaryIO", "x: BinaryIO")  # names qualified only
    assert not _added_only("process.stdout.write(line)", "write(line)")
    assert not _added_only("f(a, c)", "f(a, b)")


def test_parameter_added_takes_an_api_change_only() -> None:
    assert _parameter_added("def f(a: int, b: str) -> None:", "def f(a: int) -> None:", "f")
    assert _parameter_added("function g (x) {", "function g (x, y = null) {", "g")
    assert not _parameter_added("def f(a: str) -> None:", "def f(a: int) -> None:", "f")
    assert not _parameter_added("def f(a: int, b) -> str:", "def f(a: int) -> None:", "f")
