// Bookmarks API: each user keeps private bookmarks, searchable and sortable.
const express = require('express');
const Database = require('better-sqlite3');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const { z } = require('zod');

const app = express();
app.use(express.json({ limit: '32kb' }));

const JWT_SECRET = process.env.JWT_SECRET;
if (!JWT_SECRET) throw new Error('JWT_SECRET must be set');

const db = new Database(process.env.DB_PATH || 'bookmarks.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS bookmarks (
    id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, url TEXT NOT NULL, title TEXT NOT NULL,
    notes TEXT DEFAULT '', created_at TEXT DEFAULT CURRENT_TIMESTAMP
  );
`);

const Credentials = z.object({ email: z.string().email().max(254), password: z.string().min(8).max(200) });
const Bookmark = z.object({
  url: z.string().url().max(2048).refine((u) => /^https?:\/\//i.test(u), 'http(s) only'),
  title: z.string().min(1).max(200),
  notes: z.string().max(2000).optional(),
});

const SORTS = { newest: 'created_at DESC', oldest: 'created_at ASC', title: 'title COLLATE NOCASE ASC' };

function authenticate(req, res, next) {
  const token = (req.headers.authorization || '').replace(/^Bearer /, '');
  try {
    const payload = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] });
    req.userId = payload.sub;
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}

app.post('/auth/register', async (req, res) => {
  const parsed = Credentials.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: 'invalid email or password' });
  const hash = await bcrypt.hash(parsed.data.password, 12);
  try {
    const info = db.prepare('INSERT INTO users (email, password_hash) VALUES (?, ?)').run(parsed.data.email.toLowerCase(), hash);
    res.status(201).json({ id: info.lastInsertRowid });
  } catch {
    res.status(409).json({ error: 'email already registered' });
  }
});

app.post('/auth/login', async (req, res) => {
  const parsed = Credentials.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: 'invalid email or password' });
  const user = db.prepare('SELECT * FROM users WHERE email = ?').get(parsed.data.email.toLowerCase());
  if (!user || !(await bcrypt.compare(parsed.data.password, user.password_hash))) {
    return res.status(401).json({ error: 'invalid email or password' });
  }
  res.json({ token: jwt.sign({ sub: user.id }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '2h' }) });
});

app.get('/bookmarks', authenticate, (req, res) => {
  const q = String(req.query.q || '').replace(/[\\%_]/g, (c) => `\\${c}`);
  const order = SORTS[req.query.sort] || SORTS.newest;
  const rows = db
    .prepare(`SELECT id, url, title, notes, created_at FROM bookmarks
              WHERE user_id = ? AND (title LIKE ? ESCAPE '\\' OR url LIKE ? ESCAPE '\\')
              ORDER BY ${order} LIMIT 100`)
    .all(req.userId, `%${q}%`, `%${q}%`);
  res.json(rows);
});

app.post('/bookmarks', authenticate, (req, res) => {
  const parsed = Bookmark.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: parsed.error.issues[0].message });
  const { url, title, notes = '' } = parsed.data;
  const info = db.prepare('INSERT INTO bookmarks (user_id, url, title, notes) VALUES (?, ?, ?, ?)').run(req.userId, url, title, notes);
  res.status(201).json({ id: info.lastInsertRowid, url, title, notes });
});

app.put('/bookmarks/:id', authenticate, (req, res) => {
  const parsed = Bookmark.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: parsed.error.issues[0].message });
  const { url, title, notes = '' } = parsed.data;
  const info = db
    .prepare('UPDATE bookmarks SET url = ?, title = ?, notes = ? WHERE id = ? AND user_id = ?')
    .run(url, title, notes, req.params.id, req.userId);
  if (info.changes === 0) return res.status(404).json({ error: 'not found' });
  res.json({ id: Number(req.params.id), url, title, notes });
});

app.delete('/bookmarks/:id', authenticate, (req, res) => {
  const info = db.prepare('DELETE FROM bookmarks WHERE id = ? AND user_id = ?').run(req.params.id, req.userId);
  if (info.changes === 0) return res.status(404).json({ error: 'not found' });
  res.status(204).end();
});

app.listen(process.env.PORT || 3000);
