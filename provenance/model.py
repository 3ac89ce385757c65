"""Core values shared by the provenance pipeline (snippets -> fingerprints -> attribution).

Plain immutable records, text in, values out. They are ``NamedTuple``s, not frozen
dataclasses: the git hook imports them on every commit, and ``dataclasses`` (with the
``inspect`` it imports and the code it generates per class) cost the hook ~25 ms. Storage
ids live in ``store/``; here a snippet is identified by the id the caller gives it (the
store's id, or a test's label).
"""

from __future__ import annotations

from typing import NamedTuple

# line origins
AI = "ai"  # verbatim AI suggestion
AI_EDITED = "ai-edited"  # AI origin, changed by a person
HUMAN = "human"


class Snippet(NamedTuple):
    """A piece of code a model suggested: only the text the model added.

    ``kind`` is one of: ``fence`` (fenced block in a chat answer), ``write`` (whole-file
    write tool), ``edit`` (old->new edit tool, new side), ``patch`` (apply_patch / unified
    diff, added lines), ``search-replace`` (aider, REPLACE side), ``whole-file`` (aider
    whole-file fence), ``fim`` (inline completion).
    """

    text: str
    kind: str
    language: str | None = None
    path: str | None = None
    exchange_id: str | None = None
    ordinal: int = 0  # position among the exchange's snippets
    # how its exchange was recorded: ``proxy`` / ``intercept`` (the model's answer, seen on
    # the wire), ``import`` (a transcript read later), ``hook`` (a write the agent reported
    # through its own hook); "" unknown
    source: str = ""


class AddedLine(NamedTuple):
    """One line a commit adds, with its 1-based line number in the new file."""

    lineno: int
    text: str


class FileDiff(NamedTuple):
    """The change to one file in a commit (parsed from ``git diff``)."""

    path: str  # new path ("/dev/null" side resolved to the old path for deletions)
    old_path: str | None = None  # differs from path on rename
    added: tuple[AddedLine, ...] = ()
    deleted: tuple[str, ...] = ()  # text of removed lines (for move detection)
    status: str = "M"  # A, M, D, R
    binary: bool = False


class Evidence(NamedTuple):
    """Why a line was attributed to AI: the snippet and how well it matched."""

    snippet_id: str
    exchange_id: str | None
    snippet_line: int  # 1-based line in the snippet text that matched
    similarity: float  # 0..1 line similarity after normalisation


class LineOrigin(NamedTuple):
    path: str
    lineno: int
    origin: str  # AI, AI_EDITED or HUMAN
    confidence: float
    evidence: tuple[Evidence, ...] = ()
