"""SARIF 2.1.0 for GitHub code scanning.

Stable rule ids (the pack ids), CWE tags (``external/cwe/cwe-78``), a numeric
``security-severity`` (GitHub maps >= 9.0 critical, >= 7.0 high, >= 4.0 medium, else low),
``precision`` from the confidence, and ``partialFingerprints`` carrying the finding's own
line-independent fingerprint so that alerts follow code that moves. Judgement hints are
results of ``kind: "review"`` at level ``note`` (a person decides; never a failure), and the
run's ``properties`` count findings and hints apart.
"""

from __future__ import annotations

import json
from typing import Any

from reviewer.model import Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0",
                     "info": "1.0"}
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note",
         "info": "note"}
PRECISION = {"high": "high", "medium": "medium", "low": "low"}


def _rule(f: Finding) -> dict[str, Any]:
    tags = ["security"]
    if f.cwe:
        tags.append(f"external/cwe/cwe-{f.cwe}")
    if f.judgement:
        tags.append("judgement")
    return {
        "id": f.rule_id,
        "name": "".join(p.capitalize() for p in f.rule_id.replace("-", ".").split(".")),
        "shortDescription": {"text": f.title},
        "fullDescription": {"text": f"{f.why} {f.impact}"},
        "help": {"text": f.fix, "markdown": f"**Fix:** {f.fix}"},
        "defaultConfiguration": {"level": LEVEL.get(f.severity, "warning")},
        "properties": {
            "tags": tags,
            "security-severity": SECURITY_SEVERITY.get(f.severity, "5.0"),
            "precision": PRECISION.get(f.confidence, "medium"),
            "problem.severity": "error" if f.severity in ("critical", "high") else "warning",
        },
    }


def _message(f: Finding) -> str:
    cwe = f" ({f.cwe_id}: {f.cwe_name})" if f.cwe else ""
    text = f"{f.title}{cwe}. {f.why} Impact: {f.impact} Fix: {f.fix}"
    if f.replacement:
        text += f" Suggested: {f.replacement.strip()}"
    if f.origin.is_ai:
        text += (f" Origin: AI ({f.origin.label}) via {f.origin.tool or 'unknown tool'}, "
                 f"model {f.origin.model or 'unknown'}, {f.origin.time or 'unknown time'}.")
    return text


def _code_flow(f: Finding) -> dict[str, Any]:
    """The source-to-sink path as one thread flow (SARIF 3.36): one location per step."""
    uri = f.path.lstrip("/")
    return {"threadFlows": [{"locations": [
        {"location": {
            "physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                                 "region": {"startLine": line}},
            "message": {"text": what}}}
        for line, what in f.trace]}]}


def to_sarif(findings: list[Finding], *, tool_version: str = "0.1.0") -> dict[str, Any]:
    rules: dict[str, dict[str, Any]] = {}
    for f in findings:
        rules.setdefault(f.rule_id, _rule(f))
    index = {rid: i for i, rid in enumerate(rules)}
    results = []
    for f in findings:
        props: dict[str, Any] = {"confidence": f.confidence, "origin": f.origin.label,
                                 "policy": f.policy, "judgement": f.judgement}
        if f.origin.is_ai:
            props.update({"aiTool": f.origin.tool, "aiModel": f.origin.model,
                          "aiTime": f.origin.time, "exchangeId": f.origin.exchange_id})
        results.append({
            "ruleId": f.rule_id,
            "ruleIndex": index[f.rule_id],
            "kind": "review" if f.judgement else "fail",
            "level": "note" if f.judgement else LEVEL.get(f.severity, "warning"),
            "message": {"text": _message(f)},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path.lstrip("/"), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": f.line, "endLine": f.end_line,
                               "startColumn": f.column, "snippet": {"text": f.quote}},
                },
            }],
            "partialFingerprints": {"aiprovFinding/v1": f.fingerprint},
            "properties": props,
            **({"codeFlows": [_code_flow(f)]} if f.trace else {}),
            # an inline ``aiprov: ignore[...]`` comment: SARIF's own way to say it
            **({"suppressions": [{"kind": "inSource", "justification": f.dismissed}]}
               if f.dismissed else {}),
        })
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "aiprov",
                "version": tool_version,
                "informationUri": "https://github.com/aiprov/aiprov",
                "rules": list(rules.values()),
            }},
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": {"findings": sum(1 for f in findings if not f.judgement),
                           "hints": sum(1 for f in findings if f.judgement)},
        }],
    }


def render_sarif(findings: list[Finding]) -> str:
    return json.dumps(to_sarif(findings), indent=2, ensure_ascii=False) + "\n"
