"""``aiprov ci``: what a team's CI runs, on a fresh clone with no store.

``aiprov ci merged BEFORE AFTER``
    After commits land on the target branch (a host's squash, rebase or merge button, or a
    push): each landed commit without a note gets one carried from its branch's notes by
    content (``provenance.hosted``), and the notes are pushed.
``aiprov ci pr BASE HEAD``
    For a pull request: a Markdown summary fit for a PR comment (AI lines and share per
    file, agents and models, ``aiprov show`` ids, review findings on AI-origin lines first)
    and SARIF for code scanning, from the notes alone.

Both fetch the notes first. ``--notes-from`` adds a fork's URL (a fork's developers push
their notes to the fork); a fork's notes are taken for the commits it contributed only, so
that a fork cannot rewrite the attribution of anyone else's commits.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

ci_app = typer.Typer(help="What CI runs: notes after hosted merges, pull request summaries.",
                     no_args_is_help=True)

_REMOTE = typer.Option("origin", "--remote", help="Remote to fetch notes from and push to.")
_NOTES_FROM = typer.Option(None, "--notes-from", metavar="REMOTE|URL",
                           help="Also fetch notes from here (a fork). Repeatable.")
_REPO = typer.Option(None, "--repo", help="Repository (default: the current one).")


def _root(repo: str | None) -> Path:
    from provenance import git

    return git.repo_root(Path(repo) if repo else Path.cwd())


def _fetch_notes(root: Path, remote: str, forks: list[str] | None) -> list[str]:
    """Fetch and merge the remote's notes; fetch each fork's into its own ref (see
    ``_import_fork_notes``). A remote without notes (or unreachable) is reported and
    skipped: CI goes on with what it has. Returns the fork refs fetched."""
    from aiprov.errors import GitError
    from provenance import notesync

    notesync.ensure_identity(root)
    refs = []
    for i, where in enumerate(dict.fromkeys([remote, *(forks or [])])):
        try:
            if notesync.fetch(root, where):
                if i == 0:
                    notesync.merge_ref(root, notesync.tracking_ref(where))
                else:
                    refs.append(notesync.tracking_ref(where))
        except GitError as exc:
            typer.echo(f"aiprov: notes not fetched from {where}: {exc}", err=True)
    return refs


def _import_fork_notes(root: Path, refs: list[str], spec: list[str]) -> None:
    """A fork's notes count for the commits it contributed (``git rev-list SPEC``) only."""
    from provenance import git, notesync

    if not refs:
        return
    commits = git.run(root, "rev-list", *spec, "--").stdout.split()
    for ref in refs:
        notesync.import_for(root, ref, commits)


def _resolve(root: Path, remote: str, rev: str) -> str | None:
    """A commit id for ``rev``: local, else fetched from the remote (``refs/pull/7/head``)."""
    from provenance import git

    got = git.rev_parse(root, rev + "^{commit}")
    if got:
        return got
    local = "refs/aiprov-ci/" + rev.removeprefix("refs/").replace("/", "-")
    proc = git.run(root, "fetch", "--quiet", "--no-write-fetch-head", remote,
                   f"+{rev}:{local}", check=False)
    return git.rev_parse(root, local) if proc.returncode == 0 else None


def _server_lookup(url: str, token: str, repo_id: str) -> Any:
    """``lookup(sha)`` asking the org server for a commit's line map (None: not there)."""
    import httpx

    from provenance import hosted

    client = httpx.Client(base_url=url.rstrip("/"), timeout=30,
                          headers={"Authorization": f"Bearer {token}"})

    def lookup(sha: str) -> dict[str, Any] | None:
        try:
            r = client.get("/api/commit", params={"repo": repo_id, "sha": sha})
            if r.status_code == 404:
                return None
            r.raise_for_status()
            answer = r.json()
            ids = {ln["exchange_id"] for f in answer.get("files", ())
                   for ln in f.get("lines", ()) if ln.get("exchange_id")}
            details = {}
            for eid in sorted(ids)[:200]:
                d = client.get(f"/api/exchanges/{eid}")
                if d.status_code == 200:
                    details[eid] = d.json()
        except httpx.HTTPError as exc:
            typer.echo(f"aiprov: org server lookup of {sha[:12]} failed: {exc}", err=True)
            return None
        return hosted.note_from_server(answer, details)

    return lookup


@ci_app.command("merged")
def merged(
    before: str = typer.Argument(..., help="The target branch before the merge (a commit)."),
    after: str = typer.Argument(..., help="The target branch after it (a commit)."),
    source: list[str] = typer.Option(None, "--source", metavar="REV",
                                     help="The merged branch's head (a commit or a ref such "
                                          "as refs/pull/7/head). Repeatable."),
    remote: str = _REMOTE,
    notes_from: list[str] = _NOTES_FROM,
    push: bool = typer.Option(True, "--push/--no-push", help="Push the notes written."),
    server: bool = typer.Option(False, "--server", help="Also ask the org server "
                                "(AIPROV_SERVER_URL, AIPROV_SERVER_TOKEN with the security "
                                "role) for branch commits without a note."),
    repo: str = _REPO,
) -> None:
    """Give commits a hosted merge made (squash, rebase) the attribution of the branch
    commits they replaced, by content; write the notes and push them."""
    from aiprov.errors import AiprovError, ConfigError
    from provenance import git, hosted, notesync

    root = _root(repo)
    lookup = None
    if server:
        from aiprov.settings import get_settings

        s = get_settings()
        if not s.server_url or not s.server_token:
            raise ConfigError("--server needs AIPROV_SERVER_URL and AIPROV_SERVER_TOKEN")
        lookup = _server_lookup(s.server_url, s.server_token, git.repo_id(root))
    if not before.strip("0"):  # GitHub's and GitLab's "before" of a branch's first push
        typer.echo("the branch is new (before is all zeros): no hosted merge to carry notes to")
        return
    fork_refs = _fetch_notes(root, remote, notes_from)
    b, a = git.rev_parse(root, before + "^{commit}"), git.rev_parse(root, after + "^{commit}")
    if b is None or a is None:
        raise AiprovError(f"{before if b is None else after} is not a commit here "
                          "(CI clones need the whole history: fetch-depth 0)")
    sources = [s for s in (_resolve(root, remote, r) for r in (source or [])) if s]
    _import_fork_notes(root, fork_refs, [*sources, a, "--not", b])

    def fetch_pr(number: int) -> str | None:
        for ref in hosted.pr_refs(number):
            got = _resolve(root, remote, ref)
            if got:
                return got
        return None

    results, written = hosted.attribute_landed(root, b, a, sources, hosted.Notes(root),
                                               fetch_pr=fetch_pr, lookup=lookup)
    for r in results:
        msg = {"noted": "has a note already",
               "merge": "merge commit: its lines keep the merged commits' notes",
               "no-notes": "no branch note speaks for its lines: left without a note",
               "carried": f"note written: AI-Lines {r.ai}/{r.added}"}[r.what]
        typer.echo(f"{r.commit[:12]}  {msg}")
    if not written:
        typer.echo("no notes to write")
    # also when nothing was written but notes came in from elsewhere (--notes-from: a fork's
    # developers' notes, for commits that are on the target now)
    behind = git.rev_parse(root, git.NOTES_REF) != git.rev_parse(
        root, notesync.tracking_ref(remote))
    if push and (written or behind):
        notesync.push(root, remote)
        typer.echo(f"pushed {git.NOTES_REF} to {remote}")


@ci_app.command("pr")
def pr(
    base: str = typer.Argument(..., help="The pull request's base (target branch commit)."),
    head: str = typer.Argument(..., help="The pull request's head commit (or ref)."),
    markdown: str = typer.Option(None, "--markdown", metavar="FILE",
                                 help="Write the PR comment here (default: stdout)."),
    sarif: str = typer.Option(None, "--sarif", metavar="FILE", help="Write SARIF here."),
    remote: str = _REMOTE,
    notes_from: list[str] = _NOTES_FROM,
    fail_on: str = typer.Option(None, "--fail-on",
                                help="Exit 1 when a finding is at least this severe."),
    repo: str = _REPO,
    record: bool = typer.Option(
        False, "--record", help="Keep what the review found in the store (AIPROV_DB_URL) for "
        "the share of pull requests with AI-origin findings in `aiprov report`."),
    pr_number: str = typer.Option(None, "--pr", metavar="NUMBER",
                                  help="The pull request's number (with --record; default: "
                                  "its head commit stands for it)."),
) -> None:
    """Summarise a pull request's AI provenance and review it, from the notes alone."""
    from aiprov.errors import AiprovError, ConfigError
    from provenance import git, hosted
    from reviewer.markdown import ai_first, render_pr
    from reviewer.model import SEVERITIES, failing
    from reviewer.policy import load_policy
    from reviewer.run import Change, review_change
    from reviewer.sarif import render_sarif

    if fail_on is not None and fail_on not in SEVERITIES:
        raise ConfigError(f"--fail-on must be one of {', '.join(SEVERITIES)}")
    root = _root(repo)
    fork_refs = _fetch_notes(root, remote, notes_from)
    h = _resolve(root, remote, head)
    b = git.rev_parse(root, base + "^{commit}") or _resolve(root, remote, base)
    if h is None or b is None:
        raise AiprovError(f"{head if h is None else base} is not a commit here "
                          "(CI clones need the whole history: fetch-depth 0)")
    mb = git.run(root, "merge-base", b, h).stdout.strip() or b
    _import_fork_notes(root, fork_refs, [h, "--not", mb])
    diffs = git.range_diff(root, mb, h)
    br = hosted.branch(root, [h], mb, hosted.Notes(root))
    lm = hosted.line_map(root, diffs, h, br, starts=[h], base=mb)
    lines, skipped = lm.lines, lm.skipped
    origins, details = hosted.origins(lines)
    findings = ai_first(review_change(Change(root, diffs, origins, details, h),
                                      load_policy(root)))
    tools: dict[tuple[str, str], int] = {}
    exchanges: dict[str, None] = {}
    for ls in lines.values():
        for e in ls.values():
            if e.get("origin") != "human":
                key = (e.get("tool") or "unknown", e.get("model") or "unknown")
                tools[key] = tools.get(key, 0) + 1
                if e.get("exchange"):
                    exchanges.setdefault(e["exchange"], None)
    files = [(s.path, s.added, s.ai, s.ai_edited) for s in hosted.shares(lines)]
    total = sum(len(ls) for ls in lines.values())
    text = render_pr(files, tools, list(exchanges), findings, skipped=skipped,
                     unnoted=total - lm.placed)
    if markdown:
        Path(markdown).write_text(text, encoding="utf-8")
        typer.echo(f"wrote {markdown}", err=True)
    else:
        sys.stdout.write(text)
    if sarif:
        Path(sarif).write_text(render_sarif(findings), encoding="utf-8")
        typer.echo(f"wrote {sarif} ({len(findings)} result(s))", err=True)
    if record:
        _record_pr(root, h, pr_number, findings)
    if fail_on and failing(findings, fail_on):  # judgement hints never fail a check
        raise typer.Exit(1)


def _record_pr(root: Path, head: str, number: str | None, findings: list[Any]) -> None:
    from aiprov.settings import get_settings
    from provenance import git
    from store import db
    from store.findings import record_pull_request

    s = get_settings()
    with db.session(s.db_url) as session:
        row = record_pull_request(session, repo=git.repo_id(root),
                                  pr=f"#{number.lstrip('#')}" if number else head,
                                  head_sha=head, author=git.commit_info(root, head).author_email,
                                  findings=findings)
        session.commit()
        typer.echo(f"recorded pull request {row.pr}: {row.findings} finding(s), "
                   f"{row.ai_findings} in AI-origin code", err=True)


def register(app: Any) -> None:
    app.add_typer(ci_app, name="ci")
