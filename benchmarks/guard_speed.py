"""Speed benchmark: the agent guard's answer, cold vs warm, with evidence recording on.

An agent (Claude Code's ``PostToolUse`` hook) runs ``aiprov guard claude-code`` after every
file edit and waits for it. Each run here is that process exactly: the ``aiprov`` console
script (as pip writes it, pointing at ``aiprov.entry:main``) started fresh with a real
Claude Code ``Write`` payload on stdin for a 200-line Python file on disk in a git work
tree, timed from start to exit. Two files: a safe one (exit 0, nothing printed) and the same
file with one shell-injection line (exit 2, the reason on stderr).

* cold: no hook server (``AIPROV_HOOK_SERVER=0``): the run imports the reviewer, compiles
  the rule pack and reviews in its own process;
* warm: the hook server runs (the first guard run started it); the run relays the payload
  and the server's fork answers.

Evidence recording is on in both (the default): every run has its own tool-use id, so each
one spools and stores a new hook exchange with its snippet, plus a write-stage finding for
the insecure file. Between runs the benchmark waits (untimed) until the spool is empty,
as an agent's think time between writes would, and it checks at the end that the store has
one hook exchange per run and one write-stage finding per insecure run; "stored after"
is the time from the answer to the evidence being in the store. A third row, warm with
``AIPROV_GUARD_RECORD=0``, shows what recording costs the answer.

Run: flock /tmp/aiprov-bench.lock PYTHONPATH=$PWD .venv/bin/python benchmarks/guard_speed.py
     [--runs N]
Target: warm median <= 100 ms for the 200-line file (issue 14), recording on (issue 22).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 100.0

# a console script as pip writes it for ``aiprov = "aiprov.entry:main"``
SCRIPT = """#!{python}
# -*- coding: utf-8 -*-
import re
import sys
from aiprov.entry import main
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit(main())
"""

HANDLER = '''

@app.route("/items/{n}")
def item_{n}():
    """Item {n}, looked up by its name."""
    name = request.args.get("name", "")
    rows = [r for r in ITEMS if r["name"] == name and r["group"] == {n}]
    if not rows:
        return jsonify({{"error": "not found"}}), 404
    return jsonify(rows[0])
'''
HEAD = '''import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)
ITEMS = [{"name": f"item-{i}", "group": i % 20} for i in range(200)]
'''
BAD = '''

@app.route("/ping")
def ping():
    host = request.args.get("host")
    return subprocess.check_output("ping -c 1 " + host, shell=True)
'''


def two_hundred_lines(insecure: bool) -> str:
    text = HEAD
    n = 0
    while text.count("\n") < (200 - (6 if insecure else 0)):
        text += HANDLER.format(n=n)
        n += 1
    text = "\n".join(text.split("\n")[:200 - (6 if insecure else 0)]) + "\n"
    return text + BAD if insecure else text


def payload(path: Path, text: str, n: int) -> bytes:
    return json.dumps({
        "session_id": "5d0f7c1e-bench", "transcript_path": str(path.parent / "t.jsonl"),
        "cwd": str(path.parent), "permission_mode": "acceptEdits",
        "hook_event_name": "PostToolUse", "tool_name": "Write",
        "tool_input": {"file_path": str(path), "content": text},
        "tool_response": {"filePath": str(path), "success": True},
        "tool_use_id": f"toolu_bench_{n:06d}",
    }).encode()


def wait_spool(home: Path, limit: float = 30.0) -> float:
    """Seconds until the guard spool is empty."""
    t0 = time.perf_counter()
    spool = home / "guard-spool"
    while time.perf_counter() - t0 < limit:
        if not spool.is_dir() or not any(p.suffix == ".json" for p in spool.iterdir()):
            return time.perf_counter() - t0
        time.sleep(0.002)
    raise TimeoutError(f"guard spool of {home} not drained after {limit}s")


def run_once(script: Path, data: bytes, env: dict[str, str], cwd: Path) -> tuple[float, int, str]:
    t0 = time.perf_counter()
    p = subprocess.run([str(script), "guard", "claude-code"], input=data, capture_output=True,
                       env=env, cwd=cwd, timeout=60)
    return (time.perf_counter() - t0) * 1000, p.returncode, p.stderr.decode()


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30, help="timed runs per file and mode")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="aiprov-guard-bench-"))
    work = tmp / "work"
    work.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    script = tmp / "aiprov"
    script.write_text(SCRIPT.format(python=sys.executable))
    script.chmod(0o755)
    files = {}
    for kind, insecure in (("safe", False), ("insecure", True)):
        text = two_hundred_lines(insecure)
        assert text.count("\n") == 200, text.count("\n")
        path = work / f"{kind}.py"
        path.write_text(text)
        files[kind] = (path, text)
    base = {"PATH": os.environ["PATH"], "HOME": str(tmp), "LANG": "C.UTF-8",
            "PYTHONPATH": str(ROOT), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": str(tmp / "gitconfig"), "AIPROV_HOOK_SERVER_IDLE": "600"}
    (tmp / "gitconfig").write_text("[user]\n\temail = bench@example.com\n")
    counter = iter(range(1_000_000))
    results: dict[tuple[str, str], list[float]] = {}
    stored_after: list[float] = []
    expected = {"exchanges": 0, "findings": 0}
    modes = (("cold", {"AIPROV_HOOK_SERVER": "0"}, True),
             ("warm", {}, True),
             ("warm, recording off", {"AIPROV_GUARD_RECORD": "0"}, False))
    for mode, extra, recording in modes:
        home = tmp / f"home-{mode.split(',')[0]}"
        env = {**base, "AIPROV_HOME": str(home), **extra}
        if mode.startswith("warm"):  # the first write starts the server; wait until it listens
            for _ in range(3):
                run_once(script, payload(*files["safe"], next(counter)), env, work)
                wait_spool(home)
                time.sleep(3)
            if not (home / "hook.sock").exists():
                print(f"{mode}: no hook server came up (see {home}/hook.log)")
                return 1
        for kind in ("safe", "insecure"):
            path, text = files[kind]
            times = []
            for _ in range(args.runs):
                ms, code, err = run_once(script, payload(path, text, next(counter)), env, work)
                want = 0 if kind == "safe" else 2
                if code != want or (kind == "safe" and err) or (kind == "insecure"
                                                                and "CWE-78" not in err):
                    print(f"{mode} {kind}: exit {code}, stderr {err[:500]!r}")
                    return 1
                times.append(ms)
                if recording:
                    stored_after.append(wait_spool(home) * 1000)
                    expected["exchanges"] += 1
                    expected["findings"] += kind == "insecure"
            results[(mode, kind)] = times
        if recording and mode == "warm":
            db = sqlite3.connect(home / "aiprov.db")
            got_ex = db.execute("select count(*) from exchange where source='hook'").fetchone()[0]
            got_f = db.execute("select count(*) from finding where stage='write'").fetchone()[0]
            db.close()
            want_ex = args.runs * 2 + 3
            if (got_ex, got_f) != (want_ex, args.runs):
                print(f"warm: store holds {got_ex} hook exchanges and {got_f} write findings, "
                      f"expected {want_ex} and {args.runs}")
                return 1
        if mode.startswith("warm"):
            from provenance import hookclient

            hookclient.stop(str(home))
    load = os.getloadavg()
    print(f"guard answer, 200-line Python file, {args.runs} runs each "
          f"(load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} CPUs)")
    print(f"{'mode':<22} {'file':<9} {'median ms':>10} {'p90 ms':>8}")
    for (mode, kind), xs in results.items():
        print(f"{mode:<22} {kind:<9} {statistics.median(xs):>10.1f} {pct(xs, 0.9):>8.1f}")
    print(f"evidence stored after the answer: median {statistics.median(stored_after):.0f} ms, "
          f"p90 {pct(stored_after, 0.9):.0f} ms (spool empty; rows checked in the store)")
    warm = [statistics.median(results[("warm", k)]) for k in ("safe", "insecure")]
    ok = max(warm) <= TARGET_MS
    print(f"target warm median <= {TARGET_MS:.0f} ms with recording on: "
          f"{'met' if ok else 'NOT met'} ({max(warm):.1f} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
