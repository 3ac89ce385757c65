"""Helpers for benchmarks: start servers as separate processes, wait for ports, read RSS."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


@contextmanager
def process(cmd: list[str], port: int, env: dict[str, str] | None = None,
            log: Path | None = None, timeout: float = 60.0,
            cpus: set[int] | None = None) -> Iterator[subprocess.Popen]:
    """Run ``cmd`` until the block ends; ``cpus`` pins it (and its children) to those CPUs."""
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115

    def pin() -> None:
        if cpus:
            os.sched_setaffinity(0, cpus)

    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=out,
                            stderr=subprocess.STDOUT, cwd=ROOT, preexec_fn=pin)
    try:
        wait_port(port, timeout)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()  # type: ignore[union-attr]


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        kids = (task / "children").read_text().split()
        out += [int(k) for k in kids]
    return out


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the recorder child too)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += _rss_kb(p)
            todo += _children(p)
        except OSError:
            continue
    return total / 1024


def python() -> str:
    return sys.executable
