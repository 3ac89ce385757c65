"""Installing ``aiprov guard`` into coding agents' own hook settings, and taking it out again.

``aiprov setup AGENT --install`` merges one hook into the agent's settings file (project level
by default, user level with ``--user``); ``--undo`` removes exactly that hook and nothing
else. Ownership is the command itself: a handler whose command is ``aiprov guard AGENT`` is
ours, everything else in the file is the user's and is written back unchanged (JSON is
re-indented). Installing twice adds one hook. Where each agent reads hooks from:

- Claude Code: ``.claude/settings.json`` / ``~/.claude/settings.json``, ``hooks.PostToolUse``.
- Codex CLI: ``.codex/hooks.json`` / ``$CODEX_HOME/hooks.json`` (``~/.codex``),
  ``hooks.PostToolUse``. Codex >= 0.150 runs a non-managed hook only once its
  ``[hooks.state."<hooks.json>:post_tool_use:<group>:<handler>"] trusted_hash`` is in the
  user's ``config.toml`` (``codex exec`` has no review screen, an untrusted hook is skipped
  in silence). The user asked for the hook, so install writes that trust too, in a marked
  block that undo removes; the hash is Codex's (``codex_trust_hash``), checked against the
  real Codex 0.169 in tests/clients.
- Gemini CLI: ``.gemini/settings.json`` / ``~/.gemini/settings.json``, ``hooks.AfterTool``.
- Cursor: ``.cursor/hooks.json`` / ``~/.cursor/hooks.json``, ``{"version": 1, "hooks":
  {"afterFileEdit": [{"command": ...}]}}``.
- Cline: an executable file ``.clinerules/hooks/PostToolUse`` /
  ``~/Documents/Cline/Hooks/PostToolUse`` (one script per hook name, so an existing one that
  is not ours is left alone and reported).

``merged`` / ``unmerged`` are pure (settings dict in, settings dict out); ``install`` and
``undo`` do the file work and return one line per file for the user.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiprov.errors import ConfigError


@dataclass(frozen=True, slots=True)
class HookSpec:
    agent: str
    project_file: str  # relative to the project root
    user_file: str  # relative to the home directory (Codex: to CODEX_HOME)
    event: str
    matcher: str | None  # None: the agent has no matchers for this event (Cursor)
    script: bool = False  # Cline: the hook is an executable file, not a settings entry


SPECS = {
    "claude-code": HookSpec("claude-code", ".claude/settings.json", ".claude/settings.json",
                            "PostToolUse", "Write|Edit|MultiEdit"),
    "codex": HookSpec("codex", ".codex/hooks.json", "hooks.json", "PostToolUse", "apply_patch"),
    "gemini-cli": HookSpec("gemini-cli", ".gemini/settings.json", ".gemini/settings.json",
                           "AfterTool", "write_file|replace|edit"),
    "cursor": HookSpec("cursor", ".cursor/hooks.json", ".cursor/hooks.json", "afterFileEdit",
                       None),
    "cline": HookSpec("cline", ".clinerules/hooks/PostToolUse",
                      "Documents/Cline/Hooks/PostToolUse", "PostToolUse", None, script=True),
}
TRUST_BEGIN = "# >>> aiprov guard hook trust for "  # + the hooks.json it trusts
TRUST_END = "# <<< aiprov guard hook trust for "
CODEX_TIMEOUT = 600  # Codex's default hook timeout, part of the trusted identity


def command(agent: str) -> str:
    return f"aiprov guard {agent}"


def script_text(agent: str) -> str:
    return (f"#!/bin/sh\n# {command(agent)}: installed by `aiprov setup {agent} --install`, "
            f"removed by `aiprov setup {agent} --undo`\nexec {command(agent)}\n")


def _handler(spec: HookSpec) -> dict[str, Any]:
    if spec.matcher is None:  # Cursor: entries are bare commands
        return {"command": command(spec.agent)}
    return {"type": "command", "command": command(spec.agent)}


def _is_ours(handler: Any, spec: HookSpec) -> bool:
    return isinstance(handler, dict) and handler.get("command") == command(spec.agent)


def merged(doc: Mapping[str, Any], spec: HookSpec) -> dict[str, Any]:
    """``doc`` with our hook added at the end of its event (no change when it is there)."""
    out = json.loads(json.dumps(doc))  # a deep copy; the caller's dict stays as it was
    hooks = out.setdefault("hooks", {})
    if not isinstance(hooks, dict):
        raise ConfigError('"hooks" is not an object; fix it, then install again')
    entries = hooks.setdefault(spec.event, [])
    if not isinstance(entries, list):
        raise ConfigError(f'"hooks.{spec.event}" is not a list; fix it, then install again')
    if spec.matcher is None:
        if spec.agent == "cursor":
            out.setdefault("version", 1)
        if not any(_is_ours(e, spec) for e in entries):
            entries.append(_handler(spec))
        return out
    for group in entries:
        if isinstance(group, dict) and any(_is_ours(h, spec) for h in group.get("hooks") or []):
            return out
    # appended last: removing it later does not move the user's groups (Codex keys its hook
    # trust by position)
    entries.append({"matcher": spec.matcher, "hooks": [_handler(spec)]})
    return out


def unmerged(doc: Mapping[str, Any], spec: HookSpec) -> dict[str, Any]:
    """``doc`` without our hook; containers left empty by that removal go too."""
    out = json.loads(json.dumps(doc))
    hooks = out.get("hooks")
    if not isinstance(hooks, dict) or not isinstance(hooks.get(spec.event), list):
        return out
    entries: list[Any] = []
    for entry in hooks[spec.event]:
        if _is_ours(entry, spec):
            continue
        if isinstance(entry, dict) and isinstance(entry.get("hooks"), list):
            kept = [h for h in entry["hooks"] if not _is_ours(h, spec)]
            if not kept and len(kept) != len(entry["hooks"]):
                continue
            entry = {**entry, "hooks": kept}
        entries.append(entry)
    hooks[spec.event] = entries
    if not entries:
        del hooks[spec.event]
    if not hooks:
        del out["hooks"]
    if spec.agent == "cursor" and out == {"version": 1}:
        return {}
    return out


def position(doc: Mapping[str, Any], spec: HookSpec) -> tuple[int, int] | None:
    """(group, handler) index of our hook in ``doc``, as Codex keys its trust."""
    hooks = doc.get("hooks")
    entries = hooks.get(spec.event) if isinstance(hooks, dict) else None
    for g, group in enumerate(entries if isinstance(entries, list) else []):
        handlers = group.get("hooks") if isinstance(group, dict) else None
        for h, handler in enumerate(handlers if isinstance(handlers, list) else []):
            if _is_ours(handler, spec):
                return g, h
    return None


def codex_trust_hash(event_label: str, matcher: str, cmd: str,
                     timeout: int = CODEX_TIMEOUT) -> str:
    """Codex's ``trusted_hash`` of one command hook (openai/codex
    ``codex-rs/hooks/src/engine/discovery.rs`` ``command_hook_hash`` and
    ``codex-rs/config/src/fingerprint.rs`` ``version_for_toml``): sha256 of the compact,
    key-sorted JSON of the normalised identity (event label, matcher, the one handler with its
    timeout filled in and unset fields left out)."""
    identity = {"event_name": event_label, "matcher": matcher,
                "hooks": [{"type": "command", "command": cmd, "timeout": timeout,
                           "async": False}]}
    body = json.dumps(identity, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(body.encode()).hexdigest()


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a TOML basic string is JSON-compatible here


def trust_block(hooks_json: Path, where: tuple[int, int], spec: HookSpec) -> str:
    key = f"{hooks_json}:post_tool_use:{where[0]}:{where[1]}"
    digest = codex_trust_hash("post_tool_use", spec.matcher or "", command(spec.agent))
    return (f"{TRUST_BEGIN}{hooks_json} (`aiprov setup codex --undo` removes this block)\n"
            f"[hooks.state.{_toml_str(key)}]\ntrusted_hash = {_toml_str(digest)}\n"
            f"{TRUST_END}{hooks_json}\n")


def without_trust(text: str, hooks_json: Path) -> str:
    """``config.toml`` text without our trust block for ``hooks_json`` (other blocks stay)."""
    block = re.compile(re.escape(f"{TRUST_BEGIN}{hooks_json} ") + r".*?"
                       + re.escape(f"{TRUST_END}{hooks_json}") + r"\n?", re.S)
    return block.sub("", text)


def with_trust(text: str, block: str, hooks_json: Path) -> str:
    """``config.toml`` text with our trust block (replacing an older one), checked to parse."""
    base = without_trust(text, hooks_json)
    if base and not base.endswith("\n"):
        base += "\n"
    out = base + ("\n" if base.strip() else "") + block
    try:
        tomllib.loads(out)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cannot add the hook trust to Codex's config.toml ({exc}); "
                          "trust the hook in Codex instead (it asks on start)") from None
    return out


# --- files ---------------------------------------------------------------------------------


def codex_home(home: Path) -> Path:
    env = os.environ.get("CODEX_HOME")
    return Path(env).resolve() if env else home / ".codex"


def target_file(spec: HookSpec, project: Path, home: Path, user: bool) -> Path:
    if not user:
        return (project / spec.project_file).resolve()
    base = codex_home(home) if spec.agent == "codex" else home
    return (base / spec.user_file).resolve()


def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        doc = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not plain JSON ({exc}); fix it or add the hook by "
                          "hand (see `aiprov setup AGENT`)") from None
    if not isinstance(doc, dict):
        raise ConfigError(f"{path} does not hold a JSON object; fix it, then try again")
    return doc


def _write(path: Path, text: str, mode: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".aiprov-tmp")
    tmp.write_text(text, encoding="utf-8")
    if mode is not None:
        tmp.chmod(mode)
    elif path.exists():
        shutil.copymode(path, tmp)
    os.replace(tmp, path)


def _unlink(path: Path, stop: Path) -> None:
    """Delete ``path`` and the folders it leaves empty, up to ``stop`` (not included)."""
    path.unlink()
    d = path.parent
    while d != stop and stop in d.parents and not any(d.iterdir()):
        d.rmdir()
        d = d.parent


def install(agent: str, project: Path, home: Path, user: bool = False) -> list[str]:
    """Add the guard hook for ``agent``; one line per file touched or left alone."""
    spec = SPECS[agent]
    path = target_file(spec, project, home, user)
    if spec.script:
        if path.exists():
            if path.read_text(encoding="utf-8", errors="replace") == script_text(agent):
                return [f"already installed: {path}"]
            raise ConfigError(f"{path} exists and is not aiprov's; Cline runs one "
                              f"PostToolUse script per folder: add `{command(agent)}` to it "
                              "by hand (it reads the same stdin)")
        _write(path, script_text(agent), 0o755)
        return [f"installed: {path}"]
    doc = _load(path)
    new = merged(doc, spec)
    lines = []
    if new == doc:
        lines.append(f"already installed: {path}")
    else:
        _write(path, json.dumps(new, indent=2, ensure_ascii=False) + "\n")
        lines.append(f"installed: {path}")
    if agent == "codex":
        where = position(new, spec)
        assert where is not None  # merged() put it there
        config = codex_home(home) / "config.toml"
        text = config.read_text(encoding="utf-8") if config.exists() else ""
        updated = with_trust(text, trust_block(path, where, spec), path)
        if updated != text:
            _write(config, updated)
            lines.append(f"trusted the hook in Codex: {config}")
        if not user:
            lines.append("note: Codex loads a project's .codex/ only once the project is "
                         "trusted (Codex asks on first start; `codex exec --trust` does it "
                         "headless)")
    return lines


def undo(agent: str, project: Path, home: Path, user: bool = False) -> list[str]:
    """Remove what ``install`` added for ``agent``; one line per file."""
    spec = SPECS[agent]
    path = target_file(spec, project, home, user)
    lines = []
    if spec.script:
        if not path.exists():
            return [f"nothing to undo: {path} does not exist"]
        if path.read_text(encoding="utf-8", errors="replace") != script_text(agent):
            return [f"left alone: {path} is not aiprov's (or was changed since)"]
        _unlink(path, home if user else project.resolve())
        return [f"removed: {path}"]
    doc = _load(path)
    new = unmerged(doc, spec)
    if new == doc:
        lines.append(f"nothing to undo: no `{command(agent)}` hook in {path}")
    elif not new:
        _unlink(path, home if user else project.resolve())
        lines.append(f"removed: {path} (it held only aiprov's hook)")
    else:
        _write(path, json.dumps(new, indent=2, ensure_ascii=False) + "\n")
        lines.append(f"removed the hook from {path}")
    if agent == "codex":
        config = codex_home(home) / "config.toml"
        if config.exists():
            text = config.read_text(encoding="utf-8")
            stripped = without_trust(text, path)
            if stripped != text:
                stripped = stripped.rstrip("\n") + "\n" if stripped.strip() else ""
                if stripped:
                    _write(config, stripped)
                else:
                    _unlink(config, home)
                lines.append(f"removed the hook trust from {config}")
    return lines
