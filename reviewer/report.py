"""JSON for machines: one object per finding, every explanation field included."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from reviewer.model import Finding


def finding_dict(f: Finding) -> dict[str, Any]:
    d = asdict(f)
    d["cwe_id"] = f.cwe_id
    if not f.origin.is_ai:
        d["origin"] = {"label": f.origin.label}
    return d


def render_json(findings: list[Finding]) -> str:
    return json.dumps({"version": 1, "findings": [finding_dict(f) for f in findings]},
                      indent=2, ensure_ascii=False) + "\n"
