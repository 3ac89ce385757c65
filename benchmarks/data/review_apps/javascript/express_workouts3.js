// Workout log: athletes sign in, log sessions and see their weekly totals. The web front end
// is served from ./public and calls the API with the session cookie.
const express = require('express');
const cookieParser = require('cookie-parser');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const Database = require('better-sqlite3');

const app = express();
app.use(express.json({ limit: '16kb' }));
app.use(cookieParser());
app.use(express.static('public'));

const JWT_SECRET = process.env.JWT_SECRET;
if (!JWT_SECRET) throw new Error('JWT_SECRET missing');

const db = new Database(process.env.WORKOUTS_DB || 'workouts.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS athletes (id INTEGER PRIMARY KEY, email TEXT UNIQUE, password_hash TEXT);
  CREATE TABLE IF NOT EXISTS workouts (id INTEGER PRIMARY KEY, athlete_id INTEGER, kind TEXT,
    minutes INTEGER CHECK (minutes BETWEEN 1 AND 1440), day TEXT);
`);

const KINDS = new Set(['run', 'ride', 'swim', 'lift', 'yoga']);

function requireAthlete(req, res, next) {
  try {
    req.athlete = jwt.verify(req.cookies.token || '', JWT_SECRET, { algorithms: ['HS256'] });
    next();
  } catch {
    res.status(401).json({ error: 'sign in first' });
  }
}

app.post('/api/signup', async (req, res) => {
  const { email, password } = req.body || {};
  if (typeof email !== 'string' || !email.includes('@') || typeof password !== 'string' || password.length < 10) {
    return res.status(400).json({ error: 'a valid email and a 10+ character password' });
  }
  try {
    db.prepare('INSERT INTO athletes (email, password_hash) VALUES (?, ?)').run(email.toLowerCase(), await bcrypt.hash(password, 12));
    res.status(201).json({ ok: true });
  } catch {
    res.status(409).json({ error: 'already registered' });
  }
});

app.post('/api/login', async (req, res) => {
  const { email, password } = req.body || {};
  const athlete = db.prepare('SELECT * FROM athletes WHERE email = ?').get(String(email || '').toLowerCase());
  if (!athlete || !(await bcrypt.compare(String(password || ''), athlete.password_hash))) {
    return res.status(401).json({ error: 'wrong email or password' });
  }
  const token = jwt.sign({ id: athlete.id }, JWT_SECRET, { expiresIn: '7d' });
  res.cookie('token', token, { sameSite: 'lax', maxAge: 7 * 24 * 3600 * 1000 });
  res.json({ ok: true });
});

app.post('/api/logout', (req, res) => {
  res.clearCookie('token');
  res.status(204).end();
});

app.post('/api/workouts', requireAthlete, (req, res) => {
  const { kind, minutes, day } = req.body || {};
  const mins = Number(minutes);
  if (!KINDS.has(kind) || !Number.isInteger(mins) || mins < 1 || mins > 1440 || !/^\d{4}-\d{2}-\d{2}$/.test(String(day))) {
    return res.status(400).json({ error: 'kind, minutes (1-1440) and day (YYYY-MM-DD) required' });
  }
  const info = db.prepare('INSERT INTO workouts (athlete_id, kind, minutes, day) VALUES (?, ?, ?, ?)').run(req.athlete.id, kind, mins, day);
  res.status(201).json({ id: info.lastInsertRowid });
});

app.get('/api/workouts/weekly', requireAthlete, (req, res) => {
  const rows = db
    .prepare(`SELECT strftime('%Y-%W', day) AS week, kind, SUM(minutes) AS minutes FROM workouts
              WHERE athlete_id = ? GROUP BY week, kind ORDER BY week DESC LIMIT 200`)
    .all(req.athlete.id);
  res.json(rows);
});

app.delete('/api/workouts/:id', requireAthlete, (req, res) => {
  const { changes } = db.prepare('DELETE FROM workouts WHERE id = ? AND athlete_id = ?').run(req.params.id, req.athlete.id);
  res.status(changes ? 204 : 404).end();
});

app.listen(process.env.PORT || 3000);
