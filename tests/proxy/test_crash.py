"""Crash test: a real proxy process under load, SIGKILLed at random points (the relay, and
its recorder child then the relay), restarted; every exchange a client read in full is in the
store exactly once. ``benchmarks/crash_recovery.py`` runs the same code for many rounds."""

from __future__ import annotations

import random

from benchmarks.crash_recovery import run


def test_sigkill_of_proxy_and_recorder_loses_and_duplicates_nothing(tmp_path):
    seed = random.randrange(1 << 30)
    tally, lost, duplicated, st, stored = run(2, seed, tmp_path, kinds=("recorder", "proxy"))
    where = f"seed {seed}, logs in {tmp_path}"
    assert len(tally.received) > 20, where  # the load really ran before each kill
    assert tally.kills == {"recorder": 1, "proxy": 1}, where
    assert (lost, duplicated) == (0, 0), where
    assert set(tally.received) <= set(stored), where
    # the counters survived three starts: everything stored was counted as recorded
    assert st["recorded"] >= sum(stored.values()), where
