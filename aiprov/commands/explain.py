"""``aiprov explain REV FILE:LINE``: why one committed line has the origin it has.

Which commit added the line, which snippet and exchange explain it (and which evidence kinds:
the proxy's record of the model's output, an import, an agent's hook report), how the line
derives from the snippet's line (verbatim, reformatted, renamed, edited in place), the
alignment of the lines around it, and how the label and confidence follow. The commit is
attributed again as its hook did; the origin recorded in its note at commit time is shown
beside it. When a rule dropped a snippet's explanation of the line (code already in the
repository explains it as well, the snippet explains a better region of the commit, a family
of look-alikes), it says which rule, which snippet and why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer


def _target(spec: str) -> tuple[str, int]:
    from aiprov.errors import ConfigError

    path, sep, line = spec.rpartition(":")
    if not sep or not path or not line.isdigit() or int(line) < 1:
        raise ConfigError(f"want FILE:LINE (a 1-based line number), got {spec!r}")
    return path, int(line)


def explain(
    rev: str = typer.Argument(..., help="Commit (or branch) the line number refers to."),
    target: str = typer.Argument(..., metavar="FILE:LINE", help="File and line number."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object instead of text."),
) -> None:
    """Why a line is ai, ai-edited or human: snippet, exchange, alignment, confidence."""
    from aiprov.errors import GitError
    from aiprov.settings import get_settings
    from provenance import git
    from provenance.pipeline import explain_line

    settings = get_settings()  # a bad setting is named before anything else is looked at
    file, lineno = _target(target)
    root = git.repo_root(Path.cwd())
    candidate = Path(file)
    if candidate.is_absolute():
        try:
            file = candidate.resolve().relative_to(root.resolve()).as_posix()
        except ValueError as exc:
            raise GitError(f"{file} is not inside the repository {root}") from exc
    got = explain_line(root, rev, file, lineno, settings)
    if as_json:
        typer.echo(json.dumps(got, ensure_ascii=False, default=str))
        return
    for line in render(got):
        typer.echo(line)


def render(got: dict[str, Any]) -> list[str]:
    """The explanation as text lines (what ``aiprov explain`` prints)."""
    out = [f"{got['path']}:{got['line']}"]
    if got.get("text") is not None:
        out[0] += f"  | {got['text']}"
    if got.get("commit"):
        out.append(f"  added by commit {got['commit'][:12]} "
                   f"(its line {got.get('commit_path')}:{got.get('commit_line')})")
    if not got.get("added") or "origin" not in got:
        out.append(f"  {got.get('reason')}")
        return out
    out.append(f"  origin: {got['origin']}  confidence {got['confidence']:.2f}")
    rec = got.get("recorded")
    if rec is not None and rec.get("origin") != got["origin"]:
        out.append(f"  (the note recorded at commit time says {rec.get('origin')}; the store "
                   "or the algorithm changed since)")
    elif rec is None:
        out.append("  (no note on this commit: attributed now)")
    out.append(f"  why: {got['reason']}")
    if got.get("evidence_kinds"):
        out.append(f"  evidence kinds: {', '.join(got['evidence_kinds'])}"
                   + (" (the model's output and the agent's hook report agree: confidence "
                      "raised)" if got.get("corroborated") else ""))
    if got.get("notice"):
        out.append(f"  identity: {got['notice']}")
    for d in got.get("dropped") or []:
        out.append(f"  dropped: snippet {d['snippet']} (exchange {d.get('exchange') or '-'}), "
                   f"rule {d['rule']}: {d['rule_says']}")
        out.append(f"    {d['why']}")
    details = got.get("details") or {}
    for n, e in enumerate(got.get("explanations") or []):
        d = details.get(e.get("exchange") or "", {})
        head = "evidence" if n == 0 else "also"
        out.append(f"  {head}: snippet {e['snippet']} line {e['snippet_line']} "
                   f"({e['kind']}), exchange {e.get('exchange') or '-'} recorded by "
                   f"{e.get('source') or 'unknown'}"
                   + (f", {d.get('tool')}:{d.get('model')} at {d.get('started_at')}"
                      if d else ""))
        out.append(f"    snippet line: {e['snippet_text']}")
        out.append(f"    how: {e['how']}; similarity {e['similarity']:.2f}; segment "
                   f"strength {e['strength']:.2f}"
                   + (f"; renames {', '.join(f'{x}->{y}' for x, y in e['renames'])}"
                      if e.get("renames") else ""))
        if n == 0:
            out.append("    alignment (commit line -> snippet line, origin by this snippet):")
            for line, sline, origin in e["alignment"]:
                mark = ">" if line == got["commit_line"] else " "
                out.append(f"     {mark} {line:>5} -> {sline if sline else '-':>5}  {origin}")
        if d.get("prompt"):
            out.append(f"    prompt: {d['prompt'][:120]!r}")
    return out


def register(app: typer.Typer) -> None:
    app.command()(explain)
