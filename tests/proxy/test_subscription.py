"""Subscription sign-ins through the proxy, end to end on loopback: Codex signed in with
ChatGPT (``/backend-api/codex/responses``, HTTP and WebSocket), Gemini CLI signed in with
Google (Code Assist ``/v1internal:METHOD``) and Claude Code on a Claude plan (OAuth bearer
on ``/v1/messages``). Bytes are relayed unchanged, the OAuth tokens are forwarded as sent
and never reach disk, and the records carry tool, model, tokens and snippets."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp
import httpx
import pytest
from sqlmodel import select

from store import db
from store.models import SnippetRow
from tests.fakellm import FakeToolCall, Reply

CODE = "def add(a, b):\n    return a + b\n"
PATCH = ("*** Begin Patch\n*** Add File: calc/add.py\n"
         + "".join(f"+{line}\n" for line in CODE.splitlines()) + "*** End Patch\n")
CHATGPT_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJjaGF0Z3B0LXN1YnNjcmlwdGlvbiI6InBsdXMifQ.c2lnbmF0dXJl"
CODEX = {"authorization": f"Bearer {CHATGPT_TOKEN}", "chatgpt-account-id": "acc-1234",
         "originator": "codex_cli_rs", "user-agent": "codex_cli_rs/0.169.0 (Debian 12; x86_64)",
         "session_id": "0199-codex-session"}
CODEX_BODY = {"model": "gpt-5-codex", "instructions": "You are Codex, based on GPT-5.",
              "input": [{"type": "message", "role": "user",
                         "content": [{"type": "input_text", "text": "add calc/add.py"}]}],
              "tools": [{"type": "function", "name": "exec_command"},
                        {"type": "custom", "name": "apply_patch"}],
              "store": False, "stream": True}
GOOGLE_TOKEN = "ya29.a0AfB_fake-google-oauth-access-token-0123456789"
GEMINI = {"authorization": f"Bearer {GOOGLE_TOKEN}",
          "user-agent": "GeminiCLI/0.61.0/gemini-2.5-pro (linux; x64)",
          "x-goog-api-client": "gl-node/20.20.2"}
CODE_ASSIST_BODY = {
    "model": "gemini-2.5-pro", "project": "my-companion-project", "user_prompt_id": "up-1",
    "request": {"contents": [{"role": "user", "parts": [{"text": "create add.py"}]}],
                "systemInstruction": {"parts": [{"text": "You are Gemini CLI."}]},
                "tools": [{"functionDeclarations": [{"name": "write_file"}]}],
                "generationConfig": {"temperature": 0}, "session_id": "gem-session-9"}}
STREAM = "/v1internal:streamGenerateContent?alt=sse"


def snippets(stack, exchange_id: str) -> list[SnippetRow]:
    with db.session(stack.db_url) as s:
        return list(s.exec(select(SnippetRow).where(SnippetRow.exchange_id == exchange_id)
                           .order_by(SnippetRow.ordinal)).all())


def assert_never_on_disk(stack, secret: str, *dirs: Path) -> None:
    """The store (and its WAL files) and every file under ``dirs`` (the spool, the home)
    hold no trace of ``secret``."""
    stack.flush()
    db_file = Path(stack.db_url.removeprefix("sqlite:///"))
    files = list(db_file.parent.glob(db_file.name + "*"))
    for d in dirs:
        files += [f for f in d.rglob("*") if f.is_file()]
    assert files
    for f in files:
        assert secret.encode() not in f.read_bytes(), f


# -- Codex signed in with ChatGPT -----------------------------------------------------------

def test_codex_chatgpt_stream_relayed_unchanged_and_recorded(stack, isolated_env):
    cmd = json.dumps({"cmd": f"apply_patch <<'EOF'\n{PATCH}EOF\n", "workdir": "."})
    stack.fake.push(Reply(text="Adding calc/add.py.", usage=(900, 70),
                          tool_calls=[FakeToolCall("exec_command", cmd)]))
    with httpx.stream("POST", stack.url + "/backend-api/codex/responses", json=CODEX_BODY,
                      headers=CODEX, timeout=10) as r:
        got = b"".join(r.iter_raw())
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    assert got == stack.fake.sent[-1]
    seen = stack.fake.requests[-1]  # AIPROV_CHATGPT_BASE is the fake's /backend-api/codex
    assert seen.path == "/backend-api/codex/responses"
    assert all(seen.headers[k] == v for k, v in CODEX.items())
    [row] = stack.rows()
    assert row.api == "openai.responses" and row.status == 200 and row.complete and row.stream
    assert row.upstream == stack.upstream_url + "/backend-api/codex"
    assert (row.tool, row.tool_version) == ("codex", "0.169.0")
    assert row.model_requested == "gpt-5-codex" and row.prompt == "add calc/add.py"
    assert (row.input_tokens, row.output_tokens) == (900, 70)
    assert row.cost_usd is None  # billed by the plan, not per token
    assert row.session_id == "0199-codex-session"
    [call] = json.loads(row.tool_calls_json)
    assert call["name"] == "exec_command" and "*** Add File: calc/add.py" in call["arguments"]
    [snip] = snippets(stack, row.id)
    assert (snip.kind, snip.path, snip.text) == ("patch", "calc/add.py", CODE)
    assert row.api_key_hash and CHATGPT_TOKEN not in row.api_key_hash
    assert_never_on_disk(stack, CHATGPT_TOKEN, isolated_env)


def test_the_same_answer_with_an_api_key_is_priced(stack):
    stack.fake.push(Reply(text="hi", usage=(900, 70)), Reply(text="hi", usage=(900, 70)))
    body = {**CODEX_BODY, "stream": False}
    httpx.post(stack.url + "/v1/responses", json=body, timeout=10,
               headers={**CODEX, "authorization": "Bearer sk-test-api-key"})
    httpx.post(stack.url + "/backend-api/codex/responses", json=body, headers=CODEX,
               timeout=10)
    api_key, plan = stack.rows()
    assert api_key.cost_usd and api_key.cost_usd > 0 and plan.cost_usd is None


def test_codex_chatgpt_whole_answer_with_a_custom_apply_patch(stack):
    stack.fake.push(Reply(text="", custom_tool=True,
                          tool_calls=[FakeToolCall("apply_patch", PATCH)]))
    r = httpx.post(stack.url + "/backend-api/codex/responses",
                   json={**CODEX_BODY, "stream": False}, headers=CODEX, timeout=10)
    assert r.status_code == 200 and r.content == stack.fake.sent[-1]
    assert r.json()["output"][0]["type"] == "custom_tool_call"
    [row] = stack.rows()
    assert not row.stream and row.complete and row.tool == "codex"
    [call] = json.loads(row.tool_calls_json)
    assert (call["name"], call["kind"], call["arguments"]) == ("apply_patch", "custom", PATCH)
    [snip] = snippets(stack, row.id)
    assert (snip.path, snip.text) == ("calc/add.py", CODE)


def test_codex_chatgpt_errors_relayed_and_recorded(stack):
    stack.fake.push(Reply(status=401, error="Your authentication token has expired."),
                    Reply(text="partial", stream_error="The server had an error."))
    r = httpx.post(stack.url + "/backend-api/codex/responses", json=CODEX_BODY, headers=CODEX,
                   timeout=10)
    assert r.status_code == 401 and r.content == stack.fake.sent[-1]
    r = httpx.post(stack.url + "/backend-api/codex/responses", json=CODEX_BODY, headers=CODEX,
                   timeout=10)
    assert r.status_code == 200 and b"response.failed" in r.content
    refused, failed = stack.rows()
    assert refused.status == 401 and "authentication token has expired" in refused.error
    assert refused.cost_usd is None and refused.tool == "codex"
    assert failed.status == 200 and "The server had an error." in failed.error


def test_codex_chatgpt_other_backend_paths_relayed_not_recorded(stack):
    r = httpx.get(stack.url + "/backend-api/codex/models?client_version=0.169.0",
                  headers=CODEX, timeout=10)
    assert r.status_code == 404 and r.content == stack.fake.sent[-1]  # the fake's own answer
    assert stack.fake.requests[-1].path == "/backend-api/codex/models?client_version=0.169.0"
    assert stack.rows() == []


def test_codex_chatgpt_websocket_relayed_and_recorded(stack):
    stack.fake.push(Reply(text="over the socket", custom_tool=True,
                          tool_calls=[FakeToolCall("apply_patch", PATCH)]))

    async def talk() -> list[str]:
        async with aiohttp.ClientSession() as s, s.ws_connect(
                stack.url.replace("http", "ws") + "/backend-api/codex/responses",
                headers={**CODEX, "openai-beta": "responses_websockets=2026-02-06"}) as ws:
            await ws.send_str(json.dumps({"type": "response.create", **CODEX_BODY}))
            got: list[str] = []
            async with asyncio.timeout(15):
                async for m in ws:
                    got.append(m.data)
                    if '"response.completed"' in m.data:
                        return got
        return got

    got = asyncio.run(talk())
    assert "".join(g + "\n" for g in got).encode() == stack.fake.sent[-1]
    [up] = [q for q in stack.fake.requests if q.transport == "websocket"]
    assert up.path == "/backend-api/codex/responses"
    assert up.headers["authorization"] == f"Bearer {CHATGPT_TOKEN}"
    assert up.headers["chatgpt-account-id"] == "acc-1234"
    [row] = stack.rows()
    assert row.api == "openai.responses" and row.tool == "codex" and row.complete
    assert row.response_text == "over the socket" and row.api_key_hash
    assert [s.path for s in snippets(stack, row.id)] == ["calc/add.py"]


# -- Gemini CLI signed in with Google (Code Assist) -------------------------------------------

def test_code_assist_stream_relayed_unchanged_and_recorded(stack, isolated_env):
    args = json.dumps({"file_path": "/w/add.py", "content": CODE})
    stack.fake.push(Reply(text="Writing add.py.", usage=(300, 40),
                          tool_calls=[FakeToolCall("write_file", args)]))
    with httpx.stream("POST", stack.url + STREAM, json=CODE_ASSIST_BODY, headers=GEMINI,
                      timeout=10) as r:
        got = b"".join(r.iter_raw())
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    assert got == stack.fake.sent[-1] and got.startswith(b'data: {"response":')
    seen = stack.fake.requests[-1]
    assert seen.path == STREAM and seen.headers["authorization"] == f"Bearer {GOOGLE_TOKEN}"
    assert json.loads(seen.body) == CODE_ASSIST_BODY
    [row] = stack.rows()
    assert row.api == "gemini.generate" and row.status == 200 and row.complete and row.stream
    assert row.path == STREAM and row.upstream == stack.upstream_url
    assert (row.tool, row.tool_version) == ("gemini-cli", "0.61.0")
    assert row.model_requested == "gemini-2.5-pro" and row.prompt == "create add.py"
    assert row.session_id == "gem-session-9" and row.response_text == "Writing add.py."
    assert (row.input_tokens, row.output_tokens) == (300, 40)
    assert row.cost_usd is None  # billed by the plan, not per token
    assert "write_file" in json.loads(row.request_json)["tools_offered"]
    [snip] = snippets(stack, row.id)
    assert (snip.kind, snip.path, snip.text) == ("write", "/w/add.py", CODE)
    assert row.api_key_hash and GOOGLE_TOKEN not in row.api_key_hash
    assert_never_on_disk(stack, GOOGLE_TOKEN, isolated_env)


def test_code_assist_whole_answer_is_unwrapped(stack):
    stack.fake.push(Reply(text=f"```python\n{CODE}```\n", usage=(50, 20)))
    r = httpx.post(stack.url + "/v1internal:generateContent", json=CODE_ASSIST_BODY,
                   headers=GEMINI, timeout=10)
    assert r.status_code == 200 and r.content == stack.fake.sent[-1]
    assert r.json()["response"]["candidates"][0]["finishReason"] == "STOP"
    [row] = stack.rows()
    assert not row.stream and row.complete and row.model_requested == "gemini-2.5-pro"
    assert (row.input_tokens, row.output_tokens) == (50, 20)
    assert [s.kind for s in snippets(stack, row.id)] == ["fence"]


def test_code_assist_errors_relayed_and_recorded(stack):
    stack.fake.push(Reply(status=429, error="Quota exceeded for quota metric 'Gemini Code "
                                            "Assist requests'."),
                    Reply(text="partial answer", stream_error="internal error"))
    r = httpx.post(stack.url + STREAM, json=CODE_ASSIST_BODY, headers=GEMINI, timeout=10)
    assert r.status_code == 429 and r.json()["error"]["status"] == "RESOURCE_EXHAUSTED"
    r = httpx.post(stack.url + STREAM, json=CODE_ASSIST_BODY, headers=GEMINI, timeout=10)
    assert r.status_code == 200 and b"internal error" in r.content
    refused, failed = stack.rows()
    assert refused.status == 429 and "Quota exceeded" in refused.error
    assert refused.tool == "gemini-cli" and refused.cost_usd is None
    assert not failed.complete and failed.error == "INTERNAL: internal error"
    assert failed.response_text and "partial answer".startswith(failed.response_text)


@pytest.mark.parametrize("method", ["loadCodeAssist", "countTokens", "retrieveUserQuota"])
def test_code_assist_other_methods_relayed_not_recorded(stack, method):
    body = {"request": {"model": "models/gemini-2.5-pro", "contents": []}} if (
        method == "countTokens") else {"metadata": {"pluginType": "GEMINI"}}
    r = httpx.post(stack.url + f"/v1internal:{method}", json=body, headers=GEMINI, timeout=10)
    assert r.status_code == 200 and r.content == stack.fake.sent[-1]
    assert stack.fake.requests[-1].path == f"/v1internal:{method}"
    assert stack.rows() == []


# -- Claude Code on a Claude plan (OAuth, no API key) -----------------------------------------

def test_claude_plan_oauth_headers_forwarded_untouched_and_recorded(stack, isolated_env):
    token = "sk-ant-oat01-fake-claude-plan-oauth-token-0123456789"
    headers = {"authorization": f"Bearer {token}",
               "anthropic-beta": "oauth-2025-04-20,claude-code-20250219",
               "anthropic-version": "2023-06-01",
               "user-agent": "claude-cli/2.1.197 (external, sdk-cli)"}
    stack.fake.push(Reply(text="Writing it.", tool_calls=[FakeToolCall(
        "Write", json.dumps({"file_path": "/w/add.py", "content": CODE}))]))
    body = {"model": "claude-sonnet-4-6", "max_tokens": 1024, "stream": True,
            "messages": [{"role": "user", "content": "create add.py"}]}
    with httpx.stream("POST", stack.url + "/v1/messages?beta=true", json=body, headers=headers,
                      timeout=10) as r:
        got = b"".join(r.iter_raw())
    assert r.status_code == 200 and got == stack.fake.sent[-1]
    seen = stack.fake.requests[-1]
    assert all(seen.headers[k] == v for k, v in headers.items())
    assert "x-api-key" not in seen.headers
    [row] = stack.rows()
    assert row.api == "anthropic.messages" and row.tool == "claude-code" and row.complete
    assert row.cost_usd is None  # a Claude plan, not per-token API billing
    assert [s.path for s in snippets(stack, row.id)] == ["/w/add.py"]
    assert row.api_key_hash and token not in row.api_key_hash
    assert_never_on_disk(stack, token, isolated_env)
