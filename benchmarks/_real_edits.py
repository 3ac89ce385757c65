"""Real edits for the attribution benchmark: functions as two pinned releases of real packages
have them (issue 17: truth is measured on work nobody here tuned to).

The older release's version of a function stands for the model's suggestion, the newer
release's version for what the developer committed after editing it. The edits are real
people's (renamed locals, an argument added, a condition changed, a line reformatted), not
those of the benchmark's own generator, which attribution may have been fitted to.

Sources (``benchmarks/data/provenance_corpus/real_edits.json``): per language, packages with
an old and a new release, each pinned by version, file name and SHA-256 of the wheel or npm
tarball, fetched with the registries' own clients (``pip download``, ``npm pack``) into
``$AIPROV_BENCH_CACHE/real-edits`` on first use. A file that is missing after the fetch or
whose hash differs stops the benchmark (``CorpusError``). ``pin`` writes the manifest from
``SOURCES`` (do it on purpose, say why).

Pairing: functions (Python: top-level functions and methods, by ``Class.method``; JS/TS:
function declarations, methods, functions assigned to a name, by ``Class.method`` or the
assigned name) are paired by (file path, qualified name) when the name occurs once in the
file in both releases. A pair is kept when its body changed a little (``kept``): the lines,
whitespace-normalised, differ; their ``difflib`` ratio is at least ``MIN_LINE_RATIO`` (0.6);
the edit changed 1 to ``MAX_EDIT_LINES`` (6) lines (``edit_size``: new lines not labelled
``ai``, or old lines not kept verbatim, whichever is more); the new version has 3-200 lines.
At most ``MAX_PAIRS_PER_PACKAGE`` pairs per package are used, evenly spread.

Ground truth per line of the new version (``label``), on whitespace-normalised lines, each
old line explaining at most one new line:

1. lines ``difflib.SequenceMatcher`` (old lines vs new lines) finds equal: ``ai``;
2. a line of an inserted or replaced block equal to an old line no step 1 used (a moved
   line): ``ai``;
3. in a replace block, the remaining new and old lines are paired greedily, most similar
   first (character ``difflib`` ratio, ties to the earlier lines), while the ratio is at
   least ``MIN_EDIT_RATIO`` (0.5): the new line is ``ai-edited`` (the model's line, edited);
4. every other line (inserted, or too different from every old line of its block): ``human``.

Blank lines get a label too; the benchmark does not score them.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import io
import json
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks._registry import FetchError, fetch_release

AI, AI_EDITED, HUMAN = "ai", "ai-edited", "human"
MIN_EDIT_RATIO = 0.5  # a changed line this similar to an old line of its block is ai-edited
MIN_LINE_RATIO = 0.6  # a pair is kept when its normalised lines are at least this similar
MAX_EDIT_LINES = 6  # "a real edit of 1 to a few lines" (``edit_size``)
MIN_LINES, MAX_LINES = 3, 200
MAX_PAIRS_PER_PACKAGE = 40  # so that a few big packages do not make the row theirs
EXT = {"python": (".py",), "javascript": (".js", ".cjs", ".mjs"), "typescript": (".ts",)}
_SKIP_PARTS = ("test", "tests", "testing", "__tests__", "spec", "dist", "node_modules")

# language -> (registry name, old version, new version, path prefix in the archive); the
# packages are none of those the benchmark's other rows are built from
SOURCES: dict[str, list[tuple[str, str, str, str]]] = {
    "python": [
        ("attrs", "22.2.0", "23.1.0", "attr/"),
        ("packaging", "23.0", "23.2", "packaging/"),
        ("werkzeug", "2.3.7", "3.0.1", "werkzeug/"),
        ("flask", "2.3.3", "3.0.0", "flask/"),
        ("pluggy", "1.2.0", "1.3.0", "pluggy/"),
        ("more-itertools", "10.0.0", "10.1.0", "more_itertools/"),
        ("pytest", "7.3.2", "7.4.0", "_pytest/"),
        ("marshmallow", "3.19.0", "3.20.1", "marshmallow/"),
        ("tomlkit", "0.11.8", "0.12.1", "tomlkit/"),
        ("pyflakes", "3.0.1", "3.1.0", "pyflakes/"),
        ("django", "4.2.0", "4.2.7", "django/"),
        ("pydantic", "2.4.0", "2.5.0", "pydantic/"),
        ("sphinx", "7.1.0", "7.2.6", "sphinx/"),
    ],
    "javascript": [
        ("axios", "1.4.0", "1.6.0", "package/lib/"),
        ("ws", "8.13.0", "8.16.0", "package/lib/"),
        ("mocha", "10.2.0", "10.3.0", "package/lib/"),
        ("eslint", "8.50.0", "8.56.0", "package/lib/"),
        ("moment", "2.29.1", "2.29.4", "package/src/"),
        ("fastify", "4.21.0", "4.24.3", "package/lib/"),
        ("mongoose", "7.4.0", "7.6.0", "package/lib/"),
        ("webpack", "5.88.0", "5.89.0", "package/lib/"),
        ("undici", "5.22.0", "5.26.0", "package/lib/"),
        ("knex", "2.4.2", "2.5.1", "package/lib/"),
        ("svelte", "4.0.0", "4.2.0", "package/src/"),
    ],
    "typescript": [
        ("mobx", "6.9.0", "6.10.2", "package/src/"),
        ("effect", "2.0.0", "2.1.0", "package/src/"),
        ("@reduxjs/toolkit", "1.9.3", "1.9.7", "package/src/"),
        ("@tanstack/table-core", "8.9.0", "8.10.7", "package/src/"),
        ("@tanstack/query-core", "5.0.0", "5.8.1", "package/src/"),
        ("@trpc/server", "10.38.0", "10.44.0", "package/src/"),
    ],
}


@dataclass(frozen=True)
class Pair:
    """One function in two releases: ``old`` stands for the suggestion, ``new`` for the
    commit. ``other`` holds the new release's other functions of the file (human code)."""

    language: str
    package: str
    path: str  # "<package>/<path in the archive>"
    name: str
    old: str
    new: str
    other: tuple[str, ...] = ()


# --- ground truth --------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


def label(old: list[str], new: list[str]) -> list[str]:
    """Per line of ``new``: ``ai``, ``ai-edited`` or ``human`` (the rule in the docstring)."""
    a = [_norm(t) for t in old]
    b = [_norm(t) for t in new]
    out: list[str | None] = [None] * len(b)
    used = [False] * len(a)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for op, i1, i2, j1, _j2 in ops:
        if op == "equal":
            for k in range(i2 - i1):
                out[j1 + k] = AI
                used[i1 + k] = True
    # 2: moved lines, each unused old line explains one new line
    free: dict[str, list[int]] = {}
    for i, text in enumerate(a):
        if not used[i] and text:
            free.setdefault(text, []).append(i)
    for j, text in enumerate(b):
        if out[j] is None and text and free.get(text):
            used[free[text].pop(0)] = True
            out[j] = AI
    # 3: edited lines, paired within their replace block
    for op, i1, i2, j1, j2 in ops:
        if op != "replace":
            continue
        olds = [i for i in range(i1, i2) if not used[i] and a[i]]
        news = [j for j in range(j1, j2) if out[j] is None and b[j]]
        scored = sorted(((difflib.SequenceMatcher(None, a[i], b[j], autojunk=False).ratio(),
                          j, i) for i in olds for j in news), key=lambda x: (-x[0], x[1], x[2]))
        for ratio, j, i in scored:
            if ratio < MIN_EDIT_RATIO:
                break
            if out[j] is None and not used[i]:
                out[j] = AI_EDITED
                used[i] = True
    return [x or HUMAN for x in out]


def edit_size(old: list[str], new: list[str]) -> int:
    """Lines an edit changed: the new lines that are not ``ai`` or the old lines no new
    line kept verbatim, whichever is more (blank lines not counted)."""
    labels = label(old, new)
    changed = sum(1 for t, x in zip(new, labels, strict=True) if x != AI and t.strip())
    kept_old = sum(1 for t, x in zip(new, labels, strict=True) if x == AI and t.strip())
    return max(changed, sum(1 for t in old if t.strip()) - kept_old)


def kept(old: str, new: str) -> bool:
    """A pair whose body changed a little: not equal (whitespace aside), a line ratio of at
    least ``MIN_LINE_RATIO`` and an ``edit_size`` of at most ``MAX_EDIT_LINES``."""
    a, b = old.split("\n"), new.split("\n")
    na, nb = [_norm(t) for t in a], [_norm(t) for t in b]
    if na == nb or not MIN_LINES <= len(b) <= MAX_LINES:
        return False
    if difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio() < MIN_LINE_RATIO:
        return False
    return 1 <= edit_size(a, b) <= MAX_EDIT_LINES


# --- functions by qualified name -----------------------------------------------------------


def py_functions(text: str) -> dict[str, str]:
    """``qualified name -> source`` (decorators included) of top-level functions and of
    methods of (nested) classes; a name defined twice in the file is left out."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return {}
    lines = text.split("\n")
    found: list[tuple[str, str]] = []

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                visit(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno:
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                found.append((prefix + node.name,
                              "\n".join(lines[start - 1:node.end_lineno])))

    visit(tree.body, "")
    return _once(found)


def _once(found: list[tuple[str, str]]) -> dict[str, str]:
    count: dict[str, int] = {}
    for name, _ in found:
        count[name] = count.get(name, 0) + 1
    return {name: text for name, text in found if count[name] == 1}


_FUNC_NODES = {"function_declaration", "generator_function_declaration", "method_definition"}
_CLASS_NODES = {"class_declaration", "class", "abstract_class_declaration"}
_CONTAINERS = {"program", "export_statement", "class_body", "statement_block"}
_VALUE_FUNCS = {"arrow_function", "function_expression", "function",
                "generator_function"}


def ts_functions(language: str, text: str) -> dict[str, str]:
    """``qualified name -> source`` for JavaScript/TypeScript: function declarations,
    methods (``Class.method``; getters and setters prefixed ``get ``/``set ``), and functions
    assigned to a name (``const f = () => ...``, ``exports.f = function``,
    ``A.prototype.f = function``), at the top level or in classes."""
    from provenance.tokens import _parser

    tree = _parser(language).parse(text.encode("utf-8", "surrogatepass"))
    lines = text.split("\n")
    found: list[tuple[str, str]] = []

    def src(node) -> str:  # type: ignore[no-untyped-def]
        return "\n".join(lines[node.start_point[0]:node.end_point[0] + 1])

    def name_of(node) -> str | None:  # type: ignore[no-untyped-def]
        got = node.child_by_field_name("name")
        return got.text.decode("utf-8", "replace") if got is not None else None

    def visit(node, prefix: str, depth: int) -> None:  # type: ignore[no-untyped-def]
        for child in node.children:
            if child.has_error:
                continue
            if child.type in _FUNC_NODES and (name := name_of(child)):
                accessor = next((c.type for c in child.children
                                 if c.type in ("get", "set")), "")
                found.append((f"{prefix}{accessor + ' ' if accessor else ''}{name}",
                              src(child)))
            elif child.type in _CLASS_NODES and (name := name_of(child)):
                body = child.child_by_field_name("body")
                if body is not None and depth < 4:
                    visit(body, f"{prefix}{name}.", depth + 1)
            elif child.type in ("lexical_declaration", "variable_declaration"):
                for decl in child.children:
                    value = decl.child_by_field_name("value") \
                        if decl.type == "variable_declarator" else None
                    if value is not None and value.type in _VALUE_FUNCS \
                            and (name := name_of(decl)):
                        found.append((prefix + name, src(child)))
            elif child.type == "expression_statement":
                expr = child.children[0] if child.children else None
                if expr is not None and expr.type == "assignment_expression":
                    left, right = (expr.child_by_field_name("left"),
                                   expr.child_by_field_name("right"))
                    if left is not None and right is not None and right.type in _VALUE_FUNCS:
                        found.append((prefix + left.text.decode("utf-8", "replace"),
                                      src(child)))
            elif child.type in _CONTAINERS and depth < 4 and child.type != "statement_block":
                visit(child, prefix, depth + 1)

    visit(tree.root_node, "", 0)
    return {k: v for k, v in _once(found).items()
            if MIN_LINES <= v.count("\n") + 1 <= MAX_LINES}


def functions(language: str, text: str) -> dict[str, str]:
    if language == "python":
        return {k: v for k, v in py_functions(text).items()
                if MIN_LINES <= v.count("\n") + 1 <= MAX_LINES}
    return ts_functions(language, text)


def pairs_of(language: str, package: str, old_files: dict[str, str],
             new_files: dict[str, str]) -> list[Pair]:
    """Every kept pair of the two releases' files (``path -> text``), in path and name
    order; ``other`` is the new file's functions that are in no pair."""
    out: list[Pair] = []
    for path in sorted(set(old_files) & set(new_files)):
        old = functions(language, old_files[path])
        new = functions(language, new_files[path])
        names = [n for n in sorted(set(old) & set(new)) if kept(old[n], new[n])]
        other = tuple(new[n] for n in sorted(new) if n not in names)
        out.extend(Pair(language, package, f"{package}/{path}", n, old[n], new[n], other)
                   for n in names)
    return out


# --- the pinned releases -------------------------------------------------------------------


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _download(language: str, package: str, version: str, dest: Path) -> Path:
    """The release's wheel (pure Python) or npm tarball, fetched into ``dest``."""
    return fetch_release("pypi" if language == "python" else "npm", package, version, dest)


def _release_files(language: str, archive: Path, prefix: str) -> dict[str, str]:
    """``path under prefix -> text`` of the source files of a wheel or npm tarball."""
    exts = EXT[language]
    out: dict[str, str] = {}

    def wanted(name: str) -> bool:
        if not name.startswith(prefix) or not name.endswith(exts) or name.endswith(".d.ts"):
            return False
        parts = name[len(prefix):].split("/")
        return not (any(p in _SKIP_PARTS for p in parts[:-1])
                    or parts[-1].startswith("test") or ".min." in parts[-1])

    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                if wanted(name):
                    out[name[len(prefix):]] = z.read(name).decode("utf-8", "replace")
        return out
    with tarfile.open(archive, "r:gz") as t:
        for member in t.getmembers():
            if member.isfile() and wanted(member.name):
                f = t.extractfile(member)
                if f is not None:
                    out[member.name[len(prefix):]] = io.TextIOWrapper(
                        f, encoding="utf-8", errors="replace").read()
    return out


def pin(manifest_path: Path, cache: Path) -> dict[str, list[dict[str, object]]]:
    """Fetch every release of ``SOURCES`` and write the manifest with their hashes."""
    cache.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, list[dict[str, object]]] = {}
    for language, sources in SOURCES.items():
        rows: list[dict[str, object]] = []
        for package, old, new, prefix in sources:
            row: dict[str, object] = {"package": package, "prefix": prefix}
            for which, version in (("old", old), ("new", new)):
                path = _download(language, package, version, cache)
                row[which] = {"version": version, "file": path.name,
                              "sha256": _sha(path.read_bytes())}
            rows.append(row)
        manifest[language] = rows
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


def _pinned_archive(language: str, package: str, release: dict[str, str],
                    cache: Path) -> Path:
    path = cache / release["file"]
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        got = _download(language, package, release["version"], cache)
        if got != path:
            raise FetchError(f"{package} {release['version']}: the registry gave {got.name}, "
                             f"pinned {release['file']}")
    if _sha(path.read_bytes()) != release["sha256"]:
        raise FetchError(f"{path.name}: SHA-256 differs from the pin")
    return path


def load(manifest_path: Path, cache: Path, languages: tuple[str, ...]) -> Iterator[Pair]:
    """Every kept pair of the pinned releases of ``languages`` (fetched on first use,
    verified every time), at most ``MAX_PAIRS_PER_PACKAGE`` per package (a fixed choice:
    evenly spread over the package's pairs in path and name order)."""
    manifest = json.loads(manifest_path.read_text())
    for language in languages:
        for row in manifest.get(language, []):
            files = [_release_files(language,
                                    _pinned_archive(language, row["package"], row[which],
                                                    cache), row["prefix"])
                     for which in ("old", "new")]
            pairs = pairs_of(language, row["package"], *files)
            step = max(1.0, len(pairs) / MAX_PAIRS_PER_PACKAGE)
            yield from (pairs[int(k * step)] for k in range(min(len(pairs),
                                                                 MAX_PAIRS_PER_PACKAGE)))
