"""The rule engine: changed files in, explained findings out.

Each target is parsed whole with tree-sitter (the surrounding file is the context that
makes a hunk parse and lets taint-lite see where a value came from), but rules only
report matches whose reported node touches an added line. A cheap pre-filter skips every
rule none of whose needles occurs in the added text, and a file with no candidate rule is
never parsed. The policy decides, per line origin, which severities and confidences are
shown: AI-origin lines are reviewed more strictly than human ones.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from typing import Any

from tree_sitter import Node, Parser, QueryCursor

from reviewer.cwe import cwe_name
from reviewer.flow import (
    CONST,
    LEVELS,
    PARAM,
    Flow,
    FlowSpec,
    ascii_flag,
    plain_ascii,
    short,
    text,
)
from reviewer.jsregex import literal_source, string_value
from reviewer.model import (
    HUMAN_ORIGIN,
    Finding,
    Hunk,
    Origin,
    ReviewTarget,
    fingerprint,
    inline_dismissal,
)
from reviewer.policy import DEFAULT_POLICY, Policy
from reviewer.printf import printed_args
from reviewer.redos import exponential
from reviewer.rules import PACKS, Pack, Rule, language_for, load_pack
from reviewer.rules.merge import passes, renamed

MAX_QUOTE_LINES = 8


def review(targets: Iterable[ReviewTarget], policy: Policy = DEFAULT_POLICY) -> list[Finding]:
    """Findings for every target, in file order then line order."""
    out: list[Finding] = []
    for target in targets:
        out.extend(review_target(target, policy))
    return out


def hunks(target: ReviewTarget) -> list[Hunk]:
    """Runs of consecutive added lines, each with its (AI-first) origin."""
    out: list[Hunk] = []
    run: list[int] = []
    for line in sorted(target.added_lines):
        if run and line != run[-1] + 1:
            out.append(_hunk(target, run))
            run = []
        run.append(line)
    if run:
        out.append(_hunk(target, run))
    return out


def _hunk(target: ReviewTarget, run: list[int]) -> Hunk:
    return Hunk(target.path, run[0], run[-1], _pick_origin(target, run))


def _distinct_origins(target: ReviewTarget, lines: Iterable[int]) -> Iterator[Origin]:
    """The origins of ``lines``, each once, as they are met (an ``any`` over them stops at
    the first that answers, often the first line's)."""
    met: set[int] = set()
    for line in lines:
        o = target.origin_of(line)
        if id(o) not in met:
            met.add(id(o))
            yield o


def _pick_origin(target: ReviewTarget, lines: Iterable[int]) -> Origin:
    first: Origin | None = None
    for line in lines:
        o = target.origin_of(line)
        if o.is_ai:
            return o
        first = first or o
    return first or HUMAN_ORIGIN


def review_target(target: ReviewTarget, policy: Policy = DEFAULT_POLICY) -> list[Finding]:
    grammar = target.language or language_for(target.path)
    if grammar not in PACKS or not target.added_lines:
        return []
    pack = load_pack(grammar)
    lines = target.text.split("\n")
    n_lines = len(lines)
    added = target.added_lines
    if min(added) < 1 or max(added) > n_lines:
        added = frozenset(n for n in added if 0 < n <= n_lines)
    if not added:
        return []
    added_text = "\n".join(lines[n - 1] for n in sorted(added))
    judgement: list[bool] = []  # whether judgement rules may apply, asked on first need

    def candidate(rule: Rule) -> bool:
        """The pre-filter: enabled, allowed and one of its needles in the added text. Asked
        only of rules that match (and of the first rules, to know there is one at all):
        every needle of a rule that does not apply is a scan of the whole text."""
        if rule.judgement:
            if not judgement:
                judgement.append(bool(policy.extra_rules) or any(
                    policy.judgement_allowed("", o) for o in _distinct_origins(target, added)))
            if not judgement[0]:
                return False
        return policy.rule_enabled(rule.id) \
            and (not rule.needles or any(n in added_text for n in rule.needles)) \
            and (not rule.file_needles or any(n in target.text for n in rule.file_needles))

    if pack.combined is None or not any(candidate(r) for r in pack.rules):
        return []
    src = target.text.encode("utf-8")
    tree = Parser(pack.language).parse(src)
    ctx = _Context(pack, target, tree.root_node, lines, added)
    lo, hi = min(added), max(added)
    found: list[dict[str, Any]] = []
    # one walk of the tree for every rule (the pack's combined query); matches of rules
    # that are not candidates are dropped before any evaluation
    wanted: dict[int, bool] = {}  # rule index -> candidate
    seen: dict[str, set[int]] = {}
    cursor = QueryCursor(pack.combined)
    cursor.set_point_range((lo - 1, 0), (hi, 0))
    for pattern, caps in cursor.matches(tree.root_node):
        for index, checks, names in pack.pattern_owners[pattern]:
            rule = pack.rules[index]
            ok = wanted.get(index)
            if ok is None:
                ok = wanted[index] = candidate(rule)
            if not ok or (checks and not passes(checks, caps)):
                continue
            finding = ctx.evaluate(rule, renamed(names, caps), policy,
                                   seen.setdefault(rule.id, set()))
            if finding is not None:
                found.append(finding)
    found = _without_superseded(found, pack.rules)
    found.sort(key=lambda f: (f["line"], f["column"], f["rule_id"]))
    return _with_fingerprints(found, lines, "aiprov:" in target.text)


def _without_superseded(found: list[dict[str, Any]], rules: tuple[Rule, ...]
                        ) -> list[dict[str, Any]]:
    """Drop a finding when a rule that supersedes its rule reports the same line."""
    over = {r.id: r.supersedes for r in rules if r.supersedes}
    if not over:
        return found
    gone = {(line_rule, f["line"]) for f in found for line_rule in over.get(f["rule_id"], ())}
    return [f for f in found if (f["rule_id"], f["line"]) not in gone] if gone else found


def _with_fingerprints(findings: list[dict[str, Any]], lines: list[str],
                       comments: bool = True) -> list[Finding]:
    """Each finding (its fields, in order) built with its fingerprint, and dismissed when an
    inline comment says so (``comments``: False when the file has no ``aiprov:`` comment at
    all). Built once here: a frozen Finding copied with ``replace`` costs more than the
    whole rest of a finding."""
    from dataclasses import replace

    counts: Counter[tuple[str, str]] = Counter()
    out = []
    for fields in findings:
        rule_id, quote = fields["rule_id"], fields["quote"]
        key = (rule_id, " ".join(quote.split()))
        f = Finding(**fields, fingerprint=fingerprint(rule_id, fields["path"], quote,
                                                      counts[key]))
        if comments:
            dismissed = inline_dismissal(lines, f)
            if dismissed is not None:
                f = replace(f, dismissed=dismissed)
        out.append(f)
        counts[key] += 1
    return out


class _Context:
    """Per-file state shared by the rules: flow facts are built on first use only."""

    def __init__(self, pack: Pack, target: ReviewTarget, root: Node, lines: list[str],
                 added: frozenset[int]) -> None:
        self.pack = pack
        self.target = target
        self.root = root
        self.lines = lines
        self.added = added
        self._flows: dict[tuple[str | None, bool], Flow] = {}
        # the sink kind of the rule being evaluated, and whether its sink is a decision (tag
        # ``decision``: a flag kept in the session, an amount), where a bool or a count of the
        # input is still the client's choice; in a text sink it carries nothing
        self._kind: tuple[str | None, bool] = (None, False)
        # the flow with a helper's parameters bound to a caller's arguments, while the match
        # being evaluated sits in that helper (``Flow.through_calls``)
        self._via: Flow | None = None
        self._file_text: str = target.text
        # every text a condition searches is the file's or built of its parts (the path
        # aside): over a plain ASCII file, its regexes run in ASCII mode (``_re``)
        self._plain = plain_ascii(target.text)
        self._file_hits: dict[str, bool] = {}  # file_matches answers, per pattern
        self._table_fields: dict[str, str] | None = None  # CREATE TABLE name -> columns
        self._scope_hits: dict[tuple[int, str], bool] = {}  # scope_matches, per scope
        self._scope_texts: dict[int, str] = {}  # scope id -> its header and text
        self._handler_hits: dict[tuple[int, str, bool], bool] = {}  # handler_matches, per handler

    @property
    def flow(self) -> Flow:
        """Flow facts with the sanitizers of the current rule's sink kind (one per kind)."""
        if self._via is not None:
            return self._via
        got = self._flows.get(self._kind)
        if got is None:
            shared = next(iter(self._flows.values()), None)
            got = self._flows[self._kind] = Flow(_spec_for(self.pack, self._kind), self.root,
                                                 shared)
        return got

    # -- one match ---------------------------------------------------------------------
    def evaluate(self, rule: Rule, caps: dict[str, list[Node]], policy: Policy,
                 seen: set[int]) -> dict[str, Any] | None:
        """The finding's fields (``_with_fingerprints`` builds it), or None: no finding."""
        nodes = caps.get(rule.report)
        if not nodes:
            return None
        self._via = None
        self._kind = (sink_kind(rule), "decision" in rule.tags)
        node = nodes[0]
        if node.id in seen:
            return None
        start, end = node.start_point.row + 1, node.end_point.row + 1
        hit = [n for n in range(start, end + 1) if n in self.added]
        if not hit:
            return None
        origin = _pick_origin(self.target, hit)
        if rule.judgement and not policy.judgement_allowed(rule.id, origin):
            return None
        # a string the rule wants built that no reading can build (a call, a constant):
        # no reading passes, so the match costs no other condition (``Flow.may_be_built``)
        for cap in _built_captures(rule):
            subject = caps.get(cap)
            if not subject or not self.flow.may_be_built(subject[0]):
                return None
        # a condition the flow level cannot change already fails: no reading of the match
        # passes, except, inside a module-level helper, one at a caller's call (below; a
        # rule with no flow captures reads no caller's level)
        early_ok = all(self._check(rule.where[i], caps, node) for i in _early(rule))
        if not early_ok and (not rule.flow or self.flow.helper_name(node) is None or not all(
                self._check(rule.where[i], caps, node) for i in _own_guards(rule))):
            # a check the sink's own function makes (page_path's realpath + commonpath
            # containment) holds whoever calls it: no caller's reading passes it by
            return None
        # (after the checks above: all are pure, and they reject most matches for less)
        if self.flow.is_dead(node):  # under a constant condition no run takes
            return None

        # levels as they reach this sink: an early-exit check before it guards a value
        # derived from the checked name before the check (Flow.at_sink)
        with self.flow.at_sink(node) if rule.flow else nullcontext():
            level: int | None = None
            flow_nodes: list[Node] = []
            call_path: list[tuple[int, str]] | None = None
            # one reading of the match, or, inside a local helper, one per call of it in this
            # file (its parameters bound to that call's arguments), the highest level first
            readings: list[tuple[int | None, list[tuple[int, str]] | None, Flow | None]] = \
                [(None, None, None)]
            if rule.flow:
                flow_nodes = [n for c in rule.flow for n in caps.get(c, [])]
                if "printf" in rule.tags:  # a log call: only what reaches the line unescaped
                    flow_nodes = [p for n in flow_nodes for p in printed_args(n)
                                  if not self.flow.printed_with_repr(p)]
                level = max((self.flow.level(n) for n in flow_nodes), default=CONST)
                readings = [(level, None, None)]
                if level == PARAM:  # inside a local helper: what do its callers in this file pass?
                    readings = self._through_calls(flow_nodes) or readings
            if not early_ok:  # only a caller's reading can still pass
                readings = [r for r in readings if r[2] is not None]
            confidence: str | None = None
            for reading in readings:  # the first reading whose conditions hold decides
                level, call_path, self._via = reading
                if level is not None and level < rule.min_flow:
                    continue
                if self._via is not None and not self._via.answers_client(node):
                    continue  # a helper's return the caller keeps or only tests: no response
                # through a helper call, the scope, context and handler of a condition are the
                # caller's: the handler that passes the data in
                where_at = self._via.via_call if self._via is not None and \
                    self._via.via_call is not None else node
                # read at the sink itself, the conditions checked early hold again (pure,
                # and they read no level): only the others are asked
                conds = _late(rule) if early_ok and self._via is None else rule.where
                if all(self._check(cond, caps, where_at) for cond in conds):
                    confidence = rule.confidence_for(level)
                    break
            else:
                return None
            if confidence is None or not policy.admits(rule.severity, confidence, origin):
                return None
            seen.add(node.id)
            quote_end = min(end, start + MAX_QUOTE_LINES - 1)
            quote = "\n".join(self.lines[start - 1 : quote_end])
            return dict(
                rule_id=rule.id,
                cwe=rule.cwe,
                cwe_name=cwe_name(rule.cwe),
                title=rule.title,
                severity=rule.severity,
                confidence=confidence,
                path=self.target.path,
                line=start,
                end_line=end,
                column=node.start_point.column + 1,
                quote=quote,
                why=rule.why,
                impact=rule.impact,
                fix=rule.fix,
                replacement=_replacement(rule, node, quote),
                origin=origin,
                language=self.pack.grammar,
                judgement=rule.judgement,
                trace=self._trace(node, flow_nodes, level, call_path),
            )

    def _through_calls(self, flow_nodes: list[Node]
                       ) -> list[tuple[int | None, list[tuple[int, str]] | None, Flow | None]]:
        """For each call of the helper in this file: the level the flow captures reach
        with its parameters bound to that call's arguments, the path through the call and
        that binding; the highest level first (empty: no local callers)."""
        out: list[tuple[int | None, list[tuple[int, str]] | None, Flow | None]] = []
        for n in flow_nodes:
            if self.flow.level(n) == PARAM:
                out += self.flow.through_calls(n)
        out.sort(key=lambda r: -(r[0] or 0))
        return out

    def _trace(self, sink: Node, flow_nodes: list[Node], level: int | None,
               call_path: list[tuple[int, str]] | None = None) -> tuple[tuple[int, str], ...]:
        """Source-to-sink steps for a finding whose data comes from a parameter or a
        source; the sink itself is the last step (``call_path``: the path from a caller's
        argument into the helper holding the sink, found by ``through_calls``)."""
        if level is None or level < PARAM:
            return ()
        if call_path:
            steps = list(call_path)
            steps.append((sink.start_point.row + 1, short(text(sink))))
            return tuple(dict.fromkeys(steps))
        top = next((n for n in flow_nodes if self.flow.level(n) == level), None)
        if top is None:
            return ()
        steps = self.flow.trace(top)
        steps.append((sink.start_point.row + 1, short(text(sink))))
        return tuple(steps)

    # -- conditions --------------------------------------------------------------------
    def _check(self, cond: dict[str, Any], caps: dict[str, list[Node]], node: Node) -> bool:
        if "any" in cond:
            return any(self._check(c, caps, node) for c in cond["any"])
        if "all" in cond:
            return all(self._check(c, caps, node) for c in cond["all"])
        if "not" in cond:
            return not self._check(cond["not"], caps, node)
        cap_nodes = caps.get(cond["capture"], []) if "capture" in cond else []
        if "capture" in cond and not cap_nodes:
            return bool(cond.get("optional", False))
        subject = cap_nodes[0] if cap_nodes else node
        for key, value in cond.items():
            if key in ("capture", "optional"):
                continue
            if key == "bound_in_where_of":  # a parameter the SQL in that capture compares
                other = caps.get(value, [])
                if not other or not _bound_in_where(subject, other[0]):
                    return False
                continue
            if key == "same_words_as":  # the value spells that capture's name: a label
                other = caps.get(value, [])
                if not other or _words(text(subject)) != _words(text(other[0]).rsplit(".")[-1]):
                    return False
                continue
            if not self._one(key, value, subject, node):
                return False
        return True

    def _one(self, key: str, value: Any, subject: Node, node: Node) -> bool:
        match key:
            case "match":
                return self._re(value).search(text(subject)) is not None
            case "value_matches":
                return self._re(value).search(self.flow.value_text(subject)) is not None
            case "value_not_matches":
                return self._re(value).search(self.flow.value_text(subject)) is None
            case "not_match":
                return self._re(value).search(text(subject)) is None
            case "file_matches":
                return self._file_has(value)
            case "file_not_matches":
                return not self._file_has(value)
            case "path_matches":
                return _rx(value).search(self.target.path) is not None  # not the file's text
            case "scope_matches":
                return self._scope_has(value, node)
            case "scope_not_matches":
                return not self._scope_has(value, node)
            case "handler_matches":
                return self._handler_has(value, node)
            case "handler_not_matches":
                # a check the handler hands to a local helper (get_post(id) aborting unless
                # the caller owns the post) is the handler's own
                return not self._handler_has(value, node, helpers=True)
            case "dependency_matches":
                # a local function the handler's head names (Depends(tenant)) runs first
                scope = self._outer_scope(node)
                rx = self._re(value)
                return scope is not None and any(
                    rx.search(text(f)) is not None for f in self.flow.head_helpers(scope))
            case "context_matches":
                return self._re(value).search(self._context_text(node)) is not None
            case "context_not_matches":
                return self._re(value).search(self._context_text(node)) is None
            case "flows_to":
                return self._flows_to(value, node)
            case "tainted_before":  # input in the built string before ``value`` matches
                return self.flow.tainted_before(subject, self._re(value))
            case "built":
                return self.flow.is_built(subject) == bool(value)
            case "constant_data":
                return self.flow.is_constant_data(subject) == bool(value)
            case "flow_min":
                return self.flow.level(subject) >= LEVELS[value]
            case "flow_max":
                return self.flow.level(subject) <= LEVELS[value]
            case "int_mask":
                n = _int_value(text(subject))
                return n is not None and (n & int(value)) != 0
            case "int_below":
                n = _int_value(text(subject))
                return n is not None and n < int(value)
            case "entropy_min":
                return _entropy(_literal_body(text(subject))) >= float(value)
            case "len_min":
                return len(_literal_body(text(subject))) >= int(value)
            case "exponential_regex":  # a pattern literal that backtracks exponentially
                return _exponential_pattern(subject) == bool(value)
            case "record_fields_match":
                # the record the query or model names, where this file declares it (CREATE
                # TABLE, a class): do its fields match? Undeclared here: not known, so yes
                fields = self._record_fields(subject)
                return fields is None or self._re(value).search(fields) is not None
            case _:
                raise ValueError(f"unknown rule condition {key!r}")

    def _re(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """``_rx`` for a text of this file or built of its parts."""
        return _rx(pattern, flags, self._plain)

    def _record_fields(self, subject: Node) -> str | None:
        """The declared fields of the record ``subject`` names: an SQL statement's first
        table (``FROM notes``, ``UPDATE notes``) as this file creates it, or a model class of
        this file by its name (``Note`` in ``Note.query.get(i)``); None when the file
        declares neither."""
        if subject.type in self.pack.flow.identifiers:
            m = re.search(rf"(?m)^class\s+{re.escape(text(subject))}\b[^\n]*:[^\n]*\n"
                          r"((?:[ \t]+[^\n]*\n|[ \t]*\n)*)", self._file_text)
            return m.group(1) if m is not None else None
        m = _TABLE.search(self.flow.value_text(subject))
        if m is None:
            return None
        tables = self._tables()
        fields = tables.get(m.group(1).lower())
        if fields is None:
            return None
        # a team, a room, a project: who may use it is kept in a membership table of this
        # file (memberships: team_id, user_id, role), whose fields count as the record's own
        one = re.sub(r"ies$", "y", m.group(1).lower())
        one = one[:-1] if one.endswith("s") and not one.endswith("ss") else one
        ref = re.compile(rf"(?i)\b{re.escape(one)}_?id\b")
        return fields + "".join("\n" + f for name, f in tables.items()
                                if _MEMBERSHIP.search(name) and ref.search(f))

    def _tables(self) -> dict[str, str]:
        """The tables this file creates (CREATE TABLE name (...)): lowercase name -> the
        text of its column list."""
        if self._table_fields is None:
            self._table_fields = {}
            for head in _CREATE.finditer(self._file_text):
                depth, i = 1, head.end()
                while i < len(self._file_text) and depth:
                    depth += {"(": 1, ")": -1}.get(self._file_text[i], 0)
                    i += 1
                self._table_fields.setdefault(head.group(1).lower(), self._file_text[head.end():i])
        return self._table_fields

    def _file_has(self, pattern: str) -> bool:
        got = self._file_hits.get(pattern)
        if got is None:
            got = self._file_hits[pattern] = \
                self._re(pattern, re.M).search(self._file_text) is not None
        return got

    def _scope_has(self, pattern: str, node: Node) -> bool:
        key = (self.flow.scope_of(node).id, pattern)
        got = self._scope_hits.get(key)
        if got is None:
            got = self._scope_hits[key] = \
                self._re(pattern).search(self._scope_text(node)) is not None
        return got

    def _scope_text(self, node: Node) -> str:
        scope = self.flow.scope_of(node)
        if scope is self.root:
            return self._file_text
        got = self._scope_texts.get(scope.id)  # one decode per scope, whatever the patterns
        if got is None:
            got = self._scope_texts[scope.id] = self.flow.header(scope) + text(scope)
        return got

    def _handler_has(self, pattern: str, node: Node, helpers: bool = False) -> bool:
        """``pattern`` in the handler text around ``node``, answered once per handler (as
        ``_scope_has`` per scope: many matches share one handler); ``helpers``: or in the
        body of a local helper the handler calls."""
        scope = self._outer_scope(node)
        key = (scope.id if scope is not None else self.root.id, pattern, helpers)
        got = self._handler_hits.get(key)
        if got is None:
            rx = self._re(pattern)
            got = rx.search(self._handler_text(scope)) is not None
            if not got and helpers and scope is not None:
                got = any(rx.search(text(f)) is not None
                          for f in self.flow.called_helpers(scope))
            self._handler_hits[key] = got
        return got

    def _outer_scope(self, node: Node) -> Node | None:
        """The outermost function around ``node`` (None: at module level)."""
        scope, cur = None, self.flow.scope_of(node)
        while cur is not self.root:
            scope, cur = cur, self.flow.scope_of(cur)
        return scope

    def _handler_text(self, scope: Node | None) -> str:
        """The outermost function ``scope`` as a route sees it: a function passed to a call
        (``app.get('/x/:id', requireLogin, (req, res) => ...)``) with that whole call, so its
        middleware counts; else its head (decorators, signature) and body, each once, so a
        pattern can tie a parameter in the head to its uses in the body."""
        if scope is None:
            return self._file_text
        if scope.parent is not None and scope.parent.parent is not None and \
                scope.parent.parent.type in self.pack.flow.calls:
            return text(scope.parent.parent)
        body = scope.child_by_field_name("body")
        return self.flow.header(scope) + "\n" + (text(body) if body is not None else "")

    def _flows_to(self, template: str, node: Node) -> bool:
        """The name the statement holding ``node`` assigns (``value = str(random.random())``)
        is used, later in the same function, where ``template`` matches (``{name}`` is that
        name): where a value goes says what it is for (a session entry, a cookie) when its
        own statement does not."""
        stmt = node
        while stmt.parent is not None and stmt.parent.type not in self.pack.flow.assigns:
            if stmt.parent.type in self.pack.statement_parents or \
                    stmt.parent.type in self.pack.flow.scopes:
                return False
            stmt = stmt.parent
        assign = stmt.parent
        if assign is None:
            return False
        target = assign.child_by_field_name(self.pack.flow.assigns[assign.type])
        if target is None or target.type not in self.pack.flow.identifiers:
            return False
        scope = self.flow.scope_of(node)
        rx = self._re(template.replace("{name}", re.escape(text(target))))
        return rx.search(self.flow.source(assign.end_byte, scope.end_byte)) is not None

    def _context_text(self, node: Node) -> str:
        """The enclosing function's head plus the whole statement holding ``node``."""
        stmt = node
        parents = self.pack.statement_parents
        while stmt.parent is not None and stmt.parent.type not in parents:
            stmt = stmt.parent
        scope = self.flow.scope_of(node)
        return self.flow.header(scope) + "\n" + text(stmt)


# conditions whose answer does not depend on flow levels (text, file, scope, definitions):
# checked before the flow level, so a match they reject costs no taint analysis
# (all pure: their order does not change the answer, so the cheapest go first)
_LEVEL_FREE = {
    "capture": 0, "optional": 0, "match": 0, "not_match": 0, "file_matches": 0,
    "file_not_matches": 0, "path_matches": 0, "int_mask": 0, "int_below": 0, "entropy_min": 0,
    "len_min": 0, "exponential_regex": 0, "same_words_as": 0, "bound_in_where_of": 0,
    "scope_matches": 1, "scope_not_matches": 1, "context_matches": 1, "context_not_matches": 1,
    "flows_to": 1,
    "value_matches": 2, "value_not_matches": 2, "constant_data": 2, "record_fields_match": 2}
_EARLY: dict[int, tuple[Rule, tuple[int, ...], tuple[dict[str, Any], ...]]] = {}
# the first table an SQL statement reads or changes
_TABLE = re.compile(r"(?is)\b(?:from|update|into)\s+[\"`\[]?(\w+)")
_CREATE = re.compile(r"(?is)\bcreate\s+table\s+(?:if\s+not\s+exists\s+)?[\"`\[]?(\w+)[\"`\]]?\s*\(")
# a table that says who belongs to (or may use) a record of another table
_MEMBERSHIP = re.compile(r"(?i)member|participant|collaborator|access|permission|grant|share|"
                         r"acl|enrol|seat")
_KINDS: dict[int, tuple[Rule, str | None]] = {}
_BUILT: dict[int, tuple[Rule, tuple[str, ...]]] = {}
_RX: dict[tuple[str, int, bool], re.Pattern[str]] = {}


def _rx(pattern: str, flags: int = 0, plain: bool = False) -> re.Pattern[str]:
    """A condition's regex, compiled once per process (``re``'s own cache costs a lookup
    of its own per call, and conditions are asked thousands of times per file); ``plain``:
    for a ``plain_ascii`` text, in ASCII mode where that gives the same answers."""
    got = _RX.get((pattern, flags, plain))
    if got is None:
        got = _RX[(pattern, flags, plain)] = re.compile(pattern, flags | ascii_flag(pattern, plain))
    return got
_SPECS: dict[tuple[int, tuple[str | None, bool]], tuple[Pack, FlowSpec]] = {}


def _early(rule: Rule) -> tuple[int, ...]:
    """Indexes of the rule's ``where`` conditions that need no flow level, cheapest first
    (rules with no ``flow`` captures: all of them, in rule order, as the level they might
    read is the file's own, with no sink's early exits; so a match they reject costs no
    look for a dead branch either)."""
    return _where_split(rule)[1]


def _late(rule: Rule) -> tuple[dict[str, Any], ...]:
    """The rule's other ``where`` conditions (those ``_early`` leaves), in rule order."""
    return _where_split(rule)[2]


def _where_split(rule: Rule) -> tuple[Rule, tuple[int, ...], tuple[dict[str, Any], ...]]:
    got = _EARLY.get(id(rule))
    if got is None or got[0] is not rule:
        cost = {i: _level_free(c) for i, c in enumerate(rule.where)}
        early = tuple(sorted((i for i, c in cost.items() if c >= 0), key=lambda i: cost[i])) \
            if rule.flow else tuple(range(len(rule.where)))
        got = _EARLY[id(rule)] = (rule, early, tuple(c for i, c in enumerate(rule.where)
                                                     if i not in early))
    return got


def _built_captures(rule: Rule) -> tuple[str, ...]:
    """The captures of the rule's plain ``{ capture = X, built = true }`` conditions: each
    must hold in every reading of a match (``where`` is all-of)."""
    got = _BUILT.get(id(rule))
    if got is None or got[0] is not rule:
        got = _BUILT[id(rule)] = (rule, tuple(
            c["capture"] for c in rule.where if set(c) == {"capture", "built"}
            and c["built"] is True))
    return got[1]


def _own_guards(rule: Rule) -> tuple[int, ...]:
    """Indexes of the rule's plain ``scope_not_matches`` conditions: a check in the
    function that holds the sink, which a caller in this file cannot undo."""
    return tuple(i for i in _early(rule) if set(rule.where[i]) == {"scope_not_matches"})


def _level_free(cond: dict[str, Any]) -> int:
    """How costly a condition with no flow level is to check (0..2), or -1: it needs one."""
    if "any" in cond or "all" in cond:
        costs = [_level_free(c) for c in cond.get("any", cond.get("all", []))]
    elif "not" in cond:
        costs = [_level_free(cond["not"])]
    else:
        costs = [_LEVEL_FREE.get(k, -1) for k in cond]
    return -1 if -1 in costs else max(costs, default=0)


def _spec_for(pack: Pack, kind: tuple[str | None, bool]) -> FlowSpec:
    """The pack's flow spec for a sink kind (and whether the sink is a decision), built once
    per process."""
    key = (id(pack), kind)
    got = _SPECS.get(key)
    if got is None or got[0] is not pack:
        spec = pack.flow.for_kind(kind[0])
        got = _SPECS[key] = (pack, spec.for_decision() if kind[1] else spec)
    return got[1]


def sink_kind(rule: Rule) -> str | None:
    """The rule's sink kind (tag ``sink:<kind>``): which sanitizers end taint for it."""
    got = _KINDS.get(id(rule))
    if got is None or got[0] is not rule:
        got = _KINDS[id(rule)] = (rule, _sink_kind(rule))
    return got[1]


def _sink_kind(rule: Rule) -> str | None:
    for tag in rule.tags:
        if tag.startswith("sink:"):
            return tag[5:]
    return None


def _replacement(rule: Rule, node: Node, quote: str) -> str | None:
    if rule.replace is not None:
        pattern, repl = rule.replace
        new = pattern.sub(repl, quote, count=1)
        return new if new != quote else None
    if rule.insert_arg:
        call = text(node)
        if call not in quote or ")" not in call:
            return None
        idx = call.rfind(")")
        before = call[:idx].rstrip()
        if before.endswith("("):
            new_call = f"{before}{rule.insert_arg})"
        elif before.endswith(","):
            new_call = f"{before} {rule.insert_arg})"
        else:
            new_call = f"{before}, {rule.insert_arg})"
        return quote.replace(call, new_call + call[idx + 1 :], 1)
    return None


_STAT = {
    "S_IRWXU": 0o700, "S_IRUSR": 0o400, "S_IWUSR": 0o200, "S_IXUSR": 0o100,
    "S_IRWXG": 0o070, "S_IRGRP": 0o040, "S_IWGRP": 0o020, "S_IXGRP": 0o010,
    "S_IRWXO": 0o007, "S_IROTH": 0o004, "S_IWOTH": 0o002, "S_IXOTH": 0o001,
}


def _int_value(src: str) -> int | None:
    """The value of an integer literal or of ``stat.S_I*`` flags joined with ``|``."""
    src = src.strip().replace("_", "") if not src.strip().startswith("stat.") else src.strip()
    try:
        if re.fullmatch(r"0[0-7]+", src):  # Go/Java/C octal
            return int(src, 8)
        return int(src, 0)
    except ValueError:
        pass
    total = 0
    for part in re.split(r"\s*\|\s*", src):
        name = part.split(".")[-1].strip()
        if name not in _STAT:
            return None
        total |= _STAT[name]
    return total


_WHERE = re.compile(r"(?i)\bwhere\b")
_QMARKS = re.compile(r"\?|%s")


def _bound_in_where(param: Node, sql: Node) -> bool:
    """``param``, an item of the parameter tuple or list, fills a placeholder after the
    WHERE of ``sql`` (a string literal): a value the statement compares rows against, not
    one it stores (``UPDATE resets SET used = 1 WHERE token = ?``). Not known (the SQL is
    not a literal, has no WHERE, or names its placeholders): False."""
    if sql.type not in ("string", "concatenated_string") or param.parent is None:
        return False
    src = text(sql)
    where = _WHERE.search(src)
    if where is None:
        return False
    items = [c for c in param.parent.named_children if c.type != "comment"]
    index = next((i for i, c in enumerate(items) if c.id == param.id), None)
    return index is not None and index >= len(_QMARKS.findall(src[:where.start()]))


def _words(src: str) -> str:
    """A name or a literal as its letters and digits, lower case: ``stored_user_token``,
    ``"stored-user-token"`` and ``storedUserToken`` alike."""
    return re.sub(r"[^a-z0-9]", "", _literal_body(src.strip()).lower())


def _literal_body(src: str) -> str:
    m = re.match(r"^[a-zA-Z]*(['\"`]{1,3})(.*)\1$", src, re.S)
    return m.group(2) if m else src


def _exponential_pattern(node: Node) -> bool:
    """Is ``node`` a constant pattern that backtracks exponentially (``reviewer.redos``):
    a JavaScript regex literal (its pattern and flags) or string (a quote token opens it,
    where a Python string opens with ``string_start``; the flags are the next argument),
    else a Python string literal?"""
    if node.type == "regex":
        pattern, flags = node.child_by_field_name("pattern"), node.child_by_field_name("flags")
        src = literal_source(text(pattern) if pattern is not None else "",
                             text(flags) if flags is not None else "")
        return src is not None and exponential(src)
    if node.child_count and node.children[0].type in ('"', "'", "`"):
        value = string_value(text(node))
        after = node.next_named_sibling
        given = string_value(text(after)) if after is not None and \
            after.type in ("string", "template_string") else ""
        src = literal_source(value, given or "") if value is not None else None
        return src is not None and exponential(src)
    return _exponential_literal(text(node))


def _exponential_literal(src: str) -> bool:
    """Is ``src`` a plain string literal (raw or not, never an f-string) whose pattern
    backtracks exponentially (``reviewer.redos``)?"""
    import ast
    import warnings

    try:
        with warnings.catch_warnings():  # "\s" in a plain literal is the author's to fix
            warnings.simplefilter("ignore", SyntaxWarning)
            value = ast.literal_eval(src)
    except (ValueError, SyntaxError):
        return False
    return isinstance(value, str) and exponential(value)


def _entropy(s: str) -> float:
    import math

    if not s:
        return 0.0
    counts = Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())
