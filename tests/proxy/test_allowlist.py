"""proxy.allowlist: which hosts the intercepting proxy decrypts (pure, no proxy needed)."""

from __future__ import annotations

import pytest

from aiprov.settings import Route, Settings
from proxy.allowlist import (
    DEFAULT_HOSTS,
    Allowlist,
    AllowlistError,
    from_settings,
    normalise_host,
    parse_pattern,
)

DEFAULT = Allowlist.of(DEFAULT_HOSTS)


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        # Copilot: chat/agent, individual/business/enterprise completion hosts, legacy proxy
        ("api.githubcopilot.com", True),
        ("api.individual.githubcopilot.com", True),
        ("proxy.individual.githubcopilot.com", True),
        ("api.business.githubcopilot.com", True),
        ("copilot-proxy.githubusercontent.com", True),
        ("api.openai.com", True),
        ("api.anthropic.com", True),
        # case, trailing dot and port do not change the answer
        ("API.OpenAI.com", True),
        ("api.anthropic.com.", True),
        ("api.openai.com:443", True),
        # neighbours that must stay tunnelled
        ("githubcopilot.com", False),  # *.x does not match x itself
        ("evilgithubcopilot.com", False),
        ("api.githubcopilot.com.evil.example", False),
        ("githubusercontent.com", False),
        ("raw.githubusercontent.com", False),
        ("objects.githubusercontent.com", False),
        ("github.com", False),
        ("openai.com", False),
        ("chatgpt.com", True),  # Codex signed in with ChatGPT (only its /backend-api/codex)
        ("cloudcode-pa.googleapis.com", True),  # Gemini CLI signed in with Google
        ("www.chatgpt.com", False),
        ("ab.chatgpt.com", False),
        ("cloudcode-pa.googleapis.com.evil.example", False),
        ("oauth2.googleapis.com", False),
        ("api.openai.com.attacker.net", False),
        ("pypi.org", False),
        ("registry.npmjs.org", False),
        ("127.0.0.1", False),
        ("", False),
        (None, False),
    ],
)
def test_default_hosts(host: str | None, allowed: bool) -> None:
    assert DEFAULT.allows(host) is allowed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("llm.example.com", "llm.example.com"),
        ("  LLM.Example.COM. ", "llm.example.com"),
        ("*.example.com", "*.example.com"),
        ("https://gateway.example.com:8443/v1", "gateway.example.com"),
        ("gateway.example.com/v1/chat", "gateway.example.com"),
        ("gateway.example.com:8443", "gateway.example.com"),
        ("api-*.example.com", "api-*.example.com"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("http://[::1]:8000", "::1"),
    ],
)
def test_parse_pattern_normalises(text: str, expected: str) -> None:
    assert parse_pattern(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("*", "too many hosts"),
        ("*.com", "too many hosts"),
        ("*com", "too many hosts"),
        ("*.", "too many hosts"),
        ("**", "too many hosts"),
        ("api.example.com/*", None),  # path part is dropped: still a valid host
        ("bad host.com", "not a host"),
        ("ex ample.com", "not a host"),
        ("https://", "empty"),
    ],
)
def test_parse_pattern_refuses(text: str, why: str | None) -> None:
    if why is None:
        assert parse_pattern(text) == "api.example.com"
        return
    with pytest.raises(AllowlistError, match=why):
        parse_pattern(text)


def test_glob_crosses_dots_but_not_the_suffix() -> None:
    al = Allowlist.of(["*.corp.example", "api-*.models.example"])
    assert al.allows("a.b.c.corp.example")
    assert not al.allows("corp.example")
    assert not al.allows("xcorp.example")
    assert al.allows("api-eu.models.example")
    assert not al.allows("web.models.example")


def test_merge_keeps_order_and_drops_repeats() -> None:
    al = Allowlist.of(["a.example.com", "B.example.com"], ["a.example.com.", "c.example.com"])
    assert al.patterns == ("a.example.com", "b.example.com", "c.example.com")
    assert al.extended(["d.example.com"]).patterns[-1] == "d.example.com"
    # the value is frozen: extending returns a new list
    assert len(al.patterns) == 3


def test_from_settings_adds_routes_bases_and_user_hosts() -> None:
    settings = Settings(
        openai_base="https://my-azure.openai.azure.com/openai",
        routes=[
            Route(match="llama*", base_url="http://gpu-box.lan:8000/v1"),
            Route(match="claude*", litellm_model="bedrock/anthropic.claude"),  # no host
        ],
        intercept_allow=["*.llm.corp.example"],
    )
    al = from_settings(settings, extra=["cli.example.org"])
    assert al.patterns[: len(DEFAULT_HOSTS)] == DEFAULT_HOSTS
    for host in ("my-azure.openai.azure.com", "gpu-box.lan", "eu.llm.corp.example",
                 "cli.example.org", "api.githubcopilot.com"):
        assert al.allows(host), host
    # the litellm route has no base URL, so it adds no host of its own
    assert not any("bedrock" in p for p in al.patterns[len(DEFAULT_HOSTS):])
    assert not al.allows("github.com")


def test_from_settings_adds_the_subscription_upstreams() -> None:
    al = from_settings(Settings(chatgpt_base="https://codex-gw.corp.example/backend-api/codex",
                                code_assist_base="https://ca-gw.corp.example"))
    assert al.allows("codex-gw.corp.example") and al.allows("ca-gw.corp.example")
    assert not from_settings(Settings()).allows("codex-gw.corp.example")


def test_from_settings_refuses_a_catch_all_user_pattern() -> None:
    with pytest.raises(AllowlistError, match="too many hosts"):
        from_settings(Settings(intercept_allow=["*"]))


def test_intercept_allow_from_env_and_config(monkeypatch: pytest.MonkeyPatch,
                                             isolated_env) -> None:
    from aiprov.settings import get_settings

    monkeypatch.setenv("AIPROV_INTERCEPT_ALLOW", '["llm.env.example"]')
    get_settings.cache_clear()
    assert from_settings(get_settings()).allows("llm.env.example")
    monkeypatch.delenv("AIPROV_INTERCEPT_ALLOW")
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text('intercept_allow = ["*.file.example"]\n')
    get_settings.cache_clear()
    assert from_settings(get_settings()).allows("x.file.example")


@pytest.mark.parametrize(
    ("host", "expected"),
    [("Example.COM.", "example.com"), ("[::1]:8443", "::1"), ("::1", "::1"),
     ("h.example:443", "h.example"), ("", "")],
)
def test_normalise_host(host: str, expected: str) -> None:
    assert normalise_host(host) == expected
