"""Errors a person can act on, and the one place the CLI turns a failure into a message.

    AiprovError                 a failure to act on (exit 1)
    ├── GitError                git failed or this is not a repository (exit 1)
    ├── ConfigError             a bad setting, option or config file (exit 2)
    │   └── SettingError        names the setting, where it came from and the value seen
    └── UnavailableError        something needed is not there or not answering (exit 3)
        ├── StoreError          the database is unreachable, locked or not migrated
        ├── UpstreamError       the LLM API or the org server could not be reached
        └── PortInUse           the address a server should listen on is taken

Exit codes (the README's table): 0 ok, 1 findings or a failure, 2 usage or configuration,
3 unavailable. Every message is one line (or a few) that says what is wrong, names the
setting or resource with the value seen -- secrets masked -- and what to do.

``translate`` maps the library exceptions that reach the CLI (pydantic's ValidationError
from the settings, SQLAlchemy and psycopg connection errors, a bad ``config.toml``) to these,
without importing those libraries: a command that never loaded SQLAlchemy cannot raise its
errors. The CLI prints ``aiprov: <message>`` and exits with the class's code; nothing else
escapes as a traceback.
"""

from __future__ import annotations

import os
import re
import sys

OK, FAILURE, USAGE, UNAVAILABLE = 0, 1, 2, 3


class AiprovError(Exception):
    exit_code = FAILURE


class GitError(AiprovError):
    pass


class ConfigError(AiprovError):
    exit_code = USAGE


class SettingError(ConfigError):
    """A setting's value is refused: the message names the setting, the environment variable
    or file it came from, the value seen (masked) and what it should be."""

    def __init__(self, setting: str, value: object, problem: str, source: str = "") -> None:
        self.setting, self.value, self.problem, self.source = setting, value, problem, source
        seen = mask(str(value))
        where = f" from {source}" if source else ""
        super().__init__(f"setting {setting}{where} is {seen!r}: {problem}")


class UnavailableError(AiprovError):
    exit_code = UNAVAILABLE


class StoreError(UnavailableError):
    pass


class UpstreamError(UnavailableError):
    pass


class PortInUse(UnavailableError):
    pass


# --- secrets out of messages ---------------------------------------------------------------

_URL_PASSWORD = re.compile(r"(?P<pre>[a-z][a-z0-9+.-]*://[^/\s:@]*:)(?P<pw>[^@\s/]+)(?=@)", re.I)
_QUERY_SECRET = re.compile(r"(?P<pre>[?&](?:password|passwd|pwd|token|key|api_key|secret)=)"
                           r"(?P<pw>[^&\s]+)", re.I)
_TOKENS = re.compile(r"\b(?:aip_|aipx_|sk-|sk-ant-|ghp_|github_pat_|xox[bap]-)[A-Za-z0-9_\-]{6,}")


def mask(text: str) -> str:
    """``text`` with URL passwords, secret query parameters and API tokens replaced by ***."""
    text = _URL_PASSWORD.sub(r"\g<pre>***", text)
    text = _QUERY_SECRET.sub(r"\g<pre>***", text)
    return _TOKENS.sub(lambda m: m.group(0)[:5] + "***", text)


# --- library exceptions -> ours ------------------------------------------------------------


def _first_line(text: str, limit: int = 240) -> str:
    """The first non-empty line, shortened at a word boundary (never mid-word)."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " ..."


def setting_error(exc: BaseException) -> SettingError | None:
    """A pydantic ValidationError raised by ``aiprov.settings.Settings`` as a SettingError
    naming the first bad field's environment variable (or config.toml)."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return None
    try:
        first = errors()[0]
    except (IndexError, TypeError):
        return None
    loc = first.get("loc") or ("?",)
    field = str(loc[0])
    env = "AIPROV_" + field.upper()
    value = first.get("input")
    if env in os.environ and len(loc) == 1:
        label, value = env, os.environ[env]
    else:
        from aiprov.settings import aiprov_home

        path = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc)
        label = f"{path.replace('.[', '[')} in {aiprov_home() / 'config.toml'}"
    msg = str(first.get("msg") or "invalid value")
    msg = re.sub(r"^(Value error|Assertion failed), ", "", msg)
    return SettingError(label, "" if value is None else value, msg + _HINTS.get(field, ""))


_HINTS = {
    "port": " (a port number such as 8787)",
}


def translate(exc: BaseException) -> AiprovError | None:
    """Our error for a library exception that reached the CLI, or None if it is a bug."""
    if isinstance(exc, AiprovError):
        return exc
    name = type(exc).__name__
    module = type(exc).__module__ or ""
    if name == "ValidationError" and module.startswith("pydantic"):
        return setting_error(exc)
    if name == "PolicyError" and module == "reviewer.policy":
        return ConfigError(str(exc))
    if name == "TOMLDecodeError":
        from aiprov.settings import aiprov_home

        return ConfigError(f"{aiprov_home() / 'config.toml'} is not valid TOML ({exc}); "
                           "fix the file or move it away")
    if module.startswith(("sqlalchemy", "psycopg", "sqlite3")) or _is_db_error(exc):
        return store_error(exc)
    if isinstance(exc, PermissionError):
        return UnavailableError(f"permission denied: {exc.filename or exc} (check its owner and "
                                "mode; aiprov keeps its files under AIPROV_HOME)")
    return None


def _is_db_error(exc: BaseException) -> bool:
    sa = sys.modules.get("sqlalchemy.exc")
    return sa is not None and isinstance(exc, sa.SQLAlchemyError)


def store_error(exc: BaseException, url: str | None = None) -> StoreError:
    """One line for a database failure: which store (AIPROV_DB), what it said, what to do."""
    if url is None:
        try:
            from aiprov.settings import get_settings

            url = get_settings().db_url
        except Exception:  # noqa: BLE001 - the settings themselves may be the problem
            url = os.environ.get("AIPROV_DB", "the default store")
    orig = getattr(exc, "orig", None) or exc
    detail = _first_line(str(orig)) or type(orig).__name__
    detail = re.sub(r"\s*\(Background on this error at: \S+\)", "", detail)
    what = "cannot use the store"
    todo = "check that the database is running and reachable, or point AIPROV_DB (or --db) " \
           "at another store"
    low = detail.lower()
    if "no such table" in low or "undefinedtable" in type(orig).__name__.lower() or \
            "does not exist" in low and "relation" in low:
        what, todo = "the store has no aiprov schema", "run `aiprov db upgrade`"
    elif "locked" in low:
        todo = "another process holds the SQLite file; retry, or stop it"
    elif "unable to open database file" in low:
        todo = "check that the directory exists and is writable, or set AIPROV_DB"
    return StoreError(f"{what} at {mask(url)} (AIPROV_DB): {mask(detail)}; {todo}")
