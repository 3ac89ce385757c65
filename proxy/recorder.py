"""Recorder: the write-ahead spool in, redacted records in the store, off the hot path.

The relay calls ``submit``, which appends the raw exchange to the write-ahead spool
(``proxy.wal``: encrypted, the API key already hashed, fsync'd in groups) before a
response's last bytes go out (and, with ``spool_sync=always``, waits for its fsync); it
never waits for the store. The consumer (a thread here, a child process in
``proxy.recorder_process``) reads the spool in batches from its checkpoint, parses
(``proxy.formats``), identifies the client (``proxy.identity``), redacts (``proxy.redact``),
prices (``proxy.cost``) and writes each batch in one transaction with its snippets and
fingerprints (``store.provenance``); only then does it advance the checkpoint. A store that
is down, locked or does not answer within ``settings.store_timeout`` leaves the records in
the spool: the recorder says so (``store_ok``, ``last_error``, ``lag_records``) and retries.

Nothing is dropped silently: ``stats()`` counts what was submitted, recorded, spooled (had
to wait in the spool for the store), replayed (recorded after waiting, or left over from
an earlier run) and dropped (a spool append that failed, an unreadable record); the counts
live in the checkpoint, so they survive restarts, and ``aiprov status`` and ``/metrics``
show them with the lag.
"""

from __future__ import annotations

import logging
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
from proxy.wal import Entry, WalReader, WalWriter, backlog, read_checkpoint, store_tag, sweep_tmp

log = logging.getLogger("aiprov.recorder")

REPLAY_EVERY_S = 5.0  # retry a failing store (and replay legacy spool files) this often
PERSISTED = ("recorded", "spooled", "replayed", "dropped", "store_errors", "build_errors",
             "snippets", "suggestion_findings", "review_errors", "review_capped",
             "review_hints")


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
        errors=tuple(redact(e) for e in req.errors),
    )


def _redact_response(resp: ResponseInfo) -> ResponseInfo:
    from proxy.redact import redact

    calls = tuple(replace(c, arguments=redact(c.arguments)) for c in resp.tool_calls)
    return replace(
        resp,
        text=redact(resp.text),
        reasoning=redact(resp.reasoning),
        tool_calls=calls,
        alternatives=tuple(redact(a) for a in resp.alternatives),  # spooled with the rest
        error=redact(resp.error) if resp.error else resp.error,
        errors=tuple(redact(e) for e in resp.errors),
    )


def cap_text(text: str, limit: int) -> tuple[str, int | None]:
    """``text`` cut to at most ``limit`` UTF-8 bytes for storage, with a marker that says so
    and the original size; (text, original size in bytes, or None when it fitted)."""
    if len(text) * 4 <= limit:  # cheap test first: a str of n chars is at most 4n bytes
        return text, None
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return text, None
    kept = data[:limit].decode("utf-8", "ignore")
    return (f"{kept}\n[aiprov: stored the first {len(kept.encode('utf-8', 'surrogatepass'))} "
            f"of {len(data)} bytes; the client received all of it]"), len(data)


def _cap_response(resp: ResponseInfo, limit: int) -> ResponseInfo:
    """What is stored of an answer is bounded (``settings.max_stored_response_bytes``);
    what was relayed never is."""
    notes: list[str] = []
    text, n = cap_text(resp.text, limit)
    if n is not None:
        notes.append(f"response text of {n} bytes stored truncated to {limit}")
    reasoning, n = cap_text(resp.reasoning, limit)
    if n is not None:
        notes.append(f"reasoning of {n} bytes stored truncated to {limit}")
    calls = []
    for c in resp.tool_calls:
        args, n = cap_text(c.arguments, limit)
        if n is not None:
            notes.append(f"tool call {c.name} arguments of {n} bytes stored truncated")
        calls.append(replace(c, arguments=args) if n is not None else c)
    if not notes:
        return resp
    return replace(resp, text=text, reasoning=reasoning, tool_calls=tuple(calls),
                   errors=(*resp.errors, *notes))


def build_exchange(raw: RawExchange, *, developer: str,
                   max_stored: int | None = None) -> Exchange:
    """Parse, identify, redact and price one raw exchange, its stored answer capped at
    ``max_stored`` bytes. Never raises: what could not be parsed is said in the record's
    ``errors``."""
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
    if max_stored:  # after redaction: a cut never leaves half a secret unrecognised
        response = _cap_response(response, max_stored)
    latency = (raw.end_mono - raw.started_mono) * 1000 if raw.end_mono else None
    ttft = (raw.first_byte_mono - raw.started_mono) * 1000 if raw.first_byte_mono else None
    model = response.model or request.model
    from proxy.redact import redact

    return Exchange(
        id=raw.id or new_id(raw.started_at),
        started_at=raw.started_at,
        method=raw.method,
        path=redact(raw.path),  # a query string can carry a key (``?key=AIza...``)
        upstream=redact(raw.upstream),
        status=raw.status,
        request=request,
        response=response,
        identity=identity,
        latency_ms=latency,
        ttft_ms=ttft,
        cost_usd=cost_usd(api, model, response.usage) if raw.status < 400 and _per_token(
            raw, path_only) else None,
        api_key_hash=raw.api_key_hash or api_key_hash(raw.request_headers),
        client_disconnected=raw.client_disconnected,
        error=redact(raw.error) if raw.error else None,
        source=raw.source,
    )




def _per_token(raw: RawExchange, path: str) -> bool:
    """Whether the exchange is billed per token. A sign-in with a plan is not: Codex with
    ChatGPT, Gemini CLI with Google (Code Assist), Claude Code with a Claude plan (its OAuth
    token announces itself with ``anthropic-beta: oauth-...``); pricing them at API list
    prices would report money nobody spent."""
    from proxy.formats.paths import SUBSCRIPTION_PROVIDERS

    if formats.classify(raw.method, path).provider in SUBSCRIPTION_PROVIDERS:
        return False
    return not any(name == "anthropic-beta" and "oauth-" in value
                   for name, value in raw.request_headers)


class Recorder:
    """The write-ahead spool's consumer, in a thread (and its writer, unless a
    ``ProcessRecorder`` writes in the relay and runs this in a child with ``writer=False``)."""

    def __init__(self, settings: Settings, *, db_url: str | None = None,
                 writer: bool = True) -> None:
        self.settings = settings
        self.db_url = db_url or settings.db_url
        self.wal = writer_for(settings, self.db_url) if writer else None
        self.reader = WalReader(settings.spool_dir, self.db_url)
        self.spool = Spool(settings.spool_dir, store=store_tag(self.db_url))  # older files
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._developer = settings.developer
        self._lock = threading.Lock()
        self._load(self.reader.state)
        self._waiting: set[str] = set()  # ids counted as spooled, not yet recorded
        self._last_legacy = 0.0

    def _load(self, state: dict[str, Any]) -> None:
        """Counters and error from a checkpoint's state (they persist across restarts)."""
        saved = state.get("counts", {})
        self.counts = {k: int(saved.get(k, 0)) for k in PERSISTED}
        self.store_ok: bool = bool(state.get("store_ok", True))
        self.last_error: str | None = state.get("last_error")
        self.last_error_at: float | None = state.get("last_error_at")
        self.previous_error: str | None = state.get("previous_error")
        self.recovered_at: float | None = state.get("recovered_at")

    # -- relay side -------------------------------------------------------------
    def submit(self, raw: RawExchange) -> int | None:
        """Append one raw exchange to the spool; its sequence number for ``wal.durable``,
        or None when even the spool could not take it (counted as dropped, and said)."""
        assert self.wal is not None, "a consumer-only recorder takes no submissions"
        return append_or_count(self.wal, raw)

    # -- lifecycle --------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        warm_key_hash()
        if not self._developer:
            from proxy.identity import git_user_email

            self._developer = git_user_email()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="aiprov-recorder", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Record what the spool holds (unless the store is failing) and stop the consumer;
        whatever is left stays in the spool for the next start."""
        if self.wal is not None:
            self.wal.close()
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join(timeout)
        self._thread = None

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted so far is in the store (tests, benchmarks)."""
        return flush(self.wal, self.reader.dir, self.reader.tag, timeout)

    def stats(self) -> dict[str, Any]:
        with self._lock:
            state = self._state()
        out = health(state, self.settings, self.db_url, self.wal)
        out["ready"] = True  # the consumer thread needs no start-up of its own
        return out

    # -- consumer ---------------------------------------------------------------
    def _state(self) -> dict[str, Any]:
        return {"counts": dict(self.counts), "store_ok": self.store_ok,
                "last_error": self.last_error, "last_error_at": self.last_error_at,
                "previous_error": self.previous_error, "recovered_at": self.recovered_at,
                "updated_at": time.time()}

    def _build(self, raw: RawExchange) -> Exchange:
        try:
            return build_exchange(raw, developer=self._developer,
                                  max_stored=self.settings.max_stored_response_bytes)
        except Exception as exc:  # noqa: BLE001 - keep a minimal record rather than none
            with self._lock:
                self.counts["build_errors"] += 1
            log.exception("could not build exchange")
            return Exchange(
                id=raw.id or new_id(raw.started_at),
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
        self._loop(self._stop.wait)

    def _loop(self, wait: Callable[[float], bool],
              publish: Callable[[], None] | None = None) -> None:
        """Consume the spool until ``wait`` says stop; then consume what is left (unless the
        store fails) and return. ``wait(seconds)`` sleeps, or returns True at once to stop."""
        sweep_tmp(self.settings.spool_dir)
        from proxy.suggestions import WARM_GRAMMARS, warm_review

        # the rule packs still to compile, one per idle moment (``warm_review``)
        to_warm = list(WARM_GRAMMARS) if self.settings.review_suggestions else []
        retry_at = 0.0
        stopping = False
        while True:
            held = self.reader.holds()
            if not self.reader.acquire():  # another proxy consumes this store's spool
                if stopping or wait(0.5):
                    return
                continue
            if not held:  # the previous consumer may have moved the counters on meanwhile
                with self._lock:
                    self._load(self.reader.state)
            now = time.monotonic()
            if now < retry_at:  # the store failed: leave the records where they are
                if stopping:
                    break
                stopping = wait(min(self.settings.batch_interval, retry_at - now))
                continue
            try:
                entries = self.reader.read(self.settings.batch_size)
                if entries and not self._consume(entries):
                    retry_at = time.monotonic() + REPLAY_EVERY_S
            except Exception as exc:  # noqa: BLE001 - the spool unreadable, checkpoint unwritable
                log.exception("recorder: the spool could not be consumed")
                with self._lock:
                    self.last_error = f"spool unreadable: {exc.__class__.__name__}: {exc}"[:500]
                    self.last_error_at = time.time()
                entries, retry_at = [], time.monotonic() + REPLAY_EVERY_S
            if not entries:
                if time.monotonic() - self._last_legacy > REPLAY_EVERY_S:
                    self._replay_legacy()
                if publish is not None:
                    publish()
                if stopping:
                    break
                if to_warm:  # idle: compile a pack, then look for records again at once
                    stopping = wait(0)  # (unless asked to stop: then no more compiles)
                    if not stopping:
                        warm_review(to_warm.pop(0))
                    continue
                stopping = wait(self.settings.batch_interval)
                continue
            if publish is not None:
                publish()
            if not stopping:
                # a full batch: more are waiting, read on at once; a partial one: let the
                # next batch gather for ``batch_interval`` (one store transaction and one
                # checkpoint fsync per batch, not per few exchanges: the consumer shares
                # the relay's CPU)
                stopping = wait(0 if len(entries) >= self.settings.batch_size
                                else self.settings.batch_interval)
        self.reader.release()
        if publish is not None:
            publish()

    def _write(self, exchanges: Sequence[Exchange]) -> dict[str, int]:
        """One transaction: the new exchanges, then their snippets and fingerprints and the
        findings of their review (``proxy.suggestions``, done before the transaction opens so
        that it never holds the store's lock), bounded by ``settings.store_timeout`` (a
        locked store fails instead of holding us). Returns the counts to add."""
        from proxy.suggestions import review_exchanges
        from store import db
        from store import exchanges as store_exchanges
        from store.findings import save_suggestion_findings
        from store.provenance import index_exchanges

        reviewed = review_exchanges([ex for ex in exchanges if ex.status < 400],
                                    review=self.settings.review_suggestions)
        counts = {"snippets": 0, "suggestion_findings": 0, "review_errors": reviewed.errors,
                  "review_capped": reviewed.capped, "review_hints": reviewed.hints}
        with db.session(self.db_url) as s, db.bounded(s, self.settings.store_timeout):
            new = store_exchanges.save(s, exchanges)
            if new:
                ok = [ex for ex in new if ex.status < 400]
                try:
                    with s.begin_nested():
                        counts["snippets"] = index_exchanges(s, ok, reviewed.snippets)
                except Exception as exc:  # noqa: BLE001 - the exchanges are still recorded
                    if db.is_timeout(exc):
                        raise
                    log.warning("snippet indexing failed for a batch of %d: %r", len(ok), exc)
                rows = [r for ex in ok for r in reviewed.rows.get(ex.id, ())]
                if rows:
                    try:
                        with s.begin_nested():
                            counts["suggestion_findings"] = save_suggestion_findings(s, rows)
                    except Exception as exc:  # noqa: BLE001 - the exchanges are still recorded
                        if db.is_timeout(exc):
                            raise
                        counts["review_errors"] += 1
                        log.warning("storing %d suggestion findings failed: %r", len(rows), exc)
            s.commit()
        return counts

    def _consume(self, entries: list[Entry]) -> bool:
        """Store one batch and advance the checkpoint; False when the store failed (the
        batch stays in the spool)."""
        good = [e for e in entries if e.raw is not None]
        exchanges = [self._build(e.raw) for e in good if e.raw is not None]
        started = time.monotonic()
        try:
            added = self._write(exchanges) if exchanges else {}
        except Exception as exc:  # noqa: BLE001 - store down, locked or slow: keep on disk
            from store.db import describe_failure

            self._failed(describe_failure(exc, time.monotonic() - started,
                                          self.settings.store_timeout), exchanges)
            return False
        with self._lock:
            retried = sum(1 for e in good if e.recovered or (e.raw and e.raw.id in
                                                               self._waiting))
            self._waiting.clear()
            self.counts["recorded"] += len(exchanges)
            self.counts["replayed"] += retried
            for key, n in added.items():
                self.counts[key] += n
            self.counts["dropped"] += len(entries) - len(good)
            if not self.store_ok:
                self.store_ok = True
                self.recovered_at = time.time()
                self.previous_error, self.last_error = self.last_error, None
                self.last_error_at = None
            # under the lock: ``stats`` never sees the counts ahead of the checkpoint's lag
            self.reader.commit(entries, self._state())
        return True

    def _failed(self, message: str, exchanges: Sequence[Exchange]) -> None:
        log.warning("%s; %d exchanges stay in the spool", message, len(exchanges))
        with self._lock:
            fresh = [e.id for e in exchanges if e.id not in self._waiting]
            self._waiting.update(fresh)
            self.counts["spooled"] += len(fresh)
            self.counts["store_errors"] += 1
            self.store_ok = False
            self.last_error = message[:500]
            self.last_error_at = time.time()
            self.reader.state = self._state()
        try:
            self.reader.save()
        except OSError as exc:
            log.error("could not save the spool checkpoint: %s", exc)

    def _replay_legacy(self) -> None:
        """Spool files of built exchanges written before the write-ahead spool (JSON lines):
        written back to the store, oldest first."""
        self._last_legacy = time.monotonic()
        for path, exchanges, bad in self.spool.batches():
            try:
                added = self._write(exchanges)
            except Exception as exc:  # noqa: BLE001 - still down; try again later
                from store.db import describe_failure

                self._failed(describe_failure(exc, 0.0, self.settings.store_timeout),
                             exchanges)
                return
            self.spool.done(path)
            with self._lock:
                self.counts["replayed"] += len(exchanges)
                self.counts["recorded"] += len(exchanges)
                self.counts["dropped"] += bad
                for key, n in added.items():
                    self.counts[key] += n


# -- shared by the thread and the process recorder ------------------------------------------
def writer_for(settings: Settings, db_url: str) -> WalWriter:
    """The relay's spool writer, as ``settings.spool_sync`` asks."""
    return WalWriter(settings.spool_dir, db_url, commit_delay=settings.spool_commit_ms / 1000,
                     wait_for_fsync=settings.spool_sync == "always")


def warm_key_hash() -> None:
    """Import the key hasher and read the salt before the first request, not during it."""
    from proxy.redact import get_salt

    get_salt()


def append_or_count(wal: WalWriter, raw: RawExchange) -> int | None:
    try:
        return wal.append(raw)
    except OSError as exc:
        wal.failed += 1
        wal.last_error = f"spool write failed: {exc}"
        wal.last_error_at = time.time()
        log.error("DROPPED an exchange: %s", wal.last_error)
        return None


def flush(wal: WalWriter | None, directory: Any, tag: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    if wal is not None and not wal.wait_durable(wal.appended, timeout):
        return False
    while time.monotonic() < deadline:
        if backlog(directory, tag)[0] == 0:
            return True
        time.sleep(0.02)
    return False


def health(state: dict[str, Any], settings: Settings, db_url: str,
           wal: WalWriter | None) -> dict[str, Any]:
    """The recorder's stats for ``/_aiprov/status`` and ``/metrics``: the persisted counters
    and error of the consumer's ``state`` (its checkpoint), the spool's lag, and what the
    relay's writer could not append."""
    counts = {k: int(state.get("counts", {}).get(k, 0)) for k in PERSISTED}
    lag, oldest = backlog(settings.spool_dir, store_tag(db_url))
    out: dict[str, Any] = dict(counts)
    failed = wal.failed if wal is not None else 0
    out["dropped"] += failed
    out["submitted"] = counts["recorded"] + counts["dropped"] + lag + failed
    out["lag_records"] = lag
    out["lag_seconds"] = round(max(0.0, time.time() - oldest), 3) if oldest else 0.0
    out["queued"] = lag  # older name for the backlog, kept for readers of earlier versions
    out["queue_capacity"] = settings.queue_size
    out["overflow"] = 0
    out["spool_pending"] = lag + Spool(settings.spool_dir, store=store_tag(db_url)).legacy_pending()
    out["appended"] = wal.appended if wal is not None else 0
    out["store_ok"] = bool(state.get("store_ok", True))
    error, at = state.get("last_error"), state.get("last_error_at")
    if wal is not None and wal.last_error and (at is None or (wal.last_error_at or 0) > at):
        error, at = wal.last_error, wal.last_error_at
    out["last_error"] = error
    out["last_error_at"] = at
    out["previous_error"] = state.get("previous_error")
    out["recovered_at"] = state.get("recovered_at")
    out["checkpoint_at"] = state.get("updated_at")
    return out


def saved_state(settings: Settings, db_url: str) -> dict[str, Any]:
    """The consumer's persisted state for ``db_url`` (read from its checkpoint file)."""
    path = settings.spool_dir / f"{store_tag(db_url)}.ckpt"
    return {k: v for k, v in read_checkpoint(path).items() if k != "offsets"}
