"""Markdown for a pull-request comment.

Everything from the code or the prompt is attacker-controlled text: quotes go in fenced
blocks whose fence is longer than any backtick run inside, and table cells are escaped, so
a hunk cannot close the block and inject markdown (links, images, fake "approved" notes).
"""

from __future__ import annotations

import re

from reviewer.model import Finding, severity_rank, split_hints
from reviewer.summary import summarize

_ICON = {"critical": "🟥", "high": "🟧", "medium": "🟨", "low": "🟦", "info": "⬜"}


def _fence(code: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _cell(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
            .replace("<", "&lt;").replace(">", "&gt;"))


def render_markdown(findings: list[Finding], *, ordered: bool = False) -> str:
    """The review as Markdown; ``ordered``: keep the caller's order (else by severity).
    Judgement hints are listed in the same table marked "hint" and counted apart."""
    real, hints = split_hints(findings)
    if not real and not hints:
        return "### aiprov review\n\nNo findings in the changed lines.\n"
    n = summarize(real, hints)
    summary = f"**{n.findings} finding(s)**" + (f" ({n.by_severity})" if n.by_severity else "") \
        + f"; **{n.ai}** in AI-origin code (ai policy)."
    if n.dismissed:
        summary += f" **{n.dismissed}** dismissed inline (listed, never failing)."
    if n.hints:
        summary += (f" **{n.hints} hint(s)** that need a person's judgement, counted apart "
                    "(they never fail a check).")
    out = ["### aiprov review", "", summary, "",
           "| | Location | Finding | CWE | Confidence | Origin |",
           "|---|---|---|---|---|---|"]
    rows = findings if ordered else sorted(
        findings, key=lambda f: (f.judgement, -severity_rank(f.severity), f.path, f.line))
    for f in rows:
        origin = f"AI ({_cell(f.origin.model or f.origin.tool or '?')})" if f.origin.is_ai \
            else "human"
        level = "💬 hint" if f.judgement else f"{_ICON.get(f.severity, '')} {f.severity}"
        if f.dismissed:
            level += " (dismissed)"
        out.append(f"| {level} | `{_cell(f.path)}:{f.line}` | "
                   f"{_cell(f.title)} | {f.cwe_id or ''} | {f.confidence} | {origin} |")
    out.append("")
    for f in rows:
        fence = _fence(f.quote + (f.replacement or ""))
        out += [
            "<details>",
            f"<summary>{_ICON.get(f.severity, '')} <code>{_cell(f.rule_id)}</code> "
            f"{_cell(f.path)}:{f.line}: {_cell(f.title)}</summary>",
            "",
            f"{fence}{f.language}", f.quote, fence, "",
            *([f"**Path:** {_cell(f.trace_text)}", ""] if f.trace else []),
            f"**Why:** {_cell(f.why)}", "",
            f"**Impact:** {_cell(f.impact)}", "",
            f"**Fix:** {_cell(f.fix)}", "",
        ]
        if f.dismissed:
            out += [f"**Dismissed inline:** {_cell(f.dismissed)} (never fails a check)", ""]
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


def ai_first(findings: list[Finding]) -> list[Finding]:
    """Findings on AI-origin lines first, then by severity and place."""
    return sorted(findings, key=lambda f: (not f.origin.is_ai, -severity_rank(f.severity),
                                           f.path, f.line))


def _code(text: str) -> str:
    """``text`` as an inline code span that no backtick inside can close early."""
    text = _cell(text)
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    tick = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{tick}{pad}{text}{pad}{tick}"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def render_pr(files: list[tuple[str, int, int, int]], tools: dict[tuple[str, str], int],
              exchanges: list[str], findings: list[Finding], *,
              skipped: dict[str, str] | None = None, unnoted: int = 0,
              title: str = "aiprov") -> str:
    """A pull request comment: AI lines and share per file (``(path, added, ai,
    ai_edited)``), the agents and models with their line counts, the exchange ids to look up
    with ``aiprov show``, then the review with findings on AI-origin lines first.
    ``unnoted``: added lines no commit note speaks for (counted as human, said so)."""
    added = sum(f[1] for f in files)
    ai = sum(f[2] + f[3] for f in files)
    out = [f"## {_cell(title)}: AI provenance", "",
           f"**{ai} of {added} added line(s) of AI origin ({_pct(ai, added)})** in "
           f"{len(files)} file(s).", ""]
    if unnoted:
        out += [f"{unnoted} of them come from commits without an aiprov note (made where the "
                "hooks were not installed, or their notes were not pushed): counted as human.",
                ""]
    if files:
        out += ["| File | Added | AI | AI-edited | AI share |", "|---|---:|---:|---:|---:|"]
        for path, n, a, e in sorted(files, key=lambda f: (-(f[2] + f[3]), f[0])):
            out.append(f"| {_code(path)} | {n} | {a} | {e} | {_pct(a + e, n)} |")
        out.append("")
    if skipped:
        out.append("Not attributed: " + ", ".join(f"{_code(p)} ({_cell(r)})"
                                                 for p, r in sorted(skipped.items())))
        out.append("")
    if tools:
        out += ["| Agent | Model | AI lines |", "|---|---|---:|"]
        for (tool, model), n in sorted(tools.items(), key=lambda kv: -kv[1]):
            out.append(f"| {_cell(tool)} | {_cell(model)} | {n} |")
        out.append("")
    if exchanges:
        shown = exchanges[:20]
        out.append("Where the AI lines came from (run locally, with the developer's store or "
                   "the org server): " + ", ".join(_code(f"aiprov show {e}") for e in shown)
                   + (f" and {len(exchanges) - len(shown)} more" if len(exchanges) > 20 else ""))
        out.append("")
    review = render_markdown(ai_first(findings), ordered=True)
    return "\n".join(out) + "\n" + review.replace("### aiprov review", "### Review", 1)
