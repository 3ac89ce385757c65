"""The tree stays ruff-clean, mypy-clean and inside its layers (settings and import-linter
contracts in pyproject.toml)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean():
    ruff = Path(sys.executable).with_name("ruff")
    r = subprocess.run([str(ruff), "check", "--no-cache", "."], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-4000:]


@pytest.mark.timeout(900)  # a cold mypy run takes about two minutes on two CPUs
def test_mypy_is_clean(tmp_path):
    """The packages type-check (settings in pyproject.toml); the cache lives in the test's
    temp dir so a stale one from another checkout never hides an error."""
    r = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache")],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-4000:]


def test_import_layers_hold():
    """The import-linter contracts of pyproject.toml (ARCHITECTURE.md "Layers, checked"): the
    cores import no git, store or settings, the hook processes form no cycle."""
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([str(lint), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True,
                       text=True, timeout=120, env=env)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    assert "0 broken" in r.stdout
