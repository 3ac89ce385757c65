"""Moved to ``tests/fakellm`` (test equipment, not product; see its docstring).

This forwarding module keeps ``from aiprov.fakellm import ...`` and
``python -m aiprov.fakellm`` working from a checkout while other branches still name the old
place; it holds no code of its own and fails with one readable line in an installed wheel.
Delete it once nothing imports it.
"""

from __future__ import annotations

try:
    from tests.fakellm import (  # noqa: F401
        MODELS,
        FakeLLM,
        FakeToolCall,
        Recent,
        RecordedRequest,
        Reply,
        Server,
        default_text,
        embedding,
        last_user_text,
        main,
        serve,
    )
except ImportError as exc:  # an installed wheel: the fake ships with the sources only
    raise ImportError("the fake LLM upstream lives in tests/fakellm of an aiprov checkout "
                      "(bin/dev); it is not part of an installed aiprov") from exc

if __name__ == "__main__":
    main()
