// Workspace admin: organisations with members and roles; owners and admins manage members,
// members read the organisation's projects.
const express = require('express');
const session = require('express-session');
const bcrypt = require('bcrypt');
const Database = require('better-sqlite3');

const app = express();
app.set('trust proxy', 1);
app.use(express.json({ limit: '16kb' }));
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' },
  }),
);

const db = new Database(process.env.ORGS_DB || 'orgs.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, password_hash TEXT);
  CREATE TABLE IF NOT EXISTS orgs (id INTEGER PRIMARY KEY, name TEXT);
  CREATE TABLE IF NOT EXISTS members (org_id INTEGER, user_id INTEGER, role TEXT CHECK (role IN ('owner', 'admin', 'member')),
    PRIMARY KEY (org_id, user_id));
  CREATE TABLE IF NOT EXISTS projects (id INTEGER PRIMARY KEY, org_id INTEGER, name TEXT);
`);

const RANK = { member: 1, admin: 2, owner: 3 };

function signedIn(req, res, next) {
  if (!req.session.userId) return res.status(401).json({ error: 'sign in first' });
  next();
}

// requireRole('admin') lets admins and owners of :orgId through and records the caller's role.
function requireRole(minimum) {
  return (req, res, next) => {
    const row = db.prepare('SELECT role FROM members WHERE org_id = ? AND user_id = ?').get(req.params.orgId, req.session.userId);
    if (!row) return res.status(404).json({ error: 'organisation not found' });
    if (RANK[row.role] < RANK[minimum]) return res.status(403).json({ error: `${minimum} role required` });
    req.orgRole = row.role;
    next();
  };
}

app.post('/session', async (req, res) => {
  const { email, password } = req.body || {};
  const user = db.prepare('SELECT * FROM users WHERE email = ?').get(String(email || '').toLowerCase());
  if (!user || !(await bcrypt.compare(String(password || ''), user.password_hash))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  req.session.regenerate((err) => {
    if (err) return res.status(500).json({ error: 'could not start a session' });
    req.session.userId = user.id;
    res.json({ id: user.id });
  });
});

app.get('/orgs/:orgId/projects', signedIn, requireRole('member'), (req, res) => {
  res.json(db.prepare('SELECT id, name FROM projects WHERE org_id = ?').all(req.params.orgId));
});

app.get('/orgs/:orgId/members', signedIn, requireRole('member'), (req, res) => {
  res.json(db.prepare(`SELECT u.id, u.email, m.role FROM members m JOIN users u ON u.id = m.user_id
                       WHERE m.org_id = ? ORDER BY u.email`).all(req.params.orgId));
});

app.post('/orgs/:orgId/members', signedIn, requireRole('admin'), (req, res) => {
  const user = db.prepare('SELECT id FROM users WHERE email = ?').get(String(req.body.email || '').toLowerCase());
  if (!user) return res.status(404).json({ error: 'no user with that email' });
  db.prepare("INSERT OR IGNORE INTO members (org_id, user_id, role) VALUES (?, ?, 'member')").run(req.params.orgId, user.id);
  res.status(201).json({ userId: user.id, role: 'member' });
});

app.patch('/orgs/:orgId/members/:userId', signedIn, requireRole('admin'), (req, res) => {
  const role = req.body.role;
  if (!Object.hasOwn(RANK, role)) return res.status(400).json({ error: 'role must be member, admin or owner' });
  // Nobody hands out a role above their own, and only owners change an owner.
  const target = db.prepare('SELECT role FROM members WHERE org_id = ? AND user_id = ?').get(req.params.orgId, req.params.userId);
  if (!target) return res.status(404).json({ error: 'not a member' });
  if (RANK[role] > RANK[req.orgRole] || (target.role === 'owner' && req.orgRole !== 'owner')) {
    return res.status(403).json({ error: 'not allowed' });
  }
  db.prepare('UPDATE members SET role = ? WHERE org_id = ? AND user_id = ?').run(role, req.params.orgId, req.params.userId);
  res.json({ userId: Number(req.params.userId), role });
});

app.delete('/orgs/:orgId/members/:userId', signedIn, requireRole('admin'), (req, res) => {
  const target = db.prepare('SELECT role FROM members WHERE org_id = ? AND user_id = ?').get(req.params.orgId, req.params.userId);
  if (!target) return res.status(404).json({ error: 'not a member' });
  if (target.role === 'owner') return res.status(403).json({ error: 'owners cannot be removed' });
  db.prepare('DELETE FROM members WHERE org_id = ? AND user_id = ?').run(req.params.orgId, req.params.userId);
  res.status(204).end();
});

app.listen(process.env.PORT || 3000);
