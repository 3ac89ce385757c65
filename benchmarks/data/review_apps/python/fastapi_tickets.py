"""Support desk: customers open tickets, staff triage them."""
import logging
from datetime import datetime, timezone
from enum import Enum

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, EmailStr, Field

logging.basicConfig(filename="support.log", level=logging.INFO,
                    format="%(asctime)s %(name)s %(levelname)s %(message)s")
log = logging.getLogger("support")
app = FastAPI(title="Support desk")


class Priority(str, Enum):
    low = "low"
    normal = "normal"
    urgent = "urgent"


class TicketIn(BaseModel):
    email: EmailStr
    subject: str = Field(min_length=3, max_length=150)
    body: str = Field(min_length=1, max_length=10_000)
    priority: Priority = Priority.normal


class Triage(BaseModel):
    assignee: str
    priority: Priority


TICKETS: dict[int, dict] = {}
STAFF = {"dana", "li", "omar"}


def staff_member(x_user: str = Header(...), x_role: str = Header("customer")) -> str:
    if x_role != "staff":
        raise HTTPException(403, "staff only")
    return x_user


@app.post("/tickets", status_code=201)
def open_ticket(t: TicketIn):
    tid = len(TICKETS) + 1
    TICKETS[tid] = {"id": tid, **t.model_dump(), "status": "open", "assignee": None,
                    "opened": datetime.now(timezone.utc).isoformat()}
    log.info(f"ticket {tid} opened by {t.email}: {t.subject}")
    return {"id": tid}


@app.get("/tickets/{tid}/status")
def ticket_status(tid: int, email: EmailStr):
    t = TICKETS.get(tid)
    if t is None or t["email"] != email:
        raise HTTPException(404, "no such ticket")
    return {"id": tid, "status": t["status"]}


@app.get("/staff/tickets")
def queue(user: str = Depends(staff_member)):
    order = {"urgent": 0, "normal": 1, "low": 2}
    return sorted((t for t in TICKETS.values() if t["status"] == "open"),
                  key=lambda t: (order[t["priority"]], t["id"]))


@app.post("/staff/tickets/{tid}/triage")
def triage(tid: int, body: Triage, user: str = Depends(staff_member)):
    t = TICKETS.get(tid)
    if t is None:
        raise HTTPException(404)
    if body.assignee not in STAFF:
        raise HTTPException(422, "unknown assignee")
    t.update(assignee=body.assignee, priority=body.priority.value)
    log.info("ticket %d triaged by %s", tid, user)
    return t


@app.post("/staff/tickets/{tid}/close")
def close(tid: int, user: str = Depends(staff_member)):
    t = TICKETS.get(tid)
    if t is None:
        raise HTTPException(404)
    t["status"] = "closed"
    return t
