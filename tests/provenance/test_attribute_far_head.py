"""A sibling that ends as the suggestion ends (issue 17): the committed function opens with
the snippet's signature rewritten, far above the shared tail (``_far_head``). The tail stays
human; the suggestion itself, and a part of it pasted below other code, stay AI."""

from __future__ import annotations

import pytest

from provenance import attribute as attribute_module
from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, HUMAN, AddedLine, FileDiff, LineOrigin, Snippet

# the suggestion: a Go conversion whose last part (the zero and infinite cases) is shared
# by every conversion of the type
TO_RATIO = """func (v *Value) Ratio(z *Ratio) (*Ratio, Precision) {
	if traceValues {
		v.check()
	}

	if z == nil && v.kind <= regular {
		z = new(Ratio)
	}

	switch v.kind {
	case regular:
		width := int32(len(v.digits)) * wordBits
		z.num.sign = v.sign
		switch {
		case v.scale > width:
			z.num.mag = z.num.mag.shiftLeft(v.digits, uint(v.scale-width))
			z.den.mag = z.den.mag.setWord(1)
		case v.scale < width:
			z.num.mag = z.num.mag.set(v.digits)
			t := z.den.mag.setUint64(1)
			z.den.mag = t.shiftLeft(t, uint(width-v.scale))
		default:
			z.num.mag = z.num.mag.set(v.digits)
			z.den.mag = z.den.mag.setWord(1)
		}
		return z, Exact

	case zero:
		return z.SetInt64(0), Exact

	case infinite:
		return nil, precisionOf(v.sign)
	}

	panic("unreachable")
}"""

# its sibling, written by a person: another conversion, the same opening lines, a body of
# its own, and the shared tail
TO_INTEGER = """func (v *Value) Integer(z *Integer) (*Integer, Precision) {
	if traceValues {
		v.check()
	}

	if z == nil && v.kind <= regular {
		z = new(Integer)
	}

	switch v.kind {
	case regular:
		acc := precisionOf(v.sign)
		if v.scale <= 0 {
			return z.SetInt64(0), acc
		}
		width := uint(len(v.digits)) * wordBits
		scale := uint(v.scale)
		if v.MinDigits() <= scale {
			acc = Exact
		}
		z.sign = v.sign
		switch {
		case scale > width:
			z.mag = z.mag.shiftLeft(v.digits, scale-width)
		case scale < width:
			z.mag = z.mag.shiftRight(v.digits, width-scale)
		default:
			z.mag = z.mag.set(v.digits)
		}
		return z, acc

	case zero:
		return z.SetInt64(0), Exact

	case infinite:
		return nil, precisionOf(v.sign)
	}

	panic("unreachable")
}"""

HEADER = "package values\n\nimport \"fmt\"\n\nfunc describe(v *Value) string {\n" \
         "\treturn fmt.Sprint(v.kind)\n}\n"


def _run(text: str, snippets: dict[str, str], path: str = "values/convert.go",
         ) -> list[LineOrigin]:
    idx = InMemoryIndex()
    for sid, snippet in snippets.items():
        idx.add(sid, Snippet(snippet, "fence", "go", exchange_id=f"ex-{sid}"))
    diff = FileDiff(path, added=tuple(AddedLine(n + 1, t)
                                      for n, t in enumerate(text.split("\n"))))
    return attribute([diff], idx)


def _ai_lines(text: str, got: list[LineOrigin]) -> list[str]:
    return [line.strip() for line, o in zip(text.split("\n"), got, strict=True)
            if o.origin != HUMAN]


def _weighty(lines: list[str]) -> list[str]:
    return [t for t in lines if any(c.isalpha() for c in t)]


def test_a_siblings_shared_tail_under_its_own_signature_far_above_is_human() -> None:
    text = HEADER + "\n" + TO_INTEGER
    got = _run(text, {"s": TO_RATIO})
    assert _weighty(_ai_lines(text, got)) == []


def test_the_shared_tail_was_ai_without_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    # the case above is the one the check exists for: without it the tail is taken
    monkeypatch.setattr(attribute_module, "FAR_HEAD_CHECK", False)
    text = HEADER + "\n" + TO_INTEGER
    assert "return nil, precisionOf(v.sign)" in _ai_lines(text, _run(text, {"s": TO_RATIO}))


def test_the_suggestion_committed_beside_its_sibling_stays_ai() -> None:
    text = HEADER + "\n" + TO_RATIO + "\n\n" + TO_INTEGER
    got = _run(text, {"s": TO_RATIO})
    ratio_lines = [o.origin for o in got[len(HEADER.split("\n")):][:len(TO_RATIO.split("\n"))]]
    assert ratio_lines.count(HUMAN) == 0
    sibling = got[-len(TO_INTEGER.split("\n")):]
    assert _weighty([t.strip() for t, o in zip(TO_INTEGER.split("\n"), sibling, strict=True)
                     if o.origin != HUMAN]) == []


def test_the_suggestions_tail_pasted_below_other_code_stays_ai() -> None:
    # a part of the suggestion, pasted as a block of its own under a function whose
    # signature looks like the snippet's: not a sibling's tail
    own = ("func (v *Value) Integer(z *Integer) (*Integer, Precision) {\n"
           "\treturn z, Exact\n}\n")
    tail = "\n".join(TO_RATIO.split("\n")[10:])
    text = own + "\n" + tail
    got = _run(text, {"s": TO_RATIO})
    by_line = dict(zip(text.split("\n"), (o.origin for o in got), strict=False))
    assert by_line["\t\twidth := int32(len(v.digits)) * wordBits"] != HUMAN
    assert by_line["\t\treturn nil, precisionOf(v.sign)"] != HUMAN
    assert by_line["\treturn z, Exact"] == HUMAN
    assert AI in by_line.values()


CONFIGURE = """    def configure(self, client_side: bool = True, validate_outbound: bool = True,
                  normalize_outbound: bool = True, split_cookies: bool = True,
                  logger: Logger | None = None) -> None:
        self.client_side = client_side
        self.validate_outbound_headers = validate_outbound
        self.normalize_outbound_headers = normalize_outbound
        self.split_outbound_cookies = split_cookies
        self.logger = logger or NullLogger()"""


def test_a_python_part_pasted_under_a_like_method_after_a_blank_line_stays_ai() -> None:
    # Python closes a method with no line of its own: the blank line the snippet does not
    # have is what says the part starts a block of its own (not the tail of the method above)
    own = ("    def configure_side(self, client_side: bool = True) -> None:\n"
           "        self.name = name\n"
           "        self.attr_name = f\"_{self.name}\"\n")
    part = "\n".join(CONFIGURE.split("\n")[2:])
    text = own + "\n" + part
    idx = InMemoryIndex()
    idx.add("s", Snippet(CONFIGURE, "fence", "python", exchange_id="ex-s"))
    diff = FileDiff("h2/config.py", added=tuple(AddedLine(n + 1, t)
                                                for n, t in enumerate(text.split("\n"))))
    got = attribute([diff], idx)
    by_line = dict(zip(text.split("\n"), (o.origin for o in got), strict=True))
    assert by_line["        self.split_outbound_cookies = split_cookies"] != HUMAN
    assert by_line["        self.client_side = client_side"] != HUMAN
    assert by_line["        self.name = name"] == HUMAN


# another implementation of the same method (another resolver class): the same signature,
# a body of its own, and the suggestion's closing lines
THREADED = """    async def resolve(
        self, host: str, port: int = 0, family: int = AF_INET
    ) -> list[Resolved]:
        infos = await self._loop.getaddrinfo(host, port, type=SOCK_STREAM, family=family)
        found: list[Resolved] = []
        for family, _, proto, _, address in infos:
            if family == AF_INET6 and address[3]:
                resolved_host, _port = await self._loop.getnameinfo(address, NAME_FLAGS)
                port = int(_port)
            else:
                resolved_host, port = address[:2]
            found.append(
                Resolved(
                    hostname=host,
                    host=resolved_host,
                    port=port,
                    family=family,
                    proto=proto,
                    flags=NUMERIC_FLAGS,
                )
            )
        return found"""

ASYNC_DNS = """    async def resolve(
        self, host: str, port: int = 0, family: int = AF_INET
    ) -> list[Resolved]:
        try:
            resp = await self._resolver.lookup(host, port=port, family=family)
        except DNSError as exc:
            raise OSError(None, str(exc)) from exc
        found: list[Resolved] = []
        for node in resp.nodes:
            address = node.addr
            if node.family == AF_INET6 and len(address) > 3 and address[3]:
                answer = await self._resolver.reverse(address, NAME_FLAGS)
                resolved_host = answer.node
            else:
                resolved_host = address[0].decode("ascii")
                port = address[1]
            found.append(
                Resolved(
                    hostname=host,
                    host=resolved_host,
                    port=port,
                    family=node.family,
                    proto=0,
                    flags=NUMERIC_FLAGS,
                )
            )
        return found"""


def test_another_implementation_under_the_same_signature_keeps_its_tail_human() -> None:
    idx = InMemoryIndex()
    idx.add("s", Snippet(THREADED, "fence", "python", exchange_id="ex-s"))
    diff = FileDiff("net/resolver.py", added=tuple(
        AddedLine(n + 1, t) for n, t in enumerate(ASYNC_DNS.split("\n"))))
    got = attribute([diff], idx)
    assert _weighty(_ai_lines(ASYNC_DNS, got)) == []


# a setter suggested; its getter written by a person: a new name on the signature, the same
# opening statements, and its own last statement (``_rewritten_end``)
SETTER = """    @ForceInline
    static void store(SlotHandle sh, Object holder, int slot, Object value) {
        Slots slots = (Slots) sh;
        Object[] cells = (Object[]) slots.cellType.cast(holder);
        cells[slot] = slots.valueType.cast(value);
    }"""

GETTER = """    @ForceInline
    static Object load(SlotHandle sh, Object holder, int slot) {
        Slots slots = (Slots) sh;
        Object[] cells = (Object[]) slots.cellType.cast(holder);
        return cells[slot];
    }"""


def _java(text: str, snippet: str) -> list[LineOrigin]:
    idx = InMemoryIndex()
    idx.add("s", Snippet(snippet, "fence", "java", exchange_id="ex-s"))
    diff = FileDiff("slots/SlotHandles.java", added=tuple(
        AddedLine(n + 1, t) for n, t in enumerate(text.split("\n"))))
    return attribute([diff], idx)


def test_a_renamed_signature_over_a_rewritten_last_statement_is_a_siblings() -> None:
    assert _weighty(_ai_lines(GETTER, _java(GETTER, SETTER))) == []


def test_a_suggestion_renamed_by_hand_with_its_body_kept_to_the_end_stays_ai() -> None:
    renamed = SETTER.replace("static void store(", "static void storeCell(")
    got = _java(renamed, SETTER)
    assert [o.origin for o in got].count(HUMAN) == 0, _ai_lines(renamed, got)
