"""A snippet is claimed once per commit (issue 17, ``_claim_once``): a person keeps a
suggestion and, in the same commit, writes a sibling of it by hand (a handler copied to
another module and adapted, another method far down the same file). Alone, the sibling
differs from the suggestion as an edit does (a literal, a comment), so it would be taken for
the suggestion touched up; beside the kept copy, which aligns better, it is the person's."""

from __future__ import annotations

from provenance.attribute import attribute, explain
from provenance.index import InMemoryIndex
from provenance.model import AI, HUMAN, AddedLine, FileDiff, LineOrigin, Snippet

FETCH = """def fetch_orders(client, account_id, since=None):
    params = {"account": account_id, "limit": 200}
    if since is not None:
        params["since"] = since.isoformat()
    response = client.get("/v2/orders", params=params, timeout=30)
    response.raise_for_status()
    rows = response.json()["items"]
    return [Order.from_row(row) for row in rows]"""

# the suggestion kept with one literal touched
KEPT = FETCH.replace("timeout=30", "timeout=45")

# a sibling a person wrote from it: same name (another module), two literals and a comment
SIBLING = (FETCH.replace('"limit": 200', '"limit": 50')
           .replace("/v2/orders", "/v2/orders/archived")
           .replace("response.raise_for_status()",
                    "response.raise_for_status()  # archived orders may 404"))

OTHER = """def unrelated(value):
    total = 0
    for item in value:
        total += item.weight * 2
    return total"""


def _index() -> InMemoryIndex:
    idx = InMemoryIndex()
    idx.add("s", Snippet(FETCH, "fence", "python", exchange_id="ex-s"))
    return idx


def _diff(path: str, text: str) -> FileDiff:
    return FileDiff(path, added=tuple(AddedLine(n + 1, t)
                                      for n, t in enumerate(text.split("\n"))), status="A")


def _code(text: str, got: list[LineOrigin]) -> list[str]:
    return [o.origin for line, o in zip(text.split("\n"), got, strict=True) if line.strip()]


def test_a_sibling_alone_reads_as_the_suggestion_edited() -> None:
    # what the rule is for: content alone cannot tell this sibling from an edit
    got = attribute([_diff("app/archive.py", SIBLING)], _index())
    assert HUMAN not in _code(SIBLING, got)


def test_a_sibling_in_another_file_of_the_commit_is_human_beside_the_kept_copy() -> None:
    diffs = [_diff("app/orders.py", KEPT), _diff("app/archive.py", SIBLING)]
    got = attribute(diffs, _index())
    kept = [o for o in got if o.path == "app/orders.py"]
    sib = [o for o in got if o.path == "app/archive.py"]
    assert HUMAN not in _code(KEPT, kept)
    assert set(_code(SIBLING, sib)) == {HUMAN}


def test_a_sibling_far_down_the_same_file_is_human() -> None:
    # far enough apart that the two are aligned apart (two clusters of the snippet's hits)
    filler = "\n\n".join(OTHER.replace("unrelated", f"unrelated_{n}") for n in range(14))
    text = "\n\n".join([SIBLING, filler, KEPT])
    got = attribute([_diff("app/orders.py", text)], _index())
    lines = text.split("\n")
    by_line = [(line, o.origin) for line, o in zip(lines, got, strict=True) if line.strip()]
    n_sib = len([x for x in SIBLING.split("\n") if x.strip()])
    assert {o for _l, o in by_line[:n_sib]} == {HUMAN}
    assert HUMAN not in [o for _l, o in by_line[-n_sib:]]
    assert {o for line, o in by_line if "unrelated" in line or "total" in line} == {HUMAN}


def test_the_suggestion_pasted_twice_unchanged_stays_ai_in_both() -> None:
    # equally good regions: nothing tells which is the person's copy
    diffs = [_diff("app/orders.py", FETCH), _diff("app/archive.py", FETCH)]
    got = attribute(diffs, _index())
    assert {o.origin for o in got if o.origin != HUMAN} == {AI}
    assert HUMAN not in [o.origin for o in got]


def test_explain_names_the_same_label_as_the_commit() -> None:
    diffs = [_diff("app/orders.py", KEPT), _diff("app/archive.py", SIBLING)]
    why = explain(diffs, _index(), "app/archive.py", 1)
    assert why["origin"] == HUMAN
    assert why["explanations"] == []
