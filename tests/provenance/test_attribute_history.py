"""Attribution of a change to a file that existed (issue 17): the file before the change and
the unchanged lines around each hunk are the repository's own code. They anchor the
alignment of a model's newer version of a function already in the file (a few changed
lines, too few to align alone: the newest suggestion wins), and they keep a person's edits
and additions next to committed AI code human."""

from __future__ import annotations

import difflib

from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, HUMAN, AddedLine, FileDiff, LineOrigin, Snippet
from tests.provenance.test_attribute_edits import FETCH  # the 14-line function of the issue

# the model's newer version: two lines changed
FETCH_V2 = (FETCH.replace("response.raise_for_status()", "response.raise_for_status(strict=True)")
            .replace("time.sleep(delay * backoff ** attempt)",
                     "time.sleep(min(60, delay * backoff ** attempt))"))

HEAD = "import time\n\nfrom client import FetchFailed, RequestError\n\n\n"
TAIL = "\n\n\ndef main():\n    return fetch_with_retry(make_session(), URL)\n"

LEN = """func (b *Buffer) Len() int {
	if b.closed {
		return 0
	}
	return len(b.data) - b.off
}"""

# a person's sibling, added after LEN was committed
CAP = """func (b *Buffer) Cap() int {
	if b.closed {
		return 0
	}
	return cap(b.data)
}"""


def _change(path: str, before: str, after: str) -> tuple[FileDiff, dict[str, list[str]],
                                                         dict[str, list[str]]]:
    """The diff of ``before`` -> ``after`` as the hook sees it, and the two sides."""
    old, new = before.split("\n"), after.split("\n")
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    added = tuple(AddedLine(j + 1, new[j]) for op, _a, _b, j1, j2 in ops
                  if op in ("replace", "insert") for j in range(j1, j2))
    deleted = tuple(old[i] for op, i1, i2, _c, _d in ops if op in ("replace", "delete")
                    for i in range(i1, i2))
    return FileDiff(path, added=added, deleted=deleted), {path: old}, {path: new}


def _index(language: str, *snippets: tuple[str, str]) -> InMemoryIndex:
    idx = InMemoryIndex()
    for sid, text in snippets:  # stored in order: the last is the newest
        idx.add(sid, Snippet(text, "fence", language, exchange_id=f"ex-{sid}"))
    return idx


def _run(diff: FileDiff, idx: InMemoryIndex, pre: dict[str, list[str]],
         current: dict[str, list[str]] | None) -> dict[str, LineOrigin]:
    return {ln.text.strip(): o for ln, o in zip(
        diff.added, attribute([diff], idx, preexisting=pre, current=current), strict=True)}


def test_a_newer_suggestion_changing_two_lines_of_a_committed_one_is_ai_from_the_newer() -> None:
    diff, pre, current = _change("app/net.py", HEAD + FETCH + TAIL, HEAD + FETCH_V2 + TAIL)
    assert len(diff.added) == 2
    idx = _index("python", ("old", FETCH), ("new", FETCH_V2))
    got = _run(diff, idx, pre, current)
    assert {o.origin for o in got.values()} == {AI}, got
    assert {o.evidence[0].snippet_id for o in got.values()} == {"new"}
    # the two lines alone (no text of the file after the change) are too few to align
    alone = _run(diff, idx, pre, None)
    assert {o.origin for o in alone.values()} == {HUMAN}


def test_a_hand_edit_of_committed_ai_code_stays_human_with_its_context() -> None:
    edited = FETCH.replace("timeout = 30", "timeout = 45")
    diff, pre, current = _change("app/net.py", HEAD + FETCH + TAIL, HEAD + edited + TAIL)
    got = _run(diff, _index("python", ("old", FETCH)), pre, current)
    assert got["timeout = 45"].origin == HUMAN


def test_a_sibling_added_under_a_committed_ai_function_is_human_braces_too() -> None:
    before = "package buf\n\n" + LEN + "\n"
    after = "package buf\n\n" + LEN + "\n\n" + CAP + "\n"
    diff, pre, current = _change("buf/buffer.go", before, after)
    got = _run(diff, _index("go", ("len", LEN)), pre, current)
    assert [t for t, o in got.items() if o.origin != HUMAN] == []


def test_the_context_of_many_small_hunks_is_kept_small() -> None:
    from provenance.attribute import CONTEXT_LINES, _with_context

    lines = [f"value_{n} = compute({n})" for n in range(2000)]
    changed = range(10, 2000, 20)  # 100 one-line hunks, a rename across a big file
    diff = FileDiff("app/big.py", added=tuple(AddedLine(n, lines[n - 1]) for n in changed))
    wide, context = _with_context(diff, {"app/big.py": lines})
    assert context and len(context) <= 2 * len(changed) + 4 * CONTEXT_LINES
    assert [ln.lineno for ln in wide.added] == sorted({*changed, *context})
    # one hunk gets its full margin on each side
    one = FileDiff("app/big.py", added=(AddedLine(500, lines[499]),))
    assert len(_with_context(one, {"app/big.py": lines})[1]) == 2 * CONTEXT_LINES
    # a text that disagrees with the diff (not the file it was taken from) adds nothing
    other = FileDiff("app/big.py", added=(AddedLine(500, "something else"),))
    assert _with_context(other, {"app/big.py": lines})[1] == frozenset()
