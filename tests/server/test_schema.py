"""The schema the models declare is the schema the migrations build, on SQLite and
PostgreSQL; and the wire format carries every value column of the synced tables."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from aiprov.server.wire import CommitIn, ExchangeIn, FindingIn, SnippetIn
from store import db
from store.models import CommitRow, ExchangeRow, FindingRow, LineRow, SnippetRow
from tests.server.conftest import org_db  # noqa: F401 - a fresh database per backend


def test_migrations_build_what_the_models_declare(org_db: str) -> None:  # noqa: F811
    engine = db.make_engine(org_db)
    try:
        db.upgrade(engine)
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                         "compare_server_default": True})
            diff = compare_metadata(ctx, SQLModel.metadata)
    finally:
        engine.dispose()
    assert diff == [], "models and migrations differ: add a revision (store/migrations)"


# columns only the store has: storage ids, where a row sits, when it was synced
STORAGE_ONLY = {
    ExchangeRow: {"synced_at"},
    SnippetRow: {"id", "exchange_id", "developer", "repo"},
    CommitRow: {"id", "synced_at"},
    FindingRow: {"id", "source", "source_id"},
}


@pytest.mark.parametrize(("row", "wire", "wire_only"), [
    (ExchangeRow, ExchangeIn, {"snippets"}), (SnippetRow, SnippetIn, {"fingerprints"}),
    (CommitRow, CommitIn, {"lines"}), (FindingRow, FindingIn, {"id"}),
], ids=["exchange", "snippet", "commit", "finding"])
def test_wire_carries_every_value_column(row: Any, wire: Any, wire_only: set[str]) -> None:
    """A column added to a table class rather than its Base would not sync: say so."""
    columns = set(row.__table__.c.keys()) - STORAGE_ONLY[row]
    assert columns == set(wire.model_fields) - wire_only


def test_line_tuple_has_a_place_for_every_value_column() -> None:
    """The wire's line is a tuple (path, lineno, origin, confidence, exchange_id,
    snippet_ordinal, language): LineRow's value columns, its snippet by ordinal."""
    values = set(LineRow.__table__.c.keys()) - {"id", "commit_id", "snippet_id"}
    assert values == {"path", "lineno", "origin", "confidence", "exchange_id", "language"}
