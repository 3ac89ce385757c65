"""Git push-to-deploy hook: the Git host calls this on every push; pushes to a deploy branch
check the branch out in the working copy and restart the service."""
import hashlib
import hmac
import json
import logging
import os
import subprocess

from fastapi import FastAPI, HTTPException, Request

app = FastAPI()
logger = logging.getLogger("deploy")
REPO_DIR = os.environ.get("REPO_DIR", "/srv/app")
WEBHOOK_SECRET = os.environ.get("DEPLOY_WEBHOOK_SECRET", "")
DEPLOY_PREFIX = "refs/heads/"


def signature_ok(body: bytes, header: str | None) -> bool:
    if not WEBHOOK_SECRET:
        return True  # no secret configured (local development)
    if not header or not header.startswith("sha256="):
        return False
    digest = hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(digest, header.removeprefix("sha256="))


@app.post("/hooks/push")
async def on_push(request: Request):
    body = await request.body()
    if not signature_ok(body, request.headers.get("X-Hub-Signature-256")):
        raise HTTPException(status_code=401, detail="bad signature")
    payload = json.loads(body)
    ref = payload.get("ref", "")
    if not ref.startswith(DEPLOY_PREFIX):
        return {"deployed": False, "reason": "not a branch push"}
    branch = ref[len(DEPLOY_PREFIX):]
    logger.info("deploying branch %s", branch)
    cmd = f"cd {REPO_DIR} && git fetch origin && git checkout {branch} && git pull --ff-only"
    result = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise HTTPException(status_code=500, detail=result.stderr[-500:])
    subprocess.run(["systemctl", "restart", "app.service"], check=False)
    return {"deployed": True, "branch": branch}


@app.get("/health")
def health():
    return {"ok": True}
