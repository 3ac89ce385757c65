"""A byte-bounded LRU memo for redaction: chunk text -> the secrets' spans in it.

Invariant: it holds at most ``max_bytes`` (characters of keys plus ``SPAN_BYTES`` a span;
one entry at most a quarter of the budget), evicting the least recently used; it is safe to
share between threads.
Claude Code prompts are 50-300 KB and most of a conversation repeats every turn, so a
repeated chunk costs one hash lookup instead of a scan.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

Span = tuple[int, int, str, int]  # start, end, kind, priority (the lower wins an overlap)
SPAN_BYTES = 64


class Memo:
    """Chunk text -> its spans (most chunks hold none: an empty tuple)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self.data: OrderedDict[str, tuple[Span, ...]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> tuple[Span, ...] | None:
        with self.lock:
            val = self.data.get(key)
            if val is None:
                self.misses += 1
                return None
            self.data.move_to_end(key)
            self.hits += 1
            return val

    def put(self, key: str, val: tuple[Span, ...]) -> None:
        size = len(key) + SPAN_BYTES * len(val)
        if size > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.data:
                return
            self.data[key] = val
            self.bytes += size
            while self.bytes > self.max_bytes and self.data:
                k, v = self.data.popitem(last=False)
                self.bytes -= len(k) + SPAN_BYTES * len(v)

    def clear(self) -> None:
        with self.lock:
            self.data.clear()
            self.bytes = self.hits = self.misses = 0

    def info(self) -> dict[str, int]:
        return {"hits": self.hits, "misses": self.misses, "entries": len(self.data),
                "bytes": self.bytes}
