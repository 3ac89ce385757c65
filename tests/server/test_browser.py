"""The dashboard in a real browser: Debian's chromium driven by Playwright, on loopback.

Checks that the charts draw, a lookup and a commit browse work, and that a prompt holding a
script tag is shown as text and never runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.server import factories as f
from tests.server.conftest import LoopbackServer

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
EVIL = ('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
        '"><svg onload="window.__pwned=3">')

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                       reason=f"{CHROMIUM} is absent (apt-get install chromium); CI installs it"),
]


@pytest.fixture
def site(tmp_path: Path, isolated_env: Path) -> Iterator[dict]:
    from fastapi.testclient import TestClient
    from sqlmodel import Session

    from aiprov.server.app import create_app
    from aiprov.settings import Settings
    from store import org

    app = create_app(Settings(db=f"sqlite:///{tmp_path / 'org.db'}", home=isolated_env),
                     purge_interval_s=None)
    with Session(app.state.engine) as s:
        sec, _ = org.create_token(s, app.state.pepper, name="sec", developer="sec@example.com",
                                  role="security")
        alice, _ = org.create_token(s, app.state.pepper, name="alice",
                                    developer="alice@example.com", team="red")
        org.set_team(s, "bob@example.com", "blue")
        s.commit()
    ex = f.exchange(developer="alice@example.com", prompt="please " + EVIL,
                    response="sure " + EVIL)
    ex_b = f.exchange(developer="bob@example.com", tool="codex", model="gpt-5")
    c = f.commit(author="alice@example.com", lines=[
        ["src/parse.py", 1, "ai", 0.97, ex["id"], 0, "python"],
        ["src/parse.py", 2, "ai", 0.95, ex["id"], 0, "python"],
        ["src/parse.py", 3, "human", 1.0, None, None, "python"]])
    # outcomes, all on the day of the exchanges: alice's suggestion had a finding she accepted
    # and fixed before the commit; her agent wrote one she dismissed in triage
    found = f.NOW - timedelta(days=1)
    fnd = f.finding(1, repo="acme/web", sha=c["sha"], path="src/parse.py", line=2, origin="ai",
                    exchange_id=ex["id"], message="eval " + EVIL, found=found)
    sug = {**f.finding(2, repo="", sha="", path="", line=0, origin="ai", exchange_id=ex["id"],
                       found=found),
           "stage": "suggestion", "accepted_at": f.iso(found), "fixed_at": f.iso(found)}
    wrote = {**f.finding(3, repo="", sha="", path="src/x.py", line=1, origin="ai", found=found),
             "stage": "write", "accepted_at": f.iso(found),
             "dismissed_at": f.iso(found), "dismissed_by": "alice@example.com",
             "dismiss_reason": "not reachable"}
    with TestClient(app) as client:
        assert client.post("/api/ingest", json=f.batch([ex], [c], [fnd, sug, wrote]),
                           headers={"Authorization": f"Bearer {alice}"}).status_code == 200
        assert client.post("/api/ingest", json=f.batch([ex_b]),
                           headers={"Authorization": f"Bearer {sec}"}).status_code == 200
    with LoopbackServer(app) as srv:
        yield {"url": srv.url, "sec": sec, "exchange": ex, "commit": c}


@pytest.fixture
def page(site: dict) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page()
        pg.problems = []  # type: ignore[attr-defined]
        pg.on("dialog", lambda d: (pg.problems.append(f"dialog {d.message}"), d.dismiss()))
        pg.on("pageerror", lambda e: pg.problems.append(f"error {e}"))
        pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console {m.text}"))
        pg.on("request", lambda r: None if r.url.startswith(site["url"])
              else pg.problems.append(f"off-site request {r.url}"))
        pg.goto(site["url"] + "/")
        pg.wait_for_url("**/login**")
        pg.fill("#token", site["sec"])
        pg.click("#login-go")
        pg.wait_for_url(site["url"] + "/")
        yield pg
        browser.close()


def test_dashboard_draws_its_charts(page, site: dict) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector("body[data-ready=true]", timeout=15000)
    assert page.locator("#chart-trend[data-drawn=true] svg path.series").count() == 1
    assert page.locator("#chart-trend svg circle.point").count() >= 1
    assert page.locator("#chart-team[data-drawn=true] svg rect.bar").count() == 1  # red only
    assert page.locator("#chart-tool[data-drawn=true] svg rect.bar").count() == 4  # 2 tools x 2
    assert page.locator("#chart-model[data-drawn=true] svg rect.bar").count() == 4
    # 1 AI finding on 2 AI lines = 500 per kLOC; none on the 1 human line = 0
    bars = page.locator("#chart-findings[data-drawn=true] svg rect.bar title").all_text_contents()
    assert bars == ["AI lines: 500.00", "human lines: 0.00"]
    kpis = page.locator("#kpis").inner_text()
    assert "Exchanges" in kpis and "66.7%" in kpis  # 2 of 3 committed lines are AI
    # outcomes: 1 of 2 suggestions insecure; 1 of 3 findings dismissed; 1 fixed before the
    # commit against 1 committed AI finding
    assert "50.0\nInsecure suggestions /100" in kpis
    assert "33.3% of 3\nDismissed (false positive)" in kpis
    for chart in ("insecure", "fixed", "fp"):
        assert page.locator(f"#chart-{chart}[data-drawn=true] svg path.series").count() == 1
    points = page.locator("#chart-insecure svg circle.point title").all_text_contents()
    assert any(p.endswith(": 50.0") for p in points), points
    fp = page.locator("#chart-fp svg circle.point title").all_text_contents()
    assert any(p.endswith(": 33.3%") for p in fp), fp
    fixed = page.locator("#chart-fixed svg circle.point title").all_text_contents()
    assert any(p.endswith(": 50.0%") for p in fixed), fixed
    models = page.locator("#chart-insecure-model[data-drawn=true] svg rect.bar title")
    assert sorted(models.all_text_contents()) == ["claude-sonnet-4: 100.0", "gpt-5: 0.0"]
    page.select_option("#period", "week")
    page.click("#window button")
    page.wait_for_function("document.querySelector('#chart-insecure circle.point title')"
                           ".textContent.endsWith(': 50.0')")
    assert page.locator("#who").inner_text().startswith("sec@example.com")
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []  # type: ignore[attr-defined]


def test_lookup_shows_origin_and_prompt_as_text(page, site: dict) -> None:  # type: ignore[no-untyped-def]
    page.goto(site["url"] + "/lookup")
    page.fill("#repo", "acme/web")
    page.fill("#path", "src/parse.py")
    page.fill("#line", "2")
    page.click("#line-go")
    page.wait_for_selector("body[data-ready=line]", timeout=15000)
    table = page.locator("#line-table").inner_text()
    assert "AI (verbatim)" in table and "claude-code" in table and "alice@example.com" in table
    assert page.locator("#line-prompt").text_content() == site["exchange"]["prompt"]
    assert "<script>" in page.locator("#line-prompt").text_content()
    assert page.locator("#line-result script, #line-result img, #line-result svg").count() == 0
    assert "eval <script>" in page.locator("#line-result").inner_text()  # finding message
    # browse the commit: lines coloured by origin
    page.fill("#c-repo", "acme/web")
    page.fill("#c-sha", site["commit"]["sha"][:12])
    page.click("#commit-go")
    page.wait_for_selector("body[data-ready=commit]", timeout=15000)
    assert page.locator("#commit-result tr.origin-ai").count() == 2
    assert page.locator("#commit-result tr.origin-human").count() == 1
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []  # type: ignore[attr-defined]


def test_exchange_page_shows_script_tag_as_text(page, site: dict) -> None:  # type: ignore[no-untyped-def]
    ex = site["exchange"]
    page.goto(f"{site['url']}/exchange?id={ex['id']}")
    page.wait_for_selector("body[data-ready=true]", timeout=15000)
    assert page.locator("#prompt").text_content() == ex["prompt"]
    assert page.locator("#response").text_content() == ex["response_text"]
    assert page.locator("main script, main img, main svg").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []  # type: ignore[attr-defined]
