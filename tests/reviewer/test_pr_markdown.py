"""The pull request comment: counts and shares per file, and attacker-controlled names
(paths, tools, models, exchange ids come from commits and notes anyone can push) escaped."""

from __future__ import annotations

from reviewer.markdown import render_pr


def test_shares_and_totals() -> None:
    md = render_pr([("a.py", 10, 6, 2), ("b.py", 5, 0, 0)], {("claude-code", "opus"): 8},
                   ["ex_1"], [], unnoted=3)
    assert "**8 of 15 added line(s) of AI origin (53%)** in 2 file(s)." in md
    assert "| `a.py` | 10 | 6 | 2 | 80% |" in md and "| `b.py` | 5 | 0 | 0 | 0% |" in md
    assert md.index("`a.py`") < md.index("`b.py`")  # most AI first
    assert "| claude-code | opus | 8 |" in md and "`aiprov show ex_1`" in md
    assert "3 of them come from commits without an aiprov note" in md
    assert "No findings in the changed lines." in md


def test_names_cannot_break_out_of_their_cells() -> None:
    evil = "x`](https://evil.example) <img src=x onerror=alert(1)> | y"
    md = render_pr([(evil, 1, 1, 0)], {(evil, evil): 1}, [evil], [])
    assert "<img" not in md and "&lt;img" in md
    row = next(line for line in md.splitlines() if "evil.example" in line
               and line.startswith("| ``"))
    # the path is one code span (two backticks around a text holding one) and the pipe
    # inside it is escaped, so the row keeps its five cells
    assert row.startswith("| ``x`](https://evil.example)")
    assert row.count(" | ") == 4 and "\\| y" in row
