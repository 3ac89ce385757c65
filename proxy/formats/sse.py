"""Incremental Server-Sent Events decoder.

Chunk boundaries are arbitrary (inside a line, inside a UTF-8 sequence, between ``\\r``
and ``\\n``): bytes are buffered to a line end and an event ends at a blank line, as the
SSE spec says. Lines end with ``\\n``, ``\\r\\n`` or a lone ``\\r``; a leading byte-order
mark is dropped; comment lines (``:``) and ``id:``/``retry:`` fields are ignored.

Linear time: the buffer is consumed with an offset and compacted once per feed, and a
buffer that holds no line end yet is not rescanned from its start on the next feed.
"""

from __future__ import annotations

from dataclasses import dataclass

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Event:
    event: str | None
    data: str

    @property
    def done(self) -> bool:
        """The OpenAI end-of-stream sentinel (``data: [DONE]``)."""
        return self.data.strip() == "[DONE]"


class SSEDecoder:
    def __init__(self) -> None:
        self._buf = bytearray()
        self._scanned = 0  # bytes of _buf already known to hold no line end
        self._event: str | None = None
        self._data: list[str] = []
        self._first = True
        self._cr = False  # a CR was seen: lines may end with CR LF or a lone CR
        self.bytes_seen = 0
        self.events_seen = 0

    def feed(self, chunk: bytes) -> list[Event]:
        self.bytes_seen += len(chunk)
        buf = self._buf
        buf += chunk
        out: list[Event] = []
        if not self._cr and b"\r" not in chunk:
            # fast path (no CR seen so far): split everything up to the last LF at once
            last = buf.rfind(b"\n", self._scanned)
            if last < 0:
                self._scanned = len(buf)
                return out
            complete = bytes(buf[:last])
            del buf[: last + 1]
            self._scanned = 0
            for line in complete.split(b"\n"):
                self._line(line, out)
            return out
        self._cr = True  # CR LF or lone CR line ends: the general scan from here on
        pos = 0
        scan = self._scanned
        n = len(buf)
        while True:
            nl = buf.find(b"\n", scan)
            cr = buf.find(b"\r", scan, nl if nl >= 0 else n)
            if cr >= 0:
                # a lone CR ends a line too; CR LF is one line end. A CR as the last byte
                # may be the first half of a CR LF split across chunks: wait for more.
                if cr + 1 == n:
                    scan = cr
                    break
                end, nxt = cr, cr + 2 if buf[cr + 1] == 0x0A else cr + 1
            elif nl >= 0:
                end, nxt = nl, nl + 1
            else:
                scan = n
                break
            self._line(bytes(buf[pos:end]), out)
            pos = scan = nxt
        if pos:
            del buf[:pos]
            scan -= pos
        self._scanned = scan
        return out

    def finish(self) -> list[Event]:
        """Events left when the stream ends (a cut stream may lack the final blank line)."""
        out: list[Event] = []
        if self._buf:
            rest = bytes(self._buf)
            self._buf.clear()
            self._scanned = 0
            for line in rest.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n"):
                self._line(line, out)
        self._line(b"", out)
        return out

    def _line(self, raw: bytes, out: list[Event]) -> None:
        if raw[:5] == b"data:" and not self._first:  # the common case, kept cheap
            self._data.append((raw[6:] if raw[5:6] == b" " else raw[5:]).decode(
                "utf-8", "replace"))
            return
        line = raw.decode("utf-8", "replace")
        if self._first:
            self._first = False
            if line.startswith(_BOM):
                line = line[1:]
        if not line:
            if self._data:  # per the spec, an event without data lines is not dispatched
                out.append(Event(self._event, "\n".join(self._data)))
                self.events_seen += 1
            self._event, self._data = None, []
            return
        if line[0] == ":":
            return
        field, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        if field == "data":
            self._data.append(value)
        elif field == "event":
            self._event = value
