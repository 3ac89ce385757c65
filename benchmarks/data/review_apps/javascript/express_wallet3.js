// Office snack wallet: colleagues hold credits and send each other credits.
const express = require('express');
const session = require('express-session');
const bcrypt = require('bcrypt');
const Database = require('better-sqlite3');
const { body, validationResult } = require('express-validator');

const app = express();
app.use(express.json({ limit: '10kb' }));
app.set('trust proxy', 1);
app.use(
  session({
    name: 'wallet.sid',
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'strict', maxAge: 2 * 60 * 60 * 1000 },
  }),
);

const db = new Database(process.env.WALLET_DB || 'wallet.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY, email TEXT UNIQUE,
    password_hash TEXT, balance INTEGER NOT NULL DEFAULT 100);
  CREATE TABLE IF NOT EXISTS transfers (id INTEGER PRIMARY KEY, from_id INTEGER, to_id INTEGER,
    amount INTEGER, note TEXT, at TEXT DEFAULT CURRENT_TIMESTAMP);
`);

const requireLogin = (req, res, next) =>
  req.session.accountId ? next() : res.status(401).json({ error: 'login required' });

app.post(
  '/register',
  body('email').isEmail().normalizeEmail(),
  body('password').isLength({ min: 10, max: 128 }),
  async (req, res) => {
    if (!validationResult(req).isEmpty()) return res.status(400).json({ error: 'invalid email or password' });
    const hash = await bcrypt.hash(req.body.password, 12);
    try {
      db.prepare('INSERT INTO accounts (email, password_hash) VALUES (?, ?)').run(req.body.email, hash);
      res.status(201).json({ ok: true });
    } catch {
      res.status(409).json({ error: 'already registered' });
    }
  },
);

app.post('/login', body('email').isEmail().normalizeEmail(), async (req, res) => {
  const acct = db.prepare('SELECT * FROM accounts WHERE email = ?').get(req.body.email || '');
  if (!acct || !(await bcrypt.compare(String(req.body.password || ''), acct.password_hash))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  req.session.regenerate((err) => {
    if (err) return res.status(500).json({ error: 'session error' });
    req.session.accountId = acct.id;
    res.json({ ok: true });
  });
});

app.get('/balance', requireLogin, (req, res) => {
  const { balance } = db.prepare('SELECT balance FROM accounts WHERE id = ?').get(req.session.accountId);
  res.json({ balance });
});

const transfer = db.transaction((fromId, toId, amount, note) => {
  const from = db.prepare('SELECT balance FROM accounts WHERE id = ?').get(fromId);
  if (from.balance < amount) throw new Error('insufficient funds');
  db.prepare('UPDATE accounts SET balance = balance - ? WHERE id = ?').run(amount, fromId);
  db.prepare('UPDATE accounts SET balance = balance + ? WHERE id = ?').run(amount, toId);
  db.prepare('INSERT INTO transfers (from_id, to_id, amount, note) VALUES (?, ?, ?, ?)').run(fromId, toId, amount, note);
});

app.post('/transfers', requireLogin, body('to').isEmail().normalizeEmail(), (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).json({ error: 'recipient email required' });
  const amount = parseInt(req.body.amount, 10);
  if (Number.isNaN(amount)) return res.status(400).json({ error: 'amount must be a number' });
  const to = db.prepare('SELECT id FROM accounts WHERE email = ?').get(req.body.to);
  if (!to || to.id === req.session.accountId) return res.status(400).json({ error: 'unknown recipient' });
  try {
    transfer(req.session.accountId, to.id, amount, String(req.body.note || '').slice(0, 140));
    res.status(201).json({ ok: true });
  } catch (e) {
    res.status(400).json({ error: e.message });
  }
});

app.get('/transfers', requireLogin, (req, res) => {
  res.json(db.prepare('SELECT * FROM transfers WHERE from_id = ? OR to_id = ? ORDER BY id DESC LIMIT 100')
    .all(req.session.accountId, req.session.accountId));
});

app.listen(process.env.PORT || 3000);
