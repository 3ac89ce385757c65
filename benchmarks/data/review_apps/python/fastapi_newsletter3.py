"""Newsletter sign-up with double opt-in, unsubscribe links and a preview of the welcome mail."""
import hashlib
import hmac
import logging
import os
import secrets
import smtplib
import sqlite3
from contextlib import closing
from email.message import EmailMessage

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

app = FastAPI(title="Newsletter")
DB = os.environ.get("NEWSLETTER_DB", "newsletter.db")
LINK_KEY = os.environ.get("NEWSLETTER_LINK_KEY", "").encode() or secrets.token_bytes(32)
BASE_URL = os.environ.get("PUBLIC_URL", "https://news.example.com")
log = logging.getLogger("newsletter")

WELCOME = """<html><body>
<h1>Welcome aboard, {name}!</h1>
<p>You will get our {topic} digest every week.</p>
<p><a href="{unsubscribe}">Unsubscribe</a></p>
</body></html>"""


class Subscribe(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$", max_length=254)
    name: str = Field(default="", max_length=80)
    topic: str = Field(default="product", pattern=r"^(product|engineering|events)$")


def db():
    c = sqlite3.connect(DB)
    c.execute("CREATE TABLE IF NOT EXISTS subscribers (email TEXT PRIMARY KEY, name TEXT, "
              "topic TEXT, confirmed INTEGER DEFAULT 0, confirm_code TEXT)")
    return c


def link_sig(email: str) -> str:
    return hmac.new(LINK_KEY, email.lower().encode(), hashlib.sha256).hexdigest()


def unsubscribe_url(email: str) -> str:
    return f"{BASE_URL}/unsubscribe?email={email}&sig={link_sig(email)}"


def send_confirmation(email: str, code: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "news@example.com", email, "Confirm your subscription"
    msg.set_content(f"Confirm: {BASE_URL}/confirm?email={email}&code={code}")
    with smtplib.SMTP(os.environ.get("SMTP_HOST", "localhost")) as smtp:
        smtp.send_message(msg)


@app.post("/subscribe", status_code=202)
def subscribe(body: Subscribe):
    code = secrets.token_urlsafe(16)
    with closing(db()) as c, c:
        c.execute("INSERT OR REPLACE INTO subscribers (email, name, topic, confirm_code) "
                  "VALUES (?, ?, ?, ?)", (body.email.lower(), body.name, body.topic, code))
    send_confirmation(body.email, code)
    log.info("subscription pending for a %s reader", body.topic)
    return {"status": "check your inbox"}


@app.get("/confirm")
def confirm(email: str, code: str):
    with closing(db()) as c, c:
        row = c.execute("SELECT confirm_code FROM subscribers WHERE email = ?",
                        (email.lower(),)).fetchone()
        if row is None or not row[0] or not hmac.compare_digest(row[0], code):
            raise HTTPException(400, "invalid confirmation link")
        c.execute("UPDATE subscribers SET confirmed = 1, confirm_code = NULL WHERE email = ?",
                  (email.lower(),))
    return {"status": "confirmed"}


@app.get("/unsubscribe")
def unsubscribe(email: str, sig: str = Query(min_length=64, max_length=64)):
    if not hmac.compare_digest(sig, link_sig(email)):
        raise HTTPException(403, "bad signature")
    with closing(db()) as c, c:
        c.execute("DELETE FROM subscribers WHERE email = ?", (email.lower(),))
    return {"status": "unsubscribed"}


@app.get("/welcome-preview", response_class=HTMLResponse)
def welcome_preview(email: str):
    with closing(db()) as c:
        row = c.execute("SELECT name, topic FROM subscribers WHERE email = ?",
                        (email.lower(),)).fetchone()
    if row is None:
        raise HTTPException(404, "not subscribed")
    name, topic = row
    return WELCOME.format(name=name or "reader", topic=topic,
                          unsubscribe=unsubscribe_url(email))
