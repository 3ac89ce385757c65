"""Precision on real web code nobody here wrote: example apps shipped in registry packages.

Corpus: pinned releases from PyPI and npm (``benchmarks/data/review_realapps.toml``, with
their SHA-256), downloaded once into ``~/.cache/aiprov-bench/realapps/`` (``pip download
--no-deps --no-binary :all:`` / ``npm pack``) and read from the archives: Flask's example
apps (flaskr, ...), FastAPI's ``docs_src``, httpbin (a real Flask service), json-server (a
real Express app), SQLModel's ``docs_src`` (FastAPI tutorials), fastapi-users' and
Flask-Security-Too's example apps and, held out, Flasgger's example apps. aiprov reviews
every .py/.js file under each corpus' folder at the AI-origin policy.

Every finding was judged by hand (the ``[[judged]]`` table: true, false alarm or debatable,
with a one-line reason). The run prints per corpus the findings per KLOC and per CWE the
judged counts and the judged precision (true / (true + false); debatable findings are left
out of it and shown), flags every finding not yet judged, and lists judged findings no
longer reported (a fixed false alarm, or a lost true finding).

Split: Flasgger's examples are the HELD-OUT corpus: the false-alarm fixes were made on the
dev corpora only, and the held-out findings were judged after them (with those the code
before the fixes reported), never used for tuning. ``--show`` lists findings of the dev
split only.

Run: .venv/bin/python benchmarks/review_realapps.py [--split dev|held-out|both] [--show]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import tarfile
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._registry import FetchError, fetch_release  # noqa: E402
from reviewer.engine import review_target  # noqa: E402
from reviewer.model import AI, Finding, Origin  # noqa: E402
from reviewer.policy import DEFAULT_POLICY  # noqa: E402
from reviewer.targets import file_target  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "review_realapps.toml"
CACHE = Path.home() / ".cache" / "aiprov-bench" / "realapps"
EXTS = (".py", ".js")
VERDICTS = ("true", "false", "debatable")


@dataclass(frozen=True)
class Corpus:
    name: str
    registry: str  # pypi | npm
    package: str
    version: str
    file: str
    sha256: str
    folder: str  # the archive folder reviewed, e.g. flask-3.0.3/examples/
    split: str  # dev | held-out


def _download(c: Corpus) -> Path:
    path = CACHE / c.file
    if not path.is_file():
        got = fetch_release(c.registry, c.package, c.version, CACHE, sdist=True)
        if got.name != c.file:
            got.unlink()
            raise FetchError(f"fetching {c.package} {c.version} gave {got.name}, not {c.file}")
    if hashlib.sha256(path.read_bytes()).hexdigest() != c.sha256:
        raise FetchError(f"{path.name}: SHA-256 differs from the pin")
    return path


def sources(c: Corpus) -> dict[str, str]:
    """``archive path -> text`` of the reviewed files of one corpus."""
    out: dict[str, str] = {}
    with tarfile.open(_download(c), "r:gz") as t:
        for m in t.getmembers():
            if m.isfile() and m.name.startswith(c.folder) and m.name.endswith(EXTS) \
                    and ".min." not in m.name:
                f = t.extractfile(m)
                if f is not None:
                    out[m.name] = io.TextIOWrapper(f, encoding="utf-8",
                                                   errors="replace").read()
    return out


def review_corpus(files: dict[str, str]) -> list[Finding]:
    ai = Origin(label=AI, tool="bench", model="bench")
    out: list[Finding] = []
    for path, text in sorted(files.items()):
        n = text.count("\n") + 1
        found = review_target(file_target(path, text, {i: ai for i in range(1, n + 1)}),
                              DEFAULT_POLICY)
        out += [f for f in found if not f.judgement]
    return out


def load() -> tuple[list[Corpus], dict[tuple[str, str], tuple[str, str]]]:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    corpora = [Corpus(**row) for row in data["corpus"]]
    judged: dict[tuple[str, str], tuple[str, str]] = {}
    for row in data.get("judged", []):
        if row["verdict"] not in VERDICTS:
            raise ValueError(f"{row}: verdict must be one of {VERDICTS}")
        ats = row["at"] if isinstance(row["at"], list) else [row["at"]]
        for at in ats:
            key = (at, row["rule"])
            if key in judged:
                raise ValueError(f"judged twice: {key}")
            judged[key] = (row["verdict"], row["why"])
    return corpora, judged


def _precision(c: Counter[str]) -> str:
    decided = c["true"] + c["false"]
    return f"{c['true'] / decided:.3f}" if decided else "  -  "


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "held-out", "both"), default="both")
    ap.add_argument("--show", action="store_true",
                    help="list every finding with its verdict (dev split only)")
    args = ap.parse_args()
    corpora, judged = load()
    for split in ("dev", "held-out"):
        if args.split not in (split, "both"):
            continue
        per_cwe: dict[str, Counter[str]] = defaultdict(Counter)
        total: Counter[str] = Counter()
        seen: set[tuple[str, str]] = set()
        unjudged: list[str] = []
        print(f"== {split}")
        print(f"{'corpus':28} {'files':>5} {'KLOC':>6} {'findings':>8} {'/KLOC':>6} "
              f"{'true':>5} {'false':>5} {'debat':>5} {'prec':>6}")
        for c in (c for c in corpora if c.split == split):
            files = sources(c)
            kloc = sum(t.count("\n") + 1 for t in files.values()) / 1000
            found = review_corpus(files)
            mine: Counter[str] = Counter()
            for f in found:
                at = f"{f.path}:{f.line}"
                key = (at, f.rule_id)
                seen.add(key)
                verdict, why = judged.get(key, ("unjudged", ""))
                mine[verdict] += 1
                per_cwe[f"CWE-{f.cwe}"][verdict] += 1
                if verdict == "unjudged":
                    unjudged.append(f"{at} {f.rule_id} (CWE-{f.cwe}) {f.title}")
                if args.show and split == "dev":
                    print(f"   {verdict:9} {at} {f.rule_id}: {why}")
            total += mine
            print(f"{c.name:28} {len(files):5} {kloc:6.1f} {len(found):8} "
                  f"{len(found) / kloc if kloc else 0:6.2f} {mine['true']:5} "
                  f"{mine['false']:5} {mine['debatable']:5} {_precision(mine):>6}")
        print(f"{'per CWE':28} {'':5} {'':6} {'findings':>8} {'':6} {'true':>5} "
              f"{'false':>5} {'debat':>5} {'prec':>6}")
        for cwe, cnt in sorted(per_cwe.items(), key=lambda kv: -sum(kv[1].values())):
            print(f"  {cwe:26} {'':5} {'':6} {sum(cnt.values()):8} {'':6} {cnt['true']:5} "
                  f"{cnt['false']:5} {cnt['debatable']:5} {_precision(cnt):>6}")
        print(f"  {'all':26} {'':5} {'':6} {sum(total.values()):8} {'':6} {total['true']:5} "
              f"{total['false']:5} {total['debatable']:5} {_precision(total):>6}")
        names = {c.folder.split("/")[0] for c in corpora if c.split == split}
        gone = Counter(v for (at, rule), (v, _) in judged.items()
                       if (at, rule) not in seen and at.split("/")[0] in names)
        print(f"  judged findings no longer reported: {sum(gone.values())} "
              f"(true {gone['true']}, false {gone['false']}, debatable {gone['debatable']})")
        if unjudged:
            print(f"  NOT JUDGED YET: {len(unjudged)}")
            if split == "dev":
                for line in unjudged:
                    print(f"    {line}")


if __name__ == "__main__":
    main()
