"""Regenerate the initial migration from ``store.models`` (pre-release only).

Until the first release no database outside a test exists, so the schema is one
revision, ``0001``, rebuilt from the models with ``python -m store.migrations.regen``.
After a release, add revisions instead (``alembic revision --autogenerate``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

HERE = Path(__file__).parent


def main() -> None:
    for old in (HERE / "versions").glob("0001_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Config()
        cfg.set_main_option("script_location", str(HERE))
        cfg.set_main_option("sqlalchemy.url", f"sqlite:///{tmp}/empty.db")
        command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")


if __name__ == "__main__":
    main()
