"""Write-ahead spool: an exchange a client received is on disk before its last bytes go out.

Invariant: the relay appends every exchange here before sending the response's final bytes
(and, with ``spool_sync=always``, waits for the append's fsync first). The recorder
(``proxy.recorder``) consumes the segments in order, writes each batch to the store, and
only then advances its checkpoint;
after a crash of the proxy or of the recorder child it resumes from the checkpoint. The
store saves idempotently per exchange id (``store.exchanges.save``), and the id is fixed
here at append time, so a batch replayed after a crash between the store's commit and the
checkpoint is recorded exactly once.

Layout under ``settings.spool_dir`` (0700; every file 0600):

- ``<store>-<time_ns>-<pid>.wal``: segments. One writer (the relay process) appends to its
  active segment under an exclusive ``flock``; a segment whose lock is free is *sealed*
  (rotated, or its writer is gone) and is deleted once consumed. ``<store>`` tags the store
  the records belong to (issue 20): a recorder replays only its own store's segments, so a
  proxy on SQLite never takes records meant for PostgreSQL.
- ``<store>.ckpt``: the consumer's checkpoint (JSON, replaced atomically): consumed offset
  per segment and the recorder's persisted counters and last error.
- ``<store>.lock``: one consumer per store at a time (two proxies sharing a home and a store).

Frames: ``AWR1`` + payload length + CRC32 + started_at (clear, so ``aiprov status`` can
count the backlog and its age without the key), then the payload: a 12-byte nonce and the
AES-256-GCM encryption of the record, the frame header as associated data.

Secrets on disk: the relay cannot redact on the hot path (redaction runs at ~25 MB/s, a
Claude Code prompt of 100 KB would cost the client 4 ms), so the record is encrypted
instead and redacted by the recorder before anything is stored. Two layers:

1. The client's API key never reaches disk, not even encrypted: the auth headers are
   replaced by their salted hash (``proxy.redact.hash_secret``, an HMAC, ~2 us) before the
   record is encoded.
2. Prompt and answer bytes (which may hold pasted secrets) are AES-GCM encrypted with a
   random key kept in ``$AIPROV_HOME/spool.key`` (0600), outside the spool directory. A
   copy of the spool (a backup of it, a bug report attaching it, another user reading a
   world-readable directory) shows nothing. The key is on the same disk, so this does not
   defend against someone who can read the user's whole home directory -- that person can
   read the store too -- and records stay only until the recorder has stored them (normally
   a fraction of a second; longer while the store is down).

What the relay waits for (``settings.spool_sync``): ``append`` writes the frame with one
``write`` from the caller's thread (tens of microseconds); from then on it is in the
kernel and survives any crash of the proxy or of its recorder (kill -9, OOM), which is what
the default ``batch`` waits for. One thread fsyncs in groups: it wakes when frames are
written, gathers for ``commit_delay`` (``spool_commit_ms``, 5 ms), and makes everything
written so far durable with one ``fdatasync``, so an OS crash or power cut loses at most
that window and the fsync's own time. With ``always`` the relay also waits (``durable``)
for the fsync that covers its frame: nothing is lost even then, at the price of the disk's
fsync time on every answer -- 0.2 ms on an idle SSD, 4-20 ms on the shared disk this was
measured on, which is why it is not the default. Appends that arrive while an fsync runs
ride on the next one.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import json
import logging
import os
import secrets
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proxy.raw import RawExchange

log = logging.getLogger("aiprov.wal")

MAGIC = b"AWR1"
HEADER = struct.Struct("<4sIId")  # magic, payload length, crc32(payload), started_at
NONCE = 12
SEGMENT_BYTES = 64 * 1024 * 1024
AUTH_HEADERS = ("authorization", "x-api-key", "api-key", "x-goog-api-key")
_U32 = struct.Struct("<I")
_keys: dict[Path, bytes] = {}
_keys_lock = threading.Lock()


# -- key and store tag ---------------------------------------------------------------------
def key_path(spool_dir: Path) -> Path:
    return spool_dir.parent / "spool.key"


def load_key(path: Path) -> bytes:
    """The spool key (32 random bytes, 0600), created on first use."""
    with _keys_lock:
        key = _keys.get(path)
        if key is not None:
            return key
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = path.read_bytes()
            if len(key) != 32:
                raise OSError(f"{path} is not a spool key (32 bytes); move it away") from None
        else:
            key = secrets.token_bytes(32)
            try:
                os.write(fd, key)
                os.fsync(fd)
            finally:
                os.close(fd)
            fsync_dir(path.parent)
        _keys[path] = key
        return key


def store_tag(db_url: str) -> str:
    """16 hex digits naming a store in file names: a hash of its URL (the URL may carry a
    password, so never the URL itself). Unsalted on purpose: every process sharing a home
    must compute the same tag without reading a key first."""
    return hashlib.sha256(b"aiprov-store\0" + db_url.encode()).hexdigest()[:16]


def fsync_dir(directory: Path) -> None:
    """Make a create/rename/unlink in ``directory`` durable (POSIX needs the directory's
    own fsync for that; a renamed file's data alone is not enough)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- record codec -------------------------------------------------------------------------
_META = ("id", "started_at", "method", "path", "upstream", "status", "client_disconnected",
         "error", "body_truncated", "source", "api_key_hash")


def encode(raw: RawExchange) -> bytes:
    """The record's clear bytes: a JSON head (headers, timings as offsets from the start,
    since ``perf_counter`` values mean nothing in another process) then the bodies."""
    headers = raw.request_headers
    if raw.api_key_hash is None or any(n in AUTH_HEADERS for n, _ in headers):
        from proxy.recorder import api_key_hash

        raw.api_key_hash = raw.api_key_hash or api_key_hash(headers)
        headers = [(n, v) for n, v in headers if n not in AUTH_HEADERS]
    t0 = raw.started_mono
    head = {k: getattr(raw, k) for k in _META}
    head["request_headers"] = headers
    head["response_headers"] = raw.response_headers
    head["first_byte"] = None if raw.first_byte_mono is None else raw.first_byte_mono - t0
    head["end"] = None if raw.end_mono is None else raw.end_mono - t0
    hb = json.dumps(head, separators=(",", ":")).encode()
    parts = [_U32.pack(len(hb)), hb, _U32.pack(len(raw.request_body)), raw.request_body,
             _U32.pack(len(raw.chunks))]
    for c in raw.chunks:
        parts += (_U32.pack(len(c)), c)
    return b"".join(parts)


def decode(data: bytes) -> RawExchange:
    mv = memoryview(data)
    pos = 0

    def take() -> bytes:
        nonlocal pos
        (n,) = _U32.unpack_from(mv, pos)
        pos += 4
        out = bytes(mv[pos:pos + n])
        if len(out) != n:
            raise ValueError("record cut short")
        pos += n
        return out

    head = json.loads(take())
    body = take()
    (count,) = _U32.unpack_from(mv, pos)
    pos += 4
    chunks = [take() for _ in range(count)]
    raw = RawExchange(
        started_at=head["started_at"], started_mono=0.0, method=head["method"],
        path=head["path"], request_headers=[tuple(h) for h in head["request_headers"]],
        request_body=body, response_headers=[tuple(h) for h in head["response_headers"]],
        chunks=chunks, first_byte_mono=head["first_byte"], end_mono=head["end"])
    for k in _META:
        if k not in ("started_at", "method", "path"):
            setattr(raw, k, head[k])
    return raw


def _aead(key: bytes) -> Any:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def seal(aead: Any, started_at: float, record: bytes, nonce: bytes | None = None) -> bytes:
    """One frame: clear header, then nonce + AES-GCM(record) bound to that header. A nonce
    must never repeat under one key (``WalWriter`` makes them: random prefix + counter)."""
    nonce = nonce or secrets.token_bytes(NONCE)
    size = NONCE + len(record) + 16
    aad = MAGIC + struct.pack("<Id", size, started_at)
    payload = nonce + aead.encrypt(nonce, record, aad)
    return HEADER.pack(MAGIC, size, zlib.crc32(payload), started_at) + payload


def unseal(aead: Any, header: tuple[bytes, int, int, float], payload: bytes) -> RawExchange:
    _, size, _, started_at = header
    aad = MAGIC + struct.pack("<Id", size, started_at)
    return decode(aead.decrypt(payload[:NONCE], payload[NONCE:], aad))


# -- segments -----------------------------------------------------------------------------
def segments(directory: Path, tag: str | None = None) -> list[Path]:
    """Segment files, oldest first (names start with the store tag, then time)."""
    if not directory.is_dir():
        return []
    pattern = f"{tag}-*.wal" if tag else "*.wal"
    return sorted(directory.glob(pattern), key=lambda p: p.name.split("-", 1)[1])


def sealed(path: Path) -> bool:
    """No writer holds the segment (rotated, or its process is gone)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing drops the probe's shared lock
    return True


def scan(path: Path, offset: int) -> Iterator[tuple[int, tuple[bytes, int, int, float]]]:
    """(offset of the next frame, header) for each complete frame from ``offset``, reading
    headers only (no key needed)."""
    try:
        size = path.stat().st_size
        f = path.open("rb")
    except OSError:
        return
    with f:
        pos = offset
        while pos + HEADER.size <= size:
            f.seek(pos)
            h = HEADER.unpack(f.read(HEADER.size))
            if h[0] != MAGIC or pos + HEADER.size + h[1] > size:
                return
            pos += HEADER.size + h[1]
            yield pos, h


def read_checkpoint(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def backlog(directory: Path, tag: str | None = None, *, exact: int = 2000
            ) -> tuple[int, float | None]:
    """(records not yet consumed, started_at of the oldest) for one store or all stores.
    The first ``exact`` records are counted frame by frame; beyond that the count is
    estimated from the bytes left and the mean frame size, so that a status request stays
    cheap however far behind the recorder is."""
    n, oldest = 0, None
    seen_bytes = 0
    left_bytes = 0
    ckpts: dict[str, dict[str, Any]] = {}
    for seg in segments(directory, tag):
        stag = seg.name.split("-", 1)[0]
        if stag not in ckpts:
            ckpts[stag] = read_checkpoint(directory / f"{stag}.ckpt").get("offsets", {})
        start = int(ckpts[stag].get(seg.name, 0))
        if n >= exact:
            with contextlib.suppress(OSError):
                left_bytes += max(0, seg.stat().st_size - start)
            continue
        pos = start
        for nxt, h in scan(seg, start):
            pos = nxt
            n += 1
            if oldest is None or h[3] < oldest:
                oldest = h[3]
            if n >= exact:
                break
        seen_bytes += pos - start
        if n >= exact:
            with contextlib.suppress(OSError):
                left_bytes += max(0, seg.stat().st_size - pos)
    if left_bytes and n:
        n += round(left_bytes / (seen_bytes / n))
    return n, oldest


# -- writer (relay side) ------------------------------------------------------------------
class WalWriter:
    """Appends frames to this process's active segment; one thread fsyncs in groups."""

    def __init__(self, directory: Path, db_url: str, *, segment_bytes: int = SEGMENT_BYTES,
                 commit_delay: float = 0.0, wait_for_fsync: bool = False) -> None:
        self.dir = directory
        self.tag = store_tag(db_url)
        self.segment_bytes = segment_bytes
        self.wait_for_fsync = wait_for_fsync  # the relay awaits ``durable``, not just append
        self.commit_delay = 0.0 if wait_for_fsync else commit_delay
        self._aead: Any = None
        self._fd: int | None = None
        self._size = 0
        self._written = 0  # sequence of the last frame written
        self._synced = 0  # sequence of the last frame made durable
        self._cond = threading.Condition(threading.Lock())
        self._nonce_prefix = secrets.token_bytes(8)  # 64 random bits per writer, then
        self._nonce_count = 0  # a 32-bit counter: unique without a syscall per frame
        self._io = threading.Lock()  # held while the fd is fsync'd or replaced
        self._waiters: list[tuple[int, asyncio.Future[None]]] = []
        self._thread: threading.Thread | None = None
        self._closed = False
        self.appended = 0
        self.failed = 0
        self.last_error: str | None = None
        self.last_error_at: float | None = None

    def append(self, raw: RawExchange) -> int:
        """Write ``raw`` (page cache, not yet durable); its sequence number for ``durable``.
        Raises OSError when it cannot be written (disk full, spool not a directory)."""
        if not raw.id:
            from proxy.recorder import new_id

            raw.id = new_id(raw.started_at)
        if self._aead is None:
            self._aead = _aead(load_key(key_path(self.dir)))
        record = encode(raw)
        with self._cond:
            self._nonce_count += 1
            if self._nonce_count >= 1 << 32:
                self._nonce_prefix, self._nonce_count = secrets.token_bytes(8), 1
            nonce = self._nonce_prefix + self._nonce_count.to_bytes(4, "little")
        frame = seal(self._aead, raw.started_at, record, nonce)
        with self._cond:
            if self._fd is None or self._size >= self.segment_bytes:
                self._rotate()
            assert self._fd is not None
            os.write(self._fd, frame)
            self._size += len(frame)
            self._written += 1
            self.appended += 1
            seq = self._written
            self._cond.notify()
        return seq

    def _rotate(self) -> None:
        """Seal the active segment (durable, unlocked) and open a new one, locked before
        it gets its visible name so that no reader ever sees it unlocked."""
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self._thread is None:
            self._thread = threading.Thread(target=self._sync_loop, name="aiprov-wal-fsync",
                                             daemon=True)
            self._thread.start()
        name = f"{self.tag}-{time.time_ns():020d}-{os.getpid()}.wal"
        tmp = self.dir / (name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.replace(tmp, self.dir / name)
        fsync_dir(self.dir)
        with self._io:
            old, self._fd, self._size = self._fd, fd, 0
            if old is not None:
                os.fdatasync(old)
                os.close(old)
        # frames written to the old fd before this point are durable now (the caller holds
        # the condition's lock)
        _wake(self._mark_synced(self._written))

    def _sync_loop(self) -> None:
        while True:
            with self._cond:
                while self._written == self._synced and not self._closed:
                    self._cond.wait()
                if self._closed and self._written == self._synced:
                    return
            if self.commit_delay:
                time.sleep(self.commit_delay)
            with self._cond:
                target = self._written
            try:
                with self._io:
                    if self._fd is not None:
                        os.fdatasync(self._fd)
            except OSError as exc:  # the frames are not durable: say so, wake the waiters
                self.last_error = f"spool fsync failed: {exc}"
                self.last_error_at = time.time()
                log.error("%s", self.last_error)
            self._synced_to(target)

    def _synced_to(self, target: int) -> None:
        with self._cond:
            ready = self._mark_synced(target)
        _wake(ready)

    def _mark_synced(self, target: int) -> list[tuple[int, asyncio.Future[None]]]:
        """Frames up to ``target`` are durable (the caller holds ``_cond``); the waiters
        to wake."""
        if target <= self._synced:
            return []
        self._synced = target
        ready = [w for w in self._waiters if w[0] <= target]
        self._waiters = [w for w in self._waiters if w[0] > target]
        self._cond.notify_all()
        return ready

    async def durable(self, seq: int) -> None:
        """Return once frame ``seq`` is fsync'd."""
        with self._cond:
            if seq <= self._synced:
                return
            fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._waiters.append((seq, fut))
        await fut

    def wait_durable(self, seq: int, timeout: float = 10.0) -> bool:
        """Blocking ``durable`` for threads (the intercepting proxy, tests)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while seq > self._synced:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self) -> None:
        """Make everything durable, release the segment (it becomes sealed)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None
        with self._io:
            if self._fd is not None:
                with contextlib.suppress(OSError):
                    os.fdatasync(self._fd)
                os.close(self._fd)
                self._fd = None
        self._synced_to(self._written)
        self._closed = False


def _wake(ready: list[tuple[int, asyncio.Future[None]]]) -> None:
    for _, fut in ready:
        with contextlib.suppress(RuntimeError):  # its loop is closed: nobody waits any more
            fut.get_loop().call_soon_threadsafe(_resolve, fut)


def _resolve(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)


# -- reader (recorder side) ---------------------------------------------------------------
@dataclass(slots=True)
class Entry:
    """One frame read back: its raw exchange, or None when it could not be decrypted."""

    segment: str
    end: int  # offset just past this frame
    raw: RawExchange | None
    recovered: bool  # from a segment left by an earlier run (a crash or a stopped proxy)


class WalReader:
    """Reads one store's segments from the checkpoint; ``commit`` advances it."""

    def __init__(self, directory: Path, db_url: str) -> None:
        self.dir = directory
        self.tag = store_tag(db_url)
        self.ckpt_path = directory / f"{self.tag}.ckpt"
        state = read_checkpoint(self.ckpt_path)
        self.offsets: dict[str, int] = {k: int(v) for k, v in state.get("offsets", {}).items()}
        self.state: dict[str, Any] = {k: v for k, v in state.items() if k != "offsets"}
        self._aead: Any = None
        self._lock_fd: int | None = None
        self._recovering: set[str] = set(p.name for p in segments(directory, self.tag)
                                         if sealed(p))

    def acquire(self) -> bool:
        """Become this store's only consumer (non-blocking; kept until ``release``)."""
        if self._lock_fd is not None:
            return True
        try:
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self.dir / f"{self.tag}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._lock_fd = fd
        # another consumer may have advanced the checkpoint while we waited for the lock
        state = read_checkpoint(self.ckpt_path)
        self.offsets = {k: int(v) for k, v in state.get("offsets", {}).items()}
        self.state = {k: v for k, v in state.items() if k != "offsets"} | {
            k: v for k, v in self.state.items() if k not in state}
        return True

    def holds(self) -> bool:
        return self._lock_fd is not None

    def release(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def read(self, limit: int) -> list[Entry]:
        """Up to ``limit`` frames past the checkpoint, oldest first. A sealed segment whose
        tail is cut (a writer killed mid-frame) or corrupt ends there; its tail is skipped
        with one ``None`` entry so that it is counted, never silently lost."""
        if self._aead is None:
            self._aead = _aead(load_key(key_path(self.dir)))
        out: list[Entry] = []
        for seg in segments(self.dir, self.tag):
            if len(out) >= limit:
                break
            is_sealed = sealed(seg)  # before reading: a sealed file does not grow
            pos = self.offsets.get(seg.name, 0)
            try:
                size = seg.stat().st_size
                f = seg.open("rb")
            except OSError:
                continue
            recovered = seg.name in self._recovering
            with f:
                f.seek(pos)
                while len(out) < limit and pos + HEADER.size <= size:
                    head = f.read(HEADER.size)
                    h = HEADER.unpack(head)
                    if h[0] != MAGIC or pos + HEADER.size + h[1] > size:
                        break
                    payload = f.read(h[1])
                    if len(payload) != h[1] or zlib.crc32(payload) != h[2]:
                        break
                    pos += HEADER.size + h[1]
                    try:
                        raw: RawExchange | None = unseal(self._aead, h, payload)
                    except Exception as exc:  # noqa: BLE001 - wrong key, corrupt: count it
                        log.error("unreadable spool record in %s at %d: %r", seg.name,
                                  pos, exc)
                        raw = None
                    out.append(Entry(seg.name, pos, raw, recovered))
            if is_sealed and pos < size and len(out) < limit:
                out.append(Entry(seg.name, size, None, recovered))  # torn or corrupt tail
        return out

    def commit(self, entries: list[Entry], state: dict[str, Any]) -> None:
        """Advance the checkpoint past ``entries`` (after the store committed them) with the
        recorder's ``state``, atomically; delete segments that are sealed and consumed."""
        for e in entries:
            self.offsets[e.segment] = max(self.offsets.get(e.segment, 0), e.end)
        self.state = state
        gone = []
        for seg in segments(self.dir, self.tag):
            off = self.offsets.get(seg.name, 0)
            with contextlib.suppress(OSError):
                if off >= seg.stat().st_size and sealed(seg):
                    gone.append(seg)
        self.save()
        for seg in gone:  # after the checkpoint: a crash here leaves a file read to its end
            seg.unlink(missing_ok=True)
            self.offsets.pop(seg.name, None)
            self._recovering.discard(seg.name)
        live = {p.name for p in segments(self.dir, self.tag)}
        self.offsets = {k: v for k, v in self.offsets.items() if k in live}
        if gone:
            fsync_dir(self.dir)

    def save(self) -> None:
        data = json.dumps({"offsets": self.offsets, **self.state}, default=str)
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = self.dir / f"{self.tag}.ckpt.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data.encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.ckpt_path)
        fsync_dir(self.dir)

    def backlog(self) -> tuple[int, float | None]:
        return backlog(self.dir, self.tag)


def sweep_tmp(directory: Path, older_than: float = 600.0) -> int:
    """Delete ``*.tmp`` leftovers of a writer killed between create and rename (their pid is
    gone, or they are older than ``older_than`` seconds); how many were removed."""
    if not directory.is_dir():
        return 0
    n = 0
    now = time.time()
    for p in directory.glob("*.tmp"):
        pid = _pid_of(p.name)
        try:
            old = now - p.stat().st_mtime > older_than
        except OSError:
            continue
        if old or (pid is not None and not _alive(pid)):
            p.unlink(missing_ok=True)
            n += 1
    return n


def _pid_of(name: str) -> int | None:
    for part in reversed(name.replace(".", "-").split("-")):
        if part.isdigit() and len(part) < 10:
            return int(part)
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

