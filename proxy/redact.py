"""Secrets out of every prompt and suggestion before anything is queued, spooled or stored.

Invariant: text that leaves ``redact`` holds no secret we know how to recognise; each one is
replaced by ``[REDACTED:<kind>]`` so a reader still sees *what* was there
(``[REDACTED:aws-access-key]``). API keys and tokens that must stay comparable (the client's
key, to group exchanges by key) are kept only as salted hashes (``hash_secret``).

Detection, in order of trust:

1. Known token formats. Where detect-secrets (Yelp, maintained) has a detector we use its
   compiled patterns and validators (AWS, GitHub classic, GitLab, Slack, Stripe, OpenAI
   legacy, SendGrid, Twilio, Telegram, Discord, Mailchimp, Azure storage, Square, PyPI, npm,
   basic-auth URLs, JWT validity, the keyword list; its PEM markers are tested against our
   block pattern). detect-secrets is line-based and reports values, not positions, so we
   run its patterns ourselves over whole chunks to get spans. We add what it lacks:
   Anthropic ``sk-ant-``, OpenAI ``sk-proj-``/``sk-svcacct-``, GitHub fine-grained
   ``github_pat_``, Google, Hugging Face, Groq, OpenRouter, xAI keys, Stripe test/webhook
   secrets, PEM blocks spanning lines (also JSON-escaped, ``\\n``), PuTTY keys, passwords
   in URLs with an empty user, ``Authorization:``/``Bearer`` values.
2. Assignments to secret-sounding names (``SECRET = "..."``, ``password: ...``,
   ``api_key=...``, ``--password=...``): only the value is replaced, and only when it looks
   like a secret (see ``_looks_secret``): code such as ``password = request.form["pw"]``,
   ``token: str``, ``api_key = os.environ[...]`` or ``"Enter your password"`` survives.

Not redacted, on purpose (judgement calls, tested): free-standing high-entropy strings with
no secret-sounding name, so sha256 digests in lockfiles (``--hash=sha256:...``), git SHAs,
UUIDs, integrity hashes and base64 images stay intact. Provenance fingerprints are computed
from the redacted text, and over-redacting ordinary code would destroy attribution; a
free-standing token of a known format is still caught by (1).

Speed: Claude Code prompts are 50-300 KB and most of a conversation repeats every turn.
Text is cut into chunks at line ends (never inside a private-key block); each chunk is
memoised in a byte-bounded LRU, so a repeated turn costs a hash lookup per chunk. Within a
chunk, each detector runs only when one of its literal hints occurs (``str.__contains__``
is far cheaper than a regex scan). ``benchmarks/redact_speed.py`` measures both passes.
"""

from __future__ import annotations

import hmac
import math
import os
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
from detect_secrets.plugins.basic_auth import BasicAuthDetector
from detect_secrets.plugins.discord import DiscordBotTokenDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.keyword import DENYLIST as DS_KEYWORDS
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

from aiprov.errors import ConfigError
from aiprov.settings import aiprov_home, write_secret

MARK = "[REDACTED:"
HASH_VERSION = "h1:"
SALT_BYTES = 32


def marker(kind: str) -> str:
    return f"{MARK}{kind}]"


# --------------------------------------------------------------------------- detectors


@dataclass(frozen=True, slots=True)
class Detector:
    """One secret format. ``hints`` are literal substrings, one of which must occur in the
    chunk (in ``lower()``-ed text when ``lower``) before the regex is run; ``()`` means
    always run. ``group`` is the regex group holding the secret. ``extend`` widens a match
    over following token characters, for upstream patterns that match a fixed-length
    prefix of a longer token (Stripe's ``{24}`` would otherwise leave the tail in clear).
    ``check`` validates the matched secret (JWT structure). Patterns that do not start with
    a literal are slow to scan; ``on_lower`` lets a case-insensitive one be written as a
    literal-led lower-case pattern, ``window`` confines one to the hint's neighbourhood."""

    kind: str
    pattern: re.Pattern[str]
    hints: tuple[str, ...] = ()
    group: int = 0
    lower: bool = False
    extend: bool = False
    check: Callable[[str], bool] | None = None
    on_lower: bool = False  # run the (lower-case) pattern over the lower-cased text
    window: int = 0  # >0: run only within this many characters of each hint occurrence


_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_NB = r"(?<![A-Za-z0-9_\-])"  # not preceded by a token character


def _ds(plugin: Any, index: int = 0) -> re.Pattern[str]:
    """A compiled pattern from a detect-secrets plugin's ``denylist``."""
    return list(plugin.denylist)[index]


def _jwt_ok(token: str) -> bool:
    return token.count(".") == 2 and JwtTokenDetector.is_formally_valid(token)


# (both groups always participate: a back-reference to a group that did not match fails)
_PEM_BEGIN = r"-{4,5} ?BEGIN (?P<label>(?:[A-Z0-9]+ )*)PRIVATE KEY(?P<blk>(?: BLOCK)?) ?-{4,5}"
# header + body + END; or, when END is missing (prompt cut mid-key), header + everything
# base64-ish that follows (over-redacting a truncated key's neighbourhood is the safe side)
_PEM = re.compile(
    _PEM_BEGIN
    + r"(?:(?s:.{0,65536}?)-{4,5} ?END (?P=label)PRIVATE KEY(?P=blk) ?-{4,5}"
    + r"|[A-Za-z0-9+/=\s\\:,-]{0,65536})"
)
def _real_value(value: str) -> bool:
    """Not a placeholder, template, env-var name or plain word (``Bearer your-key``,
    ``://user:{password}@``, ``Bearer LITELLM_KEY``)."""
    return not (
        _PLACEHOLDER.search(value)
        or _ENV_NAME.fullmatch(value)
        or _WORDLIKE.fullmatch(value)
        or "{" in value
        or "%" in value[:2]
    )


def _real_token(value: str) -> bool:
    return _real_value(value) and entropy(value) >= 3.0


_B64_CHAR = re.compile(r"[A-Za-z0-9+/]{16}")


def _pem_ok(block: str) -> bool:
    """A key block with a body, not a ``-----BEGIN ... KEY-----\\n...\\n-----END`` placeholder."""
    body = block.split("-----", 2)[-1] if block.count("-----") >= 2 else block
    return "..." not in body and len(_B64_CHAR.findall(body)) >= 2


_URL_PASSWORD = re.compile(  # literal-led (fast); the empty user of ``redis://:pw@`` too
    r"://[^\s:/?#@\[\]\"'<>]*:(?P<pw>[^\s/?#@\"'<>]+)@(?=[^\s/?#@\"'<>])"
)

DETECTORS: tuple[Detector, ...] = (
    # -- private keys (multi-line): first, so their span wins
    Detector("private-key", _PEM, ("PRIVATE KEY",), check=_pem_ok),
    Detector(
        "private-key",
        re.compile(r"Private-Lines: *\d+(?:\r?\n|\\r\\n|\\n)"
                   r"(?:[A-Za-z0-9+/=]+(?:\r?\n|\\r\\n|\\n))+"
                   r"(?:Private-(?:MAC|Hash): *[0-9A-Fa-f]+)?"),
        ("Private-Lines:",),
    ),
    # -- LLM providers
    Detector("anthropic-key", re.compile(_NB + r"sk-ant-[a-z]{2,10}\d{0,3}-[A-Za-z0-9_\-]{20,}"),
             ("sk-",)),
    Detector("openrouter-key", re.compile(_NB + r"sk-or-v1-[0-9a-f]{64}"), ("sk-",)),
    Detector("openai-key",
             re.compile(_NB + r"sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\-]{20,}"), ("sk-",)),
    Detector("openai-key", _ds(OpenAIDetector), ("T3BlbkFJ",), extend=True),
    Detector("openai-key", re.compile(_NB + r"sk-[A-Za-z0-9]{48}(?![A-Za-z0-9])"), ("sk-",)),
    Detector("groq-key", re.compile(_NB + r"gsk_[A-Za-z0-9]{48,}"), ("gsk_",)),
    Detector("xai-key", re.compile(_NB + r"xai-[A-Za-z0-9]{70,}"), ("xai-",)),
    Detector("huggingface-token", re.compile(_NB + r"hf_[A-Za-z0-9]{30,}"), ("hf_",)),
    Detector("google-api-key", re.compile(r"AIza[0-9A-Za-z_\-]{35}"), ("AIza",)),
    Detector("google-oauth-secret", re.compile(r"GOCSPX-[A-Za-z0-9_\-]{28}"), ("GOCSPX-",)),
    # -- cloud
    Detector("aws-access-key", _ds(AWSKeyDetector, 0), ("AKIA", "ASIA", "ABIA", "ACCA", "A3T")),
    Detector("aws-secret-key", _ds(AWSKeyDetector, 1), ("aws",), group=1, lower=True),
    Detector(
        "aws-secret-key",
        re.compile(r"(?i)aws_?secret_?(?:access_?)?key[\"']?\s*[:=]\s*[\"']?"
                   r"(?P<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
        ("aws",), group=1, lower=True,
    ),
    Detector("azure-storage-key", _ds(AzureStorageKeyDetector), ("AccountKey=",)),
    # -- code hosting and chat
    Detector("github-token", _ds(GitHubTokenDetector), ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
             extend=True),
    Detector("github-token", re.compile(r"github_pat_[A-Za-z0-9_]{22,}"), ("github_pat_",)),
    *(
        Detector("gitlab-token", p, ("glpat-", "gldt-", "glft-", "glsoat-", "glrt-", "GR1348941",
                                     "glcbt-", "glimt-", "glptt-", "glagent-", "gloas-"))
        for p in GitLabTokenDetector.denylist
    ),
    Detector("slack-token", _ds(SlackDetector, 0), ("xox",), lower=True, extend=True),
    Detector("slack-token", re.compile(r"xapp-\d-[A-Za-z0-9\-]{20,}"), ("xapp-",)),
    Detector("slack-webhook", _ds(SlackDetector, 1), ("hooks.slack.com",), lower=True),
    # no literal prefix: run only where the text mentions the service (a bare token under a
    # secret-sounding name is still caught as an assignment)
    Detector("discord-token", _ds(DiscordBotTokenDetector), ("discord",), lower=True),
    Detector("telegram-token", _ds(TelegramBotTokenDetector), ("telegram", "/bot"), lower=True),
    # -- payments, mail, packages
    Detector("stripe-key", _ds(StripeDetector), ("k_live_",), extend=True),
    Detector("stripe-key", re.compile(_NB + r"(?:sk|rk)_test_[0-9a-zA-Z]{24,}"), ("k_test_",)),
    Detector("stripe-key", re.compile(_NB + r"whsec_[A-Za-z0-9]{32,}"), ("whsec_",)),
    Detector("square-secret", _ds(SquareOAuthDetector), ("sq0csp-",)),
    Detector("sendgrid-key", _ds(SendGridDetector), ("SG.",)),
    Detector("mailchimp-key", _ds(MailchimpDetector), ("-us",), window=40),
    Detector("twilio-key", _ds(TwilioKeyDetector, 0), ("AC",)),
    Detector("twilio-key", _ds(TwilioKeyDetector, 1), ("SK",)),
    Detector("pypi-token", _ds(PypiTokenDetector, 0), ("pypi-",), extend=True),
    Detector("pypi-token", _ds(PypiTokenDetector, 1), ("pypi-",), extend=True),
    Detector("npm-token", _ds(NpmDetector), ("_authToken",), group=1),
    Detector("npm-token", re.compile(_NB + r"npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"), ("npm_",)),
    # -- generic structures
    Detector("jwt", re.compile(r"(?<![A-Za-z0-9_\-.])eyJ[A-Za-z0-9_\-]+=*\.[A-Za-z0-9_\-]+=*"
                               r"\.[A-Za-z0-9_\-+/]*=*"), ("eyJ",), check=_jwt_ok),
    Detector("password-in-url", _URL_PASSWORD, ("://",), group=1, check=_real_value),
    Detector("password-in-url", _ds(BasicAuthDetector), ("://",), group=1, check=_real_value),
    Detector(
        "auth-header",
        re.compile(r"authorization[\"']?\s*[:=]\s*[\"']?(?:bearer|basic|token|bot|digest)\s+"
                   r"(?P<t>[a-z0-9._~+/=\-]{8,})"),
        ("authorization",), group=1, lower=True, on_lower=True, check=_real_value,
    ),
    Detector("bearer-token", re.compile(r"bearer\s+(?P<t>[a-z0-9._~+/\-]{20,}=*)"),
             ("bearer",), group=1, lower=True, on_lower=True, check=_real_token),
)

_PRIORITY = {id(d): i for i, d in enumerate(DETECTORS)}

# --------------------------------------------------------------------------- assignments

# detect-secrets' keyword list (``api_?key``, ``password``, ``secret``, ...) with ``_?``
# widened to ``[_.-]?`` (header names: ``x-api-key``), plus token-ish names it leaves out.
_PASSWORD_WORDS = ("password", "passwd", "passphrase", "pwd", "contraseña", "contrasena",
                   "db_?pass", "database_?pass", "key_?pass")
_EXTRA_WORDS = (
    "(?<![a-z])pass(?![a-z])", "token", "credentials?", "client_?secret", "access_?key",
    "secret_?key", "signing_?key", "encryption_?key", "master_?key", "session_?key",
    "app_?key", "license_?key", "webhook_?secret", "sas_?token", "conn(?:ection)?_?str(?:ing)?",
)
_WORDS = tuple(dict.fromkeys((*DS_KEYWORDS, *_EXTRA_WORDS)))
_KEYWORD = "(?:" + "|".join(w.replace("_?", "[_.-]?") for w in _WORDS) + ")"
_KEY_RE = re.compile(_KEYWORD, re.IGNORECASE)
_PASSWORD_RE = re.compile("|".join(w.replace("_?", "[_.-]?") for w in _PASSWORD_WORDS)
                          + r"|(?<![a-z])pass(?![a-z])", re.IGNORECASE)
# Every keyword contains one of these anchors. Each anchor's pattern starts with a literal,
# so the regex engine skips ahead with a fast literal search instead of trying an
# alternation of ~35 keywords at every position; it runs on the lower-cased text.
_ANCHORS = ("pass", "pwd", "secret", "token", "key", "credential", "contrase", "conn")
_TAIL = (
    r"(?P<rest>[a-z0-9_.\-]*)[\"'`]?\]?[ \t]*"
    r"(?P<ann>:[ \t]*[a-z_][\w.\[\], |]{0,40}?[ \t]*(?==))?"  # type annotation before ``=``
    r"(?P<op>:=|=>|===|==|!==|!=|=|:)[ \t]*@?"
)
_ANCHOR_RES = tuple(re.compile(re.escape(a) + _TAIL) for a in _ANCHORS)
_VALUE = re.compile(
    r"\"(?P<v1>(?:[^\"\\\n]|\\.){1,1024})\""
    r"|'(?P<v2>(?:[^'\\\n]|\\.){1,1024})'"
    r"|`(?P<v3>[^`\n]{1,1024})`"
    r"|(?P<v4>[^\s\"'`,;(){}\[\]<>]{1,1024})(?=[\s,;)}\]]|$)"
)
_CONFIG_LINE = re.compile(r"[ \t]*(?:export[ \t]+|set[ \t]+|-[ \t]+)?[\"']?[A-Za-z0-9_.\-]*")
_INI_KEY = re.compile(r"[A-Za-z0-9_\-]*")
_PLACEHOLDER = re.compile(
    r"^(?:\$|%[(s]|\{|<|x{4,}$|\.{3})|\*{3,}|\$\{|\{\{|\}\}|\.\.\.|example|placeholder|your[_\-]"
    r"|^(?:none|null|nil|true|false|undefined|changeme|change_me|redacted|secret|password|passwd"
    r"|pass|pwd|dummy|test|string|str|bytes|required|optional|env|token|key|apikey)$"
    r"|^<.*>$|os\.environ|getenv|process\.env|\[redacted",
    re.IGNORECASE,
)
_ENV_NAME = re.compile(r"\$?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")  # OPENAI_API_KEY: a name, not a value
_WORDLIKE = re.compile(r"[#@/]*_*[A-Za-z]+(?:[_.\-/:]+[A-Za-z]+)*_*")  # names, word paths, refs
_CAMEL = re.compile(r"(?:[A-Z]?[a-z]{2,}|[A-Z]{2,}(?![a-z]))(?:[A-Z][a-z]+|[A-Z]{2,}(?![a-z]))*")
_QUERY_NEXT = re.compile(r"&[A-Za-z_][\w.\-]*=")
_TOKENISH = re.compile(r"[A-Za-z0-9_\-.+/=~]+")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DOTTED = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?")
_NUMBER = re.compile(r"[0-9][0-9_.,:\-]*")


def entropy(s: str) -> float:
    """Shannon entropy in bits per character."""
    n = len(s)
    if not n:
        return 0.0
    return -sum(c / n * math.log2(c / n) for c in Counter(s).values())


def _looks_secret(value: str, key: str, *, quoted: bool, config: bool) -> bool:
    """Is ``value``, assigned to the secret-sounding ``key``, a literal secret?

    ``quoted``: it was a string literal; ``config``: the assignment is config-like (a
    ``KEY=value`` / ``key: value`` line, a ``--flag=value``), where an unquoted value is
    data; elsewhere an unquoted value is code (a variable, an attribute, a type)."""
    v = value.strip()
    if len(v) < 4 or any(c.isspace() for c in v) or _PLACEHOLDER.search(v):
        return False
    if "://" in v or v.startswith(("/", "./", "../", "~/")) or _NUMBER.fullmatch(v):
        return False
    if not quoted and _DOTTED.fullmatch(v):
        return False  # settings.SECRET_KEY
    low = v.lower()
    m = _KEY_RE.search(key)
    if m and m.group(0).lower().replace("-", "_") in low.replace("-", "_"):
        return False  # password_field = "password", "X-API-Key"
    if not quoted and not config:
        # code or prose (``f(password=pw2)``, ``token: Base64-encoded ...``): only a value
        # that could not be a name or a word, long, mixing letters and digits
        if _IDENT.fullmatch(v) or len(v) < 16 or entropy(v) < 3.5:
            return False
        if not (any(c.isdigit() for c in v) and any(c.isalpha() for c in v)):
            return False
        if _TOKENISH.fullmatch(v) is None:  # ``h*w*seconds*24/1024``: an expression
            return False
    password = bool(_PASSWORD_RE.search(key))
    wordlike = _WORDLIKE.fullmatch(v) is not None
    if password:
        if wordlike:
            return len(v) >= 16 and not any(c in v for c in "_.-/:")
        return len(v) >= 6 or (quoted and len(v) >= 4 and entropy(v) >= 1.9)
    # tokens, keys, secrets: must carry entropy; unquoted, a token's alphabet
    if not quoted and _TOKENISH.fullmatch(v) is None:
        return False  # ``tokens = h*w*seconds*24/1024``
    if wordlike:  # letters only: random mixed case, not ``ExclusiveStartTableName``
        return (
            len(v) >= 20
            and not any(c in v for c in "_.-/:#@")
            and not v.islower()
            and not v.isupper()
            and _CAMEL.fullmatch(v) is None
            and entropy(v) >= 3.8
        )
    return len(v) >= 16 and entropy(v) >= 3.2


def _config_like(chunk: str, key_start: int, op_start: int, op: str, val_end: int) -> bool:
    """Is this assignment data (an env/ini/yaml line, a ``--flag=value``) rather than code?"""
    line_start = chunk.rfind("\n", 0, key_start) + 1
    before = chunk[line_start:key_start]
    if before.endswith("--"):
        return True
    if op == ":":  # yaml ``key: value`` (indented too) ends its line; ``k: v,`` and
        # docstrings (``api_key: The key to use``) do not
        eol = chunk.find("\n", val_end)
        rest = chunk[val_end : eol if eol != -1 else len(chunk)].strip()
        return (not rest or rest.startswith("#")) and _CONFIG_LINE.fullmatch(before) is not None
    if op != "=" or before[:1].isspace():  # indented ``=``: code
        return False
    if chunk[op_start - 1] in " \t":  # ini ``key = value`` at column 0, no ``obj.``
        return _INI_KEY.fullmatch(before) is not None
    return _CONFIG_LINE.fullmatch(before) is not None  # KEY=value, export KEY=v, a.b.pwd=v


_IDENT_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"


def _assignment_spans(chunk: str, low: str, out: list[tuple[int, int, str, int]]) -> None:
    prio = len(DETECTORS)
    seen: set[int] = set()
    for anchor, pattern in zip(_ANCHORS, _ANCHOR_RES, strict=True):
        if anchor not in low:
            continue
        for m in pattern.finditer(low):
            vm = _VALUE.match(chunk, m.end())
            if vm is None or vm.start() in seen:
                continue
            g = vm.lastgroup or "v4"
            val = vm.group(g)
            quoted = g != "v4"
            if not quoted and "&" in val and _QUERY_NEXT.search(val):
                val = val[: val.index("&")]  # ``?api_key=...&format=json``
            # cheap rejections first: most hits are ``max_tokens: 4096``, ``key=k``
            if len(val) < (4 if quoted else 6) or " " in val or val[0].isdigit() and (
                _NUMBER.fullmatch(val)
            ):
                continue
            op = m.group("op")
            if op in ("==", "===", "!=", "!==") and not quoted:
                continue
            # the whole identifier the keyword sits in: ``DB_PASSWORD``, ``x-api-key``
            i = m.start()
            window = chunk[max(0, i - 64) : i]
            key_start = i - (len(window) - len(window.rstrip(_IDENT_CHARS)))
            while chunk[key_start] in "-.":
                key_start += 1
            key = chunk[key_start : m.end("rest")]
            if not _KEY_RE.search(key):
                continue  # ``monkey``, ``compass``
            config = (
                not quoted
                and m.group("ann") is None  # ``X: Final = value``: code
                and _config_like(chunk, key_start, m.start("op"), op, vm.end(g))
            )
            if _looks_secret(val, key, quoted=quoted, config=config):
                seen.add(vm.start())
                kind = "password" if _PASSWORD_RE.search(key) else "generic-high-entropy"
                out.append((vm.start(g), vm.start(g) + len(val), kind, prio))


# --------------------------------------------------------------------------- core


def _matches(det: Detector, chunk: str, low: str) -> Iterator[re.Match[str]]:
    text = low if det.on_lower else chunk
    if not det.window:
        yield from det.pattern.finditer(text)
        return
    hay = low if det.lower else chunk
    hits = []
    for h in det.hints:
        i = hay.find(h)
        while i != -1:
            hits.append((i, i + len(h)))
            i = hay.find(h, i + 1)
    end = 0
    for i, j in sorted(hits):
        if j + det.window > end:  # windows never overlap: no match is reported twice
            start = max(i - det.window, end)
            end = min(len(text), j + det.window)
            yield from det.pattern.finditer(text, start, end)


def _spans(chunk: str) -> list[tuple[int, int, str, int]]:
    found: list[tuple[int, int, str, int]] = []
    low = chunk.lower()
    if len(low) != len(chunk):  # U+0130 (İ) is the one letter that lower-cases to two
        low = chunk.replace("\u0130", "i").lower()
    present: dict[str, bool] = {}  # hint -> occurs; each hint is looked for once
    for det in DETECTORS:
        if det.hints:
            hay = low if det.lower else chunk
            for h in det.hints:
                k = "\0" + h if det.lower else h
                hit = present.get(k)
                if hit is None:
                    hit = present[k] = h in hay
                if hit:
                    break
            else:
                continue
        prio = _PRIORITY[id(det)]
        for m in _matches(det, chunk, low):
            s, e = m.span(det.group)
            if s < 0 or e <= s:
                continue
            if det.extend:
                while e < len(chunk) and chunk[e] in _TOKEN_CHARS:
                    e += 1
            secret = chunk[s:e]
            if secret.startswith(MARK) or (det.check is not None and not det.check(secret)):
                continue
            found.append((s, e, det.kind, prio))
    _assignment_spans(chunk, low, found)
    return found


def _redact_chunk(chunk: str) -> str:
    spans = _spans(chunk)
    if not spans:
        return chunk
    spans.sort()
    merged: list[list[Any]] = []  # [start, end, kind, prio]; overlaps merge, best kind kept
    for s, e, kind, prio in spans:
        if merged and s < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], e)
            if prio < last[3]:
                last[2], last[3] = kind, prio
        else:
            merged.append([s, e, kind, prio])
    parts: list[str] = []
    pos = 0
    for s, e, kind, _ in merged:
        parts.append(chunk[pos:s])
        parts.append(marker(kind))
        pos = e
    parts.append(chunk[pos:])
    return "".join(parts)


# --------------------------------------------------------------------------- chunks + memo

CHUNK_MIN = 8192
CACHE_BYTES = 64 * 1024 * 1024
_PEM_ANY = re.compile(r"-{4,5} ?BEGIN [A-Z0-9 ]*PRIVATE KEY|Private-Lines:")


class _Memo:
    """A byte-bounded LRU: chunk text -> redacted text. Thread-safe."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self.data: OrderedDict[str, str] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> str | None:
        with self.lock:
            val = self.data.get(key)
            if val is None:
                self.misses += 1
                return None
            self.data.move_to_end(key)
            self.hits += 1
            return val

    def put(self, key: str, val: str) -> None:
        size = len(key) + (0 if val is key else len(val))
        if size > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.data:
                return
            self.data[key] = val
            self.bytes += size
            while self.bytes > self.max_bytes and self.data:
                k, v = self.data.popitem(last=False)
                self.bytes -= len(k) + (0 if v is k else len(v))

    def clear(self) -> None:
        with self.lock:
            self.data.clear()
            self.bytes = self.hits = self.misses = 0


_memo = _Memo(CACHE_BYTES)


def cache_clear() -> None:
    """Forget memoised chunks (tests, benchmarks)."""
    _memo.clear()


def cache_info() -> dict[str, int]:
    return {"hits": _memo.hits, "misses": _memo.misses, "entries": len(_memo.data),
            "bytes": _memo.bytes}


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans that must not be cut: private-key blocks (they span lines)."""
    if not ("PRIVATE KEY" in text or "Private-Lines:" in text) or _PEM_ANY.search(text) is None:
        return []
    out: list[tuple[int, int]] = []
    for det in DETECTORS[:2]:
        out.extend(m.span() for m in det.pattern.finditer(text))
    return out


def chunks(text: str, size: int = CHUNK_MIN) -> list[str]:
    """Cut ``text`` at line ends into pieces of at least ``size`` characters.

    Cuts depend only on the text before them, so a conversation that grows at the end keeps
    its earlier chunks (and their memo entries). No cut falls inside a private-key block.
    """
    n = len(text)
    if n < 2 * size:
        return [text]
    protected = _protected(text)
    out = []
    pos = 0
    while n - pos >= 2 * size:
        cut = text.find("\n", pos + size)
        while cut != -1 and any(s <= cut < e for s, e in protected):
            cut = text.find("\n", next(e for s, e in protected if s <= cut < e))
        if cut == -1:
            break
        out.append(text[pos : cut + 1])
        pos = cut + 1
    out.append(text[pos:])
    return out


def _redact_memo(chunk: str) -> str:
    hit = _memo.get(chunk)
    if hit is not None:
        return hit
    red = _redact_chunk(chunk)
    _memo.put(chunk, red)
    return red


def redact(text: str) -> str:
    """``text`` with every recognised secret replaced by ``[REDACTED:<kind>]``."""
    if not text or len(text) < 8:
        return text
    pieces = chunks(text)
    if len(pieces) == 1:
        return _redact_memo(text)
    return "".join(_redact_memo(p) for p in pieces)


def _secret_for_key(key: str, value: str) -> str | None:
    """A JSON-like ``{key: value}`` whose key names a secret: the marker, or None."""
    if not _KEY_RE.search(key) or value.startswith(MARK):
        return None
    if _looks_secret(value, key, quoted=True, config=True):
        return marker("password" if _PASSWORD_RE.search(key) else "generic-high-entropy")
    return None


def redact_obj(obj: Any) -> Any:
    """``redact`` over nested dicts, lists and tuples of strings (JSON-like). Keys are kept;
    a string value under a secret-sounding key (``{"api_key": "..."}``) is judged as an
    assignment. Other scalars pass through."""
    if isinstance(obj, str):
        return redact(obj)
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if isinstance(k, str) and isinstance(v, str):
                red = redact(v)
                if red == v:
                    red = _secret_for_key(k, v) or v
                out[k] = red
            else:
                out[k] = redact_obj(v)
        return out
    if isinstance(obj, list):
        return [redact_obj(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(redact_obj(v) for v in obj)
    return obj


# --------------------------------------------------------------------------- hashing

_salts: dict[Path, bytes] = {}
_salt_lock = threading.Lock()


def salt_path() -> Path:
    return aiprov_home() / "salt"


def _load_salt(path: Path) -> bytes:
    if not path.exists():
        tmp = path.with_name(f".salt.{os.getpid()}.{os.urandom(4).hex()}")
        write_secret(tmp, os.urandom(SALT_BYTES))
        try:
            os.link(tmp, path)  # exclusive: two processes racing keep one salt
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        os.chmod(path, 0o600)
    data = path.read_bytes()
    if len(data) != SALT_BYTES:
        raise ConfigError(
            f"{path} holds {len(data)} bytes, not a {SALT_BYTES}-byte salt; restore it from "
            "a backup, or delete it to start a new one (stored key hashes will stop matching)"
        )
    return data


_last_salt: tuple[tuple[str | None, str | None], bytes] | None = None  # (homes, salt)


def get_salt() -> bytes:
    """This install's salt (``$AIPROV_HOME/salt``, 32 random bytes, 0600), created on first
    use. Called for every recorded exchange: while ``$AIPROV_HOME`` and ``$HOME`` are
    unchanged the last salt is returned without building and hashing a path (that cost
    ~60 us an exchange, a tenth of the recorder's CPU)."""
    global _last_salt
    env = (os.environ.get("AIPROV_HOME"), os.environ.get("HOME"))
    last = _last_salt
    if last is not None and last[0] == env:
        return last[1]
    path = salt_path()
    with _salt_lock:
        salt = _salts.get(path)
        if salt is None:
            salt = _salts[path] = _load_salt(path)
        _last_salt = (env, salt)
        return salt


def hash_secret(value: str) -> str:
    """A salted, versioned hash of an API key or token: ``h1:`` + 32 hex digits of
    HMAC-SHA256(salt, value). Stable per install, unlinkable across installs; the value
    itself never reaches disk."""
    digest = hmac.new(get_salt(), value.encode("utf-8"), sha256).hexdigest()
    return HASH_VERSION + digest[:32]


KINDS: frozenset[str] = frozenset(
    {d.kind for d in DETECTORS} | {"password", "generic-high-entropy"}
)
