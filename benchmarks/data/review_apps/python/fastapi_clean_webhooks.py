"""Outgoing webhooks: customers register an endpoint; we POST events to it.

Endpoints must be HTTPS on a public address; the address is checked when the hook is
registered and again, on the resolved IP, right before each delivery.
"""
import hashlib
import hmac
import ipaddress
import secrets
import socket
from urllib.parse import urlsplit

import httpx
from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()
API_KEYS = {"ak_live_1": "acme", "ak_live_2": "globex"}
HOOKS: dict[str, dict] = {}


class HookIn(BaseModel):
    url: str = Field(max_length=500)
    events: list[str] = Field(default_factory=lambda: ["*"], max_length=20)


def account(x_api_key: str = Header(...)) -> str:
    acct = API_KEYS.get(x_api_key)
    if acct is None:
        raise HTTPException(401)
    return acct


def public_address(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise HTTPException(422, "webhook URLs must be https://")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        raise HTTPException(422, "host does not resolve") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global:
            raise HTTPException(422, "webhook host must be a public address")
    return infos[0][4][0]


@app.post("/hooks", status_code=201)
def create_hook(body: HookIn, acct: str = Depends(account)):
    public_address(body.url)
    hook_id = secrets.token_hex(8)
    HOOKS[hook_id] = {"account": acct, "url": body.url, "events": body.events,
                      "secret": secrets.token_hex(32)}
    return {"id": hook_id, "secret": HOOKS[hook_id]["secret"]}


@app.post("/hooks/{hook_id}/test")
def test_hook(hook_id: str, acct: str = Depends(account)):
    hook = HOOKS.get(hook_id)
    if hook is None or hook["account"] != acct:
        raise HTTPException(404)
    ip = public_address(hook["url"])
    body = b'{"type":"ping"}'
    sig = hmac.new(hook["secret"].encode(), body, hashlib.sha256).hexdigest()
    host = urlsplit(hook["url"]).hostname
    with httpx.Client(timeout=5, follow_redirects=False) as client:
        resp = client.post(hook["url"].replace(host, ip, 1), content=body,
                           headers={"Host": host, "Content-Type": "application/json",
                                    "X-Signature": sig}, extensions={"sni_hostname": host})
    return {"status": resp.status_code}


@app.delete("/hooks/{hook_id}", status_code=204)
def delete_hook(hook_id: str, acct: str = Depends(account)):
    hook = HOOKS.get(hook_id)
    if hook is None or hook["account"] != acct:
        raise HTTPException(404)
    del HOOKS[hook_id]
