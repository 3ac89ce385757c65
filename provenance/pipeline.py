"""Glue: git diff -> skip -> attribution against the store -> note and trailers.

Used by the CLI (``aiprov attribute``, ``blame``, ``export``), the git hooks and the reviewer.
Everything here stays importable without SQLAlchemy, pydantic, litellm or FastAPI: the hook
imports it on every commit, so the store is read through ``store.fingerprint_index`` (plain
DB-API) and settings are read by ``light_settings`` (same sources and precedence as
``aiprov.settings.Settings``, for the four values attribution needs; a test keeps the two in
step).

Lookup scope, by default: suggestions of the same developer (settings ``developer``, else
git ``user.email``) in the same repository (``provenance.git.repo_id``) made within
``attribution_window_days`` before the commit (and not after it, for backfills).

Identity: one person may reach the store under two emails -- the proxy records the global
git ``user.email`` while a repository (aider writes one) has its own. When the committing
identity has no suggestion in scope but others have some for this repository, the commit is
not silently all human: with the local store (``$AIPROV_HOME``'s SQLite file, which only this
machine's proxy writes) those identities are this machine's developer and are taken as
aliases, counting their suggestions recorded without a repository that no commit has claimed
yet (``store.fingerprint_index``); with a shared store they are not. Either way
``Attribution.notice`` says so in one line (the hook prints it).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from aiprov.errors import GitError
from provenance import git, notes, skip, trailers
from provenance.model import AI, AI_EDITED, FileDiff, LineOrigin, Snippet
from store.url import normalise_db_url

FUTURE_SLACK = timedelta(minutes=10)  # clock skew between proxy and committer


class AttributionSettings(Protocol):
    @property
    def db_url(self) -> str: ...

    @property
    def developer(self) -> str: ...

    @property
    def attribution_window_days(self) -> int: ...


class LightSettings(NamedTuple):
    """The settings attribution needs, read without pydantic (see module docstring)."""

    home: Path
    db: str = ""
    developer: str = ""
    attribution_window_days: int = 14
    host: str = "127.0.0.1"  # where the local proxy listens (the hook waits for its recorder)
    port: int = 8787

    @property
    def db_url(self) -> str:
        return self.db or f"sqlite:///{self.home / 'aiprov.db'}"


def light_settings() -> LightSettings:
    """``$AIPROV_HOME/config.toml`` values overridden by ``AIPROV_*`` environment variables."""
    home = Path(os.environ.get("AIPROV_HOME") or Path.home() / ".aiprov").expanduser()
    vals: dict[str, Any] = {}
    cfg = home / "config.toml"
    if cfg.is_file():
        import tomllib  # only when there is a file: the hook pays for every import

        with cfg.open("rb") as f:
            data = tomllib.load(f)
        vals = dict(data.get("aiprov", data))
    for key in ("db", "developer", "attribution_window_days", "host", "port"):
        env = os.environ.get("AIPROV_" + key.upper())
        if env is not None:
            vals[key] = env
    return LightSettings(
        home=home,
        db=normalise_db_url(str(vals.get("db", ""))),
        developer=str(vals.get("developer", "")),
        attribution_window_days=int(vals.get("attribution_window_days", 14)),
        host=str(vals.get("host", "127.0.0.1")),
        port=int(vals.get("port", 8787)),
    )


class _EmptyIndex:
    """No store yet: nothing was recorded, so nothing matches."""

    def candidates(self, hashes: Collection[int], *, limit: int = 50) -> list[tuple[str, int]]:
        return []

    def get(self, snippet_id: str) -> Snippet | None:
        return None

    def exchange_details(self, exchange_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        return {}


class Scope(NamedTuple):
    """Whose suggestions count: None in a field means any."""

    developer: str | None
    repo: str | None
    since: datetime | None
    until: datetime | None = None
    aliases: tuple[str, ...] = ()  # other identities of the same developer (module docstring)


def default_scope(repo: Path, settings: AttributionSettings, *, at: datetime | None = None,
                  any_developer: bool = False, any_repo: bool = False,
                  user_email: str | None = None, repo_ident: str | None = None) -> Scope:
    """``user_email`` and ``repo_ident``, when the caller has read them already, save the
    git calls that would read them again (the hook batches its questions to git)."""
    at = at or datetime.now(UTC)
    developer = None if any_developer else (
        settings.developer or (git.user_email(repo) if user_email is None else user_email))
    return Scope(
        developer=developer or None,
        repo=None if any_repo else (repo_ident or git.repo_id(repo)),
        since=at - timedelta(days=settings.attribution_window_days),
        until=at + FUTURE_SLACK,
    )


class Store:
    """The store, opened lazily for one attribution run (hook or command)."""

    def __init__(self, settings: AttributionSettings) -> None:
        self.settings = settings
        self._conn: Any = None
        self._dialect = ""
        self._opened = False

    def index(self, scope: Scope) -> Any:
        from provenance import fingerprint
        from store.fingerprint_index import DbapiSnippetIndex, connect

        if not self._opened:
            self._opened = True
            got = connect(self.settings.db_url)
            if got is not None:
                self._conn, self._dialect = got
        if self._conn is None:
            return _EmptyIndex()
        developer: str | tuple[str, ...] | None = scope.developer
        if scope.developer is not None and scope.aliases:
            developer = (scope.developer, *scope.aliases)
        return DbapiSnippetIndex(self._conn, self._dialect, normaliser=fingerprint.VERSION,
                                 developer=developer, repo=scope.repo,
                                 since=scope.since, until=scope.until)

    @property
    def local(self) -> bool:
        """The store is a SQLite file (this machine's own), not a shared database."""
        return self.settings.db_url.startswith("sqlite:")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Attribution(NamedTuple):
    """One commit's (or the index's) attribution, ready for a note and trailers."""

    diffs: list[FileDiff]
    origins: list[LineOrigin]
    skipped: dict[str, str] = {}  # noqa: RUF012 - never mutated
    details: dict[str, dict[str, Any]] = {}  # noqa: RUF012 - never mutated
    notice: str = ""  # one line for the person committing (identity mismatch), or ""

    @property
    def ai_lines(self) -> int:
        return sum(1 for o in self.origins if o.origin in (AI, AI_EDITED))

    def exchange_ids(self) -> list[str]:
        return list(dict.fromkeys(
            o.evidence[0].exchange_id for o in self.origins
            if o.origin in (AI, AI_EDITED) and o.evidence and o.evidence[0].exchange_id))

    def tools(self) -> list[tuple[str, str | None]]:
        out = []
        for eid in self.exchange_ids():
            d = self.details.get(eid, {})
            out.append((d.get("tool") or "unknown", d.get("model")))
        return out

    def trailers(self) -> list[tuple[str, str]]:
        return trailers.build(self.origins, self.tools())

    def note(self, *, commit: str = "", tree: str = "") -> dict[str, Any]:
        from provenance import fingerprint

        return notes.build(self.diffs, self.origins, skipped=self.skipped, details=self.details,
                           commit=commit, tree=tree, normaliser=fingerprint.VERSION)


def file_sides(repo: Path, base: str | None, diffs: Sequence[FileDiff], *,
               head: str | None = None) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Lines each changed file that existed had before the change (``base``) and has after
    it (``head``; None: the index, what the commit being made records), with one ``git
    cat-file --batch``. The attribution anchors a hunk on the unchanged lines around it
    and counts the file before as the repository's own code (``provenance.attribute``)."""
    if base is None:
        return {}, {}
    keep = [d for d in diffs if d.status in ("M", "R") and d.added
            and "\n" not in d.path and "\n" not in (d.old_path or "")]
    if not keep:
        return {}, {}
    before = {d.old_path or d.path: f"{base}:{d.old_path or d.path}" for d in keep}
    after = {d.path: f"{head or ''}:{d.path}" for d in keep}
    texts = git.files_text_by_id(repo, [*before.values(), *after.values()])
    return ({p: t.splitlines() for p, name in before.items() if (t := texts.get(name))},
            {p: t.splitlines() for p, name in after.items() if (t := texts.get(name))})


MAX_READ_BYTES = 2_000_000  # a file larger than this is not read for ``RepoFiles``


class RepoFiles(Mapping[str, Sequence[str]]):
    """``current`` for attribution: each changed file's lines after the change (``file_sides``)
    and, asked for another file of the repository (the target an agent's write was recorded
    with: ``provenance.attribute._written_elsewhere``), that file as it is after the change:
    in the working tree while the commit is being made (``head`` None: what the developer
    has, committed or not), at ``head`` otherwise. Each file is read on first ask, once;
    iterating gives the changed files only. A path outside the repository, absent or too
    large answers nothing (``KeyError``, ``get`` -> None)."""

    def __init__(self, repo: Path, changed: Mapping[str, Sequence[str]],
                 head: str | None = None) -> None:
        self._repo = repo
        self._changed = dict(changed)
        self._head = head
        self._read: dict[str, Sequence[str] | None] = {}

    def __getitem__(self, path: str) -> Sequence[str]:
        got = self._changed.get(path)
        if got is None:
            if path not in self._read:
                # a changed file asked for by another spelling (absolute, "./") is the change's
                # own side, not a second read that could differ from it
                rel = self._relative(path)
                known = None if rel is None else self._changed.get(rel)
                self._read[path] = known if known is not None else self._load(rel)
            got = self._read[path]
        if got is None:
            raise KeyError(path)
        return got

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._changed)

    def __len__(self) -> int:
        return len(self._changed)

    def _relative(self, path: str) -> str | None:
        p = Path(path)
        if p.is_absolute():
            try:
                p = p.resolve().relative_to(self._repo.resolve())
            except (ValueError, OSError):
                return None
        rel = p.as_posix().removeprefix("./")
        return None if not rel or rel == "." or ".." in p.parts or "\n" in rel else rel

    def _load(self, rel: str | None) -> Sequence[str] | None:
        if rel is None:
            return None
        if self._head is None:
            f = self._repo / rel
            try:
                if not f.is_file() or f.stat().st_size > MAX_READ_BYTES:
                    return None
                return f.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                return None
        name = f"{self._head}:{rel}"
        text = git.files_text_by_id(self._repo, [name]).get(name)
        return None if text is None or len(text) > MAX_READ_BYTES else text.splitlines()


def attribute_diffs(
    repo: Path,
    diffs: Sequence[FileDiff],
    store: Store,
    scope: Scope,
    *,
    base: str | None,
    carry: Iterable[Mapping[str, Any]] = (),
    head: str | None = None,
) -> Attribution:
    """Attribute ``diffs`` (the change from ``base`` to ``head``, None: to the index): skip,
    look up, carry over old notes."""
    keep, skipped = skip.split(diffs)
    carry = list(carry)
    if not any(d.added for d in keep):
        return Attribution(list(diffs), [], skipped, {})
    from provenance.attribute import attribute

    pre, current = file_sides(repo, base, keep, head=head)
    index, notice = identity_index(store, scope)
    origins = attribute(keep, index, preexisting=pre, current=RepoFiles(repo, current, head))
    if carry:
        origins = notes.carry_over(keep, origins, notes.carry_index(carry), preexisting=pre)
    ids = {o.evidence[0].exchange_id for o in origins
           if o.origin in (AI, AI_EDITED) and o.evidence and o.evidence[0].exchange_id}
    details = notes.details_from_notes(carry)
    if ids:
        details.update(index.exchange_details(ids))
    return Attribution(list(diffs), origins, skipped, details, notice)


def identity_index(store: Store, scope: Scope) -> tuple[Any, str]:
    """The index for ``scope``, widened to the developer's other identities on this machine
    when the committing identity has recorded nothing here (module docstring), and the line
    that says so ("" when the identity matched)."""
    index = store.index(scope)
    has_own = getattr(index, "has_own", None)
    if has_own is None or scope.developer is None or scope.repo is None or has_own():
        return index, ""
    # on this machine's own store, suggestions not yet claimed by a repository count too
    # (aider's: the proxy's identity, not the repository's email); on a shared store every
    # developer's would, and would name strangers
    others = {d: n for d, n in index.identities(unclaimed=store.local).items()
              if d != scope.developer}
    if not others:
        return index, ""
    names = ", ".join(sorted(others))
    n = sum(others.values())
    if store.local:
        wide = store.index(scope._replace(aliases=tuple(sorted(others))))
        return wide, (f"aiprov: no suggestions recorded for {scope.developer} in this "
                      f"repository; using the {n} this machine's proxy recorded for {names} "
                      "(one developer, two git emails: set AIPROV_DEVELOPER to silence this)")
    return index, (f"aiprov: no suggestions recorded for {scope.developer} in this repository "
                   f"but {n} for {names}: no line can be attributed to you; set "
                   "AIPROV_DEVELOPER to the identity the proxy records")


def identity_check(path: Path | str, settings: AttributionSettings) -> dict[str, Any] | None:
    """What the hook would say about identity for a commit made now in the repository that
    holds ``path`` (``aiprov status``): {repo, developer, notice}; None outside a work tree.
    ``notice`` is the hook's line (``identity_index``), "" when the identity matches."""
    try:
        repo = git.repo_root(path)
    except GitError:
        return None
    scope = default_scope(repo, settings)
    with Store(settings) as store:
        _index, notice = identity_index(store, scope)
    return {"repo": scope.repo, "developer": scope.developer, "notice": notice}


def _first_parent(repo: Path, rev: str) -> str:
    ps = git.parents(repo, rev)
    return ps[0] if ps else git.empty_tree(repo)


# --- the entry points the CLI, hooks and reviewer call ----------------------------------


def attribute_staged_full(repo: Path, settings: AttributionSettings, *,
                          base: str | None = None, carry: Iterable[Mapping[str, Any]] = (),
                          scope: Scope | None = None) -> Attribution:
    repo = git.repo_root(repo)
    if base is None:
        base = "HEAD" if git.head(repo) else None
    diffs = git.staged_diff(repo, base or git.empty_tree(repo))
    with Store(settings) as store:
        return attribute_diffs(repo, diffs, store, scope or default_scope(repo, settings),
                               base=base, carry=carry)


def attribute_commit_full(repo: Path, rev: str, settings: AttributionSettings, *,
                          carry: Iterable[Mapping[str, Any]] = (), scope: Scope | None = None,
                          store: Store | None = None) -> Attribution:
    repo = git.repo_root(repo)
    info = git.commit_info(repo, rev)
    base = _first_parent(repo, info.sha)
    diffs = git.range_diff(repo, base, info.sha)
    scope = scope or default_scope(repo, settings,
                                   at=datetime.fromtimestamp(info.committed_at, UTC))
    if store is not None:
        return attribute_diffs(repo, diffs, store, scope, base=base, carry=carry, head=info.sha)
    with Store(settings) as st:
        return attribute_diffs(repo, diffs, st, scope, base=base, carry=carry, head=info.sha)


def attribute_staged(repo: Path, settings: AttributionSettings) -> list[LineOrigin]:
    """Origins of the lines the next commit would add (index against HEAD)."""
    return attribute_staged_full(repo, settings).origins


def attribute_commit(repo: Path, rev: str, settings: AttributionSettings) -> list[LineOrigin]:
    """Origins of the lines commit ``rev`` added (against its first parent)."""
    return attribute_commit_full(repo, rev, settings).origins


def attribute_range(repo: Path, base: str, head: str,
                    settings: AttributionSettings) -> list[LineOrigin]:
    """Origins of the lines ``head`` has that ``base`` has not (one combined change)."""
    repo = git.repo_root(repo)
    diffs = git.range_diff(repo, base, head)
    info = git.commit_info(repo, head)
    with Store(settings) as store:
        scope = default_scope(repo, settings, at=datetime.fromtimestamp(info.committed_at, UTC))
        return attribute_diffs(repo, diffs, store, scope, base=base, head=head).origins


def origin_details(exchange_ids: Iterable[str],
                   settings: AttributionSettings) -> dict[str, dict[str, Any]]:
    """exchange id -> {tool, model, started_at, prompt} (prompt: first 500 characters)."""
    ids = [e for e in exchange_ids if e]
    if not ids:
        return {}
    with Store(settings) as store:
        return store.index(Scope(None, None, None)).exchange_details(ids)


def explain_line(repo: Path, rev: str, path: str, lineno: int,
                 settings: AttributionSettings) -> dict[str, Any]:
    """Why line ``lineno`` of ``path`` as of ``rev`` has its origin (``aiprov explain``).

    ``git blame`` finds the commit that added the line and its number there; that commit is
    attributed again as the hook did (same scope, identity rule and pre-existing lines) with
    the explanation of ``provenance.attribute.explain``, and the origin its note recorded at
    commit time is put beside it (the store may have changed since)."""
    from provenance.attribute import explain

    repo = git.repo_root(repo)
    bl = git.blame(repo, path, rev=rev, lines=(lineno, lineno))
    if not bl:
        return {"path": path, "line": lineno, "added": False, "reason": "no such line"}
    b = bl[0]
    if set(b.sha) == {"0"}:
        return {"path": path, "line": lineno, "added": False,
                "reason": "the line is not committed yet"}
    info = git.commit_info(repo, b.sha)
    base = _first_parent(repo, info.sha)
    diffs = git.range_diff(repo, base, info.sha)
    keep, skipped = skip.split(diffs)
    out: dict[str, Any] = {"commit": info.sha, "commit_line": b.orig_lineno,
                           "commit_path": b.orig_path}
    if b.orig_path in skipped:
        return {**out, "path": path, "line": lineno, "added": True,
                "reason": f"the file is not attributed ({skipped[b.orig_path]})"}
    scope = default_scope(repo, settings, at=datetime.fromtimestamp(info.committed_at, UTC))
    pre, current = file_sides(repo, base, keep, head=info.sha)
    with Store(settings) as store:
        index, notice = identity_index(store, scope)
        got = explain(keep, index, b.orig_path, b.orig_lineno, preexisting=pre,
                      current=RepoFiles(repo, current, info.sha))
        ex_ids = [str(e["exchange"]) for e in got.get("explanations", [])  # type: ignore[attr-defined]
                  if e.get("exchange")]
        details = index.exchange_details(ex_ids) if ex_ids else {}
    note = notes.loads(git.notes_for(repo, [info.sha]).get(info.sha))
    recorded = notes.range_at(note, b.orig_path, b.orig_lineno) if note else None
    return {**out, **got, "path": path, "line": lineno, "notice": notice,
            "scope": {"developer": scope.developer, "aliases": list(scope.aliases),
                      "repo": scope.repo},
            "details": details,
            "recorded": (None if note is None else
                         (recorded or {"origin": "human"}))}
