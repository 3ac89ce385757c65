"""Which upstream a request goes to.

By default OpenAI-format traffic goes to the OpenAI API and Anthropic-format traffic to
the Anthropic API. ``Settings.routes`` sends a model name (glob) to another
OpenAI/Anthropic-compatible base URL, or through litellm to another provider. The model
name is only read from the body when routes exist, so the default path never parses JSON
on the hot path.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass

from aiprov.settings import Route, Settings
from proxy.exchange import ANTHROPIC_MESSAGES


@dataclass(frozen=True, slots=True)
class Target:
    """Where to send one request: a base URL (bytes forwarded) or a litellm model."""

    base_url: str | None = None
    litellm_model: str | None = None
    api_key_env: str | None = None

    @property
    def label(self) -> str:
        return f"litellm:{self.litellm_model}" if self.litellm_model else (self.base_url or "")


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


class Router:
    def __init__(self, settings: Settings) -> None:
        self.openai = Target(base_url=settings.openai_base)
        self.anthropic = Target(base_url=settings.anthropic_base)
        self.routes: tuple[Route, ...] = tuple(settings.routes)

    def route(self, api: str | None, path: str, headers: dict[str, str], body: bytes) -> Target:
        if self.routes and api is not None:
            model = model_of(body)
            if model:
                for r in self.routes:
                    if fnmatch.fnmatchcase(model, r.match):
                        return Target(r.base_url, r.litellm_model, r.api_key_env)
        if api == ANTHROPIC_MESSAGES or is_anthropic(path, headers):
            return self.anthropic
        return self.openai
