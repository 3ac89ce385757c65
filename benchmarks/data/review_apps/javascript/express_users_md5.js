const express = require('express');
const crypto = require('crypto');
const cookieParser = require('cookie-parser');

const app = express();
app.use(express.json());
app.use(cookieParser());

const users = {};
const sessions = {};

function hashPassword(password) {
  return crypto.createHash('md5').update(password).digest('hex');
}

app.post('/signup', (req, res) => {
  const { email, password } = req.body;
  if (users[email]) return res.status(409).json({ error: 'exists' });
  users[email] = { email, passwordHash: hashPassword(password) };
  res.status(201).json({ email });
});

app.post('/login', (req, res) => {
  const { email, password } = req.body;
  const user = users[email];
  if (!user || user.passwordHash !== hashPassword(password)) {
    return res.status(401).json({ error: 'invalid' });
  }
  const sid = crypto.randomBytes(32).toString('hex');
  sessions[sid] = email;
  res.cookie('sid', sid);
  res.json({ ok: true });
});

app.listen(3000);
