"""``aiprov demo``: the whole loop on this machine, with no API key and no network.

A fake upstream model (real OpenAI and Anthropic wire formats) and the proxy run on
loopback; a scripted assistant session through the official ``openai`` and ``anthropic``
SDKs writes files into a fresh git repository with aiprov's hooks installed; the developer
adds lines of their own and commits; then attribution, blame, review and a report are
shown. Everything lives in one temporary directory (kept with ``--keep``).

The fake model is test equipment kept in ``tests/fakellm`` of a checkout, not in the
installed package (see that package's docstring): the demo runs from a checkout
(``bin/dev aiprov demo``) and says so in one line anywhere else.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

SERVER_PY = textwrap.dedent('''\
    import os
    import subprocess

    from flask import Flask, request

    app = Flask(__name__)


    @app.route("/ping")
    def ping():
        host = request.args.get("host", "localhost")
        output = subprocess.check_output("ping -c 1 " + host, shell=True)
        return output


    @app.route("/files/<name>")
    def read_file(name):
        with open(os.path.join("/srv/files", name)) as f:
            return f.read()


    if __name__ == "__main__":
        app.run(debug=True)
    ''')

AUTH_PY = textwrap.dedent('''\
    import hashlib
    import random
    import string


    def hash_password(password):
        return hashlib.md5(password.encode()).hexdigest()


    def reset_token(length=32):
        alphabet = string.ascii_letters + string.digits
        return "".join(random.choice(alphabet) for _ in range(length))


    def check_password(password, stored):
        return hash_password(password) == stored
    ''')

HUMAN_LINES = textwrap.dedent('''\


    # Added by hand after reading the suggestion: keep a version string for the health check.
    VERSION = "0.3.1"
    ''')


class Demo:
    def __init__(self, root: Path, out: Callable[[str], None]) -> None:
        self.root = root
        self.home = root / "aiprov-home"
        self.repo = root / "repo"
        self.out = out
        # AIPROV_HOOK_SERVER=0: a one-off run in a temporary directory leaves no hook server
        self.env = {**os.environ, "AIPROV_HOME": str(self.home), "AIPROV_HOOK_SYNC": "1",
                    "AIPROV_HOOK_SERVER": "0", "AIPROV_DEVELOPER": "dev@example.com",
                    "GIT_AUTHOR_NAME": "Dev Example", "GIT_AUTHOR_EMAIL": "dev@example.com",
                    "GIT_COMMITTER_NAME": "Dev Example",
                    "GIT_COMMITTER_EMAIL": "dev@example.com"}
        for k in list(self.env):
            if k.startswith("AIPROV_") and k not in ("AIPROV_HOME", "AIPROV_HOOK_SYNC",
                                                     "AIPROV_HOOK_SERVER", "AIPROV_DEVELOPER"):
                del self.env[k]

    # -- helpers ----------------------------------------------------------------
    def step(self, n: int, title: str) -> None:
        self.out(f"\n== {n}. {title} " + "=" * max(0, 70 - len(title)))

    def sh(self, *args: str, show: bool = True, check: bool = True) -> str:
        proc = subprocess.run(list(args), cwd=self.repo, env=self.env, capture_output=True,
                              text=True, timeout=300)
        text = (proc.stdout + proc.stderr).rstrip()
        if show:
            self.out("$ " + " ".join(a if " " not in a else repr(a) for a in args))
            if text:
                self.out(textwrap.indent(text, "  "))
        if check and proc.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{text}")
        return proc.stdout

    def aiprov(self, *args: str, show: bool = True) -> str:
        return self.sh(sys.executable, "-m", "aiprov.cli", *args, show=show)

    # -- the loop ---------------------------------------------------------------
    def run(self) -> dict[str, str]:
        FakeLLM, FakeToolCall, Reply, serve = fake_upstream()
        from aiprov.settings import Settings
        from proxy.app import create_app

        os.environ["AIPROV_HOME"] = str(self.home)  # the in-process proxy's recorder too
        self.repo.mkdir(parents=True)
        self.step(1, "a git repository with aiprov's hooks")
        self.sh("git", "init", "-q", "-b", "main")
        (self.repo / "README.md").write_text("# ping service\n")
        self.sh("git", "add", "README.md", show=False)
        self.sh("git", "commit", "-qm", "Initial commit", show=False)
        self.aiprov("hooks", "install")

        fake = FakeLLM()
        with serve(fake.app) as upstream:
            settings = Settings(home=self.home, openai_base=upstream.base_url,
                                anthropic_base=upstream.base_url,
                                developer="dev@example.com", batch_interval=0.05)
            app = create_app(settings)
            with serve(app) as proxy:
                self.step(2, f"fake model on {upstream.base_url}, aiprov proxy on "
                             f"{proxy.base_url}")
                self.out("Assistants are pointed at the proxy exactly as `aiprov setup` "
                         "prints; no API key leaves this machine.")
                self._session(proxy.base_url, fake, FakeToolCall, Reply)
                if not app.recorder.flush(30):
                    raise RuntimeError(f"recorder did not drain: {app.recorder.stats()}")
        self.step(4, "what the proxy recorded")
        self.aiprov("log")
        ids = [json.loads(line)["id"] for line in self.aiprov("log", "--json",
                                                             show=False).splitlines()]

        self.step(5, "the developer adds a few lines by hand and commits")
        with (self.repo / "app" / "server.py").open("a") as f:
            f.write(HUMAN_LINES)
        self.sh("git", "add", "-A", show=False)
        self.sh("git", "commit", "-m", "Add ping endpoint and password helpers")
        self.sh("git", "log", "-1", "--format=%B")
        self.step(6, "the line map, as a git note (refs/notes/aiprov)")
        note = self.sh("git", "notes", "--ref=aiprov", "show", "HEAD", show=False)
        summary = json.loads(note)
        self.out(textwrap.indent(json.dumps({k: v for k, v in summary.items()
                                             if k not in ("files",)}, indent=2)[:1500], "  "))
        self.step(7, "where did each line come from?")
        self.aiprov("blame", "app/server.py", "-L", "8,14")
        self.aiprov("attribute", "HEAD")
        self.step(8, "AI-origin hunks get the stricter review")
        self.sh(sys.executable, "-m", "aiprov.cli", "review", "--base", "HEAD~1", "--head",
                "HEAD", check=False)
        self.out("  (the post-commit hook already reviewed the commit and stored these findings "
                 "with it; the report below counts them)")
        self.step(9, "report")
        self.aiprov("report", "--local", "--since", "1d")
        self.step(10, "where to look")
        self.out(f"  repository:  {self.repo}\n  aiprov home: {self.home} (store: aiprov.db)\n"
                 f"  try:         AIPROV_HOME={self.home} aiprov show {ids[0][:12]}\n"
                 f"               cd {self.repo} && AIPROV_HOME={self.home} aiprov blame "
                 "app/auth.py")
        return {"repo": str(self.repo), "home": str(self.home)}

    def _session(self, proxy_url: str, fake, FakeToolCall, Reply) -> None:  # noqa: N803
        import anthropic
        import openai

        self.step(3, "a scripted assistant session through the official SDKs")
        (self.repo / "app").mkdir()
        # an OpenAI-SDK chat assistant answers with a fenced file, which the tool applies
        fake.push(Reply(text=f"Here is a small Flask service:\n\n```python\n{SERVER_PY}```\n"
                             "Run it with `python app/server.py`.", usage=(220, 180)))
        headers = {"x-aiprov-cwd": str(self.repo)}  # what an IDE plugin would send
        client = openai.OpenAI(base_url=proxy_url + "/v1", api_key="sk-demo-not-a-real-key",
                               default_headers=headers, max_retries=0)
        answer = client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content":
                                       "Write a Flask app with a /ping?host= endpoint that "
                                       "pings the host, and a /files/<name> download."}])
        text = answer.choices[0].message.content or ""
        code = text.split("```python\n", 1)[1].split("```", 1)[0]
        (self.repo / "app" / "server.py").write_text(code)
        self.out("  openai SDK  -> gpt-4o: fenced code, written to app/server.py")

        # a Claude-Code-style agent writes a file with the Write tool, then reports back
        target = self.repo / "app" / "auth.py"
        fake.push(
            Reply(text="I'll add the helpers.", tool_calls=[FakeToolCall(
                "Write", json.dumps({"file_path": str(target), "content": AUTH_PY}))],
                usage=(900, 260)),
            Reply(text="Added app/auth.py with hash_password and reset_token.", usage=(1200, 30)),
        )
        ac = anthropic.Anthropic(base_url=proxy_url, api_key="sk-ant-demo-not-a-real-key",
                                 default_headers=headers, max_retries=0)
        tools: Any = [{"name": "Write", "description": "Write a file",
                  "input_schema": {"type": "object", "properties": {
                      "file_path": {"type": "string"}, "content": {"type": "string"}}}}]
        messages: list = [{"role": "user", "content": "Add password hashing and a reset "
                                                      "token helper in app/auth.py."}]
        with ac.messages.stream(model="claude-sonnet-4-6", max_tokens=2000,
                                messages=messages, tools=tools) as s:
            msg = s.get_final_message()
        for block in msg.content:
            if block.type == "tool_use" and block.name == "Write":
                args: dict[str, str] = block.input  # type: ignore[assignment]
                Path(args["file_path"]).write_text(args["content"])
                result = {"type": "tool_result", "tool_use_id": block.id,
                          "content": "File created"}
        messages += [{"role": "assistant", "content": [b.model_dump() for b in msg.content]},
                     {"role": "user", "content": [result]}]
        with ac.messages.stream(model="claude-sonnet-4-6", max_tokens=2000,
                                messages=messages, tools=tools) as s:
            final = s.get_final_message()
        self.out("  anthropic SDK -> claude-sonnet-4-6: Write tool call, applied to "
                 f"app/auth.py; then: {getattr(final.content[0], 'text', '')!r}")


def fake_upstream() -> tuple[Any, Any, Any, Any]:
    """(FakeLLM, FakeToolCall, Reply, serve) from the checkout this aiprov runs from."""
    root = Path(__file__).resolve().parents[1]
    if not (root / "tests" / "fakellm" / "__init__.py").is_file():
        from aiprov.errors import ConfigError

        raise ConfigError("aiprov demo runs from a source checkout (its fake model lives in "
                          "tests/fakellm, which an installed aiprov does not carry): clone the "
                          "repository and run `bin/dev aiprov demo`")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from tests.fakellm import FakeLLM, FakeToolCall, Reply, serve

    return FakeLLM, FakeToolCall, Reply, serve


def run_demo(directory: Path | None, out: Callable[[str], None]) -> dict[str, str]:
    root = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="aiprov-demo-"))
    root.mkdir(parents=True, exist_ok=True)
    return Demo(root, out).run()
