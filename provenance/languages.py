"""Language names for paths, fence tags and untagged code.

One vocabulary for the whole pipeline: the names returned here are the keys
``provenance.tokens`` understands (``python``, ``javascript``, ``typescript``, ``tsx``,
``go``, ``java``, ``rust``, ``c``, ``cpp``, ``ruby``, ``bash``) plus a few names with no
grammar (``json``, ``yaml``, ``diff``, ...), which the tokenizer handles with its
plain-text fallback.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePosixPath

# languages with a tree-sitter grammar (see provenance.tokens)
PARSED = frozenset(
    {"python", "javascript", "typescript", "tsx", "go", "java", "rust", "c", "cpp", "ruby",
     "bash"}
)

_EXTENSIONS: dict[str, str] = {
    ".py": "python", ".pyi": "python", ".pyw": "python",
    ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
    ".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "tsx",
    ".go": "go",
    ".java": "java",
    ".rs": "rust",
    ".c": "c", ".h": "c",
    ".cc": "cpp", ".cpp": "cpp", ".cxx": "cpp", ".c++": "cpp", ".hpp": "cpp", ".hh": "cpp",
    ".hxx": "cpp", ".h++": "cpp", ".ipp": "cpp",
    ".rb": "ruby", ".rake": "ruby", ".gemspec": "ruby",
    ".sh": "bash", ".bash": "bash", ".zsh": "bash", ".ksh": "bash",
    ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".md": "markdown",
    ".html": "html", ".htm": "html", ".css": "css", ".sql": "sql", ".kt": "kotlin",
    ".kts": "kotlin", ".swift": "swift", ".cs": "csharp", ".php": "php", ".scala": "scala",
    ".lua": "lua", ".pl": "perl", ".r": "r", ".diff": "diff", ".patch": "diff",
    ".xml": "xml", ".ini": "ini", ".cfg": "ini", ".dockerfile": "dockerfile",
}

_FILENAMES: dict[str, str] = {
    "makefile": "make", "gnumakefile": "make", "dockerfile": "dockerfile",
    "rakefile": "ruby", "gemfile": "ruby", "vagrantfile": "ruby", "podfile": "ruby",
    ".bashrc": "bash", ".bash_profile": "bash", ".profile": "bash", ".zshrc": "bash",
    "build": "python", "sconstruct": "python",  # Bazel/SCons files are Python syntax
}

_TAGS: dict[str, str] = {
    "py": "python", "python": "python", "python3": "python", "py3": "python",
    "python2": "python", "pyi": "python", "ipython": "python", "sage": "python",
    "js": "javascript", "javascript": "javascript", "jsx": "javascript", "mjs": "javascript",
    "cjs": "javascript", "node": "javascript", "nodejs": "javascript",
    "ts": "typescript", "typescript": "typescript", "mts": "typescript", "cts": "typescript",
    "tsx": "tsx",
    "go": "go", "golang": "go",
    "java": "java",
    "rs": "rust", "rust": "rust",
    "c": "c", "h": "c",
    "cpp": "cpp", "c++": "cpp", "cc": "cpp", "cxx": "cpp", "hpp": "cpp", "cplusplus": "cpp",
    "rb": "ruby", "ruby": "ruby",
    "sh": "bash", "bash": "bash", "shell": "bash", "zsh": "bash", "ksh": "bash",
    "console": "bash", "shellscript": "bash", "shell-script": "bash",
    "diff": "diff", "patch": "diff", "udiff": "diff",
    "json": "json", "jsonc": "json", "json5": "json", "yaml": "yaml", "yml": "yaml",
    "toml": "toml", "md": "markdown", "markdown": "markdown", "html": "html", "css": "css",
    "sql": "sql", "kotlin": "kotlin", "kt": "kotlin", "swift": "swift", "cs": "csharp",
    "csharp": "csharp", "c#": "csharp", "php": "php", "scala": "scala", "lua": "lua",
    "perl": "perl", "r": "r", "xml": "xml", "ini": "ini", "dockerfile": "dockerfile",
    "docker": "dockerfile", "make": "make", "makefile": "make",
    "text": "text", "txt": "text", "plaintext": "text", "plain": "text",
}


def language_for_path(path: str | None) -> str | None:
    """The language of a file by its name, or None when the name says nothing."""
    if not path:
        return None
    name = PurePosixPath(path.replace("\\", "/")).name.lower()
    if name in _FILENAMES:
        return _FILENAMES[name]
    if name.startswith("dockerfile"):
        return "dockerfile"
    suffix = PurePosixPath(name).suffix
    return _EXTENSIONS.get(suffix)


def normalise_fence_tag(tag: str) -> str | None:
    """Map a Markdown fence info string to a language name (None if empty or unknown).

    Only the first word counts (``python path=x.py`` -> python); a bare path such as
    ``src/app.ts`` is resolved by its extension, and ``{.python}`` pandoc style is accepted.
    """
    word = tag.strip().split(None, 1)[0] if tag.strip() else ""
    word = word.strip("{}.").lower()
    if not word:
        return None
    if word in _TAGS:
        return _TAGS[word]
    if word.startswith("language-"):
        return normalise_fence_tag(word[len("language-"):])
    if "." in word or "/" in word:
        return language_for_path(word)
    return None


# --- guessing -----------------------------------------------------------------------------

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
    """The hint patterns, compiled on the first guess: the git hook imports this module on
    every commit and never guesses (a file's language comes from its name)."""
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
