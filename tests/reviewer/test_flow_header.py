"""``Flow.header``: a function's decorators and signature, cut from the file's bytes by the
nodes' offsets. Tree-sitter's root node starts at the first token, so a file that opens
with blank lines (or a comment-less gap) must not shift the cut."""

from __future__ import annotations

import pytest
from tree_sitter import Node, Parser

from reviewer.engine import review
from reviewer.flow import Flow
from reviewer.rules import load_pack
from tests.reviewer.helpers import target

PY = ('from flask import Flask\nimport os\napp = Flask(__name__)\n\n'
      '@app.route("/run/<name>")\ndef run(name):\n    os.system("ls " + name)\n'
      '    return "ok"\n')
JS = ("const express = require('express');\nconst app = express();\n\n"
      "function show(a, b) {\n  return a + b;\n}\n")


def _first(root: Node, types: tuple[str, ...]) -> Node:
    stack = [root]
    while stack:
        n = stack.pop(0)
        if n.type in types:
            return n
        stack.extend(n.children)
    raise AssertionError(types)


@pytest.mark.parametrize("lead", ["", "\n", "\n\n\n", "   \n\t\n"])
@pytest.mark.parametrize(("grammar", "code", "scope_type", "want"), [
    ("python", PY, "function_definition", '@app.route("/run/<name>")\ndef run(name):'),
    ("javascript", JS, "function_declaration", "function show(a, b) "),
])
def test_the_header_is_the_same_text_whatever_precedes_the_first_token(
        lead: str, grammar: str, code: str, scope_type: str, want: str) -> None:
    pack = load_pack(grammar)
    root = Parser(pack.language).parse((lead + code).encode()).root_node
    flow = Flow(pack.flow, root)
    assert flow.header(_first(root, (scope_type,))).rstrip() == want.rstrip()


def test_a_route_parameter_is_input_in_a_file_that_opens_with_blank_lines() -> None:
    def found(code: str) -> list[tuple[str, int, str]]:
        return sorted((f.rule_id, f.line, f.confidence)
                      for f in review([target(code, ai=False)]) if not f.judgement)
    plain = found(PY)
    assert ("py.cmd.shell-string", 7, "high") in plain  # the route parameter is input
    lead = "\n" * 30  # enough to cut the decorator off a shifted header
    assert found(lead + PY) == [(rid, line + 30, c) for rid, line, c in plain]
