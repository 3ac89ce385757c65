"""Thumbnail jobs: clients submit batches of image keys, a worker renders them, clients poll."""
import queue
import secrets
import sqlite3
import threading
import time
import uuid
from typing import Literal

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Thumbnail jobs")
DB_FILE = "jobs.db"
task_queue: "queue.Queue[tuple[str, str, int]]" = queue.Queue()
SIZES = {"small": 128, "medium": 512, "large": 1024}


def db():
    conn = sqlite3.connect(DB_FILE, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS clients (id INTEGER PRIMARY KEY, name TEXT, api_key TEXT UNIQUE);
        CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, client_id INTEGER, size TEXT,
            total INTEGER, done INTEGER DEFAULT 0, created REAL);
        CREATE TABLE IF NOT EXISTS results (job_id TEXT, image_key TEXT, thumbnail TEXT);""")


def client_for(x_api_key: str = Header(...)):
    with db() as conn:
        row = conn.execute("SELECT id, name FROM clients WHERE api_key = ?",
                           (x_api_key,)).fetchone()
    if row is None:
        raise HTTPException(status_code=401, detail="unknown API key")
    return row


class ClientIn(BaseModel):
    name: str = Field(min_length=1, max_length=80)


class JobIn(BaseModel):
    size: Literal["small", "medium", "large"] = "small"
    image_keys: list[str]


def render_thumbnail(image_key: str, px: int) -> str:
    time.sleep(0.01)  # stands in for the real resize
    return f"thumbs/{px}/{image_key.replace('/', '_')}.webp"


def worker():
    while True:
        job_id, image_key, px = task_queue.get()
        try:
            thumb = render_thumbnail(image_key, px)
            with db() as conn:
                conn.execute("INSERT INTO results VALUES (?, ?, ?)", (job_id, image_key, thumb))
                conn.execute("UPDATE jobs SET done = done + 1 WHERE id = ?", (job_id,))
        finally:
            task_queue.task_done()


@app.on_event("startup")
def start_worker():
    threading.Thread(target=worker, daemon=True).start()


@app.post("/clients", status_code=201)
def register_client(body: ClientIn):
    key = secrets.token_urlsafe(32)
    with db() as conn:
        conn.execute("INSERT INTO clients (name, api_key) VALUES (?, ?)", (body.name, key))
    return {"api_key": key}


@app.post("/jobs", status_code=202)
def submit_job(body: JobIn, client=Depends(client_for)):
    if not body.image_keys:
        raise HTTPException(status_code=400, detail="image_keys must not be empty")
    job_id = uuid.uuid4().hex
    with db() as conn:
        conn.execute("INSERT INTO jobs (id, client_id, size, total, created) VALUES (?, ?, ?, ?, ?)",
                     (job_id, client["id"], body.size, len(body.image_keys), time.time()))
    for key in body.image_keys:
        task_queue.put((job_id, key, SIZES[body.size]))
    return {"job_id": job_id, "queued": len(body.image_keys)}


@app.get("/jobs/{job_id}")
def job_status(job_id: str, client=Depends(client_for)):
    with db() as conn:
        job = conn.execute("SELECT id, size, total, done, created FROM jobs "
                           "WHERE id = ? AND client_id = ?", (job_id, client["id"])).fetchone()
    if job is None:
        raise HTTPException(status_code=404, detail="job not found")
    state = "done" if job["done"] >= job["total"] else "running"
    return {**dict(job), "state": state}


@app.get("/jobs/{job_id}/results")
def job_results(job_id: str, offset: int = 0, limit: int = 100, client=Depends(client_for)):
    if not (0 <= offset and 1 <= limit <= 500):
        raise HTTPException(status_code=400, detail="limit must be 1-500, offset >= 0")
    with db() as conn:
        owned = conn.execute("SELECT 1 FROM jobs WHERE id = ? AND client_id = ?",
                             (job_id, client["id"])).fetchone()
        if owned is None:
            raise HTTPException(status_code=404, detail="job not found")
        rows = conn.execute("SELECT image_key, thumbnail FROM results WHERE job_id = ? "
                            "LIMIT ? OFFSET ?", (job_id, limit, offset)).fetchall()
    return [dict(r) for r in rows]


@app.get("/queue")
def queue_depth(client=Depends(client_for)):
    return {"pending": task_queue.qsize()}
