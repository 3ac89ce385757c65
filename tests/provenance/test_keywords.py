"""One reserved-word set for the two regex lexers (``provenance.keywords``)."""

from __future__ import annotations

import pytest

from provenance.keywords import KEYWORDS
from provenance.lines import line_keys
from provenance.tokens import tokenize


@pytest.mark.parametrize("word", sorted(KEYWORDS))
def test_both_lexers_keep_every_keyword_and_abstract_names(word: str) -> None:
    """The plain-text tokenizer (a language without a grammar) and the per-line keys of a
    non-Python line read a reserved word as itself and a name next to it as ``I``."""
    assert tokenize(f"{word} total_count", "kotlin").tokens == (word, "I")
    assert line_keys(f"{word} total_count(1)", "javascript").shape.split()[:2] == [word, "I"]


@pytest.mark.parametrize("name", ["get", "set", "total_count", "parse"])
def test_names_are_names_in_both(name: str) -> None:
    assert tokenize(f"{name} x", None).tokens == ("I", "I")
    assert line_keys(f"{name} x(1)", "go").shape.split()[:2] == ["I", "I"]
