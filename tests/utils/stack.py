"""Fixtures: a fake upstream and the real proxy, both served on loopback by uvicorn."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from aiprov.settings import Settings
from proxy.app import ProxyApp, create_app


@dataclass
class Stack:
    fake: Any  # tests.fakellm.FakeLLM
    upstream_url: str
    url: str
    app: ProxyApp
    db_url: str

    def wait_for_disconnect(self, limit: float = 10.0) -> None:
        """Until the relay has seen a client leave and handed the partial exchange to the
        spool (it counts the disconnect just before it appends), bounded by ``limit``."""
        import time

        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and (self.app.metrics.client_disconnects == 0
                                               or self.app.recorder.stats()["submitted"] == 0):
            time.sleep(0.05)

    def flush(self) -> None:
        assert self.app.recorder.flush(15), self.app.recorder.stats()

    def rows(self):  # type: ignore[no-untyped-def]
        from sqlmodel import select

        from store import db
        from store.models import ExchangeRow

        self.flush()
        with db.session(self.db_url) as s:
            return list(s.exec(select(ExchangeRow).order_by(ExchangeRow.started_at)).all())


@pytest.fixture
def fake() -> Any:
    from tests.fakellm import FakeLLM

    return FakeLLM()


@contextmanager
def running_stack(fake: Any, tmp_path: Path, **options: Any) -> Iterator[Stack]:
    """The fake upstream and the real proxy in front of it; ``options`` are settings on top
    of the test defaults (e.g. ``review_suggestions=False``)."""
    from tests.fakellm import serve

    with serve(fake.app) as upstream:
        db_url = f"sqlite:///{tmp_path / 'proxy.db'}"
        up = upstream.base_url
        settings = Settings(**{
            "openai_base": up, "anthropic_base": up, "gemini_base": up, "azure_base": up,
            "vertex_base": up, "bedrock_base": up, "chatgpt_base": up + "/backend-api/codex",
            "code_assist_base": up, "db": db_url, "developer": "dev@example.com",
            "batch_interval": 0.05, "max_body_bytes": 2_000_000, **options})
        app = create_app(settings)
        with serve(app) as proxy:
            yield Stack(fake, upstream.base_url, proxy.base_url, app, db_url)


@pytest.fixture
def stack(fake: Any, tmp_path: Path, isolated_env: Path) -> Iterator[Stack]:
    with running_stack(fake, tmp_path) as s:
        yield s
