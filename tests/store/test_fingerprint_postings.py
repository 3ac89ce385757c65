"""``DbapiSnippetIndex.postings``: a whole commit's lookup in one query, on both stores."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from provenance import fingerprint
from provenance.model import Snippet
from store import db
from store.models import FingerprintRow
from store.provenance import SqlSnippetIndex, index_snippets
from tests.provenance.gitrepo import FIB, PARSE
from tests.store.test_provenance_store import _exchange, _save

NOW = datetime.now(UTC)


def test_postings_answer_every_hash_in_scope(db_url: str) -> None:
    dev = f"dev-{uuid.uuid4().hex[:8]}@example.com"  # the PostgreSQL database is shared
    _save(db_url, _exchange(f"ex_fib_{dev}", FIB, developer=dev),
          _exchange(f"ex_parse_{dev}", PARSE, developer=dev),
          _exchange(f"ex_other_{dev}", FIB, developer="other-" + dev))
    fib = {fp.hash for fp in fingerprint.fingerprints(FIB, "python")}
    parse = {fp.hash for fp in fingerprint.fingerprints(PARSE, "python")}
    with db.session(db_url) as s:
        idx = SqlSnippetIndex(s, developer=dev, repo="github.com/org/demo",
                              since=NOW - timedelta(days=1))
        got = idx.postings(fib | parse | {12345})
        assert set(got) == fib | parse  # a hash nobody has is absent
        owners = {sid for ids in got.values() for sid in ids}
        idx.prefetch(owners)
        by_exchange = {idx.get(sid).exchange_id: sid for sid in owners}  # type: ignore[union-attr]
        assert set(by_exchange) == {f"ex_fib_{dev}", f"ex_parse_{dev}"}  # not the other dev's
        fib_id = by_exchange[f"ex_fib_{dev}"]
        assert {h for h, ids in got.items() if fib_id in ids} == fib
        assert all(len(ids) == len(set(ids)) for ids in got.values())
        assert idx.postings([]) == {}


def test_postings_leave_out_the_most_common_hashes_first(db_url: str) -> None:
    dev = f"dev-{uuid.uuid4().hex[:8]}@example.com"
    _save(db_url, _exchange(f"ex_c_{dev}", FIB, developer=dev))
    common, rare = 2**62 + 17, 2**62 + 18
    with db.session(db_url) as s:
        rows = index_snippets(s, f"ex_c_{dev}", [Snippet(f"x = {i}\n", "fence", "python",
                                                         ordinal=i) for i in range(1, 6)],
                              created_at=NOW, developer=dev, repo=None)
        for row in rows:
            s.add(FingerprintRow(hash=common, snippet_id=row.id, line=1))
        s.add(FingerprintRow(hash=rare, snippet_id=rows[0].id, line=1))
        s.commit()
        idx = SqlSnippetIndex(s, developer=dev, repo=None, since=None)
        assert set(idx.postings([common, rare])) == {common, rare}
        assert idx.postings([common, rare], budget=3) == {rare: [str(rows[0].id)]}
