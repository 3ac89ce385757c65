const express = require('express');
const cookieParser = require('cookie-parser');
const crypto = require('crypto');

const app = express();
app.use(express.json({ limit: '10kb' }));
app.use(cookieParser());

const users = {
  1: { id: 1, handle: 'alice', name: 'Alice Liddell', headline: 'Product designer', about: 'I like maps.' },
  2: { id: 2, handle: 'bob', name: 'Bob Ross', headline: 'Painter', about: 'Happy little trees.' },
};
const sessions = {};

app.post('/session', (req, res) => {
  // Demo sign-in: the identity provider has already checked the password and
  // hands us a signed assertion; we verify it with the shared key.
  const { userId, assertion } = req.body;
  const expected = crypto.createHmac('sha256', process.env.IDP_KEY || crypto.randomBytes(32))
    .update(String(userId)).digest('hex');
  if (!users[userId] || typeof assertion !== 'string' || assertion.length !== expected.length
      || !crypto.timingSafeEqual(Buffer.from(assertion), Buffer.from(expected))) {
    return res.status(401).json({ error: 'bad assertion' });
  }
  const sid = crypto.randomUUID();
  sessions[sid] = Number(userId);
  res.cookie('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax' });
  res.json({ ok: true });
});

function currentUser(req, res, next) {
  const uid = sessions[req.cookies.sid];
  if (!uid) return res.status(401).json({ error: 'sign in first' });
  req.uid = uid;
  next();
}

app.get('/@:handle', (req, res) => {
  const user = Object.values(users).find((u) => u.handle === req.params.handle);
  if (!user) return res.status(404).send('No such profile');
  res.type('html').send(`<!doctype html>
<html>
  <head><title>${user.name} (@${user.handle})</title></head>
  <body>
    <header><h1>${user.name}</h1><p class="headline">${user.headline}</p></header>
    <section class="about">${user.about}</section>
  </body>
</html>`);
});

app.put('/api/users/:id', currentUser, (req, res) => {
  const user = users[req.params.id];
  if (!user) return res.status(404).json({ error: 'not found' });
  for (const key of ['name', 'headline', 'about']) {
    if (typeof req.body[key] === 'string') user[key] = req.body[key].slice(0, 500);
  }
  res.json(user);
});

app.get('/api/users/:id', (req, res) => {
  const user = users[req.params.id];
  if (!user) return res.status(404).json({ error: 'not found' });
  const { id, handle, name, headline } = user;
  res.json({ id, handle, name, headline });
});

app.listen(process.env.PORT || 3000);
