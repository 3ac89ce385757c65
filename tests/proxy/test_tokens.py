"""Proxy-token mode: developers present aiprov tokens, the proxy forwards the org key."""

from __future__ import annotations

import json
import stat

import anthropic
import openai
import pytest
from typer.testing import CliRunner

from aiprov.cli import app
from aiprov.settings import get_settings
from proxy import tokens
from tests.fakellm import Reply


def test_tokens_are_stored_hashed_and_revocable(tmp_path):
    path = tmp_path / "t.json"
    tok = tokens.create(path, name="alice-laptop", developer="alice@example.com")
    assert tok.startswith("aipx_") and tok not in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    gate = tokens.TokenGate(path)
    assert gate.enabled and gate.developer(tok) == "alice@example.com"
    assert gate.developer(tok + "x") is None and gate.developer("sk-live-123") is None
    assert tokens.revoke(path, "alice-laptop") == 1
    assert not tokens.TokenGate(path).enabled


def test_off_until_the_first_token_exists(stack):
    stack.fake.push(Reply(text="ok"))
    openai.OpenAI(base_url=stack.url + "/v1", api_key="sk-client-own",
                  max_retries=0).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    assert stack.fake.requests[-1].headers["authorization"] == "Bearer sk-client-own"


@pytest.fixture
def token_mode(stack, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-org-openai-key")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-org-key")
    result = CliRunner().invoke(app, ["proxy-token", "create", "--developer", "bob@example.com"])
    assert result.exit_code == 0, result.output
    token = result.output.splitlines()[0]
    stack.app.gate._refresh(force=True)
    assert stack.app.gate.path == get_settings().proxy_tokens_path
    return token


def test_valid_token_forwards_the_org_key_and_sets_the_developer(stack, token_mode):
    stack.fake.push(Reply(text="ok"), Reply(text="ok"))
    openai.OpenAI(base_url=stack.url + "/v1", api_key=token_mode,
                  max_retries=0).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}],
        extra_headers={"x-aiprov-developer": "mallory@example.com"})
    assert stack.fake.requests[-1].headers["authorization"] == "Bearer sk-org-openai-key"
    anthropic.Anthropic(base_url=stack.url, api_key=token_mode, max_retries=0).messages.create(
        model="claude-x", max_tokens=5, messages=[{"role": "user", "content": "x"}])
    up = stack.fake.requests[-1].headers
    assert up["x-api-key"] == "sk-ant-org-key" and token_mode not in json.dumps(up)
    rows = stack.rows()
    assert [r.developer for r in rows] == ["bob@example.com", "bob@example.com"]


def test_missing_or_wrong_token_is_refused_in_the_sdk_shape(stack, token_mode):
    with pytest.raises(openai.AuthenticationError) as exc:
        openai.OpenAI(base_url=stack.url + "/v1", api_key="sk-someone-elses-key",
                      max_retries=0).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    assert "aiprov token" in str(exc.value)
    with pytest.raises(anthropic.AuthenticationError):
        anthropic.Anthropic(base_url=stack.url, api_key="aipx_forged", max_retries=0
                            ).messages.create(model="c", max_tokens=5,
                                              messages=[{"role": "user", "content": "x"}])
    assert stack.fake.requests == [] or all(
        "sk-someone-elses-key" not in json.dumps(q.headers) for q in stack.fake.requests)


def test_no_org_key_in_the_environment_is_a_clear_503(stack, token_mode, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY")
    with pytest.raises(openai.APIStatusError) as exc:
        openai.OpenAI(base_url=stack.url + "/v1", api_key=token_mode,
                      max_retries=0).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    assert exc.value.status_code == 503 and "$OPENAI_API_KEY is not set" in str(exc.value)


def test_gemini_token_is_replaced_by_the_org_gemini_key(stack, token_mode, monkeypatch):
    import httpx

    monkeypatch.setenv("GEMINI_API_KEY", "AIza-org-gemini-key")
    stack.fake.push(Reply(text="ok"))
    r = httpx.post(stack.url + "/v1beta/models/gemini-2.5-pro:generateContent",
                   json={"contents": [{"parts": [{"text": "x"}]}]},
                   headers={"x-goog-api-key": token_mode}, timeout=10)
    assert r.status_code == 200
    up = stack.fake.requests[-1].headers
    assert up["x-goog-api-key"] == "AIza-org-gemini-key" and token_mode not in str(up)
    [row] = [x for x in stack.rows() if x.api == "gemini.generate"]
    assert row.developer == "bob@example.com"
    # a Vertex request cannot have its OAuth token replaced by an org key: refused, not sent
    before = len(stack.fake.requests)
    r = httpx.post(stack.url + "/v1/projects/p/locations/us-central1/publishers/google/models/"
                   "gemini-2.5-pro:generateContent", json={},
                   headers={"x-goog-api-key": token_mode}, timeout=10)
    assert r.status_code == 503 and r.json()["error"]["status"] == "UNAVAILABLE"
    assert "cannot stand in" in r.json()["error"]["message"]
    assert len(stack.fake.requests) == before
