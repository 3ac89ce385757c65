const express = require('express');
const escapeHtml = require('escape-html');
const db = require('./db');
const { requireAuth } = require('./auth');

const app = express();
app.use(express.urlencoded({ extended: false, limit: '20kb' }));

app.get('/comments', async (req, res) => {
  const rows = await db.all('SELECT author, text FROM comments ORDER BY id DESC LIMIT 100');
  const items = rows.map((c) => `<li><b>${escapeHtml(c.author)}</b>: ${escapeHtml(c.text)}</li>`);
  res.send(`<ul>${items.join('')}</ul>`);
});

app.post('/comments', requireAuth, async (req, res) => {
  const text = String(req.body.text || '').trim().slice(0, 1000);
  if (!text) return res.status(400).send('empty comment');
  await db.run('INSERT INTO comments (author, text) VALUES (?, ?)', [req.user.name, text]);
  res.redirect('/comments');
});

app.listen(3000);
