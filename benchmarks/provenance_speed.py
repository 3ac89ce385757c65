"""How much time the aiprov commit hooks add, and how the fingerprint lookup grows with history.

    .venv/bin/python benchmarks/provenance_speed.py [--sizes 10000,100000,1000000] [--runs 7]
        [--no-sync]

Stores (SQLite, built once under ``--work``, default ``/tmp/aiprov-bench``):

* ``REAL`` (2,000) snippets of generated code-like Python (functions, loops, parsing, classes
  with random identifiers) recorded through the real path (exchange rows, ``index_snippets``,
  real winnowed fingerprints). 400 of them belong to the benchmark's developer and
  repository, inside the attribution window; the rest to other developers/repositories.
* the remaining snippets up to the size are written directly as ``snippet`` +
  ``fingerprint`` rows (``executemany``; fingerprinting a million texts with tree-sitter would
  take an hour): 12 fingerprints each, 90% random 64-bit hashes and 10% drawn from the real
  snippets' hashes, so that common k-grams collide more as history grows -- the honest worst
  case for "lookup cost grows with the query, not the history". They are spread over 50
  developers, 20 repositories and 60 days.

Measured:

0. attribution in process: wall and CPU time of ``provenance.attribute.attribute`` for a
   300-line change against the hook's store, with the AI code verbatim and with every AI
   snippet edited on one line (the alignment of edited lines costs more than equal keys);
   CPU time is what to compare on a machine shared with other jobs;
1. lookup: the candidate lookup attribution makes for a 300-line change
   (``provenance.attribute._candidates``: one ``postings`` query for all the change's hashes
   through ``store.fingerprint_index``, then ranking by rarity per window) -- median over
   runs, per store size;
2. hook added time at 100,000 snippets (or the largest size below it): median wall time of
   ``git commit`` with the hooks installed minus without hooks (``-c core.hooksPath=...`` to
   an empty directory), each run a fresh commit adding a 300-line (or 5,000-line) file that
   is half AI code, half human code. Subprocesses, so interpreter start-up is included.
   ``cold`` rows: every hook run starts Python and imports the attribution code
   (``AIPROV_HOOK_SERVER=0``, and a developer's first commit); ``warm`` rows: the default
   after that first commit, each ``prepare-commit-msg`` run is a fork of the hook server
   (``provenance.hookserver``), so only the client's interpreter start remains. The
   store save after the commit runs detached (as installed: a hook client whose run is a
   fork of the hook server, or the save itself when none runs) and the next commit waits
   for it to exit; the ``sync`` rows show the time with ``AIPROV_HOOK_SYNC=1`` (save and
   review inline). ``added cpu ms`` is the same difference
   in CPU time (user + system of ``git commit`` and everything it waited for, from
   ``RUSAGE_CHILDREN``): on a machine shared with other jobs the wall time grows with the
   load, the CPU time much less (n/a for warm rows: the fork is the server's child). The
   header says when ``PYTHONDONTWRITEBYTECODE`` is set (every hook start then compiles
   aiprov's modules again, unlike an ordinary install).
3. ``--parallel K``: the 300-line hooked commit (warm, background save, as installed) timed
   ``--runs`` times while K other repositories sharing the same store and hook server commit
   300-line files, each at most one per ``--parallel-interval`` seconds (0: back to back,
   the worst case); median and p90 of the added time (each hooked commit minus the
   median of unhooked commits made under the same load), and beside it the CPU time of
   each commit: user + system of ``git commit`` and the hooks it waited for
   (``RUSAGE_CHILDREN``), plus what runs outside git's children, read from the hooks'
   ``AIPROV_HOOK_TIMING`` lines: the prepare-commit-msg run in a fork of the hook server
   and the whole detached store save of that commit (``hook.log``). On a machine shared
   with other jobs the wall time follows the load; the CPU time much less.
   ``--compare DIR`` runs the same rows for the aiprov checkout at DIR too (e.g. main; its
   hooks need the same ``AIPROV_HOOK_TIMING`` line), the two taking turns in blocks of
   ``--block`` runs (A B B A ...), each with its own hook server and its own committers,
   so that a comparison is made under the same load (read the ratios, not the absolutes).
4. ``--first N``: the first commit after boot, N times: no hook server running, and the page
   cache emptied as far as an unprivileged process can (``posix_fadvise(DONTNEED)`` on every
   file the hook reads: the interpreter and its standard library, the venv's site-packages,
   aiprov's sources and bytecode, the store file and the repository's ``.git``; pages another
   process holds mapped stay, so this is an approximation of a cold boot, not
   ``drop_caches``). Reported: the commit's wall time and its added time over a warm
   unhooked commit.

    .venv/bin/python benchmarks/provenance_speed.py --sizes 100000 --only parallel,first \
        --parallel 2 --first 5 --runs 21
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REAL = 2000
MINE = 400
DEV = "bench@example.com"
SYNTH_FPS = 12
WORDS = ("user", "order", "item", "price", "total", "record", "value", "index", "count",
         "name", "path", "config", "result", "buffer", "token", "cache", "entry", "node",
         "request", "response", "payload", "header", "limit", "offset", "batch", "queue")


def _ident(rng: random.Random) -> str:
    return "_".join(rng.sample(WORDS, rng.randint(1, 3)))


STATEMENTS = (
    "{c} = []", "{c} = {{}}", "{c} = {n}", "{c} = {a}.get({b!r}, {n})",
    "for {d} in {a}:", "    if {d} is None:", "        continue", "    {c}.append({d})",
    "    {c}[{d}] = {c}.get({d}, 0) + {n}", "if not {a}:", "    return {c}",
    "{c} = sorted({a}, key=lambda {d}: {d}.{b})", "with open({a}, encoding='utf-8') as {d}:",
    "    {c} = {d}.read().splitlines()", "try:", "    {c} = int({a})",
    "except ValueError:", "    {c} = {n}", "{c} += len({a}) * {n}",
    "while {c} < {n}:", "    {c} += 1", "{c} = [{d}.strip() for {d} in {a} if {d}]",
    "raise ValueError(f'bad {b}: {{{a}!r}}')", "log.debug('%s %s', {a}, {c})",
    "{c} = {a}[{n}:{n} + {n}]", "assert {c} >= 0, {b!r}", "{c} = max({c}, {a}.{b})",
    "yield {c}", "{a}.{b} = {c}", "return {c}",
)


def code_snippet(rng: random.Random) -> str:
    """A plausible Python function of 6-16 statements with random names and order."""
    f = _ident(rng)
    args = [_ident(rng) for _ in range(rng.randint(1, 3))]
    lines = [f"def {f}({', '.join(args)}):", f'    """{_ident(rng)} from {args[0]}."""']
    for _ in range(rng.randint(6, 16)):
        tmpl = rng.choice(STATEMENTS)
        lines.append("    " + tmpl.format(a=rng.choice(args), b=_ident(rng), c=_ident(rng),
                                          d=_ident(rng), n=rng.randint(0, 99)))
    return "\n".join(lines) + "\n"


def human_lines(rng: random.Random, n: int, tag: str) -> list[str]:
    out = []
    for i in range(n):
        out.append(f"{_ident(rng)}_{tag}_{i} = {rng.randint(0, 10**6)}  # set by hand")
    return out


# --- building the stores ----------------------------------------------------------------


def build_store(path: Path, size: int, repo_id: str, seed: int = 7) -> list[str]:
    """Create ``path`` with ``size`` snippets; returns the texts of the benchmark's own."""
    from provenance import fingerprint
    from provenance.model import Snippet
    from proxy.exchange import ANTHROPIC_MESSAGES, Exchange, Identity, RequestInfo, ResponseInfo
    from store import db, exchanges
    from store.provenance import index_snippets

    rng = random.Random(seed)
    url = f"sqlite:///{path}"
    now = datetime.now(UTC)
    mine: list[str] = []
    with db.session(url) as s:
        for i in range(min(REAL, size)):
            text = code_snippet(rng)
            is_mine = i < MINE
            dev = DEV if is_mine else f"dev{i % 50}@example.com"
            repo = repo_id if is_mine else f"github.com/org/repo{i % 20}"
            at = now - timedelta(days=rng.uniform(0, 10 if is_mine else 60))
            ex = Exchange(
                id=f"ex_real_{i}", started_at=at.timestamp(), method="POST",
                path="/v1/messages", upstream="https://api.anthropic.com", status=200,
                request=RequestInfo(api=ANTHROPIC_MESSAGES, model="claude-sonnet-4-5",
                                    prompt="write a helper"),
                response=ResponseInfo(model="claude-sonnet-4-5", text=text),
                identity=Identity(developer=dev, tool="claude-code", repo=repo))
            exchanges.save(s, [ex])
            s.flush()
            index_snippets(s, ex.id, [Snippet(text, "fence", "python", exchange_id=ex.id)],
                           created_at=at, developer=dev, repo=repo)
            if is_mine:
                mine.append(text)
        s.commit()
    db.dispose_all()
    conn = sqlite3.connect(path)
    pool = [h for (h,) in conn.execute("SELECT DISTINCT hash FROM fingerprint")]
    synth = size - min(REAL, size)
    t0 = time.perf_counter()
    batch = 20000
    next_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM snippet").fetchone()[0] + 1
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA journal_mode=MEMORY")
    for start in range(0, synth, batch):
        n = min(batch, synth - start)
        snips, fps = [], []
        for k in range(n):
            sid = next_id + start + k
            created = (now - timedelta(days=rng.uniform(0, 60))).strftime(
                "%Y-%m-%d %H:%M:%S.%f")
            snips.append((sid, "ex_real_0", sid, "fence", "python", "x = 1\n", 1, created,
                           f"dev{sid % 50}@example.com", f"github.com/org/repo{sid % 20}",
                           fingerprint.VERSION))
            for line in range(SYNTH_FPS):
                h = (rng.choice(pool) if rng.random() < 0.1
                     else rng.getrandbits(64) - (1 << 63))
                fps.append((h, sid, line + 1))
        conn.executemany(
            "INSERT INTO snippet (id, exchange_id, ordinal, kind, language, text, line_count,"
            " created_at, developer, repo, normaliser) VALUES (?,?,?,?,?,?,?,?,?,?,?)", snips)
        conn.executemany("INSERT INTO fingerprint (hash, snippet_id, line) VALUES (?,?,?)", fps)
        conn.commit()
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    print(f"  built {size:>9,} snippets in {path.name} ({synth:,} synthetic rows in "
          f"{time.perf_counter() - t0:.0f} s)", flush=True)
    return mine


# --- measurements -----------------------------------------------------------------------


def commit_file(rng: random.Random, mine: list[str], n_lines: int, tag: str) -> str:
    """About half AI code (the developer's own recorded snippets), half human lines."""
    lines: list[str] = ["import os", "import sys", ""]
    while len(lines) < n_lines:
        if rng.random() < 0.5:
            lines += rng.choice(mine).splitlines() + [""]
        else:
            lines += human_lines(rng, rng.randint(3, 8), tag) + [""]
    return "\n".join(lines[:n_lines]) + "\n"


def time_lookup(db_path: Path, text: str, repo_id: str, runs: int) -> float:
    from provenance import fingerprint
    from provenance.attribute import _candidates
    from store.fingerprint_index import DbapiSnippetIndex, connect

    lines = text.split("\n")
    samples = []
    for _ in range(runs):
        conn, dialect = connect(f"sqlite:///{db_path}")  # type: ignore[misc]
        idx = DbapiSnippetIndex(conn, dialect, normaliser=fingerprint.VERSION, developer=DEV,
                                repo=repo_id,
                                since=datetime.now(UTC) - timedelta(days=14),
                                until=datetime.now(UTC) + timedelta(minutes=10))
        t0 = time.perf_counter()
        _candidates(lines, "python", idx)
        samples.append(time.perf_counter() - t0)
        conn.close()
    return statistics.median(samples)


def edited_file(rng: random.Random, mine: list[str], n_lines: int, tag: str) -> str:
    """``commit_file`` with every AI snippet touched by hand: one line of each changed (a
    literal or a name), so that attribution aligns edited lines, not only verbatim ones."""
    lines: list[str] = ["import os", "import sys", ""]
    while len(lines) < n_lines:
        if rng.random() < 0.5:
            body = rng.choice(mine).splitlines()
            rows = [k for k, t in enumerate(body) if k and len(t.strip()) > 12]
            if rows:
                k = rng.choice(rows)
                body[k] = body[k].rstrip() + ("  # checked" if rng.random() < 0.3 else "")
                body[k] = body[k].replace("(", "(1 + ", 1) if "(" in body[k] else body[k] + "_x"
            lines += body + [""]
        else:
            lines += human_lines(rng, rng.randint(3, 8), tag) + [""]
    return "\n".join(lines[:n_lines]) + "\n"


def time_attribution(db_path: Path, text: str, repo_id: str, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of the whole in-process attribution of ``text`` (lookup,
    alignment, labels) against the store: the part of the hook that this code base controls,
    measured apart from interpreter start-up and from the machine's other load."""
    from provenance import fingerprint
    from provenance.attribute import attribute
    from provenance.model import AddedLine, FileDiff
    from store.fingerprint_index import DbapiSnippetIndex, connect

    diff = FileDiff("bench.py", added=tuple(AddedLine(n + 1, t)
                                             for n, t in enumerate(text.split("\n"))), status="A")
    wall, cpu = [], []
    for _ in range(runs):
        conn, dialect = connect(f"sqlite:///{db_path}")  # type: ignore[misc]
        idx = DbapiSnippetIndex(conn, dialect, normaliser=fingerprint.VERSION, developer=DEV,
                                repo=repo_id,
                                since=datetime.now(UTC) - timedelta(days=14),
                                until=datetime.now(UTC) + timedelta(minutes=10))
        t0, c0 = time.perf_counter(), time.process_time()
        attribute([diff], idx)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        conn.close()
    return statistics.median(wall), statistics.median(cpu)


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def _wait_background_save(repo: Path, limit: float = 30.0) -> None:
    """Wait until the detached save of the commit just made has exited, so that it does
    not compete with the next measured commit for the CPU (commits are not made in bursts;
    its time is not added to any commit)."""
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True,
                         text=True, check=True).stdout.strip().encode()
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        busy = False
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                argv = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if (b"provenance.hook\0save\0" in argv
                    or b"provenance.hookclient\0save\0" in argv) and sha in argv:
                busy = True
                break
        if not busy:
            return
        time.sleep(0.05)


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def start_hook_server(repo: Path, env: dict[str, str], home: Path) -> None:
    """Make one unmeasured commit with the server allowed (it starts one) and wait until it
    listens, as it does after a developer's first commit."""
    from provenance import hookclient

    name = f"warmup_{os.getpid()}_{time.monotonic_ns()}.txt"  # a new file each time
    (repo / name).write_text("warm up\n")
    git(repo, "add", name, env=env)
    git(repo, "commit", "-q", "-m", "warm up", env=dict(env, AIPROV_HOOK_SERVER="1"))
    sock = hookclient.socket_path(str(home))
    deadline = time.monotonic() + 30
    while sock and not Path(sock).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    _wait_background_save(repo)


def time_commits(repo: Path, env: dict[str, str], mine: list[str], n_lines: int, runs: int,
                 empty_hooks: Path, sync: bool, server: bool,
                 ) -> tuple[float, float, float, float]:
    """Median wall and CPU seconds of a commit with hooks and without."""
    rng = random.Random(n_lines)
    with_h, without, cpu_with, cpu_without = [], [], [], []
    for i in range(runs):
        for hooked in (False, True):
            tag = f"{'h' if hooked else 'n'}{n_lines}_{i}_{int(sync)}{int(server)}_{os.getpid()}"
            (repo / f"{tag}.py").write_text(commit_file(rng, mine, n_lines, tag))
            git(repo, "add", f"{tag}.py", env=env)
            run_env = dict(env, AIPROV_HOOK_SYNC="1" if sync else "0",
                           AIPROV_HOOK_SERVER="1" if server else "0")
            cmd = ["git"] + ([] if hooked else ["-c", f"core.hooksPath={empty_hooks}"]) + [
                "commit", "-q", "-m", f"bench {tag}"]
            c0, t0 = _children_cpu(), time.perf_counter()
            subprocess.run(cmd, cwd=repo, check=True, capture_output=True, env=run_env)
            (with_h if hooked else without).append(time.perf_counter() - t0)
            (cpu_with if hooked else cpu_without).append(_children_cpu() - c0)
            if hooked and not sync:
                _wait_background_save(repo)
    return (statistics.median(with_h), statistics.median(without),
            statistics.median(cpu_with), statistics.median(cpu_without))


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def _committer(repo: Path, env: dict[str, str], mine: list[str], stop_file: Path,
               tag: str, interval: float) -> subprocess.Popen[bytes]:
    """A background process committing 300-line files in ``repo`` (hooks installed) until
    ``stop_file`` exists, one every ``interval`` seconds at most (0: back to back): the
    other commits running in parallel."""
    code = (
        "import random, subprocess, sys, time\n"
        "from pathlib import Path\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from benchmarks.provenance_speed import commit_file\n"
        f"repo, stop = Path({str(repo)!r}), Path({str(stop_file)!r})\n"
        f"mine = {str(repo / '.mine')!r}\n"
        "snips = Path(mine).read_text().split('\\x1e')\n"
        "rng = random.Random(stop.stat().st_ino if stop.exists() else time.time_ns())\n"
        "i = 0\n"
        "while not stop.exists():\n"
        "    t0 = time.monotonic()\n"
        f"    name = f'{tag}_{{i}}.py'\n"
        "    (repo / name).write_text(commit_file(rng, snips, 300, name))\n"
        "    subprocess.run(['git', 'add', name], cwd=repo, check=True)\n"
        "    subprocess.run(['git', 'commit', '-q', '-m', name], cwd=repo, check=True,\n"
        "                   capture_output=True)\n"
        "    i += 1\n"
        f"    time.sleep(max(0.0, {interval!r} - (time.monotonic() - t0)))\n"
    )
    (repo / ".mine").write_text("\x1e".join(mine))
    with (repo.parent / f"{tag}.log").open("wb") as log:  # why a committer stopped, if it did
        return subprocess.Popen([sys.executable, "-c", code], env=env,
                                stdout=subprocess.DEVNULL, stderr=log)


def _init_repo(path: Path, env: dict[str, str]) -> Path:
    """A repository with one commit at ``path`` (kept when it exists)."""
    if not (path / ".git").exists():
        path.mkdir(parents=True, exist_ok=True)
        git(path, "init", "-q", env=env)
        (path / "README.md").write_text("bench\n")
        git(path, "add", ".", env=env)
        git(path, "commit", "-q", "-m", "init", env=env)
    return path


class Side(NamedTuple):
    """One version of aiprov under test: its source tree and its own hook server."""

    name: str
    root: Path  # the checkout whose code the hooks run (PYTHONPATH)
    home: Path  # its AIPROV_HOME: a server serves only the code it loaded


def _install_side(side: Side, repos: list[Path], env: dict[str, str]) -> dict[str, str]:
    """Install ``side``'s hooks (its own hook scripts) in ``repos``; the environment its
    commits run with."""
    side_env = dict(env, PYTHONPATH=str(side.root), AIPROV_HOME=str(side.home))
    code = ("import sys\nfrom pathlib import Path\n"
            "from provenance.hookinstall import install_hooks\n"
            "for r in sys.argv[1:]:\n    install_hooks(Path(r), python=sys.executable)\n")
    subprocess.run([sys.executable, "-c", code, *map(str, repos)], env=side_env, check=True,
                   cwd=side.root)
    return side_env


_TIMING = re.compile(r"aiprov: (\S+)(?: client)? took [0-9.]+ ms, cpu ([0-9.]+) ms"
                     r"( \(hook server\))?(?: \[([0-9a-f]+)\])?")


def _detached_cpu(stderr: str, log: Path, log_from: int, sha: str) -> tuple[float, float]:
    """CPU seconds a hooked commit spent outside ``git commit``'s waited-for children, from
    the hooks' ``AIPROV_HOOK_TIMING`` lines: the prepare-commit-msg run in the hook server
    (a fork of the server, not a child of git) and everything of the detached store save
    of ``sha`` (its process, or its client and its run in the server), read from the
    ``hook.log`` bytes written since ``log_from``: (the fork's, the save's)."""
    forked = saved = 0.0
    for m in _TIMING.finditer(stderr):
        if m.group(3):  # a cold run is a child of git: RUSAGE_CHILDREN has it
            forked += float(m.group(2)) / 1000
    try:
        with log.open("rb") as f:
            f.seek(log_from)
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return forked, saved
    for m in _TIMING.finditer(text):
        if m.group(1) == "save" and m.group(4) and sha.startswith(m.group(4)):
            saved += float(m.group(2)) / 1000
    return forked, saved


def _log_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class Measured(NamedTuple):
    wall: list[float]  # hooked commits, seconds
    cpu: list[float]  # their CPU: git commit, hooks, server fork and detached save
    base_wall: list[float]  # unhooked commits under the same load
    base_cpu: list[float]
    git_cpu: list[float]  # the part in git commit's waited-for children (hook scripts, client)
    fork_cpu: list[float]  # the part in the hook server's fork (prepare-commit-msg)
    save_cpu: list[float]  # the detached save


def _measure_pairs(repo: Path, env: dict[str, str], mine: list[str], runs: int,
                   empty_hooks: Path, home: Path, rng: random.Random, tag: str,
                   into: Measured) -> None:
    """``runs`` pairs of one unhooked and one hooked 300-line commit, appended to ``into``."""
    run_env = dict(env, AIPROV_HOOK_SYNC="0", AIPROV_HOOK_TIMING="1")
    log = home / "hook.log"
    for i in range(runs):
        for hooked in (False, True):
            name = f"p{'h' if hooked else 'n'}_{tag}_{i}_{os.getpid()}"
            (repo / f"{name}.py").write_text(commit_file(rng, mine, 300, name))
            git(repo, "add", f"{name}.py", env=env)
            cmd = ["git"] + ([] if hooked else ["-c", f"core.hooksPath={empty_hooks}"]) + [
                "commit", "-q", "-m", f"bench {name}"]
            log_from = _log_size(log)
            c0, t0 = _children_cpu(), time.perf_counter()
            proc = subprocess.run(cmd, cwd=repo, check=True, capture_output=True, text=True,
                                  env=run_env)
            wall, cpu = time.perf_counter() - t0, _children_cpu() - c0
            if not hooked:
                into.base_wall.append(wall)
                into.base_cpu.append(cpu)
                continue
            _wait_background_save(repo)
            sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True,
                                 text=True, check=True).stdout.strip()
            forked, saved = _detached_cpu(proc.stderr, log, log_from, sha)
            into.wall.append(wall)
            into.cpu.append(cpu + forked + saved)
            into.git_cpu.append(cpu)
            into.fork_cpu.append(forked)
            into.save_cpu.append(saved)


def time_parallel(repo: Path, env: dict[str, str], mine: list[str], runs: int,
                  empty_hooks: Path, others: int, work: Path, sides: list[Side],
                  interval: float, block: int) -> tuple[dict[str, Measured], int]:
    """Warm 300-line hooked commits (and unhooked ones) while ``others`` repositories commit
    in a loop, per side. With two sides they take turns in blocks of ``block`` pairs
    (A B B A ...), each block with its own server and its own committers, so that both
    meet the same load drift; returns the measurements per side and how many commits the
    others made."""
    stop = work / "parallel.stop"
    repos = [_init_repo(work / f"other{k}", env) for k in range(others)]
    before = [_count(r, env) for r in repos]
    out = {side.name: Measured([], [], [], [], [], [], []) for side in sides}
    rngs = {side.name: random.Random(300 + k) for k, side in enumerate(sides)}
    order: list[Side] = []
    n_blocks = max(1, -(-runs // block)) if len(sides) > 1 else 1
    for b in range(n_blocks):
        order += sides if b % 2 == 0 else sides[::-1]
    done = dict.fromkeys(out, 0)
    for b, side in enumerate(order):
        n = min(block if len(sides) > 1 else runs, runs - done[side.name])
        if n <= 0:
            continue
        side_env = _install_side(side, [repo, *repos], env)
        start_hook_server(repo, side_env, side.home)
        stop.unlink(missing_ok=True)
        procs = [_committer(r, dict(side_env, AIPROV_HOOK_SYNC="0"), mine, stop,
                            f"o{k}_{b}_{os.getpid()}", interval)
                 for k, r in enumerate(repos)]
        try:
            time.sleep(2.0)  # the others are committing before the first measured commit
            _measure_pairs(repo, side_env, mine, n, empty_hooks, side.home, rngs[side.name],
                           f"{side.name}{b}", out[side.name])
            done[side.name] += n
        finally:
            stop.write_text("stop")
            for p in procs:
                p.wait(120)
        for r in repos:  # their last saves must not run into the next block
            _wait_background_save(r)
    after = [_count(r, env) for r in repos]
    from provenance import hookclient

    for side in sides[:-1]:  # the last one (this checkout) serves the rows after
        hookclient.stop(str(side.home))
    return out, sum(a - b for a, b in zip(after, before, strict=True))


def _count(repo: Path, env: dict[str, str]) -> int:
    return int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=repo, text=True,
                              capture_output=True, env=env).stdout)


def _parallel_rows(measured: dict[str, Measured], others: int, others_n: int,
                   interval: float, hook_size: int, runs: int) -> None:
    print(f"\n300-line commit, warm, while {others} other repositories commit "
          f"300-line files, each at most one per {interval:g} s ({others_n} "
          "commits of theirs meanwhile), "
          f"{hook_size:,} stored snippets, {runs} runs per side (load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs):")
    print("  cpu ms: user + system of git commit, its hooks, the hook server's fork and the "
          "detached save (AIPROV_HOOK_TIMING lines); added = hooked - median unhooked")
    print("  (its parts, medians: in git's children -- git, hook scripts, hook client; in "
          "the server's fork; in the save)")
    print(f"{'side':>10} {'added ms median':>16} {'p90':>6} {'unhooked ms':>12} "
          f"{'cpu ms median':>14} {'added cpu ms':>13} {'git':>6} {'fork':>6} {'save':>6}")
    for name, m in measured.items():
        base, base_cpu = statistics.median(m.base_wall), statistics.median(m.base_cpu)
        added = [w - base for w in m.wall]
        parts = " ".join(f"{1000 * statistics.median(p):>6.0f}"
                         for p in (m.git_cpu, m.fork_cpu, m.save_cpu))
        print(f"{name:>10} {1000 * statistics.median(added):>16.0f} {1000 * _p90(added):>6.0f}"
              f" {1000 * base:>12.0f} {1000 * statistics.median(m.cpu):>14.0f}"
              f" {1000 * (statistics.median(m.cpu) - base_cpu):>13.0f} {parts}", flush=True)


def _evict(paths: list[Path]) -> int:
    """Drop the page cache of every regular file under ``paths`` that this process may open
    (``POSIX_FADV_DONTNEED``: clean pages only, no privilege needed); the number of files."""
    n = 0
    for top in paths:
        files = [top] if top.is_file() else (p for p in top.rglob("*") if p.is_file())
        for f in files:
            try:
                fd = os.open(f, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                n += 1
            except OSError:
                pass
            finally:
                os.close(fd)
    return n


def time_first_commits(repo: Path, env: dict[str, str], mine: list[str], runs: int,
                       empty_hooks: Path, home: Path, store: Path,
                       ) -> tuple[list[float], float, int]:
    """Wall seconds of each "first commit after boot" (no hook server, caches evicted) and
    the median of warm unhooked commits; also how many files were evicted each time."""
    import sysconfig

    from provenance import hookclient

    cached = [Path(sysconfig.get_paths()["stdlib"]), Path(sysconfig.get_paths()["purelib"]),
              Path(sys.executable).resolve().parent.parent, ROOT / "provenance",
              ROOT / "store", ROOT / "aiprov", store, repo / ".git"]
    rng = random.Random(1000)
    firsts: list[float] = []
    without: list[float] = []
    n_files = 0
    for i in range(runs):
        hookclient.stop(str(home))
        sock = hookclient.socket_path(str(home))
        deadline = time.monotonic() + 10
        while sock and Path(sock).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        for hooked in (False, True):
            tag = f"f{'h' if hooked else 'n'}_{i}_{os.getpid()}"
            (repo / f"{tag}.py").write_text(commit_file(rng, mine, 300, tag))
            git(repo, "add", f"{tag}.py", env=env)
            if hooked:
                n_files = _evict(cached)
            cmd = ["git"] + ([] if hooked else ["-c", f"core.hooksPath={empty_hooks}"]) + [
                "commit", "-q", "-m", f"bench {tag}"]
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=repo, check=True, capture_output=True,
                           env=dict(env, AIPROV_HOOK_SYNC="0", AIPROV_HOOK_SERVER="1"))
            (firsts if hooked else without).append(time.perf_counter() - t0)
            if hooked:
                _wait_background_save(repo)
    return firsts, statistics.median(without), n_files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--work", default="/tmp/aiprov-bench")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--no-sync", action="store_true", help="skip the AIPROV_HOOK_SYNC=1 rows")
    ap.add_argument("--attribution-only", action="store_true",
                    help="stop after the in-process attribution rows (no git commits)")
    ap.add_argument("--parallel", type=int, default=2,
                    help="other repositories committing while the parallel rows are timed")
    ap.add_argument("--parallel-interval", type=float, default=1.0,
                    help="seconds between two commits of one parallel committer (0: a loop)")
    ap.add_argument("--compare", default="",
                    help="another aiprov checkout (e.g. main): the parallel rows for both, "
                         "taking turns in blocks of --block runs")
    ap.add_argument("--block", type=int, default=5, help="runs per turn with --compare")
    ap.add_argument("--first", type=int, default=5, help="first-commit-after-boot runs")
    ap.add_argument("--only", default="",
                    help="comma-separated subset of lookup,attribution,hook,parallel,first")
    args = ap.parse_args()
    only = {x.strip() for x in args.only.split(",") if x.strip()}

    def want(part: str) -> bool:
        return not only or part in only

    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(args.work)
    if args.rebuild and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    home = work / "home"
    gitcfg = work / "gitconfig"
    gitcfg.write_text(f"[user]\n\temail = {DEV}\n\tname = Bench\n[init]\n\tdefaultBranch = main\n")
    env.update(HOME=str(work), GIT_CONFIG_GLOBAL=str(gitcfg), GIT_CONFIG_NOSYSTEM="1",
               AIPROV_HOME=str(home), LITELLM_LOCAL_MODEL_COST_MAP="True")
    os.environ.update(env)
    repo = _init_repo(work / "repo", env)
    from provenance import git as pgit

    repo_id = pgit.repo_id(repo)
    print(f"building stores (cached in {work}) ...", flush=True)
    stores: dict[int, tuple[Path, list[str]]] = {}
    for size in sizes:
        from provenance.fingerprint import VERSION

        path = work / f"store-{VERSION}-{size}.db"  # stores of another normaliser never match
        mine_file = work / f"store-{VERSION}-{size}.mine"
        if not path.exists() or not mine_file.exists():
            path.unlink(missing_ok=True)
            mine = build_store(path, size, repo_id)
            mine_file.write_text("\x1e".join(mine))
        stores[size] = (path, mine_file.read_text().split("\x1e"))

    rng = random.Random(1)
    text300 = commit_file(rng, stores[sizes[0]][1], 300, "q")
    if want("lookup"):
        _lookup_rows(stores, sizes, text300, repo_id, args.runs)
    hook_size = max([s for s in sizes if s <= 100_000] or [min(sizes)])
    path, mine = stores[hook_size]
    if want("attribution"):
        _attribution_rows(path, mine, hook_size, repo_id, args.runs)
    if args.attribution_only:
        return
    env["AIPROV_DB"] = f"sqlite:///{path}"
    os.environ["AIPROV_DB"] = env["AIPROV_DB"]
    from provenance import hookclient
    from provenance.hookinstall import install_hooks

    install_hooks(repo, python=sys.executable)
    empty_hooks = work / "no-hooks"
    empty_hooks.mkdir(exist_ok=True)
    if want("hook"):
        _hook_rows(repo, env, home, mine, hook_size, args.runs, empty_hooks, args.no_sync)
    if want("parallel"):
        sides = [Side("this", ROOT, home)]
        if args.compare:
            other = Path(args.compare).resolve()
            sides = [Side(other.name, other, work / f"home-{other.name}"), *sides]
        measured, others_n = time_parallel(repo, env, mine, args.runs, empty_hooks,
                                           args.parallel, work, sides,
                                           args.parallel_interval, args.block)
        _parallel_rows(measured, args.parallel, others_n, args.parallel_interval, hook_size,
                       args.runs)
        if args.compare:  # the hooks of this checkout again, for the rows after
            install_hooks(repo, python=sys.executable)
    if want("first"):
        firsts, base, n_files = time_first_commits(repo, env, mine, args.first, empty_hooks,
                                                   home, path)
        print(f"\nfirst commit after boot (no hook server; page cache of {n_files} files "
              f"evicted with posix_fadvise DONTNEED), 300 lines, {args.first} runs (load "
              f"average {os.getloadavg()[0]:.1f}):")
        print("  commit wall ms: " + ", ".join(f"{1000 * f:.0f}" for f in firsts)
              + f"; median {1000 * statistics.median(firsts):.0f}, max "
              f"{1000 * max(firsts):.0f}; added over a warm unhooked commit "
              f"({1000 * base:.0f} ms): median {1000 * (statistics.median(firsts) - base):.0f},"
              f" max {1000 * (max(firsts) - base):.0f}", flush=True)
    hookclient.stop(str(home))
    note = subprocess.run(["git", "notes", "--ref=refs/notes/aiprov", "show", "HEAD"],
                          cwd=repo, capture_output=True, text=True, env=env).stdout
    import json

    summary = json.loads(note)["summary"] if note else {}
    print(f"\nlast commit's note summary (sanity: about half AI): {summary}")


def _lookup_rows(stores: dict[int, tuple[Path, list[str]]], sizes: list[int], text300: str,
                 repo_id: str, runs: int) -> None:
    print(f"\nlookup: candidate lookup (one postings query + ranking) for a 300-line change, "
          f"median of {runs}")
    print(f"{'snippets':>12} {'fingerprints':>14} {'lookup ms':>10}")
    for size in sizes:
        path, _ = stores[size]
        n_fp = sqlite3.connect(path).execute("SELECT COUNT(*) FROM fingerprint").fetchone()[0]
        ms = 1000 * time_lookup(path, text300, repo_id, runs)
        print(f"{size:>12,} {n_fp:>14,} {ms:>10.1f}", flush=True)


def _attribution_rows(path: Path, mine: list[str], hook_size: int, repo_id: str,
                      runs: int) -> None:
    print(f"\nattribution in process (lookup + alignment + labels), {hook_size:,} stored "
          f"snippets, 300-line change, median of {runs} (load average "
          f"{os.getloadavg()[0]:.1f})")
    print(f"{'AI code':>12} {'wall ms':>8} {'cpu ms':>8}")
    for label, text in (("verbatim", commit_file(random.Random(2), mine, 300, "v")),
                        ("edited", edited_file(random.Random(3), mine, 300, "e"))):
        wall, cpu = time_attribution(path, text, repo_id, runs)
        print(f"{label:>12} {1000 * wall:>8.1f} {1000 * cpu:>8.1f}", flush=True)


def _hook_rows(repo: Path, env: dict[str, str], home: Path, mine: list[str], hook_size: int,
               runs: int, empty_hooks: Path, no_sync: bool) -> None:
    pyc = "OFF: PYTHONDONTWRITEBYTECODE" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "on"
    print(f"\nhook added time with {hook_size:,} stored snippets, median of {runs} commits"
          f" (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; bytecode cache "
          f"{pyc})")
    print(f"{'commit':>12} {'hook':>6} {'save':>6} {'with hooks ms':>14} {'without ms':>11} "
          f"{'added ms':>9} {'added cpu ms':>13}")
    from provenance import hookclient

    hookclient.stop(str(home))  # the cold rows: no server
    for server in (False, True):
        if server:
            start_hook_server(repo, env, home)
        for n_lines in (300, 5000):
            for sync in (False,) if no_sync else (False, True):
                w, wo, cw, cwo = time_commits(repo, env, mine, n_lines, runs, empty_hooks,
                                              sync, server)
                # a run inside the hook server is a fork of the server, not a child of git:
                # its CPU time is not in RUSAGE_CHILDREN
                cpu = "n/a" if server else f"{1000 * (cw - cwo):.0f}"
                print(f"{n_lines:>7} lines {'warm' if server else 'cold':>6} "
                      f"{'sync' if sync else 'bg':>6} {1000 * w:>14.0f} {1000 * wo:>11.0f} "
                      f"{1000 * (w - wo):>9.0f} {cpu:>13}", flush=True)


if __name__ == "__main__":
    main()
