"""Spool files of built exchanges (JSON lines), the format before the write-ahead spool.

The recorder now keeps raw exchanges in the write-ahead spool (``proxy.wal``) until the
store has them; this module reads the files earlier versions wrote (and can still write
them, for tools and tests), replays them, and counts everything waiting for ``aiprov
status``. Only built (redacted) exchanges are in these files, never raw bytes. A file is
deleted only after its exchanges are committed to the store, and saving is idempotent per
exchange id, so a crash between the two replays at worst a duplicate that the store ignores.

Each file belongs to one store: its name starts with the store's tag
(``proxy.wal.store_tag``) and only a recorder for that store replays it. Files without a
tag were written before stores were tagged and are replayed by any store, as they were.
Writes are atomic and durable (temporary file, fsync, rename, directory fsync); a
temporary file left by a killed writer is swept.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from proxy.exchange import Exchange, Identity, RequestInfo, ResponseInfo, ToolCall, Usage
from proxy.wal import backlog as wal_backlog
from proxy.wal import fsync_dir


def to_json(ex: Exchange) -> str:
    return json.dumps(asdict(ex), ensure_ascii=False, separators=(",", ":"), default=str)


def from_json(line: str) -> Exchange:
    d: dict[str, Any] = json.loads(line)
    req = d["request"]
    req["messages"] = tuple(req.get("messages", ()))
    req["tools_offered"] = tuple(req.get("tools_offered", ()))
    req["errors"] = tuple(req.get("errors", ()))
    resp = d["response"]
    resp["tool_calls"] = tuple(ToolCall(**t) for t in resp.get("tool_calls", ()))
    resp["usage"] = Usage(**resp.get("usage", {}))
    resp["errors"] = tuple(resp.get("errors", ()))
    resp["alternatives"] = tuple(resp.get("alternatives", ()))
    d["request"] = RequestInfo(**req)
    d["response"] = ResponseInfo(**resp)
    d["identity"] = Identity(**d["identity"])
    return Exchange(**d)


class Spool:
    def __init__(self, directory: Path, *, store: str | None = None) -> None:
        self.dir = directory
        self.store = store  # a store tag: this spool's files, plus untagged older ones
        self._lock = threading.Lock()

    def append(self, exchanges: Sequence[Exchange]) -> None:
        """Write ``exchanges`` to a new spool file (fsync'd); raises OSError on failure."""
        if not exchanges:
            return
        with self._lock:
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            stamp = f"{time.time_ns():020d}-{os.getpid()}.jsonl"
            name = f"{self.store}-{stamp}" if self.store else stamp
            tmp = self.dir / (name + ".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                for ex in exchanges:
                    f.write(to_json(ex) + "\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.dir / name)
            fsync_dir(self.dir)

    def files(self) -> list[Path]:
        """This store's files (and untagged ones), oldest first."""
        if not self.dir.is_dir():
            return []
        out = []
        for p in self.dir.glob("*.jsonl"):
            tag = p.name.split("-", 1)[0]
            untagged = len(tag) == 20 and tag.isdigit()
            if not untagged and self.store is not None and tag != self.store:
                continue
            out.append(p)
        return sorted(out, key=lambda p: p.name.rsplit("-", 2)[-2])

    def pending(self) -> int:
        """Exchanges waiting on disk for any store: in these files and in the write-ahead
        spool (``aiprov status`` when the proxy is not running)."""
        return self.legacy_pending() + wal_backlog(self.dir)[0]

    def legacy_pending(self) -> int:
        """Exchanges waiting in this store's JSON-lines files."""
        n = 0
        for f in self.files():
            try:
                with f.open("rb") as fh:
                    n += sum(1 for _ in fh)
            except OSError:
                continue
        return n

    def batches(self) -> Iterator[tuple[Path, list[Exchange], int]]:
        """(file, exchanges, unreadable line count) for each spool file, oldest first."""
        for f in self.files():
            exchanges, bad = [], 0
            try:
                text = f.read_text(encoding="utf-8")
            except OSError:
                continue
            for line in text.splitlines():
                if not line.strip():
                    continue
                try:
                    exchanges.append(from_json(line))
                except (ValueError, TypeError, KeyError):
                    bad += 1
            yield f, exchanges, bad

    def done(self, path: Path) -> None:
        path.unlink(missing_ok=True)
