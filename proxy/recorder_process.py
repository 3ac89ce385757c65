"""The recorder's consumer in a child process, so that parsing, redaction and SQL never hold
the relay's GIL.

``ProcessRecorder`` has the ``Recorder`` interface. The relay process appends each
``RawExchange`` to the write-ahead spool (``proxy.wal``) and waits only for that append to be
durable; a spawned child runs ``Recorder._loop`` over the spool and persists its progress
and counters in the spool's checkpoint, which ``stats`` reads. Nothing is in flight between
the two processes: if the child dies (killed, out of memory), the relay starts a new one on
the next submit or status request and it resumes from the checkpoint; if the relay dies,
the child records what the spool holds and exits, and the next proxy resumes the rest.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import threading
import time
from typing import Any

from aiprov.settings import Settings
from proxy.raw import RawExchange
from proxy.recorder import (
    Recorder,
    append_or_count,
    flush,
    health,
    saved_state,
    warm_key_hash,
    writer_for,
)
from proxy.wal import store_tag

log = logging.getLogger("aiprov.recorder")

HEARTBEAT, PID = 0, 1
# The consumer is background work: when it and the relay want the same CPU, the relay's
# event loop (a client waiting) goes first. Niceness 5 still gives the child about a quarter
# of a saturated CPU, so it keeps up with the relay unless the CPU is full for minutes (the
# spool holds the backlog meanwhile, and ``status`` shows the lag).
CHILD_NICE = 5


def _child(settings_json: str, db_url: str, stop: Any, shared: Any,
           parent: int | None = None) -> None:
    """Child process entry: the recorder's consumer loop over the spool."""
    with contextlib.suppress(OSError):
        os.nice(CHILD_NICE)
    settings = Settings.model_validate_json(settings_json)
    rec = Recorder(settings, db_url=db_url, writer=False)
    if not rec._developer:
        from proxy.identity import git_user_email

        rec._developer = git_user_email()
    parent = parent or os.getppid()  # given by the relay: it may be gone before we got here

    def publish() -> None:
        shared[HEARTBEAT] = int(time.time())

    def wait(seconds: float) -> bool:
        # the relay is gone (killed without a chance to stop us): record what the spool
        # holds, then stop, rather than wait for a parent that will never ask
        if os.getppid() != parent:
            return True
        return bool(stop.wait(seconds))

    shared[PID] = os.getpid()
    publish()
    rec._loop(wait, publish)


class ProcessRecorder:
    def __init__(self, settings: Settings, *, db_url: str | None = None) -> None:
        self.settings = settings
        self.db_url = db_url or settings.db_url
        self.wal = writer_for(settings, self.db_url)
        self.tag = store_tag(self.db_url)
        self._ctx = mp.get_context("spawn")
        self._lock = threading.Lock()
        self.restarts = 0
        self.proc: Any = None
        self.stop_event: Any = None
        self.shared: Any = None

    def start(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            return
        warm_key_hash()
        self.stop_event = self._ctx.Event()
        self.shared = self._ctx.Array("q", 2, lock=False)
        self.proc = self._ctx.Process(
            target=_child, name="aiprov-recorder", daemon=True,
            args=(self.settings.model_dump_json(), self.db_url, self.stop_event, self.shared,
                  os.getpid()))
        self.proc.start()

    def submit(self, raw: RawExchange) -> int | None:
        """Append to the spool (the child reads it from there); never waits for the child."""
        if self.proc is not None and not self.proc.is_alive():
            self._restart()
        return append_or_count(self.wal, raw)

    def _restart(self) -> None:
        with self._lock:
            if self.proc is None or self.proc.is_alive():
                return
            log.error("recorder process exited (code %s); restarting it, it resumes from "
                      "the spool's checkpoint", self.proc.exitcode)
            self.restarts += 1
            self.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Make every append durable, let the child record what the spool holds (what it
        cannot record in ``timeout`` stays in the spool for the next start) and stop it."""
        self.wal.close()
        if self.proc is None:
            return
        if self.proc.is_alive():
            self.stop_event.set()
            self.proc.join(timeout)
            if self.proc.is_alive():
                self.proc.terminate()
                self.proc.join(2)
        self.proc = None

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted so far is in the store (tests, benchmarks)."""
        if self.proc is not None and not self.proc.is_alive():
            self._restart()
        return flush(self.wal, self.settings.spool_dir, self.tag, timeout)

    def stats(self) -> dict[str, Any]:
        if self.proc is not None and not self.proc.is_alive():
            self._restart()
        out = health(saved_state(self.settings, self.db_url), self.settings, self.db_url,
                     self.wal)
        alive = bool(self.proc is not None and self.proc.is_alive())
        out["process_alive"] = alive
        out["process_pid"] = int(self.shared[PID]) if self.shared is not None else None
        out["restarts"] = self.restarts
        # the child has imported its modules and opened the spool (it publishes a heartbeat
        # then): until then records wait in the spool
        out["ready"] = self.shared is not None and int(self.shared[HEARTBEAT]) > 0
        return out


def recorder_for(settings: Settings) -> ProcessRecorder | Recorder:
    """The recorder ``settings.recorder`` names: a child process (default), so that store
    writes and report-rollup upkeep never take the relay's CPU or GIL, or ``thread``."""
    return ProcessRecorder(settings) if settings.recorder == "process" else Recorder(settings)
