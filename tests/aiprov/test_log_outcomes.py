"""`aiprov log` says what happened to an exchange that did not end normally, from what the
real proxy recorded, and never cuts a tool name or a model."""

from __future__ import annotations

import socket

import httpx
import openai
import pytest
from typer.testing import CliRunner

from aiprov.cli import app
from aiprov.commands.records import OUTCOMES
from aiprov.settings import Settings, get_settings
from proxy.app import create_app
from tests.fakellm import Reply, serve

runner = CliRunner()
CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}


def _log(monkeypatch: pytest.MonkeyPatch, db_url: str, columns: int | None = None) -> str:
    monkeypatch.setenv("AIPROV_DB", db_url)
    if columns:
        monkeypatch.setenv("COLUMNS", str(columns))
    get_settings.cache_clear()
    r = runner.invoke(app, ["log"])
    assert r.exit_code == 0, r.output
    return r.output


def test_unreachable_upstream_is_not_called_a_cut_stream(tmp_path, isolated_env, monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"  # bound, never listening
        db_url = f"sqlite:///{tmp_path / 'p.db'}"
        proxy_app = create_app(Settings(openai_base=dead, anthropic_base=dead, db=db_url,
                                        batch_interval=0.05))
        with serve(proxy_app) as proxy:
            r = httpx.post(proxy.base_url + "/v1/chat/completions", json=CHAT, timeout=10)
            assert r.status_code == 502
            assert proxy_app.recorder.flush(10)
    out = _log(monkeypatch, db_url)
    assert " 502! " in out
    assert f"! {OUTCOMES['unreachable'][1]}" in out
    assert "disconnected" not in out and "cut" not in out


def test_a_stream_the_upstream_cut_is_told_apart(stack, monkeypatch):
    stack.fake.push(Reply(text=" ".join(f"w{i}" for i in range(20)), cut_after_events=3))
    client = openai.OpenAI(base_url=stack.url + "/v1", api_key="k", max_retries=0)
    with pytest.raises(openai.APIError):
        for _ in client.chat.completions.create(**CHAT, stream=True):
            pass
    stack.flush()
    out = _log(monkeypatch, stack.db_url)
    assert " 200* " in out and f"* {OUTCOMES['cut'][1]}" in out
    assert "unreachable" not in out and "disconnected" not in out


def test_log_never_cuts_tool_or_model_names(stack, monkeypatch):
    client = openai.OpenAI(base_url=stack.url + "/v1", api_key="k", max_retries=0)
    client.chat.completions.create(model="gpt-4o-mini-2024-07-18-long-model-name",
                                   messages=[{"role": "user", "content": "word " * 80}])
    stack.flush()
    [row] = stack.rows()
    assert row.tool == "openai-python"
    out = _log(monkeypatch, stack.db_url, columns=60)  # a narrow terminal
    line = out.splitlines()[1]
    assert " OpenAI Python SDK " in line and row.model_answered in line  # the name a person uses
    assert line.endswith("…")  # the prompt gave way instead
