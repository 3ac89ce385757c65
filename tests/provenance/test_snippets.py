from __future__ import annotations

import json

import pytest

from provenance.guess import guess_language
from provenance.languages import language_for_path, normalise_fence_tag
from provenance.snippets import extract, extract_exchange
from proxy.exchange import (
    ANTHROPIC_MESSAGES,
    OPENAI_COMPLETIONS,
    Exchange,
    Identity,
    RequestInfo,
    ResponseInfo,
    ToolCall,
)


def call(name: str, args: object, kind: str = "function") -> ToolCall:
    return ToolCall(name, args if isinstance(args, str) else json.dumps(args), kind=kind)


def test_fences_tagged_untagged_tilde_and_paths() -> None:
    text = (
        "Intro\n```python path=src/app.py\nx = 1\n```\n"
        "~~~ts\nconst a: number = 1;\n~~~\n"
        "````\ndef f(x):\n    return x + 1\n````\n"
        "```js:lib/a.js\nlet y = 2;\n```\n"
        "```\n   \n```\n"
    )
    got = extract(text, [], exchange_id="ex")
    assert [(s.kind, s.language, s.path, s.text) for s in got] == [
        ("fence", "python", "src/app.py", "x = 1\n"),
        ("fence", "typescript", None, "const a: number = 1;\n"),
        ("fence", "python", None, "def f(x):\n    return x + 1\n"),
        ("fence", "javascript", "lib/a.js", "let y = 2;\n"),
    ]
    assert [s.ordinal for s in got] == [0, 1, 2, 3]
    assert {s.exchange_id for s in got} == {"ex"}


def test_diff_fence_and_bare_diff_keep_added_lines_only() -> None:
    text = (
        "```diff\n--- a/foo.go\n+++ b/foo.go\n@@ -1,2 +1,3 @@\n package main\n"
        "-func old() {}\n+func f() {}\n+func g() {}\n```\n\n"
        "and also\n--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a = 1\n+a = 2\n"
    )
    got = extract(text, [])
    assert [(s.kind, s.path, s.text, s.language) for s in got] == [
        ("patch", "foo.go", "func f() {}\nfunc g() {}\n", "go"),
        ("patch", "x.py", "a = 2\n", "python"),
    ]


def test_aider_search_replace_and_whole_file() -> None:
    text = (
        "src/app.py\n```python\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\ny = 3\n"
        ">>>>>>> REPLACE\n```\n\n"
        "lib/util.rb\n```\ndef hi\n  puts 'hi'\nend\n```\n"
    )
    got = extract(text, [])
    assert [(s.kind, s.path, s.text, s.language) for s in got] == [
        ("search-replace", "src/app.py", "x = 2\ny = 3\n", "python"),
        ("whole-file", "lib/util.rb", "def hi\n  puts 'hi'\nend\n", "ruby"),
    ]


def test_claude_code_tools() -> None:
    calls = [
        call("Write", {"file_path": "/r/a.rb", "content": "puts 1\n"}),
        call("Edit", {"file_path": "/r/b.py", "old_string": "a", "new_string": "b = 2\n"}),
        call("MultiEdit", {"file_path": "x.c", "edits": [
            {"old_string": "a", "new_string": "int x;"},
            {"old_string": "b", "new_string": "  "},
            {"old_string": "c", "new_string": "int y;"}]}),
        call("NotebookEdit", {"notebook_path": "n.ipynb", "new_source": "print(1)",
                              "cell_type": "code"}),
        call("Bash", {"command": "ls -la"}),
        call("Write", "{not json"),
    ]
    got = extract("", calls)
    assert [(s.kind, s.path, s.text, s.language) for s in got] == [
        ("write", "/r/a.rb", "puts 1\n", "ruby"),
        ("edit", "/r/b.py", "b = 2\n", "python"),
        ("edit", "x.c", "int x;", "c"),
        ("edit", "x.c", "int y;", "c"),
        ("edit", "n.ipynb", "print(1)", "python"),
    ]


PATCH = (
    "*** Begin Patch\n*** Add File: n.py\n+print(1)\n+print(2)\n"
    "*** Update File: o.py\n*** Move to: p.py\n@@ def f\n ctx\n-old\n+new\n"
    "*** Delete File: gone.py\n*** End Patch"
)


@pytest.mark.parametrize("tool", [
    call("apply_patch", PATCH, kind="custom"),
    call("exec_command", {"cmd": f"apply_patch <<'EOF'\n{PATCH}\nEOF\n"}),
    call("shell", {"command": ["apply_patch", PATCH]}),
    call("shell", {"command": ["bash", "-lc", f"apply_patch <<'EOF'\n{PATCH}\nEOF"]}),
])
def test_codex_apply_patch_everywhere(tool: ToolCall) -> None:
    got = extract("", [tool])
    assert [(s.kind, s.path, s.text) for s in got] == [
        ("patch", "n.py", "print(1)\nprint(2)\n"),
        ("patch", "p.py", "new\n"),
    ]


def test_str_replace_editor_and_cline_tools() -> None:
    calls = [
        call("str_replace_based_edit_tool", {"command": "create", "path": "k.java",
                                             "file_text": "class K {}"}),
        call("str_replace_editor", {"command": "str_replace", "path": "a.go",
                                    "old_str": "x", "new_str": "y := 1"}),
        call("str_replace_editor", {"command": "insert", "path": "a.go", "insert_line": 3,
                                    "new_str": "z := 2"}),
        call("str_replace_editor", {"command": "view", "path": "a.go"}),
        call("write_to_file", {"path": "w.ts", "content": "export const w = 1;\n"}),
        call("replace_in_file", {"path": "c.py",
                                 "diff": "------- SEARCH\na\n=======\nb = 2\n+++++++ REPLACE"}),
    ]
    got = extract("", calls)
    assert [(s.kind, s.path, s.text) for s in got] == [
        ("write", "k.java", "class K {}"),
        ("edit", "a.go", "y := 1"),
        ("edit", "a.go", "z := 2"),
        ("write", "w.ts", "export const w = 1;\n"),
        ("search-replace", "c.py", "b = 2\n"),
    ]


def _exchange(api: str, text: str, calls: tuple[ToolCall, ...] = ()) -> Exchange:
    return Exchange(id="x1", started_at=0.0, method="POST", path="/v1", upstream="u",
                    status=200, request=RequestInfo(api=api),
                    response=ResponseInfo(text=text, tool_calls=calls), identity=Identity())


def test_extract_exchange_fim_and_chat() -> None:
    fim = extract_exchange(_exchange(OPENAI_COMPLETIONS, "    return a + b\n"))
    assert [(s.kind, s.text, s.exchange_id) for s in fim] == [
        ("fim", "    return a + b\n", "x1")]
    chat = extract_exchange(_exchange(ANTHROPIC_MESSAGES, "no code here",
                                      (call("Write", {"file_path": "a.py", "content": "x=1"}),)))
    assert [(s.kind, s.path) for s in chat] == [("write", "a.py")]


@pytest.mark.parametrize(("path", "lang"), [
    ("src/a.py", "python"), ("x.tsx", "tsx"), ("a.mjs", "javascript"), ("Makefile", "make"),
    ("lib/x.rs", "rust"), ("a.hpp", "cpp"), ("run.sh", "bash"), ("README", None), (None, None),
])
def test_language_for_path(path: str | None, lang: str | None) -> None:
    assert language_for_path(path) == lang


@pytest.mark.parametrize(("tag", "lang"), [
    ("py", "python"), ("python3", "python"), ("ts", "typescript"), ("zsh", "bash"),
    ("shell", "bash"), ("jsx", "javascript"), ("patch", "diff"), ("python path=x.py", "python"),
    ("src/x.go", "go"), ("", None), ("klingon", None),
])
def test_normalise_fence_tag(tag: str, lang: str | None) -> None:
    assert normalise_fence_tag(tag) == lang


@pytest.mark.parametrize(("text", "lang"), [
    ("def f(x):\n    return x\n", "python"),
    ("package main\n\nfunc main() {\n}\n", "go"),
    ("const x = require('fs');\nconsole.log(x);\n", "javascript"),
    ("fn main() {\n    let mut x = 1;\n}\n", "rust"),
    ("#include <stdio.h>\nint main(void) { return 0; }\n", "c"),
    ("echo hello\nexport A=1\n", "bash"),
    ("just some words", None),
])
def test_guess_language(text: str, lang: str | None) -> None:
    assert guess_language(text) == lang


def test_apply_patch_inside_a_responses_shell_call_commands_list():
    """Responses' shell_call carries {"commands": [...]} (kind local_shell)."""
    import json

    from provenance.snippets import extract
    from proxy.exchange import ToolCall

    patch = ("apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: util.py\n"
             "+def double(x):\n+    return 2 * x\n*** End Patch\nEOF")
    call = ToolCall(name="shell", arguments=json.dumps({"commands": [patch]}),
                    kind="local_shell")
    [snip] = extract("", [call])
    assert snip.kind == "patch" and snip.path == "util.py"
    assert snip.text == "def double(x):\n    return 2 * x\n"
