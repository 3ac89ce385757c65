"""General causes of the misses the Express backends' tuning halves showed after the third
Express round (issue 19), each on a small look-alike written here, with its safe twin left
alone: SQL handed to a prepared statement (better-sqlite3's ``db.prepare(sql).all(...)``), a
signing secret that falls back to a literal when the environment lacks it, and an amount
checked by express-validator rules that name other fields only."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

SEARCH = '''const express = require('express');
const Database = require('better-sqlite3');
const app = express();
const db = new Database('shop.db');
const SORTS = { newest: 'created_at DESC', name: 'name ASC' };

app.get('/products', (req, res) => {
  const { q = '', sort = 'created_at' } = req.query;
  let sql = 'SELECT id, name FROM products WHERE name LIKE ?';
  ORDER
  res.json(db.prepare(sql).all(`%${q}%`));
});

app.listen(3000);
'''


@pytest.mark.parametrize("order, reported", [
    # the client's column name spliced into the statement a prepared query runs
    ("sql += ` ORDER BY ${sort} LIMIT 50`;", True),
    ("sql += ' ORDER BY ' + sort;", True),
    # a column picked from a server-side map, or one of two literals: no client text in it
    ("sql += ` ORDER BY ${SORTS[sort] || SORTS.newest}`;", False),
    ("sql += ` ORDER BY created_at ${sort === 'asc' ? 'ASC' : 'DESC'}`;", False),
    ("sql += ' ORDER BY created_at DESC';", False),
])
def test_sql_built_into_a_prepared_statement(order: str, reported: bool) -> None:
    assert (89 in findings_by_cwe(SEARCH.replace("ORDER", order), "app.js")) is reported


def test_a_prepared_statement_with_placeholders_only_is_no_finding() -> None:
    code = SEARCH.replace("ORDER", "").replace(
        "res.json(db.prepare(sql).all(`%${q}%`));",
        "res.json(db.prepare('SELECT * FROM products WHERE id = ?').get(req.query.id));")
    assert 89 not in findings_by_cwe(code, "app.js")


SECRET = '''const express = require('express');
const jwt = require('jsonwebtoken');
const app = express();

DECL

app.get('/me', (req, res) => {
  const claims = jwt.verify(req.get('authorization') || '', JWT_SECRET);
  res.json(claims);
});

app.listen(3000);
'''


@pytest.mark.parametrize("decl, reported", [
    # unset in the environment, the app signs and verifies with a phrase in its source
    ("const JWT_SECRET = process.env.JWT_SECRET || 'supersecretkey';", True),
    ("const JWT_SECRET = process.env.TOKEN_KEY ?? 'dev-signing-key-123';", True),
    # no fallback, or a fallback that is no secret (a file name, an empty JSON map)
    ("const JWT_SECRET = process.env.JWT_SECRET;", False),
    ("const JWT_SECRET = require('fs').readFileSync(process.env.KEY_FILE || 'jwt.key');",
     False),
    ("const API_KEYS = JSON.parse(process.env.API_KEYS || '{}');\nconst JWT_SECRET = 'x';",
     False),
    ("const DB_FILE = process.env.DB_FILE || 'accounts.db';\nconst JWT_SECRET = 'x';", False),
])
def test_a_secret_that_falls_back_to_a_literal(decl: str, reported: bool) -> None:
    assert (798 in findings_by_cwe(SECRET.replace("DECL", decl), "app.js")) is reported


TRANSFER = '''const express = require('express');
const { body, validationResult } = require('express-validator');
const app = express();
app.use(express.json());

function transfer(fromId, toId, amount) {
  ledger.push({ fromId, toId, amount });
}

app.post('/transfers', RULES, (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).json({ error: 'invalid' });
  const amount = parseInt(req.body.amount, 10);
  transfer(req.session.userId, req.body.to, amount);
  res.status(201).json({ ok: true });
});
'''


@pytest.mark.parametrize("rules, reported", [
    # express-validator checks the recipient only: the amount may be negative
    ("body('to').isEmail()", True),
    # a numeric rule with a floor on the amount: -60 is refused before the handler runs
    ("body('amount').isInt({ min: 1, max: 10000 })", False),
    ("[body('to').isEmail(), body('amount').isFloat({ gt: 0 })]", False),
])
def test_express_validator_counts_only_when_it_checks_a_number(rules: str,
                                                               reported: bool) -> None:
    assert (20 in findings_by_cwe(TRANSFER.replace("RULES", rules), "app.js")) is reported


@pytest.mark.parametrize("check, reported", [
    # a NaN or integer check proves a number, and -60 is one
    ("if (Number.isNaN(amount)) return res.status(400).json({ error: 'not a number' });", True),
    ("if (!Number.isInteger(amount)) return res.status(400).end();", True),
    # a comparison that bounds it from below turns -60 away
    ("if (Number.isNaN(amount) || amount < 1) return res.status(400).end();", False),
    ("if (!(amount > 0)) return res.status(400).end();", False),
])
def test_a_type_check_is_no_range_check(check: str, reported: bool) -> None:
    code = TRANSFER.replace("RULES", "express.json()").replace(
        "  transfer(req.session.userId", f"  {check}\n  transfer(req.session.userId")
    assert (20 in findings_by_cwe(code, "app.js")) is reported


ADMIN = '''const express = require('express');
const jwt = require('jsonwebtoken');
const app = express();
const SECRET = process.env.JWT_SECRET;

function requireAdmin(req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  READ
  if (!claims || claims.role !== 'admin') return res.status(403).json({ error: 'admins only' });
  next();
}

app.get('/admin/flags', requireAdmin, (req, res) => res.json({}));
'''


@pytest.mark.parametrize("read, reported", [
    # decode parses the client's JSON: any role, any signature
    ("const claims = token && jwt.decode(token);", True),
    ("const claims = jwt.decode(token, { json: true });", True),
    # verify checks the signature; a decode for the header's key id before it reads nothing
    ("const claims = jwt.verify(token, SECRET, { algorithms: ['HS256'] });", False),
    ("const { header } = jwt.decode(token, { complete: true });\n"
     "  const claims = jwt.verify(token, KEYS[header.kid], { algorithms: ['RS256'] });", False),
])
def test_a_decoded_request_token_is_no_verified_one(read: str, reported: bool) -> None:
    assert (347 in findings_by_cwe(ADMIN.replace("READ", read), "app.js")) is reported


def test_decoding_a_token_the_server_made_is_no_finding() -> None:
    code = ADMIN.replace("READ", "const claims = jwt.decode(jwt.sign({ role: 'x' }, SECRET));")
    assert 347 not in findings_by_cwe(code, "app.js")


SAMPLE = '''const express = require('express');
const app = express();
const sales = [{ region: 'north', total: 10 }];

app.get('/reports/sample', (req, res) => {
  const size = parseInt(req.query.size, 10) || 100;
  BODY
});
'''


@pytest.mark.parametrize("body, reported", [
    # the client picks how many rows the server builds
    ("const out = [];\n  for (let i = 0; i < size; i += 1) out.push(sales[i % sales.length]);\n"
     "  res.json(out);", True),
    ("res.json(Array.from({ length: size }, (_, i) => sales[i % sales.length]));", True),
    ("res.send('-'.repeat(size));", True),
    # bounded first, or a loop over the rows the server holds
    ("const n = Math.min(size, 1000);\n  const out = [];\n"
     "  for (let i = 0; i < n; i += 1) out.push(sales[i % sales.length]);\n  res.json(out);",
     False),
    ("if (size > 1000) return res.status(400).end();\n"
     "  res.json(Array.from({ length: size }, () => sales[0]));", False),
    ("const out = [];\n  for (let i = 0; i < sales.length; i += 1) out.push(sales[i]);\n"
     "  res.json(out.slice(0, size));", False),
])
def test_a_loop_count_the_client_names(body: str, reported: bool) -> None:
    assert (770 in findings_by_cwe(SAMPLE.replace("BODY", body), "app.js")) is reported


def test_a_loop_over_the_request_bodys_own_items_is_no_finding() -> None:
    code = SAMPLE.replace("BODY", "const items = req.body.items || [];\n"
                          "  for (let i = 0; i < items.length; i += 1) sales.push(items[i]);\n"
                          "  res.json({ ok: true });")
    assert 770 not in findings_by_cwe(code, "app.js")


@pytest.mark.parametrize("check, reported", [
    # the bound before a callback guards the amount the callback uses (BaxBench's Checkout)
    ("if (!Number.isInteger(amount) || amount <= 0) return res.status(400).end();", False),
    ("if (amount < 1 || amount > 1000) return res.status(400).end();", False),
    ("if (!Number.isInteger(amount)) return res.status(400).end();", True),
])
def test_a_bound_before_a_callback_guards_the_amount_in_it(check: str, reported: bool) -> None:
    code = TRANSFER.replace("RULES", "express.json()").replace(
        "  transfer(req.session.userId, req.body.to, amount);",
        f"  {check}\n  lookup(req.body.to, (err, to) => {{\n"
        "    transfer(req.session.userId, to.id, amount);\n  });")
    assert (20 in findings_by_cwe(code, "app.js")) is reported


MERGE = '''const express = require('express');
const app = express();
app.use(express.json());
const accounts = { 'sess-1': { settings: {} } };

MERGE_FN

app.patch('/settings', (req, res) => {
  const account = accounts[req.get('x-session')];
  merge(account.settings, req.body);
  res.json(account.settings);
});
'''

RECURSIVE = '''function merge(target, source) {
  for (const key of Object.keys(source)) {
    GUARD
    if (source[key] && typeof source[key] === 'object') {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      merge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}'''


@pytest.mark.parametrize("merge_fn, reported", [
    # a recursive merge of the client's JSON: {"__proto__": {"isAdmin": true}} walks into
    # Object.prototype and writes there
    (RECURSIVE.replace("GUARD", ""), True),
    (RECURSIVE.replace("GUARD", "").replace("of Object.keys(source)", "in source"), True),
    (RECURSIVE.replace("GUARD", "").replace("function merge(target, source) {",
                                             "const merge = (target, source) => {"), True),
    # the keys that reach a prototype skipped, or a flat copy that never walks into one
    (RECURSIVE.replace("GUARD", "if (key === '__proto__' || key === 'constructor' || "
                                "key === 'prototype') continue;"), False),
    ("function merge(target, source) {\n  for (const key of Object.keys(source)) "
     "target[key] = source[key];\n  return target;\n}", False),
])
def test_a_recursive_merge_of_request_json(merge_fn: str, reported: bool) -> None:
    got = findings_by_cwe(MERGE.replace("MERGE_FN", merge_fn), "app.js")
    assert (1321 in got) is reported


def test_a_merge_helper_in_a_file_that_reads_no_request_is_no_finding() -> None:
    assert 1321 not in findings_by_cwe(RECURSIVE.replace("GUARD", "") +
                                       "\nmodule.exports = { merge };\n", "merge.js")
