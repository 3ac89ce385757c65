"""A fake LLM upstream that speaks the real wire formats, for tests, benchmarks and the demo.

Why it lives under ``tests/`` and not in the ``aiprov`` package: it is test equipment, not
product. Nothing an installed aiprov runs in production needs it, so a wheel (which ships
``aiprov``, ``proxy``, ``provenance``, ``reviewer``, ``store`` only) does not carry it. It is
still importable wherever the tests and the demo run: from a checkout, where the editable
install (``bin/dev``) puts the repository root on ``sys.path``. ``aiprov demo`` needs it and
says so in one line when run from a wheel (it runs from a checkout: ``bin/dev aiprov demo``).

One module per wire format (``openai_chat``, ``openai_completions``, ``openai_responses``,
``anthropic_messages``, ``gemini``, ``code_assist``, ``bedrock``), the script and shared helpers
(``script``), the ASGI app with the HTTP and WebSocket routes (``app``), and the uvicorn
thread and command line (``server``; ``python -m tests.fakellm --port 8799``).

Replies are scripted: ``FakeLLM.push(Reply(...))`` queues answers that LLM endpoints consume in
order (an empty queue answers a short text echoing the last user words). Every request is kept
in ``requests`` and the exact bytes of every answer in ``sent`` (both bounded to the last
1000), so tests can check a proxy changed nothing.

Invariants the tests hold it to: every body and event validates against the official
``openai``/``anthropic`` SDK types (and Gemini's documented ``GenerateContentResponse``); ids
are unique per answer, also under concurrency; an answer's bytes depend only on the script,
the request and the clock (``created``).
"""

from __future__ import annotations

from tests.fakellm.app import FakeLLM
from tests.fakellm.script import (
    MODELS,
    FakeToolCall,
    Recent,
    RecordedRequest,
    Reply,
    default_text,
    embedding,
    last_user_text,
)
from tests.fakellm.server import Server, main, serve

__all__ = ["MODELS", "FakeLLM", "FakeToolCall", "RecordedRequest", "Recent", "Reply", "Server",
           "default_text", "embedding", "last_user_text", "main", "serve"]
