"""The redaction corpus, as agents carry it: every fake secret, plain and inside JSON strings
(tool-call arguments, replayed history, tool results), in SSE events and WebSocket frames,
through the recorder's real path (parse -> redact -> the store's columns and the spool).

Two measures, both exact: no secret (nor a 12-character piece of one, in any escaping)
survives; and nothing else changes: JSON-escaped text redacts to exactly what the same text
redacts to plain, so escaping adds no false redactions (ordinary code, URLs without
passwords, digests and ids stay byte for byte).
"""

from __future__ import annotations

import json
import sysconfig
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from proxy import formats
from proxy import redact as R
from proxy.raw import RawExchange
from proxy.recorder import build_exchange
from proxy.redact import redact
from proxy.spool import to_json
from proxy.websocket import ResponsesTap
from store.exchanges import to_values

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[2]
CORPUS = [json.loads(line) for line in (DATA / "fake_secrets.jsonl").read_text().splitlines()]
IDS = [f"{i}-{e['kind']}" for i, e in enumerate(CORPUS)]


@pytest.fixture(autouse=True)
def _fresh_memo():
    R.cache_clear()
    yield
    R.cache_clear()


def esc(s: str, *, ascii_only: bool = False) -> str:
    return json.dumps(s, ensure_ascii=ascii_only)[1:-1]


def forms(secret: str) -> set[str]:
    """The secret as it can appear in stored text: plain, escaped once, twice, three times."""
    out = {secret}
    for _ in range(3):
        out |= {esc(f) for f in out} | {esc(f, ascii_only=True) for f in out}
    return out


def pieces(secret: str) -> list[str]:
    """12-character pieces of the secret that no escaping changes."""
    return [p for i in range(0, max(1, len(secret) - 11), 4)
            if len(p := secret[i : i + 12]) == 12 and esc(p, ascii_only=True) == p]


def assert_gone(case: dict[str, str], text: str) -> None:
    secret = case["secret"]
    for f in forms(secret):
        assert f not in text, (case["kind"], f[:40])
    rest = case["text"].replace(secret, "")  # a piece the text holds elsewhere is no leak
    for p in pieces(secret):
        if p not in rest:
            assert p not in text, (case["kind"], p)


# --------------------------------------------------------------------------- raw text


def wrappers(text: str) -> dict[str, str]:
    """The shapes a file's text takes on the way to the recorder."""
    args = json.dumps({"file_path": "/app/.env", "content": "# config\n" + text + "\n"})
    return {
        "json string": json.dumps({"content": text}),
        "after an escaped newline": json.dumps({"content": "import os\n\n" + text + "\nx = 1"}),
        "ascii-escaped": json.dumps({"content": "caf\u00e9\n" + text}, ensure_ascii=True),
        "tool-call arguments in a body": json.dumps(
            {"tool_calls": [{"function": {"name": "Write", "arguments": args}}]}),
        "three levels deep": json.dumps({"a": json.dumps({"b": args})}),
        "history line": f"[tool call Write({args})]",
        # (cut after the content's last escape: Anthropic history keeps 2,000 characters)
        "history line cut short": f"[tool call Write({args[:-2]})]",
        "cut mid-escape at the end": args[:-3],
        "sse event": "event: content_block_delta\ndata: " + json.dumps(
            {"type": "content_block_delta", "index": 0,
             "delta": {"type": "input_json_delta", "partial_json": args}}) + "\n\n",
        "slashes escaped": json.dumps({"content": text}).replace("/", "\\/"),
    }


@pytest.mark.parametrize("case", CORPUS, ids=IDS)
def test_secret_is_redacted_in_every_escaped_shape(case):
    for shape, wrapped in wrappers(case["text"]).items():
        assert any(f in wrapped for f in forms(case["secret"])) or shape == "slashes escaped"
        out = redact(wrapped)
        assert_gone(case, out)
        assert "[REDACTED:" in out, shape
        assert redact(out) == out, shape


@pytest.mark.parametrize("case", CORPUS, ids=IDS)
def test_escaped_text_redacts_exactly_as_plain_text(case):
    """Same markers, same kinds, nothing else touched, still valid JSON."""
    plain = redact(case["text"])
    for shape in ("json string", "after an escaped newline", "ascii-escaped"):
        wrapped = wrappers(case["text"])[shape]
        inner = json.loads(redact(wrapped))["content"]
        original = json.loads(wrapped)["content"]
        assert inner == original.replace(case["text"], plain), shape
    deep = json.loads(json.loads(redact(wrappers(case["text"])["three levels deep"]))["a"])
    args = json.loads(deep["b"])
    assert args["content"] == "# config\n" + plain + "\n"


# --------------------------------------------------------------------------- no false redactions

ORDINARY = [
    "import hashlib\n\ndef digest(data: bytes) -> str:\n    return hashlib.sha256(data).hexdigest()\n",
    "See https://docs.python.org/3/library/json.html and http://localhost:8080/api?q=1&page=2",
    "git clone https://github.com/acme/app.git && cd app\nexport PATH=$HOME/bin:$PATH\n",
    "DATABASE_URL=postgres://user:password@localhost:5432/dev\nREDIS_URL=redis://cache:6379/0\n",
    "commit 9fceb02d0ae598e95dc970b74767f19372d61af8\nsha256:70761cfe03c773ceb22aa2f671b475797"
    "6145175cdfca038c02654d061d6dcc6\n",
    "request_id: 3f2504e0-4f89-11d3-9a0c-0305e82c3301\nuser_id = '5d1c0e0a-9b8c-4d7e-a1f2'\n",
    'password = request.form["password"]\napi_key = os.environ["OPENAI_API_KEY"]\n',
    'print("a\\tb\\n", end="")\npattern = re.compile(r"\\d+\\s*=\\s*\\w+")\n',
    "token = tokenizer.next_token()\nmax_tokens: int = 4096\nSECRET_KEY_LENGTH = 50\n",
    '{"integrity": "sha512-3c/6SwqTbR6dOVz9ZymcQLLcHqgTTbZfRGv3pH6gK0uS4gjShEfVR5iYfwkmnA16dAH'
    'YJZy0cP3XRdrZNG3d7A==", "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz"}',
    "Windows paths: C:\\Users\\dev\\new_folder\\tokens.txt and \\\\server\\share\n",
    "<a href=\"https://example.com/login?next=/home\">log in</a> with your password\n",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_survives_in_every_shape(text):
    assert redact(text) == text
    for shape, wrapped in wrappers(text).items():
        assert redact(wrapped) == wrapped, shape


def test_lockfile_and_stdlib_escaped_as_json_redact_as_plain():
    """~2 MB of real code and a lockfile, each as a JSON string: the decoded result equals
    the plain result (which the plain tests hold to the justified lines)."""
    files = [(REPO / "requirements.lock").read_text()]
    root = Path(sysconfig.get_paths()["stdlib"])
    files += [p.read_text(encoding="utf-8") for p in sorted(root.glob("*.py"))[:80]]
    changed_plain = changed_json = 0
    for text in files:
        plain = redact(text)
        wrapped = json.dumps({"content": text})
        out = redact(wrapped)
        assert json.loads(out)["content"] == plain
        changed_plain += plain != text
        changed_json += out != wrapped
    assert changed_json == changed_plain
    assert sum(map(len, files)) > 1_000_000


# --------------------------------------------------------------------------- the recorder's path


def _raw(path: str, body: dict[str, Any], chunks: list[bytes], *,
         content_type: str = "text/event-stream") -> RawExchange:
    t = time.perf_counter()
    return RawExchange(
        started_at=time.time(), started_mono=t, method="POST", path=path,
        request_headers=[("user-agent", "claude-cli/2.0.14 (external, cli)"),
                         ("x-api-key", "sk-ant-api03-" + "k" * 93 + "AA")],
        request_body=json.dumps(body).encode(), upstream="http://up", status=200,
        response_headers=[("content-type", content_type)], chunks=chunks,
        first_byte_mono=t, end_mono=t + 0.01)


def _split(s: str, n: int = 7) -> list[str]:
    """Stream fragments as models send them: a secret is cut across events."""
    return [s[i : i + n] for i in range(0, len(s), n)]


def _sse(events: list[tuple[str | None, dict[str, Any] | str]]) -> list[bytes]:
    out = []
    for name, data in events:
        head = f"event: {name}\n" if name else ""
        payload = data if isinstance(data, str) else json.dumps(data)
        out.append(f"{head}data: {payload}\n\n".encode())
    return out


def anthropic(text: str) -> RawExchange:
    args = json.dumps({"file_path": "/app/.env", "content": "# env\n" + text + "\n"})
    body = {"model": "claude-sonnet-4-5", "max_tokens": 1024, "stream": True,
            "system": [{"type": "text", "text": "You are Claude Code."}],
            "messages": [
                {"role": "user", "content": [{"type": "text", "text": "set up the env file"}]},
                {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1",
                                                   "name": "Write", "input": json.loads(args)}]},
                {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1",
                                              "content": "wrote /app/.env:\n" + text}]},
                {"role": "user", "content": [{"type": "text", "text": "now read it back"}]}]}
    events: list[tuple[str | None, dict[str, Any] | str]] = [
        ("message_start", {"type": "message_start", "message": {
            "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
            "content": [], "stop_reason": None,
            "usage": {"input_tokens": 40, "output_tokens": 1}}}),
        ("content_block_start", {"type": "content_block_start", "index": 0,
                                 "content_block": {"type": "text", "text": ""}}),
        *[("content_block_delta", {"type": "content_block_delta", "index": 0,
                                   "delta": {"type": "text_delta", "text": frag}})
          for frag in _split("The file holds:\n" + text + "\n")],
        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
        ("content_block_start", {"type": "content_block_start", "index": 1, "content_block": {
            "type": "tool_use", "id": "toolu_2", "name": "Write", "input": {}}}),
        *[("content_block_delta", {"type": "content_block_delta", "index": 1,
                                   "delta": {"type": "input_json_delta", "partial_json": frag}})
          for frag in _split(args)],
        ("content_block_stop", {"type": "content_block_stop", "index": 1}),
        ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "tool_use"},
                           "usage": {"output_tokens": 60}}),
        ("message_stop", {"type": "message_stop"}),
    ]
    return _raw("/v1/messages", body, _sse(events))


def openai_chat(text: str) -> RawExchange:
    args = json.dumps({"path": ".env", "content": text + "\n"})
    body = {"model": "gpt-4o", "stream": True, "n": 2, "messages": [
        {"role": "system", "content": "You are a coding agent."},
        {"role": "user", "content": "write the env file"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function",
             "function": {"name": "write_file", "arguments": args}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "ok:\n" + text},
        {"role": "user", "content": "again, please"}]}
    head = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1,
            "model": "gpt-4o"}
    events: list[tuple[str | None, dict[str, Any] | str]] = [
        (None, {**head, "choices": [{"index": 0, "delta": {
            "role": "assistant", "content": None, "tool_calls": [{
                "index": 0, "id": "call_2", "type": "function",
                "function": {"name": "write_file", "arguments": ""}}]},
            "finish_reason": None}]}),
        *[(None, {**head, "choices": [{"index": 0, "delta": {"tool_calls": [{
            "index": 0, "function": {"arguments": frag}}]}, "finish_reason": None}]})
          for frag in _split(args)],
        # n=2: the second choice's text is kept as an alternative (Copilot's panel)
        *[(None, {**head, "choices": [{"index": 1, "delta": {"content": frag},
                                       "finish_reason": None}]})
          for frag in _split("Alternatively:\n" + text + "\n")],
        (None, {**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]}),
        (None, {**head, "choices": [{"index": 1, "delta": {}, "finish_reason": "stop"}]}),
        (None, "[DONE]"),
    ]
    return _raw("/v1/chat/completions", body, _sse(events))


def _responses_events(text: str) -> list[dict[str, Any]]:
    args = json.dumps({"command": ["bash", "-lc", "cat > .env <<'EOF'\n" + text + "\nEOF"]})
    item = {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "shell",
            "arguments": ""}
    done = {**item, "arguments": args, "status": "completed"}
    return [
        {"type": "response.created", "sequence_number": 0, "response": {
            "id": "resp_1", "object": "response", "status": "in_progress", "model": "gpt-5-codex",
            "output": []}},
        {"type": "response.output_item.added", "sequence_number": 1, "output_index": 0,
         "item": item},
        *[{"type": "response.function_call_arguments.delta", "sequence_number": 2 + i,
           "item_id": "fc_1", "output_index": 0, "delta": frag}
          for i, frag in enumerate(_split(args))],
        {"type": "response.function_call_arguments.done", "sequence_number": 900,
         "item_id": "fc_1", "output_index": 0, "arguments": args},
        {"type": "response.output_item.done", "sequence_number": 901, "output_index": 0,
         "item": done},
        {"type": "response.completed", "sequence_number": 902, "response": {
            "id": "resp_1", "object": "response", "status": "completed", "model": "gpt-5-codex",
            "output": [done], "usage": {"input_tokens": 50, "output_tokens": 40,
                                        "total_tokens": 90}}},
    ]


def _responses_body(text: str) -> dict[str, Any]:
    prior = json.dumps({"command": ["bash", "-lc", "tee .env <<'EOF'\n" + text + "\nEOF"]})
    return {"model": "gpt-5-codex", "stream": True, "instructions": "You are Codex.",
            "input": [
                {"type": "message", "role": "user",
                 "content": [{"type": "input_text", "text": "configure the app"}]},
                {"type": "function_call", "call_id": "call_0", "name": "shell",
                 "arguments": prior},
                {"type": "function_call_output", "call_id": "call_0",
                 "output": json.dumps({"output": text + "\n", "metadata": {"exit_code": 0}})},
                {"type": "custom_tool_call", "call_id": "call_p", "name": "apply_patch",
                 "input": "*** Begin Patch\n*** Add File: .env\n+" + text.replace("\n", "\n+")
                          + "\n*** End Patch"}]}


def openai_responses(text: str) -> RawExchange:
    events = _responses_events(text)
    return _raw("/v1/responses", _responses_body(text),
                _sse([(e["type"], e) for e in events]))


def responses_websocket(text: str) -> RawExchange:
    done: list[RawExchange] = []
    tap = ResponsesTap("/v1/responses", [("user-agent", "codex_cli_rs/0.47.0")],
                       "http://up", done.append)
    tap.client_text(json.dumps({"type": "response.create", **_responses_body(text)}))
    for event in _responses_events(text):
        tap.server_text(json.dumps(event))
    assert len(done) == 1
    return done[0]


def openai_completions(text: str) -> RawExchange:
    body = {"model": "gpt-3.5-turbo-instruct", "stream": True,
            "prompt": "# .env\n" + text + "\n", "suffix": "\n# end\n" + text}
    events: list[tuple[str | None, dict[str, Any] | str]] = [
        *[(None, {"id": "cmpl-1", "object": "text_completion", "model": "gpt-3.5-turbo-instruct",
                  "choices": [{"index": 0, "text": frag, "finish_reason": None}]})
          for frag in _split(text + "\n")],
        (None, "[DONE]"),
    ]
    return _raw("/v1/completions", body, _sse(events))


TRANSPORTS = {
    "anthropic messages sse": anthropic,
    "openai chat sse": openai_chat,
    "openai responses sse": openai_responses,
    "openai responses websocket": responses_websocket,
    "openai completions sse": openai_completions,
}


def _unredacted(raw: RawExchange) -> str:
    """What the parsers hand the recorder, before redaction."""
    api = formats.detect(raw.method, raw.path.split("?", 1)[0])
    assert api is not None
    req = formats.parse_request(api, raw.request_body)
    resp = formats.parse_response(api, raw.status, raw.response_headers, raw.chunks)
    return json.dumps([asdict(req), asdict(resp)], ensure_ascii=False, default=str)


def _stored(raw: RawExchange) -> str:
    """Everything that reaches disk: the store's columns and the spool's line."""
    ex = build_exchange(raw, developer="dev@example.com")
    values = to_values(ex)
    return json.dumps(values, ensure_ascii=False, default=str) + "\n" + to_json(ex)


@pytest.mark.parametrize("transport", sorted(TRANSPORTS))
@pytest.mark.parametrize("case", CORPUS, ids=IDS)
def test_no_secret_reaches_the_store_or_the_spool(case, transport):
    raw = TRANSPORTS[transport](case["text"])
    before = _unredacted(raw)
    assert any(f in before for f in forms(case["secret"])), "the secret must reach the recorder"
    stored = _stored(raw)
    assert_gone(case, stored)
    assert "[REDACTED:" in stored


@pytest.mark.parametrize("transport", sorted(TRANSPORTS))
def test_ordinary_exchanges_are_stored_unredacted(transport):
    for text in ORDINARY:
        stored = _stored(TRANSPORTS[transport](text))
        assert "[REDACTED:" not in stored, text


@pytest.mark.parametrize("transport", ["anthropic messages sse", "openai chat sse",
                                       "openai responses sse"])
@pytest.mark.parametrize("case", CORPUS, ids=IDS)
def test_a_raw_request_body_redacts_to_valid_json(case, transport):
    """A body kept raw (before parsing) can be redacted as text: the secret goes and the body
    still parses, with only the secret's characters replaced."""
    body = TRANSPORTS[transport](case["text"]).request_body.decode()
    out = redact(body)
    assert_gone(case, out)
    json.loads(out)


def test_a_key_in_the_query_string_or_the_upstream_is_not_stored():
    google = next(e for e in CORPUS if e["kind"] == "google-api-key")["secret"]
    generic = "Zx81kQw9Lm3nB7vC5xT2aa"
    basic = next(e for e in CORPUS if e["secret"] == "CorrectHorseBatteryStaple")["secret"]
    raw = _raw(f"/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse&key={google}",
               {"contents": []}, [b"data: {}\n\n"])
    raw.upstream = f"https://gateway:{basic}@llm.internal"
    raw.error = f"upstream refused /v1/x?api_key={generic}"
    stored = _stored(raw)
    for secret in (google, generic, basic):
        assert secret not in stored
    ex = build_exchange(raw, developer="dev")
    assert ex.path.startswith("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse&key=")
    assert ex.upstream == "https://gateway:[REDACTED:password-in-url]@llm.internal"


@pytest.mark.parametrize("transport", sorted(TRANSPORTS))
def test_the_client_key_is_stored_only_as_a_salted_hash(transport):
    raw = TRANSPORTS[transport]("hello")
    key = dict(raw.request_headers).get("x-api-key") or "sk-ant-api03-" + "k" * 93 + "AA"
    raw.request_headers = [("user-agent", "claude-cli/2.0.14"), ("x-api-key", key)]
    stored = _stored(raw)
    assert key not in stored and "k" * 40 not in stored
    ex = build_exchange(raw, developer="dev")
    assert ex.api_key_hash is not None and ex.api_key_hash.startswith("h1:")
    assert ex.api_key_hash == R.hash_secret(key)
