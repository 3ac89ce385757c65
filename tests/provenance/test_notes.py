from __future__ import annotations

from datetime import UTC, datetime

from provenance import agent_trace, notes
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, Evidence, FileDiff, LineOrigin

DIFF = FileDiff(path="src/app.py", added=tuple(
    AddedLine(i, t) for i, t in enumerate(
        ["import os", "def load(path):", "    with open(path) as f:", "        return f.read()",
         "x = 1"], start=1)))


def _ev(line: int, sim: float = 1.0) -> tuple[Evidence, ...]:
    return (Evidence("42", "ex_1", line, sim),)


ORIGINS = [
    LineOrigin("src/app.py", 1, HUMAN, 0.9),
    LineOrigin("src/app.py", 2, AI, 0.95, _ev(1)),
    LineOrigin("src/app.py", 3, AI, 0.93, _ev(2)),
    LineOrigin("src/app.py", 4, AI_EDITED, 0.8, _ev(3, 0.7)),
    LineOrigin("src/app.py", 5, HUMAN, 0.9),
]
DETAILS = {"ex_1": {"tool": "claude-code", "model": "claude-sonnet-4-5",
                    "started_at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)}}


def test_build_round_trip() -> None:
    note = notes.build([DIFF], ORIGINS, details=DETAILS, skipped={}, commit="c" * 40,
                       tree="t" * 40, normaliser="fp1")
    assert note["schema"] == notes.SCHEMA
    assert note["summary"] == {"added": 5, "ai": 2, "ai_edited": 1, "human": 2, "deleted": 0,
                               "skipped_files": 0}
    assert note["tools"] == [{"tool": "claude-code", "model": "claude-sonnet-4-5"}]
    ranges = note["files"][0]["ranges"]
    assert [(r["start"], r["end"], r["origin"]) for r in ranges] == [
        (1, 1, HUMAN), (2, 3, AI), (4, 4, AI_EDITED), (5, 5, HUMAN)]
    assert ranges[1]["at"] == "2026-01-02T03:04:05Z" and len(ranges[1]["hashes"]) == 2
    parsed = notes.loads(notes.dumps(note))
    assert parsed == note
    back = {(o.lineno, o.origin, o.evidence[0].snippet_line if o.evidence else None)
            for o in notes.origins(parsed)}
    assert back == {(1, HUMAN, None), (2, AI, 1), (3, AI, 2), (4, AI_EDITED, 3), (5, HUMAN, None)}


def test_loads_ignores_concatenated_copy_and_foreign_notes() -> None:
    note = notes.build([DIFF], ORIGINS, details=DETAILS)
    assert notes.loads(notes.dumps(note) + "\n" + notes.dumps({"schema": "x"})) == note
    assert notes.loads("just a human note") is None
    assert notes.loads('{"schema": "other/1"}') is None


def test_carry_over_by_line_content() -> None:
    old = notes.build([DIFF], ORIGINS, details=DETAILS)
    # the rewritten commit adds the same lines, shifted and re-indented, now all "human"
    moved = FileDiff(path="src/app.py", added=tuple(
        AddedLine(i + 10, t) for i, t in enumerate(
            ["def load(path):", "    with   open(path) as f:", "x = 1", "}"])))
    humans = [LineOrigin("src/app.py", a.lineno, HUMAN, 0.9) for a in moved.added]
    out = notes.carry_over([moved], humans, notes.carry_index([old]))
    assert [o.origin for o in out] == [AI, AI, HUMAN, HUMAN]
    assert out[0].evidence[0].exchange_id == "ex_1"
    # a line that was already in the file before does not carry
    out = notes.carry_over([moved], humans, notes.carry_index([old]),
                           preexisting={"src/app.py": ["def load(path):"]})
    assert [o.origin for o in out] == [HUMAN, AI, HUMAN, HUMAN]


def test_agent_trace_record_shape() -> None:
    lock = FileDiff(path="yarn.lock", added=(AddedLine(1, "left-pad@1.3.0"),))
    note = notes.build([DIFF, lock], ORIGINS, details=DETAILS, skipped={"yarn.lock": "lockfile"})
    rec = agent_trace.record(note, repo_id="github.com/o/r", sha="a" * 40, committed_at=0)
    assert rec["version"] == "0.1" and rec["vcs"] == {"type": "git", "revision": "a" * 40}
    assert rec["timestamp"] == "1970-01-01T00:00:00Z"
    assert set(rec) == {"version", "id", "timestamp", "vcs", "tool", "files", "metadata"}
    convs = rec["files"][0]["conversations"]
    ai = [c for c in convs if c["contributor"]["type"] == "ai"][0]
    assert ai["url"] == "aiprov:exchange/ex_1"
    assert ai["contributor"]["model_id"] == "anthropic/claude-sonnet-4-5"
    assert ai["ranges"][0]["start_line"] == 2 and ai["ranges"][0]["end_line"] == 3
    assert ai["ranges"][0]["content_hash"].startswith("aiprov-sha1:")
    mixed = [c for c in convs if c["contributor"]["type"] == "mixed"][0]
    assert mixed["ranges"] == [{"start_line": 4, "end_line": 4,
                                "content_hash": mixed["ranges"][0]["content_hash"]}]
    assert rec["metadata"]["dev.aiprov"]["skipped"] == {"yarn.lock": "lockfile"}
    assert agent_trace.record(note, repo_id="github.com/o/r", sha="a" * 40,
                              committed_at=0)["id"] == rec["id"]  # stable id
    assert agent_trace.model_id("gpt-4.1") == "openai/gpt-4.1"
    assert agent_trace.model_id("openrouter/x") == "openrouter/x"


def _lines(note: dict) -> dict[tuple[str, int], str]:
    return {(o.path, o.lineno): o.origin for o in notes.origins(note)}


def test_merge_unions_two_developers_line_maps() -> None:
    """Each developer's store saw only their own suggestions: where one says AI and the
    other human, AI wins; lines only one note maps are kept; the summary is recounted."""
    alice = notes.build([DIFF], ORIGINS, details=DETAILS, commit="c" * 40, tree="t" * 40)
    other = FileDiff(path="src/other.py", added=(AddedLine(1, "print('bob was here')"),))
    bob_origins = [LineOrigin("src/app.py", n, HUMAN, 0.9) for n in range(1, 5)] + [
        LineOrigin("src/app.py", 5, AI, 0.9, (Evidence("7", "ex_bob", 1, 1.0),)),
        LineOrigin("src/other.py", 1, AI, 0.9, (Evidence("8", "ex_bob", 1, 1.0),))]
    bob = notes.build([DIFF, other], bob_origins, commit="c" * 40, tree="t" * 40,
                      details={"ex_bob": {"tool": "aider", "model": "gpt-5"}})
    merged = notes.merge(alice, bob)
    assert merged is not None
    assert _lines(merged) == {
        ("src/app.py", 1): HUMAN, ("src/app.py", 2): AI, ("src/app.py", 3): AI,
        ("src/app.py", 4): AI_EDITED, ("src/app.py", 5): AI, ("src/other.py", 1): AI}
    assert merged["summary"] == {"added": 6, "ai": 4, "ai_edited": 1, "human": 1,
                                 "deleted": 0, "skipped_files": 0}
    assert {(t["tool"], t["model"]) for t in merged["tools"]} == {
        ("claude-code", "claude-sonnet-4-5"), ("aider", "gpt-5")}
    # alice's AI range keeps its evidence and per-line hashes through the merge
    r = notes.range_at(merged, "src/app.py", 3)
    assert r is not None and r["exchange"] == "ex_1" and r["start"] == 2 and r["end"] == 3
    assert r["hashes"] == notes.range_at(alice, "src/app.py", 2)["hashes"]  # type: ignore[index]
    # the order does not matter, and merging again changes nothing
    assert _lines(notes.merge(bob, alice)) == _lines(merged)  # type: ignore[arg-type]
    again = notes.merge(merged, bob)
    assert again is not None and _lines(again) == _lines(merged)
    assert again["summary"] == merged["summary"]


def test_group_is_the_inverse_of_file_lines() -> None:
    note = notes.build([DIFF], ORIGINS, details=DETAILS)
    entry = note["files"][0]
    assert notes.group(notes.file_lines(entry)) == entry["ranges"]


def test_notes_tree_written_for_commits_this_clone_lacks(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The merged notes tree is written without ``git notes add`` (which wants each commit
    present): git reads it back whole, flat or fanned out past 256 notes."""
    from provenance import git, notesync
    from tests.provenance.gitrepo import make_repo

    repo = make_repo(tmp_path, monkeypatch)
    blob = repo.git("hash-object", "-w", "--stdin", input='{"schema":"aiprov.note/1"}\n'
                    ).stdout.strip()
    for n in (3, 300):
        objs = {f"{i:040x}"[::-1]: blob for i in range(n)}  # commits that exist nowhere
        tree = notesync._notes_tree_object(repo.path, objs)
        commit = repo.git("commit-tree", tree, "-m", "notes").stdout.strip()
        repo.git("update-ref", "refs/notes/check", commit)
        listed = git.run(repo.path, "notes", "--ref=refs/notes/check", "list").stdout.split()
        assert sorted(listed[1::2]) == sorted(objs)
        assert notesync.notes_tree(repo.path, commit) == objs
        fanned = any("/" in p for p in repo.git("ls-tree", "-r", "--name-only", tree
                                                ).stdout.split())
        assert fanned == (n > 256)
