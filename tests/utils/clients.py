"""What a real assistant runs with in the tests: a home of its own, the caller's PATH and git
identity, nothing else of the developer's environment (no keys, no proxy settings)."""

from __future__ import annotations

import os
from pathlib import Path


def client_env(tmp: Path, **extra: str) -> dict[str, str]:
    home = tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    return {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8",
            "GIT_CONFIG_GLOBAL": os.environ.get("GIT_CONFIG_GLOBAL", ""),
            "GIT_CONFIG_NOSYSTEM": "1",
            # a hook server an agent's hook or commit starts inside the test exits soon after
            # (the autouse fixture's short idle), not 15 minutes after the suite
            "AIPROV_HOOK_SERVER_IDLE": os.environ.get("AIPROV_HOOK_SERVER_IDLE", "30"), **extra}
