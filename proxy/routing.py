"""Which upstream a request goes to.

By default OpenAI-format traffic goes to the OpenAI API and Anthropic-format traffic to the
Anthropic API; the path says when a request is for another provider
(``proxy.formats.paths``): the Gemini API (``Settings.gemini_base``), Azure OpenAI
(``azure_base``), Vertex AI (``vertex_base``, else the regional host the path names) and
Bedrock (``bedrock_base``), and the subscription backends of clients signed in without an
API key: Codex with ChatGPT (``chatgpt_base``, which the proxy's ``/backend-api/codex``
stands for) and Gemini CLI with Google (Code Assist, ``code_assist_base``).
``Settings.routes`` sends a model name (glob) to another OpenAI/Anthropic-compatible base
URL, or through litellm to another provider. The model name is only read from the body when
routes exist, so the default path never parses JSON on the hot path.

Each target also says how its provider takes a key (``key_header``, used only when the
proxy forwards an org key) and which error shape its clients read (``family``).
"""

from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass

from aiprov.settings import Route, Settings
from proxy.exchange import ANTHROPIC_MESSAGES
from proxy.formats.paths import CHATGPT_PREFIX, classify

# a Vertex location is a region name; anything else must never become part of a host name
_VERTEX_LOCATION = re.compile(r"[a-z]+(?:-[a-z0-9]+)+")


@dataclass(frozen=True, slots=True)
class Target:
    """Where to send one request: a base URL (bytes forwarded) or a litellm model; or, with
    ``refusal``, why it cannot be sent anywhere (a cloud upstream not configured)."""

    base_url: str | None = None
    litellm_model: str | None = None
    api_key_env: str | None = None
    family: str = "openai"  # error shape and key header: openai | anthropic | google | bedrock
    key_header: str = "authorization"  # where an org key goes (``Bearer`` for authorization)
    refusal: str | None = None
    path_prefix: str = ""  # the client's path prefix that ``base_url`` stands for

    @property
    def label(self) -> str:
        return f"litellm:{self.litellm_model}" if self.litellm_model else (self.base_url or "")

    def url(self, full_path: str) -> str:
        """Where ``full_path`` (with its query) goes: the base URL + the path, less the
        prefix the base stands for (``/backend-api/codex/responses`` -> ``{chatgpt_base}/
        responses``)."""
        assert self.base_url is not None
        if self.path_prefix and full_path.startswith(self.path_prefix):
            return self.base_url + full_path[len(self.path_prefix):]
        return join_url(self.base_url, full_path)


def join_url(base: str, path: str) -> str:
    """``base`` + ``path``, without doubling a ``/v1`` that both carry."""
    if base.endswith("/v1") and (path.startswith("/v1/") or path == "/v1"):
        return base + path[3:]
    return base + path


def is_anthropic(path: str, headers: dict[str, str]) -> bool:
    """Anthropic-format request: its paths, or its auth/version headers on other paths."""
    if path.startswith("/v1/messages") or path.startswith("/v1/complete"):
        return True
    return "anthropic-version" in headers or (
        "x-api-key" in headers and "authorization" not in headers
    )


def model_of(body: bytes) -> str | None:
    """The ``model`` field of a JSON body, or None."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    model = data.get("model") if isinstance(data, dict) else None
    return model if isinstance(model, str) else None


def vertex_host(location: str | None) -> str | None:
    """Vertex AI's endpoint for a location (``global`` has no region prefix), or None when
    the location is not a region name."""
    if location == "global":
        return "https://aiplatform.googleapis.com"
    if location and _VERTEX_LOCATION.fullmatch(location):
        return f"https://{location}-aiplatform.googleapis.com"
    return None


class Router:
    def __init__(self, settings: Settings) -> None:
        self.openai = Target(base_url=settings.openai_base)
        self.anthropic = Target(base_url=settings.anthropic_base, family="anthropic",
                                key_header="x-api-key")
        self.gemini = Target(base_url=settings.gemini_base, family="google",
                             key_header="x-goog-api-key",
                             api_key_env=None)
        # subscription logins: the client's OAuth bearer is forwarded as sent; a proxy token
        # cannot stand in for it (``ProxyApp._org_key_env``)
        self.chatgpt = Target(base_url=settings.chatgpt_base, path_prefix=CHATGPT_PREFIX)
        self.code_assist = Target(base_url=settings.code_assist_base, family="google")
        self.azure_base = settings.azure_base
        self.vertex_base = settings.vertex_base
        self.bedrock_base = settings.bedrock_base
        self.routes: tuple[Route, ...] = tuple(settings.routes)

    def route(self, api: str | None, path: str, headers: dict[str, str], body: bytes) -> Target:
        info = classify("POST", path)
        if self.routes and api is not None and info.provider in ("openai", "anthropic"):
            model = model_of(body)
            if model:
                for r in self.routes:
                    if fnmatch.fnmatchcase(model, r.match):
                        if api == ANTHROPIC_MESSAGES or is_anthropic(path, headers):
                            return Target(r.base_url, r.litellm_model, r.api_key_env,
                                          family="anthropic", key_header="x-api-key")
                        return Target(r.base_url, r.litellm_model, r.api_key_env)
        return self.provider_target(info.provider, api, path, headers, info.location)

    def provider_target(self, provider: str, api: str | None, path: str,
                        headers: dict[str, str], location: str | None = None) -> Target:
        """The configured upstream of ``provider`` (no model routes)."""
        if provider == "gemini":
            return self.gemini
        if provider == "chatgpt":
            return self.chatgpt
        if provider == "codeassist":
            return self.code_assist
        if provider == "vertex":
            base = self.vertex_base or vertex_host(location)
            family = "anthropic" if api == ANTHROPIC_MESSAGES else "google"
            if base is None:
                return Target(family=family, refusal=f"aiprov: {location!r} is not a Vertex "
                              "AI location; set AIPROV_VERTEX_BASE to the endpoint to use")
            return Target(base_url=base, family=family)
        if provider == "azure":
            if not self.azure_base:
                return Target(refusal="aiprov: this is an Azure OpenAI path and no Azure "
                              "resource is configured: set AIPROV_AZURE_BASE="
                              "https://NAME.openai.azure.com", key_header="api-key")
            return Target(base_url=self.azure_base, key_header="api-key")
        if provider == "bedrock":
            if not self.bedrock_base:
                return Target(family="bedrock", refusal="aiprov: this is a Bedrock path and no "
                              "Bedrock endpoint is configured: set AIPROV_BEDROCK_BASE="
                              "https://bedrock-runtime.REGION.amazonaws.com")
            return Target(base_url=self.bedrock_base, family="bedrock")
        if api == ANTHROPIC_MESSAGES or is_anthropic(path, headers):
            return self.anthropic
        return self.openai

    def family(self, path: str, headers: dict[str, str]) -> str:
        """The error shape a client of ``path`` reads, before the body is read."""
        info = classify("POST", path)
        return self.provider_target(info.provider, info.api, path, headers,
                                    info.location).family
