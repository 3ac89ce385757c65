"""A tool call's JSON is clipped in the recorded text; the cut must never land inside a secret
(redaction runs on the clipped text later, and a stub of a key is too short to recognise)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from proxy.formats.anthropic_messages import _blocks_text
from proxy.formats.common import TOOL_TEXT_CHARS, clip
from proxy.redact import redact

KEY = "sk-proj-" + "Q7v" * 15


def _input_with_key_at(offset: int) -> dict[str, str]:
    """Write-tool input whose JSON text holds ``API_KEY=<KEY>`` starting near ``offset``."""
    filler = "x = 1\n" * ((offset - 40) // 7)
    return {"file_path": "settings.py", "content": filler + f"API_KEY={KEY}\nDEBUG = False\n"}


def test_a_key_straddling_the_limit_is_dropped_whole_not_cut() -> None:
    for offset in range(TOOL_TEXT_CHARS - 60, TOOL_TEXT_CHARS + 10, 3):
        block = {"type": "tool_use", "name": "Write", "input": _input_with_key_at(offset)}
        text, _ = _blocks_text([block])
        stored = redact(text)
        for n in range(12, len(KEY) + 1, 4):  # no 12+ character piece of the key survives
            assert KEY[:n] not in stored, (offset, n)


def test_short_text_is_untouched_and_long_text_ends_on_a_line() -> None:
    assert clip('{"a": 1}') == '{"a": 1}'
    long = json.dumps({"content": "line\n" * 1000})
    got = clip(long)
    assert len(got) <= TOOL_TEXT_CHARS + 1 and got.endswith("\\n…")


@given(st.text(min_size=0, max_size=3000), st.integers(min_value=10, max_value=2500))
def test_clip_is_a_bounded_prefix(text: str, limit: int) -> None:
    got = clip(text, limit)
    if len(text) <= limit:
        assert got == text
    else:
        assert got.endswith("…") and len(got) <= limit + 1 and text.startswith(got[:-1])
