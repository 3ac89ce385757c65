"""Installing, removing and listing aiprov's git hooks, and the git configuration they need.

Per repository (``.git/hooks``) or global (``core.hooksPath``); a hook already there is
kept and chained, never overwritten. Besides the hooks, ``install_hooks`` sets
``notes.rewriteRef`` so that amend and rebase carry the notes, and (per repository) adds a
fetch refspec so that ``git fetch``/``git pull`` bring the team's notes (see
``provenance.notesync``); the pre-push hook pushes them.
"""

from __future__ import annotations

import os
import shlex
import stat
import sys
from pathlib import Path
from typing import NamedTuple

from aiprov.errors import GitError
from provenance import git, notesync
from provenance.git import NOTES_REF, config_get, config_set, config_unset, hooks_dir
from provenance.hookscripts import HOOK_MARKER, hook_script

HOOK_NAMES = ("pre-commit", "prepare-commit-msg", "post-commit", "post-rewrite", "pre-push",
              "post-merge", "post-checkout")
CHAINED_SUFFIX = ".pre-aiprov"


def _is_ours(path: Path) -> bool:
    try:
        return HOOK_MARKER in path.read_text(encoding="utf-8", errors="replace")[:400]
    except OSError:
        return False


def _write_hook(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".aiprov-tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.chmod(tmp.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH | stat.S_IRUSR)
    os.replace(tmp, path)


class HookState(NamedTuple):
    name: str
    path: Path
    installed: bool  # our script is there
    chained: str | None  # the user's hook we run first, if any


def install_hooks(repo: Path | None, *, global_: bool = False, home: Path | None = None,
                  python: str | None = None) -> list[HookState]:
    """Install aiprov's hooks; an existing hook is kept and chained, never overwritten.

    Per repository: into the repository's hooks directory; a hook already there is renamed
    ``<name>.pre-aiprov`` and run first. Global (``global_``): into ``<home>/hooks`` and
    ``core.hooksPath`` is pointed there; a previous global hooks directory and each
    repository's own ``.git/hooks`` keep running, chained. Either way notes.rewriteRef is set
    so that amend and rebase carry the notes.
    """
    python = python or sys.executable
    if global_:
        if home is None:
            raise GitError("global hook install needs the aiprov home directory")
        target = home / "hooks"
        target.mkdir(parents=True, exist_ok=True)
        previous = config_get(None, "core.hooksPath", global_=True)
        prev_dir = None
        if previous and Path(previous).expanduser().resolve() != target.resolve():
            prev_dir = Path(previous).expanduser()
            (target / "previous-hooks-path").write_text(previous + "\n", encoding="utf-8")
    else:
        if repo is None:
            raise GitError("repository hook install needs a repository")
        target = hooks_dir(repo)
        target.mkdir(parents=True, exist_ok=True)
        prev_dir = None
    states = []
    for name in HOOK_NAMES:
        path = target / name
        chained_path = target / (name + CHAINED_SUFFIX)
        if path.exists() and not _is_ours(path):
            if chained_path.exists():
                raise GitError(f"{path} and {chained_path} both exist; merge them by hand, "
                               "then run aiprov hooks install again")
            os.replace(path, chained_path)
        # the script's own directory without running dirname: one process less per hook
        chain = ['"$aiprov_dir/' + name + CHAINED_SUFFIX + '"']
        if prev_dir is not None:
            chain.append(shlex.quote(str(prev_dir / name)))
        _write_hook(path, hook_script(name, python, chain, global_))
        states.append(HookState(name, path, True,
                                str(chained_path) if chained_path.exists() else None))
    if global_:
        config_set(None, "core.hooksPath", str(target), global_=True)
        configure_notes_rewrite(None, global_=True)
    else:
        assert repo is not None
        configure_notes_rewrite(repo)
        notesync.configure_remotes(repo)
    return states


def uninstall_hooks(repo: Path | None, *, global_: bool = False,
                    home: Path | None = None) -> list[HookState]:
    """Remove aiprov's hooks and put back the hooks they chained."""
    if global_:
        if home is None:
            raise GitError("global hook uninstall needs the aiprov home directory")
        target = home / "hooks"
        prev_file = target / "previous-hooks-path"
        if config_get(None, "core.hooksPath", global_=True) == str(target):
            if prev_file.is_file():
                config_set(None, "core.hooksPath", prev_file.read_text().strip(), global_=True)
            else:
                config_unset(None, "core.hooksPath", global_=True)
    else:
        if repo is None:
            raise GitError("repository hook uninstall needs a repository")
        target = hooks_dir(repo)
        notesync.unconfigure_remotes(repo)
    states = []
    for name in HOOK_NAMES:
        path, chained = target / name, target / (name + CHAINED_SUFFIX)
        if path.exists() and _is_ours(path):
            path.unlink()
            if chained.exists():
                os.replace(chained, path)
        states.append(HookState(name, path, False, None))
    return states


def hooks_status(repo: Path) -> list[HookState]:
    """Which aiprov hooks git will run in ``repo`` (through core.hooksPath or .git/hooks)."""
    target = hooks_dir(repo)
    out = []
    for name in HOOK_NAMES:
        path, chained = target / name, target / (name + CHAINED_SUFFIX)
        out.append(HookState(name, path, path.exists() and _is_ours(path),
                             str(chained) if chained.exists() else None))
    return out


def configure_notes_rewrite(repo: Path | None, *, global_: bool = False) -> None:
    """Make amend and rebase carry the aiprov note to the rewritten commit.

    git then copies the old note onto the new commit; the post-rewrite hook checks it
    against the new commit's content and rebuilds it when the content changed.
    """
    current = git.run(repo, "config", *(["--global"] if global_ else []), "--get-all",
                   "notes.rewriteRef", check=False).stdout.split()
    if NOTES_REF not in current:
        git.run(repo, "config", *(["--global"] if global_ else []), "--add", "notes.rewriteRef",
             NOTES_REF)
    git.config_set(repo, "notes.rewrite.amend", "true", global_=global_)
    git.config_set(repo, "notes.rewrite.rebase", "true", global_=global_)
