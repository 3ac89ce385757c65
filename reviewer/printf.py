"""Which arguments of a printf-style log call reach the log line as their own text.

``logger.info("user %s from %r: %d", name, addr, n, extra)`` writes ``name`` as it is, but
``addr`` through ``repr()`` (a CR/LF comes out as ``\\r\\n``, it cannot start a forged line)
and ``n`` as a number (anything else is a formatting error, not a line). A list, dict, set
or tuple printed with ``%s`` shows its items with ``repr()`` too. So a log-injection rule
(tag ``printf``) follows only the arguments this module keeps; the message itself is kept
unless it is a literal, and an f-string message keeps its ``{x}`` parts but not ``{x!r}``.

Pure: takes tree-sitter nodes of the Python grammar, returns nodes.
"""

from __future__ import annotations

import re

from tree_sitter import Node

# a %-conversion: optional (mapping key), flags, width, precision, length, type
_CONV = re.compile(r"%(\([^)]*\))?[-#0 +]*(\*|\d+)?(\.(\*|\d+))?[hlL]?([a-zA-Z%])")
# conversions that print no text of the argument's own: repr/ascii, or a number
_ESCAPED = frozenset("raduifFeEgGxXo")
# values printed with repr() of their items by %s and str()
_REPR_TYPES = frozenset({"list", "dictionary", "set", "tuple", "list_comprehension",
                         "dictionary_comprehension", "set_comprehension"})


def printed_args(args: Node) -> list[Node]:
    """The parts of a log call's ``argument_list`` whose raw text reaches the line."""
    if args.type != "argument_list":
        return [args]
    items = [a for a in args.named_children if a.type != "comment"]
    positional = [a for a in items if a.type not in ("keyword_argument",
                                                     "dictionary_splat", "list_splat")]
    rest = [a for a in items if a not in positional]
    if not positional:
        return rest
    msg, values = positional[0], positional[1:]
    kept = _message_parts(msg)
    if msg.type == "binary_operator" and _operator(msg) == "%":
        left, right = msg.child_by_field_name("left"), msg.child_by_field_name("right")
        if left is not None and right is not None and _is_plain_string(left):
            inner = list(right.named_children) if right.type == "tuple" else [right]
            kept = _by_conversion(_conversions(left), inner)
    return kept + _by_conversion(_conversions(msg) if _is_plain_string(msg) else None,
                                 values) + rest


def _message_parts(msg: Node) -> list[Node]:
    if _is_plain_string(msg):
        return []
    if msg.type == "string":  # an f-string: its {x} parts, not {x!r}
        return [i for i in msg.named_children if i.type == "interpolation"
                and not any(c.type == "type_conversion" and c.text in (b"!r", b"!a")
                            for c in i.named_children)]
    return [msg]


def _by_conversion(convs: list[str] | None, values: list[Node]) -> list[Node]:
    """``values`` minus those a conversion prints escaped, and containers (repr'd items);
    ``convs`` None: the format is unknown or uses mapping keys, every value is kept."""
    out = []
    for i, v in enumerate(values):
        if v.type in _REPR_TYPES:
            continue
        if convs is not None and i < len(convs) and convs[i] in _ESCAPED:
            continue
        out.append(v)
    return out


def _conversions(fmt: Node) -> list[str] | None:
    body = (fmt.text or b"").decode("utf-8", "replace")
    convs = []
    for m in _CONV.finditer(body):
        if m.group(1) is not None or "*" in (m.group(2) or "") + (m.group(4) or ""):
            return None  # %(name)s or a * width: positions do not map one to one
        if m.group(5) != "%":
            convs.append(m.group(5))
    return convs


def _is_plain_string(node: Node) -> bool:
    """A string literal with no interpolation (not an f-string), or a concatenation of
    them."""
    if node.type == "concatenated_string":
        return all(_is_plain_string(c) for c in node.named_children)
    return node.type == "string" and not any(c.type == "interpolation"
                                             for c in node.named_children)


def _operator(node: Node) -> str:
    op = node.child_by_field_name("operator")
    return (op.text or b"").decode() if op is not None else ""
