import os

import requests
from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET"]
CLIENT_ID = os.environ["OAUTH_CLIENT_ID"]
CLIENT_SECRET = os.environ["OAUTH_CLIENT_SECRET"]
PROVIDER = "https://auth.example.com"


@app.route("/login")
def login():
    session["next"] = request.args.get("next", "/")
    return redirect(f"{PROVIDER}/authorize?client_id={CLIENT_ID}"
                    f"&redirect_uri={url_for('callback', _external=True)}")


@app.route("/callback")
def callback():
    code = request.args.get("code")
    token = requests.post(f"{PROVIDER}/token", data={
        "code": code, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
    }, timeout=10).json()
    info = requests.get(f"{PROVIDER}/userinfo", timeout=10,
                        headers={"Authorization": f"Bearer {token['access_token']}"}).json()
    session["user"] = info["email"]
    session["plan"] = request.args.get("plan", "free")
    return redirect(session.pop("next", "/"))
