"""A sibling's own signature above a shared body when the suggestion's signature is wrapped
over lines (issue 17, ``_own_head``): ``maybe_read_from_IDLE_client(buf) -> Optional[Request]``
on one line over the first lines of ``maybe_read_from_SEND_RESPONSE_server``, whose
parameters sit one a line. Compared line by line the two signatures look unrelated (the
suggestion's first line is only ``def name(``); compared whole they are one rewritten as the
other: the commit's function is a sibling, and its touched line is the sibling's own, human.
The suggestion kept under its own signature with the same line touched stays AI."""

from __future__ import annotations

from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import AI_EDITED, HUMAN, AddedLine, FileDiff, Snippet

SUGGESTED = """def maybe_read_from_SEND_RESPONSE_server(
    buf: ReceiveBuffer,
) -> Union[InformationalResponse, Response, None]:
    lines = buf.maybe_extract_lines()
    if lines is None:
        if buf.is_next_line_obviously_invalid_request_line():
            raise LocalProtocolError("illegal request line")
        return None
    if not lines:
        raise LocalProtocolError("no response line received")
    matches = validate(status_line_re, lines[0], "illegal status line: {!r}", lines[0])
    http_version = (
        b"1.1" if matches["http_version"] is None else matches["http_version"]
    )
    reason = b"" if matches["reason"] is None else matches["reason"]
    status_code = int(matches["status_code"])
    return Response(headers=list(_decode_header_lines(lines[1:])), status_code=status_code,
                    reason=reason, http_version=http_version)"""

SIBLING = """def maybe_read_from_IDLE_client(buf: ReceiveBuffer) -> Optional[Request]:
    lines = buf.maybe_extract_lines()
    if lines is None:
        if buf.is_next_line_obviously_invalid_request_line():
            raise LocalProtocolError("illegal request line")
        return None
    if not lines:
        raise LocalProtocolError("no request line received")
    matches = validate(
        request_line_re, lines[0], "illegal request line: {!r}", lines[0]
    )
    return Request(
        headers=list(_decode_header_lines(lines[1:])), _parsed=True, **matches
    )"""

TOUCHED = "no request line received"


def _origins(text: str) -> dict[str, str]:
    idx = InMemoryIndex()
    idx.add("s", Snippet(SUGGESTED, "fence", "python", exchange_id="ex-s"))
    diff = FileDiff("h11/_readers.py", added=tuple(
        AddedLine(n + 1, t) for n, t in enumerate(text.split("\n"))), status="A")
    return {line.strip(): o.origin for o, line in zip(attribute([diff], idx),
                                                      text.split("\n"), strict=True)
            if line.strip()}


def test_the_touched_line_under_a_siblings_own_signature_is_human() -> None:
    got = _origins(SIBLING)
    assert got[f'raise LocalProtocolError("{TOUCHED}")'] == HUMAN


def test_the_suggestion_with_the_same_line_touched_stays_ai() -> None:
    got = _origins(SUGGESTED.replace("no response line received", TOUCHED))
    assert got[f'raise LocalProtocolError("{TOUCHED}")'] == AI_EDITED
    assert got["def maybe_read_from_SEND_RESPONSE_server("] != HUMAN
