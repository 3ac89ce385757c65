"""The counts a review's outputs state (terminal, pull-request comment, JSON), counted once.

A judgement hint is never a finding (``reviewer.model.split_hints``): it is counted apart.
A finding at a level outside the five severities counts as a finding but is never named
in the per-severity counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reviewer.model import SEVERITIES, Finding


@dataclass(frozen=True, slots=True)
class Summary:
    findings: int
    ai: int  # findings in AI-origin code (judged by the ai policy)
    dismissed: int  # findings dismissed inline (listed and counted, never failing)
    hints: int
    severities: tuple[tuple[str, int], ...]  # (level, findings), worst first, none of 0

    @property
    def human(self) -> int:
        return self.findings - self.ai

    @property
    def by_severity(self) -> str:
        """``1 critical, 2 high``; '' when no finding has a known level."""
        return ", ".join(f"{n} {level}" for level, n in self.severities)


def summarize(real: list[Finding], hints: list[Finding]) -> Summary:
    """The counts of a review's findings and hints, as ``split_hints`` gives them (every
    caller lists the two apart as well, so the split is made once, by the caller)."""
    counts = Counter(f.severity for f in real)
    return Summary(findings=len(real), ai=sum(1 for f in real if f.origin.is_ai),
                   dismissed=sum(1 for f in real if f.dismissed), hints=len(hints),
                   severities=tuple((s, counts[s]) for s in reversed(SEVERITIES) if counts[s]))


__all__ = ["Summary", "summarize"]
