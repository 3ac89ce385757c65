// Document vault: authenticated uploads, stored under random names, downloadable by their owner.
const express = require('express');
const multer = require('multer');
const crypto = require('crypto');
const path = require('path');
const fs = require('fs');

const app = express();
const VAULT = path.resolve(process.env.VAULT_DIR || 'vault');
fs.mkdirSync(VAULT, { recursive: true });
const ALLOWED = new Set(['application/pdf', 'image/png', 'image/jpeg', 'text/plain']);

const upload = multer({
  storage: multer.diskStorage({
    destination: VAULT,
    filename: (req, file, cb) => cb(null, crypto.randomUUID()),
  }),
  limits: { fileSize: 15 * 1024 * 1024, files: 1, fields: 5 },
  fileFilter: (req, file, cb) => cb(null, ALLOWED.has(file.mimetype)),
});

const keys = new Map(Object.entries(JSON.parse(process.env.VAULT_KEYS || '{}')));
const docs = new Map();

function owner(req, res, next) {
  const user = keys.get(req.get('x-vault-key') || '');
  if (!user) return res.status(401).json({ error: 'unauthorized' });
  req.user = user;
  next();
}

app.post('/docs', owner, upload.single('doc'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'pdf, png, jpeg or text file required' });
  docs.set(req.file.filename, {
    owner: req.user,
    name: path.basename(req.file.originalname).slice(0, 200),
    type: req.file.mimetype,
    size: req.file.size,
  });
  res.status(201).json({ id: req.file.filename });
});

app.get('/docs', owner, (req, res) => {
  res.json([...docs].filter(([, d]) => d.owner === req.user).map(([id, d]) => ({ id, name: d.name, size: d.size })));
});

app.get('/docs/:id', owner, (req, res) => {
  const doc = docs.get(req.params.id);
  if (!doc || doc.owner !== req.user) return res.status(404).json({ error: 'not found' });
  res.download(path.join(VAULT, req.params.id), doc.name);
});

app.delete('/docs/:id', owner, (req, res) => {
  const doc = docs.get(req.params.id);
  if (!doc || doc.owner !== req.user) return res.status(404).json({ error: 'not found' });
  fs.rmSync(path.join(VAULT, req.params.id), { force: true });
  docs.delete(req.params.id);
  res.status(204).end();
});

app.use((err, req, res, next) => {
  if (err instanceof multer.MulterError) return res.status(413).json({ error: err.code });
  res.status(500).json({ error: 'internal error' });
});

app.listen(process.env.PORT || 3000);
