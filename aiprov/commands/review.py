"""``aiprov review``: security review of a change or of files and folders, stricter for
AI-origin lines.

    aiprov review [--staged]                 the staged change (default)
    aiprov review --base A --head B          the change from A to B
    aiprov review PATH... [--origin auto]    every source file given or under a folder

Judgement hints are shown and counted apart and never make the command fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

FORMATS = ("text", "json", "sarif", "markdown")


def review(
    paths: list[str] = typer.Argument(None, help="Files or folders to review whole "
                                                 "(instead of a git change)."),
    origin: str = typer.Option("auto", "--origin",
                               help="With PATH: whose code it is: ai | human | auto (from "
                                    "provenance notes and the store; human where unknown)."),
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
    if paths:
        _review_paths(paths, origin, staged or base is not None, ai_only, fail_on, fmt, output,
                      llm, store, verbose, repo)
        return
    root = git.repo_root(Path(repo) if repo else Path.cwd())
    policy = load_policy(root)
    settings = get_settings()
    if base is not None:
        change = range_change(root, base, head, settings)
    else:
        change = staged_change(root, settings)
    findings = review_change(change, policy, ai_only=ai_only)
    notes: list[str] = []
    findings = _with_triage(root, findings, settings, notes)
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
    from reviewer.model import failing

    if failing(findings, fail_on or policy.fail_on):  # hints never fail
        raise typer.Exit(1)


def _with_triage(root: Path, findings: list[Any], settings: Any,
                 notes: list[str]) -> list[Any]:
    """The findings, those dismissed in triage (``aiprov findings dismiss``) marked so: still
    shown, no longer failing. Without a store, as they are, with a note."""
    from dataclasses import replace

    from reviewer.model import code_fingerprint

    if not findings:
        return findings
    try:
        from provenance import git
        from store import db
        from store.findings import dismissed_codes

        codes = {code_fingerprint(f.rule_id, f.quote) for f in findings}
        with db.session(settings.db_url) as session:
            known = dismissed_codes(session, git.repo_id(root), codes)
    except Exception as exc:  # noqa: BLE001 - the review works without the store
        from aiprov.errors import mask

        notes.append(f"aiprov: dismissals in the store not applied ({exc.__class__.__name__}: "
                     f"{mask(str(exc))[:120]}); check AIPROV_DB_URL")
        return findings
    return [replace(f, dismissed=known[c]) if f.dismissed is None and
            (c := code_fingerprint(f.rule_id, f.quote)) in known else f for f in findings]


def _review_paths(paths: list[str], origin: str, with_change: bool, ai_only: bool,
                  fail_on: str | None, fmt: str, output: str | None, llm: str | None,
                  store: bool, verbose: bool, repo: str | None) -> None:
    """``aiprov review PATH...``: whole files, origins per ``--origin``."""
    from aiprov.errors import AiprovError, ConfigError
    from aiprov.settings import get_settings
    from reviewer.model import failing
    from reviewer.policy import DEFAULT_POLICY, load_policy
    from reviewer.run import ORIGIN_MODES, review_paths

    settings = get_settings()  # read first: a bad setting is named before anything runs
    if origin not in ORIGIN_MODES:
        raise ConfigError(f"--origin must be one of {', '.join(ORIGIN_MODES)}")
    for flag, given in (("--staged/--base/--head", with_change), ("--ai-only", ai_only),
                        ("--llm", llm), ("--store", store)):
        if given:
            raise AiprovError(f"{flag} reviews a git change; it does not combine with PATH")
    targets = [Path(p) for p in paths]
    missing = [p for p in targets if not p.exists()]
    if missing:
        raise AiprovError(f"no such file or folder: {missing[0]}")
    policy = DEFAULT_POLICY
    policy_root = _policy_root(Path(repo) if repo else targets[0])
    if policy_root is not None:
        policy = load_policy(policy_root)
    result = review_paths(targets, policy, origin=origin, settings=settings)
    notes = list(result.notes)
    if fmt == "json":
        from reviewer.report import render_json

        report = render_json(result.findings, extra={
            "files": result.files, "origin": origin,
            "skipped": dict(sorted(result.skipped.items())), "notes": notes})
    else:
        report = _render(result.findings, fmt, verbose)
    if output:
        Path(output).write_text(report, encoding="utf-8")
    else:
        typer.echo(report, nl=False)
    typer.echo(f"aiprov: reviewed {result.files} file(s) (origin: {origin}); "
               f"{len(result.skipped)} skipped", err=True)
    for n in notes:
        typer.echo(n, err=True)
    if failing(result.findings, fail_on or policy.fail_on):
        raise typer.Exit(1)


def _policy_root(path: Path) -> Path | None:
    """The git work tree holding ``path`` (its ``.aiprov/policy.toml`` applies), if any."""
    from aiprov.errors import GitError
    from provenance import git

    try:
        return git.repo_root(path if path.is_dir() else path.parent)
    except GitError:
        return None


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
