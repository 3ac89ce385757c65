"""Real assistants, pinned and installed by the tests themselves (never shipped).

Node clients (Claude Code, Codex CLI, Gemini CLI, Continue's CLI ``cn``) come from ``package-lock.json`` via ``npm ci``; aider
from the hash-locked ``requirements-aider.lock`` into its own venv. Both are cached under
``~/.cache/aiprov-test-clients`` keyed by the lock files' hash. Outside CI a machine
without npm skips these tests; in CI (CI=true) a failed install fails them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.utils.stack import fake, stack  # noqa: F401  (fixtures)

HERE = Path(__file__).parent
CACHE = Path(os.environ.get("AIPROV_CLIENTS_CACHE",
                            Path.home() / ".cache" / "aiprov-test-clients"))


def _unavailable(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(why)
    pytest.skip(why)


def _digest(*files: Path) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


@pytest.fixture(scope="session")
def node_bin() -> Path:
    """node_modules/.bin with claude, codex, gemini and cn."""
    if not shutil.which("npm"):
        _unavailable("npm is not installed")
    lock = HERE / "package-lock.json"
    target = CACHE / f"node-{_digest(HERE / 'package.json', lock)}"
    bin_dir = target / "node_modules" / ".bin"
    if not all((bin_dir / name).exists() for name in ("claude", "codex", "gemini", "cn")):
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(HERE / "package.json", target)
        shutil.copy(lock, target)
        r = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                           cwd=target, capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            _unavailable(f"npm ci failed: {r.stderr[-2000:]}")
    return bin_dir


@pytest.fixture(scope="session")
def aider_bin() -> Path:
    lock = HERE / "requirements-aider.lock"
    venv = CACHE / f"aider-{_digest(lock)}"
    exe = venv / "bin" / "aider"
    if not exe.exists():
        r = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True,
                           text=True, timeout=120)
        if r.returncode == 0:
            r = subprocess.run([str(venv / "bin" / "pip"), "install", "-q",
                                "--disable-pip-version-check", "--require-hashes", "--no-deps",
                                "-r", str(lock)], capture_output=True, text=True, timeout=900)
        if r.returncode != 0 or not exe.exists():
            shutil.rmtree(venv, ignore_errors=True)
            _unavailable(f"aider install failed: {r.stderr[-2000:]}")
    return exe
