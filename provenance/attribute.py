"""Committed lines -> origin (ai / ai-edited / human), with confidence and evidence.

Per file, the added lines form one region. Its fingerprints (winnowed k-grams and line
hashes, ``provenance.fingerprint``) ask the index for candidate snippets: with one
``postings`` query for the whole region, candidates are ranked per overlapping window of
lines by the summed rarity of the hashes they share (so that a small snippet is not crowded
out by big ones in a big file, nor by an idiom every snippet has). Each candidate is then
aligned *line by line* (keys from ``provenance.lines``) with the part of the region around
the windows where it ranked:

1. *pairs*: a region line and a snippet line with an equal key: ``norm`` (verbatim),
   ``squash`` (whitespace/quotes), ``code`` (trailing comment added or changed), two region
   lines whose joined ``squash`` equals one snippet line (a wrapped line), or an equal
   ``shape`` (abstracted tokens: a rename candidate). Lines of weight 0 (blank, braces,
   ``else:``, imports...) never pair on their own.
2. *segments*: a local alignment (Smith-Waterman over the sparse pairs): each pair scores
   its line weight, each unpaired code line of weight > 0 between two pairs costs
   ``INDEL_COST`` (comment lines cost nothing here: people edit comments freely),
   a line replaced by another on both sides costs ``SUB_COST`` more, and a gap of more than
   ``MAX_GAP`` lines ends the segment. Every snippet line maps to at most one region line,
   in order. The best segment is taken, its lines removed, and the search repeated.
3. *renames*: identifiers that differ in shape pairs must form a consistent one-to-one
   mapping over the whole segment (a renamed suggestion renames every use; a look-alike
   sibling function does not); a shape pair counts only if applying the mapping to the
   snippet line reproduces the committed line (so renamed words in strings/comments too).
   Each rename costs evidence, and a segment may have at most ``MAX_UNCHECKED_RENAMES``
   renames seen on one line only (those cannot be checked for consistency), or more in
   a long segment: up to ``UNCHECKED_RENAME_SHARE`` of its explained code lines (a few
   edits in an otherwise unchanged function, not a sibling with a new name on each
   line). Look-alikes are refused: renames that are one word substituted through several
   names, or swapped for another each way (``_derived``: a sibling written for another
   case, a mirror), renames in a segment that
   explains less than ``MIN_RENAMED_COVER`` of the snippet's code, and renamed
   explanations of lines that several suggestions explain with different old names
   (``_drop_template_slots``).
   A renamed segment that holds every code line of its snippet in place, none edited and
   no line of the commit's own inserted between, counts with the thresholds of a whole
   snippet unchanged (``_complete_renamed``; ``RENAMED_COMPLETE_MIN_CODE`` code lines or
   more, ``RENAMED_NAME_MIN_CODE`` when the function's own name is renamed).
4. *gaps*: between two pairs, the remaining lines are matched in order: equal trivial lines
   (``}``, ``else:``) are inherited because they are sandwiched in the segment; comment and
   docstring lines match a snippet line of similar text (``COMMENT_RATIO``); code lines
   under the rename mapping. Lines replaced on both sides are *substitutions*.
5. *acceptance*: a segment counts only if its anchors (verbatim/reformatted lines) weigh at
   least ``MIN_ANCHOR``, its whole evidence at least ``MIN_EVIDENCE``, and substitutions are
   rare (``MAX_SUB_SHARE`` of explained lines): a person's own version of a function that
   merely resembles a suggestion rewrites lines instead of inserting or dropping them.
   A rejected segment is cut at its rewritten lines and each piece checked again, with
   thresholds ``SPLIT_FACTOR`` times higher (a hand-written neighbour sharing a few lines
   with the suggestion must not sink the suggestion's own lines next to it).
6. *ends*: past an accepted segment's ends, weak lines equal to the snippet's next lines
   (closing braces, a short return) join it, across one line inserted in the commit or
   dropped from the snippet inside the paragraph (the inserted line stays human).

*Edits* (issue 17): a person touches a suggestion they keep. Code lines left unpaired on
both sides of a gap, or a same-shape pair the renames do not explain, are paired in order by
similarity (rapidfuzz ``EDIT_RATIO``) as ``_EDIT`` lines: they add a little evidence, no
anchor, and the segment must keep many unchanged code lines per edit (``MAX_EDIT_SHARE``,
``MAX_DAMAGE_SHARE`` counting inserted and dropped lines too, ``MIN_EDIT_ANCHORS``; the
snippet's long comment and docstring lines kept word for word count ``PROSE_KEPT_WEIGHT`` of a
kept code line there, and the same tokens added on several lines count as one edit:
``_repeated_insertions``). Inside an
accepted segment, a statement equal to an unused snippet line (reordered) and a variable
extracted from an edited line take AI origin too (``_inside_moves``). Look-alikes are
refused: a renamed signature with a changed body, a name renamed throughout *and* lines
rewritten, or renames without the snippet's first line (a sibling's body); and an edited line
that code already in the repository explains as well is that code (``_prefer_existing``).
A touch that keeps the model's code (``_kept_touch``: a literal or operator changed, an
argument added, a name refined as in ``timeout`` -> ``timeout_ms``) counts half an edit; a
name swapped for an unrelated one is a whole edit (what a look-alike does). A common line
touched (``if err == nil {`` -> ``if err != nil {``) pairs in a gap by that one token
(``_weak_edits``). Small snippets (a signature, a statement or two, a brace) are too small for
those rules once a line is touched: one is taken *whole* when every line of it is met in
place, unchanged or touched by a token or two (or a long line grown in one place by at most
a third of its tokens, ``_grown``), swapped or with a variable extracted, with a
person's comment lines between (``_whole``); a touched line, or a variable extracted from the
next statement, just past a segment's end joins it (``_edge_edits``). So is one a person
edited where ``_whole`` does not look (``_small_edited``): a parameter added to or removed from
its signature under the same name, or the signature only added to (a type widened, as
``_edited_signature`` takes over a longer body), a line touched token by token, a call
re-wrapped over lines; a parameter's type replaced is not taken (overloads). A line
re-wrapped over several with tokens added (a call split one argument a line, an argument
added) is one touch in a segment's gap, its new lines not counted as inserted
(``_rewrapped_rows``). One whose names a person renamed is taken whole when every line of
it is met in place with the same normalised tokens and the names that differ form one
consistent renaming, each seen on two lines or more, the function's own name kept
(``_whole_renamed``). A short part of a suggestion kept verbatim (statements copied out of
a chat answer) is too short for the thresholds, but lines no other suggestion holds are
evidence a boilerplate line is not: a run of verbatim lines in step with the snippet, a
paragraph of its own, whose line hashes are each in at most ``RARE_MAX_DF``
indexed snippets (the postings the candidates query already read), counts with thresholds
``RARE_FACTOR`` times lower (``_rare_fragment``; ``explain`` names it); with two rare code
lines or more, up to ``RARE_MAX_DROPPED`` snippet lines the person deleted between them,
and any items of a list wrapped one a line (``_list_item``: parameters trimmed from a kept
signature, which never count for a fragment either).
A segment that starts inside its snippet right after a rewritten version of the
snippet's previous line is a sibling's (``_diverges``); a segment stops at a line inside
it that is the snippet's signature again or rewritten, as indented as its own
(``_before_next_head``: the snippet's lines met again below another function's signature
are that sibling's).
So is one without the snippet's signature under a rewritten version of it a few lines up
(``_own_head``; a signature wrapped over lines compared whole) or further up in the same
function, rewritten or not explained by the snippet
(``_far_head``: a sibling's shared tail), one with a new name on the signature where the
commit goes on past the segment's end with a statement of its own (``_rewritten_end``),
one set inside another function's paragraph with fewer than ``EMBED_MIN_CODE`` code lines
(``_embedded``: shared boilerplate needs anchoring context) or, as short, holding the
snippet's tail as a paragraph in the middle of another function whose code goes on below it
(``_inner_tail``: a sibling's guards shared with the suggestion's end), one
with names renamed once each and lines rewritten beyond ``MAX_TOUCHES`` in all, and a touched
line past a segment's end when the signature has a new name or the commit goes on with
rewritten snippet lines (``_rewritten_next``). So is a segment holding only the snippet's
opening (its signature and first lines, less than ``PROLOGUE_SHARE`` of its code) where the
commit's function goes on with more code of its own (``_prologue``: a guard atop another body),
or only its signature over a body of the person's own (a stub, an abstract method).
A snippet is claimed once per commit: of two regions it explains apart (two files, or far
apart in one), the one aligning worse over the snippet lines both hold is a person's copy
(``_claim_once``). A tool's write recorded with another target file that holds it after the
change (committed or in the working tree) is that file's: a touched copy of it here is a
person's adaptation of that code (``_written_elsewhere``). A small region a snippet explains
only with a line touched, when its unchanged lines are a family's shape
(``FAMILY_MIN_OTHERS`` other candidates hold them all and none holds the touched lines:
``reset()`` of one stream class after another), is one more member of the family written for
its own case, not the snippet touched (``_drop_family_slots``). Two regions, each explained by
a suggestion of its own, whose edited lines replace the same word by the same other word
(``bytes`` -> ``strings`` in one ``Reader`` method and in another) are a family ported by
hand, one word substituted through them, not two suggestions touched alike (``_drop_ported``).
Real edits (issue 17) are not look-alikes: a signature above the snippet's kept body that
declares the snippet's own name (a parameter added, the return type changed, the parameter
list re-wrapped) is the suggestion's signature edited by a person, not a sibling's
(``_edited_signature``, for a body of ``SIGNATURE_MIN_CODE`` unchanged code lines or more,
``SIGNATURE_WIDENED_MIN_CODE`` when the person only added to the signature -- a type widened,
a parameter added -- and past a docstring the person rewrote, blank lines and all; over a
body of ``SIGNATURE_MIN_CODE`` or more, past the body's first line edited too, with a line
the person inserted beside it: ``config = config or {}`` over a first line made to match),
and names that only gain or lose underscores (``_Result`` -> ``Result``) are made public or
private throughout, not a word substituted for another case (``_visibility``; with lines
edited too, ``VISIBILITY_REFACTOR``: a refactor, not a name renamed throughout); a name
renamed on several lines with lines edited under the snippet's unchanged signature and
``REFACTOR_MIN_CODE`` unchanged code lines is a refactor of the same function (``_kept_head``).
A function kept whole, every code line of the snippet there under its signature unchanged,
worked on in one place (one line edited, one or two lines of the person's own right beside
it: a condition added, an edited call continued on new lines) does not count those lines as
damage, and that block stays human (``_complete_edit``); worked on in several places it is
what a twin looks like.
Among equally good explanations of a line the newest suggestion wins, by the time it was
suggested, then by the order it was stored (``_recency``, ``provenance.index``). Blank
and brace-only lines follow their neighbours, and an edit's leading blank lines its first
line (``_fill_blank_lines``). ``explain`` reports all of this for one line.

A line of an accepted segment is ``ai`` when its normalised text equals the snippet line,
else ``ai-edited``. Precision comes first:

* lines of weight 0 take AI origin only inside a segment (sandwiched), never on their own;
* lines already in the file before the commit (``preexisting``) are never AI origin;
  *moved* lines (deleted anywhere in the same commit and re-added) are treated the same:
  their content was in the repository before, so the commit did not introduce it, even if
  a model's edit re-emitted it. Both rules apply to non-trivial lines only: a new ``}`` is
  not the old one.

Evidence kinds (issue 22): a snippet's exchange was recorded by the proxy or the intercept
(the model's answer on the wire), an import (a transcript) or an agent's hook (the agent
reporting a write it made). Either kind alone explains a line; the alignment decides the
label whatever the kind, and among equally good explanations the model's output is named
before a hook report. When both kinds explain a line the confidence rises (the doubt left is
halved, ``CORROBORATION``); ``explain`` lists the kinds.

Each AI line carries Evidence (snippet id, exchange id, 1-based snippet line, similarity);
when several snippets match, the best (verbatim first, then similarity, then segment
evidence) wins and up to two runners-up are kept as extra evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from provenance.fingerprint import Fingerprint, fingerprint_tokens, line_hash
from provenance.index import SnippetIndex
from provenance.languages import language_for_path
from provenance.lines import LineKeys, line_keys, squash
from provenance.model import AI, AI_EDITED, HUMAN, Evidence, FileDiff, LineOrigin, Snippet
from provenance.tokens import TokenStream, tokenize, tokenize_checked

CHUNK_LINES = 16  # candidate lookup window (lines), stepping by half
CANDIDATE_LIMIT = 80
MIN_RELATIVE_SCORE = 0.1  # a window's candidate scores at least this share of its best
MAX_EVIDENCE = 3
CONTEXT_LINES = 6  # unchanged lines each side of a hunk that anchor its alignment

MAX_GAP = 4  # unpaired non-blank lines (either side) that still join two pairs
INDEL_COST = 0.15  # per inserted or dropped non-blank line between two pairs
SUB_COST = 0.1  # extra, per line replaced on both sides (often an edit: see _edits)
MIN_ANCHOR = 1.2  # weight of verbatim/reformatted lines a segment needs
MIN_EVIDENCE = 2.2  # weight of all explained lines a segment needs
MAX_SUB_SHARE = 0.12  # substituted code lines per explained code line
COMMENT_RATIO = 70  # rapidfuzz ratio for a comment/docstring line edited by a person
RENAME_COST = 0.5  # evidence a renamed identifier costs (divided by the lines using it)
MAX_UNCHECKED_RENAMES = 2  # renames a segment may have that only one line shows ...
UNCHECKED_RENAME_SHARE = 0.3  # ... or this share of its explained code lines, if more
MAX_SEGMENTS = 4  # per candidate snippet
SPLIT_FACTOR = 2.0
DERIVED_CHECK = True
MIRROR_CHECK = True  # ``_derived``: one word swapped for another each way (send/receive)
SWAP_MIN_LETTERS = 3  # ... letters two cores cut short by a shared ending keep (``_same_swap``)
HEAD_CHECK = True
DIVERGE_CHECK = True
DIVERGE_RATIO = 70  # the line before a segment this like the snippet's: a sibling's (_diverges)
NEXT_HEAD_CHECK = True  # ``_before_next_head``: a segment stops where another function starts
SLOT_CHECK = True
REJECTED_FREE = True  # ``_propose``: a rejected segment leaves its snippet lines to other regions
# look-alikes with touches (``_accept``, ``_own_head``): renamed-once names and rewritten
# lines together beyond this are a sibling's; a rewritten signature this like the snippet's
# within this many lines above a touched segment that lacks it is the sibling's own
LOOKALIKE_CHECK = True
MAX_TOUCHES = 2
HEAD_LOOKBACK = 8
HEAD_RATIO = 60
WRAPPED_HEAD_CHECK = True  # ``_own_head``: a signature wrapped over lines compared whole
FAR_HEAD_CHECK = True  # ``_far_head``: a sibling's signature further up its own function
SIGNATURE_EDIT = True  # ``_edited_signature``: a person edits a kept function's signature
SIGNATURE_MIN_CODE = 6  # ... below a body of this many unchanged code lines
# ... or of this many, when the edit only adds to the signature (a type widened, a parameter
# or a return type added: ``local: str`` -> ``local: str | None``), nothing in it replaced
SIGNATURE_WIDENED_MIN_CODE = 3
SIGNATURE_RATIO = 50  # ... and its first line is ai-edited when this like the snippet's
# ... looking past this many of the body's first code lines edited (``_edited_signature``) and
# this many lines the person inserted among them (``config = config or {}`` atop the body)
SIGNATURE_BODY_EDITS = 1
SIGNATURE_BODY_INSERTS = 1
VISIBILITY_REFACTOR = True  # ``_accept``: a name made public or private with lines edited
REFACTOR_MIN_CODE = 10  # ``_kept_head``: unchanged code lines of a refactor under a kept signature
PROLOGUE_CHECK = True  # ``_prologue``: a suggestion's opening atop another function's body
PROLOGUE_SHARE = 0.5  # ... explaining less than this share of the snippet's code lines
PROLOGUE_MIN_OWN = 3  # ... under which the function goes on with this many own code lines
SIGNATURE_ONLY_CHECK = True  # ``_prologue``: the snippet's signature over a body of one's own
EMBED_MIN_CODE = 5  # unchanged code lines a segment set inside another function needs
INNER_TAIL_CHECK = True  # ``_inner_tail``: ... or its tail as a paragraph mid-function
MIN_RENAMED_COVER = 0.5  # share of the snippet's code lines a segment with renames explains
COMPLETE_FACTOR = 0.5  # thresholds for a segment holding every code line of its snippet
COMPLETE_MIN_LINES = 3  # a piece of a segment cut at a rewritten line needs this much more
COMPLETE_PAIR_FACTOR = 0.75  # thresholds for a whole snippet of two code lines
RENAMED_COMPLETE_MIN_CODE = 4  # code lines a whole renamed snippet needs for COMPLETE_FACTOR
RENAMED_NAME_MIN_CODE = 6  # ... when the function's own name is one of the renames
# snippets an edit tool wrote into a file (``provenance.model.Snippet.kind``): small by nature
# and aimed at one place, a whole one of two code lines counts as a whole fence of three
TARGETED_KINDS = frozenset({"edit", "patch", "search-replace"})
_PARSE_ERRORS_SPLIT = 0.2  # region parse worse than this: tokenise per paragraph
EDIT_RATIO = 60  # rapidfuzz ratio of a code line a person edited (literal, call, operand)
EDIT_EVIDENCE = 0.3  # evidence an edited line adds, per unit of line weight (no anchor)
MAX_EDIT_SHARE = 0.25  # edited code lines per unchanged explained code line ...
MAX_DAMAGE_SHARE = 0.34  # ... edited, inserted and dropped code lines per unchanged one
TOUCH_DISCOUNT = 0.5  # share of an edit a touch keeping the model's code does not count
MIN_EDIT_ANCHORS = 3  # ... and the unchanged code lines a segment with edits needs
MIN_EXTRACTED_CHARS = 6  # an extracted expression this long (non-space) is the model's code
MIN_MOVED_COMMENT = 12  # a comment line this long moved inside a segment is the snippet's
COMMON_MOVE_WEIGHT = 0.5  # a statement lighter than this moves only next to its neighbours
EXTRACT_REACH = 3  # non-blank lines below an extracted variable the line using it sits within
# small snippets (``_whole``): too few lines for the segment rules, taken whole in place
WHOLE_MAX_CODE = 8  # code lines a snippet may have to be checked whole
WHOLE_MAX_EDITS = 2  # touched code lines (an extracted variable counts its new line too)
WHOLE_MIN_IDENTS = 3  # distinct identifiers on the unchanged code lines (not only ``}``)
WHOLE_STRENGTH = 0.3  # segment strength of a whole small snippet with touches
MIN_PROSE_CHARS = 24  # a docstring or comment line this long, kept, counts its words too
PROSE_KEPT_WEIGHT = 0.5  # ... and counts this much of an unchanged code line against edits
TAIL_DROPPED = 3  # snippet code lines dropped above its kept final statement (``_kept_tail``)
TOKEN_EDIT_MAX = 2  # tokens a touched line changes (a literal, an operator, one argument)
MIN_REFINED_LETTERS = 3  # letters the shorter of two names needs to be refined (``_refined``)

# evidence kinds (``Snippet.source``): the model's output as recorded on the wire or imported
# from a transcript, and an agent's own report of a write (its hook)
CONTENT_SOURCES = frozenset({"proxy", "intercept", "import"})
HOOK_SOURCE = "hook"
CORROBORATION = 0.5  # share of the doubt removed when both kinds explain a line
CLAIM_ONCE = True  # ``_claim_once``: one snippet's lines explain one region of a commit
CLAIM_MIN_OVERLAP = 2  # snippet code lines two regions must both claim ...
CLAIM_OVERLAP_SHARE = 0.5  # ... and this share of the weaker region's snippet code lines

_WORD = re.compile(r"[A-Za-z_$][\w$]*")

# pair kinds, by how much they are worth as evidence
_EXACT, _FORMAT, _CODE, _WRAP, _SHAPE, _EDIT = range(6)
_KIND_WEIGHT = {_EXACT: 1.0, _FORMAT: 0.95, _CODE: 0.85, _WRAP: 0.85, _SHAPE: 0.7, _EDIT: 0.0}


_ratio_impl: Callable[[str, str], float] | None = None


def _ratio(a: str, b: str) -> float:
    """rapidfuzz's ``fuzz.ratio`` (0..100), imported on first use: a commit whose AI lines
    are all verbatim never needs it, and importing rapidfuzz costs the git hook ~12 ms."""
    global _ratio_impl
    if _ratio_impl is None:
        from rapidfuzz.fuzz import ratio

        _ratio_impl = ratio
    return _ratio_impl(a, b)


def _norm(text: str) -> str:
    return " ".join(text.split())


def is_trivial(text: str, language: str | None = None) -> bool:
    """A line too common to be evidence on its own (see ``provenance.lines``)."""
    return line_keys(text, language).weight == 0.0


@lru_cache(maxsize=8192)
def _keys(text: str, language: str | None) -> LineKeys:
    return line_keys(text, language)


class _Text:
    __slots__ = ("indents", "keys", "nonblank", "tables")

    def __init__(self, keys: list[LineKeys], nonblank: list[int],
                 indents: list[int] | None = None) -> None:
        self.keys = keys  # index 0 = line 1
        # leading whitespace of each line (tabs as four columns): where a function ends
        self.indents = indents or [0] * len(keys)
        # prefix count of code lines that weigh: nonblank[i] = count in [0, i)
        self.nonblank = nonblank
        # region side only, built on first use: key tables shared by every candidate snippet
        self.tables: tuple[dict[str, list[int]], ...] | None = None


def _prepare(lines: Sequence[str], language: str | None) -> _Text:
    keys = [_keys(t, language) for t in lines]
    prefix = [0]
    for k in keys:
        prefix.append(prefix[-1] + (1 if k.weight > 0 and not k.text_only else 0))
    indents = [len(t.expandtabs(4)) - len(t.expandtabs(4).lstrip()) for t in lines]
    return _Text(keys, prefix, indents)


def _signature_line(t: _Text) -> int:
    """The first code line that is not an annotation or decorator (``@...``): a snippet's
    signature when it is a function; -1 when the text has no code line."""
    return next((j for j, k in enumerate(t.keys) if k.weight > 0 and not k.text_only
                 and not k.norm.startswith("@")), -1)


@lru_cache(maxsize=4096)
def _snippet_text(text: str, language: str | None) -> _Text:
    return _prepare(text.split("\n"), language)


# --- pairs and segments --------------------------------------------------------------------


class _Pair:
    __slots__ = ("i", "j", "kind", "weight", "span")

    def __init__(self, i: int, j: int, kind: int, weight: float, span: int = 1) -> None:
        self.i = i  # region line index (0-based); a wrap covers i and i + 1
        self.j = j  # snippet line index (0-based)
        self.kind = kind
        self.weight = weight
        self.span = span  # region lines covered

    def __repr__(self) -> str:
        return f"_Pair({self.i}, {self.j}, {self.kind}, {self.weight}, {self.span})"


def _region_tables(a: _Text) -> tuple[dict[str, list[int]], ...]:
    """Region lines by each key kind (exact, reformatted, code, shape) and by two joined
    lines (wrap), built once per file: a commit is aligned against many snippets."""
    if a.tables is None:
        by_norm: dict[str, list[int]] = {}
        by_squash: dict[str, list[int]] = {}
        by_code: dict[str, list[int]] = {}
        by_shape: dict[str, list[int]] = {}
        by_wrap: dict[str, list[int]] = {}
        keys = a.keys
        n = len(keys)
        for i, k in enumerate(keys):
            if not k.norm:
                continue
            by_norm.setdefault(k.norm, []).append(i)
            if k.squash:
                by_squash.setdefault(k.squash, []).append(i)
            if k.code:
                by_code.setdefault(k.code, []).append(i)
            if k.shape:
                by_shape.setdefault(k.shape, []).append(i)
            if i + 1 < n and keys[i + 1].norm:
                by_wrap.setdefault(k.squash + keys[i + 1].squash, []).append(i)
        a.tables = (by_norm, by_squash, by_code, by_shape, by_wrap)
    return a.tables


def _within(rows: list[int], lo: int, hi: int) -> list[int]:
    """The entries of the ascending list ``rows`` in [lo, hi)."""
    if not rows or (rows[0] >= lo and rows[-1] < hi):
        return rows
    return rows[bisect_left(rows, lo):bisect_left(rows, hi)]


def _pairs(a: _Text, s: _Text, blocked: Collection[int], lo: int = 0,
           hi: int | None = None) -> list[_Pair]:
    """Candidate line pairs (region line i in [lo, hi), snippet line j) with their kind and
    weight.

    Looked up from the snippet side in the region's tables (a snippet is short, the region
    may be thousands of lines); each (i, j) takes the first kind that matches, in the order
    exact, reformatted, code, shape."""
    by_norm, by_squash, by_code, by_shape, by_wrap = _region_tables(a)
    if hi is None:
        hi = len(a.keys)
    out: list[_Pair] = []
    for j, k in enumerate(s.keys):
        if k.weight <= 0:
            continue
        seen: set[int] = set()
        for table, key, kind in ((by_norm, k.norm, _EXACT), (by_squash, k.squash, _FORMAT),
                                 (by_code, k.code, _CODE), (by_shape, k.shape, _SHAPE)):
            if not key:
                continue
            for i in _within(table.get(key, []), lo, hi):
                if i not in seen and i not in blocked:
                    seen.add(i)
                    out.append(_Pair(i, j, kind, k.weight * _KIND_WEIGHT[kind]))
        # a snippet line wrapped over two region lines
        if k.squash:
            for i in _within(by_wrap.get(k.squash, []), lo, hi - 1):
                if i not in blocked and i + 1 not in blocked:
                    out.append(_Pair(i, j, _WRAP, k.weight * _KIND_WEIGHT[_WRAP], 2))
    out.sort(key=lambda p: (p.i, p.j))
    return out


def _gap_cost(a: _Text, s: _Text, p: _Pair, q: _Pair) -> float | None:
    """Cost of joining pair ``p`` to a later pair ``q``; None when they cannot join."""
    if q.i < p.i + p.span or q.j <= p.j:
        return None
    gap_a = a.nonblank[q.i] - a.nonblank[p.i + p.span]
    gap_s = s.nonblank[q.j] - s.nonblank[p.j + 1]
    if gap_a > MAX_GAP or gap_s > MAX_GAP:
        return None
    return INDEL_COST * max(gap_a, gap_s) + SUB_COST * min(gap_a, gap_s)


def _best_segment(a: _Text, s: _Text, pairs: list[_Pair]) -> list[_Pair]:
    """Highest-scoring local chain of pairs (see module docstring, step 2).

    The hot loop of attribution: ``_gap_cost`` is inlined and the pairs' fields are read
    into local lists once (same result, about twice as fast)."""
    n = len(pairs)
    if not n:
        return []
    pi = [p.i for p in pairs]
    pj = [p.j for p in pairs]
    pend_a = [a.nonblank[p.i + p.span] for p in pairs]  # region position after p
    pnext_s = [s.nonblank[p.j + 1] for p in pairs]  # snippet position after p
    span_end = [p.i + p.span for p in pairs]
    weights = [p.weight for p in pairs]
    a_nb, s_nb = a.nonblank, s.nonblank
    reach = 4 * (MAX_GAP + 2) + 2
    score: list[float] = []
    back: list[int] = []
    for q_idx in range(n):
        qi, qj, qw = pi[q_idx], pj[q_idx], weights[q_idx]
        best, arg = qw, -1
        # only pairs a few lines back can join (MAX_GAP), so look back a bounded way
        lo = q_idx - 1
        while lo >= 0 and pi[lo] >= qi - reach:
            lo -= 1
        qa, qs = a_nb[qi], s_nb[qj]
        for p_idx in range(lo + 1, q_idx):
            sp = score[p_idx]
            if sp <= 0 or qi < span_end[p_idx] or qj <= pj[p_idx]:
                continue
            gap_a = qa - pend_a[p_idx]
            gap_s = qs - pnext_s[p_idx]
            if gap_a > MAX_GAP or gap_s > MAX_GAP:
                continue
            cand = sp - (INDEL_COST * (gap_a if gap_a > gap_s else gap_s)
                         + SUB_COST * (gap_s if gap_a > gap_s else gap_a)) + qw
            if cand > best:
                best, arg = cand, p_idx
        score.append(best)
        back.append(arg)
    t = max(range(n), key=score.__getitem__)
    chain: list[_Pair] = []
    while t >= 0:
        chain.append(pairs[t])
        t = back[t]
    chain.reverse()
    return chain


# --- renames -------------------------------------------------------------------------------


def _rename_map(a: _Text, s: _Text, chain: list[_Pair]) -> dict[str, str]:
    """Consistent one-to-one identifier renames (snippet word -> region word)."""
    images: dict[str, Counter[str]] = {}
    sources: dict[str, Counter[str]] = {}
    for p in chain:
        if p.span != 1:
            continue
        wa, ws = a.keys[p.i].idents, s.keys[p.j].idents
        if p.kind == _SHAPE and len(wa) != len(ws):
            continue
        if p.kind != _SHAPE and wa != ws:
            continue
        for x, y in zip(ws, wa, strict=False):
            images.setdefault(x, Counter())[y] += 1
            sources.setdefault(y, Counter())[x] += 1
    out: dict[str, str] = {}
    for x, ys in images.items():
        if len(ys) != 1:
            continue
        (y,) = ys
        if x != y and len(sources[y]) == 1:
            out[x] = y
    return out


def _core(x: str, y: str) -> tuple[str, str]:
    """What a rename changes: both names without their common prefix and suffix."""
    a, b = x.lower(), y.lower()
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    q = 0
    while q < min(len(a), len(b)) - p and a[-1 - q] == b[-1 - q]:
        q += 1
    return a[p:len(a) - q], b[p:len(b) - q]


def _derived(renames: Mapping[str, str]) -> bool:
    """Several renames made by one word substitution (``charset`` -> ``encoding`` in
    ``charset``, ``parseCharset``, ``getCharsetPriority``): a sibling written for another
    case, not a suggestion whose names a person changed. So are two renames that swap one
    word for another each way (``open_send_channels`` -> ``open_receive_channels`` and
    ``receive_events`` -> ``send_events``): the mirror of a function (send and receive, read
    and write), not names a person refined in the code they kept."""
    seen: set[tuple[str, str]] = set()
    for x, y in renames.items():
        core = _core(x, y)
        if max(len(core[0]), len(core[1])) < 2 and len(x) - len(core[0]) < 3:
            continue  # a letter or digit changed in a short name (i -> j, xi -> xj)
        if _visibility(core):
            continue
        if any(_same_swap(core, c) or (MIRROR_CHECK and _same_swap(core[::-1], c))
               for c in seen):
            return True
        seen.add(core)
    return False


def _same_swap(x: tuple[str, str], y: tuple[str, str]) -> bool:
    """Two renames' cores (``_core``) are the same word swapped for the same other word, also
    when the end a name shares cut one core short: ``pooledFlateReader`` -> ``...Writer``
    shares ``er`` (core ``read``/``writ``), ``Read`` -> ``Write`` does not (``read``/``write``).
    Each side's cores then start alike, three letters at least."""
    return x == y or all(min(len(p), len(q)) >= SWAP_MIN_LETTERS and (p.startswith(q) or
                                                                      q.startswith(p))
                         for p, q in zip(x, y, strict=True))


def _visibility(core: tuple[str, str]) -> bool:
    """A rename that only adds or drops underscores (``_Result`` -> ``Result``): a name made
    public or private throughout, a refactor of the kept code, not a word substituted for
    another case."""
    return not core[0].strip("_") and not core[1].strip("_")


def _apply(keys: LineKeys, renames: Mapping[str, str]) -> tuple[str, str]:
    """``squash`` and ``code`` of a snippet line with the renames applied to its words."""
    if not renames:
        return keys.squash, keys.code

    def sub(text: str) -> str:
        return squash(_WORD.sub(lambda m: renames.get(m.group(), m.group()), text))

    return sub(keys.norm), sub(keys.code_text)


def _explained(ka: LineKeys, ks: LineKeys, renames: Mapping[str, str]) -> int | None:
    """How the committed line derives from the snippet line, or None."""
    if ka.norm == ks.norm:
        return _EXACT
    if ka.squash == ks.squash:
        return _FORMAT
    if ka.code and ka.code == ks.code:
        return _CODE
    sq, code = _apply(ks, renames)
    if ka.squash == sq or (ka.code and ka.code == code):
        return _SHAPE
    return None


# --- segment -> per-line proposals ---------------------------------------------------------


class _Proposal(NamedTuple):
    origin: str
    similarity: float
    snippet_line: int  # 1-based
    strength: float  # segment evidence factor 0..1
    renames: tuple[tuple[str, str], ...] = ()  # the segment's renames (snippet -> commit)
    how: int = _EXACT  # how the line derives from the snippet line (``HOW``)
    rule: str = ""  # the rule that accepted its segment when not the plain thresholds (``RULES``)


HOW = {_EXACT: "verbatim", _FORMAT: "reformatted (whitespace or quotes)",
       _CODE: "same code, a comment added or changed", _WRAP: "one snippet line wrapped",
       _SHAPE: "identifiers renamed consistently", _EDIT: "edited in place (a literal, "
       "operand, argument or name changed; the lines around it kept)"}


def _match_gap(a: _Text, s: _Text, ia: range, js: range, renames: Mapping[str, str],
               ) -> tuple[list[tuple[int, int, int]], int, float]:
    """In-order matches inside a gap: (i, j, how), substituted code lines, text weight.

    Code lines left on both sides are then paired in order by similarity (``_edits``): a
    line a person edited (a literal, an operand, an argument) keeps most of its text and is
    ``_EDIT``; only the lines that stay unpaired count as substituted."""
    out: list[tuple[int, int, int]] = []
    start = js.start
    for i in ia:
        ka = a.keys[i]
        if not ka.norm:
            continue
        for j in range(start, js.stop):
            ks = s.keys[j]
            if not ks.norm:
                continue
            how = _explained(ka, ks, renames)
            if how is None and ka.text_only and ks.text_only and min(
                    len(ka.norm), len(ks.norm)) >= 8:
                if _ratio(ka.norm, ks.norm) >= COMMENT_RATIO:
                    how = _CODE
            if how is not None:
                out.append((i, j, how))
                start = j + 1
                break
    matched_a = {i for i, _, _ in out}
    matched_s = {j for _, j, _ in out}
    rest_a = [i for i in ia if i not in matched_a and a.keys[i].weight > 0
              and not a.keys[i].text_only]
    rest_s = [j for j in js if j not in matched_s and s.keys[j].weight > 0
              and not s.keys[j].text_only]
    edits = _edits(a, s, rest_a, rest_s, out) if rest_a and rest_s else []
    if len(rest_a) > len(rest_s) > len(edits):
        edits.extend(_rewrapped_edits(a, s, rest_a, rest_s, out + edits))
    out.extend(edits)
    out.extend(_weak_edits(a, s, ia, js, out))
    text_weight = sum(a.keys[i].weight for i, _, how in out if a.keys[i].text_only)
    return out, min(len(rest_a), len(rest_s)) - len(edits), text_weight


def _edits(a: _Text, s: _Text, rest_a: list[int], rest_s: list[int],
           matched: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Unmatched code lines of a gap paired in order, most similar first, as edits: each
    pair keeps the order of the gap's other matches and reaches ``EDIT_RATIO``."""
    cand = sorted(((r, i, j) for i in rest_a for j in rest_s
                   if (r := _edit_ratio(a.keys[i], s.keys[j])) >= EDIT_RATIO),
                  reverse=True)
    fixed = sorted((i, j) for i, j, _ in matched)
    out: list[tuple[int, int, int]] = []
    used_a: set[int] = set()
    used_s: set[int] = set()
    for _r, i, j in cand:
        if i in used_a or j in used_s:
            continue
        if any((i < fi) != (j < fj) for fi, fj in fixed):
            continue  # would cross a match: not an edit in place
        fixed.append((i, j))
        used_a.add(i)
        used_s.add(j)
        out.append((i, j, _EDIT))
    return out


def _rewrapped_edits(a: _Text, s: _Text, rest_a: list[int], rest_s: list[int],
                     matched: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """A gap's snippet line left unpaired that the commit re-wrapped over several lines with
    tokens added (``_rewrapped_rows``: ``f("a", "b")`` -> ``f(`` / ``"a",`` / ``"b",`` /
    ``c=1,`` / ``)``, each piece too short to be like the whole line): its piece most like
    it, when ``REWRAP_RATIO`` like it, is the line edited, in order with the gap's other
    matches."""
    fixed = sorted((i, j) for i, j, _ in matched)
    taken = {i: (j, how) for i, j, how in matched}
    out: list[tuple[int, int, int]] = []
    for j in rest_s:
        if j in {fj for _, fj in fixed}:
            continue
        for i in rest_a:
            if i in taken or any((i < fi) != (j < fj) for fi, fj in fixed):
                continue
            rows = _rewrapped_rows(a, s, taken, i, j)
            if not rows:
                continue
            group = sorted([i, *rows])
            if any((m < fi) != (j < fj) for m in group for fi, fj in fixed):
                continue
            ratio, best = max((_ratio(a.keys[m].norm, s.keys[j].norm), m) for m in group)
            if ratio < REWRAP_RATIO:
                continue  # no piece is recognisably the model's line
            fixed.append((best, j))
            taken[best] = (j, _EDIT)
            out.append((best, j, _EDIT))
            break
    return out


def _weak_edits(a: _Text, s: _Text, ia: range, js: range,
                matched: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """A gap's code line that a person's touch made a common line or that a touch made of a
    common line (``if err == nil {`` <-> ``if err != nil {``: weight 0 on one side, so never
    paired on its own): one literal or operator changed, in order with the gap's other
    matches."""
    if not ia or not js:
        return []  # most gaps: two pairs on adjacent lines
    fixed = sorted((i, j) for i, j, _ in matched)
    used_a = {i for i, _ in fixed}
    free_s = [j for j in js if j not in {fj for _, fj in fixed} and s.keys[j].norm
              and not s.keys[j].text_only]
    out: list[tuple[int, int, int]] = []
    for i in ia:
        ka = a.keys[i]
        if i in used_a or not ka.norm or ka.text_only:
            continue
        for j in free_s:
            ks = s.keys[j]
            if ((ka.weight <= 0) != (ks.weight <= 0) and _literal_edit(ka, ks)
                    and not any((i < fi) != (j < fj) for fi, fj in fixed)):
                fixed.append((i, j))
                out.append((i, j, _EDIT))
                free_s.remove(j)
                break
    return out


_INLINE_COMMENT = re.compile(r"/\*.*?\*/")


def _edit_ratio(ka: LineKeys, ks: LineKeys) -> float:
    """How alike two code lines are, read as an edit (``EDIT_RATIO``): their code, and when
    either holds a block comment, their text without the comments closed on the line (a
    type cast written as a comment, ``/** @type {Node} */ (stack.pop())``: ``LineKeys``
    reads a line only up to its first comment)."""
    if "/*" in ka.norm or "/*" in ks.norm:
        return _ratio(squash(_INLINE_COMMENT.sub(" ", ka.norm)),
                      squash(_INLINE_COMMENT.sub(" ", ks.norm)))
    return _ratio(ka.code_text, ks.code_text)


def _edited(ka: LineKeys, ks: LineKeys) -> bool:
    """A paired line the renames do not explain is still the snippet's line, edited."""
    return (not ka.text_only and not ks.text_only
            and _edit_ratio(ka, ks) >= EDIT_RATIO)


def _extend(a: _Text, s: _Text, i: int, j: int, step: int, blocked: Collection[int],
            taken: set[int]) -> list[tuple[int, int]]:
    """Lines beyond a segment end equal to the snippet's next lines (braces, returns),
    trailing comments aside.

    One line inserted in the commit (a person's comment or statement before the closing
    brace) or dropped from the snippet may sit between two such lines, as inside a segment;
    the skipped line itself is not taken, and a second mismatch in a row ends the run."""
    out: list[tuple[int, int]] = []
    i = _next_line(a, i + step, step)
    j = _next_line(s, j + step, step)
    skipped = False
    while 0 <= i < len(a.keys) and 0 <= j < len(s.keys):
        if _extends(a, s, i, j, blocked, taken):
            out.append((i, j))
            skipped = False
            i = _next_line(a, i + step, step)
            j = _next_line(s, j + step, step)
            continue
        if skipped:
            break
        # the skipped line sits inside the paragraph: no blank line on either side of it
        # (past a blank line starts the commit's next function, not an insertion)
        skipped = True
        if (_inside(a, i, step) and 0 <= i + step < len(a.keys)
                and _extends(a, s, i + step, j, blocked, taken)):
            i += step  # a line inserted in the commit
        elif (_inside(s, j, step) and 0 <= j + step < len(s.keys)
              and _extends(a, s, i, j + step, blocked, taken)):
            j += step  # a line dropped from the snippet
        else:
            break
    return out


def _next_line(t: _Text, i: int, step: int) -> int:
    """``i``, or the first non-blank line from it in direction ``step`` (may be out of range)."""
    while 0 <= i < len(t.keys) and not t.keys[i].norm:
        i += step
    return i


def _inside(t: _Text, i: int, step: int) -> bool:
    """Line ``i`` has non-blank lines right before and after it (in direction ``step``)."""
    return all(0 <= n < len(t.keys) and t.keys[n].norm for n in (i - step, i + step))


def _extends(a: _Text, s: _Text, i: int, j: int, blocked: Collection[int],
             taken: set[int]) -> bool:
    """Region line ``i`` repeats snippet line ``j`` as a weak line (brace, short return)."""
    ka, ks = a.keys[i], s.keys[j]
    return (ka.code == ks.code and ka.text_only == ks.text_only and ka.weight <= 0.5
            and i not in blocked and i not in taken)


def _propose(a: _Text, s: _Text, blocked: Collection[int], lo: int = 0,
             hi: int | None = None, pair_factor: float = 0.0,
             rare: Collection[int] = ()) -> dict[int, _Proposal]:
    """Per region line index (0-based, in [lo, hi)), what this snippet says about it;
    ``rare``: region lines whose line hash few indexed snippets hold (``_rare_fragment``)."""
    pairs = _pairs(a, s, blocked, lo, hi)
    out: dict[int, _Proposal] = {}
    taken_a: set[int] = set()
    segments: list[list[int]] = []  # the lines each accepted segment proposes
    for _ in range(MAX_SEGMENTS):
        if not pairs:
            break
        chain = _best_segment(a, s, pairs)
        if not chain:
            break
        used_a = {i for p in chain for i in range(p.i, p.i + p.span)}
        used_s = {p.j for p in chain}
        lo_a, hi_a = chain[0].i, chain[-1].i + chain[-1].span - 1
        lo_s, hi_s = chain[0].j, chain[-1].j
        rest = [p for p in pairs
                if (p.i + p.span - 1 < lo_a or p.i > hi_a)
                and not used_a & set(range(p.i, p.i + p.span))]
        pairs = [p for p in rest if (p.j < lo_s or p.j > hi_s) and p.j not in used_s]
        accepted = _accept(a, s, chain, blocked, taken_a, pair_factor=pair_factor)
        if accepted is None:
            accepted = _whole(a, s, chain, blocked, taken_a)
        if accepted is None and SMALL_EDIT:
            accepted = _small_edited(a, s, chain, blocked, taken_a)
        if accepted is None and WHOLE_RENAMED:
            accepted = _whole_renamed(a, s, chain, blocked, taken_a)
        rule = ""
        if accepted is not None:
            found = [accepted]
        else:
            # a rewritten line splits the segment: the suggestion's lines on either side of
            # it (a neighbour function written by hand that shares a few lines, say) are
            # checked on their own
            pieces = _split(a, s, chain)
            found = [got for piece in pieces if len(pieces) > 1 and len(piece) > 1
                     and (got := _accept(a, s, piece, blocked, taken_a,
                                         SPLIT_FACTOR)) is not None]
            if not found and RARE_FRAGMENT and rare:
                # a short part kept verbatim, of lines few suggestions hold
                found = [got for piece in _verbatim_runs(a, s, chain)
                         if any(p.i in rare for p in piece)
                         and (got := _accept(a, s, piece, blocked, taken_a,
                                             rare=rare)) is not None]
                rule = "rare-fragment"
        if not found and REJECTED_FREE:
            # a rejected segment (a sibling written by hand: ``bsearch16`` for the
            # suggested ``bsearch32``) explains none of the snippet's lines: they stay free
            # for another region (the suggestion's own fragment further down the file)
            pairs = rest
        for lines, strength, renamed in found:
            if DIVERGE_CHECK and _diverges(a, s, lines):
                continue
            if NEXT_HEAD_CHECK:
                lines = _before_next_head(a, s, lines)
            segments.append([i for i in lines if i not in taken_a])
            for i, (j, how) in lines.items():
                if i in taken_a:
                    continue
                ka, ks = a.keys[i], s.keys[j]
                if how == _EXACT:
                    prop = _Proposal(AI, 1.0, j + 1, strength, renamed, how, rule)
                else:
                    sim = _ratio(ka.norm, ks.norm) / 100
                    prop = _Proposal(AI_EDITED, round(max(sim, 0.5), 3), j + 1, strength,
                                     renamed, how, rule)
                out[i] = prop
                taken_a.add(i)
    if FAR_HEAD_CHECK:
        _drop_far_heads(a, s, out, segments)
    return out


def _before_next_head(a: _Text, s: _Text, lines: dict[int, tuple[int, int]],
                      ) -> dict[int, tuple[int, int]]:
    """The segment's lines above the start of another function inside it: a commit line the
    segment does not explain, below the line it matches to the snippet's signature, as
    indented as that line and opening with the same word, that is the snippet's signature
    again or rewritten (``HEAD_RATIO``) -- a sibling's own signature (``SearchFloat64s``
    under ``SearchInts``), not a statement a person put between the suggestion's lines.
    The snippet lines matched below it are the sibling's: a person touched the suggestion's own
    line in place, and its text met again further down is the sibling's, not the suggestion's
    across a function boundary."""
    head = _signature_line(s)
    at = next((i for i, (j, _how) in sorted(lines.items()) if j == head), None)
    if at is None:
        return lines
    ks = s.keys[head]
    opener = ks.norm.split(" ", 1)[0]  # ``func``, ``def``, ``public``, ``const``
    for i in range(at + 1, max(lines)):
        ka = a.keys[i]
        if (i in lines or ka.weight <= 0 or ka.text_only or a.indents[i] != a.indents[at]
                or ka.norm.split(" ", 1)[0] != opener):
            continue
        if ka.code == ks.code or _ratio(ka.code_text, ks.code_text) >= HEAD_RATIO:
            return {k: v for k, v in lines.items() if k < i}
    return lines


def _drop_far_heads(a: _Text, s: _Text, out: dict[int, _Proposal],
                    segments: list[list[int]]) -> None:
    """Drop the segments of one snippet that sit in a committed function whose signature is
    the snippet's signature rewritten (``_far_head``): the shared tail of a sibling."""
    for seg in segments:
        lines = {i: out[i].snippet_line - 1 for i in seg if i in out}
        if lines and _far_head(a, s, lines, out):
            for i in lines:
                del out[i]


def _far_head(a: _Text, s: _Text, lines: Mapping[int, int],
              explained: Collection[int]) -> bool:
    """The segment lacks the snippet's signature, and the function of the commit it sits in
    opens with that signature -- rewritten (``HEAD_RATIO``) or the same, but not explained by
    this snippet, so the lines between were not the snippet's: a sibling sharing the
    snippet's later lines (``Float.Int`` ending as ``Float.Rat`` does, another class's
    ``resolve``), not a part of the suggestion pasted or kept.

    ``_own_head`` looks a few lines up in the segment's paragraph; this looks as far up as the
    snippet puts its signature before the segment's first line (twice that, plus
    ``HEAD_LOOKBACK``), through blank lines, but only inside one function: every line
    between the signature and the segment is indented deeper than the signature (or closes
    its parameter list), and none of them is explained by this snippet. A segment that starts
    a paragraph where the snippet's previous line is not blank is a part of the suggestion
    pasted below other code, not a function's tail."""
    head = _signature_line(s)
    i0 = min(lines)
    j0 = lines[i0]
    if head < 0 or j0 <= head or any(j == head for j in lines.values()):
        return False
    if i0 == 0 or (not a.keys[i0 - 1].norm and s.keys[j0 - 1].norm):
        return False  # a paragraph of its own where the snippet runs on: a part pasted
    ks = s.keys[head]
    reach = 2 * (s.nonblank[j0] - s.nonblank[head]) + HEAD_LOOKBACK
    floor = a.indents[i0]
    for i in range(i0 - 1, -1, -1):
        ka = a.keys[i]
        if not ka.norm:
            continue
        if i in explained or a.nonblank[i0] - a.nonblank[i] > reach:
            return False
        if ka.weight > 0 and not ka.text_only and a.indents[i] < floor and (
                ka.code == ks.code or _ratio(ka.code_text, ks.code_text) >= HEAD_RATIO):
            return True
        if a.indents[i] < floor and not ka.norm.startswith(")"):
            floor = a.indents[i]
            if a.indents[i] == 0 and ka.norm[0] in "}]":
                return False  # the end of the function before
    return False


def _diverges(a: _Text, s: _Text, lines: Mapping[int, tuple[int, int]]) -> bool:
    """The segment starts inside the snippet, and the committed line just before it is the
    snippet's line just before, rewritten (similar, not equal): a sibling written for another
    case -- its own signature, then the shared part -- not a suggestion cut down, whose cut
    leaves a line of other code (or nothing) before it, nor one touched by a person (a token
    or two of a body line changed)."""
    i0 = min(lines)
    j0 = lines[i0][0]
    ip, jp = _next_line(a, i0 - 1, -1), _next_line(s, j0 - 1, -1)
    if ip < 0 or jp < 0:
        return False
    ka, ks = a.keys[ip], s.keys[jp]
    if ka.weight <= 0 or ks.weight <= 0 or ka.text_only or ks.text_only or ka.code == ks.code:
        return False
    if _ratio(ka.code_text, ks.code_text) < DIVERGE_RATIO:
        return False
    # a token or two touched on a body line is a person's edit next to the kept part; the
    # signature touched is another function's
    head = _signature_line(s)
    return jp == head or _token_edit(ka, ks) is None


def _split(a: _Text, s: _Text, chain: list[_Pair]) -> list[list[_Pair]]:
    """The chain cut at its substitutions: a pair of the same shape that the renames do not
    explain is dropped, and a gap with a line replaced on both sides is a cut."""
    renames = _rename_map(a, s, chain)
    pieces: list[list[_Pair]] = [[]]
    prev: _Pair | None = None
    for p in chain:
        if p.kind != _WRAP and _explained(a.keys[p.i], s.keys[p.j], renames) is None:
            pieces.append([])
            prev = None
            continue
        if prev is not None and _match_gap(a, s, range(prev.i + prev.span, p.i),
                                           range(prev.j + 1, p.j), renames)[1]:
            pieces.append([])
        pieces[-1].append(p)
        prev = p
    return [piece for piece in pieces if piece]


def _accept(a: _Text, s: _Text, chain: list[_Pair], blocked: Collection[int],
            taken: set[int], strict: float = 1.0, pair_factor: float = 0.0,
            rare: Collection[int] = (),
            ) -> tuple[dict[int, tuple[int, int]], float, tuple[tuple[str, str], ...]] | None:
    """Check a segment (module docstring, steps 3-5); its lines -> (snippet line, how)."""
    renames = _rename_map(a, s, chain)
    lines: dict[int, tuple[int, int]] = {}
    anchor = evidence = 0.0
    explained_code = 0
    subs = edits = 0
    prev: _Pair | None = None
    for p in chain:
        if prev is not None:
            gap, n_sub, text_w = _match_gap(a, s, range(prev.i + prev.span, p.i),
                                            range(prev.j + 1, p.j), renames)
            subs += n_sub
            evidence += 0.5 * text_w
            for gi, gj, ghow in gap:
                if gi not in blocked:
                    lines[gi] = (gj, ghow)
                    if ghow == _EDIT:
                        edits += 1
                        evidence += EDIT_EVIDENCE * s.keys[gj].weight
        prev = p
        ka, ks = a.keys[p.i], s.keys[p.j]
        if p.kind == _WRAP:
            how: int | None = _WRAP
        else:
            how = _explained(ka, ks, renames)
        if how is None:
            if p.span == 1 and _edited(ka, ks):
                # same shape, a literal or a name changed on this line only: an edit
                lines[p.i] = (p.j, _EDIT)
                edits += 1
                evidence += EDIT_EVIDENCE * ks.weight
            else:
                subs += 1  # same shape, but not a consistent rename: a rewritten line
            continue
        w = ks.weight
        if not ks.text_only:
            anchor += w * _KIND_WEIGHT[how]
        evidence += w * (_KIND_WEIGHT[how] if not ks.text_only else 0.5)
        if not ks.text_only:
            explained_code += 1
        lines[p.i] = (p.j, how)
        if p.span == 2:
            lines[p.i + 1] = (p.j, how)
    # every distinct rename is an edit the lines it explains must pay for: a name renamed
    # consistently on many lines is cheap, a sibling function that differs by a new name on
    # each line is a look-alike
    unchecked = 0
    if renames:
        uses = Counter(x for i, (j, how) in lines.items() if how == _SHAPE
                       for x in set(s.keys[j].idents) if x in renames)
        cost = sum(RENAME_COST / max(1, uses[x]) for x in renames)
        evidence -= cost
        anchor -= cost
        # a rename seen on one line only cannot be checked for consistency: a few are a
        # person renaming a function or one local, many are a sibling written by hand
        unchecked = sum(1 for x in renames if uses[x] <= 1)
        if unchecked > max(MAX_UNCHECKED_RENAMES, UNCHECKED_RENAME_SHARE * explained_code):
            return None
        if DERIVED_CHECK and _derived(renames):
            return None
        # renamed *and* cut down to a small part: nothing left to tell it from look-alikes
        n_code = sum(1 for k in s.keys if k.weight > 0 and not k.text_only)
        got_s = {j for j, _ in lines.values() if s.keys[j].weight > 0 and not s.keys[j].text_only}
        if len(got_s) < MIN_RENAMED_COVER * n_code:
            return None
        # renamed without its first line: the body of a sibling (``FindAllSubmatch`` for
        # ``FindAllStringSubmatch``), whose signature differs; a person renaming names in a
        # suggestion they kept keeps its signature (renamed or not) -- its first line past
        # decorators and annotations, which name other code (``@pass_context``)
        first_code = _signature_line(s)
        if HEAD_CHECK and first_code >= 0 and first_code not in got_s:
            return None
    if rare:
        # a short fragment checked for rare lines only (``_propose``): nothing else lowers
        # its thresholds
        if renames or not _rare_fragment(a, s, lines, rare, chain):
            return None
        strict = RARE_FACTOR
    elif renames and strict <= 1.0 and _complete_renamed(a, s, chain, lines, renames):
        # the whole suggestion in place, its names renamed consistently: as strong as the
        # whole suggestion unchanged (the renames have paid for themselves above)
        strict = COMPLETE_FACTOR
    elif not renames and strict <= 1.0:
        # the whole suggestion, every code line of it in order and unchanged: a small
        # snippet cannot weigh much, but a person does not retype all of it by chance
        code_s = [j for j, k in enumerate(s.keys) if k.weight > 0 and not k.text_only]
        got = {j for j, kind in lines.values() if kind not in (_SHAPE, _EDIT)}
        if len(code_s) >= COMPLETE_MIN_LINES and got.issuperset(code_s):
            strict = COMPLETE_FACTOR
        elif len(code_s) == 2 and got.issuperset(code_s):
            # a two-line body (its signature and one statement), or an edit tool's new text
            # of two lines, whole and unchanged
            strict = pair_factor or COMPLETE_PAIR_FACTOR
    if anchor < strict * MIN_ANCHOR or evidence < strict * MIN_EVIDENCE:
        return None
    if subs > MAX_SUB_SHARE * explained_code:
        return None
    first, last = chain[0], chain[-1]
    # the weak lines that extend the segment past its end are theirs, not a move's
    ends = {j for _i, j in _extend(a, s, last.i + last.span - 1, last.j, 1, blocked, taken)}
    _inside_moves(a, s, lines, range(first.i, last.i + last.span), blocked,
                  range(first.j, _next_line(s, last.j + 1, 1) + 1), ends)
    # edits are a person's touches on a suggestion they kept: few, against many lines kept
    # unchanged; a look-alike (a sibling, a rewrite) also inserts and drops lines
    used_s = {j for j, _ in lines.values()}
    # a touch that keeps the model's code (a literal, an argument added, a name refined) is
    # half an edit: a look-alike's lines swap names for others
    touched = edits - TOUCH_DISCOUNT * sum(1 for i, (j, how) in lines.items()
                                           if how == _EDIT and _kept_touch(a.keys[i], s.keys[j]))
    # the same tokens added on several lines (``write(`` -> ``process.stdout.write(`` on every
    # call) are one change a person made throughout, like a rename: counted once
    touched -= _repeated_insertions(a, s, lines)
    # an edited line re-wrapped over several with an argument added (a call split one
    # argument a line): its new lines are that one touch, which keeps the model's code
    # (labelled ai-edited only when ``REWRAP_RATIO`` like the model's line: a piece less like
    # it is a person's new text, ``self.x: set[Any] | MutableSet[Any] = set(``)
    rewrapped: set[int] = set()
    for i, (j, how) in sorted(lines.items()):
        if how == _EDIT and i not in rewrapped and (rows := _rewrapped_rows(a, s, lines, i, j)):
            rewrapped.update(rows)
            if not _kept_touch(a.keys[i], s.keys[j]):
                touched -= TOUCH_DISCOUNT
            if _ratio(a.keys[i].norm, s.keys[j].norm) < REWRAP_RATIO:
                rewrapped.add(i)
                del lines[i]
    inserted = [i for i in range(first.i, last.i + last.span) if i not in lines
                and i not in rewrapped and a.keys[i].weight > 0 and not a.keys[i].text_only]
    damage = touched + len(inserted) + sum(
        1 for j in range(first.j, last.j + 1) if j not in used_s and s.keys[j].weight > 0
        and not s.keys[j].text_only)
    # the snippet's own prose kept word for word (comment and docstring lines of
    # ``MIN_PROSE_CHARS`` or more) is kept text too: half a code line each
    kept = explained_code + PROSE_KEPT_WEIGHT * sum(
        1 for j, how in lines.values() if how in (_EXACT, _FORMAT, _CODE)
        and s.keys[j].text_only and len(s.keys[j].norm) >= MIN_PROSE_CHARS)
    # every line of the model's still there under its own signature, worked on in one
    # place: the person's own lines there are additions to the suggestion kept whole
    worked = ([i for i, (_j, how) in lines.items() if how == _EDIT]
              if COMPLETE_EDIT and edits and damage > max(1.0, MAX_DAMAGE_SHARE * kept)
              and _complete_edit(a, s, lines, inserted) else [])
    harm = damage - (len(inserted) if worked else 0)
    if edits and (explained_code < MIN_EDIT_ANCHORS
                  or touched > max(1.0, MAX_EDIT_SHARE * kept)
                  or harm > max(1.0, MAX_DAMAGE_SHARE * kept)):
        return None  # more rewritten than kept: a look-alike, or a rewrite of its own
    if edits and renames:
        # a name renamed throughout *and* lines rewritten: the same function written for
        # another case (``WriteString(s)`` -> ``Write(p)``), not a suggestion touched up
        # (a name made public or private, ``_HookCaller`` -> ``HookCaller``, is a refactor
        # of the kept code: ``_visibility``)
        lines_of = Counter(x for j, how in lines.values() if how == _SHAPE
                           for x in set(s.keys[j].idents) if x in renames
                           and not (VISIBILITY_REFACTOR and _visibility(_core(x, renames[x]))))
        # (under the snippet's own signature, kept with most of its code: a refactor)
        if any(n >= 2 for n in lines_of.values()) and not _kept_head(a, s, lines):
            return None
        # names renamed on one line each and lines rewritten, three or more in all: each
        # of them is a rewritten line (``intercepted_unops`` -> ``intercepted_binops``, and
        # a call changed): a sibling, not two touches on a kept suggestion
        if LOOKALIKE_CHECK and edits + unchecked > MAX_TOUCHES:
            return None
    # the snippet's signature, edited by a person above its kept body (the same name, a
    # parameter or return type changed, re-wrapped): not a sibling's own signature
    signature = (_edited_signature(a, s, lines, blocked, taken,
                                   widened=explained_code < SIGNATURE_MIN_CODE)
                 if SIGNATURE_EDIT and explained_code >= SIGNATURE_WIDENED_MIN_CODE else None)
    if (LOOKALIKE_CHECK and signature and explained_code < SIGNATURE_MIN_CODE
            and _rewritten_end(a, s, lines)):
        return None  # a short body under a signature grown, then a line of its own: a sibling
    if LOOKALIKE_CHECK and signature is None and (_own_head(a, s, lines) or (
            explained_code < EMBED_MIN_CODE and (_embedded(a, s, lines) or (
                INNER_TAIL_CHECK and _inner_tail(a, s, lines))))):
        return None
    # a new name on the signature line and the body changed too (a line edited, inserted or
    # dropped): a sibling written for another case (``_callAsync`` -> ``_callMaybeAsync``,
    # ``connect_unix_socket`` -> ``connect_tcp``), not a kept suggestion
    head = next((j for j, k in enumerate(s.keys) if k.weight > 0 and not k.text_only
                 and not (LOOKALIKE_CHECK and k.norm.startswith("@"))), -1)
    renamed_head = [how for i, (j, how) in lines.items() if j == head
                    and how in (_SHAPE, _EDIT) and a.keys[i].idents != s.keys[j].idents]
    if renamed_head and damage + (edits - touched) - renamed_head.count(_EDIT) > 0:
        return None
    if LOOKALIKE_CHECK and renamed_head and _rewritten_end(a, s, lines):
        return None
    if PROLOGUE_CHECK and signature is None and _prologue(a, s, lines):
        return None
    if signature:
        lines.update(signature)
        top = min(signature)
        first = _Pair(top, signature[top][0], _EDIT, 0.0)  # the lines above it extend it
    for i, j in [*_extend(a, s, first.i, first.j, -1, blocked, taken),
                 *_extend(a, s, last.i + last.span - 1, last.j, 1, blocked, taken)]:
        lines[i] = (j, _EXACT if a.keys[i].norm == s.keys[j].norm else _CODE)
    # a segment whose signature has a new name takes no touched line past its ends either
    # (``isAfter`` -> ``isBefore`` with ``>`` -> ``<`` below: a sibling for the other case)
    if explained_code >= MIN_EDIT_ANCHORS and not (LOOKALIKE_CHECK and renamed_head):
        _edge_edits(a, s, lines, blocked, taken)
    # of the block a person worked on (``_complete_edit``), which line is the model's line
    # edited and which are their own, nothing tells (``isinstance(x, ast.Constant) and`` above
    # ``isinstance(x.value, str)`` for ``isinstance(x, ast.Str)``): the block stays theirs
    lines = {i: v for i, v in lines.items() if i not in taken and i not in worked}
    return lines, min(1.0, evidence / (3 * MIN_EVIDENCE)), tuple(sorted(renames.items()))


def _complete_renamed(a: _Text, s: _Text, chain: list[_Pair],
                      lines: Mapping[int, tuple[int, int]], renames: Mapping[str, str]) -> bool:
    """A renamed segment holding every code line of its snippet (``RENAMED_COMPLETE_MIN_CODE``
    or more), none of them edited, and no code line of the commit inserted between: the whole
    suggestion kept in place with names renamed (``Find(n, cmp)`` -> ``search(n, compare)``
    through its body and comments), which a small snippet's few lines cannot weigh enough
    for the plain thresholds. A look-alike that inserts its own statements is not complete;
    one that swaps a word through its names is refused before (``_derived``); and a short
    body under a new function name (``RENAMED_NAME_MIN_CODE``) is what a sibling is: the
    same few lines written for another case (``_concatValue`` -> ``_appendValue``)."""
    code_s = [j for j, k in enumerate(s.keys) if k.weight > 0 and not k.text_only]
    head = _signature_line(s)
    name = _defined_name(s.keys[head]) if head >= 0 else None
    if len(code_s) < (RENAMED_NAME_MIN_CODE if name is None or name in renames
                      else RENAMED_COMPLETE_MIN_CODE):
        return False
    got = {j for j, how in lines.values() if how != _EDIT}
    if not got.issuperset(code_s):
        return False
    return not any(i not in lines and a.keys[i].weight > 0 and not a.keys[i].text_only
                   for i in range(chain[0].i, chain[-1].i + chain[-1].span))


COMPLETE_EDIT = True  # ``_complete_edit``: a function kept whole, worked on in one place
COMPLETE_MAX_INSERTED = 2  # code lines of the person's own beside the one line they edited


def _complete_edit(a: _Text, s: _Text, lines: Mapping[int, tuple[int, int]],
                   inserted: Sequence[int]) -> bool:
    """Every code line of the snippet is in the segment, unchanged but one edited (none
    dropped), under the snippet's signature unchanged (declaring a name: the same function),
    and the commit's own code lines (``inserted``, one to ``COMPLETE_MAX_INSERTED``) sit next
    to that edited line, blank lines aside: a person kept the suggestion whole and worked on
    it in one place (a condition added beside the one they edited, an edited call continued
    on new lines, a block opened below an edited declaration). Those lines are not counted
    as damage (``_accept``), and stay human with the edited one (which of them is the
    model's line, edited, nothing tells); the kept lines are AI origin. A look-alike
    written for another case differs in several places (two lines edited and others
    inserted: the same function of another dialect or of the async twin), in its signature
    (a sibling's name) or leaves lines of the snippet out; a docstring's opening line is no
    edited code (its words are not names)."""
    head = _signature_line(s)
    if (head < 0 or _defined_name(s.keys[head]) is None
            or not 0 < len(inserted) <= COMPLETE_MAX_INSERTED):
        return False
    got = {j: how for j, how in lines.values()}
    if got.get(head) not in (_EXACT, _FORMAT, _CODE):
        return False
    if not all(j in got for j, k in enumerate(s.keys) if k.weight > 0 and not k.text_only):
        return False
    edited = [i for i, (j, how) in lines.items() if how == _EDIT]
    if len(edited) != 1 or not s.keys[lines[edited[0]][0]].idents:
        return False
    # the edited line and the inserted ones, one block of the commit (blank lines aside)
    block = sorted([*edited, *inserted])
    return all(_next_line(a, x + 1, 1) == y for x, y in zip(block, block[1:], strict=False))


REWRAP_MAX_LINES = 8  # commit lines one edited snippet line may be re-wrapped over
REWRAP_RATIO = 50  # ... whose piece most like it, this like it, is the line edited


def _rewrapped_rows(a: _Text, s: _Text, lines: Mapping[int, tuple[int, int]], i: int,
                    j: int) -> list[int]:
    """The commit lines other than edited line ``i`` that, joined with it in file order, are
    snippet line ``j`` with tokens added only (``_added_only``, at most as many as it had): a
    call re-wrapped one argument a line with an argument added (``f("a", "b"):`` ->
    ``f(`` / ``"a",`` / ``"b",`` / ``around="x",`` / ``):``), one touch rather than lines
    inserted. Consecutive code lines no other snippet line explains, the group ending where
    its brackets close; [] when there is none."""
    ks = s.keys[j]
    if ks.text_only or not ks.code_text:
        return []
    n_ts = len(_code_tokens(ks.code_text))
    n_a = len(a.keys)

    def free(m: int) -> bool:
        return (0 <= m < n_a and m not in lines and bool(a.keys[m].norm)
                and not a.keys[m].text_only)

    lo = i
    while lo > i - REWRAP_MAX_LINES + 1 and free(lo - 1):
        lo -= 1
    for start in range(lo, i + 1):
        toks: list[str] = []
        depth = 0  # brackets open, outside string literals
        for end in range(start, start + REWRAP_MAX_LINES):
            if end != i and not free(end):
                break
            toks.extend(_line_tokens(a.keys[end].code_text))
            depth += _depth(a.keys[end].code_text)
            if len(toks) > 2 * n_ts:
                break  # more added than a touch
            if end < max(i, start + 1):
                continue
            if depth != (1 if toks[-1] == "{" else 0):
                continue  # a statement re-wrapped ends where its brackets close
            if _added_only(" ".join(toks), ks.code_text):
                return [m for m in range(start, end + 1) if m != i]
            break  # balanced but not this line touched: a statement of its own
    return []


@lru_cache(maxsize=8192)
def _line_tokens(code: str) -> tuple[str, ...]:
    """``_code_tokens`` of one line, cached: a gap's lines are read for every snippet."""
    return tuple(_code_tokens(code))


RARE_FRAGMENT = True  # ``_rare_fragment``: a short verbatim fragment of rare lines
RARE_MAX_DF = 2  # indexed snippets a line's hash may be in to be rare (an answer given twice)
RARE_MIN_WEIGHT = 1.0  # summed weight of the fragment's rare code lines (one long line or more)
RARE_FACTOR = 0.6  # thresholds for such a fragment
RARE_MAX_DROPPED = 1  # snippet code lines a fragment of two rare code lines or more may skip
RARE_FREE_ITEMS = True  # a fragment may also skip the items of a list wrapped one a line


def _verbatim_runs(a: _Text, s: _Text, chain: list[_Pair]) -> list[list[_Pair]]:
    """The chain's runs of verbatim (or reformatted) pairs in step: between two of them, the
    same lines on both sides (common lines that never pair on their own: a docstring's
    quotes, ``}``)."""
    out: list[list[_Pair]] = []
    prev: _Pair | None = None
    for p in chain:
        if p.kind not in (_EXACT, _FORMAT) or p.span != 1:
            prev = None
            continue
        if prev is None or not _same_between(a, s, prev, p, RARE_MAX_DROPPED,
                                             items=RARE_FREE_ITEMS):
            out.append([])
        out[-1].append(p)
        prev = p
    return out


def _same_between(a: _Text, s: _Text, p: _Pair, q: _Pair, skip: int = 0, *,
                  items: bool = False) -> bool:
    """The non-blank lines between pairs ``p`` and ``q`` are the same on both sides, but for
    up to ``skip`` snippet lines the commit leaves out (lines a person deleted from the part
    they kept) and, with ``items``, any items of a list wrapped one a line (``_list_item``:
    parameters a person left out of a signature they kept)."""
    ia, js = _next_line(a, p.i + 1, 1), _next_line(s, p.j + 1, 1)
    while js < q.j and ia <= q.i:
        if ia < q.i and a.keys[ia].norm == s.keys[js].norm:
            ia, js = _next_line(a, ia + 1, 1), _next_line(s, js + 1, 1)
            continue
        free = items and _list_item(s.keys[js])
        if not (skip or free):
            return False
        skip -= 0 if free else 1
        js = _next_line(s, js + 1, 1)
    return ia == q.i and js == q.j


def _list_item(k: LineKeys) -> bool:
    """An item of a list wrapped one a line (a parameter of a signature, an argument of a
    call): any sibling's, it neither makes a fragment rare nor, left out, breaks it."""
    return k.code.endswith(",") and not k.text_only


def _rare_fragment(a: _Text, s: _Text, lines: Mapping[int, tuple[int, int]],
                   rare: Collection[int], chain: list[_Pair]) -> bool:
    """A part of a suggestion kept as it was (a few of its statements copied from a chat
    answer, a completion accepted in part) is too short to reach the segment thresholds, yet
    lines that no other suggestion holds are evidence a boilerplate line is not: the
    fragment counts with thresholds ``RARE_FACTOR`` times lower when every code line of it is
    verbatim (whitespace and quotes aside), in step with the snippet with no code line
    inserted between and none dropped -- but ``RARE_MAX_DROPPED`` when two code lines of it
    or more are rare (a line deleted from the part kept) -- (``_verbatim_runs``), every line
    of it that has a line hash
    is rare (held by at most ``RARE_MAX_DF`` indexed snippets: ``_candidates``), one at least,
    and its rare lines and kept comment or docstring lines weigh ``RARE_MIN_WEIGHT`` or more;
    and it is a paragraph of its own. A fragment of an idiom (``for k, v in d.items():``,
    ``if err != nil {``) is held by many suggestions and is not rare."""
    first, last = chain[0], chain[-1]
    got_s = {j for j, _how in lines.values()}
    weight = 0.0
    n_rare = 0  # rare code lines (a parameter list's items aside)
    for i in range(first.i, last.i + last.span):
        ka = a.keys[i]
        if ka.text_only and lines.get(i, (-1, -1))[1] in (_EXACT, _FORMAT):
            weight += ka.weight  # a comment or docstring line kept (prose: at most 0.5)
        if not ka.norm or ka.text_only:
            continue
        if i not in lines or lines[i][1] not in (_EXACT, _FORMAT):
            return False  # a line inserted, or one touched
        if line_hash(ka) is not None:
            if i not in rare:
                return False  # a line many suggestions hold
            if not _list_item(ka):
                weight += ka.weight
                n_rare += 1
    dropped = sum(1 for j in range(first.j, last.j + 1)
                  if j not in got_s and s.keys[j].norm and not s.keys[j].text_only
                  and not (RARE_FREE_ITEMS and _list_item(s.keys[j])))
    if dropped > (RARE_MAX_DROPPED if n_rare >= 2 else 0):
        return False  # snippet lines dropped between (one, between two rare lines or more)
    # a paragraph of its own: past its ends (and the braces and other common lines there)
    # a blank line or the file's edge; shared lines inside another function's body, with
    # its own code right above or below them, are a sibling's
    for i, step in ((first.i - 1, -1), (last.i + last.span, 1)):
        while 0 <= i < len(a.keys) and a.keys[i].norm and a.keys[i].weight <= 0:
            i += step
        if 0 <= i < len(a.keys) and a.keys[i].norm:
            return False
    return n_rare > 0 and weight >= RARE_MIN_WEIGHT


_CONTAINER = re.compile(r"\b(?:class|interface|struct|enum|trait|impl|namespace)\b")


def _prologue(a: _Text, s: _Text, lines: Mapping[int, tuple[int, int]]) -> bool:
    """The segment is the snippet's opening -- its signature and the first lines under it,
    less than ``PROLOGUE_SHARE`` of its code -- and the commit's function goes on past the
    segment with more code lines of its own than the segment holds (``PROLOGUE_MIN_OWN`` at
    least): another function that opens as the suggestion does (an ASGI ``__call__``'s
    scope check, a lock taken and a ``try``, a constructor's parameter list) and then does
    its own work, not a part of the suggestion pasted (which ends where the commit's
    function ends, or with the paragraph) nor the suggestion with lines dropped."""
    head = _signature_line(s)
    code_s = sum(1 for k in s.keys if k.weight > 0 and not k.text_only)
    got = {j for j, _how in lines.values() if s.keys[j].weight > 0 and not s.keys[j].text_only}
    if head < 0 or head not in got or len(got) >= PROLOGUE_SHARE * code_s:
        return False
    if _defined_name(s.keys[head]) is None or _CONTAINER.search(s.keys[head].code_text):
        return False  # a class's opening kept, the person's own methods under it
    i_head = next(i for i, (j, _how) in lines.items() if j == head)
    floor = a.indents[i_head]
    own = stub = 0
    for i in range(max(lines) + 1, len(a.keys)):
        k = a.keys[i]
        if not k.norm:
            continue
        if a.indents[i] <= floor:
            break  # the function ends (its closing brace, or the next definition)
        stub += 1
        if k.weight > 0 and not k.text_only:
            own += 1
    if own >= max(PROLOGUE_MIN_OWN, len(got)):
        return True
    # the snippet's signature alone, over a body of the person's own that ends the function
    # (``pass``, ``...``, a ``raise``): another declaration of the name -- an abstract method,
    # an interface's, a stub -- not the suggestion, whose body is not there
    sig_end = _signature_end(s, head)
    body = any(k.weight > 0 and not k.text_only for k in s.keys[sig_end + 1:])
    return SIGNATURE_ONLY_CHECK and body and stub > 0 and all(j <= sig_end for j in got)


def _rewritten_end(a: _Text, s: _Text, lines: Mapping[int, tuple[int, int]]) -> bool:
    """Right after the segment's last line, in the same paragraph, the commit goes on with a
    code line of its own where the snippet goes on with another: with a new name on the
    signature too, a sibling written for another case (``set`` -> ``get``, its last statement
    rewritten), not a suggestion renamed by hand, which keeps the body to its end."""
    last = max(lines)
    i2, j2 = last + 1, _next_line(s, lines[last][0] + 1, 1)
    if not (i2 < len(a.keys) and j2 < len(s.keys)):
        return False
    ka, ks = a.keys[i2], s.keys[j2]
    return (ka.weight > 0 and ks.weight > 0 and not ka.text_only and not ks.text_only
            and ka.code != ks.code)


def _kept_head(a: _Text, s: _Text, lines: Mapping[int, tuple[int, int]]) -> bool:
    """The segment holds the snippet's signature unchanged and ``REFACTOR_MIN_CODE`` or more
    of its code lines unchanged: names renamed on several lines and lines edited there are
    a refactor of the same function (``node.left.s`` -> ``node.left.value`` and a condition
    split over lines), not a sibling written for another case, which has a signature of its
    own (``WriteString(s)`` -> ``Write(p)``)."""
    head = _signature_line(s)
    kept = sum(1 for j, how in lines.values() if how in (_EXACT, _FORMAT, _CODE)
               and s.keys[j].weight > 0 and not s.keys[j].text_only)
    return kept >= REFACTOR_MIN_CODE and any(j == head and how in (_EXACT, _FORMAT)
                                             for j, how in lines.values())


_DEFINES = re.compile(r"([A-Za-z_$][\w$]*)\s*(?:<[^()]*>\s*)?\(")


_ASSIGNS_FUNCTION = re.compile(
    r"^(?:(?:export\s+)?(?:const|let|var)\s+)?(?:[A-Za-z_$][\w$]*\s*\.\s*)*"
    r"([A-Za-z_$][\w$]*)(?:\s*:[^=]*)?\s*=\s*(?:async\s+)?"
    r"(?:function\b|(?:<[^()]*>\s*)?\((?:.*\)[^()]*=>.*|\s*)$)")


def _defined_name(keys: LineKeys) -> str | None:
    """The name a signature line declares: its first name (not a reserved word) followed by
    a parameter list (``def name(``, ``func (r *T) Name(``, ``static <T> List<T> name(``),
    or the name a function expression is assigned to (``Model.save = async function(``,
    ``const save = (doc) =>``: the same name whether the function itself is named or not)."""
    m = _ASSIGNS_FUNCTION.match(keys.norm)
    if m and m.group(1) in keys.idents:
        return m.group(1)
    for m in _DEFINES.finditer(keys.code_text):
        if m.group(1) in keys.idents:
            return m.group(1)
    return None


def _signature_end(t: _Text, i: int) -> int:
    """The last line of the signature that starts on line ``i``: where its brackets close
    (at most ``HEAD_LOOKBACK`` lines on)."""
    depth = 0
    for n in range(i, min(len(t.keys), i + HEAD_LOOKBACK)):
        depth += sum(1 for ch in t.keys[n].code if ch in "([{") - sum(
            1 for ch in t.keys[n].code if ch in ")]}")
        if depth <= 0 or t.keys[n].code.endswith("{"):
            return n
    return i


def _edited_signature(a: _Text, s: _Text, lines: Mapping[int, tuple[int, int]],
                      blocked: Collection[int], taken: Collection[int],
                      widened: bool = False) -> dict[int, tuple[int, int]] | None:
    """The snippet's signature as a person edited it, right above the segment: the segment
    starts with the snippet's body (only weak or prose lines between it and the snippet's
    signature) and the commit's lines right above it are a signature declaring the *same
    name* (a parameter added or dropped, a return type changed, re-wrapped over several
    lines). None when it is not (a sibling declares a name of its own: ``_own_head`` and
    ``_diverges`` look for those). Else the lines it adds to the segment: the signature's
    first line as an edit when it is still like the snippet's (``SIGNATURE_RATIO``), its other
    lines equal to one of the snippet's signature lines as they are.

    The real edits a person makes after accepting a function change its signature most
    often (an API grows a parameter); the body the model wrote stays the model's.

    ``widened``: only a signature the person added to (every token of the snippet's kept in
    order, ``_added_only``) counts: what a short body needs (an overload or a sibling for
    another type replaces a type, ``foo(int x)`` -> ``foo(long x)``)."""
    head = _signature_line(s)
    if head < 0 or not lines:
        return None
    i0 = min(lines)
    j0 = lines[i0][0]
    name = _defined_name(s.keys[head])
    if name is None or j0 <= head or any(j == head for j, _ in lines.values()):
        return None
    end_s = _signature_end(s, head)
    # the snippet's docstring (under its signature) and the commit's (above the segment) are
    # prose a person rewrites freely, blank lines and all: looked past on both sides
    doc_s = _docstring_at(s, _next_line(s, end_s + 1, 1), 1)
    # the body's first lines the person edited (under the signature they edited too) are
    # looked past, up to ``SIGNATURE_BODY_EDITS``: each must have its edit above the segment
    skipped = [j for j in range(end_s + 1, j0) if s.keys[j].weight > 0
               and not s.keys[j].text_only and j not in doc_s]
    if len(skipped) > (0 if widened else SIGNATURE_BODY_EDITS):
        return None  # the segment starts further into the body: more than the signature
    inside = j0 <= end_s  # the segment holds the signature's last lines (a first one edited)
    end_s = min(end_s, j0 - 1)
    doc_a = _docstring_at(a, _next_line(a, i0 - 1, -1), -1) if not inside else range(0)
    if doc_a and not (doc_a.start > 0 and a.keys[doc_a.start - 1].norm.endswith(":")):
        doc_a = range(0)  # not right under a (Python) signature: no docstring of it
    i = doc_a.start - 1 if doc_a else i0 - 1
    for _ in range(HEAD_LOOKBACK):
        if i < 0 or not a.keys[i].norm:
            return None  # the paragraph (the commit's function) starts here
        if _defined_name(a.keys[i]) == name:
            break
        i -= 1
    else:
        return None
    end_a = _signature_end(a, i)
    if (i0 <= end_a) != inside:
        return None  # the segment starts inside one signature only
    own = [n for n in range(end_a + 1, i0) if a.keys[n].weight > 0
           and not a.keys[n].text_only and n not in doc_a]
    edited: dict[int, tuple[int, int]] = {}
    for j in skipped:  # each skipped snippet line edited, in order, among the commit's
        n = next((n for n in own if n > max(edited, default=-1)
                  and _edited(a.keys[n], s.keys[j])), None)
        if n is None:
            return None  # a first body line rewritten, not edited: another function's
        edited[n] = (j, _EDIT)
    if len(own) - len(edited) > (SIGNATURE_BODY_INSERTS if skipped else 0):
        return None  # code of the commit's own between the signature and the body
    end_a = min(end_a, i0 - 1)  # a signature's lines the segment holds are its own
    if any(n in blocked or n in taken for n in range(i, end_a + 1)):
        return None
    if widened and not _added_only(" ".join(a.keys[n].code_text for n in range(i, end_a + 1)),
                                   " ".join(s.keys[j].code_text for j in range(head, end_s + 1))):
        return None
    out: dict[int, tuple[int, int]] = {}
    if _ratio(a.keys[i].code_text, s.keys[head].code_text) >= SIGNATURE_RATIO:
        out[i] = (head, _EDIT)
    rest = list(range(head + 1, end_s + 1))
    for n in range(i + 1, end_a + 1):
        same = next((j for j in rest if s.keys[j].norm and a.keys[n].norm == s.keys[j].norm),
                    None)
        if same is not None and a.keys[n].weight > 0:
            out[n] = (same, _EXACT)
            rest = rest[rest.index(same) + 1:]
    out.update(edited)
    return out


_TRIPLE_QUOTE = re.compile(r'"""|\'\'\'')
DOCSTRING_MAX_LINES = 40  # a docstring longer than this is not looked past


def _docstring_at(t: _Text, n: int, step: int) -> range:
    """The lines of a triple-quoted docstring whose first line (``step`` 1) or last line
    (``step`` -1) is line ``n``, blank lines inside included; empty when line ``n`` does not
    open (close) one. Lines are lexed one by one (``provenance.lines``), so a docstring's
    lines are code there and its blank lines would end a paragraph."""
    if not 0 <= n < len(t.keys):
        return range(0)
    norm = t.keys[n].norm
    quotes = _TRIPLE_QUOTE.findall(norm)
    if not quotes or (norm[:3] not in ('"""', "'''") if step > 0
                      else not norm.endswith(('"""', "'''"))):
        return range(0)
    if len(quotes) >= 2:
        return range(n, n + 1)  # opened and closed on one line
    m = n + step
    while 0 <= m < len(t.keys) and abs(m - n) <= DOCSTRING_MAX_LINES:
        if _TRIPLE_QUOTE.search(t.keys[m].norm):
            return range(min(n, m), max(n, m) + 1)
        m += step
    return range(0)


def _own_head(a: _Text, s: _Text, lines: Mapping[int, tuple[int, int]]) -> bool:
    """The segment does not hold the snippet's signature, and a line just above it in the
    commit is that signature rewritten (similar, not the same code): the commit's function
    has its own signature above the shared body -- a sibling (``isBefore`` for ``isAfter``,
    ``locabs`` for ``abs``), not a suggestion a person touched, which keeps its first line."""
    head = _signature_line(s)
    if head < 0 or any(j == head for j, _ in lines.values()):
        return False
    ks = s.keys[head]
    # a signature wrapped over lines (its parameters one a line) is compared whole
    whole_s = _joined(s, head, _signature_end(s, head))
    i = min(lines)
    for _ in range(HEAD_LOOKBACK):
        i -= 1
        if i < 0 or not a.keys[i].norm:
            return False  # the paragraph (the commit's function) starts here
        ka = a.keys[i]
        if ka.weight <= 0 or ka.text_only:
            continue
        if ka.code != ks.code and _ratio(ka.code_text, ks.code_text) >= HEAD_RATIO:
            return True
        if (WRAPPED_HEAD_CHECK and whole_s != ks.code_text and ka.code != ks.code
                and _ratio(_joined(a, i, min(_signature_end(a, i), min(lines) - 1)),
                           whole_s) >= HEAD_RATIO):
            return True
    return False


def _joined(t: _Text, i: int, j: int) -> str:
    """The code of lines ``i``..``j`` as one line (a wrapped signature)."""
    return " ".join(t.keys[n].code_text for n in range(i, j + 1) if t.keys[n].code_text)


def _embedded(a: _Text, s: _Text, lines: Mapping[int, tuple[int, int]]) -> bool:
    """The segment starts inside its snippet (without its signature) right under a code line
    of the commit's own, in one paragraph: a few shared lines in the middle of another
    function (``synchronized (lock) {`` / ``Object[] es = getArray();``), not a part of the
    suggestion pasted as a block, which starts after a blank line or at its own first line.
    Lines of punctuation only right above it (``*,`` in a parameter list, a ``{`` or ``):``
    on a line of its own) are looked past, as ``_rare_fragment`` looks past them: the
    commit's own code above them is the same function (``timeout``, ``source_address``
    under ``port: int = 0,`` and ``*,``: another function's parameters)."""
    head = _signature_line(s)
    if head < 0 or any(j == head for j, _ in lines.values()):
        return False
    i = min(lines) - 1
    while i >= 0 and a.keys[i].norm and not _WORD.search(a.keys[i].norm):
        i -= 1
    if i < 0:
        return False
    ka = a.keys[i]
    return not ka.text_only and bool(_WORD.search(ka.norm))


def _inner_tail(a: _Text, s: _Text, lines: Mapping[int, tuple[int, int]]) -> bool:
    """The segment, without the snippet's signature, runs to the snippet's last code line,
    and the commit's block goes on past it: past blank lines, a code line of the commit's
    own as indented as the segment's first line, and above it (past blank lines) code as
    indented or deeper. The suggestion's function is over and the commit's is not: its
    shared tail (``if self._closed: raise ClosedResourceError``) set as one paragraph in the
    middle of another function, a sibling's body (``_embedded`` looks at a segment right
    under a line of the function; this one past a blank line). A part of the suggestion
    pasted between two functions, or kept where the person's function ends, has no code of
    the block below it."""
    # (the commit's lines around the segment first: most segments end where code does not
    # go on below them, and this runs for every short segment of every candidate)
    i0 = min(lines)
    above, below = _next_line(a, i0 - 1, -1), _next_line(a, max(lines) + 1, 1)
    if above < 0 or below >= len(a.keys):
        return False
    ka, kb = a.keys[above], a.keys[below]
    if not (kb.weight > 0 and not kb.text_only and a.indents[below] == a.indents[i0]
            and ka.weight > 0 and not ka.text_only and a.indents[above] >= a.indents[i0]):
        return False
    head = _signature_line(s)
    if head < 0 or any(j == head for j, _ in lines.values()):
        return False
    last = max(j for j, k in enumerate(s.keys) if k.weight > 0 and not k.text_only)
    return any(j == last for j, _ in lines.values())


def _edge_edits(a: _Text, s: _Text, lines: dict[int, tuple[int, int]],
                blocked: Collection[int], taken: set[int]) -> None:
    """A touched line just past either end of an accepted segment (``_token_edit``: one
    token changed, a literal, an operator or a name), with the weak lines beyond it (``}``), is
    the snippet's too: edits inside a segment sit in its gaps, but a person touches the last
    ``return`` as often as any other line. The signature counts only with a literal or an
    operator changed (another name there is a sibling's, ``_diverges``). Past the end, a
    variable extracted from the snippet's next line, and that line using it, join too; so
    does the snippet's last statement touched token by token (``_last_touch``), or kept
    with a few lines above it dropped where the commit's function ends (``_kept_tail``)."""
    head = _signature_line(s)
    for step in (-1, 1):
        i0 = min(lines) if step < 0 else max(lines)
        j0 = lines[i0][0]
        i, j = _next_line(a, i0 + step, step), _next_line(s, j0 + step, step)
        if not (0 <= i < len(a.keys) and 0 <= j < len(s.keys)):
            continue
        if i in blocked or i in taken or i in lines or any(v[0] == j for v in lines.values()):
            continue
        ka, ks = a.keys[i], s.keys[j]
        i2 = _next_line(a, i + 1, 1)
        if step > 0 and i2 < len(a.keys) and i2 not in blocked and i2 not in taken and (
                _extracted(ka, a.keys[i2], ks)):
            lines[i] = lines[i2] = (j, _EDIT)  # a variable extracted from the next line
            i = i2
        elif step > 0 and (jl := _kept_tail(a, s, i0, j0, i)) >= 0:
            lines[i] = (jl, _EXACT)  # the snippet's last lines dropped but its final statement
            for ei, ej in _extend(a, s, i, jl, step, blocked, taken):
                if ei not in lines:
                    lines[ei] = (ej, _EXACT if a.keys[ei].norm == s.keys[ej].norm else _CODE)
            continue
        elif ka.weight <= 0 or ks.weight <= 0:
            continue
        elif (_token_edit(ka, ks) not in (0, 1) and not _kept_touch(ka, ks)
              and not (step > 0 and _last_statement(s, j)
                       and _last_touch(ka, ks))) or (
                j == head and not _literal_edit(ka, ks)):
            continue
        if LOOKALIKE_CHECK and _rewritten_next(a, s, i, j, step):
            continue
        lines[i] = (j, _EDIT)
        for ei, ej in _extend(a, s, i, j, step, blocked, taken):
            if ei not in lines:
                lines[ei] = (ej, _EXACT if a.keys[ei].norm == s.keys[ej].norm else _CODE)


def _kept_tail(a: _Text, s: _Text, i0: int, j0: int, i: int) -> int:
    """The snippet line that the commit's line ``i``, right past a segment's end (commit
    line ``i0``, snippet line ``j0``), keeps: the snippet's final statement (its last line
    of code past the braces, ``return True``) word for word, at the same depth below the
    segment's end, with at most ``TAIL_DROPPED`` code lines between them dropped, and the
    commit's function ending right after it (its next line less indented, only closing
    brackets, or none): a person deleted a check above the model's last line, not wrote a
    function of their own after it. -1 when not."""
    jl = next((k for k in range(len(s.keys) - 1, j0, -1) if s.keys[k].norm
               and not s.keys[k].text_only and _CODE_WORD.search(s.keys[k].code)), -1)
    if jl < 0 or a.keys[i].norm != s.keys[jl].norm:
        return -1
    between = sum(1 for k in range(j0 + 1, jl) if s.keys[k].norm and not s.keys[k].text_only)
    if not 0 < between <= TAIL_DROPPED:
        return -1
    if a.indents[i] - a.indents[i0] != s.indents[jl] - s.indents[j0]:
        return -1
    n = _next_line(a, i + 1, 1)
    if n < len(a.keys) and a.indents[n] >= a.indents[i] and _CODE_WORD.search(a.keys[n].code):
        return -1
    return jl


def _repeated_insertions(a: _Text, s: _Text, lines: Mapping[int, tuple[int, int]]) -> float:
    """What a segment's edited lines that repeat another's edit cost (``touched``): the same
    tokens added to the snippet's line (``_insertions``: a receiver, a wrapper call, an
    argument); each such touch after the first of its kind is already paid for."""
    costs: dict[tuple[tuple[str, ...], ...], list[float]] = {}
    for i, (j, how) in sorted(lines.items()):
        if how == _EDIT and (got := _insertions(a.keys[i].code_text, s.keys[j].code_text)):
            kept = _kept_touch(a.keys[i], s.keys[j])
            costs.setdefault(got, []).append(1.0 - TOUCH_DISCOUNT * kept)
    return sum(sum(c[1:]) for c in costs.values())


def _last_statement(s: _Text, j: int) -> bool:
    """Snippet line ``j`` is its last code line that weighs (only braces, ``end``s and the
    like below it): the function's final statement, its result."""
    return all(k.weight <= 0 or k.text_only for k in s.keys[j + 1:])


def _rewritten_next(a: _Text, s: _Text, i: int, j: int, step: int) -> bool:
    """The commit's line right after ``i`` (same paragraph) is the snippet's line after ``j``
    rewritten (similar code, not the same): past the touched line the commit goes on as a
    sibling of the snippet, so the touch is that sibling's own line."""
    i2, j2 = i + step, _next_line(s, j + step, step)
    if not (0 <= i2 < len(a.keys) and 0 <= j2 < len(s.keys)):
        return False
    ka, ks = a.keys[i2], s.keys[j2]
    if not ka.norm or ka.weight <= 0 or ks.weight <= 0 or ka.text_only or ks.text_only:
        return False
    return ka.code != ks.code and _ratio(ka.code_text, ks.code_text) >= DIVERGE_RATIO - 20


def _extracted(decl: LineKeys, use: LineKeys, ks: LineKeys) -> bool:
    """``decl`` assigns an expression of snippet line ``ks`` (``MIN_EXTRACTED_CHARS`` or
    longer) to a variable, and ``use`` is ``ks`` with the variable in its place (touched
    besides, or not)."""
    m = _ASSIGN.match(decl.norm)
    if m is None or use.text_only:
        return False
    expr = m.group(1)
    value = squash(expr)
    target = _WORD.findall(decl.norm[:m.start(1)])
    return (len(value) >= MIN_EXTRACTED_CHARS and value in ks.squash
            and all(value.count(o) == value.count(c) for o, c in ("()", "[]", "{}"))
            and bool(target) and target[-1] in use.idents and value not in use.squash
            and (squash(re.sub(rf"\b{re.escape(target[-1])}\b", lambda _: expr,
                               use.code_text)) == ks.code
                 or _ratio(use.code_text, ks.code_text) >= EDIT_RATIO))


def _token_edit(ka: LineKeys, ks: LineKeys) -> int | None:
    """Tokens changed between two code lines (0: same code), or None when more than
    ``TOKEN_EDIT_MAX`` changed or fewer than twice as many were kept: a person's touch on a
    line (a literal, an operator, an argument added, one name), not a line of its own."""
    if ka.text_only or ks.text_only or not ka.code_text or not ks.code_text:
        return None
    ta, ts = ka.code_text.split(), ks.code_text.split()
    if abs(len(ta) - len(ts)) > TOKEN_EDIT_MAX:
        return None
    from difflib import SequenceMatcher

    kept = sum(b.size for b in SequenceMatcher(None, ta, ts, autojunk=False).get_matching_blocks())
    changed = max(len(ta), len(ts)) - kept
    if changed > TOKEN_EDIT_MAX or kept < 2 * changed:
        return None
    return changed


_LITERAL_WORDS = frozenset({"true", "false", "True", "False", "None", "null", "nil",
                            "undefined"})


def _literal_edit(ka: LineKeys, ks: LineKeys) -> bool:
    """One token changed, and it is a literal or an operator on both sides (not a name)."""
    if _token_edit(ka, ks) != 1:
        return False
    from difflib import SequenceMatcher

    ta, ts = ka.code_text.split(), ks.code_text.split()
    for op, a0, a1, s0, s1 in SequenceMatcher(None, ta, ts, autojunk=False).get_opcodes():
        if op != "equal" and any(_WORD.fullmatch(t) and t not in _LITERAL_WORDS
                                 for t in (*ta[a0:a1], *ts[s0:s1])):
            return False
    return True


def _touched(ka: LineKeys, ks: LineKeys) -> bool:
    """A line of a small snippet a person touched (``_whole``): a token or two changed with
    most kept (``_token_edit``), or, on a short line (``return depth``), a touch that keeps
    the snippet's code (``_kept_touch``), or a long line grown in one place (``_grown``)."""
    return _token_edit(ka, ks) is not None or _kept_touch(ka, ks) or _grown(ka, ks)


GROWN_SHARE = 1 / 3  # tokens one insertion may add, per token of the line it grows (``_grown``)


def _grown(ka: LineKeys, ks: LineKeys) -> bool:
    """Committed line ``ka`` is snippet line ``ks`` grown in one place: every token of the
    snippet's line kept in order, one run of tokens inserted (``_insertions``: an operand
    added to a condition, ``is_src || is_srcset || ...``; an argument) of at most
    ``GROWN_SHARE`` of the line's own tokens, and more than qualified names
    (``_added_only``). What a touch may add scales with what the line holds: two tokens
    (``TOKEN_EDIT_MAX``) are most of ``return x``, a small part of a long condition the
    person kept whole. A line rewritten or a name swapped is not grown."""
    if ka.text_only or ks.text_only or not ka.code_text or not ks.code_text:
        return False
    runs = _insertions(ka.code_text, ks.code_text)
    if runs is None or len(runs) != 1 or not _added_only(ka.code_text, ks.code_text):
        return False
    return len(runs[0]) <= GROWN_SHARE * len(_code_tokens(ks.code_text))


def _kept_touch(ka: LineKeys, ks: LineKeys) -> bool:
    """A touch that keeps the snippet line's code (at most ``TOKEN_EDIT_MAX`` tokens): tokens
    inserted (an argument added), literals or operators changed, or a name *refined*
    (``_refined``: a word added, abbreviated or spelt out, the case style changed:
    ``timeout`` -> ``timeout_ms``, ``cfg`` -> ``config``, ``maxSize`` -> ``max_size``). A
    sibling delegating elsewhere swaps a name for an unrelated one (``out.close()`` ->
    ``fd.close()``, ``return size`` -> ``return count``); crediting such swaps as touches
    too gains no recall on the benchmark's dev split and raises its false AI (issue 17)."""
    if ka.text_only or ks.text_only or not ka.code_text or not ks.code_text:
        return False
    from difflib import SequenceMatcher

    ta, ts = ka.code_text.split(), ks.code_text.split()
    if abs(len(ta) - len(ts)) > TOKEN_EDIT_MAX:
        return False  # more tokens changed than a touch (a quick test before the diff)
    changed = 0
    for op, a0, a1, s0, s1 in SequenceMatcher(None, ta, ts, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        changed += max(a1 - a0, s1 - s0)
        if op == "delete":
            continue  # tokens only the commit has: the snippet's all kept
        names = [t for t in (*ta[a0:a1], *ts[s0:s1])
                 if _WORD.fullmatch(t) and t not in _LITERAL_WORDS]
        if not names:
            continue  # literals and operators
        if not (op == "replace" and a1 - a0 == 1 and s1 - s0 == 1 and _refined(ta[a0], ts[s0])):
            return False
    return 0 < changed <= TOKEN_EDIT_MAX


def _refined(new: str, old: str) -> bool:
    """The same name, refined: read as words (``_name_words``), one name's words are the
    other's with words added (``timeout`` -> ``timeout_ms``, ``rows`` -> ``visible_rows``),
    written in another case style (``maxSize`` -> ``max_size``) or with words abbreviated
    or spelt out (``cfg`` -> ``config``, ``buf`` -> ``buffer``, ``maxLen`` ->
    ``maxLength``), the shorter name at least ``MIN_REFINED_LETTERS`` letters. A name
    swapped for an unrelated one (``remoteAddress`` -> ``localAddress``, ``size`` ->
    ``count``) is not refined; nor is a word that merely contains the other (``count`` ->
    ``account``, ``out`` -> ``timeout``)."""
    if new == old:
        return False
    wn, wo = _name_words(new), _name_words(old)
    if min(sum(len(w) for w in wn), sum(len(w) for w in wo)) < MIN_REFINED_LETTERS:
        return False
    short, long_ = sorted((wn, wo), key=len)
    # every word of the shorter name met in order in the longer one, equal or as its
    # abbreviation; the longer one's other words are the ones added
    k = 0
    for w in short:
        while k < len(long_) and not (w == long_[k] or _abbreviates(w, long_[k])
                                      or _abbreviates(long_[k], w)):
            k += 1
        if k == len(long_):
            return False
        k += 1
    return True


def _refined_names(ka: LineKeys, ks: LineKeys) -> set[str]:
    """The snippet line's names that the committed line refines (``_refined``), one name
    replaced by one in place; empty unless the touch keeps the model's code (``_kept_touch``)."""
    if not _kept_touch(ka, ks):
        return set()
    from difflib import SequenceMatcher

    ta, ts = ka.code_text.split(), ks.code_text.split()
    return {ts[s0] for op, a0, a1, s0, s1 in SequenceMatcher(None, ta, ts, autojunk=False)
            .get_opcodes() if op == "replace" and a1 - a0 == 1 and s1 - s0 == 1
            and _WORD.fullmatch(ts[s0]) and _refined(ta[a0], ts[s0])}


_NAME_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def _name_words(name: str) -> tuple[str, ...]:
    """A name's words, lower case: split at ``_``, ``$``, case changes and digits
    (``parseHTTPResponse2`` -> parse, http, response, 2)."""
    return tuple(w.lower() for w in _NAME_WORD.findall(name))


def _abbreviates(short: str, word: str) -> bool:
    """``short`` is ``word`` abbreviated: shorter, same first letter, and its letters in
    ``word`` in order (``cfg`` config, ``buf`` buffer, ``idx`` index, ``len`` length)."""
    if len(short) < 2 or len(short) >= len(word) or short[0] != word[0] or short.isdigit():
        return False
    rest = iter(word[1:])
    return all(c in rest for c in short[1:])


def _same(ka: LineKeys, ks: LineKeys) -> int | None:
    """How a committed line repeats a snippet line unchanged (no renames), or None."""
    how = _explained(ka, ks, {})
    if how is None and ka.text_only and ks.text_only and min(len(ka.norm), len(ks.norm)) >= 8:
        if _ratio(ka.norm, ks.norm) >= COMMENT_RATIO:
            how = _CODE
    return how


def _whole(a: _Text, s: _Text, chain: list[_Pair], blocked: Collection[int],
           taken: set[int]) -> tuple[dict[int, tuple[int, int]], float,
                                     tuple[tuple[str, str], ...]] | None:
    """A small snippet taken whole, in place, with a touch or two (issue 17).

    A snippet of a few lines cannot reach the segment thresholds once a line of it is
    edited (three lines: a signature, one statement, a brace). It still counts when, walking
    from a verbatim line of the chain in both directions in step with the snippet, *every*
    non-blank snippet line is met: unchanged, or touched (``_touched``: at most
    ``TOKEN_EDIT_MAX`` tokens changed), or two statements swapped, or a variable extracted
    (its line inserted before the touched line that uses it), a comment line of the person's
    inserted between them (it stays human); at most ``WHOLE_MAX_EDITS``
    touched lines, at least three non-blank lines in the snippet, the snippet's first code line
    (its signature) unchanged, and the unchanged
    code lines name at least ``WHOLE_MIN_IDENTS`` identifiers (the words of a kept docstring or
    comment of ``MIN_PROSE_CHARS`` count too: they name the function's purpose; when the
    signature is all that
    is kept, each touched line keeps the model's code, ``_kept_touch``, or moved an expression
    of it into a variable). A sibling differs in its
    signature or in more than a token here and there; a person's own code shares no line
    order with the snippet from its first line to its last."""
    code_s = [j for j, k in enumerate(s.keys) if k.weight > 0 and not k.text_only]
    if not code_s or len(code_s) > WHOLE_MAX_CODE or sum(1 for k in s.keys if k.norm) < 3:
        return None  # two lines alone are any code's (an edit tool's are taken in _accept)
    start = next((p for p in chain if p.span == 1 and p.kind in (_EXACT, _FORMAT, _CODE)), None)
    if start is None:
        return None
    lines: dict[int, tuple[int, int]] = {start.i: (start.j, start.kind)}
    edits = 0
    extracted: set[int] = set()  # lines of an extracted variable and the line using it

    def bad(i: int) -> bool:
        return not (0 <= i < len(a.keys)) or i in blocked or i in taken or i in lines

    # backwards from the start: lines must repeat, or be touched, one for one
    i, j = _next_line(a, start.i - 1, -1), _next_line(s, start.j - 1, -1)
    while j >= 0:
        if bad(i):
            return None
        how = _same(a.keys[i], s.keys[j])
        if how is None and a.keys[i].text_only and not s.keys[j].text_only:
            i = _next_line(a, i - 1, -1)  # a comment of the person's, inserted: stays human
            continue
        if how is None:
            if not _touched(a.keys[i], s.keys[j]):
                return None
            how = _EDIT
            edits += 1
        lines[i] = (j, how)
        i, j = _next_line(a, i - 1, -1), _next_line(s, j - 1, -1)
    # forwards: also two statements swapped, and a variable extracted from a touched line
    i, j = _next_line(a, start.i + 1, 1), _next_line(s, start.j + 1, 1)
    n_s = len(s.keys)
    while j < n_s:
        if bad(i):
            return None
        ka, ks = a.keys[i], s.keys[j]
        how = _same(ka, ks)
        if how is not None:
            lines[i] = (j, how)
            i, j = _next_line(a, i + 1, 1), _next_line(s, j + 1, 1)
            continue
        if ka.text_only and not ks.text_only:
            i = _next_line(a, i + 1, 1)  # a comment of the person's, inserted: stays human
            continue
        i2, j2 = _next_line(a, i + 1, 1), _next_line(s, j + 1, 1)
        if j2 < n_s and not bad(i2) and ka.weight > 0 and a.keys[i2].weight > 0 and (
                _same(ka, s.keys[j2]) is not None and _same(a.keys[i2], ks) is not None):
            lines[i], lines[i2] = (j2, _CODE), (j, _CODE)  # swapped
            i, j = _next_line(a, i2 + 1, 1), _next_line(s, j2 + 1, 1)
            continue
        m = _ASSIGN.match(ka.norm)
        value = squash(m.group(1)) if m else ""
        if (len(value) >= MIN_EXTRACTED_CHARS and value in ks.squash and not bad(i2)
                and _ratio(a.keys[i2].code_text, ks.code_text) >= EDIT_RATIO):
            lines[i], lines[i2] = (j, _EDIT), (j, _EDIT)  # extracted, and the line using it
            extracted.update((i, i2))
            edits += 2
            i, j = _next_line(a, i2 + 1, 1), _next_line(s, j + 1, 1)
            continue
        if not _touched(ka, ks):
            return None
        lines[i] = (j, _EDIT)
        edits += 1
        i, j = i2, j2
    if edits > WHOLE_MAX_EDITS:
        return None
    kept = [j for j, how in lines.values() if how != _EDIT and s.keys[j].weight > 0
            and not s.keys[j].text_only]
    head = next((j for j in code_s if not s.keys[j].norm.startswith("@")), code_s[0])
    if head not in kept:  # the signature (annotations and decorators are not one)
        return None
    if len(kept) == 1 and not all(i in extracted or _kept_touch(a.keys[i], s.keys[j])
                                  or _grown(a.keys[i], s.keys[j])
                                  for i, (j, how) in lines.items() if how == _EDIT):
        # the signature alone kept: a body line with another name in it (``out.close()``
        # -> ``fd.close()``) is a sibling delegating elsewhere; a changed literal or
        # operator, an argument added, a name refined or an expression moved into a
        # variable keeps the model's code
        return None
    idents = {x for j in kept for x in s.keys[j].idents}
    # so do the names a touch kept (``return isPresent ? value : other`` with one refined)
    idents.update(x for i, (j, how) in lines.items() if how == _EDIT
                  and (_kept_touch(a.keys[i], s.keys[j]) or _grown(a.keys[i], s.keys[j]))
                  for x in set(s.keys[j].idents) & set(a.keys[i].idents))
    # and the names a touch refined (``return pool`` -> ``return pool_size``): still the model's
    idents.update(x for i, (j, how) in lines.items() if how == _EDIT
                  for x in _refined_names(a.keys[i], s.keys[j]))
    # a kept line of prose (a docstring, a comment) names the function's purpose as well
    idents.update(x for j, how in lines.values() if how in (_EXACT, _FORMAT)
                  and not s.keys[j].idents and len(s.keys[j].norm) >= MIN_PROSE_CHARS
                  for x in s.keys[j].words)
    if len(idents) < WHOLE_MIN_IDENTS:
        return None
    return lines, WHOLE_STRENGTH, ()


# --- small snippets a person edited (issue 17, real edits) ---------------------------------

SMALL_EDIT = True  # ``_small_edited``: a small snippet whose lines a person edited in place
SMALL_MAX_SPLIT = 5  # commit lines one snippet line may be re-wrapped over (a call split)
SMALL_MIN_TOKENS = 3  # tokens a snippet line keeps for an insertion or a deletion to count
_TOKEN = re.compile(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`|\d[\w.]*"
                    r"|[A-Za-z_$][\w$]*|===|!==|==|!=|<=|>=|=>|->|::|&&|\|\||\S")


def _code_tokens(code: str) -> list[str]:
    """A code line's tokens (strings, numbers, names, operators): the units a touch changes,
    whatever the spacing (``f(a,b)`` and ``f(a, b)`` are the same six tokens)."""
    return _TOKEN.findall(code)


def _insertions(code_a: str, code_s: str) -> tuple[tuple[str, ...], ...] | None:
    """The runs of tokens ``code_a`` adds to ``code_s`` when it only adds: every token of
    ``code_s`` kept, in order (a subsequence, matched leftmost), and one or more added; else
    None. The runs name the touch (``process.stdout.`` before ``write(``, ``, strict=True``
    before ``)``): the same runs on several lines are one change (``_repeated_insertions``)."""
    ta, ts = _code_tokens(code_a), _code_tokens(code_s)
    if len(ta) <= len(ts):
        return None
    runs: list[tuple[str, ...]] = []
    run: list[str] = []
    k = 0
    for tok in ta:
        if k < len(ts) and tok == ts[k]:
            k += 1
            if run:
                runs.append(tuple(run))
                run = []
        else:
            run.append(tok)
    if k < len(ts):
        return None  # a token of the snippet's line replaced or dropped
    if run:
        runs.append(tuple(run))
    return tuple(runs)


def _added_only(code_a: str, code_s: str) -> bool:
    """``code_a`` is ``code_s`` with tokens added only (``_insertions``), and something added
    beyond names qualified (``BinaryIO`` -> ``t.BinaryIO`` is another module's import style:
    the same code vendored elsewhere)."""
    runs = _insertions(code_a, code_s)
    # qualified only: each token added is a ``.`` or right before one (``t.``, ``a.b.``)
    return runs is not None and not all(
        t == "." or run[n + 1:n + 2] == (".",) for run in runs for n, t in enumerate(run))


@lru_cache(maxsize=8192)
def _depth(code: str) -> int:
    """Brackets a code line opens less those it closes, outside string literals
    (``'\\u001b['`` opens nothing): where a statement re-wrapped over lines ends."""
    toks = _line_tokens(code)
    return sum(t in "([{" for t in toks) - sum(t in ")]}" for t in toks)


def _fine_touch(code_a: str, code_s: str) -> bool:
    """``code_a`` is snippet line ``code_s`` touched, read token by token (not word by word,
    so ``lru(100)`` -> ``new Fifo(100)`` is two tokens, not the whole call): every token of
    the snippet line kept in order with tokens added (an argument, a receiver such as
    ``process.stdout.``, a condition's second half: at most as many as it had), or tokens
    only dropped (an argument removed, at most half of them), or at most ``TOKEN_EDIT_MAX``
    tokens changed with twice as many kept."""
    ta, ts = _code_tokens(code_a), _code_tokens(code_s)
    if not ta or not ts or ta == ts:
        return False
    # every outcome below keeps the shorter line's tokens, or all but ``TOKEN_EDIT_MAX`` of
    # the longer's: the tokens both lines have (as multisets) tell first, before the
    # alignment (most lines a walk meets are another statement, not this one touched)
    common = (Counter(ta) & Counter(ts)).total()
    if common < min(len(ta), len(ts)) and common < max(len(ta), len(ts)) - TOKEN_EDIT_MAX:
        return False
    from difflib import SequenceMatcher

    ops = [op for op in SequenceMatcher(None, ta, ts, autojunk=False).get_opcodes()
           if op[0] != "equal"]
    added = sum(a1 - a0 for op, a0, a1, _s0, _s1 in ops)
    dropped = sum(s1 - s0 for op, _a0, _a1, s0, s1 in ops)
    if all(op[0] == "delete" for op in ops):  # tokens only the commit has
        return len(ts) >= SMALL_MIN_TOKENS and added <= len(ts)
    if all(op[0] == "insert" for op in ops):  # tokens only the snippet had
        return len(ta) >= SMALL_MIN_TOKENS and 2 * dropped <= len(ts)
    changed = max(added, dropped)
    return changed <= TOKEN_EDIT_MAX and len(ts) - dropped >= 2 * changed


def _last_touch(ka: LineKeys, ks: LineKeys) -> bool:
    """Committed line ``ka`` is the snippet's last statement ``ks`` touched: token by token
    (``_fine_touch``: an argument dropped, a call wrapped around its value) keeping its names
    (``_names_kept``), or with whole arguments dropped (``_dropped_arguments``), the names
    gone only those the dropped arguments held."""
    if _fine_touch(ka.code_text, ks.code_text) and _names_kept([ka], ks):
        return True
    dropped = _dropped_arguments(ka.code_text, ks.code_text)
    return dropped is not None and _names_kept([ka], ks, dropped)


def _dropped_arguments(code_a: str, code_s: str) -> set[str] | None:
    """The names inside the arguments ``code_a`` drops whole from ``code_s``'s calls, when
    that is all it does (``_urlencode(items, encoding=self.map.charset)`` ->
    ``_urlencode(items)``: ``encoding``, ``self``, ``map``, ``charset``); else None. Each
    dropped run is one or more whole arguments, brackets balanced: ``, arg`` before a ``)``
    or a ``,``, or ``arg,`` after a ``(``; the call keeps an argument and the line at least
    ``SMALL_MIN_TOKENS`` tokens, so what is left is the model's call, fewer options passed."""
    ta, ts = _code_tokens(code_a), _code_tokens(code_s)
    if len(ta) < SMALL_MIN_TOKENS or len(ta) >= len(ts):
        return None
    from difflib import SequenceMatcher

    ops = [op for op in SequenceMatcher(None, ta, ts, autojunk=False).get_opcodes()
           if op[0] != "equal"]
    if not ops or any(op[0] != "insert" for op in ops):  # tokens only the snippet had
        return None
    names: set[str] = set()
    for _op, _a0, _a1, s0, s1 in ops:
        run = ts[s0:s1]
        before = ts[s0 - 1] if s0 > 0 else ""
        after = ts[s1] if s1 < len(ts) else ""
        if run[0] == "," and after in (")", ","):
            inner = run[1:]
        elif run[-1] == "," and before == "(":
            inner = run[:-1]
        else:
            return None
        depth = 0
        for t in inner:
            depth += (t in "([{") - (t in ")]}")
            if depth < 0:
                return None
        if not inner or depth:
            return None
        names.update(t for t in inner if t[:1].isalpha() or t[:1] in "_$")
    return names


def _small_edited(a: _Text, s: _Text, chain: list[_Pair], blocked: Collection[int],
                  taken: set[int]) -> tuple[dict[int, tuple[int, int]], float,
                                            tuple[tuple[str, str], ...]] | None:
    """A small snippet taken whole, in place, that a person edited where ``_whole`` does not
    look (issue 17, real edits): a parameter added to or removed from its signature under
    the same name (``_parameter_added``; the body's uses of a removed one go with it) or
    the signature only added to (``_added_only``: a type widened, ``str`` -> ``str |
    bytes``, what ``_edited_signature`` takes over a longer body), a
    line touched token by token (``_fine_touch``: an argument added or dropped, a receiver
    added, ``lru(100)`` -> ``new Fifo(100)``), a statement re-wrapped over several lines (a
    call split with an argument added: the lines up to where its brackets close, joined,
    are the snippet's line touched).

    As in ``_whole``, walking from a verbatim line of the chain in both directions in step
    with the snippet, *every* non-blank snippet line must be met (a person's comment lines
    between stay human), with one or ``WHOLE_MAX_EDITS`` lines edited, the signature met,
    two code lines or more kept unchanged and naming ``WHOLE_MIN_IDENTS`` identifiers. A
    touched line keeps every name of the snippet's line (or refines it, ``_names_kept``): a
    sibling swaps names for its own. A signature whose parameter *types* changed is not
    taken (a type replaced, not widened): that is how an overload (``accept(long value)``
    for ``accept(int value)``) and
    another version of the same function (``IO`` -> ``t.IO``) differ, and on the
    benchmark's dev split taking them raised false AI on never-suggested code. Of a line
    re-wrapped over several, the piece most like the snippet's line is ``ai-edited``, the
    others stay human (a person's new arguments)."""
    code_s = [j for j, k in enumerate(s.keys) if k.weight > 0 and not k.text_only]
    if not code_s or len(code_s) > WHOLE_MAX_CODE or sum(1 for k in s.keys if k.norm) < 3:
        return None
    start = next((p for p in chain if p.span == 1 and p.kind in (_EXACT, _FORMAT, _CODE)), None)
    if start is None:
        return None
    head = next((j for j in code_s if not s.keys[j].norm.startswith("@")), code_s[0])
    name = _defined_name(s.keys[head])
    lines: dict[int, tuple[int, int]] = {start.i: (start.j, start.kind)}
    edits = 0
    dropped: set[str] = set()  # the names of parameters a person removed from the signature
    widened: list[bool] = []  # the signature only added to (no parameter added or removed)
    n_a, n_s = len(a.keys), len(s.keys)

    def bad(i: int) -> bool:
        return not (0 <= i < n_a) or i in blocked or i in taken or i in lines

    def rewrapped(i: int, j: int, step: int) -> list[int] | None:
        """Commit lines from ``i`` in direction ``step`` (one or more, consecutive and
        non-blank) whose joined code is snippet line ``j`` touched, or its signature with
        the same name; in file order."""
        ks = s.keys[j]
        if ks.text_only or not ks.code_text:
            return None
        group: list[int] = []
        for k in range(SMALL_MAX_SPLIT):
            n = i + step * k
            if bad(n) or not a.keys[n].norm or a.keys[n].text_only:
                return None
            group.append(n)
            rows = sorted(group)
            joined = " ".join(a.keys[m].code_text for m in rows)
            body = joined.rstrip().removesuffix("{")  # (a block's opening brace aside)
            if sum(body.count(c) for c in "([{") != sum(body.count(c) for c in ")]}"):
                continue  # a statement re-wrapped ends where its brackets close
            if j == head:
                # the signature: only a parameter added or removed under the same name
                if name is not None and _defined_name(a.keys[rows[0]]) == name and (
                        _parameter_added(joined, ks.code_text, name)
                        or _added_only(joined, ks.code_text)):
                    widened.append(not _parameter_added(joined, ks.code_text, name))
                    # a parameter removed: the body's uses of it go with it
                    dropped.update(set(ks.idents) - {x for m in rows for x in a.keys[m].idents})
                    return rows
            elif _fine_touch(joined, ks.code_text):
                return rows
        return None

    def take(rows: list[int], j: int) -> bool:
        """Label the re-wrapped lines' best piece; False when the edit loses one of the
        snippet line's names (not refined: swapped for another, what a sibling does)."""
        nonlocal edits
        if j != head and not _names_kept([a.keys[m] for m in rows], s.keys[j], dropped):
            return False
        best = max(rows, key=lambda m: _ratio(a.keys[m].code_text, s.keys[j].code_text))
        lines[best] = (j, _EDIT)
        edits += 1
        return True

    for step in (-1, 1):
        i, j = _next_line(a, start.i + step, step), _next_line(s, start.j + step, step)
        while 0 <= j < n_s:
            if bad(i):
                return None
            ka, ks = a.keys[i], s.keys[j]
            how = _same(ka, ks)
            if how is not None:
                lines[i] = (j, how)
                i, j = _next_line(a, i + step, step), _next_line(s, j + step, step)
                continue
            if ka.text_only and not ks.text_only:
                i = _next_line(a, i + step, step)  # a person's comment: stays human
                continue
            rows = rewrapped(i, j, step)
            if rows is not None:
                if not take(rows, j):
                    return None
                end = rows[-1] if step > 0 else rows[0]
                i, j = _next_line(a, end + step, step), _next_line(s, j + step, step)
                continue
            return None
    if edits == 0 or edits > WHOLE_MAX_EDITS:
        return None
    got_head = [i for i, (j, _how) in lines.items() if j == head]
    if not got_head:
        return None
    kept = [j for j, how in lines.values() if how != _EDIT and s.keys[j].weight > 0
            and not s.keys[j].text_only]
    if len(kept) < 2:
        # the signature alone (a signature, one statement, a brace): any look-alike's, or
        # another version's of the same function (``accept(int)`` for ``accept(long)``)
        return None
    idents = {x for j in kept for x in s.keys[j].idents}
    if head not in kept and name is not None:
        idents.add(name)
    idents.update(x for j, how in lines.values() if how in (_EXACT, _FORMAT)
                  and not s.keys[j].idents and len(s.keys[j].norm) >= MIN_PROSE_CHARS
                  for x in s.keys[j].words)
    if len(idents) < WHOLE_MIN_IDENTS:
        return None
    if any(widened) and len({x for j in kept if j != head for x in s.keys[j].idents}
                            - set(s.keys[head].idents)) < WHOLE_MIN_IDENTS:
        # a signature widened (a default or a type added) over a body that only restates
        # its parameters (``self.code = code``): any class's boilerplate of that signature,
        # the body no evidence of its own
        return None
    return lines, WHOLE_STRENGTH, ()


def _parameters(code: str, name: str) -> tuple[str, list[str], str] | None:
    """A signature split at the parameter list that ``name(`` opens: the text before it, its
    parameters (squashed, split at the top-level commas) and the text after it; None when
    ``name(`` opens none or it does not close on these lines."""
    m = re.search(rf"(?<![\w$]){re.escape(name)}\s*(?:<[^()]*>\s*)?\(", code)
    if m is None:
        return None
    depth = 0
    params: list[str] = []
    cur: list[str] = []
    for n in range(m.end(), len(code)):
        ch, prev = code[n], code[n - 1]
        if ch in "([{" or (ch == "<" and prev != " "):  # (a generic's, not a comparison)
            depth += 1
        elif ch in ")]}" or (ch == ">" and prev not in " =-"):
            if depth == 0:
                if ch != ")":
                    return None
                params.append("".join(cur))
                return (squash(code[:m.end()]), [p for p in map(squash, params) if p],
                        squash(code[n + 1:]))
            depth -= 1
        elif ch == "," and depth == 0:
            params.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    return None


def _parameter_added(code_a: str, code_s: str, name: str) -> bool:
    """Signature ``code_a`` is snippet signature ``code_s`` with a parameter added or removed
    and nothing else changed (the same name, the other parameters and the return type as
    they were): the function's API grew or shrank under a person's hand. A parameter's type
    changed is what an overload differs by (``accept(long value)`` beside ``accept(int
    value)``), and is not taken."""
    pa, ps = _parameters(code_a, name), _parameters(code_s, name)
    if pa is None or ps is None or pa[0] != ps[0] or pa[2] != ps[2] or pa[1] == ps[1]:
        return False
    short, long_ = sorted((pa[1], ps[1]), key=len)
    it = iter(long_)
    return len(long_) > len(short) and all(p in it for p in short)


def _names_kept(rows: Sequence[LineKeys], ks: LineKeys, dropped: Collection[str] = ()) -> bool:
    """Every identifier of snippet line ``ks`` is still on the committed lines ``rows``, or
    refined there (``_refined``: ``cfg`` -> ``config``) or made public or private
    (``_HookCaller`` -> ``HookCaller``): a person edited the model's line around its names
    (a type widened, an argument added or dropped), not swapped them for others as a
    sibling written for another case (``(p *Prog) String()`` for ``(c *Client) String()``)."""
    have = {x for k in rows for x in k.idents}
    return all(x in have or x in dropped
               or any(_refined(y, x) or _visibility(_core(x, y)) for y in have)
               for x in set(ks.idents))


_CODE_WORD = re.compile(r"\w")  # a line's code beyond brackets and punctuation
_ASSIGN = re.compile(  # ``[const|let|var] target = value[;]`` (or Go's ``:=``)
    r"^(?:(?:const|let|var|final|auto)\s+)?[\w$.\[\]<>, ]+?\s*(?::=|=)(?!=)\s*(.+?);?$")


def _inside_moves(a: _Text, s: _Text, lines: dict[int, tuple[int, int]], span: range,
                  blocked: Collection[int], js: range, ends: Collection[int] = ()) -> None:
    """Unexplained code lines inside an accepted segment that still carry the snippet's code:
    a statement moved within the suggestion (equal to a snippet line the segment did not
    use: reordered statements; a comment line too, verbatim; a common line such as
    ``return err`` only from the segment's own part ``js`` of the snippet and the line after
    it), or a variable
    extracted from an edited line (its value is part of that line's snippet text). The line
    just past the segment's end counts too when it is a statement of ``js`` the segment
    skipped (the last two statements swapped).

    A common line (weight 0: ``}``, ``return None``, ``break``) or a light statement
    (``self.x = x``, below ``COMMON_MOVE_WEIGHT``) moves only next to its neighbours
    (``_in_order``): a person's own ``return None`` or ``}`` inside the kept code repeats
    one of the snippet's by chance, it is not the snippet's line taken from far away; nor
    does one take a snippet line of ``ends``, the weak lines the segment's end extends over
    (the snippet's last ``}``, met right past the segment: a person's ``}`` inside, closing
    a block they wrapped around kept code, is not that one). An
    extracted variable counts only above the line that uses it (``_used_below``)."""
    used = {j for j, _ in lines.values()}
    free: dict[str, list[int]] = {}
    notes: dict[str, int] = {}  # unused comment lines, by their text
    weak: dict[str, list[int]] = {}  # unused common code lines of the segment's part
    for j, k in enumerate(s.keys):
        if j not in used and k.weight > 0 and not k.text_only:
            free.setdefault(k.code, []).append(j)
        elif j not in used and k.text_only and len(k.norm) >= MIN_MOVED_COMMENT:
            notes.setdefault(k.norm, j)
        elif j not in used and j in js and j not in ends and k.norm and not k.text_only:
            weak.setdefault(k.code, []).append(j)
    edited = [(j, s.keys[j].code) for j, how in lines.values() if how == _EDIT]
    after = _next_line(a, span.stop, 1)
    if (after < len(a.keys) and after not in lines and after not in blocked
            and a.keys[after].weight > 0 and not a.keys[after].text_only):
        got = _take_move(free, a.keys[after], lines, after, js)
        if got >= 0:
            lines[after] = (got, _EXACT if a.keys[after].norm == s.keys[got].norm else _CODE)
    for i in span:
        ka = a.keys[i]
        if i in lines or i in blocked:
            continue
        if ka.text_only and (got := notes.pop(ka.norm, -1)) >= 0:
            lines[i] = (got, _EXACT)  # a comment line moved with the statements around it
            continue
        if ka.weight <= 0 or ka.text_only:
            continue
        got = _take_move(free, ka, lines, i)
        if got >= 0:
            lines[i] = (got, _EXACT if ka.norm == s.keys[got].norm else _CODE)
            continue
        m = _ASSIGN.match(ka.norm)
        value = squash(m.group(1)) if m else ""
        if m is not None and len(value) >= MIN_EXTRACTED_CHARS:
            for j, code in edited:
                if value in code and _used_below(a, lines, i, j, m):
                    lines[i] = (j, _EDIT)
                    break
    # common lines last, from the bottom: of two ``}`` where the snippet has one, the person's
    # is the first (the block they wrapped around the kept code closes inside it)
    for i in reversed(span):
        ka = a.keys[i]
        if (i not in lines and i not in blocked and ka.norm and not ka.text_only
                and ka.weight <= 0 and (got := _take_move(weak, ka, lines, i)) >= 0):
            lines[i] = (got, _EXACT if ka.norm == s.keys[got].norm else _CODE)  # moved


def _take_move(table: dict[str, list[int]], ka: LineKeys, lines: Mapping[int, tuple[int, int]],
               i: int, within: range | None = None) -> int:
    """The unused snippet line of ``table`` (code -> snippet lines, ascending) that region
    line ``i`` (keys ``ka``) repeats, removed from the table; -1 when there is none. A common
    or light line takes one only next to its neighbours (``_in_order``); a line of weight
    takes the first (a statement moved within the suggestion). ``within``: the snippet lines
    allowed at all."""
    rows = table.get(ka.code)
    if not rows:
        return -1
    if ka.weight < COMMON_MOVE_WEIGHT:
        pick = next((x for x, j in enumerate(rows) if _in_order(lines, i, j)), -1)
    else:
        pick = 0
    if pick < 0 or (within is not None and rows[pick] not in within):
        return -1
    return rows.pop(pick)


def _in_order(lines: Mapping[int, tuple[int, int]], i: int, j: int) -> bool:
    """Snippet line ``j`` is where the segment would put region line ``i``: between the
    snippet lines of the nearest explained lines above and below ``i``, or one line beyond
    (two adjacent statements swapped)."""
    above = max((x for x in lines if x < i), default=None)
    below = min((x for x in lines if x > i), default=None)
    near = [lines[x][0] for x in (above, below) if x is not None]
    return not near or min(near) - 1 <= j <= max(near) + 1


def _used_below(a: _Text, lines: Mapping[int, tuple[int, int]], i: int, j: int,
                decl: re.Match[str]) -> bool:
    """The edited line explained by snippet line ``j`` uses the variable that line ``i``
    declares (``decl``: ``_ASSIGN``'s match), within ``EXTRACT_REACH`` non-blank lines below
    it: an expression moved into a variable before the statement that needs it, not a
    declaration of a person's elsewhere (a length hoisted into a list of declarations at the
    top of the function) that happens to hold a piece of an edited line."""
    target = _WORD.findall(decl.string[:decl.start(1)])
    if not target:
        return False
    k = i
    for _ in range(EXTRACT_REACH):
        k = _next_line(a, k + 1, 1)
        if k >= len(a.keys):
            return False
        if lines.get(k, (-1, -1))[0] == j and target[-1] in a.keys[k].words:
            return True
    return False


# --- recall on small and renamed snippets (issue 17) ---------------------------------------

WHOLE_RENAMED = True  # ``_whole_renamed``: a small snippet renamed consistently, taken whole
MAX_WHOLE_RENAMES = 3  # names a person renames in a small snippet they keep


def _whole_renamed(a: _Text, s: _Text, chain: list[_Pair], blocked: Collection[int],
                   taken: set[int]) -> tuple[dict[int, tuple[int, int]], float,
                                             tuple[tuple[str, str], ...]] | None:
    """A small snippet (``WHOLE_MAX_CODE`` code lines or fewer) whose names a person renamed,
    taken whole in place: line by line over normalised tokens (``LineKeys.shape``), every
    non-blank snippet line is met in step by a committed line of the same shape, and the
    identifiers that differ form *one* consistent one-to-one renaming over the whole snippet
    (``stateX34(itemX42, v)`` for ``_concatValue(value, previous)``, ``value`` renamed on
    every line that uses it), which applied to the snippet reproduces every committed line,
    strings and comments included. A k-gram of a small snippet rarely survives a rename; the
    alignment does not need one.

    At most ``MAX_WHOLE_RENAMES`` names renamed, each seen on two lines or more (a rename
    seen once cannot be checked, and a name or type swapped on one line is what a sibling or
    an overload differs by), the function's own name kept (a sibling is another function,
    ``addSchema`` -> ``addKeyword`` through its body), at least as many names kept as
    renamed and ``WHOLE_MIN_IDENTS`` kept at least: a look-alike sibling differs in more than
    names (a body of its own), and one whose every name differs (``getX``/``getY``) is no
    evidence. Renames that are one word substituted through several names (``_derived``) are
    a sibling written for another case. On the benchmark's dev split, taking renames seen
    once or a renamed function raised false AI on siblings from 0.95% to 2.2%."""
    code_s = [j for j, k in enumerate(s.keys) if k.weight > 0 and not k.text_only]
    if not code_s or len(code_s) > WHOLE_MAX_CODE or sum(1 for k in s.keys if k.norm) < 3:
        return None
    start = next((p for p in chain if p.span == 1), None)
    if start is None or not s.keys[start.j].norm:
        return None
    n_a, n_s = len(a.keys), len(s.keys)
    pairs = {start.i: start.j}
    for step in (-1, 1):
        i, j = _next_line(a, start.i + step, step), _next_line(s, start.j + step, step)
        while 0 <= j < n_s:
            if not (0 <= i < n_a) or i in blocked or i in taken:
                return None
            pairs[i] = j
            i, j = _next_line(a, i + step, step), _next_line(s, j + step, step)
    # the renaming, learnt from the code lines of the same shape, must be one bijection
    image: dict[str, str] = {}
    source: dict[str, str] = {}
    for i, j in pairs.items():
        ka, ks = a.keys[i], s.keys[j]
        if ka.text_only != ks.text_only:
            return None
        if ka.text_only or ka.idents == ks.idents:
            continue
        if ka.shape != ks.shape or len(ka.idents) != len(ks.idents):
            return None
        for x, y in zip(ks.idents, ka.idents, strict=True):
            if image.setdefault(x, y) != y or source.setdefault(y, x) != x:
                return None
    renames = {x: y for x, y in image.items() if x != y}
    kept = {x for x, y in image.items() if x == y}
    kept.update(x for i, j in pairs.items() if a.keys[i].idents == s.keys[j].idents
                for x in s.keys[j].idents)
    if not renames or len(renames) > MAX_WHOLE_RENAMES or _derived(renames):
        return None
    kept -= set(renames)
    if len(kept) < max(WHOLE_MIN_IDENTS, len(renames)):
        return None
    # each rename checked: seen on two lines or more (a name swapped on one line is a body
    # or a parameter type of its own: ``out.close()`` -> ``fd.close()``, an overload's
    # ``accept(IntConsumer action)``); and the function keeps its name (a sibling is
    # another function: ``addSchema`` -> ``addKeyword`` through its body, ``get`` -> ``has``)
    uses = Counter(x for j in pairs.values() for x in set(s.keys[j].idents) if x in renames)
    if min(uses[x] for x in renames) < 2:
        return None
    head = _signature_line(s)
    if head < 0 or (name := _defined_name(s.keys[head])) is None or name in renames:
        return None
    lines: dict[int, tuple[int, int]] = {}
    for i, j in pairs.items():
        how = _explained(a.keys[i], s.keys[j], renames)
        if how is None:
            return None
        lines[i] = (j, how)
    return lines, WHOLE_STRENGTH, tuple(sorted(renames.items()))


# --- candidates ----------------------------------------------------------------------------


def _region_tokens(lines: Sequence[str], language: str | None) -> TokenStream:
    """Tokens of the added lines; a badly broken parse (a fragment starting inside a string,
    say) is redone paragraph by paragraph so one unbalanced quote cannot swallow the rest."""
    ts, errors = tokenize_checked("\n".join(lines), language)
    if errors <= _PARSE_ERRORS_SPLIT:
        return ts
    tokens: list[str] = []
    at: list[int] = []
    texts: list[str] = []
    start = 0
    for end in [*(n for n, t in enumerate(lines) if not t.strip()), len(lines)]:
        if end > start:
            part = tokenize("\n".join(lines[start:end]), language)
            tokens.extend(part.tokens)
            at.extend(line + start for line in part.lines)
            texts.extend(part.texts)
        start = end + 1
    return TokenStream(tuple(tokens), tuple(at), tuple(texts))


def _candidates(lines: Sequence[str], language: str | None, index: SnippetIndex,
                rare: set[int] | None = None) -> dict[str, list[int]]:
    """Candidate snippets -> region lines (1-based) where they share a fingerprint.

    The region is read in overlapping windows of ``CHUNK_LINES`` and each window keeps its
    own best ``CANDIDATE_LIMIT``, so a small snippet is not crowded out by big ones in a big
    file. With an index that has ``postings`` (one query for the whole commit) a candidate
    scores the summed rarity of the hashes it shares (``_rarity``); else each window asks
    ``candidates`` and the window's lines stand for where it matched.

    ``rare`` (postings only) collects the 0-based region lines whose line hash is held by
    ``RARE_MAX_DF`` indexed snippets or fewer (``_rare_fragment``); a hash the index left out
    (``store``: the most common ones) is not rare."""
    fps = fingerprint_tokens(_region_tokens(lines, language))
    line_fps = [Fingerprint(h, n) for n, k in enumerate(_prepare(lines, language).keys, 1)
                if (h := line_hash(k)) is not None]
    fps += line_fps
    fps.sort(key=lambda fp: fp.line)
    if not fps:
        return {}
    postings = getattr(index, "postings", None)
    last_line = max(fp.line for fp in fps)
    step = CHUNK_LINES // 2
    hits: dict[str, list[int]] = {}
    if postings is None:
        start = 1
        while True:
            hashes = {fp.hash for fp in fps if start <= fp.line < start + CHUNK_LINES}
            if hashes:
                for sid, _count in index.candidates(hashes, limit=CANDIDATE_LIMIT):
                    hits.setdefault(sid, []).extend(
                        range(start, min(start + CHUNK_LINES, last_line + 1)))
            if start + CHUNK_LINES > last_line:
                break
            start += step
        return hits
    post: dict[int, list[str]] = postings({fp.hash for fp in fps})
    if rare is not None:
        rare.update(fp.line - 1 for fp in line_fps
                    if 0 < len(post.get(fp.hash, ())) <= RARE_MAX_DF)
    found = [(fp.line, ids, _rarity(len(ids))) for fp in fps if (ids := post.get(fp.hash))]
    if not found:
        return {}
    lo = 0
    n = len(found)
    start = 1
    while True:
        while lo < n and found[lo][0] < start:
            lo += 1
        score: dict[str, float] = {}
        hi = lo
        while hi < n and found[hi][0] < start + CHUNK_LINES:
            _, ids, w = found[hi]
            for sid in ids:
                score[sid] = score.get(sid, 0.0) + w
            hi += 1
        if score:
            # a candidate is aligned only where it ranks: near its window's best, and among
            # the window's best CANDIDATE_LIMIT
            floor = MIN_RELATIVE_SCORE * max(score.values())
            ranked = sorted((item for item in score.items() if item[1] >= floor),
                            key=lambda item: (-item[1], item[0]))[:CANDIDATE_LIMIT]
            kept = {sid for sid, _ in ranked}
            for line, ids, _ in found[lo:hi]:
                for sid in ids:
                    if sid in kept:
                        hits.setdefault(sid, []).append(line)
        if start + CHUNK_LINES > last_line:
            break
        start += step
    return hits


def _rarity(df: int) -> float:
    """Weight of a shared hash found in ``df`` snippets (an inverse document frequency)."""
    return 1.0 / df


def _clusters(lines: Sequence[int], margin: int, n: int) -> list[tuple[int, int]]:
    """0-based [lo, hi) ranges of the region around 1-based hit lines: hits closer than
    twice ``margin`` share a range; each range reaches ``margin`` lines past its hits."""
    out: list[tuple[int, int]] = []
    for line in sorted(lines):
        lo, hi = max(0, line - 1 - margin), min(n, line + margin)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


# --- public API ----------------------------------------------------------------------------


def _rank(p: _Proposal) -> tuple[bool, float]:
    return (p.origin == AI, p.similarity)


Recency = Callable[[str], tuple[float, int, str]]


def _recency(index: SnippetIndex) -> Recency:
    """Sort key of a snippet id by when it was suggested (``provenance.index``: recency): the
    index's ``suggested_at`` (unknown: oldest), then the order it was stored in -- the
    index's ``order`` when it has one, else the id itself when it is the store's
    (autoincrement) number -- then the id."""
    order = getattr(index, "order", None)
    when = getattr(index, "suggested_at", None)

    def key(sid: str) -> tuple[float, int, str]:
        t = when(sid) if when is not None else None
        at = float("-inf") if t is None else t
        if order is not None:
            return (at, order(sid), sid)
        return (at, int(sid), sid) if sid.isdigit() else (at, 0, sid)

    return key


def attribute(
    diffs: Sequence[FileDiff],
    index: SnippetIndex,
    *,
    preexisting: Mapping[str, Collection[str]] | None = None,
    current: Mapping[str, Sequence[str]] | None = None,
) -> list[LineOrigin]:
    """One LineOrigin per added line of every (non-binary) file, in diff order.

    ``preexisting``: path -> the file's lines before the change; ``current``: path -> its
    lines after it. With both, the unchanged lines around each hunk (``CONTEXT_LINES``) take
    part in the alignment as anchors, never labelled: a model's newer version of a function
    already in the file changes a few lines, too few to align alone (``_with_context``)."""
    out: list[LineOrigin] = []
    for wide, context, run in _runs(diffs, index, preexisting, current):
        out.extend(_attribute_file(wide, index, set(), context, run))
    return out


def _runs(diffs: Sequence[FileDiff], index: SnippetIndex,
          preexisting: Mapping[str, Collection[str]] | None,
          current: Mapping[str, Sequence[str]] | None,
          ) -> list[tuple[FileDiff, frozenset[int], _FileRun]]:
    """Each (non-binary) file's diff with its context lines (``_with_context``), the context
    line numbers and its alignment, with every snippet claimed once over the whole commit
    (``_claim_once``: a sibling in another file is not the suggestion a second time)."""
    out = []
    for diff in diffs:
        if diff.binary or not diff.added:
            continue
        wide, context = _with_context(diff, current)
        run = _run_file(wide, index, _known(diffs, diff, preexisting), context)
        if WRITTEN_ELSEWHERE:
            _written_elsewhere(diff, run, _files(diffs, current))
        out.append((wide, context, run))
    if CLAIM_ONCE and len(out) > 1:
        _claim_once([run for _w, _c, run in out])
    return out


def _with_context(diff: FileDiff, current: Mapping[str, Sequence[str]] | None,
                  ) -> tuple[FileDiff, frozenset[int]]:
    """``diff`` with the unchanged lines of the new file within ``CONTEXT_LINES`` of an added
    line put among its added lines, and their line numbers. Only for a file that existed
    (``M``, ``R``) and whose new text agrees with the diff's added lines."""
    if diff.status not in ("M", "R"):
        return diff, frozenset()
    lines = (current or {}).get(diff.path)
    if not lines:
        return diff, frozenset()
    added = {ln.lineno for ln in diff.added}
    if any(not (0 < ln.lineno <= len(lines)) or lines[ln.lineno - 1] != ln.text
           for ln in diff.added):
        return diff, frozenset()  # not the text the diff was taken from
    # many small hunks far apart (a rename across a big file) get a narrower margin: the
    # alignment's cost grows with the region, and the hook has a time budget
    for margin in range(CONTEXT_LINES, 0, -1):
        context = frozenset(m for n in added for m in range(max(1, n - margin),
                                                             min(len(lines), n + margin) + 1)
                            if m not in added)
        if len(context) <= 2 * len(added) + 4 * CONTEXT_LINES:
            break
    if not context:
        return diff, context
    first = diff.added[0]  # an AddedLine
    rows = sorted([*diff.added, *(first._replace(lineno=m, text=lines[m - 1]) for m in context)])
    return diff._replace(added=tuple(rows)), context


def _known(diffs: Sequence[FileDiff], diff: FileDiff,
           preexisting: Mapping[str, Collection[str]] | None) -> set[str]:
    """Normalised lines already in the repository for ``diff``: its file before the commit
    and every line the commit deletes anywhere (moved code)."""
    moved = {_norm(t) for d in diffs for t in d.deleted if _norm(t)}
    before = {_norm(t) for t in (preexisting or {}).get(diff.path, ())}
    if diff.old_path and diff.old_path != diff.path:
        before |= {_norm(t) for t in (preexisting or {}).get(diff.old_path, ())}
    return before | moved


class _Drop(NamedTuple):
    """A snippet's explanation of a region line that a rule dropped after the alignment, for
    ``explain``: the rule (``DROP_RULES``), why in words with the rule's specifics, and the
    region it lost to (a run's first and last line index) or the existing code (normalised)
    it lost to, when the rule knows one."""

    snippet: str
    rule: str
    why: str
    lost_to: tuple[_FileRun, int, int] | None = None
    existing: str = ""


# what each rule of ``_Drop.rule`` says, for a developer reading ``aiprov explain``
DROP_RULES = {
    "template-slot": "renamed explanations disagree about the name (a family's slot)",
    "prefer-existing": "code already in the repository explains it as well",
    "family": "a family's shape touched in one line: one more member, not the snippet",
    "ported": "one word replaced by the same other word in code several suggestions "
              "explain: a family ported by hand, not each suggestion touched",
    "claim-once": "a snippet explains one region per commit, and another region aligns "
                  "better",
    "written-elsewhere": "a tool wrote the snippet to another file, which holds it: a "
                         "touched copy here is that code adapted by hand",
}


class _FileRun(NamedTuple):
    """One file's alignment: region lines, blocked lines, per-line proposals, snippets, and
    per region line the explanations rules dropped (``_Drop``)."""

    a: _Text
    blocked: set[int]
    best: dict[int, list[tuple[_Proposal, Snippet, str]]]
    aligned: dict[str, _Text]
    hits: dict[str, list[int]]
    dropped: dict[int, list[_Drop]]


def _run_file(diff: FileDiff, index: SnippetIndex, known: set[str],
              context: Collection[int] = ()) -> _FileRun:
    language = language_for_path(diff.path)
    texts = [line.text for line in diff.added]
    a = _prepare(texts, language)
    # context lines (``_with_context``) were in the file before: they anchor, never labelled
    blocked = {i for i, k in enumerate(a.keys) if k.norm in known and k.weight > 0
               and diff.added[i].lineno not in context}
    best: dict[int, list[tuple[_Proposal, Snippet, str]]] = {}
    aligned: dict[str, _Text] = {}
    rare: set[int] = set()
    hits = _candidates(texts, language, index, rare)
    prefetch = getattr(index, "prefetch", None)
    if prefetch is not None:
        prefetch(list(hits))
    for sid, at in hits.items():
        snippet = index.get(sid)
        if snippet is None or not snippet.text.strip():
            continue
        s = _snippet_text(snippet.text, language or snippet.language)
        aligned[sid] = s
        # an alignment stays near where the snippet's fingerprints matched: inserted lines,
        # wraps and dropped lines stretch it to at most about twice the snippet's length
        margin = 2 * len(s.keys) + MAX_GAP + 4
        for lo, hi in _clusters(at, margin, len(a.keys)):
            pair = COMPLETE_FACTOR if snippet.kind in TARGETED_KINDS else 0.0
            for i, prop in _propose(a, s, blocked, lo, hi, pair, rare).items():
                best.setdefault(i, []).append((prop, snippet, sid))
    dropped: dict[int, list[_Drop]] = {}
    if SLOT_CHECK:
        _drop_template_slots(best, dropped)
    _prefer_existing(a, best, known, dropped)
    if FAMILY_CHECK:
        _drop_family_slots(best, aligned, dropped)
    if PORTED_CHECK:
        _drop_ported(best, aligned, a, dropped)
    run = _FileRun(a, blocked, best, aligned, hits, dropped)
    if CLAIM_ONCE:
        _claim_once([run])
    return run


def _claims(run: _FileRun) -> dict[str, list[dict[int, tuple[int, float]]]]:
    """Per snippet, the regions of one file it explains, each as region line -> (snippet
    line, similarity) over the code lines: in file order, a new region starts at a snippet
    code line the current one already explains (the snippet's text met a second time)."""
    out: dict[str, list[dict[int, tuple[int, float]]]] = {}
    seen: dict[str, set[int]] = {}
    for i in sorted(run.best):
        ka = run.a.keys[i]
        if ka.weight <= 0 or ka.text_only:
            continue
        done: set[str] = set()
        for p, _snip, sid in run.best[i]:
            s = run.aligned.get(sid)
            if sid in done or s is None:
                continue
            done.add(sid)
            j = p.snippet_line - 1
            ks = s.keys[j]
            if ks.weight <= 0 or ks.text_only:
                continue
            regions = out.setdefault(sid, [])
            if not regions or j in seen[sid]:
                regions.append({})
                seen[sid] = set()
            regions[-1][i] = (j, p.similarity)
            seen[sid].add(j)
    return out


def _claim_once(runs: Sequence[_FileRun]) -> None:
    """A snippet explains one region of a commit: when its code lines explain two regions (a
    suggestion kept, and a sibling a person wrote from it in the same commit: another method
    of the class, a handler copied to another file and adapted), the region that aligns
    worse over the snippet lines both hold is the person's copy, not the model's text a
    second time, and loses this snippet's explanation (other snippets may still explain
    it). Two regions are one claim twice when they share ``CLAIM_MIN_OVERLAP`` snippet code
    lines and ``CLAIM_OVERLAP_SHARE`` of the weaker one's; equally good regions (the snippet
    pasted twice as it is) both keep it: nothing tells the copy. Inside one alignment
    (``_propose``) a snippet line already explains one region line only; this is for the
    regions it explains apart (far apart in a file, in two files)."""
    regions: dict[str, list[tuple[_FileRun, dict[int, tuple[int, float]]]]] = {}
    for run in runs:
        for sid, found in _claims(run).items():
            regions.setdefault(sid, []).extend((run, r) for r in found)
    for sid, held in regions.items():
        if len(held) < 2:
            continue
        lost: set[int] = set()
        for x in range(len(held)):
            for y in range(x + 1, len(held)):
                if x in lost or y in lost:
                    continue
                rx, ry = held[x][1], held[y][1]
                jx = {j: sim for j, sim in rx.values()}
                jy = {j: sim for j, sim in ry.values()}
                both = jx.keys() & jy.keys()
                if len(both) < CLAIM_MIN_OVERLAP:
                    continue
                fx, fy = sum(jx[j] for j in both), sum(jy[j] for j in both)
                if abs(fx - fy) < 1e-6:
                    continue
                weak = y if fx > fy else x
                if len(both) >= CLAIM_OVERLAP_SHARE * len(held[weak][1]):
                    lost.add(weak)
        for k in lost:
            run, region = held[k]
            _unclaim(run, sid, min(region), max(region),
                     _claim_why(sid, held, k, CLAIM_MIN_OVERLAP))


def _unclaim(run: _FileRun, sid: str, lo: int, hi: int, why: _Drop | None = None) -> None:
    """Drop snippet ``sid``'s explanations of the region lines ``lo``..``hi``, and of the weak
    lines (braces, blank, comment lines) it explains next to them."""
    def weak(i: int) -> bool:
        k = run.a.keys[i]
        return (k.weight <= 0 or k.text_only) and any(x[2] == sid for x in run.best.get(i, ()))

    while lo > 0 and weak(lo - 1):
        lo -= 1
    while hi + 1 < len(run.a.keys) and weak(hi + 1):
        hi += 1
    for i in range(lo, hi + 1):
        props = run.best.get(i)
        if not props:
            continue
        kept = [x for x in props if x[2] != sid]
        if why is not None and len(kept) < len(props):
            run.dropped.setdefault(i, []).append(why)
        if kept:
            run.best[i] = kept
        else:
            del run.best[i]


WRITTEN_ELSEWHERE = True  # ``_written_elsewhere``: a tool's write whose target file holds it
# snippets a tool wrote to a file (``Snippet.path`` is where the proxy saw it written); a
# fence's path is only a hint in its info string, not a write
WRITE_KINDS = frozenset({"write", "edit", "patch", "search-replace", "whole-file"})
WRITTEN_HELD_SHARE = 0.8  # share of a write's code lines its target file must hold


def _same_file(x: str, y: str) -> bool:
    """Two spellings of one file: equal, or one a repository-relative tail of the other (an
    agent may record the absolute path it wrote)."""
    x, y = x.removeprefix("./"), y.removeprefix("./")
    return x == y or x.endswith("/" + y) or y.endswith("/" + x)


def _files(diffs: Sequence[FileDiff], current: Mapping[str, Sequence[str]] | None,
           ) -> Callable[[str], Sequence[str] | None]:
    """A file's lines after the change, by path: ``current`` (the hook's view of the
    repository, which may answer for files the commit does not touch), else the lines a new
    file of the commit adds; None when neither knows the file."""
    def lines(path: str) -> Sequence[str] | None:
        # (``current`` may answer for files it does not list: an empty one is not nothing)
        got = current.get(path) if current is not None else None
        if got is not None:
            return got
        for d in diffs:
            if d.status == "A" and not d.binary and _same_file(d.path, path):
                return [ln.text for ln in d.added]
        return None

    return lines


def _written_elsewhere(diff: FileDiff, run: _FileRun,
                       files: Callable[[str], Sequence[str] | None]) -> None:
    """A tool's write (``WRITE_KINDS``) recorded with a target file other than this one,
    when that file holds the write (``WRITTEN_HELD_SHARE`` of its code lines, unchanged) after
    the change, committed or still in the working tree: the model's text is there. A region
    here that the write explains only with lines touched is a person's adapted copy of that
    file's code (the sync twin of an async method, a handler copied to another module), not
    the write a second time; the write's explanation of it is dropped (other snippets may
    still explain it). A verbatim region keeps it: nothing tells a copy from the model
    writing the same code twice. A write whose file no longer holds it (moved here, or
    discarded) is no evidence either way."""
    snippets: dict[str, Snippet] = {}
    for props in run.best.values():
        for _p, snip, sid in props:
            if (snip.kind in WRITE_KINDS and snip.path
                    and not _same_file(snip.path, diff.path)
                    and not (diff.old_path and _same_file(snip.path, diff.old_path))):
                snippets[sid] = snip
    held: dict[str, bool] = {}
    for sid, snip in sorted(snippets.items()):
        for region in _regions_of(run.best, sid):
            mine = [next(x[0] for x in run.best[i] if x[2] == sid) for i in region]
            if not any(p.origin == AI_EDITED for p in mine):
                continue
            path = snip.path or ""
            if path not in held:
                held[path] = _holds(files(path), run.aligned[sid])
            if not held[path]:
                continue
            why = _Drop(sid, "written-elsewhere",
                        f"the tool wrote this snippet to {path}, which holds it; these lines "
                        "are a copy of that code adapted by hand")
            _unclaim(run, sid, region[0], region[-1], why)


def _holds(lines: Sequence[str] | None, s: _Text) -> bool:
    """``lines`` (a file) hold the snippet: ``WRITTEN_HELD_SHARE`` of its code lines, equal
    after whitespace is collapsed."""
    if not lines:
        return False
    code = [k.norm for k in s.keys if k.weight > 0 and not k.text_only]
    if not code:
        return False
    have = {_norm(t) for t in lines}
    return sum(1 for c in code if c in have) >= WRITTEN_HELD_SHARE * len(code)


def _prefer_existing(a: _Text, best: dict[int, list[tuple[_Proposal, Snippet, str]]],
                     known: set[str], dropped: dict[int, list[_Drop]] | None = None) -> None:
    """An edited line that code already in the repository explains as well (a line of the
    file before the commit, or moved in the same commit, at least as similar as the snippet's
    line) is that code, adapted by hand: a sibling that existed, not the suggestion."""
    if not known:
        return
    existing = [k for k in known if k]
    for i, props in list(best.items()):
        edited = [p for p in props if p[0].origin == AI_EDITED]
        if not edited or len(edited) < len(props):
            continue
        from rapidfuzz.process import extractOne

        # (similarities are rounded to 3 places: an existing line exactly as similar as the
        # snippet's, the snippet's own line committed earlier, must not fall short by that)
        top = max(p[0].similarity for p in edited)
        if (hit := extractOne(a.keys[i].norm, existing, scorer=_ratio_scorer(),
                              score_cutoff=100 * top - 0.05)) is not None:
            if dropped is not None:
                dropped.setdefault(i, []).extend(_Drop(
                    sid, "prefer-existing", f"the existing line {hit[0]!r} is {hit[1]:.0f}% "
                    f"similar to it, the snippet's line {p.snippet_line} only "
                    f"{100 * p.similarity:.0f}%: a sibling that existed, adapted by hand",
                    existing=hit[0]) for p, _snip, sid in edited)
            del best[i]


FAMILY_CHECK = True  # ``_drop_family_slots``: a touched line where look-alike suggestions vary
FAMILY_MAX_KEPT = 4  # unchanged code lines of a region that may be only a family's shape
FAMILY_MIN_OTHERS = 3  # other suggestions with that shape that make it a family's


def _drop_family_slots(best: dict[int, list[tuple[_Proposal, Snippet, str]]],
                       aligned: Mapping[str, _Text],
                       dropped: dict[int, list[_Drop]] | None = None) -> None:
    """A small region a snippet explains with a line a person touched, when its unchanged
    code lines are a family's shape: ``FAMILY_MIN_OTHERS`` other candidate suggestions hold
    every one of them and none holds the snippet's version of the touched lines.

    Suggestions that share a signature and a line or two (``reset() throws IOException``
    throwing an exception, ``ensureOpen()`` testing a field, ``__aexit__`` closing) and
    differ in one line are a family of look-alikes, one per class: the line they differ in
    is the slot each member fills for its own case. A commit with the shared lines and yet
    another value in the slot is one more member, written for its own case -- not one of
    them with a literal touched: the shared lines tell no member from another, and the one
    line that would matches none. The snippet's explanation of the region is dropped (other
    snippets may still explain it). A region that keeps more than ``FAMILY_MAX_KEPT``
    unchanged code lines has evidence of its own; one with no touched line (verbatim,
    reformatted, a comment added) is the snippet's whatever else shares it."""
    regions: list[tuple[str, list[int], set[str], set[str]]] = []
    edited = {sid for props in best.values() for p, _snip, sid in props if p.how == _EDIT}
    for sid in sorted(edited):
        s = aligned.get(sid)
        if s is None:
            continue
        for region in _regions_of(best, sid):
            kept: set[str] = set()
            touched: set[str] = set()
            for i in region:
                p = next(x[0] for x in best[i] if x[2] == sid)
                ks = s.keys[p.snippet_line - 1]
                if ks.weight > 0 and not ks.text_only:
                    (touched if p.how == _EDIT else kept).add(ks.squash)
            if touched and kept and len(kept) <= FAMILY_MAX_KEPT:
                regions.append((sid, region, kept, touched))
    if not regions:
        return
    lines = {sid: {k.squash for k in t.keys if k.weight > 0} for sid, t in aligned.items()}
    for sid, region, kept, touched in regions:
        members = sum(1 for other, got in lines.items()
                      if other != sid and kept <= got and not touched & got)
        if members < FAMILY_MIN_OTHERS:
            continue
        if dropped is not None:
            _record_family(dropped, best, aligned, sid, region, kept, touched, lines)
        for i in region:
            props = [x for x in best.get(i, ()) if x[2] != sid]
            if props:
                best[i] = props
            else:
                best.pop(i, None)


PORTED_CHECK = True  # ``_drop_ported``: one word substituted through several suggestions
_CODE_TOKEN = re.compile(r"[A-Za-z_$][\w$]*|\S")


def _substitutions(code_a: str, code_s: str) -> set[tuple[str, str]]:
    """The words of a snippet's code line that the committed line replaces by another word,
    one for one (``bytes`` -> ``strings``), as ``_core`` gives them, leaving out what
    ``_derived`` leaves out of a rename (a letter of a short name, underscores only)."""
    from difflib import SequenceMatcher

    ta, ts = _CODE_TOKEN.findall(code_a), _CODE_TOKEN.findall(code_s)
    out: set[tuple[str, str]] = set()
    for op, j1, j2, i1, i2 in SequenceMatcher(None, ts, ta, autojunk=False).get_opcodes():
        if op != "replace" or j2 - j1 != 1 or i2 - i1 != 1:
            continue
        x, y = ts[j1], ta[i1]
        if not (_WORD.fullmatch(x) and _WORD.fullmatch(y)):
            continue
        core = _core(x, y)
        if (max(len(core[0]), len(core[1])) < 2 and len(x) - len(core[0]) < 3) or \
                _visibility(core):
            continue
        out.add(core)
    return out


def _drop_ported(best: dict[int, list[tuple[_Proposal, Snippet, str]]],
                 aligned: Mapping[str, _Text], a: _Text,
                 dropped: dict[int, list[_Drop]] | None = None) -> None:
    """Two regions of the file, each explained by a suggestion of its own, whose edited
    lines both replace the same word by the same other word (``bytes`` -> ``strings`` in a
    ``Reader``'s ``UnreadByte`` and in its ``UnreadRune``, ``async``/``float`` twins): the
    person ported a family of functions to their own case, one word substituted through
    them, as ``_derived`` sees within one segment; not each of two suggestions touched by
    chance the same way. The explanations of both regions are dropped (other snippets may
    still explain them). Regions that share lines (two versions of one suggestion, a
    snippet and its duplicate) are one suggestion, not two, and are left alone. What it
    costs: a person who replaces one word through several suggestions they accepted (the
    model's ``bytes`` where they needed ``strings``) gets those functions called human."""
    found: list[tuple[str, list[int], set[tuple[str, str]]]] = []
    edited = {sid for props in best.values() for p, _snip, sid in props
              if p.origin == AI_EDITED}
    for sid in sorted(edited):
        s = aligned.get(sid)
        if s is None:
            continue
        for region in _regions_of(best, sid):
            subs: set[tuple[str, str]] = set()
            for i in region:
                p = next(x[0] for x in best[i] if x[2] == sid)
                ka, ks = a.keys[i], s.keys[p.snippet_line - 1]
                if p.origin == AI_EDITED and ka.weight > 0 and not ka.text_only:
                    subs |= _substitutions(ka.code_text, ks.code_text)
            if subs:
                found.append((sid, region, subs))
    hit: dict[int, tuple[str, str]] = {}
    for m, (sid, region, subs) in enumerate(found):
        for n in range(m + 1, len(found)):
            other, region2, subs2 = found[n]
            shared = subs & subs2
            if other == sid or not shared or set(region) & set(region2):
                continue
            word = min(shared)
            hit.setdefault(m, word)
            hit.setdefault(n, word)
    for m, word in sorted(hit.items()):
        sid, region, _subs = found[m]
        others = sorted({found[n][0] for n in hit if found[n][0] != sid
                         and word in found[n][2]})
        for i in region:
            props = best.get(i, [])
            kept = [x for x in props if x[2] != sid]
            if dropped is not None and len(kept) < len(props):
                dropped.setdefault(i, []).append(_Drop(
                    sid, "ported", f"its edited lines replace {word[0]!r} by {word[1]!r}, as "
                    f"the commit does in code other suggestions explain "
                    f"({', '.join(others[:4])}): a family ported by hand"))
            if kept:
                best[i] = kept
            else:
                best.pop(i, None)


def _regions_of(best: Mapping[int, list[tuple[_Proposal, Snippet, str]]],
                sid: str) -> list[list[int]]:
    """The regions of the file that snippet ``sid`` explains (``_regions`` of its lines)."""
    return _regions(sorted(i for i, props in best.items() if any(x[2] == sid for x in props)))


def _regions(rows: list[int]) -> list[list[int]]:
    """Sorted region lines, cut where more than ``MAX_GAP`` lines lie between two."""
    out: list[list[int]] = []
    for i in rows:
        if out and i - out[-1][-1] <= MAX_GAP + 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _ratio_scorer() -> Callable[..., float]:
    from rapidfuzz.fuzz import ratio

    return ratio


def _sorted_proposals(run: _FileRun, n: int, recency: Recency,
                      ) -> list[tuple[_Proposal, Snippet, str]]:
    # the best explanation of the line; among equally good ones the model's own output before
    # an agent's report of its write (a report never outweighs content), then the newest
    # suggestion (a model's later version of a region supersedes its earlier one), then the
    # stronger segment
    return sorted(run.best.get(n, ()),
                  key=lambda x: (_rank(x[0]), x[1].source != HOOK_SOURCE, recency(x[2]),
                                 x[0].strength), reverse=True)


def evidence_kinds(props: Sequence[tuple[_Proposal, Snippet, str]]) -> tuple[str, ...]:
    """The recording sources of the snippets that explain a line (``Snippet.source``:
    proxy, intercept, import, hook; unknown ones as ``unknown``), sorted."""
    return tuple(sorted({snip.source or "unknown" for _p, snip, _sid in props}))


def corroborated(kinds: Collection[str]) -> bool:
    """The model's output (seen by the proxy, the intercept or an import) and the agent's own
    report of its write (hook) both explain the line: two independent records agree."""
    return HOOK_SOURCE in kinds and bool(CONTENT_SOURCES.intersection(kinds))


def _attribute_file(diff: FileDiff, index: SnippetIndex, known: set[str],
                    context: Collection[int] = (), run: _FileRun | None = None,
                    ) -> list[LineOrigin]:
    if run is None:
        run = _run_file(diff, index, known, context)
    origins: list[LineOrigin] = []
    recency = _recency(index)
    for n, added in enumerate(diff.added):
        props = _sorted_proposals(run, n, recency)
        if not props:
            conf = 1.0 if n in run.blocked else 0.9
            origins.append(LineOrigin(diff.path, added.lineno, HUMAN, conf))
            continue
        top = props[0][0]
        evidence = tuple(
            Evidence(sid, snip.exchange_id, p.snippet_line, p.similarity)
            for p, snip, sid in props[:MAX_EVIDENCE]
        )
        origins.append(LineOrigin(diff.path, added.lineno, top.origin,
                                  _confidence(top, corroborated(evidence_kinds(props))),
                                  evidence))
    origins = _fill_blank_lines(origins, run.a, run.aligned)
    if not context:
        return origins
    return _weak_in_hunks([o for o in origins if o.lineno not in context], diff, run.a)


def _weak_in_hunks(origins: list[LineOrigin], diff: FileDiff, a: _Text) -> list[LineOrigin]:
    """With context lines in the alignment, a weak added line (a brace, ``else:``, ``)``, a
    docstring quote) is AI origin only beside an added code line of the same snippet in its
    hunk: a segment over the unchanged lines must not reach into a person's new code through
    the braces a diff happens to put on the added side."""
    keys = {ln.lineno: a.keys[i] for i, ln in enumerate(diff.added)}
    out = list(origins)
    start = 0
    while start < len(out):
        end = start + 1
        while end < len(out) and out[end].lineno == out[end - 1].lineno + 1:
            end += 1
        strong = {o.evidence[0].snippet_id for o in out[start:end]
                  if o.origin != HUMAN and o.evidence and keys[o.lineno].weight > 0
                  and not keys[o.lineno].text_only}
        for m in range(start, end):
            o = out[m]
            if o.origin != HUMAN and o.evidence and o.evidence[0].snippet_id not in strong:
                out[m] = LineOrigin(o.path, o.lineno, HUMAN, 0.9)
        start = end
    return out


def _confidence(top: _Proposal, corroborated: bool = False) -> float:
    """0.6 for any accepted segment, plus its strength (evidence) and the line similarity;
    when the proxy's record and the agent's hook report both explain the line, the doubt
    left is halved (``CORROBORATION``)."""
    conf = min(1.0, 0.6 + 0.25 * top.strength + 0.15 * top.similarity)
    if corroborated:
        conf += CORROBORATION * (1.0 - conf)
    return round(conf, 3)


def explain(diffs: Sequence[FileDiff], index: SnippetIndex, path: str, lineno: int, *,
            preexisting: Mapping[str, Collection[str]] | None = None,
            current: Mapping[str, Sequence[str]] | None = None) -> dict[str, object]:
    """Why the added line ``path:lineno`` gets its origin: the label, the candidates the
    index offered, each explanation a snippet gave for the line (snippet line, how it
    derives, similarity, the segment's strength and renames) and the alignment around it
    (committed lines next to the snippet lines they matched). Same run as ``attribute``."""
    diff = next((d for d in diffs if d.path == path and not d.binary), None)
    if diff is None:
        return {"path": path, "line": lineno, "added": False,
                "reason": "the commit does not add lines to this file"}
    n = next((k for k, ln in enumerate(diff.added) if ln.lineno == lineno), None)
    if n is None:
        return {"path": path, "line": lineno, "added": False,
                "reason": "the commit did not add this line (it was there before)"}
    origin = next(o for o in attribute(diffs, index, preexisting=preexisting,
                                       current=current)
                  if o.path == path and o.lineno == lineno)
    # the same runs as ``attribute``: a snippet claimed once over the commit's files
    runs = _runs(diffs, index, preexisting, current)
    diff, _context, run = next(x for x in runs if x[0].path == path)
    where = _existing_at(diffs, diff, preexisting)
    n = next(k for k, ln in enumerate(diff.added) if ln.lineno == lineno)
    props = _sorted_proposals(run, n, _recency(index))
    text = diff.added[n].text
    kinds = evidence_kinds(props)
    out: dict[str, object] = {
        "path": path, "line": lineno, "added": True, "text": text, "origin": origin.origin,
        "confidence": origin.confidence, "candidates": len(run.hits),
        "candidate_lines": sorted(sid for sid, at in run.hits.items() if n + 1 in at),
        "evidence_kinds": list(kinds), "corroborated": corroborated(kinds),
    }
    explanations: list[dict[str, object]] = []
    for prop, snip, sid in props:
        explanations.append({
            "snippet": sid, "exchange": snip.exchange_id, "kind": snip.kind,
            "source": snip.source or "unknown",
            "snippet_line": prop.snippet_line,
            "snippet_text": snip.text.split("\n")[prop.snippet_line - 1],
            "how": HOW[prop.how], "similarity": prop.similarity, "strength": round(
                prop.strength, 3), "renames": [list(r) for r in prop.renames],
            "rule": RULES.get(prop.rule, ""),
            "alignment": _alignment(run, n, sid, [ln.lineno for ln in diff.added]),
        })
    out["explanations"] = explanations
    dropped = _dropped(run, n, runs, index, where)
    if (not dropped and origin.origin == HUMAN and run.hits and n not in run.blocked
            and run.a.keys[n].weight > 0):
        dropped = _rejected(diffs, index, path, n, preexisting, current)
    out["dropped"] = dropped
    out["reason"] = _reason(origin, explanations, n in run.blocked, text, run, n, dropped)
    return out


# rules that accept a segment the plain thresholds do not (``_Proposal.rule``): what
# ``explain`` says of them
RULES = {
    "rare-fragment": "a short fragment kept verbatim, a paragraph of its own, whose code "
                     "lines no other recorded suggestion holds: lower thresholds "
                     "[rare-fragment]",
}

# checks inside the alignment (``_propose``, ``_accept``) that turn a snippet's segment down:
# the module flag that switches each off, its rule name and what it says
ALIGNMENT_CHECKS = {
    "PROLOGUE_CHECK": ("prologue", "the snippet's opening (its signature and first lines) "
                       "atop a function that goes on with more code of its own: another "
                       "function that opens as the suggestion does"),
    "LOOKALIKE_CHECK": ("look-alike", "a sibling written for another case: a signature of "
                        "its own above the shared lines, a renamed signature over a rewritten "
                        "end, or names renamed once each beside rewritten lines"),
    "FAR_HEAD_CHECK": ("far-head", "the shared lines sit in a function of the commit whose "
                       "signature is the snippet's, rewritten, further up: a sibling's tail"),
    "DIVERGE_CHECK": ("diverges", "the shared lines start inside the snippet right under the "
                      "snippet's line before them, rewritten: a sibling's own opening"),
    "HEAD_CHECK": ("renamed-body", "renamed without the snippet's first line: the body of a "
                   "sibling whose signature differs"),
    "DERIVED_CHECK": ("derived-renames", "one word substituted through several names: a "
                      "family member written for another case"),
}


def _rejected(diffs: Sequence[FileDiff], index: SnippetIndex, path: str, n: int,
              preexisting: Mapping[str, Collection[str]] | None,
              current: Mapping[str, Sequence[str]] | None) -> list[dict[str, object]]:
    """For ``explain`` only: the commit aligned again with each check of ``ALIGNMENT_CHECKS``
    off in turn; a snippet that explains the ``n``-th region line of ``path`` then was turned
    down by that check, and the region lines it would explain say where. (The flags are
    module state, switched for this call and restored: ``explain`` serves one command.)"""
    out: list[dict[str, object]] = []
    recency = _recency(index)
    for flag, (rule, says) in ALIGNMENT_CHECKS.items():
        was = globals()[flag]
        globals()[flag] = False
        try:
            wide, _c, run = next(x for x in _runs(diffs, index, preexisting, current)
                                 if x[0].path == path)
        finally:
            globals()[flag] = was
        for _p, snip, sid in _sorted_proposals(run, n, recency):
            if any(d["snippet"] == sid for d in out):
                continue
            got = {wide.added[i].lineno: p.snippet_line for i, props in run.best.items()
                   for p, _sn, x in props if x == sid}
            lo, hi = _near(list(got), wide.added[n].lineno)
            js = [j for ln, j in got.items() if lo <= ln <= hi]
            out.append({"snippet": sid, "exchange": snip.exchange_id, "rule": rule,
                        "rule_says": says, "why": f"without this check the snippet's lines "
                        f"{min(js)}-{max(js)} (of {snip.text.count(chr(10)) + 1}) would "
                        f"explain lines {lo}-{hi} of {path}", "lost_to": None})
    return out


def _near(rows: list[int], lineno: int) -> tuple[int, int]:
    """The run of ``rows`` (line numbers, gaps up to ``MAX_GAP`` + 1) around ``lineno``."""
    region = next(r for r in _regions(sorted({*rows, lineno})) if lineno in r)
    return region[0], region[-1]


def _existing_at(diffs: Sequence[FileDiff], diff: FileDiff,
                 preexisting: Mapping[str, Collection[str]] | None) -> Callable[[str], str]:
    """Where a normalised line of ``_known`` is: a line of the file before the commit
    (``path:line``), or a line the commit deletes (``path``, moved code)."""
    def at(norm: str) -> str:
        for path in dict.fromkeys(p for p in (diff.old_path, diff.path) if p):
            for k, line in enumerate((preexisting or {}).get(path, ()), 1):
                if _norm(line) == norm:
                    return f"line {k} of {path} before the commit"
        moved = next((d.path for d in diffs for t in d.deleted if _norm(t) == norm), None)
        return f"deleted from {moved} by the commit (moved code)" if moved else ""

    return at


def _dropped(run: _FileRun, n: int, runs: Sequence[tuple[FileDiff, frozenset[int], _FileRun]],
             index: SnippetIndex, where: Callable[[str], str]) -> list[dict[str, object]]:
    """The explanations of the ``n``-th region line that rules dropped (``_Drop``): snippet,
    exchange, rule, what the rule says and why it applied here, with the region it lost to
    as ``path:first-last`` or the existing line's place (``where``)."""
    out: list[dict[str, object]] = []
    seen: set[tuple[str, str]] = set()
    for d in run.dropped.get(n, ()):
        if (d.snippet, d.rule) in seen:
            continue
        seen.add((d.snippet, d.rule))
        snip = index.get(d.snippet)
        why, lost_to = d.why, None
        if d.lost_to is not None:
            other, lo, hi = d.lost_to
            wide = next(w for w, _c, r in runs if r is other)
            lost_to = f"{wide.path}:{wide.added[lo].lineno}-{wide.added[hi].lineno}"
            why += f" (the other region: {lost_to})"
        elif d.existing and (place := where(d.existing)):
            lost_to = place
            why += f" (the existing line: {place})"
        out.append({"snippet": d.snippet, "exchange": snip.exchange_id if snip else None,
                    "rule": d.rule, "rule_says": DROP_RULES[d.rule], "why": why,
                    "lost_to": lost_to})
    return out


def _alignment(run: _FileRun, n: int, sid: str, linenos: Sequence[int], around: int = 3,
               ) -> list[tuple[int, int | None, str]]:
    """Added lines near the ``n``-th (file line numbers) with the snippet line this snippet's
    explanation gives each (None: not explained by it) and the origin it proposes."""
    out: list[tuple[int, int | None, str]] = []
    for k in range(max(0, n - around), min(len(run.a.keys), n + around + 1)):
        got = [p for p, _snip, psid in run.best.get(k, ()) if psid == sid]
        out.append((linenos[k], got[0].snippet_line if got else None,
                    got[0].origin if got else HUMAN))
    return out


def _reason(origin: LineOrigin, explanations: list[dict[str, object]], blocked: bool,
            text: str, run: _FileRun, n: int,
            dropped: Sequence[Mapping[str, object]] = ()) -> str:
    if origin.origin == HUMAN:
        if not text.strip() or not _WORD.search(text):
            return ("a blank or brace-only line takes its neighbours' origin only between "
                    "two AI lines of the same snippet; here it does not sit between them")
        if blocked:
            return ("the line was in the file before the commit (or moved within it): "
                    "re-emitted code is not AI origin")
        if not run.hits:
            return "no recorded suggestion in scope shares a fingerprint with this change"
        if dropped:
            # snippets a rule dropped for the same reason are named together
            said: dict[tuple[str, str, str], list[str]] = {}
            for d in dropped:
                said.setdefault((str(d["rule"]), str(d["rule_says"]), str(d["why"])), []).append(
                    f"snippet {d['snippet']} (exchange {d['exchange'] or '-'})")
            return "a snippet would explain it, but a rule turned that down: " + "; ".join(
                f"{', '.join(who)}: {says} [{rule}]: {why}"
                for (rule, says, why), who in said.items())
        if run.a.keys[n].weight <= 0:
            return ("too common a line (import, brace, return...) to be evidence on its own, "
                    "and no accepted snippet segment covers it")
        return (f"{len(run.hits)} candidate snippet(s) share fingerprints with the change, "
                "but no accepted segment explains this line: too little kept around it, too "
                "many rewritten lines, or code already in the repository explains it as well")
    top = explanations[0] if explanations else None
    if top is None:
        return "a blank or brace-only line between two AI lines of the same snippet"
    label = ("verbatim: its text equals" if origin.origin == AI
             else f"AI origin, edited ({top['how']}): it derives from")
    kinds = {str(e.get("source")) for e in explanations}
    both = corroborated(kinds)
    rule = f" ({top['rule']})" if top.get("rule") else ""
    return (f"{label} line {top['snippet_line']} of snippet {top['snippet']} (exchange "
            f"{top['exchange']}, recorded by {top.get('source')}), inside a segment of that "
            f"snippet accepted{rule} with strength {top['strength']}; confidence = 0.6 + 0.25 x "
            f"strength + 0.15 x similarity ({top['similarity']})"
            + (" with the doubt left halved: the model's output and the agent's hook report "
               "both explain the line" if both else "")
            + (f"; {len(explanations) - 1} other snippet(s) also explain it (the best "
               "alignment decides; among equal ones the model's output, then the newest)"
               if len(explanations) > 1 else ""))


def _drop_template_slots(best: dict[int, list[tuple[_Proposal, Snippet, str]]],
                         dropped: dict[int, list[_Drop]] | None = None) -> None:
    """Renamed explanations of a line that disagree about what the name was.

    When two suggestions explain the same committed lines, one by renaming ``charset`` to
    ``encoding`` and the other by renaming ``language`` to ``encoding``, the commit's name
    fills a slot that varies across a family of look-alike functions (one per charset,
    language, encoding...): it is a member of the family written for its own case, not one
    suggestion with a name changed. Renamed explanations of such lines are dropped; an
    explanation without renames stands."""
    for i, props in list(best.items()):
        sources: dict[str, set[str]] = {}
        for prop, _snippet, _sid in props:
            for x, y in prop.renames:
                sources.setdefault(y, set()).add(x)
        if any(len(xs) > 1 for xs in sources.values()):
            if dropped is not None:
                _record_slots(dropped, i, props, sources)
            kept = [p for p in props if not p[0].renames]
            if kept:
                best[i] = kept
            else:
                del best[i]


def _record_slots(dropped: dict[int, list[_Drop]], i: int,
                  props: Sequence[tuple[_Proposal, Snippet, str]],
                  sources: Mapping[str, set[str]]) -> None:
    """``_drop_template_slots`` drops the renamed explanations of line ``i``: say, for each,
    which name of the commit the suggestions disagree about and what each says it was."""
    said: dict[str, list[str]] = {}
    for prop, _snip, sid in props:
        for x, y in prop.renames:
            said.setdefault(y, []).append(f"{x} in snippet {sid}")
    for prop, _snip, sid in props:
        if not prop.renames:
            continue
        names = [y for _x, y in prop.renames if len(sources.get(y, ())) > 1]
        dropped.setdefault(i, []).append(_Drop(sid, "template-slot", "; ".join(
            f"the commit's {y!r} was {', '.join(sorted(said[y]))}" for y in names)
            + ": the name fills a slot that varies across look-alike suggestions, a member "
            "written for its own case, not one suggestion renamed"))


def _record_family(dropped: dict[int, list[_Drop]],
                   best: Mapping[int, list[tuple[_Proposal, Snippet, str]]],
                   aligned: Mapping[str, _Text], sid: str, region: list[int],
                   kept: set[str], touched: set[str], lines: Mapping[str, set[str]]) -> None:
    """``_drop_family_slots`` drops snippet ``sid``'s explanation of ``region``: name the
    other suggestions with its shape and the snippet's line the commit touched."""
    members = sorted(other for other, got in lines.items()
                     if other != sid and kept <= got and not touched & got)
    s = aligned[sid]
    slot = sorted({s.keys[p.snippet_line - 1].norm for i in region for p, _sn, x in best[i]
                   if x == sid and p.how == _EDIT})
    shown = ", ".join(members[:4]) + (", ..." if len(members) > 4 else "")
    why = _Drop(sid, "family", f"the {len(kept)} code line(s) of it the commit keeps "
                f"unchanged are shared by "
                f"{len(members)} other suggestions (snippets {shown}) and none of them has "
                f"the snippet's line the commit touched ({' / '.join(slot)!r}): the commit "
                "fills that slot for its own case")
    for i in region:
        if any(x == sid for _p, _sn, x in best.get(i, ())):
            dropped.setdefault(i, []).append(why)


def _claim_why(sid: str, held: Sequence[tuple[_FileRun, dict[int, tuple[int, float]]]],
               k: int, min_overlap: int) -> _Drop:
    """``_claim_once`` takes snippet ``sid``'s explanation from region ``k`` of ``held``:
    name the region that aligns better over the snippet lines both hold."""
    jk = {j: sim for j, sim in held[k][1].values()}
    win: tuple[float, int, float, float, int] | None = None
    for m, (_run, region) in enumerate(held):
        jm = {j: sim for j, sim in region.values()}
        both = jk.keys() & jm.keys()
        if m == k or len(both) < min_overlap:
            continue
        fk, fm = sum(jk[j] for j in both), sum(jm[j] for j in both)
        if fm > fk and (win is None or fm - fk > win[0]):
            win = (fm - fk, m, fk, fm, len(both))
    if win is None:
        return _Drop(sid, "claim-once", "another region of the commit aligns better")
    _gap, m, fk, fm, shared = win
    run, region = held[m]
    return _Drop(sid, "claim-once", f"over the {shared} snippet code lines both regions "
                 f"hold, this one aligns with similarity {fk:.2f} in total and the other "
                 f"with {fm:.2f}: the better one is the suggestion kept, this one a copy a "
                 "person adapted", (run, min(region), max(region)))


def _fill_blank_lines(origins: list[LineOrigin], a: _Text,
                      snippets: Mapping[str, _Text]) -> list[LineOrigin]:
    """Blank and brace-only lines (``}``, ``});``) follow their neighbours.

    A run of such lines between two AI lines of the same snippet takes their origin (its
    brace-only lines as far as the snippet has lines there, ``_between``); a run of
    blank lines just before (after) a snippet's first (last) matched line takes it when the
    snippet has as many blank lines there itself (an edit tool's new text that starts with
    an empty line)."""
    out = list(origins)
    n = len(origins)

    def weak(m: int) -> bool:  # blank, or brackets and punctuation only
        return not _WORD.search(a.keys[m].norm) and not a.keys[m].text_only

    def ai(o: LineOrigin) -> bool:
        return o.origin != HUMAN and bool(o.evidence)

    def take(m: int, ev: Evidence, conf: float) -> None:
        o = origins[m]
        out[m] = LineOrigin(o.path, o.lineno, AI, conf, (ev,))

    m = 0
    while m < n:
        if not (weak(m) and origins[m].origin == HUMAN):
            m += 1
            continue
        end = m
        while end < n and weak(end) and origins[end].origin == HUMAN:
            end += 1
        above = origins[m - 1] if m > 0 else None
        below = origins[end] if end < n else None
        if (above is not None and below is not None and ai(above) and ai(below)
                and above.evidence[0].snippet_id == below.evidence[0].snippet_id
                and below.evidence[0].snippet_line > above.evidence[0].snippet_line):
            conf = min(above.confidence, below.confidence)
            for k in _between(origins, range(m, end), a, snippets):
                take(k, below.evidence[0], conf)
        else:
            blanks = [k for k in range(m, end) if not a.keys[k].norm]
            if below is not None and ai(below) and blanks and blanks[-1] == end - 1:
                _lead(below.evidence[0], snippets, range(m, end), a, take, below.confidence,
                      -1)
            if above is not None and ai(above) and not a.keys[m].norm:
                _lead(above.evidence[0], snippets, range(m, end), a, take, above.confidence,
                      1)
        m = end
    return out


def _between(origins: list[LineOrigin], run: range, a: _Text,
             snippets: Mapping[str, _Text]) -> list[int]:
    """The lines of ``run`` (blank and brace-only lines right between two AI lines of one
    snippet) that follow their neighbours: the blank lines, and the brace-only ones as far as
    the snippet has lines there of its own.

    The window reaches from the AI line above the run to the next AI line of weight of the
    snippet below it (past brace-only AI lines, whose snippet line is a guess: one ``}`` is
    like another), or, when the AI run ends with brace-only lines, to the last of them. When
    the commit has more non-blank lines there than the snippet, the extra ``})``, ``)`` or
    ``}`` closes a block or a call a person wrapped around the kept code: the snippet's lines
    are matched to the commit's from the bottom (a person's inner block closes first), equal
    code only, and the run's lines left over stay the person's."""
    top = origins[run.start - 1].evidence[0]
    sid = top.snippet_id
    s = snippets.get(sid)
    marks = [k for k in run if a.keys[k].norm]
    if s is None or not marks:
        return list(run)
    k = run.stop
    while k < len(origins) and (not a.keys[k].norm or (
            origins[k].origin != HUMAN and origins[k].evidence
            and origins[k].evidence[0].snippet_id == sid and not _WORD.search(a.keys[k].norm)
            and not a.keys[k].text_only)):
        k += 1
    below = origins[k].evidence if k < len(origins) and origins[k].origin != HUMAN else ()
    if below and below[0].snippet_id == sid:
        stop = below[0].snippet_line - 1
    else:  # the AI run ends with brace-only lines: up to the last of them
        stop = max(origins[x].evidence[0].snippet_line for x in range(run.stop, k)
                   if a.keys[x].norm)
    window = [x for x in range(run.start, k) if a.keys[x].norm]
    room = [j for j in range(top.snippet_line, stop) if 0 <= j < len(s.keys) and s.keys[j].norm]
    if len(window) <= len(room):
        return list(run)
    keep: set[int] = set()
    r = len(room) - 1
    for x in reversed(window):
        y = next((y for y in range(r, -1, -1) if s.keys[room[y]].code == a.keys[x].code), -1)
        if y >= 0:
            keep.add(x)
            r = y - 1
    return [x for x in run if not a.keys[x].norm or x in keep]


def _lead(ev: Evidence, snippets: Mapping[str, _Text], run: range, a: _Text,
          take: Callable[[int, Evidence, float], None], conf: float, step: int) -> None:
    """Blank lines of ``run`` next to the line matched to ``ev`` (before it: ``step`` -1)
    that the snippet also has next to that line."""
    s = snippets.get(ev.snippet_id)
    if s is None:
        return
    j = ev.snippet_line - 1 + step
    rows = reversed(run) if step < 0 else iter(run)
    end = len(s.keys) - 1  # the empty "line" after a final newline is no blank line
    for m in rows:
        if a.keys[m].norm or not (0 <= j < end) or s.keys[j].norm:
            break
        take(m, Evidence(ev.snippet_id, ev.exchange_id, j + 1, 1.0), conf)
        j += step
