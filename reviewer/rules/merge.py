"""One query walk for a whole pack, with rules that share a pattern shape walked once.

A tree-sitter query walk costs about the same for every pattern whose root is a common node
(a call), whether or not the pattern ever matches: the walk keeps one state per pattern for
the whole subtree of every call. Many rules differ only in the names their ``#eq?`` and
``#any-of?`` predicates accept (``os.system`` and ``subprocess.call`` have the same shape),
so the pack's combined query holds each such shape once, with one ``#any-of?`` accepting
the union of the names (or one ``#match?`` accepting what any member's ``#match?`` or names
accept), and the engine checks each rule's own names and regexes on the few matches the walk
returns. The matches a rule sees are exactly those its own pattern would give: the shape is
the same text, only predicates on captures that always hold one node are moved (``#eq?``,
``#any-of?`` and ``#match?`` test the node text, and tree-sitter itself never reads them:
the binding filters each structural match, so checking them after the walk is the same
test), and a rule's patterns keep their relative order in the query, so per-rule results
are unchanged. Each structural match costs the binding a predicate check per pattern that
has the shape, so a shape walked once is that much less work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from tree_sitter import Language, Query

# (#eq? @cap "text") / (#any-of? @cap "a" "b" ...) / (#match? @cap "regex"): the only
# predicates moved out of the walk
_PRED = re.compile(r'\(#(eq|any-of|match)\?\s+@([\w.-]+)((?:\s+"(?:[^"\\]|\\.)*")+)\s*\)')
_ANY_PRED = re.compile(r"\(#[\w-]+[?!]")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')

# a rule's own checks: (capture, the node texts it accepts, or the regex its text must
# match), each must hold
Checks = tuple[tuple[str, frozenset[bytes] | re.Pattern[str]], ...]
# a merged pattern names its captures _m0, _m1, ... (in order of appearance): (that name,
# the rule's own name) for each; () for a pattern left as the rule wrote it
Renames = tuple[tuple[str, str], ...]
Owner = tuple[int, Checks, Renames]
_CAPTURE = re.compile(r"@([\w.-]+)")


@dataclass(frozen=True)
class Merged:
    query: Query
    # per pattern of ``query``: (rule index, the checks left to that rule in the merged
    # pattern's capture names, those names -> the rule's), in rule order
    owners: tuple[tuple[Owner, ...], ...]


def _unescape(body: str) -> str | None:
    """The string a query literal stands for, or None when it holds an escape other than
    ``\\"`` and ``\\\\`` (such a pattern is left as it is)."""
    if "\\" in re.sub(r'\\\\|\\"', "", body):
        return None
    return re.sub(r'\\(["\\])', r"\1", body)


def _split(pattern: str) -> tuple[str, Checks] | None:
    """(the pattern without its eq/any-of/match predicates, normalised; the checks they
    make), or None when the pattern has any other predicate or is not one parenthesised
    group."""
    checks: list[tuple[str, frozenset[bytes] | re.Pattern[str]]] = []
    for m in _PRED.finditer(pattern):
        values = []
        for s in _STRING.findall(m.group(3)):
            v = _unescape(s)
            if v is None:
                return None
            values.append(v)
        if m.group(1) != "any-of" and len(values) != 1:
            return None
        if m.group(1) == "match":
            try:  # as the binding compiles it
                checks.append((m.group(2), re.compile(values[0])))
            except re.error:
                return None
            continue
        checks.append((m.group(2), frozenset(v.encode("utf-8") for v in values)))
    shape = _PRED.sub(" ", pattern)
    if _ANY_PRED.search(shape) or not checks:
        return None
    shape = " ".join(shape.split())
    if not shape.startswith("(") or not _one_group(shape):
        return None
    return shape, tuple(checks)


def _one_group(src: str) -> bool:
    """Is ``src`` one balanced (...) group (strings skipped)?"""
    depth = 0
    i = 0
    while i < len(src):
        c = src[i]
        if c == '"':
            m = _STRING.match(src, i)
            if m is None:
                return False
            i = m.end()
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0 and src[i + 1 :].strip():
                return False
        i += 1
    return depth == 0


def _named(names: dict[str, str], m: re.Match[str]) -> str:
    return "@" + names[m.group(1)]


def _quote(value: bytes) -> str:
    return '"' + value.decode("utf-8").replace("\\", "\\\\").replace('"', '\\"') + '"'


def merge(lang: Language, patterns: list[tuple[int, str, Query, int]]) -> Merged | None:
    """The merged query for ``patterns`` (rule index, pattern text, the rule's own query,
    the pattern's index in it), in pack order; None when nothing merges."""
    groups: dict[str, list[int]] = {}  # shape -> positions in ``patterns``
    split: list[tuple[str, Checks] | None] = []
    renames: list[Renames] = []
    for _, text, query, p in patterns:
        got = _split(text)
        if got is not None and not _single_nodes(query, p, got[1]):
            got = None
        rename: Renames = ()
        if got is not None and not re.search(r'"[^"]*@', got[0]):
            # captures named by position, so @mod/@fn and @m/@f shapes are one shape
            names: dict[str, str] = {}
            for name in _CAPTURE.findall(got[0]):
                names.setdefault(name, f"_m{len(names)}")
            shape = _CAPTURE.sub(partial(_named, names), got[0])
            got = (shape, tuple((names[c], v) for c, v in got[1]))
            rename = tuple((new, old) for old, new in names.items())
        split.append(got)
        renames.append(rename)
        if got is not None:
            groups.setdefault(got[0], []).append(len(split) - 1)
    # each shape's members join one pattern (when one predicate can stand for all of
    # theirs) while every rule's patterns keep their order
    chains: dict[int, list[int]] = {}  # rule index -> its positions, in order
    for pos, (rule_index, _, _, _) in enumerate(patterns):
        chains.setdefault(rule_index, []).append(pos)
    unit = _units(chains, [members for members in groups.values() if len(members) > 1 and
                           _union([split[m][1] for m in members]) is not None])  # type: ignore[index]
    members_of = _members(unit)
    lead: dict[int, str] = {}  # first position of a joined unit -> its pattern text
    for first, members in members_of.items():
        union = _union([split[m][1] for m in members]) if len(members) > 1 else None  # type: ignore[index]
        if union is not None:
            lead[first] = f"({split[first][0]} {union})"  # type: ignore[index]
    if not lead:
        return None
    sources: list[str] = []
    owners: list[list[Owner]] = []
    for first in _in_order(unit, chains):
        if first in lead:
            sources.append(lead[first])
            owners.append([(patterns[m][0], split[m][1], renames[m])  # type: ignore[index]
                           for m in members_of[first]])
        else:
            sources.append(patterns[first][1])
            owners.append([(patterns[first][0], (), ())])
    query = Query(lang, "\n".join(sources))
    if query.pattern_count != len(sources):
        return None
    return Merged(query, tuple(tuple(o) for o in owners))


def _members(unit: list[int]) -> dict[int, list[int]]:
    """First position of each unit -> its positions, in order."""
    out: dict[int, list[int]] = {}
    for pos, first in enumerate(unit):
        out.setdefault(first, []).append(pos)
    return out


def _units(chains: dict[int, list[int]], groups: list[list[int]]) -> list[int]:
    """Per position, the first position of the pattern it joins (itself: none). The members
    of a shape join its first one unless that would reorder a rule's patterns: a rule whose
    patterns sit in units A, B, C (in its order) needs an order of the query's patterns with
    A before B before C, so a join that makes these constraints circular is left out (the
    first match of a node wins per rule, and tree-sitter reports a node's matches in
    pattern order)."""
    unit = list(range(sum(len(c) for c in chains.values())))
    for members in groups:
        for m in members[1:]:
            unit[m] = members[0]
            if not _acyclic(unit, chains):
                unit[m] = m
    return unit


def _edges(unit: list[int], chains: dict[int, list[int]]) -> dict[int, set[int]]:
    edges: dict[int, set[int]] = {}
    for chain in chains.values():
        for a, b in zip(chain, chain[1:], strict=False):
            if unit[a] != unit[b]:
                edges.setdefault(unit[a], set()).add(unit[b])
    return edges


def _acyclic(unit: list[int], chains: dict[int, list[int]]) -> bool:
    edges = _edges(unit, chains)
    state: dict[int, int] = {}  # 1: on the path, 2: done
    for start in edges:
        if start in state:
            continue
        stack = [(start, iter(edges.get(start, ())))]
        state[start] = 1
        while stack:
            node, nxt = stack[-1]
            for after in nxt:
                seen = state.get(after)
                if seen == 1:
                    return False
                if seen is None:
                    state[after] = 1
                    stack.append((after, iter(edges.get(after, ()))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return True


def _in_order(unit: list[int], chains: dict[int, list[int]]) -> list[int]:
    """The units in pack order, except that a unit waits for the units a rule needs before
    it (a topological order, ties broken by first position)."""
    import heapq

    edges = _edges(unit, chains)
    firsts = sorted(set(unit))
    waiting = dict.fromkeys(firsts, 0)
    for afters in edges.values():
        for b in afters:
            waiting[b] += 1
    ready = [f for f in firsts if not waiting[f]]
    heapq.heapify(ready)
    out = []
    while ready:
        f = heapq.heappop(ready)
        out.append(f)
        for b in edges.get(f, ()):
            waiting[b] -= 1
            if not waiting[b]:
                heapq.heappush(ready, b)
    return out


def _union(checks: list[Checks]) -> str | None:
    """The predicates of a merged pattern: per capture that every member checks, one that
    accepts whatever any member accepts (``#any-of?`` of every name, or, when a member
    checks a regex, ``#match?`` of every member's regex); None when there is none."""
    common = None
    for own in checks:
        caps = {c for c, _ in own}
        common = caps if common is None else common & caps
    preds = []
    for c in sorted(common or ()):
        picked = [next(v for cap, v in own if cap == c) for own in checks]
        if all(isinstance(v, frozenset) for v in picked):
            names: set[bytes] = set()
            for own in checks:  # a member's own names on c: all its checks on c hold
                accepted = None
                for cap, v in own:
                    if cap == c and isinstance(v, frozenset):
                        accepted = set(v) if accepted is None else accepted & v
                names |= accepted or set()
            preds.append(f"(#any-of? @{c} {' '.join(_quote(v) for v in sorted(names))})")
            continue
        alts = []
        for v in picked:
            alt = _alternative(v)
            if alt is None:
                break
            alts.append(alt)
        else:
            rx = "|".join(dict.fromkeys(alts))
            try:
                re.compile(rx)
            except re.error:
                continue
            preds.append(f"(#match? @{c} {_quote(rx.encode('utf-8'))})")
    return " ".join(preds) or None


def _alternative(accepts: frozenset[bytes] | re.Pattern[str]) -> str | None:
    """A regex that matches (``search``) every text ``accepts`` accepts, to stand as one
    branch of an alternation; None when the member's regex cannot stand inside one (a
    back-reference, a named group, a flag that is not at its start)."""
    if isinstance(accepts, frozenset):
        names = sorted(v.decode("utf-8") for v in accepts)
        return r"\A(?:" + "|".join(re.escape(n) for n in names) + r")\Z"
    src = accepts.pattern
    head = re.match(r"\(\?([imsx]+)\)", src)
    if head is not None:
        src = f"(?{head.group(1)}:{src[head.end():]})"
    if re.search(r"\\[1-9]|\(\?P|\(\?[aiLmsux]+\)", src):
        return None
    return f"(?:{src})"


def _single_nodes(query: Query, pattern: int, checks: Checks) -> bool:
    """Does every checked capture hold exactly one node in every match of the pattern?"""
    names = {query.capture_name(i): i for i in range(query.capture_count)}
    for cap, _ in checks:
        if cap not in names:
            return False
        try:
            if query.capture_quantifier(pattern, names[cap]) != "":
                return False
        except SystemError:  # the capture is not in this pattern
            return False
    return True


def passes(checks: Checks, caps: dict) -> bool:  # type: ignore[type-arg]
    """A rule's own eq/any-of/match predicates on one match of its merged pattern (a regex
    searches the node's text as the binding hands it over: decoded, up to a NUL)."""
    for cap, accepted in checks:
        for node in caps.get(cap, ()):
            if isinstance(accepted, frozenset):
                if node.text not in accepted:
                    return False
            elif accepted.search(node.text.split(b"\0", 1)[0].decode("utf-8")) is None:
                return False
    return True


def renamed(renames: Renames, caps: dict) -> dict:  # type: ignore[type-arg]
    """One match of a merged pattern with the rule's own capture names."""
    return {old: caps[new] for new, old in renames if new in caps} if renames else caps
