const express = require('express');
const cors = require('cors');
const cookieParser = require('cookie-parser');
const crypto = require('crypto');

const app = express();
app.use(cors({ origin: true, credentials: true }));
app.use(express.json());
app.use(cookieParser());

const members = { 'sess-owner': { id: 1, name: 'Owner', team: 'acme', role: 'owner' } };
const invites = new Map();

function member(req, res, next) {
  req.member = members[req.cookies.session];
  if (!req.member) return res.status(401).json({ error: 'not signed in' });
  next();
}

function inviteCode() {
  return Math.random().toString(36).substring(2, 10).toUpperCase();
}

app.post('/invites', member, (req, res) => {
  if (req.member.role !== 'owner') return res.status(403).json({ error: 'only owners invite' });
  const email = String(req.body.email || '').toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) return res.status(400).json({ error: 'invalid email' });
  const code = inviteCode();
  invites.set(code, { email, team: req.member.team, expires: Date.now() + 7 * 86400000 });
  res.status(201).json({ code, link: `https://app.example.com/join/${code}` });
});

app.post('/join/:code', (req, res) => {
  const invite = invites.get(req.params.code);
  if (!invite || invite.expires < Date.now()) return res.status(404).json({ error: 'invalid invite' });
  invites.delete(req.params.code);
  const sid = crypto.randomBytes(24).toString('hex');
  members[sid] = { id: Object.keys(members).length + 1, name: invite.email, team: invite.team, role: 'member' };
  res.cookie('session', sid, { httpOnly: true, secure: true, sameSite: 'none' });
  res.json({ team: invite.team });
});

app.get('/team', member, (req, res) => {
  res.json(Object.values(members).filter((m) => m.team === req.member.team)
    .map(({ id, name, role }) => ({ id, name, role })));
});

app.get('/me', member, (req, res) => res.json(req.member));

app.listen(process.env.PORT || 3000);
