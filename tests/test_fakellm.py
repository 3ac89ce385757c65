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


# --- the official SDKs, streamed and not, tool calls and errors --------------------------

def _oc(fake) -> openai.OpenAI:
    return openai.OpenAI(base_url=fake.base_url + "/v1", api_key="k", max_retries=0)


def _ac(fake) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=fake.base_url, api_key="k", max_retries=0)


def test_openai_sdk_streams_chat_with_parallel_tool_calls(fake):
    fake.push(Reply(text="Writing both.", tool_calls=[
        FakeToolCall("write_file", '{"path": "a.py", "content": "x = 1\\n"}'),
        FakeToolCall("write_file", '{"path": "b.py", "content": "y = 2\\n"}')]))
    with _oc(fake).chat.completions.stream(
            model="gpt-4o", messages=[{"role": "user", "content": "go"}],
            stream_options={"include_usage": True}) as s:
        for _ in s:
            pass
        final = s.get_final_completion()
    msg = final.choices[0].message
    assert msg.content == "Writing both." and final.choices[0].finish_reason == "tool_calls"
    assert [json.loads(tc.function.arguments)["path"] for tc in msg.tool_calls] == ["a.py",
                                                                                    "b.py"]
    assert final.usage.prompt_tokens == 12 and final.usage.completion_tokens == 34


def test_openai_sdk_streams_responses_with_function_and_custom_tool_calls(fake):
    patch = "*** Begin Patch\n*** Add File: hi.py\n+print('hi')\n*** End Patch"
    fake.push(Reply(text="Applying.", thinking="Plan first.", tool_calls=[
        FakeToolCall("exec_command", '{"cmd": "ls"}'),
        FakeToolCall("apply_patch", patch, custom=True)]))
    with _oc(fake).responses.stream(model="gpt-5-codex", input="add hi.py") as s:
        deltas = [e.delta for e in s if e.type == "response.output_text.delta"]
        final = s.get_final_response()
    assert "".join(deltas) == "Applying." == final.output_text
    kinds = [(o.type, getattr(o, "name", None)) for o in final.output]
    assert kinds == [("reasoning", None), ("message", None), ("function_call", "exec_command"),
                     ("custom_tool_call", "apply_patch")]
    assert final.output[3].input == patch and final.usage.output_tokens == 34


def test_completions_with_n_choices_and_anthropic_non_streamed(fake):
    fake.push(Reply(text="return a + b", alternatives=["return b + a"]))
    r = _oc(fake).completions.create(model="copilot-codex", prompt="def add(a, b):\n    ",
                                     suffix="\n", n=3)
    assert [c.text for c in r.choices] == ["return a + b", "return b + a",
                                           "return a + b (choice 2)"]
    fake.push(Reply(text="Done.", tool_calls=[FakeToolCall("Write", '{"file_path": "a"}')]))
    m = _ac(fake).messages.create(model="claude-fake", max_tokens=100,
                                  messages=[{"role": "user", "content": "x"}])
    assert [b.type for b in m.content] == ["text", "tool_use"] and m.stop_reason == "tool_use"
    assert m.content[1].input == {"file_path": "a"} and m.usage.input_tokens == 12
    assert [x.id for x in _ac(fake).models.list()][-1] == "claude-sonnet-4-5"


def test_in_stream_errors_raise_in_the_sdks(fake):
    fake.push(Reply(text="partial", stream_error="The server had an error"))
    with pytest.raises(openai.APIError, match="The server had an error"):
        for _ in _oc(fake).chat.completions.create(
                model="m", stream=True, messages=[{"role": "user", "content": "x"}]):
            pass
    fake.push(Reply(text="partial", stream_error="Overloaded"))
    with pytest.raises(anthropic.APIStatusError, match="Overloaded"), _ac(fake).messages.stream(
            model="c", max_tokens=9, messages=[{"role": "user", "content": "x"}]) as s:
        s.get_final_message()


def test_rate_limit_headers_and_garbage(fake):
    fake.push(Reply(status=429, error="Rate limit reached"))
    r = httpx.post(fake.base_url + "/v1/chat/completions", json={"model": "m", "messages": []})
    assert r.status_code == 429 and r.headers["retry-after"] == "1"
    assert r.headers["x-ratelimit-remaining-requests"] == "0"
    assert r.json()["error"]["code"] == "rate_limit_exceeded"
    fake.push(Reply(status=500, error="boom"))
    r = httpx.post(fake.base_url + "/v1/messages", json={"model": "c", "messages": []})
    assert r.json() == {"type": "error", "error": {"type": "api_error", "message": "boom"}}
    fake.push(Reply(garbage=b"\x00\xffnot json at all"))
    r = httpx.post(fake.base_url + "/v1/messages", json={"model": "c", "stream": True,
                                                         "messages": []})
    assert r.content == b"\x00\xffnot json at all"
    assert r.headers["content-type"].startswith("text/event-stream")
    r = httpx.post(fake.base_url + "/v1/chat/completions", content=b"{broken")
    assert r.status_code == 400 and "parse the JSON" in r.json()["error"]["message"]
    req = fake.requests[-1]
    assert (req.method, req.path, req.body, req.json) == ("POST", "/v1/chat/completions",
                                                          b"{broken", None)


# --- round trips: the fake's exact bytes, read back by proxy.formats -----------------------

ROUND_TRIP = [
    ("/v1/chat/completions", {"messages": [{"role": "user", "content": "x"}],
                              "stream_options": {"include_usage": True}}),
    ("/chat/completions", {"messages": [{"role": "user", "content": "x"}],
                           "stream_options": {"include_usage": True}}),
    ("/v1/responses", {"input": "x"}),
    ("/v1/messages", {"max_tokens": 9, "messages": [{"role": "user", "content": "x"}]}),
]


@pytest.mark.parametrize("stream", [True, False])
@pytest.mark.parametrize(("path", "body"), ROUND_TRIP)
def test_round_trip_through_the_parsers(fake, path, body, stream):
    from proxy import formats

    script = Reply(text="Here is `code` ✓\n```py\nx = 1\n```", thinking="Think.",
                   tool_calls=[FakeToolCall("Write", '{"file_path": "a.py", "content": "é"}'),
                               FakeToolCall("Bash", '{"command": "ls -la"}')],
                   usage=(101, 202))
    fake.push(script)
    req = {"model": "m", "stream": stream, **body}
    with httpx.stream("POST", fake.base_url + path, json=req) as r:
        chunks = list(r.iter_raw())
        headers = list(r.headers.items())
    api = formats.detect("POST", path)
    assert formats.is_streaming_request(api, json.dumps(req).encode()) is stream
    info = formats.parse_response(api, r.status_code, headers, chunks)
    assert b"".join(chunks) == fake.sent[-1]
    assert info.text == script.text and info.complete and not info.errors and not info.error
    assert [(c.name, json.loads(c.arguments)) for c in info.tool_calls] == [
        ("Write", {"file_path": "a.py", "content": "é"}), ("Bash", {"command": "ls -la"})]
    if api != "openai.chat":  # chat carries no reasoning
        assert info.reasoning == "Think."
    assert (info.usage.input_tokens, info.usage.output_tokens) == (101, 202)


@pytest.mark.parametrize("stream", [True, False])
@pytest.mark.parametrize("path", ["/v1/completions", "/v1/engines/copilot-codex/completions"])
def test_round_trip_completions_with_alternatives(fake, path, stream):
    from proxy import formats

    fake.push(Reply(text="return a + b", alternatives=["return b + a"]))
    with httpx.stream("POST", fake.base_url + path, json={
            "prompt": "def add(a, b):\n    ", "suffix": "\n", "n": 2, "stream": stream}) as r:
        chunks, headers = list(r.iter_raw()), list(r.headers.items())
    info = formats.parse_response(formats.detect("POST", path), 200, headers, chunks)
    assert (info.text, info.alternatives) == ("return a + b", ("return b + a",))
    assert info.complete and not info.errors


@pytest.mark.parametrize(("path", "body"), ROUND_TRIP + [("/v1/completions", {"prompt": "x"})])
def test_round_trip_cut_and_errored_streams(fake, path, body):
    from proxy import formats

    api = formats.detect("POST", path)
    req = {"model": "m", "stream": True, **body}
    fake.push(Reply(text="abcdefghijkl" * 3, cut_after_events=3))
    with pytest.raises(httpx.HTTPError), httpx.stream("POST", fake.base_url + path,
                                                      json=req) as r:
        for _ in r.iter_raw():
            pass
    info = formats.parse_response(api, 200, [("content-type", "text/event-stream")],
                                  [fake.sent[-1]], complete=False)
    assert not info.complete and info.errors and ("abcdefghijkl" * 3).startswith(info.text)
    fake.push(Reply(text="partial", stream_error="upstream fell over"))
    with httpx.stream("POST", fake.base_url + path, json=req) as r:
        chunks = list(r.iter_raw())
    info = formats.parse_response(api, 200, [("content-type", "text/event-stream")], chunks)
    assert "upstream fell over" in (info.error or "") and info.text == "partial"
