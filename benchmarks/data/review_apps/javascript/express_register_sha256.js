// Accounts API: registration, login and profile, backed by SQLite.
const express = require('express');
const crypto = require('crypto');
const Database = require('better-sqlite3');

const app = express();
app.use(express.json({ limit: '20kb' }));

const db = new Database(process.env.DB_FILE || 'accounts.db');
db.exec(`CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT UNIQUE NOT NULL,
  password_hash TEXT NOT NULL,
  display_name TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP
)`);
const sessions = new Map();

function hashPassword(password) {
  return crypto.createHash('sha256').update(password).digest('hex');
}

function auth(req, res, next) {
  const token = (req.get('authorization') || '').replace(/^Bearer /, '');
  const userId = sessions.get(token);
  if (!userId) return res.status(401).json({ error: 'Unauthorized' });
  req.userId = userId;
  next();
}

app.post('/api/register', (req, res) => {
  const { email, password, displayName } = req.body;
  if (typeof email !== 'string' || !email.includes('@')) {
    return res.status(400).json({ error: 'Valid email required' });
  }
  if (typeof password !== 'string' || password.length < 8) {
    return res.status(400).json({ error: 'Password must be at least 8 characters' });
  }
  try {
    const info = db.prepare('INSERT INTO users (email, password_hash, display_name) VALUES (?, ?, ?)')
      .run(email.toLowerCase(), hashPassword(password), displayName || null);
    res.status(201).json({ id: info.lastInsertRowid, email });
  } catch (err) {
    if (err.code === 'SQLITE_CONSTRAINT_UNIQUE') return res.status(409).json({ error: 'Email already registered' });
    throw err;
  }
});

app.post('/api/login', (req, res) => {
  const { email, password } = req.body;
  const user = db.prepare('SELECT id, password_hash FROM users WHERE email = ?').get(String(email).toLowerCase());
  if (!user || user.password_hash !== hashPassword(String(password))) {
    console.warn(`[auth] failed login for ${email} from ${req.ip}`);
    return res.status(401).json({ error: 'Invalid email or password' });
  }
  const token = crypto.randomBytes(32).toString('hex');
  sessions.set(token, user.id);
  res.json({ token });
});

app.get('/api/me', auth, (req, res) => {
  const user = db.prepare('SELECT id, email, display_name, created_at FROM users WHERE id = ?').get(req.userId);
  res.json(user);
});

app.patch('/api/me', auth, (req, res) => {
  const { displayName } = req.body;
  if (typeof displayName !== 'string' || displayName.length > 60) {
    return res.status(400).json({ error: 'displayName must be a string of at most 60 characters' });
  }
  db.prepare('UPDATE users SET display_name = ? WHERE id = ?').run(displayName, req.userId);
  res.json({ ok: true });
});

app.post('/api/logout', auth, (req, res) => {
  sessions.delete((req.get('authorization') || '').replace(/^Bearer /, ''));
  res.status(204).end();
});

const port = process.env.PORT || 3000;
app.listen(port, () => console.log(`accounts api on :${port}`));
