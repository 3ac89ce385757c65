"""Push this machine's records to the org server, in batches, until nothing is left.

What is unsynced lives in the local store itself (``synced_at IS NULL`` on exchanges and
commits), so nothing is lost while the server is down: a failed push leaves the rows
unsynced and the background thread retries with exponential backoff. Findings carry no
``synced_at``; a small state file holds two cursors (the highest finding id sent, and the
(updated_at, id) of the last life-cycle change sent: a fix, a commit, a dismissal) and the
server upserts findings, so resending is harmless. What leaves the laptop is cut to the
strictest of this machine's ``sync_mode`` and the org's (``/api/config``).

A batch stays within what the server takes (``aiprov.server.wire``): at most
``MAX_BATCH_RECORDS`` records and ``MAX_BATCH_FINGERPRINTS`` fingerprints, and at most
``MAX_BODY_BYTES`` of JSON (the batch is halved until it fits). PostgreSQL text cannot hold
a NUL character, so the server refuses one; the local SQLite store can hold one (a prompt
that quoted a binary file), so text is sent with each NUL replaced by U+FFFD, the Unicode
replacement character, rather than leave the record unsyncable.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import Table, select, update

from aiprov.errors import ConfigError
from aiprov.server.wire import (
    MAX_BATCH_FINGERPRINTS,
    MAX_BATCH_RECORDS,
    MAX_BODY_BYTES,
    WIRE_VERSION,
    strictest,
    strip_exchange,
)
from aiprov.settings import Settings

log = logging.getLogger("aiprov.sync")


@dataclass(frozen=True)
class SyncResult:
    """What one ``run_once`` pushed, what is left, and the error that stopped it, if any."""

    exchanges: int = 0
    commits: int = 0
    findings: int = 0
    batches: int = 0
    pending: int = 0
    mode: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _tables() -> dict[str, Table]:
    from store.models import (
        CommitRow,
        ExchangeRow,
        FindingRow,
        FingerprintRow,
        LineRow,
        SnippetRow,
    )

    models: tuple[tuple[str, Any], ...] = (
        ("e", ExchangeRow), ("s", SnippetRow), ("fp", FingerprintRow), ("c", CommitRow),
        ("l", LineRow), ("f", FindingRow))
    return {n: m.__table__ for n, m in models}


def _iso(v: datetime | None) -> str | None:
    return v.isoformat() if v is not None else None


class Syncer:
    """Client side of the org sync: ``run_once()`` on demand, ``start()/stop()`` in the
    background."""

    def __init__(self, settings: Settings, *, batch_size: int = 500, commit_batch: int = 50,
                 interval: float = 30.0, max_backoff: float = 600.0, timeout: float = 60.0):
        if not settings.server_url:
            raise ConfigError("no org server configured: set server_url (AIPROV_SERVER_URL)")
        if not settings.server_token:
            raise ConfigError("no org server token: set server_token (AIPROV_SERVER_TOKEN); "
                              "an admin creates one with `aiprov token create`")
        self.settings = settings
        self.base = settings.server_url.rstrip("/")
        self.batch_size = batch_size
        self.commit_batch = commit_batch
        self.interval = interval
        self.max_backoff = max_backoff
        self.timeout = timeout
        self.state_path = settings.home / "sync_state.json"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last: SyncResult | None = None
        self.failures = 0

    # -- one pass ----------------------------------------------------------------------------
    def run_once(self, max_batches: int | None = None) -> SyncResult:
        """Push batches until nothing is unsynced, a push fails, or ``max_batches`` were sent."""
        from store import db

        engine = db.get_engine(self.settings.db_url)
        totals = {"exchanges": 0, "commits": 0, "findings": 0, "batches": 0}
        mode = self.settings.sync_mode
        try:
            with httpx.Client(timeout=self.timeout, headers={
                    "Authorization": f"Bearer {self.settings.server_token}"}) as http:
                cfg = self._check(http.get(f"{self.base}/api/config")).json()
                mode = strictest(self.settings.sync_mode, cfg.get("sync_mode", "full"))
                while max_batches is None or totals["batches"] < max_batches:
                    with engine.connect() as conn:
                        body, keys, raw = self._fit(conn, mode)
                    if not (body["exchanges"] or body["commits"] or body["findings"]):
                        break
                    data = gzip.compress(raw, 5)
                    self._check(http.post(f"{self.base}/api/ingest", content=data, headers={
                        "Content-Type": "application/json", "Content-Encoding": "gzip"}))
                    with engine.begin() as conn:
                        self._mark(conn, keys)
                    totals["exchanges"] += len(body["exchanges"])
                    totals["commits"] += len(body["commits"])
                    totals["findings"] += len(body["findings"])
                    totals["batches"] += 1
        except (httpx.HTTPError, SyncRefused) as exc:
            self.last = self._result(totals, mode, error=_describe(exc, self.base))
            return self.last
        self.last = self._result(totals, mode)
        return self.last

    def _result(self, totals: dict[str, int], mode: str, error: str | None = None) -> SyncResult:
        return SyncResult(exchanges=totals["exchanges"], commits=totals["commits"],
                          findings=totals["findings"], batches=totals["batches"],
                          pending=self.pending(), mode=mode, error=error)

    def pending(self) -> int:
        """Exchanges and commits not yet on the server."""
        from sqlalchemy import func

        from store import db

        t = _tables()
        with db.get_engine(self.settings.db_url).connect() as conn:
            n = conn.execute(select(func.count()).select_from(t["e"])
                             .where(t["e"].c.synced_at.is_(None))).scalar_one()
            n += conn.execute(select(func.count()).select_from(t["c"])
                              .where(t["c"].c.synced_at.is_(None))).scalar_one()
        return int(n)

    @staticmethod
    def _check(r: httpx.Response) -> httpx.Response:
        if r.status_code >= 300:
            try:
                detail = r.json().get("detail")
            except ValueError:
                detail = r.text[:200]
            raise SyncRefused(r.status_code, str(detail))
        return r

    def _fit(self, conn: Any, mode: str) -> tuple[dict[str, Any], dict[str, Any], bytes]:
        """The next batch, its keys and its JSON, halved until the JSON is within
        ``MAX_BODY_BYTES`` (a batch of one record of each kind that is still over goes as
        it is, and the server's refusal says why)."""
        n_ex, n_c = self.batch_size, self.commit_batch
        while True:
            body, keys = self._build(conn, mode, n_ex, n_c)
            raw = json.dumps(_no_nul(body), ensure_ascii=False).encode()
            sent_ex = max(len(body["exchanges"]), len(body["findings"]))
            sent_c = len(body["commits"])
            if len(raw) <= MAX_BODY_BYTES or (sent_ex <= 1 and sent_c <= 1):
                return body, keys, raw
            n_ex, n_c = max(1, sent_ex // 2), max(1, sent_c // 2)

    def _build(self, conn: Any, mode: str, n_ex: int | None = None,
               n_c: int | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
        """Up to ``n_ex`` exchanges and findings and ``n_c`` commits, cut to the server's
        record and fingerprint limits (a first record over them alone still goes, so the
        server's refusal says why)."""
        n_ex = self.batch_size if n_ex is None else n_ex
        n_c = self.commit_batch if n_c is None else n_c
        budget = _Budget()
        t = _tables()
        e, s, fp, c, ln, f = t["e"], t["s"], t["fp"], t["c"], t["l"], t["f"]
        ex_rows = conn.execute(select(e).where(e.c.synced_at.is_(None))
                               .order_by(e.c.started_at).limit(n_ex)).mappings().all()
        ids = [r["id"] for r in ex_rows]
        snippets: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        if ids:
            sn_rows = conn.execute(select(s).where(s.c.exchange_id.in_(ids))).mappings().all()
            fps: dict[int, list[list[int]]] = {}
            sids = [r["id"] for r in sn_rows]
            for i in range(0, len(sids), 1000):
                for sid, h, line in conn.execute(select(fp.c.snippet_id, fp.c.hash, fp.c.line)
                                                 .where(fp.c.snippet_id.in_(sids[i:i + 1000]))):
                    fps.setdefault(sid, []).append([h, line])
            for r in sn_rows:
                snippets[r["exchange_id"]].append({
                    "ordinal": r["ordinal"], "kind": r["kind"], "language": r["language"],
                    "path": r["path"], "text": r["text"], "line_count": r["line_count"],
                    "created_at": _iso(r["created_at"]), "normaliser": r["normaliser"],
                    "fingerprints": fps.get(r["id"], [])})
        exchanges = []
        for r in ex_rows:
            sn = snippets[r["id"]]
            if not budget.take(1 + len(sn), sum(len(x["fingerprints"]) for x in sn)):
                break
            d = {k: v for k, v in r.items() if k != "synced_at"}
            d["started_at"] = _iso(r["started_at"])
            d["snippets"] = sn
            exchanges.append(strip_exchange(d, mode))
        ids = ids[:len(exchanges)]

        c_rows = conn.execute(select(c).where(c.c.synced_at.is_(None))
                              .order_by(c.c.committed_at).limit(n_c)).mappings().all()
        commits = []
        kept_commits = []
        for r in c_rows:
            lines = conn.execute(select(ln.c.path, ln.c.lineno, ln.c.origin, ln.c.confidence,
                                        ln.c.exchange_id, s.c.ordinal, ln.c.language)
                                 .select_from(ln.outerjoin(s, s.c.id == ln.c.snippet_id))
                                 .where(ln.c.commit_id == r["id"])
                                 .order_by(ln.c.path, ln.c.lineno)).all()
            if not budget.take(1 + len(lines)):
                break
            kept_commits.append(r["id"])
            commits.append({
                "repo": r["repo"], "sha": r["sha"], "author": r["author"],
                "committed_at": _iso(r["committed_at"]), "ai_lines": r["ai_lines"],
                "ai_edited_lines": r["ai_edited_lines"], "human_lines": r["human_lines"],
                "note_json": r["note_json"] if mode != "metadata" else "{}",
                "lines": [list(x) for x in lines]})

        # findings: new ones by id; ones whose life cycle moved since they were sent (fixed,
        # linked to their commit, dismissed: ``updated_at``) by an (updated_at, id) cursor
        state = self._state()
        last_id = int(state.get("finding_id", 0))
        moved_t = state.get("updated_at")
        moved_id = int(state.get("updated_id", 0))
        new_rows = conn.execute(select(f).where(f.c.id > last_id, f.c.source.is_(None))
                                .order_by(f.c.id).limit(n_ex)).mappings().all()
        moved_q = select(f).where(f.c.updated_at.is_not(None), f.c.source.is_(None),
                                  f.c.id <= last_id)
        if moved_t:
            t0 = datetime.fromisoformat(moved_t)
            moved_q = moved_q.where((f.c.updated_at > t0) | ((f.c.updated_at == t0)
                                                             & (f.c.id > moved_id)))
        moved_rows = conn.execute(moved_q.order_by(f.c.updated_at, f.c.id)
                                  .limit(n_ex)).mappings().all()
        new_rows = new_rows[:budget.take_up_to(len(new_rows))]
        moved_rows = moved_rows[:budget.take_up_to(len(moved_rows))]
        findings = [{k: (_iso(v) if isinstance(v, datetime) else v)
                     for k, v in r.items() if k not in ("source", "source_id")}
                    for r in (*new_rows, *moved_rows)]
        keys = {"exchanges": ids, "commits": kept_commits,
                "finding_id": new_rows[-1]["id"] if new_rows else last_id,
                "updated_at": _iso(moved_rows[-1]["updated_at"]) if moved_rows else moved_t,
                "updated_id": moved_rows[-1]["id"] if moved_rows else moved_id}
        body = {"version": WIRE_VERSION, "sync_mode": mode, "exchanges": exchanges,
                "commits": commits, "findings": findings}
        return body, keys

    def _mark(self, conn: Any, keys: dict[str, Any]) -> None:
        t = _tables()
        now = datetime.now(UTC)
        if keys["exchanges"]:
            conn.execute(update(t["e"]).where(t["e"].c.id.in_(keys["exchanges"]))
                         .values(synced_at=now))
        if keys["commits"]:
            conn.execute(update(t["c"]).where(t["c"].c.id.in_(keys["commits"]))
                         .values(synced_at=now))
        self._save_state({k: keys[k] for k in ("finding_id", "updated_at", "updated_id")})

    def _state(self) -> dict[str, Any]:
        try:
            return dict(json.loads(self.state_path.read_text()))
        except (OSError, ValueError):
            return {}

    def _save_state(self, state: dict[str, Any]) -> None:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state))
        tmp.replace(self.state_path)

    # -- background ----------------------------------------------------------------------------
    def start(self) -> None:
        """Sync every ``interval`` seconds in a daemon thread; back off while it fails."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="aiprov-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def next_delay(self) -> float:
        """Seconds to wait before the next pass: the interval, or backoff after failures."""
        if not self.failures:
            return self.interval
        base = min(self.max_backoff, self.interval * 2 ** min(self.failures, 16))
        return base * (0.5 + random.random() / 2)  # noqa: S311 - jitter, not security

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                res = self.run_once(max_batches=20)
            except Exception as exc:  # noqa: BLE001 - e.g. local store busy: retry later
                res = SyncResult(error=f"{exc.__class__.__name__}: {exc}")
            if res.error:
                self.failures += 1
                log.warning("sync failed (%s); %d records kept for retry", res.error,
                            res.pending)
            else:
                self.failures = 0
                if res.batches >= 20:  # more to send: go on without waiting
                    continue
            self._stop.wait(self.next_delay())


class _Budget:
    """What is left of one batch's record and fingerprint limits (``aiprov.server.wire``)."""

    def __init__(self) -> None:
        self.records, self.fingerprints = MAX_BATCH_RECORDS, MAX_BATCH_FINGERPRINTS
        self.empty = True

    def take(self, records: int, fingerprints: int = 0) -> bool:
        """Whether a record of this size fits (the first one always does); takes it if so."""
        if not self.empty and (records > self.records or fingerprints > self.fingerprints):
            return False
        self.records -= records
        self.fingerprints -= fingerprints
        self.empty = False
        return True

    def take_up_to(self, records: int) -> int:
        """How many of ``records`` one-record items fit; takes them."""
        n = min(records, max(self.records, 0))
        if n:
            self.take(n)
        return n


def _no_nul(v: Any) -> Any:
    """``v`` with NUL characters in its strings replaced by U+FFFD (the store refuses NUL)."""
    if isinstance(v, str):
        return v.replace("\x00", "\ufffd") if "\x00" in v else v
    if isinstance(v, dict):
        return {k: _no_nul(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_no_nul(x) for x in v]
    return v


class SyncRefused(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(f"server answered {status}: {detail}")
        self.status = status


def _describe(exc: Exception, base: str) -> str:
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):
        return f"cannot reach the org server at {base} (records are kept and retried)"
    if isinstance(exc, SyncRefused) and exc.status == 401:
        return "the org server refused the token (check server_token)"
    return str(exc) or exc.__class__.__name__


__all__ = ["SyncResult", "Syncer"]
