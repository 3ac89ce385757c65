"""OpenAI Responses answers: one response object, or its typed events (the same texts go out
as SSE ``data:`` lines or as WebSocket messages)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.fakellm.script import Turn, dumps, pieces


def responses_items(t: Turn) -> list[dict[str, Any]]:
    reply = t.reply
    items: list[dict[str, Any]] = []
    if reply.thinking:
        items.append({"id": t.id("rs"), "type": "reasoning", "summary": [
            {"type": "summary_text", "text": reply.thinking}]})
    if reply.text:
        items.append({"id": t.id("msg"), "type": "message", "status": "completed",
                      "role": "assistant", "content": [
                          {"type": "output_text", "text": reply.text, "annotations": [],
                           "logprobs": []}]})
    for i, tc in enumerate(reply.tool_calls):
        if reply.custom_tool if tc.custom is None else tc.custom:
            items.append({"id": t.id("ctc", index=i), "type": "custom_tool_call",
                          "status": "completed", "call_id": t.call_id(tc, i),
                          "name": tc.name, "input": tc.arguments})
        else:
            items.append({"id": t.id("fc", index=i), "type": "function_call",
                          "status": "completed", "call_id": t.call_id(tc, i),
                          "name": tc.name, "arguments": tc.arguments})
    return items


def response_object(t: Turn, status: str, items: list[dict[str, Any]],
                     usage: bool = True) -> dict[str, Any]:
    pt, ct = t.reply.usage
    data = t.data
    return {"id": t.id("resp"), "object": "response", "created_at": t.created,
            "status": status, "background": False, "error": None, "incomplete_details": None,
            "instructions": data.get("instructions") if isinstance(
                data.get("instructions"), str) else None,
            "max_output_tokens": None, "model": t.model, "output": items,
            "parallel_tool_calls": True, "previous_response_id": data.get(
                "previous_response_id") if isinstance(data.get("previous_response_id"),
                                                      str) else None,
            "reasoning": {"effort": None, "summary": None}, "store": False,
            "temperature": 1.0, "text": {"format": {"type": "text"}}, "tool_choice": "auto",
            "tools": [], "top_p": 1.0, "truncation": "disabled",
            "usage": {"input_tokens": pt,
                      "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
                      "output_tokens": ct, "output_tokens_details": {"reasoning_tokens": 0},
                      "total_tokens": pt + ct} if usage else None,
            "metadata": {}}


def responses_events(t: Turn) -> list[str]:
    """The JSON text of every streamed Responses event, in order, each with its
    ``sequence_number`` (the same texts go out as SSE ``data:`` or as WebSocket messages)."""
    reply = t.reply
    items = responses_items(t)
    evs: list[dict[str, Any] | tuple[str, str]] = []
    start = dumps(response_object(t, "in_progress", [], usage=False))
    evs.append(("response.created", start))
    evs.append(("response.in_progress", start))
    size = reply.chunk_chars
    for idx, item in enumerate(items):
        kind, iid = item["type"], item["id"]
        if kind == "message":
            evs.append({"type": "response.output_item.added", "output_index": idx,
                        "item": {**item, "status": "in_progress", "content": []}})
            ref = {"item_id": iid, "output_index": idx, "content_index": 0}
            evs.append({"type": "response.content_part.added", **ref, "part": {
                "type": "output_text", "text": "", "annotations": [], "logprobs": []}})
            for piece in pieces(reply.text, size=size):
                evs.append({"type": "response.output_text.delta", **ref, "delta": piece,
                            "logprobs": []})
            evs.append({"type": "response.output_text.done", **ref, "text": reply.text,
                        "logprobs": []})
            evs.append({"type": "response.content_part.done", **ref,
                        "part": item["content"][0]})
        elif kind == "reasoning":
            evs.append({"type": "response.output_item.added", "output_index": idx,
                        "item": {**item, "summary": []}})
            ref = {"item_id": iid, "output_index": idx, "summary_index": 0}
            evs.append({"type": "response.reasoning_summary_part.added", **ref,
                        "part": {"type": "summary_text", "text": ""}})
            for piece in pieces(reply.thinking, size=size):
                evs.append({"type": "response.reasoning_summary_text.delta", **ref,
                            "delta": piece})
            evs.append({"type": "response.reasoning_summary_text.done", **ref,
                        "text": reply.thinking})
            evs.append({"type": "response.reasoning_summary_part.done", **ref,
                        "part": {"type": "summary_text", "text": reply.thinking}})
        elif kind == "function_call":
            evs.append({"type": "response.output_item.added", "output_index": idx,
                        "item": {**item, "status": "in_progress", "arguments": ""}})
            for piece in pieces(item["arguments"], size=size):
                evs.append({"type": "response.function_call_arguments.delta",
                            "item_id": iid, "output_index": idx, "delta": piece})
            evs.append({"type": "response.function_call_arguments.done", "item_id": iid,
                        "output_index": idx, "name": item["name"],
                        "arguments": item["arguments"]})
        else:  # custom_tool_call: Codex's freeform apply_patch
            evs.append({"type": "response.output_item.added", "output_index": idx,
                        "item": {**item, "status": "in_progress", "input": ""}})
            for piece in pieces(item["input"], size=size):
                evs.append({"type": "response.custom_tool_call_input.delta",
                            "item_id": iid, "output_index": idx, "delta": piece})
            evs.append({"type": "response.custom_tool_call_input.done", "item_id": iid,
                        "output_index": idx, "input": item["input"]})
        evs.append({"type": "response.output_item.done", "output_index": idx, "item": item})
    if reply.stream_error is not None:
        failed = response_object(t, "failed", items, usage=False)
        failed["error"] = {"code": "server_error", "message": reply.stream_error}
        evs.append(("response.failed", dumps(failed)))
    else:
        evs.append(("response.completed", dumps(response_object(t, "completed", items))))
    out: list[str] = []
    for seq, ev in enumerate(evs):
        if isinstance(ev, tuple):  # a pre-encoded response object
            out.append(f'{{"type":"{ev[0]}","response":{ev[1]},"sequence_number":{seq}}}')
        else:
            ev["sequence_number"] = seq
            out.append(dumps(ev))
    return out


def render_responses(t: Turn, stream: bool) -> Iterator[bytes]:
    if not stream:
        yield dumps(response_object(t, "completed", responses_items(t))).encode()
        return
    for text in responses_events(t):
        kind = text[9:text.index('"', 9)]  # every event starts with {"type":"
        yield b"event: " + kind.encode() + b"\ndata: " + text.encode() + b"\n\n"


