"""Rule packs: one TOML data file per language, evaluated by a small generic interpreter.

A pack file holds ``[pack]`` (name, grammars), ``[flow]`` (the taint-lite
configuration, see ``reviewer.flow``) and ``[[rules]]``. A rule is data:

    id, cwe, title, severity, confidence    identity and rating; ``confidence`` is a level
                                            or a table {source=, param=, opaque=} keyed
                                            by the flow level of the ``flow`` captures
    needles                                 substrings one of which must occur in the added
                                            lines, or the rule is skipped (cheap pre-filter)
    file_needles                            the same, anywhere in the file (e.g. "flask")
    query                                   a tree-sitter S-expression query (with #eq?,
                                            #match?, #any-of? predicates)
    report                                  the capture whose lines are reported and quoted
    flow, min_flow                          captures whose flow level must reach min_flow
    where                                   extra conditions, all must hold (see Condition)
    judgement                               needs human judgement: AI-origin code only,
                                            unless the policy enables it for everyone
    why, impact, fix                        the explanation a developer reads
    replace / insert_arg                    a safe suggested replacement, when one exists
    supersedes                              ids of broader rules this one makes redundant:
                                            their findings on a line it reports are dropped
                                            (one literal is one weakness, not two)

Rules are written for this project; no third-party rule files are vendored.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from tree_sitter import Language, Query

from provenance.languages import language_for_path
from reviewer.flow import LEVEL_NAMES, LEVELS, FlowSpec
from reviewer.rules.merge import Owner, merge

PACK_DIR = Path(__file__).parent

# grammar -> pack file (a file's grammar is its language, ``provenance.languages``)
PACKS = {
    "python": "python", "javascript": "javascript", "typescript": "javascript",
    "tsx": "javascript", "go": "go", "java": "java",
}


@lru_cache(maxsize=4096)
def language_for(path: str) -> str | None:
    """The grammar name for a file path, or None when no pack covers its language."""
    lang = language_for_path(path)
    return lang if lang in PACKS else None


@cache
def grammar(name: str) -> Language:
    if name == "python":
        import tree_sitter_python as mod

        return Language(mod.language())
    if name == "javascript":
        import tree_sitter_javascript as mod_js

        return Language(mod_js.language())
    if name in ("typescript", "tsx"):
        import tree_sitter_typescript as mod_ts

        fn = mod_ts.language_tsx if name == "tsx" else mod_ts.language_typescript
        return Language(fn())
    if name == "go":
        import tree_sitter_go as mod_go

        return Language(mod_go.language())
    if name == "java":
        import tree_sitter_java as mod_java

        return Language(mod_java.language())
    raise KeyError(name)


@dataclass(frozen=True)
class Rule:
    id: str
    cwe: int | None
    title: str
    severity: str
    confidence: str | dict[str, str]
    needles: tuple[str, ...]
    file_needles: tuple[str, ...]
    query: Query
    report: str
    flow: tuple[str, ...]
    min_flow: int
    where: tuple[dict[str, Any], ...]
    judgement: bool
    why: str
    impact: str
    fix: str
    replace: tuple[re.Pattern[str], str] | None
    insert_arg: str | None
    language: str
    tags: tuple[str, ...] = ()
    supersedes: tuple[str, ...] = ()

    def confidence_for(self, flow_level: int | None) -> str | None:
        """The confidence for a match whose flow captures reach ``flow_level``."""
        if isinstance(self.confidence, str):
            return self.confidence
        if flow_level is None:
            return self.confidence.get("default")
        return self.confidence.get(LEVEL_NAMES[flow_level])


@dataclass(frozen=True)
class Pack:
    name: str
    grammar: str
    language: Language
    flow: FlowSpec
    rules: tuple[Rule, ...]
    statement_parents: frozenset[str] = field(default_factory=frozenset)
    # every rule's patterns in one query, so that a file is walked once for all rules;
    # ``pattern_rule[i]`` is the index in ``rules`` of the rule pattern ``i`` belongs to
    combined: Query | None = None
    pattern_rule: tuple[int, ...] = ()
    # per pattern of ``combined``: every (rule index, the eq/any-of checks left to it) it
    # stands for, in rule order (``reviewer.rules.merge``)
    pattern_owners: tuple[tuple[Owner, ...], ...] = ()


class PackError(ValueError):
    """A rule pack file is malformed (bad query, unknown capture, bad level)."""


def _compile_rule(lang: Language, grammar_name: str, raw: dict[str, Any], pack: str) -> Rule:
    rid = raw.get("id", "?")
    try:
        query = Query(lang, raw["query"])
    except Exception as exc:  # tree_sitter.QueryError and friends
        raise PackError(f"{pack}: rule {rid}: bad query for {grammar_name}: {exc}") from exc
    report = raw.get("report", "sink")
    names = {query.capture_name(i) for i in range(query.capture_count)}
    flow = tuple(raw.get("flow", ()))
    for cap in (report, *flow):
        if cap not in names:
            raise PackError(f"{pack}: rule {rid}: capture @{cap} is not in its query")
    rep = raw.get("replace")
    return Rule(
        id=rid,
        cwe=raw.get("cwe"),
        title=raw["title"],
        severity=raw["severity"],
        confidence=raw["confidence"],
        needles=tuple(raw.get("needles", ())),
        file_needles=tuple(raw.get("file_needles", ())),
        query=query,
        report=report,
        flow=flow,
        min_flow=LEVELS[raw.get("min_flow", "const")],
        where=tuple(raw.get("where", ())),
        judgement=bool(raw.get("judgement", False)),
        why=raw["why"].strip(),
        impact=raw["impact"].strip(),
        fix=raw["fix"].strip(),
        replace=(re.compile(rep["pattern"]), rep["with"]) if rep else None,
        insert_arg=raw.get("insert_arg"),
        language=pack,
        tags=tuple(raw.get("tags", ())),
        supersedes=tuple(raw.get("supersedes", ())),
    )


@cache
def load_pack(grammar_name: str) -> Pack:
    """The compiled pack for a grammar (python, javascript, typescript, tsx, go, java)."""
    pack_name = PACKS[grammar_name]
    data = tomllib.loads((PACK_DIR / f"{pack_name}.toml").read_text(encoding="utf-8"))
    lang = grammar(grammar_name)
    rules = []
    for raw in data.get("rules", []):
        only = raw.get("grammars")
        if only and grammar_name not in only:
            continue
        rules.append(_compile_rule(lang, grammar_name, raw, pack_name))
    ids = [r.id for r in rules]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise PackError(f"{pack_name}: duplicate rule ids {sorted(dupes)}")
    for r in rules:
        unknown = set(r.supersedes) - set(ids)
        if unknown:
            raise PackError(f"{pack_name}: rule {r.id} supersedes unknown rules {sorted(unknown)}")
    combined, owners, shared = _combine(lang, [raw for raw in data.get("rules", [])
                                               if not raw.get("grammars")
                                               or grammar_name in raw["grammars"]], rules)
    return Pack(
        combined=combined,
        pattern_rule=owners,
        pattern_owners=shared,
        name=pack_name,
        grammar=grammar_name,
        language=lang,
        flow=FlowSpec.compile(lang, data["flow"]),
        rules=tuple(rules),
        statement_parents=frozenset(data["pack"].get("statement_parents", ())),
    )


def _combine(lang: Language, raws: list[dict[str, Any]], rules: list[Rule]
             ) -> tuple[Query, tuple[int, ...], tuple[tuple[Owner, ...], ...]]:
    """One query holding every rule's patterns, in rule order, and the owners of each
    (rules of the same pattern shape share one pattern, ``reviewer.rules.merge``)."""
    patterns: list[tuple[int, str, Query, int]] = []
    for i, (raw, rule) in enumerate(zip(raws, rules, strict=True)):
        src = raw["query"].encode("utf-8")
        for p in range(rule.query.pattern_count):
            text = src[rule.query.start_byte_for_pattern(p):rule.query.end_byte_for_pattern(p)]
            patterns.append((i, text.decode("utf-8"), rule.query, p))
    merged = merge(lang, patterns)
    if merged is not None:
        return merged.query, tuple(o[0][0] for o in merged.owners), merged.owners
    owners = tuple(i for i, _, _, _ in patterns)
    combined = Query(lang, "\n".join(raw["query"] for raw in raws))
    if combined.pattern_count != len(owners):  # pragma: no cover - a grammar quirk
        raise PackError(f"combined query has {combined.pattern_count} patterns, "
                        f"the rules {len(owners)}")
    return combined, owners, tuple(((i, (), ()),) for i in owners)


def all_rules() -> list[Rule]:
    """Every rule of every pack (one grammar per pack), for SARIF rule tables and docs."""
    out: list[Rule] = []
    for g in ("python", "javascript", "go", "java"):
        try:
            out.extend(load_pack(g).rules)
        except FileNotFoundError:
            continue
    return out
