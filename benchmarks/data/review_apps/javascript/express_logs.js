const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const LOG_DIR = '/var/log/app';

app.use((req, res, next) => {
  console.log(`${new Date().toISOString()} ${req.method} ${req.url} user=${req.query.user || '-'}`);
  next();
});

app.get('/logs/:file', (req, res) => {
  const file = path.join(LOG_DIR, req.params.file);
  fs.readFile(file, 'utf8', (err, data) => {
    if (err) return res.status(404).json({ error: 'not found' });
    const lines = data.split('\n');
    res.json({ lines: lines.slice(-Number(req.query.tail || 100)) });
  });
});

app.listen(3000);
