"""The acceptance-time guard: what an agent just wrote, reviewed before it builds on it.

Coding agents run a hook after each file edit and pass it a JSON payload on stdin. This
module is the pure part, per agent: payload in, one parsed write out (``read_hook``: agent,
tool, the files and the text the tool put in each, session id, the tool call's id and model
when the agent sends them);
the files' text after the write in, the regions the agent wrote out (``written``); findings
in, the message the model reads out (``block_reason``); and that message in, the exact answer
the agent's hook contract expects out (``answer``: exit code, stdout, stderr). Reading stdin
and files is the command's job (``aiprov guard AGENT``).

The call's id (``HookCall.event_id``) is taken only where the agent names one tool call by
it: the id of the stored record is a function of it (``provenance.agentwrite.exchange_id``),
so an id shared by several edits of one file (Codex's ``turn_id``, Cursor's
``generation_id``) would store the first edit only; without one the record is keyed by the
text written.

Each region is reviewed with its whole file as context and every written line treated as AI
origin, so the stricter AI policy applies. Judgement hints never block
(``reviewer.model.failing``). A guard failure never breaks the agent: ``failed`` answers with
the exit code that lets the write through for that agent, and one warning line.

What each agent sends and reads (payloads seen here from the real clients are marked "seen";
the rest is from the agents' public documentation):

- **claude-code** (seen, 2.1): ``PostToolUse`` on ``Write`` / ``Edit`` / ``MultiEdit``:
  ``tool_name``, ``tool_input`` (``file_path``, ``content`` | ``old_string``/``new_string`` |
  ``edits``), ``session_id``, ``tool_use_id`` (the call), ``cwd``. Block: exit 2, the reason
  on stderr (Claude Code puts it in front of the model); any other non-zero exit fails open.
- **codex** (seen, Codex CLI 0.169 with a model that has the freeform ``apply_patch`` tool):
  ``PostToolUse`` with ``tool_name`` ``apply_patch``, ``tool_input.command`` = the whole
  ``*** Begin Patch`` envelope (paths relative to ``cwd``), ``tool_response`` = the tool's
  output, plus ``session_id``, ``turn_id``, ``tool_use_id`` (the call), ``model``. Exit 0
  with ``{"decision": "block", "reason": ...}`` on stdout replaces the tool output the model
  reads with the reason (seen; schema ``post-tool-use.command.output.schema.json`` in
  openai/codex). In Codex's "code mode" (gpt-6.1-sol: the model's tool is a script calling
  ``tools.apply_patch(...)``) the nested apply_patch fires the same payload and the reason
  comes back as the script's error (seen). Note: an ``apply_patch`` heredoc run through
  ``exec_command`` fires PreToolUse as ``Bash`` but no PostToolUse in 0.169 (seen), so only
  the ``apply_patch`` tool is guarded.
- **gemini-cli** (seen, 0.61): ``AfterTool`` on ``write_file`` (``file_path``, ``content``) and
  ``replace`` (``old_string``/``new_string``), with ``session_id``, ``cwd``. Exit 0 with
  ``{"decision": "deny", "reason": ...}`` makes the model read ``{"error": reason}`` as the
  tool's response (seen); exit 2 does the same with stderr; other exits warn and continue
  (geminicli.com/docs/hooks/reference). No id of the tool call (0.61 sends no
  ``tool_use_id``).
- **cline**: an executable ``.clinerules/hooks/PostToolUse`` gets ``{"hookName":
  "PostToolUse", "taskId", "workspaceRoots", "postToolUse": {"toolName", "parameters",
  "result", "success"}}`` (``write_to_file``: ``path``, ``content``; ``replace_in_file``:
  ``path``, ``diff`` of SEARCH/REPLACE blocks; paths relative to the first workspace root).
  It answers ``{"cancel": bool, "contextModification": str}`` on stdout; the context is added
  to the conversation for the model's next request, ``cancel: true`` would end the task, a
  non-zero exit without JSON is a hook error (docs.cline.bot hook reference;
  cline/cline src/core/hooks/hook-factory.ts). So a finding is context, never a cancel. No
  id of the tool call.
- **cursor**: ``.cursor/hooks.json`` ``afterFileEdit`` gets ``file_path``, ``edits`` (
  ``old_string``/``new_string``), ``workspace_roots``, ``conversation_id``, ``model`` and is
  fire-and-forget: nothing it answers reaches the model. ``generation_id`` names the whole
  turn (it changes with each user message), not one edit, so it is no id of the call. The
  guard reviews and reports on stderr (Cursor's hook output) and always answers ``{}``: it
  records, it cannot block.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reviewer.model import AI, Finding, Origin, ReviewTarget

AGENTS = ("claude-code", "codex", "gemini-cli", "cline", "cursor")
# the tools each agent writes files with (hook matchers and payload filters)
EDIT_TOOLS = {
    "claude-code": frozenset({"Write", "Edit", "MultiEdit"}),
    "codex": frozenset({"apply_patch"}),
    "gemini-cli": frozenset({"write_file", "replace", "edit"}),
    "cline": frozenset({"write_to_file", "replace_in_file", "apply_patch"}),
    "cursor": frozenset({"afterFileEdit"}),
}
CLINE_CONTEXT_MAX = 50_000  # Cline truncates contextModification beyond this (hook-factory.ts)


class PayloadError(ValueError):
    """A hook payload this guard cannot read (the command lets the write through)."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Text a tool put in one file: the whole file (``whole``) or a region somewhere in it."""

    path: str  # as the agent gave it: absolute, or relative to ``HookCall.cwd``
    text: str
    whole: bool


@dataclass(frozen=True, slots=True)
class HookCall:
    """One agent hook payload, read: who wrote what where."""

    agent: str
    tool: str
    cwd: str
    edits: tuple[Edit, ...]
    session_id: str | None = None
    model: str | None = None
    every: bool = False  # the tool replaced every occurrence (Claude Code's replace_all)
    event_id: str | None = None  # the tool call's id (Claude Code's and Codex's tool_use_id)

    @property
    def paths(self) -> list[str]:
        return list(dict.fromkeys(e.path for e in self.edits))


@dataclass(frozen=True, slots=True)
class Written:
    """One file an agent wrote: where, its text now, and the 1-based lines the tool wrote."""

    path: str
    tool: str
    lines: frozenset[int]
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    """What the hook process ends with: the agent reads these three."""

    exit_code: int
    stdout: str = ""
    stderr: str = ""


def _obj(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise PayloadError(f"the hook payload has no {what} object")
    return value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _id(value: Any) -> str | None:
    """An id as the stored record's key takes it: trimmed, at most 200 characters."""
    return (value.strip()[:200] or None) if isinstance(value, str) else None


def read_hook(agent: str, payload: Any) -> HookCall | None:
    """The write one hook payload reports, or None when the tool wrote no code (another
    tool, another event, a deletion)."""
    payload = _obj(payload, "JSON")
    if agent == "cline":
        data = _obj(payload.get("postToolUse"), "postToolUse")
        tool, args = data.get("toolName"), data.get("parameters")
        roots = payload.get("workspaceRoots")
        cwd = roots[0] if isinstance(roots, list) and roots and isinstance(roots[0], str) else "."
        session, event, model = _text(payload.get("taskId")), None, None
    elif agent == "cursor":
        if payload.get("hook_event_name") != "afterFileEdit":
            return None
        tool = "afterFileEdit"
        # afterFileEdit's edits are MultiEdit's shape: the one tool-call reader handles both
        args = {"file_path": payload.get("file_path"), "edits": payload.get("edits")}
        roots = payload.get("workspace_roots")
        cwd = roots[0] if isinstance(roots, list) and roots and isinstance(roots[0], str) else "."
        session, model = _text(payload.get("conversation_id")), _text(payload.get("model"))
        event = None  # generation_id spans the turn (see the module docstring)
    elif agent in EDIT_TOOLS:
        tool, args = payload.get("tool_name"), payload.get("tool_input")
        cwd = _text(payload.get("cwd")) or "."
        session, model = _text(payload.get("session_id")), _text(payload.get("model"))
        event = _id(payload.get("tool_use_id"))  # Claude Code, Codex (Gemini CLI: none)
    else:
        raise PayloadError(f"unknown agent {agent!r} (one of {', '.join(AGENTS)})")
    if tool not in EDIT_TOOLS[agent]:
        return None
    args = _obj(args, f"{tool} input")
    from provenance.snippets import extract  # lazily: the CLI imports this module's names
    from proxy.exchange import ToolCall

    name = "MultiEdit" if agent == "cursor" else str(tool)
    # one reader for every agent's tool calls (provenance.snippets, which also cuts the
    # recorded suggestions): Write/Edit/MultiEdit, write_file/replace, write_to_file/
    # replace_in_file (SEARCH/REPLACE), apply_patch envelopes (one snippet per hunk)
    snippets = extract("", [ToolCall(name, json.dumps(args))])
    edits = tuple(Edit(s.path, s.text, s.kind == "write") for s in snippets if s.path)
    given = args.get("edits")
    listed: list[Any] = given if isinstance(given, list) else []
    if not edits:
        if _wrote_nothing(args, listed):
            return None
        raise PayloadError(f"{tool} payload names no file and code it wrote")
    every = bool(args.get("replace_all")) or any(
        isinstance(e, dict) and e.get("replace_all") for e in listed)
    return HookCall(agent, str(tool), cwd, edits, session, model, every, event)


def _wrote_nothing(args: dict[str, Any], listed: list[Any]) -> bool:
    """A tool call that adds no code: empty content, edits to nothing, a patch that only
    removes lines or files."""
    texts = [args.get("content"), args.get("new_string")]
    texts += [e.get("new_string") for e in listed if isinstance(e, dict)]
    given = [t for t in texts if isinstance(t, str)]
    if given:
        return not any(t.strip() for t in given)
    return any(isinstance(v, str) and "*** Begin Patch" in v for v in args.values())


def written(call: HookCall, texts: Mapping[str, str | None]) -> list[Written]:
    """The regions ``call`` wrote, one per file, located in ``texts`` (path as in the
    call -> the file's text after the write, None when it cannot be read: then a whole-file
    write is its own text, and anything else cannot be reviewed)."""
    out: list[Written] = []
    for path in call.paths:
        edits = [e for e in call.edits if e.path == path]
        now = texts.get(path)
        if now is None:
            whole = next((e for e in edits if e.whole), None)
            if whole is None:
                raise PayloadError(f"cannot read {path} after the {call.tool}")
            now = whole.text
        lines: set[int] = set()
        for e in edits:
            if e.whole and e.text:
                lines |= set(range(1, now.count("\n") + 2))
            else:
                lines |= _lines_of(now, e.text, call.every)
        if lines:
            out.append(Written(path, call.tool, frozenset(lines), now))
    return out


def _lines_of(text: str, new: str, every: bool) -> set[int]:
    """Line numbers ``new`` occupies in ``text`` (its first occurrence, or all of them).

    A patch hunk's added lines need not be contiguous (context lines sit between them);
    when the block is not found whole, each added line is found in order after the last."""
    out: set[int] = set()
    if not new.strip():
        return out
    start = text.find(new)
    if start == -1:
        return _lines_in_order(text, new)
    while start != -1:
        first = text.count("\n", 0, start) + 1
        last = first + new.rstrip("\n").count("\n")
        out.update(range(first, last + 1))
        if not every:
            break
        start = text.find(new, start + len(new))
    return out


def _lines_in_order(text: str, new: str) -> set[int]:
    have = text.split("\n")
    out: set[int] = set()
    at = 0
    for line in new.rstrip("\n").split("\n"):
        if not line.strip():
            continue
        for i in range(at, len(have)):
            if have[i] == line:
                out.add(i + 1)
                at = i + 1
                break
    return out


def target(w: Written, agent: str, model: str | None = None) -> ReviewTarget:
    """A review target: the whole file as context, the written lines as AI-origin lines."""
    origin = Origin(label=AI, tool=agent, model=model)
    return ReviewTarget(w.path, w.text, w.lines, {n: origin for n in w.lines})


def block_reason(findings: list[Finding], agent: str) -> str:
    """What the agent reads: each finding with where, what, why, the CWE and the fix."""
    head = (f"aiprov guard: the code just written has {len(findings)} security "
            f"finding{'s' if len(findings) != 1 else ''} at or above the blocking severity. "
            "Fix each one in the file now (the write already happened), then continue.")
    out = [head]
    for f in findings:
        out.append("")
        cwe = f" {f.cwe_id}" if f.cwe_id else ""
        out.append(f"- {f.path}:{f.line}{cwe} {f.title} "
                   f"[{f.severity}, {f.confidence} confidence, rule {f.rule_id}]")
        out.append(f"  code: {f.quote.strip()[:300]}")
        out.append(f"  why: {f.why}")
        out.append(f"  fix: {f.fix}")
        if f.replacement:
            out.append(f"  replacement: {f.replacement}")
    out.append("")
    out.append(f"(reviewed as {agent}-written code under the stricter AI policy; if you are "
               "sure a finding is a false positive, say why in your reply)")
    return "\n".join(out)


def answer(agent: str, reason: str | None) -> Answer:
    """The hook's answer: silent and exit 0 when the write may stand, else the block in the
    form this agent puts in front of its model (see the module docstring)."""
    if agent == "cline":
        out: dict[str, Any] = {"cancel": False}
        if reason:
            out["contextModification"] = reason[:CLINE_CONTEXT_MAX]
        return Answer(0, json.dumps(out))
    if agent == "cursor":  # fire-and-forget: Cursor shows stderr in its hook output only
        return Answer(0, "{}", reason + "\n" if reason else "")
    if not reason:
        return Answer(0)
    if agent == "claude-code":
        return Answer(2, "", reason + "\n")
    if agent == "codex":
        return Answer(0, json.dumps({"decision": "block", "reason": reason}))
    if agent == "gemini-cli":
        return Answer(0, json.dumps({"decision": "deny", "reason": reason}))
    raise PayloadError(f"unknown agent {agent!r}")


def failed(agent: str, message: str) -> Answer:
    """The guard itself failed: one warning line and the exit that lets the write through
    (Claude Code, Codex, Gemini CLI: 1 warns and continues; Cline blocks on a non-zero exit
    without JSON and Cursor wants JSON, so both get exit 0 with their pass answer)."""
    line = f"aiprov guard: could not review this write ({message}); it went through unreviewed\n"
    if agent == "cline":
        return Answer(0, json.dumps({"cancel": False}), line)
    if agent == "cursor":
        return Answer(0, "{}", line)
    return Answer(1, "", line)
