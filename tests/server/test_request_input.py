"""Bad input to the org server's other routes (query, path, admin bodies): a 4xx that says
what is wrong, never a 500, on SQLite and PostgreSQL. Each of these was a 500 on at least
one backend: a NUL reached PostgreSQL text, an integer past INTEGER reached a bind, a
window or a retention reached back past year 1."""

from __future__ import annotations

from typing import Any

import pytest

# (case, method, url, request kwargs, token, status, words the answer must say)
CASES: list[tuple[str, str, str, dict[str, Any], str, int, str]] = [
    ("NUL in a lookup repo", "GET", "/api/lookup/line",
     {"params": {"repo": "acme\x00", "path": "a.py", "line": 1}}, "sec", 400, "NUL"),
    ("NUL in a lookup commit", "GET", "/api/lookup/line",
     {"params": {"repo": "a", "path": "a.py", "line": 1, "commit": "ab\x00cd"}}, "sec", 400,
     "NUL"),
    ("NUL in a commit sha", "GET", "/api/commit", {"params": {"repo": "a", "sha": "ab\x00cd"}},
     "sec", 400, "NUL"),
    ("NUL in an exchange id", "GET", "/api/exchanges/ab%00cd", {}, "sec", 400, "NUL"),
    ("NUL in a search", "GET", "/api/search", {"params": {"q": "abc\x00"}}, "sec", 400, "NUL"),
    ("NUL in a team's developer", "PUT", "/api/teams/a%00b", {"json": {"team": "x"}}, "admin",
     400, "NUL"),
    ("line 2**31", "GET", "/api/lookup/line",
     {"params": {"repo": "a", "path": "a.py", "line": 2**31}}, "sec", 422,
     "less than or equal to 2147483647"),
    ("line 2**70", "GET", "/api/lookup/line",
     {"params": {"repo": "a", "path": "a.py", "line": 2**70}}, "sec", 422,
     "less than or equal to 2147483647"),
    ("token id 2**70", "DELETE", f"/api/tokens/{2**70}", {}, "admin", 422,
     "less than or equal to 2147483647"),
    ("developer of 400 chars", "PUT", "/api/teams/" + "d" * 400, {"json": {"team": "x"}},
     "admin", 422, "at most 320"),
    ("NUL in a team", "PUT", "/api/teams/bob@example.com", {"json": {"team": "red\x00"}},
     "admin", 422, "NUL"),
    ("NUL in a token name", "POST", "/api/tokens",
     {"json": {"name": "ci\x00", "developer": "c@example.com"}}, "admin", 422,
     "NUL"),
    ("NUL in a token's developer", "POST", "/api/tokens",
     {"json": {"name": "ci", "developer": "x\x00"}}, "admin", 422, "NUL"),
    ("retention 2**70 days", "PUT", "/api/settings", {"json": {"retention_days": 2**70}},
     "admin", 422, "less than or equal to 36500"),
    ("report since 10**12 days", "GET", "/api/report", {"params": {"since": "999999999999d"}},
     "sec", 400, "past the calendar"),
]


@pytest.mark.parametrize(("method", "url", "kw", "who", "want", "words"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_request_input_is_a_4xx(org, method: str, url: str, kw: dict, who: str,  # type: ignore[no-untyped-def]
                                    want: int, words: str) -> None:
    r = org.client.request(method, url, headers=org.h(who), **kw)
    assert r.status_code == want, r.text
    assert words in str(r.json()["detail"])
    # and the server goes on: the settings and the purge still work
    assert org.client.get("/api/config", headers=org.h("admin")).status_code == 200
    assert org.client.post("/api/retention/purge", headers=org.h("admin")).status_code == 200


def test_retention_is_bounded_where_it_is_set(org) -> None:  # type: ignore[no-untyped-def]
    """``store.org.set_setting`` (the CLI's way too) refuses a retention the purge could not
    subtract from today, and digits that are not ASCII."""
    from sqlmodel import Session

    from store import org as store_org

    with Session(org.app.state.engine) as s:
        for bad in ("0", "36501", "10000000", "²", "1e3", "-5"):
            with pytest.raises(ValueError, match="retention_days must be"):
                store_org.set_setting(s, "retention_days", bad)
        store_org.set_setting(s, "retention_days", "36500")
        s.commit()
    res = org.client.post("/api/retention/purge", headers=org.h("admin"))
    assert res.status_code == 200 and res.json()["cutoff"].startswith(("1926", "1927"))
