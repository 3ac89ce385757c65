// Expense receipts: employees upload receipt scans into their own folder and download them later.
const express = require('express');
const multer = require('multer');
const path = require('path');
const fs = require('fs');
const crypto = require('crypto');
const jwt = require('jsonwebtoken');

const app = express();
const BASE = path.resolve(process.env.RECEIPTS_DIR || 'receipts');
fs.mkdirSync(BASE, { recursive: true });
const JWT_SECRET = process.env.JWT_SECRET;
if (!JWT_SECRET) throw new Error('JWT_SECRET required');

const EXTENSIONS = new Set(['.pdf', '.png', '.jpg', '.jpeg']);

function employee(req, res, next) {
  try {
    const claims = jwt.verify(String(req.get('authorization') || '').replace(/^Bearer\s+/i, ''), JWT_SECRET, { algorithms: ['HS256'] });
    if (!/^[a-z0-9-]{1,40}$/.test(String(claims.sub))) throw new Error('bad subject');
    req.employee = String(claims.sub);
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}

function folderOf(employeeId) {
  const dir = path.join(BASE, employeeId);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const upload = multer({
  storage: multer.diskStorage({
    destination: (req, file, cb) => cb(null, folderOf(req.employee)),
    filename: (req, file, cb) => cb(null, `${Date.now()}-${crypto.randomBytes(6).toString('hex')}${path.extname(file.originalname).toLowerCase()}`),
  }),
  limits: { fileSize: 10 * 1024 * 1024, files: 5 },
  fileFilter: (req, file, cb) => cb(null, EXTENSIONS.has(path.extname(file.originalname).toLowerCase())),
});

app.post('/receipts', employee, upload.array('receipts', 5), (req, res) => {
  if (!req.files || req.files.length === 0) return res.status(400).json({ error: 'pdf, png or jpeg receipts required' });
  res.status(201).json(req.files.map((f) => ({ name: f.filename, size: f.size })));
});

app.get('/receipts', employee, (req, res) => {
  const names = fs.readdirSync(folderOf(req.employee)).filter((n) => EXTENSIONS.has(path.extname(n)));
  res.json(names);
});

app.get('/receipts/:name', employee, (req, res) => {
  const dir = folderOf(req.employee);
  const file = path.resolve(dir, req.params.name);
  if (!file.startsWith(dir + path.sep)) return res.status(400).json({ error: 'invalid name' });
  if (!fs.existsSync(file)) return res.status(404).json({ error: 'not found' });
  res.download(file);
});

app.delete('/receipts/:name', employee, (req, res) => {
  const dir = folderOf(req.employee);
  const file = path.resolve(dir, req.params.name);
  if (!file.startsWith(dir + path.sep)) return res.status(400).json({ error: 'invalid name' });
  fs.rm(file, (err) => res.status(err ? 404 : 204).end());
});

app.use((err, req, res, next) => {
  if (err instanceof multer.MulterError) return res.status(413).json({ error: err.code });
  res.status(500).json({ error: 'internal error' });
});

app.listen(process.env.PORT || 3000);
