"""A finding's life: suggested -> accepted -> committed -> fixed later; accepted -> fixed
before the commit; dismissed inline or by `aiprov findings dismiss`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import func, select

from reviewer.engine import review
from reviewer.model import Finding, failing
from store import db
from store.findings import (
    ACCEPTED,
    COMMITTED,
    DISMISSED,
    FIXED_BEFORE_COMMIT,
    FIXED_LATER,
    SUGGESTED,
    record_write,
    resolve_fixed,
    save_findings,
    settle_commit,
    state,
    to_row,
)
from store.models import FindingRow
from tests.reviewer.helpers import target
from tests.server.conftest import org_db  # noqa: F401 - a fresh store per test

DEV = "dev@example.com"
SQLI = "def q(c, name):\n    c.execute(f\"SELECT * FROM t WHERE n = '{name}'\")\n"
SAFE = "def q(c, name):\n    c.execute(\"SELECT * FROM t WHERE n = ?\", (name,))\n"
INLINE = ("def q(c, name):\n    # aiprov: ignore[CWE-89] name is one of three enum values\n"
          "    c.execute(f\"SELECT * FROM t WHERE n = '{name}'\")\n")
T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def one(code: str, path: str = "app/db.py") -> Finding:
    got = review([target(code, path)])
    assert len(got) == 1, got
    return got[0]


def early(f: Finding, stage: str, *, at: datetime, path: str = "", repo: str = "",
          accepted: datetime | None = None, developer: str = DEV) -> FindingRow:
    """A suggestion's or an agent write's finding, as the recorder and the guard store it."""
    row = to_row(f, repo, "", at, developer)
    row.stage, row.committed_at, row.accepted_at = stage, None, accepted
    row.path, row.line = path, f.line if path else 0
    row.fingerprint = ""
    return row


def hours(a: datetime | None, b: datetime) -> float:
    assert a is not None
    return ((a if a.tzinfo else a.replace(tzinfo=UTC)) - b).total_seconds() / 3600


def rows(s) -> int:  # type: ignore[no-untyped-def]
    return int(s.exec(select(func.count()).select_from(FindingRow)).one())


def test_suggested_accepted_committed_fixed_later(org_db: str) -> None:  # noqa: F811
    f = one(SQLI)
    with db.session(org_db) as s:
        sug = early(f, "suggestion", at=T0)
        s.add(sug)
        s.commit()
        assert state(sug) == SUGGESTED
        # the agent writes the suggested code: the same finding, now on disk (one row)
        w = early(f, "write", at=T0 + timedelta(hours=1), path="/home/dev/web/app/db.py",
                  accepted=T0 + timedelta(hours=1))
        got = record_write(s, w)
        s.commit()
        assert got.id == sug.id and state(got) == ACCEPTED and rows(s) == 1
        # the commit completes it instead of adding a row
        assert save_findings(s, "acme/web", "c1", [f], developer=DEV,
                             at=T0 + timedelta(hours=3)) == 1
        row = s.get(FindingRow, sug.id)
        assert row is not None and rows(s) == 1
        assert (row.repo, row.commit_sha, row.path, row.stage) == (
            "acme/web", "c1", "app/db.py", "suggestion")
        assert hours(row.committed_at, T0) == 3 and hours(row.accepted_at, T0) == 1
        assert state(row) == COMMITTED
        # a later commit removes the code: fixed later
        assert resolve_fixed(s, "acme/web", "c2", {"app/db.py": set()},
                             at=T0 + timedelta(hours=8)) == 1
        s.refresh(row)
        assert state(row) == FIXED_LATER and row.fixed_sha == "c2"
        assert hours(row.fixed_at, T0) == 8


def test_another_developers_suggestion_is_not_linked(org_db: str) -> None:  # noqa: F811
    f = one(SQLI)
    with db.session(org_db) as s:
        other = early(f, "suggestion", at=T0, developer="someone@example.com")
        s.add(other)
        s.commit()
        assert save_findings(s, "acme/web", "c1", [f], developer=DEV, at=T0) == 1
        assert rows(s) == 2
        s.refresh(other)
        assert state(other) == SUGGESTED and other.commit_sha == ""


def test_accepted_then_fixed_before_commit(org_db: str) -> None:  # noqa: F811
    f, kept = one(SQLI), one(SQLI, "app/keep.py")
    t1, t2 = T0 + timedelta(hours=1), T0 + timedelta(hours=2)
    with db.session(org_db) as s:
        fixed = early(f, "write", at=t1, path="app/db.py", accepted=t1)
        still = early(kept, "write", at=t1, path="app/keep.py", accepted=t1)
        theirs = early(f, "write", at=t1, path="app/db.py", accepted=t1,
                       developer="someone@example.com")
        never = early(f, "suggestion", at=T0)  # suggested, never written
        s.add_all([fixed, still, theirs, never])
        s.commit()
        # the commit has app/db.py without the injection, app/keep.py with it
        present = {"app/db.py": review([target(SAFE, "app/db.py")]),
                   "app/keep.py": [kept]}
        assert save_findings(s, "acme/web", "c1", [], developer=DEV, at=t2) == 0
        assert settle_commit(s, "acme/web", "c1", present, developer=DEV, at=t2) == (0, 1)
        for r in (fixed, still, theirs, never):
            s.refresh(r)
        assert state(fixed) == FIXED_BEFORE_COMMIT and fixed.committed_at is None
        assert hours(fixed.fixed_at, T0) == 2 and fixed.repo == "acme/web"
        assert state(still) == ACCEPTED  # its code is still there (not in this commit's diff)
        assert state(theirs) == ACCEPTED  # someone else's write
        assert state(never) == SUGGESTED


def test_dismissed_by_an_inline_comment(org_db: str) -> None:  # noqa: F811
    f = one(SQLI)
    with db.session(org_db) as s:
        assert save_findings(s, "acme/web", "c1", [f], developer=DEV, at=T0) == 1
        # a later commit adds the comment above the line: the open finding is dismissed
        now = review([target(INLINE, "app/db.py")])
        assert [x.dismissed for x in now] == ["name is one of three enum values"]
        assert failing(now, "info") == []  # listed, no longer failing
        present = {"app/db.py": now}
        assert resolve_fixed(s, "acme/web", "c2", {"app/db.py": {x.fingerprint for x in now}},
                             at=T0) == 0
        assert settle_commit(s, "acme/web", "c2", present, developer=DEV, at=T0) == (1, 0)
        row = s.exec(select(FindingRow)).one()
        assert state(row) == DISMISSED
        assert (row.dismissed_by, row.dismiss_reason) == (DEV, "name is one of three enum values")
        # code committed with its comment already there is stored dismissed
        new = one(INLINE.replace("t WHERE", "u WHERE"), "app/other.py")
        assert save_findings(s, "acme/web", "c3", [new], developer=DEV, at=T0) == 1
        row2 = s.exec(select(FindingRow).where(FindingRow.path == "app/other.py")).one()
        assert state(row2) == DISMISSED and row2.dismissed_by == DEV


def test_inline_comment_must_name_the_finding() -> None:
    wrong = INLINE.replace("CWE-89", "CWE-78")
    assert [x.dismissed for x in review([target(wrong)])] == [None]
    by_rule = INLINE.replace("CWE-89", one(SQLI).rule_id)
    assert [x.dismissed for x in review([target(by_rule)])] == [
        "name is one of three enum values"]
    js = ("function q(db, name) {\n  // aiprov: ignore[CWE-89] fixed list of names\n"
          "  db.query(\"SELECT * FROM t WHERE n = '\" + name + \"'\");\n}\n")
    got = review([target(js, "q.js")])
    assert got and all(x.dismissed == "fixed list of names" for x in got if x.cwe == 89)


def test_dismiss_and_list_by_command(capsys: pytest.CaptureFixture[str]) -> None:
    from aiprov import cli
    from aiprov.settings import get_settings

    f = one(SQLI)
    url = get_settings().db_url
    with db.session(url) as s:
        save_findings(s, "acme/web", "c1", [f], developer=DEV, at=T0)
        fid = s.exec(select(FindingRow.id)).one()
    assert cli.run(["findings", "dismiss", str(fid), "--reason", "  ", "--by", DEV]) == 2
    assert cli.run(["findings", "dismiss", "999", "--reason", "x", "--by", DEV]) == 1
    capsys.readouterr()
    assert cli.run(["findings", "dismiss", str(fid), "--reason",
                    "test fixture, never deployed", "--by", DEV]) == 0
    assert "dismissed by dev@example.com: test fixture, never deployed" in capsys.readouterr().out
    assert cli.run(["findings", "--state", "dismissed", "--json"]) == 0
    listed = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(x["id"], x["state"], x["dismissed_by"], x["dismiss_reason"]) for x in listed] == [
        (fid, "dismissed", DEV, "test fixture, never deployed")]
    assert cli.run(["findings", "--state", "committed"]) == 0
    assert "no findings in state committed" in capsys.readouterr().out
