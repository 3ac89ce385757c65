"""Legacy/FIM completions and Copilot's inline completions (n > 1)."""

from __future__ import annotations

import json

import pytest

from proxy import formats
from proxy.exchange import OPENAI_COMPLETIONS
from tests.proxy.formats import samples

SSE = [("content-type", "text/event-stream")]
JSON = [("content-type", "application/json")]


@pytest.mark.parametrize(("prompt", "want"), [
    ("def f(", "def f("),
    (["a", "b"], "a\nb"),
    ([1, 2, 3], "[token ids]"),
    ([], ""),
])
def test_prompt_shapes(prompt, want):
    req = formats.parse_request(OPENAI_COMPLETIONS, json.dumps({"model": "m", "prompt": prompt})
                                .encode())
    assert req.prompt == want and req.messages == ({"role": "user", "content": want},)
    assert req.suffix is None and not req.errors


def test_copilot_request_and_stream_with_alternatives():
    body = {"prompt": "# path: a.py\ndef add(a, b):\n    ", "suffix": "\n\nprint(add(1, 2))",
            "max_tokens": 500, "temperature": 0, "top_p": 1, "n": 3, "stop": ["\n\n"],
            "stream": True, "extra": {"language": "python", "next_indent": 0},
            "nwo": "octo/repo"}
    req = formats.parse_request(OPENAI_COMPLETIONS, json.dumps(body).encode())
    assert req.prompt.endswith("def add(a, b):\n    ") and req.suffix == "\n\nprint(add(1, 2))"
    assert req.params == {"max_tokens": 500, "temperature": 0, "top_p": 1, "n": 3,
                          "stop": ["\n\n"], "language": "python", "nwo": "octo/repo"}
    raw = samples.sse([
        (None, {"id": "cmpl-1", "model": "copilot-codex", "created": 1, "choices": [
            {"index": 0, "text": "return ", "finish_reason": None, "logprobs": None}]}),
        (None, {"id": "cmpl-1", "choices": [{"index": 2, "text": "return a+b"}]}),
        (None, {"id": "cmpl-1", "choices": [{"index": 1, "text": "return b + a"}]}),
        (None, {"id": "cmpl-1", "choices": [{"index": 0, "text": "a + b",
                                             "finish_reason": "stop"}]}),
        (None, {"id": "cmpl-1", "choices": [{"index": 1, "text": "", "finish_reason": "stop"},
                                            {"index": 2, "text": "", "finish_reason": "stop"}]}),
        (None, "[DONE]"),
    ])
    info = formats.parse_response(OPENAI_COMPLETIONS, 200, SSE, [raw])
    assert info.text == "return a + b"
    assert info.alternatives == ("return b + a", "return a+b")  # in choice order
    assert info.finish_reason == "stop" and info.complete and not info.errors
    assert (info.model, info.response_id) == ("copilot-codex", "cmpl-1")


def test_body_cut_stream_and_error():
    body = {"id": "cmpl-2", "object": "text_completion", "model": "gpt-3.5-turbo-instruct",
            "choices": [{"index": 0, "text": "x = 1", "finish_reason": "length"},
                        {"index": 1, "text": "y = 2", "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 4, "completion_tokens": 3, "total_tokens": 7}}
    info = formats.parse_response(OPENAI_COMPLETIONS, 200, JSON, [json.dumps(body).encode()])
    assert (info.text, info.alternatives, info.finish_reason) == ("x = 1", ("y = 2",), "length")
    assert (info.usage.input_tokens, info.usage.output_tokens) == (4, 3)
    cut = samples.sse([(None, {"id": "c", "choices": [{"index": 0, "text": "par"}]})])
    info = formats.parse_response(OPENAI_COMPLETIONS, 200, SSE, [cut[:-1]], complete=False)
    assert info.text == "par" and not info.complete and info.errors
    err = {"error": {"message": "This model's maximum context length is 4097 tokens",
                     "type": "invalid_request_error", "param": None,
                     "code": "context_length_exceeded"}}
    info = formats.parse_response(OPENAI_COMPLETIONS, 400, JSON, [json.dumps(err).encode()])
    assert info.error == ("HTTP 400: context_length_exceeded: This model's maximum context "
                          "length is 4097 tokens")
