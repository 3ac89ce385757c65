"""Committed lines -> origin (ai / ai-edited / human), with confidence and evidence.

Per file, the added lines are joined into one region and tokenised (``provenance.tokens``).
Its winnowed fingerprints ask the index for candidate snippets (per overlapping chunk of
lines, so that a small snippet is not crowded out by big ones in a big file). Each
candidate is then aligned with the region token by token:

1. *tiles*: maximal common token runs, raw text (at least ``RAW_TILE`` tokens) and
   abstracted (identifiers -> I, literals -> L; at least ``ABS_TILE`` tokens);
2. *chain*: the heaviest chain of tiles increasing in both texts (raw tiles weigh more, so
   a person's line that only *looks* like the next suggested line is left out);
3. *gaps*: between two chained tiles, an abstract-equal stretch of equal length is aligned
   too (a renamed identifier breaks raw tiles into pieces; this joins them again);
4. *blocks*: chained tiles close together (<= ``BLOCK_GAP_TOKENS`` apart on both sides) form
   a block; a block counts only if it covers at least ``MIN_BLOCK_TOKENS`` tokens on
   non-trivial lines (the "minimum run") and, when identifiers differ, the renames are
   few and consistent (a person's look-alike function is not a renamed suggestion).

A line of an accepted block is AI-origin when at least ``MIN_LINE_COVERAGE`` of its tokens
are aligned; it is ``ai`` when its whitespace-collapsed text equals the suggested line it
maps to, else ``ai-edited`` (renamed, reformatted, comment changed, partly rewritten).
Precision comes first:

* trivial lines (blank, lone braces, ``else:``, ``return``, ``pass``, imports, very short
  lines) never count towards the minimum run; they take AI origin only when a tile covers
  them inside an accepted block and their text equals the suggested line (so they are
  sandwiched in a matched region, not matched on their own);
* a comment-only line is AI only if it equals a suggested line inside the block's span;
* lines already in the file before the commit (``preexisting``) are never AI origin;
  *moved* lines (deleted anywhere in the same commit and re-added) are treated the same:
  their content was in the repository before, so the commit did not introduce it, even if
  a model's edit re-emitted it. Both rules apply to non-trivial lines only: a new ``}`` is
  not the old one.

Each AI line carries Evidence (snippet id, exchange id, 1-based snippet line, similarity);
when several snippets match, the best (verbatim first, then similarity, then block size)
wins and up to two runners-up are kept as extra evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from provenance.fingerprint import fingerprint_tokens
from provenance.index import SnippetIndex
from provenance.languages import language_for_path
from provenance.model import AI, AI_EDITED, HUMAN, Evidence, FileDiff, LineOrigin, Snippet
from provenance.tokens import TokenStream, tokenize

RAW_TILE = 6  # tokens: shortest exact (rename-sensitive) common run used as an anchor
ABS_TILE = 10  # tokens: shortest abstract common run used without an exact anchor
MIN_BLOCK_TOKENS = 20  # aligned tokens on non-trivial lines before any line is attributed
EDIT_COST = 6  # extra exact tokens a block needs per distinct edit inside it
MIN_LINE_COVERAGE = 0.5  # share of a line's tokens that must be aligned
BLOCK_GAP_TOKENS = 30  # tiles further apart (tokens, either side) start a new block
CHUNK_LINES = 40  # candidate lookup window (lines), stepping by half
CANDIDATE_LIMIT = 50
MAX_EVIDENCE = 3

_IMPORT = re.compile(
    r"^\s*(import\s|from\s+\S+\s+import\s|#\s*include\s|using\s+[\w.:]+\s*;|use\s+[\w:{}, *]+;"
    r"|package\s+[\w.]+;?\s*$|require(_relative)?[\s(]|(const|let|var)\s+.*=\s*require\()"
)
_TRIVIAL_TEXT = frozenset({
    "if __name__ == '__main__':", 'if __name__ == "__main__":', "main()", "return None",
    "return self", "return true;", "return false;", "return null;", "return nil",
    "super().__init__()", "raise NotImplementedError", "return 0;", "break;", "continue;",
    "else {", "} else {", "try {", "} catch (e) {", "});", "})", "end", "fi", "done", "esac",
    "'use strict';", '"use strict";', "@property", "@staticmethod", "@classmethod",
    "return err", "if err != nil {", "return nil, err",
})
_TRIVIAL_MAX_TOKENS = 3


def _norm(text: str) -> str:
    return " ".join(text.split())


def is_trivial(text: str, n_tokens: int) -> bool:
    """A line too common to be evidence on its own (see module docstring)."""
    norm = _norm(text)
    if not norm or (n_tokens <= _TRIVIAL_MAX_TOKENS and len(norm) < 24):
        return True
    return norm in _TRIVIAL_TEXT or bool(_IMPORT.match(norm))


@lru_cache(maxsize=4096)
def _tokens(text: str, language: str | None) -> TokenStream:
    return tokenize(text, language)


def _lit_key(text: str) -> str:
    return text.replace("'", '"')


@dataclass(slots=True)
class _Side:
    """One text prepared for alignment: tokens, raw keys and per-line facts."""

    ts: TokenStream
    raw: list[str]
    line_tokens: dict[int, list[int]]  # line -> token positions
    norm_lines: list[str]  # index 0 = line 1
    trivial: list[bool]  # per line (1-based via index+1)


def _side(text: str, language: str | None) -> _Side:
    ts = _tokens(text, language)
    raw = [(_lit_key(x) if t == "L" else x) for t, x in zip(ts.tokens, ts.texts, strict=True)]
    line_tokens: dict[int, list[int]] = {}
    for pos, line in enumerate(ts.lines):
        line_tokens.setdefault(line, []).append(pos)
    lines = text.split("\n")
    norm_lines = [_norm(ln) for ln in lines]
    trivial = [is_trivial(ln, len(line_tokens.get(i + 1, ()))) for i, ln in enumerate(lines)]
    return _Side(ts, raw, line_tokens, norm_lines, trivial)


# --- alignment -----------------------------------------------------------------------------


def _tiles(a: Sequence[str], b: Sequence[str], min_len: int) -> list[tuple[int, int, int]]:
    """Greedy left-to-right maximal common runs (i in a, j in b, length >= min_len)."""
    if len(a) < min_len or len(b) < min_len:
        return []
    grams: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(b) - min_len + 1):
        grams.setdefault(tuple(b[j:j + min_len]), []).append(j)
    out: list[tuple[int, int, int]] = []
    i = 0
    na, nb = len(a), len(b)
    while i <= na - min_len:
        js = grams.get(tuple(a[i:i + min_len]))
        if not js:
            i += 1
            continue
        best_len, best_j = 0, -1
        for j in js:
            k = min_len
            while i + k < na and j + k < nb and a[i + k] == b[j + k]:
                k += 1
            if k > best_len:
                best_len, best_j = k, j
        out.append((i, best_j, best_len))
        i += best_len
    return out


def _chain(tiles: list[tuple[int, int, int, float]]) -> list[tuple[int, int, int]]:
    """Heaviest chain of tiles increasing (and not overlapping) in both sequences."""
    if not tiles:
        return []
    tiles = sorted(tiles)
    best: list[float] = []
    prev: list[int] = []
    for t, (i, j, n, wt) in enumerate(tiles):
        score, back = n * wt, -1
        for u in range(t):
            ui, uj, un, _ = tiles[u]
            if ui + un <= i and uj + un <= j and best[u] + n * wt > score:
                score, back = best[u] + n * wt, u
        best.append(score)
        prev.append(back)
    t = max(range(len(tiles)), key=best.__getitem__)
    chain: list[tuple[int, int, int]] = []
    while t >= 0:
        i, j, n, _ = tiles[t]
        chain.append((i, j, n))
        t = prev[t]
    chain.reverse()
    return chain


def _align(a: _Side, s: _Side) -> dict[int, int]:
    """Token alignment region -> snippet (positions), see module docstring steps 1-3."""
    raw_tiles = _tiles(a.raw, s.raw, RAW_TILE)
    abs_tiles = _tiles(a.ts.tokens, s.ts.tokens, ABS_TILE)
    weighted = [(i, j, n, 1.0) for i, j, n in raw_tiles]
    weighted += [(i, j, n, 0.8) for i, j, n in abs_tiles]
    chain = _chain(weighted)
    mapping: dict[int, int] = {}
    for i, j, n in chain:
        for d in range(n):
            mapping[i + d] = j + d
    # gaps between chained tiles: abstract-equal stretches of equal length
    for (i1, j1, n1), (i2, j2, _) in zip(chain, chain[1:], strict=False):
        ga, gb = i1 + n1, j1 + n1
        if i2 - ga == j2 - gb and 0 < i2 - ga <= 3 * ABS_TILE:
            if a.ts.tokens[ga:i2] == s.ts.tokens[gb:j2]:
                for d in range(i2 - ga):
                    mapping[ga + d] = gb + d
    return mapping


@dataclass(slots=True)
class _Proposal:
    origin: str
    similarity: float
    snippet_line: int
    strength: float  # block size factor 0..1


def _blocks(mapping: dict[int, int], a: _Side, s: _Side) -> list[list[int]]:
    """Group aligned region positions into blocks of nearby tiles."""
    blocks: list[list[int]] = []
    last: tuple[int, int] | None = None
    for pos in sorted(mapping):
        spos = mapping[pos]
        if last is None or pos - last[0] > BLOCK_GAP_TOKENS or spos - last[1] > BLOCK_GAP_TOKENS:
            blocks.append([])
        blocks[-1].append(pos)
        last = (pos, spos)
    return blocks


def _edit_events(block: list[int], mapping: dict[int, int], a: _Side, s: _Side) -> int:
    """Distinct edits inside a block: differing identifier/literal pairs (a rename counts
    once however often it occurs) plus runs of unaligned tokens within aligned lines."""
    pairs = {(s.raw[mapping[p]], a.raw[p]) for p in block if a.raw[p] != s.raw[mapping[p]]}
    aligned = set(block)
    lines_with = {a.ts.lines[p] for p in block}
    runs = 0
    inside = False
    for p in range(block[0], block[-1] + 1):
        if p not in aligned and a.ts.lines[p] in lines_with:
            if not inside:
                runs += 1
            inside = True
        else:
            inside = False
    return len(pairs) + runs


def _renames_plausible(block: list[int], mapping: dict[int, int], a: _Side, s: _Side) -> bool:
    """Identifiers that differ must be few and consistently renamed."""
    pairs = [(s.raw[mapping[p]], a.raw[p]) for p in block if a.ts.tokens[p] == "I"]
    if not pairs:
        return True
    differing = [(x, y) for x, y in pairs if x != y]
    if not differing:
        return True
    equal_share = 1 - len(differing) / len(pairs)
    images: dict[str, Counter[str]] = {}
    for x, y in pairs:
        images.setdefault(x, Counter())[y] += 1
    consistent = sum(c.most_common(1)[0][1] for c in images.values()) / len(pairs)
    return equal_share >= 0.5 and consistent >= 0.9


def _propose(a: _Side, s: _Side, blocked: Collection[int]) -> dict[int, _Proposal]:
    """Per region line (1-based), what this snippet says about it."""
    mapping = _align(a, s)
    out: dict[int, _Proposal] = {}
    for block in _blocks(mapping, a, s):
        strong = sum(1 for p in block if not a.trivial[a.ts.lines[p] - 1])
        exact = sum(1 for p in block
                    if not a.trivial[a.ts.lines[p] - 1] and a.raw[p] == s.raw[mapping[p]])
        events = _edit_events(block, mapping, a, s)
        if (exact < MIN_BLOCK_TOKENS + EDIT_COST * events
                or not _renames_plausible(block, mapping, a, s)):
            continue
        strength = min(1.0, strong / (3 * MIN_BLOCK_TOKENS))
        per_line: dict[int, list[int]] = {}
        for p in block:
            per_line.setdefault(a.ts.lines[p], []).append(p)
        a_lines = sorted(per_line)
        s_lines = [s.ts.lines[mapping[p]] for p in block]
        for line, positions in per_line.items():
            if line in blocked:
                continue
            total = len(a.line_tokens[line])
            if len(positions) / total < MIN_LINE_COVERAGE:
                continue
            s_line = Counter(s.ts.lines[mapping[p]] for p in positions).most_common(1)[0][0]
            text, s_text = a.norm_lines[line - 1], s.norm_lines[s_line - 1]
            if text == s_text:
                out[line] = _Proposal(AI, 1.0, s_line, strength)
            elif a.trivial[line - 1]:
                continue  # a trivial line must match exactly, inside the block
            else:
                coverage = len(positions) / total
                sim = max(fuzz.ratio(text, s_text), fuzz.partial_ratio(text, s_text)) / 100
                out[line] = _Proposal(AI_EDITED, round(max(sim, coverage * 0.9), 3), s_line,
                                      strength)
        # comment-only and other token-less lines inside the block's span
        lo, hi = a_lines[0], a_lines[-1]
        s_lo, s_hi = min(s_lines), max(s_lines)
        s_texts = {s.norm_lines[k - 1]: k for k in range(s_lo, s_hi + 1)
                   if s.norm_lines[k - 1] and k not in s.line_tokens}
        for line in range(lo, hi + 1):
            if line in blocked or line in a.line_tokens or not a.norm_lines[line - 1]:
                continue
            k = s_texts.get(a.norm_lines[line - 1])
            if k is not None:
                out[line] = _Proposal(AI, 1.0, k, strength)
    return out


# --- public API ----------------------------------------------------------------------------


def _candidates(a: _Side, index: SnippetIndex) -> list[str]:
    fps = fingerprint_tokens(a.ts)
    if not fps:
        return []
    last_line = max(fp.line for fp in fps)
    step = CHUNK_LINES // 2
    seen: dict[str, None] = {}
    start = 1
    while True:
        hashes = {fp.hash for fp in fps if start <= fp.line < start + CHUNK_LINES}
        if hashes:
            for sid, _count in index.candidates(hashes, limit=CANDIDATE_LIMIT):
                seen.setdefault(sid)
        if start + CHUNK_LINES > last_line:
            break
        start += step
    return list(seen)


def _rank(p: _Proposal) -> tuple[int, float, float]:
    return (p.origin == AI, p.similarity, p.strength)


def attribute(
    diffs: Sequence[FileDiff],
    index: SnippetIndex,
    *,
    preexisting: Mapping[str, Collection[str]] | None = None,
) -> list[LineOrigin]:
    """One LineOrigin per added line of every (non-binary) file, in diff order."""
    moved = {_norm(t) for d in diffs for t in d.deleted if _norm(t)}
    out: list[LineOrigin] = []
    for diff in diffs:
        if diff.binary or not diff.added:
            continue
        before = {_norm(t) for t in (preexisting or {}).get(diff.path, ())}
        if diff.old_path and diff.old_path != diff.path:
            before |= {_norm(t) for t in (preexisting or {}).get(diff.old_path, ())}
        out.extend(_attribute_file(diff, index, before | moved))
    return out


def _attribute_file(diff: FileDiff, index: SnippetIndex, known: set[str]) -> list[LineOrigin]:
    language = language_for_path(diff.path)
    region = "\n".join(line.text for line in diff.added)
    a = _side(region, language)
    blocked = {i + 1 for i, text in enumerate(a.norm_lines)
               if text in known and not a.trivial[i]}
    best: dict[int, list[tuple[_Proposal, Snippet, str]]] = {}
    for sid in _candidates(a, index):
        snippet = index.get(sid)
        if snippet is None or not snippet.text.strip():
            continue
        s = _side(snippet.text, language or snippet.language)
        for line, prop in _propose(a, s, blocked).items():
            best.setdefault(line, []).append((prop, snippet, sid))
    origins: list[LineOrigin] = []
    for n, added in enumerate(diff.added, start=1):
        props = sorted(best.get(n, ()), key=lambda x: (_rank(x[0]), x[2]), reverse=True)
        if not props:
            conf = 1.0 if n in blocked else 0.9
            origins.append(LineOrigin(diff.path, added.lineno, HUMAN, conf))
            continue
        top = props[0][0]
        evidence = tuple(
            Evidence(sid, snip.exchange_id, p.snippet_line, p.similarity)
            for p, snip, sid in props[:MAX_EVIDENCE]
        )
        conf = round(min(1.0, 0.6 + 0.25 * top.strength + 0.15 * top.similarity), 3)
        origins.append(LineOrigin(diff.path, added.lineno, top.origin, conf, evidence))
    return _fill_blank_lines(origins, a)


def _fill_blank_lines(origins: list[LineOrigin], a: _Side) -> list[LineOrigin]:
    """A blank line between two AI lines of the same snippet takes their origin."""
    out = list(origins)
    prev_ai: LineOrigin | None = None  # nearest non-blank line above
    pending: list[int] = []
    for n, origin in enumerate(origins):
        if not a.norm_lines[n]:
            pending.append(n)
            continue
        if (pending and prev_ai is not None and origin.origin != HUMAN and origin.evidence
                and prev_ai.evidence[0].snippet_id == origin.evidence[0].snippet_id):
            for m in pending:
                blank = origins[m]
                out[m] = LineOrigin(blank.path, blank.lineno, AI,
                                    min(prev_ai.confidence, origin.confidence),
                                    (origin.evidence[0],))
        pending = []
        prev_ai = origin if origin.origin != HUMAN and origin.evidence else None
    return out
