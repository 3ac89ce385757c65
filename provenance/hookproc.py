"""What every hook process shares, with nothing but built-in modules imported.

The hook (``provenance.hook``), its client (``provenance.hookclient``) and the warm hook
server (``provenance.hookserver``) all need these things; keeping them here lets the
imports run one way only: server -> client -> hook -> hookproc, never back.
"""

from __future__ import annotations

import os
import sys

PPID_ENV = "AIPROV_HOOK_PPID"  # the hook's parent (git) for a run inside the server


def exit_now(code: int) -> None:
    """Leave without the interpreter's orderly shutdown: freeing every module and object
    (tree-sitter trees, compiled patterns, caches) took ~20 ms after a hook's work was
    done, on the commit's path. Everything a hook writes is closed by then (files in
    ``with`` blocks, the store connection, git subprocesses waited for); only the standard
    streams need flushing."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def timing_line(name: str, argv_rest: list[str] | tuple[str, ...], wall: float, cpu: float,
                note: str = "") -> str:
    """One ``AIPROV_HOOK_TIMING`` line, the same for the hook client and for ``provenance.hook``:
    wall and CPU seconds as milliseconds; a save names its commit (its first argument after the
    repository), as the benchmark finds a detached save's line by it."""
    commit = f" [{argv_rest[1][:12]}]" if name.startswith("save") and len(argv_rest) > 1 else ""
    return f"aiprov: {name} took {1000 * wall:.1f} ms, cpu {1000 * cpu:.1f} ms{note}{commit}\n"
