const express = require('express');
const { exec } = require('child_process');
const path = require('path');

const app = express();
const EXPORT_DIR = path.join(__dirname, 'exports');

app.get('/export', (req, res) => {
  const format = req.query.format || 'csv';
  const table = req.query.table || 'orders';
  const out = path.join(EXPORT_DIR, `${table}.${format}`);
  exec(`sqlite3 -header -${format} data.db "SELECT * FROM ${table}" > ${out}`, (err) => {
    if (err) return res.status(500).json({ error: 'export failed' });
    res.download(out);
  });
});

app.listen(3000);
