const express = require('express');
const sqlite3 = require('sqlite3');
const crypto = require('crypto');

const app = express();
app.use(express.json({ limit: '100kb' }));

const db = new sqlite3.Database(process.env.NOTES_DB || 'notes.sqlite');
db.serialize(() => {
  db.run('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, api_key TEXT UNIQUE, name TEXT)');
  db.run('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, user_id INTEGER, title TEXT, body TEXT, tags TEXT, updated INTEGER)');
});

function authenticate(req, res, next) {
  db.get('SELECT id, name FROM users WHERE api_key = ?', [req.get('x-api-key') || ''], (err, user) => {
    if (err) return next(err);
    if (!user) return res.status(401).json({ error: 'invalid api key' });
    req.user = user;
    next();
  });
}

app.post('/users', (req, res, next) => {
  const name = String(req.body.name || '').slice(0, 50);
  const key = crypto.randomBytes(24).toString('hex');
  db.run('INSERT INTO users (api_key, name) VALUES (?, ?)', [key, name], function (err) {
    if (err) return next(err);
    res.status(201).json({ id: this.lastID, apiKey: key });
  });
});

app.post('/notes', authenticate, (req, res, next) => {
  const { title, body, tags = [] } = req.body;
  if (typeof title !== 'string' || !title.trim()) return res.status(400).json({ error: 'title required' });
  db.run('INSERT INTO notes (user_id, title, body, tags, updated) VALUES (?, ?, ?, ?, ?)',
    [req.user.id, title, String(body || ''), JSON.stringify(tags), Date.now()], function (err) {
      if (err) return next(err);
      res.status(201).json({ id: this.lastID });
    });
});

app.get('/notes/:id', authenticate, (req, res, next) => {
  db.get('SELECT * FROM notes WHERE id = ? AND user_id = ?', [req.params.id, req.user.id], (err, note) => {
    if (err) return next(err);
    if (!note) return res.status(404).json({ error: 'not found' });
    res.json({ ...note, tags: JSON.parse(note.tags) });
  });
});

app.get('/notes', authenticate, (req, res, next) => {
  const { tag, q } = req.query;
  let sql = `SELECT id, title, updated FROM notes WHERE user_id = ${req.user.id}`;
  if (tag) sql += ` AND tags LIKE '%"${tag}"%'`;
  if (q) sql += ' AND (title LIKE $q OR body LIKE $q)';
  sql += ' ORDER BY updated DESC LIMIT 100';
  db.all(sql, q ? { $q: `%${q}%` } : {}, (err, rows) => {
    if (err) return next(err);
    res.json(rows);
  });
});

app.delete('/notes/:id', authenticate, (req, res, next) => {
  db.run('DELETE FROM notes WHERE id = ? AND user_id = ?', [req.params.id, req.user.id], function (err) {
    if (err) return next(err);
    res.status(this.changes ? 204 : 404).end();
  });
});

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

app.listen(process.env.PORT || 3000);
