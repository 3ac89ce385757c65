const express = require('express');
const multer = require('multer');
const crypto = require('crypto');
const path = require('path');
const { requireAuth } = require('./auth');

const app = express();
const STORE = path.resolve(__dirname, 'store');
const files = new Map();
const upload = multer({
  storage: multer.diskStorage({
    destination: STORE,
    filename: (req, file, cb) => cb(null, crypto.randomUUID()),
  }),
  limits: { fileSize: 10 * 1024 * 1024, files: 1 },
});

app.post('/files', requireAuth, upload.single('file'), (req, res) => {
  files.set(req.file.filename, { owner: req.user.id, name: req.file.originalname });
  res.status(201).json({ id: req.file.filename });
});

app.get('/files/:id', requireAuth, (req, res) => {
  const meta = files.get(req.params.id);
  if (!meta || meta.owner !== req.user.id) return res.status(404).end();
  res.download(path.join(STORE, req.params.id), path.basename(meta.name));
});

app.listen(3000);
