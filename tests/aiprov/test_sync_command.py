"""`aiprov sync` pushes a backlog in passes (the progress bar moves between them), adds up
what each pass sent, and maps a failure to its exit code."""

from __future__ import annotations

import pytest

from aiprov import cli, sync
from aiprov.settings import get_settings


class FakeSyncer:
    """Stands in for the network: ``backlog`` records, 10 per batch."""

    def __init__(self, backlog: int, error: str | None = None) -> None:
        self.left, self.error, self.base, self.calls = backlog, error, "http://org.test", []

    def pending(self) -> int:
        return self.left

    def run_once(self, max_batches: int | None = None) -> sync.SyncResult:
        assert max_batches is not None  # bounded passes, so progress can be shown
        self.calls.append(max_batches)
        batches = min(max_batches, -(-self.left // 10))
        sent = min(self.left, batches * 10)
        self.left -= sent
        error = self.error if self.left and len(self.calls) == 2 else None
        return sync.SyncResult(exchanges=sent, batches=batches, pending=self.left,
                               mode="redacted", error=error)


@pytest.mark.parametrize(("error", "code"), [(None, 0),
                                             ("cannot reach the org server at x", 3),
                                             ("the org server refused the token (...)", 2),
                                             ("server answered 500: boom", 1)])
def test_a_backlog_goes_in_passes_and_failures_have_their_code(error, code, monkeypatch,
                                                               capsys):
    fake = FakeSyncer(backlog=345, error=error)
    monkeypatch.setattr(sync, "Syncer", lambda settings, interval: fake)
    monkeypatch.setenv("AIPROV_SERVER_URL", "http://org.test")
    get_settings.cache_clear()
    assert cli.run(["sync"]) == code
    out = capsys.readouterr()
    if error is None:
        assert len(fake.calls) == 4  # 100 + 100 + 100 + 45
        assert "sent 345 exchanges" in out.out and "in 35 batches" in out.out
        assert "345 of 345 records" in out.err
    else:
        assert len(fake.calls) == 2 and error in out.err and "sent 200 exchanges" in out.out
