"""Proxy tokens: developers authenticate to the proxy, the proxy holds the org's API keys.

Off until the first token is created (``aiprov proxy-token create``). Then every relayed
request must carry an aiprov token (``aipx_...``) where the SDK puts its API key
(``Authorization: Bearer`` or ``x-api-key``); the proxy checks it, records the token's
developer, and forwards the org key for that API family instead. Only salted hashes of
tokens are stored (``$AIPROV_HOME/proxy_tokens.json``, 0600); a token is shown once.
"""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aiprov.settings import write_secret

PREFIX = "aipx_"
RELOAD_EVERY_S = 2.0


@dataclass(frozen=True, slots=True)
class TokenInfo:
    name: str
    developer: str
    created_at: str


def _hash(token: str) -> str:
    from proxy.redact import hash_secret

    return hash_secret(token)


def _load(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        from aiprov.errors import ConfigError

        raise ConfigError(f"{path} is unreadable ({exc}); fix or delete it") from exc
    return data.get("tokens", {}) if isinstance(data, dict) else {}


def _save(path: Path, tokens: dict[str, dict[str, str]]) -> None:
    write_secret(path, json.dumps({"version": 1, "tokens": tokens}, indent=2).encode())


def create(path: Path, *, name: str, developer: str) -> str:
    """A new token (returned once; only its hash is kept)."""
    token = PREFIX + secrets.token_urlsafe(32)
    tokens = _load(path)
    tokens[_hash(token)] = {"name": name, "developer": developer,
                            "created_at": datetime.now(UTC).isoformat(timespec="seconds")}
    _save(path, tokens)
    return token


def revoke(path: Path, name: str) -> int:
    tokens = _load(path)
    keep = {h: t for h, t in tokens.items() if t.get("name") != name}
    _save(path, keep)
    return len(tokens) - len(keep)


def listing(path: Path) -> list[TokenInfo]:
    return [TokenInfo(t.get("name", ""), t.get("developer", ""), t.get("created_at", ""))
            for t in _load(path).values()]


def presented(headers: dict[str, str]) -> str | None:
    """The credential a client sent, from wherever its SDK puts the API key."""
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return (headers.get("x-api-key") or headers.get("api-key") or headers.get("x-goog-api-key")
            or None)


class TokenGate:
    """Checks tokens on the hot path: one HMAC and a dict lookup; the file is re-read
    when it changes (checked at most every two seconds)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._mtime: float | None = None
        self._checked = 0.0
        self._tokens: dict[str, dict[str, str]] = {}
        self._refresh(force=True)

    def _refresh(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._checked < RELOAD_EVERY_S:
            return
        with self._lock:
            self._checked = now
            try:
                mtime = os.stat(self.path).st_mtime
            except FileNotFoundError:
                self._tokens, self._mtime = {}, None
                return
            if mtime != self._mtime:
                self._tokens, self._mtime = _load(self.path), mtime

    @property
    def enabled(self) -> bool:
        self._refresh()
        return bool(self._tokens)

    def developer(self, token: str | None) -> str | None:
        """The developer a valid token belongs to, else None."""
        if not token or not token.startswith(PREFIX):
            return None
        entry = self._tokens.get(_hash(token))
        return entry.get("developer", "") if entry else None
