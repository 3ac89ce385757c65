"""OpenAI Responses API (Codex): request items, typed stream events, bodies."""

from __future__ import annotations

import json

import pytest

from proxy import formats
from proxy.exchange import OPENAI_RESPONSES
from tests.proxy.formats import samples

SSE = [("content-type", "text/event-stream")]
JSON = [("content-type", "application/json")]
USAGE = {"input_tokens": 50, "input_tokens_details": {"cached_tokens": 10}, "output_tokens": 7,
         "output_tokens_details": {"reasoning_tokens": 4}, "total_tokens": 57}


def ev(kind: str, **fields: object) -> tuple[str, dict]:
    return kind, {"type": kind, **fields}


def resp(status: str, output: list | None = None, **extra: object) -> dict:
    return {"id": "resp_7", "object": "response", "model": "gpt-5-codex", "status": status,
            "output": output or [], "usage": USAGE if status != "in_progress" else None,
            **extra}


def parse(events: list, complete: bool = True):
    return formats.parse_response(OPENAI_RESPONSES, 200, SSE, [samples.sse(events)],
                                  complete=complete)


def test_request_codex_like():
    body = {
        "model": "gpt-5-codex", "instructions": "You are Codex.", "stream": True,
        "store": False, "prompt_cache_key": "0199-conv", "parallel_tool_calls": False,
        "reasoning": {"effort": "medium", "summary": "auto"},
        "tools": [{"type": "function", "name": "exec_command", "parameters": {}},
                  {"type": "custom", "name": "apply_patch", "format": {"type": "grammar"}},
                  {"type": "namespace", "name": "agents",
                   "tools": [{"type": "function", "name": "spawn"}]},
                  {"type": "web_search"}, {"type": "local_shell"}],
        "input": [
            {"type": "message", "role": "developer",
             "content": [{"type": "input_text", "text": "<permissions instructions>ro"}]},
            {"type": "message", "role": "user", "content": [
                {"type": "input_text", "text": "# AGENTS.md instructions for /w\n\nuse tabs"}]},
            {"type": "message", "role": "user", "content": [
                {"type": "input_text", "text": "<environment_context><cwd>/w</cwd>"
                                               "</environment_context>"}]},
            {"type": "message", "role": "user", "content": [
                {"type": "input_text", "text": "add hello.py"},
                {"type": "input_image", "image_url": "data:image/png;base64,AA"}]},
            {"type": "reasoning", "summary": [], "encrypted_content": "gAAA"},
            {"type": "function_call", "name": "exec_command", "call_id": "c1",
             "arguments": "{\"cmd\": \"ls\"}"},
            {"type": "function_call_output", "call_id": "c1", "output": "README.md"},
            {"type": "custom_tool_call", "name": "apply_patch", "call_id": "c2",
             "input": samples.PATCH},
            {"type": "custom_tool_call_output", "call_id": "c2", "output": "Done!"},
        ],
    }
    req = formats.parse_request(OPENAI_RESPONSES, json.dumps(body).encode())
    assert req.prompt == "add hello.py\n[image]"
    assert req.system == "You are Codex.\n\n<permissions instructions>ro"
    assert req.tools_offered == ("exec_command", "apply_patch", "agents.spawn", "web_search",
                                 "local_shell")
    assert req.session_id == "0199-conv" and req.stream
    assert [m["role"] for m in req.messages] == ["developer", "user", "user", "user",
                                                 "assistant", "tool", "assistant", "tool"]
    assert req.messages[4]["content"] == '[tool call exec_command({"cmd": "ls"})]'
    assert req.messages[6]["content"] == "[tool call apply_patch]\n" + samples.PATCH
    assert req.params["reasoning"] == {"effort": "medium", "summary": "auto"}
    assert req.params["store"] is False and not req.errors


def test_request_string_input():
    req = formats.parse_request(OPENAI_RESPONSES, b'{"model": "m", "input": "hi"}')
    assert req.prompt == "hi" and req.messages == ({"role": "user", "content": "hi"},)


PATCH_ITEM = {"id": "ctc_1", "type": "custom_tool_call", "call_id": "call_9",
              "name": "apply_patch", "input": samples.PATCH, "status": "completed"}
FC_ITEM = {"id": "fc_1", "type": "function_call", "call_id": "call_1", "name": "exec_command",
           "arguments": "{\"cmd\": \"cat a.py\"}", "status": "completed"}


STREAM_CASES = {
    "completed output is the truth": (
        None,  # samples.RESPONSES_STREAM, parsed below
        {"text": "Adding hello.py", "reasoning": "Plan the patch",
         "calls": [("apply_patch", samples.PATCH, "custom", "call_9")]},
    ),
    "only output_item.done events, no deltas, completed without output": (
        [ev("response.created", response=resp("in_progress")),
         ev("response.output_item.done", output_index=0, item=FC_ITEM),
         ev("response.output_item.done", output_index=1, item=PATCH_ITEM),
         ev("response.completed", response={**resp("completed"), "output": []})],
        {"calls": [("exec_command", FC_ITEM["arguments"], "function", "call_1"),
                   ("apply_patch", samples.PATCH, "custom", "call_9")]},
    ),
    "cut after the .done part events, before output_item.done": (
        [ev("response.created", response=resp("in_progress")),
         ev("response.output_item.added", output_index=0,
            item={**FC_ITEM, "arguments": "", "status": "in_progress"}),
         ev("response.function_call_arguments.delta", output_index=0, delta="{\"cmd\""),
         ev("response.function_call_arguments.done", output_index=0,
            arguments=FC_ITEM["arguments"]),
         ev("response.output_item.added", output_index=1,
            item={"id": "m", "type": "message", "role": "assistant", "content": []}),
         ev("response.output_text.delta", output_index=1, content_index=0, delta="Rea"),
         ev("response.output_text.done", output_index=1, content_index=0, text="Reading")],
        {"text": "Reading", "calls": [("exec_command", FC_ITEM["arguments"], "function",
                                       "call_1")],
         "complete": False, "finish_reason": None},
    ),
    "deltas without output_item.added (a gateway dropped it)": (
        [ev("response.output_text.delta", output_index=0, content_index=0, delta="a"),
         ev("response.output_text.delta", output_index=0, content_index=0, delta="b"),
         ev("response.custom_tool_call_input.delta", output_index=1, delta="*** Begin"),
         ev("response.custom_tool_call_input.delta", output_index=1, delta=" Patch")],
        {"text": "ab", "calls": [("", "*** Begin Patch", "custom", None)],
         "complete": False, "finish_reason": None},
    ),
    "reasoning summary parts and raw reasoning text": (
        [ev("response.output_item.added", output_index=0, item={"id": "rs", "type": "reasoning",
                                                                "summary": []}),
         ev("response.reasoning_summary_text.delta", output_index=0, summary_index=0,
            delta="**Plan**"),
         ev("response.reasoning_summary_text.delta", output_index=0, summary_index=1,
            delta="Then act"),
         ev("response.output_item.added", output_index=1, item={"id": "rs2",
                                                                "type": "reasoning"}),
         ev("response.reasoning_text.delta", output_index=1, content_index=0, delta="raw"),
         ev("response.completed", response=resp("completed", output=None))],
        {"reasoning": "**Plan**\n\nThen act\n\nraw"},
    ),
    "incomplete: max tokens": (
        [ev("response.output_text.delta", output_index=0, delta="long"),
         ev("response.incomplete", response={**resp("incomplete"), "incomplete_details": {
             "reason": "max_output_tokens"}})],
        {"text": "long", "finish_reason": "incomplete:max_output_tokens"},
    ),
    "failed": (
        [ev("response.created", response=resp("in_progress")),
         ev("response.failed", response={**resp("failed"), "error": {
             "code": "server_error", "message": "The model failed"}})],
        {"finish_reason": "failed", "error": "server_error: The model failed"},
    ),
    "error event (rate limit) without a terminal event": (
        [ev("response.created", response=resp("in_progress")),
         ev("error", code="rate_limit_exceeded", message="Rate limit reached", param=None)],
        {"error": "rate_limit_exceeded: Rate limit reached", "complete": False,
         "finish_reason": None},
    ),
    "built-in apply_patch, shell, local_shell and mcp calls": (
        [ev("response.output_item.done", output_index=0, item={
            "type": "apply_patch_call", "call_id": "ap", "status": "completed",
            "operation": {"type": "create_file", "path": "hi.py", "diff": "+print('hi')\n"}}),
         ev("response.output_item.done", output_index=1, item={
             "type": "shell_call", "call_id": "sh", "action": {"commands": ["ls"]}}),
         ev("response.output_item.done", output_index=2, item={
             "type": "local_shell_call", "call_id": "ls", "action": {
                 "type": "exec", "command": ["bash", "-lc", "ls"]}}),
         ev("response.output_item.done", output_index=3, item={
             "type": "mcp_call", "id": "mcp_1", "server_label": "fs", "name": "write_file",
             "arguments": "{\"path\": \"x\"}"}),
         ev("response.output_item.done", output_index=4, item={
             "type": "function_call", "namespace": "agents", "name": "spawn", "call_id": "sp",
             "arguments": "{}"}),
         ev("response.completed", response=resp("completed"))],
        {"calls": [("apply_patch", "*** Begin Patch\n*** Add File: hi.py\n+print('hi')\n"
                                   "*** End Patch", "custom", "ap"),
                   ("shell", '{"commands": ["ls"]}', "local_shell", "sh"),
                   ("local_shell", '{"type": "exec", "command": ["bash", "-lc", "ls"]}',
                    "local_shell", "ls"),
                   ("fs.write_file", '{"path": "x"}', "server_tool_use", "mcp_1"),
                   ("agents.spawn", "{}", "function", "sp")]},
    ),
}


@pytest.mark.parametrize("case", STREAM_CASES, ids=list(STREAM_CASES))
def test_streams(case):
    events, want = STREAM_CASES[case]
    info = (formats.parse_response(OPENAI_RESPONSES, 200, SSE, [samples.RESPONSES_STREAM])
            if events is None else parse(events))
    assert info.text == want.get("text", "")
    assert info.reasoning == want.get("reasoning", "")
    assert [(c.name, c.arguments, c.kind, c.id) for c in info.tool_calls] == want.get(
        "calls", [])
    assert info.error == want.get("error")
    assert info.complete == want.get("complete", True)
    assert info.finish_reason == want.get("finish_reason", "completed")


def test_usage_and_ids_from_the_terminal_event():
    info = formats.parse_response(OPENAI_RESPONSES, 200, SSE, [samples.RESPONSES_STREAM])
    u = info.usage
    assert (u.input_tokens, u.output_tokens, u.cache_read_tokens, u.reasoning_tokens) == (
        500, 60, 128, 20)
    assert (info.model, info.response_id) == ("gpt-5-codex", "resp_1")


def test_body():
    body = resp("completed", output=[
        {"type": "reasoning", "summary": [{"type": "summary_text", "text": "why"}]},
        {"type": "message", "role": "assistant", "content": [
            {"type": "output_text", "text": "see below", "annotations": []}]},
        FC_ITEM])
    info = formats.parse_response(OPENAI_RESPONSES, 200, JSON, [json.dumps(body).encode()])
    assert (info.text, info.reasoning, info.finish_reason) == ("see below", "why", "completed")
    assert info.tool_calls[0].name == "exec_command" and info.usage.input_tokens == 50
    failed = {**resp("failed"), "error": {"code": "server_error", "message": "boom"}}
    info = formats.parse_response(OPENAI_RESPONSES, 200, JSON, [json.dumps(failed).encode()])
    assert info.error == "server_error: boom"


# --- Codex's code mode: one custom ``exec`` tool whose JavaScript edits files ---------------

CODE_MODE_JS = (
    'const out = await tools.apply_patch("*** Begin Patch\\n*** Add File: src/util.py\\n'
    '+def slug(s):\\n+    return s.lower().replace(\\" \\", \\"-\\")\\n*** End Patch\\n");\n'
    'await tools.write_file({ path: "src/VERSION", content: "1.2.0\\n" });\n'
    "console.log(out);\n")


def test_code_mode_request_tools_arrive_as_an_additional_tools_item():
    body = {"model": "gpt-5.2-codex", "stream": True, "tools": [
        {"type": "custom", "name": "exec", "format": {"type": "text"}}],
        "input": [{"type": "additional_tools", "tools": [
            {"type": "function", "name": "apply_patch"},
            {"type": "function", "name": "write_file"}]},
            {"type": "message", "role": "user", "content": [
                {"type": "input_text", "text": "add a slug helper"}]}]}
    req = formats.parse_request(OPENAI_RESPONSES, json.dumps(body).encode())
    assert req.tools_offered == ("exec", "apply_patch", "write_file")
    assert req.prompt == "add a slug helper" and not req.errors


def test_code_mode_exec_script_edits_become_snippets():
    from provenance.snippets import extract

    item = {"type": "custom_tool_call", "id": "ctc_1", "call_id": "call_1", "name": "exec",
            "input": CODE_MODE_JS, "status": "completed"}
    info = parse([ev("response.created", response=resp("in_progress")),
                  ev("response.output_item.added", output_index=0,
                     item={**item, "input": ""}),
                  *[ev("response.custom_tool_call_input.delta", output_index=0, delta=d)
                    for d in (CODE_MODE_JS[:50], CODE_MODE_JS[50:])],
                  ev("response.output_item.done", output_index=0, item=item),
                  ev("response.completed", response=resp("completed", [item]))])
    [call] = info.tool_calls
    assert (call.name, call.kind, call.arguments) == ("exec", "custom", CODE_MODE_JS)
    snippets = extract(info.text, info.tool_calls)
    assert [(s.kind, s.path, s.text) for s in snippets] == [
        ("patch", "src/util.py", 'def slug(s):\n    return s.lower().replace(" ", "-")\n'),
        ("write", "src/VERSION", "1.2.0\n")]


@pytest.mark.parametrize("script", [
    # a template literal holding the envelope with real newlines
    "await tools.apply_patch(`*** Begin Patch\n*** Update File: a.py\n@@\n-x = 1\n+x = 2\n"
    "*** End Patch`)",
    # fs-style positional write
    "import fs from 'node:fs';\nfs.writeFileSync('a.py', 'x = 2\\n');",
])
def test_code_mode_other_script_shapes(script):
    from provenance.snippets import extract
    from proxy.exchange import ToolCall

    [snip] = extract("", [ToolCall("exec", script, kind="custom")])
    assert snip.path == "a.py" and snip.text == "x = 2\n"


def test_classic_exec_command_apply_patch_still_cut():
    from provenance.snippets import extract
    from proxy.exchange import ToolCall

    cmd = {"cmd": "apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: b.py\n+B = 1\n"
                  "*** End Patch\nEOF\n"}
    [snip] = extract("", [ToolCall("exec_command", json.dumps(cmd))])
    assert (snip.kind, snip.path, snip.text) == ("patch", "b.py", "B = 1\n")
