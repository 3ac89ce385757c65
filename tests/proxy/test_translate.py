"""Routes through litellm: a model name sent to another provider, answered in OpenAI format.

The 'other provider' here is the fake upstream spoken to through litellm's openai/ adapter,
so the whole path (routing, litellm call, re-encoding, recording) runs offline."""

from __future__ import annotations

import json

import openai
import pytest

from aiprov.settings import Route, Settings
from proxy.app import create_app
from tests.fakellm import FakeLLM, FakeToolCall, Reply, serve


@pytest.fixture
def routed(tmp_path, monkeypatch, isolated_env):
    monkeypatch.setenv("ORG_FAKE_KEY", "sk-org-routed")
    fake = FakeLLM()
    with serve(fake.app) as upstream:
        settings = Settings(
            openai_base="http://127.0.0.1:9", anthropic_base="http://127.0.0.1:9",
            db=f"sqlite:///{tmp_path / 'r.db'}", recorder="thread", batch_interval=0.05,
            routes=[Route(match="team-*", litellm_model="openai/gpt-4o-mini",
                          base_url=upstream.base_url + "/v1", api_key_env="ORG_FAKE_KEY")])
        app = create_app(settings)
        with serve(app) as proxy:
            yield fake, app, openai.OpenAI(base_url=proxy.base_url + "/v1",
                                           api_key="client-key", max_retries=0)


def rows(app):
    from sqlmodel import select

    from store import db
    from store.models import ExchangeRow

    assert app.recorder.flush(20)
    with db.session(app.recorder.db_url) as s:
        return list(s.exec(select(ExchangeRow)).all())


def test_non_streamed_route_through_litellm(routed):
    fake, app, client = routed
    fake.push(Reply(text="translated", usage=(7, 3)))
    resp = client.chat.completions.create(model="team-fast",
                                          messages=[{"role": "user", "content": "hi"}])
    assert resp.choices[0].message.content == "translated"
    up = fake.requests[-1]
    assert up.json["model"] == "gpt-4o-mini"  # litellm sent the routed model
    assert up.headers["authorization"] == "Bearer sk-org-routed"  # the proxy's key
    [row] = rows(app)
    assert row.upstream == "litellm:openai/gpt-4o-mini" and row.response_text == "translated"
    assert row.model_requested == "team-fast"


def test_streamed_route_with_tool_calls(routed):
    fake, app, client = routed
    fake.push(Reply(text="", tool_calls=[FakeToolCall("write_file", '{"path": "a.py"}')]))
    stream = client.chat.completions.create(
        model="team-fast", stream=True, messages=[{"role": "user", "content": "go"}],
        tools=[{"type": "function", "function": {"name": "write_file", "parameters": {}}}])
    args = "".join(c.choices[0].delta.tool_calls[0].function.arguments or ""
                   for c in stream if c.choices and c.choices[0].delta.tool_calls)
    assert json.loads(args) == {"path": "a.py"}
    [row] = rows(app)
    [call] = json.loads(row.tool_calls_json)
    assert call["name"] == "write_file" and json.loads(call["arguments"]) == {"path": "a.py"}


def test_non_chat_paths_on_a_litellm_route_get_a_clear_error(routed):
    _, _, client = routed
    with pytest.raises(openai.BadRequestError, match="chat/completions only"):
        client.responses.create(model="team-fast", input="x")
