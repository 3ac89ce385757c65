// Invoicing API: accountants list invoices and download the PDF attachments stored on disk.
const express = require('express');
const path = require('path');
const fs = require('fs');
const crypto = require('crypto');
const multer = require('multer');

const app = express();
app.use(express.json({ limit: '20kb' }));

const ATTACHMENTS = path.resolve(process.env.ATTACHMENTS_DIR || 'attachments');
fs.mkdirSync(ATTACHMENTS, { recursive: true });

// API keys are issued out of band: {"<key>": "accountant name"}
const API_KEYS = JSON.parse(process.env.API_KEYS || '{}');

const invoices = new Map();
let nextId = 1;

function apiKey(req, res, next) {
  const key = req.get('x-api-key');
  const name = key && Object.prototype.hasOwnProperty.call(API_KEYS, key) ? API_KEYS[key] : null;
  if (!name) return res.status(401).json({ error: 'invalid api key' });
  req.accountant = name;
  next();
}

const upload = multer({
  storage: multer.diskStorage({
    destination: ATTACHMENTS,
    filename: (req, file, cb) => cb(null, `${crypto.randomUUID()}.pdf`),
  }),
  limits: { fileSize: 5 * 1024 * 1024, files: 1 },
  fileFilter: (req, file, cb) => cb(null, file.mimetype === 'application/pdf'),
});

app.post('/invoices', apiKey, upload.single('pdf'), (req, res) => {
  const { customer, amount } = req.body;
  const cents = Math.round(Number(amount) * 100);
  if (!customer || !Number.isFinite(cents) || cents <= 0) {
    return res.status(400).json({ error: 'customer and a positive amount required' });
  }
  const invoice = {
    id: nextId++,
    customer: String(customer).slice(0, 120),
    cents,
    file: req.file ? req.file.filename : null,
    createdBy: req.accountant,
  };
  invoices.set(invoice.id, invoice);
  res.status(201).json(invoice);
});

app.get('/invoices', apiKey, (req, res) => {
  res.json([...invoices.values()]);
});

// GET /attachments?file=<name>: the PDF attached to an invoice
app.get('/attachments', apiKey, (req, res) => {
  const requested = path.join(ATTACHMENTS, String(req.query.file || ''));
  if (!requested.startsWith(ATTACHMENTS)) {
    return res.status(400).json({ error: 'invalid file' });
  }
  fs.readFile(requested, (err, data) => {
    if (err) return res.status(404).json({ error: 'not found' });
    res.type('application/pdf').send(data);
  });
});

app.use((err, req, res, next) => {
  if (err instanceof multer.MulterError) return res.status(413).json({ error: err.message });
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

app.listen(process.env.PORT || 3000);
