"""Reviewing one suggested snippet: every line as AI origin, bounded cost, hints apart."""

from __future__ import annotations

from provenance.model import Snippet
from reviewer.suggestion import MAX_BYTES, MAX_LINES, cap, grammar_of, review_snippet

SQL = "    db.execute(f\"SELECT * FROM t WHERE id = {uid}\")"


def snippet(text: str, language: str | None = "python", path: str | None = None) -> Snippet:
    return Snippet(text=text, kind="fence", language=language, path=path)


def test_each_line_is_reviewed_as_ai_origin_with_lines_in_the_snippet() -> None:
    got = review_snippet(snippet(f"def q(db, uid):\n{SQL}\n"))
    [f] = got.findings
    assert (f.rule_id, f.cwe_id, f.line, f.origin.label) == ("py.sql.built-query", "CWE-89",
                                                             2, "ai")
    assert not got.capped


def test_the_language_comes_from_the_tag_else_the_path() -> None:
    assert grammar_of(snippet("x", "tsx")) == "tsx"
    assert grammar_of(snippet("x", None, "web/app.ts")) == "typescript"
    assert grammar_of(snippet("x", "rust", "src/main.rs")) is None
    assert review_snippet(snippet(f"def q(db, uid):\n{SQL}\n", None, "q.py")).findings
    assert review_snippet(snippet(f"def q(db, uid):\n{SQL}\n", "rust")).findings == ()


def test_a_huge_snippet_is_reviewed_up_to_the_cap_and_says_so() -> None:
    filler = "x = 1\n" * (MAX_LINES + 10)
    early = review_snippet(snippet(f"def q(db, uid):\n{SQL}\n{filler}"))
    assert early.capped and [f.line for f in early.findings] == [2]
    late = review_snippet(snippet(f"{filler}def q(db, uid):\n{SQL}\n"))
    assert late.capped and late.findings == ()


def test_the_byte_cap_cuts_at_a_line_end() -> None:
    text = ("y = 'ä'\n" * (MAX_BYTES // 4))[: MAX_BYTES]
    kept, cut = cap(text + "z = 2\n" * 10)
    assert cut and len(kept.encode()) <= MAX_BYTES and kept.endswith("'ä'")
    assert cap("a\nb\n") == ("a\nb\n", False)


def test_judgement_hints_come_back_apart() -> None:
    code = ("from flask import Flask, request\napp = Flask(__name__)\n\n"
            "@app.route('/users/<uid>', methods=['DELETE'])\n"
            "def delete_user(uid):\n    db.delete(uid)\n    return ''\n")
    got = review_snippet(snippet(code))
    assert got.hints and all(h.judgement for h in got.hints)
    assert not any(f.judgement for f in got.findings)
