from __future__ import annotations

import pytest

from provenance.tokens import tokenize

SAMPLES = {
    "python": "def add(a, b):\n    # sum\n    return a + b * 2\n",
    "javascript": "function add(a, b) {\n  // sum\n  return a + b * 2;\n}\n",
    "typescript": ("function add(a: number, b: number): number {\n  // sum\n"
                   "  return a + b * 2;\n}\n"),
    "tsx": "const C = (p: P) => {\n  // sum\n  return <div>{p.a + 2}</div>;\n};\n",
    "go": "func add(a int, b int) int {\n\t// sum\n\treturn a + b*2\n}\n",
    "java": "class A {\n  int add(int a, int b) {\n    // sum\n    return a + b * 2;\n  }\n}\n",
    "rust": "fn add(a: i32, b: i32) -> i32 {\n    // sum\n    a + b * 2\n}\n",
    "c": "int add(int a, int b) {\n  /* sum */\n  return a + b * 2;\n}\n",
    "cpp": "int add(int a, int b) {\n  // sum\n  return a + b * 2;\n}\n",
    "ruby": "def add(a, b)\n  # sum\n  a + b * 2\nend\n",
    "bash": "add() {\n  # sum\n  echo $(( $1 + 2 ))\n}\n",
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_every_grammar_tokenizes_without_comments(language: str) -> None:
    ts = tokenize(SAMPLES[language], language)
    assert ts.tokens and len(ts.tokens) == len(ts.lines) == len(ts.texts)
    assert "sum" not in " ".join(ts.texts)
    comment_line = 1 + SAMPLES[language].split("\n").index(
        next(ln for ln in SAMPLES[language].split("\n") if "sum" in ln))
    assert comment_line not in ts.lines  # the comment line yields no token
    assert list(ts.lines) == sorted(ts.lines)


def test_python_abstraction_and_lines() -> None:
    ts = tokenize("x = foo('a', 10)  # note\nif x:\n    pass\n", "python")
    assert ts.tokens == ("I", "=", "I", "(", "L", ",", "L", ")", "if", "I", ":", "pass")
    assert ts.lines == (1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3)
    assert ts.texts[2] == "foo" and ts.texts[4] == "'a'"


def test_renaming_and_reindenting_keep_the_abstract_stream() -> None:
    a = tokenize("def f(x):\n    return x + 1\n", "python")
    b = tokenize("        def g(value):\n            return value + 42\n", "python")
    assert a.tokens == b.tokens
    assert a.texts != b.texts


def test_string_with_interpolation_is_one_literal() -> None:
    ts = tokenize('s = f"{a} and {b}"\n', "python")
    assert ts.tokens == ("I", "=", "L")
    js = tokenize("const s = `x ${y}` + /re/g;\n", "javascript")
    assert js.tokens == ("const", "I", "=", "L", "+", "L", ";")


def test_plain_text_fallback() -> None:
    ts = tokenize("val x = foo(\"a\", 3) // c\n# also comment\nreturn x\n", None)
    assert ts.tokens == ("I", "I", "=", "I", "(", "L", ",", "L", ")", "return", "I")
    assert ts.lines[-1] == 3


def test_broken_fragment_still_yields_tokens() -> None:
    ts = tokenize("    return foo(a,\n", "python")
    assert ts.tokens[:3] == ("return", "I", "(")
