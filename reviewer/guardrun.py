"""One run of the agent guard, without the CLI: hook payload in, exit code and message out,
and what the agent wrote left behind as evidence for the store.

``aiprov guard AGENT`` reaches this through ``provenance.hookclient``: in a fork of the warm
hook server when one runs (imports and rule packs loaded once), else in its own process.
Exit codes follow the agent's hook contract (``aiprov.commands.guard`` documents them): 0
and nothing printed, 2 with the reason on stderr (the agent fixes the code), 1 with one
warning line (the guard failed; the write stands).

Side effects of every write the guard sees (``AIPROV_GUARD_RECORD=0`` turns them off):

* the write as agent-reported evidence (``provenance.agentwrite``): an exchange with
  ``source = "hook"`` whose snippets are the written runs, redacted like every record;
* the findings in the written region as ``stage = "write"`` finding rows, accepted (the file
  is on disk) at the hook's time, linked to that exchange (its session) and by ``code_fp`` to
  the suggestion and the commit stages.

Both go first to the guard spool, ``$AIPROV_HOME/guard-spool/<exchange id>.json`` (redacted,
0600, written whole and renamed into place, fsynced), before the answer goes out; ``drain``
moves the spool into the store after it, in the server's fork or in a freshly started
server, so the agent never waits for the store, and a crash between the two loses nothing:
the next guard run, server start or commit (which waits briefly for recent files, see
``provenance.hook.await_guard_spool``) picks the file up. Storing is idempotent (the
exchange id is a function of the event), so a file stored twice records once.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from provenance.agentwrite import AgentWrite
    from reviewer.model import Finding

OK, GUARD_FAILED, BLOCK = 0, 1, 2
SPOOL = "guard-spool"
RECORD_ENV = "AIPROV_GUARD_RECORD"
SPOOL_VERSION = 1


@dataclass(frozen=True, slots=True)
class Reviewed:
    """One file of a reviewed write: the write, the findings of its region (paths relative
    to ``root``, hints included) and the repository it is in."""

    write: AgentWrite
    findings: tuple[Finding, ...] = ()
    root: str | None = None  # the work tree (or policy directory) holding the file
    rel: str = ""  # the file's path inside ``root``


@dataclass(frozen=True, slots=True)
class Checked:
    """A reviewed hook payload: the block reason (None: the write may stand) and each file
    it wrote (a Codex patch or a Cline edit can write several)."""

    reason: str | None
    files: tuple[Reviewed, ...] = ()


def _root(start: Path) -> Path | None:
    """The repository holding ``start`` (a ``.git`` or an aiprov policy above it), or None."""
    start = start.resolve()
    for d in (start, *start.parents):
        if (d / ".git").exists() or (d / ".aiprov" / "policy.toml").exists():
            return d
    return None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def check_write(raw: str, agent: str, fail_on: str | None = None, *,
                cwd: Path | None = None) -> Checked:
    """Review one hook payload: the block reason and the reviewed writes. ``cwd``: the
    hook's directory (default this process's), where a payload without one ran. Each file is
    reviewed under its repository's policy, read once per repository."""
    from provenance.agentwrite import AgentWrite
    from reviewer.engine import review
    from reviewer.guard import PayloadError, block_reason, read_hook, target, written
    from reviewer.model import SEVERITIES, failing
    from reviewer.policy import DEFAULT_POLICY, Policy, load_policy

    try:
        payload: Any = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise PayloadError(f"the hook payload is not JSON ({exc})") from None
    call = read_hook(agent, payload)
    if call is None:
        return Checked(None)
    base = Path(call.cwd) if call.cwd not in ("", ".") else (cwd or Path("."))
    paths = {p: (Path(p) if Path(p).is_absolute() else base / p) for p in call.paths}
    writes = [w for w in written(call, {p: _read(f) for p, f in paths.items()}) if w.lines]
    if not writes:
        return Checked(None)
    files: list[Reviewed] = []
    block: list[Finding] = []
    policies: dict[Path, Policy] = {}  # one load per repository (a patch writes many files)
    for w in writes:
        path = paths[w.path]
        root = _root(path.parent if path.parent.is_dir() else base)
        if root is not None and root not in policies:
            policies[root] = load_policy(root)
        policy = policies[root] if root is not None else DEFAULT_POLICY
        threshold = fail_on or policy.fail_on
        if threshold not in SEVERITIES:
            raise PayloadError(f"--fail-on must be one of {', '.join(SEVERITIES)}")
        try:  # reviewed under its path in the repository, as the commit's review sees it
            rel = path.resolve().relative_to(root).as_posix() if root is not None else str(path)
        except ValueError:
            rel = str(path)
        found = review([target(replace(w, path=rel), agent, call.model)], policy)
        # the agent reads the path it wrote to, as it gave it
        block += [replace(f, path=w.path) for f in failing(found, threshold)]
        aw = AgentWrite(agent=agent, path=str(path), text=w.text, lines=w.lines,
                        session_id=call.session_id, event_id=call.event_id, model=call.model,
                        cwd=str(base),
                        tool=w.tool)
        files.append(Reviewed(aw, tuple(found), str(root) if root is not None else None, rel))
    return Checked(block_reason(block, agent) if block else None, tuple(files))


def _failed(what: str, exc: BaseException, then: str) -> str:
    """The one warning line of a guard failure: what failed, why, and that the write stands."""
    return f"aiprov guard: could not {what} ({exc.__class__.__name__}: {exc}); {then}\n"


def parse_args(argv: list[str]) -> tuple[str, str | None]:
    """(agent, --fail-on) of ``aiprov guard AGENT [--fail-on LEVEL]``."""
    agent: str | None = None
    fail_on: str | None = None
    it = iter(argv)
    for a in it:
        if a == "--fail-on":
            fail_on = next(it, None)
            if fail_on is None:
                raise ValueError("--fail-on needs a severity")
        elif a.startswith("--fail-on="):
            fail_on = a.split("=", 1)[1]
        elif a.startswith("-") or agent is not None:
            raise ValueError(f"unexpected argument {a!r}")
        else:
            agent = a
    if agent is None:
        raise ValueError("which agent? (aiprov guard claude-code)")
    return agent, fail_on


def run(argv: list[str], raw: str, home: Path, *, cwd: Path | None = None,
        record: bool | None = None, sync: bool = True
        ) -> tuple[int, str, str, tuple[Path, ...]]:
    """(exit code, stdout, stderr, spool files) of one guard run: what the agent's hook
    contract wants on each (``reviewer.guard.answer``). ``record`` (default:
    ``AIPROV_GUARD_RECORD`` is not 0) spools each written file; ``sync`` fsyncs the spool
    files before the answer (the warm server does it right after, see ``spool``)."""
    from reviewer.guard import AGENTS, Answer, answer, failed

    def done(out: Answer, files: list[Path] | tuple[()] = (), stderr: str | None = None
             ) -> tuple[int, str, str, tuple[Path, ...]]:
        # the agent reads stdout as one line of JSON (as ``typer.echo`` printed it)
        stdout = out.stdout + "\n" if out.stdout else ""
        return out.exit_code, stdout, out.stderr if stderr is None else stderr, tuple(files)

    try:
        agent, fail_on = parse_args(argv)
    except ValueError as exc:
        return GUARD_FAILED, "", f"aiprov guard: {exc}\n", ()
    if agent not in AGENTS:
        return done(failed(agent, f"unknown agent {agent!r} (one of {', '.join(AGENTS)})"))
    try:
        checked = check_write(raw, agent, fail_on, cwd=cwd)
    except Exception as exc:  # noqa: BLE001 - a guard failure must never break the agent
        return done(failed(agent, f"{exc.__class__.__name__}: {exc}"))
    spooled: list[Path] = []
    if record is None:
        record = os.environ.get(RECORD_ENV, "1") != "0"
    if record:
        try:
            spooled = [spool(home, r, sync=sync) for r in checked.files]
        except Exception as exc:  # noqa: BLE001 - the answer stands without its record
            if checked.reason is None:  # the agent's fail-open exit, with what failed
                return done(failed(agent, "recording"), spooled,
                            _failed("record this write", exc, "the write stands"))
    return done(answer(agent, checked.reason), spooled)


# --- the spool -----------------------------------------------------------------------------


def record(checked: Reviewed, at: float) -> dict[str, Any]:
    """What the spool keeps of a reviewed write: redacted, JSON-ready, no code in clear
    beyond the redacted runs (finding rows carry the rule, the lines and hashes)."""
    from provenance.agentwrite import exchange_id, runs
    from proxy.redact import redact
    from reviewer.model import code_fingerprint, split_hints

    w = checked.write
    assert w is not None
    findings, _hints = split_hints(list(checked.findings))
    return {
        "v": SPOOL_VERSION, "at": at, "id": exchange_id(w), "agent": w.agent, "tool": w.tool,
        "path": w.path, "cwd": w.cwd, "root": checked.root, "rel": checked.rel,
        "session_id": w.session_id, "event_id": w.event_id, "model": w.model,
        "lines": sorted(w.lines),
        "blocks": [[start, redact(text)] for start, text in runs(w.text, w.lines)],
        "whole": _whole(w),
        "findings": [{
            "line": f.line, "rule_id": f.rule_id, "cwe": f.cwe_id, "severity": f.severity,
            "confidence": f.confidence, "fingerprint": f.fingerprint,
            "code_fp": code_fingerprint(f.rule_id, f.quote),
            "message": redact(f"{f.title}. {f.why} Impact: {f.impact} Fix: {f.fix}"),
        } for f in findings],
    }


def _whole(w: AgentWrite) -> bool:
    from provenance.agentwrite import whole_file

    return whole_file(w)


def spool(home: Path, checked: Reviewed, *, at: float | None = None, sync: bool = True
          ) -> Path:
    """Write the record of ``checked`` to the guard spool (atomically, 0600). ``sync``
    fsyncs it first (~10 ms on a busy disk); without, the file survives any process crash
    and the caller fsyncs it (``fsync_file``) once the agent has its answer."""
    rec = record(checked, time.time() if at is None else at)
    d = home / SPOOL
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = d / f"{rec['id']}.json"
    tmp = d / f".{rec['id']}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        data = memoryview(json.dumps(rec, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        while data:
            data = data[os.write(fd, data):]
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    return path


def fsync_file(path: Path) -> None:
    """Flush one spool file to disk (gone already: stored by another drainer)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def pending(home: Path) -> list[Path]:
    """Spool files not yet in the store, oldest first."""
    d = home / SPOOL
    try:
        names = [e for e in os.scandir(d) if e.name.endswith(".json") and e.is_file()]
    except OSError:
        return []
    return [Path(e.path) for e in sorted(names, key=lambda e: (e.stat().st_mtime, e.name))]


def drain(home: Path, db_url: str | None = None, developer: str | None = None) -> int:
    """Store what the guard spool of ``home`` holds; returns how many files were stored.
    One drainer at a time (a lock file); a file that cannot be read is set aside as
    ``.bad``; a store that fails leaves the files for the next drain."""
    import fcntl

    from provenance.pipeline import light_settings

    d = home / SPOOL
    if not pending(home):
        return 0
    settings = light_settings()
    url = db_url or settings.db_url
    dev = developer if developer is not None else settings.developer
    lock = os.open(d / ".lock", os.O_WRONLY | os.O_CREAT, 0o600)
    stored = 0
    try:
        for _ in range(100):  # bounded: a writer faster than the store cannot keep us here
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                break  # the holder looks again after it lets go (below)
            try:
                while files := pending(home):
                    stored += _store(files, url, dev)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
            # a file spooled while we held the lock, whose writer found it taken, is seen
            # here: its writer wrote it before trying the lock, we let go after that try
            if not pending(home):
                break
    finally:
        os.close(lock)
    return stored


def drain_later(home: Path) -> None:
    """After a cold run: store the spool in a detached ``python -m reviewer.guardrun drain``
    (inline with ``AIPROV_HOOK_SYNC=1``, as the commit hook's save), so the write's evidence
    is in the store in about a second even while the hook server this run started is still
    loading (that server drains at its start too; one drainer at a time)."""
    if os.environ.get("AIPROV_HOOK_SYNC") == "1":
        drain(home)
        return
    import subprocess

    home.mkdir(parents=True, exist_ok=True)
    with open(home / "hook.log", "ab") as log:
        subprocess.Popen([sys.executable, "-m", "reviewer.guardrun", "drain", str(home)],
                         stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                         start_new_session=True)


def _load(path: Path) -> dict[str, Any] | None:
    try:
        rec = json.loads(path.read_text(encoding="utf-8", errors="surrogatepass"))
    except FileNotFoundError:
        return None  # another drainer took it
    except (OSError, ValueError):
        rec = None
    if not isinstance(rec, dict) or rec.get("v") != SPOOL_VERSION or "id" not in rec:
        path.replace(path.with_suffix(".bad"))
        return None
    return rec


def _store(files: list[Path], url: str, developer: str, batch: int = 200) -> int:
    from store import db
    from store.hookreports import save

    who = _Who(developer)
    done = 0
    for i in range(0, len(files), batch):
        loaded = [(p, r) for p in files[i:i + batch] if (r := _load(p)) is not None]
        if not loaded:
            continue
        with db.session(url) as s:
            for _p, rec in loaded:
                ex, rows = who.report(rec)
                save(s, ex, rows)
            s.commit()
        for p, _rec in loaded:
            p.unlink(missing_ok=True)
        done += len(loaded)
    return done


@dataclass
class _Who:
    """Developer and repository of spooled writes, resolved as the proxy resolves them:
    the configured developer, else git's global ``user.email``; the work tree's
    ``provenance.git.repo_id`` (once per work tree)."""

    developer: str
    repos: dict[str, str | None] | None = None

    def repo(self, root: str | None) -> str | None:
        from provenance import git

        if root is None:
            return None
        self.repos = self.repos or {}
        if root not in self.repos:
            try:
                self.repos[root] = git.repo_id(Path(root))
            except Exception:  # noqa: BLE001 - not a work tree (any more): no repository
                self.repos[root] = None
        return self.repos[root]

    def report(self, rec: dict[str, Any]) -> tuple[Any, list[dict[str, Any]]]:
        """(exchange, finding values) of one spool record."""
        from provenance.agentwrite import AgentWrite, to_exchange
        from proxy.identity import git_user_email

        if not self.developer:
            self.developer = git_user_email()
        lines = frozenset(int(n) for n in rec.get("lines", ()))
        blocks = [(int(s), str(t)) for s, t in rec.get("blocks", ())]
        # the text itself is not kept in the spool: the runs are what the record holds
        w = AgentWrite(agent=str(rec["agent"]), path=str(rec["path"]), text="", lines=lines,
                       session_id=rec.get("session_id"), event_id=rec.get("event_id"),
                       model=rec.get("model"), cwd=rec.get("cwd"), tool=str(rec.get("tool", "")))
        repo = self.repo(rec.get("root"))
        ex = to_exchange(w, blocks, at=float(rec["at"]), developer=self.developer, repo=repo,
                         whole=bool(rec.get("whole")), id=str(rec["id"]))
        rows = [{**f, "repo": repo or "", "path": rec.get("rel") or rec["path"],
                 "developer": self.developer, "tool": w.agent, "model": w.model or ""}
                for f in rec.get("findings", ())]
        return ex, rows


if __name__ == "__main__":  # python -m reviewer.guardrun drain AIPROV_HOME
    if sys.argv[1:2] != ["drain"] or len(sys.argv) != 3:
        sys.stderr.write("usage: python -m reviewer.guardrun drain AIPROV_HOME\n")
        sys.exit(2)
    try:
        drain(Path(sys.argv[2]))
    except Exception as exc:  # noqa: BLE001 - one line in hook.log; the files stay
        sys.stderr.write(f"aiprov guard: could not store the guard spool ({exc!r})\n")
        sys.exit(1)
