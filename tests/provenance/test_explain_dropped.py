"""``explain`` of a human line that a snippet would explain but a rule turned down (issue 17):
the rule is named, with the snippet and exchange it dropped and the specifics the rule knows
(the region that aligns better, the existing line and where it is, the look-alikes, the
disagreeing renames, the region the snippet would explain without the check). A line no
snippet comes near keeps the generic reason, and a kept line names no dropped snippet."""

from __future__ import annotations

import json

from aiprov.commands.explain import render
from provenance.attribute import explain
from provenance.index import InMemoryIndex
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, FileDiff, Snippet
from tests.provenance import test_attribute_claim_once as claim
from tests.provenance import test_attribute_edits as edits
from tests.provenance import test_attribute_family as family
from tests.provenance import test_attribute_far_head as far
from tests.provenance import test_attribute_lookalikes as lookalikes
from tests.provenance import test_attribute_prologue as prologue


def _diff(path: str, text: str, deleted: tuple[str, ...] = ()) -> FileDiff:
    return FileDiff(path, added=tuple(AddedLine(n + 1, t)
                                      for n, t in enumerate(text.split("\n"))),
                    deleted=deleted, status="A")


def _index(language: str, **snippets: str) -> InMemoryIndex:
    idx = InMemoryIndex()
    for sid, text in snippets.items():
        idx.add(sid, Snippet(text, "fence", language, exchange_id=f"ex-{sid}"))
    return idx


def _line(text: str, part: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if part in line)


def _rules(got: dict[str, object]) -> list[tuple[object, object, object]]:
    return [(d["snippet"], d["exchange"], d["rule"]) for d in got["dropped"]]  # type: ignore[attr-defined]


def test_claim_once_names_the_region_that_aligns_better() -> None:
    diffs = [claim._diff("app/orders.py", claim.KEPT),
             claim._diff("app/archive.py", claim.SIBLING)]
    got = explain(diffs, claim._index(), "app/archive.py", 5)
    assert got["origin"] == HUMAN
    assert _rules(got) == [("s", "ex-s", "claim-once")]
    d = got["dropped"][0]  # type: ignore[index]
    assert d["lost_to"] == "app/orders.py:1-8"
    assert "8 snippet code lines both regions hold" in d["why"]
    assert "claim-once" in str(got["reason"]) and "app/orders.py:1-8" in str(got["reason"])
    # the kept copy names no dropped snippet
    kept = explain(diffs, claim._index(), "app/orders.py", 5)
    assert kept["origin"] == AI_EDITED and kept["dropped"] == []


def _posted() -> tuple[str, int]:
    text = edits.FETCH.replace("response = session.get(url, timeout=timeout)",
                               "response = session.post(url, timeout=timeout, json=body)")
    return text, _line(text, "session.post")


def test_prefer_existing_names_the_existing_line_and_where_it_is() -> None:
    text, n = _posted()
    existing = ["def post_with_retry(session, url, body, attempts=5):",
                "            response = session.post(url, timeout=timeout, json=body, verify=v)"]
    idx = _index("python", f=edits.FETCH)
    got = explain([_diff("app/net.py", text)], idx, "app/net.py", n,
                  preexisting={"app/net.py": existing})
    assert got["origin"] == HUMAN and _rules(got) == [("f", "ex-f", "prefer-existing")]
    d = got["dropped"][0]  # type: ignore[index]
    assert d["lost_to"] == "line 2 of app/net.py before the commit"
    assert "session.post(url, timeout=timeout, json=body, verify=v)" in d["why"]
    assert "code already in the repository" in str(got["reason"])
    # moved in the same commit: the file it was deleted from
    moved = explain([_diff("app/net.py", text), _diff("app/old.py", "x = 1", (existing[1],))],
                    idx, "app/net.py", n)
    assert moved["dropped"][0]["lost_to"] == "deleted from app/old.py by the commit (moved code)"  # type: ignore[index]
    # without the existing line the snippet's explanation stands, nothing dropped
    alone = explain([_diff("app/net.py", text)], idx, "app/net.py", n)
    assert alone["origin"] == AI_EDITED and alone["dropped"] == []


def test_a_family_member_names_the_look_alikes_and_the_touched_line() -> None:
    idx = family._index(*family.FAMILY)
    got = explain([_diff("src/Stream.java", family.COMMITTED)], idx, "src/Stream.java", 2)
    assert got["origin"] == HUMAN and _rules(got) == [("s", "ex-s", "family")]
    why = got["dropped"][0]["why"]  # type: ignore[index]
    assert "3 other suggestions (snippets f0, f1, f2)" in why
    assert 'mark/reset not supported' in why
    alone = explain([_diff("src/Stream.java", family.COMMITTED)], family._index(),
                    "src/Stream.java", 2)
    assert alone["origin"] == AI_EDITED and alone["dropped"] == []


NEGOTIATE = """def best_match(header, offered):
    ranked = []
    for part in header.split(","):
        charset, _, q = part.strip().partition(";q=")
        weight = float(q or 1.0)
        if charset in offered and weight > 0:
            ranked.append((weight, charset))
    ranked.sort(reverse=True)
    return ranked[0][1] if ranked else None"""


def test_template_slot_names_the_names_the_suggestions_disagree_about() -> None:
    text = NEGOTIATE.replace("charset", "encoding")
    n = _line(text, "encoding, _, q")
    both = _index("python", a=NEGOTIATE, b=NEGOTIATE.replace("charset", "language"))
    got = explain([_diff("app/neg.py", text)], both, "app/neg.py", n)
    assert got["origin"] == HUMAN
    assert _rules(got) == [("a", "ex-a", "template-slot"), ("b", "ex-b", "template-slot")]
    why = got["dropped"][0]["why"]  # type: ignore[index]
    assert "'encoding' was charset in snippet a, language in snippet b" in why
    # one suggestion renamed: its explanation stands
    one = explain([_diff("app/neg.py", text)], _index("python", a=NEGOTIATE), "app/neg.py", n)
    assert one["origin"] == AI_EDITED and one["dropped"] == []


def test_prologue_names_the_check_and_the_region_it_turned_down() -> None:
    idx = _index("python", s=prologue.SUGGESTED)
    got = explain([_diff("app/middleware.py", prologue.OWN)], idx, "app/middleware.py", 2)
    assert got["origin"] == HUMAN and _rules(got) == [("s", "ex-s", "prologue")]
    assert "snippet's lines 1-4 (of 12) would explain lines 1-4 of app/middleware.py" in (
        got["dropped"][0]["why"])  # type: ignore[index]
    # the person's own line below it: no snippet comes near, the generic reason
    own = explain([_diff("app/middleware.py", prologue.OWN)], idx, "app/middleware.py",
                  _line(prologue.OWN, "started = time.monotonic()"))
    assert own["origin"] == HUMAN and own["dropped"] == []
    assert "no accepted segment explains this line" in str(own["reason"])


def test_a_look_alike_names_the_check() -> None:
    idx = _index("python", s=lookalikes.UNARY)
    n = _line(lookalikes.BINARY, "raise NotConstant() from exc")
    got = explain([_diff("app/nodes.py", lookalikes.BINARY)], idx, "app/nodes.py", n)
    assert got["origin"] == HUMAN and _rules(got) == [("s", "ex-s", "look-alike")]
    assert "a sibling written for another case" in str(got["reason"])


def test_a_siblings_tail_names_the_far_head_check() -> None:
    text = far.HEADER + "\n" + far.TO_INTEGER
    n = _line(text, "return nil, precisionOf(v.sign)")
    got = explain([_diff("values/convert.go", text)], _index("go", s=far.TO_RATIO),
                  "values/convert.go", n)
    assert got["origin"] == HUMAN and _rules(got) == [("s", "ex-s", "far-head")]


def test_text_and_json_show_the_dropped_explanations() -> None:
    diffs = [claim._diff("app/orders.py", claim.KEPT),
             claim._diff("app/archive.py", claim.SIBLING)]
    got = explain(diffs, claim._index(), "app/archive.py", 5)
    text = "\n".join(render({**got, "commit_line": 5}))
    assert "dropped: snippet s (exchange ex-s), rule claim-once" in text
    assert "(the other region: app/orders.py:1-8)" in text
    assert json.loads(json.dumps(got))["dropped"][0]["rule"] == "claim-once"
    ai = explain(diffs, claim._index(), "app/orders.py", 1)
    assert ai["origin"] == AI and "dropped:" not in "\n".join(render({**ai, "commit_line": 1}))
