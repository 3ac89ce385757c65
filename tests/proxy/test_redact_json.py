"""Escaped string literals: decoding, the map back to the escaped text, and redaction that
keeps every escape around a secret (the result still parses)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proxy import redact as R
from proxy.redact import redact
from proxy.redact.jsonstr import EscapeMap, decode, literals

KEY = "Zx81kQw9Lm3nB7vC5xT2"


@pytest.fixture(autouse=True)
def _fresh_memo():
    R.cache_clear()
    yield
    R.cache_clear()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60), st.booleans())
def test_decode_agrees_with_json_and_the_map_is_exact(s, ascii_only):
    body = json.dumps(s, ensure_ascii=ascii_only)[1:-1]
    assert decode(body) == s
    m = EscapeMap(body)
    assert m(0) == 0 and m(len(s)) == len(body)
    for i, ch in enumerate(s):  # each decoded character comes from exactly its escape
        assert json.loads('"' + body[m(i) : m(i + 1)] + '"') == ch


def test_lenient_decoding_keeps_what_is_not_a_json_escape():
    assert decode(r"a\d+\x41\n'\'") == "a\\d+\\x41\n''"
    assert decode(r"it\'s\n", "'") == "it's\n"
    assert decode(r"\ud83d\ude00 \ud83d") == "\U0001F600 \ud83d"


def test_literals_are_found_only_with_an_escape_and_never_across_lines():
    text = 'a = "plain"\nb = "x\\ny" + \'p\\tq\'\nc = "open \\n\n"next"'
    found = [(body, q) for _, body, q in literals(text)]
    assert found == [("x\\ny", '"'), ("p\\tq", "'"), ("open \\n", '"')]
    for start, body, _ in literals(text):
        assert text[start : start + len(body)] == body


@pytest.mark.parametrize("levels", [1, 2, 3, 4, 6])
def test_secret_nested_in_json_strings_is_redacted_at_any_depth(levels):
    text = f"import os\nAPI_KEY={KEY}\nDEBUG = True\n"
    wrapped = text
    for _ in range(levels):
        wrapped = json.dumps({"content": wrapped})
    out = redact(wrapped)
    assert KEY not in out
    for _ in range(levels):
        out = json.loads(out)["content"]
    assert out == "import os\nAPI_KEY=[REDACTED:generic-high-entropy]\nDEBUG = True\n"


def test_only_the_secret_changes_in_an_escaped_body():
    body = json.dumps({"model": "m", "messages": [
        {"role": "user", "content": "caf\u00e9 \U0001F600\n\tpassword = \"Tr0ub4dor&3x\"\nok"}]})
    out = redact(body)
    assert out == body.replace("Tr0ub4dor&3x", "[REDACTED:password]")


@pytest.mark.parametrize("text", [
    '{"c": "--password=Tr0ub4dor&3x\\"}"}',  # a value running into an escaped quote
    '{"c": "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA1abcdefghij0123\\nAbCdEfGh'
    'IjKlMnOpQrStUvWx\\""}',  # a truncated key block ending on an escaped quote
    '{"c": "API_KEY=Zx81kQw9Lm3nB7vC5xT2\\u00e9\\u00e9"}',
])
def test_no_replacement_cuts_an_escape_in_half(text):
    json.loads(text)
    out = redact(text)
    assert out != text
    json.loads(out)


def test_key_markers_in_two_strings_keep_the_structure_between():
    """BEGIN in one string and END in another: no span takes the JSON between them along."""
    body = json.dumps({"a": "-----BEGIN RSA PRIVATE KEY-----MIIEowIBAAKCAQEA1abcdefghij0123",
                       "b": {"c": "x-----END RSA PRIVATE KEY-----"}})
    out = json.loads(redact(body))
    assert set(out) == {"a", "b"} and set(out["b"]) == {"c"}
    deep = json.dumps({"m": json.dumps({"m": json.dumps(
        ["-----BEGIN RSA PRIVATE KEY-----MIIEowIBAAKCAQEA1abcdefghij0123password = "])})})
    inner = json.loads(json.loads(json.loads(redact(deep))["m"])["m"])
    assert inner == ["[REDACTED:private-key]"]


def test_a_json_string_is_a_line_of_its_own():
    """Config that fills a whole string (a shell command, a one-line file) is config."""
    for text, secret in [
        (json.dumps({"command": f"export API_KEY={KEY}"}), KEY),
        (json.dumps({"command": f"cd app && API_TOKEN={KEY} npm test"}), KEY),
        (json.dumps({"content": "DB_PASSWORD=CorrectHorseBatteryStaple"}),
         "CorrectHorseBatteryStaple"),
        (json.dumps({"content": "password: hunter22x"}), "hunter22x"),
    ]:
        out = redact(text)
        assert secret not in out, text
        json.loads(out)


@pytest.mark.parametrize("text", [
    json.dumps({"command": "grep -rn 'password' src/ && echo done"}),
    json.dumps({"content": "token = tokenizer.next_token()\nif token == expected_token:\n"}),
    json.dumps({"content": "def login(user, password):\n    return check(user, password)\n"}),
    json.dumps({"url": "https://example.com/search?q=secret+key&page=2"}),
    json.dumps({"sha": "9fceb02d0ae598e95dc970b74767f19372d61af8", "id": "call_abc123"}),
])
def test_ordinary_json_is_left_alone(text):
    assert redact(text) == text


def test_text_without_escapes_skips_the_literal_pass(monkeypatch):
    from proxy.redact import scan

    calls = []
    monkeypatch.setattr(scan, "literals", lambda text: calls.append(text) or iter(()))
    redact('x = "no escapes here"\npassword = "Tr0ub4dor&3x"\n' * 50)
    assert calls == []
    redact('x = "one escape\\n"\n' * 50)
    assert calls


PARTS = ["password = ", "'", '"', "x", " ", "\n", "\t", "api_key: ", KEY, "token=", "://u:",
         "@host", "\\", "\u00e9", "\U0001F600", "API_KEY=", "export ", "&& ", "+", "- ",
         "-----BEGIN RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEA1abcdefghij0123", "\n",
         "-----END RSA PRIVATE KEY-----", "[REDACTED:password]", "Bearer ", "{", "}", ","]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PARTS), max_size=25), min_size=1, max_size=4),
       st.integers(min_value=1, max_value=3), st.booleans())
def test_redacting_escaped_json_keeps_it_valid_and_is_idempotent(strings, levels, ascii_only):
    doc: object = {"messages": ["".join(p) for p in strings]}
    for _ in range(levels - 1):
        doc = {"arguments": json.dumps(doc, ensure_ascii=ascii_only)}
    text = json.dumps(doc, ensure_ascii=ascii_only)
    out = redact(text)
    inner = json.loads(out)
    for _ in range(levels - 1):
        inner = json.loads(inner["arguments"])
    assert len(inner["messages"]) == len(strings)
    assert redact(out) == out
