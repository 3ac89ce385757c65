"""The engine's speed caches give the answers the uncached code gives (issue 19).

A memo that outlives the binding it was computed under, a regex rewritten for speed or a
finding built in one step instead of two must not change a finding: these tests pin the
cases where a cache could go wrong.
"""

from __future__ import annotations

import re

import pytest
from tree_sitter import Node, Parser

from reviewer.engine import review
from reviewer.flow import Flow, _guard_regex, _name_ends
from reviewer.model import fingerprint
from reviewer.rules import load_pack
from tests.reviewer.helpers import target

HELPER = '''import sqlite3
from flask import request


def run(q):
    db = sqlite3.connect("x")
    return db.execute(q)


def view():
    return run("SELECT * FROM t WHERE id=" + request.args["id"])
'''


def _parse(code: str, grammar: str = "python") -> Node:
    return Parser(load_pack(grammar).language).parse(code.encode()).root_node


def test_value_text_of_a_bound_parameter_is_not_memoised_for_the_unbound_reading() -> None:
    root = _parse(HELPER)
    flow = Flow(load_pack("python").flow, root)
    # the q in db.execute(q) (the parameter comes first)
    arg = [n for n in _descendants(root) if n.type == "identifier" and n.text == b"q"][-1]
    assert arg.parent is not None and arg.parent.type == "argument_list"
    assert flow.value_text(arg) == "q"  # unbound: the parameter's own name only
    bound = [inner for _, _, inner in flow.through_calls(arg)]
    assert len(bound) == 1
    assert "SELECT * FROM t" in bound[0].value_text(arg)  # the caller's argument
    # the bound reading neither came from nor went into the file's memo
    assert flow.value_text(arg) == "q"
    assert all("SELECT" not in v for v in flow._texts.values())
    # a flow of the same file for another sink kind shares the memo and the answers
    other = Flow(load_pack("python").flow.for_kind("html"), root, shared=flow)
    assert other._texts is flow._texts and other.value_text(arg) == "q"


def _descendants(node: Node) -> list[Node]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.children))
    return out


GUARDED = '''
def view(name, path, mode, kind, n):
    if not name.isalnum():
        abort(400)
    if mode not in ALLOWED_MODES: mode = "r"
    if kind in KINDS:
        pass
    m = re.fullmatch(r"[a-z]+", path)
    validate_number(n)
    if not path.startswith("/srv"):
        abort(403)
    u = urlparse( target_url ).hostname not in HOSTS
    x = table.get( key )
    if not x:
        return None
    longer_name_than_usual not in ("a", "b")
    s.isalnum_x not in y
    return open(path, mode)
'''
GUARDED_JS = '''
app.get('/f', (req, res) => {
  if (!ALLOWED.includes( name )) return res.sendStatus(400);
  if (/^[a-z]+$/.test(kind)) {}
  if (mode !== 'r') mode = 'r';
  if (!path.startsWith('/srv')) return;
  if (Number.isInteger(n)) {}
  if (isNaN( count )) {}
  if (id.match(/^[0-9]+$/)) {}
  const u = cache.get(user);
  if (!u) return;
});
'''


@pytest.mark.parametrize(("grammar", "code"), [("python", GUARDED), ("javascript", GUARDED_JS)])
def test_possessive_guard_names_find_the_same_names(grammar: str, code: str) -> None:
    template = load_pack(grammar).flow.guards
    assert template is not None
    fast = _guard_regex(template)
    assert r"\w*+" in fast.pattern  # the packs' templates qualify
    parts = template.split("{name}")
    slow_src = parts[0] + "".join(rf"(?P<n{i}>[A-Za-z_]\w*)" + p
                                  for i, p in enumerate(parts[1:]))
    slow = re.compile(slow_src)
    got = [m.groupdict() for m in fast.finditer(code)]
    assert got == [m.groupdict() for m in slow.finditer(code)]
    assert any(v for d in got for v in d.values())  # the sample does hold guards


def test_a_name_followed_by_a_word_character_is_not_made_possessive() -> None:
    assert _name_ends(r"\s*\)") and _name_ends(r"\.isalnum") and _name_ends(r"\s+not")
    assert not _name_ends(r"\s*foo")  # \s* may match nothing: the name could end early
    assert not _name_ends(r"_id\b")
    assert not _name_ends(r"\s{0,2}\)")
    assert not _name_ends(r")x")  # what follows a closing group is unknown
    assert _name_ends(r"\s*[,)]")  # a class of punctuation only
    assert not _name_ends(r"[\w,]") and not _name_ends(r"[^,]") and not _name_ends(r"[a,]")
    fast = _guard_regex(r"\b{name}_id\s+not\s+in")
    assert r"\w*+" not in fast.pattern
    assert fast.search("user_id not in ALLOWED").group("n0") == "user"


def test_findings_built_once_keep_fingerprints_per_occurrence_and_dismissals() -> None:
    code = ("import os\n"
            "def run(cmd):\n"
            "    os.system(cmd)\n"
            "    os.system(cmd)  # aiprov: ignore[CWE-78] checked by the caller\n"
            "    os.system(cmd)\n")
    fs = [f for f in review([target(code)]) if f.cwe == 78]
    assert [f.line for f in fs] == [3, 4, 5]
    assert [f.dismissed for f in fs] == [None, "checked by the caller", None]
    # identical code, one fingerprint per occurrence, in line order (the quote of line 4
    # holds its comment, so it is a code of its own)
    assert fs[0].fingerprint == fingerprint(fs[0].rule_id, "app.py", fs[0].quote, 0)
    assert fs[2].fingerprint == fingerprint(fs[2].rule_id, "app.py", fs[2].quote, 1)
    assert fs[1].fingerprint == fingerprint(fs[1].rule_id, "app.py", fs[1].quote, 0)
    assert len({f.fingerprint for f in fs}) == 3


def test_a_match_under_a_constant_false_branch_is_still_dropped_after_the_checks() -> None:
    live = ("import os\nfrom flask import request\n"
            "def view():\n    os.system('ls ' + request.args['d'])\n")
    dead = ("import os\nfrom flask import request\n"
            "def view():\n    if False:\n        os.system('ls ' + request.args['d'])\n")
    assert any(f.cwe == 78 for f in review([target(live)]))
    assert not any(f.cwe == 78 for f in review([target(dead)]))


CLOSURE_JS = """app.get('/list', (req, res) => {
  db.all('SELECT * FROM products', [], (err, rows) => {
    let html = '<ul>';
    rows.forEach(row => {
      html += `<li>${row.name}</li>`;
    });
    res.send(html);
  });
});
"""


def test_a_closure_write_counts_whichever_node_object_names_its_scope() -> None:
    """``html += ...`` in the forEach callback writes the outer callback's ``html``, whether
    the outer function is asked about as the object ``scope_of`` found or as another object
    for the same node (tree-sitter hands out a new object per lookup; a cache of parents or
    a walk down hands out others): scopes are compared by node, not by object."""
    root = _parse(CLOSURE_JS, "javascript")
    pack = load_pack("javascript")
    stack, found = [root], []
    while stack:  # (err, rows) => {...}, as a walk down finds it
        node = stack.pop()
        stack.extend(node.named_children)
        if node.type == "arrow_function" and (node.text or b"").startswith(b"(err, rows)"):
            found.append(node)
    outer = found[0]
    for ask in (lambda f: outer, lambda f: f.scope_of(outer.named_children[-1])):
        flow = Flow(pack.flow, root)
        writes = flow._defs_in(ask(flow)).get("html", [])
        assert len(writes) == 2, [w.text for _, w in writes]


def test_ascii_mode_only_where_it_answers_as_the_unicode_mode() -> None:
    """Regexes over a plain ASCII file run in ``re.ASCII`` mode (its classes scan faster):
    not over a text with a separator control, which Unicode ``\\s`` counts as space, nor
    for a pattern that names a character above ASCII, which IGNORECASE folds onto a letter."""
    from reviewer.flow import ascii_flag, plain_ascii

    assert plain_ascii("if x not in ALLOWED:\n    abort(400)\n")
    assert plain_ascii(b"def f(q):\n\treturn q\n")
    assert not plain_ascii("name = 'caf\u00e9'\n")
    assert not plain_ascii("a\x1cb") and not plain_ascii(b"a\x1fb")
    # why: the two modes differ on exactly these
    assert re.search(r"a\sb", "a\x1cb") and not re.search(r"a\sb", "a\x1cb", re.ASCII)
    assert re.search("(?i)\u212a", "k") and not re.search("(?i)\u212a", "k", re.ASCII)
    assert ascii_flag(r"\bif\s+(not\s+)?\w+", True) == re.ASCII
    assert ascii_flag(r"\bif\s+\w+", False) == 0
    for named in ("(?i)\u212a", r"(?i)\u212a", r"(?i)\N{KELVIN SIGN}", r"(?i)\x4b"):
        assert ascii_flag(named, True) == 0


def _pattern_values(cond: object) -> list[str]:
    """Every regex a rule's ``where`` condition holds (nested any/all/not included)."""
    if isinstance(cond, dict):
        return [v for k, c in cond.items() for v in (
            _pattern_values(c) if k in ("any", "all", "not") else
            [c] if isinstance(c, str) and k.endswith(("match", "matches")) else [])]
    if isinstance(cond, list):
        return [v for c in cond for v in _pattern_values(c)]
    return []


@pytest.mark.parametrize("grammar", ["python", "javascript"])
def test_every_condition_and_guard_regex_finds_the_same_in_ascii_mode(grammar: str) -> None:
    """Each pack's condition regexes and guard templates find the same matches, at the
    same places, in both modes over plain ASCII code (the engine's own source, the samples
    of these tests)."""
    from pathlib import Path

    import reviewer.engine
    from reviewer.flow import ascii_flag, plain_ascii

    texts = [HELPER, CLOSURE_JS, Path(reviewer.engine.__file__).read_text(encoding="utf-8")]
    assert all(plain_ascii(t) for t in texts)
    pack = load_pack(grammar)
    patterns = {p for rule in pack.rules for p in _pattern_values(list(rule.where))}
    assert len(patterns) > 50
    compiled = [(re.compile(p, re.M), re.compile(p, re.M | ascii_flag(p, True)))
                for p in patterns]
    templates = [pack.flow.guards] + list(pack.flow.kind_guards.values())
    compiled += [(_guard_regex(g, dotted), _guard_regex(g, dotted, True))
                 for g in templates if g for dotted in (False, True)]
    assert any(fast.flags & re.ASCII for _, fast in compiled)
    for unicode_rx, fast in compiled:
        for t in texts:
            assert [m.span() for m in unicode_rx.finditer(t)] == \
                [m.span() for m in fast.finditer(t)], unicode_rx.pattern


BUILT = '''from flask import Flask, request, render_template, jsonify
app = Flask(__name__)
PREFIX = "<b>"


def wrap(body, title):
    head = "<h1>%s</h1>" % title
    return head + body


def page(text):
    return text


@app.route("/a")
def a():
    name = request.args["n"]
    if name:
        msg = f"<p>{name}</p>"
    else:
        msg = "<p>none</p>"
    html = (msg)
    return page("<i>" + name) or wrap(html, name) or jsonify(x=name) or render_template("a.html")


@app.route("/b")
def b():
    out = "".join(["<li>", request.args["i"]])
    other = "<hr>"
    return out, 200
'''


@pytest.mark.parametrize("code", [BUILT, HELPER])
def test_may_be_built_holds_wherever_a_string_is_built(code: str) -> None:
    """``Flow.may_be_built`` reads no flow level, so a rule asks it before its level-free
    conditions: it must hold wherever ``is_built`` does, for every expression of the file
    and in every reading through a helper's callers (its parameters bound to their
    arguments)."""
    root = _parse(code)
    spec = load_pack("python").flow
    flows = [Flow(spec, root), Flow(spec.for_kind("html"), root)]
    nodes = [n for n in _descendants(root) if n.is_named]
    bound = [inner for n in nodes for _, _, inner in flows[0].through_calls(n)]
    assert bound  # page/wrap/run are called: their parameters get bound readings
    built = 0
    for flow in flows + bound:
        for n in nodes:
            if flow.is_built(n):
                built += 1
                assert flow.may_be_built(n), (n.type, n.text)
    assert built >= (6 if code is BUILT else 1)


def test_may_be_built_rules_out_a_plain_call_and_a_local_constant() -> None:
    root = _parse(BUILT)
    flow = Flow(load_pack("python").flow, root)
    nodes = [n for n in _descendants(root) if n.is_named]
    calls = [n for n in nodes if n.type == "call" and n.text.startswith(b"render_template")]
    assert calls and not flow.may_be_built(calls[0])
    other = [n for n in nodes if n.type == "identifier" and n.text == b"other"]
    assert not flow.may_be_built(other[-1])  # other = "<hr>"
    html = [n for n in nodes if n.type == "identifier" and n.text == b"html"]
    assert flow.may_be_built(html[-1])  # html = (msg), msg an f-string on one branch


def test_a_return_that_is_never_built_is_not_read_for_its_value_text(monkeypatch) -> None:
    """py.xss.html-built wants a built string: a view returning a call (jsonify,
    render_template) is rejected before its value text is assembled, and a built one is
    still found."""
    seen: list[str] = []
    original = Flow.value_text

    def counting(self: Flow, node: Node, _depth: int = 0) -> str:
        if _depth == 0:
            seen.append((node.text or b"").decode())
        return original(self, node, _depth)

    monkeypatch.setattr(Flow, "value_text", counting)
    safe = '''from flask import Flask, jsonify, render_template
app = Flask(__name__)


@app.route("/a")
def a():
    return jsonify(ok=True)


@app.route("/b")
def b():
    return render_template("b.html")
'''
    assert [f.rule_id for f in review([target(safe)])] == []
    assert not [s for s in seen if s.startswith(("jsonify", "render_template"))]
    vulnerable = '''from flask import Flask
import sqlite3
app = Flask(__name__)


@app.route("/c")
def c():
    row = sqlite3.connect("x").execute("SELECT bio FROM users").fetchone()
    return "<p>" + row[0] + "</p>"
'''
    assert "py.xss.html-built" in [f.rule_id for f in review([target(vulnerable)])]
