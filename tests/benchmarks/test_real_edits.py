"""The real-edit corpus of the attribution benchmark: functions are paired by qualified name
across two releases, kept when a few lines changed, and every line of the newer version is
labelled by the documented rule (equal or moved: ai; paired with a similar old line of its
replace block: ai-edited; anything else: human). Small fixed inputs, no registry."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from benchmarks import _real_edits as r
from benchmarks._real_edits import AI, AI_EDITED, HUMAN
from provenance.index import InMemoryIndex
from provenance.model import Snippet
from tests.benchmarks import provenance_benchmark

OLD = """def total(items, tax):
    result = 0
    for item in items:
        result += item.price
    if tax:
        result = result * 1.2
    return result"""




def test_equal_lines_are_ai_whitespace_aside() -> None:
    new = OLD.replace("    result = 0", "    result  =  0").split("\n")
    assert r.label(OLD.split("\n"), new) == [AI] * 7


def test_a_changed_line_is_ai_edited_and_an_inserted_line_human() -> None:
    new = OLD.replace("result * 1.2", "result * rate").replace(
        "    if tax:", "    rate = 1.2 if tax else 1.0\n    if tax:").split("\n")
    assert r.label(OLD.split("\n"), new) == [AI, AI, AI, AI, HUMAN, AI, AI_EDITED, AI]


def test_a_line_too_different_from_every_old_line_of_its_block_is_human() -> None:
    new = OLD.replace("        result = result * 1.2",
                      "        raise NotImplementedError('taxes are computed upstream')")
    labels = r.label(OLD.split("\n"), new.split("\n"))
    assert labels[5] == HUMAN and labels.count(HUMAN) == 1


def test_a_moved_line_is_ai_but_each_old_line_explains_one_new_line() -> None:
    old = ["def f(a, b):", "    x = a + 1", "    y = b + 2", "    return x, y"]
    new = ["def f(a, b):", "    y = b + 2", "    x = a + 1", "    return x, y",
           "    return x, y"]
    labels = r.label(old, new)
    assert labels[:4] == [AI, AI, AI, AI]  # the swapped statement is the model's text
    assert labels[4] == HUMAN  # a second copy of a line the first copy already explains


def test_pairing_in_a_replace_block_is_one_to_one_most_similar_first() -> None:
    old = ["def f():", "    call_one(alpha)", "    return None"]
    new = ["def f():", "    call_one(alpha, beta)", "    call_one(alpha, gamma)",
           "    return None"]
    assert r.label(old, new) == [AI, AI_EDITED, HUMAN, AI]


def test_kept_wants_a_small_real_change() -> None:
    assert not r.kept(OLD, OLD)
    assert not r.kept(OLD, OLD.replace("    ", "  "))  # whitespace only
    assert r.kept(OLD, OLD.replace("1.2", "1.25"))
    assert r.kept(OLD, OLD.replace("    if tax:\n", ""))  # a deleted line is an edit
    rewritten = "\n".join(f"    step_{k}()" for k in range(8))
    assert not r.kept(OLD, "def total(items, tax):\n" + rewritten)
    # more than MAX_EDIT_LINES changed lines, though the rest is the same
    many = OLD + "\n" + "\n".join(f"    log({k})" for k in range(r.MAX_EDIT_LINES + 1))
    assert not r.kept(OLD, many)


def test_python_functions_by_qualified_name() -> None:
    text = ("import x\n\n@deco\ndef top(a):\n    a += 1\n    return a\n\n"
            "class C:\n    def m(self):\n        x = 1\n        return x\n\n"
            "    class D:\n        def m(self):\n            y = 2\n            return y\n\n"
            "def dup():\n    pass\n    pass\n\ndef dup():\n    return 1\n    pass\n")
    got = r.functions("python", text)
    assert sorted(got) == ["C.D.m", "C.m", "top"]  # a name defined twice is left out
    assert got["top"].startswith("@deco\ndef top(a):")


def test_javascript_functions_by_qualified_name() -> None:
    text = ("'use strict'\nfunction plain (a) {\n  a++\n  return a\n}\n"
            "class Box {\n  get size () {\n    return this._n\n  }\n"
            "  put (v) {\n    this._n = v\n    return this\n  }\n}\n"
            "const arrow = (x) => {\n  const y = x * 2\n  return y\n}\n"
            "Box.prototype.extra = function () {\n  this.k = 1\n  return this.k\n}\n"
            "exports.handler = function (req) {\n  req.ok = true\n  return req\n}\n")
    got = r.functions("javascript", text)
    assert sorted(got) == ["Box.get size", "Box.prototype.extra", "Box.put", "arrow",
                           "exports.handler", "plain"]
    assert got["arrow"].startswith("const arrow")


def test_pairs_of_pairs_by_path_and_name_and_keeps_small_edits() -> None:
    other = "def helper():\n    x = 1\n    return x"
    old_files = {"pkg/a.py": OLD + "\n\n" + other + "\n\ndef gone():\n    a = 1\n    return a",
                 "pkg/only_old.py": OLD}
    new_files = {"pkg/a.py": OLD.replace("1.2", "1.25") + "\n\n" + other,
                 "pkg/only_new.py": OLD}
    pairs = r.pairs_of("python", "pkg", old_files, new_files)
    assert [(p.path, p.name) for p in pairs] == [("pkg/pkg/a.py", "total")]
    assert pairs[0].other == (other,)  # unchanged: no pair, human code of the new file


def test_real_edit_commits_label_lines_and_index_the_older_version() -> None:
    bench = provenance_benchmark()
    new = OLD.replace("result * 1.2", "result * rate").replace(
        "    if tax:", "    rate = 1.2 if tax else 1.0\n    if tax:")
    other = "def helper():\n    x = 1\n    return x"
    pair = r.Pair("python", "pkg", "pkg/pkg/a.py", "total", OLD, new, (other,))
    index = InMemoryIndex()
    [commit] = bench.real_edit_commits([pair], index, 1)
    assert commit.kind == "real-edit" and commit.size == 7
    assert commit.split == bench._split_of("python", "pkg/pkg/a.py")
    assert index.get("re1") is not None and index.get("re1").text == OLD
    truth = {t: ai for t, ai in commit.lines}
    assert truth["    rate = 1.2 if tax else 1.0"] is False
    assert truth["        result = result * rate"] is True
    assert truth["    x = 1"] is False  # the neighbour function is human
    assert sum(ai for _, ai in commit.lines) == 7


def _tgz(path: Path, files: dict[str, str]) -> None:
    with tarfile.open(path, "w:gz") as t:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))


def test_release_files_take_sources_under_the_prefix_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    tgz = tmp_path / "p-1.0.0.tgz"
    _tgz(tgz, {"package/src/a.ts": "A", "package/src/a.d.ts": "D",
               "package/src/__tests__/t.ts": "T", "package/dist/b.ts": "B"})
    assert r._release_files("typescript", tgz, "package/src/") == {"a.ts": "A"}
    whl = tmp_path / "p-1.0-py3-none-any.whl"
    with zipfile.ZipFile(whl, "w") as z:
        z.writestr("p/a.py", "A")
        z.writestr("p/tests/test_a.py", "T")
        z.writestr("p-1.0.dist-info/METADATA", "M")
    assert r._release_files("python", whl, "p/") == {"a.py": "A"}


def test_a_release_whose_hash_differs_from_the_pin_stops_the_load(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    cache.mkdir()
    for version in ("1.0.0", "1.1.0"):
        _tgz(cache / f"p-{version}.tgz", {"package/lib/a.js": "function f () {}\n"})
    manifest = tmp_path / "real_edits.json"
    manifest.write_text(json.dumps({"javascript": [{
        "package": "p", "prefix": "package/lib/",
        "old": {"version": "1.0.0", "file": "p-1.0.0.tgz",
                "sha256": r._sha((cache / "p-1.0.0.tgz").read_bytes())},
        "new": {"version": "1.1.0", "file": "p-1.1.0.tgz", "sha256": "0" * 64}}]}))
    with pytest.raises(r.FetchError, match="p-1.1.0.tgz"):
        list(r.load(manifest, cache, ("javascript",)))


def test_real_edit_suggestions_go_to_a_copy_of_the_index_only() -> None:
    """The other rows keep the index they had before real edits were added (comparable)."""
    bench = provenance_benchmark()
    index = InMemoryIndex()
    index.add("s1", Snippet(OLD, "fence", "python"))
    copy = bench._copy_index(index)
    pair = r.Pair("python", "pkg", "pkg/a.py", "total", OLD.replace("total", "grand"),
                  OLD.replace("1.2", "1.25"))
    bench.real_edit_commits([pair], copy, 1)
    assert len(index) == 1 and index.get("re1") is None
    assert len(copy) == 2 and copy.get("s1") is not None and copy.get("re1") is not None
    hashes = list(index._postings)
    assert {sid for sid, _ in index.candidates(hashes)} == {"s1"}
    assert {sid for sid, _ in copy.candidates(hashes)} == {"s1", "re1"}
