"""A rejected segment leaves its snippet's lines free (issue 17, ``REJECTED_FREE``): a
sibling a person wrote for another case (``parseAcceptEncoding`` beside the suggested
``parseAcceptCharset``) aligns best with the suggestion and is rightly rejected, but the
suggestion's own fragment further down the file (its body, pasted without the signature)
must still be checked: the sibling explained none of the snippet's lines."""

from __future__ import annotations

from provenance.index import InMemoryIndex
from provenance.model import AI, HUMAN, Snippet
from tests.provenance.test_attribute import CHARSET, origins

SIBLING = CHARSET.replace("Charset", "Encoding").replace("charset", "encoding")
BODY = "\n".join(CHARSET.split("\n")[1:10])  # the suggestion without its signature line


def _index() -> InMemoryIndex:
    idx = InMemoryIndex()
    idx.add("c", Snippet(CHARSET, "fence", "javascript"))
    return idx


def test_a_fragment_below_a_rejected_sibling_is_still_found() -> None:
    text = SIBLING + "\n" + BODY + "\n"
    got = origins(text, _index(), path="lib/encoding.js")
    lines = text.rstrip("\n").split("\n")
    n_sibling = len(SIBLING.rstrip("\n").split("\n"))
    assert set(got[:n_sibling]) == {HUMAN}  # the sibling stays the person's
    body = [o for o, line in zip(got[n_sibling:], lines[n_sibling:], strict=True)
            if line.strip()]
    assert body and set(body) == {AI}


def test_the_sibling_alone_is_human_and_the_fragment_alone_is_ai() -> None:
    assert set(origins(SIBLING, _index(), path="lib/encoding.js")) == {HUMAN}
    assert set(origins(BODY, _index(), path="lib/charset.js")) == {AI}
