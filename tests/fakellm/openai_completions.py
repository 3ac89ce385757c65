"""OpenAI legacy / fill-in-the-middle completions answers (choices interleave when n > 1)."""

from __future__ import annotations

from collections.abc import Iterator

from tests.fakellm.script import DONE, Turn, alternatives, dumps, pieces, sse


def render_completions(t: Turn, stream: bool) -> Iterator[bytes]:
    reply = t.reply
    cid = t.id("cmpl", "-")
    pt, ct = reply.usage
    usage = {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct}
    texts = [reply.text, *alternatives(reply, t.data)]
    if not stream:
        yield dumps({"id": cid, "object": "text_completion", "created": t.created,
                      "model": t.model, "choices": [
                          {"index": i, "text": text, "logprobs": None, "finish_reason": "stop"}
                          for i, text in enumerate(texts)], "usage": usage}).encode()
        return
    head = (b'data: {"id":"' + cid.encode() + b'","object":"text_completion","created":'
            + str(t.created).encode() + b',"model":' + dumps(t.model).encode()
            + b',"choices":[{"index":')

    def chunk(index: int, text: str, finish: str | None = None) -> bytes:
        fin = b'"' + finish.encode() + b'"' if finish else b"null"
        return (head + str(index).encode() + b',"text":' + dumps(text).encode()
                + b',"logprobs":null,"finish_reason":' + fin + b"}]}\n\n")

    # choices interleave, as Copilot's n > 1 streams do
    parts = [pieces(text, size=reply.chunk_chars) for text in texts]
    for step in range(max(map(len, parts), default=0)):
        for i, p in enumerate(parts):
            if step < len(p):
                yield chunk(i, p[step])
    if reply.stream_error is not None:
        yield sse({"error": {"message": reply.stream_error, "type": "server_error",
                              "param": None, "code": None}})
        return
    for i in range(len(texts)):
        yield chunk(i, "", "stop")
    yield DONE


