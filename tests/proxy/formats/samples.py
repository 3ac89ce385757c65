"""Realistic wire samples (shapes as the providers document and send them)."""

from __future__ import annotations

import json


def sse(events: list[tuple[str | None, dict | str]]) -> bytes:
    out = []
    for name, data in events:
        payload = data if isinstance(data, str) else json.dumps(data)
        out.append((f"event: {name}\n" if name else "") + f"data: {payload}\n\n")
    return "".join(out).encode()


ANTHROPIC_REQUEST = {
    "model": "claude-sonnet-4-5-20250929",
    "max_tokens": 32000,
    "stream": True,
    "system": [{"type": "text", "text": "You are Claude Code.", "cache_control": {"type": "ephemeral"}},
               {"type": "text", "text": "Working directory: /home/dev/proj"}],
    "messages": [
        {"role": "user", "content": [{"type": "text", "text": "write hello.py"}]},
        {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "Write",
                                           "input": {"file_path": "/p/a.py", "content": "x"}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1",
                                      "content": "File created"}]},
    ],
    "tools": [{"name": "Write", "input_schema": {}}, {"name": "Edit", "input_schema": {}},
              {"type": "web_search_20250305", "name": "web_search"}],
    "metadata": {"user_id": "user_abc_account_def_session_0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9"},
}

ANTHROPIC_STREAM = sse([
    ("message_start", {"type": "message_start", "message": {
        "id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
        "content": [], "stop_reason": None, "usage": {"input_tokens": 25, "output_tokens": 1,
                                                      "cache_read_input_tokens": 1000,
                                                      "cache_creation_input_tokens": 50}}}),
    ("content_block_start", {"type": "content_block_start", "index": 0,
                             "content_block": {"type": "thinking", "thinking": ""}}),
    ("content_block_delta", {"type": "content_block_delta", "index": 0,
                             "delta": {"type": "thinking_delta", "thinking": "Let me "}}),
    ("content_block_delta", {"type": "content_block_delta", "index": 0,
                             "delta": {"type": "thinking_delta", "thinking": "think."}}),
    ("content_block_delta", {"type": "content_block_delta", "index": 0,
                             "delta": {"type": "signature_delta", "signature": "EqQB"}}),
    ("content_block_stop", {"type": "content_block_stop", "index": 0}),
    ("content_block_start", {"type": "content_block_start", "index": 1,
                             "content_block": {"type": "text", "text": ""}}),
    ("ping", {"type": "ping"}),
    ("content_block_delta", {"type": "content_block_delta", "index": 1,
                             "delta": {"type": "text_delta", "text": "I'll write "}}),
    ("content_block_delta", {"type": "content_block_delta", "index": 1,
                             "delta": {"type": "text_delta", "text": "the file. ✓"}}),
    ("content_block_stop", {"type": "content_block_stop", "index": 1}),
    ("content_block_start", {"type": "content_block_start", "index": 2, "content_block": {
        "type": "tool_use", "id": "toolu_2", "name": "Write", "input": {}}}),
    ("content_block_delta", {"type": "content_block_delta", "index": 2,
                             "delta": {"type": "input_json_delta", "partial_json": ""}}),
    ("content_block_delta", {"type": "content_block_delta", "index": 2,
                             "delta": {"type": "input_json_delta",
                                       "partial_json": '{"file_path": "/p/hello.py", '}}),
    ("content_block_delta", {"type": "content_block_delta", "index": 2,
                             "delta": {"type": "input_json_delta",
                                       "partial_json": '"content": "print(\\"hi\\")\\n"}'}}),
    ("content_block_stop", {"type": "content_block_stop", "index": 2}),
    ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "tool_use",
                                                          "stop_sequence": None},
                       "usage": {"output_tokens": 89}}),
    ("message_stop", {"type": "message_stop"}),
])

OPENAI_CHAT_STREAM = sse([
    (None, {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "gpt-4o-2024-08-06",
            "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                         "finish_reason": None}]}),
    (None, {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "gpt-4o-2024-08-06",
            "choices": [{"index": 0, "delta": {"content": "Here:"}, "finish_reason": None}]}),
    (None, {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "gpt-4o-2024-08-06",
            "choices": [{"index": 0, "delta": {"tool_calls": [
                {"index": 0, "id": "call_a", "type": "function",
                 "function": {"name": "write_file", "arguments": ""}},
                {"index": 1, "id": "call_b", "type": "function",
                 "function": {"name": "read_file", "arguments": ""}}]}, "finish_reason": None}]}),
    (None, {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "gpt-4o-2024-08-06",
            "choices": [{"index": 0, "delta": {"tool_calls": [
                {"index": 0, "function": {"arguments": "{\"path\": \"a.py\","}},
                {"index": 1, "function": {"arguments": "{\"path\": \"b.py\"}"}}]},
                "finish_reason": None}]}),
    (None, {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "gpt-4o-2024-08-06",
            "choices": [{"index": 0, "delta": {"tool_calls": [
                {"index": 0, "function": {"arguments": " \"text\": \"x = 1\"}"}}]},
                "finish_reason": None}]}),
    (None, {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "gpt-4o-2024-08-06",
            "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]}),
    (None, {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "gpt-4o-2024-08-06",
            "choices": [], "usage": {"prompt_tokens": 100, "completion_tokens": 20,
                                     "prompt_tokens_details": {"cached_tokens": 64},
                                     "completion_tokens_details": {"reasoning_tokens": 0}}}),
    (None, "[DONE]"),
])

PATCH = ("*** Begin Patch\n*** Add File: hello.py\n+print('hi')\n*** End Patch\n")

RESPONSES_STREAM = sse([
    ("response.created", {"type": "response.created", "sequence_number": 0, "response": {
        "id": "resp_1", "object": "response", "status": "in_progress", "model": "gpt-5-codex",
        "output": []}}),
    ("response.output_item.added", {"type": "response.output_item.added", "sequence_number": 1,
                                    "output_index": 0, "item": {"id": "rs_1", "type": "reasoning",
                                                                "summary": []}}),
    ("response.reasoning_summary_text.delta", {"type": "response.reasoning_summary_text.delta",
                                               "sequence_number": 2, "output_index": 0,
                                               "item_id": "rs_1", "summary_index": 0,
                                               "delta": "Plan the patch"}),
    ("response.output_item.done", {"type": "response.output_item.done", "sequence_number": 3,
                                   "output_index": 0, "item": {
                                       "id": "rs_1", "type": "reasoning",
                                       "summary": [{"type": "summary_text",
                                                    "text": "Plan the patch"}]}}),
    ("response.output_item.added", {"type": "response.output_item.added", "sequence_number": 4,
                                    "output_index": 1, "item": {
                                        "id": "msg_1", "type": "message", "role": "assistant",
                                        "status": "in_progress", "content": []}}),
    ("response.output_text.delta", {"type": "response.output_text.delta", "sequence_number": 5,
                                    "output_index": 1, "item_id": "msg_1", "content_index": 0,
                                    "delta": "Adding "}),
    ("response.output_text.delta", {"type": "response.output_text.delta", "sequence_number": 6,
                                    "output_index": 1, "item_id": "msg_1", "content_index": 0,
                                    "delta": "hello.py"}),
    ("response.output_item.added", {"type": "response.output_item.added", "sequence_number": 7,
                                    "output_index": 2, "item": {
                                        "id": "ctc_1", "type": "custom_tool_call",
                                        "call_id": "call_9", "name": "apply_patch", "input": ""}}),
    ("response.custom_tool_call_input.delta", {"type": "response.custom_tool_call_input.delta",
                                               "sequence_number": 8, "output_index": 2,
                                               "item_id": "ctc_1", "delta": PATCH[:30]}),
    ("response.custom_tool_call_input.delta", {"type": "response.custom_tool_call_input.delta",
                                               "sequence_number": 9, "output_index": 2,
                                               "item_id": "ctc_1", "delta": PATCH[30:]}),
    ("response.completed", {"type": "response.completed", "sequence_number": 10, "response": {
        "id": "resp_1", "object": "response", "status": "completed", "model": "gpt-5-codex",
        "output": [
            {"id": "rs_1", "type": "reasoning", "summary": [{"type": "summary_text",
                                                             "text": "Plan the patch"}]},
            {"id": "msg_1", "type": "message", "role": "assistant", "status": "completed",
             "content": [{"type": "output_text", "text": "Adding hello.py", "annotations": []}]},
            {"id": "ctc_1", "type": "custom_tool_call", "call_id": "call_9",
             "name": "apply_patch", "input": PATCH},
        ],
        "usage": {"input_tokens": 500, "input_tokens_details": {"cached_tokens": 128},
                  "output_tokens": 60, "output_tokens_details": {"reasoning_tokens": 20},
                  "total_tokens": 560}}}),
])
