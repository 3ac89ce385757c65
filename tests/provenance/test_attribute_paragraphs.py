"""Blank and brace-only lines follow their neighbours (issue 17): the closing brace of a
person's function, a blank line above a pasted part of a suggestion, is not the snippet's
brace, even when the snippet has the same brace right before the part (``_same_paragraph``)."""

from __future__ import annotations

import pytest

import provenance.attribute as attribute_module
from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import HUMAN, AddedLine, FileDiff, LineOrigin, Snippet

SERVER = """  start(port) {
    this.server = http.createServer(this.handler)
    this.server.listen(port)
  }
  stop(reason) {
    this.log.info('stopping the server: ' + reason)
    for (const socket of this.sockets) {
      socket.destroy()
    }
    this.server.close()
    this.server = null
  }"""

# a person's method, then (after a blank line) the suggestion's second method pasted
OWN = """  reset() {
    this.count = 0
  }"""
PART = "\n".join(SERVER.split("\n")[4:])


def _run(text: str) -> list[LineOrigin]:
    idx = InMemoryIndex()
    idx.add("s", Snippet(SERVER, "fence", "javascript", exchange_id="ex-s"))
    diff = FileDiff("lib/server.js", added=tuple(
        AddedLine(n + 1, t) for n, t in enumerate(text.split("\n"))))
    return attribute([diff], idx)


def _origins(text: str) -> list[tuple[str, bool]]:
    return [(line, o.origin != HUMAN) for line, o in zip(text.split("\n"), _run(text),
                                                         strict=True) if line.strip()]


def test_a_persons_closing_brace_above_a_pasted_part_stays_human() -> None:
    got = _origins(OWN + "\n\n" + PART)
    assert got == [(t, False) for t in OWN.split("\n")] + [(t, True) for t in PART.split("\n")]


def test_without_the_check_the_brace_was_called_ai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attribute_module, "_same_paragraph", lambda a, s, i, j, step, ext: ext)
    assert ("  }", True) in _origins(OWN + "\n\n" + PART)[:3]


def test_the_snippets_own_braces_stay_ai() -> None:
    # the whole suggestion, and the part with the brace it has right before: all AI
    assert all(ai for _, ai in _origins(SERVER))
    part = "\n".join(SERVER.split("\n")[3:])
    assert all(ai for _, ai in _origins(part))
