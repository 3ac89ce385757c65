"""Terminal output: what a developer reads in ten seconds, worst first.

Judgement hints (rules that need a person to decide) are listed after the findings under
their own heading and counted apart: they are never part of the finding count.
"""

from __future__ import annotations

from reviewer.model import Finding, severity_rank, split_hints
from reviewer.summary import summarize

_MARK = {"critical": "CRIT", "high": "HIGH", "medium": "MED ", "low": "LOW ", "info": "INFO"}


def render(findings: list[Finding], *, verbose: bool = False) -> str:
    real, hints = split_hints(findings)
    if not real and not hints:
        return "aiprov review: no findings\n"
    out: list[str] = []
    for f in _ordered(real):
        out += _entry(f, verbose, _MARK.get(f.severity, f.severity))
    if hints:
        out.append(f"Hints ({len(hints)}; need a person's judgement, never fail a check):")
        for f in _ordered(hints):
            out += _entry(f, verbose, "HINT")
    n = summarize(real, hints)
    line = f"{n.findings} finding(s)" + (f": {n.by_severity}" if n.by_severity else "") + \
        f"; {n.ai} in AI-origin code (ai policy), {n.human} human (human policy)"
    if n.dismissed:
        line += f"; {n.dismissed} dismissed inline"
    if n.hints:
        line += f"; {n.hints} hint(s) apart"
    out.append(line)
    return "\n".join(out) + "\n"


def _ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-severity_rank(f.severity), f.path, f.line))


def _entry(f: Finding, verbose: bool, mark: str) -> list[str]:
    cwe = f" {f.cwe_id}" if f.cwe else ""
    who = f"  [AI: {f.origin.tool or '?'}/{f.origin.model or '?'}]" if f.origin.is_ai else ""
    out = [f"{mark} {f.path}:{f.line}  {f.title}{cwe}  "
           f"({f.confidence} confidence, {f.rule_id}, {f.policy} policy){who}"]
    for line in f.quote.splitlines()[:3]:
        out.append(f"     | {line}")
    if f.trace:
        out.append(f"     path: {f.trace_text}")
    if f.dismissed:
        out.append(f"     dismissed inline: {f.dismissed} (listed and counted, never fails)")
    out.append(f"     fix: {f.fix}")
    if f.replacement:
        out.append(f"     try: {f.replacement.strip().splitlines()[0]}")
    if verbose:
        out.append(f"     why: {f.why}")
        out.append(f"     impact: {f.impact}")
        if f.origin.is_ai:
            o = f.origin
            out.append(f"     origin: {o.label} via {o.tool} ({o.model}) at {o.time}, "
                       f"exchange {o.exchange_id}")
            if f.origin.prompt_excerpt:
                out.append(f"     prompt: {f.origin.prompt_excerpt[:200]!r}")
    out.append("")
    return out
