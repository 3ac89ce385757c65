"""JSON for machines: one object per finding, every explanation field included.

Judgement hints go in their own ``hints`` list (same fields) and ``summary`` counts the two
apart, so a consumer that counts ``findings`` never counts a hint. Each entry says which
policy admitted it (``policy``: ``ai`` is the stricter threshold).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from reviewer.model import Finding, split_hints
from reviewer.summary import summarize


def finding_dict(f: Finding) -> dict[str, Any]:
    d = asdict(f)
    d["cwe_id"] = f.cwe_id
    d["policy"] = f.policy
    d["trace"] = [{"line": line, "what": what} for line, what in f.trace]
    d["trace_text"] = f.trace_text
    if not f.origin.is_ai:
        d["origin"] = {"label": f.origin.label}
    return d


def render_json(findings: list[Finding], *, extra: Mapping[str, Any] | None = None) -> str:
    real, hints = split_hints(findings)
    n = summarize(real, hints)
    doc: dict[str, Any] = {
        "version": 1,
        "summary": {"findings": n.findings, "hints": n.hints, "ai_origin": n.ai},
        "findings": [finding_dict(f) for f in real],
        "hints": [finding_dict(f) for f in hints],
    }
    if extra:
        doc.update(extra)
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
