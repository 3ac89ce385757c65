"""Sales reports: staff download a CSV of orders for a date range and a chosen set of columns.
Cells that a spreadsheet would run as a formula are neutralised."""
import csv
import io
import logging
import os
import re
import secrets
import sqlite3
from datetime import date, timedelta

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi.responses import StreamingResponse

app = FastAPI(title="Reports")
log = logging.getLogger("reports")
DB = os.environ.get("REPORTS_DB", "sales.db")
REPORT_TOKEN = os.environ["REPORTS_TOKEN"]
COLUMNS = {"id": "id", "placed": "placed_on", "customer": "customer", "sku": "sku",
           "qty": "qty", "total": "total_cents"}
MAX_DAYS = 366


def staff(x_report_token: str = Header(...)) -> None:
    if not secrets.compare_digest(x_report_token, REPORT_TOKEN):
        raise HTTPException(403, "staff only")


def defuse(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def clean_for_log(value: str) -> str:
    return re.sub(r"[^\w ,.-]", "?", value)[:80]


@app.get("/reports/orders.csv", dependencies=[Depends(staff)])
def orders_csv(
    start: date,
    end: date,
    columns: str = Query("id,placed,customer,total", max_length=100),
    customer: str | None = Query(None, max_length=80),
):
    if end < start or end - start > timedelta(days=MAX_DAYS):
        raise HTTPException(400, f"range must be 0..{MAX_DAYS} days")
    chosen = [c.strip() for c in columns.split(",") if c.strip()]
    unknown = [c for c in chosen if c not in COLUMNS]
    if unknown or not chosen:
        raise HTTPException(400, "unknown column")
    select = ", ".join(COLUMNS[c] for c in chosen)
    sql = f"SELECT {select} FROM orders WHERE placed_on BETWEEN ? AND ?"
    params: list = [start.isoformat(), end.isoformat()]
    if customer:
        sql += " AND customer LIKE ? ESCAPE '\\'"
        params.append("%" + customer.replace("\\", "\\\\").replace("%", "\\%")
                      .replace("_", "\\_") + "%")
    log.info("orders report %s..%s columns=%s customer=%s", start, end, clean_for_log(columns),
             clean_for_log(customer or "-"))
    conn = sqlite3.connect(DB)
    rows = conn.execute(sql + " ORDER BY placed_on", params).fetchall()
    conn.close()

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(chosen)
    for row in rows:
        writer.writerow([defuse(v) for v in row])
    filename = f"orders-{start.isoformat()}-{end.isoformat()}.csv"
    return StreamingResponse(
        iter([buf.getvalue()]),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@app.get("/reports/daily", dependencies=[Depends(staff)])
def daily_totals(days: int = Query(30, ge=1, le=MAX_DAYS)):
    since = (date.today() - timedelta(days=days)).isoformat()
    conn = sqlite3.connect(DB)
    rows = conn.execute(
        "SELECT placed_on, SUM(total_cents) FROM orders WHERE placed_on >= ?"
        " GROUP BY placed_on ORDER BY placed_on", (since,)).fetchall()
    conn.close()
    return [{"day": d, "total_cents": t} for d, t in rows]
