from __future__ import annotations

import re

import pytest

from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, FileDiff, Snippet
from tests.benchmarks import provenance_benchmark

SNIPPET = '''def parse_header(line, strict=False):
    """Parse a header line into key and value."""
    if ":" not in line:
        if strict:
            raise ValueError("bad header: %r" % line)
        return None, None
    key, _, value = line.partition(":")
    key = key.strip().lower()
    value = value.strip()
    return key, value
'''
HUMAN_CODE = '''def load_config(path):
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    for name, entry in data.items():
        if entry.get("disabled"):
            continue
        yield name, Entry(**entry)
'''


def diff_of(text: str, path: str = "pkg/mod.py", deleted: tuple[str, ...] = ()) -> FileDiff:
    lines = text.rstrip("\n").split("\n")
    return FileDiff(path, added=tuple(AddedLine(i + 1, t) for i, t in enumerate(lines)),
                    deleted=deleted)


@pytest.fixture
def index() -> InMemoryIndex:
    idx = InMemoryIndex()
    idx.add("s1", Snippet(SNIPPET, "fence", "python", exchange_id="ex1"))
    return idx


def origins(text: str, index: InMemoryIndex, **kw: object) -> list[str]:
    return [o.origin for o in attribute([diff_of(text, **kw)], index)]  # type: ignore[arg-type]


def test_verbatim_suggestion_is_ai_with_evidence(index: InMemoryIndex) -> None:
    result = attribute([diff_of(HUMAN_CODE + "\n" + SNIPPET)], index)
    n_human = HUMAN_CODE.count("\n") + 1
    assert {o.origin for o in result[:n_human]} == {HUMAN}
    ai = result[n_human:]
    assert [o.origin for o in ai] == [AI] * len(ai)
    first = ai[0]
    assert first.lineno == n_human + 1 and first.path == "pkg/mod.py"
    assert first.evidence[0].snippet_id == "s1" and first.evidence[0].exchange_id == "ex1"
    assert first.evidence[0].snippet_line == 1 and first.evidence[0].similarity == 1.0
    assert 0.5 < first.confidence <= 1.0


def test_renamed_and_commented_lines_are_ai_edited(index: InMemoryIndex) -> None:
    edited = SNIPPET.replace("line", "raw").replace(
        "    key = key", "    # keys are case-insensitive\n    key = key")
    got = dict(zip(edited.rstrip("\n").split("\n"), origins(edited, index), strict=True))
    assert got["def parse_header(raw, strict=False):"] == AI_EDITED
    assert got["        if strict:"] == AI
    assert got["    # keys are case-insensitive"] == HUMAN
    assert got["    value = value.strip()"] == AI


def test_unrelated_code_is_human(index: InMemoryIndex) -> None:
    assert set(origins(HUMAN_CODE, index)) == {HUMAN}


def test_trivial_lines_alone_are_not_ai() -> None:
    idx = InMemoryIndex()
    boiler = "import os\nimport sys\n\n\nif __name__ == '__main__':\n    main()\n"
    idx.add("b", Snippet(boiler, "fence", "python"))
    assert set(origins(boiler, idx)) == {HUMAN}


def test_preexisting_and_moved_lines_are_never_ai(index: InMemoryIndex) -> None:
    pre = {"pkg/mod.py": ["    key = key.strip().lower()"]}
    result = attribute([diff_of(SNIPPET)], index, preexisting=pre)
    by_text = {SNIPPET.split("\n")[o.lineno - 1]: o.origin for o in result}
    assert by_text["    key = key.strip().lower()"] == HUMAN
    assert by_text["    value = value.strip()"] == AI
    moved = attribute([diff_of(SNIPPET, deleted=("    value = value.strip()",))], index)
    by_text = {SNIPPET.split("\n")[o.lineno - 1]: o.origin for o in moved}
    assert by_text["    value = value.strip()"] == HUMAN
    assert by_text["    key = key.strip().lower()"] == AI


def test_binary_and_empty_diffs_yield_nothing(index: InMemoryIndex) -> None:
    assert attribute([FileDiff("a.png", binary=True), FileDiff("b.py")], index) == []


CHARSET = """function parseAcceptCharset(accept) {
  var accepts = accept.split(',');
  for (var i = 0, j = 0; i < accepts.length; i++) {
    var charset = parseCharset(accepts[i].trim(), i);
    if (charset) {
      accepts[j++] = charset;
    }
  }
  accepts.length = j;
  return accepts;
}
"""


def test_a_sibling_written_for_another_case_is_human() -> None:
    """One word substituted through several names (charset -> encoding in ``charset``,
    ``parseCharset``, ``parseAcceptCharset``) is the next member of a family of look-alike
    functions, not a suggestion whose names a person changed."""
    idx = InMemoryIndex()
    idx.add("c", Snippet(CHARSET, "fence", "javascript"))
    sibling = CHARSET.replace("Charset", "Encoding").replace("charset", "encoding")
    assert set(origins(sibling, idx, path="lib/encoding.js")) == {HUMAN}
    # one name renamed throughout is still the suggestion
    renamed = CHARSET.replace("accepts", "parts")
    got = origins(renamed, idx, path="lib/encoding.js")
    assert got.count(AI_EDITED) >= 5 and HUMAN not in got[:10]


@pytest.mark.parametrize(("renames", "derived"), [
    ({"charset": "encoding", "parseCharset": "parseEncoding"}, True),
    ({"putter": "getter", "_putters": "_getters"}, True),
    ({"cont": "value_60", "unset_all": "data_15"}, False),
    ({"Address6": "Address4", "constants6": "constants4"}, True),
    ({"i": "j", "xi": "xj"}, False),  # one-letter changes in short names say nothing
    ({"accept": "header"}, False),
    # Read -> Write through the type's name too, whose shared ending cuts a core short
    # (``read``/``writ`` beside ``read``/``write``): the mirror of a method, not renames
    ({"pooledFlateReader": "pooledFlateWriter", "Read": "Write", "fr": "fw"}, True),
    ({"getName": "fetchName", "getValue": "readValue"}, False),  # two words for ``get``
    ({"reader": "value_2", "readBuffer": "data_15"}, False),
])
def test_derived_renames(renames: dict[str, str], derived: bool) -> None:
    from provenance.attribute import _derived

    assert _derived(renames) is derived


class _CandidatesOnly:
    """An index with only the two methods of ``SnippetIndex`` (no ``postings``)."""

    def __init__(self, inner: InMemoryIndex) -> None:
        self.inner = inner

    def candidates(self, hashes, *, limit=50):  # type: ignore[no-untyped-def]
        return self.inner.candidates(hashes, limit=limit)

    def get(self, snippet_id):  # type: ignore[no-untyped-def]
        return self.inner.get(snippet_id)


def test_a_snippet_committed_twice_far_apart_is_found_both_times(index: InMemoryIndex) -> None:
    filler = "".join(f"value_{n} = compute_{n}(source, {n})\n" for n in range(300))
    text = SNIPPET + "\n" + filler + "\n" + SNIPPET
    n_snip = SNIPPET.rstrip("\n").count("\n") + 1
    for idx in (index, _CandidatesOnly(index)):
        got = [o.origin for o in attribute([diff_of(text)], idx)]  # type: ignore[arg-type]
        assert got[:n_snip] == [AI] * n_snip and got[-n_snip:] == [AI] * n_snip
        assert set(got[n_snip + 1:-n_snip - 1]) == {HUMAN}


@pytest.fixture(scope="module")
def quick_python():  # type: ignore[no-untyped-def]
    """The quick benchmark on the pinned Python corpus (the venv's own site-packages, so it
    needs no network): split -> Result."""
    bench = provenance_benchmark()
    return bench.evaluate(bench.build_corpus(1, quick=True, languages=("python",)))


def test_quick_benchmark_regression_floor(quick_python) -> None:  # type: ignore[no-untyped-def]
    """Floors under what the algorithm measures on the pinned quick corpus, dev split (the
    full figures and the issue's targets, met and missed, are in the report)."""
    bench = provenance_benchmark()
    res = quick_python["dev"]
    total = bench.totals(res.kinds)
    edited = total["edited kinds"]
    assert edited.tp + edited.fn > 300
    assert res.kinds["verbatim"].recall >= 0.99 and res.kinds["verbatim"].precision >= 0.99
    assert res.kinds["literal"].recall >= 0.95  # two changed literals no longer erase it
    assert edited.precision >= 0.95
    assert edited.recall >= 0.90
    assert res.untouched.value >= 0.95
    assert res.newest.value >= 0.99
    assert total["all human lines"].false_ai_rate <= 0.03


def test_benchmark_refuses_a_corpus_that_differs_from_the_pin(tmp_path, monkeypatch,
                                                              capsys) -> None:  # type: ignore[no-untyped-def]
    """One changed pinned file (an upgrade, a global install) stops the benchmark with a
    message naming it, instead of printing figures of another corpus."""
    import json

    bench = provenance_benchmark()
    manifest = json.loads(bench.MANIFEST.read_text())
    first = sorted(manifest["python"]["files"])[0]
    manifest["python"]["files"][first] = "0" * 64
    bad = tmp_path / "manifest.json"
    bad.write_text(json.dumps(manifest))
    monkeypatch.setattr(bench, "MANIFEST", bad)
    assert bench.main(["--quick", "--languages", "python"]) == 2
    err = capsys.readouterr().err
    assert "refusing to run" in err and first in err


_SPECIFY = """function specify(charset, spec, index) {
  var s = 0;
  if(spec.charset.toLowerCase() === charset.toLowerCase()){
    s |= 1;
  } else if (spec.charset !== '*' ) {
    return null
  }
  return { i: index, o: spec.i, q: spec.q, s: s }
}"""


def _copies(human: str, *others: str) -> set[int]:
    """Human lines (0-based) the benchmark scores apart as copies of an indexed snippet."""
    bench = provenance_benchmark()
    index = InMemoryIndex()
    for n, text in enumerate((_SPECIFY, *others)):
        index.add(f"s{n}", Snippet(text, "fence", "javascript"))
    commit = bench.Commit("human", "h.js", [(t, False) for t in human.split("\n")])
    bench._mark_copies([commit], index)
    return commit.copies


def test_benchmark_copies_include_the_renamed_edit_of_a_snippet() -> None:
    # the text the ``renamed`` kind would commit (and label AI) is no human line either
    renamed = _SPECIFY.replace("charset", "encoding")
    assert _copies(renamed) == set(range(len(renamed.split("\n"))))


def test_benchmark_copies_begin_on_lines_too_common_to_start_a_run(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the first line is in two snippets, over the (lowered) cap for starting a run there:
    # the run found from the second line still reaches back to it
    monkeypatch.setattr(provenance_benchmark(), "COPY_MAX_STARTS", 1)
    other = _SPECIFY.split("\n")[0] + "\n  return charset\n}"
    assert _copies(_SPECIFY, other) == set(range(9))


def test_benchmark_copies_exclude_look_alikes() -> None:
    # a name renamed in one place but kept in another (same line) is no find-and-replace
    half = _SPECIFY.replace("spec.charset.", "spec.encoding.")
    assert not _copies(half) & {0, 1, 2}
    # three names changed is a renamed edit, four is more than it makes
    three = _SPECIFY.replace("charset", "encoding").replace("index", "position").replace(
        "specify", "pick")
    four = re.sub(r"\bspec\b", "spc", three)
    assert 0 in _copies(three) and 0 not in _copies(four)
    # keywords are not renamed: ``return null`` -> ``throw null`` is a rewritten line
    rewritten = _SPECIFY.replace("return null", "throw null")
    assert 5 not in _copies(rewritten)


def test_benchmark_copies_include_a_whole_snippet_touched_as_the_edit_kinds_touch_it() -> None:
    # the text the ``literal``/``line``/``lines2`` kinds would commit (and label AI): the
    # whole snippet with one or two lines touched as ``_change_line`` touches them ...
    literal = _SPECIFY.replace("'*'", "'*_v2'")
    assert _copies(literal) == set(range(9))
    two = literal.replace("{ i: index,", "{ i: indexAlt,")
    assert _copies(two) == set(range(9))
    # ... or with trailing comments added to code lines, as the ``comments`` kind does
    commented = _SPECIFY.replace("return null", "return null  // pragma: no cover")
    assert _copies(commented) == set(range(9))


def test_benchmark_touched_copies_are_only_what_the_edit_kinds_make() -> None:
    # a rewritten line (not a literal, operator, argument or name suffix) stays human ...
    rewritten = _SPECIFY.replace("'*'", "'?'").replace("return null", "throw null")
    assert 5 not in _copies(rewritten)
    # ... as does a touched signature (the line kinds never edit the first line), three
    # touched lines, a touch and a comment together, and a part of the snippet touched
    signature = _SPECIFY.replace("index) {", "index, 1) {").replace("'*'", "'*_v2'")
    assert 0 not in _copies(signature)
    three = _SPECIFY.replace("'*'", "'*_v2'").replace("{ i: index", "{ i: index2").replace(
        "=== charset.", "=== charsetAlt.")
    assert not _copies(three) & {2, 4, 7}
    mixed = _SPECIFY.replace("'*'", "'*_v2'").replace("return null", "return null  // x")
    assert not _copies(mixed) & {4, 5}
    part = "\n".join(_SPECIFY.replace("'*'", "'*_v2'").split("\n")[:6])
    assert not _copies(part) & {4}


def test_benchmark_copies_include_a_whole_small_snippet_verbatim() -> None:
    # a three-line getter equal to a suggested one is what the ``verbatim`` kind commits
    # (and labels AI), however short; three common lines *of* a function stay human
    getter = "getKey() {\n  return this.key;\n}"
    assert _copies(getter, getter) == {0, 1, 2}
    assert not _copies("if (x) {\n  return this.key;\n}", getter)
