"""A small function a person kept whole and worked on (issue 17, real edits): every code line
of the suggestion still there, in order, under its own signature unchanged, one line edited and
a line or two of the person's own inserted (a condition added, a block wrapped around kept
statements). The model's lines stay AI origin, the person's stay human; a look-alike (a
sibling of another name, or the same lines with one of the model's dropped as well) stays
human. The lines the person worked on (the one edited and their own beside it) stay human
too: which of them is the model's line, edited, nothing tells."""

from __future__ import annotations

from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, HUMAN, AddedLine, FileDiff, LineOrigin, Snippet

CHECK = '''def check_upload(self, upload):
    if (
            isinstance(upload.size, int) and
            isinstance(upload.kind, UploadKind)
    ):
        self._reject_oversized(upload)
    self.store.save(upload)'''

# a condition inserted, the next one edited (``UploadKind`` -> ``upload.kind.value, str``)
CHECK_EDITED = CHECK.replace(
    "            isinstance(upload.kind, UploadKind)",
    "            isinstance(upload.kind, UploadKind) and\n"
    "            isinstance(upload.kind.value, str)")

ON_END = """function onSocketEnd () {
  const { [kParser]: parser } = this

  if (parser.statusCode && !parser.shouldKeepAlive) {
    parser.onMessageComplete()
    return
  }

  util.destroy(this, new SocketError('other side closed', util.getSocketInfo(this)))
}"""

# a destructured name added, and the kept block wrapped in a condition of the person's
ON_END_EDITED = """function onSocketEnd () {
  const { [kParser]: parser, [kClient]: client } = this

  if (client[kHTTPConnVersion] !== 'h2') {
    if (parser.statusCode && !parser.shouldKeepAlive) {
      parser.onMessageComplete()
      return
    }
  }

  util.destroy(this, new SocketError('other side closed', util.getSocketInfo(this)))
}"""


def _run(text: str, snippet: str, *, path: str = "app/uploads.py",
         language: str = "python") -> dict[str, str]:
    """Each non-blank committed line (stripped) -> its origin."""
    idx = InMemoryIndex()
    idx.add("s", Snippet(snippet, "fence", language, exchange_id="ex-s"))
    diff = FileDiff(path, added=tuple(AddedLine(n + 1, t)
                                      for n, t in enumerate(text.split("\n"))))
    got: list[LineOrigin] = attribute([diff], idx)
    return {t.strip(): o.origin for o, t in zip(got, text.split("\n"), strict=True)
            if t.strip()}


def test_a_condition_inserted_and_the_next_edited_leave_the_kept_lines_ai() -> None:
    got = _run(CHECK_EDITED, CHECK)
    kept = [t.strip() for t in CHECK.split("\n") if t in CHECK_EDITED.split("\n")]
    assert {got[t] for t in kept} == {AI}
    # which of the two is the model's line edited, nothing tells: the block stays the person's
    assert got["isinstance(upload.kind, UploadKind) and"] == HUMAN
    assert got["isinstance(upload.kind.value, str)"] == HUMAN


def test_a_block_wrapped_around_kept_statements_leaves_them_ai() -> None:
    got = _run(ON_END_EDITED, ON_END, path="lib/client.js", language="javascript")
    kept = [t.strip() for t in ON_END.split("\n") if t.strip() and t.strip() != "}"]
    assert {got[t] for t in kept if t.startswith(("function", "if", "parser", "util"))} == {AI}
    assert got["const { [kParser]: parser, [kClient]: client } = this"] == HUMAN
    assert got["if (client[kHTTPConnVersion] !== 'h2') {"] == HUMAN


def test_the_same_work_under_another_name_stays_human() -> None:
    """A sibling of another name (``check_archive``) with the same lines inserted and edited:
    the signature is not the suggestion's, nothing says the body is."""
    text = CHECK_EDITED.replace("def check_upload(", "def check_archive(")
    assert set(_run(text, CHECK).values()) == {HUMAN}


def test_the_same_work_with_a_line_of_the_model_dropped_stays_human() -> None:
    """Under the same signature, but one of the model's statements gone as well (inserted,
    edited and dropped lines beside four kept): not the suggestion kept whole."""
    text = CHECK_EDITED.replace("        self._reject_oversized(upload)\n", "")
    assert set(_run(text, CHECK).values()) == {HUMAN}


def test_the_same_function_with_two_lines_edited_stays_human() -> None:
    """Under the same signature, every line of the model's there, but two lines edited beside
    the inserted one: what the same function of another dialect or its async twin looks
    like, not one touch."""
    twice = CHECK_EDITED.replace("self._reject_oversized(upload)",
                                 "self._reject_oversized(upload, limit)")
    assert set(_run(twice, CHECK).values()) == {HUMAN}


ADJUST = '''def adjust_options(self, reflected: Reflected, kind: str) -> dict[str, Any]:
    options = reflected.get("dialect_options", {}).copy()
    if not options.get("postgresql_include"):
        options.pop("postgresql_include", None)
    if kind == "index":
        options.setdefault("unique", reflected.unique)
    self.log.debug("adjusted %s options for %s", kind, reflected.name)
    return options'''


def test_the_same_function_for_another_dialect_stays_human() -> None:
    """The never-suggested twin of another dialect: every line of the suggestion there under
    the same signature, but two lines edited (``postgresql_include`` -> ``mssql_include``)
    and a block of its own beside them: written for its own case, not one touch."""
    twin = ADJUST.replace("postgresql_include", "mssql_include").replace(
        '        options.pop("mssql_include", None)\n',
        '        options.pop("mssql_include", None)\n'
        '    if not options.get("mssql_clustered"):\n'
        '        options.pop("mssql_clustered", None)\n')
    assert set(_run(twin, ADJUST).values()) == {HUMAN}


def test_the_closing_brace_of_a_wrapped_block_stays_the_persons() -> None:
    """Of the two ``}`` below the kept block, the first closes the person's wrapper; the
    model's last ``}`` is the function's, right past its last statement."""
    idx = InMemoryIndex()
    idx.add("s", Snippet(ON_END, "fence", "javascript", exchange_id="ex-s"))
    lines = ON_END_EDITED.split("\n")
    diff = FileDiff("lib/client.js", added=tuple(AddedLine(n + 1, t)
                                                 for n, t in enumerate(lines)))
    got = attribute([diff], idx)
    braces = [o.origin for o, t in zip(got, lines, strict=True) if t.strip() == "}"]
    assert braces == [AI, HUMAN, AI]
