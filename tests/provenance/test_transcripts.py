"""Transcripts of past sessions read as recorded turns (``provenance.transcripts``).

The fixtures follow the files the assistants write (Claude Code 2.x project transcripts,
Codex rollout files in the current and the older layout, Gemini CLI saved chats and
checkpoints); ``tests/aiprov/test_import.py`` imports them into a store and commits.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from provenance import transcripts as tr
from provenance.snippets import extract_exchange

CLAUDE_SESSION = "4f35e220-c435-4cf7-b9b9-f40426042847"
CODEX_SESSION = "0199a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b"
GEMINI_SESSION = "6d1c0a52-1b7e-4a47-9d31-8b7c2f0e5a11"

WRITTEN = '''def merge_intervals(intervals):
    """Merge overlapping closed intervals given as (start, end) pairs."""
    ordered = sorted(intervals)
    merged = [list(ordered[0])] if ordered else []
    for start, end in ordered[1:]:
        if start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(pair) for pair in merged]
'''

LAST = "    return [tuple(pair) for pair in merged]\n"
EDITED = '''def total_length(intervals):
    """Sum of the lengths of the merged intervals."""
    total = 0
    for start, end in merge_intervals(intervals):
        total += end - start
    return total
'''
EDITED_FILE = WRITTEN + "\n\n" + EDITED  # the file after the Write and the Edit

PATCHED = '''def word_frequencies(text):
    """Count how often each lower-cased word occurs in text."""
    counts = {}
    for word in text.lower().split():
        word = word.strip(".,;:!?")
        counts[word] = counts.get(word, 0) + 1
    return counts
'''


def _line(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))


def claude_transcript(cwd: str, *, path: str = "intervals.py", when: str = "2026-11-30T10:15:02.511Z",
                      content: str = WRITTEN, secret: str | None = None) -> str:
    """A Claude Code session: prompt, a text block and a Write tool_use (one line each, as
    Claude Code writes them), the tool result, an Edit, a summary line."""
    base = {"isSidechain": False, "userType": "external", "cwd": cwd,
            "sessionId": CLAUDE_SESSION, "version": "2.1.3", "gitBranch": "main"}
    msg = {"id": "msg_01HxY", "type": "message", "role": "assistant",
           "model": "claude-sonnet-4-5-20250929", "stop_reason": None,
           "usage": {"input_tokens": 1203, "output_tokens": 311,
                     "cache_creation_input_tokens": 0, "cache_read_input_tokens": 9800}}
    file_path = f"{cwd}/{path}"
    body = content if secret is None else content + f'API_KEY = "{secret}"\n'
    lines = [
        {"type": "summary", "summary": "Interval merging helper", "leafUuid": "u-5"},
        {**base, "parentUuid": None, "type": "user", "uuid": "u-1",
         "timestamp": "2026-11-30T10:14:55.000Z",
         "message": {"role": "user", "content": f"write {path} with a merge_intervals function"}},
        {**base, "parentUuid": "u-1", "type": "assistant", "uuid": "u-2", "requestId": "req_1",
         "timestamp": "2026-11-30T10:15:01.002Z",
         "message": {**msg, "content": [{"type": "text", "text": "I'll create the file."}]}},
        {**base, "parentUuid": "u-2", "type": "assistant", "uuid": "u-3", "requestId": "req_1",
         "timestamp": when,
         "message": {**msg, "content": [{"type": "tool_use", "id": "toolu_01A", "name": "Write",
                                         "input": {"file_path": file_path, "content": body}}]}},
        {**base, "parentUuid": "u-3", "type": "user", "uuid": "u-4",
         "timestamp": "2026-11-30T10:15:03.000Z",
         "message": {"role": "user", "content": [
             {"tool_use_id": "toolu_01A", "type": "tool_result",
              "content": f"File created successfully at: {file_path}"}]},
         "toolUseResult": {"type": "create", "filePath": file_path, "content": body}},
        {**base, "parentUuid": "u-4", "type": "assistant", "uuid": "u-5", "requestId": "req_2",
         "timestamp": "2026-11-30T10:15:09.000Z",
         "message": {**msg, "id": "msg_02", "content": [
             {"type": "tool_use", "id": "toolu_01B", "name": "Edit",
              "input": {"file_path": file_path, "old_string": LAST,
                        "new_string": LAST + "\n\n" + EDITED}}]}},
    ]
    return "\n".join(_line(x) for x in lines) + "\n"


def codex_rollout(cwd: str, *, path: str = "words.py", content: str = PATCHED,
                  origin: str | None = None) -> str:
    """A Codex CLI rollout: session_meta, turn_context, the user's message, a reasoning item,
    an exec_command call holding an apply_patch heredoc, its output, a custom apply_patch
    call, the closing assistant message."""
    added = "".join(f"+{ln}\n" for ln in content.splitlines())
    patch = f"*** Begin Patch\n*** Add File: {path}\n{added}*** End Patch\n"
    second = ("*** Begin Patch\n*** Update File: README.md\n@@\n # demo\n"
              "+Word counting lives in words.py.\n*** End Patch\n")
    meta: dict[str, Any] = {"id": CODEX_SESSION, "timestamp": "2026-12-01T08:00:00.000Z", "cwd": cwd,
            "originator": "codex_cli_rs", "cli_version": "0.169.0", "source": "exec",
            "model_provider": "openai"}
    if origin:
        meta["git"] = {"commit_hash": "abc123", "branch": "main", "repository_url": origin}
    lines = [
        {"timestamp": "2026-12-01T08:00:00.120Z", "type": "session_meta", "payload": meta},
        {"timestamp": "2026-12-01T08:00:00.200Z", "type": "response_item", "payload": {
            "type": "message", "role": "user", "content": [
                {"type": "input_text", "text": f"<environment_context>\n  <cwd>{cwd}</cwd>\n"
                                               "</environment_context>"}]}},
        {"timestamp": "2026-12-01T08:00:00.300Z", "type": "turn_context", "payload": {
            "cwd": cwd, "approval_policy": "never", "model": "gpt-5-codex", "effort": "medium",
            "summary": "auto"}},
        {"timestamp": "2026-12-01T08:00:00.310Z", "type": "event_msg", "payload": {
            "type": "user_message", "message": f"add {path} that counts words", "images": []}},
        {"timestamp": "2026-12-01T08:00:03.000Z", "type": "response_item", "payload": {
            "type": "reasoning", "summary": [], "encrypted_content": "gAAAAB..."}},
        {"timestamp": "2026-12-01T08:00:04.500Z", "type": "response_item", "payload": {
            "type": "function_call", "name": "exec_command", "call_id": "call_Q1",
            "arguments": json.dumps({"cmd": f"apply_patch <<'EOF'\n{patch}EOF\n",
                                     "workdir": cwd})}},
        {"timestamp": "2026-12-01T08:00:04.900Z", "type": "response_item", "payload": {
            "type": "function_call_output", "call_id": "call_Q1",
            "output": "Success. Updated the following files:\nA " + path}},
        {"timestamp": "2026-12-01T08:00:06.000Z", "type": "response_item", "payload": {
            "type": "custom_tool_call", "status": "completed", "call_id": "call_Q2",
            "name": "apply_patch", "input": second}},
        {"timestamp": "2026-12-01T08:00:08.000Z", "type": "response_item", "payload": {
            "type": "message", "role": "assistant", "content": [
                {"type": "output_text", "text": f"Added `{path}`."}]}},
        {"timestamp": "2026-12-01T08:00:08.100Z", "type": "event_msg", "payload": {
            "type": "token_count", "info": None}},
    ]
    return "\n".join(_line(x) for x in lines) + "\n"


def gemini_chat(*, project: str = "/work/app", path: str = "/work/app/src/intervals.py") -> str:
    """A Gemini CLI saved chat (``~/.gemini/tmp/<hash>/chats/session-*.json``); the project
    is known only by its hash, as Gemini CLI keeps it."""
    return json.dumps({
        "sessionId": GEMINI_SESSION,
        "projectHash": hashlib.sha256(project.encode()).hexdigest(),
        "startTime": "2026-12-02T09:00:00.000Z", "lastUpdated": "2026-12-02T09:01:00.000Z",
        "messages": [
            {"id": "m1", "timestamp": "2026-12-02T09:00:00.000Z", "type": "user",
             "content": "write the interval merger"},
            {"id": "m2", "timestamp": "2026-12-02T09:00:20.000Z", "type": "gemini",
             "content": "Writing it now.", "model": "gemini-2.5-pro",
             "thoughts": [{"subject": "Plan", "description": "write a file",
                           "timestamp": "2026-12-02T09:00:10.000Z"}],
             "tokens": {"input": 800, "output": 120, "cached": 0, "thoughts": 40, "tool": 0,
                        "total": 960},
             "toolCalls": [
                 {"id": "write_file-1764666020000-a1", "name": "write_file",
                  "args": {"file_path": path, "content": WRITTEN}, "status": "success",
                  "timestamp": "2026-12-02T09:00:21.000Z", "displayName": "WriteFile",
                  "result": [{"functionResponse": {"id": "write_file-1764666020000-a1",
                                                   "name": "write_file",
                                                   "response": {"output": "ok"}}}]},
                 {"id": "replace-1764666021000-b2", "name": "replace",
                  "args": {"file_path": path, "old_string": LAST,
                           "new_string": LAST + "\n\n" + EDITED},
                  "status": "success", "timestamp": "2026-12-02T09:00:22.000Z"}]},
        ]}, indent=2)


def gemini_checkpoint() -> str:
    """A ``/chat save`` checkpoint: Gemini ``Content`` objects, no timestamps."""
    return json.dumps([
        {"role": "user", "parts": [{"text": "write the interval merger"}]},
        {"role": "model", "parts": [
            {"text": "Done.", "thought": False},
            {"functionCall": {"name": "write_file",
                              "args": {"file_path": "/w/intervals.py", "content": WRITTEN}}}]},
        {"role": "user", "parts": [{"functionResponse": {"name": "write_file",
                                                         "response": {"output": "ok"}}}]},
    ])


def _ts(s: str) -> float:
    return datetime.fromisoformat(s.replace("Z", "+00:00")).astimezone(UTC).timestamp()


def _exchange(turn: tr.Turn):  # type: ignore[no-untyped-def]
    return tr.to_exchange(turn, developer="dev@example.com", repo="/work/app")


# --- Claude Code ---------------------------------------------------------------------------


def test_claude_turns_carry_session_model_time_and_the_prompt() -> None:
    text = claude_transcript("/work/app")
    assert tr.detect(text) == tr.CLAUDE_CODE
    turns = tr.parse(text, "/t/s.jsonl")
    assert [t.key for t in turns] == ["claude-code:u-2", "claude-code:u-3", "claude-code:u-5"]
    write = turns[1]
    assert write.at == _ts("2026-11-30T10:15:02.511Z")
    assert (write.session_id, write.cwd, write.model, write.tool_version) == (
        CLAUDE_SESSION, "/work/app", "claude-sonnet-4-5-20250929", "2.1.3")
    assert write.prompt == "write intervals.py with a merge_intervals function"
    assert write.in_repo and write.usage.cache_read_tokens == 9800
    assert [c.name for c in write.tool_calls] == ["Write"]


def test_claude_write_and_edit_become_the_snippets_the_proxy_would_cut() -> None:
    snippets = [s for t in tr.parse(claude_transcript("/work/app"), "/t/s.jsonl")
                for s in extract_exchange(_exchange(t))]
    assert [(s.kind, s.path) for s in snippets] == [
        ("write", "/work/app/intervals.py"), ("edit", "/work/app/intervals.py")]
    assert snippets[0].text == WRITTEN and snippets[0].language == "python"
    assert snippets[1].text == LAST + "\n\n" + EDITED


def test_ids_are_stable_and_time_sortable() -> None:
    one = tr.parse(claude_transcript("/work/app"), "/a/s.jsonl")
    two = tr.parse(claude_transcript("/work/app"), "/copied/elsewhere/s.jsonl")
    assert [t.id for t in one] == [t.id for t in two]  # same entries, same ids
    assert len({t.id for t in one}) == 3
    assert [t.id for t in one] == sorted(t.id for t in one)
    assert one[1].id.startswith(f"{int(one[1].at * 1000):012x}")


def test_secrets_in_a_transcript_are_redacted_before_anything_is_cut() -> None:
    secret = "sk-ant-api03-" + "Q7x9Lm2Pv4Rt8Wz1Bn6Kd3Hs5Jf0Gc" * 3
    turn = tr.parse(claude_transcript("/work/app", secret=secret), "/t/s.jsonl")[1]
    ex = _exchange(turn)
    assert secret in turn.tool_calls[0].arguments  # the transcript has it in clear
    assert secret not in ex.response.tool_calls[0].arguments
    assert all(secret not in s.text for s in extract_exchange(ex))
    assert ex.source == "import" and ex.identity.tool == "claude-code"
    assert ex.started_at == turn.at


def test_a_partial_last_line_and_foreign_lines_are_skipped() -> None:
    text = claude_transcript("/work/app") + '{"type":"assistant","message":{"content":[{"ty'
    assert len(tr.parse(text, "/t/s.jsonl")) == 3


# --- Codex ---------------------------------------------------------------------------------


def test_codex_rollout_exec_command_heredoc_and_custom_apply_patch() -> None:
    text = codex_rollout("/work/app", origin="git@github.com:Org/App.git")
    assert tr.detect(text) == tr.CODEX
    turns = tr.parse(text, "/t/rollout.jsonl")
    assert [t.key for t in turns] == [f"codex:{CODEX_SESSION}:call_Q1",
                                      f"codex:{CODEX_SESSION}:call_Q2", f"codex:{CODEX_SESSION}:9"]
    first = turns[0]
    assert (first.model, first.cwd, first.tool_version) == ("gpt-5-codex", "/work/app", "0.169.0")
    assert first.prompt == "add words.py that counts words"  # not the environment context
    assert first.repo_hint == "git@github.com:Org/App.git"
    assert first.at == _ts("2026-12-01T08:00:04.500Z")
    snippets = [s for t in turns for s in extract_exchange(_exchange(t))]
    assert [(s.kind, s.path) for s in snippets] == [("patch", "words.py"), ("patch", "README.md")]
    assert snippets[0].text == PATCHED


def test_codex_older_rollout_layout() -> None:
    lines = [
        {"id": CODEX_SESSION, "timestamp": "2025-06-01T08:00:00.000Z",
         "instructions": None, "git": {"repository_url": "https://github.com/org/app"}},
        {"record_type": "state"},
        {"type": "message", "role": "user", "content": [{"type": "input_text",
                                                         "text": "add words.py"}]},
        {"type": "function_call", "name": "shell", "call_id": "call_X",
         "arguments": json.dumps({"command": ["apply_patch", "*** Begin Patch\n*** Add File: "
                                              "w.py\n+print('hi')\n*** End Patch\n"]})},
    ]
    text = "\n".join(_line(x) for x in lines)
    assert tr.detect(text) == tr.CODEX
    [turn] = tr.parse(text, "/t/rollout-old.jsonl")
    assert turn.at == _ts("2025-06-01T08:00:00.000Z") and turn.prompt == "add words.py"
    assert turn.repo_hint == "https://github.com/org/app"
    [snippet] = extract_exchange(_exchange(turn))
    assert (snippet.path, snippet.text) == ("w.py", "print('hi')\n")


# --- Gemini CLI ----------------------------------------------------------------------------


def test_gemini_chat_write_file_and_replace() -> None:
    text = gemini_chat()
    assert tr.detect(text) == tr.GEMINI_CLI
    [turn] = tr.parse(text, "/t/session.json")
    assert (turn.session_id, turn.model, turn.prompt) == (
        GEMINI_SESSION, "gemini-2.5-pro", "write the interval merger")
    assert turn.at == _ts("2026-12-02T09:00:20.000Z") and turn.usage.reasoning_tokens == 40
    assert turn.cwd == "/work/app"  # the written file's parent whose hash is projectHash
    [other] = tr.parse(gemini_chat(project="/elsewhere"), "/t/session.json")
    assert other.cwd == "/work/app/src"  # no parent matches: the written file's directory
    ex = _exchange(turn)
    assert ex.request.api == tr.GEMINI_API
    assert [(s.kind, s.text[:20]) for s in extract_exchange(ex)] == [
        ("write", WRITTEN[:20]), ("edit", LAST[:20])]


def test_gemini_checkpoint_is_dated_by_its_file() -> None:
    text = gemini_checkpoint()
    assert tr.detect(text) == tr.GEMINI_CLI
    [turn] = tr.parse(text, "/t/checkpoint-x.json", mtime=1_700_000_000.0)
    assert turn.at == 1_700_000_000.0 and turn.text == "Done."
    assert [s.kind for s in extract_exchange(_exchange(turn))] == ["write"]
    assert tr.parse(text, "/t/checkpoint-x.json") == []  # no time: nothing to date it by


def test_since_keeps_later_turns() -> None:
    turns = tr.parse(claude_transcript("/work/app"), "/t/s.jsonl")
    assert len(tr.since(turns, _ts("2026-11-30T10:15:05Z"))) == 1
    assert tr.since(turns, None) == turns


def test_not_a_transcript() -> None:
    assert tr.detect('{"name": "package", "version": "1.0"}\n') is None
    assert tr.parse("hello\n", "/t/x.jsonl") == []
