"""Batches in the sync wire format, and a populated org store, for the server tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

NOW = datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def iso(dt: datetime) -> str:
    return dt.isoformat()


def exchange(*, developer: str, repo: str = "acme/web", tool: str = "claude-code",
             model: str = "claude-sonnet-4", prompt: str = "write a parser",
             response: str = "```python\ndef parse(x):\n    return x\n```",
             snippets: list[dict[str, Any]] | None = None, when: datetime | None = None,
             cost: float = 0.01, eid: str | None = None) -> dict[str, Any]:
    when = when or NOW - timedelta(days=1)
    return {
        "id": eid or uuid.uuid4().hex, "started_at": iso(when), "developer": developer,
        "tool": tool, "repo": repo, "cwd": "/home/dev/src", "api": "anthropic-messages",
        "path": "/v1/messages", "status": 200, "model_requested": model, "model_answered": model,
        "input_tokens": 100, "output_tokens": 50, "cost_usd": cost, "prompt": prompt,
        "system": "you are helpful", "request_json": '{"messages": ["secret context"]}',
        "response_text": response, "reasoning_text": "thinking...", "api_key_hash": "kh1:abc",
        "snippets": snippets if snippets is not None else [snippet(0)],
    }


def snippet(ordinal: int, text: str = "def parse(x):\n    return x\n",
            language: str = "python", path: str | None = "src/parse.py",
            when: datetime | None = None) -> dict[str, Any]:
    return {"ordinal": ordinal, "kind": "fence", "language": language, "path": path,
            "text": text, "line_count": text.count("\n"), "normaliser": "fp1",
            "created_at": iso(when or NOW - timedelta(days=1)),
            "fingerprints": [[123456789 + ordinal, 1], [-987654321, 2]]}


def commit(*, repo: str = "acme/web", sha: str | None = None, author: str,
           lines: list[list[Any]], when: datetime | None = None) -> dict[str, Any]:
    origins = [ln[2] for ln in lines]
    return {"repo": repo, "sha": sha or uuid.uuid4().hex + "abcdef01",
            "author": author, "committed_at": iso(when or NOW - timedelta(hours=20)),
            "ai_lines": origins.count("ai"), "ai_edited_lines": origins.count("ai-edited"),
            "human_lines": origins.count("human"), "note_json": "{}", "lines": lines}


def finding(fid: int, *, repo: str, sha: str, path: str, line: int, origin: str,
            exchange_id: str | None = None, found: datetime | None = None,
            fixed: datetime | None = None, message: str = "eval of input") -> dict[str, Any]:
    found = found or NOW - timedelta(hours=20)
    return {"id": fid, "repo": repo, "commit_sha": sha, "path": path, "line": line,
            "rule_id": "py.eval", "cwe": "CWE-95", "severity": "high", "confidence": "high",
            "origin": origin, "exchange_id": exchange_id, "message": message,
            "fingerprint": f"fp-{fid}", "found_at": iso(found),
            "fixed_sha": "f1xed" if fixed else None, "fixed_at": iso(fixed) if fixed else None}


def batch(exchanges: list | None = None, commits: list | None = None,
          findings: list | None = None, mode: str = "full") -> dict[str, Any]:
    return {"version": 1, "sync_mode": mode, "exchanges": exchanges or [],
            "commits": commits or [], "findings": findings or []}
