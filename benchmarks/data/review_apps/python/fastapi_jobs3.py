"""Job board: employers post openings, anyone browses, an HTML feed for embedding."""
import html
import os
import secrets
import sqlite3
from contextlib import closing
from datetime import date

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field, HttpUrl

app = FastAPI(title="Job board")
DB = os.environ.get("JOBS_DB", "jobs.db")


class JobIn(BaseModel):
    title: str = Field(min_length=3, max_length=120)
    company: str = Field(min_length=1, max_length=120)
    location: str = Field(default="Remote", max_length=80)
    salary_min: int | None = Field(default=None, ge=0, le=10_000_000)
    salary_max: int | None = Field(default=None, ge=0, le=10_000_000)
    apply_url: HttpUrl
    description: str = Field(max_length=10_000)


def conn():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    c.executescript(
        "CREATE TABLE IF NOT EXISTS employers (id INTEGER PRIMARY KEY, name TEXT, api_key TEXT);"
        "CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY, employer_id INTEGER, "
        "title TEXT, company TEXT, location TEXT, salary_min INTEGER, salary_max INTEGER, "
        "apply_url TEXT, description TEXT, posted TEXT, open INTEGER DEFAULT 1);")
    return c


def employer(x_api_key: str = Header(...)) -> int:
    with closing(conn()) as c:
        rows = c.execute("SELECT id, api_key FROM employers").fetchall()
    for row in rows:
        if secrets.compare_digest(row["api_key"], x_api_key):
            return row["id"]
    raise HTTPException(401, "unknown API key")


@app.post("/jobs", status_code=201)
def post_job(job: JobIn, employer_id: int = Depends(employer)):
    if job.salary_min and job.salary_max and job.salary_min > job.salary_max:
        raise HTTPException(422, "salary_min is above salary_max")
    with closing(conn()) as c, c:
        cur = c.execute(
            "INSERT INTO jobs (employer_id, title, company, location, salary_min, salary_max, "
            "apply_url, description, posted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (employer_id, job.title, job.company, job.location, job.salary_min, job.salary_max,
             str(job.apply_url), job.description, date.today().isoformat()))
    return {"id": cur.lastrowid}


@app.get("/jobs")
def search(q: str = "", location: str | None = None, page: int = Query(1, ge=1, le=1000),
           per_page: int = Query(20, ge=1, le=100)):
    sql = "SELECT id, title, company, location, posted FROM jobs WHERE open = 1"
    args: list = []
    if q:
        sql += " AND (title LIKE ? OR description LIKE ?)"
        args += [f"%{q}%", f"%{q}%"]
    if location:
        sql += " AND location = ?"
        args.append(location)
    sql += " ORDER BY posted DESC, id DESC LIMIT ? OFFSET ?"
    args += [per_page, (page - 1) * per_page]
    with closing(conn()) as c:
        return [dict(r) for r in c.execute(sql, args).fetchall()]


@app.patch("/jobs/{job_id}/close")
def close_job(job_id: int, employer_id: int = Depends(employer)):
    with closing(conn()) as c, c:
        cur = c.execute("UPDATE jobs SET open = 0 WHERE id = ? AND employer_id = ?",
                        (job_id, employer_id))
    if cur.rowcount == 0:
        raise HTTPException(404, "no such job")
    return {"id": job_id, "open": False}


@app.get("/embed/{employer_id}", response_class=HTMLResponse)
def embed(employer_id: int):
    with closing(conn()) as c:
        rows = c.execute("SELECT title, location, apply_url FROM jobs WHERE employer_id = ? "
                         "AND open = 1 ORDER BY id DESC LIMIT 25", (employer_id,)).fetchall()
    items = "".join(
        f'<li><a href="{html.escape(r["apply_url"], quote=True)}" target="_blank" '
        f'rel="noopener">{html.escape(r["title"])}</a> &ndash; {html.escape(r["location"])}</li>'
        for r in rows)
    return f"<ul class=\"jobs\">{items}</ul>"
