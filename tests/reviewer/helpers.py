"""Review targets from code for the reviewer tests."""

from __future__ import annotations

from reviewer.model import AI, HUMAN, Finding, Origin, ReviewTarget

AI_ORIGIN = Origin(label=AI, tool="claude-code", model="claude-sonnet-4-5",
                   time="2025-11-24T10:00:00+00:00", exchange_id="ex_42",
                   prompt_excerpt="write a flask endpoint that runs the command")
HUMAN_ORIGIN = Origin(label=HUMAN)


def target(code: str, path: str = "app.py", *, ai: bool = True,
           added: set[int] | None = None) -> ReviewTarget:
    n = code.count("\n") + 1
    lines = frozenset(added if added is not None else range(1, n + 1))
    origin = AI_ORIGIN if ai else HUMAN_ORIGIN
    return ReviewTarget(path, code, lines, {i: origin for i in lines})


def findings_by_cwe(code: str, path: str = "app.py") -> dict[int, list[Finding]]:
    """Findings (never hints) of human-origin ``code``, by CWE."""
    from reviewer.engine import review

    out: dict[int, list[Finding]] = {}
    for f in review([target(code, path, ai=False)]):
        if not f.judgement and f.cwe is not None:
            out.setdefault(f.cwe, []).append(f)
    return out


def check_twins(cwe: int, vulnerable: str, safe: str, has_path: bool, path: str) -> None:
    """The vulnerable code is reported with ``cwe`` (with a source-to-sink path ending at
    the finding's line when ``has_path``); its safe twin is not."""
    got = findings_by_cwe(vulnerable, path)
    assert cwe in got, f"CWE-{cwe} not reported; got {sorted(got)}"
    if has_path:
        f = got[cwe][0]
        assert len(f.trace) >= 2 and f.trace[-1][0] == f.line
        assert all(line >= 1 for line, _ in f.trace)
    assert cwe not in findings_by_cwe(safe, path), "safe twin reported"
