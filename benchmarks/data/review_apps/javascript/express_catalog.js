const express = require('express');
const cors = require('cors');
const db = require('./db');

const app = express();
app.use(cors({ origin: (origin, cb) => cb(null, true), credentials: true }));

app.get('/api/products', async (req, res) => {
  const page = parseInt(req.query.page, 10) || 1;
  const pageSize = parseInt(req.query.pageSize, 10) || 20;
  const rows = await db.all('SELECT * FROM products LIMIT ? OFFSET ?', [pageSize, (page - 1) * pageSize]);
  res.json({ page, items: rows });
});

app.get('/api/me', async (req, res) => {
  res.json(await db.get('SELECT email, address FROM users WHERE session = ?', [req.headers.cookie]));
});

app.listen(3000);
