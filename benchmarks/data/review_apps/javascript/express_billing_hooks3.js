// Billing events: the payment provider posts signed webhooks; finance exports payments as CSV.
const express = require('express');
const crypto = require('crypto');
const Database = require('better-sqlite3');

const app = express();

const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET;
const FINANCE_TOKEN = process.env.FINANCE_TOKEN;
if (!WEBHOOK_SECRET || !FINANCE_TOKEN) throw new Error('WEBHOOK_SECRET and FINANCE_TOKEN are required');

const db = new Database(process.env.BILLING_DB || 'billing.db');
db.exec(`CREATE TABLE IF NOT EXISTS payments (event_id TEXT PRIMARY KEY, customer TEXT, amount_cents INTEGER,
  currency TEXT, status TEXT, received_at TEXT)`);

const TOLERANCE_SECONDS = 300;

function validSignature(header, rawBody) {
  // header: "t=<unix seconds>,v1=<hex hmac of `${t}.${body}`>"
  const parts = Object.fromEntries(String(header || '').split(',').map((kv) => kv.split('=', 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > TOLERANCE_SECONDS || !parts.v1) return false;
  const expected = crypto.createHmac('sha256', WEBHOOK_SECRET).update(`${t}.`).update(rawBody).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

app.post('/webhooks/payments', express.raw({ type: 'application/json', limit: '64kb' }), (req, res) => {
  if (!Buffer.isBuffer(req.body) || !validSignature(req.get('x-signature'), req.body)) {
    return res.status(400).json({ error: 'bad signature' });
  }
  let event;
  try {
    event = JSON.parse(req.body.toString('utf8'));
  } catch {
    return res.status(400).json({ error: 'bad json' });
  }
  if (event.type !== 'payment.succeeded' && event.type !== 'payment.refunded') return res.json({ ignored: true });
  const p = event.data || {};
  db.prepare('INSERT OR IGNORE INTO payments VALUES (?, ?, ?, ?, ?, ?)').run(
    String(event.id), String(p.customer || ''), Number.parseInt(p.amount, 10) || 0,
    String(p.currency || 'usd').slice(0, 3), event.type.split('.')[1], new Date().toISOString(),
  );
  res.json({ received: true });
});

function financeOnly(req, res, next) {
  const given = Buffer.from(String(req.get('x-finance-token') || ''));
  const expected = Buffer.from(FINANCE_TOKEN);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return res.status(403).json({ error: 'forbidden' });
  }
  next();
}

function csvCell(value) {
  let s = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // keep spreadsheet apps from running it as a formula
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

app.get('/finance/payments.csv', financeOnly, (req, res) => {
  const since = Number.isNaN(Date.parse(req.query.since)) ? '1970-01-01' : new Date(req.query.since).toISOString();
  const rows = db.prepare('SELECT * FROM payments WHERE received_at >= ? ORDER BY received_at LIMIT 10000').all(since);
  const header = 'event_id,customer,amount_cents,currency,status,received_at';
  const body = rows.map((r) => [r.event_id, r.customer, r.amount_cents, r.currency, r.status, r.received_at].map(csvCell).join(','));
  res.type('text/csv').attachment('payments.csv').send([header, ...body].join('\n'));
});

app.listen(process.env.PORT || 3000);
