"""API keys and tokens as salted hashes: what must stay comparable (the client's key, to
group exchanges by key) is kept only as ``hash_secret(value)``.

Invariant: the value itself never reaches disk; the salt (``$AIPROV_HOME/salt``, 32 random
bytes, 0600) is created once per install, so hashes are stable per install and unlinkable
across installs.
"""

from __future__ import annotations

import hmac
import os
import threading
from hashlib import sha256
from pathlib import Path

from aiprov.errors import ConfigError

# aiprov.settings (pydantic-settings, ~150 ms) is imported where a salt is read or made, not
# here: redaction alone (an agent hook's guard) never needs it

HASH_VERSION = "h1:"
SALT_BYTES = 32


_salts: dict[Path, bytes] = {}
_salt_lock = threading.Lock()


def salt_path() -> Path:
    from aiprov.settings import aiprov_home

    return aiprov_home() / "salt"


def _load_salt(path: Path) -> bytes:
    if not path.exists():
        from aiprov.settings import write_secret

        tmp = path.with_name(f".salt.{os.getpid()}.{os.urandom(4).hex()}")
        write_secret(tmp, os.urandom(SALT_BYTES))
        try:
            os.link(tmp, path)  # exclusive: two processes racing keep one salt
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        os.chmod(path, 0o600)
    data = path.read_bytes()
    if len(data) != SALT_BYTES:
        raise ConfigError(
            f"{path} holds {len(data)} bytes, not a {SALT_BYTES}-byte salt; restore it from "
            "a backup, or delete it to start a new one (stored key hashes will stop matching)"
        )
    return data


_last_salt: tuple[tuple[str | None, str | None], bytes] | None = None  # (homes, salt)


def get_salt() -> bytes:
    """This install's salt (``$AIPROV_HOME/salt``, 32 random bytes, 0600), created on first
    use. Called for every recorded exchange: while ``$AIPROV_HOME`` and ``$HOME`` are
    unchanged the last salt is returned without building and hashing a path (that cost
    ~60 us an exchange, a tenth of the recorder's CPU)."""
    global _last_salt
    env = (os.environ.get("AIPROV_HOME"), os.environ.get("HOME"))
    last = _last_salt
    if last is not None and last[0] == env:
        return last[1]
    path = salt_path()
    with _salt_lock:
        salt = _salts.get(path)
        if salt is None:
            salt = _salts[path] = _load_salt(path)
        _last_salt = (env, salt)
        return salt


def hash_secret(value: str) -> str:
    """A salted, versioned hash of an API key or token: ``h1:`` + 32 hex digits of
    HMAC-SHA256(salt, value). Stable per install, unlinkable across installs; the value
    itself never reaches disk."""
    digest = hmac.new(get_salt(), value.encode("utf-8"), sha256).hexdigest()
    return HASH_VERSION + digest[:32]
