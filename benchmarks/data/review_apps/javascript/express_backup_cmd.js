const express = require('express');
const { exec, execFile } = require('child_process');
const path = require('path');
const fs = require('fs');

const app = express();
app.use(express.json());

const DATA_DIR = path.resolve(process.env.DATA_DIR || 'data');
const BACKUP_DIR = path.resolve(process.env.BACKUP_DIR || 'backups');
fs.mkdirSync(DATA_DIR, { recursive: true });
fs.mkdirSync(BACKUP_DIR, { recursive: true });
const ADMIN_KEY = process.env.ADMIN_KEY;

app.use((req, res, next) => {
  if (!ADMIN_KEY || req.get('x-admin-key') !== ADMIN_KEY) return res.status(401).json({ error: 'admin key required' });
  next();
});

app.post('/backups', (req, res) => {
  const label = req.body.label || new Date().toISOString().slice(0, 10);
  const archive = path.join(BACKUP_DIR, `backup-${label}.tar.gz`);
  exec(`tar -czf "${archive}" -C "${DATA_DIR}" .`, (err, stdout, stderr) => {
    if (err) return res.status(500).json({ error: 'backup failed', detail: stderr });
    res.status(201).json({ archive: path.basename(archive) });
  });
});

app.get('/backups', (req, res) => {
  res.json(fs.readdirSync(BACKUP_DIR).filter((f) => f.endsWith('.tar.gz')));
});

app.get('/backups/:name/contents', (req, res) => {
  const name = path.basename(req.params.name);
  execFile('tar', ['-tzf', path.join(BACKUP_DIR, name)], { maxBuffer: 1024 * 1024 }, (err, stdout) => {
    if (err) return res.status(404).json({ error: 'no such backup' });
    res.json({ files: stdout.split('\n').filter(Boolean) });
  });
});

app.get('/disk', (req, res) => {
  execFile('du', ['-sh', DATA_DIR, BACKUP_DIR], (err, stdout) => {
    if (err) return res.status(500).json({ error: 'du failed' });
    res.json({ usage: stdout.trim().split('\n') });
  });
});

app.listen(process.env.PORT || 3000);
