// Meetup board: members post events, anyone can view an event page and RSVP.
const express = require('express');
const session = require('express-session');
const bcrypt = require('bcrypt');
const escapeHtml = require('escape-html');
const Database = require('better-sqlite3');

const app = express();
app.set('trust proxy', 1);
app.use(express.urlencoded({ extended: false, limit: '50kb' }));
app.use(express.json({ limit: '50kb' }));
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: process.env.NODE_ENV === 'production' },
  }),
);

const db = new Database(process.env.DB_FILE || 'events.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS members (id INTEGER PRIMARY KEY, name TEXT UNIQUE, password_hash TEXT);
  CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, host_id INTEGER, title TEXT,
    starts_at TEXT, location TEXT, details TEXT);
  CREATE TABLE IF NOT EXISTS rsvps (event_id INTEGER, name TEXT, UNIQUE(event_id, name));
`);

function signedIn(req, res, next) {
  if (!req.session.memberId) return res.status(401).send('please sign in');
  next();
}

app.post('/signup', async (req, res) => {
  const { name, password } = req.body;
  if (!name || !password || password.length < 10) return res.status(400).send('name and a 10+ character password');
  const hash = await bcrypt.hash(password, 12);
  try {
    const { lastInsertRowid } = db.prepare('INSERT INTO members (name, password_hash) VALUES (?, ?)').run(name, hash);
    req.session.memberId = lastInsertRowid;
    res.status(201).send('welcome');
  } catch {
    res.status(409).send('name taken');
  }
});

app.post('/signin', async (req, res) => {
  const member = db.prepare('SELECT * FROM members WHERE name = ?').get(String(req.body.name || ''));
  if (!member || !(await bcrypt.compare(String(req.body.password || ''), member.password_hash))) {
    return res.status(401).send('wrong name or password');
  }
  req.session.regenerate(() => {
    req.session.memberId = member.id;
    res.send('signed in');
  });
});

app.post('/events', signedIn, (req, res) => {
  const { title, startsAt, location, details } = req.body;
  if (!title || !startsAt || Number.isNaN(Date.parse(startsAt))) return res.status(400).send('title and a valid start time');
  const { lastInsertRowid } = db
    .prepare('INSERT INTO events (host_id, title, starts_at, location, details) VALUES (?, ?, ?, ?, ?)')
    .run(req.session.memberId, title, new Date(startsAt).toISOString(), location || 'TBA', details || '');
  res.redirect(303, `/events/${lastInsertRowid}`);
});

app.post('/events/:id/rsvp', (req, res) => {
  const event = db.prepare('SELECT id FROM events WHERE id = ?').get(req.params.id);
  if (!event) return res.status(404).send('no such event');
  const name = String(req.body.name || '').trim().slice(0, 80);
  if (!name) return res.status(400).send('name required');
  db.prepare('INSERT OR IGNORE INTO rsvps (event_id, name) VALUES (?, ?)').run(event.id, name);
  res.redirect(303, `/events/${event.id}`);
});

app.get('/events/:id', (req, res) => {
  const event = db
    .prepare('SELECT e.*, m.name AS host FROM events e JOIN members m ON m.id = e.host_id WHERE e.id = ?')
    .get(req.params.id);
  if (!event) return res.status(404).send('no such event');
  const guests = db.prepare('SELECT name FROM rsvps WHERE event_id = ? ORDER BY name').all(event.id);
  const when = new Date(event.starts_at).toUTCString();
  res.send(`<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(event.title)}</title></head>
<body>
  <h1>${escapeHtml(event.title)}</h1>
  <p>Hosted by ${escapeHtml(event.host)} &middot; ${when}</p>
  <p class="where">Where: ${event.location}</p>
  <section>${escapeHtml(event.details)}</section>
  <h2>Going (${guests.length})</h2>
  <ul>${guests.map((g) => `<li>${escapeHtml(g.name)}</li>`).join('')}</ul>
  <form method="post" action="/events/${event.id}/rsvp"><input name="name"><button>RSVP</button></form>
</body></html>`);
});

app.listen(process.env.PORT || 3000);
