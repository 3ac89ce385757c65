"""Gemini, Azure OpenAI, Vertex AI and Bedrock through the proxy, end to end on loopback:
client -> aiprov -> the fake upstream speaking each provider's wire format."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import httpx
import openai
import pytest
from sqlmodel import select

from aiprov.settings import Settings
from proxy.app import create_app
from proxy.formats.eventstream import EventStreamDecoder
from store import db
from store.models import SnippetRow
from tests.fakellm import FakeLLM, FakeToolCall, Reply, serve

CODE = "def add(a, b):\n    return a + b\n"
GEMINI_KEY = "AIzaSy-test-gemini-key-0123456789"
STREAM = "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse"
BODY = {"contents": [{"role": "user", "parts": [{"text": "create add.py"}]}],
        "systemInstruction": {"parts": [{"text": "You are Gemini CLI, an interactive CLI "
                                                 "agent."}]},
        "tools": [{"functionDeclarations": [{"name": "write_file"}]}]}
GEMINI_UA = {"user-agent": "GeminiCLI/0.61.0 (linux; x64) google-genai-sdk/1.30.0 gl-node/v22",
             "x-goog-api-key": GEMINI_KEY}


def snippets(stack, exchange_id: str) -> list[SnippetRow]:
    with db.session(stack.db_url) as s:
        return list(s.exec(select(SnippetRow).where(SnippetRow.exchange_id == exchange_id)
                           .order_by(SnippetRow.ordinal)).all())


def test_gemini_stream_relayed_byte_for_byte_and_recorded(stack):
    args = json.dumps({"file_path": "/w/add.py", "content": CODE})
    stack.fake.push(Reply(text="Writing add.py.", thinking="plan it",
                          tool_calls=[FakeToolCall("write_file", args)], usage=(300, 40)))
    with httpx.stream("POST", stack.url + STREAM, json=BODY, headers=GEMINI_UA,
                      timeout=10) as r:
        pieces = list(r.iter_raw())
        assert r.headers["content-type"].startswith("text/event-stream")
    assert b"".join(pieces) == stack.fake.sent[-1]
    seen = stack.fake.requests[-1]
    assert seen.path == STREAM and seen.headers["x-goog-api-key"] == GEMINI_KEY
    [row] = stack.rows()
    assert row.api == "gemini.generate" and row.status == 200 and row.complete and row.stream
    assert row.model_requested == "gemini-2.5-pro" and row.prompt == "create add.py"
    assert row.response_text == "Writing add.py." and row.reasoning_text == "plan it"
    assert (row.input_tokens, row.output_tokens) == (300, 40 + len("plan it") // 4)
    assert row.cost_usd is not None and row.cost_usd > 0
    assert row.tool == "gemini-cli" and row.tool_version == "0.61.0"
    assert row.api_key_hash and GEMINI_KEY not in (row.api_key_hash or "")
    [call] = json.loads(row.tool_calls_json)
    assert call["name"] == "write_file"
    [snip] = snippets(stack, row.id)
    assert (snip.kind, snip.path, snip.text) == ("write", "/w/add.py", CODE)


def test_gemini_whole_answer_key_in_query_forwarded_but_never_stored(stack, tmp_path):
    stack.fake.push(Reply(text=f"```python\n{CODE}```\n"))
    path = f"/v1beta/models/gemini-2.5-flash:generateContent?key={GEMINI_KEY}"
    r = httpx.post(stack.url + path, json=BODY, timeout=10)
    assert r.status_code == 200 and r.json()["candidates"][0]["finishReason"] == "STOP"
    assert stack.fake.requests[-1].path == path  # the upstream got the key as sent
    [row] = stack.rows()
    assert row.path == "/v1beta/models/gemini-2.5-flash:generateContent?key=***"
    assert row.api_key_hash and not row.stream and row.complete
    assert [s.kind for s in snippets(stack, row.id)] == ["fence"]
    stack.app.recorder.flush(10)
    db_file = Path(stack.db_url.removeprefix("sqlite:///"))
    for f in db_file.parent.glob(db_file.name + "*"):
        assert GEMINI_KEY.encode() not in f.read_bytes()


def test_gemini_json_array_stream_and_count_tokens(stack):
    stack.fake.push(Reply(text="abc def"))
    path = "/v1beta/models/gemini-2.5-pro:streamGenerateContent"
    r = httpx.post(stack.url + path, json=BODY, headers=GEMINI_UA, timeout=10)
    texts = [c["candidates"][0]["content"]["parts"][0]["text"] for c in r.json()]
    assert r.status_code == 200 and len(texts) > 1 and "".join(texts) == "abc def"
    count = httpx.post(stack.url + "/v1beta/models/gemini-2.5-pro:countTokens", json=BODY,
                       headers=GEMINI_UA, timeout=10)
    assert count.status_code == 200 and count.json()["totalTokens"] > 0
    [row] = stack.rows()  # countTokens is relayed and counted, not recorded
    assert row.response_text == "abc def" and row.complete


def test_gemini_error_relayed_in_googles_shape_and_recorded(stack):
    stack.fake.push(Reply(status=429, error="Resource has been exhausted (e.g. check quota)."))
    r = httpx.post(stack.url + STREAM, json=BODY, headers=GEMINI_UA, timeout=10)
    assert r.status_code == 429 and r.json()["error"]["status"] == "RESOURCE_EXHAUSTED"
    [row] = stack.rows()
    assert row.status == 429 and "Resource has been exhausted" in row.error
    assert row.cost_usd is None


def test_gemini_stream_error_and_cut_stream(stack):
    stack.fake.push(Reply(text="partial answer here", stream_error="internal error"),
                    Reply(text="will be cut " * 5, cut_after_events=2))
    r = httpx.post(stack.url + STREAM, json=BODY, headers=GEMINI_UA, timeout=10)
    assert r.status_code == 200 and b"internal error" in r.content
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.post(stack.url + STREAM, json=BODY, headers=GEMINI_UA, timeout=10)
    first, second = stack.rows()
    assert first.error == "INTERNAL: internal error" and not first.complete
    assert not second.complete and second.response_text and "upstream" in (second.error or "")


def test_gemini_client_disconnect_mid_stream_is_recorded_incomplete(stack):
    stack.fake.push(Reply(text=" ".join(f"w{i}" for i in range(40)), chunk_delay=0.1))
    with httpx.stream("POST", stack.url + STREAM, json=BODY, headers=GEMINI_UA,
                      timeout=10) as r:
        it = r.iter_raw()
        next(it)
    stack.wait_for_disconnect()
    [row] = stack.rows()
    assert row.client_disconnected and not row.complete
    assert row.response_text.startswith("w0") and len(row.response_text.split()) < 40


def test_azure_openai_deployment_with_api_key_and_version(stack):
    stack.fake.push(Reply(text=f"```python\n{CODE}```"))
    client = openai.AzureOpenAI(azure_endpoint=stack.url, api_key="azure-key-123",
                                api_version="2024-10-21", max_retries=0)
    out = client.chat.completions.create(model="gpt4o-prod", messages=[
        {"role": "user", "content": "write add"}])
    assert CODE in out.choices[0].message.content
    seen = stack.fake.requests[-1]
    assert seen.path == "/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21"
    assert seen.headers["api-key"] == "azure-key-123"
    [row] = stack.rows()
    assert row.api == "openai.chat" and row.model_requested == "gpt4o-prod"
    assert row.api_key_hash and row.complete


def test_vertex_gemini_routed_to_vertex_and_recorded(stack):
    stack.fake.push(Reply(text="from vertex"))
    path = ("/v1/projects/acme/locations/us-central1/publishers/google/models/"
            "gemini-2.5-pro:streamGenerateContent?alt=sse")
    r = httpx.post(stack.url + path, json=BODY, timeout=10,
                   headers={"authorization": "Bearer ya29.test-oauth-token"})
    assert r.status_code == 200
    seen = stack.fake.requests[-1]
    assert seen.path == path and seen.headers["authorization"] == "Bearer ya29.test-oauth-token"
    [row] = stack.rows()
    assert row.api == "gemini.generate" and row.response_text == "from vertex"
    assert row.model_requested == "gemini-2.5-pro"


def test_bedrock_invoke_stream_event_stream_relayed_and_recorded(stack):
    args = json.dumps({"file_path": "/w/add.py", "content": CODE})
    stack.fake.push(Reply(text="Writing.", tool_calls=[FakeToolCall("Write", args)],
                          usage=(50, 9)))
    model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    path = f"/model/{model.replace(':', '%3A')}/invoke-with-response-stream"
    body = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 100,
            "messages": [{"role": "user", "content": "create add.py"}]}
    with httpx.stream("POST", stack.url + path, json=body, timeout=10,
                      headers={"authorization": "Bearer ABSKtest-bedrock-api-key"}) as r:
        got = b"".join(r.iter_raw())
        assert r.headers["content-type"] == "application/vnd.amazon.eventstream"
    assert got == stack.fake.sent[-1]
    events = EventStreamDecoder().feed(got)
    first = json.loads(base64.b64decode(json.loads(events[0].payload)["bytes"]))
    assert first["type"] == "message_start"
    [row] = stack.rows()
    assert row.api == "bedrock.invoke" and row.complete and row.stream
    assert row.model_requested == model and row.response_text == "Writing."
    assert (row.input_tokens, row.output_tokens) == (50, 9)
    [snip] = snippets(stack, row.id)
    assert (snip.kind, snip.path) == ("write", "/w/add.py")


def test_sigv4_signed_request_is_refused_not_altered(stack):
    signed = {"authorization": "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261205/us-east-1/"
                               "bedrock/aws4_request, SignedHeaders=host;x-amz-date, "
                               "Signature=abc123",
              "x-amz-date": "20261205T000000Z"}
    before = len(stack.fake.requests)
    r = httpx.post(stack.url + "/model/anthropic.claude-3-haiku/invoke", json={}, timeout=10,
                   headers=signed)
    assert r.status_code == 502 and "SigV4" in r.json()["message"]
    assert len(stack.fake.requests) == before  # nothing was sent upstream


def test_unconfigured_cloud_answers_what_to_set(tmp_path, isolated_env):
    fake = FakeLLM()
    with serve(fake.app) as upstream:
        settings = Settings(openai_base=upstream.base_url, db=f"sqlite:///{tmp_path / 'p.db'}",
                            developer="d@example.com", batch_interval=0.05)
        with serve(create_app(settings)) as proxy:
            r = httpx.post(proxy.base_url + "/openai/deployments/d/chat/completions"
                           "?api-version=2024-10-21", json={"messages": []}, timeout=10)
            assert r.status_code == 502 and "AIPROV_AZURE_BASE" in r.json()["error"]["message"]
            r = httpx.post(proxy.base_url + "/model/anthropic.claude-3-haiku/invoke", json={},
                           timeout=10)
            assert r.status_code == 502 and "AIPROV_BEDROCK_BASE" in r.json()["message"]
            bad = httpx.post(proxy.base_url + "/v1/projects/p/locations/evil.example.com%23/"
                             "publishers/google/models/m:generateContent", json={}, timeout=10)
            assert bad.status_code == 502 and "not a Vertex AI location" in bad.text
    assert fake.requests == []


def test_bedrock_converse_stream_any_model_relayed_and_recorded(stack):
    stack.fake.push(Reply(text=f"```python\n{CODE}```\n", usage=(20, 7)))
    path = "/model/meta.llama3-3-70b-instruct-v1:0/converse-stream"
    body = {"messages": [{"role": "user", "content": [{"text": "write add"}]}]}
    with httpx.stream("POST", stack.url + path, json=body, timeout=10,
                      headers={"authorization": "Bearer ABSKtest-bedrock-api-key"}) as r:
        got = b"".join(r.iter_raw())
    assert got == stack.fake.sent[-1]
    [row] = stack.rows()
    assert row.api == "bedrock.converse" and row.complete and row.prompt == "write add"
    assert row.model_requested == "meta.llama3-3-70b-instruct-v1:0"
    assert (row.input_tokens, row.output_tokens) == (20, 7)
    assert [s.kind for s in snippets(stack, row.id)] == ["fence"]
