"""Language names for paths and fence tags: the one extension -> language map.

One vocabulary for every layer: the language the hook stores with a committed line, the
one a snippet is stored with, the one a finding is grouped under in reports and the
grammar the reviewer picks all come from ``language_for_path`` here, so figures per
language (findings per 1,000 lines) count lines and findings under the same name. The
names are the keys ``provenance.tokens`` understands (``python``, ``javascript``,
``typescript``, ``tsx``, ``go``, ``java``, ``rust``, ``c``, ``cpp``, ``ruby``, ``bash``)
plus a few names with no grammar (``json``, ``yaml``, ``diff``, ...), which the tokenizer
handles with its plain-text fallback. ``.tsx`` is ``tsx``, not ``typescript``: it needs
its own grammar, and stored lines and rollup rows already carry that name.

A leaf module (standard library only, nothing compiled at import): the git hook imports it
on every commit, and the store and the reviewer import it too. Guessing the language of
untagged code needs the parsers and lives in ``provenance.guess``.
"""

from __future__ import annotations

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
