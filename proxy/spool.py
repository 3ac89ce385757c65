"""Spool: exchanges kept on disk while the store is slow or down.

Only built (redacted) exchanges are spooled, never raw bytes, so secrets do not reach
disk in clear here either. One JSON line per exchange, in files named by creation time;
a file is deleted only after its exchanges are committed to the store, and saving is
idempotent per exchange id, so a crash between the two replays at worst a duplicate
that the store ignores.
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
    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self._lock = threading.Lock()

    def append(self, exchanges: Sequence[Exchange]) -> None:
        """Write ``exchanges`` to a new spool file (fsync'd); raises OSError on failure."""
        if not exchanges:
            return
        with self._lock:
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            name = f"{time.time_ns():020d}-{os.getpid()}.jsonl"
            tmp = self.dir / (name + ".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                for ex in exchanges:
                    f.write(to_json(ex) + "\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.dir / name)

    def files(self) -> list[Path]:
        if not self.dir.is_dir():
            return []
        return sorted(self.dir.glob("*.jsonl"))

    def pending(self) -> int:
        """Exchanges waiting in spool files."""
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
