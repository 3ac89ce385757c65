"""Sign in with GitHub for a dashboard: /login redirects to GitHub's authorize page with
a state value, /callback exchanges the code for a token, looks up the user, sets a signed
session cookie and sends the user back to where they started."""
import os
import secrets
from urllib.parse import urlencode

import httpx
from fastapi import Cookie, FastAPI, HTTPException, Request
from fastapi.responses import RedirectResponse
from itsdangerous import BadSignature, URLSafeTimedSerializer

app = FastAPI(title="Dashboard")

GITHUB_CLIENT_ID = os.environ.get("GITHUB_CLIENT_ID", "Iv1.8a61f9b3a7aba766")
GITHUB_CLIENT_SECRET = os.environ.get("GITHUB_CLIENT_SECRET", "")
SESSION_SECRET = os.environ.get("SESSION_SECRET", "dashboard-session-secret-2024")
AUTHORIZE_URL = "https://github.com/login/oauth/authorize"
TOKEN_URL = "https://github.com/login/oauth/access_token"
USER_URL = "https://api.github.com/user"

signer = URLSafeTimedSerializer(SESSION_SECRET, salt="session")
state_signer = URLSafeTimedSerializer(SESSION_SECRET, salt="oauth-state")


@app.get("/login")
def login(request: Request, return_to: str = "/"):
    state = state_signer.dumps({"nonce": secrets.token_urlsafe(16), "return_to": return_to})
    params = {"client_id": GITHUB_CLIENT_ID, "redirect_uri": str(request.url_for("callback")),
              "scope": "read:user", "state": state}
    resp = RedirectResponse(f"{AUTHORIZE_URL}?{urlencode(params)}")
    resp.set_cookie("oauth_state", state, httponly=True, max_age=600, samesite="lax")
    return resp


async def exchange_code(code: str) -> dict:
    async with httpx.AsyncClient(timeout=10) as client:
        tok = await client.post(TOKEN_URL, headers={"Accept": "application/json"},
                                data={"client_id": GITHUB_CLIENT_ID, "client_secret": GITHUB_CLIENT_SECRET,
                                      "code": code})
        access = tok.json().get("access_token")
        if not access:
            raise HTTPException(400, "GitHub did not return a token")
        user = await client.get(USER_URL, headers={"Authorization": f"Bearer {access}"})
        return user.json()


@app.get("/callback", name="callback")
async def callback(code: str, state: str, oauth_state: str | None = Cookie(None)):
    if not oauth_state or not secrets.compare_digest(state, oauth_state):
        raise HTTPException(400, "state mismatch")
    try:
        data = state_signer.loads(state, max_age=600)
    except BadSignature:
        raise HTTPException(400, "bad state")
    user = await exchange_code(code)
    session = signer.dumps({"login": user["login"], "id": user["id"]})
    resp = RedirectResponse(data.get("return_to") or "/", status_code=303)
    resp.set_cookie("session", session, httponly=True, secure=True, samesite="lax", max_age=86400)
    resp.delete_cookie("oauth_state")
    return resp


def current_user(session: str | None):
    if not session:
        return None
    try:
        return signer.loads(session, max_age=86400)
    except BadSignature:
        return None


@app.get("/me")
def me(session: str | None = Cookie(None)):
    user = current_user(session)
    if user is None:
        raise HTTPException(401, "not signed in")
    return user


@app.get("/admin/stats")
def admin_stats(session: str | None = Cookie(None)):
    user = current_user(session)
    admins = set(filter(None, os.environ.get("DASHBOARD_ADMINS", "").split(",")))
    if user is None or user["login"] not in admins:
        raise HTTPException(403, "admins only")
    return {"users": 42, "signups_today": 3}
