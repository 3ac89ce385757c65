"""Incremental Server-Sent Events decoder.

Chunk boundaries are arbitrary (inside a line, inside a UTF-8 sequence, between ``\\r``
and ``\\n``): bytes are buffered to a line end and an event ends at a blank line, as the
SSE spec says. The buffer is consumed with an offset and compacted once per feed, so a
long stream costs linear time.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Event:
    event: str | None
    data: str


class SSEDecoder:
    def __init__(self) -> None:
        self._buf = bytearray()
        self._event: str | None = None
        self._data: list[str] = []
        self.bytes_seen = 0

    def feed(self, chunk: bytes) -> list[Event]:
        self.bytes_seen += len(chunk)
        buf = self._buf
        buf += chunk
        out: list[Event] = []
        pos = 0
        while True:
            nl = buf.find(b"\n", pos)
            if nl < 0:
                break
            end = nl - 1 if nl > pos and buf[nl - 1] == 0x0D else nl
            self._line(bytes(buf[pos:end]).decode("utf-8", "replace"), out)
            pos = nl + 1
        if pos:
            del buf[:pos]
        return out

    def finish(self) -> list[Event]:
        """Events left when the stream ends without a final blank line (a cut stream)."""
        out: list[Event] = []
        if self._buf:
            self._line(bytes(self._buf).decode("utf-8", "replace").rstrip("\r"), out)
            self._buf.clear()
        self._line("", out)
        return out

    def _line(self, line: str, out: list[Event]) -> None:
        if not line:
            if self._data or self._event is not None:
                out.append(Event(self._event, "\n".join(self._data)))
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
