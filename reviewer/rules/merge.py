"""One query walk for a whole pack, with rules that share a pattern shape walked once.

A tree-sitter query walk costs about the same for every pattern whose root is a common node
(a call), whether or not the pattern ever matches: the walk keeps one state per pattern for
the whole subtree of every call. Many rules differ only in the names their ``#eq?`` and
``#any-of?`` predicates accept (``os.system`` and ``subprocess.call`` have the same shape),
so the pack's combined query holds each such shape once, with one ``#any-of?`` accepting
the union of the names, and the engine checks each rule's own names on the few matches the
walk returns. The matches a rule sees are exactly those its own pattern would give: the
shape is the same text, only predicates on captures that always hold one node are moved
(``#eq?`` and ``#any-of?`` compare the node text, so checking them after the walk is the
same test), and a rule's patterns keep their order, so per-rule results are unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from tree_sitter import Language, Query

# (#eq? @cap "text") / (#any-of? @cap "a" "b" ...): the only predicates moved out of the walk
_PRED = re.compile(r'\(#(eq|any-of)\?\s+@([\w.-]+)((?:\s+"(?:[^"\\]|\\.)*")+)\s*\)')
_ANY_PRED = re.compile(r"\(#[\w-]+[?!]")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')

# a rule's own checks: (capture, the node texts it accepts), each must hold
Checks = tuple[tuple[str, frozenset[bytes]], ...]
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
    """(the pattern without its eq/any-of predicates, normalised; the checks they make), or
    None when the pattern has any other predicate or is not one parenthesised group."""
    checks: list[tuple[str, frozenset[bytes]]] = []
    for m in _PRED.finditer(pattern):
        values = []
        for s in _STRING.findall(m.group(3)):
            v = _unescape(s)
            if v is None:
                return None
            values.append(v.encode("utf-8"))
        if m.group(1) == "eq" and len(values) != 1:
            return None
        checks.append((m.group(2), frozenset(values)))
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
    # a group's union predicate: per capture every member checks, the names any accepts
    lead: dict[int, tuple[str, Checks]] = {}  # first position of a group -> its query
    member_of: dict[int, int] = {}
    for shape, members in groups.items():
        if len(members) < 2:
            continue
        common = None
        for m in members:
            caps = {c for c, _ in split[m][1]}  # type: ignore[index]
            common = caps if common is None else common & caps
        if not common:
            continue
        union: dict[str, set[bytes]] = {c: set() for c in sorted(common)}
        for m in members:
            for c in union:
                accepted = None
                for cap, values in split[m][1]:  # type: ignore[index]
                    if cap == c:
                        accepted = set(values) if accepted is None else accepted & values
                union[c] |= accepted or set()
        lead[members[0]] = (shape, tuple((c, frozenset(v)) for c, v in union.items()))
        for m in members:
            member_of[m] = members[0]
    if not lead:
        return None
    sources: list[str] = []
    owners: list[list[Owner]] = []
    slot: dict[int, int] = {}  # position of a group's first member -> its query pattern
    last: dict[int, int] = {}  # rule index -> query pattern of its latest pattern
    for pos, (rule_index, text, _, _) in enumerate(patterns):
        first = member_of.get(pos)
        # a rule's patterns keep their order (the first match of a node wins per rule): a
        # pattern whose group comes before the rule's previous pattern stays on its own
        if first is not None and first in slot and last.get(rule_index, -1) > slot[first]:
            first = None
        if first is None:
            at = len(sources)
            sources.append(text)
            owners.append([(rule_index, (), ())])
        else:
            if first not in slot:
                shape, accepts = lead[first]
                preds = " ".join(
                    f"(#any-of? @{c} {' '.join(_quote(v) for v in sorted(vs))})"
                    for c, vs in accepts)
                slot[first] = len(sources)
                sources.append(f"({shape} {preds})")
                owners.append([])
            at = slot[first]
            owners[at].append((rule_index, split[pos][1], renames[pos]))  # type: ignore[index]
        last[rule_index] = at
    query = Query(lang, "\n".join(sources))
    if query.pattern_count != len(sources):
        return None
    return Merged(query, tuple(tuple(o) for o in owners))


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
    """A rule's own eq/any-of predicates on one match of its merged pattern."""
    for cap, accepted in checks:
        for node in caps.get(cap, ()):
            if node.text not in accepted:
                return False
    return True


def renamed(renames: Renames, caps: dict) -> dict:  # type: ignore[type-arg]
    """One match of a merged pattern with the rule's own capture names."""
    return {old: caps[new] for new, old in renames if new in caps} if renames else caps
