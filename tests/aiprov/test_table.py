"""The CLI's one table helper: keep columns whole, only the flex column gives way."""

from __future__ import annotations

from aiprov.table import MIN_FLEX, Col, render_table

COLS = [Col("ID"), Col("TOOL"), Col("N", right=True), Col("PROMPT", flex=True)]
ROWS = [["a1", "openai-python", 1234, "[bold]not markup[/bold] and a long tail of words"],
        ["b22", "claude-code", 5, None]]


def test_whole_cells_without_a_width():
    lines = render_table(COLS, ROWS).splitlines()
    assert lines[0].split() == ["ID", "TOOL", "N", "PROMPT"]
    assert lines[1] == "a1  openai-python 1234 [bold]not markup[/bold] and a long tail of words"
    assert lines[2] == "b22 claude-code      5 -"  # None is shown as -, numbers right-aligned


def test_a_narrow_width_only_shortens_the_flex_column():
    for width in (60, 40, 10):
        lines = render_table(COLS, ROWS, width=width).splitlines()
        assert " openai-python 1234 " in lines[1] and " claude-code " in lines[2]
        prompt = lines[1].split(" 1234 ", 1)[1]
        assert prompt.endswith("…") and len(prompt) <= max(MIN_FLEX, width - 23)


def test_no_header_and_a_wider_gap():
    out = render_table([Col("A"), Col("B", right=True)], [["x", 1]], header=False, gap=3)
    assert out == "x   1"
