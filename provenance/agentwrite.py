"""Agent-reported evidence: what an agent's hook says it just wrote, as a recorded exchange.

Where no traffic is visible (a subscription login, an editor agent no local proxy sees) the
agent's own hook after a file edit is the only witness. ``aiprov guard`` hands each write it
reviews to ``to_exchange``, which makes it the record the proxy would have made of the tool
call: ``source = "hook"``, ``api = "agent-hook"``, the agent as the tool, its session, the
model where the payload names one, and one tool call per contiguous run of written lines
(``Write`` with the whole text when the agent wrote the whole file, else ``Edit`` with the
run as ``new_string``), so ``provenance.snippets`` cuts them with the edit-tool cutters like
any other record and attribution aligns their lines with a commit's like any other snippet:
a hook report is evidence, never a verdict (a line a person later rewrote is still ``human``
or ``ai-edited`` by the same alignment).

Invariants:

* the id is a function of the event (agent, session, the hook's tool-use id; without one,
  the path and the written text): a hook run twice for one write (a retry, the warm server
  and the cold fallback) stores one record;
* the caller redacts the runs (``proxy.redact``) before they go anywhere: this module only
  cuts and shapes.

Pure: values in, values out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from proxy.exchange import Exchange, Identity, RequestInfo, ResponseInfo, ToolCall

SOURCE = "hook"  # ``Exchange.source`` of an agent-reported write
API = "agent-hook"  # ``Exchange.api``: no wire format, the agent's own report
METHOD = "HOOK"

@dataclass(frozen=True, slots=True)
class AgentWrite:
    """One file write an agent reported: who, where, and the 1-based lines it wrote."""

    agent: str  # claude-code, codex, gemini-cli, cline, cursor
    path: str  # absolute path of the file written
    text: str  # the file's text after the write
    lines: frozenset[int]
    session_id: str | None = None
    event_id: str | None = None  # the hook's id of the tool call (``reviewer.guard.HookCall``)
    model: str | None = None
    cwd: str | None = None
    tool: str = ""  # the agent's tool: Write, Edit, apply_patch, ...


def runs(text: str, lines: Iterable[int]) -> list[tuple[int, str]]:
    """(first line, text) of each contiguous run of ``lines`` in ``text``, whole lines, each
    ending in a newline where the file has one."""
    all_lines = text.split("\n")
    wanted = sorted(n for n in set(lines) if 0 < n <= len(all_lines))
    out: list[tuple[int, str]] = []
    start = prev = None
    for n in [*wanted, None]:
        if n is not None and prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None and prev is not None:
            body = "\n".join(all_lines[start - 1:prev])
            if prev < len(all_lines):
                body += "\n"
            if body.strip():
                out.append((start, body))
        start = prev = n
    return out


def whole_file(w: AgentWrite) -> bool:
    """The agent wrote every non-blank line of the file (a Write of a new file)."""
    return all(n in w.lines for n, line in enumerate(w.text.split("\n"), 1) if line.strip())


def event_key(w: AgentWrite) -> str:
    """What identifies the write: its tool-use id (and file: one patch can write several)
    where the hook gives one, else its text."""
    if w.event_id:
        return f"{SOURCE}\0{w.agent}\0{w.session_id or ''}\0{w.event_id}\0{w.path}"
    digest = hashlib.sha256(w.text.encode("utf-8", "surrogatepass")).hexdigest()
    marks = ",".join(map(str, sorted(w.lines)))
    return f"{SOURCE}\0{w.agent}\0{w.session_id or ''}\0{w.path}\0{marks}\0{digest}"


def exchange_id(w: AgentWrite) -> str:
    """28 hex digits (the length of the recorder's ids), a function of ``event_key``."""
    return hashlib.sha256(event_key(w).encode("utf-8", "surrogatepass")).hexdigest()[:28]


def tool_calls(w: AgentWrite, blocks: list[tuple[int, str]], whole: bool
               ) -> tuple[ToolCall, ...]:
    """The write as edit-tool calls: one ``Write`` of the whole text (``whole``: the agent
    wrote the whole file), or one ``Edit`` per run (``blocks``: the runs, redacted by the
    caller)."""
    if not blocks:
        return ()
    if whole and len(blocks) == 1:
        args = {"file_path": w.path, "content": blocks[0][1]}
        return (ToolCall("Write", json.dumps(args, ensure_ascii=False), w.event_id, "hook"),)
    return tuple(
        ToolCall("Edit", json.dumps({"file_path": w.path, "old_string": "", "new_string": text,
                                     "line": start}, ensure_ascii=False),
                 f"{w.event_id}:{i}" if w.event_id else None, "hook")
        for i, (start, text) in enumerate(blocks))


def to_exchange(w: AgentWrite, blocks: list[tuple[int, str]], *, at: float, developer: str,
                repo: str | None, whole: bool | None = None, id: str | None = None,
                tool_version: str | None = None) -> Exchange:
    """The record of an agent-reported write (module docstring); ``blocks`` are
    ``runs(w.text, w.lines)``, redacted. ``whole`` and ``id`` default to what ``w`` says
    (``whole_file``, ``exchange_id``); a caller that kept only the runs passes them."""
    calls = tool_calls(w, blocks, whole_file(w) if whole is None else whole)
    return Exchange(
        id=id or exchange_id(w), started_at=at, method=METHOD, path=w.path[-500:], upstream=API,
        status=200,
        request=RequestInfo(api=API, model=w.model, session_id=w.session_id),
        response=ResponseInfo(model=w.model, tool_calls=calls, finish_reason="tool_use"),
        identity=Identity(developer=developer, tool=w.agent, tool_version=tool_version,
                          session_id=w.session_id, repo=repo, cwd=w.cwd),
        source=SOURCE,
    )
