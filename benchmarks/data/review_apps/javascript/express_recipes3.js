// Recipe box: public recipe search with sorting, signed-in users add their own recipes.
const express = require('express');
const Database = require('better-sqlite3');
const bcrypt = require('bcryptjs');
const jwt = require('jsonwebtoken');

const app = express();
app.use(express.json({ limit: '100kb' }));

const JWT_SECRET = process.env.JWT_SECRET;
if (!JWT_SECRET) throw new Error('JWT_SECRET is required');

const db = new Database(process.env.DB_PATH || 'recipes.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, password_hash TEXT);
  CREATE TABLE IF NOT EXISTS recipes (
    id INTEGER PRIMARY KEY, author_id INTEGER, title TEXT, cuisine TEXT,
    minutes INTEGER, rating REAL DEFAULT 0, created_at TEXT DEFAULT CURRENT_TIMESTAMP
  );
`);

function requireAuth(req, res, next) {
  const header = req.get('authorization') || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : null;
  if (!token) return res.status(401).json({ error: 'missing token' });
  try {
    req.user = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] });
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
}

app.post('/api/register', async (req, res) => {
  const { email, password } = req.body || {};
  if (typeof email !== 'string' || typeof password !== 'string' || password.length < 8) {
    return res.status(400).json({ error: 'email and a password of 8+ characters required' });
  }
  const hash = await bcrypt.hash(password, 12);
  try {
    const info = db.prepare('INSERT INTO users (email, password_hash) VALUES (?, ?)').run(email, hash);
    res.status(201).json({ id: info.lastInsertRowid });
  } catch {
    res.status(409).json({ error: 'email already registered' });
  }
});

app.post('/api/login', async (req, res) => {
  const { email, password } = req.body || {};
  const user = db.prepare('SELECT * FROM users WHERE email = ?').get(String(email || ''));
  if (!user || !(await bcrypt.compare(String(password || ''), user.password_hash))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  res.json({ token: jwt.sign({ id: user.id }, JWT_SECRET, { expiresIn: '1h' }) });
});

app.post('/api/recipes', requireAuth, (req, res) => {
  const { title, cuisine, minutes } = req.body || {};
  if (!title || typeof title !== 'string') return res.status(400).json({ error: 'title required' });
  const info = db
    .prepare('INSERT INTO recipes (author_id, title, cuisine, minutes) VALUES (?, ?, ?, ?)')
    .run(req.user.id, title.slice(0, 200), String(cuisine || 'other'), Number(minutes) || 0);
  res.status(201).json({ id: info.lastInsertRowid });
});

// GET /api/recipes?q=soup&cuisine=thai&sort=minutes&order=asc
app.get('/api/recipes', (req, res) => {
  const { q = '', cuisine, sort = 'created_at', order = 'desc' } = req.query;
  const params = [`%${q}%`];
  let sql = 'SELECT id, title, cuisine, minutes, rating FROM recipes WHERE title LIKE ?';
  if (cuisine) {
    sql += ' AND cuisine = ?';
    params.push(cuisine);
  }
  const direction = String(order).toLowerCase() === 'asc' ? 'ASC' : 'DESC';
  sql += ` ORDER BY ${sort} ${direction} LIMIT 50`;
  try {
    res.json(db.prepare(sql).all(...params));
  } catch (err) {
    res.status(400).json({ error: 'bad query' });
  }
});

app.get('/api/recipes/:id', (req, res) => {
  const recipe = db.prepare('SELECT * FROM recipes WHERE id = ?').get(req.params.id);
  if (!recipe) return res.status(404).json({ error: 'not found' });
  res.json(recipe);
});

app.listen(process.env.PORT || 3000, () => console.log('recipes api up'));
