"""Which proxy runs for this home, and where: ``$AIPROV_HOME/proxy.json``.

``aiprov proxy`` writes the file once its port is bound (pid, address, start time, version)
and marks it stopped when it exits, so that ``aiprov status`` finds the proxy on whatever
port it was started (``--port`` or ``AIPROV_PORT``) and can say since when it is up or down.
A file whose pid no longer runs is a proxy that died without cleaning up: status reports it
down, never up. Only the process named in the file marks it stopped, so a second proxy on
the same home does not erase the first one's entry when it exits.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

FILE = "proxy.json"


@dataclass(frozen=True, slots=True)
class ProxyState:
    pid: int
    host: str
    port: int
    started_at: str  # ISO 8601, UTC
    version: str = ""
    stopped_at: str | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def alive(self) -> bool:
        return self.stopped_at is None and pid_alive(self.pid)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process holds the pid: not our proxy
        return False
    return True


def _write(home: Path, state: ProxyState) -> None:
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = home / f".{FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(asdict(state)) + "\n", encoding="utf-8")
    os.replace(tmp, home / FILE)


def started(home: Path, host: str, port: int, version: str = "") -> ProxyState:
    state = ProxyState(pid=os.getpid(), host=host, port=port, started_at=now_iso(),
                       version=version)
    _write(home, state)
    return state


def stopped(home: Path) -> None:
    """Mark this process's proxy stopped (another process's entry is left alone)."""
    state = read(home)
    if state is not None and state.pid == os.getpid() and state.stopped_at is None:
        _write(home, ProxyState(**{**asdict(state), "stopped_at": now_iso()}))


def read(home: Path) -> ProxyState | None:
    try:
        data = json.loads((home / FILE).read_text(encoding="utf-8"))
        return ProxyState(pid=int(data["pid"]), host=str(data["host"]), port=int(data["port"]),
                          started_at=str(data["started_at"]),
                          version=str(data.get("version") or ""),
                          stopped_at=data.get("stopped_at"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
