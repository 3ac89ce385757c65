"""``aiprov import``: past sessions' transcripts into the store, as if the proxy had seen them.

Reads Claude Code, Codex and Gemini CLI transcripts (``provenance.transcripts`` parses them)
from their default places or from the paths given, and stores each model answer that adds
code as an exchange (``source = "import"``) with its snippets, in the transcript's own time.
Answers of a session the proxy recorded itself (same tool and session id) are left out, so
nothing is counted twice. Identity is resolved as the commit hook resolves it, so
attribution meets these snippets: the repository is ``provenance.git.repo_id`` of the work
tree the transcript names as its cwd (when it is still on this machine), and the developer is
the configured one, else that repository's git ``user.email``. Importing twice adds nothing
(stable ids, see ``provenance.transcripts``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from provenance.transcripts import Turn
    from proxy.exchange import Exchange

BATCH = 200  # exchanges per store transaction


def default_sources(home: Path | None = None) -> list[tuple[Path, str]]:
    """(transcript file, tool) in each assistant's default place under ``home``
    (``CLAUDE_CONFIG_DIR`` and ``CODEX_HOME`` move theirs, as they do for the tools)."""
    from provenance.transcripts import CLAUDE_CODE, CODEX, GEMINI_CLI

    home = home or Path.home()
    claude = Path(os.environ.get("CLAUDE_CONFIG_DIR") or home / ".claude") / "projects"
    codex = Path(os.environ.get("CODEX_HOME") or home / ".codex") / "sessions"
    out: list[tuple[Path, str]] = [(p, CLAUDE_CODE) for p in sorted(claude.rglob("*.jsonl"))]
    out += [(p, CODEX) for p in sorted(codex.rglob("*.jsonl"))]
    for project in sorted((home / ".gemini" / "tmp").glob("*")):
        chats = sorted((project / "chats").glob("*.json"))
        # a checkpoint repeats a chat's turns; read them only where no chat was recorded
        out += [(p, GEMINI_CLI) for p in chats or sorted(project.glob("checkpoint*.json"))]
    return out


def _files(paths: Sequence[Path]) -> list[tuple[Path, str | None]]:
    out: list[tuple[Path, str | None]] = []
    for p in paths:
        if p.is_dir():
            out += [(f, None) for f in sorted(p.rglob("*")) if f.suffix in (".jsonl", ".json")
                    and f.is_file()]
        elif p.is_file():
            out.append((p, None))
        else:
            raise typer.BadParameter(f"no transcript at {p}", param_hint="PATHS")
    return out


def _since(value: str | None) -> float | None:
    """``--since``: a window (``30d``, ``12h``, ``8w``) or a date/time (ISO 8601, UTC)."""
    if not value:
        return None
    from store.queries import window

    try:
        return (datetime.now(UTC) - window.parse_since(value)).timestamp()
    except ValueError:
        pass
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"--since takes 30d, 12h, 8w or a date like 2026-11-01, "
                                 f"got {value!r}") from None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp()


@dataclass
class Where:
    """Repository and developer of the turns of one cwd, resolved once."""

    developer_setting: str
    cache: dict[tuple[str | None, str | None, bool], tuple[str, str | None]] = field(
        default_factory=dict)

    def of(self, turn: Turn) -> tuple[str, str | None]:
        key = (turn.cwd, turn.repo_hint, turn.in_repo)
        got = self.cache.get(key)
        if got is None:
            got = self.cache[key] = self._resolve(turn)
        return got

    def _resolve(self, turn: Turn) -> tuple[str, str | None]:
        from aiprov.errors import GitError
        from provenance import git
        from proxy.identity import git_user_email

        if turn.cwd and Path(turn.cwd).is_absolute() and Path(turn.cwd).is_dir():
            try:
                root = git.repo_root(Path(turn.cwd))
                return (self.developer_setting or git.user_email(root) or git_user_email(),
                        git.repo_id(root))
            except (GitError, OSError, ValueError):
                pass
        developer = self.developer_setting or git_user_email()
        if turn.repo_hint:  # Codex kept the origin: the identity any clone has
            return developer, git.normalise_repo(turn.repo_hint)
        if turn.in_repo and turn.cwd and turn.cwd.startswith("/"):
            return developer, turn.cwd  # a work tree no longer here: its path, like the proxy
        return developer, None


@dataclass
class Tally:
    files: int = 0
    turns: int = 0  # answers that add code
    new: int = 0
    snippets: int = 0
    known: int = 0  # imported before (or recorded by the proxy under the same id)
    proxied: int = 0  # of a session the proxy recorded itself
    unreadable: list[str] = field(default_factory=list)
    by_tool: dict[str, int] = field(default_factory=dict)


def _exchanges(files: Sequence[tuple[Path, str | None]], since: float | None, where: Where,
               tally: Tally, bar: Any, only: str | None = None
               ) -> Iterator[tuple[Exchange, int]]:
    """(exchange, snippet count) for each turn that adds code, file by file."""
    from provenance import transcripts
    from provenance.snippets import extract_exchange

    for path, tool in files:
        bar.advance(1)
        try:
            st = path.stat()
            if since is not None and st.st_mtime < since:
                continue  # nothing in it was written after --since
            text = path.read_text("utf-8", errors="replace")
        except OSError as exc:
            tally.unreadable.append(f"{path}: {exc.strerror or exc}")
            continue
        turns = transcripts.since(
            transcripts.parse(text, str(path.resolve()), tool=tool, mtime=st.st_mtime), since)
        turns = [t for t in turns if only is None or t.tool == only]
        if turns:
            tally.files += 1
        for turn in turns:
            developer, repo = where.of(turn)
            ex = transcripts.to_exchange(turn, developer=developer, repo=repo)
            n = len(extract_exchange(ex))
            if n:
                yield ex, n


def _existing(session: Any, ids: Sequence[str]) -> set[str]:
    from sqlmodel import col, select

    from store.models import ExchangeRow

    return set(session.exec(select(ExchangeRow.id).where(col(ExchangeRow.id).in_(ids))).all())


def _proxied_sessions(session: Any, batch: Sequence[tuple[Exchange, int]]) -> set[tuple[str, str]]:
    """(tool, session id) of the batch's sessions that the proxy (or the intercepting proxy)
    recorded: their answers are in the store already, under the proxy's own ids. An agent
    hook's reports (``source = "hook"``) are the session's writes only, not its answers:
    they do not count."""
    from sqlmodel import col, select

    from provenance.agentwrite import SOURCE as HOOK
    from provenance.transcripts import SOURCE
    from store.models import ExchangeRow

    sessions = {ex.identity.session_id for ex, _ in batch if ex.identity.session_id}
    if not sessions:
        return set()
    q = (select(ExchangeRow.tool, ExchangeRow.session_id).distinct()
         .where(col(ExchangeRow.session_id).in_(sessions),
                col(ExchangeRow.source).not_in((SOURCE, HOOK))))
    return {(t, sid) for t, sid in session.exec(q).all() if sid}


def _store(url: str, batch: list[tuple[Exchange, int]], tally: Tally, dry_run: bool) -> None:
    from store import db
    from store import exchanges as store_exchanges
    from store.provenance import index_exchanges

    with db.session(url) as s:
        seen = _proxied_sessions(s, batch)
        if seen:  # a session run through the proxy is not counted twice
            kept = [(ex, n) for ex, n in batch
                    if (ex.identity.tool, ex.identity.session_id) not in seen]
            tally.proxied += len(batch) - len(kept)
            batch = kept
        if dry_run:
            known = _existing(s, [ex.id for ex, _ in batch])
            new = [(ex, n) for ex, n in batch if ex.id not in known]
            tally.snippets += sum(n for _, n in new)
        else:
            saved = store_exchanges.save(s, [ex for ex, _ in batch])
            tally.snippets += index_exchanges(s, saved)
            s.commit()
            ids = {ex.id for ex in saved}
            new = [(ex, n) for ex, n in batch if ex.id in ids]
    tally.new += len(new)
    tally.known += len(batch) - len(new)
    for ex, _ in new:
        tally.by_tool[ex.identity.tool] = tally.by_tool.get(ex.identity.tool, 0) + 1


def import_(
    paths: list[Path] = typer.Argument(None, help="Transcript files or directories "
                                       "(default: each assistant's own place under ~)."),
    tool: str = typer.Option(None, help="Only this assistant: claude-code, codex, gemini-cli."),
    since: str = typer.Option(None, help="Only answers from this window (30d, 12h, 8w) or "
                              "after this date (2026-11-01)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Count what would be added; "
                                 "write nothing."),
) -> None:
    """Import past sessions from the transcripts assistants keep (Claude Code's projects,
    Codex's session logs, Gemini CLI's chats), so commits of code written without the proxy
    are attributed too. Idempotent: importing again adds only what is new."""
    from aiprov.progress import Bar
    from aiprov.settings import get_settings
    from provenance.transcripts import TOOLS
    from store import db

    if tool is not None and tool not in TOOLS:
        raise typer.BadParameter(f"--tool is one of {', '.join(TOOLS)}, got {tool!r}")
    after = _since(since)
    s = get_settings()
    db.get_engine(s.db_url)  # a store that cannot be opened fails here, before any reading
    files = _files(paths) if paths else default_sources()
    if tool is not None:
        files = [(p, t) for p, t in files if t in (tool, None)]
    if not files:
        typer.echo("no transcripts found (looked in ~/.claude/projects, ~/.codex/sessions, "
                   "~/.gemini/tmp/*/chats); give a path to import from elsewhere")
        return
    tally = Tally()
    with Bar("reading transcripts", len(files), "files") as bar:
        found = list(_exchanges(files, after, Where(s.developer), tally, bar, tool))
    tally.turns = len(found)
    # stored oldest first: attribution breaks ties between equally good suggestions by the
    # order they were stored in (the newest wins), so a session's later version of a region
    # must be stored after its earlier one, across files and tools
    found.sort(key=lambda item: (item[0].started_at, item[0].id))
    for i in range(0, len(found), BATCH):
        _store(s.db_url, found[i:i + BATCH], tally, dry_run)
    for line in tally.unreadable:
        typer.echo(f"aiprov: skipped {line}", err=True)
    tools = ", ".join(f"{n} {t}" for t, n in sorted(tally.by_tool.items()))
    verb = "would add" if dry_run else "added"
    typer.echo(f"{'dry run: ' if dry_run else ''}{len(files)} transcripts read, {tally.files} "
               f"with answers{' in the window' if after else ''}; {tally.turns} answers add "
               f"code; {verb} {tally.new} exchanges{f' ({tools})' if tools else ''} with "
               f"{tally.snippets} snippets; {tally.known} already in the store"
               f"{f', {tally.proxied} of sessions the proxy recorded' if tally.proxied else ''}")


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
