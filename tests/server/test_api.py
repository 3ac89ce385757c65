"""The org server's API on SQLite and PostgreSQL: ingest, roles, audit, lookup, search."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from store.models import (
    AuditRow,
    CommitRow,
    ExchangeRow,
    FindingRow,
    FingerprintRow,
    LineRow,
    SnippetRow,
)
from tests.server import factories as f

XSS = '<script>alert("pwned")</script><img src=x onerror=alert(1)>'


def counts(org) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with Session(org.app.state.engine) as s:
        return {m.__tablename__: s.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (ExchangeRow, SnippetRow, FingerprintRow, CommitRow, LineRow,
                          FindingRow)}


def seed(org):  # type: ignore[no-untyped-def]
    """alice: one exchange whose snippet she committed (2 AI lines, 1 edited, 1 human) and a
    finding on an AI line; bob: one exchange, nothing committed."""
    ex_a = f.exchange(developer="alice@example.com", prompt="parse input " + XSS)
    ex_b = f.exchange(developer="bob@example.com", prompt="bob's secret plan", repo="acme/api",
                      tool="codex", model="gpt-5")
    c = f.commit(author="alice@example.com", lines=[
        ["src/parse.py", 1, "ai", 0.97, ex_a["id"], 0, "python"],
        ["src/parse.py", 2, "ai", 0.95, ex_a["id"], 0, "python"],
        ["src/parse.py", 3, "ai-edited", 0.7, ex_a["id"], 0, "python"],
        ["src/parse.py", 4, "human", 1.0, None, None, "python"],
    ])
    fnd = f.finding(1, repo="acme/web", sha=c["sha"], path="src/parse.py", line=2, origin="ai",
                    exchange_id=ex_a["id"])
    r = org.client.post("/api/ingest", json=f.batch([ex_a], [c], [fnd]), headers=org.h("alice"))
    assert r.status_code == 200, r.text
    r = org.client.post("/api/ingest", json=f.batch([ex_b]), headers=org.h("bob"))
    assert r.status_code == 200, r.text
    return ex_a, ex_b, c


def test_ingest_retried_batch_creates_nothing_twice(org) -> None:  # type: ignore[no-untyped-def]
    ex = f.exchange(developer="alice@example.com", snippets=[f.snippet(0), f.snippet(1)])
    c = f.commit(author="alice@example.com",
                 lines=[["src/parse.py", 1, "ai", 0.9, ex["id"], 1, "python"]])
    body = f.batch([ex], [c], [f.finding(7, repo="acme/web", sha=c["sha"], path="src/parse.py",
                                         line=1, origin="ai")])
    first = org.client.post("/api/ingest", json=body, headers=org.h("alice")).json()
    assert first["exchanges"] == 1 and first["snippets"] == 2 and first["fingerprints"] == 4
    assert first["commits"] == 1 and first["lines"] == 1 and first["findings"] == 1
    before = counts(org)
    again = org.client.post("/api/ingest", json=body, headers=org.h("alice")).json()
    assert again["exchanges"] == 0 and again["exchanges_duplicate"] == 1
    assert again["commits"] == 0 and again["commits_duplicate"] == 1 and again["lines"] == 0
    assert counts(org) == before
    assert before == {"exchange": 1, "snippet": 2, "fingerprint": 4, "commit_attribution": 1,
                      "line_attribution": 1, "finding": 1}
    # the line's local snippet (exchange, ordinal 1) was translated to the server's snippet id
    with Session(org.app.state.engine) as s:
        line = s.execute(select(LineRow)).scalar_one()
        sn = s.get(SnippetRow, line.snippet_id)
        assert sn is not None and (sn.exchange_id, sn.ordinal) == (ex["id"], 1)


def test_finding_reported_fixed_later_is_updated_not_duplicated(org) -> None:  # type: ignore[no-untyped-def]
    c = f.commit(author="alice@example.com", lines=[["a.py", 1, "ai", 0.9, None, None, "python"]])
    open_ = f.finding(3, repo="acme/web", sha=c["sha"], path="a.py", line=1, origin="ai")
    org.client.post("/api/ingest", json=f.batch([], [c], [open_]), headers=org.h("alice"))
    fixed = dict(open_, fixed_sha="beef", fixed_at=f.iso(f.NOW))
    org.client.post("/api/ingest", json=f.batch([], [], [fixed]), headers=org.h("alice"))
    with Session(org.app.state.engine) as s:
        rows = s.execute(select(FindingRow)).scalars().all()
    assert len(rows) == 1 and rows[0].fixed_sha == "beef" and rows[0].source == "alice@example.com"


def test_developer_token_speaks_only_for_its_developer(org) -> None:  # type: ignore[no-untyped-def]
    ex = f.exchange(developer="mallory@example.com")
    c = f.commit(author="mallory@example.com", lines=[])
    org.client.post("/api/ingest", json=f.batch([ex], [c]), headers=org.h("alice"))
    with Session(org.app.state.engine) as s:
        assert s.get(ExchangeRow, ex["id"]).developer == "alice@example.com"
        assert s.execute(select(SnippetRow.developer)).scalar_one() == "alice@example.com"
        assert s.execute(select(CommitRow.author)).scalar_one() == "alice@example.com"


def test_bad_token_and_bad_batch_are_refused(org) -> None:  # type: ignore[no-untyped-def]
    assert org.client.get("/api/report").status_code == 401
    bad = {"Authorization": "Bearer aip_not-a-real-token"}
    assert org.client.get("/api/report", headers=bad).status_code == 401
    r = org.client.post("/api/ingest", json={"exchanges": [{"id": "x"}]}, headers=org.h("alice"))
    assert r.status_code == 422
    assert counts(org)["exchange"] == 0


def test_roles_decide_who_reads_a_prompt_and_reads_are_audited(org) -> None:  # type: ignore[no-untyped-def]
    ex_a, ex_b, _ = seed(org)
    # bob cannot see alice's exchange at all
    assert org.client.get(f"/api/exchanges/{ex_a['id']}", headers=org.h("bob")).status_code == 404
    # alice reads her own: not audited
    mine = org.client.get(f"/api/exchanges/{ex_a['id']}", headers=org.h("alice")).json()
    assert mine["prompt"] == ex_a["prompt"]
    with Session(org.app.state.engine) as s:
        assert s.execute(select(func.count()).select_from(AuditRow)).scalar_one() == 0
    # security reads alice's: allowed and audited
    seen = org.client.get(f"/api/exchanges/{ex_a['id']}", headers=org.h("sec")).json()
    assert seen["prompt"] == ex_a["prompt"] and seen["response"] == ex_a["response_text"]
    assert seen["snippets"][0]["text"].startswith("def parse")
    with Session(org.app.state.engine) as s:
        rows = s.execute(select(AuditRow)).scalars().all()
    assert [(r.action, r.target) for r in rows] == [("read_prompt", ex_a["id"])]
    assert rows[0].actor.startswith("sec@example.com (security") and "alice" in rows[0].detail
    # admin sees metadata, not the text
    adm = org.client.get(f"/api/exchanges/{ex_b['id']}", headers=org.h("admin")).json()
    assert adm["developer"] == "bob@example.com" and adm["prompt"] is None
    assert adm["snippets"][0]["text"] is None and "cannot read" in adm["text_withheld"]
    # the audit log is for security and admin only
    assert org.client.get("/api/audit", headers=org.h("alice")).status_code == 403
    log = org.client.get("/api/audit", headers=org.h("admin")).json()
    assert len(log) == 1 and log[0]["target"] == ex_a["id"]


def test_lookup_by_commit_and_at_head(org) -> None:  # type: ignore[no-untyped-def]
    ex_a, _, c = seed(org)
    q = {"repo": "acme/web", "path": "./src/parse.py", "line": 2, "commit": c["sha"][:10]}
    a = org.client.get("/api/lookup/line", params=q, headers=org.h("sec")).json()
    assert a["found"] and a["origin"] == "ai" and a["confidence"] == 0.95
    assert a["commit"] == c["sha"] and a["method"] == "commit"
    assert a["source"]["developer"] == "alice@example.com"
    assert a["source"]["tool"] == "claude-code" and a["source"]["model"] == "claude-sonnet-4"
    assert a["prompt"] == ex_a["prompt"] and a["suggestion"].startswith("def parse")
    assert [(x["rule_id"], x["state"]) for x in a["findings"]] == [("py.eval", "committed")]
    # at HEAD: a later commit rewrote line 2 by hand; it is the newer answer
    later = f.commit(author="alice@example.com", when=f.NOW - timedelta(hours=1),
                     lines=[["src/parse.py", 2, "human", 1.0, None, None, "python"]])
    org.client.post("/api/ingest", json=f.batch([], [later]), headers=org.h("alice"))
    head = org.client.get("/api/lookup/line", params={"repo": "acme/web", "path": "src/parse.py",
                          "line": 2}, headers=org.h("alice")).json()
    assert head["found"] and head["origin"] == "human" and head["commit"] == later["sha"]
    assert head["method"] == "latest-commit-at-position" and head["source"] is None
    # an unattributed line says so, with a reason
    miss = org.client.get("/api/lookup/line", params={"repo": "acme/web", "path": "nope.py",
                          "line": 1}, headers=org.h("sec")).json()
    assert miss["found"] is False and "no synced commit" in miss["reason"]
    # bob may not look into alice's commit
    r = org.client.get("/api/lookup/line", params=q, headers=org.h("bob"))
    assert r.status_code == 404
    # by exchange id and browse a commit
    cl = org.client.get("/api/commit", params={"repo": "acme/web", "sha": c["sha"]},
                        headers=org.h("alice")).json()
    assert [ln["origin"] for ln in cl["files"][0]["lines"]] == ["ai", "ai", "ai-edited", "human"]


def test_search_over_snippets_respects_roles(org) -> None:  # type: ignore[no-untyped-def]
    seed(org)
    hits = org.client.get("/api/search", params={"q": "DEF PARSE"}, headers=org.h("sec")).json()
    assert {h["developer"] for h in hits} == {"alice@example.com", "bob@example.com"}
    assert all("def parse" in h["excerpt"] for h in hits)
    own = org.client.get("/api/search", params={"q": "def parse"}, headers=org.h("bob")).json()
    assert [h["developer"] for h in own] == ["bob@example.com"]
    adm = org.client.get("/api/search", params={"q": "def parse"}, headers=org.h("admin")).json()
    assert len(adm) == 2 and all(h["excerpt"] is None for h in adm)
    # LIKE wildcards in the query are literal text
    none = org.client.get("/api/search", params={"q": "%_%"}, headers=org.h("sec")).json()
    assert none == []


def test_org_sync_mode_metadata_strips_text_even_if_client_sends_it(org) -> None:  # type: ignore[no-untyped-def]
    r = org.client.put("/api/settings", json={"sync_mode": "metadata"}, headers=org.h("admin"))
    assert r.json()["sync_mode"] == "metadata"
    ex = f.exchange(developer="alice@example.com", prompt="TOP SECRET PROMPT")
    org.client.post("/api/ingest", json=f.batch([ex], mode="full"), headers=org.h("alice"))
    with Session(org.app.state.engine) as s:
        row = s.get(ExchangeRow, ex["id"])
        sn = s.execute(select(SnippetRow)).scalar_one()
        fps = s.execute(select(func.count()).select_from(FingerprintRow)).scalar_one()
    assert row.prompt == "" and row.response_text == "" and row.system is None
    assert row.request_json == "{}" and row.cost_usd == 0.01 and row.input_tokens == 100
    assert sn.text == "" and sn.line_count == 2 and fps == 2


def test_redacted_mode_drops_raw_request_and_reasoning(org) -> None:  # type: ignore[no-untyped-def]
    ex = f.exchange(developer="alice@example.com", prompt="keep me")
    org.client.post("/api/ingest", json=f.batch([ex], mode="redacted"), headers=org.h("alice"))
    with Session(org.app.state.engine) as s:
        row = s.get(ExchangeRow, ex["id"])
    assert row.prompt == "keep me" and row.request_json == "{}" and row.reasoning_text == ""
    assert row.cwd is None and row.api_key_hash is None


def test_admin_manages_tokens_teams_and_settings(org) -> None:  # type: ignore[no-untyped-def]
    assert org.client.post("/api/tokens", json={"name": "x", "developer": "c@x", "role": "admin"},
                           headers=org.h("sec")).status_code == 403
    made = org.client.post("/api/tokens", json={"name": "carol", "developer": "carol@example.com",
                           "team": "green"}, headers=org.h("admin")).json()
    carol = {"Authorization": f"Bearer {made['token']}"}
    assert org.client.get("/api/config", headers=carol).json()["team"] == "green"
    listed = org.client.get("/api/tokens", headers=org.h("admin")).json()
    assert "token" not in listed[0] and all("hp1:" not in str(t) for t in listed)
    assert org.client.delete(f"/api/tokens/{made['id']}", headers=org.h("admin")).status_code == 200
    assert org.client.get("/api/config", headers=carol).status_code == 401
    org.client.put("/api/teams/bob@example.com", json={"team": "red"}, headers=org.h("admin"))
    assert org.client.get("/api/teams", headers=org.h("sec")).json()["bob@example.com"] == "red"
    bad = org.client.put("/api/settings", json={"sync_mode": "everything"}, headers=org.h("admin"))
    assert bad.status_code == 400


def test_retention_purges_old_records(org) -> None:  # type: ignore[no-untyped-def]
    old = f.NOW - timedelta(days=100)
    ex_old = f.exchange(developer="alice@example.com", when=old, snippets=[f.snippet(0, when=old)])
    ex_new = f.exchange(developer="alice@example.com")
    c_old = f.commit(author="alice@example.com", when=old,
                     lines=[["a.py", 1, "ai", 0.9, ex_old["id"], 0, "python"]])
    fnd = f.finding(1, repo="acme/web", sha=c_old["sha"], path="a.py", line=1, origin="ai",
                    found=old)
    org.client.post("/api/ingest", json=f.batch([ex_old, ex_new], [c_old], [fnd]),
                    headers=org.h("alice"))
    org.client.put("/api/settings", json={"retention_days": 90}, headers=org.h("admin"))
    res = org.client.post("/api/retention/purge", headers=org.h("admin")).json()
    assert (res["exchanges"], res["snippets"], res["fingerprints"]) == (1, 1, 2)
    assert (res["commits"], res["lines"], res["findings"]) == (1, 1, 1)
    assert counts(org) == {"exchange": 1, "snippet": 1, "fingerprint": 2,
                           "commit_attribution": 0, "line_attribution": 0, "finding": 0}
    with Session(org.app.state.engine) as s:
        assert s.get(ExchangeRow, ex_new["id"]) is not None


def test_prompt_with_script_tag_is_inert_in_json(org) -> None:  # type: ignore[no-untyped-def]
    ex_a, _, _ = seed(org)
    r = org.client.get(f"/api/exchanges/{ex_a['id']}", headers=org.h("alice"))
    assert "<script>" not in r.text and "\\u003cscript\\u003e" in r.text
    assert r.json()["prompt"].endswith(XSS)  # a JSON consumer gets the exact text back
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    page = org.client.get("/exchange", params={"id": ex_a["id"]})
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "unsafe-inline" not in page.headers["content-security-policy"]
    js = org.client.get("/static/app.js").text
    assert "innerHTML" not in js.replace("never uses\n// innerHTML", "")
