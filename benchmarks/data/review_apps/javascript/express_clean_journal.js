const express = require('express');
const session = require('express-session');
const bcrypt = require('bcryptjs');
const Database = require('better-sqlite3');
const escapeHtml = require('escape-html');

const app = express();
app.set('trust proxy', 1);
app.use(express.urlencoded({ extended: false, limit: '32kb' }));
app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 4 * 3600 * 1000 },
}));

const db = new Database(process.env.JOURNAL_DB || 'journal.db');
db.exec(`CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, hash TEXT);
CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, user_id INTEGER, title TEXT, body TEXT, created TEXT)`);

const page = (title, body) => `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title>${body}`;
const signedIn = (req, res, next) => (req.session.uid ? next() : res.redirect('/login'));

app.post('/signup', async (req, res) => {
  const email = String(req.body.email || '').trim().toLowerCase();
  const password = String(req.body.password || '');
  if (!/^[^@\s]{1,64}@[^@\s]{1,190}$/.test(email) || password.length < 10 || password.length > 200) {
    return res.status(400).send('A valid email and a 10-200 character password are required');
  }
  try {
    db.prepare('INSERT INTO users (email, hash) VALUES (?, ?)').run(email, await bcrypt.hash(password, 12));
  } catch (e) {
    return res.status(409).send('Account exists');
  }
  res.redirect('/login');
});

app.post('/login', async (req, res) => {
  const user = db.prepare('SELECT id, hash FROM users WHERE email = ?').get(String(req.body.email || '').toLowerCase());
  if (!user || !(await bcrypt.compare(String(req.body.password || ''), user.hash))) {
    return res.status(401).send('Invalid email or password');
  }
  req.session.regenerate(() => {
    req.session.uid = user.id;
    res.redirect('/entries');
  });
});

app.get('/entries', signedIn, (req, res) => {
  const rows = db.prepare('SELECT id, title, created FROM entries WHERE user_id = ? ORDER BY id DESC LIMIT 100').all(req.session.uid);
  const list = rows.map((r) => `<li><a href="/entries/${r.id}">${escapeHtml(r.title)}</a> <small>${escapeHtml(r.created)}</small></li>`);
  res.send(page('Journal', `<ul>${list.join('')}</ul>`));
});

app.get('/entries/:id', signedIn, (req, res) => {
  const entry = db.prepare('SELECT * FROM entries WHERE id = ? AND user_id = ?').get(Number(req.params.id), req.session.uid);
  if (!entry) return res.status(404).send('Not found');
  const body = escapeHtml(entry.body).replace(/\n/g, '<br>');
  res.send(page(entry.title, `<h1>${escapeHtml(entry.title)}</h1><div>${body}</div>`));
});

app.post('/entries', signedIn, (req, res) => {
  const title = String(req.body.title || '').trim().slice(0, 200);
  const body = String(req.body.body || '').slice(0, 20000);
  if (!title) return res.status(400).send('Title required');
  const info = db.prepare('INSERT INTO entries (user_id, title, body, created) VALUES (?, ?, ?, ?)')
    .run(req.session.uid, title, body, new Date().toISOString());
  res.redirect(`/entries/${info.lastInsertRowid}`);
});

app.listen(process.env.PORT || 3000);
