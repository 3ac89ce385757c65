"""``aiprov setup``: exact settings per tool, their undo, and URLs the proxy really serves."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import anthropic
import httpx
import httpx2  # the Anthropic SDK's transport package
import openai
import pytest
from typer.testing import CliRunner

from aiprov.cli import app
from aiprov.commands.setup import GUIDES, INTERCEPT_TOOLS, guide, render
from aiprov.errors import ConfigError

runner = CliRunner()

# The proxy's routes (ARCHITECTURE.md, proxy/app.py): OpenAI family under /v1, Anthropic
# /v1/messages (+ count_tokens). A printed base URL must lead the client to these paths.
PROXY_ROUTES = {"/v1/chat/completions", "/v1/responses", "/v1/completions", "/v1/models",
                "/v1/embeddings", "/v1/messages", "/v1/messages/count_tokens"}


def run(*args: str) -> str:
    result = runner.invoke(app, ["setup", *args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def exports(text: str) -> dict[str, str]:
    """``export NAME=value`` lines of a guide (trailing comments dropped)."""
    return {m.group(1): m.group(2)
            for m in re.finditer(r"^\s*export (\w+)=(\S+)", text, re.M)}


def test_no_tool_lists_the_tools():
    out = run()
    for name in GUIDES:
        assert f"  {name} " in out
    assert len(GUIDES) == 14


def test_unknown_tool_is_a_config_error_naming_the_known_ones():
    result = runner.invoke(app, ["setup", "vim"])
    assert isinstance(result.exception, ConfigError)
    msg = str(result.exception)
    assert "'vim'" in msg and all(name in msg for name in GUIDES)


def test_unknown_tool_from_the_real_entry_point_is_one_line_exit_2(isolated_env):
    proc = subprocess.run([sys.executable, "-c", "from aiprov.cli import main; main()",
                           "setup", "vim"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("aiprov: unknown tool 'vim'; known: claude")


@pytest.mark.parametrize("tool", sorted(GUIDES))
def test_every_guide_renders_with_an_undo_for_what_it_sets(tool):
    out = run(tool)
    g = guide(tool, host="127.0.0.1", port=8787, ca=Path("/h/ca.pem"))
    assert out.splitlines()[0] == g.title
    if tool == "cursor":  # no base URL to set: only its guard hook, and that hook's undo
        assert len(g.steps) == 1 and "aiprov guard cursor" in g.steps[0][1]
        assert g.undo == ("aiprov setup cursor --undo  (removes only the `aiprov guard "
                          "cursor` hook; add --user if you installed it with --user)",)
        return
    assert "Undo:" in out
    undo = " ".join(g.undo)
    for name in exports(render(g)):
        assert name in undo, f"{tool}: {name} is set but its undo does not mention it"


def test_claude_code_base_url_has_no_v1_and_follows_port_and_host():
    out = run("claude-code", "--port", "9911")
    assert exports(out)["ANTHROPIC_BASE_URL"] == "http://127.0.0.1:9911"
    assert "ANTHROPIC_AUTH_TOKEN" in out and "ANTHROPIC_API_KEY" in out
    settings = re.search(r"^    (\{\n.*?^    \})", out, re.M | re.S).group(1)
    assert json.loads(settings.replace("\n    ", "\n")) == {
        "env": {"ANTHROPIC_BASE_URL": "http://127.0.0.1:9911"}}
    assert exports(run("claude-code", "--host", "0.0.0.0"))["ANTHROPIC_BASE_URL"] == (
        "http://127.0.0.1:8787")  # a listen-all address is not a client target
    assert exports(run("claude-code", "--host", "::1"))["ANTHROPIC_BASE_URL"] == (
        "http://[::1]:8787")


def test_defaults_come_from_settings(monkeypatch):
    from aiprov.settings import get_settings

    monkeypatch.setenv("AIPROV_PORT", "9100")
    get_settings.cache_clear()
    assert exports(run("anthropic-sdk"))["ANTHROPIC_BASE_URL"] == "http://127.0.0.1:9100"
    assert "--port 8080" in run("copilot")  # intercept tools default to the intercept port


class Captured:
    """A mock transport handler for httpx (OpenAI SDK) and httpx2 (Anthropic SDK)."""

    def __init__(self, mod=httpx) -> None:
        self.mod = mod
        self.urls: list = []

    def __call__(self, request):
        self.urls.append(request.url)
        if request.url.path.endswith("/messages"):
            return self.mod.Response(200, json={
                "id": "msg_1", "type": "message", "role": "assistant", "model": "m",
                "content": [{"type": "text", "text": "hi"}], "stop_reason": "end_turn",
                "stop_sequence": None, "usage": {"input_tokens": 1, "output_tokens": 1}})
        if request.url.path.endswith("/chat/completions"):
            return self.mod.Response(200, json={
                "id": "c1", "object": "chat.completion", "created": 1, "model": "m",
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": "hi"}}]})
        return self.mod.Response(404, json={"error": {"message": "no"}})


def test_printed_anthropic_settings_reach_v1_messages_with_the_real_sdk(monkeypatch):
    """What Claude Code and the Anthropic SDKs do with ANTHROPIC_BASE_URL."""
    for tool in ("claude-code", "anthropic-sdk"):
        base = exports(run(tool, "--port", "8899"))["ANTHROPIC_BASE_URL"]
        monkeypatch.setenv("ANTHROPIC_BASE_URL", base)
        cap = Captured(httpx2)
        client = anthropic.Anthropic(
            api_key="k", http_client=httpx2.Client(transport=httpx2.MockTransport(cap)))
        client.messages.create(model="m", max_tokens=5, messages=[{"role": "user", "content": "x"}])
        (url,) = cap.urls
        assert (url.host, url.port, url.path) == ("127.0.0.1", 8899, "/v1/messages")
        assert url.path in PROXY_ROUTES


def test_printed_openai_settings_reach_v1_chat_completions_with_the_real_sdk(monkeypatch):
    base = exports(run("openai-sdk"))["OPENAI_BASE_URL"]
    monkeypatch.setenv("OPENAI_BASE_URL", base)
    cap = Captured()
    client = openai.OpenAI(api_key="k",
                           http_client=httpx.Client(transport=httpx.MockTransport(cap)))
    client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
    assert [u.path for u in cap.urls] == ["/v1/chat/completions"]
    assert f'OpenAI(base_url="{base}")' in run("openai-sdk")


def test_aider_bases_match_what_litellm_appends():
    env = exports(run("aider"))
    assert env["OPENAI_API_BASE"] + "/chat/completions" == (
        "http://127.0.0.1:8787/v1/chat/completions")
    assert env["ANTHROPIC_BASE_URL"] + "/v1/messages" == "http://127.0.0.1:8787/v1/messages"


def test_codex_config_is_valid_toml_with_a_responses_provider():
    out = run("codex")
    block = out.split("config.toml", 1)[1].split("2. ", 1)[0]
    toml_text = "\n".join(line[4:] for line in block.splitlines() if line.startswith("    "))
    conf = tomllib.loads(toml_text)
    assert conf["model_provider"] == "aiprov"
    provider = conf["model_providers"]["aiprov"]
    assert provider == {"name": "aiprov", "base_url": "http://127.0.0.1:8787/v1",
                        "wire_api": "responses", "env_key": "OPENAI_API_KEY",
                        "supports_websockets": True}
    assert urlsplit(provider["base_url"] + "/responses").path in PROXY_ROUTES
    flags = re.findall(r"-c '?([^' \\]+)'?", out)
    assert "model_provider=aiprov" in flags
    assert 'model_providers.aiprov.base_url="http://127.0.0.1:8787/v1"' in flags
    assert 'model_providers.aiprov.wire_api="responses"' in flags
    assert "model_providers.aiprov.supports_websockets=true" in flags
    assert "WebSocket" in out and "ws://127.0.0.1:8787/v1/responses" in out


def test_continue_api_base_joins_to_proxy_routes():
    out = run("continue")
    bases = re.findall(r"apiBase: (\S+)", out)
    assert bases and all(b == "http://127.0.0.1:8787/v1/" for b in bases)
    # Continue resolves endpoints like JS `new URL(rel, apiBase)`
    assert urlsplit(urljoin(bases[0], "chat/completions")).path in PROXY_ROUTES
    assert urlsplit(urljoin(bases[0], "messages")).path in PROXY_ROUTES


def test_cline_gives_v1_for_openai_compatible_and_bare_host_for_anthropic():
    out = run("cline")
    assert "Base URL: http://127.0.0.1:8787/v1\n" in out
    assert "Base URL: http://127.0.0.1:8787      (no /v1" in out


def test_cursor_says_why_and_prints_no_settings():
    out = run("cursor")
    assert "Cursor's servers" in out and "localhost" in out
    assert "export " not in out and "Base URL:" not in out and "http://" not in out


@pytest.mark.parametrize("tool", sorted(INTERCEPT_TOOLS))
def test_intercept_guides_use_the_ca_under_aiprov_home(tool, isolated_env):
    out = run(tool)
    ca = isolated_env / "intercept" / "mitmproxy-ca-cert.pem"
    assert f"NODE_EXTRA_CA_CERTS={ca}" in out
    assert "aiprov intercept --port 8080" in out


def test_copilot_covers_vs_code_and_jetbrains(isolated_env):
    out = run("copilot", "--port", "8181")
    settings = re.search(r"^    (\{\n.*?^    \})", out, re.M | re.S).group(1)
    assert json.loads(settings.replace("\n    ", "\n")) == {
        "http.proxy": "http://127.0.0.1:8181", "http.proxyStrictSSL": True}
    assert "Server Certificates" in out and "HTTP Proxy" in out
    assert "api.githubcopilot.com" in out
    assert 'remove "http.proxy" and "http.proxyStrictSSL"' in out


def test_https_proxy_sets_proxy_and_trust_variables(isolated_env):
    env = exports(run("https-proxy"))
    ca = str(isolated_env / "intercept" / "mitmproxy-ca-cert.pem")
    assert env["HTTPS_PROXY"] == "http://127.0.0.1:8080"
    assert env["NODE_EXTRA_CA_CERTS"] == ca  # Node adds it to its own store
    # OpenSSL-style variables replace the trust store: they must name a bundle that keeps
    # the system CAs (tunnelled hosts keep their real certificates) plus the aiprov CA
    bundle = str(isolated_env / "intercept" / "bundle.pem")
    assert env["SSL_CERT_FILE"] == env["REQUESTS_CA_BUNDLE"] == bundle
    out = run("https-proxy")
    assert f"/etc/ssl/certs/ca-certificates.crt {ca} > {bundle}" in out


def test_gemini_cli_base_url_and_the_settings_json_auth_choice_with_its_undo():
    out = run("gemini-cli", "--port", "8899")
    env = exports(out)
    assert env["GOOGLE_GEMINI_BASE_URL"] == "http://127.0.0.1:8899"
    # what the google-genai SDK appends to the base URL is a path the proxy classifies
    from proxy.formats.paths import classify

    info = classify("POST", "/v1beta/models/gemini-2.5-pro:streamGenerateContent")
    assert (info.provider, info.api) == ("gemini", "gemini.generate")
    block = out.split("2. Select API-key auth", 1)[1].split("3. ", 1)[0]
    doc = "\n".join(line[4:] for line in block.splitlines() if line.startswith("    "))
    assert json.loads(doc) == {
        "security": {"auth": {"selectedType": "gemini-api-key"}}}
    g = guide("gemini-cli", host="127.0.0.1", port=8899, ca=Path("/h/ca.pem"))
    assert any("selectedType" in u for u in g.undo)


@pytest.mark.parametrize(("tool", "client_var", "setting"), [
    ("azure-openai", "AZURE_OPENAI_ENDPOINT", "AIPROV_AZURE_BASE"),
    ("vertex-ai", "GOOGLE_VERTEX_BASE_URL", "AIPROV_VERTEX_BASE"),
    ("bedrock", "ANTHROPIC_BEDROCK_BASE_URL", "AIPROV_BEDROCK_BASE"),
])
def test_cloud_guides_point_clients_at_the_proxy_and_name_the_upstream_setting(
        tool, client_var, setting):
    env = exports(run(tool, "--port", "8899"))
    assert env[client_var].startswith("http://127.0.0.1:8899")
    assert setting in env
    from aiprov.settings import Settings

    field = setting.removeprefix("AIPROV_").lower()
    assert field in Settings.model_fields  # the printed variable is a real setting


def test_azure_sdk_with_the_printed_endpoint_calls_a_deployment_path(monkeypatch):
    endpoint = exports(run("azure-openai"))["AZURE_OPENAI_ENDPOINT"]
    cap = Captured()
    client = openai.AzureOpenAI(azure_endpoint=endpoint, api_key="k", api_version="2024-10-21",
                                http_client=httpx.Client(transport=httpx.MockTransport(cap)))
    client.chat.completions.create(model="dep", messages=[{"role": "user", "content": "x"}])
    from proxy.formats.paths import classify

    (url,) = cap.urls
    info = classify("POST", url.path)
    assert (info.provider, info.api, info.model) == ("azure", "openai.chat", "dep")


def test_bedrock_says_why_sigv4_cannot_go_through_a_base_url():
    out = run("bedrock")
    assert "SigV4" in out and "https-proxy" in out and "never alters" in out


# -- subscription sign-ins (no API key) -----------------------------------------------------

def test_codex_chatgpt_provider_keeps_the_sign_in_and_reaches_the_recorded_route():
    from proxy.formats.paths import classify

    out = run("codex", "--chatgpt", "--port", "8899")
    block = out.split("config.toml", 1)[1].split("2. ", 1)[0]
    conf = tomllib.loads("\n".join(line[4:] for line in block.splitlines()
                                   if line.startswith("    ")))
    assert conf["model_provider"] == "aiprov-chatgpt"
    provider = conf["model_providers"]["aiprov-chatgpt"]
    assert provider["base_url"] == "http://127.0.0.1:8899/backend-api/codex"
    assert provider["requires_openai_auth"] is True and "env_key" not in provider
    assert (provider["wire_api"], provider["supports_websockets"]) == ("responses", True)
    info = classify("POST", urlsplit(provider["base_url"] + "/responses").path)
    assert (info.provider, info.api) == ("chatgpt", "openai.responses")
    flags = re.findall(r"-c '?([^' \\]+)'?", out)
    assert "model_providers.aiprov-chatgpt.requires_openai_auth=true" in flags
    assert 'model_providers.aiprov-chatgpt.base_url="http://127.0.0.1:8899/backend-api/codex"' \
        in flags
    g = guide("codex", host="127.0.0.1", port=8899, ca=Path("/h/ca.pem"), login="chatgpt")
    assert any("aiprov-chatgpt" in u for u in g.undo) and "AIPROV_CHATGPT_BASE" in g.intro


def test_gemini_cli_google_points_code_assist_at_the_proxy_with_its_undo():
    from proxy.formats.paths import classify

    out = run("gemini-cli", "--google", "--port", "8899")
    assert exports(out) == {"CODE_ASSIST_ENDPOINT": "http://127.0.0.1:8899"}
    # Gemini CLI calls ${CODE_ASSIST_ENDPOINT}/v1internal:METHOD
    info = classify("POST", "/v1internal:streamGenerateContent")
    assert (info.provider, info.api) == ("codeassist", "gemini.generate")
    g = guide("gemini-cli", host="127.0.0.1", port=8899, ca=Path("/h/ca.pem"), login="google")
    assert any("unset CODE_ASSIST_ENDPOINT" in u for u in g.undo)
    assert "AIPROV_CODE_ASSIST_BASE" in g.intro


@pytest.mark.parametrize(("args", "needle"), [
    (["claude-code", "--chatgpt"], "aiprov setup codex --chatgpt"),
    (["codex", "--google"], "aiprov setup gemini-cli --google"),
    (["codex", "--chatgpt", "--google"], "give one"),
])
def test_a_sign_in_of_another_tool_is_a_config_error(args, needle):
    result = runner.invoke(app, ["setup", *args])
    assert isinstance(result.exception, ConfigError) and needle in str(result.exception)


def test_claude_code_says_a_claude_plan_uses_the_same_base_url():
    assert "oauth" in run("claude-code").lower()
