"""Recall of edited suggestions next to the look-alike guards: lines a person kept from a
suggestion around their own edits are AI; their own lines and look-alike siblings stay
human."""

from __future__ import annotations

from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, AI_EDITED, HUMAN, AddedLine, FileDiff, Snippet

IP_TO_BUFFER = """function ipToBuffer(ip) {
    if (net.isIPv4(ip)) {
        // Handle IPv4 addresses
        const address = new ip_address_1.Address4(ip);
        return Buffer.from(address.toArray());
    }
    else if (net.isIPv6(ip)) {
        // Handle IPv6 addresses
        const address = new ip_address_1.Address6(ip);
        return Buffer.from(address
            .canonicalForm()
            .split(':')
            .map((segment) => segment.padStart(4, '0'))
            .join(''), 'hex');
    }
    else {
        throw new Error('Invalid IP address format');
    }
}"""

REVERSE_FORM = """reverseForm(options) {
    if (!options) {
        options = {};
    }
    const characters = Math.floor(this.subnetMask / 4);
    const reversed = this.canonicalForm()
        .replace(/:/g, '')
        .split('')
        .slice(0, characters)
        .reverse()
        .join('.');
    if (characters > 0) {
        if (options.omitSuffix) {
            return reversed;
        }
        return `${reversed}.ip6.arpa.`;
    }
    if (options.omitSuffix) {
        return '';
    }
    return 'ip6.arpa.';
}"""

IS_ADDRESS = """function isIPv4Address(value, options) {
  if (typeof value !== 'string' || value.length > 15) {
    return false;
  }
  const parts = value.trim().split(SEP);
  if (parts.length !== 4 || parts.some((p) => p === '')) {
    return false;
  }
  const octets = parts.map((p) => Number.parseInt(p, 10));
  if (octets[0] === 0 && !options.allowZeroNetwork) {
    return false;
  }
  const leading = parts.filter((p) => p.length > 1 && p.startsWith('0'));
  if (leading.length > 0 && options.strictOctets) {
    return false;
  }
  return octets.every((n) => isOctet(n));
}"""


def _origins(text: str, snippets: dict[str, str], path: str = "lib/net.js") -> dict[str, str]:
    idx = InMemoryIndex()
    for sid, snippet in snippets.items():
        idx.add(sid, Snippet(snippet, "fence", "javascript"))
    lines = text.split("\n")
    diff = FileDiff(path, added=tuple(AddedLine(n + 1, t) for n, t in enumerate(lines)))
    got = attribute([diff], idx)
    return {f"{n}:{lines[n].strip()}": o.origin for n, o in enumerate(got)}


def test_closing_lines_after_a_line_inserted_before_them_are_ai() -> None:
    """A person's line inserted just before a suggestion's closing braces does not cut the
    braces off it; the inserted line itself stays human."""
    lines = IP_TO_BUFFER.split("\n")
    edited = [*lines[:17], "        // unreachable in practice", *lines[17:]]
    got = _origins("\n".join(edited), {"ip": IP_TO_BUFFER})
    assert got["17:// unreachable in practice"] == HUMAN
    assert got["18:}"] == AI and got["19:}"] == AI
    assert got["16:throw new Error('Invalid IP address format');"] == AI


def test_closing_lines_of_the_next_function_stay_human() -> None:
    """Past a blank line the commit's next function begins: its weak lines are not taken as
    the suggestion's next lines, even when a line between could be skipped."""
    lines = IP_TO_BUFFER.split("\n")
    human = ["", "function noop(ip) {", "    }", "}"]
    got = _origins("\n".join([*lines[:14], *human]), {"ip": IP_TO_BUFFER})
    assert got["13:.join(''), 'hex');"] == AI
    assert [got[k] for k in got if int(k.split(":")[0]) >= 15] == [HUMAN] * 3


def test_a_long_suggestion_with_three_names_each_renamed_on_one_line_is_ai() -> None:
    """Three renames that each show on one line only cannot be checked for consistency, but
    in a long segment that is otherwise unchanged they are a few edits, not a sibling."""
    edited = (REVERSE_FORM.replace("reverseForm", "toPtr").replace("subnetMask", "maskBits")
              .replace(".split(", ".splitAll("))
    got = _origins(edited, {"rf": REVERSE_FORM})
    assert got["0:toPtr(options) {"] == AI_EDITED
    assert got["4:const characters = Math.floor(this.maskBits / 4);"] == AI_EDITED
    assert got["7:.splitAll('')"] == AI_EDITED
    assert got["15:return `${reversed}.ip6.arpa.`;"] == AI
    assert HUMAN not in {o for k, o in got.items() if not k.endswith(":")}


def test_a_sibling_with_three_one_off_names_among_few_lines_is_still_human() -> None:
    """A look-alike that differs by three names each used once, in a segment of nine code
    lines (a sibling written for another case), has too few unchanged lines to outweigh
    the unchecked renames."""
    sibling = (IS_ADDRESS.replace("isIPv4Address", "isHexString").replace("SEP", "DOT")
               .replace("isOctet", "isNibble"))
    assert set(_origins(sibling, {"a": IS_ADDRESS}).values()) == {HUMAN}
