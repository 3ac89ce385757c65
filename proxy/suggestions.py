"""The recorder's review of each suggestion: the snippets of a batch of recorded exchanges
cut once, each reviewed as AI-written code, and the findings made ready to store.

Runs in the recorder's consumer (a child process by default), never on the relay's path:
the client's answer went out before the exchange reached the spool this batch is read from.
The snippets come from the exchange as recorded, so already redacted; the finding's quote
and message pass through ``proxy.redact`` once more before they are stored, like everything
else the recorder writes. A review that fails on one snippet is logged and counted
(``review_errors``) and costs neither the other snippets nor the record. A snippet is
reviewed up to ``reviewer.suggestion.MAX_LINES`` lines / ``MAX_BYTES`` bytes (counted as
``review_capped`` when cut). Judgement hints are counted (``review_hints``), never stored as
findings.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from provenance.model import Snippet
from proxy.exchange import Exchange

log = logging.getLogger("aiprov.recorder")


@dataclass
class Reviewed:
    """A batch's snippets (by exchange id, for the index), the finding rows to store and
    the counts of what the review did."""

    snippets: dict[str, list[Snippet]] = field(default_factory=dict)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by exchange id
    errors: int = 0
    capped: int = 0
    hints: int = 0


WARM_GRAMMARS = ("python", "javascript", "typescript", "go", "java")


def warm_review(grammar: str) -> None:
    """Compile one rule pack now, while the recorder is idle, so the first recorded
    suggestion in that language does not pay for it: a commit hook waits for the recorder to
    catch up (``provenance.hook.await_recorder``, bounded), and an agent that commits right
    after its first answer (aider) would otherwise find that answer not yet stored. One pack
    per idle moment, never beside a record: a compile holds the GIL for up to a second, and
    a thread compiling all packs at start held back the first record behind every pack (15 s
    and more on a loaded machine)."""
    from reviewer.rules import load_pack

    try:
        load_pack(grammar)
    except Exception as exc:  # noqa: BLE001 - the review says so when it needs the pack
        log.warning("could not compile the %s rule pack: %r", grammar, exc)


def review_exchanges(exchanges: Sequence[Exchange], *, review: bool = True) -> Reviewed:
    """Cut every exchange into snippets and, with ``review``, review each snippet."""
    from provenance.snippets import extract_exchange
    from proxy.redact import redact
    from reviewer.model import AI, Origin
    from reviewer.suggestion import review_snippet
    from store.findings import suggestion_rows

    out = Reviewed()
    for ex in exchanges:
        try:
            snippets = extract_exchange(ex)
        except Exception as exc:  # noqa: BLE001 - the index tries again and says so
            log.warning("snippets of %s: %r", ex.id, exc)
            continue
        out.snippets[ex.id] = snippets
        if not review or not snippets:
            continue
        origin = Origin(label=AI, tool=ex.identity.tool,
                        model=ex.response.model or ex.request.model,
                        time=datetime.fromtimestamp(ex.started_at, UTC).isoformat(),
                        exchange_id=ex.id)
        rows: list[dict[str, Any]] = []
        for sn in snippets:
            try:
                got = review_snippet(sn, origin)
                findings = [replace(f, quote=redact(f.quote),
                                    replacement=redact(f.replacement) if f.replacement else None)
                            for f in got.findings]
                found = suggestion_rows(ex, sn, findings)
                for row in found:
                    row["message"] = redact(row["message"])
            except Exception as exc:  # noqa: BLE001 - one snippet must not cost the record
                out.errors += 1
                log.warning("review of snippet %d of %s failed: %r", sn.ordinal, ex.id, exc)
                continue
            out.capped += got.capped
            out.hints += len(got.hints)
            rows.extend(found)
        if rows:
            out.rows[ex.id] = rows
    return out
