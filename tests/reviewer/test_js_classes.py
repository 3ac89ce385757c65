"""JavaScript/TypeScript coverage for every class of issue 19: each vulnerable handler must
be reported with the right CWE (and, for data-flow rules, its source-to-sink path in lines);
its safe twin (sanitised, cast, allow-listed, constant or on a dead branch) must not be."""

from __future__ import annotations

import pytest

from reviewer.engine import review
from reviewer.model import Finding
from tests.reviewer.helpers import check_twins, findings_by_cwe, target

APP = "const express = require('express');\nconst app = express();\n"


def _cwes(code: str, path: str = "app.js") -> dict[int, list[Finding]]:
    return findings_by_cwe(code, path)


def _h(body: str, verb: str = "get") -> str:
    return APP + f"app.{verb}('/x/:id', async (req, res) => {{\n{body}\n}});\n"


# (cwe, vulnerable, safe twin, path expected)
CASES = [
    # XSS: request data, stored data, innerHTML
    (79, _h("  res.send('<h1>Hello ' + req.query.name + '</h1>');"),
     _h("  const escapeHtml = require('escape-html');\n"
        "  res.send('<h1>Hello ' + escapeHtml(req.query.name) + '</h1>');"), True),
    (79, _h("  const c = await Comment.findOne({ slug: 'x' });\n"
            "  res.send(`<div>${c.text}</div>`);"),
     _h("  const c = await Comment.findOne({ slug: 'x' });\n"
        "  res.send(`<div>${escapeHtml(c.text)}</div>`);"), False),
    (79, "function show(msg) {\n  const q = location.hash.slice(1);\n"
         "  document.getElementById('m').innerHTML = q;\n}\n",
     "function show(msg) {\n  const q = location.hash.slice(1);\n"
     "  document.getElementById('m').innerHTML = DOMPurify.sanitize(q);\n}\n", True),
    # SQL through destructuring, a container and a template string
    (89, _h("  const { q } = req.query;\n  const parts = [];\n  parts.push(q);\n"
            "  const sql = `SELECT * FROM t WHERE a = '${parts[0]}'`;\n  db.query(sql);"),
     _h("  const { q } = req.query;\n  db.query('SELECT * FROM t WHERE a = ?', [q]);"), True),
    # SQL with a cast (Number) and with a dead branch
    (89, _h("  db.query('SELECT * FROM t WHERE id = ' + req.params.id);"),
     _h("  db.query('SELECT * FROM t WHERE id = ' + Number(req.params.id));"), True),
    (89, _h("  if (true) { db.query('SELECT * FROM t WHERE id = ' + req.params.id); }"),
     _h("  if (false) { db.query('SELECT * FROM t WHERE id = ' + req.params.id); }"), True),
    # NoSQL: operator injection and $where
    (943, "const mongoose = require('mongoose');\n" + _h(
        "  const u = await User.findOne({ username: req.body.username, "
        "password: req.body.password });", "post"),
     "const mongoose = require('mongoose');\n" + _h(
         "  const u = await User.findOne({ username: String(req.body.username) });", "post"),
     True),
    (943, _h("  db.collection('u').find({ $where: `this.name == '${req.query.n}'` });"),
     _h("  db.collection('u').find({ $where: 'this.a > this.b' });"), True),
    # command, code
    (78, "const { exec } = require('child_process');\n" + _h("  exec('ls ' + req.query.dir);"),
     "const { execFile } = require('child_process');\n"
     + _h("  execFile('ls', [req.query.dir]);"), True),
    (95, _h("  const r = eval(req.body.expr);\n  res.json(r);", "post"),
     _h("  const r = eval('1 + 2');\n  res.json(r);", "post"), True),
    (95, "const vm = require('vm');\n" + _h("  vm.runInNewContext(req.query.code);"),
     "const vm = require('vm');\n" + _h("  vm.runInNewContext('1 + 1');"), True),
    # path traversal: containment check ends taint
    (22, "const fs = require('fs');\nconst path = require('path');\n"
         + _h("  const p = path.join(__dirname, 'files', req.query.f);\n"
              "  fs.readFile(p, (e, d) => res.send(d));"),
     "const fs = require('fs');\nconst path = require('path');\nconst BASE = '/srv/files';\n"
     + _h("  const p = path.resolve(BASE, req.query.f);\n"
          "  if (!p.startsWith(BASE + path.sep)) return res.sendStatus(400);\n"
          "  fs.readFile(p, (e, d) => res.send(d));"), True),
    # SSRF, open redirect (allow-list)
    (918, _h("  const r = await fetch(req.query.url);\n  res.json(await r.json());"),
     _h("  const r = await fetch('https://api.example.com/v1/items');\n"
        "  res.json(await r.json());"), True),
    (601, _h("  res.redirect(req.query.next);"),
     "const ALLOWED = new Set(['/home', '/profile']);\n"
     + _h("  const next = req.query.next;\n  if (!ALLOWED.has(next)) return res.redirect('/');\n"
          "  res.redirect(next);"), True),
    # deserialization
    (502, "const serialize = require('node-serialize');\n"
          + _h("  const o = serialize.unserialize(req.cookies.profile);"),
     "const serialize = require('node-serialize');\n"
     + _h("  const o = JSON.parse(req.cookies.profile);"), True),
    (502, "const yaml = require('js-yaml');\n"
          + _h("  const doc = yaml.load(req.body.text, { schema: yaml.DEFAULT_FULL_SCHEMA });"),
     "const yaml = require('js-yaml');\n" + _h("  const doc = yaml.load(req.body.text);"), False),
    # XXE, XPath, LDAP
    (611, "const libxmljs = require('libxmljs');\n"
          + _h("  const doc = libxmljs.parseXml(req.body, { noent: true });"),
     "const libxmljs = require('libxmljs');\n" + _h("  const doc = libxmljs.parseXml(req.body);"),
     False),
    (643, "const xpath = require('xpath');\n"
          + _h("  const n = xpath.select(`//user[@name='${req.query.u}']`, doc);"),
     "const xpath = require('xpath');\n"
     + _h("  const n = xpath.select(\"//user[@name='admin']\", doc);"), True),
    (90, "const ldap = require('ldapjs');\n"
         + _h("  client.search('dc=x', { filter: `(uid=${req.query.u})` }, cb);"),
     "const ldap = require('ldapjs');\nconst ldapEscape = require('ldap-escape');\n"
     + _h("  client.search('dc=x', { filter: `(uid=${ldapEscape.filter(req.query.u)})` }, cb);"),
     True),
    # weak hashing and ciphers
    (916, "const crypto = require('crypto');\n" + _h(
        "  const hash = crypto.createHash('sha256').update(req.body.password).digest('hex');",
        "post"),
     "const bcrypt = require('bcrypt');\n" + _h(
         "  const hash = await bcrypt.hash(req.body.password, 12);", "post"), False),
    (916, "const md5 = require('md5');\n" + _h(
        "  users.push({ name: req.body.name, hash: md5(req.body.password) });", "post"),
     "const bcrypt = require('bcrypt');\n" + _h(
         "  users.push({ name: req.body.name, hash: await bcrypt.hash(req.body.password, 12) });",
         "post"), False),
    (916, "const CryptoJS = require('crypto-js');\n"
          "function hashPassword(password) { return CryptoJS.SHA256(password).toString(); }\n",
     "const argon2 = require('argon2');\n"
     "function hashPassword(password) { return argon2.hash(password); }\n", False),
    (327, "const crypto = require('crypto');\n"
          "const c = crypto.createCipheriv('des-ecb', key, null);\n",
     "const crypto = require('crypto');\n"
     "const c = crypto.createCipheriv('aes-256-gcm', key, iv);\n", False),
    (328, "const crypto = require('crypto');\n"
          "function sign(token) { return crypto.createHash('md5').update(token).digest('hex'); }\n",
     "const crypto = require('crypto');\n"
     "function sign(token) { return crypto.createHash('sha256').update(token).digest('hex'); }\n",
     False),
    # randomness
    (338, "function inviteCode() {\n  return Math.random().toString(36).slice(2);\n}\n",
     "const crypto = require('crypto');\n"
     "function inviteCode() {\n  return crypto.randomBytes(8).toString('hex');\n}\n", False),
    (338, "const sessionId = Math.random().toString(36).substring(2);\n",
     "const sessionId = crypto.randomUUID();\n", False),
    # cookie flags
    (614, _h("  res.cookie('session', token, { httpOnly: true });"),
     _h("  res.cookie('session', token, { httpOnly: true, secure: true });"), False),
    (1004, _h("  res.cookie('auth_token', token, { httpOnly: false, secure: true });"),
     _h("  res.cookie('auth_token', token, { httpOnly: true, secure: true });"), False),
    # trust boundary, log injection
    (501, _h("  req.session.username = req.body.username;\n  res.send('ok');", "post"),
     _h("  const u = await User.findOne({ name: 'x' });\n  req.session.username = u.name;\n"
        "  res.send('ok');", "post"), True),
    (117, _h("  console.log('login failed for ' + req.body.user);", "post"),
     _h("  console.log('login failed for ' + req.body.user.replace(/[\\r\\n]/g, ' '));", "post"),
     True),
    # plaintext passwords
    (256, _h("  await User.create({ email: req.body.email, password: req.body.password });",
             "post"),
     "const bcrypt = require('bcrypt');\n" + _h(
         "  const hash = await bcrypt.hash(req.body.password, 12);\n"
         "  await User.create({ email: req.body.email, password: hash });", "post"), True),
    (256, _h("  const { username, password } = req.body;\n"
             "  users.push({ username, password });", "post"),
     _h("  const { username, password } = req.body;\n"
        "  const passwordHash = await argon2.hash(password);\n"
        "  users.push({ username, password: passwordHash });", "post"), True),
    # resource limits
    (770, "const multer = require('multer');\nconst upload = multer({ dest: 'uploads/' });\n",
     "const multer = require('multer');\n"
     "const upload = multer({ dest: 'uploads/', limits: { fileSize: 1048576 } });\n", False),
    (770, _h("  let body = '';\n  req.on('data', (c) => { body += c; });", "post"),
     _h("  let body = '';\n  req.on('data', (c) => { body += c;\n"
        "    if (body.length > 1e6) req.destroy(); });", "post"), False),
    (730, _h("  const re = new RegExp(req.query.pattern);\n  res.json(items.filter(i => re.test(i)));"),
     _h("  const re = new RegExp(escapeRegExp(req.query.pattern));\n"
        "  res.json(items.filter(i => re.test(i)));"), True),
    (409, "const AdmZip = require('adm-zip');\n"
          + _h("  const zip = new AdmZip(req.file.path);\n  zip.extractAllTo('/tmp/out');", "post"),
     "const AdmZip = require('adm-zip');\nconst MAX_ENTRIES = 100;\n"
     + _h("  const zip = new AdmZip(req.file.path);\n"
          "  if (zip.getEntries().length > MAX_ENTRIES) return res.sendStatus(413);\n"
          "  zip.extractAllTo('/tmp/out');", "post"), False),
    # IDOR (clear case), missing validation, debug, CORS
    (639, _h("  const order = await Order.findById(req.params.id);\n  res.json(order);"),
     _h("  const order = await Order.findOne({ _id: req.params.id, userId: req.user.id });\n"
        "  res.json(order);"), False),
    (20, _h("  cart.items.push({ sku: req.body.sku, quantity: req.body.quantity });", "post"),
     _h("  const quantity = Number(req.body.quantity);\n"
        "  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 99) "
        "return res.sendStatus(400);\n"
        "  cart.items.push({ sku: req.body.sku, quantity });", "post"), False),
    (209, _h("  try { run(); } catch (err) { res.status(500).send(err.stack); }"),
     _h("  try { run(); } catch (err) { res.status(500).send('internal error'); }"), False),
    (942, "const cors = require('cors');\napp.use(cors({ origin: true, credentials: true }));\n",
     "const cors = require('cors');\n"
     "app.use(cors({ origin: ['https://app.example.com'], credentials: true }));\n", False),
]


@pytest.mark.parametrize(("cwe", "vulnerable", "safe", "has_path"), CASES,
                         ids=[f"CWE-{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_js_class(cwe: int, vulnerable: str, safe: str, has_path: bool) -> None:
    check_twins(cwe, vulnerable, safe, has_path, "app.js")


@pytest.mark.parametrize("path", ["app.ts", "app.tsx"])
def test_typescript_uses_the_same_pack(path: str) -> None:
    code = APP + ("app.get('/u', (req: Request, res: Response) => {\n"
                  "  db.query(`SELECT * FROM u WHERE n = '${req.query.n}'`);\n});\n")
    assert 89 in _cwes(code, path)


def test_path_lines_name_source_steps_and_sink() -> None:
    code = _h("  const { q } = req.query;\n  const sql = 'SELECT * FROM t WHERE a = ' + q;\n"
              "  db.query(sql);")
    f = _cwes(code)[89][0]
    assert f.trace_text == ("line 4 req.query -> line 4 q -> line 5 sql -> "
                            "line 6 db.query(sql)")


def test_local_helper_returning_a_source_is_followed() -> None:
    code = APP + ("function term(req) { return req.query.term; }\n"
                  "app.get('/s', (req, res) => {\n"
                  "  db.query('SELECT * FROM t WHERE a = ' + term(req));\n});\n")
    f = _cwes(code)[89][0]
    assert f.trace[0] == (3, "req.query.term")


def test_local_helper_that_escapes_ends_taint() -> None:
    code = APP + ("const escapeHtml = require('escape-html');\n"
                  "function safe(v) { return escapeHtml(v); }\n"
                  "app.get('/s', (req, res) => {\n  res.send('<b>' + safe(req.query.q) + '</b>');\n"
                  "});\n")
    assert 79 not in _cwes(code)


def test_idor_on_a_public_model_is_only_a_hint() -> None:
    code = _h("  const p = await Product.findById(req.params.id);\n  res.json(p);")
    found = review([target(code, "app.js")])
    assert not [f for f in found if f.cwe == 639 and not f.judgement]
    assert [f for f in found if f.cwe == 639 and f.judgement]


@pytest.mark.parametrize("code", [
    # Fastify
    "const fastify = require('fastify')();\nfastify.get('/s', async (request, reply) => {\n"
    "  return db.query(`SELECT * FROM t WHERE a = '${request.query.a}'`);\n});\n",
    # Koa
    "router.get('/s', async (ctx) => {\n"
    "  ctx.body = await db.query('SELECT * FROM t WHERE a = ' + ctx.query.a);\n});\n",
    # Next.js route handler
    "export async function GET(request) {\n  const a = request.nextUrl.searchParams.get('a');\n"
    "  return Response.json(await db.query(`SELECT * FROM t WHERE a = '${a}'`));\n}\n",
    "export async function POST(request) {\n  const { a } = await request.json();\n"
    "  return Response.json(await db.query('SELECT * FROM t WHERE a = ' + a));\n}\n",
])
def test_fastify_koa_next_sources(code: str) -> None:
    f = _cwes(code)[89][0]
    assert f.confidence == "high" and f.trace


def test_branch_under_a_false_module_constant_is_dead() -> None:
    body = ("  if (DEBUG) {\n    db.query('SELECT * FROM t WHERE id = ' + req.params.id);\n  }\n"
            "  res.sendStatus(204);")
    assert 89 not in _cwes("const DEBUG = false;\n" + _h(body))
    assert 89 in _cwes("const DEBUG = true;\n" + _h(body))


# Shapes of issue 19's tuning round: each vulnerable form and the safe form that differs by
# one habit of real code (a lookup table, a check on the request field itself, a constant
# ternary, a driver escaper, a chained response, a Location header, a verified login).
TUNED = [
    # a module table indexed by the request value yields only the table's own strings
    (89, "const ORDER = { asc: 'price ASC', desc: 'price DESC' };\n"
         + _h("  const o = req.query.o || 'price';\n"
              "  db.all(`SELECT * FROM items ORDER BY ${o}`);"),
     "const ORDER = { asc: 'price ASC', desc: 'price DESC' };\n"
     + _h("  const o = ORDER[req.query.o] || 'price ASC';\n"
          "  db.all(`SELECT * FROM items ORDER BY ${o}`);"), True),
    # a strict pattern tested on req.body.x itself validates req.body.x
    (643, "const xpath = require('xpath');\n"
          + _h("  const hits = xpath.select(`//acct[id='${req.body.acct}']`, doc);", "post"),
     "const xpath = require('xpath');\nconst ID = /^[0-9]{1,9}$/;\n"
     + _h("  if (!ID.test(req.body.acct)) return res.status(400).end();\n"
          "  const hits = xpath.select(`//acct[id='${req.body.acct}']`, doc);", "post"),
     True),
    # the arm of a ternary under a false module constant never runs
    (78, "const { spawn } = require('child_process');\nconst OLD = true;\n"
         + _h("  const p = OLD ? spawn('tar xf ' + req.query.f, { shell: true })"
              " : spawn('tar', ['xf', 'a.tar']);"),
     "const { spawn } = require('child_process');\nconst OLD = false;\n"
     + _h("  const p = OLD ? spawn('tar xf ' + req.query.f, { shell: true })"
          " : spawn('tar', ['xf', 'a.tar']);"), True),
    # the driver's own escaper quotes the value for SQL
    (89, "const mysql = require('mysql');\n"
         + _h("  pool.query('SELECT * FROM t WHERE tag = ' + req.query.tag);"),
     "const mysql = require('mysql');\n"
     + _h("  pool.query('SELECT * FROM t WHERE tag = ' + mysql.escape(req.query.tag));"),
     True),
    # res.status(...).send(...) is still the response
    (79, _h("  res.status(404).send('<b>' + req.params.id + ' not found</b>');"),
     _h("  res.status(404).send('<b>' + escapeHtml(req.params.id) + ' not found</b>');"),
     True),
    # a Location header set by hand redirects like res.redirect
    (601, _h("  res.setHeader('Location', req.query.to);\n  res.status(302).end();"),
     _h("  res.setHeader('Location', '/home');\n  res.status(302).end();"), True),
    # the session gets the record a credential check returned, not the request's claim
    (501, _h("  req.session.role = req.body.role;", "post"),
     _h("  const acct = await verifyLogin(req.body.name, req.body.pw);\n"
        "  req.session.role = acct.role;", "post"), True),
]


@pytest.mark.parametrize(("cwe", "vulnerable", "safe", "has_path"), TUNED,
                         ids=[f"cwe{c[0]}-{i}" for i, c in enumerate(TUNED)])
def test_js_tuned_shapes(cwe: int, vulnerable: str, safe: str, has_path: bool) -> None:
    check_twins(cwe, vulnerable, safe, has_path, "app.js")


def test_hand_written_entity_escaper_helper_ends_html_taint() -> None:
    helper = ("const enc = (v) => String(v).replace(/&/g, '&amp;')"
              ".replace(/</g, '&lt;');\n")
    bad = helper + _h("  res.send('<i>' + req.query.w + '</i>');")
    good = helper + _h("  res.send('<i>' + enc(req.query.w) + '</i>');")
    check_twins(79, bad, good, True, "app.js")
    # a helper that only trims is no escaper
    trim = "const tidy = (v) => String(v).trim();\n" + \
        _h("  res.send('<i>' + tidy(req.query.w) + '</i>');")
    assert 79 in _cwes(trim)


def test_session_value_written_from_the_query_is_tainted_where_it_is_read() -> None:
    def app(saved: str) -> str:
        return (APP + "app.get('/in', (req, res) => {\n"
                f"  req.session.back = {saved};\n  res.end();\n}});\n"
                "app.get('/done', (req, res) => {\n  res.redirect(req.session.back);\n});\n")
    check_twins(601, app("req.query.back"), app("'/home'"), False, "app.js")


def test_list_filled_from_requests_gives_request_data_to_its_finds() -> None:
    def app(saved: str) -> str:
        return ("const axios = require('axios');\n" + APP + "const subs = [];\n"
                "app.post('/subs', (req, res) => {\n"
                f"  subs.push({{ id: subs.length, target: {saved} }});\n  res.end();\n}});\n"
                "app.post('/subs/:id/ping', async (req, res) => {\n"
                "  const s = subs.find((x) => x.id === Number(req.params.id));\n"
                "  await axios.get(s.target);\n  res.end();\n});\n")
    check_twins(918, app("req.body.target"), app("'https://hooks.example.org/x'"), False,
                "app.js")


def test_scheme_prefix_test_is_no_validation_but_anchored_pattern_is() -> None:
    def app(check: str) -> str:
        return ("const axios = require('axios');\n"
                + _h(f"  if (!{check}.test(req.query.u)) return res.end();\n"
                     "  res.json((await axios.get(req.query.u)).data);"))
    check_twins(918, app("/^https:\\/\\//"), app("/^https:\\/\\/api\\.example\\.org\\/\\w+$/"),
                True, "app.js")


def test_session_secret_in_source_but_not_from_environment() -> None:
    def app(secret: str) -> str:
        return ("const session = require('express-session');\n" + APP
                + f"app.use(session({{ secret: {secret}, resave: false }}));\n")
    check_twins(798, app("'my little pony'"), app("process.env.SESSION_SECRET"), False,
                "app.js")


def test_plan_tier_taken_from_the_request_is_a_trust_boundary_violation() -> None:
    check_twins(501, _h("  req.session.plan = req.query.plan;"),
                _h("  req.session.plan = 'free';"), True, "app.js")


def test_id_known_to_a_server_side_map_is_validated() -> None:
    def app(check: str) -> str:
        return ("const path = require('path');\n" + APP + "const saved = new Map();\n"
                + _h(f"  const meta = saved.get(req.params.id);\n{check}"
                     "  res.sendFile(path.join('/srv/up', req.params.id));"))
    check_twins(22, app(""), app("  if (!meta) return res.status(404).end();\n"), True,
                "app.js")
