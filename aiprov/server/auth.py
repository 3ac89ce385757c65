"""Bearer-token authentication and the role rules, in one place.

Roles: ``developer`` sees its own records; ``security`` sees every record, prompts included
(each read of someone else's prompt is audited); ``admin`` manages tokens, teams and
retention and sees every record's metadata, but not other people's prompts.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from store import org
from store.org import Principal


def principal(request: Request) -> Principal:
    """The caller, from ``Authorization: Bearer <token>``; 401 otherwise."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token",
                            headers={"WWW-Authenticate": "Bearer"})
    state = request.app.state
    with state.session() as s:
        who = org.authenticate(s, state.pepper, token.strip())
    if who is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown or revoked token",
                            headers={"WWW-Authenticate": "Bearer"})
    return who


def require(*roles: str):  # type: ignore[no-untyped-def]
    """A dependency that lets only ``roles`` through (403 for the others)."""

    def check(who: Annotated[Principal, Depends(principal)]) -> Principal:
        if who.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN,
                                f"this needs a {' or '.join(roles)} token (yours: {who.role})")
        return who

    return check


def scope(who: Principal) -> str | None:
    """The developer whose records ``who`` is limited to, or None for every record."""
    return None if who.sees_all else who.developer


def may_see(who: Principal, owner: str | None) -> bool:
    """Whether ``who`` may see a record (metadata) owned by ``owner``."""
    return who.sees_all or (owner is not None and owner == who.developer)


def may_read_text(who: Principal, owner: str | None) -> bool:
    """Whether ``who`` may read the prompt and suggestion of a record owned by ``owner``."""
    return who.role == "security" or (bool(who.developer) and owner == who.developer)
