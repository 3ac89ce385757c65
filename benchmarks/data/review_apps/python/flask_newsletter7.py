"""Newsletter signup with double opt-in: a confirmation link is mailed, and every issue
carries a signed one-click unsubscribe link."""
import logging
import os
import re
import secrets
import sqlite3
import smtplib
from email.message import EmailMessage

from flask import Flask, jsonify, redirect, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["NEWSLETTER_SECRET_KEY"]
log = logging.getLogger(__name__)
DB = "newsletter.db"
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,}$")
SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
unsubscribe_signer = URLSafeSerializer(app.config["SECRET_KEY"], salt="unsubscribe")


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS subscribers (email TEXT PRIMARY KEY, "
                     "confirmed INTEGER DEFAULT 0, confirm_token TEXT UNIQUE)")


def send_mail(to, subject, body):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "news@example.com", to, subject
    msg.set_content(body)
    with smtplib.SMTP(SMTP_HOST) as smtp:
        smtp.send_message(msg)


@app.post("/subscribe")
def subscribe():
    email = str((request.get_json(silent=True) or request.form).get("email", "")).strip().lower()
    if not EMAIL_RE.match(email):
        return jsonify(error="please enter a valid email address"), 400
    token = secrets.token_urlsafe(32)
    with db() as conn:
        existing = conn.execute("SELECT confirmed FROM subscribers WHERE email = ?",
                                (email,)).fetchone()
        if existing is None:
            conn.execute("INSERT INTO subscribers (email, confirm_token) VALUES (?, ?)",
                         (email, token))
        elif not existing["confirmed"]:
            conn.execute("UPDATE subscribers SET confirm_token = ? WHERE email = ?",
                         (token, email))
        else:
            token = None
    if token:
        link = url_for("confirm", token=token, _external=True)
        send_mail(email, "Confirm your subscription", f"Click to confirm: {link}")
        log.info("confirmation sent to %s", email)
    # same answer either way, so the form does not reveal who is subscribed
    return jsonify(message="check your inbox to confirm"), 202


@app.get("/confirm/<token>")
def confirm(token):
    with db() as conn:
        cur = conn.execute("UPDATE subscribers SET confirmed = 1, confirm_token = NULL "
                           "WHERE confirm_token = ?", (token,))
    if cur.rowcount == 0:
        return jsonify(error="this link is invalid or was already used"), 404
    return redirect(url_for("thanks"))


@app.get("/thanks")
def thanks():
    return "<h1>You're subscribed. Thanks!</h1>"


def unsubscribe_link(email):
    return url_for("unsubscribe", token=unsubscribe_signer.dumps(email), _external=True)


@app.route("/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token):
    try:
        email = unsubscribe_signer.loads(token)
    except BadSignature:
        return jsonify(error="invalid unsubscribe link"), 400
    with db() as conn:
        conn.execute("DELETE FROM subscribers WHERE email = ?", (email,))
    log.info("unsubscribed %s", email)
    return "<h1>You have been unsubscribed.</h1>"
