from __future__ import annotations

from pathlib import Path

import pytest

from provenance import git, trailers
from provenance.model import AI, AI_EDITED, HUMAN, LineOrigin
from tests.provenance.gitrepo import make_repo


def _origins(ai: int, edited: int, human: int) -> list[LineOrigin]:
    kinds = [AI] * ai + [AI_EDITED] * edited + [HUMAN] * human
    return [LineOrigin("f.py", i + 1, k, 0.9) for i, k in enumerate(kinds)]


def test_build_counts_and_dedupes_tools() -> None:
    got = trailers.build(_origins(30, 11, 25), [("claude-code", "claude-sonnet-4-5"),
                                                 ("claude-code", "claude-sonnet-4-5"),
                                                 ("aider", "gpt 4.1:mini")])
    assert got == [("Assisted-by", "claude-code:claude-sonnet-4-5"),
                   ("Assisted-by", "aider:gpt-4.1-mini"),
                   ("AI-Lines", "41/66")]


def test_no_ai_no_trailers() -> None:
    assert trailers.build(_origins(0, 0, 5), [("aider", "x")]) == []


def test_strip_only_removes_blocks_aiprov_wrote() -> None:
    ours = "Subject\n\nBody.\n\nAssisted-by: a:b\nAI-Lines: 3/4\n"
    assert trailers.strip(ours) == "Subject\n\nBody.\n"
    mixed = "Subject\n\nSigned-off-by: Dev <d@x>\nAssisted-by: a:b\nAI-Lines: 3/4\n"
    assert trailers.strip(mixed) == "Subject\n\nSigned-off-by: Dev <d@x>\n"
    human = "Subject\n\nAssisted-by: Claude:claude-3-opus coccinelle\n"
    assert trailers.strip(human) == human  # a person's own trailer, no AI-Lines: untouched
    assert trailers.parse_ai_lines("41/66") == (41, 66)
    assert trailers.parse_ai_lines("lots") is None


@pytest.mark.parametrize("message", [
    "Add parser\n",
    "Add parser\n\nLonger body explaining why.\n",
    "Add parser\n\nSigned-off-by: Dev Example <dev@example.com>\n",
    "Add parser\n\n# Please enter the commit message\n# Lines starting with '#' are ignored\n",
])
def test_trailers_parse_with_interpret_trailers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                message: str) -> None:
    repo = make_repo(tmp_path, monkeypatch)
    msg = tmp_path / "MSG"
    msg.write_text(message)
    pairs = trailers.build(_origins(2, 1, 3), [("claude-code", "claude-sonnet-4-5")])
    git.add_trailers(repo.path, msg, pairs)
    git.add_trailers(repo.path, msg, pairs)  # idempotent: identical trailers not repeated
    parsed = git.parse_trailers(repo.path, msg.read_text())
    assert ("Assisted-by", "claude-code:claude-sonnet-4-5") in parsed
    assert ("AI-Lines", "3/6") in parsed
    assert sum(1 for k, _ in parsed if k == "AI-Lines") == 1
    assert msg.read_text().startswith("Add parser\n")
