"""Which hosts the intercepting proxy decrypts: a small pure value, testable without a proxy.

Invariant: only hosts on this list are ever TLS-intercepted and recorded; every other
connection through ``aiprov intercept`` is tunnelled byte for byte, so a developer's bank,
mail or package registry never passes through our CA. That is why a pattern must name a
real domain: ``*`` or ``*.com`` (a glob whose literal part has fewer than two labels) is
refused rather than turning the proxy into a machine-wide TLS interceptor by accident.

Patterns are lower-case host names or globs: ``*`` matches any run of characters, dots
included, so ``*.githubcopilot.com`` matches ``api.individual.githubcopilot.com`` (but
not ``githubcopilot.com`` itself). A URL is reduced to its host, so a route's
``base_url`` can be listed as it is written.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

# Copilot (chat, agent and inline completions), OpenAI, Anthropic, Google, clouds
DEFAULT_HOSTS: tuple[str, ...] = (
    "api.githubcopilot.com",
    "*.githubcopilot.com",
    "copilot-proxy.githubusercontent.com",
    "api.openai.com",
    "api.anthropic.com",
    "generativelanguage.googleapis.com",  # Gemini API
    "*-aiplatform.googleapis.com",  # Vertex AI, regional
    "aiplatform.googleapis.com",  # Vertex AI, global
    "*.openai.azure.com",  # Azure OpenAI resources
    "bedrock-runtime.*.amazonaws.com",  # Bedrock (SigV4 stays valid: the host is unchanged)
    # subscription logins: Codex signed in with ChatGPT (only /backend-api/codex/responses is
    # recorded; the rest of chatgpt.com's traffic through the proxy is relayed, not recorded)
    # and Gemini CLI signed in with Google (Code Assist's v1internal methods)
    "chatgpt.com",
    "cloudcode-pa.googleapis.com",
)

_HOST_CHARS = re.compile(r"^[a-z0-9*_.\-]+$")


class AllowlistError(ValueError):
    """A pattern that cannot be used; the message says why and what to write instead."""


def normalise_host(host: str) -> str:
    """``API.OpenAI.com.`` -> ``api.openai.com``; ``[::1]:443`` -> ``::1``; IDNA to ASCII."""
    h = host.strip().lower()
    if h.startswith("["):  # [v6]:port
        h = h[1:].split("]", 1)[0]
    elif h.count(":") == 1:  # name:port
        h = h.split(":", 1)[0]
    h = h.rstrip(".")
    if h and not h.isascii():
        try:
            h = h.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    return h


def parse_pattern(text: str) -> str:
    """One user-written pattern (host, glob or URL) -> its normal form, or AllowlistError."""
    raw = text.strip()
    if "://" in raw:
        raw = urlsplit(raw).hostname or ""
    else:
        raw = raw.split("/", 1)[0]
    pat = normalise_host(raw)
    if not pat:
        raise AllowlistError(f"empty host pattern in {text!r}; write a host such as "
                             "llm.example.com or *.example.com")
    if not _HOST_CHARS.match(pat) and ":" not in pat:
        raise AllowlistError(f"{text!r} is not a host name or glob (letters, digits, '-', "
                             "'.', '*')")
    if "*" in pat:
        literal_tail = pat.rsplit("*", 1)[1].lstrip(".-")
        if literal_tail.count(".") < 1 or any(not label for label in literal_tail.split(".")):
            raise AllowlistError(
                f"{text!r} would decrypt too many hosts; name the domain, e.g. "
                "*.example.com (a bare * or a top-level domain is refused)")
    return pat


@dataclass(frozen=True, slots=True)
class Allowlist:
    """Normalised patterns; ``allows(host)`` says whether to decrypt and record ``host``."""

    patterns: tuple[str, ...]

    @classmethod
    def of(cls, *groups: Iterable[str]) -> Allowlist:
        """Parse and merge pattern groups, keeping first-seen order and dropping repeats."""
        seen: dict[str, None] = {}
        for group in groups:
            for text in group:
                seen.setdefault(parse_pattern(text), None)
        return cls(tuple(seen))

    def allows(self, host: str | None) -> bool:
        if not host:
            return False
        h = normalise_host(host)
        return any(fnmatch.fnmatchcase(h, p) for p in self.patterns)

    def extended(self, extra: Iterable[str]) -> Allowlist:
        return Allowlist.of(self.patterns, extra)


def route_hosts(base_urls: Iterable[str | None]) -> list[str]:
    """Hosts of configured upstreams (route ``base_url``s, ``openai_base``...)."""
    out = []
    for url in base_urls:
        if url:
            host = urlsplit(url).hostname
            if host:
                out.append(host)
    return out


def from_settings(settings: object, extra: Iterable[str] = ()) -> Allowlist:
    """Defaults + the configured upstream and route hosts + ``intercept_allow`` + ``extra``.

    ``settings`` is an ``aiprov.settings.Settings``; typed loosely so this module stays
    free of the settings import for callers that only need the value type.
    """
    routes = getattr(settings, "routes", []) or []
    bases = [getattr(settings, name, None) or None for name in (
        "openai_base", "anthropic_base", "gemini_base", "azure_base", "vertex_base",
        "bedrock_base", "chatgpt_base", "code_assist_base")]
    bases += [getattr(r, "base_url", None) for r in routes]
    user = getattr(settings, "intercept_allow", []) or []
    return Allowlist.of(DEFAULT_HOSTS, route_hosts(bases), user, extra)
