"""Winnowing fingerprints of abstracted token streams (Schleimer, Wilkerson, Aiken 2003).

Each k-gram of tokens (``provenance.tokens``: identifiers -> I, literals -> L, comments
dropped) is hashed; in every window of ``W`` consecutive k-gram hashes the minimum is kept,
with *robust winnowing* tie-breaking (keep the previous window's pick while it is still in
the window, else take the rightmost minimum). Guarantees: any common run of at least
``K + W - 1`` tokens shares a fingerprint, and selected positions are never more than ``W``
apart.

Hashes are deterministic across processes and machines: each token is hashed with
blake2b-64, k-grams are combined by a polynomial rolling hash mod 2**64 and passed through
the splitmix64 finaliser, then read as a signed 64-bit integer (fits SQL BIGINT).

Choice of K and W (``VERSION`` names the normaliser, K and W; bump it when any changes,
since stored fingerprints of different versions never match): K=12, W=8, so that any common
run of 19 abstract tokens (~2-3 lines of code) shares a fingerprint. Measured on the
accuracy benchmark's corpus (seed 1: 9,254 indexed stdlib/npm functions, 280 commits of
edited suggestions; retrieval = the suggested snippet is among the candidates attribution
asks for, 24-line chunks, limit 50, in-memory index):

    K  W   missed  postings/snippet  candidates/commit  lookup/commit
    12 8   16/280  13.3               52                 3 ms
    10 6   14/280  17.6              100                 8 ms
    8  5   14/280  20.7              120                14 ms
    8  4   11/280  25.0              121                25 ms
    6  4   20/280  24.3              122                38 ms

Smaller k-grams barely help (the misses are 5-10 line snippets cut by partial accepts or
interleaving, whose few fingerprints are outranked by big snippets sharing common k-grams)
while the index doubles and every candidate must be aligned, so K=12, W=8 stay.

Line hashes (``fp2``): those misses share no run of 19 tokens at all (a person put a line
of their own every two or three lines, or kept three lines of a suggestion), so each
distinctive code line of a snippet is also stored as one hash of its code (``line_hash``,
a keyed blake2b: never equal to a k-gram hash). A kept line then finds its snippet whatever
surrounds it; renamed lines are still found by the k-grams. Attribution ranks candidates
by the rarity of the hashes they share, so common lines weigh little.
"""

from __future__ import annotations

try:  # CPython's own blake2: hashlib would load OpenSSL first (~4 ms of every hook start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other interpreters
    from hashlib import blake2b
from collections.abc import Sequence
from typing import NamedTuple

from provenance.lines import LineKeys, line_keys
from provenance.tokens import TokenStream, tokenize

VERSION = "fp2"
LINE_MIN_WEIGHT = 0.5  # provenance.lines weight: about 16 characters of code
K = 12
W = 8

_MASK = (1 << 64) - 1
_BASE = 0x100000001B3  # FNV prime: odd, large


class Fingerprint(NamedTuple):
    hash: int  # signed 64-bit
    line: int  # 1-based line where the k-gram starts


_token_hash_cache: dict[str, int] = {}


def _token_hash(token: str) -> int:
    h = _token_hash_cache.get(token)
    if h is None:
        digest = blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8)
        h = int.from_bytes(digest.digest(), "big")
        if len(_token_hash_cache) < 100_000:
            _token_hash_cache[token] = h
    return h


def _mix(x: int) -> int:
    """splitmix64 finaliser: spreads the rolling hash over all 64 bits."""
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


def _signed(x: int) -> int:
    return x - (1 << 64) if x >= (1 << 63) else x


def kgram_hashes(tokens: Sequence[str], k: int = K) -> list[int]:
    """Signed 64-bit hash of every k-gram (one hash of all tokens when fewer than k)."""
    n = len(tokens)
    if n == 0:
        return []
    th = [_token_hash(t) for t in tokens]
    if n < k:
        k = n
    top = pow(_BASE, k - 1, 1 << 64)
    h = 0
    for i in range(k):
        h = (h * _BASE + th[i]) & _MASK
    out = [_signed(_mix(h))]
    for i in range(k, n):
        h = ((h - th[i - k] * top) * _BASE + th[i]) & _MASK
        out.append(_signed(_mix(h)))
    return out


def winnow(hashes: Sequence[int], w: int = W) -> list[int]:
    """Positions selected by robust winnowing (ascending, no duplicates)."""
    n = len(hashes)
    if n == 0:
        return []
    if n <= w:
        best = min(hashes)
        return [max(i for i, h in enumerate(hashes) if h == best)]
    selected: list[int] = []
    pick = -1
    for start in range(n - w + 1):
        end = start + w - 1
        if pick < start:
            # previous pick left the window: rightmost minimum of the window
            best_pos = start
            best = hashes[start]
            for i in range(start + 1, end + 1):
                if hashes[i] <= best:
                    best, best_pos = hashes[i], i
            pick = best_pos
            selected.append(pick)
        elif hashes[end] < hashes[pick]:
            # strictly smaller newcomer; on a tie keep the previous pick (robust winnowing)
            pick = end
            selected.append(pick)
    return selected


def fingerprint_tokens(ts: TokenStream, *, k: int = K, w: int = W) -> list[Fingerprint]:
    """Winnowed fingerprints of a token stream; ``line`` is where each k-gram starts."""
    hashes = kgram_hashes(ts.tokens, k)
    return [Fingerprint(hashes[i], ts.lines[i]) for i in winnow(hashes, w)]


def winnowed(text: str, language: str | None) -> list[Fingerprint]:
    """Tokenise ``text`` (see provenance.tokens) and winnow it."""
    return fingerprint_tokens(tokenize(text, language))


def line_hash(keys: LineKeys) -> int | None:
    """Hash of one line's code (``LineKeys.code``: whitespace, quotes and a trailing comment
    do not count), or None for a line too common or too short to point at a snippet."""
    if keys.text_only or keys.weight < LINE_MIN_WEIGHT:
        return None
    digest = blake2b(keys.code.encode("utf-8", "surrogatepass"), digest_size=8,
                             person=b"aiprov-line")
    return _signed(int.from_bytes(digest.digest(), "big"))


def line_hashes(lines: Sequence[str], language: str | None) -> list[Fingerprint]:
    """One fingerprint per distinctive code line (1-based ``line``), see ``line_hash``."""
    out = []
    for n, text in enumerate(lines, 1):
        h = line_hash(line_keys(text, language))
        if h is not None:
            out.append(Fingerprint(h, n))
    return out


def fingerprints(text: str, language: str | None) -> list[Fingerprint]:
    """What is stored for a snippet: its winnowed k-grams, then its line hashes."""
    return winnowed(text, language) + line_hashes(text.split("\n"), language)
