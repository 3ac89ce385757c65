"""Values the reviewer takes and returns: what to review, and what it found.

The engine knows nothing about git: a caller (``aiprov review``, the commit hook, a test)
builds one ``ReviewTarget`` per changed file (new content + the added line numbers + who
wrote each added line) and gets back ``Finding`` values. A finding carries everything a
person needs to act on it without opening another tool: the rule, the CWE, the exact code,
why it is dangerous, the impact, the fix and, for AI-origin code, the exchange behind it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

SEVERITIES = ("info", "low", "medium", "high", "critical")
CONFIDENCES = ("low", "medium", "high")

# line origins (same labels as provenance.model)
AI = "ai"
AI_EDITED = "ai-edited"
HUMAN = "human"
AI_LABELS = frozenset({AI, AI_EDITED, "mixed"})


def severity_rank(level: str) -> int:
    """0 (info) .. 4 (critical); unknown levels rank as info."""
    return SEVERITIES.index(level) if level in SEVERITIES else 0


def confidence_rank(level: str) -> int:
    return CONFIDENCES.index(level) if level in CONFIDENCES else 0


@dataclass(frozen=True, slots=True)
class Origin:
    """Who wrote a line: ``label`` is ai / ai-edited / human; the rest is the exchange."""

    label: str = HUMAN
    tool: str | None = None
    model: str | None = None
    time: str | None = None  # ISO 8601, UTC
    exchange_id: str | None = None
    prompt_excerpt: str | None = None
    confidence: float | None = None

    @property
    def is_ai(self) -> bool:
        return self.label in AI_LABELS


HUMAN_ORIGIN = Origin()


@dataclass(frozen=True, slots=True)
class ReviewTarget:
    """One changed file: its new content, the lines the change adds, and their origins.

    ``added_lines`` are 1-based line numbers in ``text``. Lines missing from ``origins``
    are human. ``language`` is a pack name (python, javascript, typescript, tsx, go, java)
    or None to guess from the path.
    """

    path: str
    text: str
    added_lines: frozenset[int]
    origins: Mapping[int, Origin] = field(default_factory=dict)
    language: str | None = None

    def origin_of(self, line: int) -> Origin:
        return self.origins.get(line, HUMAN_ORIGIN)


@dataclass(frozen=True, slots=True)
class Hunk:
    """A run of consecutive added lines; ``origin`` is the AI origin if any line has one."""

    path: str
    start: int
    end: int  # inclusive
    origin: Origin


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in added code, explained so that a developer can act on it."""

    rule_id: str
    cwe: int | None
    cwe_name: str
    title: str
    severity: str
    confidence: str
    path: str
    line: int
    end_line: int
    column: int  # 1-based
    quote: str  # the exact code, as it appears in the file (whole lines)
    why: str  # why it is dangerous when the input is attacker-controlled
    impact: str  # one sentence
    fix: str
    replacement: str | None = None  # a suggested replacement for ``quote`` when one is safe
    origin: Origin = HUMAN_ORIGIN
    language: str = ""
    source: str = "rules"  # "rules" or "llm:<model>"
    judgement: bool = False  # a rule that needs human judgement (AI-only by default)
    fingerprint: str = ""
    # the source-to-sink path: (line, what) steps, source first, the sink last; empty when
    # the rule does not follow data (a weak hash, a debug flag)
    trace: tuple[tuple[int, str], ...] = ()

    @property
    def trace_text(self) -> str:
        """``line 12 req.query.q -> line 14 sql -> line 15 db.query(...)``, or ''."""
        return " -> ".join(f"line {line} {what}" for line, what in self.trace)
    # dismissed by an inline comment (``aiprov: ignore[CWE-89] reason``): the reason. Still
    # shown, listed and counted; it no longer fails a check.
    dismissed: str | None = None

    @property
    def cwe_id(self) -> str | None:
        return f"CWE-{self.cwe}" if self.cwe else None

    @property
    def policy(self) -> str:
        """Which policy threshold admitted it: ``ai`` (the stricter one) or ``human``."""
        return "ai" if self.origin.is_ai else "human"


def split_hints(findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(findings, judgement hints). A hint (a rule marked ``judgement``, e.g. a handler with
    no visible authentication) needs a person to decide: it is shown and counted apart, and
    never fails a check, blocks a commit or counts as a finding in a report."""
    return [f for f in findings if not f.judgement], [f for f in findings if f.judgement]


def failing(findings: list[Finding], threshold: str) -> list[Finding]:
    """The findings (never hints, never dismissed ones) at or above the ``threshold``
    severity."""
    return [f for f in findings
            if not f.judgement and f.dismissed is None
            and severity_rank(f.severity) >= severity_rank(threshold)]


# ``# aiprov: ignore[CWE-89] reason`` / ``// aiprov: ignore[py-sql-fstring,CWE-78] reason``:
# on the finding's lines or on a comment line right above them
_IGNORE = re.compile(r"aiprov:\s*ignore\[([^\]]*)\]\s*(.*)")
_COMMENT_ONLY = re.compile(r"^\s*(#|//|/\*|\*|--)")
NO_REASON = "no reason given"


def inline_dismissal(lines: list[str], f: Finding) -> str | None:
    """The reason an inline ``aiprov: ignore[...]`` comment gives for dismissing ``f`` (its
    CWE or rule id in the brackets), or None when no comment names it. ``lines`` is the
    file's text split on newlines; a comment counts on the finding's own lines or on the
    comment-only line just above them."""
    names = {f.rule_id.lower()} | ({f.cwe_id.lower()} if f.cwe_id else set())
    above = [f.line - 1] if f.line > 1 and _COMMENT_ONLY.match(lines[f.line - 2]) else []
    for n in [*above, *range(f.line, f.end_line + 1)]:
        if not 0 < n <= len(lines):
            continue
        m = _IGNORE.search(lines[n - 1])
        if m and names & {x.strip().lower() for x in m.group(1).split(",")}:
            reason = re.sub(r"\s*(\*/|-->)\s*$", "", m.group(2)).strip()
            return reason or NO_REASON
    return None


_WS = re.compile(r"\s+")


def fingerprint(rule_id: str, path: str, quote: str, occurrence: int = 0) -> str:
    """A finding's identity across commits: rule, file and the code itself, not its line.

    Whitespace is collapsed so that re-indenting the code does not look like a fix; the
    ``occurrence`` index tells identical lines in one file apart. Versioned (``rf1:``).
    """
    norm = _WS.sub(" ", quote).strip()
    digest = hashlib.sha256(f"{rule_id}\0{path}\0{norm}\0{occurrence}".encode()).hexdigest()
    return f"rf1:{digest[:40]}"


def code_fingerprint(rule_id: str, quote: str) -> str:
    """A finding's identity across its life cycle: rule and code, without the path.

    A suggestion's finding may not know the file it will land in; the agent's write and the
    commit do. Matching on rule + code (whitespace collapsed) links the three. Versioned
    (``rc1:``).
    """
    norm = _WS.sub(" ", quote).strip()
    return "rc1:" + hashlib.sha256(f"{rule_id}\0{norm}".encode()).hexdigest()[:40]
