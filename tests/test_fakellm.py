"""The fake upstream speaks formats the official SDKs accept, over HTTP and WebSocket."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import anthropic
import httpx
import openai
import pytest

from tests.fakellm import FakeLLM, FakeToolCall, Reply, serve


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
    fake.push(Reply(status=429, error="Number of requests has exceeded your rate limit"))
    with pytest.raises(anthropic.RateLimitError, match="exceeded your rate limit") as info:
        anthropic.Anthropic(base_url=fake.base_url, api_key="k", max_retries=0).messages.create(
            model="c", max_tokens=5, messages=[{"role": "user", "content": "x"}])
    assert info.value.response.headers["anthropic-ratelimit-requests-remaining"] == "0"
    assert info.value.response.headers["retry-after"] == "1"
    assert info.value.body["error"]["type"] == "rate_limit_error"
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
    return openai.OpenAI(base_url=fake.base_url + "/v1", api_key="k", max_retries=0,
                         timeout=10)


def _ac(fake) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=fake.base_url, api_key="k", max_retries=0,
                               timeout=10)


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
    assert [x.id for x in _ac(fake).models.list()][-1] == "claude-sonnet-4-6"


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


# --- every body and event validates against the SDKs' own types ----------------------------

def _union_by_type(union) -> dict:
    """The SDK's event classes by their ``type`` literal."""
    import typing

    args = typing.get_args(union)
    while args and not hasattr(args[0], "model_fields"):  # Annotated[Union[...], ...]
        args = typing.get_args(args[0])
    return {lit: cls for cls in args
            for lit in typing.get_args(cls.model_fields["type"].annotation)}


def _data_lines(chunks: list[bytes]) -> list[dict]:
    lines = b"".join(chunks).decode().split("\n")
    return [json.loads(x[6:]) for x in lines if x.startswith("data: ") and x != "data: [DONE]"]


FULL = Reply(text="Here it is: `x = 1` ✓", thinking="Plan it.", tool_calls=[
    FakeToolCall("write_file", '{"path": "a.py", "content": "x = 1\\n"}'),
    FakeToolCall("apply_patch", "*** Begin Patch\n*** End Patch", custom=True)])


@pytest.mark.parametrize("stream", [True, False])
def test_openai_bodies_validate_against_the_sdk_types(stream):
    from openai.types import Completion
    from openai.types.chat import ChatCompletion, ChatCompletionChunk
    from openai.types.responses import Response, ResponseStreamEvent

    fake = FakeLLM()
    events = _union_by_type(ResponseStreamEvent)
    body = {"model": "m", "stream": stream, "n": 2, "stream_options": {"include_usage": True}}
    chat = fake.render("/v1/chat/completions", body, FULL)
    resp = fake.render("/v1/responses", {"model": "m", "stream": stream}, FULL)
    cmpl = fake.render("/v1/engines/e/completions", body, FULL)
    if not stream:
        ChatCompletion.model_validate_json(chat[0])
        Response.model_validate_json(resp[0])
        Completion.model_validate_json(cmpl[0])
        return
    chunks = _data_lines(chat)
    for ev in chunks:
        ChatCompletionChunk.model_validate(ev)
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["total_tokens"] == 46
    assert all(ev["usage"] is None for ev in chunks[:-1])
    seen = []
    for ev in _data_lines(resp):
        events[ev["type"]].model_validate(ev)
        seen.append(ev["type"])
    assert [ev["sequence_number"] for ev in _data_lines(resp)] == list(range(len(seen)))
    assert {"response.created", "response.in_progress", "response.output_item.added",
            "response.content_part.added", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done",
            "response.function_call_arguments.delta", "response.function_call_arguments.done",
            "response.custom_tool_call_input.delta", "response.custom_tool_call_input.done",
            "response.reasoning_summary_text.delta", "response.output_item.done"} <= set(seen)
    assert seen[-1] == "response.completed"
    # streamed completions chunks say finish_reason null until the end, as the API does
    # (the SDK's Completion type only lists the final values), so check everything else
    for ev in _data_lines(cmpl):
        Completion.model_validate({**ev, "choices": [
            {**c, "finish_reason": c["finish_reason"] or "stop"} for c in ev["choices"]]})


@pytest.mark.parametrize("stream", [True, False])
def test_anthropic_bodies_validate_against_the_sdk_types(stream):
    from anthropic.types import Message, RawMessageStreamEvent

    chunks = FakeLLM().render("/v1/messages", {"model": "c", "stream": stream}, FULL)
    if not stream:
        m = Message.model_validate_json(chunks[0])
        assert [b.type for b in m.content] == ["thinking", "text", "tool_use", "tool_use"]
        return
    events = _union_by_type(RawMessageStreamEvent)
    raw = b"".join(chunks).decode()
    names = [x[7:] for x in raw.split("\n") if x.startswith("event: ")]
    datas = _data_lines(chunks)
    assert names == [d["type"] for d in datas]  # each event: line names its data's type
    assert names[:3] == ["message_start", "content_block_start", "ping"]
    assert names[-2:] == ["message_delta", "message_stop"]
    for ev in datas:
        if ev["type"] != "ping":
            events[ev["type"]].model_validate(ev)
    kinds = [ev["delta"]["type"] for ev in datas if ev["type"] == "content_block_delta"]
    assert {"thinking_delta", "signature_delta", "text_delta"} <= set(kinds)
    assert kinds.count("input_json_delta") >= 2 * 3  # two tools, each in several fragments


# --- the SDKs as clients: what each assistant's traffic looks like --------------------------

def test_openai_chat_stream_splits_tool_arguments_into_index_keyed_fragments(fake):
    args = json.dumps({"path": "pkg/mod.py", "content": "def f():\n    return 1\n"})
    fake.push(Reply(text="", tool_calls=[FakeToolCall("write_file", args),
                                         FakeToolCall("run", '{"cmd": "pytest"}')]))
    frags: dict[int, list[str]] = {}
    ids = {}
    for chunk in _oc(fake).chat.completions.create(
            model="gpt-4o", stream=True, messages=[{"role": "user", "content": "x"}]):
        for tc in (chunk.choices[0].delta.tool_calls or []) if chunk.choices else []:
            frags.setdefault(tc.index, []).append(tc.function.arguments or "")
            if tc.id:
                ids[tc.index] = tc.id
    assert "".join(frags[0]) == args and "".join(frags[1]) == '{"cmd": "pytest"}'
    assert len(frags[0]) > 3 and len(set(ids.values())) == 2


def test_openai_responses_non_streamed_function_and_custom_tool_calls(fake):
    patch = "*** Begin Patch\n*** Update File: a.py\n@@\n-x = 1\n+x = 2\n*** End Patch"
    fake.push(Reply(text="", tool_calls=[FakeToolCall("exec_command", '{"cmd": "ls"}'),
                                         FakeToolCall("apply_patch", patch)],
                    custom_tool=True, usage=(5, 6)))
    r = _oc(fake).responses.create(model="gpt-5-codex", input=[
        {"role": "user", "content": [{"type": "input_text", "text": "edit a.py"}]}])
    assert [o.type for o in r.output] == ["custom_tool_call", "custom_tool_call"]
    assert r.output[1].input == patch and r.output[0].call_id != r.output[1].call_id
    assert (r.usage.input_tokens, r.usage.output_tokens, r.status) == (5, 6, "completed")


def test_completions_fim_streamed_on_the_engines_path(fake):
    fake.push(Reply(text="    return a + b\n", chunk_chars=3))
    oc = openai.OpenAI(base_url=fake.base_url + "/v1/engines/copilot-codex", api_key="k",
                       max_retries=0)
    pieces = [c.choices[0].text for c in oc.completions.create(
        model="copilot-codex", prompt="def add(a, b):\n", suffix="\nprint(add(1, 2))\n",
        stream=True, max_tokens=20)]
    assert "".join(pieces) == "    return a + b\n" and len(pieces) >= 6
    req = fake.requests[-1]
    assert req.path == "/v1/engines/copilot-codex/completions"
    assert req.json["suffix"] == "\nprint(add(1, 2))\n"


def test_anthropic_streamed_tool_use_input_is_assembled_from_fragments(fake):
    content = "def greet(name):\n    return f'hello, {name}'\n" * 3
    fake.push(Reply(text="Writing.", thinking="The user wants a file.", tool_calls=[
        FakeToolCall("Write", json.dumps({"file_path": "/w/greet.py", "content": content}))]))
    fragments = []
    with _ac(fake).messages.stream(model="claude-fake", max_tokens=100,
                                   messages=[{"role": "user", "content": "go"}]) as s:
        for ev in s:
            if ev.type == "content_block_delta" and ev.delta.type == "input_json_delta":
                fragments.append(ev.delta.partial_json)
        final = s.get_final_message()
    assert len([f for f in fragments if f]) >= 3
    thinking, text, tool = final.content
    assert thinking.thinking == "The user wants a file." and thinking.signature
    assert text.text == "Writing." and final.stop_reason == "tool_use"
    assert tool.input == {"file_path": "/w/greet.py", "content": content}
    assert fake.requests[-1].path == "/v1/messages"


def test_default_reply_echoes_the_last_user_words(fake):
    r = _oc(fake).chat.completions.create(model="gpt-4o", messages=[
        {"role": "system", "content": "be brief"},
        {"role": "user", "content": "first question"},
        {"role": "assistant", "content": "first answer"},
        {"role": "user", "content": [{"type": "text", "text": "please write parse_date"}]}])
    assert r.choices[0].message.content.endswith("You said: please write parse_date")
    m = _ac(fake).messages.create(model="c", max_tokens=5, messages=[
        {"role": "user", "content": [{"type": "text", "text": "fix the bug"}]}])
    assert m.content[0].text.endswith("You said: fix the bug")
    assert _oc(fake).responses.create(model="m", input="hi there").output_text.endswith(
        "You said: hi there")


def test_embeddings_are_deterministic_in_both_encodings(fake):
    from tests.fakellm import embedding

    oc = _oc(fake)
    b64 = oc.embeddings.create(model="e", input=["alpha", "beta", "alpha"])  # SDK: base64
    floats = oc.embeddings.create(model="e", input="alpha", encoding_format="float",
                                  dimensions=8)
    vecs = [d.embedding for d in b64.data]
    assert vecs[0] == vecs[2] != vecs[1] and len(vecs[0]) == 8
    assert vecs[0] == pytest.approx(embedding("alpha"), abs=1e-6)
    assert floats.data[0].embedding == embedding("alpha")


def test_ids_are_unique_per_answer_under_concurrency():
    from concurrent.futures import ThreadPoolExecutor

    fake = FakeLLM(latency=0.05)  # answers overlap while they wait
    with serve(fake.app) as server:
        def call(i: int) -> str:
            r = httpx.post(server.base_url + "/v1/chat/completions", timeout=10, json={
                "model": "m", "messages": [{"role": "user", "content": str(i)}]})
            return r.json()["id"]

        with ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(call, range(24)))
    assert len(set(ids)) == 24


def test_requests_and_sent_keep_only_the_last_ones():
    from tests.fakellm import Recent

    recent = Recent(keep=3)
    for i in range(10):
        recent.append(i)
    assert recent == [7, 8, 9] and recent[-2:] == [8, 9]
    fake = FakeLLM()
    assert type(fake.requests) is Recent and fake.requests == [] and fake.requests.keep == 1000


def test_scripted_status_headers_and_unknown_routes(fake):
    fake.push(Reply(text="ok", status=203, headers={"Content-Type": "text/plain",
                                                     "x-extra": "1"}))
    r = httpx.post(fake.base_url + "/v1/chat/completions", json={"model": "m", "messages": []})
    assert r.status_code == 203 and r.headers["content-type"] == "text/plain"
    assert r.headers["x-extra"] == "1" and r.json()["choices"][0]["message"]["content"] == "ok"
    r = httpx.get(fake.base_url + "/v1/nowhere")
    assert r.status_code == 404 and "nowhere" in r.json()["error"]["message"]
    assert _ac(fake).messages.count_tokens(model="c", messages=[
        {"role": "user", "content": "hello " * 100}]).input_tokens > 100


def test_a_scripted_cut_is_not_logged_as_a_server_error(fake):
    import logging

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(handler)
    try:
        fake.push(Reply(text="abcdefgh" * 4, cut_after_events=2))
        with pytest.raises(httpx.HTTPError), httpx.stream(
                "POST", fake.base_url + "/v1/chat/completions",
                json={"model": "m", "stream": True, "messages": []}) as r:
            b"".join(r.iter_raw())
    finally:
        logger.removeHandler(handler)
    assert fake.sent[-1].count(b"data: ") == 2
    assert not [r for r in records if "Exception in ASGI" in r.getMessage()]


# --- Responses over WebSocket: errors, cuts, refusals, exact bytes ----------------------------

async def _ws_exchange(url: str, creates: list[dict], until: int) -> tuple[list[str], int | None]:
    """Send every response.create, read text messages until ``until`` terminal events or a
    close; the texts received and the close code (None if still open)."""
    got: list[str] = []
    done = 0
    async with aiohttp.ClientSession() as s, s.ws_connect(url) as ws:
        for c in creates:
            await ws.send_str(json.dumps(c))
        async with asyncio.timeout(10):
            while done < until:
                m = await ws.receive()
                if m.type != aiohttp.WSMsgType.TEXT:
                    return got, ws.close_code
                got.append(m.data)
                if json.loads(m.data)["type"] in ("response.completed", "response.failed",
                                                  "error"):
                    done += 1
        return got, None


def test_websocket_errors_cuts_and_exact_bytes(fake):
    url = fake.base_url.replace("http", "ws") + "/v1/responses"
    fake.push(Reply(status=429, error="Rate limit reached"), Reply(text="fine, now"))
    create = {"type": "response.create", "model": "gpt-5-codex", "input": "x"}
    got, closed = asyncio.run(_ws_exchange(url, [create, create], until=2))
    err = json.loads(got[0])
    assert closed is None and err["status"] == 429
    assert err["error"]["message"] == "Rate limit reached"
    assert err["headers"]["retry-after"] == "1"
    completed = json.loads(got[-1])["response"]
    assert completed["output"][0]["content"][0]["text"] == "fine, now"
    assert "".join(g + "\n" for g in got[1:]).encode() == fake.sent[-1]
    fake.push(Reply(text="cut me off please", cut_after_events=4))
    got, closed = asyncio.run(_ws_exchange(url, [create], until=1))
    assert len(got) == 4 and closed == 1011
    assert all(json.loads(g)["type"] != "response.completed" for g in got)
    # Codex's warm-up asks for nothing and consumes no scripted reply
    fake.push(Reply(text="the real answer"))
    got, _ = asyncio.run(_ws_exchange(url, [{**create, "generate": False}, create], until=2))
    finals = [json.loads(g)["response"] for g in got if '"response.completed"' in g]
    assert finals[0]["output"] == [] and finals[1]["output"][0]["content"][0]["text"] == (
        "the real answer")
    assert [r.transport for r in fake.requests[-2:]] == ["websocket", "websocket"]


def test_websocket_upgrade_can_be_refused():
    fake = FakeLLM(websocket_refusal=426)
    with serve(fake.app) as server:
        async def connect() -> int:
            async with aiohttp.ClientSession() as s:
                try:
                    async with s.ws_connect(server.base_url.replace("http", "ws") +
                                            "/v1/responses"):
                        return 101
                except aiohttp.WSServerHandshakeError as exc:
                    return exc.status

        assert asyncio.run(connect()) == 426
        r = httpx.post(server.base_url + "/v1/responses", json={"model": "m", "input": "x"})
        assert r.status_code == 200  # the HTTP fallback still answers


def test_cli_serves_default_replies(tmp_path):
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "tests.fakellm", "--host", "127.0.0.1",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        first = proc.stdout.readline().decode()  # bound before it says so: no port race
        assert first.startswith("listening on http://127.0.0.1:"), first
        url = first.split()[-1]
        r = httpx.post(f"{url}/v1/chat/completions", timeout=10,
                       json={"model": "gpt-4o", "stream": True, "messages": [
                           {"role": "user", "content": "ping me"}]})
        text = "".join(json.loads(x[6:])["choices"][0]["delta"].get("content") or ""
                       for x in r.text.split("\n") if x.startswith("data: {"))
        assert text.endswith("You said: ping me") and r.text.endswith("data: [DONE]\n\n")
    finally:
        proc.terminate()
        out = proc.communicate(timeout=10)[0]
    assert b"Traceback" not in out


# -- Gemini and Bedrock -------------------------------------------------------------------

def test_gemini_answers_in_every_mode_and_errors_in_googles_shape():
    import httpx as hx

    fake = FakeLLM()
    fake.push(Reply(text="abc", tool_calls=[FakeToolCall("write_file", '{"file_path": "a"}')]),
              Reply(text="abc"), Reply(text="abc"), Reply(status=429, error="quota"))
    body = {"contents": [{"role": "user", "parts": [{"text": "hi"}]}]}
    base = "/v1beta/models/gemini-2.5-pro"
    with serve(fake.app) as up:
        whole = hx.post(up.base_url + base + ":generateContent", json=body).json()
        sse = hx.post(up.base_url + base + ":streamGenerateContent?alt=sse", json=body)
        arr = hx.post(up.base_url + base + ":streamGenerateContent", json=body).json()
        err = hx.post(up.base_url + base + ":generateContent", json=body)
        count = hx.post(up.base_url + base + ":countTokens", json=body).json()
    cand = whole["candidates"][0]
    assert cand["finishReason"] == "STOP" and whole["modelVersion"] == "gemini-2.5-pro"
    assert cand["content"]["parts"][1]["functionCall"] == {"name": "write_file",
                                                           "args": {"file_path": "a"}}
    assert sse.headers["content-type"].startswith("text/event-stream")
    events = [json.loads(e[6:]) for e in sse.text.split("\r\n\r\n") if e]
    assert "finishReason" in events[-1]["candidates"][0]
    assert all("finishReason" not in e["candidates"][0] for e in events[:-1])
    assert "".join(p["text"] for e in events for p in e["candidates"][0]["content"]["parts"]) \
        == "abc"
    assert isinstance(arr, list) and arr[-1]["usageMetadata"]["candidatesTokenCount"] == 34
    assert err.status_code == 429 and err.json()["error"]["status"] == "RESOURCE_EXHAUSTED"
    assert count["totalTokens"] > 0
    assert [r.path.split(":")[-1] for r in fake.requests] == [
        "generateContent", "streamGenerateContent?alt=sse", "streamGenerateContent",
        "generateContent", "countTokens"]


def test_code_assist_wraps_gemini_answers_and_answers_gemini_clis_other_methods(fake):
    """Gemini CLI signed in with Google: ``{"response": GenerateContentResponse}`` per answer
    object, streamed (SSE) or not, errors in Google's shape, and the start-up methods."""
    fake.push(Reply(text="abc", tool_calls=[FakeToolCall("write_file", '{"file_path": "a"}')]),
              Reply(text="abc"), Reply(status=429, error="quota"),
              Reply(text="abcdef", stream_error="boom"))
    body = {"model": "gemini-2.5-pro", "project": "p", "request": {
        "contents": [{"role": "user", "parts": [{"text": "hi"}]}]}}
    base = fake.base_url + "/v1internal:"
    whole = httpx.post(base + "generateContent", json=body).json()
    sse = httpx.post(base + "streamGenerateContent?alt=sse", json=body)
    err = httpx.post(base + "streamGenerateContent?alt=sse", json=body)
    broken = httpx.post(base + "streamGenerateContent?alt=sse", json=body)
    load = httpx.post(base + "loadCodeAssist", json={"metadata": {}}).json()
    count = httpx.post(base + "countTokens", json={"request": body["request"]}).json()
    unknown = httpx.post(base + "noSuchMethod", json={})
    inner = whole["response"]
    assert whole["traceId"] and inner["modelVersion"] == "gemini-2.5-pro"
    assert inner["candidates"][0]["content"]["parts"][1]["functionCall"]["name"] == "write_file"
    assert sse.headers["content-type"].startswith("text/event-stream")
    events = [json.loads(e[6:]) for e in sse.text.split("\r\n\r\n") if e]
    assert all(set(e) == {"response", "traceId"} for e in events)
    assert "".join(p["text"] for e in events
                   for p in e["response"]["candidates"][0]["content"]["parts"]) == "abc"
    assert "finishReason" in events[-1]["response"]["candidates"][0]
    assert err.status_code == 429 and err.json()["error"]["status"] == "RESOURCE_EXHAUSTED"
    last = json.loads(broken.text.strip().split("\r\n\r\n")[-1][6:])
    assert last == {"error": {"code": 500, "message": "boom", "status": "INTERNAL"}}
    assert load["currentTier"]["id"] and load["cloudaicompanionProject"]
    assert count["totalTokens"] > 0 and unknown.status_code == 404


def test_codex_chatgpt_backend_path_answers_responses(fake):
    fake.push(Reply(text="over chatgpt"))
    r = httpx.post(fake.base_url + "/backend-api/codex/responses",
                   json={"model": "gpt-5-codex", "input": "hi", "stream": False})
    assert r.json()["output"][0]["content"][0]["text"] == "over chatgpt"


def test_bedrock_event_stream_messages_carry_valid_crcs_and_anthropic_events():
    import base64
    import binascii
    import struct

    chunks = FakeLLM().render("/model/anthropic.claude-3-haiku/invoke-with-response-stream",
                              {"anthropic_version": "bedrock-2023-05-31", "messages": []},
                              Reply(text="hi"))
    kinds = []
    for msg in chunks:
        total, head_len, prelude_crc = struct.unpack(">III", msg[:12])
        assert total == len(msg) and binascii.crc32(msg[:8]) == prelude_crc
        assert binascii.crc32(msg[:-4]) == struct.unpack(">I", msg[-4:])[0]
        payload = json.loads(msg[12 + head_len:-4])
        kinds.append(json.loads(base64.b64decode(payload["bytes"]))["type"])
    assert kinds[0] == "message_start" and kinds[-1] == "message_stop" and "ping" not in kinds
