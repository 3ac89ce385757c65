"""bin/dev's own usage paths (they never set up the venv)."""

from __future__ import annotations

import subprocess
from pathlib import Path

DEV = Path(__file__).resolve().parents[2] / "bin" / "dev"


def _dev(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(DEV), *args], capture_output=True, text=True, timeout=30)


def test_no_argument_prints_the_usage_only():
    r = _dev()
    assert r.returncode == 0 and "bin/dev bench NAME" in r.stdout
    assert "set -euo" not in r.stdout + r.stderr and "#" not in r.stdout


def test_bench_without_a_name_lists_the_benchmarks():
    r = _dev("bench")
    assert r.returncode == 2 and "unbound variable" not in r.stderr
    assert "which benchmark?" in r.stderr and "  proxy_overhead" in r.stderr
    assert "_procs" not in r.stderr  # helpers are not benchmarks
    r = _dev("bench", "no_such_bench")
    assert r.returncode == 2 and "no benchmarks/no_such_bench.py" in r.stderr


def test_an_unknown_command_is_a_usage_error():
    r = _dev("frobnicate")
    assert r.returncode == 2 and "unknown command 'frobnicate'" in r.stderr
