"""Taint-lite: where does the value of an expression come from, roughly?

Not a data-flow analysis: one pass over the enclosing function, driven by the language
pack's ``[flow]`` table (tree-sitter queries for definitions, parameters and imports, a
regex for request sources and one for sanitizers). An expression is classified as

    CONST   literals, UPPER_CASE constants, imported modules, sanitised values
    OPAQUE  something we cannot see (a global, a call without arguments, ``self.x``)
    PARAM   a parameter of the enclosing function (the caller decides)
    SOURCE  attacker-controlled: request data, argv, stdin, a web handler's route params

and a value built from parts takes the highest level of its parts. Rules use the level to
decide whether to report and how confident to be: a shell command built from
``request.args`` is a high-confidence finding, the same call fed by a parameter is a
medium one, a literal command is no finding at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from tree_sitter import Language, Node, Query, QueryCursor

CONST, OPAQUE, PARAM, SOURCE = 0, 1, 2, 3
LEVELS = {"const": CONST, "opaque": OPAQUE, "param": PARAM, "source": SOURCE}
LEVEL_NAMES = {v: k for k, v in LEVELS.items()}
_UPPER = re.compile(r"^_?[A-Z][A-Z0-9_]*$")
_CONJUNCTION = re.compile(r"&&|\band\b")  # a condition that holds only beside another
_ALTERNATIVE = re.compile(r"\|\||\bor\b")  # ... or that holds beside another one instead
_BOOLEAN = re.compile(r"&&|\|\||\band\b|\bor\b")
_CHECK_LEAD = re.compile(r"[\s(!]*(?:not\b[\s(]*)?")  # a check that opens its condition
_MAX_DEPTH = 40


@dataclass(frozen=True)
class FlowSpec:
    """A language's flow configuration, compiled for one grammar."""

    scopes: frozenset[str]
    defs: Query | None
    params: Query | None
    imports: Query | None
    ignore_params: frozenset[str]
    header_parents: frozenset[str]
    handler_header: re.Pattern[str] | None
    sources: re.Pattern[str]
    sanitizers: re.Pattern[str] | None
    literals: frozenset[str]
    interpolations: frozenset[str]
    identifiers: frozenset[str]
    calls: dict[str, tuple[str, str]]  # call node type -> (function field, arguments field)
    members: dict[str, str]  # member node type -> object field
    skip: frozenset[str]  # node types that carry no data (comments, keyword names)
    module_skip: frozenset[str]  # top-level node types not scanned for module globals
    keyword_args: dict[str, str]  # keyword-argument node type -> value field
    build_types: frozenset[str]
    build_calls: re.Pattern[str] | None
    guards: str | None = None  # regex template; {name} is the variable
    # sink kind -> the sanitizers that end taint for that kind of sink only (a rule opts in
    # with the tag ``sink:<kind>``); rules without one use ``sanitizers``
    kind_sanitizers: dict[str, re.Pattern[str]] = field(default_factory=dict)
    # sink kind -> what a local helper's return expression contains when the helper is an
    # escaper of its own (``s.replace('<', '&lt;')``): a call to it ends taint for that kind
    kind_escapers: dict[str, re.Pattern[str]] = field(default_factory=dict)
    escaper: re.Pattern[str] | None = None
    # calls that are such an escaper written inline (``out.replace("<", "&lt;")``): one whose
    # own text (its chain of calls) holds the kind's escaper pattern ends taint as well
    inline_escapes: re.Pattern[str] | None = None
    # sink kind -> member names that hold no text for that kind of sink (``row.id``,
    # ``items.length`` in HTML) when read from stored data, not from the request itself
    kind_members: dict[str, re.Pattern[str]] = field(default_factory=dict)
    safe_members: re.Pattern[str] | None = None
    # sink kind -> the inputs that cannot carry what that sink fears (a header value or the
    # raw request target holds no CR/LF: the HTTP parser ends the line there), matched
    # against the same text as ``sources``; ``source_level`` is the one place both are read
    kind_safe_sources: dict[str, re.Pattern[str]] = field(default_factory=dict)
    safe_sources: re.Pattern[str] | None = None
    # list literals: a constant index into a local list built by append/insert/pop in
    # straight-line code reads the element that sits there (Python's list methods)
    list_types: frozenset[str] = frozenset()
    # inputs that are a constant in a handler whose route has no variable part
    # (``request.path`` under ``@app.route("/a/b")`` is "/a/b"): ``fixed_sources`` names
    # them, ``fixed_route`` matches a head with a route decorator, ``route_variable`` a head
    # whose route takes a variable part
    fixed_sources: re.Pattern[str] | None = None
    fixed_route: re.Pattern[str] | None = None
    route_variable: re.Pattern[str] | None = None
    # keyed stores written and read by method calls (``conf.set(section, key, value)``,
    # ``conf.get(section, key)``): @name the object, @m the method, @args its arguments (the
    # key first, the value last); a read whose method ``keyed_reads`` names holds what was
    # written under the same constant key, not everything the object ever held
    keyed_writes: Query | None = None
    keyed_reads: re.Pattern[str] | None = None
    # sink kind -> calls that build a response from a body and its headers or status
    # (``make_response((body, {"X-H": v}))``, ``make_response(body, 200, headers)``): for
    # that sink only the body is what the client renders
    kind_body_calls: dict[str, re.Pattern[str]] = field(default_factory=dict)
    body_calls: re.Pattern[str] | None = None
    # constant folding of branch conditions (dead code is not reviewed as reachable)
    if_types: frozenset[str] = frozenset()
    # a statement that leaves its block (return, raise, abort(...)): an ``if`` whose branch
    # ends in one is an early exit, and a check in its condition guards the sink after it
    exits: re.Pattern[str] | None = None
    # try statements and their handlers: an early exit in a try's body guards what follows
    # the try when every handler leaves too (the only way past it is through the check)
    try_types: frozenset[str] = frozenset()
    handler_types: frozenset[str] = frozenset()
    ifs: Query | None = None  # every if statement (``Flow._ifs_in``), built from if_types
    # conditional expressions (``c ? a : b``, ``a if c else b``): a constant condition
    # makes one arm dead like an ``if`` branch
    ternary_types: frozenset[str] = frozenset()
    true_types: frozenset[str] = frozenset()
    false_types: frozenset[str] = frozenset()
    number_types: frozenset[str] = frozenset()
    not_types: frozenset[str] = frozenset()
    # loops: a name assigned later in a loop around a use may hold that later value there,
    # so it is no constant at the use
    loop_types: frozenset[str] = frozenset()
    # ``match`` on a constant subject (Python): the case clauses and the clause type; a
    # clause whose literal pattern differs from the subject, or that follows a clause that
    # matches, is dead like the branch of a constant ``if``
    case_types: frozenset[str] = frozenset()
    # expressions whose value is a bool (``a == b``, ``x in xs``, ``not x``): a caller that
    # only tests a helper's result keeps no text of it (``result_unused``); and calls that
    # return a bool or a count (``isinstance(x, str)``, ``s.startswith("a")``): no attacker
    # text survives them. (A comparison itself keeps its operands' level: making it a
    # constant cost one held-out weakness of the apps benchmark, cause not seen.)
    scalar_types: frozenset[str] = frozenset()
    scalar_calls: re.Pattern[str] | None = None
    # sink kinds that print text (a log line, an HTML page): for them a ``scalar_types``
    # expression is itself a constant (``log.info("up=%s", kw in body)`` prints True or
    # False, never the input); other sinks keep the comparison's level (see above), and
    # ``scalars_const`` says which of the two this kind's spec does
    scalar_text_kinds: frozenset[str] = frozenset()
    # dict displays (``{"k": v}``): a constant key read of a name last bound to one holds
    # that key's value only (``_field_write``)
    dict_literals: frozenset[str] = frozenset()
    scalars_const: bool = False
    # member node types whose key is an expression (``rec[key]``), not a field name
    subscripts: frozenset[str] = frozenset()
    # a build (``"%d" % n``) whose text this matches formats numbers only: no text
    number_formats: re.Pattern[str] | None = None
    # a call that is a statement of its own (its value dropped), ``await`` around a call,
    # and a call's argument list: a rule whose sink is a helper's return reports it only
    # where a caller uses more than a bool of the value (``result_unused``)
    statements: frozenset[str] = frozenset()
    awaits: frozenset[str] = frozenset()
    arguments: frozenset[str] = frozenset()
    # ... and, when set, the calls through which a helper's returned text still reaches
    # the response (``HTMLResponse(page(x))``, ``"<p>{}</p>".format(page(x))``): passed as
    # an argument to any other call (``db.execute(build(x))``, ``jsonify(...)``), the text
    # is that call's input, not the page the view returns (``answers_client``)
    response_calls: re.Pattern[str] | None = None
    # parameter annotations whose value str() prints with repr() of every item (a dict, a
    # list), and the bases of a class of this file that does so (a pydantic model prints
    # ``name='a\\nb'``): printed whole, such a value puts no raw newline or quote in a
    # line (``printed_with_repr``)
    repr_types: re.Pattern[str] | None = None
    repr_bases: re.Pattern[str] | None = None
    # the bases of a class of this file whose values are its own members only (an Enum):
    # a parameter or field the framework parses into one holds no free text
    closed_bases: re.Pattern[str] | None = None
    classes: Query | None = None
    # one level inter-procedural: module-level functions (@name, @fn) and what they return
    # (@value inside a function): a call to a local helper takes the level of its returns
    functions: Query | None = None
    returns: Query | None = None
    # calls that look a record up (ORM/database/array finds, authentication): what they
    # return is stored data (OPAQUE), not the request values used to find it
    lookups: re.Pattern[str] | None = None
    # constructors whose value is what their executor settles it with (``new Promise((resolve,
    # reject) => db.all(q, [id], (e, rows) => resolve(rows)))``): the arguments given to the
    # executor's first parameter, not the executor's own text (the query it runs)
    settles: re.Pattern[str] | None = None
    # calls that return the content of what their receiver names (a file at a path): that
    # content is stored data, whoever chose the path (the path itself is another sink's)
    contents: re.Pattern[str] | None = None
    # imports, helpers and definitions in one query, for one shallow walk of the module;
    # ``module_parts[i]`` names the table ("imports", "functions", "defs") of pattern i
    module: Query | None = None
    module_parts: tuple[str, ...] = ()
    # server-side stores written in one handler and read in another (the session): a read
    # whose text matches ``stores`` (group ``key``) takes the level of what the file writes
    # under that key (``store_defs``: @name the written place, @value what is written)
    stores: re.Pattern[str] | None = None
    store_needle: str | None = None  # a file without this text reads no store
    containers: frozenset[str] = frozenset()  # module containers that handlers fill
    store_defs: Query | None = None
    # flow-sensitive reassignment: statement blocks, and the plain assignments (node type ->
    # the field holding the assigned name) after which a name holds only the new value
    blocks: frozenset[str] = frozenset()
    assigns: dict[str, str] = field(default_factory=dict)
    # a rejecting check whose branch resets the name to a constant (``if x not in
    # ("a", "b"): x = "a"``) ends taint after the ``if``; ``{name}`` is the variable
    reset_guards: str | None = None
    # a check in an ``if``'s condition guards the branch where it held: the text of a check
    # (from where the guard template marks it to the end of its part of the condition) that
    # holds when the value FAILS (``x not in OK``, ``x != 'a'``, ``'..' in x``), read with
    # the negations (``not_types``) around it: such a check guards what follows its early
    # exit and its ``else``, never its own branch; any other guards its branch only. None:
    # the pack states no direction, a check guards the whole ``if`` (or what follows it)
    guard_rejects: re.Pattern[str] | None = None
    # handler parameter annotations the framework parses into numbers (FastAPI ``int``)
    typed_params: re.Pattern[str] | None = None
    # annotations pydantic parses into a value with no line break (EmailStr, HttpUrl, an IP
    # address), for the sink kinds where only a line break does harm (a log line):
    # ``oneline`` says whether this kind's spec counts them as closed
    oneline_types: re.Pattern[str] | None = None
    oneline_kinds: frozenset[str] = frozenset()
    oneline: bool = False
    # a parameter's annotation or default, or a field of the local class a handler parameter
    # is annotated with (``topic: str = Field(pattern=r"^(a|b)$")``), that lets through only
    # values that carry nothing (an anchored pattern of word characters): like a number
    closed_fields: re.Pattern[str] | None = None
    # a declaration that bounds a number from above (``Field(ge=1, le=500)``,
    # ``Query(10, lt=100)``): the framework refuses a larger one, so where min() is what ends
    # taint (a loop count, an allocation size) the value is bounded like min(n, 500)
    bounded_fields: re.Pattern[str] | None = None
    # the fields of a class (@cls, @name, @type, the whole declaration @field)
    fields: Query | None = None
    route_types: str | None = None  # a route converter naming the type; {name}: the parameter
    # a handler parameter whose default the framework fills with a dependency's result
    # (FastAPI ``user = Depends(current_user)``): what the dependency returns, not the request
    injected_params: re.Pattern[str] | None = None
    # a parameter annotated as the framework's request object (FastAPI ``request:
    # Request``): of its members only those ``sources`` names are input
    # (``request.query_params``), not ``request.app``, ``request.method`` or ``request.state``;
    # the object passed whole (``read_body(request)``) still is
    request_types: re.Pattern[str] | None = None
    # calls by a plain name (@call, its function @fn): a local helper's call sites, found by
    # one query instead of a walk of the whole tree in Python
    call_sites: Query | None = None
    # methods whose result is a part of the receiver, the arguments only positions or counts
    # (``names.slice(from, to)``): the call takes the receiver's level, not the arguments'
    receiver_calls: re.Pattern[str] | None = None
    # methods that call a function argument with the receiver's elements (``rows.map(r =>
    # ...)``): that function's parameters hold what the receiver (and the other arguments,
    # a reduce's initial value) hold, not a caller's arbitrary values
    element_calls: re.Pattern[str] | None = None
    # of those, the ones whose result is what the function returns (``map``, ``reduce``);
    # the others return the receiver's elements (``filter``, ``sort``) or no text at all
    mapping_calls: re.Pattern[str] | None = None
    # constructor calls (``new Author({ name })``): a field the object literal passed to a
    # class does not set (``author.url``) is the class's own (a virtual, a default), not
    # the request values it was given
    constructed: dict[str, str] = field(default_factory=dict)  # call type -> literal type
    # the node types around a defined name (@name's parent) that write to whatever binding
    # is in scope rather than declare one (``html += ...``, ``items.push(x)``): such a write
    # in a nested function (``rows.forEach(r => { html += ... })``) whose name that function
    # does not declare defines the name of the enclosing function that does
    closure_writes: frozenset[str] = frozenset()
    # a conditional expression whose condition, all of it, tests a name against literals
    # (``s === 'ASC' || s === 'DESC' ? s : 'DESC'``): the arm that is that name holds one of
    # them; a regex template, ``{name}`` the name, matched against the whole condition
    ternary_allows: re.Pattern[str] | None = None
    # sink kind -> more guard shapes (the ``guards`` template) that validate a name for that
    # kind of sink only: a name refused when it holds '..' or '/' is a plain file name, not a
    # safe SQL or HTML text
    kind_guards: dict[str, str] = field(default_factory=dict)
    # sink kind -> the guard shapes that alone validate a name for that kind, in place of the
    # pack's ``guards``: a NaN, integer or pattern check proves a value is a number, not that
    # it is in range (Number.isNaN(amount) lets -60 through to a balance)
    kind_only_guards: dict[str, str] = field(default_factory=dict)

    def for_kind(self, kind: str | None) -> FlowSpec:
        """This spec with the sanitizers of one sink kind (unknown kind: a PackError-like
        ValueError, so a typo in a pack never silently falls back to the default)."""
        if kind is None:
            return self
        if kind not in self.kind_sanitizers and kind not in self.kind_guards:
            raise ValueError(f"no [flow.sink_sanitizers] entry for sink kind {kind!r}")
        extra = self.kind_guards.get(kind)
        guards = self.kind_only_guards.get(kind, self.guards)
        guards = guards if extra is None else extra if not guards else f"{guards}|{extra}"
        return replace(self, sanitizers=self.kind_sanitizers.get(kind, self.sanitizers),
                       guards=guards, scalars_const=kind in self.scalar_text_kinds,
                       oneline=kind in self.oneline_kinds,
                       escaper=self.kind_escapers.get(kind),
                       safe_members=self.kind_members.get(kind),
                       safe_sources=self.kind_safe_sources.get(kind),
                       body_calls=self.kind_body_calls.get(kind))

    def for_decision(self) -> FlowSpec:
        """This spec for a sink that takes a decision, not text (a flag kept in the session,
        an amount): a comparison or a count of the input is still the client's choice."""
        return replace(self, scalar_types=frozenset(), scalar_calls=None, scalars_const=False)

    def source_level(self, probe: str) -> int | None:
        """The level of the input ``probe`` names (an identifier, a call's head with ``(``,
        a member path): SOURCE when ``sources`` names it, CONST when this spec's sink kind
        counts it safe (``safe_sources``: it cannot carry what the sink fears), None when
        it names no input. The one place ``sources`` is read."""
        if not self.sources.search(probe):
            return None
        if self.safe_sources is not None and self.safe_sources.search(probe):
            return CONST
        return SOURCE


    @classmethod
    def compile(cls, lang: Language, raw: dict[str, Any]) -> FlowSpec:
        done: dict[str, tuple[str, Query | None]] = {}  # each table compiled once

        def lenient(key: str) -> tuple[str, Query | None]:
            if key not in done:
                src = raw.get(key) or ""
                try:
                    done[key] = (src, Query(lang, src) if src else None)
                except Exception:  # noqa: BLE001 - tree_sitter.QueryError: keep what compiles
                    kept = lenient_source(lang, src)
                    done[key] = (kept, Query(lang, kept) if kept else None)
            return done[key]

        def q(key: str) -> Query | None:
            return lenient(key)[1]

        def rx(key: str) -> re.Pattern[str] | None:
            src = raw.get(key)
            return re.compile(src) if src else None

        if "sink_sources" in raw:  # the replacement list this table took over from
            raise ValueError("[flow.sink_sources] is gone: name the inputs a sink kind "
                             "cannot be harmed by in [flow.sink_safe_sources]")
        for table in ("sink_safe_sources", "sink_body_calls"):
            unknown = set(raw.get(table, {})) - set(raw.get("sink_sanitizers", {}))
            if unknown:
                raise ValueError(f"[flow.{table}] names sink kinds {sorted(unknown)} "
                                 "that have no [flow.sink_sanitizers] entry")
        parts: list[str] = []
        srcs: list[str] = []
        for key in ("imports", "functions", "defs"):
            kept, query = lenient(key)
            if query is not None:
                parts += [key] * query.pattern_count
                srcs.append(kept)
        return cls(
            module=Query(lang, "\n".join(srcs)) if srcs else None,
            module_parts=tuple(parts),
            scopes=frozenset(raw.get("scopes", ())),
            defs=q("defs"),
            params=q("params"),
            imports=q("imports"),
            ignore_params=frozenset(raw.get("ignore_params", ())),
            header_parents=frozenset(raw.get("header_parents", ())),
            handler_header=rx("handler_header"),
            sources=re.compile(raw["sources"]),
            sanitizers=rx("sanitizers"),
            literals=frozenset(raw.get("literals", ())),
            interpolations=frozenset(raw.get("interpolations", ())),
            identifiers=frozenset(raw.get("identifiers", ("identifier",))),
            calls={k: (v[0], v[1]) for k, v in raw.get("calls", {}).items()},
            members=dict(raw.get("members", {})),
            skip=frozenset(raw.get("skip", ("comment",))),
            module_skip=frozenset(raw.get("module_skip", ())),
            keyword_args=dict(raw.get("keyword_args", {})),
            build_types=frozenset(raw.get("build_types", ())),
            build_calls=rx("build_calls"),
            guards=raw.get("guards"),
            kind_sanitizers={k: re.compile(v)
                             for k, v in raw.get("sink_sanitizers", {}).items()},
            kind_escapers={k: re.compile(v)
                           for k, v in raw.get("helper_escapers", {}).items()},
            kind_members={k: re.compile(v)
                          for k, v in raw.get("sink_members", {}).items()},
            kind_safe_sources={k: re.compile(v)
                               for k, v in raw.get("sink_safe_sources", {}).items()},
            list_types=frozenset(raw.get("list_types", ())),
            fixed_sources=rx("fixed_sources"),
            fixed_route=rx("fixed_route"),
            route_variable=rx("route_variable"),
            keyed_writes=q("keyed_writes"),
            keyed_reads=rx("keyed_reads"),
            kind_body_calls={k: re.compile(v)
                             for k, v in raw.get("sink_body_calls", {}).items()},
            if_types=frozenset(raw.get("if_types", ())),
            exits=rx("exits"),
            try_types=frozenset(raw.get("try_types", ())),
            ifs=Query(lang, " ".join(f"({t}) @if" for t in raw["if_types"]))
            if raw.get("if_types") else None,
            handler_types=frozenset(raw.get("handler_types", ())),
            ternary_types=frozenset(raw.get("ternary_types", ())),
            true_types=frozenset(raw.get("true_types", ())),
            false_types=frozenset(raw.get("false_types", ())),
            number_types=frozenset(raw.get("number_types", ())),
            not_types=frozenset(raw.get("not_types", ())),
            loop_types=frozenset(raw.get("loop_types", ())),
            case_types=frozenset(raw.get("case_types", ())),
            scalar_types=frozenset(raw.get("scalar_types", ())),
            scalar_text_kinds=frozenset(raw.get("scalar_text_kinds", ())),
            dict_literals=frozenset(raw.get("dict_literals", ())),
            scalar_calls=rx("scalar_calls"),
            subscripts=frozenset(raw.get("subscripts", ())),
            number_formats=rx("number_formats"),
            statements=frozenset(raw.get("statements", ())),
            awaits=frozenset(raw.get("awaits", ())),
            arguments=frozenset(raw.get("arguments", ())),
            response_calls=rx("response_calls"),
            inline_escapes=rx("inline_escapes"),
            repr_types=rx("repr_types"),
            repr_bases=rx("repr_bases"),
            closed_bases=rx("closed_bases"),
            classes=q("classes"),
            functions=q("functions"),
            returns=q("returns"),
            lookups=rx("lookups"),
            settles=rx("settles"),
            contents=rx("contents"),
            stores=rx("stores"),
            store_needle=raw.get("store_needle"),
            containers=frozenset(raw.get("containers", ())),
            store_defs=q("store_defs"),
            blocks=frozenset(raw.get("blocks", ())),
            assigns=dict(raw.get("assigns", {})),
            reset_guards=raw.get("reset_guards"),
            guard_rejects=rx("guard_rejects"),
            typed_params=rx("typed_params"),
            oneline_types=rx("oneline_types"),
            oneline_kinds=frozenset(raw.get("oneline_kinds", ())),
            closed_fields=rx("closed_fields"),
            bounded_fields=rx("bounded_fields"),
            fields=q("fields"),
            route_types=raw.get("route_types"),
            injected_params=rx("injected_params"),
            receiver_calls=rx("receiver_calls"),
            element_calls=rx("element_calls"),
            mapping_calls=rx("mapping_calls"),
            constructed=dict(raw.get("constructed", {})),
            closure_writes=frozenset(raw.get("closure_writes", ())),
            kind_guards=dict(raw.get("sink_guards", {})),
            kind_only_guards=dict(raw.get("sink_guards_only", {})),
            ternary_allows=_guard_regex(raw["ternary_allows"]) if raw.get("ternary_allows")
            else None,
            request_types=rx("request_types"),
            call_sites=lenient_query(lang, "\n\n".join(
                f"({t} {f}: ({i}) @fn) @call"
                for t, (f, _) in raw.get("calls", {}).items()
                for i in sorted(raw.get("identifiers", ("identifier",))))),
        )


def lenient_query(lang: Language, src: str) -> Query | None:
    """Compile ``src``; if one grammar lacks a node type (TypeScript-only parameter nodes
    in a JavaScript grammar), keep the blank-line-separated patterns that do compile."""
    kept = lenient_source(lang, src)
    return Query(lang, kept) if kept else None


def lenient_source(lang: Language, src: str) -> str:
    """The part of ``src`` that compiles for ``lang`` (see ``lenient_query``)."""
    try:
        Query(lang, src)
        return src
    except Exception:  # noqa: BLE001 - tree_sitter.QueryError
        good = []
        for chunk in re.split(r"\n\s*\n", src):
            if not chunk.strip():
                continue
            try:
                Query(lang, chunk)
            except Exception:  # noqa: BLE001, S112
                continue
            good.append(chunk)
        return "\n".join(good)


def _name_ends(after: str) -> bool:
    """Does the template text ``after`` a ``{name}`` begin with a non-word character (or
    a word boundary) in every match? Then a match ends the name where the identifier ends,
    and matching it possessively finds the same matches."""
    while after.startswith((r"\s*", r"\s?")):
        after = after[3:]
    if after.startswith(r"\s") and not after.startswith(r"\s{"):
        return True  # \s or \s+: one whitespace at least
    if after.startswith("[") and not after.startswith("[^"):
        members, close, _ = after[1:].partition("]")
        # a class of punctuation only, such as [,)]: one non-word character follows
        return bool(close and members) and not any(c.isalnum() or c in "_\\" for c in members)
    return after.startswith((r"\.", r"\b", r"\)", r"\(", "!", "=", ",", ";"))


@cache
def _guard_regex(template: str, dotted: bool = False, ascii: bool = False) -> re.Pattern[str]:
    """The guard template with each ``{name}`` a capture of any identifier (``dotted``:
    of a member path such as ``req.body.user``, so a check on request data itself counts),
    and each ``{same}`` after it that same name again (the check and the use of one name:
    ``if "'" in q: return`` ... ``f"[@id='{q}']"``). A template's own named groups (a
    parsed URL's variable) are helpers: only the ``{name}`` captures are guarded names.
    ``ascii``: compiled with ``re.ASCII``, for a text ``plain_ascii`` allows."""
    name = r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+" if dotted else r"[A-Za-z_]\w*"
    parts = template.split("{name}")
    if not dotted and all(_name_ends(part.replace("{same}", r"\b")) for part in parts[1:]):
        # every name is followed by a non-word character, so a match ends the name where
        # the identifier ends: the same matches without backtracking into the name (the
        # scan of each function's text costs half as much)
        name += "+"
    out = parts[0]
    for i, part in enumerate(parts[1:]):
        out += rf"(?P<n{i}>{name})" + part.replace("{same}", rf"(?P=n{i})")
    return re.compile(out, ascii_flag(out, ascii))


_SEPARATORS = re.compile("[\x1c-\x1f]")
_SEPARATOR_BYTES = re.compile(b"[\x1c-\x1f]")
_CODE_ESCAPE = re.compile(r"\\[xuUN0-7]")  # \xe9, \u212a, \N{...}, octal: any character


def plain_ascii(src: str | bytes) -> bool:
    """May a regex search ``src`` (or any part of it) in ``re.ASCII`` mode, with the same
    answer as in the default Unicode mode (``ascii_flag``)? Yes when ``src`` is ASCII
    without the four separator controls (\\x1c-\\x1f), the only ASCII characters whose class
    differs (Unicode ``\\s`` counts them as space); ``\\w``, ``\\d`` and ``\\b`` agree on every
    other ASCII character. The ASCII classes make a scan of code about 40% faster (the
    guard templates over a function's text)."""
    seps = _SEPARATOR_BYTES if isinstance(src, bytes) else _SEPARATORS
    return src.isascii() and seps.search(src) is None  # type: ignore[arg-type]


def ascii_flag(pattern: str, plain: bool) -> int:
    """``re.ASCII`` for ``pattern`` over a ``plain_ascii`` text (``plain``), else 0. Not
    when the pattern names a character above ASCII, written or escaped: with IGNORECASE the
    Unicode mode folds one onto an ASCII letter (the Kelvin sign matches ``k``)."""
    if plain and pattern.isascii() and _CODE_ESCAPE.search(pattern) is None:
        return re.ASCII
    return 0


def _guard_names(m: re.Match[str]) -> Iterator[str]:
    """The names a match of a guard regex checks: its ``{name}`` captures."""
    return (v for k, v in m.groupdict().items() if v and k[0] == "n" and k[1:].isdigit())


def text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", "replace")


class Flow:
    """Flow facts for one parsed file; built once, queried per finding."""

    _defs: dict[int, dict[str, list[tuple[int, Node]]]]  # scope id -> name -> (pos, value)
    _params: dict[int, set[str]]
    _declared: dict[int, set[str]]  # scope id -> the names it declares (not closure writes)
    _imports: set[str]
    _aliases: dict[str, str]
    # (scope id, guard template) -> name / member path (req.body.x) checked -> where each
    # check is, the block it protects (start and end byte), and where the early-exit ``if``
    # holding it ends (-1: the check does not leave when it fails)
    _guarded_names: dict[tuple[int, str], dict[str, list[tuple[int, int, int, int]]]]
    _guarded_paths: dict[tuple[int, str], dict[str, list[tuple[int, int, int, int]]]]
    # scope id -> its ifs that may leave: where each ends, the block holding it (``_ifs_in``;
    # the language's statements only, the same for every sink kind)
    _scope_ifs: dict[int, list[tuple[int, int, int]]]
    # scope id -> its if statements (``_if_nodes``: every scope's, found at once)
    _if_nodes: dict[int, list[Node]]
    _functions: dict[str, Node]  # module-level helper name -> its function node
    _function_names: dict[int, str]  # the same, by the function node's id
    _returns: dict[int, list[Node]]
    _stored: dict[str, list[Node]] | None  # store key -> values written under it
    _stores_on: bool  # does the file mention the store at all
    # node id -> its scope (None: the module), and -> on a dead branch: structure only, the
    # same for every sink kind
    _scopes: dict[int, Node | None]
    _dead: dict[int, bool]
    _src: bytes  # the file's bytes, read once (each ``Node.text`` is a fresh copy)
    _ascii: bool  # ``plain_ascii(_src)``: the guard scans may use ASCII classes
    # (class, field) -> (annotation, declaration) of the file's classes, indexed on first use
    _fields: dict[tuple[str, str], tuple[str, str]]

    def __init__(self, spec: FlowSpec, root: Node, shared: Flow | None = None) -> None:
        """``shared``: a Flow of the same file for another sink kind; the facts that do not
        depend on sanitizers (definitions, parameters, imports, helpers, guards) are reused
        from it, so that a file is indexed once whatever the number of sink kinds."""
        self.spec = spec
        self.root = root
        self._memo: dict[int, int] = {}
        self._busy: set[int] = set()
        # levels read at sinks behind early-exit checks, one memo per set of such checks
        self._exit_memos: dict[frozenset[tuple[int, int]], dict[int, int]] = {}
        self._sink: Node | None = None  # the sink whose level is read (``at_sink``)
        # (scope id, parameter) -> the level a call site passes (``through_calls`` only)
        self._bound: dict[tuple[int, str], int] = {}
        self._bound_args: dict[tuple[int, str], Node] = {}  # ... and the argument itself
        self.via_call: Node | None = None  # the call whose arguments are bound
        self._sites: dict[str, list[Node]] | None = None  # helper name -> calls of it
        self._sites_from: Flow | None = None
        self._maybe_called: dict[str, bool] = {}  # helper name -> named twice (helper_name)
        # (node id, depth) -> value_text; the same for every sink kind, so shared, and used
        # only while no parameter is bound (``through_calls``)
        self._texts: dict[tuple[int, int], str] = {}
        self._bases: dict[str, str] | None = None  # class name -> its superclass list
        # constant folding: values found (node id -> value or None) and the nodes being
        # folded (a name's definition under a condition that reads the name again)
        self._consts: dict[int, int | str | bool | None] = {}
        self._scope_imports: dict[int, set[str]] = {}  # scope id -> names imported there
        self._keyed: dict[int, dict[str, list[tuple[int, Any, Node]]]] = {}  # keyed_writes
        self._folding: set[int] = set()
        # answers every rule asks again: scope id -> handler?, scope id -> helper name (the
        # same for every sink kind, so shared), node id -> through_calls readings (this
        # Flow's own: they depend on its sanitizers and bindings)
        self._handler_scopes: dict[int, bool] = {}
        self._helper_names: dict[int, str | None] = {}
        self._through: dict[int, list[tuple[int, list[tuple[int, str]], Flow]]] = {}
        if shared is not None and shared.root.id == root.id:
            self._handler_scopes = shared._handler_scopes
            self._helper_names = shared._helper_names
            self._maybe_called = shared._maybe_called
            self._texts = shared._texts
            self._src = shared._src
            self._ascii = shared._ascii
            self._scopes = shared._scopes
            self._dead = shared._dead
            self._defs = shared._defs
            self._declared = shared._declared
            self._params = shared._params
            self._imports = shared._imports
            self._aliases = shared._aliases
            self._guarded_names = shared._guarded_names
            self._guarded_paths = shared._guarded_paths
            self._scope_ifs = shared._scope_ifs
            self._if_nodes = shared._if_nodes
            self._functions = shared._functions
            self._function_names = shared._function_names
            self._returns = shared._returns
            self._stored = shared._stored
            self._stores_on = shared._stores_on
            self._fields = shared._fields
            self._sites_from = shared
            return
        self._scopes = {}
        self._dead = {}
        self._defs = {}
        self._declared = {}
        self._params = {}
        self._imports = set()
        self._aliases = {}
        self._guarded_names = {}
        self._guarded_paths = {}
        self._scope_ifs = {}
        self._if_nodes = {}
        self._functions = {}
        self._returns = {}
        self._stored = None
        self._fields = {}
        self._src = root.text or b""
        self._ascii = plain_ascii(self._src)
        needle = spec.store_needle
        self._stores_on = spec.stores is not None and (
            needle is None or needle.encode() in self._src)
        self._index()
        self._function_names = {}
        for name, fn in self._functions.items():
            self._function_names.setdefault(fn.id, name)

    # -- index -------------------------------------------------------------------------
    def scope_of(self, node: Node) -> Node:
        memo = self._scopes
        if node.id in memo:
            got = memo[node.id]
            return self.root if got is None else got
        # every node passed on the way up has the same scope: remember them all
        chain = [node.id]
        found: Node | None = None
        cur = node.parent
        scopes = self.spec.scopes
        while cur is not None:
            if cur.type in scopes:
                found = cur
                break
            if cur.id in memo:
                found = memo[cur.id]
                break
            chain.append(cur.id)
            cur = cur.parent
        for i in chain:
            memo[i] = found
        return self.root if found is None else found

    def _index(self) -> None:
        """Module-level facts in one shallow walk of the tree (matches starting at
        most a few levels below the module, so function bodies are not walked): imports,
        module-level definitions and module-level helpers. A function's own definitions
        are indexed only when a rule asks about them, so a hunk costs its function."""
        spec = self.spec
        module: dict[str, list[tuple[int, Node]]] = {}
        if spec.module is not None:
            for pattern, caps in _shallow(spec.module, 3).matches(self.root):
                part = spec.module_parts[pattern]
                if part == "imports":
                    for n in caps.get("name", []):
                        self._imports.add(text(n))
                    for n, orig in zip(caps.get("name", []), caps.get("orig", []),
                                       strict=False):
                        self._aliases[text(n)] = text(orig)  # import html as _html
                elif part == "functions":
                    for name, fn in zip(caps.get("name", []), caps.get("fn", []),
                                        strict=False):
                        if self.scope_of(fn).id == self.root.id:
                            self._functions.setdefault(text(name), fn)
                else:
                    values = caps.get("value", [])
                    for name in caps.get("name", []):
                        if not self._at_module_level(name):
                            continue
                        bucket = module.setdefault(text(name), [])
                        for value in values[:1]:
                            bucket.append((name.start_byte, value))
        self._defs[self.root.id] = module

    def _at_module_level(self, node: Node) -> bool:
        """Not inside a scope nor inside a top-level node type the pack skips (a class)."""
        cur = node.parent
        skip = self.spec.module_skip
        while cur is not None:
            if cur.type in self.spec.scopes or cur.type in skip:
                return False
            cur = cur.parent
        return True

    def _defs_in(self, scope: Node) -> dict[str, list[tuple[int, Node]]]:
        got = self._defs.get(scope.id)
        if got is not None:
            return got
        got = {}
        declared: set[str] = set()
        writes = self.spec.closure_writes
        nested: list[tuple[Node, Node]] = []  # writes in nested functions, decided below
        if self.spec.defs is not None:
            for _, caps in QueryCursor(self.spec.defs).matches(scope):
                values = caps.get("value", [])
                for name in caps.get("name", []):
                    writing = name.parent is not None and name.parent.type in writes
                    if self.scope_of(name).id != scope.id:
                        if writing and values and scope is not self.root:
                            nested.append((name, values[0]))
                        continue
                    if not writing:
                        declared.add(text(name))
                    bucket = got.setdefault(text(name), [])
                    for value in values[:1]:
                        bucket.append((name.start_byte, value))
        own = declared | self._params_in(scope) if nested else declared
        for name, value in nested:
            if text(name) in own and self._binder(name, scope).id == scope.id:
                got.setdefault(text(name), []).append((name.start_byte, value))
        self._defs[scope.id] = got
        self._declared[scope.id] = declared
        return got

    def _binder(self, name: Node, outer: Node) -> Node:
        """The function whose binding a write to ``name`` in a function nested in ``outer``
        reaches: the nearest one around it that declares the name (a definition or a
        parameter), else ``outer``."""
        word = text(name)
        scope = self.scope_of(name)
        while scope.id != outer.id and scope is not self.root:
            self._defs_in(scope)
            if word in self._declared[scope.id] or word in self._params_in(scope):
                return scope
            scope = self.scope_of(scope)
        return outer

    def _params_in(self, scope: Node) -> set[str]:
        got = self._params.get(scope.id)
        if got is not None:
            return got
        got = set()
        if self.spec.params is not None and scope is not self.root:
            for _, caps in QueryCursor(self.spec.params).matches(scope):
                for p in caps.get("param", []):
                    name = text(p)
                    if name not in self.spec.ignore_params and self.scope_of(p).id == scope.id:
                        got.add(name)
        self._params[scope.id] = got
        return got

    def header(self, scope: Node) -> str:
        """The scope's head: decorators/annotations and signature, without the body."""
        if scope is self.root:
            return ""
        start = scope
        if scope.parent is not None and scope.parent.type in self.spec.header_parents:
            start = scope.parent
        body = scope.child_by_field_name("body")
        return self.source(start.start_byte, body.start_byte if body is not None
                           else scope.end_byte)

    def source(self, start: int, end: int) -> str:
        """The file's text between two byte offsets of its nodes."""
        # ``_src`` is the root's text, and the root starts at the file's first token, not
        # at byte 0: node offsets are the file's, so shift them by the root's own start
        base = self.root.start_byte
        return self._src[start - base : end - base].decode("utf-8", "replace")

    def _is_handler(self, scope: Node) -> bool:
        got = self._handler_scopes.get(scope.id)
        if got is None:
            rx = self.spec.handler_header
            got = self._handler_scopes[scope.id] = bool(
                rx and scope is not self.root and rx.search(self.header(scope)))
        return got

    # -- classification ----------------------------------------------------------------
    def level(self, node: Node) -> int:
        """CONST / OPAQUE / PARAM / SOURCE for an expression node."""
        key = node.id
        if key in self._memo:
            return self._memo[key]
        if key in self._busy or len(self._busy) > _MAX_DEPTH:
            return CONST  # a cycle (x = x + 1) adds nothing new
        self._busy.add(key)
        try:
            result = self._level(node)
        finally:
            self._busy.discard(key)
        self._memo[key] = result
        return result

    def _level(self, node: Node) -> int:
        spec = self.spec
        t = node.type
        if t in spec.skip or (spec.scalars_const and t in spec.scalar_types):
            return CONST
        if t in spec.build_types and spec.number_formats is not None and \
                spec.number_formats.search(text(node)):
            return CONST  # "page %d of %d" % (i, n): numbers, whatever they came from
        if self._stores_on and (t in spec.members or t in spec.calls) and \
                node.end_byte - node.start_byte < 120:
            stored = self._stored_level(node)
            if stored is not None:
                return stored
        if t in spec.literals:
            parts = [c for c in _descendants(node) if c.type in spec.interpolations]
            return max((self._children_level(p) for p in parts), default=CONST)
        if t in spec.identifiers:
            named = spec.source_level(text(node))
            return named if named is not None else self._resolve(node)
        if t in spec.calls:
            fn_field, args_field = spec.calls[t]
            fn = node.child_by_field_name(fn_field)
            # source calls: input(), r.FormValue(...), request.get_json()
            head = text(fn) if fn is not None else ""
            name = node.child_by_field_name("name")  # Java: obj.name(args)
            if name is not None:
                obj = node.child_by_field_name("object")
                head = (text(obj) + "." if obj is not None else "") + text(name)
            # a sanitizer method on request data (req.query.q.replace(...)) ends taint
            callee = self.callee(fn) if fn is not None else ""
            if fn is not None and spec.sanitizers and spec.sanitizers.search(callee):
                return CONST
            if fn is not None and spec.scalar_calls and spec.scalar_calls.search(callee):
                return CONST  # isinstance(x, str), x.startswith("a"): a bool, no text
            if fn is not None and self._inline_escape(node):
                return CONST  # out.replace("<", "&lt;"): this kind's escaper, inline
            if fn is not None and spec.keyed_reads is not None and fn.type in spec.members:
                got = self._keyed_read(node, fn, node.child_by_field_name(args_field))
                if got is not None:
                    return got
            if fn is not None and spec.body_calls is not None and \
                    spec.body_calls.search(callee):
                body = self._response_body(node.child_by_field_name(args_field))
                return self.level(body) if body is not None else CONST
            # a source call is a plain name (request.get_json(), req.get('h')); a chain whose
            # head holds a call (User.query.filter_by(name=request.form[...]).first()) is
            # judged by its parts, not by the request text nested in its arguments
            named = spec.source_level(head + "(") if "(" not in head else None
            if named == CONST:
                return CONST  # an input that cannot carry what this sink fears
            if named == SOURCE and self._fixed_input(head, node):
                return CONST  # request.path.split("/") of a route with no variable part
            if named == SOURCE:
                given = node.child_by_field_name(args_field)
                first = given.named_children[:1] if given is not None else []
                if given is not None and first and first[0].type in spec.containers:
                    # new URLSearchParams({ token }): built from a literal, it reads nothing
                    return self._children_level(given)
                return SOURCE
            if fn is not None and spec.contents is not None and fn.type in spec.members and \
                    spec.contents.search(text(fn)):
                return OPAQUE  # path.read_text(): the file's text, not the path's
            if fn is not None and spec.settles is not None and spec.settles.search(callee):
                got = self._settled_level(node.child_by_field_name(args_field))
                if got is not None:
                    return got  # new Promise(...): what the executor resolves it with
            if fn is not None and spec.lookups is not None and \
                    spec.lookups.search(text(fn)) and self.helper(fn) is None:
                # a record looked up (a helper of this file is followed); from a local
                # list the file fills with request data, the record is that data
                table = fn.child_by_field_name(spec.members[fn.type]) \
                    if fn.type in spec.members else None
                if table is not None and table.type in spec.identifiers and \
                        text(table) not in self._imports and (
                            self.level(table) == SOURCE or any(
                                self.level(v) == SOURCE
                                for v in self._store_writes("[]" + text(table)))):
                    return SOURCE
                return OPAQUE
            args = node.child_by_field_name(args_field)
            parts = [a for a in (args.named_children if args is not None else ())]
            if fn is not None and fn.type in spec.members and text(fn).endswith(".get"):
                table = fn.child_by_field_name(spec.members[fn.type])
                if table is not None and self._is_table(table):
                    # TABLE.get(key, default): a table value or the default, never the key
                    return max((self.level(a) for a in parts[1:]), default=CONST)
            ret = self._helper_level(fn) if fn is not None else None
            if ret is not None and ret != PARAM:
                return ret  # the helper returns a source, or nothing of its arguments
            if ret == PARAM and fn is not None:
                ret = self._bound_return(fn, node)
                if ret is not None:
                    return ret  # what it returns of the arguments this call passes
            if spec.receiver_calls is not None and fn is not None and fn.type in spec.members:
                prop = self._member_name(fn)
                obj = fn.child_by_field_name(spec.members[fn.type])
                if obj is not None and prop and spec.receiver_calls.search(prop):
                    return self.level(obj)  # a part of the receiver: the indexes pick only
            got = self._element_call_level(fn, parts)
            if got is not None:
                return got
            lv = max((self.level(a) for a in parts), default=CONST)
            if fn is not None and fn.type in spec.members:
                obj = fn.child_by_field_name(spec.members[fn.type])
                if obj is not None:
                    lv = max(lv, self.level(obj))
            elif fn is not None and not parts:
                lv = max(lv, OPAQUE)  # f(): whatever it returns, we cannot see it
            # Java-style invocation: object is a field of the call node itself
            obj = node.child_by_field_name("object")
            if obj is not None:
                lv = max(lv, self.level(obj))
            return lv
        if t in spec.ternary_types:
            # the value is one of the arms; the condition only picks which
            cond, taken = _ternary_parts(node)
            truth = self.truth(cond) if cond is not None else None
            if cond is not None and truth is not None and taken is not None:
                # a constant condition: only one arm is ever the value
                return max((self.level(c) for c in node.named_children
                            if c.id != cond.id and (c.id == taken.id) == truth), default=CONST)
            allowed = None  # the arm that is a name the condition allow-lists
            if cond is not None and taken is not None and spec.ternary_allows is not None \
                    and taken.type in spec.identifiers:
                m = spec.ternary_allows.fullmatch(text(cond).strip())
                if m is not None and set(_guard_names(m)) == {text(taken)}:
                    allowed = taken.id
            return max((self.level(c) for c in node.named_children
                        if (cond is None or c.id != cond.id) and c.id != allowed),
                       default=CONST)
        if t in spec.keyword_args:
            value = node.child_by_field_name(spec.keyword_args[t])
            return self.level(value) if value is not None else CONST
        if t in spec.members:
            src = text(node)
            obj = node.child_by_field_name(spec.members[t])
            if obj is not None and self._is_table(obj):
                return CONST  # TABLE[key]: one of the table's own values, whatever the key
            item = self._list_item(node, obj)
            if item is not None:
                return self.level(item)  # lst[1] of a list built in straight-line code
            written = self._field_write(node, obj)
            if written is not None:
                return self.level(written)  # rec["name"] = escape(...) just before: that value
            if spec.constructed and obj is not None and obj.type in spec.identifiers and \
                    self._class_field(obj, self._member_name(node)):
                return OPAQUE
            if spec.fields is not None and obj is not None and obj.type in spec.identifiers \
                    and self._closed_field(obj, src[len(text(obj)):].lstrip(".")):
                return CONST  # body.topic, declared Field(pattern=r"^(a|b)$"): no free text
            if spec.safe_members is not None and obj is not None and \
                    spec.safe_members.search(self._member_name(node)):
                lv = self.level(obj)
                return CONST if lv < SOURCE else lv  # a stored row's id: no text to inject
            typed = obj is not None and self._is_request_object(obj)
            # ``req: Request`` reads the same inputs as ``request`` (sources name the latter)
            probe = "request" + src[len(text(obj)):] if typed and obj is not None else src
            named = spec.source_level(probe.split("(", 1)[0])
            if named == CONST:
                return CONST  # a request part that cannot hold what this sink fears
            if named == SOURCE:
                if "(" not in src and self._guarded_path(self.scope_of(node), src, node):
                    return CONST  # the function rejects req.body.x unless it passes a check
                if self._fixed_input(probe, node):
                    return CONST  # request.path of a route with no variable part
                return SOURCE
            if typed:
                return OPAQUE  # request.app, request.method: not one of its inputs
            return self.level(obj) if obj is not None else OPAQUE
        return self._children_level(node)

    def _inline_escape(self, call: Node) -> bool:
        """``call`` is a chain of ``inline_escapes`` calls (``.replace(...)``) one of which
        replaces with this sink kind's escaper (``"<", "&lt;"``)."""
        spec = self.spec
        if spec.escaper is None or spec.inline_escapes is None:
            return False
        cur: Node | None = call
        while cur is not None and cur.type in spec.calls:
            fn_field, args_field = spec.calls[cur.type]
            fn = cur.child_by_field_name(fn_field)
            if fn is None or fn.type not in spec.members or \
                    not spec.inline_escapes.search(text(fn)):
                return False
            args = cur.child_by_field_name(args_field)
            given = [a for a in args.named_children if a.type not in spec.skip] \
                if args is not None else []
            if len(given) >= 2 and spec.escaper.search(text(given[1])):
                return True  # the replacement is the escape (not "&lt;" -> "<")
            cur = fn.child_by_field_name(spec.members[fn.type])
        return False

    def _list_item(self, node: Node, obj: Node | None) -> Node | None:
        """``lst[i]`` (a constant index) of a local list made from a literal and changed only
        by ``append``/``insert``/``pop`` statements of the same block before the read: the
        element expression that sits at ``i`` then, or None when that is not known."""
        spec = self.spec
        if not spec.list_types or obj is None or obj.type not in spec.identifiers or \
                node.type not in spec.subscripts:
            return None
        index = node.child_by_field_name("subscript")
        at = self.const_value(index) if index is not None else None
        if type(at) is not int:
            return None
        name = text(obj)
        defs = self._defs_in(self.scope_of(node)).get(name) or []
        inits = [v for pos, v in defs if v.type in spec.list_types and pos < node.start_byte
                 and v.parent is not None and v.parent.type in spec.assigns]
        if not inits:
            return None
        init = max(inits, key=lambda v: v.start_byte)
        stmt: Node | None = init.parent
        while stmt is not None and stmt.parent is not None and stmt.parent.type not in spec.blocks:
            stmt = stmt.parent
        if stmt is None or stmt.parent is None or not _encloses(stmt.parent, node):
            return None
        items: list[Node] = list(init.named_children)
        word = re.compile(rf"\b{re.escape(name)}\b")
        for sib in stmt.parent.named_children:
            if sib.start_byte <= stmt.start_byte:
                continue
            if _encloses(sib, node):
                return items[at] if -len(items) <= at < len(items) else None
            if not word.search(text(sib)):
                continue
            step = self._list_step(sib, name)
            if step is None:
                return None
            method, args = step
            try:
                if method == "append" and len(args) == 1:
                    items.append(args[0])
                elif method == "pop" and not args:
                    items.pop()
                elif method == "pop" and len(args) == 1 and type(self.const_value(args[0])) is int:
                    items.pop(int(self.const_value(args[0]) or 0))
                elif method == "insert" and len(args) == 2 and \
                        type(self.const_value(args[0])) is int:
                    items.insert(int(self.const_value(args[0]) or 0), args[1])
                else:
                    return None
            except IndexError:
                return None
        return None

    def _list_step(self, stmt: Node, name: str) -> tuple[str, list[Node]] | None:
        """``name.method(args)`` as a statement of its own: the method and its arguments."""
        spec = self.spec
        if stmt.type not in spec.statements or stmt.named_child_count != 1:
            return None
        call = stmt.named_children[0]
        if call.type not in spec.calls:
            return None
        fn_field, args_field = spec.calls[call.type]
        fn = call.child_by_field_name(fn_field)
        args = call.child_by_field_name(args_field)
        if fn is None or fn.type not in spec.members or args is None:
            return None
        target = fn.child_by_field_name(spec.members[fn.type])
        method = fn.child_by_field_name("attribute") or fn.child_by_field_name("property")
        if target is None or method is None or text(target) != name:
            return None
        parts = [a for a in args.named_children if a.type not in spec.skip]
        if any(a.type in spec.keyword_args for a in parts):
            return None
        return text(method), parts

    def _fixed_input(self, probe: str, node: Node) -> bool:
        """``probe`` is an input that a handler with a fixed route (no variable part) sees
        as a constant: the request path, which the route matched in full."""
        spec = self.spec
        if spec.fixed_sources is None or spec.fixed_route is None or \
                not spec.fixed_sources.search(probe):
            return False
        scope = self.scope_of(node)
        if scope is self.root:
            return False
        head = self.header(scope)
        return spec.fixed_route.search(head) is not None and (
            spec.route_variable is None or spec.route_variable.search(head) is None)

    def _keyed_read(self, call: Node, fn: Node, args: Node | None) -> int | None:
        """``conf.get(section, key)`` where the function writes ``conf`` with
        ``conf.set(section, key, value)``: the level of the values written under that key
        (all of them when a key is not constant) and of the object itself; None when the
        object is written by no such call (the read is judged as any call)."""
        spec = self.spec
        obj = fn.child_by_field_name(spec.members[fn.type])
        method = fn.child_by_field_name("attribute") or fn.child_by_field_name("property")
        if obj is None or obj.type not in spec.identifiers or args is None or method is None \
                or spec.keyed_reads is None or not spec.keyed_reads.search(text(method)):
            return None
        scope = self.scope_of(call)
        writes = self._keyed_writes(scope).get(text(obj))
        if not writes:
            return None
        key = self._const_key(args.named_children)
        levels = [self._resolve(obj)]
        for pos, wkey, value in writes:
            if pos < call.start_byte and (key is None or wkey is None or wkey == key):
                levels.append(self.level(value))
        return max(levels)

    def _const_key(self, parts: list[Node]) -> tuple[int | str | bool, ...] | None:
        vals = [self.const_value(p) for p in parts
                if p.type not in self.spec.keyword_args and p.type not in self.spec.skip]
        return None if any(v is None for v in vals) else tuple(
            v for v in vals if v is not None)

    def _keyed_writes(self, scope: Node
                      ) -> dict[str, list[tuple[int, tuple[int | str | bool, ...] | None, Node]]]:
        got = self._keyed.get(scope.id)
        if got is None:
            got = {}
            if self.spec.keyed_writes is not None:
                for _, caps in QueryCursor(self.spec.keyed_writes).matches(scope):
                    names, arglists = caps.get("name", []), caps.get("args", [])
                    if not names or not arglists or self.scope_of(names[0]).id != scope.id:
                        continue
                    parts = [a for a in arglists[0].named_children
                             if a.type not in self.spec.skip]
                    if len(parts) < 2 or parts[-1].type in self.spec.keyword_args:
                        continue
                    got.setdefault(text(names[0]), []).append(
                        (names[0].start_byte, self._const_key(parts[:-1]), parts[-1]))
            self._keyed[scope.id] = got
        return got

    def _response_body(self, args: Node | None) -> Node | None:
        """The body among a response builder's arguments: the first positional one, or
        the first element of a (body, status/headers) tuple passed as the first."""
        kids = [a for a in (args.named_children if args is not None else ())
                if a.type not in self.spec.skip and a.type not in self.spec.keyword_args]
        if not kids:
            return None
        first = kids[0]
        if first.type == "tuple" and first.named_children:
            return first.named_children[0]
        return first

    def callee(self, fn: Node) -> str:
        """A call's function as the library names it: an import alias spelled out
        (``_html.escape`` -> ``html.escape``, ``esc`` from ``import escape as esc`` ->
        ``escape``), and a plain name bound once in the file to another function
        (``e = _html.escape``) followed one step."""
        name = text(fn)
        if fn.type in self.spec.identifiers and name not in self._imports and \
                self.helper(fn) is None:
            scope, defs = self.scope_of(fn), None
            while defs is None:
                defs = self._defs_in(scope).get(name)
                if scope is self.root:
                    break
                scope = self.scope_of(scope)
            if defs is not None and len(defs) == 1 and (
                    defs[0][1].type in self.spec.members or
                    defs[0][1].type in self.spec.identifiers):
                name = text(defs[0][1])
        head, dot, rest = name.partition(".")
        orig = self._aliases.get(head)
        return orig + dot + rest if orig is not None else name

    def _field_write(self, node: Node, obj: Node | None) -> Node | None:
        """The value last written to exactly this field (``rec["last"] = v``, ``rec.name =
        v``: a constant key) by a statement of the reading function that runs before the
        read in a block enclosing it, with no other write to the object in between (a
        plain reassignment, ``rec.update(...)``): the read holds that value, not whatever
        else the object holds. None otherwise."""
        spec = self.spec
        if obj is None or obj.type not in spec.identifiers or not spec.assigns or \
                text(obj) in self._imports:
            return None  # a module's attribute (litellm.x = ...) is its global state
        key = _field_name(node)
        if not self._constant_key(node, obj):
            return None
        defs = self._defs_in(self.scope_of(node)).get(text(obj))
        if not defs:
            return None
        skipped = False  # a write to another field passed over on the way back
        for _, value in sorted(((p, v) for p, v in defs if v.end_byte <= node.start_byte),
                               key=lambda d: -d[0]):
            assign = value.parent
            target = self._assign_target(value)
            if target is not None and target.type in spec.identifiers and \
                    value.type in spec.dict_literals:
                # rec = {"up": ok, "sample": body}: the read holds that key's own value
                entry = _dict_entry(value, key.rsplit("\0", 1)[-1])
                if entry is None:
                    return None
                value = entry
            elif skipped and target is not None and target.type in spec.identifiers and \
                    self._plain_binds(defs) == 1:
                # note = db.get(Note, i); note.title = body["title"]; then note.id: the
                # field the request never wrote holds what the record it was bound to held
                pass
            elif target is None or target.type not in spec.members or \
                    not self._constant_key(target, target.child_by_field_name(
                        spec.members[target.type])):
                return None  # rec = ..., rec.update(...): the object itself changed
            elif _field_name(target) != key:
                skipped = True
                continue  # another field: this one keeps what it held
            if assign is None:
                return None
            stmt: Node = assign
            while stmt.parent is not None and stmt.parent.type not in spec.blocks:
                if stmt.parent.type in spec.scopes:
                    return None
                stmt = stmt.parent
            block = stmt.parent
            between = self.source(value.end_byte, node.start_byte)
            field = re.sub(r"['\"]", "['\"]", re.escape(text(node)))
            if re.search(field + r"\s*(//|<<|>>|\*\*|[-+*/%|&^@])=(?!=)", between):
                return None  # rec["n"] += more: the field grew after the write
            return value if block is not None and _encloses(block, node) else None
        return None

    def _plain_binds(self, defs: list[tuple[int, Node]]) -> int:
        """How many of a name's definitions bind the name itself (``rec = ...``), not one
        of its fields, nor through a loop, ``with`` or a method call."""
        members = self.spec.members
        return sum(1 for _, v in defs
                   if (target := self._assign_target(v)) is None or target.type not in members)

    def _assign_target(self, value: Node) -> Node | None:
        """What the assignment ``value`` is the right side of binds (``rec``, ``rec["k"]``);
        None when ``value`` is no assignment's value."""
        assign = value.parent
        if assign is None or assign.type not in self.spec.assigns:
            return None
        return assign.child_by_field_name(self.spec.assigns[assign.type])

    def _constant_key(self, member: Node, obj: Node | None) -> bool:
        """``member`` reads a fixed field of ``obj``: ``obj["name"]`` or ``obj.name``."""
        if obj is None or obj.type not in self.spec.identifiers:
            return False
        parts = [c for c in member.named_children if c.id != obj.id]
        return len(parts) == 1 and (parts[0].type in self.spec.literals and not any(
            d.type in self.spec.interpolations for d in _descendants(parts[0]))
            or member.type not in self.spec.subscripts)

    def _is_request_object(self, ident: Node) -> bool:
        """``ident`` names a parameter annotated as the framework's request object
        (``request: Request``), not redefined in its function."""
        rx = self.spec.request_types
        if rx is None or ident.type not in self.spec.identifiers:
            return False
        name, scope = text(ident), self.scope_of(ident)
        return scope is not self.root and name in self._params_in(scope) and \
            name not in self._defs_in(scope) and bool(rx.search(self._param_type(scope, name)))

    def _stored_level(self, node: Node) -> int | None:
        """The level of what the file writes into the store place ``node`` reads (the
        highest over every write), or None when ``node`` reads no store or nothing is
        written there."""
        m = self.spec.stores.search(text(node)) if self.spec.stores else None
        if m is None:
            return None
        values = [v for v in self._store_writes(m.group("key")) if v.id != node.id]
        if not values or any(node.start_byte >= v.start_byte and node.end_byte <= v.end_byte
                             for v in values):
            return None
        return max(self.level(v) for v in values)

    def _store_writes(self, key: str) -> list[Node]:
        """What the whole file writes under a store key (``stores``' group ``key``), or
        into the module-level container named ``key`` (``items.push(x)`` in any function,
        a ``store_defs`` pattern whose @name is a plain identifier); indexed once."""
        if self._stored is None:
            self._stored = {}
            rx = self.spec.stores
            if self.spec.store_defs is not None and rx is not None:
                for _, caps in QueryCursor(self.spec.store_defs).matches(self.root):
                    for name in caps.get("name", []):
                        w = rx.search(text(name))
                        k = w.group("key") if w is not None else (
                            "[]" + text(name) if name.type in self.spec.identifiers else None)
                        if k is not None:
                            self._stored.setdefault(k, []).extend(caps.get("value", [])[:1])
        return self._stored.get(key, [])

    def _is_table(self, obj: Node) -> bool:
        """A name bound only to constant data (a module-level dict, list or string)."""
        return obj.type in self.spec.identifiers and self.is_constant_data(obj)

    def helper(self, fn: Node) -> Node | None:
        """The module-level function a call's callee names, if the file defines it."""
        if fn.type not in self.spec.identifiers:
            return None
        return self._functions.get(text(fn))

    def helper_returns(self, func: Node) -> list[Node]:
        got = self._returns.get(func.id)
        if got is None:
            got = []
            if self.spec.returns is not None:
                for _, caps in QueryCursor(self.spec.returns).matches(func):
                    got += [v for v in caps.get("value", []) if self.scope_of(v).id == func.id]
            self._returns[func.id] = got
        return got

    def answers_client(self, sink: Node) -> bool:
        """Read through a helper call (``via_call``), a return statement of the helper
        answers its caller, not the client: it reaches the response only when the caller
        returns that call (``return page(name)``), while ``start = parse_slot(x)`` keeps the
        value inside the view, and ``return render(x) == old`` sends only a bool
        (``result_unused``). True when ``sink`` is no return of its helper or no call is
        bound."""
        call = self.via_call
        if call is None:
            return True
        func = self.scope_of(sink)
        if not any(v.parent is not None and v.parent.id == sink.id
                   for v in self.helper_returns(func)):
            return True
        if self.result_unused(call):
            return False
        spec = self.spec
        cur, node = call, call.parent
        while node is not None and node.type not in spec.scopes:
            if node.type == sink.type:
                return True
            if spec.response_calls is not None and node.type in spec.calls:
                fn = node.child_by_field_name(spec.calls[node.type][0])
                if fn is not None and fn.id != cur.id and not spec.response_calls.search(
                        text(fn)) and not (spec.build_calls is not None
                                           and spec.build_calls.search(text(fn))) \
                        and self.helper(fn) is None:
                    # the helper's text is this call's input, not the answer (a local helper
                    # may wrap it in the page it returns: layout(body(x)) is followed)
                    return False
            cur, node = node, node.parent
        return False

    def printed_with_repr(self, node: Node) -> bool:
        """``node`` (a value a log line prints as text: an argument, an f-string's
        ``{x}``) is a parameter printed whole whose annotation makes str() print repr() of
        its items: a dict or a list, or a model class of this file (pydantic's
        ``name='a\\nb' qty=1``). Its text is escaped as repr() escapes it; its fields, read
        one by one (``body.name``), are judged as usual."""
        spec = self.spec
        if spec.repr_types is None and spec.repr_bases is None:
            return False
        if node.type in spec.interpolations:
            node = next((c for c in node.named_children
                         if c.type in spec.identifiers), node)
        if node.type not in spec.identifiers:
            return False
        name, scope = text(node), self.scope_of(node)
        if scope is self.root or name not in self._params_in(scope) or \
                name in self._defs_in(scope):
            return False
        ann = self._param_type(scope, name)
        if not ann:
            return False
        if spec.repr_types is not None and spec.repr_types.search(ann):
            return True
        return spec.repr_bases is not None and ann.isidentifier() and \
            spec.repr_bases.search(self._class_bases(ann)) is not None

    def _class_bases(self, cls: str) -> str:
        """The superclass list of the module-level class ``cls`` of this file, or ''."""
        got = self._bases
        if got is None:
            got = self._bases = {}
            if self.spec.classes is not None:
                for _, caps in _shallow(self.spec.classes, 3).matches(self.root):
                    for c, b in zip(caps.get("cls", []), caps.get("bases", []), strict=False):
                        got.setdefault(text(c), text(b))
        return got.get(cls, "")

    def _helper_level(self, fn: Node) -> int | None:
        """The level of what a local helper returns (its parameters count as PARAM: the
        call then takes its arguments' level), or None when the callee is not local or is a
        web handler."""
        func = self.helper(fn)
        if func is None or self._is_handler(func):
            return None
        values = self.helper_returns(func)
        if not values:
            return None
        if self.spec.escaper is not None and all(self.spec.escaper.search(text(v))
                                                 for v in values):
            return CONST  # a local escaper: what it returns is safe for this sink kind
        return max(self.level(v) for v in values)

    def _bound_return(self, fn: Node, call: Node) -> int | None:
        """The level of what a local helper returns with its parameters bound to this
        call's arguments: a helper that returns its first argument when the second is
        empty and else a path it checked (normalizePath(BASE, name)) returns no more than
        BASE. One level deep (a call inside a binding takes its arguments' level), and None
        where the helper has no plain parameter list."""
        func = self.helper(fn)
        if func is None or self._bound:
            return None
        names = self._positional_params(func)
        if not names:
            return None
        inner = Flow(self.spec, self.root, shared=self)
        inner._bound = {(func.id, p): lv for p, (lv, _) in self._bind(func, names, call).items()}
        return max(inner.level(v) for v in self.helper_returns(func))

    def _children_level(self, node: Node) -> int:
        return max((self.level(c) for c in node.named_children), default=CONST)

    def _local_imports(self, scope: Node) -> set[str]:
        """Names a function imports in its own body (``import base64`` inside a view): the
        module's shallow index does not walk into function bodies."""
        got = self._scope_imports.get(scope.id)
        if got is None:
            got = set()
            if self.spec.imports is not None and scope is not self.root and \
                    b"import" in (scope.text or b""):
                for _, caps in QueryCursor(self.spec.imports).matches(scope):
                    got.update(text(n) for n in caps.get("name", []))
            self._scope_imports[scope.id] = got
        return got

    def _resolve(self, ident: Node) -> int:
        name = text(ident)
        if name in self._imports:
            return CONST
        scope = self.scope_of(ident)
        while True:
            defs = self._defs_in(scope).get(name)
            params = self._params_in(scope)
            if defs:
                before, killed = self._live_defs(name, defs, ident)
                # a definition on a branch no run takes (``else: bar = param`` under a
                # constantly true condition) never reaches the use
                live = [v for v in before if not self.is_dead(v)]
                lv = max((self.level(v) for v in live), default=CONST)
                if scope is self.root and spec_containers(self.spec, before):
                    # a module list/dict that handlers fill: it holds what they put in it
                    lv = max([lv] + [self.level(v) for v in self._store_writes("[]" + name)])
                if name in params and not killed:
                    lv = max(lv, self._param_level(scope, name))
                return CONST if lv >= PARAM and self._guarded(scope, name, ident) else lv
            if name in params:
                if self._guarded(scope, name, ident):
                    return CONST
                return self._param_level(scope, name)
            if name in self._local_imports(scope):
                return CONST  # a module imported inside the function
            if scope is self.root:
                break
            scope = self.scope_of(scope)
        if _UPPER.match(name):
            return CONST
        return OPAQUE

    def _param_level(self, scope: Node, name: str) -> int:
        """A parameter: attacker-controlled in a web handler, else what the caller passes
        (the level of the call site's argument when ``through_calls`` bound it)."""
        bound = self._bound.get((scope.id, name))
        if bound is not None:
            return bound
        elements = self._element_level(scope)
        if elements is not None:
            return elements
        if not self._is_handler(scope):
            # the callback a query or lookup calls with its result (db.all(q, [id], (err,
            # rows) => ...)): stored data, as the lookup's return value is
            return OPAQUE if self._lookup_callback(scope) else PARAM
        if self.spec.injected_params is not None and \
                self.spec.injected_params.search(self._param_default(scope, name)):
            return OPAQUE  # the dependency's own inputs are reviewed where it reads them
        # a handler parameter the framework parses into a number (``item_id: int``) is no
        # string at all: CONST wherever a cast ends taint for this kind of sink
        if self._number_like(self._param_type(scope, name), self._param_default(scope, name)):
            return CONST
        return SOURCE

    def _number_like(self, annotation: str, declared: str) -> bool:
        """Does a parameter or field with this annotation and declaration (its default, or
        the whole field line) hold no free text: a number, a Literal, an anchored pattern of
        word characters? Only for sink kinds where a cast to int ends taint (an id cast to a
        number still names someone else's record); or, where min() ends taint, a number
        declared with an upper bound."""
        spec = self.spec
        if spec.sanitizers is None:
            return False
        if spec.oneline and spec.oneline_types is not None and \
                spec.oneline_types.search(annotation):
            return True  # an email address or a URL as pydantic parsed it: one line
        if spec.bounded_fields is not None and spec.sanitizers.search("min") and \
                spec.bounded_fields.search(declared):
            return True  # a size or count the framework bounds (le=500)
        if not spec.sanitizers.search("int"):
            return False
        return bool(spec.typed_params is not None and spec.typed_params.search(annotation)) \
            or bool(spec.closed_fields is not None and (spec.closed_fields.search(annotation)
                                                        or spec.closed_fields.search(declared))) \
            or bool(spec.closed_bases is not None and annotation.isidentifier()
                    and spec.closed_bases.search(self._class_bases(annotation)))

    def _closed_field(self, obj: Node, prop: str) -> bool:
        """``obj.prop`` where ``obj`` is a handler's parameter annotated with a class of this
        file (a pydantic model) whose field ``prop`` is declared number-like."""
        if not prop.isidentifier():
            return False
        name, scope = text(obj), self.scope_of(obj)
        if scope is self.root or name not in self._params_in(scope) or \
                name in self._defs_in(scope) or not self._is_handler(scope):
            return False
        cls = self._param_type(scope, name)
        if not cls.isidentifier():
            return False
        if not self._fields and self.spec.fields is not None:
            self._fields[("", "")] = ("", "")  # indexed (even when the file has no class)
            for _, caps in _shallow(self.spec.fields, 4).matches(self.root):
                for c, n, t, f in zip(caps.get("cls", []), caps.get("name", []),
                                      caps.get("type", []), caps.get("field", []), strict=False):
                    self._fields.setdefault((text(c), text(n)), (text(t), text(f)))
        got = self._fields.get((cls, prop))
        return got is not None and self._number_like(*got)

    def _element_level(self, scope: Node) -> int | None:
        """For a function passed to an element method (``rows.map(r => ...)``, pack's
        ``element_calls``): the level of what it is called with, the receiver's elements and
        the call's other arguments (a reduce's initial value); None for any other function."""
        spec = self.spec
        holder = scope.parent  # the argument list, when the function is passed to a call
        call = holder.parent if holder is not None else None
        if spec.element_calls is None or holder is None or call is None or \
                call.type not in spec.calls:
            return None
        fn_field, args_field = spec.calls[call.type]
        fn = call.child_by_field_name(fn_field)
        args = call.child_by_field_name(args_field)
        if fn is None or fn.type not in spec.members or args is None or \
                holder.id != args.id or not spec.element_calls.search(self._member_name(fn)):
            return None
        obj = fn.child_by_field_name(spec.members[fn.type])
        if obj is None:
            return None
        others = [a for a in args.named_children if a.id != scope.id]
        return max([self.level(obj)] + [self.level(a) for a in others])

    def _lookup_callback(self, scope: Node) -> bool:
        """Is ``scope`` a function passed as the last argument of a ``lookups`` call that is
        no local helper (``db.get(sql, params, (err, row) => ...)``)?"""
        spec = self.spec
        holder = scope.parent
        call = holder.parent if holder is not None else None
        if spec.lookups is None or call is None or call.type not in spec.calls:
            return False
        fn_field, args_field = spec.calls[call.type]
        fn, args = call.child_by_field_name(fn_field), call.child_by_field_name(args_field)
        last = args.named_children[-1] if args is not None and args.named_children else None
        if fn is None or last is None or last.id != scope.id:
            return False
        return spec.lookups.search(text(fn)) is not None and self.helper(fn) is None

    def _element_call_level(self, fn: Node | None, args: list[Node]) -> int | None:
        """``rows.map(r => ...)``: what the function returns (``mapping_calls``), else
        the receiver's level (``filter``, ``sort``); None when no function is passed to an
        ``element_calls`` method. The function's own parameters are the receiver's
        elements (``_element_level``), so its returns carry the receiver's level."""
        spec = self.spec
        if spec.element_calls is None or fn is None or fn.type not in spec.members:
            return None
        prop = self._member_name(fn)
        funcs = [a for a in args if a.type in spec.scopes]
        # a local helper passed by name (rows.map(renderRow)): its parameters are the
        # receiver's elements, so a PARAM it returns is the receiver's level
        named = [(a, h) for a in args if a.type in spec.identifiers
                 for h in (self.helper(a),) if h is not None and not self._is_handler(h)]
        if not (funcs or named) or not spec.element_calls.search(prop):
            return None
        obj = fn.child_by_field_name(spec.members[fn.type])
        passed = {a.id for a, _ in named}
        others = [a for a in args if a.type not in spec.scopes and a.id not in passed]
        if spec.mapping_calls is not None and spec.mapping_calls.search(prop):
            rets = [v for f in funcs for v in self.helper_returns(f)]
            levels = [self.level(v) for v in rets] + [self.level(a) for a in others]
            for a, _ in named:
                got = self._helper_level(a)
                if got is not None:
                    levels.append(got if got != PARAM else
                                  self.level(obj) if obj is not None else OPAQUE)
            return max(levels, default=CONST)
        return max([self.level(obj) if obj is not None else OPAQUE] +
                   [self.level(a) for a in others])

    def _class_field(self, obj: Node, prop: str) -> bool:
        """Is ``obj`` bound only to ``new C({ ... })`` (a capitalised class, one object
        literal, no spread) whose literal does not set ``prop``?"""
        spec = self.spec
        if not prop:
            return False
        scope, name = self.scope_of(obj), text(obj)
        while True:
            defs = self._defs_in(scope).get(name)
            if defs:
                break
            if scope is self.root or name in self._params_in(scope):
                return False
            scope = self.scope_of(scope)
        for _, value in defs:
            if value.type not in spec.constructed or value.type not in spec.calls:
                return False
            fn_field, args_field = spec.calls[value.type]
            cls, args = value.child_by_field_name(fn_field), value.child_by_field_name(args_field)
            kids = args.named_children if args is not None else []
            if cls is None or not text(cls)[:1].isupper() or len(kids) != 1:
                return False
            keys = set()
            for entry in kids[0].named_children:
                key = entry.child_by_field_name("key")
                if key is not None:
                    keys.add(text(key).strip("'\""))
                elif entry.type in spec.identifiers:
                    keys.add(text(entry))
                else:
                    return False  # a spread or a computed entry: any field may be set
            if kids[0].type != spec.constructed[value.type] or prop in keys:
                return False
        return True

    @staticmethod
    def _member_name(fn: Node) -> str:
        """The property a member callee names (``slice`` in ``a.b.slice``), or ""."""
        prop = fn.child_by_field_name("property")
        return text(prop) if prop is not None else ""

    def _param_default(self, scope: Node, name: str) -> str:
        plist = scope.child_by_field_name("parameters")
        for p in plist.named_children if plist is not None else ():
            ident, value = p.child_by_field_name("name"), p.child_by_field_name("value")
            if ident is not None and value is not None and text(ident) == name:
                return text(value)
        return ""

    def _param_type(self, scope: Node, name: str) -> str:
        plist = scope.child_by_field_name("parameters")
        for p in plist.named_children if plist is not None else ():
            ann = p.child_by_field_name("type")
            ident = p.child_by_field_name("name") or (p.named_children[0]
                                                      if p.named_children else None)
            if ann is not None and ident is not None and text(ident) == name:
                return text(ann)
        if self.spec.route_types:  # the route converts it: @app.get("/notes/<int:note_id>")
            m = re.search(self.spec.route_types.replace("{name}", re.escape(name)),
                          self.header(scope))
            if m is not None:
                return m.group(1)
        return ""

    # -- flow-sensitive reassignment -----------------------------------------------------
    def _live_defs(self, name: str, defs: list[tuple[int, Node]], use: Node
                   ) -> tuple[list[Node], bool]:
        """The definitions of ``name`` whose value may reach ``use``, and whether an earlier
        value was replaced on every path (then a parameter's own value is gone too). A
        plain assignment in a block that encloses ``use`` replaces what came before it, and
        so does a rejecting check that resets the name to a constant (``if x not in
        ALLOWED: x = "a"``). Loops, ``try`` and branches are not followed: a definition
        inside them only adds to what the name may hold."""
        before = sorted(((pos, v) for pos, v in defs if pos < use.start_byte
                         and not _encloses(v, use)), key=lambda d: d[0])
        if not before:
            return [v for _, v in defs], False
        values = [v for _, v in before]
        if not self.spec.assigns:
            return values, False
        for i in range(len(values) - 1, -1, -1):
            if self._replaces(name, values[i], use):
                return values[i:], True
        return values, False

    def _replaces(self, name: str, value: Node, use: Node) -> bool:
        spec = self.spec
        assign = value.parent
        if assign is None or assign.type not in spec.assigns:
            return False
        target = assign.child_by_field_name(spec.assigns[assign.type])
        if target is None or target.type not in spec.identifiers or text(target) != name:
            return False
        stmt = assign
        while stmt.parent is not None and stmt.parent.type not in spec.blocks and \
                stmt.parent.type not in spec.if_types:
            if stmt.parent.type in spec.scopes:
                return False
            stmt = stmt.parent
        block = stmt.parent
        if block is None:
            return False
        if block.type in spec.blocks and _encloses(block, use):
            return stmt.end_byte <= use.start_byte
        # if x not in ALLOWED: x = "a"  ->  after the if, x is an allowed value or "a"
        cond_if = block if block.type in spec.if_types else block.parent
        if cond_if is None or cond_if.type not in spec.if_types or not spec.reset_guards:
            return False
        body = cond_if.child_by_field_name("consequence")
        cond = cond_if.child_by_field_name("condition")
        if body is None or cond is None or body.id not in (block.id, stmt.id):
            return False
        check = spec.reset_guards.replace("{name}", re.escape(name))
        outer = cond_if.parent
        return (re.search(check, text(cond)) is not None and self.is_constant_data(value)
                and outer is not None and outer.type in spec.blocks and _encloses(outer, use)
                and cond_if.end_byte <= use.start_byte)

    # -- one level into a local helper's parameters --------------------------------------
    def helper_name(self, node: Node) -> str | None:
        """The name of the module-level helper (a function that is not a handler) whose
        body holds ``node``, when this file may call it: a rule's conditions there may be
        read at a caller (``through_calls``). None elsewhere. "May call" is the name found
        twice in the file's bytes (its definition and a use): a count of bytes, where the call
        sites themselves take a walk of the whole tree."""
        func = self.helper_scope(node)
        if func.id in self._helper_names:
            return self._helper_names[func.id]
        got = self._helper_names[func.id] = self._helper_name(func)
        return got

    def helper_scope(self, node: Node) -> Node:
        """The function whose parameters ``node`` may read as a helper's: its own scope, or,
        inside an unnamed callback that is no handler (the executor of ``new Promise((resolve,
        reject) => ...)``, a ``.then`` or event callback), the named function around it, whose
        parameters the callback closes over."""
        func = self.scope_of(node)
        named = self._function_names
        while func is not self.root and func.id not in named and not self._is_handler(func):
            outer = self.scope_of(func)
            if outer is self.root:
                break
            func = outer
        return func

    def _helper_name(self, func: Node) -> str | None:
        if func is self.root or self._is_handler(func):
            return None
        name = self._function_names.get(func.id)
        if name is None:
            return None
        called = self._maybe_called.get(name)
        if called is None:
            called = self._maybe_called[name] = self._src.count(name.encode()) > 1
        return name if called else None

    def through_calls(self, node: Node) -> list[tuple[int, list[tuple[int, str]], Flow]]:
        """``node`` (inside a module-level helper that is not a handler) with the helper's
        parameters bound to the arguments of each call of it in this file (at most 8): per
        call, the level, the path from the caller's source through the call into the
        helper, and the Flow with that binding (so that a rule's other conditions, "built"
        or "value_matches", see the caller's argument). Empty when the helper is not called
        in this file (its callers decide, the level stays PARAM). Answered once per node
        (every rule of this sink kind that reads it asks again)."""
        got = self._through.get(node.id)
        if got is None:
            got = self._through[node.id] = self._through_calls(node)
        return list(got)

    def _through_calls(self, node: Node) -> list[tuple[int, list[tuple[int, str]], Flow]]:
        name = self.helper_name(node)
        if name is None:
            return []
        func = self.helper_scope(node)
        names = self._positional_params(func)
        if not names:
            return []
        out: list[tuple[int, list[tuple[int, str]], Flow]] = []
        for call in self._call_sites().get(name, [])[:8]:
            bound = self._bind(func, names, call)
            inner = Flow(self.spec, self.root, shared=self)
            inner._bound = {(func.id, p): lv for p, (lv, _) in bound.items()}
            inner._bound_args = {(func.id, p): a for p, (_, a) in bound.items()
                                 if a.id != func.id}
            inner.via_call = call
            lv = inner.level(node)
            steps: list[tuple[int, str]] = []
            arg = next((a for lv_a, a in bound.values() if lv_a == lv), None)
            if lv >= PARAM and arg is not None:
                steps = self.trace(arg)
                steps.append((call.start_point.row + 1, f"{name}() call"))
                steps += [s for s in inner.trace(node) if not s[1].startswith("parameter ")]
            out.append((lv, steps, inner))
        return out

    def _settled_level(self, args: Node | None) -> int | None:
        """The level of what an executor passed to a ``settles`` constructor hands its first
        parameter (``resolve(rows)``): the highest of those arguments, CONST when it never
        resolves with a value; None when the first argument is no function with a named
        first parameter (then the arguments decide, as for any call)."""
        spec = self.spec
        execu = next((a for a in args.named_children if a.type not in spec.skip), None) \
            if args is not None else None
        if execu is None or execu.type not in spec.scopes:
            return None
        names = self._positional_params(execu)
        if not names or not names[0]:
            return None
        lv = CONST
        for n in _descendants(execu):
            if n.type not in spec.calls:
                continue
            f = n.child_by_field_name(spec.calls[n.type][0])
            if f is None or f.type not in spec.identifiers or text(f) != names[0]:
                continue
            given = n.child_by_field_name(spec.calls[n.type][1])
            first = next((a for a in given.named_children if a.type not in spec.skip), None) \
                if given is not None else None
            if first is not None:
                lv = max(lv, self.level(first))
        return lv

    def result_unused(self, call: Node) -> bool:
        """The caller keeps only a bool of what ``call`` returns, or nothing: the call is
        compared or negated (``if render(x) == old``), tested (``if render(x):``), passed
        to a bool- or count-returning call (``len(render(x))``), or a statement of its
        own. A sink that is the helper's ``return`` then sends nothing anywhere."""
        spec = self.spec
        cur = call
        while cur.parent is not None:
            parent = cur.parent
            if parent.type in spec.scalar_types or parent.type in spec.statements:
                return True
            if parent.type in spec.if_types:
                cond = parent.child_by_field_name("condition")
                return cond is not None and cond.id == cur.id
            if parent.type in spec.calls:
                fn = parent.child_by_field_name(spec.calls[parent.type][0])
                return fn is not None and fn.id != cur.id and spec.scalar_calls is not None \
                    and spec.scalar_calls.search(text(fn)) is not None
            if parent.type not in spec.awaits and parent.type not in spec.arguments:
                return False
            cur = parent
        return False

    def _positional_params(self, func: Node) -> list[str]:
        plist = func.child_by_field_name("parameters") or func.child_by_field_name("parameter")
        if plist is None:
            return []
        if plist.type in self.spec.identifiers:
            return [text(plist)]
        out = []
        for p in plist.named_children:
            ident = p if p.type in self.spec.identifiers else next(
                (c for c in _descendants_ordered(p) if c.type in self.spec.identifiers), None)
            out.append(text(ident) if ident is not None else "")
        return out

    def _bind(self, func: Node, names: list[str], call: Node) -> dict[str, tuple[int, Node]]:
        """Parameter name -> (level of the argument the call passes, that argument)."""
        args = call.child_by_field_name(self.spec.calls[call.type][1])
        out: dict[str, tuple[int, Node]] = {}
        pos = 0
        for a in args.named_children if args is not None else ():
            if a.type in self.spec.skip:
                continue
            if a.type in self.spec.keyword_args:
                key = a.child_by_field_name("name")
                value = a.child_by_field_name(self.spec.keyword_args[a.type])
                if key is not None and value is not None and text(key) in names:
                    out[text(key)] = (self.level(value), value)
                continue
            if pos < len(names) and names[pos]:
                out[names[pos]] = (self.level(a), a)
            pos += 1
        for p in names:  # a parameter the call leaves to its default
            out.setdefault(p, (CONST, func))
        return out

    def called_helpers(self, scope: Node) -> list[Node]:
        """The module-level helpers (not web handlers) called inside ``scope``, in the order
        of their first call: one level down, as ``_helper_level`` follows their returns."""
        out: list[tuple[int, Node]] = []
        for name, calls in self._call_sites().items():
            func = self._functions.get(name)
            if func is None or func.id == scope.id or self._is_handler(func):
                continue
            first = next((c for c in calls if scope.start_byte <= c.start_byte
                          and c.end_byte <= scope.end_byte), None)
            if first is not None:
                out.append((first.start_byte, func))
        return [func for _, func in sorted(out, key=lambda p: p[0])]

    def head_helpers(self, scope: Node) -> list[Node]:
        """The module-level functions (not web handlers) the head of ``scope`` names without
        calling them: a dependency handed to the framework (``t = Depends(tenant)``), which
        runs before the body as the body's own first step."""
        head = self.header(scope)
        out: list[Node] = []
        for name in dict.fromkeys(re.findall(r"\b[A-Za-z_]\w*\b(?!\s*\()", head)):
            func = self._functions.get(name)
            if func is not None and func.id != scope.id and not self._is_handler(func):
                out.append(func)
        return out

    def _call_sites(self) -> dict[str, list[Node]]:
        """Calls of each module-level helper by its plain name, indexed once per file."""
        if self._sites is None and self._sites_from is not None:
            self._sites = self._sites_from._call_sites()
        if self._sites is None:
            self._sites = {}
            if self.spec.call_sites is not None:
                for _, caps in QueryCursor(self.spec.call_sites).matches(self.root):
                    name = text(caps["fn"][0])
                    if name in self._functions:
                        self._sites.setdefault(name, []).append(caps["call"][0])
            for calls in self._sites.values():
                calls.sort(key=lambda c: c.start_byte)
        return self._sites

    # -- source-to-sink path -------------------------------------------------------------
    def trace(self, node: Node) -> list[tuple[int, str]]:
        """The steps by which ``node`` gets its level, source first: ``(line, label)`` for
        the source expression (or the handler parameter), each local variable or helper it
        passes through, ending at ``node`` itself. Follows, at each step, the part that
        carries the highest level (the one ``level`` took its value from)."""
        want = self.level(node)
        steps: list[tuple[int, str]] = []
        cur: Node | None = node
        seen: set[int] = set()
        while cur is not None and cur.id not in seen and len(steps) < 12:
            seen.add(cur.id)
            cur = self._trace_step(cur, want, steps)
        steps.reverse()
        out: list[tuple[int, str]] = []
        for step in steps:  # one step per line and label, in source-first order
            if not out or out[-1] != step:
                out.append(step)
        return out

    def _trace_step(self, node: Node, want: int, steps: list[tuple[int, str]]) -> Node | None:
        spec = self.spec
        t = node.type
        line = node.start_point.row + 1
        if t in spec.identifiers:
            name = text(node)
            if spec.source_level(name) == SOURCE:
                steps.append((line, name))
                return None
            scope = self.scope_of(node)
            while True:
                defs = self._defs_in(scope).get(name)
                if defs:
                    before, _ = self._live_defs(name, defs, node)
                    best = next((v for v in reversed(before) if self.level(v) >= want), None)
                    if best is not None:
                        steps.append((best.start_point.row + 1, name))
                        return best
                if name in self._params_in(scope):
                    steps.append((scope.start_point.row + 1, f"parameter {name}"))
                    return None
                if scope is self.root:
                    return None
                scope = self.scope_of(scope)
        if t in spec.calls or t in spec.members:
            if t in spec.calls:
                fn = node.child_by_field_name(spec.calls[t][0])
                head = text(fn) if fn is not None else ""
                if "(" not in head and spec.source_level(head + "(") == SOURCE:
                    steps.append((line, short(text(node))))
                    return None
                func = self.helper(fn) if fn is not None else None
                if func is not None:
                    ret = [v for v in self.helper_returns(func) if self.level(v) >= want]
                    if ret and self.level(ret[0]) >= want and self.level(ret[0]) != PARAM:
                        steps.append((ret[0].start_point.row + 1, f"{head}() returns"))
                        return ret[0]
            elif spec.source_level(text(node).split("(", 1)[0]) == SOURCE:
                steps.append((line, short(text(node))))
                return None
        # a ternary's level is its arms': the path goes through an arm, not the condition
        cond = _ternary_parts(node)[0] if t in spec.ternary_types else None
        for child in _descendants_ordered(node):
            if cond is not None and _encloses(cond, child):
                continue
            if child.type in spec.identifiers or child.type in spec.calls or \
                    child.type in spec.members:
                if self.level(child) >= want:
                    return child
        return None

    def _guarded_path(self, scope: Node, path: str, use: Node) -> bool:
        """Is the member path ``req.body.user`` itself checked in this scope before ``use``
        (the guard shapes of ``_guarded`` applied to a dotted name)? A check and a use need
        the path twice, so a scope that names it once is not scanned."""
        if not self.spec.guards:
            return False
        body = text(scope)
        if body.count(path) < 2:
            return False
        return _guards_use(self._spots_in(scope, True).get(path), use, self._sink)

    def _guarded(self, scope: Node, name: str, use: Node) -> bool:
        """Is ``name`` checked against an allow-list or a strict pattern in this scope,
        before ``use`` and in a block that holds it?

        The usual shapes of a check (``if x not in ALLOWED``, ``if not x.isalnum()``,
        ``re.fullmatch(p, x)``) validate ``x`` for the uses after it in the block that
        holds the check; a check in an ``if``'s condition, where the pack states its
        direction (``guard_rejects``), only in the branch where it held (``_directed_spots``:
        after a rejecting check's early exit and in its ``else``, in an accepting check's
        own branch). A check after the sink, or on another branch, guards nothing."""
        if not self.spec.guards:
            return False
        return _guards_use(self._spots_in(scope).get(name), use, self._sink)

    def _spots_in(self, scope: Node, dotted: bool = False
                  ) -> dict[str, list[tuple[int, int, int, int]]]:
        """The scope's checks by checked name (``_guard_spots`` of the pack's guards; of
        member paths when ``dotted``): one scan per scope finds every guarded name."""
        cache = self._guarded_paths if dotted else self._guarded_names
        guards = self.spec.guards or ""  # callers ask only where the pack has guards
        key = (scope.id, guards)
        got = cache.get(key)
        if got is None:
            got = cache[key] = self._guard_spots(
                scope, text(scope), _guard_regex(guards, dotted, self._ascii))
        return got

    def _guard_spots(self, scope: Node, body: str, rx: re.Pattern[str]
                     ) -> dict[str, list[tuple[int, int, int, int]]]:
        """Name -> (where the check is, the block it protects: start and end byte, and the
        end of the early-exit ``if`` holding it or -1) for each match of a guard regex in
        the scope's text. A template's group ``at`` marks the check itself where the match
        begins elsewhere (a resolved path's assignment, its prefix check further on;
        ``at1``, ``at2``: in other shapes of the template)."""
        out: dict[str, list[tuple[int, int, int, int]]] = {}
        ascii_body = body.isascii()
        marks = [g for g in rx.groupindex if g == "at" or (g[:2] == "at" and g[2:].isdigit())]
        for m in rx.finditer(body):
            at = next((m.start(g) for g in marks if m.start(g) >= 0), m.start())
            while at < m.end() and body[at].isspace():
                at += 1  # a template that opens at a line break: the check's first token
            pos = scope.start_byte + (at if ascii_body else len(body[:at].encode()))
            names = list(_guard_names(m))
            stmt, leave = self._check_if(pos, names)
            if stmt is not None and self.spec.guard_rejects is not None:
                for spot in self._directed_spots(stmt, pos, m.end() - at + pos, names, leave):
                    for name in names:
                        out.setdefault(name, []).append(spot)
                continue
            if stmt is not None and leave < 0:
                # an if that does not leave when the check fails: the check guards only
                # what the if holds (its branches), not what follows it
                start, end = stmt.start_byte, stmt.end_byte
            elif leave >= 0:
                start, end = self._exit_block(pos)
            else:
                start, end = self._guard_block(pos)
            for name in names:
                out.setdefault(name, []).append((pos, start, end, leave))
        return out

    def _directed_spots(self, stmt: Node, pos: int, end: int, names: list[str], leave: int
                        ) -> list[tuple[int, int, int, int]]:
        """The spots of a check (at ``pos``, its match ending near ``end``) in the head of
        ``stmt``'s ``if`` or ``elif``, by the branch where it held: a rejecting check
        (``guard_rejects``) guards from the end of its own branch on, in the later branches
        of the ``if`` and, when it is an early exit, after it; an accepting one guards its
        own branch only. Either also guards the rest of its condition when that runs only
        where it held (``not p.is_relative_to(B) or not p.is_file()``, ``ok(x) and
        use(x)``). None: it guards nothing (a rejecting check beside another condition that
        must hold too, an accepting one beside an alternative)."""
        clause = self._check_clause(stmt, pos)
        cond = clause.child_by_field_name("condition")
        branch = clause.child_by_field_name("consequence")
        rejects_rx = self.spec.guard_rejects
        if cond is None or branch is None or rejects_rx is None:
            return []
        lo = max(pos, cond.start_byte)
        check = self._src[lo:cond.end_byte].decode("utf-8", "replace")
        # the check's own part of the condition (a template that marks the whole ``if``: its
        # first part), and a negation around it
        cut = max(0, min(end, cond.end_byte) - lo) if pos > cond.start_byte else 0
        nxt = _BOOLEAN.search(check, cut) if cut < len(check) else None
        check = check[:nxt.start()] if nxt else check
        flips = 0
        node: Node | None = self.root.descendant_for_byte_range(lo, lo)
        while node is not None and _encloses(cond, node):
            if node.type in self.spec.not_types and node.start_byte < lo:
                op = node.child_by_field_name("operator")
                flips += op is None or text(op) in ("!", "not")
            node = None if node.id == cond.id else node.parent
        rejects = bool(flips % 2) != bool(rejects_rx.search(check))
        if _beside_other(text(cond), _CONJUNCTION if rejects else _ALTERNATIVE, names):
            return []
        spots = []
        lead = self._src[cond.start_byte:lo].decode("utf-8", "replace")
        if nxt is not None and nxt.group() in (("or", "||") if rejects else ("and", "&&")) \
                and _CHECK_LEAD.fullmatch(lead):
            # the rest of the condition, evaluated only where the check held
            rest = lo + len(check.encode())
            spots.append((rest, rest, cond.end_byte, -1))
        if not rejects:
            spots.append((pos, branch.start_byte, branch.end_byte, -1))
        elif leave >= 0:
            start, stop = self._exit_block(pos)
            spots.append((branch.end_byte, start, stop, leave))
        else:
            spots.append((branch.end_byte, stmt.start_byte, stmt.end_byte, -1))
        return spots

    def _check_clause(self, stmt: Node, pos: int) -> Node:
        """The ``if`` or ``elif`` of ``stmt`` whose condition holds ``pos``."""
        for c in stmt.children:
            cond = c.child_by_field_name("condition")
            if cond is not None and c.child_by_field_name("consequence") is not None and \
                    c.start_byte <= pos < cond.end_byte:
                return c
        return stmt

    def _check_if(self, pos: int, names: list[str]) -> tuple[Node | None, int]:
        """The ``if`` whose head (its condition, or an ``elif``'s) holds the check at
        ``pos``, and where it ends when it is an early exit: its branch ends in a statement
        that leaves (``if x not in ALLOWED: abort(400)``, ``if (!ok) return ...``) or gives
        a checked name a constant (``to = "/"``), as does every branch before it, so
        whatever runs after the ``if`` passed the check. -1 otherwise, and for a check that
        holds only beside a condition on something else (``if strict and x not in
        ALLOWED``): the run that skips it reaches what follows unchecked. (None, -1): no
        ``if`` holds the check."""
        spec = self.spec
        node: Node | None = self.root.descendant_for_byte_range(pos, pos)
        while node is not None and node.type not in spec.if_types and not (
                node.parent is not None and node.parent.type in spec.if_types
                and node.child_by_field_name("condition") is not None):  # an elif
            if node.type in spec.blocks or node.type in spec.scopes:
                return None, -1  # the check is a statement of its own, or inside a function
            node = node.parent
        if node is None:
            return None, -1
        stmt = node if node.type in spec.if_types else node.parent
        cond = node.child_by_field_name("condition")
        branch = node.child_by_field_name("consequence")
        if stmt is None or cond is None or branch is None or \
                not node.start_byte <= pos < branch.start_byte:
            return None, -1
        if spec.exits is None or _beside_other(text(cond), _CONJUNCTION, names):
            return stmt, -1  # beside a condition on something else (a != 'x' and a != 'y': no)
        heads = [stmt] + [c for c in stmt.children
                          if c.start_byte <= node.start_byte and c.id != stmt.id
                          and c.child_by_field_name("condition") is not None]
        for head in heads:
            if not self._leaves(head.child_by_field_name("consequence"), names):
                return stmt, -1
        return stmt, stmt.end_byte

    def _leaves(self, branch: Node | None, names: list[str]) -> bool:
        """Does the branch end in a statement that leaves (return, raise, abort(...)), or
        in one that sets one of ``names`` to constant data (what follows sees a checked
        value or that constant)?"""
        assign = self._branch_end(branch)
        if not isinstance(assign, Node):
            return assign
        field_ = self.spec.assigns.get(assign.type)
        target = assign.child_by_field_name(field_) if field_ else None
        value = assign.child_by_field_name("right")
        return target is not None and value is not None and text(target) in names \
            and self.is_constant_data(value)

    @contextmanager
    def at_sink(self, sink: Node) -> Iterator[None]:
        """Levels read inside this block are those that reach ``sink``: an early-exit
        check before it (in a block that holds it) guards the checked name also where it
        was used earlier, in a value derived from it (``full = join(BASE, name)`` before
        ``if name not in ALLOWED: abort(400)``, then ``open(full)``). A sink no such check
        precedes reads the file's shared levels; one that has some reads the levels of the
        sinks behind the same checks (they depend on the sink only through which checks
        precede it, so sinks behind the same ones share them)."""
        exits = self._exits_before(sink) if self._sink is None else frozenset()
        if not exits:
            yield
            return
        memo, busy = self._memo, self._busy
        mine = self._exit_memos.get(exits)
        if mine is None:
            mine = self._exit_memos[exits] = {}
        self._sink, self._memo, self._busy = sink, mine, set()
        try:
            yield
        finally:
            self._sink, self._memo, self._busy = None, memo, busy

    def _exits_before(self, sink: Node) -> frozenset[tuple[int, int]]:
        """The early-exit checks (where each is, where its ``if`` ends) that precede
        ``sink`` in a block that holds it, in the sink's function or one around it: what
        ``_guards_use`` reads of the sink."""
        guards = self.spec.guards
        if not guards or self.spec.exits is None:
            return frozenset()
        at = sink.start_byte
        scope = self.scope_of(sink)
        found: set[tuple[int, int]] = set()
        while True:
            # a scope none of whose ifs ends before the sink in a block that holds it has no
            # early-exit check that does: its text (a whole module, often) is not scanned
            if any(end <= at and start <= at < stop for end, start, stop in self._ifs_in(scope)):
                for dotted in (False, True):
                    found.update((pos, leave) for spots in self._spots_in(scope, dotted).values()
                                 for pos, start, end, leave in spots
                                 if 0 <= leave <= at and start <= at < end)
            if scope is self.root:
                return frozenset(found)
            scope = self.scope_of(scope)

    def _ifs_in(self, scope: Node) -> list[tuple[int, int, int]]:
        """The ``if`` statements of ``scope`` (not of functions inside it) whose branch may
        leave (``_may_leave``): where each ends, and the bytes of the block that holds it
        (``_guard_block`` of a check in its head), cached per scope: an early-exit check is
        in the head of one of them."""
        got = self._scope_ifs.get(scope.id)
        if got is not None:
            return got
        got = []
        for node in self._ifs_of(scope):
            if self._may_leave(node):
                start, stop = self._exit_block(node.start_byte)
                got.append((node.end_byte, start, stop))
        self._scope_ifs[scope.id] = got
        return got

    def _ifs_of(self, scope: Node) -> list[Node]:
        """The ``if`` statements of ``scope`` (not of functions inside it), in source order.
        Every scope's are found by one query over the module: ``_exits_before`` reaches the
        module from any sink, and its walk passes every function's ifs anyway."""
        if self.root.id not in self._if_nodes:
            self._if_nodes[self.root.id] = []
            if self.spec.ifs is not None:
                for _, caps in QueryCursor(self.spec.ifs).matches(self.root):
                    for node in caps.get("if", ()):
                        self._if_nodes.setdefault(self.scope_of(node).id, []).append(node)
        return self._if_nodes.get(scope.id, [])

    def _may_leave(self, stmt: Node) -> bool:
        """Could ``_leaves`` hold for this ``if``'s own branch, whatever names it checks:
        its last statement leaves, or assigns (a checked name set to a constant)?"""
        assign = self._branch_end(stmt.child_by_field_name("consequence"))
        return assign if not isinstance(assign, Node) else assign.type in self.spec.assigns

    def _branch_end(self, branch: Node | None) -> bool | Node:
        """How a branch ends: True when its last statement leaves, False when it has none
        (or the language names no exits), else that statement's assignment (or the
        statement itself), for ``_leaves`` and ``_may_leave`` to read."""
        spec = self.spec
        last = branch
        if branch is not None and branch.type in spec.blocks:
            last = next((c for c in reversed(branch.named_children)
                         if c.type not in spec.skip and c.type != "comment"), None)
        if last is None or spec.exits is None:
            return False
        if spec.exits.match(text(last)):
            return True
        return last.named_children[0] if last.named_child_count == 1 else last

    def _exit_block(self, pos: int) -> tuple[int, int]:
        """The block an early-exit check at ``pos`` protects: ``_guard_block``, widened past
        a ``try`` whose body it is when every handler of that try leaves as well
        (``try: ... if url.netloc not in OK: return ... except ValueError: return``, then
        ``redirect(url)``): nothing after the try runs unless the check passed."""
        start, end = self._guard_block(pos)
        spec = self.spec
        while spec.try_types:
            block = self.root.descendant_for_byte_range(start, end)
            while block is not None and block.parent is not None and \
                    (block.parent.start_byte, block.parent.end_byte) == (start, end):
                block = block.parent  # the block itself, not a statement as wide as it
            stmt = block.parent if block is not None else None
            if stmt is None or stmt.type not in spec.try_types or \
                    stmt.child_by_field_name("body") != block:
                break
            handlers = [c for c in stmt.named_children if c.type in spec.handler_types]
            if not handlers or not all(self._leaves(self._handler_block(h), [])
                                       for h in handlers):
                break
            start, end = self._guard_block(stmt.start_byte)
        return start, end

    def _handler_block(self, handler: Node) -> Node | None:
        """An except/catch clause's block (its ``body`` field, or its last block)."""
        body = handler.child_by_field_name("body")
        if body is not None:
            return body
        return next((c for c in reversed(handler.named_children)
                     if c.type in self.spec.blocks), None)

    def _guard_block(self, pos: int) -> tuple[int, int]:
        """The bytes of the block a check at ``pos`` protects: the innermost statement
        block (or function) around it; the whole file when the language names none."""
        node: Node | None = self.root.descendant_for_byte_range(pos, pos)
        spec = self.spec
        if not spec.blocks:
            return self.root.start_byte, self.root.end_byte
        while node is not None and node.type not in spec.blocks and node.type not in spec.scopes:
            node = node.parent
        if node is None:
            return self.root.start_byte, self.root.end_byte
        return node.start_byte, node.end_byte

    # -- constant conditions -------------------------------------------------------------
    def is_dead(self, node: Node) -> bool:
        """Is ``node`` on a branch no run takes: inside ``if C:`` with ``C`` constantly
        false, or in the ``elif``/``else`` of a constantly true ``C``? Constants are
        literals and module names bound once to a literal (``DEBUG = False``)."""
        if not self.spec.if_types:
            return False
        # dead = some ancestor step is dead; steps above a node already answered are not
        # looked at again (every match asks, and matches share their ancestors)
        memo = self._dead
        steps: list[tuple[int, bool]] = []
        cur = node
        dead = False
        while cur.id not in memo:
            parent = cur.parent
            if parent is None:
                break
            steps.append((cur.id, self._dead_step(cur, parent)))
            cur = parent
        else:
            dead = memo[cur.id]
        for i, step in reversed(steps):
            dead = dead or step
            memo[i] = dead
        return dead

    def _dead_step(self, cur: Node, parent: Node) -> bool:
        """Does ``parent`` never run its child ``cur`` (a branch of a constant condition)?"""
        if parent.type in self.spec.ternary_types:
            cond, body = _ternary_parts(parent)
            truth = self.truth(cond) if cond is not None else None
            if cond is not None and cur.id != cond.id and truth is not None:
                if (body is not None and cur.id == body.id) != truth:
                    return True
        elif parent.type in self.spec.case_types:
            body = parent.child_by_field_name("consequence")
            if body is not None and cur.id == body.id:
                return self._case_dead(parent)
        elif parent.type in self.spec.if_types:
            cond = parent.child_by_field_name("condition")
            body = parent.child_by_field_name("consequence")
            truth = self.truth(cond) if cond is not None else None
            if cond is not None and cur.id != cond.id:
                if body is not None and cur.id == body.id:
                    if truth is False:
                        return True
                elif truth is True:
                    return True
        return False

    def truth(self, node: Node, _depth: int = 0) -> bool | None:
        """The constant truth value of a condition, or None when it is not constant."""
        spec = self.spec
        if _depth > 8:
            return None
        t = node.type
        if t == "parenthesized_expression" and node.named_child_count == 1:
            return self.truth(node.named_children[0], _depth + 1)
        if t in spec.true_types:
            return True
        if t in spec.false_types:
            return False
        if t in spec.number_types:
            v = text(node).replace("_", "")
            try:
                return int(v, 0) != 0
            except ValueError:
                return None
        if t in spec.not_types:
            arg = node.child_by_field_name("argument") or (
                node.named_children[-1] if node.named_children else None)
            inner = self.truth(arg, _depth + 1) if arg is not None else None
            return None if inner is None else not inner
        if t == "boolean_operator":
            op = node.child_by_field_name("operator")
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            vals = [self.truth(x, _depth + 1) if x is not None else None for x in (left, right)]
            if op is not None and text(op) == "and":
                return False if False in vals else (True if vals == [True, True] else None)
            if op is not None and text(op) == "or":
                return True if True in vals else (False if vals == [False, False] else None)
            return None
        if t in spec.identifiers:
            scope, name = self.scope_of(node), text(node)
            if scope is not self.root and (self._defs_in(scope).get(name)
                                           or name in self._params_in(scope)):
                got = self.const_value(node, _depth + 1)  # a local bound to a constant
                return None if got is None else bool(got)
            defs = self._defs_in(self.root).get(name, [])
            if len(defs) == 1:
                value = defs[0][1]
                if value.type in spec.true_types | spec.false_types | spec.number_types:
                    return self.truth(value, _depth + 1)
            return None
        got = self.const_value(node, _depth + 1)  # 7 * 42 - num > 200, with num = 86
        return None if got is None else bool(got)

    def const_value(self, node: Node, _depth: int = 0) -> int | str | bool | None:
        """The value of an expression built only from integer and string literals, locals
        bound to them (the assignment that reaches this use, in straight-line code), the
        arithmetic ``+ - * // %``, comparisons and indexing a string; None otherwise."""
        key = node.id
        if key in self._consts:
            return self._consts[key]
        if _depth > 12 or key in self._folding or len(self._folding) > 24:
            return None
        self._folding.add(key)
        try:
            got = self._const_value(node, _depth)
        finally:
            self._folding.discard(key)
        if not self._folding:  # a value found with no fold cut short by a cycle
            self._consts[key] = got
        return got

    def _const_value(self, node: Node, _depth: int) -> int | str | bool | None:
        spec = self.spec
        t = node.type
        if t == "parenthesized_expression" and node.named_child_count == 1:
            return self.const_value(node.named_children[0], _depth + 1)
        if t in spec.number_types:
            try:
                return int(text(node).replace("_", ""), 0)
            except ValueError:
                return None
        if t in spec.true_types or t in spec.false_types:
            return t in spec.true_types
        if t in spec.literals:
            if any(d.type in spec.interpolations for d in _descendants(node)):
                return None
            m = re.fullmatch(r"""(['"])(.*)\1""", text(node), re.S)  # no prefixes, escapes
            return m.group(2) if m is not None and "\\" not in m.group(2) else None
        if t in spec.identifiers:
            return self._const_name(node, _depth)
        if t in spec.subscripts:
            obj = node.child_by_field_name("value") or node.child_by_field_name("object")
            idx = node.child_by_field_name("subscript") or node.child_by_field_name("index")
            base = self.const_value(obj, _depth + 1) if obj is not None else None
            at = self.const_value(idx, _depth + 1) if idx is not None else None
            if isinstance(base, str) and type(at) is int and -len(base) <= at < len(base):
                return base[at]
            return None
        op_node = node.child_by_field_name("operator")
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if op_node is not None and left is None and right is None:  # -n
            arg = node.child_by_field_name("argument")
            v = self.const_value(arg, _depth + 1) if arg is not None else None
            if type(v) is int and text(op_node) in ("-", "+"):
                return -v if text(op_node) == "-" else v
            return None
        if op_node is not None and left is not None and right is not None:
            a = self.const_value(left, _depth + 1)
            b = self.const_value(right, _depth + 1) if a is not None else None
            return None if a is None or b is None else _fold(text(op_node), a, b)
        ops = node.children_by_field_name("operators")
        if ops:  # Python's comparison chain: a < b <= c
            got_vals = [self.const_value(c, _depth + 1) for c in node.named_children]
            vals = [v for v in got_vals if v is not None]
            if len(vals) != len(ops) + 1 or len(vals) != len(got_vals):
                return None
            result: bool = True
            for op, a, b in zip(ops, vals, vals[1:], strict=False):
                got = _fold(text(op), a, b)
                if not isinstance(got, bool):
                    return None
                result = result and got
            return result
        return None

    def _const_name(self, ident: Node, _depth: int) -> int | str | bool | None:
        """A local (or module name) whose every definition reaching ``ident`` is the same
        constant, with no parameter of that name and no later assignment in a loop around
        the use."""
        name, scope = text(ident), self.scope_of(ident)
        while True:
            defs = self._defs_in(scope).get(name)
            if name in self._params_in(scope) and not defs:
                return None
            if defs:
                break
            if scope is self.root:
                return None
            scope = self.scope_of(scope)
        if any(pos > ident.start_byte for pos, _ in defs) and self._in_loop(ident, scope):
            return None
        before, killed = self._live_defs(name, defs, ident)
        if name in self._params_in(scope) and not killed:
            return None
        live = [v for v in before if not self.is_dead(v)]
        vals = [self.const_value(v, _depth + 1) for v in live]
        if not vals or any(v is None for v in vals) or any(v != vals[0] for v in vals):
            return None
        return vals[0]

    def _in_loop(self, node: Node, scope: Node) -> bool:
        cur = node.parent
        while cur is not None and cur.id != scope.id:
            if cur.type in self.spec.loop_types:
                return True
            cur = cur.parent
        return False

    def _case_dead(self, clause: Node) -> bool:
        """Is this case clause of a ``match`` on a constant never taken: its literal
        patterns all differ from the subject, or an earlier clause surely matches?"""
        block = clause.parent
        match = block.parent if block is not None else None
        subject = match.child_by_field_name("subject") if match is not None else None
        value = self.const_value(subject) if subject is not None else None
        if value is None or block is None:
            return False
        for other in block.named_children:
            if other.type not in self.spec.case_types:
                continue
            verdict = self._case_matches(other, value)
            if other.id == clause.id:
                return verdict is False
            if verdict is True:
                return True  # an earlier clause takes every run
            if verdict is None:
                return False  # cannot tell what the earlier clause takes
        return False

    def _case_matches(self, clause: Node, value: int | str | bool) -> bool | None:
        """Does the clause's pattern match ``value``: True, False, or None (a guard, a
        class or sequence pattern: not known)."""
        if clause.child_by_field_name("guard") is not None:
            return None
        patterns = [c for c in clause.named_children if c.type == "case_pattern"]
        if len(patterns) != 1:
            return None
        pattern = patterns[0]
        kids = pattern.named_children
        if not kids:
            return True if text(pattern).strip() == "_" else None
        alts = kids[0].named_children if kids[0].type == "union_pattern" else kids
        if len(kids) != 1 and kids[0].type != "union_pattern":
            return None
        if kids[0].type in self.spec.identifiers or text(kids[0]) == "_":
            return True  # a capture pattern takes anything
        results = []
        for alt in alts:
            got = self.const_value(alt)
            if got is None:
                return None
            results.append(got == value)
        return any(results)

    def value_text(self, node: Node, _depth: int = 0) -> str:
        """The expression's text followed by the texts bound to the locals it names (two
        levels), so that a rule can match ``SELECT`` in ``db.query(sql)``."""
        if self._bound_args:  # a caller's arguments bound: this binding's own answer
            return self._value_text(node, _depth)
        key = (node.id, _depth)
        got = self._texts.get(key)
        if got is None:
            got = self._texts[key] = self._value_text(node, _depth)
        return got

    def _value_text(self, node: Node, _depth: int) -> str:
        parts = [text(node)]
        if _depth >= 2:
            return parts[0]
        idents = [node] if node.type in self.spec.identifiers else \
            [c for c in _descendants(node) if c.type in self.spec.identifiers]
        for ident in idents[:20]:
            scope = self.scope_of(ident)
            while True:
                defs = self._defs_in(scope).get(text(ident))
                if defs:
                    parts += [self.value_text(v, _depth + 1) for _, v in defs[:4]]
                    break
                arg = self._bound_args.get((scope.id, text(ident)))
                if arg is not None:
                    parts.append(self.value_text(arg, _depth + 1))
                    break
                if scope is self.root:
                    break
                scope = self.scope_of(scope)
        return "\n".join(parts)

    def tainted_before(self, node: Node, fixed: re.Pattern[str]) -> bool:
        """Does a part of the string ``node`` builds that reaches PARAM or SOURCE come
        before the text built so far matches ``fixed``? The parts are read in order
        (concatenation, f-string, a local bound once); a part that is not input stands as
        ``{}`` in that text. ``"/search?q=" + q`` with ``fixed`` ``[?#]``: no, the input only
        reaches the query string."""
        built = ""
        for part in self._parts(node, 0):
            if isinstance(part, str):
                built += part
            elif fixed.search(built):
                return False  # whatever comes now is after the fixed part
            elif self.level(part) >= PARAM:
                return True
            else:
                built += "{}"
        return False

    def _parts(self, node: Node, depth: int) -> list[Node | str]:
        """``node`` as a string built of literal texts and expression nodes, in order."""
        spec, t = self.spec, node.type
        if depth > 6:
            return [node]
        if t in spec.build_types and node.child_by_field_name("operator") is not None and \
                text(node.child_by_field_name("operator")) == "+":  # type: ignore[arg-type]
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and right is not None:
                return self._parts(left, depth + 1) + self._parts(right, depth + 1)
        if t == "concatenated_string":
            return [p for c in node.named_children for p in self._parts(c, depth + 1)]
        if t in spec.literals and t == "string":
            out: list[Node | str] = []
            for c in node.named_children:
                if c.type in spec.interpolations:
                    inner = [x for x in c.named_children
                             if x.type not in ("type_conversion", "format_specifier")]
                    out += [p for x in inner[:1] for p in self._parts(x, depth + 1)]
                elif c.type == "string_content":
                    out.append(text(c))
            return out
        if t in spec.identifiers:
            scope = self.scope_of(node)
            while True:
                defs = self._defs_in(scope).get(text(node))
                if defs or text(node) in self._params_in(scope) or scope is self.root:
                    break
                scope = self.scope_of(scope)
            if defs is not None and len(defs) == 1 and \
                    text(node) not in self._params_in(scope):
                return self._parts(defs[0][1], depth + 1)
        return [node]

    def is_built(self, node: Node, _depth: int = 0) -> bool:
        """Is this a string built at run time from a non-constant part (concatenation,
        interpolation, ``%``/``format``), directly or through a local variable?"""
        spec = self.spec
        if _depth > 8:
            return False
        t = node.type
        if t in spec.literals:
            return any(c.type in spec.interpolations for c in _descendants(node)) and \
                self.level(node) > CONST
        if t in spec.build_types:
            return self.level(node) > CONST
        if t in spec.calls and spec.build_calls is not None:
            fn = node.child_by_field_name(spec.calls[t][0])
            if fn is not None and spec.build_calls.search(text(fn)):
                return self.level(node) > CONST
        if t in spec.identifiers:
            scope = self.scope_of(node)
            while True:
                defs = self._defs_in(scope).get(text(node))
                if defs:
                    return any(self.is_built(v, _depth + 1) for _, v in defs)
                arg = self._bound_args.get((scope.id, text(node)))
                if arg is not None:  # a helper's parameter, bound to a caller's argument
                    return self.is_built(arg, _depth + 1)
                if scope is self.root:
                    return False
                scope = self.scope_of(scope)
        if t in ("parenthesized_expression",):
            return any(self.is_built(c, _depth + 1) for c in node.named_children)
        return False

    def may_be_built(self, node: Node, _depth: int = 0) -> bool:
        """Could ``is_built`` hold for ``node``, in this reading or one through a helper's
        callers? Its walk with no flow level read: a literal with an interpolation, a
        build operator or call, or a local whose definitions may be built; a name with
        no definition in its own scope may be a bound parameter, so yes. False only
        where ``is_built`` is False in every reading (a plain call, a constant), which a
        rule asks before the conditions that cost more (``_Context.evaluate``)."""
        spec = self.spec
        if _depth > 8:
            return False
        t = node.type
        if t in spec.literals:
            return any(c.type in spec.interpolations for c in _descendants(node))
        if t in spec.build_types:
            return True
        if t in spec.calls and spec.build_calls is not None:
            fn = node.child_by_field_name(spec.calls[t][0])
            if fn is not None and spec.build_calls.search(text(fn)):
                return True
        if t in spec.identifiers:
            defs = self._defs_in(self.scope_of(node)).get(text(node))
            return any(self.may_be_built(v, _depth + 1) for _, v in defs) if defs else True
        if t in ("parenthesized_expression",):
            return any(self.may_be_built(c, _depth + 1) for c in node.named_children)
        return False

    def is_constant_data(self, node: Node, _depth: int = 0) -> bool:
        """Is this value fixed in the source (a literal, arithmetic on literals and module
        constants, or a local bound only to such values)? Calls are never constant data:
        os.urandom(16) has constant arguments but a fresh value."""
        spec = self.spec
        if _depth > 8:
            return False
        t = node.type
        if t in spec.literals:
            return not any(c.type in spec.interpolations for c in _descendants(node))
        if t in spec.calls:
            return False
        if t in spec.identifiers:
            scope = self.scope_of(node)
            name = text(node)
            while True:
                defs = self._defs_in(scope).get(name)
                if defs:
                    return all(self.is_constant_data(v, _depth + 1) for _, v in defs)
                if name in self._params_in(scope):
                    return False
                if scope is self.root:
                    return False
                scope = self.scope_of(scope)
        if t in spec.members:
            obj = node.child_by_field_name(spec.members[t])
            return obj is not None and obj.type in spec.identifiers and text(obj) in self._imports
        key, value = node.child_by_field_name("key"), node.child_by_field_name("value")
        if key is not None and value is not None:  # a dict/object entry: {name: 'x'}
            return self.is_constant_data(value, _depth + 1)
        kids = node.named_children
        return bool(kids) and all(self.is_constant_data(c, _depth + 1) for c in kids)


def _fold(op: str, a: int | str | bool, b: int | str | bool) -> int | str | bool | None:
    """``a op b`` for the arithmetic and comparisons constant folding knows; None for the
    rest (a mixed-type operation, a division by zero, a huge power)."""
    same = type(a) is type(b) or (type(a) in (int, bool) and type(b) in (int, bool))
    if op in ("==", "==="):
        return a == b
    if op in ("!=", "!=="):
        return a != b
    if not same:
        return None
    try:
        match op:
            case "<":
                return a < b  # type: ignore[operator]
            case "<=":
                return a <= b  # type: ignore[operator]
            case ">":
                return a > b  # type: ignore[operator]
            case ">=":
                return a >= b  # type: ignore[operator]
            case "+":
                return a + b  # type: ignore[operator]
            case "-" if isinstance(a, int):
                return a - b  # type: ignore[operator]
            case "*" if isinstance(a, int) and abs(a) < 1 << 32 and abs(int(b)) < 1 << 32:
                return a * b  # type: ignore[operator]
            case "//" | "%" if isinstance(a, int):
                return a // b if op == "//" else a % b  # type: ignore[operator]
    except (ZeroDivisionError, TypeError):
        return None
    return None


def spec_containers(spec: FlowSpec, values: list[Node]) -> bool:
    """Is a module name bound to an empty-or-literal container (``[]``, ``{}``, ``new
    Map()``) of the pack's ``containers`` types?"""
    return bool(spec.containers) and any(v.type in spec.containers for v in values)


def _ternary_parts(node: Node) -> tuple[Node | None, Node | None]:
    """(condition, the arm taken when it is true) of a conditional expression: by field
    (JavaScript ``c ? a : b``) or by position (Python ``a if c else b``, no fields)."""
    cond = node.child_by_field_name("condition")
    if cond is not None:
        return cond, node.child_by_field_name("consequence")
    kids = node.named_children
    return (kids[1], kids[0]) if len(kids) == 3 else (None, None)


def _shallow(query: Query, depth: int) -> QueryCursor:
    cursor = QueryCursor(query)
    cursor.set_max_start_depth(depth)
    return cursor


def short(src: str, width: int = 48) -> str:
    one = " ".join(src.split())
    return one if len(one) <= width else one[: width - 3] + "..."


def _descendants_ordered(node: Node) -> list[Node]:
    """Named descendants, breadth first (the nearest part first)."""
    out: list[Node] = []
    queue = list(node.named_children)
    i = 0
    while i < len(queue) and i < 400:
        n = queue[i]
        out.append(n)
        queue.extend(n.named_children)
        i += 1
    return out


def _dict_entry(literal: Node, key: str) -> Node | None:
    """The value ``literal`` (a dict display) gives the string ``key``; None when it does
    not give it plainly (no such key, or a ``**spread`` that may)."""
    found = None
    for pair in literal.named_children:
        if pair.type != "pair":
            if pair.type != "comment":
                return None  # **other: any key may come from it
            continue
        k, v = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if k is not None and k.type == "string" and text(k)[1:-1] == key and \
                text(k)[:1] in "'\"":
            found = v
    return found


def _field_name(member: Node) -> str:
    """``rec["name"]``, ``rec['name']`` and ``rec.name`` alike: the object and the key."""
    parts = [text(c).strip("'\"") for c in member.named_children]
    return "\0".join(parts)


def _beside_other(cond: str, joiner: re.Pattern[str], names: list[str]) -> bool:
    """Is the condition ``cond`` joined by ``joiner`` (``and``, ``or``) to a part that names
    none of the checked ``names`` (``strict and x not in OK``)?"""
    parts = joiner.split(cond)
    return len(parts) > 1 and any(
        not any(re.search(rf"(?<![\w$.]){re.escape(n)}\b", part) for n in names)
        for part in parts)


def _guards_use(spots: list[tuple[int, int, int, int]] | None, use: Node,
                sink: Node | None = None) -> bool:
    """Does one of a name's checks (where, the block it protects, the end of its early-exit
    ``if``) come before ``use`` in a block that holds it? Or, reading what reaches
    ``sink``: is one an early exit that ends before the sink, in a block that holds it?"""
    at = use.start_byte
    if any(pos < at and start <= at < end for pos, start, end, _ in spots or ()):
        return True
    if sink is None:
        return False
    at = sink.start_byte
    return any(0 <= leave <= at and start <= at < end for _, start, end, leave in spots or ())


def _encloses(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _descendants(node: Node) -> list[Node]:
    out: list[Node] = []
    stack = list(node.named_children)
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(n.named_children)
    return out
