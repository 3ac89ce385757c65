"""A tool's write is its target file's (issue 17, ``_written_elsewhere``): the proxy records
where an agent's write/edit/patch went (``Snippet.path``). When that file holds the write
after the change (committed before, or in the working tree), the model's text is there; a
near-copy in another file (a twin method of a sibling class, a handler copied to another
module with a literal changed) is a person's adaptation of that code. Content alone cannot
tell it from the write touched up; the recorded target can. A verbatim copy, a write whose
file no longer holds it (moved by the person), a chat fence (its path is only a hint) and a
write to this very file (absolute path) keep today's labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiprov.commands.explain import render
from provenance.attribute import attribute, explain
from provenance.index import InMemoryIndex
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, FileDiff, LineOrigin, Snippet

READ = """def read_frame(self, timeout: float | None = None) -> Frame:
    header = self._stream.read(HEADER_SIZE, timeout=timeout)
    if len(header) < HEADER_SIZE:
        raise ProtocolError("connection closed while reading a frame header")
    kind, flags, length = struct.unpack(">BBI", header)
    payload = self._stream.read(length, timeout=timeout)
    self._frames_read += 1
    return Frame(kind, flags, payload)"""

# the twin a person writes for the datagram reader: one literal changed, as a ``bytes`` /
# ``strings`` reader pair differ
TWIN = READ.replace("connection closed while reading", "datagram truncated before")


def _index(kind: str = "write", path: str | None = "pkg/stream/frames.py") -> InMemoryIndex:
    idx = InMemoryIndex()
    idx.add("w", Snippet(READ, kind, "python", path=path, exchange_id="ex-w"))
    return idx


def _diff(path: str, text: str, status: str = "A") -> FileDiff:
    return FileDiff(path, added=tuple(AddedLine(n + 1, t)
                                      for n, t in enumerate(text.split("\n"))), status=status)


def _code(text: str, got: list[LineOrigin]) -> list[str]:
    return [o.origin for line, o in zip(text.split("\n"), got, strict=True) if line.strip()]


STREAM_FILE = ["import struct", "", "class Reader:", *("    " + t for t in READ.split("\n"))]


def test_without_the_target_file_the_twin_reads_as_the_write_edited() -> None:
    # what the rule is for: alone, the twin is the write with lines touched
    got = attribute([_diff("pkg/datagram/frames.py", TWIN)], _index())
    assert set(_code(TWIN, got)) <= {AI, AI_EDITED} and AI_EDITED in _code(TWIN, got)


def test_a_touched_copy_of_a_write_its_target_file_holds_is_human() -> None:
    current = {"pkg/stream/frames.py": STREAM_FILE}
    got = attribute([_diff("pkg/datagram/frames.py", TWIN)], _index(), current=current)
    assert set(_code(TWIN, got)) == {HUMAN}


def test_the_target_file_written_in_the_same_commit_holds_it_too() -> None:
    diffs = [_diff("pkg/stream/frames.py", "\n".join(STREAM_FILE)),
             _diff("pkg/datagram/frames.py", TWIN)]
    got = attribute(diffs, _index())
    kept = [o for o in got if o.path == "pkg/stream/frames.py"]
    twin = [o for o in got if o.path == "pkg/datagram/frames.py"]
    assert set(_code(TWIN, twin)) == {HUMAN}
    assert {o.origin for o, t in zip(kept, STREAM_FILE, strict=True) if t.strip()
            and "struct" not in t and "class" not in t} == {AI}


def test_a_verbatim_copy_keeps_the_write() -> None:
    current = {"pkg/stream/frames.py": STREAM_FILE}
    got = attribute([_diff("pkg/other.py", READ)], _index(), current=current)
    assert set(_code(READ, got)) == {AI}


def test_a_write_its_file_no_longer_holds_was_moved_here() -> None:
    # the person moved the write to another module and touched it: still the model's code
    current = {"pkg/stream/frames.py": ["import struct", "", "class Reader:", "    pass"]}
    got = attribute([_diff("pkg/datagram/frames.py", TWIN)], _index(), current=current)
    assert HUMAN not in _code(TWIN, got)


def test_a_chat_fence_path_is_no_write() -> None:
    current = {"pkg/stream/frames.py": STREAM_FILE}
    got = attribute([_diff("pkg/datagram/frames.py", TWIN)], _index("fence"), current=current)
    assert HUMAN not in _code(TWIN, got)


def test_a_write_to_this_file_by_absolute_path_is_this_file() -> None:
    path = "/home/dev/proj/pkg/datagram/frames.py"
    current = {path: STREAM_FILE}  # whatever it held, the write went to the file committed
    got = attribute([_diff("pkg/datagram/frames.py", TWIN)], _index(path=path), current=current)
    assert HUMAN not in _code(TWIN, got)


def test_explain_names_the_rule_and_the_target_file() -> None:
    current = {"pkg/stream/frames.py": STREAM_FILE}
    diff = _diff("pkg/datagram/frames.py", TWIN)
    got = explain([diff], _index(), "pkg/datagram/frames.py", 2, current=current)
    assert got["origin"] == HUMAN
    assert [(d["snippet"], d["exchange"], d["rule"]) for d in got["dropped"]] == [  # type: ignore[attr-defined]
        ("w", "ex-w", "written-elsewhere")]
    assert "pkg/stream/frames.py" in str(got["reason"])
    assert any("rule written-elsewhere" in line for line in render(got))


def test_the_hook_reads_a_write_target_from_the_working_tree_or_the_commit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance.pipeline import RepoFiles
    from tests.provenance.gitrepo import make_repo

    repo = make_repo(tmp_path, monkeypatch)
    repo.write("pkg/stream/frames.py", "\n".join(STREAM_FILE) + "\n")
    sha = repo.commit("stream reader")
    repo.write("pkg/stream/frames.py", "changed = True\n")  # in the working tree only
    changed = {"pkg/datagram/frames.py": ["x = 1"]}
    now = RepoFiles(repo.path, changed)  # the commit being made: the working tree
    assert now["pkg/datagram/frames.py"] == ["x = 1"] and list(now) == list(changed)
    assert now.get("pkg/stream/frames.py") == ["changed = True"]
    assert now.get(str(repo.path / "pkg/stream/frames.py")) == ["changed = True"]  # absolute
    # a changed file by another spelling is the change's side, not the working tree's bytes
    repo.write("pkg/datagram/frames.py", "x = 2\n")
    assert now.get(str(repo.path / "pkg/datagram/frames.py")) == ["x = 1"]
    assert now.get("./pkg/datagram/frames.py") == ["x = 1"]
    then = RepoFiles(repo.path, changed, sha)  # explain of a past commit: its tree
    assert then.get("pkg/stream/frames.py") == STREAM_FILE
    for outside in ("../elsewhere.py", "/etc/hostname", "pkg/missing.py"):
        assert now.get(outside) is None and then.get(outside) is None


def test_the_staged_commit_reads_the_target_from_the_working_tree(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> None:
    from datetime import UTC, datetime

    from aiprov.settings import get_settings
    from provenance import pipeline
    from store import db
    from store.provenance import index_snippets
    from tests.provenance.gitrepo import make_repo, store_url

    repo = make_repo(tmp_path, monkeypatch)
    repo.write("README.md", "x\n")
    repo.commit("init")
    from proxy.exchange import ANTHROPIC_MESSAGES, Exchange, Identity, RequestInfo, ResponseInfo
    from store import exchanges

    ex = Exchange(  # an agent's Write tool call, as the proxy records it
        id="ex-w", started_at=datetime.now(UTC).timestamp(), method="POST",
        path="/v1/messages", upstream="https://api.anthropic.com", status=200,
        request=RequestInfo(api=ANTHROPIC_MESSAGES, model="m", prompt="write the reader"),
        response=ResponseInfo(model="m", text="done"),
        identity=Identity(developer="dev@example.com", tool="claude-code", repo=str(repo.path)))
    with db.session(store_url(isolated_env)) as s:
        exchanges.save(s, [ex])
        s.flush()
        index_snippets(s, "ex-w", [Snippet(READ, "write", "python", path="pkg/stream/frames.py",
                                           exchange_id="ex-w")],
                       created_at=datetime.now(UTC), developer="dev@example.com",
                       repo=str(repo.path))
        s.commit()
    repo.write("pkg/datagram/frames.py", TWIN + "\n")
    repo.git("add", "pkg/datagram/frames.py")
    settings = get_settings()

    def origins() -> set[str]:
        got = pipeline.attribute_staged_full(repo.path, settings).origins
        return {o.origin for o, t in zip(got, TWIN.split("\n"), strict=True) if t.strip()}

    # the agent's write is gone from its file (moved here by hand): the write, touched
    assert origins() <= {AI, AI_EDITED}
    # the agent's write sits in its file, not staged: the twin is the person's
    repo.write("pkg/stream/frames.py", "\n".join(STREAM_FILE) + "\n")
    assert origins() == {HUMAN}
