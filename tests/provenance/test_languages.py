"""One extension -> language map for every layer (``provenance.languages``).

The table below holds every extension any part of aiprov ever mapped (the hook's line
languages, the report's grouping of findings, the reviewer's grammar choice), with the
name each must get. The reviewer reviews exactly the files whose language has a rule pack.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from provenance import languages
from provenance.languages import PARSED, language_for_path, normalise_fence_tag
from reviewer.rules import PACKS, language_for

EVERY_EXTENSION = {
    ".py": "python", ".pyi": "python", ".pyw": "python",
    ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
    ".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "tsx",
    ".go": "go", ".java": "java", ".rs": "rust",
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


def test_the_table_is_the_map() -> None:
    """No extension is known to the map and missing here, or the other way round."""
    assert languages._EXTENSIONS == EVERY_EXTENSION  # noqa: SLF001


@pytest.mark.parametrize(("ext", "lang"), sorted(EVERY_EXTENSION.items()))
def test_every_extension_one_language_everywhere(ext: str, lang: str) -> None:
    for path in (f"src/a{ext}", f"SRC/A{ext.upper()}", f"C:\\w\\a{ext}"):
        assert language_for_path(path) == lang, path
        # the reviewer picks the same grammar, for the languages it has rules for
        assert language_for(path) == (lang if lang in PACKS else None), path
    # a fence tag that is a file name resolves the same way
    assert normalise_fence_tag(f"app{ext}") == lang


def test_fence_tags_use_the_names_of_the_map() -> None:
    """A tag never invents a name of its own (``ts`` for ``typescript``)."""
    names = set(EVERY_EXTENSION.values()) | set(languages._FILENAMES.values())  # noqa: SLF001
    assert set(languages._TAGS.values()) - names == {"text"}  # noqa: SLF001


def test_every_parsed_language_and_pack_grammar_has_a_file_extension() -> None:
    assert PARSED <= set(EVERY_EXTENSION.values())
    assert set(PACKS) <= PARSED


def test_importing_the_map_stays_cheap() -> None:
    """The git hook imports it on every commit: only the standard library comes with it
    (no parser, no other module of aiprov), so every layer may import it."""
    code = ("import sys; before = set(sys.modules); import provenance.languages; "
            "print(' '.join(sorted(set(sys.modules) - before)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    ours = {m for m in out if m.split(".")[0] not in sys.stdlib_module_names}
    assert ours == {"provenance", "provenance.languages"}
