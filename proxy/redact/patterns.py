"""Known secret formats: one ``Detector`` per format, and the value judgements they share.

Invariant: every pattern taken from detect-secrets is chosen by name (``DS_PICKS``: the
plugin and a literal its text must contain), never by its position in the plugin's list,
and ``tests/proxy/test_redact_patterns.py`` pins each pick's full text, so a detect-secrets
upgrade that reorders, changes or drops one fails a test instead of silently changing what
is redacted.

Where detect-secrets (Yelp, maintained) has a detector we use its compiled patterns and
validators (AWS, GitHub classic, GitLab, Slack, Stripe, OpenAI legacy, SendGrid, Twilio,
Telegram, Discord, Mailchimp, Azure storage, Square, PyPI, npm, basic-auth URLs, JWT
validity; its PEM markers are tested against our block pattern). It is line-based and
reports values, not positions, so we run its patterns ourselves over whole chunks to get
spans. We add what it lacks: Anthropic ``sk-ant-``, OpenAI ``sk-proj-``/``sk-svcacct-``,
GitHub fine-grained ``github_pat_``, Google, Hugging Face, Groq, OpenRouter, xAI keys, Stripe
test/webhook secrets, PEM blocks spanning lines (also JSON-escaped, ``\\n``), PuTTY keys,
passwords in URLs (also an empty user, also letters only), ``Authorization:``/``Bearer``
values.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
from detect_secrets.plugins.basic_auth import BasicAuthDetector
from detect_secrets.plugins.discord import DiscordBotTokenDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.mailchimp import MailchimpDetector
from detect_secrets.plugins.npm import NpmDetector
from detect_secrets.plugins.openai import OpenAIDetector
from detect_secrets.plugins.pypi_token import PypiTokenDetector
from detect_secrets.plugins.sendgrid import SendGridDetector
from detect_secrets.plugins.slack import SlackDetector
from detect_secrets.plugins.square_oauth import SquareOAuthDetector
from detect_secrets.plugins.stripe import StripeDetector
from detect_secrets.plugins.telegram_token import TelegramBotTokenDetector
from detect_secrets.plugins.twilio import TwilioKeyDetector

MARK = "[REDACTED:"


def marker(kind: str) -> str:
    return f"{MARK}{kind}]"


# --------------------------------------------------------------------------- detect-secrets

# name -> (plugin, a literal that occurs in exactly one pattern of the plugin's denylist)
DS_PICKS: dict[str, tuple[Any, str]] = {
    "aws-access-key-id": (AWSKeyDetector, "AKIA"),
    "aws-secret-near-keyword": (AWSKeyDetector, "aws.{0,20}"),
    "azure-storage-account-key": (AzureStorageKeyDetector, "AccountKey="),
    "basic-auth-url": (BasicAuthDetector, "://"),
    "discord-bot-token": (DiscordBotTokenDetector, "[MNO]"),
    "github-classic-token": (GitHubTokenDetector, "ghp|gho"),
    "gitlab-token": (GitLabTokenDetector, "glpat|"),
    "gitlab-runner-registration-token": (GitLabTokenDetector, "GR1348941"),
    "gitlab-ci-build-token": (GitLabTokenDetector, "glcbt-"),
    "gitlab-incoming-mail-token": (GitLabTokenDetector, "glimt-"),
    "gitlab-pipeline-trigger-token": (GitLabTokenDetector, "glptt-"),
    "gitlab-agent-token": (GitLabTokenDetector, "glagent-"),
    "gitlab-oauth-app-secret": (GitLabTokenDetector, "gloas-"),
    "mailchimp-key": (MailchimpDetector, "-us"),
    "npm-auth-token": (NpmDetector, "_authToken"),
    "openai-legacy-key": (OpenAIDetector, "T3BlbkFJ"),
    "pypi-token": (PypiTokenDetector, "cHlwaS5vcmc"),
    "pypi-test-token": (PypiTokenDetector, "dGVzdC5weXBp"),
    "sendgrid-key": (SendGridDetector, "SG"),
    "slack-token": (SlackDetector, "xox"),
    "slack-webhook": (SlackDetector, "hooks"),
    "square-oauth-secret": (SquareOAuthDetector, "sq0csp"),
    "stripe-live-key": (StripeDetector, "k_live_"),
    "telegram-bot-token": (TelegramBotTokenDetector, "{8,10}:"),
    "twilio-account-sid": (TwilioKeyDetector, "AC["),
    "twilio-api-key": (TwilioKeyDetector, "SK["),
}


def ds_pattern(name: str) -> re.Pattern[str]:
    """The detect-secrets pattern pinned as ``name`` (see ``DS_PICKS``)."""
    plugin, literal = DS_PICKS[name]
    found = [p for p in plugin.denylist if literal in p.pattern]
    if len(found) != 1:
        raise RuntimeError(
            f"detect-secrets {plugin.__name__} has {len(found)} patterns containing "
            f"{literal!r}, expected exactly one (redaction's pick {name!r}); a detect-secrets "
            "upgrade changed it: review proxy/redact/patterns.py and "
            "tests/proxy/test_redact_patterns.py"
        )
    return found[0]


DS: dict[str, re.Pattern[str]] = {name: ds_pattern(name) for name in DS_PICKS}


# --------------------------------------------------------------------------- value judgement

_PLACEHOLDER = re.compile(
    r"^(?:\$|%[(s]|\{|<|x{4,}$|\.{3})|\*{3,}|\$\{|\{\{|\}\}|\.\.\.|example|placeholder|your[_\-]"
    r"|^(?:none|null|nil|true|false|undefined|changeme|change_me|redacted|secret|password|passwd"
    r"|pass|pwd|dummy|test|string|str|bytes|required|optional|env|token|key|apikey)$"
    r"|^<.*>$|os\.environ|getenv|process\.env|\[redacted",
    re.IGNORECASE,
)
_ENV_NAME = re.compile(r"\$?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")  # OPENAI_API_KEY: a name, not a value
_WORDLIKE = re.compile(r"[#@/]*_*[A-Za-z]+(?:[_.\-/:]+[A-Za-z]+)*_*")  # names, word paths, refs
_LETTERS = re.compile(r"[A-Za-z]+")
# documentation's stand-ins for a URL password (``://user:yourpassword@``); an exact match
_URL_PLACEHOLDER = re.compile(
    r"(?:your|my|the|db|user|some|example|admin)?[_\-]?(?:password|passwd|pass|pwd|secret)"
    r"|pa\$\$word|p@ssword",
    re.IGNORECASE,
)


def entropy(s: str) -> float:
    """Shannon entropy in bits per character."""
    n = len(s)
    if not n:
        return 0.0
    return -sum(c / n * math.log2(c / n) for c in Counter(s).values())


def real_value(value: str) -> bool:
    """Not a placeholder, template, env-var name or plain word (``Bearer your-key``,
    ``://user:{password}@``, ``Bearer LITELLM_KEY``)."""
    return not (
        _PLACEHOLDER.search(value)
        or _ENV_NAME.fullmatch(value)
        or _WORDLIKE.fullmatch(value)
        or "{" in value
        or "%" in value[:2]
    )


def _real_value(value: str, m: re.Match[str]) -> bool:
    return real_value(value)


def _real_token(value: str, m: re.Match[str]) -> bool:
    return real_value(value) and entropy(value) >= 3.0


def _url_password(value: str, m: re.Match[str]) -> bool:
    """A URL's password is a secret unless it is a template, a placeholder, the user name
    again (``postgres:postgres``, ``guest:guest``: well-known defaults) or a short word.
    Letters alone are enough (``mysql://root:CorrectHorseBatteryStaple@db``)."""
    if (
        _PLACEHOLDER.search(value)
        or _URL_PLACEHOLDER.fullmatch(value)
        or _ENV_NAME.fullmatch(value)
        or "{" in value
        or "%" in value[:2]
    ):
        return False
    head = m.group(0)
    user = head[3 : m.start(1) - m.start(0) - 1]  # between ``://`` and the ``:`` before it
    if user.lower() == value.lower():
        return False
    return len(value) >= 6 or _LETTERS.fullmatch(value) is None


_B64_CHAR = re.compile(r"[A-Za-z0-9+/]{16}")


def _pem_ok(block: str, m: re.Match[str]) -> bool:
    """A key block with a body, not a ``-----BEGIN ... KEY-----\\n...\\n-----END`` placeholder."""
    body = block.split("-----", 2)[-1] if block.count("-----") >= 2 else block
    return "..." not in body and len(_B64_CHAR.findall(body)) >= 2


def _jwt_ok(token: str, m: re.Match[str]) -> bool:
    return token.count(".") == 2 and JwtTokenDetector.is_formally_valid(token)


# --------------------------------------------------------------------------- detectors


@dataclass(frozen=True, slots=True)
class Detector:
    """One secret format. ``hints`` are literal substrings, one of which must occur in the
    chunk (in ``lower()``-ed text when ``lower``) before the regex is run; ``()`` means
    always run. ``group`` is the regex group holding the secret. ``extend`` widens a match
    over following token characters, for upstream patterns that match a fixed-length
    prefix of a longer token (Stripe's ``{24}`` would otherwise leave the tail in clear);
    ``clip`` ends it where token characters end, for one that runs ``.+`` to the end of the
    line (npm's, which would take a JSON string's closing quote with it).
    ``check(secret, match)`` validates the matched secret (JWT structure). Patterns that do
    not start with a literal are slow to scan; ``on_lower`` lets a case-insensitive one be
    written as a literal-led lower-case pattern, ``window`` confines one to the hint's
    neighbourhood."""

    kind: str
    pattern: re.Pattern[str]
    hints: tuple[str, ...] = ()
    group: int = 0
    lower: bool = False
    extend: bool = False
    clip: bool = False
    check: Callable[[str, re.Match[str]], bool] | None = None
    on_lower: bool = False  # run the (lower-case) pattern over the lower-cased text
    window: int = 0  # >0: run only within this many characters of each hint occurrence


TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_NB = r"(?<![A-Za-z0-9_\-])"  # not preceded by a token character

# (both groups always participate: a back-reference to a group that did not match fails)
_PEM_BEGIN = r"-{4,5} ?BEGIN (?P<label>(?:[A-Z0-9]+ )*)PRIVATE KEY(?P<blk>(?: BLOCK)?) ?-{4,5}"
# header + body + END; or, when END is missing (prompt cut mid-key), header + everything
# base64-ish that follows (over-redacting a truncated key's neighbourhood is the safe side).
# The body never runs past the end of a JSON string (``"`` then ``,`` ``:`` ``]`` ``}``):
# markers in two strings of a raw body must not take the structure between them along.
_PEM = re.compile(
    _PEM_BEGIN
    + r"(?:(?:[^\"]|\"(?!\s*[,:\]}])){0,65536}?-{4,5} ?END (?P=label)PRIVATE KEY(?P=blk) ?-{4,5}"
    + r"|(?:[A-Za-z0-9+/=\s:,-]|\\+[nrt]){0,65536})"  # (escaped newlines at any depth)
)
_PUTTY = re.compile(r"Private-Lines: *\d+(?:\r?\n|\\r\\n|\\n)"
                    r"(?:[A-Za-z0-9+/=]+(?:\r?\n|\\r\\n|\\n))+"
                    r"(?:\+?Private-(?:MAC|Hash): *[0-9A-Fa-f]+)?")  # (``+``: in a diff)
# literal-led (fast); the empty user of ``redis://:pw@`` too
_URL_PASSWORD = re.compile(r"://[^\s:/?#@\[\]\"'<>]*:(?P<pw>[^\s/?#@\"'<>]+)@(?=[^\s/?#@\"'<>])")

# private-key blocks span lines: chunks are never cut inside one (``scan.chunks``)
PRIVATE_KEY_DETECTORS: tuple[Detector, ...] = (
    Detector("private-key", _PEM, ("PRIVATE KEY",), check=_pem_ok),
    Detector("private-key", _PUTTY, ("Private-Lines:",)),
)

DETECTORS: tuple[Detector, ...] = (
    # -- private keys (multi-line): first, so their span wins
    *PRIVATE_KEY_DETECTORS,
    # -- LLM providers
    Detector("anthropic-key", re.compile(_NB + r"sk-ant-[a-z]{2,10}\d{0,3}-[A-Za-z0-9_\-]{20,}"),
             ("sk-",)),
    Detector("openrouter-key", re.compile(_NB + r"sk-or-v1-[0-9a-f]{64}"), ("sk-",)),
    Detector("openai-key",
             re.compile(_NB + r"sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\-]{20,}"), ("sk-",)),
    Detector("openai-key", DS["openai-legacy-key"], ("T3BlbkFJ",), extend=True),
    Detector("openai-key", re.compile(_NB + r"sk-[A-Za-z0-9]{48}(?![A-Za-z0-9])"), ("sk-",)),
    Detector("groq-key", re.compile(_NB + r"gsk_[A-Za-z0-9]{48,}"), ("gsk_",)),
    Detector("xai-key", re.compile(_NB + r"xai-[A-Za-z0-9]{70,}"), ("xai-",)),
    Detector("huggingface-token", re.compile(_NB + r"hf_[A-Za-z0-9]{30,}"), ("hf_",)),
    Detector("google-api-key", re.compile(r"AIza[0-9A-Za-z_\-]{35}"), ("AIza",)),
    Detector("google-oauth-secret", re.compile(r"GOCSPX-[A-Za-z0-9_\-]{28}"), ("GOCSPX-",)),
    # -- cloud
    Detector("aws-access-key", DS["aws-access-key-id"], ("AKIA", "ASIA", "ABIA", "ACCA", "A3T")),
    Detector("aws-secret-key", DS["aws-secret-near-keyword"], ("aws",), group=1, lower=True),
    Detector(
        "aws-secret-key",
        re.compile(r"(?i)aws_?secret_?(?:access_?)?key[\"']?\s*[:=]\s*[\"']?"
                   r"(?P<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
        ("aws",), group=1, lower=True,
    ),
    Detector("azure-storage-key", DS["azure-storage-account-key"], ("AccountKey=",)),
    # -- code hosting and chat
    Detector("github-token", DS["github-classic-token"], ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
             extend=True),
    Detector("github-token", re.compile(r"github_pat_[A-Za-z0-9_]{22,}"), ("github_pat_",)),
    *(
        Detector("gitlab-token", DS[name], ("glpat-", "gldt-", "glft-", "glsoat-", "glrt-",
                                            "GR1348941", "glcbt-", "glimt-", "glptt-",
                                            "glagent-", "gloas-"))
        for name in DS_PICKS if name.startswith("gitlab-")
    ),
    Detector("slack-token", DS["slack-token"], ("xox",), lower=True, extend=True),
    Detector("slack-token", re.compile(r"xapp-\d-[A-Za-z0-9\-]{20,}"), ("xapp-",)),
    Detector("slack-webhook", DS["slack-webhook"], ("hooks.slack.com",), lower=True),
    # no literal prefix: run only where the text mentions the service (a bare token under a
    # secret-sounding name is still caught as an assignment)
    Detector("discord-token", DS["discord-bot-token"], ("discord",), lower=True),
    Detector("telegram-token", DS["telegram-bot-token"], ("telegram", "/bot"), lower=True),
    # -- payments, mail, packages
    Detector("stripe-key", DS["stripe-live-key"], ("k_live_",), extend=True),
    Detector("stripe-key", re.compile(_NB + r"(?:sk|rk)_test_[0-9a-zA-Z]{24,}"), ("k_test_",)),
    Detector("stripe-key", re.compile(_NB + r"whsec_[A-Za-z0-9]{32,}"), ("whsec_",)),
    Detector("square-secret", DS["square-oauth-secret"], ("sq0csp-",)),
    Detector("sendgrid-key", DS["sendgrid-key"], ("SG.",)),
    Detector("mailchimp-key", DS["mailchimp-key"], ("-us",), window=40),
    Detector("twilio-key", DS["twilio-account-sid"], ("AC",)),
    Detector("twilio-key", DS["twilio-api-key"], ("SK",)),
    Detector("pypi-token", DS["pypi-token"], ("pypi-",), extend=True),
    Detector("pypi-token", DS["pypi-test-token"], ("pypi-",), extend=True),
    Detector("npm-token", DS["npm-auth-token"], ("_authToken",), group=1, clip=True),
    Detector("npm-token", re.compile(_NB + r"npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"), ("npm_",)),
    # -- generic structures
    Detector("jwt", re.compile(r"(?<![A-Za-z0-9_\-.])eyJ[A-Za-z0-9_\-]+=*\.[A-Za-z0-9_\-]+=*"
                               r"\.[A-Za-z0-9_\-+/]*=*"), ("eyJ",), check=_jwt_ok),
    Detector("password-in-url", _URL_PASSWORD, ("://",), group=1, check=_url_password),
    Detector("password-in-url", DS["basic-auth-url"], ("://",), group=1, check=_url_password),
    Detector(
        "auth-header",
        re.compile(r"authorization[\"']?\s*[:=]\s*[\"']?(?:bearer|basic|token|bot|digest)\s+"
                   r"(?P<t>[a-z0-9._~+/=\-]{8,})"),
        ("authorization",), group=1, lower=True, on_lower=True, check=_real_value,
    ),
    Detector("bearer-token", re.compile(r"bearer\s+(?P<t>[a-z0-9._~+/\-]{20,}=*)"),
             ("bearer",), group=1, lower=True, on_lower=True, check=_real_token),
)

PRIORITY = {id(d): i for i, d in enumerate(DETECTORS)}  # lower wins when spans overlap
