"""Rules that share a pattern shape are walked once (``reviewer.rules.merge``): every rule
must still see exactly the matches its own query gives."""

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
            own = sorted(_key(caps) for _, caps in QueryCursor(rule.query).matches(root))
            assert sorted(merged.get(index, [])) == own, (rule.id, src[:200])


def test_shared_shapes_are_walked_once() -> None:
    pack = load_pack("python")
    shared = [o for o in pack.pattern_owners if len(o) > 1]
    assert shared, "no rule shares a pattern: the merge did nothing"
    assert pack.combined.pattern_count < sum(r.query.pattern_count for r in pack.rules)
    for owners in shared:  # each rule keeps its own names to check after the walk
        assert all(checks for _, checks, _ in owners)


def test_only_eq_and_any_of_on_single_nodes_are_moved() -> None:
    split = merge._split
    assert split('((call function: (identifier) @f) @s (#match? @f "^ev"))') is None
    assert split('((call function: (identifier) @f) @s (#not-eq? @f "x"))') is None
    assert split("(call function: (identifier) @f) @s") is None  # nothing to move
    assert split('((identifier) @f (#eq? @f "a\\nb"))') is None  # an escape kept as is
    shape, checks = split('((call function: (identifier) @f) @s (#any-of? @f "a" "b\\"c"))')
    assert shape == "((call function: (identifier) @f) @s )"
    assert checks == (("f", frozenset({b"a", b'b"c'})),)
