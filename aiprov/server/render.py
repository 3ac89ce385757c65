"""A report dict (``store.queries.reports.report``) as a terminal table, CSV, JSON or an HTML page.

Pure functions, no FastAPI: the CLI uses them. The HTML page is standalone (no script, no
external asset) and every value goes through ``html.escape``.
"""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any

FORMATS = ("table", "csv", "json", "html")
COLUMNS = [
    ("exchanges", "exchanges", "{:,}"), ("input_tokens", "tokens in", "{:,}"),
    ("output_tokens", "tokens out", "{:,}"), ("cost_usd", "cost $", "{:,.2f}"),
    ("snippets_suggested", "snippets", "{:,}"), ("snippets_accepted", "accepted", "{:,}"),
    ("acceptance_rate", "accept %", "pct"), ("committed_lines", "lines", "{:,}"),
    ("ai_share", "AI %", "pct"), ("ai_share_verbatim", "verbatim %", "pct"),
    ("ai_share_edited", "edited %", "pct"), ("findings_per_kloc_ai", "find/kLOC AI", "{:.2f}"),
    ("findings_per_kloc_human", "find/kLOC human", "{:.2f}"),
    ("median_fix_hours_ai", "fix h AI (median)", "{:.1f}"),
]
# outcome metrics (``store.queries.outcomes``), per group and per model / tool
OUTCOMES = [
    ("findings", "findings", "{:,}"), ("suggestions", "suggestions", "{:,}"),
    ("insecure_per_100_suggestions", "insecure/100", "{:.1f}"),
    ("accepted_insecure_rate", "accepted insecure %", "pct"),
    ("fixed_before_commit_rate", "fixed pre-commit %", "pct"),
    ("fixed_later", "fixed later", "{:,}"), ("median_hours_to_fix", "fix h (median)", "{:.1f}"),
    ("dismissed", "dismissed", "{:,}"), ("false_positive_rate", "FP %", "pct"),
    ("recurring_cwes", "recurring CWEs", "{:,}"),
    ("ai_finding_pr_share", "PRs w/ AI find %", "pct"),
]
SUGGESTIONS = [("suggestions", "suggestions", "{:,}"),
               ("insecure_suggestions", "insecure", "{:,}"),
               ("insecure_per_100_suggestions", "insecure/100", "{:.1f}"),
               ("accepted_insecure_rate", "accepted insecure %", "pct")]
TREND = [("day", "day", "{}"), ("exchanges", "exchanges", "{:,}"),
         ("cost_usd", "cost $", "{:,.2f}"), ("ai_lines", "AI lines", "{:,}"),
         ("ai_edited_lines", "edited", "{:,}"),
         ("human_lines", "human", "{:,}"), ("ai_share", "AI %", "pct")]


def _fmt(value: Any, spec: str) -> str:
    if value is None:
        return "-"
    if spec == "pct":
        return f"{100 * value:.1f}%"
    return spec.format(value)


def _rows(rep: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [dict(g) for g in rep.get("groups", [])]
    rows.append({"key": "TOTAL", **rep["totals"]})
    return rows


def render(rep: dict[str, Any], fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    return {"table": table, "csv": to_csv, "json": to_json, "html": to_html}[fmt](rep)


def _outcome_tables(rep: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) of the outcome metrics: per group, per model, per tool, and
    the recurring CWEs."""
    oc = rep.get("outcomes")
    if not oc:
        return []
    by = rep.get("by") or "org"
    rows = [dict(g) for g in oc.get("groups", [])] + [{"key": "TOTAL", **oc["totals"]}]
    out = [("outcomes of findings", [by] + [c[1] for c in OUTCOMES],
            [[str(r["key"])[:40]] + [_fmt(r.get(k), f) for k, _, f in OUTCOMES] for r in rows])]
    for name in ("model", "tool"):
        got = oc.get(f"by_{name}") or []
        if got:
            out.append((f"suggestions per {name}", [name] + [c[1] for c in SUGGESTIONS],
                        [[str(r["key"])[:40]] + [_fmt(r.get(k), f) for k, _, f in SUGGESTIONS]
                         for r in got]))
    if oc.get("cwe_recurrence"):
        out.append(("the same CWE again, per developer", ["developer", "CWE", "findings"],
                    [[r["developer"], r["cwe"], str(r["findings"])]
                     for r in oc["cwe_recurrence"][:50]]))
    return out


def _grid(header: list[str], rows: list[list[str]]) -> str:
    from aiprov.table import Col, render_table

    return render_table([Col(h, right=i > 0) for i, h in enumerate(header)], rows, gap=2)


def table(rep: dict[str, Any]) -> str:
    by = rep.get("by") or "org"
    out = [f"aiprov report {rep['since'][:19]} .. {rep['until'][:19]} UTC, by {by}, "
           f"scope {rep.get('scope', 'org')}", ""]
    header = [by] + [label for _, label, _ in COLUMNS]
    rows = [[str(r["key"])[:40]] + [_fmt(r.get(k), s) for k, _, s in COLUMNS]
            for r in _rows(rep)]
    out.append(_grid(header, rows))
    for title, head, body in _outcome_tables(rep):
        out += ["", title, _grid(head, body)]
    if rep.get("trend"):
        out += ["", "trend (per day)",
                _grid([label for _, label, _ in TREND],
                      [[_fmt(d.get(k), s) for k, _, s in TREND] for d in rep["trend"]])]
    return "\n".join(out)


def to_csv(rep: dict[str, Any]) -> str:
    buf = io.StringIO()
    keys = [k for k, _, _ in COLUMNS] + ["ai_lines", "ai_edited_lines", "human_lines",
                                         "findings_ai", "findings_human"]
    okeys = [k for k, _, _ in OUTCOMES]
    oc = rep.get("outcomes") or {}
    orows = {g["key"]: g for g in oc.get("groups", [])} | {"TOTAL": oc.get("totals", {})}
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([rep.get("by") or "scope", *keys, *(f"outcome_{k}" for k in okeys)])
    for r in _rows(rep):
        o = orows.get(r["key"], {})
        w.writerow([r["key"], *("" if r.get(k) is None else r.get(k) for k in keys),
                    *("" if o.get(k) is None else o.get(k) for k in okeys)])
    return buf.getvalue().rstrip("\n")


def to_json(rep: dict[str, Any]) -> str:
    return json.dumps(rep, indent=2, default=str)


def to_html(rep: dict[str, Any]) -> str:
    e = html.escape
    by = rep.get("by") or "org"
    head = "".join(f"<th>{e(label)}</th>" for label in [by] + [c[1] for c in COLUMNS])
    body = "".join(
        "<tr>" + f"<td>{e(str(r['key']))}</td>"
        + "".join(f"<td class=n>{e(_fmt(r.get(k), s))}</td>" for k, _, s in COLUMNS) + "</tr>"
        for r in _rows(rep))
    trend = ""
    if rep.get("trend"):
        th = "".join(f"<th>{e(label)}</th>" for _, label, _ in TREND)
        tb = "".join("<tr>" + "".join(f"<td>{e(_fmt(d.get(k), s))}</td>" for k, _, s in TREND)
                     + "</tr>" for d in rep["trend"])
        trend = f"<h2>Trend</h2><table><tr>{th}</tr>{tb}</table>"
    for t, hd, rows in _outcome_tables(rep):
        th = "".join(f"<th>{e(x)}</th>" for x in hd)
        tb = "".join("<tr>" + "".join(f"<td>{e(x)}</td>" for x in row) + "</tr>"
                     for row in rows)
        trend = f"<h2>{e(t)}</h2><table><tr>{th}</tr>{tb}</table>" + trend
    title = e(f"aiprov report {rep['since'][:10]} .. {rep['until'][:10]}, by {by}")
    return ("<!doctype html><html><head><meta charset=utf-8>"
            "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">"
            f"<title>{title}</title><style>body{{font:13px sans-serif}}td,th{{padding:2px 6px;"
            "border-bottom:1px solid #ddd}.n{text-align:right}</style></head><body>"
            f"<h1>{title}</h1><table><tr>{head}</tr>{body}</table>{trend}</body></html>")
