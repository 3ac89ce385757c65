"""Per-line keys for aligning committed lines with suggested lines.

Attribution compares a commit with a snippet *line by line*, so every line is lexed on its
own (a line-local regex lexer, not a parse): a fragment that starts inside a docstring or
has an unbalanced quote yields the same keys for its shared lines as the full snippet does.
Each non-blank line gets:

* ``norm``   whitespace collapsed (indentation-insensitive): equal means *verbatim*;
* ``squash`` no whitespace at all, ``'`` read as ``"``: equal means *reformatted*;
* ``code``   ``squash`` without a trailing comment: equal means a comment was added/changed;
* ``shape``  the abstracted token line (identifiers -> I, literals -> L) for lines that look
  like code, the text with every word -> I for prose (comments, docstrings): equal shapes
  are rename candidates, checked later word by word;
* ``words``  identifier-like words in order, strings included; ``idents`` the identifiers
  of code lines only (renames are learnt from identifiers, then checked on whole lines);
* ``weight`` how much a match of this line is worth as evidence, 0..1: 0 for lines that
  appear everywhere (blank, braces, ``else:``, ``return``, imports, main guards), else
  growing with the amount of code on the line (``x = 1`` is weak, a call with three
  arguments is strong).
"""

from __future__ import annotations

import builtins
import keyword
import re
from typing import NamedTuple

from provenance.keywords import KEYWORDS

HASH_COMMENT = frozenset({"python", "ruby", "bash", "yaml", "toml", "perl", "r", "make",
                          "dockerfile", "ini"})

_STRING = r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`"
_NUMBER = r"\b\d[\w.]*"
_WORD = r"[A-Za-z_$][\w$]*"
_OP = (r"===|!==|==|!=|<=|>=|=>|->|::|\+\+|--|&&|\|\||<<|>>|\*\*|\.\.\.|"
       r"[+\-*/%=<>!&|^~?:;,.(){}\[\]@#\\]")


def _lexer(hash_comments: bool) -> re.Pattern[str]:
    comment = r"#.*$|//.*$|/\*.*?(?:\*/|$)" if hash_comments else r"//.*$|/\*.*?(?:\*/|$)"
    return re.compile(
        rf"(?P<comment>{comment})|(?P<string>{_STRING})|(?P<number>{_NUMBER})"
        rf"|(?P<word>{_WORD})|(?P<op>{_OP})"
    )


_LEX_HASH = _lexer(True)
_LEX_SLASH = _lexer(False)

# Python's own reserved words, soft keywords and builtins (nobody renames ``len``; anything
# else is a name there, ``default`` and ``function`` included)
_PY_KEYWORDS = frozenset(
    {*keyword.kwlist, *keyword.softkwlist, *dir(builtins), "self", "cls"} - {"_"})
# a block comment's continuation (``* text``, ``*``, ``*/``), not a star that opens code (Python's
# ``*args``/``**kwargs``, a store through a pointer ``*p = v``)
_COMMENT_START = re.compile(r"^(#|//|/\*|\*(?=\s|$|/)|<!--|--\s|;;)")
_TRAILING_COMMENT = re.compile(r"\s+(?:#|//)\s.*$")
_IMPORT = re.compile(
    r"^\s*(import\s|from\s+\S+\s+import\s|#\s*include\s|using\s+[\w.:]+\s*;|use\s+[\w:{}, *]+;"
    r"|package\s+[\w.]+;?\s*$|require(_relative)?[\s(]|(const|let|var)\s+.*=\s*require\()"
)
_TRIVIAL_TEXT = frozenset({
    "if __name__ == '__main__':", 'if __name__ == "__main__":', "main()", "return None",
    "return self", "return true;", "return false;", "return null;", "return nil",
    "super().__init__()", "raise NotImplementedError", "return 0;", "break;", "continue;",
    "else {", "} else {", "try {", "} catch (e) {", "});", "})", "end", "fi", "done", "esac",
    "'use strict';", '"use strict";', "'use strict'", '"use strict"', "@property",
    "@staticmethod", "@classmethod", "return err", "if err != nil {", "return nil, err",
    "pass", "else:", "try:", "finally:", "return", "return;", "continue", "break",
    '"""', "'''", "*/", "/**", "*", "}", "{", ")", "]", "};", "),", "],", "):", "];",
})
_WORDS = re.compile(r"[A-Za-z_$][\w$]*")
_CODE_CHARS_FOR_FULL_WEIGHT = 28  # non-space characters of code that make a line strong


class LineKeys(NamedTuple):
    norm: str
    squash: str
    code: str
    code_text: str  # the code tokens separated by spaces (what ``code`` squashes)
    shape: str
    words: tuple[str, ...]
    idents: tuple[str, ...]  # identifiers only (words of code, not of strings or prose)
    text_only: bool  # a comment line, or no code token (likely inside a docstring)
    weight: float


BLANK = LineKeys("", "", "", "", "", (), (), False, 0.0)


def squash(text: str) -> str:
    return "".join(text.split()).replace("'", '"')


def line_keys(text: str, language: str | None) -> LineKeys:
    norm = " ".join(text.split())
    if not norm:
        return BLANK
    lexer = _LEX_HASH if language in HASH_COMMENT else _LEX_SLASH
    keywords = _PY_KEYWORDS if language == "python" else KEYWORDS
    shape: list[str] = []
    words: list[str] = []
    idents: list[str] = []
    code_parts: list[str] = []
    for m in lexer.finditer(norm):
        group = m.lastgroup
        tok = m.group()
        if group == "comment":
            break  # the rest of the line is a comment
        code_parts.append(tok)
        if group in ("string", "number"):
            shape.append("L")
            words.extend(re.findall(r"[A-Za-z_$][\w$]*", tok))
        elif group == "word":
            if tok in keywords:
                shape.append(tok)
            else:
                shape.append("I")
                words.append(tok)
                idents.append(tok)
        else:
            shape.append(tok)
    code_text = " ".join(code_parts)
    code = squash(code_text)
    text_only = bool(_COMMENT_START.match(norm)) or not code
    looks_like_code = not text_only and any(
        t not in ("I", "L", ".", ",") for t in shape) and len(shape) >= 3
    weight = 0.0
    if not text_only and not (norm in _TRIVIAL_TEXT or _IMPORT.match(norm)):
        weight = min(1.0, max(0.0, (len(code) - 4) / (_CODE_CHARS_FOR_FULL_WEIGHT - 4)))
    elif text_only and len(norm) >= 16:
        weight = min(0.5, len(norm) / 120)  # comments and prose: weak evidence
    return LineKeys(
        norm=norm,
        squash=squash(norm),
        code=code if not text_only else squash(_TRAILING_COMMENT.sub("", norm)),
        code_text=code_text if not text_only else _TRAILING_COMMENT.sub("", norm),
        shape=(" ".join(shape) if looks_like_code
               else _WORDS.sub("I", squash(norm)) if len(words) >= 3 else ""),
        words=tuple(words),
        idents=tuple(idents) if looks_like_code else (),
        text_only=text_only,
        weight=round(weight, 3),
    )


def is_trivial(text: str, language: str | None = None) -> bool:
    """A line too common to be evidence on its own."""
    keys = line_keys(text, language)
    return keys.weight == 0.0
