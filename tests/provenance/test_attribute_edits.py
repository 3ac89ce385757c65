"""What people do to accepted code (issue 17): a changed literal or line, an extracted
variable, reordered statements, a renamed identifier. The lines a person did not touch stay
AI origin; a touched line that still carries the model's code is ``ai-edited``; code that
merely resembles a suggestion (a sibling written by hand, a rewrite of an older suggestion)
stays human."""

from __future__ import annotations

from provenance.attribute import _refined, attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, FileDiff, LineOrigin, Snippet

FETCH = """def fetch_with_retry(session, url, attempts=5):
    timeout = 30
    backoff = 2
    delay = 0.5
    last_error = None
    for attempt in range(attempts):
        try:
            response = session.get(url, timeout=timeout)
            response.raise_for_status()
            return response.json()
        except RequestError as exc:
            last_error = exc
            time.sleep(delay * backoff ** attempt)
    raise FetchFailed(url, attempts) from last_error"""

SMALL = """def read_config(path):
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    settings = Settings(**raw["settings"])
    settings.validate(strict=True)
    return settings"""


def _run(text: str, snippets: dict[str, str], *, path: str = "app/net.py",
         language: str = "python", pre: list[str] | None = None,
         deleted: tuple[str, ...] = ()) -> list[LineOrigin]:
    idx = InMemoryIndex()
    for sid, snippet in snippets.items():
        idx.add(sid, Snippet(snippet, "fence", language, exchange_id=f"ex-{sid}"))
    lines = text.split("\n")
    diff = FileDiff(path, added=tuple(AddedLine(n + 1, t) for n, t in enumerate(lines)),
                    deleted=deleted)
    return attribute([diff], idx, preexisting={path: pre} if pre else None)


def _by_text(text: str, got: list[LineOrigin]) -> dict[str, str]:
    return {line.strip(): o.origin for line, o in zip(text.split("\n"), got, strict=True)
            if line.strip()}


def test_two_changed_literals_leave_the_rest_ai_and_the_two_lines_ai_edited() -> None:
    edited = FETCH.replace("timeout = 30", "timeout = 45").replace("backoff = 2", "backoff = 3")
    got = _run(edited, {"f": FETCH})
    origins = [o.origin for o in got]
    assert origins.count(AI) == 12, origins
    assert [o.origin for o in got[1:3]] == [AI_EDITED, AI_EDITED]
    for o in got[1:3]:
        assert o.evidence and o.evidence[0].snippet_id == "f"
        assert 0.5 <= o.confidence < 1.0
    assert got[1].evidence[0].snippet_line == 2 and got[2].evidence[0].snippet_line == 3


def test_one_changed_line_in_a_fifteen_line_function_is_ai_edited() -> None:
    snippet = FETCH + "\n# end of fetch_with_retry"
    edited = snippet.replace("response.raise_for_status()",
                             "response.raise_for_status()  # noqa")
    edited = edited.replace("return response.json()", "return response.json(strict=False)")
    got = _by_text(edited, _run(edited, {"f": snippet}))
    assert got["return response.json(strict=False)"] == AI_EDITED
    assert got["timeout = 30"] == AI and got["for attempt in range(attempts):"] == AI
    assert HUMAN not in got.values()


def test_small_snippet_with_an_extracted_variable() -> None:
    edited = SMALL.replace('    settings = Settings(**raw["settings"])',
                           '    section = raw["settings"]\n    settings = Settings(**section)')
    got = _by_text(edited, _run(edited, {"s": SMALL}))
    assert got["def read_config(path):"] == AI
    assert got['with open(path, encoding="utf-8") as fh:'] == AI
    assert got["settings.validate(strict=True)"] == AI
    assert got["settings = Settings(**section)"] == AI_EDITED
    assert got['section = raw["settings"]'] == AI_EDITED  # the extracted expression


def test_small_snippet_with_two_statements_reordered() -> None:
    lines = SMALL.split("\n")
    lines[3], lines[4] = lines[4], lines[3]
    edited = "\n".join(lines)
    got = _by_text(edited, _run(edited, {"s": SMALL}))
    assert set(got.values()) <= {AI, AI_EDITED}
    assert got["def read_config(path):"] == AI


def test_small_snippet_with_one_identifier_renamed() -> None:
    edited = SMALL.replace("raw", "payload")
    got = _by_text(edited, _run(edited, {"s": SMALL}))
    assert got["payload = json.load(fh)"] == AI_EDITED
    assert got['settings = Settings(**payload["settings"])'] == AI_EDITED
    assert got["return settings"] == AI
    assert got["settings.validate(strict=True)"] == AI


SIBLING_SUGGESTED = """    def add_user(self, name, email):
        if not name:
            raise ValueError("name is required")
        user = User(name=name, email=email)
        self.session.add(user)
        self.session.commit()
        self.audit.record("add_user", user.id)
        return user"""

SIBLING_HUMAN = """    def add_group(self, title, owner):
        if not title:
            raise ValueError("title is required")
        group = Group(title=title, owner=owner.id)
        self.session.add(group)
        self.session.flush()
        self.audit.record("add_group", group.id, owner.id)
        return group"""


def test_a_hand_written_sibling_of_a_suggested_method_is_human() -> None:
    text = SIBLING_SUGGESTED + "\n\n" + SIBLING_HUMAN
    got = _run(text, {"u": SIBLING_SUGGESTED}, path="app/repo.py")
    n = SIBLING_SUGGESTED.count("\n") + 1
    assert [o.origin for o in got[:n]] == [AI] * n
    assert {o.origin for o in got[n + 1:] if o.lineno} == {HUMAN}


OLD_VERSION = """def summarise(records):
    totals = {}
    for record in records:
        key = record["kind"]
        totals[key] = totals.get(key, 0) + record["amount"]
    return totals"""

REWRITTEN = """def summarise(records):
    totals = collections.Counter()
    seen = set()
    for record in sorted(records, key=operator.itemgetter("at")):
        if record["id"] in seen:
            continue
        seen.add(record["id"])
        totals[record["kind"]] += record["amount"]
    return dict(totals)"""


def test_a_rewrite_of_an_older_suggestion_is_human() -> None:
    """The developer rewrote the function a model once suggested: the def line they kept
    is not evidence enough that the rewrite is the model's."""
    got = _run(REWRITTEN, {"old": OLD_VERSION}, path="app/stats.py")
    assert {o.origin for o in got} == {HUMAN}


def test_the_newest_suggestion_for_a_region_wins() -> None:
    """Two suggestions of the same function, an old one and a newer edit of it: the lines
    both hold are credited to the newer one, the one the committed version came from."""
    newer = FETCH.replace("delay = 0.5", "delay = 0.25")
    idx = InMemoryIndex()
    idx.add("old", Snippet(FETCH, "fence", "python", exchange_id="ex-old"))
    idx.add("new", Snippet(newer, "edit", "python", exchange_id="ex-new"))
    lines = newer.split("\n")
    diff = FileDiff("app/net.py", added=tuple(AddedLine(n + 1, t) for n, t in enumerate(lines)))
    got = attribute([diff], idx)
    assert {o.origin for o in got} == {AI}
    assert {o.evidence[0].snippet_id for o in got} == {"new"}


def test_the_newest_by_suggestion_time_wins_over_the_last_stored() -> None:
    """The same code suggested twice: the one suggested later wins even when it was stored
    first (an old transcript imported after a proxied suggestion); with equal times the
    one stored later wins."""
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 1, 5, 12, tzinfo=UTC)
    lines = FETCH.split("\n")
    diff = FileDiff("app/net.py", added=tuple(AddedLine(n + 1, t) for n, t in enumerate(lines)))
    idx = InMemoryIndex()
    idx.add("proxied", Snippet(FETCH, "edit", "python", exchange_id="ex-p"), at=now)
    idx.add("imported", Snippet(FETCH, "edit", "python", exchange_id="ex-i"),
            at=now - timedelta(days=2))
    assert {o.evidence[0].snippet_id for o in attribute([diff], idx)} == {"proxied"}
    idx.add("again", Snippet(FETCH, "edit", "python", exchange_id="ex-a"), at=now)
    assert {o.evidence[0].snippet_id for o in attribute([diff], idx)} == {"again"}


def test_leading_blank_lines_of_an_ai_edit_are_ai() -> None:
    snippet = "\n\n" + SMALL
    text = "import json\n" + snippet
    got = _run(text, {"e": snippet})
    assert got[0].origin == HUMAN
    assert [o.origin for o in got[1:3]] == [AI, AI]
    assert {o.origin for o in got[3:]} == {AI}


BRACES = """function clamp(value, low, high) {
  if (value < low) {
    return low;
  }
  if (value > high) {
    return high;
  }
  return value;
}"""


def test_blank_and_brace_lines_follow_their_neighbours() -> None:
    human = "function other(a) {\n  return a * 2;\n}"
    edited = BRACES.replace("    return high;", "    return high - 1;")
    text = human + "\n\n" + edited
    got = _run(text, {"c": BRACES}, path="web/clamp.js", language="javascript")
    assert [o.origin for o in got[:4]] == [HUMAN, HUMAN, HUMAN, HUMAN]  # incl. the blank
    ours = [o.origin for o in got[4:]]
    assert ours == [AI, AI, AI, AI, AI, AI_EDITED, AI, AI, AI], ours


def test_an_edited_line_that_existing_code_explains_better_is_human() -> None:
    """The file already had a sibling whose line the commit's line copies (adapted): that
    line is the repository's code, not an edit of the suggestion; the suggestion's untouched
    lines around it stay AI."""
    existing = ["def post_with_retry(session, url, body, attempts=5):",
                "            response = session.post(url, timeout=timeout, json=body, verify=v)"]
    edited = FETCH.replace("response = session.get(url, timeout=timeout)",
                           "response = session.post(url, timeout=timeout, json=body)")
    got = _by_text(edited, _run(edited, {"f": FETCH}, pre=existing))
    assert got["response = session.post(url, timeout=timeout, json=body)"] == HUMAN
    assert got["response.raise_for_status()"] == AI
    # without that sibling in the file the same line is the suggestion's, edited
    alone = _by_text(edited, _run(edited, {"f": FETCH}))
    assert alone["response = session.post(url, timeout=timeout, json=body)"] == AI_EDITED


FIND_ALL = """def find_all_strings(self, s, n=-1):
    result = []
    for match in self.scan(s, n):
        parts = [None] * len(match)
        for j in range(len(match)):
            if match[j] is not None:
                parts[j] = s[match[j][0]:match[j][1]]
        result.append(parts)
    return result"""


def test_a_sibling_body_with_a_name_renamed_and_another_signature_is_human() -> None:
    """The same body with ``s`` renamed ``data`` under a signature of its own: the body of a
    sibling (one per input type), not a suggestion whose names a person changed."""
    sibling = FIND_ALL.replace("def find_all_strings(self, s, n=-1):",
                               "def find_all_bytes(self, data: bytes, limit: int = -1) -> list:")
    sibling = sibling.replace("s[", "data[").replace("scan(s, n)", "scan(data, limit)")
    assert set(_by_text(sibling, _run(sibling, {"f": FIND_ALL})).values()) == {HUMAN}


def test_an_edit_tools_two_new_lines_are_ai_from_the_edit() -> None:
    """A Write, then an Edit replacing one line by two: the committed file's two new lines
    are the Edit's text verbatim (not the Write's line, edited), the rest the Write's."""
    old = "            return response.json()"
    new = "            data = response.json()\n            return data.get(\"items\", [])"
    idx = InMemoryIndex()
    idx.add("w", Snippet(FETCH, "write", "python", exchange_id="ex-w"))
    idx.add("e", Snippet(new + "\n", "edit", "python", exchange_id="ex-e"))
    text = FETCH.replace(old, new)
    lines = text.split("\n")
    diff = FileDiff("app/net.py", added=tuple(AddedLine(n + 1, t) for n, t in enumerate(lines)))
    got = {ln.strip(): o for ln, o in zip(lines, attribute([diff], idx), strict=True)}
    for line in new.split("\n"):
        assert got[line.strip()].origin == AI and got[line.strip()].evidence[0].snippet_id == "e"
    assert got["response.raise_for_status()"].evidence[0].snippet_id == "w"
    # the same two lines as a chat answer's fence are no edit tool's: not enough on their own
    fence = InMemoryIndex()
    fence.add("f", Snippet(new + "\n", "fence", "python"))
    assert {o.origin for o in attribute([diff], fence)} == {HUMAN}


DISABLE = """function disableFeature(registry, name) {
  return registry.setEnabled(name, false, 30);
}"""

DELEGATE = """    public void close() throws IOException {
        out.close();
    }"""


def test_a_small_snippet_with_a_changed_literal_stays_ai_whole() -> None:
    """Three lines (a signature, a statement, a brace) with one literal changed: too small
    for a segment with an edit, still the suggestion, taken whole in place."""
    edited = DISABLE.replace("30);", "45);")
    got = _run("'use strict'\n\n" + edited + "\n", {"d": DISABLE}, path="app/flags.js",
               language="javascript")
    by = {line.strip(): o for line, o in zip(("'use strict'\n\n" + edited + "\n").split("\n"),
                                             got, strict=True) if line.strip()}
    assert by["function disableFeature(registry, name) {"].origin == AI
    assert by["return registry.setEnabled(name, false, 45);"].origin == AI_EDITED
    assert by["}"].origin == AI
    assert by["'use strict'"].origin == HUMAN
    # two statements changed in a three-line snippet is a body of its own
    other = DISABLE.replace("name, false, 30", "key, true, 10")
    assert set(_by_text(other, _run(other, {"d": DISABLE}, path="app/flags.js",
                                    language="javascript")).values()) == {HUMAN}


def test_a_kept_signature_over_another_delegate_is_a_sibling() -> None:
    """``out.close()`` -> ``fd.close()`` under the same signature: a sibling delegating to
    another stream (a name, not a literal), human."""
    sibling = DELEGATE.replace("out.close()", "fd.close()")
    got = _run(sibling, {"c": DELEGATE}, path="src/Pipe.java", language="java")
    assert {o.origin for o in got} == {HUMAN}
    literal = DELEGATE.replace("out.close();", "out.close(5);")
    got = _run(literal, {"c": DELEGATE.replace("out.close();", "out.close(3);")},
               path="src/Pipe.java", language="java")
    assert [o.origin for o in got] == [AI, AI_EDITED, AI]


def test_a_touched_last_line_joins_the_segment() -> None:
    """The last line touched (one token changed): edits inside a segment sit in its gaps, the
    one at its end joins it too."""
    edited = FETCH.replace("from last_error", "from None")
    got = _run(edited, {"f": FETCH})
    assert got[-1].origin == AI_EDITED and got[-1].evidence[0].snippet_id == "f"
    assert [o.origin for o in got[:-1]] == [AI] * 13


def test_a_shared_tail_after_a_rewritten_line_is_a_siblings() -> None:
    """The suggestion's tail under another signature, right after a rewritten version of the
    suggestion's line before it (more than a token or two changed): a sibling written for
    another case, whose shared lines are not the suggestion's."""
    sibling = SMALL.replace("def read_config(path):", "def read_defaults(path, section):")
    sibling = sibling.replace('with open(path, encoding="utf-8") as fh:',
                              'with open(path, encoding="latin-1", errors="replace") as fh:')
    got = _by_text(sibling, _run(sibling, {"s": SMALL}))
    assert set(got.values()) == {HUMAN}, got


def test_a_hook_report_beside_the_proxys_record_raises_confidence_not_the_label() -> None:
    """Evidence kinds (#22): the proxy's record of the model's output and the agent's hook
    report of its write both explain the lines: same labels, higher confidence, and the
    model's output named first even though the report came later. Either alone suffices."""
    edited = FETCH.replace("timeout = 30", "timeout = 45")
    lines = edited.split("\n")
    diff = FileDiff("app/net.py", added=tuple(AddedLine(n + 1, t) for n, t in enumerate(lines)))

    def run(*sources: str) -> list[LineOrigin]:
        idx = InMemoryIndex()
        for n, source in enumerate(sources):
            idx.add(source, Snippet(FETCH, "write", "python", exchange_id=f"ex-{n}",
                                    source=source))
        return attribute([diff], idx)

    proxy, hook, both = run("proxy"), run("hook"), run("proxy", "hook")
    assert [o.origin for o in proxy] == [o.origin for o in hook] == [o.origin for o in both]
    assert [o.origin for o in both].count(AI) == 13 and both[1].origin == AI_EDITED
    for p, b in zip(proxy, both, strict=True):
        assert b.confidence > p.confidence or p.confidence == 1.0
        assert b.evidence[0].snippet_id == "proxy"
    assert [o.confidence for o in hook] == [o.confidence for o in proxy]


GETTER = """    public synchronized InetSocketAddress getRemoteAddress(boolean resolve) {
        return remoteAddress;
    }"""

REDUCE = """func clampDepth(depth, limit int) int {
	depth--
	if depth < limit {
		depth = limit
	}
	return depth
}"""


def test_a_small_snippet_whose_only_statement_refines_a_name_stays_ai() -> None:
    """Signature kept, the one statement touched without giving up the model's code: a name
    refined (the old one kept inside the new), an argument added. A sibling swapping the name
    for an unrelated one (``return localAddress``) stays human."""
    resolving = GETTER.replace("return remoteAddress;", "return resolved(remoteAddress);")
    for snippet, edited, origins in (
            (GETTER, GETTER.replace("return remoteAddress;", "return remoteAddressCached;"),
             [AI, AI_EDITED, AI]),
            (resolving, resolving.replace("(remoteAddress)", "(remoteAddress, resolve)"),
             [AI, AI_EDITED, AI]),
            (GETTER, GETTER.replace("return remoteAddress;", "return localAddress;"),
             [HUMAN, HUMAN, HUMAN])):
        got = _run(edited, {"g": snippet}, path="src/Channel.java", language="java")
        assert [o.origin for o in got] == origins, edited


def test_a_small_snippet_with_a_variable_extracted_from_its_only_statement() -> None:
    """The expression of the only statement moved into a variable: its text is the model's."""
    snippet = """function compileTrust(val, hops) {
  return proxyaddr.compile(val || []);
}"""
    edited = """function compileTrust(val, hops) {
  const addresses = val || [];
  return proxyaddr.compile(addresses);
}"""
    got = _run(edited, {"t": snippet}, path="lib/utils.js", language="javascript")
    assert [o.origin for o in got] == [AI, AI_EDITED, AI_EDITED, AI]


def test_a_short_last_line_touched_in_a_small_snippet() -> None:
    """``return depth`` -> ``return depthMin``: two tokens, one changed, the rest of the small
    function in place: the whole function is the suggestion."""
    edited = REDUCE.replace("\treturn depth\n", "\treturn depthMin\n")
    got = _run(edited, {"r": REDUCE}, path="go/printer.go", language="go")
    assert [o.origin for o in got] == [AI, AI, AI, AI, AI, AI_EDITED, AI]


COLLECT = """def collect_rows(cursor, table, limit=100):
    query = f"SELECT * FROM {table} LIMIT {limit}"
    cursor.execute(query)
    rows = []
    for record in cursor.fetchall():
        if record is None:
            continue
        rows.append(normalise_record(record, table=table))
    log.debug("collected %d rows from %s", len(rows), table)
    cursor.close()
    return rows"""


def test_a_short_last_line_with_a_name_refined_joins_the_segment() -> None:
    """``return rows`` -> ``return rows_seen`` after nine kept lines: too short a line for
    the one-token rule (half of it changed), but the name is refined, not replaced."""
    edited = COLLECT.replace("    return rows", "    return rows_seen")
    got = _run(edited, {"c": COLLECT}, path="app/db.py")
    assert [o.origin for o in got] == [AI] * 10 + [AI_EDITED]
    other = COLLECT.replace("    return rows", "    return cursor")
    assert _run(other, {"c": COLLECT}, path="app/db.py")[-1].origin == HUMAN


def test_a_comment_line_moved_inside_a_kept_suggestion_stays_ai() -> None:
    """A person swaps a comment line with the statement after it: both are the model's."""
    snippet = """function parseRange(range, options) {
  const loose = options.loose
  const hr = loose ? re[t.HYPHENRANGELOOSE] : re[t.HYPHENRANGE]
  // ranges like 1.2.3 - 1.2.4 become >=1.2.3 <=1.2.4
  range = range.replace(hr, hyphenReplace(options.includePrerelease))
  debug('hyphen replace', range)
  range = range.replace(re[t.COMPARATORTRIM], comparatorTrimReplace)
  debug('comparator trim', range)
  return range.split(' ').map(comp => parseComparator(comp, options))
}"""
    lines = snippet.split("\n")
    lines[3], lines[4] = lines[4], lines[3]
    edited = "\n".join(lines)
    got = _run(edited, {"p": snippet}, path="lib/range.js", language="javascript")
    assert {o.origin for o in got} == {AI}, _by_text(edited, got)


def test_a_comment_inserted_in_a_small_snippet_leaves_it_whole() -> None:
    """A person's comment between the lines of a small snippet (and trailing comments on its
    lines): the snippet's lines stay AI, the inserted comment stays the person's."""
    snippet = """    public boolean ready() throws IOException {
        return decoder.ready();
    }"""
    edited = """    public boolean ready() throws IOException {  // guard against a closed stream
        // reported by QA
        return decoder.ready(TIMEOUT);
    }"""
    got = _run(edited, {"r": snippet}, path="src/Reader.java", language="java")
    assert [o.origin for o in got] == [AI_EDITED, HUMAN, AI_EDITED, AI]


def test_a_kept_docstring_names_a_small_function_as_well_as_code() -> None:
    """Signature and one-line docstring kept, the statement's literal touched: the docstring's
    words say which function this is (the signature alone has too few names)."""
    snippet = '''def push_context(ctx):
    """Pushes a new context to the current stack."""
    _local.__dict__.setdefault("stack", []).append(ctx)'''
    edited = snippet.replace('"stack"', '"stack-v2"')
    got = _run("import os\n\n" + edited, {"p": snippet}, path="app/ctx.py")
    assert [o.origin for o in got] == [HUMAN, HUMAN, AI, AI, AI_EDITED]
    bare = edited.replace('    """Pushes a new context to the current stack."""\n', "")
    got = _run("import os\n\n" + bare, {"p": snippet.replace(
        '    """Pushes a new context to the current stack."""\n', "")}, path="app/ctx.py")
    assert {o.origin for o in got} == {HUMAN}


RENDER = '''    def render_value(self, ctx: Optional[RenderContext] = None) -> Any:
        ctx = resolve_context(self, ctx)

        # sandboxed templates cannot fold operators at compile time
        if (
            ctx.environment.sandboxed
            and self.operator in ctx.environment.intercepted_ops
        ):
            raise NotFoldable()
        handler = _op_handlers[self.operator]
        try:
            return handler(self.node.render_value(ctx))
        except Exception as exc:
            raise NotFoldable() from exc'''


def test_two_touches_that_keep_the_models_code_count_as_half_edits() -> None:
    """Two lines of seven code lines touched, each keeping the model's code (a name refined):
    the rest stays AI and both are ai-edited. Names swapped for unrelated ones are whole
    edits: two of them in so few lines are too many for the segment, and the lines before
    the second stay human."""
    edited = RENDER.replace("resolve_context(self, ctx)", "resolve_context(self, ctx_or_none)")
    edited = edited.replace("ctx.environment.sandboxed", "ctx.environment_v2.sandboxed")
    got = _by_text(edited, _run(edited, {"r": RENDER}, path="app/nodes.py"))
    assert got["ctx = resolve_context(self, ctx_or_none)"] == AI_EDITED
    assert got["ctx.environment_v2.sandboxed"] == AI_EDITED
    assert got["def render_value(self, ctx: Optional[RenderContext] = None) -> Any:"] == AI
    assert list(got.values()).count(HUMAN) == 0, got
    other = RENDER.replace("resolve_context(self, ctx)", "resolve_context(self, options)")
    other = other.replace("ctx.environment.sandboxed", "ctx.settings.sandboxed")
    got = _by_text(other, _run(other, {"r": RENDER}, path="app/nodes.py"))
    assert got["ctx = resolve_context(self, options)"] == HUMAN
    assert got["def render_value(self, ctx: Optional[RenderContext] = None) -> Any:"] == HUMAN


REWIND = """func rewindBody(req *Request) (*Request, error) {
	if req.Body == nil || req.Body == NoBody {
		return req, nil
	}
	if !req.Body.(*readTrackingBody).didRead {
		req.Body = &readTrackingBody{ReadCloser: req.Body}
		return req, nil
	}
	if req.GetBody == nil {
		return nil, errCannotRewind
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	newReq := *req
	newReq.Body = &readTrackingBody{ReadCloser: body}
	return &newReq, nil
}"""


def test_an_operator_flipped_into_or_out_of_a_common_line_is_ai_edited() -> None:
    """``if err != nil {`` is too common to pair on its own; flipped to ``==`` (or back) in
    the middle of a kept suggestion it is still the snippet's line, edited."""
    edited = REWIND.replace("if err != nil {", "if err == nil {")
    got = _by_text(edited, _run(edited, {"r": REWIND}, path="net/transport.go",
                                language="go"))
    assert got["if err == nil {"] == AI_EDITED
    assert set(got.values()) == {AI, AI_EDITED}
    flipped = REWIND.replace("if err != nil {", "if err == nil {")
    got = _by_text(REWIND, _run(REWIND, {"r": flipped}, path="net/transport.go",
                                language="go"))
    assert got["if err != nil {"] == AI_EDITED


NEGOTIATE = """function preferredEncodings(accept, provided, preferred) {
  var accepts = parseAcceptEncoding(accept || '');
  var comparator = preferred ? function comparator(a, b) {
    return compareSpecs(a, b) || preferred.indexOf(a.encoding) - preferred.indexOf(b.encoding);
  } : compareSpecs;
  if (!provided) {
    return accepts.filter(isQuality).sort(comparator).map(getFullEncoding);
  }
  var priorities = provided.map(function getPriority(type, index) {
    return getEncodingPriority(type, accepts, index);
  });
  return priorities.filter(isQuality).sort(comparator).map(getFullEncoding);
}"""


def test_a_variable_extracted_from_the_last_statement_joins_the_segment() -> None:
    """The last statement's expression moved into a variable on the line before it: both
    lines carry the model's code; a wrapped assignment (the same statement split over two
    lines) is not an extraction."""
    edited = NEGOTIATE.replace(
        "  return priorities.filter(isQuality).sort(comparator).map(getFullEncoding);",
        "  const ranked = priorities.filter(isQuality).sort(comparator);\n"
        "  return ranked.map(getFullEncoding);")
    got = _by_text(edited, _run(edited, {"n": NEGOTIATE}, path="lib/encoding.js",
                                language="javascript"))
    assert got["const ranked = priorities.filter(isQuality).sort(comparator);"] == AI_EDITED
    assert got["return ranked.map(getFullEncoding);"] == AI_EDITED
    assert HUMAN not in got.values()


MULTIPART = """func (r *Request) MultipartReader() (*multipart.Reader, error) {
	if r.MultipartForm == multipartByReader {
		return nil, errors.New("http: MultipartReader called twice")
	}
	if r.MultipartForm != nil {
		return nil, errors.New("http: multipart handled by ParseMultipartForm")
	}
	r.MultipartForm = multipartByReader
	return r.multipartReader(true)
}"""

FLUSH_ERROR = """func (w *Writer) Error() error {
	_, err := w.w.Write(nil)
	return err
}"""


def test_the_last_two_statements_swapped_stay_ai() -> None:
    """The statement swapped past the segment's end, and a common line (``return err``)
    swapped inside it, are the snippet's own lines moved."""
    lines = MULTIPART.split("\n")
    lines[7], lines[8] = lines[8], lines[7]
    edited = "\n".join(lines)
    got = _run(edited, {"m": MULTIPART}, path="net/request.go", language="go")
    assert {o.origin for o in got} == {AI}, _by_text(edited, got)
    lines = FLUSH_ERROR.split("\n")
    lines[1], lines[2] = lines[2], lines[1]
    edited = "\n".join(lines)
    got = _run("package csv\n\n" + edited, {"f": FLUSH_ERROR}, path="csv/writer.go",
               language="go")
    assert [o.origin for o in got][2:] == [AI] * 4, _by_text(edited, got[2:])


OR_ELSE = """    public double orElse(double other) {
        return isPresent ? value : other;
    }"""


def test_names_a_touch_kept_count_toward_naming_a_small_function() -> None:
    """``orElse(double other)`` names too little on its own; the touched line keeps
    ``value`` and ``other`` beside the refined name, which is enough. The same signature over
    another flag (a sibling's body) stays human."""
    edited = OR_ELSE.replace("isPresent ?", "isPresentNow ?")
    got = _run(edited, {"o": OR_ELSE}, path="src/OptionalDouble.java", language="java")
    assert [o.origin for o in got] == [AI, AI_EDITED, AI]
    other = OR_ELSE.replace("isPresent ?", "hasValue ?")
    got = _run(other, {"o": OR_ELSE}, path="src/OptionalDouble.java", language="java")
    assert {o.origin for o in got} == {HUMAN}


def test_a_name_refined_as_people_rename_keeps_the_models_code() -> None:
    """``_refined`` reads names as words: a word added (``timeout`` -> ``timeout_ms``), the
    case style changed (``maxSize`` -> ``max_size``), a word spelt out or abbreviated
    (``cfg`` -> ``config``, ``buf`` -> ``buffer``, ``maxLen`` -> ``maxLength``). A name that
    merely contains the other inside a word (``count`` -> ``account``, ``out`` ->
    ``timeout``) or an unrelated name is not refined."""
    for new, old in (("timeout_ms", "timeout"), ("max_size", "maxSize"), ("maxSize", "max_size"),
                     ("config", "cfg"), ("cfg", "config"), ("buffer", "buf"),
                     ("maxLength", "maxLen"), ("request_idx", "request_index"),
                     ("rows_seen", "rows"), ("isPresentNow", "isPresent")):
        assert _refined(new, old), (new, old)
    for new, old in (("account", "count"), ("timeout", "out"), ("resize", "size"),
                     ("localAddress", "remoteAddress"), ("count", "size"), ("fd", "out"),
                     ("isBefore", "isAfter"), ("hasValue", "isPresent"), ("max", "min"),
                     ("xs", "x"), ("same", "same")):
        assert not _refined(new, old), (new, old)


def test_a_small_snippet_whose_name_is_spelt_out_or_restyled_stays_ai() -> None:
    """Signature kept, the one statement's name spelt out (``remoteAddr`` ->
    ``remoteAddress``) or written in another case style: the model's code, touched. A name
    merely containing the old one inside a word (``remoteAddr`` -> ``premoteAddr``) is
    another name: human, as before."""
    getter = GETTER.replace("remoteAddress", "remoteAddr")
    for edited, origins in (
            (getter.replace("return remoteAddr;", "return remoteAddress;"), [AI, AI_EDITED, AI]),
            (getter.replace("return remoteAddr;", "return remote_addr;"), [AI, AI_EDITED, AI]),
            (getter.replace("return remoteAddr;", "return premoteAddr;"),
             [HUMAN, HUMAN, HUMAN])):
        got = _run(edited, {"g": getter}, path="src/Channel.java", language="java")
        assert [o.origin for o in got] == origins, edited


POOL = """    public ForkJoinPool getPool() {
        return pool;
    }"""


def test_a_refined_name_names_a_small_function_like_a_kept_one() -> None:
    """``getPool() { return pool; }`` with ``pool`` refined to ``poolRef``: the signature
    names two identifiers, the refined name is the model's third (``_whole``). The same
    signature returning an unrelated name (a sibling's body) stays human."""
    edited = POOL.replace("return pool;", "return poolRef;")
    got = _run(edited, {"p": POOL}, path="src/Task.java", language="java")
    assert [o.origin for o in got] == [AI, AI_EDITED, AI]
    other = POOL.replace("return pool;", "return common;")
    got = _run(other, {"p": POOL}, path="src/Task.java", language="java")
    assert {o.origin for o in got} == {HUMAN}


LOAD = '''@functools.lru_cache(maxsize=128)
def load_settings(path: str, env: str) -> Settings:
    raw = read_config_file(path, encoding="utf-8")
    merged = merge_environment(raw, env, prefix="APP_")
    validate_settings(merged, strict=True, allow_unknown=False)
    log.debug("settings loaded from %s for %s", path, env)
    return Settings.from_mapping(merged, source=path)'''


def test_a_renamed_local_under_a_changed_decorator_keeps_the_function_ai() -> None:
    """A local renamed throughout and the decorator above the signature changed: the
    suggestion's first line for ``HEAD_CHECK`` is its signature, not the decorator (which
    names other code), so the kept, renamed function stays the model's."""
    text = (LOAD.replace("maxsize=128", "maxsize=None")
            .replace("merged", "combined"))
    idx = InMemoryIndex()
    idx.add("s", Snippet(LOAD, "fence", "python", exchange_id="ex-s"))
    diff = FileDiff("app/settings.py", added=tuple(
        AddedLine(n + 1, t) for n, t in enumerate(text.split("\n"))))
    got = attribute([diff], idx)
    assert [o.origin for o in got[1:]] == [AI, AI, AI_EDITED, AI_EDITED, AI, AI_EDITED]
