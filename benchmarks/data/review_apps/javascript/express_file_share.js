const express = require('express');
const fs = require('fs');
const path = require('path');
const multer = require('multer');
const crypto = require('crypto');

const app = express();
const ROOT = path.resolve(process.env.SHARE_ROOT || 'shared');
fs.mkdirSync(ROOT, { recursive: true });

const storage = multer.diskStorage({
  destination: (req, file, cb) => {
    const dir = path.join(ROOT, req.team);
    fs.mkdirSync(dir, { recursive: true });
    cb(null, dir);
  },
  filename: (req, file, cb) => cb(null, `${Date.now()}-${path.basename(file.originalname)}`),
});
const upload = multer({ storage, limits: { fileSize: 25 * 1024 * 1024 } });

const TEAMS = { 'key-design': 'design', 'key-sales': 'sales' };
const links = new Map();

function team(req, res, next) {
  req.team = TEAMS[req.get('x-team-key')];
  if (!req.team) return res.status(401).json({ error: 'unknown team key' });
  next();
}

app.post('/files', team, upload.single('file'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'no file' });
  res.status(201).json({ name: req.file.filename });
});

app.get('/files', team, (req, res) => {
  res.json(fs.readdirSync(path.join(ROOT, req.team), { withFileTypes: true })
    .filter((d) => d.isFile()).map((d) => d.name));
});

// Inline preview for the web app.
app.get('/files/:name', team, (req, res) => {
  res.sendFile(req.params.name, { root: path.join(ROOT, req.team) }, (err) => {
    if (err) res.status(err.status || 404).end();
  });
});

// Raw download; streams so large files do not sit in memory.
app.get('/download', team, (req, res) => {
  const file = path.join(ROOT, req.team, String(req.query.file || ''));
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return res.status(404).end();
  res.setHeader('Content-Disposition', 'attachment');
  fs.createReadStream(file).pipe(res);
});

app.post('/files/:name/link', team, (req, res) => {
  const file = path.join(ROOT, req.team, path.basename(req.params.name));
  if (!fs.existsSync(file)) return res.status(404).end();
  const id = crypto.randomBytes(16).toString('base64url');
  links.set(id, { file, expires: Date.now() + 24 * 3600 * 1000 });
  res.json({ url: `/l/${id}` });
});

app.get('/l/:id', (req, res) => {
  const link = links.get(req.params.id);
  if (!link || link.expires < Date.now()) return res.status(404).end();
  res.download(link.file);
});

app.listen(process.env.PORT || 3000);
