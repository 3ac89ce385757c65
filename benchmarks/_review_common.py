"""What the review benchmarks share: how a case falls into a half, and how bandit is run.

One place for both, so that every benchmark splits the same way and counts bandit the same way.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


def half_of(key: str, first: str = "tuning") -> str:
    """The half a case belongs to, by the first byte of the SHA-256 of its key: even -> ``first``
    (named "tuning" or "dev" by the benchmark), odd -> "held-out". Fixed before any rule saw it."""
    return first if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "held-out"


@dataclass(frozen=True)
class BanditHit:
    path: Path  # resolved
    cwe: int  # 0 when bandit names none
    line: int
    severity: str  # LOW, MEDIUM, HIGH


def _hit(path: str, cwe: object, line: int, severity: str) -> BanditHit:
    return BanditHit(Path(path).resolve(), int(cwe or 0), line, severity)


def bandit_tree(tree: Path, timeout: float = 1200) -> list[BanditHit]:
    """bandit's command line over a folder, every severity: what a user of bandit would run."""
    exe = Path(sys.executable).with_name("bandit")
    proc = subprocess.run([str(exe), "-r", str(tree), "-f", "json", "-q"],
                          capture_output=True, text=True, check=False, timeout=timeout)
    return [_hit(r["filename"], (r.get("issue_cwe") or {}).get("id"), r["line_number"],
                 r["issue_severity"]) for r in json.loads(proc.stdout)["results"]]


class BanditInProcess:
    """bandit's own manager, one per file, in this process: for timing beside aiprov under the
    same load (no process start on either side)."""

    def __init__(self) -> None:
        from bandit.core import config as b_config

        self.conf = b_config.BanditConfig()

    def file(self, path: Path) -> list[BanditHit]:
        from bandit.core import manager as b_manager

        mgr = b_manager.BanditManager(self.conf, "file", quiet=True)
        mgr.discover_files([str(path)])
        mgr.run_tests()
        return [_hit(i.fname, i.cwe.id if i.cwe else 0, i.lineno, i.severity)
                for i in mgr.get_issue_list()]
