"""The recorder in a child process, so that parsing, redaction and SQL never hold the
relay's GIL.

``ProcessRecorder`` has the ``Recorder`` interface. The relay process only puts each
``RawExchange`` on a bounded ``multiprocessing`` queue (pickled by the queue's feeder
thread); a spawned child runs ``Recorder._loop`` on it and publishes its counters in shared
memory after every batch. When the queue is full the relay builds and spools the exchange
itself, as the threaded recorder does, so nothing is dropped silently. If the child dies,
the relay notices on the next submit and starts a new one (the spool keeps what it had
written; what was in flight in its queue is counted as dropped).
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import threading
import time
from typing import Any

from aiprov.settings import Settings
from proxy.raw import RawExchange
from proxy.recorder import Recorder
from proxy.spool import Spool

log = logging.getLogger("aiprov.recorder")

SHARED = ("recorded", "spooled", "replayed", "dropped", "store_errors", "build_errors",
          "snippets", "processed", "store_ok", "heartbeat")
ERR_LEN = 400


def _child(settings_json: str, db_url: str, q: Any, shared: Any, err: Any,
           parent: int | None = None) -> None:
    """Child process entry: the ordinary recorder loop over the process queue."""
    settings = Settings.model_validate_json(settings_json)
    rec = Recorder(settings, db_url=db_url)
    if not rec._developer:
        from proxy.identity import git_user_email

        rec._developer = git_user_email()

    def publish() -> None:
        with rec._lock:
            for i, key in enumerate(SHARED[:8]):
                shared[i] = rec.counts[key]
        shared[8] = 1 if rec._store_ok else 0
        shared[9] = int(time.time())
        msg = (rec.last_error or "").encode("utf-8", "replace")[: ERR_LEN - 1]
        err.value = msg

    parent = parent or os.getppid()  # given by the relay: it may be gone before we got here

    orphaned: list[bool] = []

    def get(timeout: float | None = None) -> Any:
        # the relay is gone (killed without a chance to stop us): record what it had queued,
        # then stop (one stop sentinel, then empty) rather than wait on its queue forever
        if os.getppid() != parent:
            try:
                return q.get_nowait()
            except (OSError, ValueError):
                raise queue.Empty from None
            except queue.Empty:
                if orphaned:
                    raise
                orphaned.append(True)
                return None
        return q.get(timeout=timeout)

    publish()
    rec._loop(get, lambda: None, publish)
    publish()


class ProcessRecorder:
    def __init__(self, settings: Settings, *, db_url: str | None = None) -> None:
        self.settings = settings
        self.db_url = db_url or settings.db_url
        self.spool = Spool(settings.spool_dir)
        self._ctx = mp.get_context("spawn")
        self._fallback = Recorder(settings, db_url=self.db_url)  # builds + spools overflow
        self._lock = threading.Lock()
        self.submitted = 0
        self.overflow = 0
        self.lost = 0  # in a dead child's queue
        self._base: dict[str, int] = {}  # counters of earlier (dead) children
        self.q: Any = None
        self.proc: Any = None
        self.shared: Any = None
        self.err: Any = None

    def start(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            return
        if self.shared is not None:  # a previous child: keep its counts
            for i, key in enumerate(SHARED[:8]):
                self._base[key] = self._base.get(key, 0) + int(self.shared[i])
        self.q = self._ctx.Queue(maxsize=self.settings.queue_size)
        self.shared = self._ctx.Array("q", len(SHARED), lock=False)
        self.shared[8] = 1
        self.err = self._ctx.Array("c", ERR_LEN, lock=False)
        self.proc = self._ctx.Process(
            target=_child, name="aiprov-recorder", daemon=True,
            args=(self.settings.model_dump_json(), self.db_url, self.q, self.shared, self.err,
                  os.getpid()))
        self.proc.start()

    def submit(self, raw: RawExchange) -> None:
        with self._lock:
            self.submitted += 1
        if self.proc is not None and not self.proc.is_alive():
            self._restart()
        try:
            self.q.put_nowait(raw)
        except (queue.Full, AttributeError, ValueError, OSError):
            with self._lock:
                self.overflow += 1
            self._fallback._spool_or_drop([self._fallback._build(raw)])

    def _restart(self) -> None:
        with self._lock:
            if self.proc is None or self.proc.is_alive():
                return
            done = self._count("processed")
            self.lost += max(0, self.submitted - 1 - self.overflow - self.lost - done)
            log.error("recorder process exited (code %s); restarting it", self.proc.exitcode)
            self.start()

    def _count(self, key: str) -> int:
        i = SHARED.index(key)
        return self._base.get(key, 0) + (int(self.shared[i]) if self.shared is not None else 0)

    def stop(self, timeout: float = 10.0) -> None:
        if self.proc is None:
            return
        if self.proc.is_alive():
            try:
                self.q.put(None, timeout=timeout)
            except (queue.Full, ValueError, OSError):
                pass
            self.proc.join(timeout)
            if self.proc.is_alive():
                self.proc.terminate()
                self.proc.join(2)
        self.q.close()
        self.q.join_thread()
        # keep the final counters readable after stop
        self._final = self.stats()
        self.proc = None

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted so far is recorded, spooled or dropped."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._count("processed") + self.overflow + self.lost >= self.submitted:
                return True
            time.sleep(0.01)
        return False

    def stats(self) -> dict[str, Any]:
        if self.proc is None and getattr(self, "_final", None):
            return dict(self._final)
        fb = self._fallback.counts
        out: dict[str, Any] = {k: self._count(k) for k in SHARED[:7]}
        out["spooled"] += fb["spooled"]
        out["dropped"] += fb["dropped"] + self.lost
        out["build_errors"] += fb["build_errors"]
        out["submitted"] = self.submitted
        out["processed"] = self._count("processed")
        out["overflow"] = self.overflow
        try:
            out["queued"] = self.q.qsize() if self.q is not None else 0
        except NotImplementedError:  # macOS
            out["queued"] = -1
        out["queue_capacity"] = self.settings.queue_size
        out["spool_pending"] = self.spool.pending()
        out["store_ok"] = bool(self.shared[8]) if self.shared is not None else True
        err = bytes(self.err.value).decode("utf-8", "replace") if self.err is not None else ""
        out["last_error"] = err or self._fallback.last_error
        out["process_alive"] = bool(self.proc is not None and self.proc.is_alive())
        # the child has imported its modules and opened the store (it publishes a heartbeat
        # then): until then exchanges wait in the queue
        out["ready"] = self.shared is not None and int(self.shared[9]) > 0
        return out


def recorder_for(settings: Settings) -> ProcessRecorder | Recorder:
    """The recorder ``settings.recorder`` names: a child process (default), so that store
    writes and report-rollup upkeep never take the relay's CPU or GIL, or ``thread``."""
    return ProcessRecorder(settings) if settings.recorder == "process" else Recorder(settings)
