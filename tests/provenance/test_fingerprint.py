from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.fingerprint import (
    VERSION,
    Fingerprint,
    K,
    W,
    fingerprints,
    kgram_hashes,
    line_hashes,
    winnow,
    winnowed,
)
from provenance.tokens import TokenStream, tokenize

hashes_st = st.lists(st.integers(min_value=-(2**63), max_value=2**63 - 1), max_size=300)


@given(hashes_st, st.integers(min_value=1, max_value=20))
def test_gap_between_selected_positions_never_exceeds_w(hashes: list[int], w: int) -> None:
    picked = winnow(hashes, w)
    assert picked == sorted(set(picked))
    if len(hashes) >= w:
        assert picked[0] <= w - 1
        assert picked[-1] >= len(hashes) - w
        assert all(b - a <= w for a, b in zip(picked, picked[1:], strict=False))
    elif hashes:
        assert len(picked) == 1


@given(hashes_st, st.integers(min_value=1, max_value=20))
def test_every_window_holds_its_minimum(hashes: list[int], w: int) -> None:
    picked = set(winnow(hashes, w))
    for start in range(len(hashes) - w + 1):
        window = range(start, start + w)
        chosen = [i for i in window if i in picked]
        assert chosen and min(hashes[i] for i in chosen) == min(hashes[start:start + w])


names = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda s: s not in {"if", "in", "is", "or", "and", "not", "def", "for", "as", "del",
                        "try", "with", "else", "elif", "from", "pass", "None",
                        "True", "False", "class", "while", "yield", "async", "await",
                        "raise", "return", "lambda", "import", "global", "assert", "break",
                        "except", "finally", "continue", "nonlocal", "match", "case", "type"})


@settings(max_examples=60)
@given(st.lists(names, min_size=4, max_size=4, unique=True),
       st.lists(names, min_size=4, max_size=4, unique=True))
def test_identifier_names_do_not_change_fingerprints(a: list[str], b: list[str]) -> None:
    template = ("def {0}({1}, {2}):\n    {3} = {1} + {2}\n    if {3} > 10:\n"
                "        return {0}({3}, {2})\n    return [{1} for {2} in {3}]\n")
    fa = winnowed(template.format(*a), "python")
    fb = winnowed(template.format(*b), "python")
    assert fa == fb and fa


def test_hashes_fit_bigint_and_lines_point_at_kgram_start() -> None:
    text = "\n".join(f"x{i} = compute(a, b, {i})" for i in range(30))
    fps = winnowed(text, "python")
    assert fps and all(isinstance(fp, Fingerprint) for fp in fps)
    assert all(-(2**63) <= fp.hash < 2**63 for fp in fps)
    ts = tokenize(text, "python")
    starts = {ts.lines[i] for i in range(len(ts.tokens) - K + 1)}
    assert {fp.line for fp in fps} <= starts


def test_stored_fingerprints_are_kgrams_then_distinctive_lines() -> None:
    text = ("def load_settings(path):\n    # read it\n"
            "    with open(path, encoding='utf-8') as fh:\n"
            "        return fh.read().splitlines()\n    return None\n")
    lines = line_hashes(text.split("\n"), "python")
    # only code lines of some substance: not the comment, not ``return None``
    assert [fp.line for fp in lines] == [1, 3, 4]
    assert fingerprints(text, "python") == winnowed(text, "python") + lines
    # a line's hash ignores indentation, quotes and a trailing comment ...
    moved = line_hashes(['with open(path, encoding="utf-8") as fh:  # mine'], "python")
    assert moved[0].hash == lines[1].hash and moved[0].line == 1
    # ... but not its names (the k-grams are there for renames), and never equals a k-gram
    assert line_hashes(["with open(p, encoding='utf-8') as fh:"], "python")[0] != lines[1]
    assert not {fp.hash for fp in lines} & {fp.hash for fp in winnowed(text, "python")}


def test_short_text_gets_one_fingerprint_and_empty_none() -> None:
    assert len(winnowed("x = 1", "python")) == 1
    assert fingerprints("", "python") == []
    assert fingerprints("# only a comment\n", "python") == []
    assert kgram_hashes(()) == []


def test_deterministic_across_processes() -> None:
    code = ("import sys\nfrom provenance.fingerprint import fingerprints\n"
            "print([(f.hash, f.line) for f in fingerprints("
            "'def f(a, b):\\n    return [a * i for i in range(b)]\\n' * 3, 'python')])")
    outs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       check=True, env={"PYTHONHASHSEED": seed, "PATH": ""}, cwd=".").stdout
        for seed in ("1", "2")
    }
    assert len(outs) == 1 and outs.pop().startswith("[(")


def test_version_and_parameters_are_declared() -> None:
    assert VERSION.startswith("fp") and K > 0 and W > 0
    ts = TokenStream(tokens=tuple("abcdefghijklmnopqrstuvwxyz"), lines=tuple(range(1, 27)))
    assert [fp.line for fp in
            __import__("provenance.fingerprint").fingerprint.fingerprint_tokens(ts)]
