"""Recorder: raw exchanges in, redacted records in the store, off the relay's hot path.

The relay calls ``submit`` and never waits: raw exchanges go to a bounded queue that one
writer thread drains in batches. The writer parses (``proxy.formats``), identifies the
client (``proxy.identity``), redacts (``proxy.redact``), prices (``proxy.cost``) and writes
each batch in one transaction, with the batch's snippets and fingerprints
(``store.provenance``). When the store is slow or down the built exchanges go to the spool
on disk and are replayed when it returns and on restart.

Nothing is dropped silently: ``stats()`` counts what was submitted, recorded, spooled,
replayed and dropped (a drop happens only when the queue is full *and* the spool cannot be
written), and ``aiprov status`` and ``/metrics`` show those counts.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from aiprov.settings import Settings
from proxy import formats
from proxy.exchange import Exchange, Identity, RequestInfo, ResponseInfo
from proxy.raw import RawExchange
from proxy.spool import Spool

log = logging.getLogger("aiprov.recorder")

_STOP = object()
_EMPTY = object()
REPLAY_EVERY_S = 5.0


def new_id(at: float) -> str:
    """Time-sortable unique id: 12 hex digits of milliseconds + 16 random hex digits."""
    return f"{int(at * 1000):012x}{secrets.token_hex(8)}"


_AUTH_HEADERS = ("authorization", "x-api-key", "api-key", "x-goog-api-key")


def api_key_hash(headers: Sequence[tuple[str, str]]) -> str | None:
    from proxy.redact import hash_secret

    for name, value in headers:
        if name in _AUTH_HEADERS and value:
            token = value.split(" ", 1)[1] if value.lower().startswith("bearer ") else value
            return hash_secret(token.strip())
    return None


def _redact_request(req: RequestInfo) -> RequestInfo:
    from proxy.redact import redact, redact_obj

    return replace(
        req,
        system=redact(req.system) if req.system else req.system,
        messages=tuple(redact_obj(list(req.messages))),
        prompt=redact(req.prompt),
        suffix=redact(req.suffix) if req.suffix else req.suffix,
        params=redact_obj(req.params),
    )


def _redact_response(resp: ResponseInfo) -> ResponseInfo:
    from proxy.redact import redact

    calls = tuple(replace(c, arguments=redact(c.arguments)) for c in resp.tool_calls)
    return replace(
        resp,
        text=redact(resp.text),
        reasoning=redact(resp.reasoning),
        tool_calls=calls,
        error=redact(resp.error) if resp.error else resp.error,
    )


def build_exchange(raw: RawExchange, *, developer: str) -> Exchange:
    """Parse, identify, redact and price one raw exchange. Never raises: what could not be
    parsed is said in the record's ``errors``."""
    from proxy.cost import cost_usd
    from proxy.identity import identify

    path_only = raw.path.split("?", 1)[0]
    api = formats.detect(raw.method, path_only) or "passthrough"
    errors: list[str] = []
    if raw.body_truncated:
        errors.append("request body larger than the record limit; kept a prefix")
    try:
        request = (
            formats.parse_request(api, raw.request_body, raw.path)
            if api != "passthrough"
            else RequestInfo(api=api)
        )
    except Exception as exc:  # noqa: BLE001 - a parser bug must not cost the record
        request = RequestInfo(api=api, errors=(f"request parser failed: {exc!r}",))
    try:
        response = (
            formats.parse_response(
                api,
                raw.status,
                raw.response_headers,
                raw.chunks,
                complete=not raw.client_disconnected and raw.error is None,
            )
            if api != "passthrough"
            else ResponseInfo(complete=not raw.client_disconnected)
        )
    except Exception as exc:  # noqa: BLE001
        response = ResponseInfo(complete=False, errors=(f"response parser failed: {exc!r}",))
    try:
        identity = identify(raw.request_headers, request, developer=developer)
    except Exception as exc:  # noqa: BLE001
        identity = Identity(developer=developer)
        errors.append(f"identity failed: {exc!r}")
    if errors:
        request = replace(request, errors=(*request.errors, *errors))
    request = _redact_request(request)
    response = _redact_response(response)
    latency = (raw.end_mono - raw.started_mono) * 1000 if raw.end_mono else None
    ttft = (raw.first_byte_mono - raw.started_mono) * 1000 if raw.first_byte_mono else None
    model = response.model or request.model
    from proxy.redact import redact

    return Exchange(
        id=new_id(raw.started_at),
        started_at=raw.started_at,
        method=raw.method,
        path=raw.path,
        upstream=raw.upstream,
        status=raw.status,
        request=request,
        response=response,
        identity=identity,
        latency_ms=latency,
        ttft_ms=ttft,
        cost_usd=cost_usd(api, model, response.usage) if raw.status < 400 else None,
        api_key_hash=api_key_hash(raw.request_headers),
        client_disconnected=raw.client_disconnected,
        error=redact(raw.error) if raw.error else None,
        source=raw.source,
    )


class Recorder:
    """Bounded queue -> batched store writes; spool when the store is down."""

    def __init__(self, settings: Settings, *, db_url: str | None = None) -> None:
        self.settings = settings
        self.db_url = db_url or settings.db_url
        self.queue: queue.Queue[Any] = queue.Queue(maxsize=settings.queue_size)
        self.spool = Spool(settings.spool_dir)
        self._thread: threading.Thread | None = None
        self._developer = settings.developer
        self._lock = threading.Lock()
        self._store_ok = True
        self._last_replay = 0.0
        self.counts = {
            "submitted": 0,
            "recorded": 0,
            "spooled": 0,
            "replayed": 0,
            "dropped": 0,
            "overflow": 0,
            "store_errors": 0,
            "build_errors": 0,
            "snippets": 0,
            "processed": 0,
        }
        self.last_error: str | None = None

    # -- relay side -------------------------------------------------------------
    def submit(self, raw: RawExchange) -> None:
        """Queue one raw exchange; never blocks. A full queue builds and spools it here."""
        with self._lock:
            self.counts["submitted"] += 1
        try:
            self.queue.put_nowait(raw)
        except queue.Full:
            with self._lock:
                self.counts["overflow"] += 1
            self._spool_or_drop([self._build(raw)])

    # -- lifecycle --------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        if not self._developer:
            from proxy.identity import git_user_email

            self._developer = git_user_email()
        self._thread = threading.Thread(target=self._run, name="aiprov-recorder", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Drain the queue (writing or spooling everything) and stop the writer."""
        if self._thread is None:
            return
        self.queue.put(_STOP)
        self._thread.join(timeout)
        self._thread = None

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted so far is recorded or spooled (tests, shutdown)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                c = self.counts
                done = c["recorded"] + c["spooled"] + c["dropped"] - c["replayed"]
                if self.queue.unfinished_tasks == 0 and done >= c["submitted"]:
                    return True
            time.sleep(0.01)
        return False

    def stats(self) -> dict[str, Any]:
        with self._lock:
            out: dict[str, Any] = dict(self.counts)
        out["queued"] = self.queue.qsize()
        out["queue_capacity"] = self.queue.maxsize
        out["spool_pending"] = self.spool.pending()
        out["store_ok"] = self._store_ok
        out["last_error"] = self.last_error
        out["ready"] = True  # the writer thread needs no start-up of its own
        return out

    # -- writer thread ----------------------------------------------------------
    def _build(self, raw: RawExchange) -> Exchange:
        try:
            return build_exchange(raw, developer=self._developer)
        except Exception as exc:  # noqa: BLE001 - keep a minimal record rather than none
            with self._lock:
                self.counts["build_errors"] += 1
            log.exception("could not build exchange")
            return Exchange(
                id=new_id(raw.started_at),
                started_at=raw.started_at,
                method=raw.method,
                path=raw.path,
                upstream=raw.upstream,
                status=raw.status,
                request=RequestInfo(api="unknown", errors=(f"build failed: {exc!r}",)),
                response=ResponseInfo(complete=False),
                identity=Identity(developer=self._developer),
                client_disconnected=raw.client_disconnected,
                source=raw.source,
            )

    def _run(self) -> None:
        self._loop(self.queue.get, self.queue.task_done)

    def _loop(self, get: Callable[..., Any], task_done: Callable[[], None],
              publish: Callable[[], None] | None = None) -> None:
        """Drain ``get`` in batches until the stop sentinel (``_STOP`` or None)."""
        self._replay()
        stopping = False
        while not stopping:
            batch: list[RawExchange] = []
            try:
                item = get(timeout=self.settings.batch_interval)
            except queue.Empty:
                item = _EMPTY
            if item is _STOP or item is None:
                stopping = True
                task_done()
            elif item is not _EMPTY:
                batch.append(item)
                deadline = time.monotonic() + self.settings.batch_interval
                while len(batch) < self.settings.batch_size:
                    try:
                        nxt = get(timeout=max(0.0, deadline - time.monotonic()))
                    except queue.Empty:
                        break
                    if nxt is _STOP or nxt is None:
                        stopping = True
                        task_done()
                        break
                    batch.append(nxt)
            if stopping:  # drain whatever is left
                while True:
                    try:
                        nxt = get(timeout=0.05)
                    except queue.Empty:
                        break
                    if nxt is not _STOP and nxt is not None:
                        batch.append(nxt)
                    task_done()
            if batch:
                exchanges = [self._build(r) for r in batch]
                self._write_or_spool(exchanges)
                for _ in batch:
                    task_done()
                with self._lock:
                    self.counts["processed"] += len(batch)
            if self.spool.files() and time.monotonic() - self._last_replay > REPLAY_EVERY_S:
                self._replay()
            if publish is not None:
                publish()

    def _write(self, exchanges: Sequence[Exchange]) -> int:
        """One transaction: the new exchanges, then their snippets and fingerprints."""
        from store import db
        from store import exchanges as store_exchanges
        from store.provenance import index_exchanges

        snippets = 0
        with db.session(self.db_url) as s:
            new = store_exchanges.save(s, exchanges)
            if new:
                ok = [ex for ex in new if ex.status < 400]
                try:
                    with s.begin_nested():
                        snippets = index_exchanges(s, ok)
                except Exception as exc:  # noqa: BLE001 - the exchanges are still recorded
                    log.warning("snippet indexing failed for a batch of %d: %r", len(ok), exc)
            s.commit()
        return snippets

    def _write_or_spool(self, exchanges: Sequence[Exchange]) -> None:
        try:
            n = self._write(exchanges)
        except Exception as exc:  # noqa: BLE001 - store down or slow: keep on disk
            self._store_ok = False
            self.last_error = f"store write failed: {exc.__class__.__name__}: {exc}"[:500]
            with self._lock:
                self.counts["store_errors"] += 1
            log.warning("%s; spooling %d exchanges", self.last_error, len(exchanges))
            self._spool_or_drop(exchanges)
            return
        self._store_ok = True
        with self._lock:
            self.counts["recorded"] += len(exchanges)
            self.counts["snippets"] += n

    def _spool_or_drop(self, exchanges: Sequence[Exchange]) -> None:
        try:
            self.spool.append(exchanges)
        except OSError as exc:
            self.last_error = f"spool write failed: {exc}"
            log.error("DROPPED %d exchanges: %s", len(exchanges), self.last_error)
            with self._lock:
                self.counts["dropped"] += len(exchanges)
            return
        with self._lock:
            self.counts["spooled"] += len(exchanges)

    def _replay(self) -> None:
        """Write spooled exchanges back to the store, oldest file first."""
        self._last_replay = time.monotonic()
        for path, exchanges, bad in self.spool.batches():
            try:
                self._write(exchanges)
            except Exception as exc:  # noqa: BLE001 - still down; try again later
                self._store_ok = False
                self.last_error = f"replay failed: {exc.__class__.__name__}: {exc}"[:500]
                return
            self._store_ok = True
            self.spool.done(path)
            with self._lock:
                self.counts["replayed"] += len(exchanges)
                self.counts["recorded"] += len(exchanges)
                self.counts["dropped"] += bad
