"""A constant JavaScript regular expression whose repeated group can split the same text in
many ways (``/^([a-zA-Z0-9]+\\s?)+$/.test(name)``, ``new RegExp("^(\\\\w+\\\\.?)+@")``)
backtracks exponentially on a near-miss input and blocks the event loop (issue 19, CWE-1333):
``js.regex.exponential`` judges the pattern as ``py.regex.exponential`` does
(``reviewer.redos``), from a regex literal the code matches with, a literal a name holds and
the code then matches with, or a constant handed to ``RegExp``. A pattern built from input is
``js.regex.injection``'s (CWE-730), not reported twice."""

from __future__ import annotations

import pytest

from reviewer.jsregex import literal_source, string_value
from reviewer.redos import exponential
from tests.reviewer.helpers import findings_by_cwe

HEAD = ("const express = require('express');\nconst app = express();\n"
        "app.use(express.json());\n\n")
ROUTE = ("app.post('/join', (req, res) => {\n  const name = req.body.name;\n"
         "  CHECK\n  res.status(201).json({ ok: true });\n});\n")


def _app(check: str, top: str = "") -> str:
    return HEAD + top + ROUTE.replace("CHECK", check)


def _lines(code: str) -> list[int]:
    return [f.line for f in findings_by_cwe(code, "app.js").get(1333, [])]


CHECK_LINE = HEAD.count("\n") + 3


@pytest.mark.parametrize("check", [
    r"if (!/^([a-zA-Z0-9]+\s?)+$/.test(name)) return res.status(400).end();",
    r"if (!/^(a+)+$/.exec(name)) return res.status(400).end();",
    r"if (!name.match(/^(a+)+$/)) return res.status(400).end();",
    r"for (const m of name.matchAll(/(\s*\w+)*;/g)) console.log(m);",
    r"const clean = name.replace(/^([a-z0-9]+[.-]?)+$/gi, '');",
    r"if (name.search(/^(?:[a-z]+|[0-9])*!$/) < 0) return res.status(400).end();",
    r"const parts = name.split(/^(\w+\s*)*@example\.com$/);",
    r"if (!/^(?<word>[a-z]+\s?)+$/u.test(name)) return res.status(400).end();",
    r"if (!/^([\w.]+\/?)+$/.test(name)) return res.status(400).end();",
    r"if (!/^([\p{L}]+\s?)+$/u.test(name)) return res.status(400).end();",
    'if (!new RegExp("^(\\\\w+\\\\.?)+@").test(name)) return res.status(400).end();',
    "if (!RegExp('^([A-Za-z]+\\\\s?)+$', 'u').test(name)) return res.status(400).end();",
    "if (!new RegExp(`^(\\\\d+)+$`).test(name)) return res.status(400).end();",
])
def test_a_nested_quantifier_the_code_matches_with_is_reported(check: str) -> None:
    assert _lines(_app(check)) == [CHECK_LINE]


@pytest.mark.parametrize("use", [
    "if (!NAME_RE.test(name)) return res.status(400).end();",
    "if (!name.match(NAME_RE)) return res.status(400).end();",
    "const m = NAME_RE.exec(name);",
])
def test_a_named_literal_the_code_then_matches_with_is_reported(use: str) -> None:
    top = "const NAME_RE = /^([A-Za-z]+\\s?)+$/;\n"
    assert _lines(_app(use, top)) == [HEAD.count("\n") + 1]


@pytest.mark.parametrize("path", ["app.ts", "app.tsx"])
def test_typescript_is_read_alike(path: str) -> None:
    code = ('const NAME_RE: RegExp = /^([A-Za-z]+\\s?)+$/;\n'
            'export function ok(name: string): boolean {\n'
            '  return NAME_RE.test(name) && !/^(a+)+$/.test(name as string);\n}\n')
    got = findings_by_cwe(code, path).get(1333, [])
    assert sorted(f.line for f in got) == [1, 3]


def test_a_named_literal_never_matched_with_is_not() -> None:
    top = "const NAME_RE = /^([A-Za-z]+\\s?)+$/;\nmodule.exports = { NAME_RE };\n"
    assert _lines(_app("if (!name) return res.status(400).end();", top)) == []


@pytest.mark.parametrize("pattern", [
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    r"^[A-Za-z]+(\s[A-Za-z]+)*$",
    r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$",
    r"^([a-z]{1,3}\.?)+",
    r"(\d+)+",
    r"^(\w+\.)+\w+$",  # a required separator
    r"^[a-zA-Z0-9_]{3,20}$",  # no repeated group
    r"^(\d|[a-z])*$",
])
def test_a_group_that_splits_text_one_way_is_not(pattern: str) -> None:
    assert _lines(_app(f"if (!/{pattern}/.test(name)) return res.status(400).end();")) == []
    js = pattern.replace("\\", "\\\\")
    assert _lines(_app(f'if (!new RegExp("{js}").test(name)) return res.end();')) == []


@pytest.mark.parametrize("check", [
    "const re = new RegExp(req.query.q); if (!re.test(name)) return res.end();",
    'const re = new RegExp("^(" + req.query.q + "\\\\s?)+$"); if (re.test(name)) res.end();',
])
def test_a_pattern_built_from_input_is_the_injection_rules_alone(check: str) -> None:
    got = findings_by_cwe(_app(check), "app.js")
    assert 730 in got and 1333 not in got, sorted(got)


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"^([a-z]+\/?)+$", "", r"^([a-z]+/?)+$"),
    (r"^(?<w>[a-z]+)\k<w>$", "g", r"^(?P<w>[a-z]+)(?P=w)$"),
    (r"(?<=a)b(?<!c)", "", r"(?<=a)b(?<!c)"),
    (r"^[\p{L}\s]+\P{N}$", "u", r"^[\w\s]+\W$"),
    (r"[^]*x[]", "", r"[\s\S]*x(?!)"),
    (r"[a[b]", "", r"[a\[b]"),
    (r"^\p{L}$", "", None),  # without u, \p is a stray escape
    (r"[\w--\d]", "v", None),  # a set operation
])
def test_literal_source(pattern: str, flags: str, expected: str | None) -> None:
    assert literal_source(pattern, flags) == expected


@pytest.mark.parametrize("raw, expected", [
    (r'"^(\\w+\\.?)+@"', r"^(\w+\.?)+@"),
    (r"'a\'b\x41\u0042\u{43}\n'", "a'bABC\n"),
    (r'"\w\."', "w."),  # a stray escape in a string drops its backslash
    ("`^(\\\\d+)+$`", r"^(\d+)+$"),
    ("`a${b}`", None),
    ("'\\\nx'", "x"),  # a line continuation
])
def test_string_value(raw: str, expected: str | None) -> None:
    assert string_value(raw) == expected


def test_a_js_pattern_is_judged_like_a_python_one() -> None:
    src = literal_source(r"^([a-zA-Z0-9]+\s?)+$", "i")
    assert src is not None and exponential(src)
