const express = require('express');
const bcrypt = require('bcrypt');
const { sendMail } = require('./mailer');
const users = require('./users');

const app = express();
app.use(express.json());
const resetTokens = new Map();

function generateToken() {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

app.post('/forgot-password', async (req, res) => {
  const user = await users.findByEmail(req.body.email);
  if (user) {
    const token = generateToken();
    resetTokens.set(token, { userId: user.id, expires: Date.now() + 3600000 });
    await sendMail(user.email, `Reset: https://app.example.com/reset/${token}`);
  }
  res.json({ message: 'If that email exists, a reset link was sent' });
});

app.post('/reset/:token', async (req, res) => {
  const entry = resetTokens.get(req.params.token);
  if (!entry || entry.expires < Date.now()) return res.status(400).json({ error: 'invalid' });
  resetTokens.delete(req.params.token);
  await users.setPasswordHash(entry.userId, await bcrypt.hash(req.body.password, 12));
  res.json({ ok: true });
});

app.listen(3000);
