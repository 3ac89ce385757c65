"""Redaction throughput on a realistic Claude Code turn (~200 KB), cold and repeated.

    .venv/bin/python benchmarks/redact_speed.py [--size-kb 200] [--repeat 7]

A Claude Code request carries a long system prompt, tool results holding whole source
files, and the conversation so far; the next turn resends all of it plus one more
exchange. The recorder redacts each message text (``redact_obj`` over the message list)
and the system prompt. We measure:

- first pass: memo empty, every chunk scanned (what a new conversation costs);
- repeated turn: the same conversation plus one new message (what each later turn costs);
- the same two figures for the whole prompt as one string (chunked memo instead of per
  message);
- ordinary code with no secrets at all (the standard library) for a raw scan rate;
- an agent's turn as the recorder sees it: the same files written through tool calls, so
  their text is JSON-escaped inside the arguments (``[tool call Write({"content": "...\\n
  ..."})]``), first pass and repeated;
- the raw request body of that turn (one JSON document, escaped twice where it replays
  tool calls), as a relay that kept raw bytes would redact it.

Figures are medians over ``--repeat`` runs, in MB/s of input text (1 MB = 10^6 chars).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from proxy import redact as R  # noqa: E402

SYSTEM = """You are Claude Code, Anthropic's official CLI for Claude.
You are an interactive CLI tool that helps users with software engineering tasks.
Use the instructions below and the tools available to you to assist the user.

# Tone and style
Be concise, direct, and to the point. When you run a non-trivial bash command, explain
what the command does and why you are running it.

# Doing tasks
- Use the TodoWrite tool to plan the task if required
- Use the available search tools to understand the codebase and the user's query.
- Implement the solution using all tools available to you
- Verify the solution if possible with tests.

Here is useful information about the environment you are running in:
<env>
Working directory: /home/dev/projects/shop
Is directory a git repo: Yes
Platform: linux
OS Version: Linux 6.8.0
Today's date: 2026-11-23
</env>
gitStatus: This is the git status at the start of the conversation.
Current branch: main
Status:
M app/payments.py
"""


def stdlib_files(n: int, seed: int) -> list[str]:
    root = Path(sysconfig.get_paths()["stdlib"])
    paths = sorted(p for p in root.glob("*.py") if p.stat().st_size < 60_000)
    rng = random.Random(seed)
    return [p.read_text(encoding="utf-8") for p in rng.sample(paths, n)]


def conversation(size: int, seed: int = 1) -> list[dict[str, str]]:
    """User asks, assistant reads files (tool results), writes code; ~``size`` chars."""
    rng = random.Random(seed)
    msgs: list[dict[str, str]] = [{"role": "system", "content": SYSTEM * 6}]
    files = stdlib_files(60, seed)
    secrets = [  # the odd secret a developer pastes or a file contains (fake)
        "DATABASE_URL=postgres://shop:Xk29fLq8Zp@db.internal:5432/shop",
        "STRIPE_SECRET_KEY=sk_live_"
        + "".join(rng.choice("abcdefXYZ0123456789") for _ in range(40)),
        "export AWS_ACCESS_KEY_ID=AKIA" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ234567")
                                                  for _ in range(16)),
    ]
    i = 0
    while sum(len(m["content"]) for m in msgs) < size:
        msgs.append({"role": "user", "content": f"Look at module {i} and fix the bug. "
                     + (secrets[i % 3] if i % 4 == 0 else "")})
        msgs.append({"role": "assistant", "content": f"Reading file {i}.\n[tool_use Read]"})
        msgs.append({"role": "tool", "content": files[i % len(files)]})
        i += 1
    return msgs


def agent_conversation(size: int, seed: int = 1) -> list[dict[str, str]]:
    """An agent's history: each file arrives as Write arguments (JSON text, as the formats
    render a tool call) and its tool result; ~``size`` chars."""
    msgs = conversation(size, seed)
    out: list[dict[str, str]] = []
    for m in msgs:
        if m["role"] == "tool":
            args = json.dumps({"file_path": "/home/dev/projects/shop/mod.py",
                               "content": m["content"]})
            out.append({"role": "assistant", "content": f"[tool call Write({args})]"})
            out.append({"role": "tool", "content": "File written."})
        else:
            out.append(m)
    return out


def raw_body(msgs: list[dict[str, str]]) -> str:
    """The OpenAI chat request a client would send for ``msgs`` (tool calls replayed with
    their arguments as JSON strings)."""
    wire: list[dict[str, object]] = []
    for i, m in enumerate(msgs):
        c = m["content"]
        if c.startswith("[tool call Write("):
            wire.append({"role": "assistant", "content": None, "tool_calls": [{
                "id": f"call_{i}", "type": "function",
                "function": {"name": "Write", "arguments": c[len("[tool call Write("):-2]}}]})
        else:
            wire.append({"role": m["role"], "content": c})
    return json.dumps({"model": "gpt-4o", "stream": True, "messages": wire})


def timed(fn, repeat: int, setup=None) -> float:
    runs = []
    for _ in range(repeat):
        if setup:
            setup()
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-kb", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    msgs = conversation(args.size_kb * 1000)
    nxt = [*msgs, {"role": "user", "content": "Now add a test for the fix, please."},
           {"role": "assistant", "content": "Here is the test:\n```python\n"
            "def test_fix():\n    assert fix() == 42\n```"}]
    total = sum(len(m["content"]) for m in msgs)
    total_next = sum(len(m["content"]) for m in nxt)
    whole = "\n\n".join(m["content"] for m in msgs)
    whole_next = "\n\n".join(m["content"] for m in nxt)

    out = R.redact_obj(msgs)
    redacted = sum(m["content"].count("[REDACTED:") for m in out)

    rows = []
    t = timed(lambda: R.redact_obj(msgs), args.repeat, setup=R.cache_clear)
    rows.append(("messages, first pass (cold memo)", total, t))

    def warm() -> None:
        R.cache_clear()
        R.redact_obj(msgs)

    t = timed(lambda: R.redact_obj(nxt), args.repeat, setup=warm)
    rows.append(("messages, repeated turn (+1 exchange)", total_next, t))
    t = timed(lambda: R.redact(whole), args.repeat, setup=R.cache_clear)
    rows.append(("one string, first pass (cold memo)", len(whole), t))

    def warm_whole() -> None:
        R.cache_clear()
        R.redact(whole)

    t = timed(lambda: R.redact(whole_next), args.repeat, setup=warm_whole)
    rows.append(("one string, repeated turn (+1 exchange)", len(whole_next), t))

    stdlib = "\n".join(stdlib_files(120, 2))
    t = timed(lambda: R.redact(stdlib), max(3, args.repeat // 2), setup=R.cache_clear)
    rows.append(("stdlib code, no memo reuse", len(stdlib), t))

    agent = agent_conversation(args.size_kb * 1000)
    agent_next = [*agent, {"role": "user", "content": "Now run the tests."}]
    agent_size = sum(len(m["content"]) for m in agent)
    t = timed(lambda: R.redact_obj(agent), args.repeat, setup=R.cache_clear)
    rows.append(("agent turn, JSON tool calls, first pass", agent_size, t))

    def warm_agent() -> None:
        R.cache_clear()
        R.redact_obj(agent)

    t = timed(lambda: R.redact_obj(agent_next), args.repeat, setup=warm_agent)
    rows.append(("agent turn, JSON tool calls, repeated", agent_size + 18, t))
    body = raw_body(agent)
    t = timed(lambda: R.redact(body), args.repeat, setup=R.cache_clear)
    rows.append(("raw JSON request body, first pass", len(body), t))

    print(f"redaction throughput ({sys.implementation.name} {sys.version.split()[0]}, "
          f"{len(R.DETECTORS)} detectors + assignments, chunk {R.CHUNK_MIN} chars)")
    print(f"prompt: {len(msgs)} messages, {total / 1000:.0f} KB, {redacted} secrets redacted")
    print(f"{'case':42s} {'KB':>7s} {'ms':>9s} {'MB/s':>9s}")
    for name, size, secs in rows:
        print(f"{name:42s} {size / 1000:7.0f} {secs * 1000:9.2f} {size / 1e6 / secs:9.1f}")


if __name__ == "__main__":
    main()
