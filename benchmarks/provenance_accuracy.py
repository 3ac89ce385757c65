"""Line attribution accuracy on a labelled corpus of real code that nobody here wrote, pinned.

The corpus is *pinned*: ``benchmarks/data/provenance_corpus/manifest.json`` lists, per
language, where the code comes from (package and version), and every file used with its
SHA-256. Before anything runs, each listed file is hashed; when one is missing or differs the
benchmark refuses to run and says which (a figure must reproduce on another machine).

* Python: site-packages of the hash-locked venv (versions fixed by ``requirements.lock``).
* JavaScript and TypeScript: npm packages pinned by ``benchmarks/data/provenance_corpus/
  package-lock.json``, installed with ``npm ci`` into ``$AIPROV_BENCH_CACHE`` (default
  ``~/.cache/aiprov-bench``), never globally.
* Go: the Debian package ``golang-1.19-src``; Java: ``openjdk-17-source`` (``src.zip``).
  Their Debian versions are in the manifest; ``apt-get install`` them to run those rows.

``--pin`` rewrites the manifest from what this machine has (do it on purpose, say why).

From each language's files (functions of 3-200 lines), with a fixed seed: *target* files give
suggested snippets (indexed) that are committed in one edit kind, beside never-suggested
functions of the same file; functions of other files are indexed as never-committed
distractors. Files are split by a hash of their path into a *dev* split and a *held-out*
split (``HELD_OUT_SHARE``); the held-out split is never used for tuning and both are reported.

AI edit kinds: verbatim; literal (one literal changed); line (one code line changed); lines2
(two code lines changed); renamed (1-3 identifiers renamed everywhere); extract (an argument
extracted into a variable on a new line); reorder (two adjacent statements swapped);
reformatted; comments; partial (a contiguous part, some lines dropped); interleaved (human
statements inserted every few lines); superseded (an older version of the function was
suggested first, the committed one was suggested later: evidence must name the newer one).
Human kinds: ``human`` (neighbour functions and boilerplate) and ``siblings`` (for each
suggested function, the most similar other function of its file: real look-alikes). These
commits all create a new file: nothing in the repository before them.

What the look-alike rows model, and what no content rule can decide (issue 17): a
``siblings`` commit holds the sibling alone, with its suggestion neither in the commit nor in
the repository (the suggestion turned down, a look-alike written by hand); the sibling beside
its kept suggestion in one commit is not a row of its own (``_claim_once`` decides it), and
after it ``siblings-later`` is. Distractors are functions of the other pinned files, and the
pinned packages hold twin modules by design (httpcore's ``_async``/``_sync`` made by
``unasync``, Go's ``bytes.Reader``/``strings.Reader``, click's ``t.Any`` against typer's
``Any``), so a human function is often a distractor with ``await``, a package name or a
type changed: the edit the ``literal`` and ``line`` kinds make to a suggestion a person
kept. With chat fences (no target path, no time) only the code tells them apart, and most
false AI lines come from such distractors. Within a file, siblings are often overloads
(Java's one per primitive type). The edit kinds never touch a snippet's first line or a
decorator (``_code_rows``): rules about edited signatures are measured by ``real-edit`` rows.

*History* kinds (issue 17: code already in the repository is evidence against AI origin) are
commits to a file that existed, built from the same suggestions with a generator of their
own (so the rows above are the same commits as before): ``siblings-later`` (the suggested
function was committed earlier and is in the parent file; a person adds its sibling next to
it), ``adapted`` (a person copies that function within the file and adapts it: names
renamed, a line changed) and ``revised`` (a ``superseded`` suggestion's older version is in
the parent, the newer one replaces it: AI). Only the lines a diff of parent and new file
adds are attributed (with the parent as ``preexisting`` and the new file as ``current``, as
the hook gives them) and scored; they
are reported in their own rows, ``history copies`` and ``history human``, outside ``all human
lines`` and the size rows.

*Real edits* (issue 17: "real edits a person makes after accepting", measured on work
nobody tuned to; ``benchmarks/_real_edits.py``): the edits above come from a generator of our
own, so attribution may be fitted to its style. The ``real-edit`` kind takes functions as
two pinned releases of real packages have them (PyPI wheels, npm tarballs: version, file and
SHA-256 in ``real_edits.json``, fetched with ``pip download`` / ``npm pack`` into
``$AIPROV_BENCH_CACHE/real-edits``; none of the packages above), paired by file and
qualified name, kept when 1-6 lines changed. The older version is indexed as the
suggestion; the commit is the newer version (a new file, between up to two other functions of
the newer file, human). Its lines are labelled as ``real_edits.label`` documents: equal to an
old line (whitespace aside, also when moved): AI; paired within a ``difflib`` replace block
with an old line of similarity >= 0.5: AI (ai-edited); inserted or too different: human.
The split is the same hash of the file's path. These commits are attributed against the same
index plus their own suggestions (the other rows keep the index they had), and reported in
their own rows: ``real-edit``, ``real-edit copies``, ``real-edit <size>`` and the share of
lines equal to an old line that stay AI; outside the edited/all totals, ``all human lines``
and the size rows. ``--no-real-edits`` leaves them out; ``--pin-real-edits`` re-pins.

*Tool writes* (``--tool-writes``): by default every suggestion is a chat fence, which the
proxy records without a path. An agent's write/edit/patch is recorded with the file it went
to (``Snippet.path``), and attribution uses it (``_written_elsewhere``: a touched copy of a
write its target file holds is a person's). ``--tool-writes discarded`` indexes every
suggestion as a write to its file (a suggested snippet: its commit's file; a distractor: its
own source file) whose file the working tree no longer holds: what a real store holds, and no
evidence either way. ``--tool-writes kept`` assumes every distractor write still sits,
uncommitted, in its file in the working tree (the hook reads it there): an upper bound of
what that evidence can do, not a measurement. Ground truth and commits are the same.

Ground truth per line: AI origin iff the line came from a snippet (a touched line of an edit
kind included: its text is still the model's, edited); blank lines are not scored. Human
lines that are *copies* of indexed text (runs of >= 3 lines equal to a snippet's, or equal
after the ``renamed`` edit) are scored apart as ``human copies``: the benchmark itself labels
such text AI in its verbatim and renamed kinds, so no content-based method can call it human.
So are human lines that hold a whole snippet, verbatim (however short) or as the literal,
line, lines2 and comments kinds touch it (``_mark_touched_copies``).

*A wider dev split* (``--dev-seeds 2,3``): the corpus of another seed suggests other functions
of the same files, so its dev commits are other dev cases (the split is a hash of the file's
path: no held-out file enters). Their dev commits only (never their held-out ones) are
attributed and summed with ``--seed``'s dev split in a ``dev-wide`` split, reported beside
``dev``; the ``held-out`` split is ``--seed``'s, unchanged. One seed's dev split holds a few
hundred look-alike lines, too few to show every failure's shape (seed 1's dev siblings are
0.7% false AI, seeds 2 and 3's 2.4% and 1.4%). ``--dev-only`` attributes no held-out commit.

Reported per split: precision and recall per edit kind and per snippet size bucket (<=12,
13-50, >50 lines), false AI per human kind and overall, the share of untouched lines of edited
snippets that stay AI origin, and how often the newest suggestion is the evidence.

    .venv/bin/python benchmarks/provenance_accuracy.py                  # full run
    .venv/bin/python benchmarks/provenance_accuracy.py --quick          # small run
    .venv/bin/python benchmarks/provenance_accuracy.py --languages python --quick
    .venv/bin/python benchmarks/provenance_accuracy.py --no-real-edits  # no registry
    .venv/bin/python benchmarks/provenance_accuracy.py --dev-seeds 2,3 --dev-only  # tuning
"""

from __future__ import annotations

import argparse
import ast
import builtins
import hashlib
import json
import keyword
import os
import random
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import _real_edits as real_edits  # noqa: E402
from provenance.attribute import attribute  # noqa: E402
from provenance.index import InMemoryIndex  # noqa: E402
from provenance.model import AI, AI_EDITED, AddedLine, FileDiff, Snippet  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "provenance_corpus"
MANIFEST = DATA / "manifest.json"
CACHE = Path(os.environ.get("AIPROV_BENCH_CACHE") or Path.home() / ".cache" / "aiprov-bench")
LANGUAGES = ("python", "javascript", "typescript", "go", "java")
EXT = {"python": ".py", "javascript": ".js", "typescript": ".ts", "go": ".go", "java": ".java"}
HELD_OUT_SHARE = 4  # one file in this many (by path hash) is held out
MIN_LINES, MAX_LINES = 3, 200
EDIT_KINDS = ("literal", "line", "lines2", "renamed", "extract", "reorder", "reformatted",
              "comments", "partial", "interleaved", "superseded")
AI_KINDS = ("verbatim", *EDIT_KINDS)
HUMAN_KINDS = ("human", "siblings")
# commits to a file that existed before (``Commit.parent``): the repository's own code is
# there to be evidence (issue 17); reported apart, so the rows above stay comparable
HISTORY_AI_KINDS = ("revised",)
HISTORY_HUMAN_KINDS = ("siblings-later", "adapted")
BUCKETS = ("<=12", "13-50", ">50")
# real edits (issue 17): a function in two pinned releases of a real package, the older one
# suggested, the newer one committed (``benchmarks/_real_edits.py``); reported apart
REAL_KIND = "real-edit"
REAL_ROWS = (REAL_KIND, "real-edit copies")
REAL_MANIFEST = DATA / "real_edits.json"
REAL_CACHE = CACHE / "real-edits"
REAL_QUICK_PAIRS = 20  # per language, with --quick
SIBLING_RATIO = 60  # rapidfuzz ratio of a same-file function that counts as a look-alike

# where each language's pinned files come from (``--pin`` walks these)
PY_PACKAGES = ("httpx", "httpcore", "h11", "anyio", "click", "rich", "starlette", "jinja2",
               "pygments", "alembic", "requests", "urllib3", "markdown_it", "typer")
NPM_JS = ("express", "lodash", "semver", "commander", "body-parser", "qs", "send",
          "serve-static", "finalhandler", "router", "path-to-regexp", "negotiator",
          "mime-types", "raw-body", "debug", "http-errors", "iconv-lite", "cookie")
NPM_TS = ("rxjs/src", "ajv/lib")
GO_DEB, GO_ROOT = "golang-1.19-src", Path("/usr/share/go-1.19/src")
GO_DIRS = ("net/http", "net/url", "encoding/json", "encoding/csv", "strings", "bufio", "bytes",
           "strconv", "text/template", "text/template/parse", "go/parser", "go/printer",
           "go/scanner", "archive/tar", "archive/zip", "compress/flate", "mime", "regexp",
           "regexp/syntax", "path/filepath", "sort", "time", "fmt", "flag", "html/template")
JAVA_DEB, JAVA_ZIP = "openjdk-17-source", Path("/usr/lib/jvm/openjdk-17/lib/src.zip")
JAVA_DIRS = ("java.base/java/util/", "java.base/java/io/", "java.base/java/net/",
             "java.base/java/time/", "java.base/java/text/", "java.base/java/nio/file/",
             "java.base/java/util/concurrent/", "java.base/java/util/stream/",
             "java.base/java/util/regex/", "java.base/java/math/")
MAX_FILES = 400  # per language, when pinning
MAX_PER_PACKAGE = 60

Line = tuple[str, bool]  # text, is AI origin


@dataclass
class Commit:
    kind: str
    path: str
    lines: list[Line]
    split: str = "dev"
    size: int = 0  # lines of the suggested snippet (0: none)
    original: frozenset[str] = frozenset()  # normalised lines of the snippet as suggested
    newest: str = ""  # superseded: the snippet id the evidence should name
    copies: set[int] = field(default_factory=set)  # human lines in a run copied from a snippet
    # the file before the commit (None: a new file); the commit's added lines are what a diff
    # of the two adds, and only those are attributed and scored
    parent: tuple[str, ...] | None = None
    in_parent: frozenset[str] = frozenset()  # snippets whose text the parent file holds
    source: str = ""  # real edits: the package file and function the commit comes from


@dataclass
class Corpus:
    index: InMemoryIndex
    commits: list[Commit]
    n_distractors: int = 0
    sources: dict[str, dict[str, int]] = field(default_factory=dict)
    # real-edit commits are attributed against this index: ``index`` plus their suggestions
    # (so that the other rows see the same index as before real edits were added)
    real_index: InMemoryIndex | None = None
    # ``--tool-writes kept``: files of the repository's working tree that hold a tool's write
    # (a distractor's source file), path -> lines, as the hook reads them (``RepoFiles``)
    files: dict[str, list[str]] = field(default_factory=dict)


# --- the pinned sources --------------------------------------------------------------------


class CorpusError(Exception):
    """The pinned corpus is not what this machine has."""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _py_root() -> Path:
    import sysconfig

    return Path(sysconfig.get_paths()["purelib"])


def _npm_root() -> Path:
    """node_modules of the pinned npm packages, installed by ``npm ci`` on first use."""
    lock = DATA / "package-lock.json"
    digest = _sha((DATA / "package.json").read_bytes() + lock.read_bytes())[:16]
    target = CACHE / f"npm-{digest}"
    if not (target / "node_modules" / ".package-lock.json").is_file():
        if not shutil.which("npm"):
            raise CorpusError("npm is not installed: the JavaScript/TypeScript corpus needs "
                              "`npm ci` of benchmarks/data/provenance_corpus/package-lock.json")
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / "package.json", target)
        shutil.copy(lock, target)
        r = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund",
                            "--loglevel=error"], cwd=target, capture_output=True, text=True,
                           timeout=600, check=False)
        if r.returncode != 0:
            raise CorpusError(f"npm ci failed: {r.stderr.strip()[-500:]}")
    return target / "node_modules"


def _deb_version(package: str) -> str | None:
    try:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True,
                           text=True, timeout=30, check=False)
    except OSError:
        return None
    return r.stdout.strip() or None if r.returncode == 0 else None


class Source:
    """Read access to one language's pinned files (a directory, or Java's ``src.zip``)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._zip: zipfile.ZipFile | None = None
        self.root: Path | None = None

    def open(self) -> Source:
        lang = self.language
        if lang == "python":
            self.root = _py_root()
        elif lang in ("javascript", "typescript"):
            self.root = _npm_root()
        elif lang == "go":
            self.root = GO_ROOT
        elif lang == "java":
            if not JAVA_ZIP.is_file():
                raise CorpusError(f"{JAVA_ZIP} is missing: apt-get install {JAVA_DEB}")
            self._zip = zipfile.ZipFile(JAVA_ZIP)
        if self.root is not None and not self.root.is_dir():
            raise CorpusError(f"{self.root} is missing"
                              + (f": apt-get install {GO_DEB}" if lang == "go" else ""))
        return self

    def read(self, rel: str) -> bytes | None:
        try:
            if self._zip is not None:
                return self._zip.read(rel)
            assert self.root is not None
            return (self.root / rel).read_bytes()
        except (OSError, KeyError):
            return None

    def walk(self) -> list[str]:
        """Candidate files for ``--pin`` (sorted, relative to the source root)."""
        lang = self.language
        if self._zip is not None:
            names = [n for n in self._zip.namelist() if n.endswith(".java")
                     and any(n.startswith(d) and "/" not in n[len(d):] for d in JAVA_DIRS)]
            return sorted(names)
        assert self.root is not None
        if lang == "python":
            dirs = [self.root / d for d in PY_PACKAGES]
            pattern = "*.py"
        elif lang == "javascript":
            dirs = [self.root / d for d in NPM_JS]
            pattern = "*.js"
        elif lang == "typescript":
            dirs = [self.root / d for d in NPM_TS]
            pattern = "*.ts"
        else:
            return sorted(str((GO_ROOT / d / f.name).relative_to(self.root))
                          for d in GO_DIRS for f in sorted((GO_ROOT / d).glob("*.go"))
                          if not f.name.endswith("_test.go"))
        out = []
        for d in dirs:
            got = []
            for f in sorted(d.rglob(pattern)):
                parts = f.relative_to(self.root).parts
                if (any(p in ("test", "tests", "testing", "__tests__", "spec", "dist")
                        for p in parts) or f.name.endswith((".d.ts", ".min.js"))
                        or f.name.startswith("test") or "node_modules" in parts[1:]):
                    continue
                got.append(str(f.relative_to(self.root)))
            # a few packages of many files (lodash, pygments' lexers) must not fill the list
            out.extend(random.Random(str(d.name)).sample(got, min(len(got), MAX_PER_PACKAGE)))
        return sorted(out)


def _versions(language: str) -> dict[str, str]:
    if language == "python":
        from importlib.metadata import PackageNotFoundError, version

        out = {}
        for pkg in PY_PACKAGES:
            dist = {"markdown_it": "markdown-it-py"}.get(pkg, pkg)
            try:
                out[dist] = version(dist)
            except PackageNotFoundError:
                continue
        return out
    if language in ("javascript", "typescript"):
        lock = json.loads((DATA / "package-lock.json").read_text())
        names = NPM_JS if language == "javascript" else tuple(n.split("/")[0] for n in NPM_TS)
        return {n: lock["packages"][f"node_modules/{n}"]["version"] for n in names
                if f"node_modules/{n}" in lock["packages"]}
    deb = GO_DEB if language == "go" else JAVA_DEB
    return {deb: _deb_version(deb) or "not installed"}


def pin(languages: tuple[str, ...]) -> dict[str, object]:
    """Write the manifest from this machine: files with at least one function, hashed."""
    manifest = json.loads(MANIFEST.read_text()) if MANIFEST.is_file() else {}
    extract = _extractor
    for lang in languages:
        src = Source(lang).open()
        files: dict[str, str] = {}
        for rel in src.walk():
            data = src.read(rel)
            if data is None or not extract(lang)(data.decode("utf-8", "replace")):
                continue
            files[rel] = _sha(data)
            if len(files) >= MAX_FILES:
                break
        manifest[lang] = {"versions": _versions(lang), "files": files}
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


def load_pinned(languages: tuple[str, ...]) -> dict[str, list[tuple[str, str]]]:
    """language -> [(relative path, text)] of the pinned files, verified against the manifest.

    Raises ``CorpusError`` naming what differs: a figure from other files is no figure."""
    manifest = json.loads(MANIFEST.read_text())
    out: dict[str, list[tuple[str, str]]] = {}
    for lang in languages:
        entry = manifest.get(lang)
        if not entry:
            raise CorpusError(f"{lang}: not pinned in {MANIFEST.relative_to(ROOT)}")
        src = Source(lang).open()
        have = _versions(lang)
        if have != entry["versions"]:
            raise CorpusError(f"{lang}: versions differ: pinned {entry['versions']}, "
                              f"this machine {have}")
        bad = []
        texts = []
        for rel, digest in sorted(entry["files"].items()):
            data = src.read(rel)
            if data is None or _sha(data) != digest:
                bad.append(rel)
                continue
            texts.append((rel, data.decode("utf-8", "replace")))
        if bad:
            raise CorpusError(f"{lang}: {len(bad)} pinned files missing or changed "
                              f"(first: {bad[0]})")
        out[lang] = texts
    return out


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


# per tree-sitter grammar: node types that are a function, and containers to descend into
_TS_FUNCS = {
    "javascript": {"function_declaration", "generator_function_declaration",
                   "method_definition"},
    "typescript": {"function_declaration", "generator_function_declaration",
                   "method_definition"},
    "go": {"function_declaration", "method_declaration"},
    "java": {"method_declaration", "constructor_declaration"},
}
_TS_CONTAINERS = {"program", "class_declaration", "class_body", "export_statement", "class",
                  "abstract_class_declaration", "source_file", "interface_body",
                  "enum_declaration", "enum_body", "enum_body_declarations"}
_ARROWS = ("arrow_function", "function_expression", "function")


def _tree_functions(language: str, text: str) -> list[str]:
    from provenance.tokens import _parser

    tree = _parser(language).parse(text.encode("utf-8", "surrogatepass"))
    lines = text.split("\n")
    out: list[str] = []
    funcs = _TS_FUNCS[language]

    def visit(node, depth: int) -> None:  # type: ignore[no-untyped-def]
        for child in node.children:
            take = child.type in funcs or (
                language in ("javascript", "typescript")
                and child.type in ("lexical_declaration", "variable_declaration",
                                   "expression_statement")
                and any(n.type in _ARROWS for n in _descend(child, 3)))
            if take and not child.has_error:
                start, end = child.start_point[0], child.end_point[0]
                if MIN_LINES <= end - start + 1 <= MAX_LINES:
                    # a method starts at its line's indentation (decorators, modifiers)
                    out.append("\n".join(lines[start:end + 1]))
                    continue
            if depth < 5 and child.type in _TS_CONTAINERS:
                visit(child, depth + 1)

    visit(tree.root_node, 0)
    return out


def _descend(node, depth: int) -> Iterator:  # type: ignore[no-untyped-def]
    for child in node.children:
        yield child
        if depth > 1:
            yield from _descend(child, depth - 1)


def _extractor(language: str) -> Callable[[str], list[str]]:
    if language == "python":
        return _py_functions
    return lambda text: _tree_functions(language, text)


def _split_of(language: str, rel: str) -> str:
    h = hashlib.blake2b(f"{language}:{rel}".encode(), digest_size=8).digest()
    return "held-out" if h[0] % HELD_OUT_SHARE == 0 else "dev"


# --- edits ---------------------------------------------------------------------------------

_JS_KEYWORDS = set(
    "break case catch class const continue debugger default delete do else export extends "
    "finally for function if import in instanceof let new return super switch this throw try "
    "typeof var void while with yield async await of null true false undefined require "
    "module exports console package func go defer chan map range struct interface type "
    "select fallthrough goto nil iota make len cap append error string int int64 byte rune "
    "bool public private protected static final void abstract synchronized throws extends "
    "implements boolean char long short double float native transient volatile strictfp "
    "assert enum instanceof var readonly keyof declare namespace".split())
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
    if not text or text.endswith((":", "{", "(", "[", ",")) or text.startswith(("}", ")")):
        return False
    if lang == "python":
        try:
            ast.parse(text)
        except SyntaxError:
            return False
        return True
    if lang in ("javascript", "typescript"):
        from provenance.tokens import _parser

        return not _parser(lang).parse(text.encode()).root_node.has_error
    if lang == "java":
        return text.endswith(";") and not text.startswith(("/", "*", "@"))
    return (not text.startswith(("/", "*", "case ", "default"))
            and text.count("(") == text.count(")"))


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
    if lang == "go":
        return ["package holder", "", "import (", '\t"fmt"', '\t"os"', ")", "",
                f"type {name.title()}Holder struct {{", f"\t{name} string", "}", "",
                f"func (h *{name.title()}Holder) {name.title()}() string {{",
                f"\treturn h.{name}", "}", "",
                f"func (h *{name.title()}Holder) Set{name.title()}(v string) {{",
                f"\th.{name} = v", "}", "", "func main() {",
                '\tif err := run(); err != nil {', '\t\tfmt.Fprintln(os.Stderr, err)',
                "\t\tos.Exit(1)", "\t}", "}"]
    if lang == "java":
        return ["package org.example.holder;", "", "import java.util.List;",
                "import java.util.Objects;", "", f"public final class {name.title()}Holder {{",
                f"    private String {name};", "",
                f"    public String get{name.title()}() {{", f"        return {name};",
                "    }", "", f"    public void set{name.title()}(String {name}) {{",
                f"        this.{name} = {name};", "    }", "", "    @Override",
                "    public String toString() {",
                f'        return "{name.title()}Holder[" + {name} + "]";', "    }", "}"]
    return ["'use strict'", "const fs = require('fs')", "const path = require('path')", "",
            f"class {name.title()}Holder {{", f"  constructor ({name}) {{",
            f"    this._{name} = {name}", "  }", "", f"  get {name} () {{",
            f"    return this._{name}", "  }", "", f"  set {name} (value) {{",
            f"    this._{name} = value", "  }", "}", "",
            f"module.exports = {{ {name.title()}Holder }}"]




# edits a person makes to a suggestion they kept (issue 17's kinds)
_NUMBER = re.compile(r"(?<![\w.])\d+(?![\w.])")
_STRING = re.compile(r"\"[^\"\\]{1,40}\"|'[^'\\]{1,40}'")
_CALL_ARG = re.compile(r"\b([A-Za-z_]\w*)\(([^(),\"']{6,50})\)")
_OPS = (("<=", "<"), (" < ", " <= "), (" == ", " != "), (" != ", " == "), (" + ", " - "),
        (">=", ">"), (" > ", " >= "), ("&&", "||"), (" and ", " or "))


def _code_rows(lines: list[Line], lang: str, *, skip_first: bool = True) -> list[int]:
    """Indexes of code lines worth editing (not blank, comment, signature or brace)."""
    mark = "#" if lang == "python" else "//"
    out = []
    for n, (t, _) in enumerate(lines):
        s = t.strip()
        if (skip_first and n == 0) or len(s.replace(" ", "")) < 10:
            continue
        if s.startswith((mark, "/*", "*", '"""', "'''", "@")):
            continue
        out.append(n)
    return out


def _change_literal(text: str, rng: random.Random) -> str | None:
    nums = list(_NUMBER.finditer(text))
    strs = list(_STRING.finditer(text))
    if nums and (not strs or rng.random() < 0.6):
        m = rng.choice(nums)
        value = int(m.group())
        new = str(value + rng.choice([1, 2, 5, 10, 15]) if value < 10**6 else value // 2)
        return text[:m.start()] + new + text[m.end():]
    if strs:
        m = rng.choice(strs)
        q = m.group()[0]
        body = m.group()[1:-1]
        new = body + rng.choice(["_v2", " (retry)", "-x", "2"]) if body else "x"
        return text[:m.start()] + q + new + q + text[m.end():]
    return None


def _change_line(text: str, rng: random.Random) -> str | None:
    """One small edit of a line: a literal, an operator, an argument added, or one name."""
    choices = [lambda: _change_literal(text, rng)]
    for old, new in _OPS:
        if old in text:
            choices.append(lambda old=old, new=new: text.replace(old, new, 1))
    calls = list(re.finditer(r"\b[A-Za-z_]\w*\(([^()]+)\)", text))
    if calls:
        pos = rng.choice(calls).end() - 1  # an argument added to a call
        choices.append(lambda: text[:pos] + ", " + rng.choice(["True", "0", "null", "1"])
                       + text[pos:])
    words = [m for m in re.finditer(r"\b[a-z_][a-zA-Z_]{3,}\b", text)
             if m.group() not in _JS_KEYWORDS | _PY_RESERVED]
    if words:
        m = rng.choice(words)
        choices.append(lambda: text[:m.start()] + m.group() + rng.choice(["2", "_x", "Alt"])
                       + text[m.end():])
    rng.shuffle(choices)
    for f in choices:
        got = f()
        if got is not None and got != text:
            return got
    return None


def _edit_lines(lines: list[Line], lang: str, rng: random.Random, n: int,
                literal: bool = False) -> list[Line]:
    out = list(lines)
    rows = _code_rows(lines, lang)
    rng.shuffle(rows)
    done = 0
    for row in rows:
        text = out[row][0]
        got = _change_literal(text, rng) if literal else _change_line(text, rng)
        if got is not None and got != text:
            out[row] = (got, True)
            done += 1
            if done == n:
                break
    return out


def _extract(lines: list[Line], lang: str, rng: random.Random) -> list[Line]:
    """An argument moved into a variable on the line before: ``f(a + b)`` ->
    ``total = a + b`` / ``f(total)``."""
    rows = [n for n in _code_rows(lines, lang) if _CALL_ARG.search(lines[n][0])
            and not lines[n][0].rstrip().endswith(("{", ":", ",", "("))]
    if not rows:
        return _edit_lines(lines, lang, rng, 1)
    n = rng.choice(rows)
    text = lines[n][0]
    m = rng.choice(list(_CALL_ARG.finditer(text)))
    expr = m.group(2).strip()
    name = rng.choice(_WORDS) + ("_v" if lang == "python" else "V")
    decl = {"python": f"{name} = {expr}", "go": f"{name} := {expr}",
            "java": f"var {name} = {expr};"}.get(lang, f"const {name} = {expr};")
    new = text[:m.start(2)] + name + text[m.end(2):]
    return [*lines[:n], (_indent(text) + decl, True), (new, True), *lines[n + 1:]]


def _reorder(lines: list[Line], lang: str, rng: random.Random) -> list[Line]:
    """Two adjacent one-line statements at the same indentation swapped."""
    rows = [n for n in range(1, len(lines) - 1)
            if _indent(lines[n][0]) == _indent(lines[n + 1][0])
            and _statement(lines[n][0], lang) and _statement(lines[n + 1][0], lang)
            and lines[n][0].strip() != lines[n + 1][0].strip()]
    if not rows:
        return _edit_lines(lines, lang, rng, 1)
    n = rng.choice(rows)
    out = list(lines)
    out[n], out[n + 1] = out[n + 1], out[n]
    return out
# --- corpus --------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


def _bucket(size: int) -> str:
    return "<=12" if size <= 12 else "13-50" if size <= 50 else ">50"


TOOL_WRITES = ("none", "discarded", "kept")


def build_corpus(seed: int = 1, *, quick: bool = False,
                 languages: tuple[str, ...] = LANGUAGES, real: bool = False,
                 tool_writes: str = "none") -> Corpus:
    """The labelled commits and the index, from the pinned files (``load_pinned``); with
    ``real``, the real-edit commits too (``real_edit_commits``), after all the others.

    ``tool_writes`` (module docstring): ``none``, every suggestion a chat fence (no path);
    else every suggestion an agent's write recorded with the file it went to, as the proxy
    records tool calls (``Snippet.path``): a suggested snippet to its commit's file, a
    distractor to its own source file, which the working tree then no longer holds
    (``discarded``) or still holds, uncommitted (``kept``)."""
    from rapidfuzz.fuzz import ratio

    pinned = load_pinned(languages)
    rng = random.Random(seed)
    n_target = 10 if quick else 60  # target files per language and split
    n_distract_files = 30 if quick else 10_000
    index = InMemoryIndex()
    commits: list[Commit] = []
    held: dict[str, list[str]] = {}
    seen: set[str] = set()
    n_snip = 0
    sources: dict[str, dict[str, int]] = {}

    def unique(funcs: list[str]) -> list[str]:
        out = []
        for f in funcs:
            key = hashlib.blake2b(_norm(f).encode(), digest_size=12).hexdigest()
            if key not in seen:
                seen.add(key)
                out.append(f)
        return out

    for lang in languages:
        files = list(pinned[lang])
        random.Random(f"{seed}:{lang}").shuffle(files)
        extract = _extractor(lang)
        ext = EXT[lang]
        used: set[str] = set()
        for split in ("dev", "held-out"):
            targets = 0
            for rel, text in files:
                if targets >= n_target:
                    break
                if _split_of(lang, rel) != split:
                    continue
                funcs = unique(extract(text))
                used.add(rel)
                if len(funcs) < 4:
                    continue
                targets += 1
                order = list(range(len(funcs)))
                rng.shuffle(order)
                suggested = [funcs[k] for k in order[:2]]
                human = [funcs[k] for k in order[2:]]
                pool = [ln for f in human for ln in f.split("\n") if _statement(ln, lang)]
                for snippet_text in suggested:
                    n_snip += 1
                    kind = AI_KINDS[n_snip % len(AI_KINDS)]
                    commits.append(_ai_commit(kind, lang, ext, split, snippet_text, human, pool,
                                              index, n_snip, rng, tool_writes != "none"))
                    # the most similar other function of the file: a real look-alike
                    norm = _norm(snippet_text)
                    scored = sorted(((ratio(norm, _norm(h)), h) for h in human), reverse=True)
                    sib = None
                    if scored and scored[0][0] >= SIBLING_RATIO:
                        sib = scored[0][1]
                        lines = [(t, False) for t in sib.split("\n")]
                        commits.append(Commit("siblings", f"{lang}/sib{n_snip}{ext}", lines,
                                              split))
                    # the same suggestion in a repository with history (own generator: the
                    # commits above, and so their rows, stay as they were)
                    commits.extend(_history_commits(
                        lang, ext, split, n_snip, snippet_text, sib, human, index,
                        random.Random(f"{seed}:history:{n_snip}")))
                # never-suggested code: the file's other functions plus boilerplate
                rest = human[:4]
                lines = [(t, False) for t in _boilerplate(lang, rng)]
                for f in rest:
                    lines += [("", False)] + [(t, False) for t in f.split("\n")]
                commits.append(Commit("human", f"{lang}/h{n_snip}{ext}", lines, split))
            sources.setdefault(lang, {})[split] = targets
        # distractors: functions of the other files, suggested and never committed
        rest_files = [(rel, text) for rel, text in files if rel not in used]
        for rel, text in rest_files[:n_distract_files]:
            target = f"{lang}/{rel}"
            for snippet_text in unique(extract(text)):
                n_snip += 1
                index.add(f"d{n_snip}", Snippet(
                    snippet_text, "fence" if tool_writes == "none" else "write", lang,
                    path=None if tool_writes == "none" else target, exchange_id=f"e{n_snip}"))
            if tool_writes == "kept":
                held[target] = text.split("\n")
    distractors = len(index) - sum(1 for c in commits if c.kind in AI_KINDS)
    _mark_copies(commits, index)
    corpus = Corpus(index, commits, distractors, sources, files=held)
    if real:
        langs = tuple(x for x in languages if x in real_edits.EXT)
        try:
            pairs = list(real_edits.load(REAL_MANIFEST, REAL_CACHE, langs))
        except real_edits.FetchError as exc:
            raise CorpusError(f"real edits: {exc}") from exc
        if quick:
            pairs = [p for lang in langs
                     for p in [q for q in pairs if q.language == lang][:REAL_QUICK_PAIRS]]
        corpus.real_index = _copy_index(index)
        got = real_edit_commits(pairs, corpus.real_index, seed)
        _mark_copies(got, corpus.real_index)
        commits.extend(got)
        for c in got:
            row = sources.setdefault(REAL_KIND, {})
            row[c.split] = row.get(c.split, 0) + 1
    return corpus


def _copy_index(index: InMemoryIndex) -> InMemoryIndex:
    """A copy of the benchmark's own in-memory index (adding to it leaves ``index`` as it
    was)."""
    out = InMemoryIndex()
    out._snippets = dict(index._snippets)  # noqa: SLF001
    out._postings = {h: list(ids) for h, ids in index._postings.items()}  # noqa: SLF001
    out._order = dict(index._order)  # noqa: SLF001
    out._times = dict(index._times)  # noqa: SLF001
    out._seq = index._seq  # noqa: SLF001
    return out


def real_edit_commits(pairs: list[real_edits.Pair], index: InMemoryIndex,
                      seed: int) -> list[Commit]:
    """One commit per real edit: the newer release's function (lines labelled by
    ``real_edits.label``: ``ai`` and ``ai-edited`` are AI origin, ``human`` is not) between
    up to two other functions of the newer file (human), as a new file; the older release's
    function is indexed as its suggestion. The split is the hash of the package file's path
    (``_split_of``), as for the other rows."""
    out: list[Commit] = []
    for n, pair in enumerate(pairs, 1):
        lang = pair.language
        index.add(f"re{n}", Snippet(pair.old, "fence", lang, exchange_id=f"ere{n}"))
        old, new = pair.old.split("\n"), pair.new.split("\n")
        body = [(t, x != real_edits.HUMAN)
                for t, x in zip(new, real_edits.label(old, new), strict=True)]
        others = [f for f in pair.other if _norm(f) not in (_norm(pair.old), _norm(pair.new))]
        rng = random.Random(f"{seed}:real:{pair.path}:{pair.name}")
        around = [[(t, False) for t in f.split("\n")]
                  for f in rng.sample(others, min(2, len(others)))]
        lines = _file_of(*around[:1], body, *around[1:])
        out.append(Commit(REAL_KIND, f"{lang}/re{n}{EXT[lang]}", lines,
                          _split_of(lang, pair.path), size=len(old),
                          original=frozenset(_norm(t) for t in old),
                          source=f"{pair.path}::{pair.name}"))
    return out


def _ai_commit(kind: str, lang: str, ext: str, split: str, snippet_text: str,
               human: list[str], pool: list[str], index: InMemoryIndex, n: int,
               rng: random.Random, tool: bool = False) -> Commit:
    sid = f"s{n}"
    path = f"{lang}/t{n}{ext}"
    body: list[Line] = [(t, True) for t in snippet_text.split("\n")]
    newest = ""
    if kind == "superseded":
        # the model's earlier version (two lines different), suggested first
        older = _edit_lines(body, lang, rng, 2)
        index.add(f"o{n}", Snippet("\n".join(t for t, _ in older), "write" if tool else "fence",
                                   lang, path=path if tool else None, exchange_id=f"eo{n}"))
        newest = sid
    index.add(sid, Snippet(snippet_text, "edit" if kind == "superseded" else
                           "write" if tool else "fence", lang, path=path if tool else None,
                           exchange_id=f"e{n}"))
    if kind == "literal":
        body = _edit_lines(body, lang, rng, 1, literal=True)
    elif kind == "line":
        body = _edit_lines(body, lang, rng, 1)
    elif kind == "lines2":
        body = _edit_lines(body, lang, rng, 2)
    elif kind == "renamed":
        body = _rename(body, lang, rng)
    elif kind == "extract":
        body = _extract(body, lang, rng)
    elif kind == "reorder":
        body = _reorder(body, lang, rng)
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
    return Commit(kind, path, lines, split, size=snippet_text.count("\n") + 1,
                  original=frozenset(_norm(t) for t in snippet_text.split("\n")),
                  newest=newest)


def _file_of(*funcs: list[Line]) -> list[Line]:
    """Functions one after another, a blank line between two."""
    out: list[Line] = []
    for f in funcs:
        if out:
            out.append(("", False))
        out.extend(f)
    return out


def _history_commits(lang: str, ext: str, split: str, n: int, snippet_text: str,
                     sib: str | None, human: list[str], index: InMemoryIndex,
                     rng: random.Random) -> list[Commit]:
    """Commits to a file that existed before, where the suggestion was committed EARLIER
    (issue 17: code already in the repository is evidence against AI origin).

    * ``siblings-later``: the suggested function is in the parent file (committed verbatim
      before); a person now writes its look-alike sibling next to it. Human.
    * ``adapted``: the person copies that function within the file and adapts it (1-3 names
      renamed everywhere in the copy, one more line changed). Human: the commit adds no
      model text the repository did not already hold.
    * ``revised`` (``superseded`` suggestions only): the parent holds the model's older
      version of the function; the newer suggestion replaces it. The lines a diff adds are
      the newer version's: AI, and the evidence should name the newer suggestion.
    """
    sid = f"s{n}"
    before, after = ([(t, False) for t in f.split("\n")] for f in rng.sample(human, 2))
    body = [(t, True) for t in snippet_text.split("\n")]
    size = len(body)
    human_body = [(t, False) for t, _ in body]
    older = index.get(f"o{n}")
    out: list[Commit] = []
    if older is not None:
        parent = _file_of(before, [(t, True) for t in older.text.split("\n")], after)
        lines = _file_of(before, body, after)
        out.append(Commit("revised", f"{lang}/r{n}{ext}", lines, split, size=size,
                          original=frozenset(_norm(t) for t, _ in body), newest=sid,
                          parent=tuple(t for t, _ in parent),
                          in_parent=frozenset({f"o{n}"})))
        return out
    parent = _file_of(before, human_body, after)
    if sib is not None:
        lines = _file_of(before, human_body, [(t, False) for t in sib.split("\n")], after)
        out.append(Commit("siblings-later", f"{lang}/sl{n}{ext}", lines, split,
                          parent=tuple(t for t, _ in parent), in_parent=frozenset({sid})))
    copy = _edit_lines(_rename(human_body, lang, rng), lang, rng, 1)
    copy = [(t, False) for t, _ in copy]
    lines = _file_of(before, human_body, copy, after)
    out.append(Commit("adapted", f"{lang}/ad{n}{ext}", lines, split,
                      parent=tuple(t for t, _ in parent), in_parent=frozenset({sid})))
    return out


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
                        # a run of a snippet the parent file holds is the repository's own
                        # code, copied: decidable, so scored in its kind
                        if start_key[0] not in commit.in_parent:
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
    _mark_touched_copies(commits, index)


def _touches(old: str) -> Iterator[str]:
    """Every line ``_change_line`` (and so ``_change_literal``) can make of ``old`` (stripped):
    a number or string literal changed, an operator swapped, an argument added to a call, a
    name suffixed. Enumerated, not sampled: what the ``line`` kinds may commit."""
    for m in _NUMBER.finditer(old):
        value = int(m.group())
        for new in ([value + d for d in (1, 2, 5, 10, 15)] if value < 10**6 else [value // 2]):
            yield old[:m.start()] + str(new) + old[m.end():]
    for m in _STRING.finditer(old):
        q, body = m.group()[0], m.group()[1:-1]
        for new in ([body + x for x in ("_v2", " (retry)", "-x", "2")] if body else ["x"]):
            yield old[:m.start()] + q + new + q + old[m.end():]
    for o, n in _OPS:
        if o in old:
            yield old.replace(o, n, 1)
    for m in re.finditer(r"\b[A-Za-z_]\w*\(([^()]+)\)", old):
        pos = m.end() - 1
        for arg in ("True", "0", "null", "1"):
            yield old[:pos] + ", " + arg + old[pos:]
    for m in re.finditer(r"\b[a-z_][a-zA-Z_]{3,}\b", old):
        if m.group() not in _JS_KEYWORDS | _PY_RESERVED:
            for x in ("2", "_x", "Alt"):
                yield old[:m.end()] + x + old[m.end():]


def _commented(new: str, old: str, mark: str) -> bool:
    """``new`` is the code line ``old`` (stripped) with a trailing comment added, as the
    ``comments`` kind adds one (whatever the comment says)."""
    return (new.startswith(old + "  " + mark + " ") and bool(old)
            and not old.startswith(mark) and not old.endswith(("\\", '"""', "'''", "`")))


def _mark_touched_copies(commits: list[Commit], index: InMemoryIndex) -> None:
    """Mark human lines that hold a *whole* indexed snippet (``COPY_MIN_LINES`` non-blank
    lines or more) as ``verbatim`` and the edit kinds that keep every line in place commit
    it: every non-blank line in order, equal (indentation aside), or equal but for one or
    two lines touched as ``_change_line`` touches them (``literal``, ``line``, ``lines2``: on
    the lines ``_code_rows`` lets it edit), or one to three code lines with a trailing
    comment added (``comments``). The benchmark labels such text AI in those kinds (issue
    17: small snippets count, the untouched lines of an edited snippet are AI origin, a
    touched line ai-edited), so, like a verbatim run (``_mark_copies``), no content-based
    method can call it human (the same function in two packages of the corpus: httpcore's
    sync and async twins, one with a ``# pragma`` comment; a three-line getter). A whole
    snippet needs no ``COPY_MIN_CHARS``: that bound keeps a few common lines *of* a function
    (an ``else:``/``return None`` pair) human, and a whole function is no such fragment.
    Scored apart with the copies."""
    by_line: dict[str, list[tuple[str, int]]] = {}
    snippets: dict[str, tuple[list[str], set[int], str]] = {}
    for sid, snippet in index._snippets.items():  # noqa: SLF001 - the benchmark's own index
        lang = snippet.language or "python"
        raw = snippet.text.split("\n")
        editable = set(_code_rows([(t, True) for t in raw], lang))
        rows = [(n, t.strip()) for n, t in enumerate(raw) if t.strip()]
        if len(rows) < COPY_MIN_LINES:
            continue
        snippets[sid] = ([t for _, t in rows], {k for k, (n, _) in enumerate(rows)
                                                if n in editable},
                         "#" if lang == "python" else "//")
        for k, (_, t) in enumerate(rows):
            by_line.setdefault(t, []).append((sid, k))
    for commit in commits:
        seq = [(i, t.strip(), ai) for i, (t, ai) in enumerate(commit.lines) if t.strip()]
        starts: set[tuple[str, int]] = set()
        for u, (_, t, _) in enumerate(seq):
            hits = by_line.get(t, ())
            if len(hits) <= COPY_MAX_STARTS:
                starts.update((sid, u - k) for sid, k in hits
                              if u - k >= 0 and sid not in commit.in_parent)
        for sid, start in starts:
            lines, editable, mark = snippets[sid]
            window = seq[start:start + len(lines)]
            if len(window) < len(lines):
                continue
            touched = [k for k, (line, (_, t, _)) in enumerate(zip(lines, window, strict=True))
                       if line != t]
            if not touched or (1 <= len(touched) <= 2 and all(
                    k in editable and window[k][1] in set(_touches(lines[k]))
                    for k in touched)) or (1 <= len(touched) <= 3 and all(
                    _commented(window[k][1], lines[k], mark) for k in touched)):
                commit.copies.update(i for i, _, ai in window if not ai)


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


@dataclass
class Rate:
    hit: int = 0
    total: int = 0

    def add(self, other: Rate) -> None:
        self.hit += other.hit
        self.total += other.total

    @property
    def value(self) -> float:
        return self.hit / self.total if self.total else 1.0


@dataclass
class Result:
    """Scores of one split: per kind, per size bucket, and the line-level extras."""

    kinds: dict[str, Score] = field(default_factory=dict)
    buckets: dict[str, Score] = field(default_factory=dict)
    untouched: Rate = field(default_factory=Rate)  # untouched AI lines of edited snippets
    touched_edited: Rate = field(default_factory=Rate)  # touched AI lines said ai-edited
    newest: Rate = field(default_factory=Rate)  # superseded lines whose evidence is newest
    newest_revised: Rate = field(default_factory=Rate)  # the same for ``revised`` commits
    mistakes: list[str] = field(default_factory=list)
    # real edits, apart so that the rows above stay comparable
    real_buckets: dict[str, Score] = field(default_factory=dict)
    real_untouched: Rate = field(default_factory=Rate)  # AI lines equal to an old line
    real_touched_edited: Rate = field(default_factory=Rate)  # other AI lines said ai-edited
    real_mistakes: list[str] = field(default_factory=list)

    def add(self, other: Result) -> None:
        """Add ``other``'s counts to this one's (the dev split of another seed)."""
        for mine, theirs in ((self.kinds, other.kinds), (self.buckets, other.buckets),
                             (self.real_buckets, other.real_buckets)):
            for name, score in theirs.items():
                mine.setdefault(name, Score()).add(score)
        for rate in ("untouched", "touched_edited", "newest", "newest_revised",
                     "real_untouched", "real_touched_edited"):
            getattr(self, rate).add(getattr(other, rate))
        self.mistakes += other.mistakes
        self.real_mistakes += other.real_mistakes


TIMING = {"seconds": 0.0, "lines": 0}  # attribution time and added lines, for the report


def evaluate(corpus: Corpus) -> dict[str, Result]:
    """split -> its Result."""
    results: dict[str, Result] = {}
    for commit in corpus.commits:
        res = results.setdefault(commit.split, Result())
        diff, added = _diff(commit)
        # a file with a parent: its text before and after, as the hook gives them
        preexisting: dict[str, tuple[str, ...]] | None = None
        current: Mapping[str, list[str]] | None = None
        if commit.parent is not None:
            preexisting = {commit.path: commit.parent}
            current = {commit.path: [t for t, _ in commit.lines]}
        if corpus.files:  # ``--tool-writes kept``: the working tree holds the writes' files
            current = ChainMap(dict(current or {}), corpus.files)
        t0 = time.perf_counter()
        real = commit.kind == REAL_KIND
        index = corpus.real_index if real and corpus.real_index is not None else corpus.index
        got = {o.lineno: o for o in attribute([diff], index, preexisting=preexisting,
                                              current=current)}
        TIMING["seconds"] += time.perf_counter() - t0
        TIMING["lines"] += len(added)
        kind = res.kinds.setdefault(commit.kind, Score())
        kind.commits += 1
        buckets = res.real_buckets if real else res.buckets
        bucket = (buckets.setdefault(_bucket(commit.size), Score())
                  if commit.size and commit.parent is None else None)
        if bucket is not None:
            bucket.commits += 1
        copies_row = ("real-edit copies" if real else "human copies" if commit.parent is None
                      else "history copies")
        if commit.copies & set(added):
            res.kinds.setdefault(copies_row, Score()).commits += 1
        for i in added:
            text, truth = commit.lines[i]
            if not text.strip():
                continue
            o = got[i + 1]
            said = o.origin in (AI, AI_EDITED)
            row = copies_row if i in commit.copies else commit.kind
            score = res.kinds.setdefault(row, Score())
            targets = [score]
            if bucket is not None and row != copies_row:
                # every scored line of the commit (its human lines too), so that a bucket's
                # precision says how often an AI label in such commits is right
                targets.append(bucket)
            for s in targets:
                if truth and said:
                    s.tp += 1
                elif truth:
                    s.fn += 1
                elif said:
                    s.fp += 1
                else:
                    s.tn += 1
            mistakes = res.real_mistakes if real else res.mistakes
            if truth != said and len(mistakes) < 3000:
                mistakes.append(f"{'FN' if truth else 'FP'} {row:12} {commit.path}:{i + 1}:"
                                f" {text.strip()}" + (f"  [{commit.source}]" if real else ""))
            if truth and (real or (commit.kind in EDIT_KINDS and commit.parent is None)):
                # an edited snippet's lines: untouched ones stay AI, touched ones ai-edited
                if _norm(text) in commit.original:
                    rate = res.real_untouched if real else res.untouched
                    rate.total += 1
                    rate.hit += said
                else:
                    rate = res.real_touched_edited if real else res.touched_edited
                    rate.total += 1
                    rate.hit += o.origin == AI_EDITED
            if truth and commit.newest and said:
                rate = res.newest if commit.parent is None else res.newest_revised
                rate.total += 1
                rate.hit += bool(o.evidence) and o.evidence[0].snippet_id == commit.newest
    return results


def _diff(commit: Commit) -> tuple[FileDiff, list[int]]:
    """The commit as a diff (what the hook sees) and the 0-based indexes of its added lines:
    a new file adds every line; a file with a parent adds what ``difflib`` finds inserted or
    replaced (deleted lines go in ``FileDiff.deleted``, as git's diff gives them)."""
    texts = [t for t, _ in commit.lines]
    if commit.parent is None:
        return FileDiff(commit.path, added=tuple(AddedLine(i + 1, t)
                                                 for i, t in enumerate(texts)),
                        status="A"), list(range(len(texts)))
    import difflib

    ops = difflib.SequenceMatcher(None, commit.parent, texts, autojunk=False).get_opcodes()
    added = [j for op, _i1, _i2, j1, j2 in ops if op in ("replace", "insert")
             for j in range(j1, j2)]
    deleted = tuple(commit.parent[i] for op, i1, i2, _j1, _j2 in ops
                    if op in ("replace", "delete") for i in range(i1, i2))
    return FileDiff(commit.path, added=tuple(AddedLine(j + 1, texts[j]) for j in added),
                    deleted=deleted, status="M"), added


HISTORY_ROWS = (*HISTORY_AI_KINDS, *HISTORY_HUMAN_KINDS, "history copies")


def totals(kinds: dict[str, Score]) -> dict[str, Score]:
    edited, all_ai, human, history = Score(), Score(), Score(), Score()
    for kind in EDIT_KINDS:
        edited.add(kinds.get(kind, Score()))
    for kind in AI_KINDS:
        all_ai.add(kinds.get(kind, Score()))
    # every never-suggested line: human commits and the human lines of AI commits
    for name, s in kinds.items():
        if name != "human copies" and name not in HISTORY_ROWS and name not in REAL_ROWS:
            human.commits += s.commits if name in HUMAN_KINDS else 0
            human.fp += s.fp
            human.tn += s.tn
    # never-suggested lines of the commits to a file with a parent (history kinds)
    for name in (*HISTORY_AI_KINDS, *HISTORY_HUMAN_KINDS):
        s = kinds.get(name, Score())
        history.commits += s.commits if name in HISTORY_HUMAN_KINDS else 0
        history.fp += s.fp
        history.tn += s.tn
    return {"edited kinds": edited, "all AI kinds": all_ai, "all human lines": human,
            "history human": history}


TARGETS = "precision >= 0.99 every kind; recall >= 0.95 every kind and bucket; untouched " \
          ">= 0.98; false AI <= 0.005 overall, <= 0.01 siblings (and history look-alikes)"


def misses(res: Result) -> list[str]:
    """The issue's targets this split misses (empty: all met)."""
    out = []
    for kind in (*AI_KINDS, *HISTORY_AI_KINDS, REAL_KIND):
        s = res.kinds.get(kind)
        if s is None:
            continue
        if s.precision < 0.99:
            out.append(f"precision {kind} {s.precision:.4f}")
        if s.recall < 0.95:
            out.append(f"recall {kind} {s.recall:.4f}")
    for b, s in res.buckets.items():
        if s.recall < 0.95:
            out.append(f"recall bucket {b} {s.recall:.4f}")
    for b, s in res.real_buckets.items():
        if s.recall < 0.95:
            out.append(f"recall real-edit bucket {b} {s.recall:.4f}")
    if res.untouched.value < 0.98:
        out.append(f"untouched {res.untouched.value:.4f}")
    if res.real_untouched.value < 0.98:
        out.append(f"untouched real-edit {res.real_untouched.value:.4f}")
    overall = totals(res.kinds)["all human lines"].false_ai_rate
    if overall > 0.005:
        out.append(f"false AI overall {overall:.4f}")
    for kind in ("siblings", *HISTORY_HUMAN_KINDS):
        sib = res.kinds.get(kind)
        if sib is not None and sib.false_ai_rate > 0.01:
            out.append(f"false AI {kind} {sib.false_ai_rate:.4f}")
    return out


def _defined(value: float, denominator: int) -> str:
    """A ratio for the report, or ``-`` where it has nothing to measure (no AI-labelled line
    for a precision, no AI line for a recall, no human line for a false-AI rate)."""
    return f"{value:.4f}" if denominator else "-"


WIDE = "dev-wide"  # the dev split of ``--seed`` and of every ``--dev-seeds`` seed, summed


def report(results: dict[str, Result], wide_seeds: str = "") -> None:
    for split in ("dev", WIDE, "held-out"):
        res = results.get(split)
        if res is None:
            continue
        print(f"\n== split: {split} ==" if split != WIDE else
              f"\n== split: {split} (dev commits of seeds {wide_seeds}; real-edit rows: the "
              f"first seed's only) ==")
        print(f"{'kind':15} {'commits':>7} {'AI lines':>8} {'human':>7} {'precision':>9} "
              f"{'recall':>7} {'false AI':>8}")
        rows = {k: res.kinds[k] for k in (*AI_KINDS, *HUMAN_KINDS, "human copies",
                                          *HISTORY_ROWS, *REAL_ROWS) if k in res.kinds}
        rows.update(totals(res.kinds))
        for kind, s in rows.items():
            print(f"{kind:15} {s.commits:7d} {s.tp + s.fn:8d} {s.fp + s.tn:7d} "
                  f"{_defined(s.precision, (s.tp + s.fp) * (s.tp + s.fn)):>9} "
                  f"{_defined(s.recall, s.tp + s.fn):>7}"
                  f" {_defined(s.false_ai_rate, s.fp + s.tn):>8}")
        for label, rows in (("size", res.buckets), ("real-edit", res.real_buckets)):
            for b in BUCKETS:
                s = rows.get(b)
                if s is not None:
                    print(f"{label + ' ' + b:15} {s.commits:7d} {s.tp + s.fn:8d} "
                          f"{s.fp + s.tn:7d} {_defined(s.precision, s.tp + s.fp):>9} "
                          f"{_defined(s.recall, s.tp + s.fn):>7} "
                          f"{_defined(s.false_ai_rate, s.fp + s.tn):>8}")
        print("(size rows: every line of the AI commits whose snippet has that size, their "
              "human lines too; '-': no line to measure it on; real-edit rows: the same for "
              "real-edit commits, by the older version's size)")
        print(f"untouched lines of edited snippets that stay AI origin: "
              f"{res.untouched.value:.4f} ({res.untouched.hit}/{res.untouched.total})")
        print(f"touched lines labelled ai-edited: {res.touched_edited.value:.4f} "
              f"({res.touched_edited.hit}/{res.touched_edited.total})")
        print(f"superseded: evidence names the newest suggestion: {res.newest.value:.4f} "
              f"({res.newest.hit}/{res.newest.total})")
        print(f"revised (older version in the parent): evidence names the newest: "
              f"{res.newest_revised.value:.4f} ({res.newest_revised.hit}/"
              f"{res.newest_revised.total})")
        if res.real_untouched.total:
            print(f"real-edit: lines equal to an old line that stay AI origin: "
                  f"{res.real_untouched.value:.4f} ({res.real_untouched.hit}/"
                  f"{res.real_untouched.total}); edited lines labelled ai-edited: "
                  f"{res.real_touched_edited.value:.4f} ({res.real_touched_edited.hit}/"
                  f"{res.real_touched_edited.total})")
        print("(history rows: commits to a file with a parent, only the lines the diff adds "
              "scored; 'all human lines' and the size rows count commits without one, "
              "real-edit commits aside)")
        missed = misses(res)
        print("targets (" + TARGETS + "): " + ("all met" if not missed
                                              else "MISSED: " + "; ".join(missed)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--languages", default=",".join(LANGUAGES),
                        help="comma-separated subset of " + ", ".join(LANGUAGES))
    parser.add_argument("--pin", action="store_true",
                        help="rewrite the manifest from this machine's files (on purpose)")
    parser.add_argument("--show-mistakes", choices=("dev", WIDE, "held-out"),
                        help="print the mistakes of one split (never tune on held-out)")
    parser.add_argument("--no-real-edits", action="store_true",
                        help="leave out the real-edit rows (they fetch pinned releases)")
    parser.add_argument("--tool-writes", choices=TOOL_WRITES, default="none",
                        help="suggestions as chat fences (none) or as agents' writes recorded "
                        "with their file, distractors' files discarded or kept (docstring)")
    parser.add_argument("--pin-real-edits", action="store_true",
                        help="rewrite real_edits.json from _real_edits.SOURCES (on purpose)")
    parser.add_argument("--dev-seeds", default="",
                        help="comma-separated more seeds whose dev commits (only) are added to "
                        "--seed's in a 'dev-wide' split: more look-alikes to tune on, the "
                        "held-out split unchanged")
    parser.add_argument("--dev-only", action="store_true",
                        help="attribute and report the dev split(s) only")
    args = parser.parse_args(argv)
    languages = tuple(x.strip() for x in args.languages.split(",") if x.strip())
    if unknown := set(languages) - set(LANGUAGES):
        parser.error(f"unknown languages: {', '.join(sorted(unknown))}")
    try:
        if args.pin:
            manifest = pin(languages)
            for lang in languages:
                entry = manifest[lang]
                assert isinstance(entry, dict)
                print(f"pinned {lang}: {len(entry['files'])} files, {entry['versions']}")
            return 0
        if args.pin_real_edits:
            real_manifest = real_edits.pin(REAL_MANIFEST, REAL_CACHE)
            for lang, rows in real_manifest.items():
                print(f"pinned real edits {lang}: {len(rows)} packages")
            return 0
        t0 = time.perf_counter()
        corpus = build_corpus(args.seed, quick=args.quick, languages=languages,
                              real=not args.no_real_edits, tool_writes=args.tool_writes)
        extra = [int(x) for x in args.dev_seeds.split(",") if x.strip()]
        wide = [(k, build_corpus(k, quick=args.quick, languages=languages,
                                 tool_writes=args.tool_writes)) for k in extra]
    except CorpusError as exc:
        print(f"provenance_accuracy: refusing to run: {exc}", file=sys.stderr)
        print("  (the corpus is pinned so that figures reproduce; restore the pinned files, "
              "or re-pin with --pin on purpose)", file=sys.stderr)
        return 2
    if args.dev_only:
        if args.show_mistakes == "held-out":
            parser.error("--dev-only attributes no held-out commit")
        corpus.commits = [c for c in corpus.commits if c.split == "dev"]
    t1 = time.perf_counter()
    results = evaluate(corpus)
    if wide:
        results[WIDE] = Result()
        results[WIDE].add(results["dev"])
        for k, more in wide:
            # the other seeds' dev commits only: their held-out ones are never attributed
            more.commits = [c for c in more.commits if c.split == "dev"]
            got = evaluate(more).get("dev", Result())
            got.mistakes = [f"[seed {k}] {m}" for m in got.mistakes]
            results[WIDE].add(got)
    t2 = time.perf_counter()
    manifest = json.loads(MANIFEST.read_text())
    print(f"suggestions: {'chat fences' if args.tool_writes == 'none' else 'tool writes, '
                          'distractor files ' + args.tool_writes}")
    print(f"corpus: seed {args.seed}, pinned {MANIFEST.relative_to(ROOT)}; "
          f"{len(corpus.index)} indexed snippets ({corpus.n_distractors} never committed), "
          f"{len(corpus.commits)} commits; built in {t1 - t0:.1f}s, attributed in "
          f"{t2 - t1:.1f}s")
    for lang in languages:
        print(f"  {lang}: target files {corpus.sources.get(lang)}, "
              f"{len(manifest[lang]['files'])} pinned files, {manifest[lang]['versions']}")
    if REAL_KIND in corpus.sources:
        real_manifest = json.loads(REAL_MANIFEST.read_text())
        print(f"  real edits: commits {corpus.sources[REAL_KIND]}, from "
              + "; ".join(f"{lang}: " + ", ".join(f"{r['package']} {r['old']['version']}->"
                                                   f"{r['new']['version']}" for r in rows)
                          for lang, rows in real_manifest.items() if lang in languages)
              + f" (pinned {REAL_MANIFEST.relative_to(ROOT)})")
    report(results, ",".join(str(k) for k in (args.seed, *extra)))
    per_k = 1000 * TIMING["seconds"] / max(1, TIMING["lines"])
    print(f"\nattribution time: {1000 * per_k:.0f} ms per 1k added lines "
          f"({TIMING['lines']} lines, in-memory index)")
    if args.show_mistakes:
        print("\n".join(results[args.show_mistakes].mistakes))
        print("\n".join(results[args.show_mistakes].real_mistakes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
