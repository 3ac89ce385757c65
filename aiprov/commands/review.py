"""``aiprov review``: security review of a change, stricter for AI-origin lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

FORMATS = ("text", "json", "sarif", "markdown")


def review(
    staged: bool = typer.Option(False, "--staged", help="Review the staged change (default)."),
    base: str = typer.Option(None, "--base", help="Review the change from this revision..."),
    head: str = typer.Option(None, "--head", help="...to this one (with --base)."),
    ai_only: bool = typer.Option(False, "--ai-only", help="Only lines of AI origin."),
    fail_on: str = typer.Option(None, "--fail-on",
                                help="Exit 1 when a finding is at least this severe "
                                     "(default: the policy's fail_on)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | sarif | markdown"),
    output: str = typer.Option(None, "--output", "-o", help="Write the report to a file."),
    llm: str = typer.Option(None, "--llm", help="Also ask this model (litellm name)."),
    llm_base: str = typer.Option(None, "--llm-base", help="API base URL for --llm."),
    store: bool = typer.Option(False, "--store",
                               help="Save findings with the head commit and close fixed ones."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Explain every finding."),
    repo: str = typer.Option(None, "--repo", help="Repository (default: current directory)."),
) -> None:
    """Review added lines for security weaknesses; AI-origin code gets the stricter policy."""
    from aiprov.errors import AiprovError, ConfigError
    from aiprov.settings import get_settings
    from provenance import git
    from reviewer.model import SEVERITIES
    from reviewer.policy import load_policy
    from reviewer.run import range_change, review_change, staged_change

    if fmt not in FORMATS:
        raise ConfigError(f"--format must be one of {', '.join(FORMATS)}")
    if fail_on is not None and fail_on not in SEVERITIES:
        raise ConfigError(f"--fail-on must be one of {', '.join(SEVERITIES)}")
    if (base is None) != (head is None):
        raise AiprovError("give both --base and --head, or neither (then --staged is used)")
    if staged and base is not None:
        raise AiprovError("--staged and --base/--head are exclusive")
    root = git.repo_root(Path(repo) if repo else Path.cwd())
    policy = load_policy(root)
    settings = get_settings()
    if base is not None:
        change = range_change(root, base, head, settings)
    else:
        change = staged_change(root, settings)
    findings = review_change(change, policy, ai_only=ai_only)
    notes: list[str] = []
    if llm:
        findings = _model_review(change, policy, findings, llm, llm_base, ai_only, notes)
    if store:
        if base is None:
            raise AiprovError("--store needs --base/--head: findings are kept with a commit")
        _store(root, change, policy, findings, settings, notes)
    report = _render(findings, fmt, verbose)
    if output:
        Path(output).write_text(report, encoding="utf-8")
    else:
        typer.echo(report, nl=False)
    for n in notes:
        typer.echo(n, err=True)
    threshold = fail_on or policy.fail_on
    from reviewer.model import severity_rank

    if any(severity_rank(f.severity) >= severity_rank(threshold) for f in findings):
        raise typer.Exit(1)


def _model_review(change: Any, policy: Any, findings: list[Any], model: str,
                  api_base: str | None, ai_only: bool, notes: list[str]) -> list[Any]:
    """The rule findings and the model's new ones (the model cannot take any away)."""
    from reviewer.llm import LiteLLMClient, add_model_findings

    merged, result = add_model_findings(findings, change.targets(ai_only=ai_only),
                                        LiteLLMClient(api_base=api_base), model, policy)
    if result.dropped:
        notes.append(f"aiprov: {len(result.dropped)} model finding(s) dropped (quote not in "
                     "the added lines or outside the schema)")
    for err in result.errors:
        notes.append(f"aiprov: model review failed for {err}")
    return merged


def _store(root: Path, change: Any, policy: Any, findings: list[Any], settings: Any,
           notes: list[str]) -> None:
    from provenance import git
    from reviewer.run import store_findings

    added, fixed = store_findings(root, change, policy, findings, settings.db_url)
    sha = git.rev_parse(root, change.rev) or change.rev
    notes.append(f"aiprov: stored {added} new finding(s) for {sha[:12]}; {fixed} marked fixed")


def _render(findings: list[Any], fmt: str, verbose: bool) -> str:
    if fmt == "json":
        from reviewer.report import render_json

        return render_json(findings)
    if fmt == "sarif":
        from reviewer.sarif import render_sarif

        return render_sarif(findings)
    if fmt == "markdown":
        from reviewer.markdown import render_markdown

        return render_markdown(findings)
    from reviewer.text import render

    return render(findings, verbose=verbose)


def register(app: typer.Typer) -> None:
    app.command("review")(review)
