const express = require('express');
const db = require('./db');

const app = express();
app.use(express.json());

app.get('/orders/:id', async (req, res, next) => {
  try {
    const order = await db.get('SELECT * FROM orders WHERE id = ?', [req.params.id]);
    res.json(order);
  } catch (err) {
    next(err);
  }
});

app.use((err, req, res, next) => {
  res.status(500).json({ error: err.message, stack: err.stack, query: err.sql });
});

app.listen(3000);
