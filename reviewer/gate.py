"""Pre-commit gate: review the staged AI-origin hunks, warn, or block when the policy says.

    python -m reviewer.gate            (from a pre-commit hook)

Review at commit time is opted into per repository with ``.aiprov/policy.toml``: with
``block = true`` this gate attributes and reviews the staged change and can block; with
``block = false`` the prepare-commit-msg hook reviews the AI-origin lines with the
attribution it computes anyway and only warns. Without a policy file commits pay nothing
for review: the post-commit background save reviews each commit and stores its findings.

Prints the findings on stderr. Exit 1 (commit blocked) only when the repository's policy
has ``block = true`` and a finding reaches ``fail_on``; a one-time override is
``AIPROV_REVIEW_OVERRIDE="<reason>" git commit ...`` (the reason is echoed so that it shows
in the terminal log). Any internal error prints one line and exits 0: a broken reviewer
must not stop people from committing. Light imports only (no typer, pydantic, SQLAlchemy,
litellm).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reviewer.model import Finding
    from reviewer.policy import Policy

OVERRIDE_ENV = "AIPROV_REVIEW_OVERRIDE"


def run(repo: Path) -> tuple[int, str]:
    """(exit code, message) for the staged change in ``repo``."""
    from provenance import git
    from provenance.pipeline import light_settings
    from reviewer.policy import POLICY_PATH, load_policy
    from reviewer.run import review_change, staged_change
    from reviewer.text import render

    root = git.repo_root(repo)
    if not (root / POLICY_PATH).is_file():
        return 0, ""
    policy = load_policy(root)
    if not policy.block:  # warn mode: prepare-commit-msg reviews with its own attribution
        return 0, ""
    findings = review_change(staged_change(root, light_settings()), policy, ai_only=True)
    return decide(findings, policy, os.environ.get(OVERRIDE_ENV, ""), render)


def decide(findings: list[Finding], policy: Policy, override: str,
           render: Callable[[list[Finding]], str]) -> tuple[int, str]:
    """Warn about every finding; block only in block mode, on a finding at ``fail_on`` or
    above, and not when a one-time override reason is given."""
    if not findings:
        return 0, ""
    msg = "aiprov review (AI-origin lines):\n" + render(findings)
    from reviewer.model import failing as failing_of

    failing = failing_of(findings, policy.fail_on)  # judgement hints never block
    if not (policy.block and failing):
        return 0, msg
    reason = override.strip()
    if reason:
        return 0, msg + f"aiprov: commit allowed by {OVERRIDE_ENV} ({reason!r})\n"
    return 1, msg + (
        f"aiprov: commit blocked: {len(failing)} finding(s) at or above {policy.fail_on} in "
        f"AI-origin code (policy block = true).\n"
        f"Fix them, or override once: {OVERRIDE_ENV}=\"<reason>\" git commit ...\n")


def main() -> int:
    try:
        code, msg = run(Path.cwd())
    except Exception as exc:  # noqa: BLE001 - never break commits on our own failure
        sys.stderr.write(f"aiprov review skipped: {exc}\n")
        return 0
    if msg:
        sys.stderr.write(msg)
    return code


if __name__ == "__main__":
    sys.exit(main())
