"""Assignments to secret-sounding names: ``SECRET = "..."``, ``password: ...``,
``api_key=...``, ``--password=...``.

Invariant: only the value is replaced, and only when it looks like a secret
(``looks_secret``): code such as ``password = request.form["pw"]``, ``token: str``,
``api_key = os.environ[...]`` or ``"Enter your password"`` survives. The names are
detect-secrets' keyword list (pinned by a test) with ``_?`` widened to ``[_.-]?`` (header
names: ``x-api-key``), plus token-ish names it leaves out.
"""

from __future__ import annotations

import re

from detect_secrets.plugins.keyword import DENYLIST as DS_KEYWORDS

from proxy.redact.patterns import _PLACEHOLDER, _WORDLIKE, DETECTORS, MARK, entropy, marker

_PASSWORD_WORDS = ("password", "passwd", "passphrase", "pwd", "contraseña", "contrasena",
                   "db_?pass", "database_?pass", "key_?pass")
_EXTRA_WORDS = (
    "(?<![a-z])pass(?![a-z])", "token", "credentials?", "client_?secret", "access_?key",
    "secret_?key", "signing_?key", "encryption_?key", "master_?key", "session_?key",
    "app_?key", "license_?key", "webhook_?secret", "sas_?token", "conn(?:ection)?_?str(?:ing)?",
)
_WORDS = tuple(dict.fromkeys((*DS_KEYWORDS, *_EXTRA_WORDS)))
_KEYWORD = "(?:" + "|".join(w.replace("_?", "[_.-]?") for w in _WORDS) + ")"
KEY_RE = re.compile(_KEYWORD, re.IGNORECASE)
PASSWORD_RE = re.compile("|".join(w.replace("_?", "[_.-]?") for w in _PASSWORD_WORDS)
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
    r"|(?P<v4>[^\s\"'`,;(){}\[\]<>]{1,1024})(?=[\s,;)}\]\"]|$)"  # (``"``: a string's end)
)
_CONFIG_LINE = re.compile(r"[ \t]*(?:export[ \t]+|set[ \t]+|-[ \t]+)?[\"']?[A-Za-z0-9_.\-]*")
_INI_KEY = re.compile(r"[A-Za-z0-9_\-]*")
# a shell command's own environment: ``... && KEY=v cmd``, ``(KEY=v cmd)``, ``env KEY=v cmd``
_SHELL_PREFIX = re.compile(r".*(?:&&|\|\||[;|(`]|\$\()[ \t]*(?:(?:env|sudo|exec)[ \t]+)?"
                           r"|[ \t]*(?:env|sudo|exec)[ \t]+")
_CAMEL = re.compile(r"(?:[A-Z]?[a-z]{2,}|[A-Z]{2,}(?![a-z]))(?:[A-Z][a-z]+|[A-Z]{2,}(?![a-z]))*")
_ESCAPE = re.compile(r"\\(?:[nrt\"\\/]|u[0-9a-fA-F]{4})")  # ends a value in an escaped string
_QUERY_NEXT = re.compile(r"&[A-Za-z_][\w.\-]*=")
_TOKENISH = re.compile(r"[A-Za-z0-9_\-.+/=~]+")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DOTTED = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?")
_NUMBER = re.compile(r"[0-9][0-9_.,:\-]*")


def looks_secret(value: str, key: str, *, quoted: bool, config: bool) -> bool:
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
    m = KEY_RE.search(key)
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
    password = bool(PASSWORD_RE.search(key))
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
    """Is this assignment data (an env/ini/yaml line, a ``--flag=value``) rather than code?
    A string value starts a line of its own (``{"command": "export API_KEY=..."}``)."""
    line_start = chunk.rfind("\n", 0, key_start) + 1
    before = chunk[line_start:key_start]
    if before[:1] == "+" or before[:1] == "-" and before[1:2] not in (" ", "\t", "-"):
        before = before[1:]  # a diff's added or removed line (``- `` is a yaml list item)
    if before.endswith("--") or op == "=" and before.endswith(("?", "&")):
        return True  # ``--password=...``, a URL's query ``?api_key=...&``
    if _config_rules(chunk, before, op_start, op, val_end, in_string=False):
        return True
    q = before.rfind('"')
    if q == -1:
        return False
    lead = before[:q].rstrip()
    if lead and lead[-1] not in ":[,({=":  # not an opening quote
        return False
    return _config_rules(chunk, before[q + 1 :], op_start, op, val_end, in_string=True)


def _config_rules(chunk: str, before: str, op_start: int, op: str, val_end: int, *,
                  in_string: bool) -> bool:
    if op == ":":  # yaml ``key: value`` (indented too) ends its line (or its string);
        # ``k: v,`` and docstrings (``api_key: The key to use``) do not
        eol = chunk.find("\n", val_end)
        rest = chunk[val_end : eol if eol != -1 else len(chunk)].strip()
        ends = not rest or rest.startswith("#") or (in_string and rest.startswith('"'))
        return ends and _CONFIG_LINE.fullmatch(before) is not None
    if op != "=" or before[:1].isspace() and not before.lstrip(" \t").startswith("- "):
        return False  # indented ``=``: code (a yaml list's ``- KEY=value``: data)
    if chunk[op_start - 1] in " \t":  # ini ``key = value`` at column 0, no ``obj.``
        return _INI_KEY.fullmatch(before) is not None
    if _CONFIG_LINE.fullmatch(before) is not None:  # KEY=value, export KEY=v, a.b.pwd=v
        return True
    return _SHELL_PREFIX.fullmatch(before) is not None  # ``cd app && API_KEY=v npm test``


_IDENT_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"


def assignment_spans(chunk: str, low: str, out: list[tuple[int, int, str, int]]) -> None:
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
            if not quoted and "\\" in val and (esc := _ESCAPE.search(val)):
                val = val[: esc.start()]  # ``API_KEY=...\\nDEBUG=1`` in an escaped string
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
            if not KEY_RE.search(key):
                continue  # ``monkey``, ``compass``
            config = (
                not quoted
                and m.group("ann") is None  # ``X: Final = value``: code
                and _config_like(chunk, key_start, m.start("op"), op, vm.end(g))
            )
            if looks_secret(val, key, quoted=quoted, config=config):
                seen.add(vm.start())
                kind = "password" if PASSWORD_RE.search(key) else "generic-high-entropy"
                out.append((vm.start(g), vm.start(g) + len(val), kind, prio))


def secret_for_key(key: str, value: str) -> str | None:
    """A JSON-like ``{key: value}`` whose key names a secret: the marker, or None."""
    if not KEY_RE.search(key) or value.startswith(MARK):
        return None
    if looks_secret(value, key, quoted=True, config=True):
        return marker("password" if PASSWORD_RE.search(key) else "generic-high-entropy")
    return None
