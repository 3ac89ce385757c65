"""A model-review upstream scripted by a function of the request: the shared fake
(``tests.fakellm``) with a responder, so the requests go through litellm's real OpenAI
client to the one fake that speaks the real wire format."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tests.fakellm import FakeLLM, Reply, serve

Answer = Callable[[dict[str, Any]], str]


@contextmanager
def scripted_upstream(reply: Answer) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Yields (base_url ending in /v1, list of received request bodies)."""
    received: list[dict[str, Any]] = []

    def respond(body: dict[str, Any]) -> Reply:
        received.append(body)
        return Reply(text=reply(body))

    with serve(FakeLLM(responder=respond).app) as server:
        yield f"{server.base_url}/v1", received
