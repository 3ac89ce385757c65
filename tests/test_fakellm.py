"""The fake upstream speaks formats the official SDKs accept, over HTTP and WebSocket."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import anthropic
import httpx
import openai
import pytest

from aiprov.fakellm import FakeLLM, FakeToolCall, Reply, serve


@pytest.fixture
def fake():
    f = FakeLLM()
    with serve(f.app) as server:
        f.base_url = server.base_url  # type: ignore[attr-defined]
        yield f


def test_sdks_accept_every_endpoint(fake):
    oc = openai.OpenAI(base_url=fake.base_url + "/v1", api_key="k", max_retries=0)
    fake.push(Reply(text="chat", tool_calls=[FakeToolCall("f", '{"a": 1}')]))
    msg = oc.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
    assert msg.choices[0].message.tool_calls[0].function.arguments == '{"a": 1}'
    fake.push(Reply(text="resp", thinking="why"))
    r = oc.responses.create(model="m", input="x")
    assert r.output_text == "resp"
    fake.push(Reply(text="return 1"))
    assert oc.completions.create(model="m", prompt="def f():", suffix="\n").choices[0].text == (
        "return 1")
    assert [m.id for m in oc.models.list()][0] == "gpt-4o"
    assert len(oc.embeddings.create(model="e", input=["a", "b"]).data) == 2
    ac = anthropic.Anthropic(base_url=fake.base_url, api_key="k", max_retries=0)
    fake.push(Reply(text="hi", thinking="hm", tool_calls=[FakeToolCall("Write", '{"p": 2}')]))
    with ac.messages.stream(model="c", max_tokens=9,
                            messages=[{"role": "user", "content": "x"}]) as s:
        final = s.get_final_message()
    assert [b.type for b in final.content] == ["thinking", "text", "tool_use"]
    assert final.content[2].input == {"p": 2}
    assert ac.messages.count_tokens(model="c", messages=[
        {"role": "user", "content": "hello"}]).input_tokens > 0


def test_errors_raise_the_sdk_errors(fake):
    fake.push(Reply(status=429, error="slow down"))
    with pytest.raises(openai.RateLimitError, match="slow down"):
        openai.OpenAI(base_url=fake.base_url + "/v1", api_key="k",
                      max_retries=0).chat.completions.create(
            model="m", messages=[{"role": "user", "content": "x"}])
    fake.push(Reply(status=529, error="Overloaded"))
    with pytest.raises(anthropic.APIStatusError, match="Overloaded"):
        anthropic.Anthropic(base_url=fake.base_url, api_key="k", max_retries=0).messages.create(
            model="c", max_tokens=5, messages=[{"role": "user", "content": "x"}])


def test_sent_bytes_equal_what_the_client_read_and_cut_streams_end_early(fake):
    fake.push(Reply(text="abcdefgh"), Reply(text="abcdefgh" * 10, cut_after_events=3))
    body = {"model": "m", "stream": True, "messages": [{"role": "user", "content": "x"}]}
    with httpx.stream("POST", fake.base_url + "/v1/chat/completions", json=body) as r:
        got = b"".join(r.iter_raw())
    assert got == fake.sent[-1] and got.endswith(b"data: [DONE]\n\n")
    with pytest.raises(httpx.HTTPError), httpx.stream(
            "POST", fake.base_url + "/v1/chat/completions", json=body) as r:
        b"".join(r.iter_raw())
    assert fake.sent[-1].count(b"data: ") == 3


def test_websocket_responses(fake):
    fake.push(Reply(text="over ws", tool_calls=[FakeToolCall("apply_patch", "*** Begin Patch")],
                    custom_tool=True))

    async def talk():
        async with aiohttp.ClientSession() as s, s.ws_connect(
                fake.base_url.replace("http", "ws") + "/v1/responses") as ws:
            await ws.send_str(json.dumps({"type": "response.create", "model": "m",
                                          "input": "x"}))
            kinds = []
            async with asyncio.timeout(10):
                async for m in ws:
                    ev = json.loads(m.data)
                    kinds.append(ev["type"])
                    if ev["type"] == "response.completed":
                        return kinds, ev

    kinds, done = asyncio.run(talk())
    assert kinds[0] == "response.created" and "response.custom_tool_call_input.delta" in kinds
    assert done["response"]["output"][1]["input"] == "*** Begin Patch"
    assert fake.requests[-1].transport == "websocket"
