"""A request body read within a byte bound, gzip undone while it streams.

The bound applies to what the route will parse: the bytes after any ``Content-Encoding``
is undone. A gzip body is inflated chunk by chunk as it arrives, each step allowed to
produce only what is left of the bound plus one byte, so a small compressed body (a "gzip
bomb": 300 KB that inflate to 300 MiB) never holds more than the bound in memory; the read
stops, and the request is refused, at the first byte over it. The compressed bytes are
bounded the same way, and a declared ``Content-Length`` over the bound is refused before
anything is read.
"""

from __future__ import annotations

import zlib

from starlette.requests import Request

ENCODINGS = ("identity", "gzip", "x-gzip")


class BodyRefused(Exception):
    """The body cannot be read: ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


async def read_bounded(request: Request, limit: int) -> bytearray:
    """The body of ``request``, decompressed, at most ``limit`` bytes; ``BodyRefused`` else."""
    encoding = request.headers.get("content-encoding", "").strip().lower() or "identity"
    if encoding not in ENCODINGS:
        raise BodyRefused(415, f"Content-Encoding {encoding!r} is not supported; "
                               "send gzip or no encoding")
    too_large = BodyRefused(413, f"body over {limit:,} bytes"
                                 f"{' once decompressed' if encoding != 'identity' else ''}; "
                                 "send smaller batches")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    out = bytearray()
    received = 0
    inflate = zlib.decompressobj(wbits=31) if encoding != "identity" else None
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:
            raise too_large
        if inflate is None:
            out += chunk
            continue
        data = chunk
        try:
            while data:
                out += inflate.decompress(data, limit + 1 - len(out))
                if len(out) > limit:
                    raise too_large
                if inflate.eof and inflate.unused_data:  # another gzip member follows
                    data = inflate.unused_data
                    inflate = zlib.decompressobj(wbits=31)
                else:
                    data = b""  # all consumed: the output stayed within max_length
        except zlib.error as exc:
            raise BodyRefused(400, f"bad gzip body: {exc}") from None
    if inflate is not None and received and not inflate.eof:
        raise BodyRefused(400, "bad gzip body: it ends before the end of the gzip stream")
    return out


__all__ = ["BodyRefused", "read_bounded"]
