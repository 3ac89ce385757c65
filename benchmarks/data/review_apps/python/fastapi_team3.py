"""Team workspace membership: owners invite people, admins manage roles, members read."""
import logging
import os
import secrets
from enum import Enum

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Teams")
log = logging.getLogger("teams")
logging.basicConfig(level=logging.INFO)


class Role(str, Enum):
    member = "member"
    admin = "admin"
    owner = "owner"


class Invite(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", max_length=254)
    role: Role = Role.member


class RoleChange(BaseModel):
    role: Role


# api key -> user id; in production these come from the identity service
API_KEYS: dict[str, str] = {os.environ.get("BOOTSTRAP_KEY", secrets.token_hex(16)): "u-root"}
TEAMS: dict[str, dict[str, Role]] = {"t-core": {"u-root": Role.owner}}
INVITES: dict[str, dict] = {}


def caller(x_api_key: str = Header(...)) -> str:
    uid = API_KEYS.get(x_api_key)
    if uid is None:
        raise HTTPException(401, "unknown API key")
    return uid


def membership(team_id: str, uid: str) -> Role:
    members = TEAMS.get(team_id)
    if members is None or uid not in members:
        raise HTTPException(404, "team not found")
    return members[uid]


@app.get("/teams/{team_id}/members")
def list_members(team_id: str, uid: str = Depends(caller)):
    membership(team_id, uid)
    return [{"user": u, "role": r} for u, r in TEAMS[team_id].items()]


@app.post("/teams/{team_id}/invites", status_code=201)
def invite(team_id: str, body: Invite, uid: str = Depends(caller)):
    role = membership(team_id, uid)
    if role not in (Role.admin, Role.owner):
        raise HTTPException(403, "admins only")
    if body.role == Role.owner and role != Role.owner:
        raise HTTPException(403, "only owners can invite owners")
    code = secrets.token_urlsafe(24)
    INVITES[code] = {"team": team_id, "email": body.email, "role": body.role}
    log.info("invite created for team %r by %r", team_id, uid)
    return {"code": code}


@app.post("/invites/{code}/accept")
def accept(code: str, uid: str = Depends(caller)):
    inv = INVITES.pop(code, None)
    if inv is None:
        raise HTTPException(404, "invite not found or used")
    TEAMS[inv["team"]][uid] = inv["role"]
    return {"team": inv["team"], "role": inv["role"]}


@app.put("/teams/{team_id}/members/{member_id}")
def change_role(team_id: str, member_id: str, body: RoleChange, uid: str = Depends(caller)):
    membership(team_id, uid)
    if member_id not in TEAMS[team_id]:
        raise HTTPException(404, "no such member")
    TEAMS[team_id][member_id] = body.role
    log.info("role of %r in %r set to %s by %r", member_id, team_id, body.role.value, uid)
    return {"user": member_id, "role": body.role}


@app.delete("/teams/{team_id}/members/{member_id}", status_code=204)
def remove_member(team_id: str, member_id: str, uid: str = Depends(caller)):
    role = membership(team_id, uid)
    if member_id != uid and role not in (Role.admin, Role.owner):
        raise HTTPException(403, "admins only")
    if TEAMS[team_id].get(member_id) == Role.owner:
        raise HTTPException(409, "transfer ownership first")
    TEAMS[team_id].pop(member_id, None)
