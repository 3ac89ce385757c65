"""Python look-alike handlers (Flask, FastAPI, Django-style helpers); see ``__init__``."""

from __future__ import annotations

from review_handlers import collector

CASES, bad, safe = collector()

# ------------------------------------------------------------------ CWE-79 cross-site scripting
bad("py-xss-welcome", 79, '''
from flask import Flask, request

app = Flask(__name__)


@app.get("/welcome")
def welcome():
    user = request.args.get("user", "")
    body = "<html><body><p>Welcome back, %s</p></body></html>" % user
    return body
''')
safe("py-xss-welcome", 79, "sanitised", '''
import html

from flask import Flask, request

app = Flask(__name__)


@app.get("/welcome")
def welcome():
    user = html.escape(request.args.get("user", ""))
    body = "<html><body><p>Welcome back, %s</p></body></html>" % user
    return body
''')
safe("py-xss-welcome", 79, "constant", '''
from flask import Flask, request

app = Flask(__name__)


@app.get("/welcome")
def welcome():
    user = request.args.get("user", "")
    if user:
        user = "friend"
    body = "<html><body><p>Welcome back, %s</p></body></html>" % user
    return body
''')
bad("py-xss-comments", 79, '''
from flask import Flask, request

app = Flask(__name__)
COMMENTS = []


@app.post("/comments")
def add_comment():
    COMMENTS.append({"author": request.form["author"], "text": request.form["text"]})
    return "ok", 201


@app.get("/comments")
def list_comments():
    items = "".join(f"<li><b>{c['author']}</b>: {c['text']}</li>" for c in COMMENTS)
    return f"<ul>{items}</ul>"
''')
safe("py-xss-comments", 79, "sanitised", '''
from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)
COMMENTS = []


@app.post("/comments")
def add_comment():
    COMMENTS.append({"author": request.form["author"], "text": request.form["text"]})
    return "ok", 201


@app.get("/comments")
def list_comments():
    items = "".join(f"<li><b>{escape(c['author'])}</b>: {escape(c['text'])}</li>"
                    for c in COMMENTS)
    return f"<ul>{items}</ul>"
''')
safe("py-xss-comments", 79, "sanitised", '''
from flask import Flask, render_template_string, request

app = Flask(__name__)
COMMENTS = []
PAGE = "<ul>{% for c in comments %}<li><b>{{ c.author }}</b>: {{ c.text }}</li>{% endfor %}</ul>"


@app.post("/comments")
def add_comment():
    COMMENTS.append({"author": request.form["author"], "text": request.form["text"]})
    return "ok", 201


@app.get("/comments")
def list_comments():
    return render_template_string(PAGE, comments=COMMENTS)
''')
bad("py-xss-fastapi-card", 79, '''
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


def card(title: str, text: str) -> str:
    return f"<div class='card'><h2>{title}</h2><p>{text}</p></div>"


@app.get("/preview", response_class=HTMLResponse)
def preview(title: str = "", text: str = ""):
    return HTMLResponse(card(title, text))
''')
safe("py-xss-fastapi-card", 79, "sanitised", '''
from html import escape

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


def card(title: str, text: str) -> str:
    return f"<div class='card'><h2>{escape(title)}</h2><p>{escape(text)}</p></div>"


@app.get("/preview", response_class=HTMLResponse)
def preview(title: str = "", text: str = ""):
    return HTMLResponse(card(title, text))
''')
safe("py-xss-fastapi-card", 79, "guarded", '''
from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


def card(title: str, text: str) -> dict:
    return {"title": title, "text": text}


@app.get("/preview")
def preview(title: str = "", text: str = ""):
    return JSONResponse(card(title, text))
''')
bad("py-xss-error-page", 79, '''
from flask import Flask, make_response, request

app = Flask(__name__)


@app.errorhandler(404)
def not_found(err):
    resp = make_response("<h1>Not found</h1><p>No page at " + request.path + "</p>", 404)
    return resp
''')
safe("py-xss-error-page", 79, "dead", '''
from flask import Flask, make_response, request

app = Flask(__name__)
SHOW_PATH = False


@app.errorhandler(404)
def not_found(err):
    if SHOW_PATH:
        return make_response("<h1>Not found</h1><p>No page at " + request.path + "</p>", 404)
    return make_response("<h1>Not found</h1>", 404)
''')

# ------------------------------------------------------------------ CWE-89 SQL injection
bad("py-sqli-user-lookup", 89, '''
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/users")
def find_user():
    name = request.args.get("name", "")
    db = sqlite3.connect("app.db")
    rows = db.execute(f"SELECT id, name, email FROM users WHERE name = '{name}'").fetchall()
    return jsonify(rows)
''')
safe("py-sqli-user-lookup", 89, "sanitised", '''
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/users")
def find_user():
    name = request.args.get("name", "")
    db = sqlite3.connect("app.db")
    rows = db.execute("SELECT id, name, email FROM users WHERE name = ?", (name,)).fetchall()
    return jsonify(rows)
''')
bad("py-sqli-sort", 89, '''
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def build_query(filters):
    sql = "SELECT id, title, price FROM products WHERE price < ?"
    sql += " ORDER BY " + filters["sort"]
    return sql


@app.get("/products")
def products():
    filters = {"sort": request.args.get("sort", "price"), "max": request.args.get("max", 100)}
    db = sqlite3.connect("shop.db")
    return jsonify(db.execute(build_query(filters), (filters["max"],)).fetchall())
''')
safe("py-sqli-sort", 89, "guarded", '''
import sqlite3

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
SORTABLE = {"price", "title", "id"}


def build_query(filters):
    sql = "SELECT id, title, price FROM products WHERE price < ?"
    sql += " ORDER BY " + filters["sort"]
    return sql


@app.get("/products")
def products():
    filters = {"sort": request.args.get("sort", "price"), "max": request.args.get("max", 100)}
    if filters["sort"] not in SORTABLE:
        abort(400)
    db = sqlite3.connect("shop.db")
    return jsonify(db.execute(build_query(filters), (filters["max"],)).fetchall())
''')
safe("py-sqli-sort", 89, "allowlisted", '''
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
ORDER = {"price": "price ASC", "newest": "id DESC", "title": "title ASC"}


@app.get("/products")
def products():
    order = ORDER.get(request.args.get("sort", "price"), "price ASC")
    db = sqlite3.connect("shop.db")
    sql = "SELECT id, title, price FROM products ORDER BY " + order
    return jsonify(db.execute(sql).fetchall())
''')
bad("py-sqli-sqlalchemy", 89, '''
from fastapi import FastAPI
from sqlalchemy import create_engine, text

app = FastAPI()
engine = create_engine("sqlite:///orders.db")


@app.get("/orders/search")
def search_orders(status: str, customer: str):
    clauses = [f"status = '{status}'", f"customer = '{customer}'"]
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM orders WHERE " + " AND ".join(clauses)))
        return [dict(r._mapping) for r in rows]
''')
safe("py-sqli-sqlalchemy", 89, "sanitised", '''
from fastapi import FastAPI
from sqlalchemy import create_engine, text

app = FastAPI()
engine = create_engine("sqlite:///orders.db")


@app.get("/orders/search")
def search_orders(status: str, customer: str):
    clauses = ["status = :status", "customer = :customer"]
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM orders WHERE " + " AND ".join(clauses)),
                            {"status": status, "customer": customer})
        return [dict(r._mapping) for r in rows]
''')
safe("py-sqli-sqlalchemy", 89, "guarded", '''
from fastapi import FastAPI
from sqlalchemy import create_engine, text

app = FastAPI()
engine = create_engine("sqlite:///orders.db")


@app.get("/orders/{order_id}")
def get_order(order_id: str):
    oid = int(order_id)
    with engine.connect() as conn:
        row = conn.execute(text(f"SELECT * FROM orders WHERE id = {oid}")).first()
        return dict(row._mapping) if row else {}
''')
bad("py-nosqli-login", 943, '''
from flask import Flask, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
users = MongoClient()["app"]["users"]


@app.post("/api/login")
def login():
    data = request.get_json()
    user = users.find_one({"username": data["username"], "password": data["password"]})
    if user is None:
        return jsonify(error="bad credentials"), 401
    return jsonify(ok=True)
''')
safe("py-nosqli-login", 943, "guarded", '''
from flask import Flask, jsonify, request
from pymongo import MongoClient
from werkzeug.security import check_password_hash

app = Flask(__name__)
users = MongoClient()["app"]["users"]


@app.post("/api/login")
def login():
    data = request.get_json()
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        return jsonify(error="bad request"), 400
    user = users.find_one({"username": username})
    if user is None or not check_password_hash(user["pw_hash"], password):
        return jsonify(error="bad credentials"), 401
    return jsonify(ok=True)
''')
bad("py-nosqli-where", 943, '''
from flask import Flask, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient()["shop"]


@app.get("/items")
def items():
    min_price = request.args.get("min", "0")
    docs = db.items.find({"$where": "this.price >= " + min_price}, {"_id": 0})
    return jsonify(list(docs))
''')
safe("py-nosqli-where", 943, "sanitised", '''
from flask import Flask, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient()["shop"]


@app.get("/items")
def items():
    min_price = float(request.args.get("min", "0"))
    docs = db.items.find({"price": {"$gte": min_price}}, {"_id": 0})
    return jsonify(list(docs))
''')

# ------------------------------------------------------------------ CWE-78 OS command injection
bad("py-cmd-ping", 78, '''
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.get("/diag/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    out = subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True, text=True)
    return "<pre>" + out.stdout.replace("<", "&lt;") + "</pre>"
''')
safe("py-cmd-ping", 78, "sanitised", '''
import shlex
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.get("/diag/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    out = subprocess.run(f"ping -c 1 {shlex.quote(host)}", shell=True, capture_output=True,
                         text=True)
    return "<pre>" + out.stdout.replace("<", "&lt;") + "</pre>"
''')
safe("py-cmd-ping", 78, "guarded", '''
import ipaddress
import subprocess

from flask import Flask, abort, request

app = Flask(__name__)


@app.get("/diag/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    try:
        addr = str(ipaddress.ip_address(host))
    except ValueError:
        abort(400)
    out = subprocess.run(["ping", "-c", "1", addr], capture_output=True, text=True)
    return "<pre>" + out.stdout.replace("<", "&lt;") + "</pre>"
''')
bad("py-cmd-convert", 78, '''
import os

from flask import Flask, request, send_file

app = Flask(__name__)


def thumbnail_cmd(opts):
    return "convert uploads/%s -resize %s /tmp/thumb.png" % (opts["file"], opts["size"])


@app.post("/thumbnail")
def thumbnail():
    opts = {"file": request.form["file"], "size": request.form.get("size", "128x128")}
    os.system(thumbnail_cmd(opts))
    return send_file("/tmp/thumb.png")
''')
safe("py-cmd-convert", 78, "allowlisted", '''
import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)
SIZES = {"small": "64x64", "medium": "128x128", "large": "512x512"}
FILES = {"logo": "logo.png", "banner": "banner.png"}


def thumbnail_cmd(opts):
    return "convert uploads/%s -resize %s /tmp/thumb.png" % (opts["file"], opts["size"])


@app.post("/thumbnail")
def thumbnail():
    if request.form.get("file") not in FILES or request.form.get("size") not in SIZES:
        abort(400)
    opts = {"file": FILES[request.form["file"]], "size": SIZES[request.form["size"]]}
    os.system(thumbnail_cmd(opts))
    return send_file("/tmp/thumb.png")
''')
bad("py-cmd-git-log", 78, '''
import subprocess

from fastapi import FastAPI

app = FastAPI()


@app.get("/repo/log")
def repo_log(branch: str = "main"):
    args = ["git", "log", "--oneline", "-n", "20"]
    cmd = " ".join(args + [branch])
    return {"log": subprocess.check_output(cmd, shell=True, text=True).splitlines()}
''')
safe("py-cmd-git-log", 78, "sanitised", '''
import subprocess

from fastapi import FastAPI

app = FastAPI()


@app.get("/repo/log")
def repo_log(branch: str = "main"):
    args = ["git", "log", "--oneline", "-n", "20", "--end-of-options", branch]
    return {"log": subprocess.check_output(args, text=True).splitlines()}
''')
safe("py-cmd-git-log", 78, "constant", '''
import subprocess

from fastapi import FastAPI

app = FastAPI()


@app.get("/repo/log")
def repo_log(branch: str = "main"):
    branch = "main"
    args = ["git", "log", "--oneline", "-n", "20"]
    cmd = " ".join(args + [branch])
    return {"log": subprocess.check_output(cmd, shell=True, text=True).splitlines()}
''')

# ------------------------------------------------------------------ CWE-94/95 code injection
bad("py-code-calc", 95, '''
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/calc")
def calc():
    expr = request.json.get("expr", "0")
    return jsonify(result=eval(expr))
''')
safe("py-code-calc", 95, "sanitised", '''
import ast

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/calc")
def calc():
    expr = request.json.get("expr", "0")
    return jsonify(result=ast.literal_eval(expr))
''')
safe("py-code-calc", 95, "dead", '''
from flask import Flask, jsonify, request

app = Flask(__name__)
ALLOW_EVAL = False


@app.post("/calc")
def calc():
    expr = request.json.get("expr", "0")
    if ALLOW_EVAL:
        return jsonify(result=eval(expr))
    return jsonify(error="expressions are disabled"), 403
''')
bad("py-code-plugin-hook", 94, '''
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Hook(BaseModel):
    name: str
    body: str


@app.post("/hooks")
def register_hook(hook: Hook):
    scope = {}
    exec(f"def {hook.name}(event):\\n    {hook.body}", scope)
    return {"registered": hook.name}
''')
safe("py-code-plugin-hook", 94, "allowlisted", '''
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()
ACTIONS = {"notify": lambda e: print("notify", e), "archive": lambda e: print("archive", e)}
HOOKS = {}


class Hook(BaseModel):
    name: str
    action: str


@app.post("/hooks")
def register_hook(hook: Hook):
    if hook.action not in ACTIONS:
        raise HTTPException(400, "unknown action")
    HOOKS[hook.name] = ACTIONS[hook.action]
    return {"registered": hook.name}
''')
bad("py-code-template", 1336, '''
from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.get("/hello")
def hello():
    name = request.args.get("name", "world")
    template = "<h1>Hello " + name + "!</h1>"
    return render_template_string(template)
''')
safe("py-code-template", 1336, "sanitised", '''
from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.get("/hello")
def hello():
    name = request.args.get("name", "world")
    template = "<h1>Hello {{ name }}!</h1>"
    return render_template_string(template, name=name)
''')

# ------------------------------------------------------------------ CWE-22 path traversal
bad("py-path-download", 22, '''
import os

from flask import Flask, request, send_file

app = Flask(__name__)
UPLOADS = "/srv/app/uploads"


@app.get("/download")
def download():
    name = request.args["file"]
    return send_file(os.path.join(UPLOADS, name), as_attachment=True)
''')
safe("py-path-download", 22, "sanitised", '''
import os

from flask import Flask, request, send_file

app = Flask(__name__)
UPLOADS = "/srv/app/uploads"


@app.get("/download")
def download():
    name = os.path.basename(request.args["file"])
    return send_file(os.path.join(UPLOADS, name), as_attachment=True)
''')
safe("py-path-download", 22, "guarded", '''
import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)
UPLOADS = os.path.realpath("/srv/app/uploads")


@app.get("/download")
def download():
    path = os.path.realpath(os.path.join(UPLOADS, request.args["file"]))
    if not path.startswith(UPLOADS + os.sep):
        abort(404)
    return send_file(path, as_attachment=True)
''')
safe("py-path-download", 22, "sanitised", '''
from flask import Flask, request, send_from_directory

app = Flask(__name__)


@app.get("/download")
def download():
    return send_from_directory("/srv/app/uploads", request.args["file"], as_attachment=True)
''')
bad("py-path-read-note", 22, '''
from pathlib import Path

from fastapi import FastAPI

app = FastAPI()
NOTES = Path("data/notes")


def note_path(user: str, title: str) -> Path:
    return NOTES / user / (title + ".md")


@app.get("/notes/{user}/{title}")
def read_note(user: str, title: str):
    return {"text": note_path(user, title).read_text()}
''')
safe("py-path-read-note", 22, "guarded", '''
from pathlib import Path

from fastapi import FastAPI, HTTPException

app = FastAPI()
NOTES = Path("data/notes").resolve()


def note_path(user: str, title: str) -> Path:
    p = (NOTES / user / (title + ".md")).resolve()
    if not p.is_relative_to(NOTES):
        raise HTTPException(404)
    return p


@app.get("/notes/{user}/{title}")
def read_note(user: str, title: str):
    return {"text": note_path(user, title).read_text()}
''')
bad("py-path-upload-save", 22, '''
from flask import Flask, request

app = Flask(__name__)


@app.post("/upload")
def upload():
    f = request.files["file"]
    f.save("/srv/uploads/" + f.filename)
    return {"saved": f.filename}
''')
safe("py-path-upload-save", 22, "sanitised", '''
from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)


@app.post("/upload")
def upload():
    f = request.files["file"]
    name = secure_filename(f.filename)
    f.save("/srv/uploads/" + name)
    return {"saved": name}
''')
safe("py-path-upload-save", 22, "constant", '''
import uuid

from flask import Flask, request

app = Flask(__name__)


@app.post("/upload")
def upload():
    f = request.files["file"]
    name = uuid.uuid4().hex + ".bin"
    f.save("/srv/uploads/" + name)
    return {"saved": name, "original": f.filename}
''')

# ------------------------------------------------------------------ CWE-918 SSRF
bad("py-ssrf-preview", 918, '''
import requests
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/link-preview")
def link_preview():
    url = request.json["url"]
    page = requests.get(url, timeout=5)
    return jsonify(status=page.status_code, length=len(page.text), head=page.text[:200])
''')
safe("py-ssrf-preview", 918, "allowlisted", '''
from urllib.parse import urlparse

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
ALLOWED_HOSTS = {"github.com", "gitlab.com", "en.wikipedia.org"}


@app.post("/link-preview")
def link_preview():
    url = request.json["url"]
    parts = urlparse(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
        abort(400)
    page = requests.get(url, timeout=5, allow_redirects=False)
    return jsonify(status=page.status_code, length=len(page.text), head=page.text[:200])
''')
bad("py-ssrf-webhook", 918, '''
import urllib.request

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
HOOKS: list[dict] = []


class Hook(BaseModel):
    target: str


@app.post("/webhooks/test")
def test_webhook(hook: Hook):
    HOOKS.append({"url": hook.target})
    with urllib.request.urlopen(HOOKS[-1]["url"], timeout=3) as resp:
        return {"status": resp.status}
''')
safe("py-ssrf-webhook", 918, "constant", '''
import urllib.request

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
HEALTH_URL = "https://hooks.example.com/health"


class Hook(BaseModel):
    target: str


@app.post("/webhooks/test")
def test_webhook(hook: Hook):
    with urllib.request.urlopen(HEALTH_URL, timeout=3) as resp:
        return {"status": resp.status, "target": hook.target}
''')
bad("py-ssrf-avatar", 918, '''
import httpx
from flask import Flask, request

app = Flask(__name__)


def fetch_image(source):
    return httpx.get(source["href"], timeout=10).content


@app.post("/avatar/import")
def import_avatar():
    data = fetch_image({"href": request.form["image_url"]})
    with open("/tmp/avatar.png", "wb") as fh:
        fh.write(data)
    return "ok"
''')
safe("py-ssrf-avatar", 918, "guarded", '''
import httpx
from flask import Flask, abort, request

app = Flask(__name__)
CDN = "https://cdn.example.com/"


def fetch_image(source):
    return httpx.get(source["href"], timeout=10).content


@app.post("/avatar/import")
def import_avatar():
    url = request.form["image_url"]
    if not url.startswith(CDN) or ".." in url or "@" in url:
        abort(400)
    data = fetch_image({"href": url})
    with open("/tmp/avatar.png", "wb") as fh:
        fh.write(data)
    return "ok"
''')

# ------------------------------------------------------------------ CWE-601 open redirect
bad("py-redirect-next", 601, '''
from flask import Flask, redirect, request, session

app = Flask(__name__)
app.secret_key = __import__("os").environ["SECRET_KEY"]


@app.post("/login")
def login():
    session["user"] = "alice"
    next_url = request.args.get("next", "/")
    return redirect(next_url)
''')
safe("py-redirect-next", 601, "guarded", '''
import re

from flask import Flask, redirect, request, session

app = Flask(__name__)
app.secret_key = __import__("os").environ["SECRET_KEY"]
LOCAL_PATH = re.compile(r"/(?![/\\\\])[A-Za-z0-9/_.-]*")


@app.post("/login")
def login():
    session["user"] = "alice"
    next_url = request.args.get("next", "/")
    if not LOCAL_PATH.fullmatch(next_url):
        next_url = "/"
    return redirect(next_url)
''')
safe("py-redirect-next", 601, "allowlisted", '''
from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = __import__("os").environ["SECRET_KEY"]
PAGES = {"home": "index", "cart": "cart", "orders": "orders"}


@app.post("/login")
def login():
    session["user"] = "alice"
    page = PAGES.get(request.args.get("next", "home"), "index")
    return redirect(url_for(page))
''')
bad("py-redirect-fastapi", 601, '''
from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/out")
def outbound(to: str):
    return RedirectResponse(url=to, status_code=302)
''')
safe("py-redirect-fastapi", 601, "dead", '''
from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()
EXTERNAL_LINKS = False


@app.get("/out")
def outbound(to: str):
    if EXTERNAL_LINKS:
        return RedirectResponse(url=to, status_code=302)
    return RedirectResponse(url="/", status_code=302)
''')

# ------------------------------------------------------------------ CWE-502 deserialization
bad("py-deser-cart-cookie", 502, '''
import base64
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/cart")
def cart():
    raw = request.cookies.get("cart")
    items = pickle.loads(base64.b64decode(raw)) if raw else []
    return jsonify(items=items)
''')
safe("py-deser-cart-cookie", 502, "sanitised", '''
import base64
import json

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/cart")
def cart():
    raw = request.cookies.get("cart")
    items = json.loads(base64.b64decode(raw)) if raw else []
    return jsonify(items=items)
''')
bad("py-deser-yaml-import", 502, '''
import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/import")
def import_config():
    config = yaml.load(request.data, Loader=yaml.Loader)
    return jsonify(keys=sorted(config))
''')
safe("py-deser-yaml-import", 502, "sanitised", '''
import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/import")
def import_config():
    config = yaml.safe_load(request.data)
    return jsonify(keys=sorted(config))
''')
bad("py-deser-jsonpickle", 502, '''
import jsonpickle
from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/state/restore")
async def restore(request: Request):
    body = await request.body()
    state = jsonpickle.decode(body.decode())
    return {"restored": type(state).__name__}
''')
safe("py-deser-jsonpickle", 502, "constant", '''
import jsonpickle
from fastapi import FastAPI, Request

app = FastAPI()
DEFAULT_STATE = jsonpickle.encode({"theme": "light", "items": []})


@app.post("/state/restore")
async def restore(request: Request):
    await request.body()
    state = jsonpickle.decode(DEFAULT_STATE)
    return {"restored": type(state).__name__}
''')

# ------------------------------------------------------------------ CWE-611 XXE
bad("py-xxe-lxml", 611, '''
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.post("/invoices")
def upload_invoice():
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(request.data, parser)
    return jsonify(total=root.findtext("total"))
''')
safe("py-xxe-lxml", 611, "sanitised", '''
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.post("/invoices")
def upload_invoice():
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(request.data, parser)
    return jsonify(total=root.findtext("total"))
''')
safe("py-xxe-lxml", 611, "sanitised", '''
import defusedxml.ElementTree as ET
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/invoices")
def upload_invoice():
    root = ET.fromstring(request.data)
    return jsonify(total=root.findtext("total"))
''')
bad("py-xxe-sax", 611, '''
import xml.sax

from fastapi import FastAPI, Request

app = FastAPI()


class Counter(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.text = []

    def characters(self, content):
        self.text.append(content)


@app.post("/feed")
async def feed(request: Request):
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    handler = Counter()
    parser.setContentHandler(handler)
    xml.sax.parseString(await request.body(), handler)
    return {"text": "".join(handler.text)[:500]}
''')

# ------------------------------------------------------------------ CWE-643 XPath injection
bad("py-xpath-user", 643, '''
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
DOC = etree.parse("users.xml")


@app.get("/user")
def user():
    name = request.args.get("name", "")
    found = DOC.xpath("//user[@name='" + name + "']/email/text()")
    return {"emails": [str(e) for e in found]}
''')
safe("py-xpath-user", 643, "sanitised", '''
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
DOC = etree.parse("users.xml")


@app.get("/user")
def user():
    name = request.args.get("name", "")
    found = DOC.xpath("//user[@name=$name]/email/text()", name=name)
    return {"emails": [str(e) for e in found]}
''')
safe("py-xpath-user", 643, "guarded", '''
import re

from flask import Flask, abort, request
from lxml import etree

app = Flask(__name__)
DOC = etree.parse("users.xml")


@app.get("/user")
def user():
    name = request.args.get("name", "")
    if not re.fullmatch(r"[A-Za-z0-9_]{1,32}", name):
        abort(400)
    found = DOC.xpath("//user[@name='" + name + "']/email/text()")
    return {"emails": [str(e) for e in found]}
''')

# ------------------------------------------------------------------ CWE-90 LDAP injection
bad("py-ldap-search", 90, '''
import ldap
from flask import Flask, request

app = Flask(__name__)


@app.get("/directory")
def directory():
    uid = request.args.get("uid", "")
    conn = ldap.initialize("ldap://ldap.internal")
    results = conn.search_s("ou=people,dc=corp", ldap.SCOPE_SUBTREE, "(uid=" + uid + ")")
    return {"count": len(results)}
''')
safe("py-ldap-search", 90, "sanitised", '''
import ldap
from flask import Flask, request
from ldap.filter import escape_filter_chars

app = Flask(__name__)


@app.get("/directory")
def directory():
    uid = escape_filter_chars(request.args.get("uid", ""))
    conn = ldap.initialize("ldap://ldap.internal")
    results = conn.search_s("ou=people,dc=corp", ldap.SCOPE_SUBTREE, "(uid=" + uid + ")")
    return {"count": len(results)}
''')
bad("py-ldap3-bind", 90, '''
from fastapi import FastAPI
from ldap3 import Connection, Server

app = FastAPI()
server = Server("ldap://ldap.internal")


@app.get("/groups")
def groups(member: str):
    conn = Connection(server, auto_bind=True)
    query = "(&(objectClass=group)(member=cn=%s,ou=people,dc=corp))" % member
    conn.search("dc=corp", query, attributes=["cn"])
    return [e.cn.value for e in conn.entries]
''')
safe("py-ldap3-bind", 90, "sanitised", '''
from fastapi import FastAPI
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = FastAPI()
server = Server("ldap://ldap.internal")


@app.get("/groups")
def groups(member: str):
    conn = Connection(server, auto_bind=True)
    query = "(&(objectClass=group)(member=cn=%s,ou=people,dc=corp))" % escape_filter_chars(member)
    conn.search("dc=corp", query, attributes=["cn"])
    return [e.cn.value for e in conn.entries]
''')

# ------------------------------------------------------------------ CWE-327/328 weak hash/crypto
bad("py-crypto-etag", 328, '''
import hashlib

from flask import Flask, request

app = Flask(__name__)


@app.post("/files/verify")
def verify_integrity():
    data = request.get_data()
    digest = hashlib.new("md5", data).hexdigest()
    return {"signature_ok": digest == request.headers.get("X-Signature")}
''')
safe("py-crypto-etag", 328, "sanitised", '''
import hashlib
import hmac
import os

from flask import Flask, request

app = Flask(__name__)
KEY = os.environ["SIGNING_KEY"].encode()


@app.post("/files/verify")
def verify_integrity():
    data = request.get_data()
    digest = hmac.new(KEY, data, hashlib.sha256).hexdigest()
    return {"signature_ok": hmac.compare_digest(digest, request.headers.get("X-Signature", ""))}
''')
safe("py-crypto-etag", 328, "guarded", '''
import hashlib

from flask import Flask, make_response, request

app = Flask(__name__)


@app.get("/static-blob")
def blob():
    data = open("static/blob.bin", "rb").read()
    resp = make_response(data)
    resp.set_etag(hashlib.md5(data, usedforsecurity=False).hexdigest())
    return resp.make_conditional(request)
''')
bad("py-crypto-des", 327, '''
import base64
import os

from Crypto.Cipher import DES
from fastapi import FastAPI

app = FastAPI()
KEY = os.environ["CARD_KEY"].encode()[:8]


@app.post("/cards")
def store_card(number: str):
    cipher = DES.new(KEY, DES.MODE_ECB)
    padded = number.encode().ljust(24, b" ")
    return {"token": base64.b64encode(cipher.encrypt(padded)).decode()}
''')
safe("py-crypto-des", 327, "sanitised", '''
import base64
import os

from cryptography.fernet import Fernet
from fastapi import FastAPI

app = FastAPI()
box = Fernet(os.environ["CARD_KEY"].encode())


@app.post("/cards")
def store_card(number: str):
    return {"token": base64.urlsafe_b64encode(box.encrypt(number.encode())).decode()}
''')
bad("py-crypto-sha1-sign", 328, '''
import hashlib
import os

from flask import Flask, request

app = Flask(__name__)
SECRET = os.environ["SECRET"]


@app.get("/download-link")
def link():
    path = request.args["path"]
    sig = hashlib.sha1((SECRET + path).encode()).hexdigest()
    return {"url": f"/dl?path={path}&sig={sig}"}
''')
safe("py-crypto-sha1-sign", 328, "sanitised", '''
import hashlib
import hmac
import os

from flask import Flask, request

app = Flask(__name__)
SECRET = os.environ["SECRET"].encode()


@app.get("/download-link")
def link():
    path = request.args["path"]
    sig = hmac.new(SECRET, path.encode(), hashlib.sha256).hexdigest()
    return {"url": f"/dl?path={path}&sig={sig}"}
''')

# ------------------------------------------------------------------ CWE-330/338 randomness
bad("py-rand-reset-token", 338, '''
import random
import string

from flask import Flask, request

app = Flask(__name__)
RESET = {}


@app.post("/password/forgot")
def forgot():
    token = "".join(random.choice(string.ascii_letters + string.digits) for _ in range(32))
    RESET[token] = request.form["email"]
    return {"sent": True}
''')
safe("py-rand-reset-token", 338, "sanitised", '''
import secrets

from flask import Flask, request

app = Flask(__name__)
RESET = {}


@app.post("/password/forgot")
def forgot():
    token = secrets.token_urlsafe(32)
    RESET[token] = request.form["email"]
    return {"sent": True}
''')
bad("py-rand-session-id", 330, '''
import random
import time

from fastapi import FastAPI, Response

app = FastAPI()
SESSIONS = {}


def new_session_id() -> str:
    random.seed(time.time())
    return "%032x" % random.getrandbits(128)


@app.post("/session")
def start_session(response: Response, user: str):
    sid = new_session_id()
    SESSIONS[sid] = user
    response.set_cookie("sid", sid, httponly=True, secure=True, samesite="lax")
    return {"ok": True}
''')
safe("py-rand-session-id", 330, "sanitised", '''
import secrets

from fastapi import FastAPI, Response

app = FastAPI()
SESSIONS = {}


def new_session_id() -> str:
    return secrets.token_hex(16)


@app.post("/session")
def start_session(response: Response, user: str):
    sid = new_session_id()
    SESSIONS[sid] = user
    response.set_cookie("sid", sid, httponly=True, secure=True, samesite="lax")
    return {"ok": True}
''')
safe("py-rand-session-id", 330, "guarded", '''
import random

from fastapi import FastAPI

app = FastAPI()
TIPS = ["Use a password manager", "Turn on 2FA", "Lock your screen"]


@app.get("/tip")
def tip():
    return {"tip": random.choice(TIPS), "shuffle_seed": random.randint(0, 100)}
''')
bad("py-rand-temp-password", 338, '''
import random

from flask import Flask, request
from werkzeug.security import generate_password_hash

app = Flask(__name__)
USERS = {}


@app.post("/admin/users")
def create_user():
    temp = "".join(random.sample("abcdefghjkmnpqrstuvwxyz23456789", 10))
    USERS[request.form["email"]] = generate_password_hash(temp)
    return {"temporary_password": temp}
''')
safe("py-rand-temp-password", 338, "sanitised", '''
import secrets

from flask import Flask, request
from werkzeug.security import generate_password_hash

app = Flask(__name__)
USERS = {}


@app.post("/admin/users")
def create_user():
    temp = "".join(secrets.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(12))
    USERS[request.form["email"]] = generate_password_hash(temp)
    return {"temporary_password": temp}
''')

# ------------------------------------------------------------------ CWE-614/1004 cookie flags
bad("py-cookie-remember", 614, '''
import secrets

from flask import Flask, make_response

app = Flask(__name__)


@app.post("/login")
def login():
    resp = make_response({"ok": True})
    resp.set_cookie("remember_token", secrets.token_urlsafe(32), max_age=30 * 86400)
    return resp
''')
safe("py-cookie-remember", 614, "sanitised", '''
import secrets

from flask import Flask, make_response

app = Flask(__name__)


@app.post("/login")
def login():
    resp = make_response({"ok": True})
    resp.set_cookie("remember_token", secrets.token_urlsafe(32), max_age=30 * 86400,
                    secure=True, httponly=True, samesite="Lax")
    return resp
''')
bad("py-cookie-fastapi-session", 1004, '''
import secrets

from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/auth")
def auth(response: Response):
    response.set_cookie(key="session", value=secrets.token_hex(16), secure=True, httponly=False)
    return {"ok": True}
''')
safe("py-cookie-fastapi-session", 1004, "sanitised", '''
import secrets

from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/auth")
def auth(response: Response):
    response.set_cookie(key="session", value=secrets.token_hex(16), secure=True, httponly=True)
    return {"ok": True}
''')
bad("py-cookie-flask-config", 614, '''
import os

from flask import Flask, session

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["SECRET_KEY"],
    SESSION_COOKIE_SECURE=False,
    SESSION_COOKIE_HTTPONLY=False,
)


@app.post("/login")
def login():
    session["user_id"] = 1
    return "ok"
''')
safe("py-cookie-flask-config", 614, "sanitised", '''
import os

from flask import Flask, session

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["SECRET_KEY"],
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


@app.post("/login")
def login():
    session["user_id"] = 1
    return "ok"
''')
safe("py-cookie-flask-config", 614, "guarded", '''
from flask import Flask, make_response, request

app = Flask(__name__)


@app.post("/prefs/theme")
def theme():
    choice = "dark" if request.form.get("theme") == "dark" else "light"
    resp = make_response("ok")
    resp.set_cookie("theme", choice, max_age=365 * 86400, samesite="Lax")
    return resp
''')

# ------------------------------------------------------------------ CWE-501 trust boundary
bad("py-session-role", 501, '''
import os

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]


@app.post("/login")
def login():
    session["user"] = request.form["username"]
    session["role"] = request.form.get("role", "user")
    return "ok"


@app.get("/admin")
def admin():
    return "admin panel" if session.get("role") == "admin" else ("forbidden", 403)
''')
safe("py-session-role", 501, "guarded", '''
import os

from flask import Flask, abort, request, session
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]
USERS = {"alice": {"pw": "pbkdf2:sha256:600000$x$y", "role": "admin"}}


@app.post("/login")
def login():
    user = USERS.get(request.form["username"])
    if not user or not check_password_hash(user["pw"], request.form["password"]):
        abort(401)
    session["user"] = request.form["username"]
    session["role"] = user["role"]
    return "ok"
''')
bad("py-session-cart-price", 501, '''
import os

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]


@app.post("/cart/add")
def add():
    item = {"sku": request.form["sku"], "price": request.form["price"]}
    session.setdefault("cart", []).append(item)
    session.modified = True
    return {"items": len(session["cart"])}


@app.post("/checkout")
def checkout():
    return {"charge": sum(float(i["price"]) for i in session.get("cart", []))}
''')
safe("py-session-cart-price", 501, "guarded", '''
import os

from flask import Flask, abort, request, session

app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]
PRICES = {"tea": 4.5, "mug": 12.0}


@app.post("/cart/add")
def add():
    sku = request.form["sku"]
    if sku not in PRICES:
        abort(404)
    session.setdefault("cart", []).append({"sku": sku, "price": PRICES[sku]})
    session.modified = True
    return {"items": len(session["cart"])}
''')

# ------------------------------------------------------------------ CWE-117 log injection
bad("py-log-login", 117, '''
import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger("auth")


@app.post("/login")
def login():
    username = request.form.get("username", "")
    log.warning("failed login for user " + username)
    return "invalid", 401
''')
safe("py-log-login", 117, "sanitised", '''
import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger("auth")


@app.post("/login")
def login():
    username = request.form.get("username", "")
    clean = username.replace("\\r", "\\\\r").replace("\\n", "\\\\n")
    log.warning("failed login for user %s", clean)
    return "invalid", 401
''')
bad("py-log-audit", 117, '''
import logging

from fastapi import FastAPI, Request

app = FastAPI()
audit = logging.getLogger("audit")


@app.middleware("http")
async def audit_requests(request: Request, call_next):
    info = {"ua": request.headers.get("user-agent", "-"), "path": request.url.path}
    audit.info(f"request path={info['path']} ua={info['ua']}")
    return await call_next(request)
''')
safe("py-log-audit", 117, "sanitised", '''
import logging

from fastapi import FastAPI, Request

app = FastAPI()
audit = logging.getLogger("audit")


@app.middleware("http")
async def audit_requests(request: Request, call_next):
    info = {"ua": request.headers.get("user-agent", "-"), "path": request.url.path}
    audit.info("request path=%r ua=%r", info["path"], info["ua"])
    return await call_next(request)
''')
safe("py-log-audit", 117, "constant", '''
import logging

from fastapi import FastAPI, Request

app = FastAPI()
audit = logging.getLogger("audit")


@app.middleware("http")
async def audit_requests(request: Request, call_next):
    response = await call_next(request)
    audit.info("request handled with status %d", response.status_code)
    return response
''')

# ------------------------------------------------------------------ CWE-256/522/916 passwords
bad("py-pw-register-plain", 256, '''
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.post("/register")
def register():
    db = sqlite3.connect("app.db")
    db.execute("INSERT INTO users (email, password) VALUES (?, ?)",
               (request.form["email"], request.form["password"]))
    db.commit()
    return "created", 201
''')
safe("py-pw-register-plain", 256, "sanitised", '''
import sqlite3

from flask import Flask, request
from werkzeug.security import generate_password_hash

app = Flask(__name__)


@app.post("/register")
def register():
    db = sqlite3.connect("app.db")
    db.execute("INSERT INTO users (email, password) VALUES (?, ?)",
               (request.form["email"], generate_password_hash(request.form["password"])))
    db.commit()
    return "created", 201
''')
bad("py-pw-sha256", 916, '''
import hashlib

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
USERS: dict[str, str] = {}


class Signup(BaseModel):
    username: str
    password: str


def hash_password(pw: str) -> str:
    return hashlib.sha256(pw.encode()).hexdigest()


@app.post("/signup")
def signup(body: Signup):
    USERS[body.username] = hash_password(body.password)
    return {"ok": True}
''')
safe("py-pw-sha256", 916, "sanitised", '''
import hashlib
import os

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
USERS: dict[str, tuple[bytes, bytes]] = {}


class Signup(BaseModel):
    username: str
    password: str


def hash_password(pw: str) -> tuple[bytes, bytes]:
    salt = os.urandom(16)
    return salt, hashlib.scrypt(pw.encode(), salt=salt, n=2**14, r=8, p=1)


@app.post("/signup")
def signup(body: Signup):
    USERS[body.username] = hash_password(body.password)
    return {"ok": True}
''')
safe("py-pw-sha256", 916, "guarded", '''
import hashlib

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
SEEN: set[str] = set()


class Upload(BaseModel):
    username: str
    document: str


@app.post("/documents")
def dedupe(body: Upload):
    key = hashlib.sha256(body.document.encode()).hexdigest()
    duplicate = key in SEEN
    SEEN.add(key)
    return {"duplicate": duplicate}
''')
bad("py-pw-reset-store", 522, '''
from flask import Flask, request

app = Flask(__name__)
ACCOUNTS = {}


def save_account(record):
    ACCOUNTS[record["email"]] = record


@app.post("/account/password")
def change_password():
    record = {"email": request.form["email"], "password": request.form["new_password"]}
    save_account(record)
    return "changed"
''')
safe("py-pw-reset-store", 522, "sanitised", '''
import bcrypt
from flask import Flask, request

app = Flask(__name__)
ACCOUNTS = {}


def save_account(record):
    ACCOUNTS[record["email"]] = record


@app.post("/account/password")
def change_password():
    pw_hash = bcrypt.hashpw(request.form["new_password"].encode(), bcrypt.gensalt())
    record = {"email": request.form["email"], "password": pw_hash}
    save_account(record)
    return "changed"
''')

# ------------------------------------------------------------------ CWE-400/409/770/1333 bounds
bad("py-dos-regex", 1333, '''
import re

from flask import Flask, request

app = Flask(__name__)


@app.get("/grep")
def grep():
    pattern = request.args["pattern"]
    text = open("data/catalog.txt").read()
    return {"matches": re.findall(pattern, text)[:50]}
''')
safe("py-dos-regex", 1333, "sanitised", '''
import re

from flask import Flask, request

app = Flask(__name__)


@app.get("/grep")
def grep():
    pattern = re.escape(request.args["pattern"][:100])
    text = open("data/catalog.txt").read()
    return {"matches": re.findall(pattern, text)[:50]}
''')
bad("py-dos-zip", 409, '''
import io
import zipfile

from flask import Flask, request

app = Flask(__name__)


@app.post("/import/archive")
def import_archive():
    archive = zipfile.ZipFile(io.BytesIO(request.files["archive"].read()))
    total = 0
    for info in archive.infolist():
        total += len(archive.read(info))
    return {"bytes": total}
''')
safe("py-dos-zip", 409, "guarded", '''
import io
import zipfile

from flask import Flask, abort, request

app = Flask(__name__)
MAX_TOTAL = 50 * 1024 * 1024


@app.post("/import/archive")
def import_archive():
    archive = zipfile.ZipFile(io.BytesIO(request.files["archive"].read()))
    if sum(i.file_size for i in archive.infolist()) > MAX_TOTAL or len(archive.infolist()) > 1000:
        abort(413)
    total = 0
    for info in archive.infolist():
        total += len(archive.read(info))
    return {"bytes": total}
''')
bad("py-dos-page-size", 770, '''
from fastapi import FastAPI

app = FastAPI()
ITEMS = [{"id": i} for i in range(100000)]


@app.get("/items")
def list_items(limit: int = 50, offset: int = 0):
    return ITEMS[offset:offset + limit] * (1 if limit < 1000 else limit // 1000)
''')
safe("py-dos-page-size", 770, "guarded", '''
from fastapi import FastAPI, Query

app = FastAPI()
ITEMS = [{"id": i} for i in range(100000)]


@app.get("/items")
def list_items(limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0)):
    return ITEMS[offset:offset + limit]
''')
bad("py-dos-repeat", 400, '''
from flask import Flask, request

app = Flask(__name__)


@app.get("/banner")
def banner():
    count = int(request.args.get("count", "1"))
    rows = []
    for i in range(count):
        rows.append("*" * 80)
    return "\\n".join(rows)
''')
safe("py-dos-repeat", 400, "guarded", '''
from flask import Flask, request

app = Flask(__name__)


@app.get("/banner")
def banner():
    count = min(int(request.args.get("count", "1")), 20)
    rows = []
    for i in range(count):
        rows.append("*" * 80)
    return "\\n".join(rows)
''')
bad("py-dos-upload-size", 400, '''
from flask import Flask, request

app = Flask(__name__)


@app.post("/avatar")
def avatar():
    data = request.files["avatar"].read()
    with open("/srv/avatars/current.png", "wb") as fh:
        fh.write(data)
    return {"size": len(data)}
''')
safe("py-dos-upload-size", 400, "guarded", '''
from flask import Flask, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024


@app.post("/avatar")
def avatar():
    data = request.files["avatar"].read()
    with open("/srv/avatars/current.png", "wb") as fh:
        fh.write(data)
    return {"size": len(data)}
''')

# ------------------------------------------------------------------ CWE-639/862/863 access control
bad("py-idor-invoice", 639, '''
import sqlite3

from flask import Flask, abort, jsonify, session

app = Flask(__name__)
app.secret_key = __import__("os").environ["SECRET_KEY"]


@app.get("/invoices/<int:invoice_id>")
def invoice(invoice_id):
    if "user_id" not in session:
        abort(401)
    db = sqlite3.connect("billing.db")
    row = db.execute("SELECT id, total, owner_id FROM invoices WHERE id = ?",
                     (invoice_id,)).fetchone()
    return jsonify(row)
''')
safe("py-idor-invoice", 639, "guarded", '''
import sqlite3

from flask import Flask, abort, jsonify, session

app = Flask(__name__)
app.secret_key = __import__("os").environ["SECRET_KEY"]


@app.get("/invoices/<int:invoice_id>")
def invoice(invoice_id):
    if "user_id" not in session:
        abort(401)
    db = sqlite3.connect("billing.db")
    row = db.execute("SELECT id, total, owner_id FROM invoices WHERE id = ? AND owner_id = ?",
                     (invoice_id, session["user_id"])).fetchone()
    if row is None:
        abort(404)
    return jsonify(row)
''')
bad("py-idor-delete-post", 862, '''
from fastapi import Depends, FastAPI, HTTPException

from .auth import current_user
from .db import posts

app = FastAPI()


@app.delete("/posts/{post_id}")
def delete_post(post_id: int, user=Depends(current_user)):
    post = posts.get(post_id)
    if post is None:
        raise HTTPException(404)
    posts.delete(post_id)
    return {"deleted": post_id}
''')
safe("py-idor-delete-post", 862, "guarded", '''
from fastapi import Depends, FastAPI, HTTPException

from .auth import current_user
from .db import posts

app = FastAPI()


@app.delete("/posts/{post_id}")
def delete_post(post_id: int, user=Depends(current_user)):
    post = posts.get(post_id)
    if post is None or post.author_id != user.id:
        raise HTTPException(404)
    posts.delete(post_id)
    return {"deleted": post_id}
''')
bad("py-idor-admin-flag", 863, '''
from flask import Flask, abort, request, session

from .models import User, db

app = Flask(__name__)


@app.post("/users/<int:uid>/promote")
def promote(uid):
    if not session.get("user_id"):
        abort(401)
    user = User.query.get_or_404(uid)
    user.is_admin = request.form.get("admin") == "1"
    db.session.commit()
    return "ok"
''')
safe("py-idor-admin-flag", 863, "guarded", '''
from flask import Flask, abort, request, session

from .models import User, db

app = Flask(__name__)


@app.post("/users/<int:uid>/promote")
def promote(uid):
    me = User.query.get(session.get("user_id") or 0)
    if me is None or not me.is_admin:
        abort(403)
    user = User.query.get_or_404(uid)
    user.is_admin = request.form.get("admin") == "1"
    db.session.commit()
    return "ok"
''')

# ------------------------------------------------------------------ CWE-20 validation
bad("py-valid-transfer", 20, '''
from flask import Flask, request

from .ledger import balance, move

app = Flask(__name__)


@app.post("/transfer")
def transfer():
    amount = float(request.form["amount"])
    if balance(request.form["from"]) < amount:
        return "insufficient funds", 400
    move(request.form["from"], request.form["to"], amount)
    return "ok"
''')
safe("py-valid-transfer", 20, "guarded", '''
import math

from flask import Flask, request

from .ledger import balance, move

app = Flask(__name__)


@app.post("/transfer")
def transfer():
    amount = float(request.form["amount"])
    if not math.isfinite(amount) or amount <= 0 or amount > 10000:
        return "invalid amount", 400
    if balance(request.form["from"]) < amount:
        return "insufficient funds", 400
    move(request.form["from"], request.form["to"], amount)
    return "ok"
''')
bad("py-valid-quantity", 20, '''
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
CART: dict[str, int] = {}
PRICES = {"book": 12.5, "pen": 1.2}


class Line(BaseModel):
    sku: str
    quantity: int


@app.post("/cart")
def add_line(line: Line):
    CART[line.sku] = CART.get(line.sku, 0) + line.quantity
    return {"total": sum(PRICES.get(s, 0) * q for s, q in CART.items())}
''')
safe("py-valid-quantity", 20, "guarded", '''
from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()
CART: dict[str, int] = {}
PRICES = {"book": 12.5, "pen": 1.2}


class Line(BaseModel):
    sku: str
    quantity: int = Field(ge=1, le=99)


@app.post("/cart")
def add_line(line: Line):
    CART[line.sku] = CART.get(line.sku, 0) + line.quantity
    return {"total": sum(PRICES.get(s, 0) * q for s, q in CART.items())}
''')

# ------------------------------------------------------------------ CWE-489/215 debug mode
bad("py-debug-run", 489, '''
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "hello"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000, debug=True)
''')
safe("py-debug-run", 489, "guarded", '''
import os

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "hello"


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=8000, debug=os.environ.get("FLASK_DEBUG") == "1")
''')
bad("py-debug-config", 215, '''
from flask import Flask

app = Flask(__name__)
app.config["DEBUG"] = True
app.config["PROPAGATE_EXCEPTIONS"] = True


@app.get("/health")
def health():
    return {"ok": True}
''')
safe("py-debug-config", 215, "constant", '''
from flask import Flask

app = Flask(__name__)
app.config["DEBUG"] = False


@app.get("/health")
def health():
    return {"ok": True}
''')

# ------------------------------------------------------------------ CWE-942 CORS
bad("py-cors-flask", 942, '''
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, origins="*", supports_credentials=True)


@app.get("/api/me")
def me():
    return {"user": "alice"}
''')
safe("py-cors-flask", 942, "allowlisted", '''
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, origins=["https://app.example.com"], supports_credentials=True)


@app.get("/api/me")
def me():
    return {"user": "alice"}
''')
bad("py-cors-fastapi", 942, '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    allow_origin_regex=".*",
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)
''')
safe("py-cors-fastapi", 942, "guarded", '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=False,
    allow_methods=["GET"],
)
''')
bad("py-cors-reflect", 942, '''
from flask import Flask, request

app = Flask(__name__)


@app.after_request
def cors(resp):
    resp.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin", "*")
    resp.headers["Access-Control-Allow-Credentials"] = "true"
    return resp
''')
safe("py-cors-reflect", 942, "allowlisted", '''
from flask import Flask, request

app = Flask(__name__)
TRUSTED = {"https://app.example.com", "https://admin.example.com"}


@app.after_request
def cors(resp):
    origin = request.headers.get("Origin")
    if origin in TRUSTED:
        resp.headers["Access-Control-Allow-Origin"] = origin
        resp.headers["Access-Control-Allow-Credentials"] = "true"
        resp.headers["Vary"] = "Origin"
    return resp
''')
