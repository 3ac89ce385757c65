"""What an agent's hook reported, in the store: the write as an exchange with its snippets,
and the findings of the written region as ``stage = "write"`` rows (or, where a recorded
suggestion of the developer had the same code, as that suggestion accepted:
``store.findings.record_write``).

``reviewer.guardrun`` builds both (redacted) from the guard spool; this module only stores
them, in the caller's transaction. Idempotent: the exchange id is a function of the hook
event (``provenance.agentwrite.exchange_id``), and a report whose exchange is already stored
adds nothing, findings included, so a spool file stored twice records once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from proxy.exchange import Exchange
from reviewer.model import AI
from store import exchanges as store_exchanges
from store.findings import record_write
from store.models import FindingRow
from store.provenance import index_exchanges

WRITE_STAGE = "write"


def finding_row(values: Mapping[str, Any], exchange_id: str, at: datetime) -> FindingRow:
    """One write-stage finding: found and accepted (on disk) at the hook's time."""
    return FindingRow(
        repo=values.get("repo") or "", path=values["path"], line=int(values["line"]),
        rule_id=values["rule_id"], cwe=values.get("cwe"), severity=values["severity"],
        confidence=values["confidence"], origin=AI, exchange_id=exchange_id,
        message=values.get("message", ""), fingerprint=values.get("fingerprint", ""),
        found_at=at, stage=WRITE_STAGE, code_fp=values.get("code_fp", ""),
        developer=values.get("developer", ""), tool=values.get("tool", ""),
        model=values.get("model", ""), accepted_at=at)


def save(session: Session, exchange: Exchange, findings: Iterable[Mapping[str, Any]]) -> bool:
    """Store one hook report (the caller commits); False when it was stored before."""
    saved = store_exchanges.save(session, [exchange])
    if not saved:
        return False
    index_exchanges(session, saved)
    at = datetime.fromtimestamp(exchange.started_at, UTC)
    for f in findings:  # an accepted suggestion stays one finding (its row gains the write)
        record_write(session, finding_row(f, exchange.id, at))
    return True
