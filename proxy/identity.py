"""Who sent an exchange: developer, tool (and version), session, repository, working dir.

Everything here is read from what the client sent, cheaply, on the recorder's thread (never
on the relay's hot path), and nothing here raises on odd input: an unknown client is
``tool="unknown"``, a missing field is ``None``.

Sources, most explicit first:

- aiprov's own optional headers, which a tool that can add headers sends:
  ``x-aiprov-developer``, ``x-aiprov-repo``, ``x-aiprov-cwd``, ``x-aiprov-session``;
- the User-Agent and client headers (``_UA_RULES``, ``_tool_from_headers``), then, when those
  only name an SDK, how the prompt names the tool (``_SELF_NAMES``, aider's markers):

  ============  ===============================================  ==========================
  tool id       User-Agent / headers                             prompt (when the UA is an
                                                                 SDK's)
  ============  ===============================================  ==========================
  claude-code   ``claude-cli/2.1.3 (external, sdk-cli)``         "You are Claude Code, ..."
  codex         ``codex_exec/0.169.0``, ``codex_cli_rs/...``,    "You are a coding agent
                ``originator: codex_*``                          running in the Codex CLI"
  gemini-cli    ``GeminiCLI/0.61.0/gemini-2.5-pro (linux; ...)``  "You are Gemini CLI", "This
                (``GeminiCLI-<client>/`` from IDE companions)    is the Gemini CLI."
  continue-cli  the OpenAI JS SDK's (``OpenAI/JS 5.x``)          "You are an agent in the
                                                                 Continue CLI"
  continue      ``Continue/1.x (vscode; ...)``
  aider         the openai SDK's (through litellm)               ``*SEARCH/REPLACE block*``,
                                                                 "Act as an expert software
                                                                 developer", ...
  copilot       ``GitHubCopilotChat/0.22.4``,
                ``copilot-integration-id``, ``editor-*``
  cursor        ``x-cursor-client-version``
  cline         ``Cline/3.x``, ``X-Title: Cline``                "You are Cline, ..."
  roo-code      ``RooCode/...``, ``X-Title: Roo Code``           "You are Roo, ..."
  SDKs          ``OpenAI/Python 2.x``, ``OpenAI/JS``,            (none: the SDK is the
                ``Anthropic/...``, ``x-stainless-lang``,         tool)
                ``google-genai-sdk/1.x gl-node|gl-python``
                (``x-goog-api-client``), ``litellm/``, ``curl/``
  ============  ===============================================  ==========================

  ``TOOL_NAMES`` maps each id to the name a person uses ("Gemini CLI"), for display;
- the prompt, when the tool says where it runs: Claude Code's system prompt has
  ``Working directory: /path`` (``Primary working directory:`` in newer versions) and
  ``Is directory a git repo: Yes``; Continue's CLI the same lines (``... repo: true``); Codex
  sends ``<environment_context><cwd>/path</cwd>`` and ``# AGENTS.md instructions for /path``
  as early user messages; Gemini CLI a ``<session_context>`` message listing
  ``- **Workspace Directories:**``.

``repo`` is stored in the form the git hook looks snippets up by (``provenance.git.repo_id``:
``github.com/org/repo`` for a clone with an origin, else the work tree's absolute path), so a
suggestion recorded here can be matched by the hook at commit time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from proxy.exchange import ANTHROPIC_MESSAGES, Identity, RequestInfo

MAX_HEADER = 512
MAX_PATH = 1000
PROMPT_SCAN = 200_000  # characters of system prompt / early messages searched for paths


@dataclass(frozen=True, slots=True)
class _UaRule:
    pattern: re.Pattern[str]  # group "v" is the version, when present
    tool: str


_V = r"(?P<v>\d+(?:\.[0-9A-Za-z\-+]+)*)"
_UA_RULES: tuple[_UaRule, ...] = (
    _UaRule(re.compile(r"\bclaude-cli/" + _V), "claude-code"),
    _UaRule(re.compile(r"\bcodex_[a-z_]+/" + _V), "codex"),
    _UaRule(re.compile(r"\bGeminiCLI(?:-[\w-]+)?/" + _V), "gemini-cli"),
    _UaRule(re.compile(r"\bGit[Hh]ub ?Copilot[A-Za-z]*/" + _V), "copilot"),
    _UaRule(re.compile(r"\bcopilot-(?:chat|intellij|language-server)/" + _V), "copilot"),
    _UaRule(re.compile(r"\bCursor/" + _V), "cursor"),
    _UaRule(re.compile(r"\bCline/" + _V), "cline"),
    _UaRule(re.compile(r"\bRoo-?Code/" + _V, re.I), "roo-code"),
    _UaRule(re.compile(r"\bContinue-CLI/" + _V), "continue-cli"),
    _UaRule(re.compile(r"\bContinue/" + _V), "continue"),
    _UaRule(re.compile(r"\bcontinue\.dev-[a-z]+/" + _V), "continue"),
    _UaRule(re.compile(r"\baider/" + _V), "aider"),
    _UaRule(re.compile(r"\blitellm/" + _V), "litellm"),
    _UaRule(re.compile(r"\bOpenAI/Python " + _V), "openai-python"),
    _UaRule(re.compile(r"\bOpenAI/JS " + _V), "openai-js"),
    _UaRule(re.compile(r"\bAnthropic/Python " + _V), "anthropic-python"),
    _UaRule(re.compile(r"\bAnthropic/JS " + _V), "anthropic-js"),
    _UaRule(re.compile(r"^curl/" + _V), "curl"),
    _UaRule(re.compile(r"\bgoogle-genai-sdk/" + _V + r".*\bgl-node/"), "google-genai-js"),
    _UaRule(re.compile(r"\bgoogle-genai-sdk/" + _V + r".*\bgl-python/"), "google-genai-python"),
)

# How a tool names itself in its system prompt (or the context message it always sends),
# for tools whose User-Agent is a generic SDK's (Continue's CLI sends the OpenAI JS SDK's)
_SELF_NAMES: tuple[tuple[str, str], ...] = (
    ("You are an agent in the Continue CLI", "continue-cli"),
    ("You are Gemini CLI", "gemini-cli"),
    ("This is the Gemini CLI.", "gemini-cli"),
    ("You are Claude Code, Anthropic's official CLI", "claude-code"),
    ("You are a coding agent running in the Codex CLI", "codex"),
    ("You are Codex, based on GPT", "codex"),
    ("You are Cline, a highly skilled software engineer", "cline"),
    ("You are Roo, ", "roo-code"),
)

# The name a person uses for each tool id (``aiprov log`` shows these). The ids themselves
# are what records, trailers (``Assisted-by: codex:gpt-5``) and reports carry.
TOOL_NAMES: dict[str, str] = {
    "claude-code": "Claude Code", "codex": "Codex CLI", "gemini-cli": "Gemini CLI",
    "continue-cli": "Continue CLI", "continue": "Continue", "aider": "aider",
    "copilot": "GitHub Copilot", "cursor": "Cursor", "cline": "Cline", "roo-code": "Roo Code",
    "openai-python": "OpenAI Python SDK", "openai-js": "OpenAI JS SDK",
    "anthropic-python": "Anthropic Python SDK", "anthropic-js": "Anthropic JS SDK",
    "google-genai-python": "Google GenAI Python SDK", "google-genai-js": "Google GenAI JS SDK",
    "litellm": "LiteLLM", "curl": "curl", "unknown": "unknown",
}


def tool_name(tool: str | None) -> str:
    """The name a person would use for a recorded tool id (the id itself when unknown)."""
    return TOOL_NAMES.get(tool or "unknown", tool or "unknown")

SESSION_HEADERS = (
    "x-aiprov-session",
    "x-claude-code-session-id",
    "session_id",  # Codex
    "session-id",
    "x-session-id",
    "conversation_id",  # Codex
    "x-conversation-id",
    "x-task-id",  # Cline
    "vscode-sessionid",  # Copilot in VS Code
)

# aider's system prompts (editblock, whole, udiff, patch formats; the commit-message model)
_AIDER_MARKERS = (
    "*SEARCH/REPLACE block*",
    "Act as an expert software developer",
    "*add the files to the chat*",
    "one-line Git commit messages",
)
_SDK_TOOLS = frozenset({"openai-python", "openai-js", "anthropic-python", "anthropic-js",
                        "google-genai-python", "google-genai-js", "litellm", "unknown"})

_CWD_PATTERNS = (
    re.compile(r"^[ \t]*(?:-[ \t]*)?(?:Primary )?[Ww]orking directory:[ \t]*(\S[^\n]*?)[ \t]*$",
               re.M),
    re.compile(r"<cwd>([^<\n]+)</cwd>"),
    re.compile(r"^# AGENTS\.md instructions for (\S[^\n]*?)[ \t]*$", re.M),
    # Gemini CLI's <session_context>: the first workspace directory
    re.compile(r"^- \*\*Workspace Directories:\*\*[ \t]*\n[ \t]*- (\S[^\n]*?)[ \t]*$", re.M),
)
_GIT_REPO = re.compile(r"Is directory a git repo:[ \t]*(?:Yes|true)\b|"
                       r"Is a git repository:[ \t]*true", re.I)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _clean(value: str | None, limit: int = MAX_HEADER) -> str | None:
    if value is None:
        return None
    value = _CONTROL.sub("", value).strip()
    return value[:limit] or None


def _header_map(headers: Sequence[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in headers:
        out.setdefault(name.lower(), value)  # first wins, as most servers read them
    return out


@lru_cache(maxsize=256)
def _tool_from_ua(ua: str) -> tuple[str, str | None] | None:
    """The first ``_UA_RULES`` match (memoised: a client sends the same User-Agent on every
    request, and 20 regex searches per exchange were a fifth of the recorder's CPU)."""
    for rule in _UA_RULES:
        m = rule.pattern.search(ua)
        if m:
            return rule.tool, m.group("v")
    return None


def _version_after(value: str | None) -> str | None:
    """``copilot-chat/0.22.4`` -> ``0.22.4``."""
    if not value:
        return None
    m = re.search(r"/" + _V, value)
    return m.group("v") if m else None


def _tool_from_headers(h: dict[str, str], request: RequestInfo | None) -> tuple[str, str | None]:
    ua = h.get("user-agent", "")
    found = _tool_from_ua(ua) or _tool_from_ua(h.get("x-goog-api-client", ""))
    plugin = h.get("editor-plugin-version", "")
    if "copilot-integration-id" in h or plugin.lower().startswith("copilot"):
        version = found[1] if found and found[0] == "copilot" else _version_after(plugin)
        return "copilot", version
    if found and found[0] in ("claude-code", "codex", "gemini-cli", "cursor", "cline",
                              "roo-code", "continue", "continue-cli", "aider"):
        return found
    originator = h.get("originator", "")
    if originator.startswith("codex"):
        return "codex", _clean(h.get("version"), 64)
    if "x-cursor-client-version" in h:
        return "cursor", _clean(h["x-cursor-client-version"], 64)
    title = h.get("x-title", "").strip().lower()
    referer = h.get("http-referer", "").lower()
    if title == "cline" or "cline.bot" in referer or "x-cline-version" in h:
        return "cline", _clean(h.get("x-cline-version") or h.get("x-client-version"), 64)
    if title.startswith("roo") or "roocode" in referer:
        return "roo-code", None
    if title == "aider" or "aider.chat" in referer:
        return "aider", None
    if found:
        return found
    lang = h.get("x-stainless-lang", "").lower()
    if lang:  # a Stainless SDK whose User-Agent was replaced: tell which by the API called
        family = "anthropic" if request is not None and request.api == ANTHROPIC_MESSAGES \
            else "openai"
        lang = "python" if lang == "python" else "js"
        return f"{family}-{lang}", _clean(h.get("x-stainless-package-version"), 64)
    return "unknown", None


def _tool_from_prompt(request: RequestInfo | None) -> str | None:
    """The tool a request's prompt names: its system prompt's self-name, the context message
    it sends first, or aider's prompt markers."""
    if request is None:
        return None
    texts = [request.system or ""]
    texts += [m.get("content", "") for m in request.messages[:3]
              if m.get("role") in ("system", "developer", "user")]
    head = "\n".join(t[:PROMPT_SCAN] for t in texts if t)
    for marker, tool in _SELF_NAMES:
        if marker in head:
            return tool
    if any(marker in head for marker in _AIDER_MARKERS):
        return "aider"
    return None


def _prompt_texts(request: RequestInfo) -> list[str]:
    """System prompt and the first few messages (Codex puts its environment there)."""
    texts = [request.system] if request.system else []
    for m in request.messages[:6]:
        content = m.get("content")
        if isinstance(content, str) and content:
            texts.append(content[:PROMPT_SCAN])
    return texts


def _cwd_from_prompt(request: RequestInfo | None) -> tuple[str | None, bool]:
    """(working directory, the tool said it is a git repo)."""
    if request is None:
        return None, False
    cwd = None
    is_repo = False
    for text in _prompt_texts(request):
        text_cwd, text_repo = _scan_text(text[:PROMPT_SCAN])
        cwd = cwd or text_cwd
        is_repo = is_repo or text_repo
        if cwd is not None and is_repo:
            break
    return cwd, is_repo


@lru_cache(maxsize=32)
def _scan_text(head: str) -> tuple[str | None, bool]:
    """(working directory, said it is a git repo) in one prompt text. Memoised: a tool
    sends the same system prompt and first messages on every turn of a session, and the
    multi-line patterns scan the whole text (a handful of 200 KB texts at most are kept)."""
    cwd = None
    for pattern in _CWD_PATTERNS:
        m = pattern.search(head)
        if m:
            cwd = _clean(m.group(1), MAX_PATH)
            break
    return cwd, _GIT_REPO.search(head) is not None


def cwd_in_texts(texts: Sequence[str]) -> str | None:
    """The working directory a tool states in these prompt texts, or None (the patterns of
    ``_CWD_PATTERNS``; the relay's WebSocket tap uses it to carry a session's directory over
    to follow-up turns that do not repeat it)."""
    for text in texts:
        head = text[:PROMPT_SCAN]
        for pattern in _CWD_PATTERNS:
            m = pattern.search(head)
            if m:
                return _clean(m.group(1), MAX_PATH)
    return None


@lru_cache(maxsize=512)
def _repo_for_dir(cwd: str) -> str | None:
    """The repository identity of the work tree at ``cwd`` on this machine, or None."""
    from aiprov.errors import GitError
    from provenance import git

    try:
        path = Path(cwd)
        if not path.is_absolute() or not path.is_dir():
            return None
        return git.repo_id(path)
    except (GitError, OSError, ValueError):
        return None


def _repo_from_header(value: str) -> str | None:
    from provenance.git import normalise_repo

    try:
        return normalise_repo(value)[:MAX_PATH] or None
    except (OSError, ValueError, RuntimeError):
        return None


def identify(
    headers: Sequence[tuple[str, str]],
    request: RequestInfo | None,
    *,
    developer: str,
) -> Identity:
    """Identity of one exchange from its request headers and parsed request."""
    h = _header_map(headers)
    tool, version = _tool_from_headers(h, request)
    if tool in _SDK_TOOLS:
        named = _tool_from_prompt(request)
        if named is not None:
            tool, version = named, None

    session = _clean(request.session_id if request is not None else None, 200)
    if session is None:
        for name in SESSION_HEADERS:
            session = _clean(h.get(name), 200)
            if session:
                break

    cwd = _clean(h.get("x-aiprov-cwd"), MAX_PATH)
    prompt_cwd, said_repo = _cwd_from_prompt(request) if cwd is None else (None, False)
    cwd = cwd or prompt_cwd
    repo_header = _clean(h.get("x-aiprov-repo"), MAX_PATH)
    repo = _repo_from_header(repo_header) if repo_header else None
    if repo is None and cwd:
        repo = _repo_for_dir(cwd)
        if repo is None and said_repo and cwd.startswith("/"):
            repo = cwd  # the tool says it is a repo we cannot see from here: its path

    return Identity(
        developer=_clean(h.get("x-aiprov-developer"), 200) or developer,
        tool=tool,
        tool_version=_clean(version, 64),
        session_id=session,
        repo=repo,
        cwd=cwd,
    )


@cache
def git_user_email() -> str:
    """``git config user.email`` (once per process), "" when git or the setting is missing."""
    try:
        from provenance import git

        return git.config_get(None, "user.email") or ""
    except Exception:  # noqa: BLE001 - identity must never fail the recorder
        return ""
