"""Cut a model's answer into snippets: only the code the model *added*.

Sources, in the order they appear in an answer:

* chat text: fenced blocks (``` or ~~~, any length, with or without an info string; a path
  may ride in the info string, ``python path=src/x.py`` / ``python:src/x.py`` /
  ``src/x.py``, or on the line before the fence, aider style); a ``diff``/``patch`` fence
  or a bare unified diff yields its added lines (kind ``patch``); SEARCH/REPLACE blocks
  (aider, Cline) yield the REPLACE side (kind ``search-replace``); a fence preceded by a
  filename line is an aider whole-file edit (kind ``whole-file``); any other fence is kind
  ``fence``;
* tool calls: Claude Code ``Write``/``Edit``/``MultiEdit``/``NotebookEdit``; Codex
  ``apply_patch`` (custom tool, or an envelope inside ``exec_command``/``shell``
  arguments, heredoc or not); ``str_replace_editor`` / ``str_replace_based_edit_tool``
  (create, str_replace, insert); Cline ``write_to_file`` / ``replace_in_file``;
* fill-in-the-middle completions: the whole completion text is one ``fim`` snippet.

The old side of an edit (what the model quoted to be replaced) is never a snippet: it
was already in the file. Whitespace-only snippets are dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from provenance.guess import guess_language
from provenance.languages import language_for_path, normalise_fence_tag
from provenance.model import Snippet

if TYPE_CHECKING:
    from proxy.exchange import Exchange, ToolCall


@dataclass(frozen=True, slots=True)
class _Cut:
    """A snippet before numbering: text, kind, path, fence-tag language."""

    text: str
    kind: str
    path: str | None = None
    tag_language: str | None = None


# --- unified diffs and apply_patch ---------------------------------------------------------

_HUNK = re.compile(r"^@@.*@@|^@@\s*$|^@@ ")


def _strip_diff_path(raw: str) -> str | None:
    path = raw.strip().split("\t", 1)[0].strip().strip('"')
    if not path or path == "/dev/null":
        return None
    if path.startswith(("a/", "b/")):
        path = path[2:]
    return path


def parse_unified_diff(text: str) -> list[tuple[str | None, str]]:
    """(path, added text) per hunk of a unified diff; lenient about missing headers."""
    out: list[tuple[str | None, str]] = []
    lines = text.split("\n")
    path: str | None = None
    added: list[str] = []

    def flush() -> None:
        if added:
            out.append((path, "\n".join(added) + "\n"))
            added.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.startswith("diff --git "):
            flush()
            parts = line.split()
            if len(parts) >= 4:
                path = _strip_diff_path(parts[3])
        elif line.startswith("--- ") and nxt.startswith("+++ "):
            flush()
            new = _strip_diff_path(nxt[4:])
            path = new if new is not None else _strip_diff_path(line[4:])
            i += 1
        elif _HUNK.match(line):
            flush()
        elif line.startswith("+"):
            added.append(line[1:])
        elif line.startswith(("-", " ", "\\")) or line == "":
            pass
        else:
            flush()  # prose between diffs ends the hunk
        i += 1
    flush()
    return out


_ENVELOPE = re.compile(r"\*\*\* Begin Patch[ \t]*\n(.*?)(?:\*\*\* End Patch|\Z)", re.S)


def parse_apply_patch(text: str) -> list[tuple[str | None, str]]:
    """(path, added text) per added file / update hunk of Codex ``apply_patch`` envelopes.

    The added lines of one ``@@`` hunk form one snippet (a hunk is one coherent edit, and
    git shows the committed result as one region too); ``*** Move to:`` renames the path.
    """
    out: list[tuple[str | None, str]] = []
    for envelope in _ENVELOPE.finditer(text):
        out.extend(_envelope_hunks(envelope.group(1)))
    return out


def _envelope_hunks(body: str) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = []
    path: str | None = None
    added: list[str] = []
    for line in body.split("\n") + ["*** End"]:
        if line.startswith(("*** ", "@@")) and added:
            out.append((path, "\n".join(added) + "\n"))
            added = []
        if line.startswith("*** "):
            header = line[4:]
            for prefix in ("Add File:", "Update File:", "Delete File:", "Move to:"):
                if header.startswith(prefix):
                    path = header[len(prefix):].strip() or path
                    if prefix == "Delete File:":
                        path = None
            # "*** End of File" and unknown markers only end the hunk
        elif line.startswith("+"):
            added.append(line[1:])
        # context (" ") and removed ("-") lines stay inside the hunk
    return out


# --- SEARCH/REPLACE ------------------------------------------------------------------------

_SR_OPEN = re.compile(r"^\s*(?:<{5,}|-{5,}) ?SEARCH\b.*$")
_SR_DIV = re.compile(r"^\s*={5,}\s*$")
_SR_CLOSE = re.compile(r"^\s*(?:>{5,}|\+{5,}) ?REPLACE\b.*$")


def _search_replace(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(index of the SEARCH line, REPLACE text) for each block in ``lines``."""
    i = 0
    while i < len(lines):
        if not _SR_OPEN.match(lines[i]):
            i += 1
            continue
        start = i
        j = i + 1
        while j < len(lines) and not _SR_DIV.match(lines[j]):
            j += 1
        k = j + 1
        while k < len(lines) and not _SR_CLOSE.match(lines[k]):
            k += 1
        if j >= len(lines):
            return
        yield start, "\n".join(lines[j + 1:k]) + "\n"
        i = k + 1


# --- chat text -----------------------------------------------------------------------------

_FENCE = re.compile(r"^(?P<indent>[ \t]{0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
_PATH_ATTR = re.compile(r"(?:path|file|filename|title)\s*=\s*[\"']?([^\"'\s}]+)")
_FILENAME_LINE = re.compile(r"^[\w.@~+-]*(?:[/\\][\w.@~+ -]+)*\.\w{1,10}$|^[\w.-]+(?:/[\w.-]+)+$")


def _filename(line: str) -> str | None:
    """A filename alone on a line (aider puts one before its fences), or None."""
    s = line.strip().strip("*`'\"").strip()
    if s.endswith(":"):
        s = s[:-1].strip().strip("*`'\"")
    for prefix in ("File: ", "file: ", "Filename: ", "# "):
        if s.startswith(prefix):
            s = s[len(prefix):].strip().strip("`")
    if not s or " " in s or len(s) > 200 or s.startswith(("<<<", ">>>", "===", "---")):
        return None
    return s if _FILENAME_LINE.match(s) else None


def _info_path(info: str) -> str | None:
    m = _PATH_ATTR.search(info)
    if m:
        return m.group(1)
    words = info.split()
    if not words:
        return None
    first = words[0]
    if ":" in first:  # ```python:src/x.py
        _, _, rest = first.partition(":")
        if rest and ("." in rest or "/" in rest):
            return rest
    for word in words[1:] if normalise_fence_tag(first) else words:
        if _filename(word):
            return word
    if normalise_fence_tag(first) is None and _filename(first):
        return first
    return None


def _looks_like_diff(lines: list[str]) -> bool:
    text = "\n".join(lines)
    if re.search(r"^--- \S.*\n\+\+\+ \S", text, re.M) and re.search(r"^@@", text, re.M):
        return True
    return bool(re.search(r"^diff --git ", text, re.M))


def _prev_nonblank(lines: list[str], i: int, floor: int) -> str | None:
    j = i - 1
    while j >= floor and not lines[j].strip():
        j -= 1
    if j < floor or i - j > 2:  # aider writes the name right before the fence
        return None
    return lines[j]


def _from_text(text: str) -> list[_Cut]:
    cuts: list[_Cut] = []
    lines = text.split("\n")
    i = 0
    prose_start = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence = m.group("fence")
        info = m.group("info").strip()
        close = re.compile(r"^[ \t]{0,3}" + re.escape(fence[0]) + "{" + str(len(fence))
                           + r",}[ \t]*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        body = lines[i + 1:j]
        cuts.extend(_from_prose(lines[prose_start:i], prose_start, lines))
        prev = _prev_nonblank(lines, i, prose_start)
        cuts.extend(_from_fence(body, info, _filename(prev) if prev else None))
        i = j + 1
        prose_start = i
    cuts.extend(_from_prose(lines[prose_start:], prose_start, lines))
    return cuts


def _from_fence(body: list[str], info: str, name_line: str | None) -> list[_Cut]:
    tag = normalise_fence_tag(info) if info else None
    path = _info_path(info) or name_line
    if any(_SR_OPEN.match(ln) for ln in body):
        return _sr_cuts(body, path, tag)
    if tag == "diff" or (tag is None and _looks_like_diff(body)):
        return [_Cut(added, "patch", p or path) for p, added in
                parse_unified_diff("\n".join(body))]
    if "*** Begin Patch" in "\n".join(body[:3]):
        return [_Cut(added, "patch", p) for p, added in parse_apply_patch("\n".join(body))]
    text = "\n".join(body) + "\n" if body else ""
    kind = "whole-file" if name_line and not _info_path(info) else "fence"
    return [_Cut(text, kind, path, tag)]


def _sr_cuts(lines: list[str], path: str | None, tag: str | None) -> list[_Cut]:
    cuts = []
    for start, replace in _search_replace(lines):
        prev = _prev_nonblank(lines, start, 0)
        name = _filename(prev) if prev else None
        cuts.append(_Cut(replace, "search-replace", name or path, tag))
    return cuts


def _from_prose(lines: list[str], offset: int, all_lines: list[str]) -> list[_Cut]:
    """Edits written outside fences: bare SEARCH/REPLACE blocks and unified diffs."""
    if not lines:
        return []
    cuts: list[_Cut] = []
    if any(_SR_OPEN.match(ln) for ln in lines):
        cuts.extend(_sr_cuts(lines, None, None))
    elif _looks_like_diff(lines):
        cuts.extend(_Cut(added, "patch", p) for p, added in parse_unified_diff("\n".join(lines)))
    if "*** Begin Patch" in "\n".join(lines):
        cuts.extend(_Cut(added, "patch", p) for p, added in parse_apply_patch("\n".join(lines)))
    return cuts


# --- tool calls ----------------------------------------------------------------------------


def _args(call: ToolCall) -> dict[str, Any] | None:
    try:
        value = json.loads(call.arguments) if call.arguments.strip() else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _str(args: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = args.get(key)
        if isinstance(value, str):
            return value
    return None


def _shell_text(args: dict[str, Any]) -> str:
    parts: list[str] = []
    for key in ("cmd", "command", "commands", "script", "input", "patch"):
        value = args.get(key)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts.extend(v for v in value if isinstance(v, str))
    return "\n".join(parts)


def _from_tool(call: ToolCall) -> list[_Cut]:
    name = call.name.rsplit(".", 1)[-1].rsplit("__", 1)[-1].lower()  # mcp__x__Write -> write
    if name == "apply_patch" and "*** Begin Patch" in call.arguments:
        raw = call.arguments
        args = _args(call)
        if args is not None:
            raw = _shell_text(args) or raw
        return [_Cut(added, "patch", p) for p, added in parse_apply_patch(raw)]
    args = _args(call)
    if args is None:
        if "*** Begin Patch" in call.arguments:
            return [_Cut(added, "patch", p) for p, added in parse_apply_patch(call.arguments)]
        return []
    path = _str(args, "file_path", "path", "notebook_path", "filename", "target_file")
    if name in ("write", "write_file", "create_file", "write_to_file"):
        content = _str(args, "content", "file_text", "text", "contents")
        return [_Cut(content, "write", path)] if content is not None else []
    if name in ("edit", "edit_file", "replace", "smart_edit"):
        new = _str(args, "new_string", "new_str", "new_text")
        return [_Cut(new, "edit", path)] if new is not None else []
    if name == "multiedit":
        edits = args.get("edits")
        if not isinstance(edits, list):
            return []
        return [_Cut(e["new_string"], "edit", path) for e in edits
                if isinstance(e, dict) and isinstance(e.get("new_string"), str)]
    if name == "notebookedit":
        src = _str(args, "new_source")
        if src is None:
            return []
        lang = "markdown" if args.get("cell_type") == "markdown" else "python"
        return [_Cut(src, "edit", path, lang)]
    if name in ("str_replace_editor", "str_replace_based_edit_tool", "text_editor"):
        command = args.get("command")
        if command == "create":
            text = _str(args, "file_text", "content")
            return [_Cut(text, "write", path)] if text is not None else []
        if command in ("str_replace", "insert"):
            new = _str(args, "new_str", "new_string")
            return [_Cut(new, "edit", path)] if new is not None else []
        return []
    if name == "replace_in_file":
        diff = _str(args, "diff")
        return _sr_cuts(diff.split("\n"), path, None) if diff else []
    shell = _shell_text(args)
    if "*** Begin Patch" in shell:
        return [_Cut(added, "patch", p) for p, added in parse_apply_patch(shell)]
    return []


# --- public API ----------------------------------------------------------------------------


def _language(cut: _Cut) -> str | None:
    lang = language_for_path(cut.path) if cut.path else None
    if lang is None and cut.tag_language and cut.tag_language != "diff":
        lang = cut.tag_language
    if lang is None:
        lang = guess_language(cut.text)
        if lang == "diff":
            lang = None
    return lang


def extract(text: str, tool_calls: Sequence[ToolCall], *, exchange_id: str | None = None,
            fim: bool = False) -> list[Snippet]:
    """Snippets of the code an answer adds (see module docstring), numbered in order."""
    cuts: list[_Cut]
    if fim:
        cuts = [_Cut(text, "fim")]
    else:
        cuts = _from_text(text) if text else []
    for call in tool_calls:
        cuts.extend(_from_tool(call))
    out: list[Snippet] = []
    for cut in cuts:
        if not cut.text.strip():
            continue
        out.append(Snippet(text=cut.text, kind=cut.kind, language=_language(cut),
                           path=cut.path, exchange_id=exchange_id, ordinal=len(out)))
    return out


def extract_exchange(ex: Exchange) -> list[Snippet]:
    """Snippets of a recorded exchange (FIM when it was a legacy completions call)."""
    from proxy.exchange import OPENAI_COMPLETIONS

    return extract(ex.response.text, ex.response.tool_calls, exchange_id=ex.id,
                   fim=ex.request.api == OPENAI_COMPLETIONS)
