"""``--tool-writes`` of the attribution benchmark: suggestions indexed as an agent's writes
carry the file the proxy would record them written to (``Snippet.path``) -- a suggested
snippet its commit's file -- and the corpus made otherwise is the same commits (the option
draws no randomness). Small fixed inputs, no pinned corpus."""

from __future__ import annotations

import random

from provenance.index import InMemoryIndex
from tests.benchmarks import provenance_benchmark

FUNC = """def total(items, tax):
    result = 0
    for item in items:
        result += item.price
    if tax:
        result = result * 1.2
    return result"""
HUMAN = ["def a():\n    return 1", "def b():\n    return 2", "def c():\n    return 3"]


def _commit(kind: str, tool: bool) -> tuple[object, InMemoryIndex]:
    pa = provenance_benchmark()
    index = InMemoryIndex()
    commit = pa._ai_commit(kind, "python", ".py", "dev", FUNC, HUMAN, ["x = 1"], index, 7,
                           random.Random(3), tool)
    return commit, index


def test_a_suggested_write_is_recorded_with_its_commits_file() -> None:
    for kind in ("literal", "superseded"):
        commit, index = _commit(kind, True)
        assert commit.path == "python/t7.py"  # type: ignore[attr-defined]
        snips = [index.get(sid) for sid in ("s7", "o7") if index.get(sid) is not None]
        assert snips and all(s.path == "python/t7.py" and s.kind in ("write", "edit")
                             for s in snips if s is not None)


def test_chat_fences_have_no_path_and_the_commits_are_the_same() -> None:
    for kind in ("literal", "superseded", "partial"):
        fence, fences = _commit(kind, False)
        write, _writes = _commit(kind, True)
        assert fence.lines == write.lines  # type: ignore[attr-defined]
        s = fences.get("s7")
        assert s is not None and s.path is None and s.kind in ("fence", "edit")
