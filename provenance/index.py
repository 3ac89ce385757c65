"""Where attribution looks up suggested snippets by fingerprint.

``SnippetIndex`` is the protocol attribution needs; ``InMemoryIndex`` implements it for
tests, benchmarks and one-shot runs, and ``store/provenance.py`` implements it on SQL.
Only fingerprints of the current ``fingerprint.VERSION`` are ever compared.

Recency: among equally good explanations of a line the newest suggestion wins, by the time
it was suggested (``suggested_at``: the store's ``snippet.created_at``, which is its
exchange's ``started_at``), then by the order the index received it (``order``, or the
store's autoincrement id). Order alone would let an old transcript imported today outrank
yesterday's proxied suggestion. ``suggested_at`` answers from what ``get`` already fetched:
it costs no query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import datetime
from typing import Protocol, runtime_checkable

from provenance.fingerprint import fingerprints
from provenance.model import Snippet


@runtime_checkable
class SnippetIndex(Protocol):
    def candidates(self, hashes: Collection[int], *, limit: int = 50) -> list[tuple[str, int]]:
        """Snippets sharing fingerprint hashes: (snippet_id, shared-hash count), best first."""
        ...

    def get(self, snippet_id: str) -> Snippet | None:
        """The snippet stored under ``snippet_id``, or None."""
        ...


@runtime_checkable
class PostingsIndex(SnippetIndex, Protocol):
    """An index that answers a whole commit at once; attribution prefers it.

    With the postings of every hash, attribution ranks candidates by the *rarity* of what
    they share (a k-gram found in one snippet says more than one found in hundreds) and knows
    where in the commit each candidate matched, so that it aligns a snippet only there."""

    def postings(self, hashes: Collection[int]) -> dict[int, list[str]]:
        """hash -> ids of the snippets in scope that have it (hashes with none: absent)."""
        ...


@runtime_checkable
class TimedIndex(SnippetIndex, Protocol):
    """An index that knows when each snippet was suggested (module docstring: recency)."""

    def suggested_at(self, snippet_id: str) -> float | None:
        """When the snippet was suggested (POSIX seconds), None when unknown; answers for
        snippets ``get`` has returned without asking the store again."""
        ...


class InMemoryIndex:
    """A dict-backed ``SnippetIndex``: hash -> snippet ids."""

    def __init__(self) -> None:
        self._snippets: dict[str, Snippet] = {}
        self._postings: dict[int, list[str]] = {}
        self._order: dict[str, int] = {}  # snippet id -> when it was added (newest: highest)
        self._times: dict[str, float] = {}  # snippet id -> when it was suggested, if given
        self._seq = 0

    def add(self, snippet_id: str, snippet: Snippet, *, at: datetime | None = None) -> None:
        """Fingerprint ``snippet`` and index it under ``snippet_id`` (re-adding replaces);
        ``at`` is when it was suggested (without it, the order of ``add`` calls stands in)."""
        if snippet_id in self._snippets:
            self._remove(snippet_id)
        self._snippets[snippet_id] = snippet
        self._seq += 1
        self._order[snippet_id] = self._seq
        if at is not None:
            self._times[snippet_id] = at.timestamp()
        for h in {fp.hash for fp in fingerprints(snippet.text, snippet.language)}:
            self._postings.setdefault(h, []).append(snippet_id)

    def _remove(self, snippet_id: str) -> None:
        old = self._snippets.pop(snippet_id)
        self._times.pop(snippet_id, None)
        for h in {fp.hash for fp in fingerprints(old.text, old.language)}:
            ids = self._postings.get(h)
            if ids and snippet_id in ids:
                ids.remove(snippet_id)
                if not ids:
                    del self._postings[h]

    def __len__(self) -> int:
        return len(self._snippets)

    def candidates(self, hashes: Collection[int], *, limit: int = 50) -> list[tuple[str, int]]:
        counts: Counter[str] = Counter()
        for h in set(hashes):
            for sid in self._postings.get(h, ()):
                counts[sid] += 1
        # ties broken by id so that results are deterministic
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return ranked[:limit]

    def postings(self, hashes: Collection[int]) -> dict[int, list[str]]:
        """hash -> ids of the snippets that have it (see ``PostingsIndex``)."""
        out: dict[int, list[str]] = {}
        for h in set(hashes):
            ids = self._postings.get(h)
            if ids:
                out[h] = list(ids)
        return out

    def get(self, snippet_id: str) -> Snippet | None:
        return self._snippets.get(snippet_id)

    def order(self, snippet_id: str) -> int:
        """When ``snippet_id`` was added, as a rank (later: higher; re-adding makes it new)."""
        return self._order.get(snippet_id, -1)

    def suggested_at(self, snippet_id: str) -> float | None:
        """When ``snippet_id`` was suggested, as given to ``add`` (see ``TimedIndex``)."""
        return self._times.get(snippet_id)
