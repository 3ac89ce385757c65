"""``aiprov status``: one verdict per component, from one set of observations.

Components: proxy, recorder, spool, store, hook server, org sync and, run inside a git work
tree, identity (would a commit made here now meet the proxy's records: the hook's one line
when the committing email matches none while others exist for this repository). Each is ``ok``,
``degraded`` (working, but something needs a look) or ``down`` (not doing its job), with the
reason and, where known, since when. Every observation is made once and every line is
derived from those observations, so two lines can never disagree (the store is judged once,
from this process's own probe and the running recorder's view together).

The proxy is found through ``$AIPROV_HOME/proxy.json`` (``aiprov.runstate``), whatever port
it was started on, and else at the configured address. Recorder figures come from the
running proxy's ``/_aiprov/status``; keys a recorder does not report are simply not shown.
"""

from __future__ import annotations

import json
import os
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiprov import runstate
from aiprov.errors import mask

OK, DEGRADED, DOWN = "ok", "degraded", "down"
COMPONENTS = ("proxy", "recorder", "spool", "store", "hook server", "org sync", "identity")
LAG_WARN_SECONDS = 30.0  # the recorder this far behind the relay is worth a look


@dataclass(slots=True)
class Component:
    name: str
    state: str
    reason: str
    since: str | None = None  # ISO 8601 UTC
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Observed:
    """What one status run saw; every verdict is computed from this alone."""

    proxy_url: str
    state: runstate.ProxyState | None
    live: dict[str, Any] | None
    live_error: str | None
    live_again: dict[str, Any] | None  # a second sample when the recorder lags
    spool_pending: int
    spool_oldest: str | None
    store: dict[str, Any]
    hook_server: tuple[str, str | None]
    sync: dict[str, Any]
    identity: dict[str, Any] | None = None  # pipeline.identity_check of the cwd; None outside


# --- observations --------------------------------------------------------------------------


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def _fetch(url: str, timeout: float = 2.0) -> tuple[dict[str, Any] | None, str | None]:
    try:
        with urllib.request.urlopen(url + "/_aiprov/status", timeout=timeout) as resp:  # noqa: S310 - loopback
            return json.loads(resp.read()), None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return None, str(getattr(reason, "strerror", None) or reason)


def _spool(spool_dir: Path) -> tuple[int, str | None]:
    from proxy.spool import Spool

    spool = Spool(spool_dir)
    files = spool.files()
    oldest = None
    if files:
        try:
            oldest = _iso(min(f.stat().st_mtime for f in files))
        except OSError:
            oldest = None
    return spool.pending(), oldest


def probe_store(db_url: str) -> dict[str, Any]:
    """Reach the store the way the hook does (DB-API, short timeouts, no migrations)."""
    from store.fingerprint_index import connect

    out: dict[str, Any] = {"url": mask(db_url)}
    try:
        opened = connect(db_url)
    except Exception as exc:  # noqa: BLE001 - whatever the driver says is the reason
        out["error"] = _one_line(exc)
        return out
    if opened is None:
        out["missing"] = True
        return out
    conn, _dialect = opened
    try:
        cur = conn.cursor()
        cur.execute("SELECT count(*), max(synced_at), "
                    "sum(CASE WHEN synced_at IS NULL THEN 1 ELSE 0 END) FROM exchange")
        count, synced, unsynced = cur.fetchone()
        out |= {"exchanges": int(count), "last_synced_at": _as_iso(synced),
                "unsynced": int(unsynced or 0)}
    except Exception as exc:  # noqa: BLE001
        text = _one_line(exc)
        if "exchange" in text and ("no such table" in text or "does not exist" in text):
            out["no_schema"] = True
        else:
            out["error"] = text
    finally:
        conn.close()
    return out


def _as_iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        dt = value if value.tzinfo else value.replace(tzinfo=UTC)
        return dt.astimezone(UTC).isoformat(timespec="seconds")
    try:
        return _as_iso(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _hook_server(home: Path) -> tuple[str, str | None]:
    from provenance import hookclient

    if os.environ.get("AIPROV_HOOK_SERVER") == "0":
        return "off", None
    path = hookclient.socket_path(str(home))
    if path is None:
        return "unavailable", None
    sock = hookclient.connect(path, timeout=0.5)
    if sock is None:
        return "idle", None
    sock.close()
    try:
        since = _iso(os.stat(path).st_mtime)
    except OSError:
        since = None
    return "running", since


def _sync(settings: Any) -> dict[str, Any]:
    if not settings.server_url:
        return {"configured": False}
    out: dict[str, Any] = {"configured": True, "server": settings.server_url,
                           "token": bool(settings.server_token)}
    import httpx

    try:
        r = httpx.get(settings.server_url.rstrip("/") + "/api/health", timeout=3.0)
        out["reachable"] = r.status_code < 500
        if r.status_code >= 500:
            out["error"] = f"answered {r.status_code}"
    except httpx.HTTPError as exc:
        out["reachable"] = False
        out["error"] = _one_line(exc) or exc.__class__.__name__
    return out


def _identity(settings: Any, cwd: Path | None = None) -> dict[str, Any] | None:
    """The hook's identity check for a commit made now in the work tree around ``cwd``."""
    from provenance.pipeline import identity_check

    try:
        return identity_check(cwd or Path.cwd(), settings)
    except Exception as exc:  # noqa: BLE001 - the store verdict says why it is unreadable
        return {"error": _one_line(exc)}


def _one_line(exc: BaseException) -> str:
    from aiprov.errors import _first_line

    orig = getattr(exc, "orig", None) or exc
    return mask(_first_line(str(orig)) or orig.__class__.__name__)


def observe(settings: Any) -> Observed:
    state = runstate.read(settings.home)
    url = _configured_url(settings)
    if state is not None and state.stopped_at is None:  # the address it was started on
        url = state.url
    live, live_error = _fetch(url)
    if live is None and url != _configured_url(settings):  # and else the configured one
        other, _ = _fetch(_configured_url(settings))
        if other is not None:
            url, live, live_error = _configured_url(settings), other, None
    again = None
    if live is not None and (live.get("recorder") or {}).get("lag_records"):
        time.sleep(1.0)  # lagging: a second sample says whether it grows
        again, _ = _fetch(url)
    pending, oldest = _spool(settings.spool_dir)
    store = probe_store(settings.db_url)
    readable = not (store.keys() & {"error", "missing", "no_schema"})  # else: the store's line
    return Observed(proxy_url=url, state=state, live=live, live_error=live_error,
                    live_again=again, spool_pending=pending, spool_oldest=oldest,
                    store=store, hook_server=_hook_server(settings.home),
                    sync=_sync(settings), identity=_identity(settings) if readable else None)


def _configured_url(settings: Any) -> str:
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return f"http://{host}:{settings.port}"


# --- verdicts ------------------------------------------------------------------------------


def judge(o: Observed) -> list[Component]:
    """One verdict per component, secrets masked (a recorder's error may quote a URL)."""
    rec = (o.live or {}).get("recorder") or {}
    out = [_proxy(o), _recorder(o, rec), _spool_verdict(o, rec), _store_verdict(o, rec),
           _hook_verdict(o), _sync_verdict(o)]
    if o.identity is not None:
        out.append(_identity_verdict(o.identity))
    for c in out:
        c.reason = mask(c.reason)
        c.details = {k: mask(v) if isinstance(v, str) else v for k, v in c.details.items()}
    return out


def _proxy(o: Observed) -> Component:
    st = o.state
    if o.live is not None:
        pid = o.live.get("pid")
        since = st.started_at if st is not None and st.pid == pid else None
        return Component("proxy", OK, f"listening on {o.proxy_url} (pid {pid})", since,
                         {"url": o.proxy_url, "pid": pid})
    if st is not None and st.alive:
        return Component("proxy", DEGRADED, f"pid {st.pid} runs but {o.proxy_url} does not "
                         f"answer ({o.live_error})", st.started_at, {"url": o.proxy_url})
    if st is not None and st.stopped_at:
        return Component("proxy", DOWN, f"stopped; it listened on {st.url} (start it with "
                         "`aiprov proxy`)", st.stopped_at, {"url": st.url})
    if st is not None:
        return Component("proxy", DOWN, f"pid {st.pid} exited without stopping cleanly; it "
                         f"listened on {st.url} (start it with `aiprov proxy`)", None,
                         {"url": st.url, "last_started_at": st.started_at})
    return Component("proxy", DOWN, f"not running: nothing answers on {o.proxy_url} (start "
                     "it with `aiprov proxy`)", None, {"url": o.proxy_url})


def _recorder(o: Observed, rec: dict[str, Any]) -> Component:
    if o.live is None:
        return Component("recorder", DOWN, "not running: it runs inside the proxy")
    details = dict(rec)
    counts = (f"recorded {rec.get('recorded', 0)} of {rec.get('submitted', 0)}, queued "
              f"{rec.get('queued', 0)}/{rec.get('queue_capacity', '?')}")
    for key in ("spooled", "replayed", "review_errors"):  # only when they happened
        if rec.get(key):
            counts += f", {key} {rec[key]}"
    if rec.get("dropped"):
        return Component("recorder", DEGRADED, f"{rec['dropped']} exchanges DROPPED ({counts}); "
                         f"last error: {rec.get('last_error') or 'none reported'}",
                         rec.get("last_error_at"), details)
    if rec.get("ready") is False:
        return Component("recorder", DEGRADED, f"starting ({counts})", None, details)
    lag_s = rec.get("lag_seconds")
    lag_n = rec.get("lag_records")
    if lag_n:
        again = ((o.live_again or {}).get("recorder") or {}).get("lag_records")
        growing = again is not None and again > lag_n
        if growing or (lag_s or 0) >= LAG_WARN_SECONDS:
            trend = f", growing ({lag_n} -> {again} in 1 s)" if growing else ""
            age = f", {lag_s:.0f} s" if lag_s is not None else ""
            return Component("recorder", DEGRADED, f"behind by {lag_n} exchanges{age}{trend} "
                             f"({counts})", rec.get("last_error_at"), details)
    if rec.get("store_ok") is False:
        return Component("recorder", DEGRADED, f"cannot write to the store, spooling "
                         f"({rec.get('last_error') or 'no error text'}); {counts}",
                         rec.get("last_error_at"), details)
    lag = f", lag {lag_n} ({lag_s:.1f} s)" if lag_n is not None and lag_s is not None else ""
    return Component("recorder", OK, f"{counts}{lag}", None, details)


def _spool_verdict(o: Observed, rec: dict[str, Any]) -> Component:
    pending = rec.get("spool_pending", o.spool_pending) if o.live else o.spool_pending
    details = {"pending": pending}
    if not pending:
        return Component("spool", OK, "empty", None, details)
    then = ("the proxy replays them when the store answers" if o.live else
            "the proxy replays them when it starts")
    return Component("spool", DEGRADED, f"{pending} exchanges waiting for the store; {then}",
                     o.spool_oldest, details)


def _store_verdict(o: Observed, rec: dict[str, Any]) -> Component:
    s = o.store
    details = {k: v for k, v in s.items() if k in ("url", "exchanges")}
    if s.get("error"):
        since = rec.get("last_error_at") if rec.get("store_ok") is False else None
        return Component("store", DOWN, f"unreachable at {s['url']} (AIPROV_DB): "
                         f"{s['error']}; start it, or point AIPROV_DB at a reachable store",
                         since, details)
    if s.get("no_schema"):
        return Component("store", DOWN, f"{s['url']} has no aiprov tables; run `aiprov db "
                         "upgrade` (or start the proxy, which creates them)", None, details)
    if rec.get("store_ok") is False:  # the recorder's view wins over "looks fine from here"
        held = "not created yet" if s.get("missing") else f"{s['exchanges']} exchanges"
        return Component("store", DEGRADED, f"{s['url']}: {held}, but the proxy's recorder "
                         f"cannot write to it: {rec.get('last_error') or 'no error text'}",
                         rec.get("last_error_at"), details)
    if s.get("missing"):
        return Component("store", OK, f"{s['url']} not created yet (the proxy creates it on "
                         "first use)", None, details)
    return Component("store", OK, f"{s['exchanges']} exchanges in {s['url']}", None, details)


def _hook_verdict(o: Observed) -> Component:
    state, since = o.hook_server
    reason = {
        "running": "running (commits are attributed by a warm process)",
        "idle": "not running; the next commit starts it",
        "off": "off (AIPROV_HOOK_SERVER=0): every hook runs cold",
        "unavailable": "not available here (socket path too long): every hook runs cold",
    }[state]
    return Component("hook server", OK, reason, since, {"state": state})


def _sync_verdict(o: Observed) -> Component:
    sy, st = o.sync, o.store
    if not sy.get("configured"):
        return Component("org sync", OK, "off (no server_url configured)", None, {})
    details = {"server": sy["server"], "unsynced": st.get("unsynced"),
               "last_synced_at": st.get("last_synced_at")}
    waiting = (f"{st['unsynced']} exchanges not yet sent" if "unsynced" in st
               else "local store unreadable")
    since = st.get("last_synced_at")
    if not sy.get("token"):
        return Component("org sync", DOWN, f"no server_token (AIPROV_SERVER_TOKEN) for "
                         f"{sy['server']}; {waiting}", since, details)
    if not sy.get("reachable"):
        return Component("org sync", DEGRADED, f"cannot reach {sy['server']} "
                         f"({sy.get('error')}); {waiting}, kept for retry", since, details)
    return Component("org sync", OK, f"{sy['server']} answers; {waiting}"
                     + ("" if since else "; nothing synced yet"), since, details)


def _identity_verdict(ident: dict[str, Any]) -> Component:
    if ident.get("error"):
        return Component("identity", DEGRADED, f"cannot check: {ident['error']}")
    details = {k: ident.get(k) for k in ("repo", "developer")}
    if ident.get("notice"):
        return Component("identity", DEGRADED, ident["notice"].removeprefix("aiprov: "),
                         None, details)
    who = ident.get("developer") or "(no git user.email)"
    return Component("identity", OK, f"commits here as {who} meet the proxy's records "
                     "(or nobody's are recorded for this repository)", None, details)


# --- output --------------------------------------------------------------------------------


def report(components: list[Component]) -> dict[str, Any]:
    from aiprov.version import version_info

    return {"version": version_info(), "ok": not any(c.state == DOWN for c in components),
            "checked_at": runstate.now_iso(),
            "components": {c.name: asdict(c) for c in components}}


def since_text(iso: str | None, now: datetime | None = None) -> str:
    """``11:04 UTC (5 min ago)``, with the date when it is not today."""
    if not iso:
        return ""
    try:
        then = datetime.fromisoformat(iso).astimezone(UTC)
    except ValueError:
        return iso
    now = now or datetime.now(UTC)
    secs = max(0, int((now - then).total_seconds()))
    ago = (f"{secs} s" if secs < 120 else f"{secs // 60} min" if secs < 7200 else
           f"{secs // 3600} h" if secs < 172800 else f"{secs // 86400} days")
    day = "" if then.date() == now.date() else f"{then:%Y-%m-%d} "
    return f"{day}{then:%H:%M} UTC ({ago} ago)"
