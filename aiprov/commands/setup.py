"""``aiprov setup TOOL``: the exact settings that point an assistant at aiprov, and the undo.

What each tool needs is in /work/shared/CLIENTS.md terms: base-URL tools get the proxy's
address in the form their SDK expects (Anthropic SDKs append ``/v1/messages`` to a bare host;
OpenAI SDKs append ``/chat/completions`` / ``/responses`` to a ``/v1`` base); tools without a
base-URL setting (GitHub Copilot, anything else) go through ``aiprov intercept``, an HTTPS
proxy whose CA must be trusted. Where a route cannot work (Cursor's base-URL override is
called from Cursor's servers, not from the editor), we say so and print no settings that
would silently do nothing. ``guide`` is a pure function so the texts are testable.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import typer

INTERCEPT_PORT = 8080
WIDTH = 92

# aiprov's own optional request headers (read by proxy.identity)
AIPROV_HEADERS = (
    ("x-aiprov-developer", "who you are, when not your git user.email"),
    ("x-aiprov-repo", "the repository (remote URL or path), when the tool does not say"),
    ("x-aiprov-cwd", "the working directory"),
    ("x-aiprov-session", "a session or conversation id"),
)


@dataclass(frozen=True, slots=True)
class Guide:
    tool: str
    title: str
    intro: str
    steps: tuple[tuple[str, str], ...]  # (what to do, exact text to set or run)
    check: str = ""
    undo: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)


def _host(host: str) -> str:
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 - a listen address, not a client target
        return "127.0.0.1"
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def base_urls(host: str, port: int) -> tuple[str, str]:
    """(Anthropic base, OpenAI base) as clients must be given them."""
    root = f"http://{_host(host)}:{port}"
    return root, root + "/v1"


def _check(root: str) -> str:
    return (f"curl -s {root}/_aiprov/health    # the proxy is up\n"
            "aiprov log    # after one request: it is recorded")


def _headers_note(how: str) -> str:
    names = ", ".join(name for name, _ in AIPROV_HEADERS)
    return f"Optional identity headers ({names}) can be added {how}."


GUARD_WHY = {
    "claude-code": "the model sees each finding at or above the policy's fail_on and fixes it",
    "codex": "Codex hands each finding at or above the policy's fail_on to the model as the "
             "apply_patch result",
    "gemini-cli": "Gemini CLI hands each finding at or above the policy's fail_on to the model "
                  "as the tool's error",
    "cline": "Cline adds each finding at or above the policy's fail_on to the conversation",
    "cursor": "record only: Cursor's afterFileEdit cannot block or answer, so findings go to "
              "Cursor's hook output, not to the model",
}


def guard_hook(agent: str) -> str:
    """The hook exactly as ``aiprov setup AGENT --install`` writes it (file text)."""
    from aiprov.agenthooks import SPECS, merged, script_text

    spec = SPECS[agent]
    if spec.script:
        return script_text(agent).rstrip("\n")
    return json.dumps(merged({}, spec), indent=2)


def _guard_step(agent: str) -> tuple[str, str]:
    from aiprov.agenthooks import SPECS

    spec = SPECS[agent]
    how = ("an executable file" if spec.script else "the hook") + f" at {spec.project_file}"
    if agent == "codex":
        how += (" and trusts it in ~/.codex/config.toml ([hooks.state], as Codex's hook review "
                "does: Codex skips an untrusted hook without a word)")
    return (f"Optional, review every file it writes as it writes it ({GUARD_WHY[agent]}). "
            f"`aiprov setup {agent} --install` adds {how} in this project (--user: for all "
            "your projects), merged with what is there; by hand, the same:",
            guard_hook(agent))


def _guard_undo(agent: str) -> str:
    return (f"aiprov setup {agent} --undo  (removes only the `aiprov guard {agent}` hook; add "
            "--user if you installed it with --user)")


def _claude_code(host: str, port: int, ca: Path) -> Guide:
    root, _ = base_urls(host, port)
    return Guide(
        "claude-code", "Claude Code",
        "Claude Code talks to the Anthropic Messages API; give it aiprov's address without "
        "/v1 (it calls /v1/messages itself). Your ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN "
        "stays as it is and is passed through (stored only as a salted hash).",
        (
            ("In your shell (or ~/.bashrc / ~/.zshrc):",
             f"export ANTHROPIC_BASE_URL={root}"),
            ("Or for Claude Code only, in ~/.claude/settings.json:",
             '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "' + root + '"\n  }\n}'),
            ("Optional, keeps Claude Code off other network traffic:",
             "export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1"),
            _guard_step("claude-code"),
        ),
        _check(root),
        ("unset ANTHROPIC_BASE_URL CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC  "
         "(and delete the lines from your shell profile)",
         'remove "ANTHROPIC_BASE_URL" from the "env" block of ~/.claude/settings.json',
         _guard_undo("claude-code")),
        ("Signed in with a Claude plan (no API key), the same ANTHROPIC_BASE_URL works: Claude "
         "Code sends its OAuth token as Authorization: Bearer with anthropic-beta: oauth-..., "
         "which aiprov forwards untouched (stored only as a salted hash).",
         "The working directory and repository are read from Claude Code's system prompt.",
         _headers_note("with ANTHROPIC_CUSTOM_HEADERS='x-aiprov-repo: ...' (one "
                       "'Name: Value' per line)")),
    )


def _codex(host: str, port: int, ca: Path) -> Guide:
    _, v1 = base_urls(host, port)
    toml = (
        'model_provider = "aiprov"\n\n'
        "[model_providers.aiprov]\n"
        'name = "aiprov"\n'
        f'base_url = "{v1}"\n'
        'wire_api = "responses"\n'
        'env_key = "OPENAI_API_KEY"\n'
        "supports_websockets = true   # Codex's preferred transport, as with OpenAI itself\n"
        '# http_headers = { "x-aiprov-repo" = "github.com/org/repo" }   # optional'
    )
    flags = (
        "codex -c model_provider=aiprov \\\n"
        "  -c 'model_providers.aiprov.name=\"aiprov\"' \\\n"
        f"  -c 'model_providers.aiprov.base_url=\"{v1}\"' \\\n"
        "  -c 'model_providers.aiprov.wire_api=\"responses\"' \\\n"
        "  -c 'model_providers.aiprov.env_key=\"OPENAI_API_KEY\"' \\\n"
        "  -c 'model_providers.aiprov.supports_websockets=true'"
    )
    return Guide(
        "codex", "Codex CLI",
        "A plain OPENAI_BASE_URL is not enough for Codex: it needs a model provider. Requests "
        "go to /v1/responses with the key from OPENAI_API_KEY.",
        (
            ("Add to ~/.codex/config.toml (model_provider must be a top-level key, above any "
             "[table]):", toml),
            ("Or, for one run, the same as flags:", flags),
            _guard_step("codex"),
        ),
        _check(base_urls(host, port)[0]),
        ('delete the model_provider = "aiprov" line and the [model_providers.aiprov] table '
         "from ~/.codex/config.toml (or stop passing the -c flags)", _guard_undo("codex")),
        (f"Against OpenAI, Codex prefers the Responses API over a WebSocket; for a custom "
         f"provider it does so only with supports_websockets = true, set above so that it "
         f"behaves as it does without aiprov ({v1.replace('http', 'ws')}/responses). aiprov "
         "relays the WebSocket and records each response.create; drop the line to make "
         "Codex use HTTPS instead, which is recorded the same way.",
         "This routes API-key use. Signed in with ChatGPT, Codex talks to chatgpt.com "
         "instead: `aiprov setup codex --chatgpt`.",
         "The working directory is read from Codex's <environment_context>."),
    )


def _codex_chatgpt(host: str, port: int, ca: Path) -> Guide:
    root, _ = base_urls(host, port)
    base = f"{root}/backend-api/codex"
    toml = (
        'model_provider = "aiprov-chatgpt"\n\n'
        "[model_providers.aiprov-chatgpt]\n"
        'name = "aiprov (ChatGPT sign-in)"\n'
        f'base_url = "{base}"\n'
        'wire_api = "responses"\n'
        "requires_openai_auth = true   # keep using your ChatGPT sign-in (auth.json)\n"
        "supports_websockets = true    # as Codex does against chatgpt.com itself"
    )
    flags = (
        "codex -c model_provider=aiprov-chatgpt \\\n"
        "  -c 'model_providers.aiprov-chatgpt.name=\"aiprov\"' \\\n"
        f"  -c 'model_providers.aiprov-chatgpt.base_url=\"{base}\"' \\\n"
        "  -c 'model_providers.aiprov-chatgpt.wire_api=\"responses\"' \\\n"
        "  -c 'model_providers.aiprov-chatgpt.requires_openai_auth=true' \\\n"
        "  -c 'model_providers.aiprov-chatgpt.supports_websockets=true'"
    )
    return Guide(
        "codex", "Codex CLI signed in with ChatGPT",
        "Signed in with ChatGPT (`codex login`), Codex talks the Responses API to "
        "https://chatgpt.com/backend-api/codex with your ChatGPT OAuth token and account id. A "
        "model provider that keeps that sign-in and points at aiprov's /backend-api/codex sends "
        "the same requests through aiprov, which forwards them to AIPROV_CHATGPT_BASE (default "
        "https://chatgpt.com/backend-api/codex) with the token untouched (never stored, only "
        "a salted hash).",
        (
            ("Add to ~/.codex/config.toml (model_provider must be a top-level key, above any "
             "[table]):", toml),
            ("Or, for one run, the same as flags:", flags),
        ),
        _check(root),
        ('delete the model_provider = "aiprov-chatgpt" line and the '
         "[model_providers.aiprov-chatgpt] table from ~/.codex/config.toml (or stop passing "
         "the -c flags); your ChatGPT sign-in is not touched",),
        ("Only the model traffic (/responses, over HTTPS or WebSocket) is recorded; Codex's "
         "other chatgpt.com calls (model list, plugins, usage) go to chatgpt.com directly or "
         "pass through aiprov unrecorded.",
         "With an API key instead of a sign-in: `aiprov setup codex`."),
    )


def _aider(host: str, port: int, ca: Path) -> Guide:
    root, v1 = base_urls(host, port)
    return Guide(
        "aider", "aider",
        "aider talks through litellm: set the base URL of each provider you use. Keys "
        "(OPENAI_API_KEY, ANTHROPIC_API_KEY) stay as they are.",
        (
            ("In your shell:",
             f"export OPENAI_API_BASE={v1}      # openai/... models\n"
             f"export ANTHROPIC_BASE_URL={root}      # anthropic/... and sonnet, haiku\n"
             "export LITELLM_LOCAL_MODEL_COST_MAP=True   # optional: no cost-map download"),
            ("Or in .aider.conf.yml (OpenAI-compatible models):",
             f"openai-api-base: {v1}"),
        ),
        _check(root),
        ("unset OPENAI_API_BASE ANTHROPIC_BASE_URL LITELLM_LOCAL_MODEL_COST_MAP",
         "delete openai-api-base from .aider.conf.yml"),
        ("aider's User-Agent is the OpenAI SDK's; aiprov recognises aider by its prompts.",
         "aider commits by itself after each edit; aiprov's git hooks run inside those "
         "commits as usual. Its commit-message model calls are recorded too."),
    )


def _continue(host: str, port: int, ca: Path) -> Guide:
    _, v1 = base_urls(host, port)
    yaml = (
        "models:\n"
        "  - name: GPT via aiprov\n"
        "    provider: openai\n"
        "    model: gpt-4o\n"
        f"    apiBase: {v1}/\n"
        "    apiKey: ${{ secrets.OPENAI_API_KEY }}\n"
        "  - name: Claude via aiprov\n"
        "    provider: anthropic\n"
        "    model: claude-sonnet-4-6\n"
        f"    apiBase: {v1}/\n"
        "    apiKey: ${{ secrets.ANTHROPIC_API_KEY }}\n"
        "    # requestOptions:\n"
        "    #   headers:\n"
        "    #     x-aiprov-repo: github.com/org/repo"
    )
    return Guide(
        "continue", "Continue (VS Code / JetBrains)",
        "Set apiBase on each model in ~/.continue/config.yaml. Continue appends the endpoint "
        "to apiBase (chat/completions, messages), so it ends in /v1/ for both providers.",
        (("In ~/.continue/config.yaml (merge into your models list):", yaml),),
        _check(base_urls(host, port)[0]),
        ("delete the apiBase lines (or the models you added) from ~/.continue/config.yaml",),
        (_headers_note("under requestOptions.headers"),
         "No agent hook: Continue's CLI (cn 1.5.47) reads Claude-style hooks from "
         ".continue/settings.json but never fires them (seen here: not for a Write, a prompt "
         "or a session start), so there is no guard to install; its code is reviewed at "
         "commit."),
    )


def _cline(host: str, port: int, ca: Path) -> Guide:
    root, v1 = base_urls(host, port)
    return Guide(
        "cline", "Cline (VS Code)",
        "In Cline's settings (gear icon) choose the provider and set its base URL.",
        (
            ("API Provider: OpenAI Compatible", f"Base URL: {v1}\nAPI Key:  your OpenAI key\n"
             "Model ID: e.g. gpt-4o"),
            ("or API Provider: Anthropic, tick 'Use custom base URL'",
             f"Base URL: {root}      (no /v1: the Anthropic SDK adds /v1/messages)"),
            _guard_step("cline"),
        ),
        _check(root),
        ("clear the Base URL field (untick 'Use custom base URL') in Cline's settings",
         _guard_undo("cline")),
        (_headers_note("in the OpenAI Compatible provider's Custom Headers"),),
    )


def _cursor(host: str, port: int, ca: Path) -> Guide:
    return Guide(
        "cursor", "Cursor",
        "Cursor cannot be routed through aiprov, so there is no base URL to set. Its "
        "afterFileEdit hook can still have aiprov review what its agent writes (record only).",
        (_guard_step("cursor"),),
        "",
        (_guard_undo("cursor"),),
        ("Cursor's 'Override OpenAI Base URL' is called from Cursor's servers, not from the "
         "editor, so a proxy on localhost is unreachable from it; its chat, agent and tab "
         "completions cannot be rerouted to aiprov.",
         "The intercept route does not help either: Cursor's own traffic goes to Cursor's "
         "servers in Cursor's protocol, not to an OpenAI or Anthropic API that aiprov parses.",
         "Consequence: code written with Cursor is not in aiprov's records, so the git hook "
         "attributes it as human. Use a tool from `aiprov setup` where provenance matters."),
    )


def _openai_sdk(host: str, port: int, ca: Path) -> Guide:
    root, v1 = base_urls(host, port)
    return Guide(
        "openai-sdk", "OpenAI SDKs (Python, JS) and OpenAI-compatible clients",
        "The SDK appends /chat/completions, /responses, /embeddings to the base URL, which "
        "must end in /v1.",
        (
            ("Environment (read by the official Python and JS SDKs):",
             f"export OPENAI_BASE_URL={v1}"),
            ("Or in code (Python):",
             f'client = OpenAI(base_url="{v1}")\n'
             '# default_headers={"x-aiprov-repo": "github.com/org/repo"}   # optional'),
            ("Or in code (JS/TS):", f'const client = new OpenAI({{ baseURL: "{v1}" }});'),
        ),
        _check(root),
        ("unset OPENAI_BASE_URL (or drop base_url / baseURL from the client)",),
        (_headers_note("with default_headers (Python) or defaultHeaders (JS)"),),
    )


def _anthropic_sdk(host: str, port: int, ca: Path) -> Guide:
    root, _ = base_urls(host, port)
    return Guide(
        "anthropic-sdk", "Anthropic SDKs (Python, JS)",
        "The SDK appends /v1/messages to the base URL, so give it the bare address.",
        (
            ("Environment (read by the official Python and JS SDKs):",
             f"export ANTHROPIC_BASE_URL={root}"),
            ("Or in code (Python):", f'client = Anthropic(base_url="{root}")'),
            ("Or in code (JS/TS):", f'const client = new Anthropic({{ baseURL: "{root}" }});'),
        ),
        _check(root),
        ("unset ANTHROPIC_BASE_URL (or drop base_url / baseURL from the client)",),
        (_headers_note("with default_headers (Python) or defaultHeaders (JS)"),),
    )


def _gemini_cli(host: str, port: int, ca: Path) -> Guide:
    root, _ = base_urls(host, port)
    settings = json.dumps({"security": {"auth": {"selectedType": "gemini-api-key"}}}, indent=2)
    return Guide(
        "gemini-cli", "Gemini CLI",
        "Gemini CLI calls the Gemini API (/v1beta/models/MODEL:streamGenerateContent); give it "
        "aiprov's address without a path. It uses a base URL only with API-key auth, chosen in "
        "~/.gemini/settings.json. Your GEMINI_API_KEY is passed through untouched (stored only "
        "as a salted hash); aiprov forwards to AIPROV_GEMINI_BASE (default "
        "https://generativelanguage.googleapis.com).",
        (
            ("In your shell (or ~/.bashrc / ~/.zshrc):",
             f"export GOOGLE_GEMINI_BASE_URL={root}\nexport GEMINI_API_KEY=your-key"),
            ("Select API-key auth in ~/.gemini/settings.json (merge with what is there; note "
             "the previous value of security.auth.selectedType to restore it):", settings),
            ("Headless run, to check:", 'gemini -p "say hello" --yolo'),
            _guard_step("gemini-cli"),
        ),
        _check(root),
        ("unset GOOGLE_GEMINI_BASE_URL GEMINI_API_KEY  (and delete the lines from your shell "
         "profile)",
         "in ~/.gemini/settings.json, restore security.auth.selectedType to its previous value "
         "(e.g. \"oauth-personal\" for a Google login) or remove it",
         _guard_undo("gemini-cli")),
        ("The working directory is read from the <session_context> Gemini CLI sends first.",
         "Gemini CLI with Vertex AI (GOOGLE_GENAI_USE_VERTEXAI=true) uses GOOGLE_VERTEX_BASE_URL "
         "instead: see `aiprov setup vertex-ai`."),
    )


def _gemini_cli_google(host: str, port: int, ca: Path) -> Guide:
    root, _ = base_urls(host, port)
    return Guide(
        "gemini-cli", "Gemini CLI signed in with Google",
        "Signed in with a Google account (security.auth.selectedType \"oauth-personal\"), "
        "Gemini CLI talks to Code Assist (https://cloudcode-pa.googleapis.com/"
        "v1internal:streamGenerateContent) with your Google OAuth token, not to the Gemini API. "
        "CODE_ASSIST_ENDPOINT points it at aiprov, which forwards every v1internal method to "
        "AIPROV_CODE_ASSIST_BASE (default https://cloudcode-pa.googleapis.com) with the token "
        "untouched (never stored, only a salted hash) and records the model calls.",
        (
            ("In your shell (or ~/.bashrc / ~/.zshrc); keep your Google sign-in as it is:",
             f"export CODE_ASSIST_ENDPOINT={root}"),
            ("Headless run, to check:", 'gemini -p "say hello" --yolo'),
        ),
        _check(root),
        ("unset CODE_ASSIST_ENDPOINT  (and delete the line from your shell profile); your "
         "Google sign-in is not touched",),
        ("Gemini CLI's Google sign-in itself (accounts.google.com, oauth2.googleapis.com) does "
         "not go through aiprov.",
         "The working directory is read from the <session_context> Gemini CLI sends first.",
         "With a Gemini API key instead of a sign-in: `aiprov setup gemini-cli`."),
    )


def _azure_openai(host: str, port: int, ca: Path) -> Guide:
    root, _ = base_urls(host, port)
    return Guide(
        "azure-openai", "Azure OpenAI",
        "Clients keep calling /openai/deployments/DEPLOYMENT/chat/completions?api-version=... "
        "(or /openai/v1/...) with their api-key header; point their endpoint at aiprov and tell "
        "aiprov your resource. The api-key and api-version pass through untouched.",
        (
            ("Where aiprov runs (or in $AIPROV_HOME/config.toml as azure_base):",
             "export AIPROV_AZURE_BASE=https://YOUR-RESOURCE.openai.azure.com"),
            ("For the client (openai SDK AzureOpenAI, litellm azure/, Continue "
             "provider: azure, ...):", f"export AZURE_OPENAI_ENDPOINT={root}"),
        ),
        _check(root),
        ("unset AIPROV_AZURE_BASE AZURE_OPENAI_ENDPOINT  (and delete them from your shell "
         "profile or azure_base from config.toml)",),
        ("Microsoft Entra ID tokens (Authorization: Bearer) pass through as well.",),
    )


def _vertex_ai(host: str, port: int, ca: Path) -> Guide:
    root, _ = base_urls(host, port)
    return Guide(
        "vertex-ai", "Google Vertex AI (Gemini and Claude models)",
        "Vertex AI paths name the project, the location and the model "
        "(/v1/projects/P/locations/L/publishers/google/models/M:streamGenerateContent; "
        "publishers/anthropic/... for Claude). aiprov forwards them to "
        "https://L-aiplatform.googleapis.com (the location from the path) or to "
        "AIPROV_VERTEX_BASE. The OAuth token (Authorization: Bearer) passes through untouched.",
        (
            ("Gemini CLI on Vertex:", f"export GOOGLE_GENAI_USE_VERTEXAI=true\n"
                                      f"export GOOGLE_VERTEX_BASE_URL={root}"),
            ("Claude Code on Vertex:", f"export CLAUDE_CODE_USE_VERTEX=1\n"
                                       f"export ANTHROPIC_VERTEX_BASE_URL={root}/v1"),
            ("Optional, a fixed endpoint (private or regional):",
             "export AIPROV_VERTEX_BASE=https://us-central1-aiplatform.googleapis.com"),
        ),
        _check(root),
        ("unset GOOGLE_VERTEX_BASE_URL ANTHROPIC_VERTEX_BASE_URL AIPROV_VERTEX_BASE  (keep "
         "GOOGLE_GENAI_USE_VERTEXAI / CLAUDE_CODE_USE_VERTEX if you set them before; else "
         "unset them too)",),
        ("Recorded: generateContent / streamGenerateContent (Gemini format) and "
         "rawPredict / streamRawPredict (Anthropic format); other Vertex calls are relayed "
         "and counted only.",),
    )


def _bedrock(host: str, port: int, ca: Path) -> Guide:
    root, _ = base_urls(host, port)
    return Guide(
        "bedrock", "Amazon Bedrock",
        "A SigV4 signature covers the host name, so a request signed for aiprov's address "
        "cannot be forwarded to Bedrock unchanged, and aiprov never alters or re-signs a "
        "signed request (it answers 502 saying so). Through a base URL, use a Bedrock API key "
        "(Authorization: Bearer, not host-bound); for SigV4-signed clients use "
        "`aiprov setup https-proxy` (the host stays Bedrock's, the signature holds).",
        (
            ("Where aiprov runs:",
             "export AIPROV_BEDROCK_BASE=https://bedrock-runtime.us-east-1.amazonaws.com"),
            ("Claude Code with a Bedrock API key:",
             "export CLAUDE_CODE_USE_BEDROCK=1\nexport AWS_BEARER_TOKEN_BEDROCK=your-api-key\n"
             f"export ANTHROPIC_BEDROCK_BASE_URL={root}"),
        ),
        _check(root),
        ("unset AIPROV_BEDROCK_BASE ANTHROPIC_BEDROCK_BASE_URL  (and CLAUDE_CODE_USE_BEDROCK "
         "/ AWS_BEARER_TOKEN_BEDROCK if you set them only for this)",),
        ("Recorded: Converse / ConverseStream of any model, and InvokeModel / "
         "InvokeModelWithResponseStream of Anthropic models (AWS event-stream decoded); "
         "InvokeModel of other vendors' models is relayed and counted, not parsed.",),
    )


def _intercept_start(port: int, ca: Path) -> tuple[str, str]:
    return ("Start the intercepting proxy (the first run creates its CA certificate at "
            f"{ca}):", f"aiprov intercept --port {port}")


def _copilot(host: str, port: int, ca: Path) -> Guide:
    proxy = f"http://{_host(host)}:{port}"
    vscode = (
        "{\n"
        f'  "http.proxy": "{proxy}",\n'
        '  "http.proxyStrictSSL": true\n'
        "}"
    )
    return Guide(
        "copilot", "GitHub Copilot (VS Code and JetBrains)",
        "Copilot has no base-URL setting: route it through `aiprov intercept`, an HTTPS proxy, "
        "and trust its CA. Copilot's hosts are api.githubcopilot.com, *.githubcopilot.com and "
        "copilot-proxy.githubusercontent.com (chat: /chat/completions; inline completions: "
        "/v1/engines/<engine>/completions).",
        (
            _intercept_start(port, ca),
            ("VS Code, settings.json (Preferences: Open User Settings (JSON)):", vscode),
            ("VS Code, trust the CA: start VS Code with it added to Node's store",
             f"NODE_EXTRA_CA_CERTS={ca} code"),
            ("JetBrains: Settings > Appearance & Behavior > System Settings > HTTP Proxy",
             f"Manual proxy configuration, HTTP, Host name: {_host(host)}, Port: {port}"),
            ("JetBrains: Settings > Tools > Server Certificates",
             f"+ (add) {ca}   and keep 'Accept non-trusted certificates automatically' off"),
            ("JetBrains: Copilot's language server is Node: start the IDE with",
             f"NODE_EXTRA_CA_CERTS={ca} <your IDE launcher>"),
        ),
        "open Copilot Chat, ask something, then: aiprov log",
        ('VS Code: remove "http.proxy" and "http.proxyStrictSSL" from settings.json and start '
         "VS Code without NODE_EXTRA_CA_CERTS",
         "JetBrains: HTTP Proxy > No proxy; Server Certificates > remove the aiprov CA; start "
         "the IDE without NODE_EXTRA_CA_CERTS"),
        ("Keep http.proxyStrictSSL true once the CA is trusted. Setting it to false would "
         "turn off certificate checks for all of VS Code's traffic; do not.",
         "Every HTTPS connection VS Code makes now goes through the intercepting proxy."),
    )


def _https_proxy(host: str, port: int, ca: Path) -> Guide:
    proxy = f"http://{_host(host)}:{port}"
    return Guide(
        "https-proxy", "Any tool that honours HTTPS_PROXY (generic intercept)",
        "For tools with no base-URL setting: send their HTTPS through `aiprov intercept` and "
        "make them trust its CA.",
        (
            _intercept_start(port, ca),
            ("Build a trust bundle: the system's CAs plus the aiprov CA (hosts that are not "
             "on the allowlist are tunnelled and keep their real certificates, so the system "
             "CAs must stay trusted):",
             f"cat /etc/ssl/certs/ca-certificates.crt {ca} > {ca.parent / 'bundle.pem'}"),
            ("In the shell that starts the tool:",
             f"export HTTPS_PROXY={proxy}\n"
             "export NO_PROXY=localhost,127.0.0.1\n"
             f"export NODE_EXTRA_CA_CERTS={ca}   # Node: adds to its CA store\n"
             f"export SSL_CERT_FILE={ca.parent / 'bundle.pem'}   # OpenSSL, Python, curl\n"
             f"export REQUESTS_CA_BUNDLE={ca.parent / 'bundle.pem'}   # Python requests"),
        ),
        "run the tool once, then: aiprov log",
        ("unset HTTPS_PROXY NO_PROXY NODE_EXTRA_CA_CERTS SSL_CERT_FILE REQUESTS_CA_BUNDLE",),
        ("SSL_CERT_FILE and REQUESTS_CA_BUNDLE replace the default trust store, which is why "
         "they point at the bundle (system CAs + aiprov CA), not at the aiprov CA alone. Only "
         "allowlisted LLM hosts are decrypted (see `aiprov intercept --allow`); every other "
         "host is tunnelled untouched. On macOS, export the system roots with `security "
         "find-certificate -a -p /System/Library/Keychains/SystemRootCertificates.keychain`.",
         "Only OpenAI- and Anthropic-format traffic is parsed into records; other hosts pass "
         "through."),
    )


GUIDES = {
    "claude-code": _claude_code,
    "codex": _codex,
    "gemini-cli": _gemini_cli,
    "aider": _aider,
    "continue": _continue,
    "cline": _cline,
    "cursor": _cursor,
    "openai-sdk": _openai_sdk,
    "anthropic-sdk": _anthropic_sdk,
    "azure-openai": _azure_openai,
    "vertex-ai": _vertex_ai,
    "bedrock": _bedrock,
    "copilot": _copilot,
    "https-proxy": _https_proxy,
}
INTERCEPT_TOOLS = frozenset({"copilot", "https-proxy"})
# subscription sign-ins (no API key): login kind -> (the tool it belongs to, its guide)
LOGINS = {"chatgpt": ("codex", _codex_chatgpt), "google": ("gemini-cli", _gemini_cli_google)}


def ca_cert_path() -> Path:
    from aiprov.settings import get_settings

    return get_settings().home / "intercept" / "mitmproxy-ca-cert.pem"


def guide(tool: str, *, host: str, port: int, ca: Path, login: str | None = None) -> Guide:
    """The settings guide for ``tool`` (signed in with ``login`` instead of an API key, for
    the tools in ``LOGINS``); ``ConfigError`` for an unknown tool or a login it lacks."""
    from aiprov.errors import ConfigError

    name = tool.strip().lower()
    make = GUIDES.get(name)
    if make is None:
        raise ConfigError(f"unknown tool {tool!r}; known: {', '.join(GUIDES)}")
    if login is not None:
        owner, make = LOGINS[login]
        if owner != name:
            raise ConfigError(f"--{login} is a sign-in of {owner}, not of {name}; run "
                              f"`aiprov setup {owner} --{login}`")
    return make(host, port, ca)


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False, break_long_words=False)


def render(g: Guide) -> str:
    """Prose is wrapped; settings are printed verbatim, indented, ready to copy."""
    out = [g.title, "", *_wrap(g.intro, "", "")]
    for i, (what, text) in enumerate(g.steps, 1):
        out += ["", *_wrap(what, f"{i}. ", "   "), ""]
        out += [f"    {line}" if line else "" for line in text.splitlines()]
    if g.check:
        out += ["", "Check:", ""] + [f"    {line}" for line in g.check.splitlines()]
    if g.undo:
        out += ["", "Undo:"]
        for u in g.undo:
            out += _wrap(u, "  - ", "    ")
    if g.notes:
        out += ["", "Notes:"]
        for n in g.notes:
            out += _wrap(n, "  - ", "    ")
    return "\n".join(out) + "\n"


def tool_list() -> str:
    lines = ["Tools (aiprov setup TOOL prints the exact settings and how to undo them):"]
    for name, make in GUIDES.items():
        title = make("127.0.0.1", 8787, Path("ca.pem")).title
        lines.append(f"  {name:<14} {title}")
    return "\n".join(lines) + "\n"


def setup(
    tool: str = typer.Argument(None, help="Which assistant: claude-code, codex, aider, ..."),
    port: int = typer.Option(None, help="aiprov's port (default: the proxy's, 8787; "
                             f"{INTERCEPT_PORT} for copilot / https-proxy)."),
    host: str = typer.Option(None, help="aiprov's address (default: the proxy's, 127.0.0.1)."),
    install: bool = typer.Option(False, "--install",
                                 help="Write the `aiprov guard` hook into the agent's own "
                                      "settings (claude-code, codex, gemini-cli, cline, "
                                      "cursor), merged with what is there."),
    undo: bool = typer.Option(False, "--undo",
                              help="Remove the hook --install wrote, and nothing else."),
    user: bool = typer.Option(False, "--user",
                              help="With --install / --undo: the user-level settings (every "
                                   "project) instead of this project's."),
    project: Path = typer.Option(None, "--project",
                                 help="With --install / --undo: the project root (default: "
                                      "the current directory)."),
    chatgpt: bool = typer.Option(False, "--chatgpt",
                                 help="codex signed in with ChatGPT (no API key)."),
    google: bool = typer.Option(False, "--google",
                                help="gemini-cli signed in with a Google account (no API key)."),
) -> None:
    """Print the settings that point an assistant at aiprov, and how to undo them; with
    --install / --undo, add or remove its `aiprov guard` hook."""
    if tool is None:
        typer.echo(tool_list(), nl=False)
        return
    from aiprov.errors import ConfigError
    from aiprov.settings import get_settings

    settings = get_settings()
    if chatgpt and google:
        raise ConfigError("--chatgpt and --google are sign-ins of different tools; give one")
    login = "chatgpt" if chatgpt else "google" if google else None
    name = tool.strip().lower()
    if install or undo:
        typer.echo(hooks(name, install=install, undo=undo, user=user,
                         project=project or Path.cwd(), home=Path.home()), nl=False)
        return
    default_port = INTERCEPT_PORT if name in INTERCEPT_TOOLS else settings.port
    g = guide(name, host=host or settings.host, port=port or default_port, ca=ca_cert_path(),
              login=login)
    typer.echo(render(g), nl=False)


def hooks(name: str, *, install: bool, undo: bool, user: bool, project: Path,
          home: Path) -> str:
    """Install or undo the guard hook for ``name``; the lines to print."""
    from aiprov import agenthooks
    from aiprov.errors import ConfigError

    if install and undo:
        raise ConfigError("--install and --undo together: choose one")
    if name not in agenthooks.SPECS:
        guide(name, host="127.0.0.1", port=0, ca=Path("ca.pem"))  # unknown tool: its error
        if name == "continue":
            raise ConfigError("continue has no agent hook to install: its CLI (cn 1.5.47) "
                              "reads Claude-style hooks but never fires them; its code is "
                              "reviewed at commit")
        raise ConfigError(f"{name} has no agent hook aiprov can install (agents with one: "
                          f"{', '.join(agenthooks.SPECS)})")
    lines = (agenthooks.install if install else agenthooks.undo)(name, project, home, user)
    if install and not shutil.which("aiprov"):
        lines.append("warning: `aiprov` is not on PATH here; the agent runs `aiprov guard "
                     f"{name}` and must find it (install aiprov with uv tool or pipx)")
    return "\n".join(lines) + "\n"


def register(app: typer.Typer) -> None:
    app.command("setup")(setup)
