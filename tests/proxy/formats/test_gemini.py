"""Gemini API (AI Studio and Vertex): requests, SSE and JSON-array streams, whole bodies, and
the paths that say which provider and model a request is for."""

from __future__ import annotations

import json

import pytest

from proxy import formats
from proxy.exchange import (
    ANTHROPIC_MESSAGES,
    BEDROCK_INVOKE,
    GEMINI_GENERATE,
    OPENAI_CHAT,
    OPENAI_RESPONSES,
)
from proxy.formats.paths import classify

SSE = [("content-type", "text/event-stream")]
JSON = [("content-type", "application/json; charset=UTF-8")]
PATH = "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse"
CODE = "def add(a, b):\n    return a + b\n"


def resp(parts: list[dict], finish: str | None = None, usage: dict | None = None) -> dict:
    cand: dict = {"content": {"role": "model", "parts": parts}, "index": 0}
    if finish:
        cand["finishReason"] = finish
    out: dict = {"candidates": [cand], "modelVersion": "gemini-2.5-pro", "responseId": "r-1"}
    if usage:
        out["usageMetadata"] = usage
    return out


def sse(*objs: dict) -> bytes:
    # Google separates events with CRLF blank lines
    return b"".join(b"data: " + json.dumps(o).encode() + b"\r\n\r\n" for o in objs)


def parse(raw: bytes, headers=SSE, complete: bool = True, status: int = 200):
    return formats.parse_response(GEMINI_GENERATE, status, headers, [raw], complete=complete)


# --- paths --------------------------------------------------------------------------------

@pytest.mark.parametrize(("method", "path", "api", "provider", "model"), [
    ("POST", PATH, GEMINI_GENERATE, "gemini", "gemini-2.5-pro"),
    ("POST", "/v1beta/models/gemini-2.5-flash:generateContent", GEMINI_GENERATE, "gemini",
     "gemini-2.5-flash"),
    ("POST", "/v1beta/models/gemini-2.5-pro:countTokens", None, "gemini", "gemini-2.5-pro"),
    ("GET", "/v1beta/models", None, "gemini", None),
    ("POST", "/upload/v1beta/files", None, "gemini", None),
    ("GET", "/v1/projects/p/locations/europe-west4/operations/1", None, "vertex", None),
    ("POST", "/v1/projects/p-1/locations/us-central1/publishers/google/models/"
             "gemini-2.5-pro:streamGenerateContent", GEMINI_GENERATE, "vertex",
     "gemini-2.5-pro"),
    ("POST", "/v1/projects/p/locations/us-east5/publishers/anthropic/models/"
             "claude-sonnet-4-5@20250929:streamRawPredict", ANTHROPIC_MESSAGES, "vertex",
     "claude-sonnet-4-5@20250929"),
    ("POST", "/openai/deployments/gpt4o-prod/chat/completions", OPENAI_CHAT, "azure",
     "gpt4o-prod"),
    ("POST", "/openai/v1/responses", OPENAI_RESPONSES, "azure", None),
    ("POST", "/openai/deployments/emb/embeddings", None, "azure", "emb"),
    ("POST", "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream",
     BEDROCK_INVOKE, "bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
    ("POST", "/model/meta.llama3-70b-instruct-v1:0/invoke", None, "bedrock",
     "meta.llama3-70b-instruct-v1:0"),
    ("POST", "/model/anthropic.claude-3-haiku/converse", "bedrock.converse", "bedrock",
     "anthropic.claude-3-haiku"),
    ("POST", "/model/meta.llama3-70b-instruct-v1:0/converse-stream", "bedrock.converse",
     "bedrock", "meta.llama3-70b-instruct-v1:0"),
    ("POST", "/v1/chat/completions", OPENAI_CHAT, "openai", None),
    # subscription sign-ins: Codex with ChatGPT, Gemini CLI with Google (Code Assist)
    ("POST", "/backend-api/codex/responses", OPENAI_RESPONSES, "chatgpt", None),
    ("GET", "/backend-api/codex/responses", None, "chatgpt", None),
    ("GET", "/backend-api/codex/models?client_version=0.169.0", None, "chatgpt", None),
    ("POST", "/backend-api/codexes/responses", None, "openai", None),
    ("POST", "/backend-api/conversation", None, "openai", None),
    ("POST", "/v1internal:streamGenerateContent?alt=sse", GEMINI_GENERATE, "codeassist", None),
    ("POST", "/v1internal:generateContent", GEMINI_GENERATE, "codeassist", None),
    ("POST", "/v1internal:countTokens", None, "codeassist", None),
    ("POST", "/v1internal:loadCodeAssist", None, "codeassist", None),
    ("GET", "/v1internal/operations/op-1", None, "codeassist", None),
    ("POST", "/v1internalx:generateContent", None, "openai", None),
])
def test_paths_name_format_provider_and_model(method, path, api, provider, model):
    info = classify(method, path)
    assert (info.api, info.provider, info.model) == (api, provider, model)
    assert formats.detect(method, path) == api


# --- requests -----------------------------------------------------------------------------

def test_request_gemini_cli_like_with_tools_and_function_turns():
    body = {
        "systemInstruction": {"role": "user", "parts": [{"text": "You are Gemini CLI, an "
                                                                 "interactive CLI agent."}]},
        "contents": [
            {"role": "user", "parts": [{"text": "<session_context>cwd</session_context>"}]},
            {"role": "user", "parts": [{"text": "create add.py"},
                                       {"inlineData": {"mimeType": "image/png", "data": "AA"}}]},
            {"role": "model", "parts": [{"text": "ok", "thought": True},
                                        {"functionCall": {"name": "write_file", "args": {
                                            "file_path": "/w/add.py", "content": CODE}}}]},
            {"role": "user", "parts": [{"functionResponse": {
                "name": "write_file", "response": {"output": "Wrote /w/add.py"}}}]},
        ],
        "tools": [{"functionDeclarations": [{"name": "write_file"}, {"name": "replace"}]},
                  {"googleSearch": {}}],
        "generationConfig": {"temperature": 0, "topP": 1, "maxOutputTokens": 8192,
                             "thinkingConfig": {"includeThoughts": True}},
    }
    req = formats.parse_request(GEMINI_GENERATE, json.dumps(body).encode(), PATH)
    assert req.model == "gemini-2.5-pro" and req.stream and not req.errors
    assert req.system.startswith("You are Gemini CLI")
    assert req.prompt == "create add.py\n[image]"
    assert req.tools_offered == ("write_file", "replace", "googleSearch")
    assert req.params == {"temperature": 0, "top_p": 1, "max_tokens": 8192,
                          "thinking": {"includeThoughts": True}}
    roles = [m["role"] for m in req.messages]
    assert roles == ["user", "user", "assistant", "tool"]
    assert "[tool call write_file(" in req.messages[2]["content"]
    assert "Wrote /w/add.py" in req.messages[3]["content"]


def test_request_snake_case_and_not_streamed():
    body = {"system_instruction": {"parts": [{"text": "be brief"}]},
            "contents": [{"parts": [{"text": "hi"}]}],
            "generation_config": {"max_output_tokens": 10}}
    req = formats.parse_request(GEMINI_GENERATE, json.dumps(body).encode(),
                                "/v1beta/models/gemini-2.0-flash:generateContent?key=k")
    assert (req.model, req.stream, req.system, req.prompt) == ("gemini-2.0-flash", False,
                                                               "be brief", "hi")
    assert req.params == {"max_tokens": 10}


def test_request_not_json_is_said():
    req = formats.parse_request(GEMINI_GENERATE, b"{oops", PATH)
    assert req.model == "gemini-2.5-pro" and req.errors and "not JSON" in req.errors[0]


# --- responses ----------------------------------------------------------------------------

USAGE = {"promptTokenCount": 120, "candidatesTokenCount": 30, "thoughtsTokenCount": 12,
         "cachedContentTokenCount": 100, "totalTokenCount": 162}


def test_stream_text_thoughts_function_call_and_usage():
    raw = sse(resp([{"text": "plan", "thought": True}], usage={"promptTokenCount": 120}),
              resp([{"text": "Writing "}]),
              resp([{"text": "it."}]),
              resp([{"functionCall": {"name": "write_file", "args": {"file_path": "a.py",
                                                                      "content": CODE}},
                     "thoughtSignature": "c2ln"}], finish="STOP", usage=USAGE))
    info = parse(raw)
    assert info.text == "Writing it." and info.reasoning == "plan"
    [call] = info.tool_calls
    assert call.name == "write_file" and json.loads(call.arguments)["content"] == CODE
    assert info.finish_reason == "STOP" and info.complete and not info.errors
    assert info.model == "gemini-2.5-pro" and info.response_id == "r-1"
    u = info.usage
    assert (u.input_tokens, u.output_tokens, u.cache_read_tokens, u.reasoning_tokens) == (
        120, 42, 100, 12)


def test_stream_split_at_arbitrary_bytes_parses_the_same():
    raw = sse(resp([{"text": "héllo "}]), resp([{"text": "wörld"}], finish="STOP",
                                              usage=USAGE))
    whole = parse(raw)
    for cut in (1, 7, len(raw) // 2, len(raw) - 3):
        info = formats.parse_response(GEMINI_GENERATE, 200, SSE, [raw[:cut], raw[cut:]])
        assert info == whole
    assert whole.text == "héllo wörld"


def test_stream_cut_before_finish_is_incomplete_and_says_so():
    raw = sse(resp([{"text": "def f():\n"}]), resp([{"text": "    return"}]))
    info = parse(raw[:-10], complete=False)
    assert info.text == "def f():\n" and not info.complete
    assert any("without a finishReason" in e for e in info.errors)


def test_final_event_then_connection_closed_is_complete():
    info = parse(sse(resp([{"text": "x"}], finish="STOP", usage=USAGE)), complete=False)
    assert info.complete and info.text == "x"


def test_json_array_stream_without_alt_sse():
    arr = [resp([{"text": "a"}]), resp([{"text": "b"}], finish="STOP", usage=USAGE)]
    info = parse(json.dumps(arr).encode(), headers=JSON)
    assert info.text == "ab" and info.complete and info.usage.output_tokens == 42


def test_whole_body_with_candidates_alternatives():
    body = {"candidates": [
        {"index": 0, "content": {"role": "model", "parts": [{"text": "one"}]},
         "finishReason": "STOP"},
        {"index": 1, "content": {"role": "model", "parts": [{"text": "two"}]},
         "finishReason": "STOP"}], "usageMetadata": USAGE, "modelVersion": "gemini-2.5-pro"}
    info = parse(json.dumps(body).encode(), headers=JSON)
    assert info.text == "one" and info.alternatives == ("two",) and info.complete


@pytest.mark.parametrize(("status", "body", "want"), [
    (429, {"error": {"code": 429, "message": "Resource has been exhausted",
                     "status": "RESOURCE_EXHAUSTED"}}, "Resource has been exhausted"),
    (400, {"error": {"code": 400, "message": "API key not valid.",
                     "status": "INVALID_ARGUMENT"}}, "API key not valid."),
])
def test_error_bodies(status, body, want):
    info = parse(json.dumps(body).encode(), headers=JSON, status=status)
    assert info.error.startswith(f"HTTP {status}") and want in info.error


def test_error_inside_the_stream_and_blocked_prompt():
    info = parse(sse(resp([{"text": "par"}]),
                     {"error": {"code": 500, "message": "internal", "status": "INTERNAL"}}))
    assert info.error == "INTERNAL: internal" and info.text == "par" and not info.complete
    blocked = parse(json.dumps({"promptFeedback": {"blockReason": "SAFETY"},
                                "usageMetadata": {"promptTokenCount": 4}}).encode(),
                    headers=JSON)
    assert blocked.error == "prompt blocked: SAFETY"


def test_recorded_gemini_call_becomes_snippets():
    from provenance.snippets import extract

    info = parse(sse(
        resp([{"text": f"Here:\n```python\n{CODE}```\n"}]),
        resp([{"functionCall": {"name": "write_file", "args": {"file_path": "/w/b.py",
                                                                "content": "B = 1\n"}}},
              {"functionCall": {"name": "replace", "args": {
                  "file_path": "/w/a.py", "old_string": "x = 1", "new_string": "x = 2\n"}}}],
             finish="STOP", usage=USAGE)))
    snippets = extract(info.text, info.tool_calls)
    assert [(s.kind, s.path, s.text) for s in snippets] == [
        ("fence", None, CODE), ("write", "/w/b.py", "B = 1\n"), ("edit", "/w/a.py", "x = 2\n")]


@pytest.mark.parametrize(("path", "masked", "key"), [
    ("/v1beta/models/m:generateContent?key=AIza123", "/v1beta/models/m:generateContent?key=***",
     "AIza123"),
    ("/v1beta/models/m:streamGenerateContent?alt=sse&key=AIza9&x=1",
     "/v1beta/models/m:streamGenerateContent?alt=sse&key=***&x=1", "AIza9"),
    ("/v1beta/models/m:generateContent?monkey=1", "/v1beta/models/m:generateContent?monkey=1",
     None),
    ("/v1/chat/completions", "/v1/chat/completions", None),
])
def test_query_key_is_masked_in_the_recorded_path(path, masked, key):
    assert formats.split_query_key(path) == (masked, key)


# --- Code Assist (Gemini CLI signed in with Google): the same objects, wrapped ------------

CA_PATH = "/v1internal:streamGenerateContent?alt=sse"
CA_REQUEST = {"model": "gemini-2.5-pro", "project": "companion-1", "user_prompt_id": "p-1",
              "request": {"contents": [{"role": "user", "parts": [{"text": "make add.py"}]}],
                          "systemInstruction": {"parts": [{"text": "You are Gemini CLI."}]},
                          "tools": [{"functionDeclarations": [{"name": "write_file"}]}],
                          "generationConfig": {"temperature": 0.2}, "session_id": "s-42"}}


def wrapped(obj: dict) -> dict:
    return {"response": obj, "traceId": "t-1"}


def test_code_assist_request_is_unwrapped_with_model_and_session_from_the_body():
    info = formats.parse_request(GEMINI_GENERATE, json.dumps(CA_REQUEST).encode(), CA_PATH)
    assert (info.model, info.stream, info.session_id) == ("gemini-2.5-pro", True, "s-42")
    assert (info.prompt, info.system, info.tools_offered) == ("make add.py",
                                                              "You are Gemini CLI.",
                                                              ("write_file",))
    assert info.params == {"temperature": 0.2} and not info.errors


def test_a_plain_gemini_request_with_a_request_field_is_not_unwrapped():
    body = {"contents": [{"role": "user", "parts": [{"text": "hi"}]}], "request": {"x": 1}}
    info = formats.parse_request(GEMINI_GENERATE, json.dumps(body).encode(), PATH)
    assert info.prompt == "hi" and info.model == "gemini-2.5-pro" and info.session_id is None


def test_code_assist_stream_and_whole_body_are_unwrapped():
    call = {"functionCall": {"name": "write_file",
                             "args": {"file_path": "add.py", "content": CODE}}}
    usage = {"promptTokenCount": 100, "candidatesTokenCount": 20, "totalTokenCount": 120}
    stream = sse(wrapped(resp([{"text": "Writ"}])), wrapped(resp([{"text": "ing."}, call])),
                 wrapped(resp([], "STOP", usage)))
    for info in (parse(stream),
                 parse(json.dumps(wrapped(resp([{"text": "Writing."}, call], "STOP",
                                                usage))).encode(), JSON)):
        assert info.text == "Writing." and info.complete and info.finish_reason == "STOP"
        assert (info.usage.input_tokens, info.usage.output_tokens) == (100, 20)
        [tc] = info.tool_calls
        assert tc.name == "write_file" and json.loads(tc.arguments)["content"] == CODE
    cut = parse(sse(wrapped(resp([{"text": "Writ"}]))))
    assert not cut.complete and cut.text == "Writ"
