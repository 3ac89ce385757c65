"""Look-alikes of a suggestion that a person wrote (issue 17): a sibling with its own
signature over a shared body, a few shared lines inside another function, a sibling whose
names differ once each and whose lines are rewritten. They stay human; the suggestion kept
with a touch or two, or pasted in part, stays AI."""

from __future__ import annotations

from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, HUMAN, AddedLine, FileDiff, LineOrigin, Snippet

LOAD = """def load_user(self, user_id):
    cache = self.cache
    # Skip the database when the entry is fresh.
    if cache is None or cache is self._default_cache:
        cache = cache.refresh(timeout=self.timeout)
    key = self.key_for(user_id)
    if key in cache.entries and cache.fresh(key):
        return cache.entries[key]
    row = self.db.fetch_user(user_id)
    cache.store(key, row)
    return row"""

# a sibling: its own signature (like the snippet's, not the same), the first lines shared
LOAD_ROLES = """def load_user_roles(self, user_id, roles=None, strict=False):
    cache = self.cache
    if cache is None or cache is self._default_cache:
        cache = cache.refresh(timeout=self.timeout)
    key = self.key_for(user_id)
    # roles live in their own table
    granted = [r for r in self.roles_table.lookup(key) if roles is None or r in roles]
    if strict and not granted:
        raise PermissionError(user_id)
    return granted"""

REMOVE = """public E removeAt(int index) {
    synchronized (lock) {
        Object[] items = snapshot();
        int size = items.length;
        E previous = itemAt(items, index);
        int tail = size - index - 1;
        Object[] fresh;
        if (tail == 0)
            fresh = Arrays.copyOf(items, size - 1);
        else {
            fresh = new Object[size - 1];
            System.arraycopy(items, 0, fresh, 0, index);
            System.arraycopy(items, index + 1, fresh, index, tail);
        }
        install(fresh);
        return previous;
    }
}"""

# another method of the class: the lock-and-snapshot lines in the middle of its own code
APPEND = """public boolean appendAll(Collection<? extends E> c) {
    Object[] extra = c.toArray();
    if (extra.length == 0)
        return false;
    synchronized (lock) {
        Object[] items = snapshot();
        int size = items.length;
        Object[] fresh;
        if (size == 0 && c.getClass() == ArrayList.class) {
            fresh = extra;
        } else {
            fresh = Arrays.copyOf(items, size + extra.length);
            System.arraycopy(extra, 0, fresh, size, extra.length);
        }
        install(fresh);
        return true;
    }
}"""

UNARY = """def evaluate(self, scope=None):
    scope = resolve_scope(self, scope)
    # guarded operators are evaluated at run time only
    if scope.settings.guarded and self.symbol in scope.settings.guarded_unary_ops:
        raise NotConstant()
    handler = _PREFIX_HANDLERS[self.symbol]
    try:
        return handler(self.operand.evaluate(scope))
    except Exception as exc:
        raise NotConstant() from exc"""

# the binary twin: two names differ (once each) and the call is rewritten
BINARY = (UNARY.replace("guarded_unary_ops", "guarded_binary_ops")
          .replace("_PREFIX_HANDLERS", "_INFIX_HANDLERS")
          .replace("handler(self.operand.evaluate(scope))",
                   "handler(self.left.evaluate(scope), self.right.evaluate(scope))"))


def _run(text: str, snippets: dict[str, str], path: str) -> list[LineOrigin]:
    language = {".java": "java", ".go": "go"}.get(path[path.rfind("."):], "python")
    idx = InMemoryIndex()
    for sid, snippet in snippets.items():
        idx.add(sid, Snippet(snippet, "fence", language, exchange_id=f"ex-{sid}"))
    diff = FileDiff(path, added=tuple(AddedLine(n + 1, t)
                                      for n, t in enumerate(text.split("\n"))))
    return attribute([diff], idx)


def _ai_lines(text: str, got: list[LineOrigin]) -> list[str]:
    return [line.strip() for line, o in zip(text.split("\n"), got, strict=True)
            if o.origin != HUMAN]


def test_a_sibling_with_its_own_signature_over_shared_first_lines_is_human() -> None:
    assert _ai_lines(LOAD_ROLES, _run(LOAD_ROLES, {"s": LOAD}, "app/users.py")) == []


def test_shared_lines_in_the_middle_of_another_method_are_human() -> None:
    assert _ai_lines(APPEND, _run(APPEND, {"s": REMOVE}, "app/Items.java")) == []


def test_names_changed_once_each_and_a_rewritten_line_are_a_siblings() -> None:
    assert _ai_lines(BINARY, _run(BINARY, {"s": UNARY}, "app/nodes.py")) == []


def test_a_kept_suggestion_with_one_name_and_one_call_touched_stays_ai() -> None:
    touched = (UNARY.replace("guarded_unary_ops", "guarded_ops")
               .replace("handler(self.operand.evaluate(scope))",
                        "handler(self.operand.evaluate(scope), strict=True)"))
    got = _run(touched, {"s": UNARY}, "app/nodes.py")
    assert [o.origin for o in got].count(HUMAN) == 0, _ai_lines(touched, got)


def test_part_of_a_suggestion_pasted_after_a_blank_line_stays_ai() -> None:
    own = "int unrelated() {\n    return 1;\n}\n\n"
    part = "\n".join(REMOVE.split("\n")[1:10])
    text = own + part
    got = _run(text, {"s": REMOVE}, "app/Items.java")
    by_line = dict(zip(text.split("\n"), (o.origin for o in got), strict=True))
    assert by_line["        Object[] items = snapshot();"] == AI
    assert by_line["        E previous = itemAt(items, index);"] == AI
    assert by_line["    return 1;"] == HUMAN


def test_a_kept_suggestion_with_a_touched_line_keeps_its_signature_and_stays_ai() -> None:
    touched = LOAD.replace("timeout=self.timeout", "timeout=2 * self.timeout")
    got = _run(touched, {"s": LOAD}, "app/users.py")
    assert [o.origin for o in got].count(HUMAN) == 0, _ai_lines(touched, got)


# the mirror of a method: "send" and "receive" swapped each way in its names (the receiving
# side closed like the sending side), a sibling written for the other direction
CLOSE_SEND = """def close_sender(self) -> None:
    if self._closed:
        return
    self._closed = True
    self._shared.open_send_ends -= 1
    if self._shared.open_send_ends == 0:
        receive_waiters = list(self._shared.blocked_receivers)
        self._shared.blocked_receivers.clear()
        for waiter in receive_waiters:
            waiter.wake()
    self._log.debug("closed %s", self._name)
    self._buffer.release()
    return None"""
CLOSE_RECEIVE = (CLOSE_SEND.replace("close_sender", "close_receiver")
                 .replace("open_send_ends", "open_receive_ends")
                 .replace("receive_waiters", "send_waiters")
                 .replace("blocked_receivers", "blocked_senders"))


def test_a_mirrored_sibling_swapping_a_word_each_way_is_human() -> None:
    got = _run(CLOSE_RECEIVE, {"s": CLOSE_SEND}, "app/streams.py")
    # the lines the two share verbatim are the mirror's own too; none of its renamed lines
    assert not any("receive_ends" in t or "send_waiters" in t or "blocked_senders" in t
                   for t in _ai_lines(CLOSE_RECEIVE, got))


def test_names_renamed_one_way_in_a_kept_suggestion_stay_ai() -> None:
    # the same word replaced in two names, one way only (a person's vocabulary): kept code
    renamed = (CLOSE_SEND.replace("receive_waiters", "reader_waiters")
               .replace("blocked_receivers", "blocked_readers"))
    got = _run(renamed, {"s": CLOSE_SEND}, "app/streams.py")
    assert "receive_waiters" not in renamed
    assert any("reader_waiters" in t for t in _ai_lines(renamed, got))


# a small function, then in the commit its sibling for another element type: the sibling's
# body is the suggestion's body line verbatim, the suggestion's own line was touched in place
COUNT_INTS = """func CountInts(items []int, limit int) int {
	return countWhere(len(items), func(i int) bool { return items[i] >= limit })
}"""
COUNTS = """func CountInts(items []int, limit int) int {
	return countWhere(len(items), func(i int) bool { return items[i] > limit })
}

func CountFloats(items []float64, limit float64) int {
	return countWhere(len(items), func(i int) bool { return items[i] >= limit })
}"""


def test_snippet_lines_met_again_under_a_siblings_signature_are_the_siblings() -> None:
    got = _run(COUNTS, {"s": COUNT_INTS}, "app/count.go")
    lines = COUNTS.split("\n")
    assert got[0].origin == AI  # the suggestion's own signature, in place
    sibling = [o.origin for t, o in zip(lines, got, strict=True)][4:]
    assert sibling == [HUMAN] * 3, _ai_lines(COUNTS, got)


def test_a_statement_put_between_the_suggestions_lines_does_not_end_it() -> None:
    # a person's statement inside the kept suggestion, even one naming what its signature
    # names, is no other function's signature: the lines below it stay the suggestion's
    kept = COUNT_INTS.replace("\treturn", "counted := CountInts(items, limit)\n\treturn")
    got = _run(kept, {"s": COUNT_INTS}, "app/count.go")
    assert [o.origin for o in got] == [AI, HUMAN, AI, AI], _ai_lines(kept, got)


OPEN = '''def open_channel(
    address: tuple[str, int],
    timeout: _TYPE_TIMEOUT = _DEFAULT_TIMEOUT,
    source_address: tuple[str, int] | None = None,
    socket_options: _TYPE_SOCKET_OPTIONS | None = None,
) -> socket.socket:
    """Connect to *address* and return the socket object."""
    host, port = address
    err = None
    for res in socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM):
        af, socktype, proto, canonname, sa = res
        sock = socket.socket(af, socktype, proto)
        _set_socket_options(sock, socket_options)
        if timeout is not _DEFAULT_TIMEOUT:
            sock.settimeout(timeout)
        if source_address:
            sock.bind(source_address)
        sock.connect(sa)
        return sock
    raise OSError("getaddrinfo returns an empty list")'''

# another function's parameter list: three of the suggestion's parameters under its own
# ``port`` and a ``*,`` marker (a line of punctuation only), one of its own between them
CHANNEL = '''class Channel:
    def __init__(
        self,
        host: str,
        port: int = 0,
        *,
        timeout: _TYPE_TIMEOUT = _DEFAULT_TIMEOUT,
        source_address: tuple[str, int] | None = None,
        blocksize: int = 8192,
        socket_options: _TYPE_SOCKET_OPTIONS | None = None,
        proxy: Url | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.blocksize = blocksize'''


def test_shared_lines_under_a_punctuation_line_of_another_function_are_human() -> None:
    # the ``*,`` above them is no paragraph's start: the commit's own ``port`` is
    assert _ai_lines(CHANNEL, _run(CHANNEL, {"s": OPEN}, "app/channel.py")) == []


def test_the_suggestion_kept_with_a_keyword_only_marker_added_stays_ai() -> None:
    # the twin: the suggested function itself, a person's ``*,`` put in its parameter list
    kept = OPEN.replace("    timeout:", "    *,\n    timeout:", 1)
    got = _run(kept, {"s": OPEN}, "app/channel.py")
    assert [line for line, o in zip(kept.split("\n"), got, strict=True)
            if o.origin == HUMAN and line.strip() not in ("", "*,")] == []


def test_a_part_of_the_suggestion_pasted_as_a_paragraph_of_its_own_stays_ai() -> None:
    # the twin: the suggestion's loop pasted under a person's code after a blank line
    part = "\n".join(OPEN.split("\n")[9:19])
    text = "def connect(host, port):\n    log.debug('connecting')\n\n" + part
    got = _run(text, {"s": OPEN}, "app/channel.py")
    by_line = dict(zip(text.split("\n"), (o.origin for o in got), strict=True))
    assert by_line["        sock = socket.socket(af, socktype, proto)"] == AI
    assert by_line["    log.debug('connecting')"] == HUMAN
