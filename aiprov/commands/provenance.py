"""``aiprov attribute``, ``aiprov hooks``, ``aiprov blame`` and ``aiprov export``."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer

hooks_app = typer.Typer(help="Install, remove or inspect aiprov's git hooks.",
                        no_args_is_help=True)


def _settings():  # type: ignore[no-untyped-def]
    from aiprov.settings import get_settings

    return get_settings()


def _repo(path: str | Path | None) -> Path:
    from provenance import git

    return git.repo_root(Path(path) if path else Path.cwd())


def _fmt_time(value: Any) -> str:
    if not value:
        return "-"
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value[:16]
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


# --- attribute --------------------------------------------------------------------------


def _print_attribution(note: dict[str, Any], title: str) -> None:
    s = note["summary"]
    typer.echo(title)
    for f in note["files"]:
        if f.get("skipped"):
            typer.echo(f"  {f['path']}: skipped ({f['skipped']})")
            continue
        for r in f["ranges"]:
            span = f"{r['start']}" if r["start"] == r["end"] else f"{r['start']}-{r['end']}"
            line = f"  {f['path']}:{span}  {r['origin']:<9} {r['confidence']:.2f}"
            if r.get("exchange"):
                line += (f"  {r['exchange']}  {r.get('tool')}:{r.get('model')}  "
                         f"snippet {r.get('snippet')} line {r.get('snippet_line')}  "
                         f"similarity {r.get('similarity', 0):.2f}")
            typer.echo(line)
    ai = s["ai"] + s["ai_edited"]
    typer.echo(f"AI-Lines: {ai}/{s['added']} ({s['ai']} ai, {s['ai_edited']} ai-edited, "
               f"{s['human']} human; {s['deleted']} deleted; "
               f"{s['skipped_files']} file(s) skipped)")


def attribute(
    rev: str = typer.Argument(None, help="Commit to attribute (default HEAD)."),
    staged: bool = typer.Option(False, "--staged", help="Attribute the staged change instead."),
    backfill: str = typer.Option(None, "--backfill", metavar="REV..REV",
                                 help="Attribute every commit of a range; write notes + store."),
    repo: str = typer.Option(None, "--repo", help="Repository (default: the current one)."),
    window_days: int = typer.Option(None, "--window-days",
                                    help="Suggestions this many days before the commit count."),
    any_repo: bool = typer.Option(False, "--any-repo",
                                  help="Count suggestions made in any repository."),
    any_developer: bool = typer.Option(False, "--any-developer",
                                       help="Count suggestions of any developer."),
    write: bool = typer.Option(False, "--write", help="Also write the note and store the map."),
    force: bool = typer.Option(False, "--force", help="With --backfill: redo commits that "
                               "already have a note."),
    as_json: bool = typer.Option(False, "--json", help="Print the note JSON instead."),
) -> None:
    """Label each line a commit adds ai, ai-edited or human, with confidence and source."""
    from provenance import git, pipeline

    settings = _settings()
    if window_days is not None:
        settings = settings.model_copy(update={"attribution_window_days": window_days})
    root = _repo(repo)

    def scope_at(at: datetime) -> pipeline.Scope:
        return pipeline.default_scope(root, settings, at=at, any_developer=any_developer,
                                      any_repo=any_repo)

    if backfill:
        _backfill(root, backfill, settings, scope_at, force)
        return
    if staged:
        att = pipeline.attribute_staged_full(root, settings,
                                             scope=scope_at(datetime.now(UTC)))
        note = att.note(tree=git.write_tree(root))
        title = "staged change"
    else:
        info = git.commit_info(root, rev or "HEAD")
        att = pipeline.attribute_commit_full(
            root, info.sha, settings,
            scope=scope_at(datetime.fromtimestamp(info.committed_at, UTC)))
        note = att.note(commit=info.sha, tree=info.tree)
        title = f"{info.sha[:12]} {info.subject}"
        if write:
            from provenance import notes
            from provenance.hook import save_commits

            # another developer's note of the same content: keep both maps (their store saw
            # suggestions this one did not)
            old = notes.loads(git.note_read(root, info.sha))
            if old is not None and old.get("tree") == info.tree:
                note = notes.merge(note, old) or note
            git.note_write(root, info.sha, notes.dumps(note))
            save_commits(root, [info.sha])
    if as_json:
        typer.echo(json.dumps(note, ensure_ascii=False, indent=2))
    else:
        _print_attribution(note, title)


def _backfill(root: Path, spec: str, settings: Any, scope_at: Any, force: bool) -> None:
    from provenance import git, notes, pipeline
    from provenance.hook import save_commits

    revs = git.rev_list(root, spec)
    if not revs:
        typer.echo(f"no commits in {spec}")
        return
    existing = set(git.notes_for(root, revs)) if not force else set()
    todo = [r for r in revs if r not in existing]
    done, ai_total, added_total = [], 0, 0
    with pipeline.Store(settings) as store, typer.progressbar(
        todo, label=f"attributing {len(todo)} commits", file=sys.stderr
    ) as bar:
        for sha in bar:
            info = git.commit_info(root, sha)
            att = pipeline.attribute_commit_full(
                root, sha, settings, store=store,
                scope=scope_at(datetime.fromtimestamp(info.committed_at, UTC)))
            git.note_write(root, sha, notes.dumps(att.note(commit=sha, tree=info.tree)))
            ai_total += att.ai_lines
            added_total += len(att.origins)
            done.append(sha)
    saved = save_commits(root, done) if done else 0
    typer.echo(f"backfilled {len(done)} commit(s) ({len(revs) - len(todo)} already had notes); "
               f"AI-Lines {ai_total}/{added_total}; {saved} saved to the store")


# --- hooks ------------------------------------------------------------------------------


@hooks_app.command("install")
def hooks_install(
    global_: bool = typer.Option(False, "--global",
                                 help="For every repository (core.hooksPath in ~/.gitconfig)."),
    repo: str = typer.Option(None, "--repo", help="Repository (default: the current one)."),
) -> None:
    """Install the hooks that add trailers, write the line-map note, keep it on rewrite and
    move it with git push/fetch/pull."""
    from provenance import hookinstall

    s = _settings()
    states = hookinstall.install_hooks(None if global_ else _repo(repo), global_=global_,
                               home=s.ensure_home() if global_ else None)
    where = "globally (core.hooksPath)" if global_ else f"in {states[0].path.parent}"
    typer.echo(f"aiprov hooks installed {where}: " + ", ".join(st.name for st in states))
    for st in states:
        if st.chained:
            typer.echo(f"  {st.name}: your existing hook is kept and runs first ({st.chained})")
    typer.echo("notes.rewriteRef includes refs/notes/aiprov; git push pushes the notes too "
               "(pre-push), git fetch/pull fetches and merges them"
               + ("" if global_ else " (remote.<name>.fetch)")
               + "; aiprov notes sync does both now")


@hooks_app.command("uninstall")
def hooks_uninstall(
    global_: bool = typer.Option(False, "--global", help="Remove the global install."),
    repo: str = typer.Option(None, "--repo", help="Repository (default: the current one)."),
) -> None:
    """Remove aiprov's hooks and restore the hooks they chained (and stop the hook server,
    which other repositories' hooks restart when they next run)."""
    from provenance import hookclient, hookinstall

    s = _settings()
    hookinstall.uninstall_hooks(None if global_ else _repo(repo), global_=global_,
                        home=s.home if global_ else None)
    stopped = hookclient.stop(str(s.home))
    typer.echo("aiprov hooks removed" + (" (global)" if global_ else "")
               + ("; hook server stopped" if stopped else ""))


@hooks_app.command("status")
def hooks_status(
    repo: str = typer.Option(None, "--repo", help="Repository (default: the current one)."),
) -> None:
    """Show which aiprov hooks git will run here, and what they chain."""
    from provenance import git, hookinstall

    root = _repo(repo)
    from aiprov.table import Col, print_table
    from provenance import notesync

    rows = [[st.name, ("installed" if st.installed else "missing")
             + (f" (chains {st.chained})" if st.chained else ""), str(st.path)]
            for st in hookinstall.hooks_status(root)]
    rows.append(["notes.rewriteRef", git.config_get(root, "notes.rewriteRef") or "-", ""])
    for remote in git.run(root, "remote").stdout.split():
        specs = git.run(root, "config", "--get-all", f"remote.{remote}.fetch",
                        check=False).stdout.split()
        url = git.config_get(root, f"remote.{remote}.url") or remote
        state = "fetched with git fetch" if notesync.fetch_refspec(remote) in specs else \
            "not fetched (aiprov hooks install adds it)"
        if notesync.refused(root, url):
            state += "; pushing them was refused (aiprov notes sync retries)"
        rows.append([f"notes on {remote}", state, ""])
    print_table([Col("HOOK"), Col("STATE"), Col("PATH")], rows, header=False)


# --- blame ------------------------------------------------------------------------------


def _parse_range(spec: str | None) -> tuple[int, int] | None:
    if not spec:
        return None
    a, _, b = spec.partition(",")
    try:
        start = int(a)
        end = int(b) if b else start
    except ValueError as exc:
        from aiprov.errors import AiprovError

        raise AiprovError(f"-L wants START,END line numbers, got {spec!r}") from exc
    return start, max(start, end)


def blame(
    file: str = typer.Argument(..., help="File to blame."),
    lines: str = typer.Option(None, "-L", metavar="A,B", help="Only lines A to B."),
    rev: str = typer.Option(None, "--rev", help="Blame the file as of this commit."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """Each line with its origin, tool, model, time and exchange id."""
    from provenance import blame as blame_mod

    target = Path(file)
    root = _repo(target.parent if target.parent.exists() else None)
    try:
        path = target.resolve().relative_to(root.resolve()).as_posix()
    except ValueError as exc:
        from aiprov.errors import GitError

        raise GitError(f"{file} is not inside the repository {root}") from exc
    rows = blame_mod.blame_file(root, path, rev=rev, lines=_parse_range(lines),
                                settings=_settings())
    if as_json:
        for r in rows:
            typer.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    from aiprov.table import Col, print_table

    # tool and model whole (a person reads them); only the code line gives way
    print_table([Col("LINE", right=True), Col("ORIGIN"), Col("TOOL"), Col("MODEL"), Col("TIME"),
                 Col("EXCHANGE"), Col("COMMIT"), Col("|"), Col("CODE", flex=True)],
                [[r["line"], r["origin"], r["tool"] or "-", r["model"] or "-",
                  _fmt_time(r["time"]), (r["exchange"] or "-")[:14], r["commit"][:8], "|",
                  r["text"]] for r in rows], header=False)


# --- export -----------------------------------------------------------------------------


def export(
    range_: str = typer.Argument("HEAD", metavar="RANGE", help="Commit or range (A..B)."),
    fmt: str = typer.Option("agent-trace", "--format", help="Output format: agent-trace."),
    output: str = typer.Option(None, "-o", "--output", help="File (default: stdout)."),
    repo: str = typer.Option(None, "--repo", help="Repository (default: the current one)."),
) -> None:
    """Write Agent Trace records (JSON Lines, one per commit) for a commit or range."""
    from aiprov.errors import AiprovError
    from provenance import agent_trace, git

    if fmt != "agent-trace":
        raise AiprovError(f"unknown export format {fmt!r} (known: agent-trace)")
    root = _repo(repo)
    revs = git.rev_list(root, range_) if ".." in range_ else [git.commit_info(root, range_).sha]
    records = agent_trace.records(root, revs)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        typer.echo(f"wrote {len(records)} Agent Trace record(s) to {output}", err=True)
    else:
        sys.stdout.write(text)


# --- notes ------------------------------------------------------------------------------

notes_app = typer.Typer(help="Move the line-map notes between clones.", no_args_is_help=True)


@notes_app.command("sync")
def notes_sync(
    remote: str = typer.Option("origin", "--remote", help="Remote to sync with."),
    repo: str = typer.Option(None, "--repo", help="Repository (default: the current one)."),
) -> None:
    """Fetch the remote's notes, merge them with yours (line maps unioned) and push them;
    clears an earlier refusal so the pre-push hook tries that remote again."""
    from provenance import git, hosted, notesync

    root = _repo(repo)
    notesync.ensure_identity(root)
    url = git.config_get(root, f"remote.{remote}.url") or remote
    fetched = notesync.fetch(root, remote)
    changed = notesync.merge_fetched(root) if fetched else 0
    notesync.push(root, remote)
    notesync.set_refused(root, url, False)
    typer.echo(f"notes synced with {remote}: {changed} merged in, "
               f"{len(hosted.Notes(root))} commit(s) noted")


def register(app: typer.Typer) -> None:
    from aiprov.commands import ci

    app.command()(attribute)
    app.add_typer(hooks_app, name="hooks")
    app.add_typer(notes_app, name="notes")
    ci.register(app)
    app.command()(blame)
    app.command()(export)

