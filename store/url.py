"""Database URLs as settings give them: one normaliser for the full settings and the hook.

Dependency-free on purpose (no pydantic, no SQLAlchemy): the git hook reads its settings
without pydantic on every commit and must accept and refuse exactly what
``aiprov.settings.Settings`` does.
"""

from __future__ import annotations

from pathlib import Path

SCHEMES = ("sqlite:///", "postgresql://")  # as a person writes them (postgres:// too)


def normalise_db_url(value: str) -> str:
    """``postgres://`` and ``postgresql://`` become SQLAlchemy's ``postgresql+psycopg://``;
    ``sqlite://`` URLs and the empty string (the default store) pass; anything else is a
    ValueError naming the scheme seen."""
    v = value.strip()
    if v.startswith("postgres://"):
        v = "postgresql+psycopg://" + v[len("postgres://") :]
    elif v.startswith("postgresql://"):
        v = "postgresql+psycopg://" + v[len("postgresql://") :]
    if v and not v.startswith(("sqlite://", "postgresql+psycopg://")):
        scheme = v.split(":", 1)[0] if ":" in v else v[:20]
        raise ValueError(f"not a database URL (scheme {scheme!r}): it must start with "
                         "sqlite:/// or postgresql://")
    return v


def sqlite_file(url: str) -> Path | None:
    """The file a ``sqlite:///`` URL names, or None (in-memory, or not SQLite)."""
    if not url.startswith("sqlite:///"):
        return None
    path = url[len("sqlite:///") :].split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None
