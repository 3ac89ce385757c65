"""Redaction: every fake secret goes, with its kind; ordinary code stays byte for byte."""

from __future__ import annotations

import base64
import json
import os
import random
import stat
import sysconfig
import uuid
from pathlib import Path

import pytest
from detect_secrets.plugins.private_key import PrivateKeyDetector
from hypothesis import given, settings
from hypothesis import strategies as st

from aiprov.errors import ConfigError
from proxy import redact as R
from proxy.redact import KINDS, chunks, hash_secret, redact, redact_obj

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[2]
CORPUS = [json.loads(line) for line in (DATA / "fake_secrets.jsonl").read_text().splitlines()]


@pytest.fixture(autouse=True)
def _fresh_memo():
    R.cache_clear()
    yield
    R.cache_clear()


# --------------------------------------------------------------------------- secrets


def test_corpus_is_broad():
    kinds = {e["kind"] for e in CORPUS}
    assert len(CORPUS) >= 100
    assert {"aws-access-key", "aws-secret-key", "openai-key", "anthropic-key", "github-token",
            "slack-token", "stripe-key", "google-api-key", "private-key", "jwt",
            "password-in-url", "generic-high-entropy", "password"} <= kinds
    assert kinds <= KINDS


@pytest.mark.parametrize("case", CORPUS, ids=[f"{i}-{e['kind']}" for i, e in enumerate(CORPUS)])
def test_corpus_secret_is_redacted_with_its_kind(case):
    out = redact(case["text"])
    assert case["secret"] not in out
    assert f"[REDACTED:{case['kind']}]" in out
    assert redact(out) == out  # idempotent


def test_no_long_piece_of_a_secret_survives():
    """Not only the whole value: no 12-character run of it may remain (partial matches)."""
    for case in CORPUS:
        out = redact(case["text"])
        secret = case["secret"]
        for i in range(0, max(1, len(secret) - 12), 4):
            piece = secret[i : i + 12]
            if len(piece) == 12 and piece not in case["text"].replace(secret, ""):
                assert piece not in out, (case["kind"], piece)


@pytest.mark.parametrize("label", [p.pattern.removeprefix("BEGIN ")
                                   for p in PrivateKeyDetector.denylist
                                   if p.pattern.startswith("BEGIN ")])
def test_every_detect_secrets_private_key_marker_is_covered(label):
    body = base64.b64encode(os.urandom(300)).decode()
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    if label.startswith("SSH2"):
        block = f"---- BEGIN {label} ----\n{lines}\n---- END {label} ----"
    else:
        block = f"-----BEGIN {label}-----\n{lines}\n-----END {label}-----"
    out = redact(f"before\n{block}\nafter the key")
    assert out == "before\n[REDACTED:private-key]\nafter the key"


def test_truncated_private_key_is_still_redacted():
    body = base64.b64encode(os.urandom(300)).decode()
    text = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(
        body[i : i + 64] for i in range(0, 256, 64))
    out = redact(text)
    assert body[:64] not in out and body[128:192] not in out
    assert out.startswith("[REDACTED:private-key]")


def test_pem_placeholder_and_public_material_survive():
    for text in [
        '"placeholder": "-----BEGIN RSA PRIVATE KEY-----\\n...\\n-----END RSA PRIVATE KEY-----"',
        "-----BEGIN CERTIFICATE-----\nMIIDaDCCAu6gAwIBAgIPKWkmwiejoVJjkrGUgqUEMAoGCCqGSM49BAMD\n"
        "-----END CERTIFICATE-----",
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFakePublicKey1234567\n"
        "-----END PUBLIC KEY-----",
    ]:
        assert redact(text) == text


def test_kind_of_the_specific_detector_wins_over_the_assignment():
    key = "sk-ant-api03-" + "Ab3_" * 24 + "AA"
    assert redact(f'ANTHROPIC_API_KEY="{key}"') == 'ANTHROPIC_API_KEY="[REDACTED:anthropic-key]"'


def test_only_the_value_of_an_assignment_is_replaced():
    assert redact("DB_PASSWORD=Zq7!mPw2xR\nDB_HOST=db\n") == (
        "DB_PASSWORD=[REDACTED:password]\nDB_HOST=db\n")
    assert redact("postgres://app:Zq7mPw2xRk@db:5432/x") == (
        "postgres://app:[REDACTED:password-in-url]@db:5432/x")


@pytest.mark.parametrize(("text", "password"), [
    ("postgres://user:SomeLettersOnly@host", "SomeLettersOnly"),
    ("mysql://root:CorrectHorseBatteryStaple@db", "CorrectHorseBatteryStaple"),
    ("DATABASE_URL=postgresql://app:longlettersonly@db.internal:5432/app", "longlettersonly"),
    ("mongodb://admin:mysecretpassword@mongo:27017", "mysecretpassword"),
    ("redis://:hunterhunter@cache:6379/0", "hunterhunter"),
    ("amqp://svc:Zq7!mPw2@rabbit", "Zq7!mPw2"),  # short, but not letters only
])
def test_url_password_without_digits_is_redacted(text, password):
    out = redact(text)
    assert password not in out
    assert "[REDACTED:password-in-url]@" in out


@pytest.mark.parametrize("text", [
    "DATABASE_URL=postgres://user:password@localhost:5432/dev",
    "https://username:yourpassword@example.com/",
    "postgres://postgres:postgres@localhost/test",  # the user again: a well-known default
    "amqp://guest:guest@localhost:5672/",
    "https://USER:PASSWORD@host/",
    "postgresql://$DB_USER:$DB_PASS@db/app",
    "http://foo:bar@proxy:3128",  # a short word
    'f"redis://:{password}@{host}"',
])
def test_url_password_placeholders_survive(text):
    assert redact(text) == text


# --------------------------------------------------------------------------- not secrets

ORDINARY = [
    # lockfiles and digests: not secrets, and needed verbatim
    "requests==2.32.3 \\\n    --hash=sha256:"
    "70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6",
    '"integrity": "sha512-3c/6SwqTbR6dOVz9ZymcQLLcHqgTTbZfRGv3pH6gK0uS4gjShEfVR5iYfwkmnA16dAHYJZy0'
    'cP3XRdrZNG3d7A=="',
    "FROM python@sha256:8b5f4b2e2d1c6a9f3e7d0c4b1a2e3f4d5c6b7a8e9f0a1b2c3d4e5f6a7b8c9d0e1f",
    "commit 9fceb02d0ae598e95dc970b74767f19372d61af8\nMerge: 1a2b3c4 5d6e7f8",
    f"user_id = '{uuid.UUID(int=0x5D1C0E0A9B8C4D7EA1F2B3C4D5E6F708)}'",
    "request_id: 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
    # code that handles secrets without containing one
    'password = request.form["password"]',
    "def login(user: str, password: str, token: str | None = None) -> Session:",
    'api_key = os.environ["OPENAI_API_KEY"]',
    "self.secret_key = settings.SECRET_KEY",
    "token = tokenizer.next_token()",
    'headers = {"Authorization": f"Bearer {token}", "X-API-Key": api_key}',
    'url = f"postgresql://{user}:{password}@{host}:{port}/{db}"',
    "DATABASE_URL=postgres://user:password@localhost:5432/dev",
    'password_field = "password"',
    'label = "Enter your password:"',
    "max_tokens: int = 4096",
    'TOKEN_URL = "https://oauth2.googleapis.com/token"',
    'secret_name = "prod/db/credentials"',
    'input_token = "ExclusiveStartTableName"',
    '"api_key": "#/components/schemas/ApiKeyAuth"',
    "curl -H 'Authorization: Bearer YOUR_API_KEY' https://api.example.com",
    "export OPENAI_API_KEY=sk-...",
    "  api_key: ${OPENAI_API_KEY}",
    "password: str = Field(..., min_length=8)",
    "tokens = h*w*seconds*24/1024",
    "if token == expected_token:",
    "SECRET_KEY_LENGTH = 50",
    "credentials: Base64-encoded client id and secret",
    "passwd = getpass.getpass()",
    "class PasswordResetTokenGenerator:",
    "keyword_arguments = dict(key=value, token=tok)",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_survives(text):
    assert redact(text) == text


def test_base64_image_survives():
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(30_000)).decode()
    text = f'<img src="data:image/png;base64,{png}" alt="chart">'
    assert redact(text) == text


def test_the_repository_lockfile_survives():
    lock = (REPO / "requirements.lock").read_text()
    assert "--hash=sha256:" in lock
    assert redact(lock) == lock


# The one stdlib line we change: a literal password in urllib's docstring example.
STDLIB_ALLOWED = {("urllib/request.py", "passwd='geheim$parole')")}


def test_stdlib_code_survives_except_justified_lines():
    """~10 MB of ordinary Python: changed lines must be in the justified list."""
    root = Path(sysconfig.get_paths()["stdlib"])
    changed = set()
    total = 0
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0] in ("test", "idlelib", "site-packages", "lib2to3") or "tests" in rel.parts:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        total += len(text)
        out = redact(text)
        if out != text:
            for a, b in zip(text.splitlines(), out.splitlines(), strict=True):
                if a != b:
                    changed.add((rel.as_posix(), a.strip()[:60]))
    assert total > 5_000_000
    assert len(changed) <= len(STDLIB_ALLOWED), changed
    for rel, line in changed:
        assert any(rel == r and line.endswith(frag) for r, frag in STDLIB_ALLOWED), (rel, line)


# --------------------------------------------------------------------------- structure


def test_redact_obj_walks_json_like_values_and_keeps_keys():
    ghp = "ghp_" + "a1B2c3D4e5" * 3 + "f6G7h8"
    obj = {
        "messages": [{"role": "user", "content": f"token {ghp} please"}],
        "params": {"temperature": 0.2, "api_key": "Zx81kQw9Lm3nB7vC5xT2", "n": 3, "ok": True},
        "nested": ({"password": "s3cr3t!pw"}, None, ["plain", ghp]),
        "password": "password",  # a label, not a secret
    }
    out = redact_obj(obj)
    assert out["messages"][0] == {"role": "user", "content": "token [REDACTED:github-token] please"}
    assert out["params"] == {"temperature": 0.2, "api_key": "[REDACTED:generic-high-entropy]",
                             "n": 3, "ok": True}
    assert out["nested"] == ({"password": "[REDACTED:password]"}, None,
                             ["plain", "[REDACTED:github-token]"])
    assert isinstance(out["nested"], tuple)
    assert out["password"] == "password"
    assert obj["params"]["api_key"] == "Zx81kQw9Lm3nB7vC5xT2"  # input untouched


def _big_text(n_lines: int, seed: int) -> str:
    rng = random.Random(seed)
    words = ["def", "return", "self", "value", "for", "in", "range", "print", "x", "y", "if"]
    return "".join(" ".join(rng.choice(words) for _ in range(8)) + "\n" for _ in range(n_lines))


def test_chunks_cover_the_text_and_are_stable_when_it_grows():
    text = _big_text(4000, 1)
    pieces = chunks(text)
    assert len(pieces) > 3 and "".join(pieces) == text
    grown = chunks(text + _big_text(500, 2))
    assert grown[: len(pieces) - 1] == pieces[:-1]  # earlier chunks unchanged -> memo hits


def test_no_chunk_boundary_splits_a_private_key():
    key = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(
        base64.b64encode(os.urandom(48)).decode() for _ in range(180)) + \
        "\n-----END OPENSSH PRIVATE KEY-----\n"
    text = _big_text(150, 3) + key + _big_text(800, 4)
    assert len(key) > R.CHUNK_MIN  # it would straddle a boundary if cut blindly
    assert any("BEGIN OPENSSH" in p and "END OPENSSH" in p for p in chunks(text))
    out = redact(text)
    assert out.count("[REDACTED:private-key]") == 1
    assert out == text.replace(key.rstrip("\n"), "[REDACTED:private-key]")


def test_repeated_turn_is_served_from_the_memo():
    ghp = "ghp_" + "Q" * 30 + "r2D2c3"
    turn1 = _big_text(3000, 5) + f"GITHUB_TOKEN={ghp}\n"
    first = redact(turn1)
    misses = R.cache_info()["misses"]
    turn2 = turn1 + "user: and now add tests\n"
    second = redact(turn2)
    assert second.startswith(first[: len(first) - 200])
    info = R.cache_info()
    assert info["hits"] >= len(chunks(turn1)) - 1
    assert info["misses"] - misses <= 2
    assert ghp not in second


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "password = ", "'", '"', "x", " ", "\n", "api_key: ", "Zx81kQw9Lm3nB7vC5xT2", "token=",
    "://u:", "@host", "sk-", "AKIA", "ABCDEFGHIJKLMNOP", "-----BEGIN RSA PRIVATE KEY-----",
    "-----END RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEA1", "eyJhbGciOiJIUzI1NiJ9", ".", "=",
    "[REDACTED:password]", "Bearer ", "ghp_", "0123456789abcdef",
]), max_size=40))
def test_redaction_is_idempotent(parts):
    text = "".join(parts)
    once = redact(text)
    assert redact(once) == once


# --------------------------------------------------------------------------- hashing


def test_hash_secret_format_and_stability(isolated_env):
    h = hash_secret("sk-proj-abc")
    assert h.startswith("h1:") and len(h) == 3 + 32
    int(h[3:], 16)
    assert hash_secret("sk-proj-abc") == h
    assert hash_secret("sk-proj-abd") != h
    assert "sk-proj-abc" not in h


def test_salt_file_is_created_0600_with_32_random_bytes(isolated_env):
    hash_secret("x")
    salt = isolated_env / "salt"
    assert stat.S_IMODE(salt.stat().st_mode) == 0o600
    assert len(salt.read_bytes()) == 32
    assert not [p for p in isolated_env.iterdir() if p.name.startswith(".salt")]


def test_hash_differs_across_installs(isolated_env, tmp_path, monkeypatch):
    first = hash_secret("same-key")
    monkeypatch.setenv("AIPROV_HOME", str(tmp_path / "other-home"))
    second = hash_secret("same-key")
    assert first != second
    monkeypatch.setenv("AIPROV_HOME", str(isolated_env))
    assert hash_secret("same-key") == first  # and stable when the install comes back


def test_existing_salt_is_reused_and_loose_mode_tightened(isolated_env):
    isolated_env.mkdir(parents=True, exist_ok=True)
    salt = isolated_env / "salt"
    salt.write_bytes(b"\x01" * 32)
    salt.chmod(0o644)
    import hashlib
    import hmac

    expected = "h1:" + hmac.new(b"\x01" * 32, b"k", hashlib.sha256).hexdigest()[:32]
    assert hash_secret("k") == expected
    assert stat.S_IMODE(salt.stat().st_mode) == 0o600


def test_corrupt_salt_is_a_config_error_that_says_what_to_do(isolated_env):
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "salt").write_bytes(b"short")
    with pytest.raises(ConfigError, match="delete it"):
        hash_secret("k")
