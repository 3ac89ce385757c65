"""The proxy end to end: official SDKs -> aiprov -> fake upstream, on loopback."""

from __future__ import annotations

import json
import time

import anthropic
import httpx
import openai
import pytest

from tests.fakellm import FakeToolCall, Reply

CODE = "def add(a, b):\n    return a + b\n"


def oai(stack, **kw) -> openai.OpenAI:
    return openai.OpenAI(base_url=stack.url + "/v1", api_key="sk-test-client-key-123456",
                         max_retries=0, **kw)


def ant(stack) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=stack.url, api_key="sk-ant-test-key", max_retries=0)


def test_openai_chat_non_streamed_is_relayed_and_recorded(stack):
    stack.fake.push(Reply(text=f"Here you go:\n```python\n{CODE}```\n", usage=(40, 12)))
    resp = oai(stack).chat.completions.create(
        model="gpt-4o", messages=[{"role": "system", "content": "be brief"},
                                  {"role": "user", "content": "write add()"}])
    assert CODE in resp.choices[0].message.content
    [row] = stack.rows()
    assert row.api == "openai.chat" and row.status == 200 and row.complete
    assert row.prompt == "write add()" and row.system == "be brief"
    assert CODE in row.response_text
    assert (row.input_tokens, row.output_tokens) == (40, 12)
    assert row.cost_usd is not None and row.cost_usd > 0
    assert (row.tool, row.tool_version) == ("openai-python", openai.__version__)
    assert row.developer == "dev@example.com"
    # the key is never stored, only a salted hash
    assert row.api_key_hash and "sk-test-client-key" not in row.api_key_hash
    assert row.latency_ms is not None and row.ttft_ms is not None


def test_client_receives_upstream_bytes_unchanged(stack):
    stack.fake.push(Reply(text="byte for byte ✓", tool_calls=[FakeToolCall("f", '{"x": 1}')]))
    body = {"model": "gpt-4o", "stream": True, "messages": [{"role": "user", "content": "hi"}]}
    with httpx.stream("POST", stack.url + "/v1/chat/completions", json=body, timeout=10) as r:
        got = b"".join(r.iter_raw())
        headers = r.headers
    assert got == stack.fake.sent[-1]
    assert headers["content-type"].startswith("text/event-stream")


def test_openai_stream_with_tool_calls(stack):
    args = json.dumps({"path": "src/add.py", "content": CODE})
    stack.fake.push(Reply(text="", tool_calls=[FakeToolCall("write_file", args)]))
    stream = oai(stack).chat.completions.create(
        model="gpt-4o", stream=True, messages=[{"role": "user", "content": "go"}],
        tools=[{"type": "function", "function": {"name": "write_file", "parameters": {}}}])
    frags = [c.choices[0].delta.tool_calls for c in stream if c.choices and
             c.choices[0].delta.tool_calls]
    assert frags
    [row] = stack.rows()
    [call] = json.loads(row.tool_calls_json)
    assert call["name"] == "write_file" and json.loads(call["arguments"])["content"] == CODE
    assert json.loads(row.request_json)["tools_offered"] == ["write_file"]
    assert row.stream and row.complete


def test_anthropic_stream_tool_use_and_headers_forwarded(stack):
    args = json.dumps({"file_path": "/repo/add.py", "content": CODE})
    stack.fake.push(Reply(text="Writing it.", thinking="plan", tool_calls=[
        FakeToolCall("Write", args)]))
    client = ant(stack)
    with client.messages.stream(
        model="claude-sonnet-4-6", max_tokens=1000,
        messages=[{"role": "user", "content": "create add.py"}],
        tools=[{"name": "Write", "input_schema": {"type": "object"}}],
        extra_headers={"anthropic-beta": "fine-grained-tool-streaming-2025-05-14"},
        extra_query={"beta": "true"},
    ) as s:
        final = s.get_final_message()
    assert [b.type for b in final.content][-1] == "tool_use"
    req = stack.fake.requests[-1]
    assert req.path == "/v1/messages?beta=true"
    assert req.headers["anthropic-beta"] == "fine-grained-tool-streaming-2025-05-14"
    assert req.headers["anthropic-version"]
    # the client's own credential reaches the upstream unchanged (SDK 2.x sends it as a
    # bearer token, older SDKs as x-api-key)
    assert "sk-ant-test-key" in (req.headers.get("x-api-key", "") +
                                 req.headers.get("authorization", ""))
    [row] = stack.rows()
    assert row.api == "anthropic.messages" and row.reasoning_text == "plan"
    [call] = json.loads(row.tool_calls_json)
    assert call["name"] == "Write" and json.loads(call["arguments"]) == json.loads(args)
    assert row.tool.startswith("anthropic")


def test_recorded_suggestions_become_snippets_with_fingerprints(stack):
    from sqlmodel import select

    from store import db
    from store.models import FingerprintRow, SnippetRow

    stack.fake.push(Reply(text=f"```python\n{CODE}```"))
    oai(stack).chat.completions.create(model="gpt-4o",
                                       messages=[{"role": "user", "content": "add"}])
    [row] = stack.rows()
    with db.session(stack.db_url) as s:
        snippets = s.exec(select(SnippetRow).where(SnippetRow.exchange_id == row.id)).all()
        assert [(sn.kind, sn.language, sn.text) for sn in snippets] == [("fence", "python", CODE)]
        assert s.exec(select(FingerprintRow).where(
            FingerprintRow.snippet_id == snippets[0].id)).first() is not None


def test_streaming_is_not_buffered(stack):
    stack.fake.push(Reply(text="one two three four five six", chunk_delay=0.15))
    body = {"model": "gpt-4o", "stream": True, "messages": [{"role": "user", "content": "x"}]}
    t0 = time.perf_counter()
    with httpx.stream("POST", stack.url + "/v1/chat/completions", json=body, timeout=20) as r:
        it = r.iter_raw()
        next(it)
        first = time.perf_counter() - t0
        for _ in it:
            pass
        total = time.perf_counter() - t0
    # events are 0.15 s apart upstream; a buffering proxy would deliver nothing before the end
    assert total > 0.6 and first < total / 2


def test_upstream_rate_limit_reaches_client_as_sent(stack):
    stack.fake.push(Reply(status=429, error="Rate limit reached for gpt-4o",
                          headers={"retry-after": "7", "x-ratelimit-remaining-requests": "0"}))
    with pytest.raises(openai.RateLimitError) as exc:
        oai(stack).chat.completions.create(model="gpt-4o",
                                           messages=[{"role": "user", "content": "x"}])
    assert exc.value.response.headers["retry-after"] == "7"
    assert exc.value.response.headers["x-ratelimit-remaining-requests"] == "0"
    assert "Rate limit reached" in str(exc.value)
    [row] = stack.rows()
    assert row.status == 429 and "Rate limit reached" in row.error and row.cost_usd is None


def test_unreachable_upstream_gives_502_in_each_sdk_shape(tmp_path, isolated_env):
    import socket

    from aiprov.settings import Settings
    from proxy.app import create_app
    from tests.fakellm import serve

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"  # bound, never listening
        settings = Settings(openai_base=dead, anthropic_base=dead,
                            db=f"sqlite:///{tmp_path / 'p.db'}", batch_interval=0.05)
        app = create_app(settings)
        with serve(app) as proxy:
            with pytest.raises(openai.APIStatusError) as e1:
                openai.OpenAI(base_url=proxy.base_url + "/v1", api_key="k",
                              max_retries=0).chat.completions.create(
                    model="gpt-4o", messages=[{"role": "user", "content": "x"}])
            assert e1.value.status_code == 502 and "could not reach the upstream" in str(e1.value)
            with pytest.raises(anthropic.APIStatusError) as e2:
                anthropic.Anthropic(base_url=proxy.base_url, api_key="k",
                                    max_retries=0).messages.create(
                    model="claude-x", max_tokens=5, messages=[{"role": "user", "content": "x"}])
            assert e2.value.status_code == 502
            assert e2.value.body["error"]["type"] == "api_error"
            assert app.recorder.flush(10)
            assert app.recorder.stats()["recorded"] == 2


def test_client_disconnect_mid_stream_is_recorded_incomplete(stack):
    stack.fake.push(Reply(text=" ".join(f"w{i}" for i in range(40)), chunk_delay=0.1))
    body = {"model": "gpt-4o", "stream": True, "messages": [{"role": "user", "content": "long"}]}
    with httpx.stream("POST", stack.url + "/v1/chat/completions", json=body, timeout=10) as r:
        it = r.iter_raw()
        next(it)
        next(it)
    # the response object is closed: the proxy sees the disconnect and cancels upstream
    stack.wait_for_disconnect()
    [row] = stack.rows()
    assert row.client_disconnected and not row.complete
    assert row.response_text.startswith("w0")
    assert len(row.response_text.split()) < 40


def test_malformed_request_is_forwarded_and_recorded(stack):
    stack.fake.push(Reply(status=400, error="We could not parse the JSON body of your request."))
    r = httpx.post(stack.url + "/v1/chat/completions", content=b'{"model": "gpt-4o", "mess',
                   headers={"content-type": "application/json"}, timeout=10)
    assert r.status_code == 400
    assert stack.fake.requests[-1].body == b'{"model": "gpt-4o", "mess'
    [row] = stack.rows()
    assert row.status == 400 and "not JSON" in (row.parse_errors or "")


def test_invalid_utf8_request_is_forwarded_and_recorded(stack):
    r = httpx.post(stack.url + "/v1/messages", content=b'{"model": "\xff\xfe"}',
                   headers={"content-type": "application/json"}, timeout=10)
    # forwarded unchanged; the upstream cannot read it either, and its answer is relayed
    assert stack.fake.requests[-1].body == b'{"model": "\xff\xfe"}'
    assert r.status_code == 400 and r.json()["error"]["type"] == "invalid_request_error"
    [row] = stack.rows()
    assert row.status == 400 and "UTF-8" in (row.parse_errors or "")


def test_oversized_body_refused_in_client_shape(stack):
    big = b'{"model": "gpt-4o", "messages": [{"role": "user", "content": "' + b"a" * 2_100_000 + b'"}]}'
    r = httpx.post(stack.url + "/v1/chat/completions", content=big,
                   headers={"content-type": "application/json"}, timeout=20)
    assert r.status_code == 413
    assert "over the proxy's limit" in r.json()["error"]["message"]
    assert stack.fake.requests == [] or all(len(q.body) < 2_000_000 for q in stack.fake.requests)


def test_upstream_garbage_reaches_client_and_record_says_so(stack):
    stack.fake.push(Reply(garbage=b"\x00\x01<html>not an API</html>"))
    r = httpx.post(stack.url + "/v1/chat/completions",
                   json={"model": "gpt-4o", "messages": [{"role": "user", "content": "x"}]},
                   timeout=10)
    assert r.content == b"\x00\x01<html>not an API</html>"
    [row] = stack.rows()
    assert row.parse_errors and "not JSON" in row.parse_errors


def test_passthrough_endpoints_relay_without_recording(stack):
    r = httpx.get(stack.url + "/v1/models", headers={"authorization": "Bearer k"}, timeout=10)
    assert r.status_code == 200 and r.json()["data"]
    r = httpx.post(stack.url + "/v1/messages/count_tokens?beta=true",
                   json={"model": "claude-x", "messages": [{"role": "user", "content": "hi"}]},
                   headers={"x-api-key": "k", "anthropic-version": "2023-06-01"}, timeout=10)
    assert r.status_code == 200 and "input_tokens" in r.json()
    assert stack.fake.requests[-1].path == "/v1/messages/count_tokens?beta=true"
    assert stack.rows() == []


def test_secrets_are_redacted_before_storage(stack):
    key = "AKIA" + "Q3EGRLV7ZKXJ2M4P"
    stack.fake.push(Reply(text="use the key from the environment instead"))
    oai(stack).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": f"my aws key is {key}, why 403?"}])
    [row] = stack.rows()
    assert key not in row.prompt and key not in row.request_json
    assert "[REDACTED:aws-access-key]" in row.prompt


def test_metrics_and_status_endpoints(stack):
    stack.fake.push(Reply(text="ok"))
    oai(stack).chat.completions.create(model="gpt-4o",
                                       messages=[{"role": "user", "content": "x"}])
    stack.flush()
    text = httpx.get(stack.url + "/metrics", timeout=5).text
    assert 'aiprov_requests_total{api="openai.chat",status="200"} 1' in text
    assert "aiprov_recorder_recorded_total 1" in text
    assert "aiprov_recorder_dropped_total 0" in text
    st = httpx.get(stack.url + "/_aiprov/status", timeout=5).json()
    assert st["recorder"]["recorded"] == 1 and st["recorder"]["store_ok"]


def test_responses_api_with_codex_apply_patch(stack):
    patch = "*** Begin Patch\n*** Add File: add.py\n+def add(a, b):\n+    return a + b\n*** End Patch\n"
    stack.fake.push(Reply(text="Adding the file.", tool_calls=[FakeToolCall("apply_patch", patch)],
                          custom_tool=True))
    client = oai(stack)
    with client.responses.stream(model="gpt-5-codex", input="add add.py",
                                 instructions="You are Codex.") as s:
        final = s.get_final_response()
    assert any(o.type == "custom_tool_call" for o in final.output)
    [row] = stack.rows()
    [call] = json.loads(row.tool_calls_json)
    assert call["kind"] == "custom" and call["arguments"] == patch
    assert row.system == "You are Codex." and row.prompt == "add add.py"


def test_fim_completion_recorded_with_suffix(stack):
    stack.fake.push(Reply(text="return a + b"))
    resp = oai(stack).completions.create(model="gpt-3.5-turbo-instruct",
                                         prompt="def add(a, b):\n    ", suffix="\n\nprint(add(1, 2))")
    assert resp.choices[0].text == "return a + b"
    [row] = stack.rows()
    assert row.api == "openai.completions" and row.response_text == "return a + b"
    assert json.loads(row.request_json)["suffix"] == "\n\nprint(add(1, 2))"


def test_websocket_responses_are_relayed_and_recorded(stack):
    import asyncio

    import aiohttp

    stack.fake.push(Reply(text="patched", tool_calls=[FakeToolCall("apply_patch", "*** Begin Patch\n")],
                          custom_tool=True))

    async def talk():
        async with aiohttp.ClientSession() as s, s.ws_connect(
                stack.url.replace("http", "ws") + "/v1/responses",
                headers={"authorization": "Bearer sk-test", "openai-beta":
                         "responses_websockets=2026-02-06"}) as ws:
            await ws.send_str(json.dumps({"type": "response.create", "model": "gpt-5-codex",
                                          "generate": False, "input": []}))  # warm-up
            await ws.send_str(json.dumps({"type": "response.create", "model": "gpt-5-codex",
                                          "input": "add a patch", "stream": True}))
            got, completed = [], 0
            async with asyncio.timeout(15):
                async for m in ws:
                    got.append(m.data)
                    if '"response.completed"' in m.data:
                        completed += 1
                        if completed == 2:
                            return got

    got = asyncio.run(talk())
    up = [q for q in stack.fake.requests if q.transport == "websocket"]
    assert len(up) == 2 and up[0].headers["openai-beta"] == "responses_websockets=2026-02-06"
    # every event reached the client unchanged
    assert "".join(g + "\n" for g in got).encode() == b"".join(list(stack.fake.sent)[-2:])
    rows = stack.rows()
    assert len(rows) == 1, (stack.app.recorder.stats(), stack.app.metrics.snapshot())
    [row] = rows  # the warm-up (generate: false) is not an exchange
    assert row.api == "openai.responses" and row.prompt == "add a patch"
    [call] = json.loads(row.tool_calls_json)
    assert call["kind"] == "custom" and call["arguments"] == "*** Begin Patch\n"


def test_websocket_follow_up_turns_inherit_the_sessions_directory_and_repo(stack, tmp_path):
    """Codex's second turn on a socket carries only ``previous_response_id`` and the new
    items: it is recorded with the directory (hence the repository) the first turn stated."""
    import asyncio
    import subprocess

    import aiohttp

    work = tmp_path / "billing"
    work.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    env = (f"<environment_context>\n  <cwd>{work}</cwd>\n  <shell>bash</shell>\n"
           "</environment_context>")
    stack.fake.push(Reply(text="first"), Reply(text="second"))
    ua = {"authorization": "Bearer sk-test", "user-agent": "codex_exec/0.171.0 (Linux)"}

    async def talk():
        async with aiohttp.ClientSession() as s, s.ws_connect(
                stack.url.replace("http", "ws") + "/v1/responses", headers=ua) as ws:
            await ws.send_str(json.dumps({"type": "response.create", "model": "gpt-5.2-codex",
                                          "input": [
                {"type": "message", "role": "user", "content": [
                    {"type": "input_text", "text": env}]},
                {"type": "message", "role": "user", "content": [
                    {"type": "input_text", "text": "fix the bug"}]}]}))
            done = 0
            async with asyncio.timeout(15):
                async for m in ws:
                    if '"response.completed"' in m.data:
                        done += 1
                        if done == 1:
                            await ws.send_str(json.dumps({
                                "type": "response.create", "model": "gpt-5.2-codex",
                                "previous_response_id": "resp_fake000001", "input": [
                                    {"type": "function_call_output", "call_id": "c1",
                                     "output": "ok"}]}))
                        else:
                            return

    asyncio.run(talk())
    sent = [q for q in stack.fake.requests if q.transport == "websocket"]
    assert "x-aiprov-cwd" not in sent[1].headers  # the copy only: nothing forwarded changed
    first, second = stack.rows()
    assert first.cwd == second.cwd == str(work)
    assert first.repo and second.repo == first.repo
    assert second.tool == first.tool == "codex" and second.developer == first.developer
    assert second.prompt == "" and second.complete
