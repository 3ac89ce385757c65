"""What a request path says: the wire format, the provider that serves it, the model.

Pure and cheap (one dict lookup for the common OpenAI/Anthropic paths, a few anchored
regexes otherwise): the relay calls it per request to pick the upstream, the recorder to pick
the parser. Providers and their paths:

=========  ===========================================================  =====================
provider   path (query ignored)                                          format
=========  ===========================================================  =====================
openai     /v1/chat/completions, /v1/responses, /v1/completions, ...     OpenAI
anthropic  /v1/messages (+ /v1/messages/count_tokens, relayed only)      Anthropic Messages
gemini     /v1beta/models/M:generateContent | :streamGenerateContent     Gemini
           (:countTokens relayed only; /v1, /v1alpha, tunedModels too)
vertex     /v1[beta1]/projects/P/locations/L/publishers/google/models/   Gemini
           M:generateContent | :streamGenerateContent
vertex     .../publishers/anthropic/models/M:rawPredict | :streamRawPredict  Anthropic Messages
azure      /openai/deployments/D/chat/completions | /completions |       OpenAI
           /responses, /openai/v1/chat/completions, /openai/v1/responses
bedrock    /model/M/invoke | /invoke-with-response-stream (Anthropic     Anthropic Messages in
           models: the id names ``anthropic``/``claude``)                AWS event-stream
bedrock    /model/M/converse | /converse-stream (any model)              Converse (AWS
                                                                         event-stream)
chatgpt    /backend-api/codex/responses (Codex signed in with ChatGPT;   OpenAI Responses
           other /backend-api/codex/... paths relayed only)
codeassist /v1internal:generateContent | :streamGenerateContent (Gemini  Gemini, wrapped as
           CLI signed in with Google; :countTokens and the other         {"model", "project",
           v1internal methods relayed only)                              "request"}
=========  ===========================================================  =====================

A path that matches a provider but no recorded format (embeddings, countTokens, a Bedrock
model of another vendor, Converse) still goes to that provider, relayed and counted only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from proxy.exchange import (
    ANTHROPIC_MESSAGES,
    BEDROCK_CONVERSE,
    BEDROCK_INVOKE,
    GEMINI_GENERATE,
    OPENAI_CHAT,
    OPENAI_COMPLETIONS,
    OPENAI_RESPONSES,
)


@dataclass(frozen=True, slots=True)
class PathInfo:
    api: str | None  # the wire format to record, None: relayed and counted only
    provider: str  # openai | anthropic | gemini | vertex | azure | bedrock | chatgpt | codeassist
    model: str | None = None  # named in the path (Gemini, Vertex, Azure deployment, Bedrock)
    location: str | None = None  # Vertex region (its host depends on it)


_EXACT = {
    "/v1/chat/completions": OPENAI_CHAT,
    "/chat/completions": OPENAI_CHAT,
    "/v1/responses": OPENAI_RESPONSES,
    "/responses": OPENAI_RESPONSES,
    "/v1/completions": OPENAI_COMPLETIONS,
    "/completions": OPENAI_COMPLETIONS,
    "/v1/messages": ANTHROPIC_MESSAGES,
}
_OPENAI_TAIL = {"chat/completions": OPENAI_CHAT, "completions": OPENAI_COMPLETIONS,
                "responses": OPENAI_RESPONSES}
_ENGINES = re.compile(r"^(?:/v1)?/engines/[^/]+/completions$")
_GEMINI = re.compile(
    r"^/v1(?:alpha|beta\d*)?/(?:projects/(?P<project>[^/]+)/locations/(?P<loc>[^/]+)/"
    r"publishers/(?P<publisher>[^/]+)/)?(?:tuned)?[mM]odels/(?P<model>[^/:]+):(?P<method>\w+)$")
_AZURE = re.compile(r"^/openai(?:/deployments/(?P<dep>[^/]+))?(?:/v1)?/(?P<tail>[a-z/]+)$")
_BEDROCK = re.compile(r"^/model/(?P<model>[^/]+)/(?P<method>[a-z-]+)$")
_GEMINI_METHODS = ("generateContent", "streamGenerateContent")
# sign-ins billed by plan, not per token (their exchanges carry no per-token cost)
SUBSCRIPTION_PROVIDERS = frozenset({"chatgpt", "codeassist"})
CHATGPT_PREFIX = "/backend-api/codex"  # what AIPROV_CHATGPT_BASE stands for in a client's path
CODE_ASSIST_PREFIX = "/v1internal"
_ANTHROPIC_METHODS = ("rawPredict", "streamRawPredict")


def classify(method: str, path: str) -> PathInfo:
    """Format, provider and model of a request from its method and path (query ignored)."""
    path = path.split("?", 1)[0].rstrip("/") or "/"
    post = method == "POST"
    api = _EXACT.get(path)
    if api is not None:
        return PathInfo(api if post else None,
                        "anthropic" if api == ANTHROPIC_MESSAGES else "openai")
    if path.startswith("/v1/messages"):
        return PathInfo(None, "anthropic")
    if path.startswith(CHATGPT_PREFIX) and path[len(CHATGPT_PREFIX):len(CHATGPT_PREFIX) + 1] in (
            "", "/"):
        tail = path[len(CHATGPT_PREFIX):]
        return PathInfo(OPENAI_RESPONSES if post and tail == "/responses" else None, "chatgpt")
    if path.startswith(CODE_ASSIST_PREFIX) and path[len(CODE_ASSIST_PREFIX):][:1] in (
            "", ":", "/"):
        method_name = path[len(CODE_ASSIST_PREFIX) + 1:]
        return PathInfo(GEMINI_GENERATE if post and method_name in _GEMINI_METHODS else None,
                        "codeassist")
    if _ENGINES.match(path):
        return PathInfo(OPENAI_COMPLETIONS if post else None, "openai")
    if path.startswith("/v1") and ":" in path:
        m = _GEMINI.match(path)
        if m:
            vertex = m.group("project") is not None
            publisher = m.group("publisher")
            kind = m.group("method")
            if publisher == "anthropic":
                api = ANTHROPIC_MESSAGES if kind in _ANTHROPIC_METHODS else None
            elif publisher in (None, "google"):
                api = GEMINI_GENERATE if kind in _GEMINI_METHODS else None
            return PathInfo(api if post else None, "vertex" if vertex else "gemini",
                            m.group("model"), m.group("loc"))
    if path.startswith(("/v1beta/", "/v1alpha/", "/upload/v1beta/")) or path in (
            "/v1beta", "/v1alpha"):
        return PathInfo(None, "gemini")  # models list, files, caches: Gemini API, relayed
    if path.startswith(("/v1/projects/", "/v1beta1/projects/")):
        loc = path.split("/locations/", 1)[1].split("/", 1)[0] if "/locations/" in path else None
        return PathInfo(None, "vertex", location=loc)
    if path.startswith("/openai/"):
        m = _AZURE.match(path)
        if m:
            return PathInfo(_OPENAI_TAIL.get(m.group("tail")) if post else None, "azure",
                            m.group("dep"))
        return PathInfo(None, "azure")
    if path.startswith("/model/"):
        m = _BEDROCK.match(path)
        if m:
            model = unquote(m.group("model"))
            anthropic = "anthropic" in model or "claude" in model
            method = m.group("method")
            api = None
            if post and method in ("converse", "converse-stream"):
                api = BEDROCK_CONVERSE
            elif post and anthropic and method in ("invoke", "invoke-with-response-stream"):
                api = BEDROCK_INVOKE
            return PathInfo(api, "bedrock", model)
        return PathInfo(None, "bedrock")
    return PathInfo(None, "openai")


def path_model(path: str) -> str | None:
    """The model a path names, if any (the bodies of Gemini and Bedrock requests carry none)."""
    return classify("POST", path).model


_QUERY_KEY = re.compile(r"(?<=[?&])key=([^&]*)")


def split_query_key(path: str) -> tuple[str, str | None]:
    """(path with ``key=***``, the key) for a Gemini-style ``?key=`` credential, else
    (path, None). The relay forwards the path as sent; only the record's copy is masked."""
    if "key=" not in path or "?" not in path:
        return path, None
    m = _QUERY_KEY.search(path)
    if m is None:
        return path, None
    return path[:m.start(1)] + "***" + path[m.end(1):], m.group(1)
