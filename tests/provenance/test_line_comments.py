"""A line that starts with ``*`` is a comment only as a block comment's continuation
(``* @param``, `` *``, ``*/``): Python's ``*args`` and ``**kwargs`` parameters and a Go or C
store through a pointer (``*p = v``) are code, and weigh as code."""

import pytest

from provenance.lines import line_keys


@pytest.mark.parametrize(("text", "language"), [
    ("**kwargs: _VT,", "python"),
    ("*args: Any,", "python"),
    ("*dst = append(*dst, value)", "go"),
    ("*out++ = (char)c;", "c"),
])
def test_a_star_that_opens_code_is_code(text: str, language: str) -> None:
    keys = line_keys(text, language)
    assert not keys.text_only
    assert keys.weight > 0


@pytest.mark.parametrize(("text", "language"), [
    ("* @param {string} name the user's name", "javascript"),
    ("*", "javascript"),
    ("*/", "java"),
    ("/** Returns the number of bytes read. */", "java"),
    ("* Returns the first element, or null", "java"),
])
def test_a_block_comments_lines_stay_comments(text: str, language: str) -> None:
    assert line_keys(text, language).text_only
