"""The incremental SSE decoder: line ends, fields, and any chunking of the same bytes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proxy.formats.sse import Event, SSEDecoder


def decode(chunks: list[bytes]) -> list[tuple[str | None, str]]:
    dec = SSEDecoder()
    out: list[Event] = []
    for c in chunks:
        out += dec.feed(c)
    out += dec.finish()
    return [(e.event, e.data) for e in out]


@pytest.mark.parametrize(("raw", "events"), [
    (b"data: a\n\n", [(None, "a")]),
    (b"data: a\r\n\r\n", [(None, "a")]),
    (b"data: a\r\rdata: b\r\r", [(None, "a"), (None, "b")]),  # lone CR ends a line
    (b"\xef\xbb\xbfdata: bom\n\n", [(None, "bom")]),
    (b": keep-alive\n\ndata: x\n\n", [(None, "x")]),
    (b"event: ping\ndata: {}\n\n", [("ping", "{}")]),
    (b"data: 1\ndata: 2\n\n", [(None, "1\n2")]),  # data lines join with \n
    (b"data:nospace\n\n", [(None, "nospace")]),
    (b"data:  two spaces\n\n", [(None, " two spaces")]),  # only one space is stripped
    (b"data\n\n", [(None, "")]),  # a field name alone: empty value
    (b"id: 7\nretry: 10\ndata: z\n\n", [(None, "z")]),
    (b"event: lonely\n\n", []),  # no data: not dispatched
    (b"data: cut", [(None, "cut")]),  # a stream cut before the blank line keeps the event
    (b"data: cut\r", [(None, "cut")]),
    (b"data: caf\xc3\xa9 \xe2\x9c\x93\n\n", [(None, "café ✓")]),
    (b"data: bad \xff byte\n\n", [(None, "bad \ufffd byte")]),
])
def test_decoder_table(raw, events):
    assert decode([raw]) == events
    assert decode([raw[i:i + 1] for i in range(len(raw))]) == events  # byte by byte


def test_done_sentinel():
    [ev] = SSEDecoder().feed(b"data: [DONE]\n\n")
    assert ev.done and not Event(None, "{}").done


def test_a_long_line_fed_byte_by_byte_completes_once():
    dec = SSEDecoder()
    line = b"data: " + b"x" * 50_000
    got = [e for b in (line[i:i + 1] for i in range(len(line))) for e in dec.feed(b)]
    assert got == []
    [ev] = dec.feed(b"\n\n")
    assert len(ev.data) == 50_000 and dec.events_seen == 1


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
               max_size=30)
EVENTS = st.lists(st.tuples(st.one_of(st.none(), st.sampled_from(["a", "message_start", "é"])),
                            st.lists(TEXT, min_size=1, max_size=3)), max_size=8)


@settings(max_examples=150, deadline=None)
@given(events=EVENTS, eols=st.lists(st.sampled_from([b"\n", b"\r\n", b"\r"]), min_size=1,
                                   max_size=4),
       cuts=st.lists(st.integers(min_value=0, max_value=2000), max_size=30))
def test_any_chunking_and_line_ends_give_the_same_events(events, eols, cuts):
    """Line ends may even change within a stream (LF first, CR LF later)."""
    cycle = iter(eols * 100)
    last = [b""]

    def end() -> bytes:  # a lone CR followed by LF would be one CR LF line end
        e = next(cycle)
        e = b"\r" if last[0] == b"\r" and e.startswith(b"\n") else e
        last[0] = e
        return e

    raw = b""
    for name, lines in events:
        if name is not None:
            raw += b"event: " + name.encode() + end()
        for line in lines:
            raw += b"data: " + line.encode() + end()
        raw += end()
    points = sorted({c % (len(raw) + 1) for c in cuts})
    chunks = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]
    expected = [(name, "\n".join(lines)) for name, lines in events]
    assert decode(chunks) == expected
