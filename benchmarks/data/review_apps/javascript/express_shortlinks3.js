// Link shortener: signed-in users create short links; anyone can follow them; owners see clicks.
const express = require('express');
const crypto = require('crypto');
const bcrypt = require('bcryptjs');
const jwt = require('jsonwebtoken');
const rateLimit = require('express-rate-limit');
const Database = require('better-sqlite3');

const app = express();
app.use(express.json({ limit: '8kb' }));

const SECRET = process.env.JWT_SECRET;
if (!SECRET) throw new Error('JWT_SECRET is not set');

const db = new Database(process.env.LINKS_DB || 'links.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE, password_hash TEXT);
  CREATE TABLE IF NOT EXISTS links (code TEXT PRIMARY KEY, owner_id INTEGER NOT NULL, target TEXT NOT NULL,
    clicks INTEGER NOT NULL DEFAULT 0, created_at TEXT DEFAULT CURRENT_TIMESTAMP);
`);

const authLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 20 });
const createLimiter = rateLimit({ windowMs: 60 * 1000, limit: 30 });

function requireUser(req, res, next) {
  const auth = req.get('Authorization');
  if (!auth || !auth.startsWith('Bearer ')) return res.status(401).json({ error: 'unauthorized' });
  try {
    req.user = jwt.verify(auth.slice('Bearer '.length), SECRET, { algorithms: ['HS256'] });
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}

function newCode() {
  return crypto.randomBytes(6).toString('base64url');
}

app.post('/api/signup', authLimiter, async (req, res) => {
  const { username, password } = req.body || {};
  if (typeof username !== 'string' || !/^[a-z0-9_]{3,32}$/i.test(username) || typeof password !== 'string' || password.length < 10) {
    return res.status(400).json({ error: 'username (3-32 letters, digits, _) and a 10+ character password' });
  }
  try {
    db.prepare('INSERT INTO users (username, password_hash) VALUES (?, ?)').run(username, await bcrypt.hash(password, 12));
    res.status(201).json({ ok: true });
  } catch {
    res.status(409).json({ error: 'username taken' });
  }
});

app.post('/api/login', authLimiter, async (req, res) => {
  const { username, password } = req.body || {};
  const user = db.prepare('SELECT * FROM users WHERE username = ?').get(String(username || ''));
  const ok = user && (await bcrypt.compare(String(password || ''), user.password_hash));
  if (!ok) return res.status(401).json({ error: 'invalid credentials' });
  res.json({ token: jwt.sign({ id: user.id }, SECRET, { expiresIn: '12h' }) });
});

app.post('/api/links', requireUser, createLimiter, (req, res) => {
  let target;
  try {
    target = new URL(String(req.body.url || ''));
  } catch {
    return res.status(400).json({ error: 'a valid URL is required' });
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    return res.status(400).json({ error: 'only http and https links' });
  }
  const code = newCode();
  db.prepare('INSERT INTO links (code, owner_id, target) VALUES (?, ?, ?)').run(code, req.user.id, target.href);
  res.status(201).json({ code, short: `/${code}` });
});

app.get('/api/links', requireUser, (req, res) => {
  res.json(db.prepare('SELECT code, target, clicks, created_at FROM links WHERE owner_id = ? ORDER BY created_at DESC').all(req.user.id));
});

app.get('/api/links/:code/stats', requireUser, (req, res) => {
  const link = db.prepare('SELECT code, target, clicks FROM links WHERE code = ? AND owner_id = ?').get(req.params.code, req.user.id);
  if (!link) return res.status(404).json({ error: 'not found' });
  res.json(link);
});

app.delete('/api/links/:code', requireUser, (req, res) => {
  const { changes } = db.prepare('DELETE FROM links WHERE code = ? AND owner_id = ?').run(req.params.code, req.user.id);
  res.status(changes ? 204 : 404).end();
});

// Following a short link is the service: it sends the visitor to the URL its owner saved.
app.get('/:code', (req, res) => {
  const link = db.prepare('SELECT target FROM links WHERE code = ?').get(req.params.code);
  if (!link) return res.status(404).send('Unknown link');
  db.prepare('UPDATE links SET clicks = clicks + 1 WHERE code = ?').run(req.params.code);
  res.redirect(302, link.target);
});

app.listen(process.env.PORT || 3000);
