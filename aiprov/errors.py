"""Errors a person can act on.

    AiprovError                 one line: what is wrong and what to do (exit 1)
    ├── ConfigError             bad setting or config file (exit 2)
    ├── StoreError              database unreachable or not migrated
    ├── UpstreamError           the LLM API could not be reached
    └── GitError                git failed or this is not a repository

The CLI prints ``aiprov: <message>`` and exits; nothing else escapes as a traceback.
"""

from __future__ import annotations


class AiprovError(Exception):
    exit_code = 1


class ConfigError(AiprovError):
    exit_code = 2


class StoreError(AiprovError):
    pass


class UpstreamError(AiprovError):
    pass


class GitError(AiprovError):
    pass
