"""Realistic Python web handlers, each vulnerable one with a safe twin (issue 19).

Written for the look-alike benchmark (``benchmarks/review_lookalikes.py``), not against the
rule packs: every pair is a Flask, FastAPI or Django handler as people and models write
them; the vulnerable side is labelled with the CWE an exploit shows, the safe side is the
same handler made safe the way real code does it: ``sanitised`` (an escaper, a quoting
function, a parameterised query, a strong hash), ``guarded`` (an allow-list, a containment
check, a cast, a bound), ``constant`` (the input replaced by a constant) or ``dead`` (the
sink reached only on a branch a constant condition never takes). A safe twin is labelled
safe because no exploit works on it, whatever a rule may think of its shape.

Each entry: (pair name, CWE of the vulnerable side, how the twin is made safe,
vulnerable code, safe code). The split (tuning / held-out) is by a hash of the pair name,
so a handler and its twin always fall in the same half.
"""

from __future__ import annotations

PAIRS: list[tuple[str, int, str, str, str]] = []


def pair(name: str, cwe: int, kind: str, bad: str, good: str) -> None:
    PAIRS.append((name, cwe, kind, bad.lstrip("\n"), good.lstrip("\n")))


# --------------------------------------------------------------------------- CWE-79 XSS
pair("flask-greeting", 79, "sanitised", '''
from flask import Flask, request

app = Flask(__name__)


@app.route("/greet")
def greet():
    name = request.args.get("name", "guest")
    return "<h1>Hello, " + name + "!</h1>"
''', '''
from html import escape

from flask import Flask, request

app = Flask(__name__)


@app.route("/greet")
def greet():
    name = request.args.get("name", "guest")
    return "<h1>Hello, " + escape(name) + "!</h1>"
''')

pair("flask-search-echo", 79, "sanitised", '''
from flask import Flask, request, make_response

app = Flask(__name__)


@app.route("/search")
def search():
    q = request.args.get("q", "")
    html = f"<p>No results for <b>{q}</b></p>"
    resp = make_response(html)
    resp.headers["Content-Type"] = "text/html"
    return resp
''', '''
from flask import Flask, request, make_response
from markupsafe import escape

app = Flask(__name__)


@app.route("/search")
def search():
    q = request.args.get("q", "")
    html = f"<p>No results for <b>{escape(q)}</b></p>"
    resp = make_response(html)
    resp.headers["Content-Type"] = "text/html"
    return resp
''')

pair("fastapi-profile-html", 79, "constant", '''
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/profile/{username}", response_class=HTMLResponse)
def profile(username: str):
    parts = {"title": username}
    return HTMLResponse("<title>" + parts["title"] + "</title><p>profile</p>")
''', '''
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/profile/{username}", response_class=HTMLResponse)
def profile(username: str):
    parts = {"title": "Profile"}
    return HTMLResponse("<title>" + parts["title"] + "</title><p>profile</p>")
''')

pair("django-comment-preview", 79, "sanitised", '''
from django.http import HttpResponse
from django.utils.safestring import mark_safe


def preview(request):
    body = request.POST.get("body", "")
    return HttpResponse(mark_safe("<div class='comment'>" + body + "</div>"))
''', '''
from django.http import HttpResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe


def preview(request):
    body = request.POST.get("body", "")
    return HttpResponse(mark_safe("<div class='comment'>" + escape(body) + "</div>"))
''')

# --------------------------------------------------------------------------- CWE-89 SQLi
pair("flask-user-lookup", 89, "sanitised", '''
import sqlite3

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/user")
def user():
    uid = request.args.get("id")
    db = sqlite3.connect("app.db")
    row = db.execute("SELECT name, email FROM users WHERE id = '%s'" % uid).fetchone()
    return jsonify(row)
''', '''
import sqlite3

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/user")
def user():
    uid = request.args.get("id")
    db = sqlite3.connect("app.db")
    row = db.execute("SELECT name, email FROM users WHERE id = ?", (uid,)).fetchone()
    return jsonify(row)
''')

pair("fastapi-order-sort", 89, "guarded", '''
import sqlite3

from fastapi import FastAPI

app = FastAPI()


@app.get("/orders")
def orders(sort: str = "created"):
    db = sqlite3.connect("shop.db")
    sql = "SELECT id, total FROM orders ORDER BY " + sort
    return db.execute(sql).fetchall()
''', '''
import sqlite3

from fastapi import FastAPI, HTTPException

app = FastAPI()
SORTABLE = {"created", "total", "id"}


@app.get("/orders")
def orders(sort: str = "created"):
    if sort not in SORTABLE:
        raise HTTPException(status_code=400, detail="bad sort")
    db = sqlite3.connect("shop.db")
    sql = "SELECT id, total FROM orders ORDER BY " + sort
    return db.execute(sql).fetchall()
''')

pair("flask-report-filter-helper", 89, "guarded", '''
import sqlite3

from flask import Flask, request

app = Flask(__name__)


def where_clause(field, value):
    return f"WHERE {field} = '{value}'"


@app.route("/report")
def report():
    params = {"region": request.args.get("region", "")}
    db = sqlite3.connect("sales.db")
    rows = db.execute("SELECT * FROM sales " + where_clause("region", params["region"]))
    return {"rows": rows.fetchall()}
''', '''
import sqlite3

from flask import Flask, request

app = Flask(__name__)


def where_clause(field, value):
    return f"WHERE {field} = {value}"


@app.route("/report")
def report():
    params = {"region": int(request.args.get("region", "0"))}
    db = sqlite3.connect("sales.db")
    rows = db.execute("SELECT * FROM sales " + where_clause("region", params["region"]))
    return {"rows": rows.fetchall()}
''')

pair("django-raw-search", 89, "dead", '''
from django.http import JsonResponse

from .models import Product


def search(request):
    term = request.GET.get("q", "")
    products = Product.objects.raw("SELECT * FROM shop_product WHERE name LIKE '%%" + term + "%%'")
    return JsonResponse({"names": [p.name for p in products]})
''', '''
from django.http import JsonResponse

from .models import Product

LEGACY_RAW_SEARCH = False


def search(request):
    term = request.GET.get("q", "")
    if LEGACY_RAW_SEARCH:
        products = Product.objects.raw(
            "SELECT * FROM shop_product WHERE name LIKE '%%" + term + "%%'")
    else:
        products = Product.objects.filter(name__icontains=term)
    return JsonResponse({"names": [p.name for p in products]})
''')

# --------------------------------------------------------------------------- CWE-78 command
pair("flask-ping", 78, "sanitised", '''
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    out = subprocess.check_output("ping -c 1 " + host, shell=True, timeout=10)
    return out.decode()
''', '''
import shlex
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    out = subprocess.check_output("ping -c 1 " + shlex.quote(host), shell=True, timeout=10)
    return out.decode()
''')

pair("fastapi-convert", 78, "guarded", '''
import os

from fastapi import FastAPI

app = FastAPI()


@app.post("/convert")
def convert(fmt: str):
    os.system(f"convert /data/in.png /data/out.{fmt}")
    return {"ok": True}
''', '''
import os

from fastapi import FastAPI, HTTPException

app = FastAPI()
FORMATS = {"jpg", "png", "webp"}


@app.post("/convert")
def convert(fmt: str):
    if fmt not in FORMATS:
        raise HTTPException(400, "unsupported format")
    os.system(f"convert /data/in.png /data/out.{fmt}")
    return {"ok": True}
''')

pair("flask-archive-list", 78, "constant", '''
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/archive")
def archive():
    args = ["tar", "-tzf"]
    name = request.args["name"]
    cmd = " ".join(args + [name])
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout
''', '''
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/archive")
def archive():
    args = ["tar", "-tzf"]
    name = "/srv/backups/latest.tar.gz"
    cmd = " ".join(args + [name])
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout
''')

# --------------------------------------------------------------------------- CWE-22 path
pair("flask-download", 22, "guarded", '''
import os

from flask import Flask, request, send_file

app = Flask(__name__)
BASE = "/srv/files"


@app.route("/download")
def download():
    name = request.args.get("file")
    return send_file(os.path.join(BASE, name))
''', '''
import os

from flask import Flask, request, send_file, abort

app = Flask(__name__)
BASE = "/srv/files"


@app.route("/download")
def download():
    name = request.args.get("file")
    path = os.path.realpath(os.path.join(BASE, name))
    if not path.startswith(BASE + os.sep):
        abort(404)
    return send_file(path)
''')

pair("fastapi-read-log", 22, "sanitised", '''
from fastapi import FastAPI

app = FastAPI()


@app.get("/logs/{name}")
def read_log(name: str):
    with open("/var/log/app/" + name) as fh:
        return {"text": fh.read()}
''', '''
import os

from fastapi import FastAPI

app = FastAPI()


@app.get("/logs/{name}")
def read_log(name: str):
    with open("/var/log/app/" + os.path.basename(name)) as fh:
        return {"text": fh.read()}
''')

pair("flask-avatar-save", 22, "sanitised", '''
import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/avatar", methods=["POST"])
def avatar():
    f = request.files["avatar"]
    f.save(os.path.join("/srv/avatars", f.filename))
    return "saved"
''', '''
import os

from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)


@app.route("/avatar", methods=["POST"])
def avatar():
    f = request.files["avatar"]
    f.save(os.path.join("/srv/avatars", secure_filename(f.filename)))
    return "saved"
''')

# --------------------------------------------------------------------------- CWE-918 SSRF
pair("flask-fetch-preview", 918, "guarded", '''
import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/preview")
def preview():
    url = request.args["url"]
    r = requests.get(url, timeout=5)
    return r.text[:500]
''', '''
from urllib.parse import urlparse

import requests
from flask import Flask, request, abort

app = Flask(__name__)
ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}


@app.route("/preview")
def preview():
    url = request.args["url"]
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)
    r = requests.get(url, timeout=5)
    return r.text[:500]
''')

pair("fastapi-webhook-test", 918, "constant", '''
import httpx
from fastapi import FastAPI

app = FastAPI()


@app.post("/webhooks/test")
async def test_webhook(target: str):
    async with httpx.AsyncClient(timeout=5) as client:
        r = await client.post(target, json={"ping": True})
    return {"status": r.status_code}
''', '''
import httpx
from fastapi import FastAPI

app = FastAPI()
HEALTH_URL = "https://hooks.example.com/health"


@app.post("/webhooks/test")
async def test_webhook(target: str):
    async with httpx.AsyncClient(timeout=5) as client:
        r = await client.post(HEALTH_URL, json={"ping": True, "for": target})
    return {"status": r.status_code}
''')

# --------------------------------------------------------------------------- CWE-601 redirect
pair("flask-login-next", 601, "guarded", '''
from flask import Flask, request, redirect

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    next_url = request.args.get("next", "/")
    return redirect(next_url)
''', '''
from urllib.parse import urlparse

from flask import Flask, request, redirect

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    next_url = request.args.get("next", "/")
    if urlparse(next_url).netloc or not next_url.startswith("/"):
        next_url = "/"
    return redirect(next_url)
''')

pair("django-logout-redirect", 601, "guarded", '''
from django.http import HttpResponseRedirect


def logout_view(request):
    target = request.GET.get("return_to", "/")
    return HttpResponseRedirect(target)
''', '''
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def logout_view(request):
    target = request.GET.get("return_to", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)
''')

# --------------------------------------------------------------------------- CWE-502 deser
pair("flask-session-restore", 502, "sanitised", '''
import base64
import pickle

from flask import Flask, request

app = Flask(__name__)


@app.route("/restore", methods=["POST"])
def restore():
    blob = base64.b64decode(request.form["state"])
    state = pickle.loads(blob)
    return {"items": len(state)}
''', '''
import base64
import json

from flask import Flask, request

app = Flask(__name__)


@app.route("/restore", methods=["POST"])
def restore():
    blob = base64.b64decode(request.form["state"])
    state = json.loads(blob)
    return {"items": len(state)}
''')

pair("fastapi-yaml-config", 502, "sanitised", '''
import yaml
from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/config")
async def upload_config(req: Request):
    body = await req.body()
    cfg = yaml.load(body, Loader=yaml.Loader)
    return {"keys": list(cfg)}
''', '''
import yaml
from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/config")
async def upload_config(req: Request):
    body = await req.body()
    cfg = yaml.safe_load(body)
    return {"keys": list(cfg)}
''')

# --------------------------------------------------------------------------- CWE-327/328 weak hash
pair("flask-api-key-digest", 328, "sanitised", '''
import hashlib

from flask import Flask, request

app = Flask(__name__)


@app.route("/keys", methods=["POST"])
def store_key():
    key = request.form["api_key"]
    digest = hashlib.new("md5", key.encode()).hexdigest()
    return {"fingerprint": digest}
''', '''
import hashlib

from flask import Flask, request

app = Flask(__name__)


@app.route("/keys", methods=["POST"])
def store_key():
    key = request.form["api_key"]
    digest = hashlib.new("sha256", key.encode()).hexdigest()
    return {"fingerprint": digest}
''')

pair("fastapi-signature-check", 328, "sanitised", '''
import hashlib
import hmac

from fastapi import FastAPI, Header

app = FastAPI()
SECRET = b"k3y-from-vault"


@app.post("/hook")
def hook(payload: str, x_sig: str = Header()):
    expected = hashlib.sha1(SECRET + payload.encode()).hexdigest()
    return {"ok": hmac.compare_digest(expected, x_sig)}
''', '''
import hashlib
import hmac

from fastapi import FastAPI, Header

app = FastAPI()
SECRET = b"k3y-from-vault"


@app.post("/hook")
def hook(payload: str, x_sig: str = Header()):
    expected = hmac.new(SECRET, payload.encode(), hashlib.sha256).hexdigest()
    return {"ok": hmac.compare_digest(expected, x_sig)}
''')

pair("flask-etag-md5", 328, "constant", '''
from Crypto.Hash import MD5
from flask import Flask, request

app = Flask(__name__)


@app.route("/token-check", methods=["POST"])
def token_check():
    token = request.form["token"]
    return {"id": MD5.new(token.encode()).hexdigest()}
''', '''
import hashlib

from flask import Flask, request

app = Flask(__name__)


@app.route("/asset")
def asset():
    body = open("/srv/static/app.js", "rb").read()
    etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
    return body, 200, {"ETag": etag}
''')

# --------------------------------------------------------------------------- CWE-330/338 random
pair("flask-reset-token", 338, "sanitised", '''
import random
import string

from flask import Flask, request

app = Flask(__name__)


@app.route("/reset", methods=["POST"])
def reset():
    email = request.form["email"]
    token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    send_reset_mail(email, token)
    return "sent"


def send_reset_mail(email, token):
    pass
''', '''
import secrets

from flask import Flask, request

app = Flask(__name__)


@app.route("/reset", methods=["POST"])
def reset():
    email = request.form["email"]
    token = secrets.token_urlsafe(32)
    send_reset_mail(email, token)
    return "sent"


def send_reset_mail(email, token):
    pass
''')

pair("fastapi-temp-password", 330, "sanitised", '''
import random

from fastapi import FastAPI

app = FastAPI()


@app.post("/users/{uid}/temp-password")
def temp_password(uid: int):
    pw = str(random.randint(100000, 999999))
    return {"user": uid, "temporary_password": pw}
''', '''
import secrets

from fastapi import FastAPI

app = FastAPI()


@app.post("/users/{uid}/temp-password")
def temp_password(uid: int):
    pw = str(secrets.randbelow(900000) + 100000)
    return {"user": uid, "temporary_password": pw}
''')

pair("flask-session-id", 330, "constant", '''
import random

from flask import Flask, make_response

app = Flask(__name__)


@app.route("/start")
def start():
    sid = "%032x" % random.getrandbits(128)
    resp = make_response("ok")
    resp.set_cookie("sid", sid, secure=True, httponly=True)
    return resp
''', '''
import random

from flask import Flask, jsonify

app = Flask(__name__)
TIPS = ["Use a strong password", "Enable two-factor login", "Log out on shared devices"]


@app.route("/tip")
def tip():
    return jsonify(tip=random.choice(TIPS))
''')

# --------------------------------------------------------------------------- CWE-614/1004 cookies
pair("flask-login-cookie", 614, "sanitised", '''
from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    token = issue_token(request.form["user"])
    resp = make_response("welcome")
    resp.set_cookie("auth", token)
    return resp


def issue_token(user):
    return user
''', '''
from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    token = issue_token(request.form["user"])
    resp = make_response("welcome")
    resp.set_cookie("auth", token, secure=True, httponly=True, samesite="Lax")
    return resp


def issue_token(user):
    return user
''')

pair("django-remember-cookie", 1004, "sanitised", '''
from django.http import HttpResponse


def remember(request):
    resp = HttpResponse("ok")
    resp.set_cookie("sessionid", request.session.session_key, secure=True, httponly=False)
    return resp
''', '''
from django.http import HttpResponse


def remember(request):
    resp = HttpResponse("ok")
    resp.set_cookie("sessionid", request.session.session_key, secure=True, httponly=True)
    return resp
''')

pair("fastapi-session-cookie", 614, "sanitised", '''
from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/session")
def session(response: Response, user: str):
    response.set_cookie(key="session", value=make_session(user), secure=False, httponly=True)
    return {"ok": True}


def make_session(user):
    return user
''', '''
from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/session")
def session(response: Response, user: str):
    response.set_cookie(key="session", value=make_session(user), secure=True, httponly=True)
    return {"ok": True}


def make_session(user):
    return user
''')

# --------------------------------------------------------------------------- CWE-501 trust boundary
pair("flask-session-role", 501, "guarded", '''
from flask import Flask, request, session

app = Flask(__name__)


@app.route("/prefs", methods=["POST"])
def prefs():
    session["role"] = request.form.get("role", "user")
    return "saved"
''', '''
from flask import Flask, request, session

app = Flask(__name__)
THEMES = {"light", "dark"}


@app.route("/prefs", methods=["POST"])
def prefs():
    theme = request.form.get("theme", "light")
    if theme not in THEMES:
        theme = "light"
    session["theme"] = theme
    return "saved"
''')

pair("django-session-user", 501, "constant", '''
from django.http import HttpResponse


def impersonate(request):
    request.session["user_id"] = request.GET["uid"]
    return HttpResponse("ok")
''', '''
from django.http import HttpResponse


def start_tour(request):
    request.session["tour_step"] = 1
    return HttpResponse("ok")
''')

# --------------------------------------------------------------------------- CWE-256/916 passwords
pair("flask-register-plain", 256, "sanitised", '''
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/register", methods=["POST"])
def register():
    user = request.form["username"]
    password = request.form["password"]
    db = sqlite3.connect("users.db")
    db.execute("INSERT INTO users (name, password) VALUES (?, ?)", (user, password))
    db.commit()
    return "created"
''', '''
import sqlite3

from flask import Flask, request
from werkzeug.security import generate_password_hash

app = Flask(__name__)


@app.route("/register", methods=["POST"])
def register():
    user = request.form["username"]
    password = generate_password_hash(request.form["password"])
    db = sqlite3.connect("users.db")
    db.execute("INSERT INTO users (name, password) VALUES (?, ?)", (user, password))
    db.commit()
    return "created"
''')

pair("fastapi-signup-sha256", 916, "sanitised", '''
import hashlib

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
USERS: dict[str, str] = {}


class Signup(BaseModel):
    email: str
    password: str


@app.post("/signup")
def signup(body: Signup):
    USERS[body.email] = hashlib.sha256(body.password.encode()).hexdigest()
    return {"ok": True}
''', '''
import bcrypt
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
USERS: dict[str, bytes] = {}


class Signup(BaseModel):
    email: str
    password: str


@app.post("/signup")
def signup(body: Signup):
    USERS[body.email] = bcrypt.hashpw(body.password.encode(), bcrypt.gensalt())
    return {"ok": True}
''')

pair("django-user-model-plain", 256, "sanitised", '''
from django.http import JsonResponse

from .models import Account


def create_account(request):
    acct = Account(username=request.POST["username"])
    acct.password = request.POST["password"]
    acct.save()
    return JsonResponse({"id": acct.id})
''', '''
from django.contrib.auth.hashers import make_password
from django.http import JsonResponse

from .models import Account


def create_account(request):
    acct = Account(username=request.POST["username"])
    acct.password = make_password(request.POST["password"])
    acct.save()
    return JsonResponse({"id": acct.id})
''')

# --------------------------------------------------------------------------- CWE-400/1333
pair("flask-upload-unbounded", 400, "guarded", '''
from flask import Flask, request

app = Flask(__name__)


@app.route("/upload", methods=["POST"])
def upload():
    data = request.files["file"].read()
    with open("/srv/uploads/latest.bin", "wb") as fh:
        fh.write(data)
    return {"size": len(data)}
''', '''
from flask import Flask, request, abort

app = Flask(__name__)
MAX_UPLOAD = 5 * 1024 * 1024


@app.route("/upload", methods=["POST"])
def upload():
    data = request.files["file"].read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        abort(413)
    with open("/srv/uploads/latest.bin", "wb") as fh:
        fh.write(data)
    return {"size": len(data)}
''')

pair("fastapi-regex-filter", 1333, "sanitised", '''
import re

from fastapi import FastAPI

app = FastAPI()
NAMES = ["alice", "bob", "carol"]


@app.get("/filter")
def filter_names(pattern: str):
    rx = re.compile(pattern)
    return [n for n in NAMES if rx.search(n)]
''', '''
import re

from fastapi import FastAPI

app = FastAPI()
NAMES = ["alice", "bob", "carol"]


@app.get("/filter")
def filter_names(pattern: str):
    rx = re.compile(re.escape(pattern))
    return [n for n in NAMES if rx.search(n)]
''')

pair("flask-page-size", 400, "guarded", '''
from flask import Flask, request, jsonify

app = Flask(__name__)
ITEMS = list(range(10000))


@app.route("/items")
def items():
    size = int(request.args.get("size", 20))
    return jsonify(["x" * 1000 for _ in range(size)])
''', '''
from flask import Flask, request, jsonify

app = Flask(__name__)
ITEMS = list(range(10000))


@app.route("/items")
def items():
    size = min(int(request.args.get("size", 20)), 100)
    return jsonify(["x" * 1000 for _ in range(size)])
''')

# --------------------------------------------------------------------------- CWE-117 log injection
pair("flask-login-log", 117, "sanitised", '''
import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger("auth")


@app.route("/login", methods=["POST"])
def login():
    user = request.form["username"]
    log.warning("failed login for " + user)
    return "denied", 401
''', '''
import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger("auth")


@app.route("/login", methods=["POST"])
def login():
    user = request.form["username"]
    log.warning("failed login for %r", user.replace("\\n", "").replace("\\r", ""))
    return "denied", 401
''')

pair("fastapi-audit-log", 117, "constant", '''
import logging

from fastapi import FastAPI, Request

app = FastAPI()
logger = logging.getLogger(__name__)


@app.post("/audit")
async def audit(req: Request):
    agent = req.headers.get("user-agent", "")
    logger.info(f"audit from agent={agent}")
    return {"ok": True}
''', '''
import logging

from fastapi import FastAPI, Request

app = FastAPI()
logger = logging.getLogger(__name__)


@app.post("/audit")
async def audit(req: Request):
    agent = req.headers.get("user-agent", "")
    logger.info("audit received (agent header %d chars)", len(agent))
    return {"ok": True}
''')
