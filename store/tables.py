"""The Core tables behind the models, one short name each, for the modules that read and
write many rows at once without the ORM (ingest, the report rollup, report queries)."""

from __future__ import annotations

from sqlalchemy import Table

from store.models import (
    CommitRow,
    ExchangeRow,
    FindingRow,
    FingerprintRow,
    LineRow,
    PullRequestRow,
    ReportRollupOrgRow,
    ReportRollupRow,
    SnippetRow,
    TeamMemberRow,
)

E: Table = ExchangeRow.__table__  # type: ignore[attr-defined]
S: Table = SnippetRow.__table__  # type: ignore[attr-defined]
FP: Table = FingerprintRow.__table__  # type: ignore[attr-defined]
C: Table = CommitRow.__table__  # type: ignore[attr-defined]
L: Table = LineRow.__table__  # type: ignore[attr-defined]
F: Table = FindingRow.__table__  # type: ignore[attr-defined]
P: Table = PullRequestRow.__table__  # type: ignore[attr-defined]
T: Table = TeamMemberRow.__table__  # type: ignore[attr-defined]
R: Table = ReportRollupRow.__table__  # type: ignore[attr-defined]
RO: Table = ReportRollupOrgRow.__table__  # type: ignore[attr-defined]

__all__ = ["C", "E", "F", "FP", "L", "P", "R", "RO", "S", "T"]
