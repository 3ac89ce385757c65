"""detect-secrets patterns that redaction reuses: each is pinned by name, text and flags.

An upgrade of detect-secrets that reorders, edits, adds or drops a pattern of a plugin we
use fails here (not silently in what gets redacted); review the change, then update the
pin. Each pick also has a sample it must match, so a pin cannot be a pattern that no longer
catches its secret.
"""

from __future__ import annotations

import re

import pytest
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.keyword import DENYLIST

from proxy.redact import patterns as P
from proxy.redact.assignments import KEY_RE

IC, X = int(re.IGNORECASE), int(re.VERBOSE)
U = int(re.UNICODE)

# name -> (pattern text, flags, a fake secret in context the pattern must match)
PINNED: dict[str, tuple[str, int, str]] = {
    "aws-access-key-id": (r"(?:A3T[A-Z0-9]|ABIA|ACCA|AKIA|ASIA)[0-9A-Z]{16}", U,
                          "id=AKIA7KLFYYLBEG3RHDSV"),
    "aws-secret-near-keyword": (
        r"""aws.{0,20}?(?:key|pwd|pw|password|pass|token).{0,20}?[\'\"]([0-9a-zA-Z/+]{40})[\'\"]""",
        U | IC, 'aws_secret_key = "YgHNMqhQY/CIb27Mxy85v0eqHp2ERuLGQZx3NAcZ"'),
    "azure-storage-account-key": (r"AccountKey=[a-zA-Z0-9+\/=]{88}", U,
                                  "AccountKey=" + "Ab3+" * 22),
    "basic-auth-url": (
        r"://[^:/\?\#\[\]@!\$\&'\(\)\*\+,;=\s]+:([^:/\?\#\[\]@!\$\&'\(\)\*\+,;=\s]+)@", U,
        "https://app:Zq7mPw2xRk@db"),
    "discord-bot-token": (r"[MNO][a-zA-Z\d_-]{23,25}\.[a-zA-Z\d_-]{6}\.[a-zA-Z\d_-]{27}", U,
                          "M" + "a1" * 12 + ".Ab_-12." + "x9" * 13 + "z"),
    "github-classic-token": (r"(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}", U, "ghp_" + "aB3" * 12),
    "gitlab-token": (r"(glpat|gldt|glft|glsoat|glrt)-[A-Za-z0-9_\-]{20,50}(?!\w)", U,
                     "glpat-" + "aB3_-" * 4),
    "gitlab-runner-registration-token": (r"GR1348941[A-Za-z0-9_\-]{20,50}(?!\w)", U,
                                         "GR1348941" + "aB3_" * 5),
    "gitlab-ci-build-token": (r"glcbt-([0-9a-fA-F]{2}_)?[A-Za-z0-9_\-]{20,50}(?!\w)", U,
                              "glcbt-1f_" + "aB3_" * 5),
    "gitlab-incoming-mail-token": (r"glimt-[A-Za-z0-9_\-]{25}(?!\w)", U, "glimt-" + "aB3_-" * 5),
    "gitlab-pipeline-trigger-token": (r"glptt-[A-Za-z0-9_\-]{40}(?!\w)", U,
                                      "glptt-" + "aB3_" * 10),
    "gitlab-agent-token": (r"glagent-[A-Za-z0-9_\-]{50,1024}(?!\w)", U, "glagent-" + "aB3_-" * 10),
    "gitlab-oauth-app-secret": (r"gloas-[A-Za-z0-9_\-]{64}(?!\w)", U, "gloas-" + "aB3_" * 16),
    "mailchimp-key": (r"[0-9a-z]{32}-us[0-9]{1,2}", U, "0123456789abcdef" * 2 + "-us14"),
    "npm-auth-token": (r"\/\/.+\/:_authToken=\s*((npm_.+)|([A-Fa-f0-9-]{36})).*", U,
                       "//registry.npmjs.org/:_authToken=npm_" + "aB3" * 12),
    "openai-legacy-key": (r"sk-[A-Za-z0-9-_]*[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}", U,
                          "sk-" + "aB3x" * 5 + "T3BlbkFJ" + "Zq9w" * 5),
    "pypi-token": (r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9-_]{70,}", U,
                   "pypi-AgEIcHlwaS5vcmc" + "aB3_-" * 15),
    "pypi-test-token": (r"pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9-_]{70,}", U,
                        "pypi-AgENdGVzdC5weXBpLm9yZw" + "aB3_-" * 15),
    "sendgrid-key": (r"SG\.[a-zA-Z0-9_-]{22}\.[a-zA-Z0-9_-]{43}", U,
                     "SG." + "aB3_-" * 4 + "xy." + "aB3_-" * 8 + "xyz"),
    "slack-token": (r"xox(?:a|b|p|o|s|r)-(?:\d+-)+[a-z0-9]+", U | IC,
                    "xoxb-123456789012-1234567890123-abcdefghij0123456789abcd"),
    "slack-webhook": (
        r"https://hooks\.slack\.com/services/T[a-zA-Z0-9_]+/B[a-zA-Z0-9_]+/[a-zA-Z0-9_]+",
        U | IC | X, "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF12/aB3cD4eF5gH6iJ7kL8mN9oP0"),
    "square-oauth-secret": (r"sq0csp-[0-9A-Za-z\\\-_]{43}", U, "sq0csp-" + "aB3_-" * 8 + "xyz"),
    "stripe-live-key": (r"(?:r|s)k_live_[0-9a-zA-Z]{24}", U, "sk_live_" + "aB3" * 8),
    "telegram-bot-token": (r"\d{8,10}:[0-9A-Za-z_-]{35}", U, "1234567890:AA" + "aB3_-" * 6 + "xyz"),
    "twilio-account-sid": (r"AC[a-z0-9]{32}", U, "AC" + "0123456789abcdef" * 2),
    "twilio-api-key": (r"SK[a-z0-9]{32}", U, "SK" + "0123456789abcdef" * 2),
}

# detect-secrets' keyword list: redaction's assignment names are built from it
PINNED_KEYWORDS = ("api_?key", "auth_?key", "service_?key", "account_?key", "db_?key",
                   "database_?key", "priv_?key", "private_?key", "client_?key", "db_?pass",
                   "database_?pass", "key_?pass", "password", "passwd", "pwd", "secret",
                   "contraseña", "contrasena")


def test_every_pick_is_pinned_and_every_pin_is_picked():
    assert set(P.DS_PICKS) == set(PINNED)


@pytest.mark.parametrize("name", sorted(PINNED))
def test_pick_has_its_pinned_text_and_flags(name):
    text, flags, _ = PINNED[name]
    pattern = P.DS[name]
    assert pattern.pattern == text
    assert pattern.flags == flags


@pytest.mark.parametrize("name", sorted(PINNED))
def test_pick_matches_its_sample(name):
    *_, sample = PINNED[name]
    assert P.DS[name].search(sample), sample


def test_no_pattern_of_a_used_plugin_is_left_unreviewed():
    """A pattern added upstream to a plugin we use shows up here: pick it or say why not."""
    for plugin in {plugin for plugin, _ in P.DS_PICKS.values()}:
        picked = {P.DS[n].pattern for n, (p, _) in P.DS_PICKS.items() if p is plugin}
        assert {p.pattern for p in plugin.denylist} == picked, plugin.__name__


def test_a_pick_that_matches_no_pattern_or_two_is_refused(monkeypatch):
    from detect_secrets.plugins.twilio import TwilioKeyDetector

    monkeypatch.setitem(P.DS_PICKS, "bad", (TwilioKeyDetector, "[a-z0-9]{32}"))  # both match
    with pytest.raises(RuntimeError, match="expected exactly one"):
        P.ds_pattern("bad")
    monkeypatch.setitem(P.DS_PICKS, "bad", (TwilioKeyDetector, "no such text"))
    with pytest.raises(RuntimeError, match="has 0 patterns"):
        P.ds_pattern("bad")


def test_keyword_list_is_pinned_and_every_keyword_names_a_secret():
    assert tuple(DENYLIST) == PINNED_KEYWORDS
    for word in PINNED_KEYWORDS:
        assert KEY_RE.fullmatch(word.replace("_?", "_")), word


def test_jwt_validator_still_tells_a_token_from_junk():
    token = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
             "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")
    assert JwtTokenDetector.is_formally_valid(token)
    assert not JwtTokenDetector.is_formally_valid("eyJub3QganNvbg.eyJhIjoxfQ.sig")


def test_detectors_use_the_pinned_objects():
    """The detectors hold the picked pattern objects themselves, not copies by position."""
    used = {id(d.pattern) for d in P.DETECTORS}
    assert {id(p) for p in P.DS.values()} <= used
