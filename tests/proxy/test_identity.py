"""Client identity from realistic header sets and prompts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from proxy.exchange import (
    ANTHROPIC_MESSAGES,
    GEMINI_GENERATE,
    OPENAI_CHAT,
    OPENAI_RESPONSES,
    RequestInfo,
)
from proxy.identity import TOOL_NAMES, _repo_for_dir, git_user_email, identify, tool_name

CLAUDE_SYSTEM = """You are Claude Code, Anthropic's official CLI for Claude.
...
Here is useful information about the environment you are running in:
<env>
Working directory: /home/dev/projects/shop
Is directory a git repo: Yes
Platform: linux
OS Version: Linux 6.8.0-45-generic
Today's date: 2026-11-23
</env>
You are powered by the model named Sonnet 4.5.
"""

CLAUDE_SYSTEM_NEW = """# Environment
You have been invoked in the following environment:
 - Primary working directory: /Users/ana/src/api
 - Is a git repository: true
 - Platform: darwin
"""

CODEX_ENV = """<environment_context>
  <cwd>/home/dev/projects/billing</cwd>
  <approval_policy>on-request</approval_policy>
  <sandbox_mode>workspace-write</sandbox_mode>
  <shell>bash</shell>
</environment_context>"""

AIDER_SYSTEM = """Act as an expert software developer.
Always use best practices when coding.
Respect and use existing conventions, libraries, etc that are already present in the code base.
Take requests for changes to the supplied code.
...
3. Describe each change with a *SEARCH/REPLACE block* per the examples below.
All changes to files must use this *SEARCH/REPLACE block* format.
"""

CONTINUE_SYSTEM = """You are an agent in the Continue CLI. Given the user's prompt, you should \
use the tools available to you to answer the user's question.

Here is useful information about the environment you are running in:
<env>
Working directory: /home/dev/projects/cli-app
Is directory a git repo: true
Platform: linux
Today's date: 2026-12-05
</env>
"""

GEMINI_CONTEXT = """<session_context>
This is the Gemini CLI. We are setting up the context for our chat.
Today's date is Saturday, December 5, 2026 (formatted according to the user's locale).
My operating system is: linux
The project's temporary directory is: /home/dev/.gemini/tmp/abc
- **Workspace Directories:**
  - /home/dev/projects/gem
- **Directory Structure:**

Showing up to 200 items (files + folders).
</session_context>"""

STAINLESS_PY = [("x-stainless-lang", "python"), ("x-stainless-package-version", "2.8.1"),
                ("x-stainless-os", "Linux"), ("x-stainless-arch", "x64"),
                ("x-stainless-runtime", "CPython"), ("x-stainless-runtime-version", "3.12.1")]

CASES = [
    # (id, headers, request, expected (tool, version, session))
    ("claude-code",
     [("user-agent", "claude-cli/2.1.3 (external, sdk-cli)"), ("x-app", "cli"),
      ("anthropic-version", "2023-06-01"), ("anthropic-beta", "claude-code-20250219"),
      ("x-claude-code-session-id", "5b0f1c8e-1111-4a2b-9c3d-aaaaaaaaaaaa"),
      ("x-api-key", "sk-ant-api03-xxx"), *[(k, v.replace("python", "js"))
                                           for k, v in STAINLESS_PY]],
     RequestInfo(api=ANTHROPIC_MESSAGES, system=CLAUDE_SYSTEM),
     ("claude-code", "2.1.3", "5b0f1c8e-1111-4a2b-9c3d-aaaaaaaaaaaa")),
    ("claude-code-vscode",
     [("user-agent", "claude-cli/2.0.14 (external, claude-vscode)")],
     RequestInfo(api=ANTHROPIC_MESSAGES, session_id="from-body-metadata"),
     ("claude-code", "2.0.14", "from-body-metadata")),
    ("codex-exec",
     [("user-agent", "codex_exec/0.169.0 (Ubuntu 24.4.0; x86_64) unknown"),
      ("originator", "codex_exec"), ("version", "0.169.0"),
      ("session_id", "019a9544-7ab1-73c1-837e-1fa681f4462b"),
      ("conversation_id", "019a9544-7ab1-73c1-837e-1fa681f4462b"),
      ("openai-beta", "responses=experimental"), ("authorization", "Bearer sk-x")],
     RequestInfo(api=OPENAI_RESPONSES,
                 messages=({"role": "user", "content": CODEX_ENV},
                           {"role": "user", "content": "add a retry"})),
     ("codex", "0.169.0", "019a9544-7ab1-73c1-837e-1fa681f4462b")),
    ("codex-tui",
     [("user-agent", "codex_cli_rs/0.58.0 (Windows 10.0.26200; x86_64) WindowsTerminal"),
      ("originator", "codex_cli_rs"), ("conversation_id", "c-42")],
     None, ("codex", "0.58.0", "c-42")),
    ("codex-by-originator",
     [("user-agent", "reqwest"), ("originator", "codex_vscode"), ("version", "0.60.1")],
     None, ("codex", "0.60.1", None)),
    ("aider-openai",
     [("user-agent", "OpenAI/Python 2.8.1"), *STAINLESS_PY],
     RequestInfo(api=OPENAI_CHAT, messages=({"role": "system", "content": AIDER_SYSTEM},
                                            {"role": "user", "content": "fix it"})),
     ("aider", None, None)),
    ("aider-commit-message-model",
     [("user-agent", "OpenAI/Python 2.8.1"), *STAINLESS_PY],
     RequestInfo(api=OPENAI_CHAT, system="You are an expert software engineer that generates "
                 "concise, one-line Git commit messages based on the provided diffs."),
     ("aider", None, None)),
    ("aider-anthropic-via-litellm",
     [("user-agent", "litellm/1.80.0")],
     RequestInfo(api=ANTHROPIC_MESSAGES, system=AIDER_SYSTEM), ("aider", None, None)),
    ("aider-openrouter-headers",
     [("user-agent", "OpenAI/Python 1.99.0"), ("http-referer", "http://aider.chat"),
      ("x-title", "Aider")], None, ("aider", None, None)),
    ("openai-python-plain",
     [("user-agent", "OpenAI/Python 2.8.1"), *STAINLESS_PY],
     RequestInfo(api=OPENAI_CHAT, messages=({"role": "user", "content": "hello"},)),
     ("openai-python", "2.8.1", None)),
    ("openai-js",
     [("user-agent", "OpenAI/JS 5.20.0"), ("x-stainless-lang", "js")], None,
     ("openai-js", "5.20.0", None)),
    ("anthropic-python",
     [("user-agent", "Anthropic/Python 0.72.0"), *STAINLESS_PY], None,
     ("anthropic-python", "0.72.0", None)),
    ("stainless-without-ua-anthropic",
     [("user-agent", "my-app/1.0"), *STAINLESS_PY],
     RequestInfo(api=ANTHROPIC_MESSAGES), ("anthropic-python", "2.8.1", None)),
    ("stainless-without-ua-openai",
     [("x-stainless-lang", "js"), ("x-stainless-package-version", "4.104.0")],
     RequestInfo(api=OPENAI_CHAT), ("openai-js", "4.104.0", None)),
    ("litellm",
     [("user-agent", "litellm/1.80.5")], RequestInfo(api=ANTHROPIC_MESSAGES),
     ("litellm", "1.80.5", None)),
    ("copilot-chat-vscode",
     [("user-agent", "GitHubCopilotChat/0.22.4"), ("editor-version", "vscode/1.95.0"),
      ("editor-plugin-version", "copilot-chat/0.22.4"),
      ("copilot-integration-id", "vscode-chat"), ("openai-intent", "conversation-panel"),
      ("vscode-sessionid", "8c3e2b1a-0000-4000-8000-1700000000000"),
      ("x-request-id", "r-1")],
     RequestInfo(api=OPENAI_CHAT), ("copilot", "0.22.4", "8c3e2b1a-0000-4000-8000-1700000000000")),
    ("copilot-completions",
     [("user-agent", "GithubCopilot/1.155.0"), ("editor-version", "vscode/1.85.1"),
      ("editor-plugin-version", "copilot/1.155.0")], None, ("copilot", "1.155.0", None)),
    ("copilot-jetbrains",
     [("user-agent", "Java-http-client/17.0.9"), ("editor-version", "JetBrains-IC/2024.2.3"),
      ("editor-plugin-version", "copilot-intellij/1.5.29.7524"),
      ("copilot-integration-id", "jetbrains-chat")], None,
     ("copilot", "1.5.29.7524", None)),
    ("cline-ua",
     [("user-agent", "Cline/4.1.16 ai-sdk/openai-compatible/3.0.30 runtime/node.js/v24.18.1"),
      ("x-title", "Cline"), ("x-task-id", "task-7"), ("http-referer", "https://cline.bot")],
     None, ("cline", "4.1.16", "task-7")),
    ("cline-openai-sdk",
     [("user-agent", "OpenAI/JS 4.96.0"), ("http-referer", "https://cline.bot"),
      ("x-title", "Cline"), ("x-cline-version", "3.17.5")], None,
     ("cline", "3.17.5", None)),
    ("continue",
     [("user-agent", "Continue/1.2.10 (vscode; extension)")], None,
     ("continue", "1.2.10", None)),
    ("continue-cli", [("user-agent", "Continue-CLI/1.5.0")], None,
     ("continue-cli", "1.5.0", None)),
    # Continue's CLI as it really calls: the OpenAI JS SDK's headers; its prompt names it
    ("continue-cli-by-prompt",
     [("user-agent", "OpenAI/JS 5.20.0"), ("x-stainless-lang", "js")],
     RequestInfo(api=OPENAI_CHAT, system=CONTINUE_SYSTEM), ("continue-cli", None, None)),
    ("gemini-cli",
     [("user-agent", "GeminiCLI/0.61.0/gemini-2.5-pro (linux; x64; terminal)"),
      ("x-goog-api-client", "google-genai-sdk/1.30.0 gl-node/v22.17.0"),
      ("x-goog-api-key", "AIza-xxx")], None, ("gemini-cli", "0.61.0", None)),
    ("gemini-cli-ide-companion",
     [("user-agent", "GeminiCLI-vscode/0.61.0/gemini-2.5-pro (darwin; arm64; vscode)")], None,
     ("gemini-cli", "0.61.0", None)),
    ("gemini-cli-by-prompt",
     [("x-goog-api-client", "google-genai-sdk/1.30.0 gl-node/v22.17.0")],
     RequestInfo(api=GEMINI_GENERATE, system="You are Gemini CLI, an interactive CLI agent "
                 "specializing in software engineering tasks."), ("gemini-cli", None, None)),
    ("google-genai-python",
     [("user-agent", "google-genai-sdk/1.41.0 gl-python/3.12.1"),
      ("x-goog-api-client", "google-genai-sdk/1.41.0 gl-python/3.12.1")], None,
     ("google-genai-python", "1.41.0", None)),
    ("cursor",
     [("user-agent", "connect-es/1.6.1"), ("x-cursor-client-version", "1.7.38"),
      ("x-session-id", "cur-1")], None, ("cursor", "1.7.38", "cur-1")),
    ("curl", [("user-agent", "curl/8.5.0")], None, ("curl", "8.5.0", None)),
    ("unknown", [("user-agent", "python-requests/2.32.3")], None, ("unknown", None, None)),
    ("no-headers", [], None, ("unknown", None, None)),
    ("header-case-and-duplicates",
     [("User-Agent", "claude-cli/2.1.0 (external, cli)"), ("user-agent", "curl/8.0")], None,
     ("claude-code", "2.1.0", None)),
]


@pytest.mark.parametrize(("headers", "request_info", "expected"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_tool_version_and_session(headers, request_info, expected):
    ident = identify(headers, request_info, developer="dev@example.com")
    assert (ident.tool, ident.tool_version, ident.session_id) == expected
    assert ident.developer == "dev@example.com"


@pytest.mark.parametrize(("system", "messages", "cwd"), [
    (CLAUDE_SYSTEM, (), "/home/dev/projects/shop"),
    (CLAUDE_SYSTEM_NEW, (), "/Users/ana/src/api"),
    (None, ({"role": "user", "content": CODEX_ENV},), "/home/dev/projects/billing"),
    (CONTINUE_SYSTEM, (), "/home/dev/projects/cli-app"),
    ("You are Gemini CLI.", ({"role": "user", "content": GEMINI_CONTEXT},),
     "/home/dev/projects/gem"),
    (None, ({"role": "user", "content": "# AGENTS.md instructions for /srv/app\n\n"
             "<INSTRUCTIONS>\nUse tabs.\n</INSTRUCTIONS>"},), "/srv/app"),
    ("You are a helpful assistant.", ({"role": "user", "content": "hi"},), None),
    # a path mentioned in passing is not the working directory
    ("Edit the file at /etc/hosts when asked.", (), None),
])
def test_working_directory_from_the_prompt(system, messages, cwd):
    req = RequestInfo(api=ANTHROPIC_MESSAGES, system=system, messages=messages)
    assert identify([], req, developer="d").cwd == cwd


def test_repo_when_the_tool_says_git_but_the_path_is_not_here():
    req = RequestInfo(api=ANTHROPIC_MESSAGES, system=CLAUDE_SYSTEM)
    ident = identify([("user-agent", "claude-cli/2.1.3 (external, cli)")], req, developer="d")
    assert ident.repo == "/home/dev/projects/shop"
    codex = RequestInfo(api=OPENAI_RESPONSES, messages=({"role": "user", "content": CODEX_ENV},))
    assert identify([], codex, developer="d").repo is None  # Codex does not say


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_repo_is_the_git_hook_identity_of_a_local_work_tree(tmp_path):
    repo = tmp_path / "work"
    (repo / "src").mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "remote", "add", "origin", "git@github.com:Acme/Shop.git")
    _repo_for_dir.cache_clear()
    system = f"<env>\nWorking directory: {repo / 'src'}\nIs directory a git repo: Yes\n</env>"
    ident = identify([], RequestInfo(api=ANTHROPIC_MESSAGES, system=system), developer="d")
    assert ident.cwd == str(repo / "src")
    assert ident.repo == "github.com/acme/shop"  # what provenance.git.repo_id gives the hook


def test_local_repo_without_remote_is_its_root_path(tmp_path):
    repo = tmp_path / "solo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _repo_for_dir.cache_clear()
    ident = identify([("x-aiprov-cwd", str(repo))], None, developer="d")
    assert ident.repo == repo.resolve().as_posix()


def test_aiprov_headers_win_and_are_normalised():
    headers = [("x-aiprov-developer", "ana@acme.test"),
               ("x-aiprov-repo", "https://ana:tok@GitHub.com/Acme/Shop.git"),
               ("x-aiprov-cwd", "/work/shop/\x07pkg"), ("x-aiprov-session", "s-1"),
               ("user-agent", "OpenAI/Python 2.8.1")]
    req = RequestInfo(api=OPENAI_CHAT, system=CLAUDE_SYSTEM, session_id=None)
    ident = identify(headers, req, developer="fallback@x")
    assert ident.developer == "ana@acme.test"
    assert ident.repo == "github.com/acme/shop"  # user, token, scheme, .git, case dropped
    assert ident.cwd == "/work/shop/pkg"  # control characters stripped
    assert ident.session_id == "s-1"


def test_hostile_values_are_bounded():
    ident = identify([("user-agent", "claude-cli/" + "9" * 500), ("x-session-id", "s" * 5000)],
                     None, developer="d")
    assert ident.tool == "claude-code"
    assert len(ident.tool_version or "") <= 64
    assert len(ident.session_id or "") <= 200


def test_git_user_email_is_read_once_and_never_raises(monkeypatch, tmp_path):
    git_user_email.cache_clear()
    assert git_user_email() == "dev@example.com"  # from the test gitconfig
    (tmp_path / "gitconfig").write_text("[user]\n\temail = changed@example.com\n")
    assert git_user_email() == "dev@example.com"  # cached for the process
    git_user_email.cache_clear()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no git at all
    assert git_user_email() == ""
    git_user_email.cache_clear()


def test_continue_cli_says_it_is_a_git_repo_we_cannot_see():
    req = RequestInfo(api=OPENAI_CHAT, system=CONTINUE_SYSTEM)
    ident = identify([("user-agent", "OpenAI/JS 5.20.0")], req, developer="d")
    assert ident.repo == "/home/dev/projects/cli-app"


def test_a_named_tool_is_not_renamed_by_a_prompt_that_quotes_another():
    req = RequestInfo(api=OPENAI_CHAT, system=CONTINUE_SYSTEM)
    ident = identify([("user-agent", "claude-cli/2.1.3 (external, cli)")], req, developer="d")
    assert ident.tool == "claude-code"


def test_every_tool_id_has_the_name_a_person_uses():
    ids = {c[3][0] for c in CASES}
    assert ids <= set(TOOL_NAMES), ids - set(TOOL_NAMES)
    assert tool_name("continue-cli") == "Continue CLI" and tool_name("gemini-cli") == "Gemini CLI"
    assert tool_name("codex") == "Codex CLI" and tool_name(None) == "unknown"
    assert tool_name("some-new-tool") == "some-new-tool"
