"""One release fetched from a package registry (PyPI or npm) for the benchmarks built from
code nobody here wrote (``_real_edits`` and ``review_realapps``): ``pip download`` or
``npm pack`` into a temporary folder under ``dest``, the single file it gives moved into
``dest``. Callers check the pinned SHA-256 themselves (they keep their own caches)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


class FetchError(RuntimeError):
    """A release could not be fetched, or is not the pinned one."""


def fetch_release(registry: str, package: str, version: str, dest: Path, *,
                  sdist: bool = False) -> Path:
    """``registry`` is ``pypi`` (a wheel, or the sdist when ``sdist``) or ``npm`` (the
    tarball ``npm pack`` gives); returns the file's path in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest) as tmp:
        if registry == "pypi":
            form = ["--no-binary", ":all:"] if sdist else ["--only-binary=:all:"]
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", *form,
                   "--no-cache-dir", "--quiet", "--dest", tmp, f"{package}=={version}"]
        else:
            if not shutil.which("npm"):
                raise FetchError(f"npm is not installed: {package} needs `npm pack`")
            cmd = ["npm", "pack", "--loglevel=error", "--pack-destination", tmp,
                   f"{package}@{version}"]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
        got = sorted(Path(tmp).iterdir())
        if r.returncode != 0 or len(got) != 1:
            raise FetchError(f"fetching {package} {version} failed: "
                             f"{(r.stderr or r.stdout).strip()[-300:]}")
        target = dest / got[0].name
        shutil.move(got[0], target)
        return target
