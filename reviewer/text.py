"""Terminal output: what a developer reads in ten seconds, worst first."""

from __future__ import annotations

from collections import Counter

from reviewer.model import Finding, severity_rank

_MARK = {"critical": "CRIT", "high": "HIGH", "medium": "MED ", "low": "LOW ", "info": "INFO"}


def render(findings: list[Finding], *, verbose: bool = False) -> str:
    if not findings:
        return "aiprov review: no findings\n"
    ordered = sorted(findings, key=lambda f: (-severity_rank(f.severity), f.path, f.line))
    out: list[str] = []
    for f in ordered:
        cwe = f" {f.cwe_id}" if f.cwe else ""
        who = f"  [AI: {f.origin.tool or '?'}/{f.origin.model or '?'}]" if f.origin.is_ai else ""
        out.append(f"{_MARK.get(f.severity, f.severity)} {f.path}:{f.line}  {f.title}{cwe}  "
                   f"({f.confidence} confidence, {f.rule_id}){who}")
        for line in f.quote.splitlines()[:3]:
            out.append(f"     | {line}")
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
    counts = Counter(f.severity for f in findings)
    ai = sum(1 for f in findings if f.origin.is_ai)
    summary = ", ".join(f"{counts[s]} {s}" for s in ("critical", "high", "medium", "low", "info")
                        if counts[s])
    out.append(f"{len(findings)} finding(s): {summary}; {ai} in AI-origin code")
    return "\n".join(out) + "\n"
