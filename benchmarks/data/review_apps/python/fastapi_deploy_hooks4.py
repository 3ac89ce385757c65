"""Deploy hooks: the Git host calls /hooks/push after a push; for a configured repository
the service checks the pushed branch exists upstream and queues a deploy."""
import hashlib
import hmac
import json
import logging
import os
import subprocess
import uuid

from fastapi import FastAPI, Header, HTTPException, Request

app = FastAPI(title="Deploy hooks")
log = logging.getLogger("deploys")
HOOK_SECRET = os.environ["DEPLOY_HOOK_SECRET"].encode()
REPOS = {
    "shop/web": "https://git.example.com/shop/web.git",
    "shop/api": "https://git.example.com/shop/api.git",
}
QUEUE: list[dict] = []


def verify(body: bytes, signature: str | None) -> None:
    expected = "sha256=" + hmac.new(HOOK_SECRET, body, hashlib.sha256).hexdigest()
    if signature is None or not hmac.compare_digest(expected, signature):
        raise HTTPException(401, "bad signature")


def branch_exists(remote: str, branch: str) -> bool:
    out = subprocess.run(
        f"git ls-remote --heads {remote} {branch}",
        shell=True, capture_output=True, text=True, timeout=30,
    )
    return bool(out.stdout.strip())


def short_sha(sha: str) -> str:
    return sha[:12] if all(c in "0123456789abcdef" for c in sha) else "invalid"


@app.post("/hooks/push", status_code=202)
async def on_push(request: Request, x_hub_signature_256: str | None = Header(None)):
    body = await request.body()
    if len(body) > 1_000_000:
        raise HTTPException(413, "payload too large")
    verify(body, x_hub_signature_256)
    event = json.loads(body)
    repo = event.get("repository", {}).get("full_name", "")
    remote = REPOS.get(repo)
    if remote is None:
        raise HTTPException(404, "repository not configured")
    branch = str(event.get("ref", "")).removeprefix("refs/heads/")
    sha = short_sha(str(event.get("after", "")))
    log.info("push to %s branch=%r sha=%s", repo, branch[:100], sha)
    if not branch_exists(remote, branch):
        raise HTTPException(409, "branch not found upstream")
    job = {"id": str(uuid.uuid4()), "repo": repo, "branch": branch, "sha": sha}
    QUEUE.append(job)
    return job


@app.get("/queue")
def queue():
    return [{k: j[k] for k in ("id", "repo", "branch")} for j in QUEUE[-50:]]
