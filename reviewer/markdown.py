"""Markdown for a pull-request comment.

Everything from the code or the prompt is attacker-controlled text: quotes go in fenced
blocks whose fence is longer than any backtick run inside, and table cells are escaped, so
a hunk cannot close the block and inject markdown (links, images, fake "approved" notes).
"""

from __future__ import annotations

import re
from collections import Counter

from reviewer.model import Finding, severity_rank

_ICON = {"critical": "🟥", "high": "🟧", "medium": "🟨", "low": "🟦", "info": "⬜"}


def _fence(code: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _cell(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
            .replace("<", "&lt;").replace(">", "&gt;"))


def render_markdown(findings: list[Finding]) -> str:
    if not findings:
        return "### aiprov review\n\nNo findings in the changed lines.\n"
    counts = Counter(f.severity for f in findings)
    ai = sum(1 for f in findings if f.origin.is_ai)
    head = ", ".join(f"{counts[s]} {s}" for s in ("critical", "high", "medium", "low", "info")
                     if counts[s])
    out = ["### aiprov review", "",
           f"**{len(findings)} finding(s)** ({head}); **{ai}** in AI-origin code.", "",
           "| | Location | Finding | CWE | Confidence | Origin |",
           "|---|---|---|---|---|---|"]
    ordered = sorted(findings, key=lambda f: (-severity_rank(f.severity), f.path, f.line))
    for f in ordered:
        origin = f"AI ({_cell(f.origin.model or f.origin.tool or '?')})" if f.origin.is_ai \
            else "human"
        out.append(f"| {_ICON.get(f.severity, '')} {f.severity} | `{_cell(f.path)}:{f.line}` | "
                   f"{_cell(f.title)} | {f.cwe_id or ''} | {f.confidence} | {origin} |")
    out.append("")
    for f in ordered:
        fence = _fence(f.quote + (f.replacement or ""))
        out += [
            "<details>",
            f"<summary>{_ICON.get(f.severity, '')} <code>{_cell(f.rule_id)}</code> "
            f"{_cell(f.path)}:{f.line}: {_cell(f.title)}</summary>",
            "",
            f"{fence}{f.language}", f.quote, fence, "",
            f"**Why:** {_cell(f.why)}", "",
            f"**Impact:** {_cell(f.impact)}", "",
            f"**Fix:** {_cell(f.fix)}", "",
        ]
        if f.replacement:
            out += ["Suggested replacement:", "", f"{fence}{f.language}", f.replacement, fence, ""]
        if f.origin.is_ai:
            out.append(f"**Origin:** {_cell(f.origin.label)} code from "
                       f"{_cell(f.origin.tool or '?')} / {_cell(f.origin.model or '?')} at "
                       f"{_cell(f.origin.time or '?')} (exchange "
                       f"`{_cell(f.origin.exchange_id or '?')}`)")
            if f.origin.prompt_excerpt:
                pf = _fence(f.origin.prompt_excerpt)
                out += ["", "Prompt excerpt:", "", f"{pf}text", f.origin.prompt_excerpt, pf]
            out.append("")
        out += ["</details>", ""]
    return "\n".join(out)
