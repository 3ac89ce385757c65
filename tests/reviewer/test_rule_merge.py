"""Rules that share a pattern shape are walked once (``reviewer.rules.merge``): every rule
must still see exactly the matches its own query gives, in the same order."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from tree_sitter import Parser, QueryCursor

from reviewer.rules import load_pack
from tests.reviewer.test_engine import ALL_CASES, EXT
from tests.reviewer.test_js_classes import CASES as JS_CLASSES
from tests.reviewer.test_py_classes import CASES as PY_CLASSES

merge = importlib.import_module("reviewer.rules.merge")
APPS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "review_apps"
GRAMMAR = {"app.py": "python", "app.js": "javascript", "main.go": "go", "A.java": "java"}


def _sources(grammar: str) -> list[str]:
    out = [code for rule_id, bad, good in ALL_CASES
           if GRAMMAR[EXT.get(rule_id.split(".")[0], "app.py")] == grammar
           for code in (bad, good)]
    ext = {"python": ".py", "javascript": ".js", "typescript": ".js"}.get(grammar)
    if ext is not None:
        out += [p.read_text() for p in sorted(APPS.rglob(f"*{ext}"))]
        cases = PY_CLASSES if grammar == "python" else JS_CLASSES
        out += [c for case in cases for c in case if isinstance(c, str) and "\n" in c]
    return out


def _key(caps: dict) -> tuple:  # type: ignore[type-arg]
    return tuple(sorted((name, tuple((n.start_byte, n.end_byte) for n in nodes))
                        for name, nodes in caps.items()))


@pytest.mark.parametrize("grammar", ["python", "javascript", "typescript", "go", "java"])
def test_each_rule_sees_the_matches_of_its_own_query(grammar: str) -> None:
    pack = load_pack(grammar)
    sources = _sources(grammar)
    assert len(sources) >= 6
    for src in sources:
        root = Parser(pack.language).parse(src.encode()).root_node
        merged: dict[int, list[tuple]] = {}  # type: ignore[type-arg]
        for pattern, caps in QueryCursor(pack.combined).matches(root):
            for index, checks, names in pack.pattern_owners[pattern]:
                if merge.passes(checks, caps):
                    merged.setdefault(index, []).append(_key(merge.renamed(names, caps)))
        for index, rule in enumerate(pack.rules):
            # in order too: the first match of a node wins per rule
            own = [_key(caps) for _, caps in QueryCursor(rule.query).matches(root)]
            assert merged.get(index, []) == own, (rule.id, src[:200])


def test_shared_shapes_are_walked_once() -> None:
    pack = load_pack("python")
    shared = [o for o in pack.pattern_owners if len(o) > 1]
    assert shared, "no rule shares a pattern: the merge did nothing"
    assert pack.combined.pattern_count < sum(r.query.pattern_count for r in pack.rules)
    for owners in shared:  # each rule keeps its own names to check after the walk
        assert all(checks for _, checks, _ in owners)


def test_only_eq_any_of_and_match_on_single_nodes_are_moved() -> None:
    split = merge._split
    shape, checks = split('((call function: (identifier) @f) @s (#match? @f "^ev"))')
    assert shape == "((call function: (identifier) @f) @s )"
    assert [(c, v.pattern) for c, v in checks] == [("f", "^ev")]
    assert split('((call function: (identifier) @f) @s (#not-match? @f "x"))') is None
    assert split('((call function: (identifier) @f) @s (#match? @f "("))') is None
    assert split('((call function: (identifier) @f) @s (#not-eq? @f "x"))') is None
    assert split("(call function: (identifier) @f) @s") is None  # nothing to move
    assert split('((identifier) @f (#eq? @f "a\\nb"))') is None  # an escape kept as is
    shape, checks = split('((call function: (identifier) @f) @s (#any-of? @f "a" "b\\"c"))')
    assert shape == "((call function: (identifier) @f) @s )"
    assert checks == (("f", frozenset({b"a", b'b"c'})),)


def test_a_merged_regex_accepts_what_each_member_accepts() -> None:
    import re

    accepts = [re.compile("(?i)^exec$"), frozenset({b"open", b"a.b"}), re.compile(r"^(os|io)\.")]
    union = merge._union([(("f", v),) for v in accepts])
    assert union is not None and union.startswith("(#match? @f ")
    rx = re.compile("|".join(merge._alternative(v) for v in accepts))
    for word in ("EXEC", "open", "a.b", "os.path"):
        assert rx.search(word), word
    for word in ("opened", "axb", "posix.x"):
        assert not rx.search(word), word
    # a back-reference cannot stand in an alternation: no predicate for that capture
    assert merge._union([(("f", re.compile(r"(a)\1")),), (("f", frozenset({b"x"})),)]) is None


def test_a_rule_keeps_its_pattern_order_when_shapes_join() -> None:
    """Rule 0 has shapes A then B, rule 1 has B then A: joining both shapes would need A
    before B and B before A, so only one joins and each rule's patterns keep their order."""
    from tree_sitter import Query

    lang = load_pack("python").language
    a = '((call function: (identifier) @f) @s (#eq? @f "{}"))'
    b = '((attribute attribute: (identifier) @f) @s (#eq? @f "{}"))'
    patterns = []
    for rule, shapes in enumerate(((a, b), (b, a))):
        texts = [shape.format(f"n{rule}{i}") for i, shape in enumerate(shapes)]
        q = Query(lang, "\n".join(texts))
        patterns += [(rule, t, q, i) for i, t in enumerate(texts)]
    got = merge.merge(lang, patterns)
    assert got is not None and got.query.pattern_count == 3
    at: dict[tuple[int, int], int] = {}  # (rule, its pattern) -> query pattern
    alone: dict[int, int] = {}  # rule -> the query pattern of its pattern left as written
    for index, owners in enumerate(got.owners):
        for rule, checks, _ in owners:
            if checks:  # a joined pattern: its own name says which of the rule's it is
                at[(rule, int(next(iter(checks[0][1])).decode()[-1]))] = index
            else:
                alone[rule] = index
    for rule, index in alone.items():
        at[(rule, 1 - next(i for r, i in at if r == rule))] = index
    assert at[(0, 0)] < at[(0, 1)] and at[(1, 0)] < at[(1, 1)]
