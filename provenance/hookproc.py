"""What every hook process shares, with nothing but built-in modules imported.

The hook (``provenance.hook``), its client (``provenance.hookclient``) and the warm hook
server (``provenance.hookserver``) all need these two things; keeping them here lets the
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
