from __future__ import annotations

import json

import pytest

from aiprov.settings import Route, Settings
from proxy.app import join_url
from proxy.exchange import ANTHROPIC_MESSAGES, OPENAI_CHAT, OPENAI_RESPONSES
from proxy.routing import Router, model_of


def settings(**kw) -> Settings:
    return Settings(openai_base="http://openai.test", anthropic_base="http://anthropic.test",
                    **kw)


@pytest.mark.parametrize(
    ("api", "path", "headers", "expected"),
    [
        (OPENAI_CHAT, "/v1/chat/completions", {}, "http://openai.test"),
        (OPENAI_RESPONSES, "/v1/responses", {}, "http://openai.test"),
        (ANTHROPIC_MESSAGES, "/v1/messages", {}, "http://anthropic.test"),
        (None, "/v1/messages/count_tokens", {}, "http://anthropic.test"),
        (None, "/v1/models", {"anthropic-version": "2023-06-01"}, "http://anthropic.test"),
        (None, "/v1/models", {"x-api-key": "k"}, "http://anthropic.test"),
        (None, "/v1/models", {"authorization": "Bearer k"}, "http://openai.test"),
        (None, "/v1/embeddings", {}, "http://openai.test"),
    ],
)
def test_default_routes_by_format(api, path, headers, expected):
    assert Router(settings()).route(api, path, headers, b"{}").base_url == expected


def test_model_routes_match_globs_in_order():
    s = settings(routes=[
        Route(match="llama*", base_url="http://ollama.test/v1/"),
        Route(match="gemini-*", litellm_model="gemini/gemini-2.5-pro", api_key_env="GK"),
        Route(match="*", base_url="http://catchall.test"),
    ])
    r = Router(s)
    body = json.dumps({"model": "llama3.1:8b", "messages": []}).encode()
    t = r.route(OPENAI_CHAT, "/v1/chat/completions", {}, body)
    assert t.base_url == "http://ollama.test/v1" and t.litellm_model is None
    t = r.route(OPENAI_CHAT, "/v1/chat/completions", {}, b'{"model": "gemini-2.5-pro"}')
    assert t.litellm_model == "gemini/gemini-2.5-pro" and t.api_key_env == "GK"
    assert t.label == "litellm:gemini/gemini-2.5-pro"
    t = r.route(OPENAI_CHAT, "/v1/chat/completions", {}, b'{"model": "gpt-4o"}')
    assert t.base_url == "http://catchall.test"
    # pass-through paths are never routed by model
    assert r.route(None, "/v1/models", {}, b"").base_url == "http://openai.test"


def test_unparseable_body_falls_back_to_default_route():
    s = settings(routes=[Route(match="*", base_url="http://x.test")])
    assert Router(s).route(OPENAI_CHAT, "/v1/chat/completions", {}, b"\xff{").base_url == (
        "http://openai.test")
    assert model_of(b"[1,2]") is None
    assert model_of(b'{"model": 3}') is None


@pytest.mark.parametrize(
    ("base", "path", "url"),
    [
        ("https://api.openai.com", "/v1/chat/completions", "https://api.openai.com/v1/chat/completions"),
        ("http://h:1/v1", "/v1/chat/completions", "http://h:1/v1/chat/completions"),
        ("http://h:1/v1", "/chat/completions", "http://h:1/v1/chat/completions"),
        ("https://api.anthropic.com", "/v1/messages?beta=true", "https://api.anthropic.com/v1/messages?beta=true"),
        ("http://h:1/openai/v1", "/v1/models", "http://h:1/openai/v1/models"),
    ],
)
def test_join_url_does_not_double_v1(base, path, url):
    assert join_url(base, path) == url


def test_route_base_url_must_be_http():
    with pytest.raises(ValueError, match="http"):
        Route(match="*", base_url="ftp://x")


def test_settings_normalise_db_url():
    assert Settings(db="postgres://u@h/db").db.startswith("postgresql+psycopg://")
    assert Settings(db="postgresql://u@h/db").db == "postgresql+psycopg://u@h/db"
    with pytest.raises(ValueError, match="sqlite"):
        Settings(db="mysql://u@h/db")


@pytest.mark.parametrize(("base", "path", "url"), [
    ("https://chatgpt.com/backend-api/codex", "/backend-api/codex/responses",
     "https://chatgpt.com/backend-api/codex/responses"),
    ("https://codex-gw.example/c", "/backend-api/codex/responses",
     "https://codex-gw.example/c/responses"),
    ("https://chatgpt.com/backend-api/codex", "/backend-api/codex/models?client_version=1",
     "https://chatgpt.com/backend-api/codex/models?client_version=1"),
])
def test_chatgpt_base_stands_for_the_backend_api_codex_prefix(base, path, url):
    target = Router(settings(chatgpt_base=base)).route(OPENAI_RESPONSES, path, {}, b"{}")
    assert target.url(path) == url and target.family == "openai"


def test_code_assist_methods_go_to_the_code_assist_base():
    r = Router(settings(code_assist_base="https://ca.test"))
    for path in ("/v1internal:streamGenerateContent?alt=sse", "/v1internal:loadCodeAssist"):
        t = r.route("gemini.generate", path, {"authorization": "Bearer ya29.x"}, b"{}")
        assert t.url(path) == "https://ca.test" + path and t.family == "google"
    assert r.family("/v1internal:generateContent", {}) == "google"


def test_each_provider_goes_to_its_upstream_with_its_key_header():
    s = settings(gemini_base="http://gemini.test", azure_base="http://azure.test",
                 bedrock_base="http://bedrock.test",
                 routes=[Route(match="claude-*", base_url="http://claude-gw.test",
                               api_key_env="ORG_ANTHROPIC")])
    r = Router(s)
    gem = r.route("gemini.generate", "/v1beta/models/gemini-2.5-pro:generateContent", {}, b"{}")
    assert (gem.base_url, gem.family, gem.key_header) == ("http://gemini.test", "google",
                                                          "x-goog-api-key")
    az = r.route(OPENAI_CHAT, "/openai/deployments/d/chat/completions", {}, b"{}")
    assert (az.base_url, az.key_header) == ("http://azure.test", "api-key")
    vx = r.route("gemini.generate", "/v1/projects/p/locations/europe-west4/publishers/google/"
                 "models/m:generateContent", {}, b"{}")
    assert vx.base_url == "https://europe-west4-aiplatform.googleapis.com"
    br = r.route("bedrock.invoke", "/model/anthropic.claude-3-haiku/invoke", {}, b"{}")
    assert (br.base_url, br.family) == ("http://bedrock.test", "bedrock")
    # a model route for Anthropic traffic puts its org key where Anthropic reads it
    cl = r.route(ANTHROPIC_MESSAGES, "/v1/messages", {}, b'{"model": "claude-x"}')
    assert (cl.base_url, cl.key_header, cl.api_key_env) == ("http://claude-gw.test",
                                                            "x-api-key", "ORG_ANTHROPIC")
    # a location that is not a region name never becomes part of a host
    bad = r.route("gemini.generate", "/v1/projects/p/locations/evil.test#/publishers/google/"
                  "models/m:generateContent", {}, b"{}")
    assert bad.base_url is None and "not a Vertex AI location" in (bad.refusal or "")
