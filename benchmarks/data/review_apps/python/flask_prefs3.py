"""Dashboard preferences: theme, widgets and time zone remembered in a cookie."""
import base64
import os
import pickle
from zoneinfo import ZoneInfo, available_timezones

from flask import Flask, jsonify, make_response, render_template_string, request

app = Flask(__name__)
app.secret_key = os.environ.get("SECRET_KEY", os.urandom(24))
DEFAULTS = {"theme": "light", "widgets": ["inbox", "calendar"], "tz": "UTC"}
WIDGETS = {"inbox", "calendar", "weather", "stocks", "news"}

DASHBOARD = """<!doctype html>
<body class="theme-{{ prefs.theme }}">
<h1>Good day</h1>
<p>Your time zone: {{ prefs.tz }}</p>
<ul>{% for w in prefs.widgets %}<li class="widget">{{ w }}</li>{% endfor %}</ul>
</body>"""


def load_prefs() -> dict:
    raw = request.cookies.get("prefs")
    if not raw:
        return dict(DEFAULTS)
    try:
        return pickle.loads(base64.urlsafe_b64decode(raw))
    except Exception:
        return dict(DEFAULTS)


def save_prefs(resp, prefs: dict):
    data = base64.urlsafe_b64encode(pickle.dumps(prefs)).decode()
    resp.set_cookie("prefs", data, max_age=365 * 24 * 3600, httponly=True, secure=True,
                    samesite="Lax")
    return resp


@app.get("/")
def dashboard():
    return render_template_string(DASHBOARD, prefs=load_prefs())


@app.get("/api/prefs")
def get_prefs():
    return jsonify(load_prefs())


@app.put("/api/prefs")
def put_prefs():
    body = request.get_json(silent=True) or {}
    prefs = load_prefs()
    if body.get("theme") in ("light", "dark", "contrast"):
        prefs["theme"] = body["theme"]
    if isinstance(body.get("widgets"), list):
        prefs["widgets"] = [w for w in body["widgets"] if w in WIDGETS][:5]
    if body.get("tz") in available_timezones():
        prefs["tz"] = body["tz"]
    ZoneInfo(prefs["tz"])
    return save_prefs(make_response(jsonify(prefs)), prefs)


@app.delete("/api/prefs")
def reset_prefs():
    resp = make_response("", 204)
    resp.delete_cookie("prefs")
    return resp


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000, debug=True)
