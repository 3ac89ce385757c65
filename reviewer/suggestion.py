"""Review one suggested snippet as the recorder stores it: code in, findings out.

A snippet (``provenance.model.Snippet``: a fenced block, a tool call's file write or edit, an
inline completion) is model-written and not yet trusted, so every line of it is reviewed as
AI origin, under the stricter AI policy. The snippet is the whole file the reviewer sees (an
edit's new side has no file around it here); lines are numbered within the snippet.

Cost is bounded: a snippet is reviewed up to ``MAX_LINES`` lines and ``MAX_BYTES`` bytes
(cut at a line end); what lies past the cap is not reviewed and ``SnippetReview.capped``
says so (the recorder counts it). Findings and judgement hints come back apart: a hint
needs a person to decide and is never stored as a finding.
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance.model import Snippet
from reviewer.engine import review_target
from reviewer.model import AI, Finding, Origin, ReviewTarget, split_hints
from reviewer.policy import DEFAULT_POLICY, Policy
from reviewer.rules import PACKS, language_for

MAX_LINES = 2_000  # a suggestion longer than this is reviewed up to here
MAX_BYTES = 128 * 1024


@dataclass(frozen=True, slots=True)
class SnippetReview:
    """What the review of one snippet found: findings, hints (apart) and whether the
    snippet was cut to the cap before review."""

    snippet: Snippet
    findings: tuple[Finding, ...] = ()
    hints: tuple[Finding, ...] = ()
    capped: bool = False


def grammar_of(snippet: Snippet) -> str | None:
    """The rule pack grammar for a snippet: its language, else its path; None when no pack
    covers it."""
    if snippet.language in PACKS:
        return snippet.language
    return language_for(snippet.path) if snippet.path else None


def cap(text: str, max_lines: int = MAX_LINES, max_bytes: int = MAX_BYTES) -> tuple[str, bool]:
    """``text`` cut to at most ``max_lines`` lines and ``max_bytes`` UTF-8 bytes, at a line
    end; (text, whether it was cut)."""
    cut = False
    if len(text) * 4 > max_bytes and len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        head = text.encode("utf-8", "surrogatepass")[:max_bytes].decode("utf-8", "ignore")
        end = head.rfind("\n")
        text, cut = (head[:end] if end > 0 else head), True
    if text.count("\n") >= max_lines:
        parts = text.split("\n", max_lines)
        if len(parts) > max_lines:
            text, cut = "\n".join(parts[:max_lines]), True
    return text, cut


def review_snippet(snippet: Snippet, origin: Origin | None = None,
                   policy: Policy = DEFAULT_POLICY) -> SnippetReview:
    """Review every line of ``snippet`` as AI-written code (``origin`` says which tool and
    model, for the explanation); a snippet in a language no rule pack covers has none."""
    grammar = grammar_of(snippet)
    if grammar is None or not snippet.text.strip():
        return SnippetReview(snippet)
    text, capped = cap(snippet.text)
    origin = origin or Origin(label=AI)
    n = text.count("\n") + 1
    target = ReviewTarget(snippet.path or "", text, frozenset(range(1, n + 1)),
                          {i: origin for i in range(1, n + 1)}, language=grammar)
    findings, hints = split_hints(review_target(target, policy))
    return SnippetReview(snippet, tuple(findings), tuple(hints), capped)
