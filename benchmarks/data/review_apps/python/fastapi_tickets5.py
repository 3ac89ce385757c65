"""Support desk API: customers open tickets and read their own; agents list open tickets and
reply. Every new ticket is written to the desk's activity log for the on-call rota."""
import logging
import os
import secrets
import sqlite3
from datetime import datetime, timezone

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

logging.basicConfig(
    filename=os.getenv("DESK_LOG", "desk-activity.log"),
    level=logging.INFO,
    format="%(asctime)s %(levelname)s %(message)s",
)
logger = logging.getLogger("desk")

app = FastAPI(title="Support desk")
DB = os.getenv("DESK_DB", "desk.db")
AGENT_KEY = os.environ["DESK_AGENT_KEY"]


class TicketIn(BaseModel):
    subject: str = Field(min_length=3, max_length=150)
    body: str = Field(min_length=1, max_length=5000)
    priority: int = Field(default=3, ge=1, le=5)


class ReplyIn(BaseModel):
    message: str = Field(min_length=1, max_length=5000)


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript("""
            CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY, email TEXT, token TEXT UNIQUE);
            CREATE TABLE IF NOT EXISTS tickets (id INTEGER PRIMARY KEY, customer_id INTEGER,
                subject TEXT, body TEXT, priority INTEGER, status TEXT DEFAULT 'open', created_at TEXT);
            CREATE TABLE IF NOT EXISTS replies (ticket_id INTEGER, author TEXT, message TEXT, created_at TEXT);
        """)


def customer(x_customer_token: str = Header(...)):
    with db() as conn:
        row = conn.execute("SELECT id, email FROM customers WHERE token = ?", (x_customer_token,)).fetchone()
    if row is None:
        raise HTTPException(401, "unknown customer token")
    return row


def agent(x_agent_key: str = Header(...)):
    if not secrets.compare_digest(x_agent_key, AGENT_KEY):
        raise HTTPException(403, "agents only")


@app.post("/tickets", status_code=201)
def open_ticket(ticket: TicketIn, who=Depends(customer)):
    now = datetime.now(timezone.utc).isoformat()
    with db() as conn:
        cur = conn.execute(
            "INSERT INTO tickets (customer_id, subject, body, priority, created_at) VALUES (?, ?, ?, ?, ?)",
            (who["id"], ticket.subject, ticket.body, ticket.priority, now))
    logger.info("ticket %d opened by customer %d (P%d): %s", cur.lastrowid, who["id"],
                ticket.priority, ticket.subject)
    return {"id": cur.lastrowid, "status": "open"}


@app.get("/tickets/mine")
def my_tickets(who=Depends(customer)):
    with db() as conn:
        rows = conn.execute("SELECT id, subject, status, created_at FROM tickets WHERE customer_id = ? "
                            "ORDER BY id DESC", (who["id"],)).fetchall()
    return [dict(r) for r in rows]


@app.get("/tickets/{ticket_id}")
def read_ticket(ticket_id: int, who=Depends(customer)):
    with db() as conn:
        t = conn.execute("SELECT * FROM tickets WHERE id = ? AND customer_id = ?",
                         (ticket_id, who["id"])).fetchone()
        if t is None:
            raise HTTPException(404, "ticket not found")
        replies = conn.execute("SELECT author, message, created_at FROM replies WHERE ticket_id = ?",
                               (ticket_id,)).fetchall()
    return {**dict(t), "replies": [dict(r) for r in replies]}


@app.get("/queue", dependencies=[Depends(agent)])
def queue():
    with db() as conn:
        rows = conn.execute("SELECT id, subject, priority, created_at FROM tickets WHERE status = 'open' "
                            "ORDER BY priority, id").fetchall()
    return [dict(r) for r in rows]


@app.post("/tickets/{ticket_id}/replies", status_code=201, dependencies=[Depends(agent)])
def reply(ticket_id: int, body: ReplyIn, agent_name: str = Header("agent", alias="X-Agent-Name")):
    now = datetime.now(timezone.utc).isoformat()
    with db() as conn:
        if conn.execute("SELECT 1 FROM tickets WHERE id = ?", (ticket_id,)).fetchone() is None:
            raise HTTPException(404, "ticket not found")
        conn.execute("INSERT INTO replies VALUES (?, ?, ?, ?)", (ticket_id, agent_name, body.message, now))
        conn.execute("UPDATE tickets SET status = 'answered' WHERE id = ?", (ticket_id,))
    return {"ok": True}
