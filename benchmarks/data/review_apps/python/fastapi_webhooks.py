import logging

import httpx
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, HttpUrl

app = FastAPI()
log = logging.getLogger("webhooks")
SUBSCRIPTIONS: dict[int, dict] = {}


class Subscription(BaseModel):
    url: HttpUrl
    event: str


@app.post("/subscriptions", status_code=201)
async def subscribe(sub: Subscription):
    sub_id = len(SUBSCRIPTIONS) + 1
    SUBSCRIPTIONS[sub_id] = {"url": str(sub.url), "event": sub.event}
    return {"id": sub_id}


@app.post("/subscriptions/{sub_id}/ping")
async def ping(sub_id: int):
    sub = SUBSCRIPTIONS.get(sub_id)
    if sub is None:
        raise HTTPException(status_code=404)
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.post(sub["url"], json={"event": "ping"})
    return {"status": resp.status_code, "body": resp.text[:1000]}
