"""The acceptance-time guard: what an agent just wrote, reviewed before it builds on it.

Coding agents run a hook after each file edit. For Claude Code that is ``PostToolUse`` on
``Write`` / ``Edit`` / ``MultiEdit``, with a JSON payload on stdin::

    {"session_id": ..., "cwd": ..., "hook_event_name": "PostToolUse", "tool_name": "Edit",
     "tool_input": {"file_path": ..., "old_string": ..., "new_string": ...}, ...}

This module is the pure part: payload (+ the file's text after the write) in, the region the
agent wrote out (``written``), and findings in, the message the agent reads out
(``block_reason``). The region is reviewed with the file around it as context and every line
of it treated as AI origin, so the stricter AI policy applies. Judgement hints never block
(``reviewer.model.failing``). Reading stdin and files and choosing the exit code are the
command's job (``aiprov guard``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reviewer.model import AI, Finding, Origin, ReviewTarget

AGENTS = ("claude-code",)  # whose hook payloads the guard reads
EDIT_TOOLS = frozenset({"Write", "Edit", "MultiEdit"})


class PayloadError(ValueError):
    """A hook payload this guard cannot read (the command lets the write through)."""


@dataclass(frozen=True, slots=True)
class Written:
    """One file an agent wrote: where, its text now, and the 1-based lines the tool wrote."""

    path: str
    tool: str
    lines: frozenset[int]


def written(payload: Mapping[str, Any], text_now: str | None) -> Written | None:
    """The region a Claude Code edit tool wrote, or None when the tool wrote no code
    (another tool, a deletion). ``text_now`` is the file's text after the write (None when
    it cannot be read: then a Write's own content is the file)."""
    tool = payload.get("tool_name")
    if tool not in EDIT_TOOLS:
        return None
    args = payload.get("tool_input")
    if not isinstance(args, dict) or not isinstance(args.get("file_path"), str):
        raise PayloadError(f"{tool} payload has no tool_input.file_path")
    path = args["file_path"]
    if tool == "Write":
        content = args.get("content")
        if not isinstance(content, str):
            raise PayloadError("Write payload has no tool_input.content")
        text = content if text_now is None else text_now
        return Written(path, tool, frozenset(range(1, text.count("\n") + 2)) if content else
                       frozenset())
    if text_now is None:
        raise PayloadError(f"cannot read {path} after the {tool}")
    edits = args.get("edits") if tool == "MultiEdit" else [args]
    if not isinstance(edits, list):
        raise PayloadError("MultiEdit payload has no tool_input.edits list")
    lines: set[int] = set()
    for e in edits:
        if not isinstance(e, dict) or not isinstance(e.get("new_string"), str):
            raise PayloadError(f"{tool} edit without new_string")
        lines |= _lines_of(text_now, e["new_string"], bool(e.get("replace_all")))
    return Written(path, tool, frozenset(lines))


def _lines_of(text: str, new: str, every: bool) -> set[int]:
    """Line numbers ``new`` occupies in ``text`` (its first occurrence, or all of them)."""
    out: set[int] = set()
    if not new.strip():
        return out
    start = text.find(new)
    while start != -1:
        first = text.count("\n", 0, start) + 1
        last = first + new.rstrip("\n").count("\n")
        out.update(range(first, last + 1))
        if not every:
            break
        start = text.find(new, start + len(new))
    return out


def target(w: Written, text_now: str, agent: str, model: str | None = None) -> ReviewTarget:
    """A review target: the whole file as context, the written lines as AI-origin lines."""
    origin = Origin(label=AI, tool=agent, model=model)
    return ReviewTarget(w.path, text_now, w.lines, {n: origin for n in w.lines})


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
