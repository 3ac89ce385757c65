const express = require('express');
const cookieParser = require('cookie-parser');
const db = require('./db');

const app = express();
app.use(cookieParser());
app.use(express.json());

function isAdmin(req) {
  return req.cookies.isAdmin === 'true' || req.headers['x-admin'] === '1';
}

app.get('/admin/users', async (req, res) => {
  if (!isAdmin(req)) return res.status(403).json({ error: 'Forbidden' });
  res.json(await db.all('SELECT id, email, role FROM users'));
});

app.post('/admin/users/:id/role', async (req, res) => {
  if (!isAdmin(req)) return res.status(403).json({ error: 'Forbidden' });
  await db.run('UPDATE users SET role = ? WHERE id = ?', [req.body.role, req.params.id]);
  res.json({ ok: true });
});

app.listen(3000);
