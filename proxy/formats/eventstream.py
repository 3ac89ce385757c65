"""Incremental decoder of the AWS event-stream framing (``application/vnd.amazon.eventstream``).

Bedrock's streamed answers (InvokeModelWithResponseStream, ConverseStream) are binary
messages: total length and headers length (4 bytes each, big-endian), a CRC32 of those 8
bytes, the headers (name length byte, name, type byte, value), the payload, and a CRC32 of
the whole message. Chunk boundaries are arbitrary, so bytes are buffered to a whole message.
A bad CRC or length is reported in words and decoding stops (the framing is lost).
"""

from __future__ import annotations

import binascii
import struct
from dataclasses import dataclass

_MAX_MESSAGE = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Message:
    headers: dict[str, str | int | bytes | bool]
    payload: bytes

    @property
    def kind(self) -> str:
        """``chunk``, ``messageStart``... for events; the exception type for exceptions."""
        value = self.headers.get(":event-type") or self.headers.get(":exception-type") or ""
        return str(value)

    @property
    def is_exception(self) -> bool:
        return self.headers.get(":message-type") in ("exception", "error")


def _headers(raw: bytes) -> dict[str, str | int | bytes | bool]:
    out: dict[str, str | int | bytes | bool] = {}
    i = 0
    while i < len(raw):
        n = raw[i]
        name = raw[i + 1:i + 1 + n].decode("utf-8", "replace")
        i += 1 + n
        kind = raw[i]
        i += 1
        value: str | int | bytes | bool
        if kind in (0, 1):  # bool true / false
            value = kind == 0
        elif kind in (2, 3, 4, 5):  # byte, short, int, long
            size = {2: 1, 3: 2, 4: 4, 5: 8}[kind]
            value = int.from_bytes(raw[i:i + size], "big", signed=True)
            i += size
        elif kind in (6, 7):  # bytes, string
            (length,) = struct.unpack(">H", raw[i:i + 2])
            data = raw[i + 2:i + 2 + length]
            value = data.decode("utf-8", "replace") if kind == 7 else data
            i += 2 + length
        elif kind == 8:  # timestamp
            value = int.from_bytes(raw[i:i + 8], "big", signed=True)
            i += 8
        elif kind == 9:  # uuid
            value = raw[i:i + 16]
            i += 16
        else:
            raise ValueError(f"unknown header type {kind}")
        out[name] = value
    return out


class EventStreamDecoder:
    def __init__(self) -> None:
        self._buf = bytearray()
        self.errors: list[str] = []
        self.broken = False
        self.messages_seen = 0

    def feed(self, chunk: bytes) -> list[Message]:
        if self.broken:
            return []
        self._buf += chunk
        out: list[Message] = []
        buf = self._buf
        pos = 0
        while len(buf) - pos >= 12:
            total, head_len, prelude_crc = struct.unpack(">III", buf[pos:pos + 12])
            if binascii.crc32(buf[pos:pos + 8]) != prelude_crc or not (
                    16 + head_len <= total <= _MAX_MESSAGE):
                self.errors.append(f"event-stream prelude is corrupt at byte {pos}")
                self.broken = True
                break
            if len(buf) - pos < total:
                break
            msg = bytes(buf[pos:pos + total])
            (msg_crc,) = struct.unpack(">I", msg[-4:])
            if binascii.crc32(msg[:-4]) != msg_crc:
                self.errors.append(f"event-stream message CRC mismatch at byte {pos}")
                self.broken = True
                break
            try:
                headers = _headers(msg[12:12 + head_len])
            except (ValueError, IndexError, struct.error) as exc:
                self.errors.append(f"event-stream headers unreadable: {exc}")
                headers = {}
            out.append(Message(headers, msg[12 + head_len:-4]))
            self.messages_seen += 1
            pos += total
        del buf[:pos]
        return out

    @property
    def events_seen(self) -> int:
        return self.messages_seen

    def finish(self) -> None:
        if self._buf and not self.broken:
            self.errors.append(f"event-stream ended inside a message ({len(self._buf)} bytes "
                               "left)")
