"""Classes the last stop of issue 19 left at zero on backends, each with a safe twin: IDOR
decided by a signed-in handler that never uses who is signed in, roles read from the client,
NoSQL injection in Python, CWE-20 beyond dict amounts (and the shapes that are no range
weakness), archive and upload limits, plaintext passwords through an object spread or a
local ``createX`` helper; and the false-alarm shapes of the amount rule."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import check_twins, findings_by_cwe

FLASK = "from flask import Flask, abort, request, session\n\napp = Flask(__name__)\n\n\n"
FASTAPI = ("from fastapi import Depends, FastAPI, File, UploadFile\n\nfrom .auth import "
           "current_user\nfrom .db import conn\n\napp = FastAPI()\n\n\n")
MONGO = FLASK.replace("app = Flask", 'db = MongoClient()["shop"]\napp = Flask')
MONGO = "from pymongo import MongoClient\n" + MONGO
EXPRESS = "const express = require('express');\nconst db = require('./db');\nconst app = express();\n"

PY_CASES = [
    # IDOR: the handler checks a session, then fetches by the URL id, never using the user
    (639, FLASK + '''@app.route("/notes/<int:note_id>")
def view_note(note_id):
    if "user" not in session:
        abort(401)
    note = get_db().execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()
    return {"title": note["title"]}
''', FLASK + '''@app.route("/notes/<int:note_id>")
def view_note(note_id):
    if "user" not in session:
        abort(401)
    note = get_db().execute("SELECT * FROM notes WHERE id = ? AND owner = ?",
                            (note_id, session["user"])).fetchone()
    return {"title": note["title"]}
''', True),
    # IDOR: Depends(current_user) taken but never named again
    (639, FASTAPI + '''@app.get("/users/{user_id}")
def get_user(user_id: int, me: int = Depends(current_user)):
    row = conn.execute("SELECT id, email FROM users WHERE id = ?", (user_id,)).fetchone()
    return {"id": row[0], "email": row[1]}
''', FASTAPI + '''@app.get("/users/{user_id}")
def get_user(user_id: int, me: int = Depends(current_user)):
    if user_id != me:
        raise PermissionError
    row = conn.execute("SELECT id, email FROM users WHERE id = ?", (user_id,)).fetchone()
    return {"id": row[0], "email": row[1]}
''', True),
    # a role read from a cookie the client writes
    (863, FLASK + '''@app.post("/admin/purge")
def purge():
    if request.cookies.get("is_admin") != "1":
        abort(403)
    return "purged"
''', FLASK + '''@app.post("/admin/purge")
def purge():
    if not current_user().is_admin:
        abort(403)
    return "purged"
''', False),
    # NoSQL: a JSON body value as a pymongo filter value; $where built from the query
    (943, MONGO + '''@app.post("/login")
def login():
    data = request.get_json()
    user = db.users.find_one({"username": data["username"], "password": data["password"]})
    return {"ok": user is not None}
''', MONGO + '''@app.post("/login")
def login():
    data = request.get_json()
    username = data.get("username")
    if not isinstance(username, str):
        abort(400)
    user = db.users.find_one({"username": username})
    return {"ok": user is not None}
''', True),
    (943, MONGO + '''@app.get("/items")
def items():
    low = request.args.get("min", "0")
    return {"n": db.items.count_documents({"$where": "this.price >= " + low})}
''', MONGO + '''@app.get("/items")
def items():
    low = float(request.args.get("min", "0"))
    return {"n": db.items.count_documents({"price": {"$gte": low}})}
''', True),
    # CWE-20: an amount cast from the form passed on with no range check
    (20, FLASK + '''@app.post("/transfer")
def transfer():
    amount = float(request.form["amount"])
    move(request.form["from"], request.form["to"], amount)
    return "ok"
''', FLASK + '''@app.post("/transfer")
def transfer():
    amount = float(request.form["amount"])
    if amount <= 0 or amount > 10000:
        abort(400)
    move(request.form["from"], request.form["to"], amount)
    return "ok"
''', True),
    # CWE-20: a body model whose quantity has no range, added to the stored cart
    (20, FASTAPI + '''class Line(BaseModel):
    sku: str
    quantity: int


@app.post("/cart")
def add(line: Line):
    CART[line.sku] += line.quantity
    return {"ok": True}
''', FASTAPI + '''class Line(BaseModel):
    sku: str
    quantity: int = Field(ge=1, le=99)


@app.post("/cart")
def add(line: Line):
    CART[line.sku] += line.quantity
    return {"ok": True}
''', False),
    # CWE-409: every member of an uploaded zip read into memory
    (409, FASTAPI + '''@app.post("/themes")
async def themes(file: UploadFile = File(...)):
    content = await file.read()
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    return {"files": len(files)}
''', FASTAPI + '''@app.post("/themes")
async def themes(file: UploadFile = File(...)):
    content = await file.read()
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        if sum(i.file_size for i in zf.infolist()) > MAX_BYTES:
            raise ValueError("too big")
        files = {n: zf.read(n) for n in zf.namelist()}
    return {"files": len(files)}
''', True),
    # CWE-400: Flask upload saved with no MAX_CONTENT_LENGTH
    (400, FLASK + '''@app.post("/upload")
def upload():
    f = request.files["file"]
    f.save("/srv/uploads/upload.bin")
    return "ok"
''', FLASK.replace("app = Flask(__name__)\n",
                   "app = Flask(__name__)\napp.config['MAX_CONTENT_LENGTH'] = 1 << 24\n") + '''
@app.post("/upload")
def upload():
    f = request.files["file"]
    f.save("/srv/uploads/upload.bin")
    return "ok"
''', True),
]

JS_CASES = [
    # IDOR: login middleware on the route, the record fetched by the URL id alone
    (639, EXPRESS + '''app.get('/notes/:id', requireLogin, (req, res) => {
  db.get('SELECT * FROM notes WHERE id = ?', [req.params.id], (err, note) => {
    res.json(note);
  });
});
''', EXPRESS + '''app.get('/notes/:id', requireLogin, (req, res) => {
  db.get('SELECT * FROM notes WHERE id = ? AND owner = ?', [req.params.id, req.session.user],
    (err, note) => { res.json(note); });
});
''', True),
    # a role read from a header or cookie the client writes
    (863, EXPRESS + '''app.post('/admin/role', async (req, res) => {
  if (req.cookies.isAdmin !== 'true') return res.status(403).end();
  res.json({ ok: true });
});
''', EXPRESS + '''app.post('/admin/role', async (req, res) => {
  const me = await db.get('SELECT role FROM users WHERE id = ?', [req.session.userId]);
  if (me.role !== 'admin') return res.status(403).end();
  res.json({ ok: true });
});
''', False),
    # CWE-20: a refund amount parsed from the body, no range check
    (20, EXPRESS + '''app.post('/refunds', async (req, res) => {
  const amount = parseFloat(req.body.amount);
  await refund(req.body.orderId, amount);
  res.json({ ok: true });
});
''', EXPRESS + '''app.post('/refunds', async (req, res) => {
  const amount = Number(req.body.amount);
  if (!Number.isFinite(amount) || amount <= 0) return res.status(400).end();
  await refund(req.body.orderId, amount);
  res.json({ ok: true });
});
''', True),
    # CWE-409: every entry of an uploaded zip read into memory
    (409, EXPRESS + '''const AdmZip = require('adm-zip');
app.post('/bundles', upload.single('bundle'), (req, res) => {
  const zip = new AdmZip(req.file.buffer);
  const files = zip.getEntries().map((e) => e.getData());
  res.json({ files: files.length });
});
''', EXPRESS + '''const AdmZip = require('adm-zip');
app.post('/bundles', upload.single('bundle'), (req, res) => {
  const zip = new AdmZip(req.file.buffer);
  const entries = zip.getEntries();
  if (entries.reduce((n, e) => n + e.header.size, 0) > MAX_BYTES) return res.status(413).end();
  const files = entries.map((e) => e.getData());
  res.json({ files: files.length });
});
''', False),
    # CWE-770: a page size from the query used as the SQL LIMIT
    (770, EXPRESS + '''app.get('/products', async (req, res) => {
  const pageSize = parseInt(req.query.pageSize, 10) || 20;
  res.json(await db.all('SELECT * FROM products LIMIT ?', [pageSize]));
});
''', EXPRESS + '''app.get('/products', async (req, res) => {
  const pageSize = Math.min(parseInt(req.query.pageSize, 10) || 20, 100);
  res.json(await db.all('SELECT * FROM products LIMIT ?', [pageSize]));
});
''', True),
    # CWE-522: the body spread into the stored user, password and all
    (522, EXPRESS + '''const users = [];
app.post('/register', (req, res) => {
  users.push({ id: users.length + 1, ...req.body });
  res.status(201).end();
});
''', EXPRESS + '''const bcrypt = require('bcrypt');
const users = [];
app.post('/register', async (req, res) => {
  const { email, password } = req.body;
  users.push({ id: users.length + 1, email, passwordHash: await bcrypt.hash(password, 12) });
  res.status(201).end();
});
''', True),
]


@pytest.mark.parametrize(("cwe", "bad", "safe", "has_path"), PY_CASES)
def test_python_gap_classes(cwe: int, bad: str, safe: str, has_path: bool) -> None:
    check_twins(cwe, bad, safe, has_path, "app.py")


@pytest.mark.parametrize(("cwe", "bad", "safe", "has_path"), JS_CASES)
def test_javascript_gap_classes(cwe: int, bad: str, safe: str, has_path: bool) -> None:
    check_twins(cwe, bad, safe, has_path, "app.js")


@pytest.mark.parametrize(("code", "path"), [
    # an amount read out of an uploaded XML document is imported data
    (FASTAPI + '''@app.post("/invoices")
async def upload(request: Request):
    root = etree.fromstring(await request.body())
    invoice = {"total": float(root.findtext("total") or 0)}
    INVOICES.append(invoice)
    return invoice
''', "app.py"),
    # a price used as a query filter compares, it stores nothing
    (MONGO + '''@app.get("/items")
def items():
    low = float(request.args.get("min", "0"))
    return {"items": list(db.items.find({"price": {"$gte": low}}))}
''', "app.py"),
    # an amount echoed in the answer
    (EXPRESS + '''app.post('/quote', (req, res) => {
  const amount = Number(req.body.amount);
  res.json({ amount });
});
''', "app.js"),
])
def test_amount_shapes_that_are_no_range_weakness(code: str, path: str) -> None:
    assert 20 not in findings_by_cwe(code, path)


def test_helper_storing_a_plain_password_is_reported() -> None:
    """The route passes the password to a local createX helper that stores the record."""
    code = EXPRESS + '''const accounts = [];
function createAccount(input) {
  const account = { id: accounts.length + 1, ...input };
  accounts.push(account);
  return account;
}
app.post('/accounts', (req, res) => {
  createAccount({ user: req.body.user, password: req.body.password });
  res.status(201).end();
});
'''
    got = findings_by_cwe(code, "app.js")
    assert 256 in got or 522 in got


@pytest.mark.parametrize(("cwe", "code"), [
    # FastAPI parses item_id into an int: no newline or markup can reach the log
    (117, FASTAPI + '''@app.get("/items/{item_id}")
def item(item_id: int):
    logger.info("item %s requested", item_id)
    return {"id": item_id}
'''),
    # names of settings and of environment variables are no credentials
    (798, '''GENERAL_SETTINGS_KEY = "scheduled_job_stagger"
CACHE_KEY = "spend:team:totals:v2"
VAULT = {"client_key": "HCP_VAULT_CLIENT_KEY"}
'''),
    # a response whose media type is chosen at run time is not the HTML default
    (79, FASTAPI + '''@app.post("/v1/traces")
async def traces(request: Request):
    body, media_type = encode(request.headers.get("content-type"), "failed")
    return Response(body, status_code=400, media_type=media_type)
'''),
])
def test_general_false_alarm_shapes(cwe: int, code: str) -> None:
    assert cwe not in findings_by_cwe(code, "app.py")


def test_typed_handler_id_still_counts_for_idor_and_a_real_secret_is_still_found() -> None:
    """An int id is no injection, but it still names someone else's record; a real-looking
    key is still reported after the name/words exclusions."""
    idor = FASTAPI + '''@app.get("/orders/{order_id}")
def order(order_id: int, user=Depends(current_user)):
    return conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
'''
    assert 639 in findings_by_cwe(idor, "app.py")
    secret = 'API_KEY = "q8Zr3vT1mXk9Lp2sWd7Yh4Nc"\n'
    assert 798 in findings_by_cwe(secret, "settings.py")


def test_fastapi_html_route_returning_input() -> None:
    head = ("import html\n\nfrom fastapi import FastAPI\nfrom fastapi.responses import "
            "HTMLResponse\n\napp = FastAPI()\n\n\n")
    bad = head + '''@app.get("/search", response_class=HTMLResponse)
def search(q: str = ""):
    return f"<h2>Results for {q}</h2>"
'''
    check_twins(79, bad, bad.replace("{q}", "{html.escape(q)}"), True, "app.py")


def test_a_hashed_password_compared_is_no_plaintext_storage() -> None:
    """sha1 of the password compared with the stored value: a fast hash (CWE-916), not a
    plaintext password (CWE-256/522) reported a second time on the next line."""
    code = EXPRESS + '''const crypto = require('crypto');
app.post('/login', async (req, res) => {
  const row = await db.get('SELECT * FROM users WHERE name = ?', [req.body.name]);
  const hash = crypto.createHash('sha1').update(req.body.password).digest('hex');
  if (row.password !== hash) return res.status(401).end();
  res.end();
});
'''
    got = findings_by_cwe(code, "app.js")
    assert 916 in got and 256 not in got and 522 not in got


_TENANT_APP = '''from fastapi import Depends, FastAPI, Header, HTTPException

from .db import conn

app = FastAPI()


def db():
    yield conn


def tenant(x_tenant: str = Header(...)) -> str:
    if not conn.execute("SELECT 1 FROM members WHERE tenant = ?", (x_tenant,)).fetchone():
        raise HTTPException(403, "not a member")
    return x_tenant


@app.put("/notes/{note_id}")
def update_note(note_id: int, title: str, t: str = Depends(tenant), c=Depends(db)):
    c.execute("UPDATE notes SET title = ? WHERE id = ?", (title, note_id))
    return {"id": note_id, "tenant": t}
'''


def test_a_local_dependency_answering_403_is_authentication_for_idor() -> None:
    """A dependency the head names that raises 401/403 tells who the caller is, whatever it
    is called; a write by the URL id whose query never filters on the tenant is IDOR, and
    the same write scoped to the tenant is not."""
    safe = _TENANT_APP.replace('WHERE id = ?", (title, note_id)',
                               'WHERE id = ? AND tenant = ?", (title, note_id, t)')
    check_twins(639, _TENANT_APP, safe, True, "app.py")
    # a dependency that never refuses anyone (a settings or paging helper) knows no caller
    open_dep = _TENANT_APP.replace('raise HTTPException(403, "not a member")',
                                   'x_tenant = "public"')
    assert 639 not in findings_by_cwe(open_dep, "app.py")


_ROOMS_APP = '''from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()
SESSIONS: dict[str, str] = {}
ROOMS: dict[int, dict] = {}
MESSAGES: dict[int, list] = {}


def me(x_session: str = Header(...)) -> str:
    user = SESSIONS.get(x_session)
    if user is None:
        raise HTTPException(401, "sign in")
    return user


@app.get("/rooms/{room_id}/messages")
def history(room_id: int, user: str = Depends(me)):
    msgs = MESSAGES[room_id]
    return msgs[-50:]
'''


def test_a_signed_in_read_of_a_module_table_by_the_url_id_needs_the_caller() -> None:
    """The caller is known (Depends on a function answering 401) yet never named again:
    reading a module-level table by the URL id lets anyone read any room; naming the caller
    in a membership check before the read is the safe twin."""
    safe = _ROOMS_APP.replace(
        "    msgs = MESSAGES[room_id]\n",
        '    if user not in ROOMS[room_id]["members"]:\n'
        '        raise HTTPException(404, "no such room")\n'
        "    msgs = MESSAGES[room_id]\n")
    check_twins(639, _ROOMS_APP, safe, True, "app.py")


def test_a_fastapi_upload_read_whole_without_a_bound() -> None:
    """FastAPI sets no body limit: ``await file.read()`` loads any size into memory; the
    same handler reading at most MAX + 1 bytes and refusing more is the safe twin."""
    bad = '''from fastapi import FastAPI, File, HTTPException, UploadFile

app = FastAPI()


@app.post("/avatar")
async def upload(file: UploadFile = File(...)):
    contents = await file.read()
    open("/srv/avatar.png", "wb").write(contents)
    return {"bytes": len(contents)}
'''
    safe = bad.replace("    contents = await file.read()\n",
                       "    contents = await file.read(MAX + 1)\n"
                       "    if len(contents) > MAX:\n"
                       "        raise HTTPException(413)\n")
    check_twins(400, bad, safe, False, "app.py")
    # read whole and parsed, never stored: outside this rule (the parser's own limits decide)
    parsed = bad.replace('    open("/srv/avatar.png", "wb").write(contents)\n',
                         "    data = json.loads(contents)\n")
    assert 400 not in findings_by_cwe(parsed, "app.py")
