"""Edits real people make to a function the model wrote (issue 17, real edits): its signature
edited (a parameter added, the return type changed, the parameter list re-wrapped over
several lines), names made public throughout (``_Result`` -> ``Result``). The body the model
wrote stays AI origin; a sibling (a function of another name over a body like it, names
substituted for another case) stays human."""

from __future__ import annotations

from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, FileDiff, LineOrigin, Snippet

BUILD = '''def build_report(records: list[Record], title: str) -> Report:
    """Group the records by kind and total their amounts, newest first."""
    totals: dict[str, int] = {}
    latest: dict[str, datetime] = {}
    for record in records:
        kind = record.kind.strip().lower()
        totals[kind] = totals.get(kind, 0) + record.amount
        if kind not in latest or record.created_at > latest[kind]:
            latest[kind] = record.created_at
    rows = [
        ReportRow(kind=kind, total=total, latest=latest[kind])
        for kind, total in totals.items()
    ]
    rows.sort(key=lambda row: row.latest, reverse=True)
    summary = Summary(count=len(records), total=sum(totals.values()))
    report = Report(title=title, rows=rows, summary=summary)
    report.validate(strict=True)
    log.info("report %s: %d rows", title, len(rows))
    metrics.increment("reports.built", tags={"title": title})
    return report'''

GO_FETCH = """func (c *Client) FetchUser(ctx context.Context, id string) (*User, error) {
\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/users/"+id, nil)
\tif err != nil {
\t\treturn nil, fmt.Errorf("fetch user %s: %w", id, err)
\t}
\treq.Header.Set("Authorization", "Bearer "+c.token)
\tresp, err := c.http.Do(req)
\tif err != nil {
\t\treturn nil, fmt.Errorf("fetch user %s: %w", id, err)
\t}
\tdefer resp.Body.Close()
\tvar user User
\tif err := json.NewDecoder(resp.Body).Decode(&user); err != nil {
\t\treturn nil, fmt.Errorf("decode user %s: %w", id, err)
\t}
\treturn &user, nil
}"""


def _run(text: str, snippet: str, *, path: str = "app/report.py",
         language: str = "python") -> list[LineOrigin]:
    idx = InMemoryIndex()
    idx.add("s", Snippet(snippet, "fence", language, exchange_id="ex-s"))
    diff = FileDiff(path, added=tuple(AddedLine(n + 1, t)
                                      for n, t in enumerate(text.split("\n"))))
    return attribute([diff], idx)


def _body(got: list[LineOrigin], text: str) -> list[str]:
    """The origins of the non-blank lines after the first."""
    return [o.origin for o, line in zip(got, text.split("\n"), strict=True)
            if line.strip()][1:]


def test_a_changed_return_type_leaves_the_body_ai() -> None:
    text = BUILD.replace(") -> Report:", ") -> Report | None:")
    got = _run(text, BUILD)
    assert got[0].origin == AI_EDITED
    assert got[0].evidence and got[0].evidence[0].snippet_line == 1
    assert _body(got, text) == [AI] * 19


def test_a_parameter_added_over_a_rewrapped_signature_leaves_the_body_ai() -> None:
    signature = ("def build_report(records: list[Record], title: str,\n"
                 "                 strict: bool = True) -> Report:")
    text = BUILD.replace("def build_report(records: list[Record], title: str) -> Report:",
                         signature)
    got = _run(text, BUILD)
    assert got[0].origin == AI_EDITED
    assert got[1].origin == HUMAN  # the parameter a person added
    assert [o.origin for o in got[2:]] == [AI] * 19


def test_a_parameter_added_in_go_leaves_the_body_ai() -> None:
    text = GO_FETCH.replace("(ctx context.Context, id string)",
                            "(ctx context.Context, id string, fields ...string)")
    got = _run(text, GO_FETCH, path="client/users.go", language="go")
    assert got[0].origin == AI_EDITED
    assert {o.origin for o in got[1:]} == {AI}


def test_a_sibling_under_another_name_stays_human() -> None:
    """The same body under a signature of another name is another function's (a sibling
    written by copying the suggestion's shape), whatever its parameters."""
    sibling = BUILD.replace("def build_report(records: list[Record], title: str) -> Report:",
                            "def build_audit(records: list[Record], title: str) -> Report:")
    text = BUILD + "\n\n\n" + sibling
    got = _run(text, BUILD)
    n = BUILD.count("\n") + 1
    assert [o.origin for o in got[:n]] == [AI] * n
    assert {o.origin for o in got[n + 3:]} == {HUMAN}


DISPATCH = """def dispatch(hooks: list[_HookImpl], kwargs: dict[str, object]) -> _Outcome:
    results: list[object] = []
    failure: BaseException | None = None
    for impl in reversed(hooks):
        args = [kwargs[name] for name in impl.argnames]
        try:
            value = impl.function(*args)
        except BaseException as exc:
            failure = exc
            break
        if value is not None:
            results.append(value)
            if impl.firstresult:
                break
    outcome = _Outcome(results, failure)
    trace.record("dispatch", len(hooks), outcome)
    return outcome"""


def test_names_made_public_throughout_stay_ai() -> None:
    """``_HookImpl`` -> ``HookImpl`` and ``_Outcome`` -> ``Outcome`` (two names with the
    underscore dropped, on several lines): the same function refactored, not a sibling with
    a word substituted in each name."""
    text = DISPATCH.replace("_HookImpl", "HookImpl").replace("_Outcome", "Outcome")
    got = _by_text(text, _run(text, DISPATCH, path="app/hooks.py"))
    assert got["outcome = Outcome(results, failure)"] == AI_EDITED
    assert set(got.values()) == {AI, AI_EDITED}


def test_a_word_substituted_through_several_names_is_still_a_sibling() -> None:
    """``Outcome`` -> ``Verdict`` in ``_Outcome`` and ``_HookImpl`` -> ``_HookSpec``, with a line
    rewritten: the same shape written for another case stays human."""
    sibling = DISPATCH.replace("_HookImpl", "_HookSpec").replace("_Outcome", "_Verdict")
    sibling = sibling.replace("def dispatch(", "def validate(")
    sibling = sibling.replace("failure = exc", "failure = SpecError(impl, exc)")
    assert set(_by_text(sibling, _run(sibling, DISPATCH, path="app/hooks.py")).values()) == {
        HUMAN}


def _by_text(text: str, got: list[LineOrigin]) -> dict[str, str]:
    return {line.strip(): o.origin for line, o in zip(text.split("\n"), got, strict=True)
            if line.strip()}


PERCENT = """def check_percent_format(self, node):
    try:
        placeholders = parse_percent_format(node.left.s)
    except ValueError:
        self.report(messages.PercentFormatInvalidFormat, node, "incomplete format")
        return
    named = set()
    positional_count = 0
    positional = None
    for _, placeholder in placeholders:
        if placeholder is None:
            continue
        name, _, width, precision, conversion = placeholder
        if conversion == "%":
            continue
        if conversion not in VALID_CONVERSIONS:
            self.report(messages.PercentFormatUnsupportedFormatCharacter, node, conversion)
        if positional is None and conversion:
            positional = name is None
    if isinstance(node.right, ast.Dict) and all(
            isinstance(k, ast.Str) for k in node.right.keys):
        substitution_keys = {k.s for k in node.right.keys}
        extra_keys = substitution_keys - named
        if extra_keys:
            self.report(messages.PercentFormatExtraNamedArguments, node, extra_keys)"""


def test_a_refactor_under_the_kept_signature_stays_ai() -> None:
    """``.s`` -> ``.value`` on two lines and a condition rewritten (``ast.Str`` ->
    ``ast.Constant``) under the snippet's own signature, most of its code kept: the same
    function refactored by a person."""
    text = PERCENT.replace("node.left.s)", "node.left.value)").replace(
        "{k.s for k", "{k.value for k").replace(
        "isinstance(k, ast.Str) for k",
        "isinstance(k, ast.Constant) and isinstance(k.value, str) for k")
    got = _by_text(text, _run(text, PERCENT, path="app/checker.py"))
    assert got["substitution_keys = {k.value for k in node.right.keys}"] == AI_EDITED
    assert set(got.values()) == {AI, AI_EDITED}


def test_the_same_refactor_under_another_signature_is_a_sibling() -> None:
    """The same changes under a signature of another name: a sibling for another case."""
    text = PERCENT.replace("node.left.s)", "node.left.value)").replace(
        "{k.s for k", "{k.value for k").replace(
        "isinstance(k, ast.Str) for k",
        "isinstance(k, ast.Constant) and isinstance(k.value, str) for k").replace(
        "def check_percent_format(self, node):", "def check_bytes_format(self, node, data):")
    got = _by_text(text, _run(text, PERCENT, path="app/checker.py"))
    assert set(got.values()) == {HUMAN}


CALLERS = '''    def get_hookcallers(self, plugin: _Plugin) -> list[_HookCaller] | None:
        """Get all hook callers for the specified plugin."""
        if self.get_name(plugin) is None:
            return None
        hookcallers = []
        for hookcaller in self.hook.__dict__.values():
            for hookimpl in hookcaller.get_hookimpls():
                if hookimpl.plugin is plugin:
                    hookcallers.append(hookcaller)
        return hookcallers'''


def test_an_edited_signature_above_a_rewritten_docstring_with_blank_lines_is_ai() -> None:
    """A person edits the signature and rewrites the docstring over several paragraphs (blank
    lines inside it): the body below stays the model's, the signature is its line edited."""
    text = CALLERS.replace("plugin: _Plugin)", "plugin: _Plugin, *, strict: bool = False)").replace(
        '"""Get all hook callers for the specified plugin."""',
        '"""Get all hook callers for the specified plugin.\n\n'
        '        :returns:\n'
        '            The hook callers, or ``None`` if ``plugin`` is not registered.\n'
        '        """')
    got = _run(text, CALLERS)
    assert got[0].origin == AI_EDITED
    assert got[0].evidence and got[0].evidence[0].snippet_line == 1
    assert [o.origin for o in got[-8:]] == [AI] * 8


def test_a_class_of_its_own_with_the_same_method_name_above_a_docstring_stays_human() -> None:
    """The same walk past a docstring needs the name on the signature: a method of another
    name above the rewritten docstring keeps the body a sibling's."""
    text = CALLERS.replace("def get_hookcallers(", "def get_hookimpls(").replace(
        '"""Get all hook callers for the specified plugin."""',
        '"""Get all hook implementations.\n\n        :returns: the implementations.\n'
        '        """')
    got = _run(text, CALLERS)
    assert got[0].origin == HUMAN


LOCAL = '''def _parse_local_version(local: str) -> LocalType | None:
    """
    Takes a string like abc.1.twelve and turns it into ("abc", 1, "twelve").
    """
    if local is not None:
        return tuple(
            part.lower() if not part.isdigit() else int(part)
            for part in _local_version_separators.split(local)
        )
    return None'''


def test_a_widened_parameter_type_over_a_short_body_leaves_it_ai() -> None:
    """A short body (fewer than ``SIGNATURE_MIN_CODE`` code lines) under its signature with
    a type widened (``str`` -> ``str | None``): tokens added only, the model's function."""
    text = LOCAL.replace("(local: str)", "(local: str | None)")
    got = _run(text, LOCAL)
    assert got[0].origin == AI_EDITED
    assert {o.origin for o in got[4:]} == {AI}


def test_a_replaced_parameter_type_over_a_short_body_stays_human() -> None:
    """The same short body under the same name with a type *replaced* (``str`` ->
    ``bytes``): an overload or a sibling for another type, not a suggestion touched."""
    text = LOCAL.replace("(local: str)", "(local: bytes)")
    got = _run(text, LOCAL)
    assert got[0].origin == HUMAN
    assert {o.origin for o in got[4:]} == {HUMAN}


def test_a_name_qualified_on_a_short_bodys_signature_stays_human() -> None:
    """``LocalType`` -> ``t.LocalType``: another module's import style (the same code
    vendored elsewhere), no edit of the function: not taken as a signature widened."""
    text = LOCAL.replace("-> LocalType | None:", "-> t.LocalType | None:")
    got = _run(text, LOCAL)
    assert {o.origin for o in got[4:]} == {HUMAN}


PARSER = """function ContentTypeParser (bodyLimit, onProtoPoisoning, onConstructorPoisoning) {
  this[kDefaultJsonParse] = getDefaultJsonParser(onProtoPoisoning, onConstructorPoisoning)
  this.customParsers = new Map()
  this.customParsers.set('application/json', new Parser(true, false, bodyLimit))
  this.customParsers.set('text/plain', new Parser(true, false, bodyLimit, plainTextParser))
  this.parserList = [new ParserListItem('application/json'), new ParserListItem('text/plain')]
  this.parserRegExpList = []
  this.cache = lru(100)
}"""


def test_the_last_statement_touched_token_by_token_is_ai_edited() -> None:
    """The function's last statement touched more than a word's worth (a call wrapped
    around its value, every name kept) under a kept body is the model's line edited, and
    the closing brace after it the model's too."""
    text = PARSER.replace("this.cache = lru(100)", "this.cache = Object.freeze(lru(100))")
    got = _run(text, PARSER, path="lib/parser.js", language="javascript")
    assert [o.origin for o in got[:7]] == [AI] * 7
    assert got[7].origin == AI_EDITED
    assert got[8].origin == AI


def test_a_last_statement_that_swaps_a_name_stays_human() -> None:
    """``lru(100)`` -> ``new Fifo(100)``: the name the model called is gone (another cache):
    the person's line, not the model's touched."""
    text = PARSER.replace("this.cache = lru(100)", "this.cache = new Fifo(100)")
    got = _run(text, PARSER, path="lib/parser.js", language="javascript")
    assert [o.origin for o in got[:7]] == [AI] * 7
    assert got[7].origin == HUMAN


def test_a_rewritten_last_statement_stays_human() -> None:
    """A last statement of the person's own (other names, other call) stays human."""
    text = PARSER.replace("this.cache = lru(100)", "registerDefaults(this, opts.limits)")
    got = _run(text, PARSER, path="lib/parser.js", language="javascript")
    assert [o.origin for o in got[:7]] == [AI] * 7
    assert got[7].origin == HUMAN


BULK = """Model.bulkSave = async function(documents, options) {
  options = options || {};
  const writeOperations = this.buildBulkWriteOperations(documents, { skipValidation: true });
  for (const document of documents) {
    document.$__.saveOptions = document.$__.saveOptions || {};
    document.$__.saveOptions.timestamps = options.timestamps;
  }
  await Promise.all(documents.map(buildPreSavePromise));
  const result = await this.bulkWrite(writeOperations, options);
  await Promise.all(documents.map(handleSuccessfulWrite));
  return result;
};"""


def test_a_function_expression_given_its_own_name_leaves_the_body_ai() -> None:
    """``Model.bulkSave = async function(`` -> ``... function bulkSave(``: the function
    assigned to ``bulkSave`` is still ``bulkSave`` (``_defined_name``), its signature edited
    above the model's body, not a sibling's."""
    text = BULK.replace("async function(", "async function bulkSave(")
    got = _run(text, BULK, path="lib/model.js", language="javascript")
    assert got[0].origin == AI_EDITED
    assert {o.origin for o in got[1:]} == {AI}


def test_the_body_under_a_function_assigned_to_another_name_stays_human() -> None:
    text = BULK.replace("Model.bulkSave = async function(",
                        "Model.bulkInsert = async function bulkInsert(")
    got = _run(text, BULK, path="lib/model.js", language="javascript")
    assert {o.origin for o in got} == {HUMAN}


SERIALIZE = """function serializeAMimeType (mimeType) {
  assert(mimeType !== 'failure')
  const { type, subtype, parameters } = mimeType

  // 1. Let serialization be the concatenation of mimeType's
  //    type, U+002F (/), and mimeType's subtype.
  let serialization = `${type}/${subtype}`

  // 2. For each name -> value of mimeType's parameters:
  for (let [name, value] of parameters.entries()) {
    // 1. Append U+003B (;) to serialization.
    serialization += ';'

    // 2. Append name to serialization.
    serialization += name

    // 3. Append U+003D (=) to serialization.
    serialization += '='

    // 4. If value does not solely contain HTTP token code
    //    points or value is the empty string, then:
    if (!isValidHTTPToken(value)) {
      // 1. Precede each occurence of U+0022 or U+005C in value with U+005C.
      value = value.replace(/(\\\\|")/g, '\\\\$1')

      // 2. Prepend U+0022 (") to value.
      value = '"' + value

      // 3. Append U+0022 (") to value.
      value += '"'
    }

    // 5. Append value to serialization.
    serialization += value
  }

  // 3. Return serialization.
  return serialization
}"""

SERIALIZE_EDITED = (SERIALIZE.replace("const { type, subtype, parameters } = mimeType",
                                      "const { parameters, essence } = mimeType")
                    .replace("let serialization = `${type}/${subtype}`",
                             "let serialization = essence")
                    .replace("if (!isValidHTTPToken(value)) {",
                             "if (!HTTP_TOKEN_CODEPOINTS.test(value)) {"))


def _code_only(text: str) -> str:
    return "\n".join(t for t in text.split("\n") if not t.strip().startswith("//"))


def test_three_lines_edited_in_a_function_that_keeps_its_comments_stay_ai() -> None:
    """Three code lines edited among eleven kept is more than a look-alike may have, but
    the snippet's comments kept word for word (``PROSE_KEPT_WEIGHT``) say it is the same
    function: its lines stay the model's."""
    got = _run(SERIALIZE_EDITED, SERIALIZE, path="lib/mime.js", language="javascript")
    kept = [o.origin for o, t in zip(got, SERIALIZE_EDITED.split("\n"), strict=True)
            if t.strip() and t in SERIALIZE.split("\n")]
    assert set(kept) == {AI}


def test_the_same_edits_without_the_comments_stay_human() -> None:
    """Without the kept prose, three edited lines of eleven is a rewrite of its own."""
    text, snippet = _code_only(SERIALIZE_EDITED), _code_only(SERIALIZE)
    got = _run(text, snippet, path="lib/mime.js", language="javascript")
    assert {o.origin for o in got} == {HUMAN}


COLLECT = """const collectDeclaration = (declarations, pattern) => {
\tconst stack = [pattern];
\twhile (stack.length > 0) {
\t\tconst node = stack.pop();
\t\tswitch (node.type) {
\t\t\tcase "Identifier":
\t\t\t\tdeclarations.add(node.name);
\t\t\t\tbreak;
\t\t\tcase "ArrayPattern":
\t\t\t\tfor (const element of node.elements) {
\t\t\t\t\tif (element) {
\t\t\t\t\t\tstack.push(element);
\t\t\t\t\t}
\t\t\t\t}
\t\t\t\tbreak;
\t\t\tcase "AssignmentPattern":
\t\t\t\tstack.push(node.left);
\t\t\t\tbreak;
\t\t\tcase "ObjectPattern":
\t\t\t\tfor (const property of node.properties) {
\t\t\t\t\tstack.push(property.value);
\t\t\t\t}
\t\t\t\tbreak;
\t\t\tcase "RestElement":
\t\t\t\tstack.push(node.argument);
\t\t\t\tbreak;
\t\t}
\t}
};"""


def test_type_casts_written_as_comments_are_edits_of_the_models_lines() -> None:
    """``stack.pop()`` -> ``/** @type {Pattern} */ (stack.pop())``: a person adds JSDoc
    casts for a type checker; the lines are the model's, edited (``_edit_ratio`` reads past
    a comment closed on the line), and the function stays AI."""
    text = COLLECT.replace("const node = stack.pop();",
                           "const node = /** @type {Pattern} */ (stack.pop());").replace(
        "stack.push(property.value);",
        "stack.push(/** @type {AssignmentProperty} */ (property).value);")
    got = _run(text, COLLECT, path="lib/plugin.js", language="javascript")
    assert got[3].origin == AI_EDITED
    assert got[20].origin == AI_EDITED
    assert {o.origin for o in got} <= {AI, AI_EDITED}


SCOREBOARD = """NyanCat.prototype.drawScoreboard = function () {
  var stats = this.stats;

  function draw(type, n) {
    write(' ');
    write(Base.color(type, n));
    write('\\n');
  }

  draw('green', stats.passes);
  draw('fail', stats.failures);
  draw('pending', stats.pending);
  write('\\n');

  this.cursorUp(this.numberOfLines);
};"""


def test_the_same_receiver_added_on_every_call_is_one_change() -> None:
    """``write(`` -> ``process.stdout.write(`` on four lines of a function whose other lines
    are kept: one change a person made throughout (``_repeated_insertions``), not four
    rewritten lines of a look-alike; the function stays the model's."""
    text = SCOREBOARD.replace("    write(", "    process.stdout.write(").replace(
        "  write('\\n');", "  process.stdout.write('\\n');")
    assert text.count("process.stdout.write(") == 4
    got = _run(text, SCOREBOARD, path="lib/nyan.js", language="javascript")
    edited = [o.origin for o, t in zip(got, text.split("\n"), strict=True)
              if "process.stdout" in t]
    assert edited == [AI_EDITED] * 4
    assert {o.origin for o, t in zip(got, text.split("\n"), strict=True) if t.strip()} == {
        AI, AI_EDITED}


def test_four_different_additions_are_still_four_edits() -> None:
    """The same four lines each given something of their own are four edits against seven
    kept lines: too many for a kept suggestion (``MAX_EDIT_SHARE``)."""
    text = (SCOREBOARD.replace("    write(' ');", "    process.stdout.write(' ');")
            .replace("    write(Base.color(type, n));", "    write(Base.color(type, n), true);")
            .replace("    write('\\n');", "    write('\\n', stream);")
            .replace("  write('\\n');\n", "  write('\\n'); flush();\n"))
    got = _run(text, SCOREBOARD, path="lib/nyan.js", language="javascript")
    assert {o.origin for o in got} == {HUMAN}


READ_GROUP = '''def read_group(reader: Reader) -> Group:
    """Read a bracketed group of items, skipping whitespace around them."""
    reader.skip("SPACE")
    if reader.peek("OPEN_PAREN"):
        with reader.between("OPEN_PAREN", "CLOSE_PAREN"):
            reader.skip("SPACE")
            group: Group = read_items(reader)
            reader.skip("SPACE")
    else:
        group = read_single(reader)
    reader.skip("SPACE")
    return group'''

# the ``with`` line re-wrapped one argument a line, an argument added (packaging 23.2 did
# this to ``enclosing_tokens``)
REWRAPPED = """        with reader.between(
            "OPEN_PAREN",
            "CLOSE_PAREN",
            around="item group",
        ):"""


def test_a_call_rewrapped_with_an_argument_added_is_one_touch() -> None:
    """A call split one argument a line with an argument added: its new lines are one touch
    of the model's line (``_rewrapped_rows``), not four lines inserted against ten kept. The
    function stays AI; the first piece is ai-edited, the person's new lines human."""
    text = READ_GROUP.replace('        with reader.between("OPEN_PAREN", "CLOSE_PAREN"):',
                              REWRAPPED)
    got = _run(text, READ_GROUP, path="lib/reader.py")
    by_line = dict(zip(text.split("\n"), (o.origin for o in got), strict=True))
    assert by_line["        with reader.between("] == AI_EDITED
    assert [by_line[t] for t in REWRAPPED.split("\n")[1:4]] == [HUMAN] * 3
    rest = [o.origin for o, t in zip(got, text.split("\n"), strict=True)
            if t.strip() and t in READ_GROUP.split("\n")]
    assert set(rest) == {AI}


def test_a_call_rewrapped_with_its_arguments_replaced_stays_inserted_lines() -> None:
    """The same re-wrap, but the arguments replaced (not the snippet's line with tokens
    added): the new lines are a person's and count as inserted, and with another line
    rewritten the function is more changed than kept."""
    text = READ_GROUP.replace('        with reader.between("OPEN_PAREN", "CLOSE_PAREN"):',
                              REWRAPPED.replace('"OPEN_PAREN"', '"LEFT_BRACKET"').replace(
                                  '"CLOSE_PAREN"', '"RIGHT_BRACKET"')).replace(
        "        group = read_single(reader)", "        group = Group.empty(strict=True)")
    got = _run(text, READ_GROUP, path="lib/reader.py")
    assert {o.origin for o in got} == {HUMAN}


SETUP = '''def setup(self, only: Fields | None = None, exclude: Fields = ()) -> None:
    """Copy the declared fields and resolve which of them to load and dump."""
    self.declared_fields = copy.deepcopy(self._declared_fields)
    self.only = only
    self.exclude = set(self.opts.exclude) | set(exclude)
    self.ordered = self.opts.ordered
    self.load_only = set(self.opts.load_only)
    self.dump_only = set(self.opts.dump_only)
    self.fields = {}
    self.context = {}
    self._init_fields()'''


def test_a_statement_rewrapped_under_a_new_annotation_keeps_its_pieces_human() -> None:
    """``self.exclude = set(a) | set(b)`` re-wrapped over three lines with a type annotation
    added: one touch (the function stays AI), but no piece is ``REWRAP_RATIO`` like the
    model's line, so all three are the person's text."""
    rewrapped = ("    self.exclude: set[typing.Any] | typing.MutableSet[typing.Any] = set(\n"
                 "        self.opts.exclude\n"
                 "    ) | set(exclude)")
    text = SETUP.replace("    self.exclude = set(self.opts.exclude) | set(exclude)", rewrapped)
    got = _run(text, SETUP, path="app/schema.py")
    by_line = dict(zip(text.split("\n"), (o.origin for o in got), strict=True))
    assert [by_line[t] for t in rewrapped.split("\n")] == [HUMAN] * 3
    rest = [o.origin for o, t in zip(got, text.split("\n"), strict=True)
            if t.strip() and t in SETUP.split("\n")]
    assert set(rest) == {AI}


OPEN_SESSION = '''    def open_session(
        self, name: str, options: Mapping[str, Any]
    ) -> _Session:
        """Open a :py:class:`._sessions._Session` for the named
        backend, with the given options merged over the defaults."""
        session: _Session = self._factory(name)
        merged = {**self._defaults, **options}
        if merged:
            session.configure(merged)
        return session'''


def test_a_name_made_public_with_its_docstring_edited_stays_ai() -> None:
    """A short method whose private return type a person made public (``_Session`` ->
    ``Session`` on its two lines) and whose docstring they edited to match: the name made
    public is a refactor of the kept code (``_visibility``), not a name swapped for another
    case, so with the docstring touched the method stays the model's."""
    text = (OPEN_SESSION.replace("_Session", "Session")
            .replace(":py:class:`._sessions.Session`", ":class:`~store.Session`"))
    got = {o.lineno: o.origin for o in _run(text, OPEN_SESSION)}
    lines = text.split("\n")
    for n, line in enumerate(lines, 1):
        if line.strip():
            assert got[n] in (AI, AI_EDITED), line
    assert got[lines.index("        merged = {**self._defaults, **options}") + 1] == AI


def test_a_name_swapped_for_another_with_its_docstring_edited_stays_human() -> None:
    """The twin: the same method where the type is swapped for another word
    (``_Session`` -> ``_Cursor``) and its docstring edited: a sibling written for another
    case keeps no label."""
    text = (OPEN_SESSION.replace("_Session", "_Cursor")
            .replace(":py:class:`._sessions._Cursor`", ":class:`~store.Cursor`"))
    got = [o.origin for o in _run(text, OPEN_SESSION)]
    assert set(got) == {HUMAN}


SETTINGS = """    def __init__(self, config: dict[str, Any] = {}, overrides: dict[str, Any] = {}) -> None:
        self.overrides = dict(overrides)
        self.values = Settings.defaults.copy()
        self._raw_config = config
        self.setup: Callable | None = config.get('setup', None)

        if 'extensions' in self.overrides:
            if isinstance(self.overrides['extensions'], str):
                config['extensions'] = self.overrides.pop('extensions').split(',')
            else:
                config['extensions'] = self.overrides.pop('extensions')
        self.extensions: list[str] = config.get('extensions', [])"""

SETTINGS_EDITED = SETTINGS.replace(
    "    def __init__(self, config: dict[str, Any] = {}, overrides: dict[str, Any] = {}) -> None:\n"
    "        self.overrides = dict(overrides)",
    "    def __init__(self, config: dict[str, Any] | None = None,\n"
    "                 overrides: dict[str, Any] | None = None) -> None:\n"
    "        config = config or {}\n"
    "        self.overrides = dict(overrides) if overrides is not None else {}")


def test_an_edited_signature_over_an_edited_first_body_line_leaves_the_body_ai() -> None:
    """A person re-wraps the signature with its defaults made ``None``, inserts a line atop
    the body and edits its first line to match (sphinx ``Config.__init__`` between two
    releases): the signature and the first line are the model's edited, the inserted line
    the person's, the rest of the body the model's."""
    got = _run(SETTINGS_EDITED, SETTINGS)
    assert got[0].origin == AI_EDITED
    assert got[2].origin == HUMAN  # config = config or {}
    assert got[3].origin == AI_EDITED
    assert got[3].evidence and got[3].evidence[0].snippet_line == 2
    assert {o.origin for o, line in zip(got[4:], SETTINGS_EDITED.split("\n")[4:], strict=True)
            if line.strip()} == {AI}


def test_a_sibling_of_another_name_over_an_edited_first_body_line_stays_human() -> None:
    """The same edits under a method of another name (``reset`` beside ``__init__``): a
    sibling written from the suggestion's shape, not the suggestion's signature edited."""
    text = SETTINGS_EDITED.replace("def __init__(", "def reset(")
    got = _run(text, SETTINGS)
    assert {o.origin for o in got} == {HUMAN}


def test_the_same_name_over_a_rewritten_first_body_line_stays_human() -> None:
    """Under a signature of the same name (another class's ``__init__``) the first body line
    looked past must be the snippet's edited: one rewritten (another attribute set from
    another source) leaves the body a look-alike's."""
    text = SETTINGS_EDITED.replace(
        "        self.overrides = dict(overrides) if overrides is not None else {}",
        "        self.sources = [Source(path) for path in sorted(config.get('paths', ()))]")
    got = _run(text, SETTINGS)
    assert {o.origin for o in got} == {HUMAN}


ENCODE = '''def encode_query(self, query_vars: Mapping[str, str]) -> str:
    items = list(iter_multi_items(query_vars))
    if self.map.sort_parameters:
        items = sorted(items, key=self.map.sort_key)
    seen = {key for key, _value in items}
    log.debug("encoding %d query keys", len(seen))
    return _urlencode(items, encoding=self.map.charset)'''


def test_a_last_statement_with_an_argument_dropped_is_ai_edited() -> None:
    """The last call's keyword argument dropped whole, its names with it (``encoding=
    self.map.charset``: more than half the line's tokens): the model's line with an argument
    removed, every name left still the model's."""
    text = ENCODE.replace("items, encoding=self.map.charset)", "items)")
    got = _run(text, ENCODE)
    assert [o.origin for o in got[:6]] == [AI] * 6
    assert got[6].origin == AI_EDITED


def test_a_last_statement_with_an_argument_dropped_and_the_call_swapped_stays_human() -> None:
    """The argument dropped but another function called (``_urlencode`` -> ``_quote``): a
    name the model never wrote in the call's place, the person's line."""
    text = ENCODE.replace("_urlencode(items, encoding=self.map.charset)", "_quote(items)")
    got = _run(text, ENCODE)
    assert [o.origin for o in got[:6]] == [AI] * 6
    assert got[6].origin == HUMAN


RECURSE = '''def _recurse(self, direntry: os.DirEntry[str]) -> bool:
    if direntry.name == "__pycache__":
        return False
    fspath = Path(direntry.path)
    ihook = self.session.gethookproxy(fspath.parent)
    if ihook.pytest_ignore_collect(collection_path=fspath, config=self.config):
        return False
    norecursepatterns = self.config.getini("norecursedirs")
    if any(fnmatch_ex(pat, fspath) for pat in norecursepatterns):
        return False
    return True'''

DROPPED_CHECK = '''    norecursepatterns = self.config.getini("norecursedirs")
    if any(fnmatch_ex(pat, fspath) for pat in norecursepatterns):
        return False
'''

NEXT_DEF = '''

def _collectfile(self, fspath: Path) -> Sequence[nodes.Collector]:
    return self.ihook.pytest_collect_file(file_path=fspath, parent=self)'''


def test_the_final_statement_kept_below_dropped_lines_is_ai() -> None:
    """A check dropped above the model's final ``return True``, the function ending there:
    that line is the model's, kept (a person deleted lines, wrote none)."""
    text = RECURSE.replace(DROPPED_CHECK, "") + NEXT_DEF
    got = _run(text, RECURSE)
    assert [o.origin for o in got[:7]] == [AI] * 7
    assert got[7].origin == AI


def test_the_same_statement_where_the_function_goes_on_stays_human() -> None:
    """The same ``return True`` right past the kept lines, but the person's function goes on
    below it (their own lines after): the person's early return, not the model's last."""
    text = RECURSE.replace(DROPPED_CHECK, "").replace(
        "    return True", "    return True\n    self._visited.add(fspath)") + NEXT_DEF
    got = _run(text, RECURSE)
    assert [o.origin for o in got[:7]] == [AI] * 7
    assert got[7].origin == HUMAN
