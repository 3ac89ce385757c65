"""Line attribution accuracy on a labelled corpus built at run time from real code.

Nobody here wrote the code: functions come from CPython's standard library and from the
JavaScript files of the npm installation on this machine. With a seeded RNG, files are
split into *target* files and *distractor* files:

* from each target file a few functions become suggested snippets (indexed) and are
  committed in one of the edit kinds below; the file's other functions are "human" code
  (never suggested, but near neighbours of what was: same author, same style);
* every function of the distractor files is indexed too (thousands of snippets that are
  suggested but never committed).

Edit kinds (each commit also carries a human neighbour function before and after):
verbatim, renamed (1-3 identifiers of the code renamed everywhere, find-and-replace),
reformatted (re-indented, long lines wrapped, quotes swapped), comments (comments
rewritten, human comment lines added, trailing comments added), partial (a contiguous part,
some lines dropped), interleaved (human lines inserted every few lines). Kind ``human``
commits only never-suggested code: neighbour functions of suggested ones plus boilerplate
(imports, main guard, getters and setters, exports).

Ground truth is per line: AI-origin iff the line came from a snippet (edited or not);
blank lines are not scored. Human code sits next to suggested code in every commit and
includes real look-alikes: sibling functions of the same file and stdlib/npm near-twins
indexed as distractors (wave/aifc, copy/deepcopy, compiled TS enums). Figures are
line-level precision and recall of "AI origin" (``ai`` or ``ai-edited``), and the false AI
rate on lines of ``human`` commits. A human line inside a run of >= 3 consecutive lines
(>= 60 characters) equal, whitespace aside, to consecutive lines of any indexed snippet,
or equal to them after this benchmark's own ``renamed`` edit (up to 3 names changed
throughout the run, one to one), has the text that this benchmark labels AI in its
``verbatim`` or ``renamed`` commits: no content-based method can call it human, so it is
scored apart as row ``human copies`` (not hidden, not counted as AI either).

    .venv/bin/python benchmarks/provenance_accuracy.py            # full run
    .venv/bin/python benchmarks/provenance_accuracy.py --quick    # small run (used by a test)
"""

from __future__ import annotations

import argparse
import ast
import builtins
import hashlib
import keyword
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from provenance.attribute import attribute  # noqa: E402
from provenance.index import InMemoryIndex  # noqa: E402
from provenance.model import AI, AI_EDITED, AddedLine, FileDiff, Snippet  # noqa: E402

PY_ROOT = Path(sys.base_prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
JS_ROOTS = (Path("/usr/lib/node_modules"), Path("/usr/share/nodejs"),
            Path("/usr/local/lib/node_modules"))
EDIT_KINDS = ("renamed", "reformatted", "comments", "partial", "interleaved")
AI_KINDS = ("verbatim", *EDIT_KINDS)
MIN_LINES, MAX_LINES = 5, 60

Line = tuple[str, bool]  # text, is AI origin


@dataclass
class Commit:
    kind: str
    path: str
    lines: list[Line]
    copies: set[int] = field(default_factory=set)  # human lines in a run copied from a snippet


@dataclass
class Corpus:
    index: InMemoryIndex
    commits: list[Commit]
    n_distractors: int = 0
    sources: dict[str, int] = field(default_factory=dict)


# --- function extraction -------------------------------------------------------------------


def _py_functions(text: str) -> list[str]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    lines = text.split("\n")
    out = []
    parents: list[ast.AST] = [tree, *(n for n in tree.body if isinstance(n, ast.ClassDef))]
    for parent in parents:
        for node in getattr(parent, "body", []):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno:
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                if MIN_LINES <= node.end_lineno - start + 1 <= MAX_LINES:
                    out.append("\n".join(lines[start - 1:node.end_lineno]))
    return out


_JS_FUNCS = {"function_declaration", "generator_function_declaration", "method_definition"}


def _js_functions(text: str) -> list[str]:
    from provenance.tokens import _parser

    data = text.encode()
    tree = _parser("javascript").parse(data)
    lines = text.split("\n")
    out: list[str] = []

    def visit(node, depth: int) -> None:  # type: ignore[no-untyped-def]
        for child in node.children:
            take = child.type in _JS_FUNCS or (
                child.type in ("lexical_declaration", "variable_declaration",
                               "expression_statement")
                and any(n.type in ("arrow_function", "function_expression", "function")
                        for n in _descend(child, 3)))
            if take and not child.has_error:
                start, end = child.start_point[0], child.end_point[0]
                if MIN_LINES <= end - start + 1 <= MAX_LINES:
                    out.append("\n".join(lines[start:end + 1]))
                    continue
            if depth < 4 and child.type in ("program", "class_declaration", "class_body",
                                            "export_statement", "class"):
                visit(child, depth + 1)
            elif depth < 4 and child.type == "expression_statement":
                pass

    visit(tree.root_node, 0)
    return out


def _descend(node, depth: int) -> Iterator:  # type: ignore[no-untyped-def]
    for child in node.children:
        yield child
        if depth > 1:
            yield from _descend(child, depth - 1)


def _source_files(seed: int) -> tuple[list[Path], list[Path]]:
    py = sorted(p for p in PY_ROOT.rglob("*.py")
                if "test" not in p.parts and "site-packages" not in p.parts
                and "idlelib" not in p.parts and not p.name.startswith("test"))
    js: list[Path] = []
    for root in JS_ROOTS:
        if root.is_dir():
            js.extend(p for p in root.rglob("*.js") if ".min." not in p.name
                      and "test" not in p.parts)
    js = _one_build_per_source(sorted(js))
    rng = random.Random(seed)
    rng.shuffle(py)
    rng.shuffle(js)
    return py, js


_BUILD_DIRS = {"dist", "esm", "cjs", "commonjs", "mjs", "lib", "build", "src", "umd", "es"}


def _one_build_per_source(files: list[Path]) -> list[Path]:
    """npm ships the same source several times (esm + commonjs builds, nested copies of a
    package at other versions): keep one file per (package, path without build dirs), or
    "human" code would be a verbatim copy of an indexed snippet."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for path in files:
        parts = path.parts
        if "node_modules" in parts:
            last = len(parts) - 1 - parts[::-1].index("node_modules")
            rest = parts[last + 1:]
            pkg_len = 2 if rest and rest[0].startswith("@") else 1
            key = (*rest[:pkg_len], *(p for p in rest[pkg_len:] if p not in _BUILD_DIRS))
        else:
            key = parts
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


# --- edits ---------------------------------------------------------------------------------

_JS_KEYWORDS = set(
    "break case catch class const continue debugger default delete do else export extends "
    "finally for function if import in instanceof let new return super switch this throw try "
    "typeof var void while with yield async await of null true false undefined require "
    "module exports console".split())
_PY_RESERVED = set(keyword.kwlist) | set(dir(builtins)) | {"self", "cls"}
_WORDS = ["item", "entry", "node", "value", "count", "total", "result", "buf", "data", "ctx",
          "opts", "handler", "target", "record", "state", "chunk"]
_COMMENTS = ["keep this in sync with the caller", "TODO: handle the empty case",
             "see the ticket for why", "fast path", "edge case reported by QA",
             "order matters here", "XXX revisit after the refactor", "guard against None"]


def _indent(text: str) -> str:
    return text[:len(text) - len(text.lstrip())]


def _rename(lines: list[Line], lang: str, rng: random.Random) -> list[Line]:
    reserved = _PY_RESERVED if lang == "python" else _JS_KEYWORDS
    from provenance.tokens import tokenize

    # identifiers of the code (not words that only occur in strings or comments), then
    # renamed everywhere as a find-and-replace would, strings and comments included
    text = "\n".join(t for t, _ in lines)
    ts = tokenize(text, lang)
    names = sorted({x for t, x in zip(ts.tokens, ts.texts, strict=True)
                    if t == "I" and x not in reserved and len(x) >= 3
                    and re.fullmatch(r"[A-Za-z_]\w*", x)})
    if not names:
        return lines
    chosen = rng.sample(names, min(len(names), rng.randint(1, 3)))
    out = lines
    for name in chosen:
        word = rng.choice(_WORDS)
        new = f"{word}_{rng.randint(2, 99)}" if lang == "python" else \
            f"{word}{rng.choice(['Id', 'Val', 'Ref', 'X'])}{rng.randint(2, 99)}"
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        out = [(pattern.sub(new, t), ai) for t, ai in out]
    return out


def _reformat(lines: list[Line], lang: str, rng: random.Random) -> list[Line]:
    out: list[Line] = []
    mode = rng.choice(["halve", "double", "shift"])
    swap = rng.random() < 0.6
    for text, ai in lines:
        ind = _indent(text)
        body = text[len(ind):]
        if mode == "halve":
            ind = " " * (len(ind.expandtabs(4)) // 2)
        elif mode == "double":
            ind = " " * (len(ind.expandtabs(4)) * 2)
        else:
            ind = "    " + ind
        if swap and body and ("'" in body) != ('"' in body):
            body = body.replace("'", '"') if "'" in body else body.replace('"', "'")
        line = ind + body
        cut = line.find(", ", 40)
        if len(line) > 60 and cut > 0 and not body.lstrip().startswith(("#", "//", "*")):
            out.append((line[:cut + 1], ai))
            out.append((ind + "        " + line[cut + 2:], ai))
        else:
            out.append((line, ai))
    return out


def _comments(lines: list[Line], lang: str, rng: random.Random) -> list[Line]:
    mark = "#" if lang == "python" else "//"
    out: list[Line] = []
    code_positions = [i for i, (t, _) in enumerate(lines) if t.strip()]
    trailing = set(rng.sample(code_positions, min(len(code_positions), rng.randint(1, 3))))
    added = set(rng.sample(range(1, len(lines)), min(len(lines) - 1, rng.randint(1, 3))))
    for i, (text, ai) in enumerate(lines):
        if i in added:
            out.append((_indent(text) + f"{mark} {rng.choice(_COMMENTS)}", False))
        stripped = text.strip()
        if stripped.startswith(mark) and len(stripped) > 12:
            # a person edits the suggested comment: a few words change, most stay
            words = stripped.split()
            words[rng.randrange(1, len(words))] = rng.choice(_WORDS)
            if rng.random() < 0.5:
                words.append(rng.choice(["(checked)", "for now", "too"]))
            text = _indent(text) + " ".join(words)
        elif i in trailing and not stripped.endswith(("\\", '"""', "'''", "`")):
            text = text + f"  {mark} {rng.choice(_COMMENTS)}"
        out.append((text, ai))
    return out


def _partial(lines: list[Line], lang: str, rng: random.Random) -> list[Line]:
    n = len(lines)
    size = max(MIN_LINES, int(n * rng.uniform(0.5, 0.9)))
    start = rng.randint(0, max(0, n - size))
    window = lines[start:start + size]
    return [ln for ln in window if rng.random() > 0.15] or window


def _interleave(lines: list[Line], pool: list[str], rng: random.Random) -> list[Line]:
    out: list[Line] = []
    gap = rng.randint(2, 4)
    for i, (text, ai) in enumerate(lines):
        out.append((text, ai))
        if i and i % gap == 0 and i < len(lines) - 1 and pool:
            nxt = lines[i + 1][0]
            out.append((_indent(nxt) + rng.choice(pool).strip(), False))
    return out


def _statement(line: str, lang: str) -> bool:
    """A line that is a whole statement on its own (what a person inserts between lines)."""
    text = line.strip()
    if not text or text.endswith((":", "{", "(", "[", ",")):
        return False
    if lang == "python":
        try:
            ast.parse(text)
        except SyntaxError:
            return False
        return True
    from provenance.tokens import _parser

    return not _parser("javascript").parse(text.encode()).root_node.has_error


def _boilerplate(lang: str, rng: random.Random) -> list[str]:
    name = rng.choice(["size", "name", "path", "timeout", "owner", "label"])
    if lang == "python":
        return ["import os", "import sys", "from typing import Any", "",
                f"class {name.title()}Holder:", "    def __init__(self, value):",
                f"        self._{name} = value", "", "    @property", f"    def {name}(self):",
                f"        return self._{name}", "", f"    @{name}.setter",
                f"    def {name}(self, value):", f"        self._{name} = value", "",
                f"    def get_{name}(self):", f"        return self._{name}", "",
                "", "def main():", "    return 0", "", "", 'if __name__ == "__main__":',
                "    sys.exit(main())"]
    return ["'use strict'", "const fs = require('fs')", "const path = require('path')", "",
            f"class {name.title()}Holder {{", f"  constructor ({name}) {{",
            f"    this._{name} = {name}", "  }", "", f"  get {name} () {{",
            f"    return this._{name}", "  }", "", f"  set {name} (value) {{",
            f"    this._{name} = value", "  }", "}", "",
            f"module.exports = {{ {name.title()}Holder }}"]


# --- corpus --------------------------------------------------------------------------------


def build_corpus(seed: int = 1, *, quick: bool = False) -> Corpus:
    rng = random.Random(seed)
    py_files, js_files = _source_files(seed)
    n_target = 14 if quick else 70
    n_distract_files = 60 if quick else 100_000
    index = InMemoryIndex()
    commits: list[Commit] = []
    seen: set[str] = set()
    n_snip = 0
    sources: dict[str, int] = {}

    def unique(funcs: list[str]) -> list[str]:
        out = []
        for f in funcs:
            key = hashlib.blake2b(" ".join(f.split()).encode(), digest_size=12).hexdigest()
            if key not in seen:
                seen.add(key)
                out.append(f)
        return out

    kinds = ["verbatim", *EDIT_KINDS]
    for lang, files, extract in (("python", py_files, _py_functions),
                                 ("javascript", js_files, _js_functions)):
        ext = ".py" if lang == "python" else ".js"
        targets = 0
        used = 0
        for path in files:
            if targets >= n_target:
                break
            used += 1
            funcs = unique(extract(path.read_text(errors="replace")))
            if len(funcs) < 5:
                continue
            targets += 1
            rng.shuffle(funcs)
            suggested, human = funcs[:2], funcs[2:]
            pool = [ln for f in human for ln in f.split("\n") if _statement(ln, lang)]
            for snippet_text in suggested:
                n_snip += 1
                sid = f"s{n_snip}"
                index.add(sid, Snippet(snippet_text, "fence", lang, exchange_id=f"e{n_snip}"))
                kind = kinds[n_snip % len(kinds)]
                body: list[Line] = [(t, True) for t in snippet_text.split("\n")]
                if kind == "renamed":
                    body = _rename(body, lang, rng)
                elif kind == "reformatted":
                    body = _reformat(body, lang, rng)
                elif kind == "comments":
                    body = _comments(body, lang, rng)
                elif kind == "partial":
                    body = _partial(body, lang, rng)
                elif kind == "interleaved":
                    body = _interleave(body, pool, rng)
                before, after = rng.sample(human, 2)
                lines = ([(t, False) for t in before.split("\n")] + [("", False)] + body
                         + [("", False)] + [(t, False) for t in after.split("\n")])
                commits.append(Commit(kind, f"{lang}/t{n_snip}{ext}", lines))
            # never-suggested code: the file's other functions plus boilerplate
            rest = human[2:6] or human[:2]
            lines = [(t, False) for t in _boilerplate(lang, rng)]
            for f in rest:
                lines += [("", False)] + [(t, False) for t in f.split("\n")]
            commits.append(Commit("human", f"{lang}/h{n_snip}{ext}", lines))
        sources[lang] = targets
        # distractors: all functions of other files, suggested and never committed
        for path in files[used:used + n_distract_files]:
            for snippet_text in unique(extract(path.read_text(errors="replace"))):
                n_snip += 1
                index.add(f"d{n_snip}", Snippet(snippet_text, "fence", lang,
                                                exchange_id=f"e{n_snip}"))
    distractors = sum(1 for _ in range(n_snip)) - sum(1 for c in commits if c.kind != "human")
    _mark_copies(commits, index)
    return Corpus(index, commits, distractors, sources)


COPY_MIN_LINES = 3  # a shared run this long (non-blank lines) ...
COPY_MIN_CHARS = 60  # ... and this much text (non-space) is a copy, not a look-alike
COPY_MAX_RENAMES = 3  # the most names the ``renamed`` edit changes (``_rename``)
COPY_MAX_STARTS = 2000  # snippet lines a run may start at (speed); runs extend backwards

_NAME = re.compile(r"[A-Za-z_]\w*")

# a line for copy detection: normalised text, its names that ``_rename`` may change, and
# the text with those names made slots (lines that may differ by renames share it)
CopyLine = tuple[str, tuple[str, ...], str]
Renames = tuple[dict[str, str], dict[str, str]]  # snippet -> commit name, and back
NO_RENAMES: Renames = ({}, {})


def _copy_line(text: str, reserved: set[str]) -> CopyLine:
    norm = " ".join(text.split())
    names = tuple(w for w in _NAME.findall(norm) if len(w) >= 3 and w not in reserved)
    slots = _NAME.sub(lambda m: "\0" if len(m[0]) >= 3 and m[0] not in reserved else m[0],
                      norm)
    return norm, names, slots


def _renamed(line: CopyLine, snippet_line: CopyLine, renames: Renames) -> Renames | None:
    """``renames`` extended so that ``snippet_line`` becomes ``line`` as ``_rename`` makes
    it (names of three or more characters, not keywords or builtins, replaced everywhere in
    the run and one to one, at most ``COPY_MAX_RENAMES``), or None when no such renaming
    exists. Names seen unchanged are kept as identities, so they cannot be renamed later."""
    if line[2] != snippet_line[2]:
        return None
    fwd, back = renames
    grown = False
    for x, y in zip(snippet_line[1], line[1], strict=True):
        got = fwd.get(x)
        if got is not None:
            if got != y:
                return None
            continue
        if y in back or x != y and y in fwd:
            return None
        if not grown:
            fwd, back, grown = dict(fwd), dict(back), True
        fwd[x] = y
        back[y] = x
    if grown and sum(1 for x, y in fwd.items() if x != y) > COPY_MAX_RENAMES:
        return None
    return (fwd, back) if grown else renames


def _mark_copies(commits: list[Commit], index: InMemoryIndex) -> None:
    """Mark human lines that sit in a run of consecutive lines equal (whitespace aside) to
    consecutive lines of any indexed snippet, or equal to them after the ``renamed`` edit (a
    few names changed everywhere in the run, one to one): the benchmark itself labels such
    text AI in its ``verbatim`` and ``renamed`` commits, so a person who has such a run has
    the suggestion's text as far as any content-based method can tell (undecidable), and it
    is scored apart. Shorter runs (an ``else:``/``return None`` pair, one common line) and
    runs with rewritten lines stay human: that is look-alike code the issue wants called
    human."""
    lines_of: dict[str, list[CopyLine]] = {}
    exact: dict[str, list[tuple[str, int]]] = {}
    shaped: dict[str, list[tuple[str, int]]] = {}
    for sid, snippet in index._snippets.items():  # noqa: SLF001 - the benchmark's own index
        reserved = _PY_RESERVED if snippet.language == "python" else _JS_KEYWORDS
        lines = [_copy_line(t, reserved) for t in snippet.text.split("\n") if t.strip()]
        lines_of[sid] = lines
        for k, line in enumerate(lines):
            exact.setdefault(line[0], []).append((sid, k))
            shaped.setdefault(line[2], []).append((sid, k))
    for commit in commits:
        reserved = _PY_RESERVED if commit.path.endswith(".py") else _JS_KEYWORDS
        seq = [(i, _copy_line(t, reserved), ai) for i, (t, ai) in enumerate(commit.lines)
               if t.strip()]
        size = [len(line[0].replace(" ", "")) for _, line, _ in seq]
        # (sid, k) -> (start t, chars, renames); a run's first line is checked when it
        # grows (most starts never do, and there may be thousands per line)
        active: dict[tuple[str, int], tuple[int, int, Renames | None]] = {}
        for t, (_, line, _) in enumerate(seq):
            nxt: dict[tuple[str, int], tuple[int, int, Renames | None]] = {}
            for (sid, k), (start, chars, renames) in active.items():
                snippet = lines_of[sid]
                if k + 1 >= len(snippet) or snippet[k + 1][2] != line[2]:
                    continue
                if renames is None:
                    renames = _renamed(seq[t - 1][1], snippet[k], NO_RENAMES)
                if renames is not None and (
                        got := _renamed(line, snippet[k + 1], renames)) is not None:
                    nxt[(sid, k + 1)] = (start, chars + size[t], got)
            for table, key in ((exact, line[0]), (shaped, line[2])):
                starts = table.get(key, ())
                if len(starts) <= COPY_MAX_STARTS:
                    for start_key in starts:
                        nxt.setdefault(start_key, (t, size[t], None))
            active = nxt
            for (sid, k), (start, chars, renames) in active.items():
                if t - start + 1 >= COPY_MIN_LINES and chars >= COPY_MIN_CHARS:
                    assert renames is not None
                    # the run may have begun on a line too common to start one
                    kk = k - (t - start) - 1
                    while start > 0 and kk >= 0 and (got := _renamed(
                            seq[start - 1][1], lines_of[sid][kk], renames)) is not None:
                        start, kk, renames = start - 1, kk - 1, got
                    commit.copies.update(seq[u][0] for u in range(start, t + 1)
                                         if not seq[u][2])


# --- evaluation ----------------------------------------------------------------------------


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    commits: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn
        self.commits += other.commits

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def false_ai_rate(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0


TIMING = {"seconds": 0.0, "lines": 0}  # attribution time and added lines, for the report


def evaluate(corpus: Corpus) -> tuple[dict[str, Score], list[str]]:
    """Per-kind scores, and a few example mistakes for reading."""
    scores: dict[str, Score] = {}
    mistakes: list[str] = []
    for commit in corpus.commits:
        diff = FileDiff(commit.path, added=tuple(AddedLine(i + 1, t)
                                                 for i, (t, _) in enumerate(commit.lines)),
                        status="A")
        t0 = time.perf_counter()
        result = {o.lineno: o for o in attribute([diff], corpus.index)}
        TIMING["seconds"] += time.perf_counter() - t0
        TIMING["lines"] += len(commit.lines)
        score = scores.setdefault(commit.kind, Score())
        score.commits += 1
        if commit.copies:
            scores.setdefault("human copies", Score()).commits += 1
        for i, (text, truth) in enumerate(commit.lines):
            if not text.strip():
                continue
            bucket = "human copies" if i in commit.copies else commit.kind
            score = scores[bucket]
            said = result[i + 1].origin in (AI, AI_EDITED)
            if truth and said:
                score.tp += 1
            elif truth:
                score.fn += 1
                if len(mistakes) < 2000:
                    mistakes.append(f"FN {bucket:12} {commit.path}:{i + 1}: {text.strip()}")
            elif said:
                score.fp += 1
                if len(mistakes) < 2000:
                    mistakes.append(f"FP {bucket:12} {commit.path}:{i + 1}: {text.strip()}")
            else:
                score.tn += 1
    return scores, mistakes


def totals(scores: dict[str, Score]) -> dict[str, Score]:
    edited, all_ai = Score(), Score()
    for kind in EDIT_KINDS:
        edited.add(scores.get(kind, Score()))
    for kind in AI_KINDS:
        all_ai.add(scores.get(kind, Score()))
    return {"edited kinds": edited, "all AI kinds": all_ai}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpus (seconds)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-mistakes", action="store_true")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    corpus = build_corpus(args.seed, quick=args.quick)
    t1 = time.perf_counter()
    scores, mistakes = evaluate(corpus)
    t2 = time.perf_counter()
    print(f"corpus: seed {args.seed}, {len(corpus.index)} indexed snippets "
          f"({corpus.n_distractors} never committed), {len(corpus.commits)} commits, "
          f"target files {corpus.sources}; built in {t1 - t0:.1f}s, attributed in "
          f"{t2 - t1:.1f}s")
    print(f"{'kind':14} {'commits':>7} {'AI lines':>8} {'human':>7} {'precision':>9} "
          f"{'recall':>7} {'false AI':>8}")
    rows = {k: scores[k] for k in (*AI_KINDS, "human", "human copies") if k in scores}
    rows.update(totals(scores))
    for kind, s in rows.items():
        print(f"{kind:14} {s.commits:7d} {s.tp + s.fn:8d} {s.fp + s.tn:7d} "
              f"{s.precision:9.4f} {s.recall:7.4f} {s.false_ai_rate:8.4f}")
    per_k = 1000 * TIMING["seconds"] / max(1, TIMING["lines"])
    print(f"attribution time: {1000 * per_k:.0f} ms per 1k added lines "
          f"({TIMING['lines']} lines, in-memory index)")
    if args.show_mistakes:
        print("\n".join(mistakes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
