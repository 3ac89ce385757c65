"""The reserved words the regex lexers keep as themselves (every other word is a name).

One set for both places that lex code without a parse: ``provenance.lines`` (per-line keys
of every language but Python, which uses its own reserved words and builtins) and the
plain-text fallback of ``provenance.tokens`` (languages without a grammar). A union over
the languages aiprov reads, so a word reserved in one of them is never taken for a name a
person could rename. Not ``get``/``set``: they are accessors in JavaScript only, names
everywhere else. A leaf module: the git hook imports it on every commit.
"""

from __future__ import annotations

KEYWORDS = frozenset(
    "if else elif for while do return break continue def class function fn func let var "
    "const new delete try catch except finally raise throw import from export as with in "
    "is not and or switch case default public private protected static final void int "
    "bool boolean char float double long struct enum interface type impl pub use mod "
    "match yield async await lambda pass None True False null nil true false this self "
    "super end then begin module package go defer select chan map range where unless "
    "until elsif local echo fi done esac typeof instanceof undefined global nonlocal "
    "assert del of".split()
)
