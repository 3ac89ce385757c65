from __future__ import annotations

from provenance.fingerprint import fingerprints
from provenance.index import InMemoryIndex, SnippetIndex
from provenance.model import Snippet

CODE_A = ("def total(items):\n    result = 0\n    for item in items:\n"
          "        result += item.price * item.quantity\n    return result\n")
CODE_B = ("function render(list) {\n  const out = [];\n  for (const x of list) {\n"
          "    out.push(`<li>${x}</li>`);\n  }\n  return out.join('');\n}\n")


def test_candidates_rank_by_shared_hashes() -> None:
    index = InMemoryIndex()
    assert isinstance(index, SnippetIndex)
    index.add("a", Snippet(CODE_A, "fence", "python"))
    index.add("b", Snippet(CODE_B, "fence", "javascript"))
    assert len(index) == 2
    hashes = {fp.hash for fp in fingerprints(CODE_A.replace("items", "rows"), "python")}
    got = index.candidates(hashes)
    assert got[0][0] == "a" and got[0][1] == len(hashes)
    assert all(sid != "b" for sid, _ in got)
    assert index.candidates(set()) == []
    assert index.candidates(hashes, limit=0) == []


def test_get_and_replace() -> None:
    index = InMemoryIndex()
    index.add("a", Snippet(CODE_A, "fence", "python"))
    index.add("a", Snippet(CODE_B, "fence", "javascript"))
    assert len(index) == 1
    snippet = index.get("a")
    assert snippet is not None and snippet.text == CODE_B
    assert index.get("missing") is None
    old = {fp.hash for fp in fingerprints(CODE_A, "python")}
    assert index.candidates(old) == []


def test_postings_list_the_snippets_of_each_hash() -> None:
    index = InMemoryIndex()
    index.add("a", Snippet(CODE_A, "fence", "python"))
    index.add("b", Snippet(CODE_A + "\n", "fence", "python"))
    index.add("c", Snippet(CODE_B, "fence", "javascript"))
    hashes = {fp.hash for fp in fingerprints(CODE_A, "python")}
    got = index.postings(hashes | {42})
    assert set(got) == hashes
    assert all(sorted(ids) == ["a", "b"] for ids in got.values())
