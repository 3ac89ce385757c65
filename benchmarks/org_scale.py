"""Org server at scale on PostgreSQL: report and lookup latency, ingest throughput.

    .venv/bin/python benchmarks/org_scale.py [--scale 1.0] [--runs 30] [--keep]

At scale 1: 1,000,000 exchanges (each with a snippet), 200,000 commits with 10,000,000
attributed lines, 50,000 committed findings and 100,000 in suggestions, 500 developers in
25 teams, 100 repos, over 180 days.
The data is generated inside PostgreSQL (INSERT ... SELECT over generate_series) into a
database of its own, with secondary indexes built after the load; then the real server
(`aiprov serve`, a separate process) is started on loopback and every report and lookup
endpoint is timed over HTTP (median, p95), and ingest throughput is measured by posting
batches to /api/ingest: from one developer's proxy, batch after batch, and from
``--ingest-senders`` developers' proxies posting at once (each its own batches in turn).
Prints one table; targets: lookup p95 <= 50 ms, 30-day org report p95 <= 1 s, ingest
>= 5,000 records/s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ADMIN = os.environ.get("AIPROV_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")
TOOLS = ["claude-code", "codex", "aider", "cursor", "copilot"]
MODELS = ["claude-sonnet-4", "claude-opus-4", "gpt-5", "gpt-5-mini", "gemini-2.5-pro", "o3"]
LANGS = ["python", "typescript", "go", "java", "rust"]
EXTS = ["py", "ts", "go", "java", "rs"]
BIG_TABLES = ("exchange", "snippet", "commit_attribution", "line_attribution", "finding",
              "report_rollup")


def sql_list(items: list[str]) -> str:
    return "ARRAY[" + ",".join(f"'{x}'" for x in items) + "]"


def generate(url: str, scale: float) -> dict[str, float]:
    """Fill the store; returns seconds per step."""
    from sqlalchemy import text

    from store import db, org
    from store.models import SQLModel

    n_ex = int(1_000_000 * scale)
    n_commits = int(200_000 * scale)
    n_findings = int(50_000 * scale)
    devs = 500
    engine = db.get_engine(url)
    times: dict[str, float] = {}
    indexes = [ix for t in BIG_TABLES for ix in SQLModel.metadata.tables[t].indexes]
    with engine.begin() as c:
        for ix in indexes:
            c.execute(text(f'DROP INDEX IF EXISTS "{ix.name}"'))

    def step(name: str, sql: str, **params: object) -> None:
        t0 = time.perf_counter()
        with engine.begin() as c:
            c.execute(text("SET LOCAL synchronous_commit = off"))
            c.execute(text(sql), params)
        times[name] = time.perf_counter() - t0
        print(f"  {name:<28} {times[name]:7.1f} s", file=sys.stderr, flush=True)

    step("teams", f"""
        INSERT INTO team_member (developer, team)
        SELECT 'dev' || d || '@example.com', 'team' || (d % 25)
        FROM generate_series(0, {devs - 1}) d""")
    step("exchanges", f"""
        INSERT INTO exchange (id, started_at, developer, tool, repo, api, method, path, upstream,
            stream, status, model_requested, model_answered, latency_ms, input_tokens,
            output_tokens, cost_usd, complete, client_disconnected, prompt, request_json,
            response_text, reasoning_text, tool_calls_json, synced_at)
        SELECT md5(i::text), now() - (hashfloat(i, 1) * interval '180 days'),
            'dev' || (i % {devs}) || '@example.com', ({sql_list(TOOLS)})[1 + (i / 3) % 5],
            'org/repo' || (((i % {devs}) * 3 + i % 3) % 100), 'anthropic-messages', 'POST',
            '/v1/messages', 'https://api.example.com', true, 200,
            ({sql_list(MODELS)})[1 + (i / 7) % 6], ({sql_list(MODELS)})[1 + (i / 7) % 6],
            200 + hashfloat(i, 2) * 3000, 500 + (i % 4000), 50 + (i % 900),
            round((0.001 + hashfloat(i, 3) * 0.05)::numeric, 6), true, false,
            'please refactor handler_' || i || ' to validate its input', '{{}}',
            'Here is the change for handler_' || i, '', '[]', now()
        FROM generate_series(1, {n_ex}) i""")
    step("snippets", f"""
        INSERT INTO snippet (id, exchange_id, ordinal, kind, language, path, text, line_count,
            created_at, developer, repo, normaliser)
        SELECT i, md5(i::text), 0, 'fence', ({sql_list(LANGS)})[1 + i % 5],
            'src/mod' || (i % 500) || '.' || ({sql_list(EXTS)})[1 + i % 5],
            'def handler_' || i || '(request):' || chr(10) || '    data = parse_' || (i % 997)
              || '(request.body)' || chr(10) || '    return render(data, "page' || (i % 1000)
              || '")' || chr(10),
            3, now() - (hashfloat(i, 1) * interval '180 days'),
            'dev' || (i % {devs}) || '@example.com',
            'org/repo' || (((i % {devs}) * 3 + i % 3) % 100), 'fp1'
        FROM generate_series(1, {n_ex}) i""")
    step("commits", f"""
        INSERT INTO commit_attribution (id, repo, sha, author, committed_at, ai_lines,
            ai_edited_lines, human_lines, note_json, synced_at)
        SELECT c, 'org/repo' || (((c % {devs}) * 3 + c % 3) % 100),
            md5('c' || c) || lpad(to_hex(c), 8, '0'), 'dev' || (c % {devs}) || '@example.com',
            now() - (hashfloat(c, 4) * interval '180 days'), 0, 0, 0, '{{}}', now()
        FROM generate_series(1, {n_commits}) c""")
    # 50 lines per commit over 5 files; origin ~30% ai, 15% ai-edited, 55% human; AI lines
    # point at an exchange (and its snippet) of the same developer
    step("lines", f"""
        INSERT INTO line_attribution (commit_id, path, lineno, origin, confidence, snippet_id,
            exchange_id, language)
        SELECT c, 'src/mod' || ((c * 5 + g / 10) % 500) || '.' || ({sql_list(EXTS)})[1 + c % 5],
            1 + (g % 10) * 7 + (c % 40), o.origin,
            CASE o.origin WHEN 'human' THEN 1.0 WHEN 'ai' THEN 0.95 ELSE 0.7 END,
            CASE WHEN o.origin = 'human' THEN NULL ELSE o.ex END,
            CASE WHEN o.origin = 'human' THEN NULL ELSE md5(o.ex::text) END,
            ({sql_list(LANGS)})[1 + c % 5]
        FROM generate_series(1, {n_commits}) c, generate_series(0, 49) g,
        LATERAL (SELECT CASE WHEN hashfloat(c * 50 + g, 5) < 0.30 THEN 'ai'
                             WHEN hashfloat(c * 50 + g, 5) < 0.45 THEN 'ai-edited'
                             ELSE 'human' END AS origin,
                        greatest(1, least({n_ex}, (c % {devs}) +
                            {devs} * floor(hashfloat(c, 6) * ({n_ex} / {devs}))::int)) AS ex) o""")
    step("commit counters", """
        UPDATE commit_attribution c SET ai_lines = s.ai, ai_edited_lines = s.ed,
            human_lines = s.hu
        FROM (SELECT commit_id, count(*) FILTER (WHERE origin = 'ai') ai,
                     count(*) FILTER (WHERE origin = 'ai-edited') ed,
                     count(*) FILTER (WHERE origin = 'human') hu
              FROM line_attribution GROUP BY commit_id) s
        WHERE s.commit_id = c.id""")
    step("findings", f"""
        INSERT INTO finding (repo, commit_sha, path, line, rule_id, cwe, severity, confidence,
            origin, exchange_id, message, fingerprint, found_at, committed_at, accepted_at,
            developer, stage, tool, model, code_fp, fixed_sha, fixed_at)
        SELECT c.repo, c.sha, l.path, l.lineno, 'py.sql-injection', 'CWE-89', 'high', 'high',
            l.origin, l.exchange_id, 'query built from request input', md5(l.id::text),
            c.committed_at, c.committed_at, c.committed_at, c.author, 'commit', '', '',
            'rc1:' || md5('code' || l.id),
            CASE WHEN hashfloat(l.id, 7) < 0.6 THEN md5('fix' || l.id) END,
            CASE WHEN hashfloat(l.id, 7) < 0.6
                 THEN c.committed_at + hashfloat(l.id, 8) * interval '72 hours' END
        FROM line_attribution l JOIN commit_attribution c ON c.id = l.commit_id
        WHERE l.id % {max(1, (n_commits * 50) // max(1, n_findings))} = 0""")
    # the life cycle: one suggestion in ten had a finding (the recorder's review); half of
    # those were written to disk, a fifth of those fixed before the commit, 5% dismissed
    step("suggestion findings", f"""
        INSERT INTO finding (repo, commit_sha, path, line, rule_id, cwe, severity, confidence,
            origin, exchange_id, message, fingerprint, found_at, stage, code_fp, developer,
            tool, model, accepted_at, fixed_at, dismissed_at, dismissed_by, dismiss_reason)
        SELECT '', '', '', 0, 'py.sql-injection', 'CWE-89', 'high', 'high', 'ai', e.id,
            'query built from request input', '', e.started_at, 'suggestion',
            'rc1:' || e.id, e.developer, e.tool, e.model_answered,
            CASE WHEN hashfloat(i, 9) < 0.5 THEN e.started_at + interval '2 minutes' END,
            CASE WHEN hashfloat(i, 9) < 0.1 THEN e.started_at + interval '1 hour' END,
            CASE WHEN hashfloat(i, 10) < 0.05 THEN e.started_at + interval '1 day' END,
            CASE WHEN hashfloat(i, 10) < 0.05 THEN e.developer END,
            CASE WHEN hashfloat(i, 10) < 0.05 THEN 'false positive' END
        FROM generate_series(10, {n_ex}, 10) i JOIN exchange e ON e.id = md5(i::text)""")
    step("sequences", """
        SELECT setval(pg_get_serial_sequence('snippet', 'id'), (SELECT max(id) FROM snippet)),
               setval(pg_get_serial_sequence('commit_attribution', 'id'),
                      (SELECT max(id) FROM commit_attribution))""")
    t0 = time.perf_counter()
    with engine.begin() as c:
        c.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
        for ix in indexes:
            ix.create(c)
    times["indexes"] = time.perf_counter() - t0
    print(f"  {'indexes':<28} {times['indexes']:7.1f} s", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    org.ensure_search_index(engine)
    times["trigram index"] = time.perf_counter() - t0
    print(f"  {'trigram index':<28} {times['trigram index']:7.1f} s", file=sys.stderr)
    t0 = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE"))
    times["vacuum analyze"] = time.perf_counter() - t0
    print(f"  {'vacuum analyze':<28} {times['vacuum analyze']:7.1f} s", file=sys.stderr)
    fill_rollup(engine, times)
    return times


def fill_rollup(engine, times: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    """The report rollup, by the SQL the store itself uses (``aiprov db upgrade
    --rebuild-rollup``): the loader above bypasses the writers that keep it."""
    from sqlalchemy import text

    from store import rollup

    t0 = time.perf_counter()
    with engine.begin() as c:
        c.execute(text("SET LOCAL work_mem = '256MB'"))
        rollup.rebuild(c)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE report_rollup"))
        n = c.execute(text("SELECT count(*) FROM report_rollup")).scalar_one()
    times["report rollup"] = time.perf_counter() - t0
    print(f"  {'report rollup':<28} {times['report rollup']:7.1f} s ({n:,} rows)",
          file=sys.stderr, flush=True)


HASHFLOAT = """
CREATE OR REPLACE FUNCTION hashfloat(i bigint, salt int) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT ((hashint8(i * 7919 + salt) & 2147483647)::double precision / 2147483647.0) $$;
"""


def start_server(url: str, home: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, AIPROV_HOME=str(home), LITELLM_LOCAL_MODEL_COST_MAP="True")
    proc = subprocess.Popen(
        [sys.executable, "-m", "aiprov.cli", "serve", "--db", url, "--port", str(port),
         "--purge-every", "0"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode()[-2000:]}")
    proc.terminate()  # not left running on the port
    proc.wait(10)
    raise SystemExit("server did not start in 60 s")


def timed(http, runs: int, make_url) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    http.get(make_url(0))  # warm: plan cache, connection pool
    samples = []
    for k in range(runs):
        u = make_url(k + 1)
        t0 = time.perf_counter()
        r = http.get(u)
        samples.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{u} -> {r.status_code} {r.text[:300]}")
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return statistics.median(samples), p95, len(samples)


def post_batch(http: httpx.Client, body: bytes) -> None:
    r = http.post("/api/ingest", content=body)
    if r.status_code != 200:
        raise SystemExit(f"ingest -> {r.status_code} {r.text[:300]}")


def ingest_concurrently(root: str, senders: list[tuple[str, str]],
                        n_batches: int) -> tuple[float, int]:
    """Seconds for ``len(senders)`` developers to post about ``n_batches`` batches in all,
    each sender its own batches one after another (as its proxy would), all senders at
    once; and how many batches that was."""
    from concurrent.futures import ThreadPoolExecutor

    each = n_batches // len(senders) if senders else 0
    if not each:
        return 0.0, 0
    work = [(token, ingest_batches(each, 500, dev)) for dev, token in senders]

    def send(token: str, bodies: list[bytes]) -> None:
        with httpx.Client(base_url=root, timeout=120,
                          headers={"Authorization": f"Bearer {token}",
                                   "Content-Type": "application/json"}) as http:
            for body in bodies:
                post_batch(http, body)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(len(senders)) as pool:
        for f in [pool.submit(send, t, b) for t, b in work]:
            f.result()
    return time.perf_counter() - t0, each * len(senders)


def ingest_batches(n_batches: int, per_batch: int, dev: str) -> list[bytes]:
    from datetime import UTC, datetime

    now = datetime.now(UTC).isoformat()
    out = []
    for _ in range(n_batches):
        exs, commits = [], []
        for i in range(per_batch):
            eid = uuid.uuid4().hex
            exs.append({"id": eid, "started_at": now, "developer": dev, "tool": "aider",
                        "api": "openai-chat", "path": "/v1/chat/completions", "status": 200,
                        "model_answered": "gpt-5", "input_tokens": 900, "output_tokens": 200,
                        "cost_usd": 0.004, "prompt": f"add validation to handler {i} " * 8,
                        "response_text": "```python\ndef f():\n    return 1\n```\n" * 4,
                        "snippets": [{"ordinal": 0, "kind": "fence", "language": "python",
                                      "text": "def f():\n    return 1\n" * 4, "line_count": 8,
                                      "created_at": now, "normaliser": "fp1",
                                      "fingerprints": [[random.getrandbits(62), k]
                                                       for k in range(1, 5)]}]})
            if i % 10 == 0:
                commits.append({"repo": "org/ingest", "sha": uuid.uuid4().hex + "0" * 8,
                                "author": dev, "committed_at": now, "ai_lines": 10,
                                "human_lines": 10,
                                "lines": [["src/x.py", k, "ai" if k % 2 else "human", 0.9,
                                           eid if k % 2 else None, 0 if k % 2 else None,
                                           "python"] for k in range(1, 21)]})
        out.append(json.dumps({"version": 1, "sync_mode": "full", "exchanges": exs,
                               "commits": commits, "findings": []}).encode())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="1.0 = 1M exchanges, 10M lines")
    ap.add_argument("--runs", type=int, default=30, help="timed requests per report endpoint")
    ap.add_argument("--lookup-runs", type=int, default=200, help="timed requests per lookup")
    ap.add_argument("--ingest-batches", type=int, default=40)
    ap.add_argument("--ingest-senders", type=int, default=4,
                    help="developers whose proxies post at once in the concurrent ingest row")
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    ap.add_argument("--reuse", help="time an existing database (from --keep) instead")
    ap.add_argument("--rebuild-rollup", action="store_true",
                    help="with --reuse: recompute the report rollup first")
    ap.add_argument("--port", type=int, default=8799)
    args = ap.parse_args()

    import psycopg
    from sqlalchemy import text
    from sqlmodel import Session

    from store import db, org

    name = args.reuse or f"aiprov_bench_{os.getpid()}"
    base = ADMIN.rsplit("/", 1)[0]
    url = base.replace("postgresql://", "postgresql+psycopg://", 1) + "/" + name
    home = Path(tempfile.mkdtemp(prefix="aiprov-bench-"))
    os.environ["AIPROV_HOME"] = str(home)
    server = None
    try:
        gen_total = 0.0
        if not args.reuse:
            with psycopg.connect(ADMIN, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            engine = db.get_engine(url)
            with engine.begin() as c:
                c.execute(text(HASHFLOAT))
            print(f"generating scale {args.scale} into {name}", file=sys.stderr)
            t0 = time.perf_counter()
            generate(url, args.scale)
            gen_total = time.perf_counter() - t0
        engine = db.get_engine(url)
        if args.reuse:
            from store import rollup

            t0 = time.perf_counter()
            if args.rebuild_rollup:
                fill_rollup(engine, {})
            elif rollup.ensure(engine):  # a database kept before the rollup existed
                print(f"  report rollup filled in {time.perf_counter() - t0:.1f} s",
                      file=sys.stderr)
        with engine.connect() as c:
            sizes = {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                     for t in BIG_TABLES}
            samples = c.execute(text(
                "SELECT c.repo, c.sha, l.path, l.lineno, l.exchange_id FROM line_attribution l "
                "JOIN commit_attribution c ON c.id = l.commit_id "
                "WHERE l.id % 997 = 0 AND l.origin <> 'human' LIMIT 2000")).all()
        with Session(engine) as s:
            token, _ = org.create_token(s, org.load_pepper(home), name="bench",
                                        developer="security@example.com", role="security")
            dev_token, _ = org.create_token(s, org.load_pepper(home), name="bench-dev",
                                            developer="ingest@example.com")
            senders = [(f"ingest{k}@example.com", org.create_token(
                s, org.load_pepper(home), name=f"bench-dev-{k}",
                developer=f"ingest{k}@example.com")[0]) for k in range(args.ingest_senders)]
            s.commit()
        db.dispose_all()
        server = start_server(url, home, args.port)
        root = f"http://127.0.0.1:{args.port}"
        rows = []
        with httpx.Client(base_url=root, timeout=120,
                          headers={"Authorization": f"Bearer {token}"}) as http:
            pick = lambda k: samples[k % len(samples)]  # noqa: E731
            for label, by, since in [("report 30d org", None, "30d"),
                                     ("report 30d by team", "team", "30d"),
                                     ("report 30d by developer", "developer", "30d"),
                                     ("report 30d by repo", "repo", "30d"),
                                     ("report 30d by model", "model", "30d"),
                                     ("report 30d by tool", "tool", "30d"),
                                     ("report 30d by language", "language", "30d"),
                                     ("report 7d by team", "team", "7d")]:
                q = f"/api/report?since={since}" + (f"&by={by}" if by else "")
                rows.append((label, *timed(http, args.runs, lambda k, q=q: q)))
            lookups = [
                ("lookup repo+commit+path+line",
                 lambda k: f"/api/lookup/line?repo={pick(k)[0]}&commit={pick(k)[1]}"
                           f"&path={pick(k)[2]}&line={pick(k)[3]}"),
                ("lookup repo+path+line at HEAD",
                 lambda k: f"/api/lookup/line?repo={pick(k)[0]}&path={pick(k)[2]}"
                           f"&line={pick(k)[3]}"),
                ("lookup exchange by id", lambda k: f"/api/exchanges/{pick(k)[4]}"),
                ("browse commit lines",
                 lambda k: f"/api/commit?repo={pick(k)[0]}&sha={pick(k)[1]}"),
                ("search snippets (free text)",
                 lambda k: f"/api/search?q=parse_{(k * 37) % 997}(request"),
            ]
            for label, make in lookups:
                rows.append((label, *timed(http, args.lookup_runs, make)))
        # ingest through the real endpoint: one developer's proxy posting its batches one
        # after another, then several developers' proxies posting at the same time (how an org
        # server is used: each proxy sends on its own schedule)
        batches = ingest_batches(args.ingest_batches, 500, "ingest@example.com")
        per_batch = json.loads(batches[0])
        recs = (len(per_batch["exchanges"]) * 2 + len(per_batch["commits"])
                + sum(len(c["lines"]) for c in per_batch["commits"]))
        fps = sum(len(e["snippets"][0]["fingerprints"]) for e in per_batch["exchanges"])
        with httpx.Client(base_url=root, timeout=120,
                          headers={"Authorization": f"Bearer {dev_token}",
                                   "Content-Type": "application/json"}) as http:
            t0 = time.perf_counter()
            for body in batches:
                post_batch(http, body)
            dt = time.perf_counter() - t0
            t1 = time.perf_counter()
            r = http.post("/api/ingest", content=batches[0])  # a retried batch
            retry_ms = (time.perf_counter() - t1) * 1000
            assert r.json()["exchanges"] == 0, r.text
        dt_conc, n_conc = ingest_concurrently(root, senders, args.ingest_batches)
        n = len(batches)
        print()
        print(f"aiprov org server at scale {args.scale} on PostgreSQL "
              f"({', '.join(f'{k} {v:,}' for k, v in sizes.items())})")
        if gen_total:
            print(f"generation + indexes: {gen_total:,.0f} s")
        print(f"{'endpoint':<34} {'median ms':>10} {'p95 ms':>10} {'n':>5}")
        for label, med, p95, cnt in rows:
            print(f"{label:<34} {med:>10.1f} {p95:>10.1f} {cnt:>5}")
        print(f"ingest: {n} batches x 500 exchanges (+snippet, 4 fingerprints, "
              f"{len(per_batch['commits'])} commits x 20 lines) in {dt:.1f} s: "
              f"{n * recs / dt:,.0f} records/s ({n * (recs + fps) / dt:,.0f} rows/s incl. "
              f"fingerprints); retried batch {retry_ms:.0f} ms, 0 new rows")
        if n_conc:
            print(f"ingest, {len(senders)} developers posting at once: {n_conc} batches in "
                  f"{dt_conc:.1f} s: {n_conc * recs / dt_conc:,.0f} records/s "
                  f"({n_conc * (recs + fps) / dt_conc:,.0f} rows/s incl. fingerprints)")
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        db.dispose_all()
        if not args.keep and not args.reuse:
            with psycopg.connect(ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        elif not args.reuse:
            print(f"kept database {name} (time it again with --reuse {name})", file=sys.stderr)


if __name__ == "__main__":
    main()
