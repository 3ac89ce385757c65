"""What is running: the package version, the git revision when run from a checkout, Python.

Shown by ``aiprov --version`` and in ``aiprov status --format json`` so that a bug report or
a monitor can say exactly which build answered.
"""

from __future__ import annotations

import platform
import subprocess
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def version_info() -> dict[str, Any]:
    try:
        version = metadata.version("aiprov")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        version = "unknown"
    return {"aiprov": version, "revision": _revision(ROOT),
            "python": platform.python_version()}


def _revision(root: Path) -> str | None:
    """``<short sha>`` (``+modified`` when tracked files changed) if ``root`` is a checkout."""
    if not (root / ".git").exists():  # a directory, or a file in a worktree
        return None
    try:
        sha = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root,
                             capture_output=True, text=True, timeout=5)
        if sha.returncode != 0:
            return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=root, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return sha.stdout.strip() + ("+modified" if dirty.stdout.strip() else "")


def version_line() -> str:
    v = version_info()
    rev = f" (git {v['revision']})" if v["revision"] else ""
    return f"aiprov {v['aiprov']}{rev}, Python {v['python']}"
