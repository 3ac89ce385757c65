"""Past sessions: the transcripts assistants keep on disk, read as recorded exchanges.

A session run without the proxy left no record, but the assistant kept its own transcript:

* Claude Code: ``~/.claude/projects/<project>/<session>.jsonl`` (and ``<session>/subagents/``),
  one JSON object per line; ``type: "assistant"`` lines carry ``message`` (``model``,
  ``content`` blocks ``text`` / ``tool_use`` with ``name`` + ``input``, ``usage``), with
  ``uuid``, ``timestamp``, ``sessionId``, ``cwd``, ``version``, ``gitBranch`` beside it;
* Codex: ``~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl``, lines ``{timestamp, type,
  payload}``: ``session_meta`` (``id``, ``cwd``, ``cli_version``, ``git.repository_url``),
  ``turn_context`` (``model``), ``response_item`` (``message``, ``function_call`` with JSON
  ``arguments`` -- ``exec_command``/``shell`` holding an ``apply_patch`` envelope --,
  ``custom_tool_call`` with free ``input``), ``event_msg`` (``user_message``). The older
  layout (a bare meta object first, then bare response items) is read too;
* Gemini CLI: ``~/.gemini/tmp/<project hash>/chats/session-*.json``, one object with
  ``sessionId``, ``projectHash`` (SHA-256 of the project directory, its only trace of where
  it ran) and ``messages`` (``type: "gemini"`` with ``content``, ``model``, ``tokens``,
  ``toolCalls[] {name, args}``), and ``/chat save`` checkpoints (a list of Gemini
  ``Content``: ``role`` + ``parts`` with ``text`` / ``functionCall``).

Each answer of the model becomes one ``Turn``, and ``to_exchange`` makes it the same
``Exchange`` the proxy would have recorded (redacted, ``source="import"``), so snippets are
cut by ``provenance.snippets`` like any other record. Invariants:

* a turn's id is a function of the transcript (session id, else the file) and the entry
  (its uuid, call id, or line number): importing the same transcript twice gives the same
  ids, and the store refuses a second copy;
* a turn's time is the transcript's own timestamp (never the import's), so "the newest
  suggestion wins" orders imported and proxied suggestions alike.

Pure: text in, values out; the caller reads files and resolves repositories.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from proxy.exchange import (
    ANTHROPIC_MESSAGES,
    OPENAI_RESPONSES,
    Exchange,
    Identity,
    RequestInfo,
    ResponseInfo,
    ToolCall,
    Usage,
)

CLAUDE_CODE, CODEX, GEMINI_CLI = "claude-code", "codex", "gemini-cli"
TOOLS = (CLAUDE_CODE, CODEX, GEMINI_CLI)
GEMINI_API = "gemini.generate"  # proxy.exchange's name for generateContent records
SOURCE = "import"  # ``Exchange.source`` of an imported turn
API = {CLAUDE_CODE: ANTHROPIC_MESSAGES, CODEX: OPENAI_RESPONSES, GEMINI_CLI: GEMINI_API}
MAX_PROMPT = 4000  # characters of the user's request kept with a turn


@dataclass(frozen=True, slots=True)
class Turn:
    """One answer of the model, as its transcript tells it."""

    key: str  # stable: tool, session (or file), entry
    at: float  # unix seconds, from the transcript
    tool: str
    transcript: str  # the file it came from
    session_id: str | None = None
    cwd: str | None = None
    model: str | None = None
    tool_version: str | None = None
    repo_hint: str | None = None  # the transcript's own word on the repository (Codex's git url)
    in_repo: bool = False  # the transcript says cwd was a git work tree
    prompt: str = ""
    text: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    usage: Usage = Usage()

    @property
    def id(self) -> str:
        """Exchange id: time-sortable like the recorder's (12 hex digits of milliseconds),
        then 16 hex digits of a hash of ``key`` instead of random ones."""
        digest = hashlib.sha256(self.key.encode("utf-8", "surrogatepass")).hexdigest()
        return f"{max(0, int(self.at * 1000)):012x}{digest[:16]}"


def parse_time(value: Any) -> float | None:
    """Unix seconds of an ISO-8601 timestamp (``Z`` or an offset), or None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else None


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


def _dict(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


def _json_lines(text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number from 1, object) for each line that is a JSON object; others skipped
    (a transcript being written ends in a partial line)."""
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            yield n, obj


def _text_of(content: Any) -> str:
    """Plain text of a message content: a string, or text blocks/parts."""
    if isinstance(content, str):
        return content
    out: list[str] = []
    if isinstance(content, list):
        for block in content:
            if isinstance(block, dict):
                t = block.get("text")
                if isinstance(t, str) and block.get("type", "text") in (
                        "text", "input_text", "output_text"):
                    out.append(t)
            elif isinstance(block, str):
                out.append(block)
    return "\n".join(out)


# --- detection -----------------------------------------------------------------------------


def detect(text: str) -> str | None:
    """Which assistant wrote this transcript (``TOOLS``), from its content; None if none."""
    head = text.lstrip()[:1]
    if head == "[":
        return GEMINI_CLI  # a checkpoint: a list of Content
    if head == "{" and not text.lstrip().split("\n", 1)[0].rstrip().endswith("}"):
        return GEMINI_CLI  # one pretty-printed object: a saved chat
    for _, obj in _json_lines(text[:200_000]):
        if "messages" in obj and "sessionId" in obj:
            return GEMINI_CLI
        kind = obj.get("type")
        if kind in ("session_meta", "response_item", "turn_context", "event_msg") \
                or obj.get("record_type") == "state":
            return CODEX
        if "sessionId" in obj or "parentUuid" in obj or kind in ("summary", "assistant", "user"):
            if kind in ("message", "function_call", "custom_tool_call"):
                return CODEX
            return CLAUDE_CODE
        if kind in ("message", "function_call", "custom_tool_call", "reasoning") \
                or ("instructions" in obj and "id" in obj):
            return CODEX  # the older rollout layout
    return None


def parse(text: str, transcript: str, *, tool: str | None = None,
          mtime: float | None = None) -> list[Turn]:
    """The model's answers in one transcript (``tool`` None: detected). ``mtime`` dates the
    entries of a transcript that has no timestamps of its own (Gemini checkpoints)."""
    tool = tool or detect(text)
    if tool == CLAUDE_CODE:
        return list(parse_claude(text, transcript))
    if tool == CODEX:
        return list(parse_codex(text, transcript))
    if tool == GEMINI_CLI:
        return list(parse_gemini(text, transcript, mtime=mtime))
    return []


# --- Claude Code ---------------------------------------------------------------------------


def _claude_prompt(message: Any) -> str | None:
    """The user's own words in a ``type: "user"`` line (None for tool results)."""
    if not isinstance(message, dict):
        return None
    content = message.get("content")
    if isinstance(content, list) and any(
            isinstance(b, dict) and b.get("type") == "tool_result" for b in content):
        return None
    text = _text_of(content).strip()
    return text or None


def parse_claude(text: str, transcript: str) -> Iterator[Turn]:
    """Claude Code writes each content block of an answer as its own line (same
    ``message.id``, own ``uuid``): each line with text or tool uses is one turn."""
    prompt = ""
    for n, obj in _json_lines(text):
        kind = obj.get("type")
        message = obj.get("message")
        if kind == "user":
            if obj.get("isMeta"):
                continue
            said = _claude_prompt(message)
            if said is not None:
                prompt = said
            continue
        if kind != "assistant" or not isinstance(message, dict):
            continue
        if obj.get("isApiErrorMessage"):
            continue
        at = parse_time(obj.get("timestamp"))
        if at is None:
            continue
        blocks = message.get("content")
        if not isinstance(blocks, list):
            blocks = [{"type": "text", "text": blocks}] if isinstance(blocks, str) else []
        texts: list[str] = []
        calls: list[ToolCall] = []
        for block in blocks:
            if not isinstance(block, dict):
                continue
            if block.get("type") == "text" and isinstance(block.get("text"), str):
                texts.append(block["text"])
            elif block.get("type") == "tool_use" and isinstance(block.get("name"), str):
                args = block.get("input")
                calls.append(ToolCall(
                    name=block["name"],
                    arguments=json.dumps(args if args is not None else {}, ensure_ascii=False),
                    id=_str(block.get("id")), kind="tool_use"))
        if not texts and not calls:
            continue
        session = _str(obj.get("sessionId"))
        usage = _dict(message.get("usage"))
        model = _str(message.get("model"))
        yield Turn(
            key=f"{CLAUDE_CODE}:{_str(obj.get('uuid')) or f'{session or transcript}:{n}'}",
            at=at, tool=CLAUDE_CODE, transcript=transcript, session_id=session,
            cwd=_str(obj.get("cwd")), model=None if model == "<synthetic>" else model,
            tool_version=_str(obj.get("version")), in_repo=bool(obj.get("gitBranch")),
            prompt=prompt[:MAX_PROMPT], text="\n".join(texts), tool_calls=tuple(calls),
            usage=Usage(input_tokens=_int(usage.get("input_tokens")),
                        output_tokens=_int(usage.get("output_tokens")),
                        cache_read_tokens=_int(usage.get("cache_read_input_tokens")),
                        cache_write_tokens=_int(usage.get("cache_creation_input_tokens"))))


# --- Codex ---------------------------------------------------------------------------------

_CODEX_CONTEXT = ("<environment_context>", "<user_instructions>", "# AGENTS.md",
                  "<permissions", "<turn_aborted>")


def _codex_call(item: dict[str, Any]) -> ToolCall | None:
    kind = item.get("type")
    name = _str(item.get("name"))
    call_id = _str(item.get("call_id")) or _str(item.get("id"))
    if kind == "function_call" and name:
        args = item.get("arguments")
        if not isinstance(args, str):
            args = json.dumps(args if args is not None else {}, ensure_ascii=False)
        return ToolCall(name=name, arguments=args, id=call_id, kind="function")
    if kind == "custom_tool_call" and name:
        raw = item.get("input")
        return ToolCall(name=name, arguments=raw if isinstance(raw, str) else "",
                        id=call_id, kind="custom")
    if kind == "local_shell_call":
        action = item.get("action")
        if isinstance(action, dict):
            return ToolCall(name="local_shell", arguments=json.dumps(action, ensure_ascii=False),
                            id=call_id, kind="local_shell")
    return None


def parse_codex(text: str, transcript: str) -> Iterator[Turn]:
    """Each assistant message and each tool call item is one turn (what one streamed
    output item of the Responses API was)."""
    session: str | None = None
    cwd: str | None = None
    version: str | None = None
    repo_hint: str | None = None
    in_repo = False
    model: str | None = None
    prompt = ""
    meta_at: float | None = None
    for n, obj in _json_lines(text):
        kind = obj.get("type")
        payload = obj.get("payload") if isinstance(obj.get("payload"), dict) else None
        if payload is None and kind not in ("session_meta", "turn_context", "event_msg",
                                            "response_item", "compacted"):
            # older layout: a bare meta object, then bare response items
            if "id" in obj and ("instructions" in obj or "timestamp" in obj) and kind is None:
                session = _str(obj.get("id")) or session
                meta_at = parse_time(obj.get("timestamp")) or meta_at
                git = obj.get("git")
                if isinstance(git, dict):
                    repo_hint = _str(git.get("repository_url")) or repo_hint
                    in_repo = True
                continue
            payload, kind = obj, "response_item"
        if payload is None:
            continue
        at = parse_time(obj.get("timestamp")) or meta_at
        if kind == "session_meta":
            meta = payload.get("meta") if isinstance(payload.get("meta"), dict) else payload
            session = _str(meta.get("id")) or session
            cwd = _str(meta.get("cwd")) or cwd
            version = _str(meta.get("cli_version")) or version
            meta_at = parse_time(meta.get("timestamp")) or at or meta_at
            git = payload.get("git") if isinstance(payload.get("git"), dict) else meta.get("git")
            if isinstance(git, dict):
                repo_hint = _str(git.get("repository_url")) or repo_hint
                in_repo = True
            continue
        if kind == "turn_context":
            model = _str(payload.get("model")) or model
            cwd = _str(payload.get("cwd")) or cwd
            continue
        if kind == "event_msg":
            if payload.get("type") == "user_message" and isinstance(payload.get("message"), str):
                prompt = payload["message"]
            continue
        if kind != "response_item" or at is None:
            continue
        item_type = payload.get("type")
        text_out = ""
        calls: tuple[ToolCall, ...] = ()
        if item_type == "message":
            said = _text_of(payload.get("content"))
            if payload.get("role") == "user":
                if said.strip() and not said.lstrip().startswith(_CODEX_CONTEXT):
                    prompt = said
                continue
            if payload.get("role") != "assistant":
                continue
            text_out = said
        else:
            call = _codex_call(payload)
            if call is None:
                continue
            calls = (call,)
        if not text_out.strip() and not calls:
            continue
        entry = (calls[0].id if calls and calls[0].id else None) or _str(payload.get("id")) \
            or str(n)
        yield Turn(
            key=f"{CODEX}:{session or transcript}:{entry}", at=at, tool=CODEX,
            transcript=transcript, session_id=session, cwd=cwd, model=model,
            tool_version=version, repo_hint=repo_hint, in_repo=in_repo,
            prompt=prompt[:MAX_PROMPT], text=text_out, tool_calls=calls)


# --- Gemini CLI ----------------------------------------------------------------------------


def _gemini_parts(parts: Any) -> tuple[str, list[ToolCall]]:
    texts: list[str] = []
    calls: list[ToolCall] = []
    if isinstance(parts, str):
        return parts, calls
    for part in parts if isinstance(parts, list) else []:
        if not isinstance(part, dict) or part.get("thought"):
            continue
        if isinstance(part.get("text"), str):
            texts.append(part["text"])
        fc = part.get("functionCall")
        if isinstance(fc, dict) and isinstance(fc.get("name"), str):
            calls.append(ToolCall(name=fc["name"],
                                  arguments=json.dumps(fc.get("args") or {}, ensure_ascii=False),
                                  id=_str(fc.get("id")), kind="function"))
    return "\n".join(texts), calls


def parse_gemini(text: str, transcript: str, *, mtime: float | None = None) -> Iterator[Turn]:
    """A saved chat (``messages``) or a checkpoint (a list of ``Content``)."""
    try:
        doc = json.loads(text)
    except ValueError:
        return
    if isinstance(doc, dict) and isinstance(doc.get("messages"), list):
        yield from _gemini_chat(doc, transcript)
    elif isinstance(doc, list) and mtime is not None:
        yield from _gemini_checkpoint(doc, transcript, mtime)


def gemini_project_root(project_hash: str | None, calls: Iterable[ToolCall]) -> str | None:
    """The project directory of a Gemini CLI chat, which records only the SHA-256 of it
    (``projectHash``): the parent of a written file's absolute path that hashes to it, else
    the directory of the first absolute path written (the caller finds its work tree)."""
    paths: list[PurePosixPath] = []
    for call in calls:
        try:
            args = json.loads(call.arguments)
        except ValueError:
            continue
        written = _str(args.get("file_path") or args.get("absolute_path")) \
            if isinstance(args, dict) else None
        if written and written.startswith("/"):
            paths.append(PurePosixPath(written))
    if project_hash:
        for path in paths:
            for parent in path.parents:
                if hashlib.sha256(str(parent).encode()).hexdigest() == project_hash:
                    return str(parent)
    return str(paths[0].parent) if paths else None


def _gemini_chat(doc: dict[str, Any], transcript: str) -> Iterator[Turn]:
    session = _str(doc.get("sessionId"))
    start = parse_time(doc.get("startTime"))
    project_hash = _str(doc.get("projectHash"))
    prompt = ""
    for n, msg in enumerate(doc["messages"]):
        if not isinstance(msg, dict):
            continue
        if msg.get("type") == "user":
            said = _gemini_parts(msg.get("content"))[0].strip()
            if said:
                prompt = said
            continue
        if msg.get("type") not in ("gemini", "model"):
            continue
        at = parse_time(msg.get("timestamp")) or start
        if at is None:
            continue
        said, calls = _gemini_parts(msg.get("content"))
        for tc in msg.get("toolCalls") or []:
            if isinstance(tc, dict) and isinstance(tc.get("name"), str):
                calls.append(ToolCall(name=tc["name"],
                                      arguments=json.dumps(tc.get("args") or {},
                                                           ensure_ascii=False),
                                      id=_str(tc.get("id")), kind="function"))
        if not said.strip() and not calls:
            continue
        tokens = _dict(msg.get("tokens"))
        yield Turn(
            key=f"{GEMINI_CLI}:{session or transcript}:{_str(msg.get('id')) or n}", at=at,
            tool=GEMINI_CLI, transcript=transcript, session_id=session,
            cwd=gemini_project_root(project_hash, calls),
            model=_str(msg.get("model")), prompt=prompt[:MAX_PROMPT], text=said,
            tool_calls=tuple(calls),
            usage=Usage(input_tokens=_int(tokens.get("input")),
                        output_tokens=_int(tokens.get("output")),
                        cache_read_tokens=_int(tokens.get("cached")),
                        reasoning_tokens=_int(tokens.get("thoughts"))))


def _gemini_checkpoint(doc: list[Any], transcript: str, mtime: float) -> Iterator[Turn]:
    """No timestamps in a checkpoint: every answer is dated by the file (``mtime``)."""
    prompt = ""
    for n, content in enumerate(doc):
        if not isinstance(content, dict):
            continue
        said, calls = _gemini_parts(content.get("parts"))
        if content.get("role") == "user":
            if said.strip():
                prompt = said
            continue
        if content.get("role") != "model" or (not said.strip() and not calls):
            continue
        yield Turn(key=f"{GEMINI_CLI}:{transcript}:{n}", at=mtime, tool=GEMINI_CLI,
                   transcript=transcript, cwd=gemini_project_root(None, calls),
                   prompt=prompt[:MAX_PROMPT], text=said,
                   tool_calls=tuple(calls))


# --- to the recorder's values --------------------------------------------------------------


def to_exchange(turn: Turn, *, developer: str, repo: str | None) -> Exchange:
    """The record the proxy would have made of ``turn``, redacted like the recorder's
    (``proxy.redact``): prompt, answer text and tool-call arguments."""
    from proxy.redact import redact

    model = turn.model
    calls = tuple(replace(c, arguments=redact(c.arguments)) for c in turn.tool_calls)
    prompt = redact(turn.prompt)
    return Exchange(
        id=turn.id,
        started_at=turn.at,
        method="IMPORT",
        path=turn.transcript[-500:],
        upstream="transcript",
        status=200,
        request=RequestInfo(api=API.get(turn.tool, turn.tool), model=model,
                            messages=({"role": "user", "content": prompt},) if prompt else (),
                            prompt=prompt, session_id=turn.session_id),
        response=ResponseInfo(model=model, text=redact(turn.text), tool_calls=calls,
                              usage=turn.usage),
        identity=Identity(developer=developer, tool=turn.tool, tool_version=turn.tool_version,
                          session_id=turn.session_id, repo=repo, cwd=turn.cwd),
        source=SOURCE,
    )


def since(turns: Iterable[Turn], at: float | None) -> list[Turn]:
    """The turns at or after ``at`` (all when None)."""
    return [t for t in turns if at is None or t.at >= at]
