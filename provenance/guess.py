"""Guess the language of untagged code: cheap regex hints first, then the parsers decide.

Kept out of ``provenance.languages`` (the name map every layer imports): guessing needs the
tree-sitter grammars of ``provenance.tokens``, which the git hook and the store never load.
"""

from __future__ import annotations

import re
from functools import cache

from provenance.languages import PARSED

_HINT_SOURCES: tuple[tuple[str, str], ...] = (
    ("bash", r"^#!.*\b(ba|z|k)?sh\b"),
    ("python", r"^#!.*python"),
    ("javascript", r"^#!.*node"),
    ("diff", r"^(---|\+\+\+) \S.*\n(\+\+\+|---) \S"),
    ("python", r"^\s*(def \w+\(.*\)( -> .+)?:|class \w+(\(.*\))?:|"
               r"from [\w.]+ import |import \w+(\.\w+)*( as \w+)?$|"
               r"if __name__ == )"),
    ("go", r"^(package \w+$|func (\(\w+ \*?\w+\) )?\w+\(|import \($)"),
    ("rust", r"^\s*(pub )?(fn \w+|impl\b|use \w+::|let mut |struct \w+ \{)"),
    ("java", r"^\s*(public|private|protected) (static )?(final )?(class|interface|"
             r"void|[A-Z]\w*(<.*>)?|int|boolean|long) \w+"),
    ("cpp", r"^\s*(#include <(iostream|vector|string|memory|map)>|"
            r"(std::|template ?<|namespace \w+ \{))"),
    ("c", r"^\s*#include [<\"]\w+\.h[>\"]|^\s*(int|void|char) \*?\w+\("),
    ("typescript", r"^\s*(interface \w+ \{|type \w+ = |(export )?(const|let) \w+: "
                   r"\w+|function \w+\(.*: \w+)"),
    ("javascript", r"^\s*(const|let|var) \w+ = |^\s*function\*? ?\w*\(|=> \{|"
                   r"require\(['\"]|module\.exports|console\.log\("),
    ("ruby", r"^\s*(def \w+[?!]?(\(.*\))?$|end$|require ['\"]|puts |"
             r"\w+\.each do \|)"),
    ("bash", r"^\s*(\$ )?(echo|export|cd|sudo|apt(-get)?|pip|npm|git|curl|mkdir|"
             r"rm|ls|cat|chmod) |^\s*(if \[|fi$|done$|for \w+ in )"),
)


@cache
def _hints() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The hint patterns, compiled on the first guess, not when ``provenance.snippets``
    (which imports this module) is imported."""
    return tuple((lang, re.compile(src, re.M)) for lang, src in _HINT_SOURCES)


def guess_language(text: str) -> str | None:
    """Guess the language of untagged code: cheap hints first, then the parser decides.

    Every language whose hint pattern matches is a candidate; when several are, the one
    whose tree-sitter grammar parses the text with the fewest error nodes (per line) wins.
    Returns None when nothing looks like code in a known language.
    """
    if not text.strip():
        return None
    candidates: list[str] = []
    for lang, pattern in _hints():
        if lang not in candidates and pattern.search(text):
            candidates.append(lang)
    if not candidates:
        return None
    if "diff" in candidates:
        return "diff"
    if len(candidates) == 1:
        return candidates[0]
    from provenance.tokens import error_ratio  # late import: keeps this module light

    scored = sorted(
        (error_ratio(text, lang), order, lang)
        for order, lang in enumerate(candidates) if lang in PARSED
    )
    if not scored:
        return candidates[0]
    return scored[0][2]
