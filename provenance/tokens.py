"""Code -> abstracted token stream, keeping the source line of every token.

Tokens are tree-sitter leaves. Identifiers become ``I`` and literals (strings, numbers,
characters, regexes; the whole literal, interpolations included) become ``L``; keywords,
operators and punctuation are kept as written; comments are dropped. Renaming a variable,
changing a message or re-indenting therefore leaves the stream unchanged, which is what
makes winnowing find an edited suggestion. ``texts`` keeps each token's own text (comments
still dropped) so that an exact, rename-sensitive comparison is possible too.

Snippets are usually fragments (a method without its class, an indented block), so the
text is dedented before parsing and parse errors are tolerated: tree-sitter still yields
the leaves. Languages without a grammar use a regex tokenizer with the same abstraction.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from typing import Any, NamedTuple

from provenance.keywords import KEYWORDS
from provenance.languages import PARSED

_MAX_TOKEN = 64  # a single odd leaf (minified blob) must not dominate a hash


class TokenStream(NamedTuple):
    tokens: tuple[str, ...]  # abstracted: I, L, keywords, operators
    lines: tuple[int, ...]  # 1-based source line of each token
    texts: tuple[str, ...] = ()  # the token as written (identifiers kept, literals kept)


_LITERAL_TYPES = frozenset({
    # python
    "string", "concatenated_string", "integer", "float",
    # javascript / typescript
    "template_string", "number", "regex",
    # go
    "interpreted_string_literal", "raw_string_literal", "int_literal", "float_literal",
    "imaginary_literal", "rune_literal",
    # java
    "string_literal", "character_literal", "decimal_integer_literal", "hex_integer_literal",
    "octal_integer_literal", "binary_integer_literal", "decimal_floating_point_literal",
    "hex_floating_point_literal", "text_block",
    # rust
    "char_literal", "integer_literal",
    # c / cpp
    "number_literal", "system_lib_string", "user_defined_literal",
    # ruby
    "character", "simple_symbol", "delimited_symbol", "heredoc_body", "rational", "complex",
    # bash
    "raw_string", "ansi_c_string", "translated_string",
})

_IDENTIFIER_TYPES = frozenset({
    "identifier", "property_identifier", "field_identifier", "type_identifier",
    "shorthand_property_identifier", "shorthand_property_identifier_pattern",
    "statement_identifier", "namespace_identifier", "package_identifier",
    "private_property_identifier", "label_name",
    # ruby
    "constant", "instance_variable", "class_variable", "global_variable",
    # bash
    "variable_name", "word", "special_variable_name",
})


_GRAMMARS = {  # language -> (grammar wheel, function of its _binding module)
    "python": ("tree_sitter_python", "language"),
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "go": ("tree_sitter_go", "language"),
    "java": ("tree_sitter_java", "language"),
    "rust": ("tree_sitter_rust", "language"),
    "c": ("tree_sitter_c", "language"),
    "cpp": ("tree_sitter_cpp", "language"),
    "ruby": ("tree_sitter_ruby", "language"),
    "bash": ("tree_sitter_bash", "language"),
}


def _binding(package: str) -> Any:
    """A grammar wheel's compiled ``_binding`` module, loaded without running the package's
    ``__init__``: that imports ``importlib.resources`` (for query files we never read),
    ~7 ms of every git hook's start. Any other layout is imported the ordinary way."""
    import importlib
    import sys

    name = package + "._binding"
    if name in sys.modules:
        return sys.modules[name]
    from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, PathFinder
    from importlib.util import module_from_spec, spec_from_file_location

    spec = PathFinder.find_spec(package)  # locates the package, does not run it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for suffix in EXTENSION_SUFFIXES:
            path = f"{folder}/_binding{suffix}"
            try:
                loader = ExtensionFileLoader(name, path)
                found = spec_from_file_location(name, path, loader=loader)
                if found is None:
                    continue
                module = module_from_spec(found)
            except (ImportError, OSError):
                continue  # no such file, or not loadable here
            loader.exec_module(module)
            sys.modules[name] = module  # the package, if imported later, reuses it
            return module
    return importlib.import_module(name)


@cache
def _language(name: str) -> Any:
    from tree_sitter import Language

    if name not in _GRAMMARS:  # pragma: no cover - guarded by PARSED
        raise ValueError(f"no grammar for {name!r}")
    package, function = _GRAMMARS[name]
    return Language(getattr(_binding(package), function)())


@cache
def _parser(name: str) -> Any:
    from tree_sitter import Parser

    return Parser(_language(name))


def _dedent(text: str) -> str:
    """Remove the common leading whitespace of non-blank lines (line count unchanged)."""
    lines = text.split("\n")
    indents = [len(ln) - len(ln.lstrip(" \t")) for ln in lines if ln.strip()]
    cut = min(indents, default=0)
    if not cut:
        return text
    return "\n".join(ln[cut:] if ln.strip() else "" for ln in lines)


def _parse(text: str, language: str) -> tuple[Any, bytes]:
    data = _dedent(text).encode("utf-8", "surrogatepass")
    return _parser(language).parse(data), data


_SKIP, _LITERAL, _IDENT, _LEAF, _INNER = range(5)


def _classify(kind: str) -> int:
    """What a node of this type contributes (decided once per node type and grammar)."""
    if "comment" in kind:
        return _SKIP
    if kind in _LITERAL_TYPES or kind.endswith("_literal"):
        return _LITERAL
    if kind in _IDENTIFIER_TYPES:
        return _IDENT
    return _LEAF  # a leaf of any other type is kept as written; an inner node is descended


@cache
def _kind_classes(language: str) -> dict[int, int]:
    return {}  # node kind id -> _classify of its type, filled as kinds are met


def _tree_tokens(text: str, language: str) -> TokenStream:
    return _walk(*_parse(text, language), language)


def _walk(tree: Any, data: bytes, language: str) -> TokenStream:
    """Leaves of the tree in order (comments dropped, literals whole). The hot loop of
    tokenising: node kinds are classified once per grammar by kind id, and a token's line
    comes from its byte offset (``start_point`` builds a Point per node)."""
    tokens: list[str] = []
    lines: list[int] = []
    texts: list[str] = []
    classes = _kind_classes(language)
    newlines = []  # byte offsets of line ends
    at = data.find(b"\n")
    while at >= 0:
        newlines.append(at)
        at = data.find(b"\n", at + 1)
    cursor = tree.walk()
    while True:
        node = cursor.node
        kid = node.kind_id
        cls = classes.get(kid)
        if cls is None:
            cls = classes[kid] = _classify(node.type)
        descend = False
        if cls == _SKIP:
            pass
        elif cls == _LITERAL or node.child_count == 0:
            start, end = node.start_byte, node.end_byte
            if end > start:  # MISSING nodes are zero-width: skip
                word = data[start:end][:_MAX_TOKEN].decode("utf-8", "replace")
                tokens.append("L" if cls == _LITERAL else "I" if cls == _IDENT else word)
                lines.append(bisect_left(newlines, start) + 1)
                texts.append(word)
        else:
            descend = True
        if descend and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return TokenStream(tuple(tokens), tuple(lines), tuple(texts))


# --- plain-text fallback -------------------------------------------------------------------

_FALLBACK = re.compile(
    r"(?P<comment>//[^\n]*|/\*.*?\*/|(?<![\w$])#(?![!{\[])[^\n]*|--[ \t][^\n]*)"
    r"|(?P<string>\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)"
    r"|(?P<number>\b\d[\w.]*)"
    r"|(?P<word>[A-Za-z_$][\w$]*)"
    r"|(?P<op>===|!==|==|!=|<=|>=|=>|->|::|\+\+|--|&&|\|\||<<|>>|\*\*|[+\-*/%=<>!&|^~?:;,.(){}\[\]@])",
    re.S,
)


def _regex_tokens(text: str) -> TokenStream:
    tokens: list[str] = []
    lines: list[int] = []
    texts: list[str] = []
    line = 1
    pos = 0
    for m in _FALLBACK.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        group = m.lastgroup
        word = m.group()
        if group == "comment":
            continue
        if group in ("string", "number"):
            tok = "L"
        elif group == "word":
            tok = word if word in KEYWORDS else "I"
        else:
            tok = word
        tokens.append(tok)
        lines.append(line)
        texts.append(word[:_MAX_TOKEN])
    return TokenStream(tuple(tokens), tuple(lines), tuple(texts))


def tokenize(text: str, language: str | None) -> TokenStream:
    """Abstracted tokens of ``text`` with the 1-based line of each token."""
    if language in PARSED:
        return _tree_tokens(text, language)
    return _regex_tokens(text)


def tokenize_checked(text: str, language: str | None) -> tuple[TokenStream, float]:
    """``tokenize`` and ``error_ratio`` from one parse (0.0 for the regex tokenizer)."""
    if language not in PARSED:
        return _regex_tokens(text), 0.0
    tree, data = _parse(text, language)
    return _walk(tree, data, language), _errors(tree, text)


def error_ratio(text: str, language: str) -> float:
    """Share of the text's lines touched by parse errors (0 = clean parse)."""
    return _errors(_parse(text, language)[0], text)


def _errors(tree: Any, text: str) -> float:
    if not tree.root_node.has_error:
        return 0.0
    bad: set[int] = set()
    cursor = tree.walk()
    while True:
        node = cursor.node
        if node.type == "ERROR" or node.is_missing:
            bad.update(range(node.start_point[0], node.end_point[0] + 1))
        elif node.has_error and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                total = max(1, text.count("\n") + 1)
                return len(bad) / total
