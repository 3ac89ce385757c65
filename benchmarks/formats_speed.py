"""Wire-format parsing throughput: how fast the recorder reassembles a recorded answer.

    .venv/bin/python benchmarks/formats_speed.py [--kchars 400] [--repeat 5]

For each API family (OpenAI chat / Responses / completions, Anthropic Messages, Gemini,
Bedrock InvokeModel with its AWS event-stream framing) the fake upstream renders one long
streamed answer: ``--kchars`` thousand characters of text plus a tool call whose arguments
are as long (a whole file written through ``Write`` / ``apply_patch``), in deltas of 4
characters (about a token each, the way models stream). The bytes are fed to the family's
``StreamParser`` in 4 KiB chunks, as the relay copies them. We print, as medians over
``--repeat`` runs:

- MB/s of SSE bytes and thousands of events per second;
- the same for twice the size: if parsing were quadratic anywhere (joining deltas,
  rescanning the buffer) the ratio of times would be ~4, linear is ~2;
- a non-streamed JSON answer of the same content through ``parse_response``.

The figures are for one core of this machine; nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from proxy import formats  # noqa: E402
from tests.fakellm import FakeLLM, FakeToolCall, Reply  # noqa: E402

PATHS = {
    "openai.chat": ("/v1/chat/completions", {"messages": [{"role": "user", "content": "x"}],
                                             "stream_options": {"include_usage": True}}),
    "openai.responses": ("/v1/responses", {"input": "x"}),
    "openai.completions": ("/v1/completions", {"prompt": "x"}),
    "anthropic.messages": ("/v1/messages", {"max_tokens": 9,
                                            "messages": [{"role": "user", "content": "x"}]}),
    # the path says streamed or not for these two (``{}`` is replaced by the method)
    "gemini.generate": ("/v1beta/models/gemini-2.5-pro:{}", {
        "contents": [{"role": "user", "parts": [{"text": "x"}]}]}),
    "bedrock.invoke": ("/model/anthropic.claude-sonnet-4-5-v1:0/{}", {
        "anthropic_version": "bedrock-2023-05-31", "max_tokens": 9,
        "messages": [{"role": "user", "content": "x"}]}),
}
_METHODS = {"gemini.generate": ("streamGenerateContent?alt=sse", "generateContent"),
            "bedrock.invoke": ("invoke-with-response-stream", "invoke")}
LINE = "    result = compute(alpha, beta)  # naïve ✓ αβγ\n"


def render(api: str, kchars: int, stream: bool) -> bytes:
    text = (LINE * (kchars * 1000 // len(LINE) + 1))[: kchars * 1000]
    calls = [] if api == "openai.completions" else [
        FakeToolCall("Write", json.dumps({"file_path": "big.py", "content": text}))]
    reply = Reply(text=text, tool_calls=calls, chunk_chars=4)
    path, body = PATHS[api]
    if api in _METHODS:
        path = path.format(_METHODS[api][0 if stream else 1])
    return b"".join(FakeLLM().render(path, {"model": "m", "stream": stream, **body}, reply))


def time_stream(api: str, data: bytes, repeat: int) -> tuple[float, int]:
    chunks = [data[i:i + 4096] for i in range(0, len(data), 4096)]
    times, events = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        parser = formats.MODULES[api].StreamParser()
        for c in chunks:
            parser.feed(c)
        info = parser.finish(True)
        times.append(time.perf_counter() - t0)
        events = parser.sse.events_seen
        assert info.complete and not info.errors, info.errors
    return statistics.median(times), events


def time_body(api: str, data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        info = formats.parse_response(api, 200, [("content-type", "application/json")], [data])
        times.append(time.perf_counter() - t0)
        assert info.complete and not info.errors, info.errors
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kchars", type=int, default=400, help="thousands of characters of text")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    print(f"text {args.kchars}k chars + a tool call as long; 4-char deltas; 4 KiB chunks; "
          f"median of {args.repeat}")
    print(f"{'api':20} {'stream MB':>9} {'events':>8} {'MB/s':>7} {'kev/s':>7} "
          f"{'x2 time ratio':>13} {'json MB/s':>9}")
    for api in PATHS:
        data = render(api, args.kchars, True)
        t, events = time_stream(api, data, args.repeat)
        t2, _ = time_stream(api, render(api, args.kchars * 2, True), args.repeat)
        body = render(api, args.kchars, False)
        tb = time_body(api, body, args.repeat)
        print(f"{api:20} {len(data) / 1e6:9.1f} {events:8d} {len(data) / 1e6 / t:7.1f} "
              f"{events / 1e3 / t:7.0f} {t2 / t:13.2f} {len(body) / 1e6 / tb:9.1f}")


if __name__ == "__main__":
    main()
