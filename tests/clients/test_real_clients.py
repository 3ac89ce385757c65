"""Claude Code, Codex CLI, Gemini CLI, Continue's CLI and aider, configured as `aiprov setup`
says, work through the proxy exactly as they do without it, and their edits are recorded.

All of them run for real, offline, against the fake upstream on loopback (no recorded wire
fixture is needed for any of them).

Each assistant runs twice against the same scripted fake upstream: once pointed straight
at it, once through aiprov. The two runs must end the same way (exit code, files written,
final answer); the proxied run must leave a record with the tool, the tool call that
carried the edit, and snippets for provenance.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fakellm import FakeToolCall, Reply
from tests.utils.clients import client_env

# the first run installs the clients (npm, pip) inside session fixtures, which pytest-timeout
# counts against the test that first asks for them; every subprocess has its own timeout
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]

CODE = 'def greet(name):\n    return f"hello, {name}"\n'




def _snippets(stack, exchange_id: str) -> list:
    from sqlmodel import select

    from store import db
    from store.models import SnippetRow

    with db.session(stack.db_url) as s:
        return list(s.exec(select(SnippetRow).where(SnippetRow.exchange_id == exchange_id)))


def _never_stored(stack, *secrets: str) -> None:
    """No file of the store (database, WAL, SHM) holds any of ``secrets``."""
    db_file = Path(stack.db_url.removeprefix("sqlite:///"))
    for f in db_file.parent.glob(db_file.name + "*"):
        data = f.read_bytes()
        assert not any(x.encode() in data for x in secrets), f


def _workdir(tmp: Path) -> Path:
    work = tmp / "work"
    work.mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    return work


def _files(work: Path) -> dict[str, str]:
    return {str(p.relative_to(work)): p.read_text() for p in sorted(work.rglob("*"))
            if p.is_file() and not any(part.startswith((".git", ".aider"))
                                       for part in p.relative_to(work).parts)}


def _both(stack, tmp_path: Path, run: Callable[[str, Path], subprocess.CompletedProcess],
          replies: list[Reply]) -> tuple:
    outcomes = []
    for name, base in (("direct", stack.upstream_url), ("proxy", stack.url)):
        stack.fake.push(*replies)
        tmp = tmp_path / name
        work = _workdir(tmp)
        proc = run(base, work)
        assert proc.returncode == 0, (name, proc.stdout[-3000:], proc.stderr[-3000:])
        outcomes.append((proc, _files(work), work))
    return outcomes


def _greet_written_alike(outcomes: list) -> tuple[subprocess.CompletedProcess, Path]:
    """The direct and the proxied run wrote the same greet.py and said the same; (the
    proxied run, its work tree)."""
    (direct, direct_files, _), (proxied, proxied_files, work) = outcomes
    assert direct_files == proxied_files == {"greet.py": CODE}
    assert direct.stdout.strip() == proxied.stdout.strip()
    return proxied, work


def _claude_code_writes_greet(stack, node_bin: Path, tmp_path: Path, **auth: str) -> Path:
    """Claude Code writes greet.py straight against the fake and through aiprov, with the
    credentials in ``auth``; both runs end the same way. The proxied run's work tree."""
    outcomes = []
    for name, base in (("direct", stack.upstream_url), ("proxy", stack.url)):
        work = _workdir(tmp_path / name)
        # the Write call needs the run's own path, so script per run
        stack.fake.push(
            Reply(text="I'll create greet.py.", tool_calls=[FakeToolCall(
                "Write", json.dumps({"file_path": str(work / "greet.py"), "content": CODE}))]),
            Reply(text="Created greet.py."))
        proc = subprocess.run(
            [str(node_bin / "claude"), "-p", "create greet.py with a greet function",
             "--permission-mode", "acceptEdits", "--allowedTools", "Write"],
            cwd=work, capture_output=True, text=True, timeout=180,
            env=client_env(work.parent, ANTHROPIC_BASE_URL=base,
                           CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1", **auth))
        assert proc.returncode == 0, (name, proc.stdout[-3000:], proc.stderr[-3000:])
        outcomes.append((proc, _files(work), work))
    proxied, work = _greet_written_alike(outcomes)
    assert proxied.stdout.strip() == "Created greet.py."
    return work


def test_claude_code(stack, node_bin, tmp_path):
    work = _claude_code_writes_greet(stack, node_bin, tmp_path, ANTHROPIC_API_KEY="sk-ant-test-1")
    rows = [r for r in stack.rows() if r.api == "anthropic.messages"]
    assert len(rows) == 2  # the Write turn and the turn carrying its tool_result
    first, second = rows
    assert first.tool == "claude-code" and first.tool_version
    assert first.path == "/v1/messages?beta=true" and first.stream and first.complete
    assert first.session_id and first.session_id == second.session_id
    assert first.cwd == str(work)
    [call] = json.loads(first.tool_calls_json)
    assert call["name"] == "Write" and json.loads(call["arguments"])["content"] == CODE
    assert len(json.loads(first.request_json)["tools_offered"]) > 10
    assert second.response_text == "Created greet.py."


PATCH = ("*** Begin Patch\n*** Add File: greet.py\n"
         + "".join(f"+{line}\n" for line in CODE.splitlines()) + "*** End Patch\n")


def _codex_adds_greet(stack, tmp_path: Path,
                      run: Callable[[str, Path], subprocess.CompletedProcess]) -> None:
    """Codex adds greet.py with apply_patch through exec_command, straight against the fake
    and through aiprov (``run(base, work)``), with the same outcome."""
    cmd = json.dumps({"cmd": f"apply_patch <<'EOF'\n{PATCH}EOF\n", "workdir": "."})
    replies = [Reply(text="Adding greet.py.", tool_calls=[FakeToolCall("exec_command", cmd)]),
               Reply(text="Added greet.py.")]
    (direct, direct_files, _), (proxied, proxied_files, _) = _both(stack, tmp_path, run,
                                                                  replies)
    assert direct_files == proxied_files, (direct.stderr[-2000:], proxied.stderr[-2000:])
    assert proxied_files.get("greet.py") == CODE, proxied.stderr[-3000:]
    assert "Added greet.py." in direct.stdout and "Added greet.py." in proxied.stdout


@pytest.mark.parametrize("websocket", [False, True], ids=["https", "websocket"])
def test_codex(stack, node_bin, tmp_path, websocket):
    def run(base: str, work: Path) -> subprocess.CompletedProcess:
        flags = ["-c", "model_provider=aiprov", "-c", 'model_providers.aiprov.name="aiprov"',
                 "-c", f'model_providers.aiprov.base_url="{base}/v1"',
                 "-c", 'model_providers.aiprov.wire_api="responses"',
                 "-c", 'model_providers.aiprov.env_key="OPENAI_API_KEY"']
        if websocket:
            flags += ["-c", "model_providers.aiprov.supports_websockets=true"]
        return subprocess.run(
            [str(node_bin / "codex"), "exec", "--skip-git-repo-check", "-s", "workspace-write", *flags,
             "add greet.py"],
            cwd=work, capture_output=True, text=True, timeout=180,
            env=client_env(work.parent, OPENAI_API_KEY="sk-test-codex"))

    _codex_adds_greet(stack, tmp_path, run)
    rows = [r for r in stack.rows() if r.api == "openai.responses"]
    assert rows and all(r.tool == "codex" for r in rows)
    transports = {q.transport for q in stack.fake.requests if q.path.startswith("/v1/responses")}
    assert transports == ({"websocket"} if websocket else {"http"})
    calls = [c for r in rows for c in json.loads(r.tool_calls_json)]
    assert any(c["name"] == "exec_command" and "*** Begin Patch" in c["arguments"]
               for c in calls)


AIDER_CODE = (
    "import re\n\n\n"
    "def slugify(title, max_len=60):\n"
    "    \"\"\"A URL slug: lower case, ASCII words joined by dashes.\"\"\"\n"
    "    words = re.findall(r\"[a-z0-9]+\", title.lower())\n"
    "    slug = \"-\".join(words)\n"
    "    if len(slug) > max_len:\n"
    "        slug = slug[:max_len].rsplit(\"-\", 1)[0]\n"
    "    return slug or \"untitled\"\n"
)


def test_aider(stack, aider_bin, tmp_path):
    """aider streams the edit, applies it, asks a second model for the commit message and
    commits by itself: the hooks run inside its `git commit` and attribute the lines."""
    edit = f"slug.py\n```python\n{AIDER_CODE}```\n"
    # the hooks find the store, and the proxy whose recorder they wait for
    hook_env = {"AIPROV_HOME": str(tmp_path / "aiprov-home"), "AIPROV_DB": stack.db_url,
                "AIPROV_HOOK_SYNC": "1", "AIPROV_PORT": stack.url.rsplit(":", 1)[1]}

    def run(base: str, work: Path) -> subprocess.CompletedProcess:
        (work / "slug.py").write_text("")
        subprocess.run(["git", "add", "slug.py"], cwd=work, check=True)
        subprocess.run(["git", "commit", "-qm", "empty"], cwd=work, check=True)
        if base == stack.url:  # the proxied run has aiprov's hooks, as `aiprov setup` says
            from provenance.hookinstall import install_hooks

            install_hooks(work, python=sys.executable)
        return subprocess.run(
            [str(aider_bin), "--model", "openai/gpt-4o", "--edit-format", "whole",
             "--yes-always", "--no-check-update", "--no-analytics", "--no-show-model-warnings",
             "--no-pretty", "--message", "write slugify()", "slug.py"],
            cwd=work, capture_output=True, text=True, timeout=240,
            env=client_env(work.parent, OPENAI_API_BASE=f"{base}/v1", OPENAI_API_KEY="sk-test-aider",
                     LITELLM_LOCAL_MODEL_COST_MAP="True", **hook_env))

    replies = [Reply(text=edit), Reply(text="feat: add slugify")]
    (_, direct_files, _), (_, proxied_files, work) = _both(stack, tmp_path, run, replies)
    assert direct_files == proxied_files and proxied_files["slug.py"] == AIDER_CODE
    msg = subprocess.run(["git", "log", "-1", "--format=%B"], cwd=work, capture_output=True,
                         text=True, check=True).stdout
    assert msg.startswith("feat: add slugify")  # aider committed by itself
    rows = [r for r in stack.rows() if r.api == "openai.chat"]
    edit_row = next(r for r in rows if AIDER_CODE in r.response_text)
    assert edit_row.stream and edit_row.tool == "aider"
    # the hook inside aider's commit found the suggestion: every line is AI origin
    assert "AI-Lines: 10/10" in msg, msg
    assert "Assisted-by: aider:gpt-4o" in msg


def _gemini_home(home: Path) -> None:
    """What `aiprov setup gemini-cli` prints for settings.json (API-key auth), plus the
    switches that keep a headless run off the network (usage statistics, update checks)."""
    (home / ".gemini").mkdir(parents=True, exist_ok=True)
    (home / ".gemini" / "settings.json").write_text(json.dumps({
        "security": {"auth": {"selectedType": "gemini-api-key"}},
        "privacy": {"usageStatisticsEnabled": False}, "telemetry": {"enabled": False},
        "general": {"disableAutoUpdate": True, "disableUpdateNag": True}}))


def test_gemini_cli(stack, node_bin, tmp_path):
    outcomes = []
    for name, base in (("direct", stack.upstream_url), ("proxy", stack.url)):
        work = _workdir(tmp_path / name)
        _gemini_home(work.parent / "home")
        stack.fake.push(
            Reply(text="I'll create greet.py.", tool_calls=[FakeToolCall(
                "write_file", json.dumps({"file_path": str(work / "greet.py"),
                                          "content": CODE}))]),
            Reply(text="Created greet.py."))
        # an explicit model: with "auto" Gemini CLI first asks a classifier model to route
        proc = subprocess.run(
            [str(node_bin / "gemini"), "-p", "create greet.py with a greet function", "--yolo",
             "-m", "gemini-2.5-pro"],
            cwd=work, capture_output=True, text=True, timeout=180,
            env=client_env(work.parent, GOOGLE_GEMINI_BASE_URL=base, GEMINI_API_KEY="AIza-test-gem",
                     GEMINI_CLI_TRUST_WORKSPACE="true", NO_COLOR="1"))
        assert proc.returncode == 0, (name, proc.stdout[-3000:], proc.stderr[-3000:])
        outcomes.append((proc, _files(work), work))
    proxied, work = _greet_written_alike(outcomes)
    assert "Created greet.py." in proxied.stdout
    rows = [r for r in stack.rows() if r.api == "gemini.generate"]
    assert len(rows) == 2  # the write_file turn and the turn carrying its functionResponse
    first, second = rows
    assert first.tool == "gemini-cli" and first.tool_version
    assert first.path == "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse"
    assert first.stream and first.complete and first.model_requested == "gemini-2.5-pro"
    assert first.cwd == str(work) and first.api_key_hash
    [call] = json.loads(first.tool_calls_json)
    assert call["name"] == "write_file" and json.loads(call["arguments"])["content"] == CODE
    assert "write_file" in json.loads(first.request_json)["tools_offered"]
    assert second.response_text == "Created greet.py."
    [snip] = _snippets(stack, first.id)
    assert (snip.kind, snip.text) == ("write", CODE)


def test_continue_cli(stack, node_bin, tmp_path):
    """Continue's CLI (`cn`) with an OpenAI-provider model whose apiBase is aiprov, as
    `aiprov setup continue` prints it; its User-Agent is the SDK's, its prompt names it."""
    def run(base: str, work: Path) -> subprocess.CompletedProcess:
        config = work.parent / "config.yaml"
        config.write_text("name: aiprov-test\nversion: 0.0.1\nschema: v1\nmodels:\n"
                          "  - name: gpt\n    provider: openai\n    model: gpt-4o\n"
                          f"    apiBase: {base}/v1/\n    apiKey: sk-test-continue\n"
                          "    roles: [chat, edit, apply]\n")
        return subprocess.run(
            [str(node_bin / "cn"), "-p", "create greet.py with a greet function",
             "--config", str(config), "--auto"],
            cwd=work, capture_output=True, text=True, timeout=180,
            env=client_env(work.parent, NO_COLOR="1"))

    outcomes = []
    for name, base in (("direct", stack.upstream_url), ("proxy", stack.url)):
        work = _workdir(tmp_path / name)
        stack.fake.push(
            Reply(text="I'll create greet.py.", tool_calls=[FakeToolCall(
                "Write", json.dumps({"filepath": str(work / "greet.py"), "content": CODE}))]),
            Reply(text="Created greet.py."))
        proc = run(base, work)
        assert proc.returncode == 0, (name, proc.stdout[-3000:], proc.stderr[-3000:])
        outcomes.append((proc, _files(work), work))
    (direct, direct_files, _), (proxied, proxied_files, work) = outcomes
    assert direct_files == proxied_files == {"greet.py": CODE}
    assert direct.stdout.strip() == proxied.stdout.strip() == "Created greet.py."
    rows = [r for r in stack.rows() if r.api == "openai.chat"]
    assert len(rows) == 2
    first, second = rows
    assert first.tool == second.tool == "continue-cli"  # not a generic "openai-js"
    assert first.cwd == str(work) and first.stream and first.complete
    [call] = json.loads(first.tool_calls_json)
    assert call["name"] == "Write" and json.loads(call["arguments"])["content"] == CODE
    assert {"Write", "Read", "Bash"} <= set(json.loads(first.request_json)["tools_offered"])


# -- subscription sign-ins: no API key, the client's own OAuth login --------------------------

def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1].split("/", 1)[0])


def _jwt(claims: dict) -> str:
    """An unsigned JWT: Codex reads its ChatGPT tokens' claims (plan, account, expiry) but
    only the server checks their signature, and the fake checks nothing."""
    import base64

    def part(obj: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}.c2ln"


def _codex_chatgpt_home(home: Path, provider_toml: str) -> str:
    """A CODEX_HOME signed in with ChatGPT (what `codex login` writes to auth.json, with
    tokens fresh enough that Codex does not refresh them) and the provider `aiprov setup
    codex --chatgpt` prints; apps (a chatgpt.com MCP server) off to stay offline. Returns the
    access token."""
    import time

    home.mkdir(parents=True, exist_ok=True)
    exp = int(time.time()) + 30 * 86400
    auth = {"https://api.openai.com/auth": {"chatgpt_plan_type": "plus",
                                            "chatgpt_user_id": "user-test",
                                            "chatgpt_account_id": "acc-test-1"}}
    access = _jwt({"exp": exp, "sub": "user-test", **auth})
    (home / "auth.json").write_text(json.dumps({
        "auth_mode": "chatgpt", "OPENAI_API_KEY": None,
        "tokens": {"id_token": _jwt({"email": "dev@example.com", "exp": exp, **auth}),
                   "access_token": access, "refresh_token": "rt-test",
                   "account_id": "acc-test-1"},
        "last_refresh": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime())}))
    (home / "config.toml").write_text(provider_toml + "\n\n[features]\napps = false\n")
    return access


def _setup_step(tool: str, login: str, port: int, index: int = 0) -> str:
    from aiprov.commands.setup import guide

    g = guide(tool, host="127.0.0.1", port=port, ca=Path("ca.pem"), login=login)
    return g.steps[index][1]


@pytest.mark.parametrize("websocket", [False, True], ids=["https", "websocket"])
def test_codex_signed_in_with_chatgpt(stack, node_bin, tmp_path, websocket):
    """Codex with a ChatGPT sign-in and the provider `aiprov setup codex --chatgpt` prints:
    the same run straight against the fake's /backend-api/codex and through aiprov."""
    tokens = {}

    def run(base: str, work: Path) -> subprocess.CompletedProcess:
        home = work.parent / "codex-home"
        tokens[base] = _codex_chatgpt_home(home, _setup_step("codex", "chatgpt", _port(base)))
        flags = [] if websocket else [
            "-c", "model_providers.aiprov-chatgpt.supports_websockets=false"]
        return subprocess.run(
            [str(node_bin / "codex"), "exec", "--skip-git-repo-check", "-s", "workspace-write",
             *flags, "add greet.py"],
            cwd=work, capture_output=True, text=True, timeout=180,
            env=client_env(work.parent, CODEX_HOME=str(home)))

    _codex_adds_greet(stack, tmp_path, run)
    turns = [q for q in stack.fake.requests if q.path == "/backend-api/codex/responses"
             and (q.transport == "websocket" or q.method == "POST")]
    assert {q.transport for q in turns} == ({"websocket"} if websocket else {"http"})
    # the sign-in reached the upstream as Codex sent it
    assert all(q.headers["chatgpt-account-id"] == "acc-test-1"
               and q.headers["authorization"].startswith("Bearer ey") for q in turns)
    rows = [r for r in stack.rows() if r.api == "openai.responses"]
    assert len(rows) == 2 and all(r.tool == "codex" and r.complete for r in rows)
    assert all(r.path == "/backend-api/codex/responses" for r in rows)
    assert rows[0].input_tokens and rows[0].api_key_hash
    calls = [c for r in rows for c in json.loads(r.tool_calls_json)]
    assert any(c["name"] == "exec_command" and "*** Begin Patch" in c["arguments"]
               for c in calls)
    assert [(x.path, x.text) for x in _snippets(stack, rows[0].id)] == [("greet.py", CODE)]
    _never_stored(stack, *tokens.values())


def test_codex_signed_in_with_chatgpt_sees_the_upstreams_error(stack, node_bin, tmp_path):
    work = _workdir(tmp_path)
    home = work.parent / "codex-home"
    _codex_chatgpt_home(home, _setup_step("codex", "chatgpt", _port(stack.url)))
    stack.fake.push(Reply(status=400, error="The 'gpt-x' model is not supported when using "
                                            "Codex with a ChatGPT account."))
    proc = subprocess.run(
        [str(node_bin / "codex"), "exec", "--skip-git-repo-check", "-c",
         "model_providers.aiprov-chatgpt.supports_websockets=false", "add greet.py"],
        cwd=work, capture_output=True, text=True, timeout=180,
        env=client_env(work.parent, CODEX_HOME=str(home)))
    assert proc.returncode != 0 and "not supported when using Codex" in proc.stderr + proc.stdout
    [row] = [r for r in stack.rows() if r.api == "openai.responses"]
    assert row.status == 400 and "not supported when using Codex" in row.error
    assert row.tool == "codex"


def _gemini_google_home(home: Path) -> None:
    """Gemini CLI signed in with Google (oauth-personal), offline switches as above."""
    (home / ".gemini").mkdir(parents=True, exist_ok=True)
    (home / ".gemini" / "settings.json").write_text(json.dumps({
        "security": {"auth": {"selectedType": "oauth-personal"}},
        "privacy": {"usageStatisticsEnabled": False}, "telemetry": {"enabled": False},
        "general": {"disableAutoUpdate": True, "disableUpdateNag": True}}))


GOOGLE_TOKEN = "ya29.test-google-oauth-access-token"


def _gemini_google(node_bin: Path, work: Path, endpoint_port: int) -> subprocess.CompletedProcess:
    """Gemini CLI signed in with Google, pointed where `aiprov setup gemini-cli --google`
    says. The access token comes from GOOGLE_CLOUD_ACCESS_TOKEN (Gemini CLI's own switch
    for a token minted elsewhere), so no sign-in flow or token refresh reaches Google; its
    user-info lookup fails offline and it carries on. No -m: the "auto" router first asks a
    classifier model, a non-streamed generateContent."""
    _gemini_google_home(work.parent / "home")
    export = _setup_step("gemini-cli", "google", endpoint_port)
    name, value = export.removeprefix("export ").split("=", 1)
    return subprocess.run(
        [str(node_bin / "gemini"), "-p", "create greet.py with a greet function", "--yolo"],
        cwd=work, capture_output=True, text=True, timeout=180,
        env=client_env(work.parent, **{name: value}, GOOGLE_GENAI_USE_GCA="true",
                       GOOGLE_CLOUD_ACCESS_TOKEN=GOOGLE_TOKEN,
                       GEMINI_CLI_TRUST_WORKSPACE="true", NO_COLOR="1"))


def test_gemini_cli_signed_in_with_google(stack, node_bin, tmp_path):
    outcomes = []
    for name, base in (("direct", stack.upstream_url), ("proxy", stack.url)):
        work = _workdir(tmp_path / name)
        stack.fake.push(
            Reply(text='{"reasoning": "it writes one small file", "model_choice": "pro"}'),
            Reply(text="I'll create greet.py.", tool_calls=[FakeToolCall(
                "write_file", json.dumps({"file_path": str(work / "greet.py"),
                                          "content": CODE}))]),
            Reply(text="Created greet.py."))
        proc = _gemini_google(node_bin, work, _port(base))
        assert proc.returncode == 0, (name, proc.stdout[-3000:], proc.stderr[-3000:])
        outcomes.append((proc, _files(work), work))
    proxied, work = _greet_written_alike(outcomes)
    assert "Created greet.py." in proxied.stdout
    # loadCodeAssist, quota, experiments, metrics: relayed, not recorded
    assert any(q.path == "/v1internal:loadCodeAssist" for q in stack.fake.requests)
    rows = stack.rows()
    assert [(r.api, r.stream, r.path) for r in rows] == [
        ("gemini.generate", False, "/v1internal:generateContent"),
        ("gemini.generate", True, "/v1internal:streamGenerateContent?alt=sse"),
        ("gemini.generate", True, "/v1internal:streamGenerateContent?alt=sse")]
    router, first, second = rows
    assert all(r.tool == "gemini-cli" and r.tool_version and r.complete for r in rows)
    assert all(r.api_key_hash and r.model_requested.startswith("gemini") for r in rows)
    assert "model_choice" in router.response_text
    assert first.cwd == str(work) and first.session_id and first.session_id == second.session_id
    assert first.input_tokens and first.output_tokens
    [call] = json.loads(first.tool_calls_json)
    assert call["name"] == "write_file" and json.loads(call["arguments"])["content"] == CODE
    assert second.response_text == "Created greet.py."
    [snip] = _snippets(stack, first.id)
    assert (snip.kind, snip.text) == ("write", CODE)
    _never_stored(stack, GOOGLE_TOKEN)


def test_gemini_cli_signed_in_with_google_sees_the_upstreams_error(stack, node_bin, tmp_path):
    work = _workdir(tmp_path)
    stack.fake.push(Reply(text='{"reasoning": "small", "model_choice": "pro"}'),
                    Reply(status=400, error="Request contains an invalid argument."))
    proc = _gemini_google(node_bin, work, _port(stack.url))
    assert proc.returncode != 0 and "invalid argument" in proc.stdout + proc.stderr
    failed = [r for r in stack.rows() if r.stream]
    assert failed and all(r.status == 400 and "invalid argument" in r.error for r in failed)
    assert all(r.tool == "gemini-cli" for r in failed)


def test_claude_code_on_a_claude_plan(stack, node_bin, tmp_path):
    """Claude Code signed in with a Claude plan (CLAUDE_CODE_OAUTH_TOKEN, the long-lived
    token `claude setup-token` prints; an interactive /login keeps the same kind of token in
    its credentials file) honours ANTHROPIC_BASE_URL: the OAuth token goes out as
    Authorization: Bearer with anthropic-beta oauth-..., no API key, and aiprov forwards both
    untouched and records the turn."""
    token = "sk-ant-oat01-test-claude-plan-oauth-token-0123456789"
    _claude_code_writes_greet(stack, node_bin, tmp_path, CLAUDE_CODE_OAUTH_TOKEN=token)
    sent = [q for q in stack.fake.requests if q.path.startswith("/v1/messages")]
    assert len(sent) == 4 and all(
        q.headers["authorization"] == f"Bearer {token}" and "x-api-key" not in q.headers
        and "oauth-2025-04-20" in q.headers["anthropic-beta"] for q in sent)
    assert sent[2].headers["anthropic-beta"] == sent[0].headers["anthropic-beta"]
    rows = [r for r in stack.rows() if r.api == "anthropic.messages"]
    assert len(rows) == 2 and all(r.tool == "claude-code" and r.api_key_hash for r in rows)
    [call] = json.loads(rows[0].tool_calls_json)
    assert call["name"] == "Write" and json.loads(call["arguments"])["content"] == CODE
    _never_stored(stack, token)
