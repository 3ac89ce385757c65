// Parcel tracking: drivers record deliveries with a note; customers track a parcel by its code.
const express = require('express');
const fs = require('fs');
const crypto = require('crypto');
const rateLimit = require('express-rate-limit');
const { body, param, validationResult } = require('express-validator');

const app = express();
app.use(express.json({ limit: '8kb' }));

const LOG_FILE = process.env.DELIVERY_LOG || 'deliveries.log';
const DRIVER_KEYS = new Map(Object.entries(JSON.parse(process.env.DRIVER_KEYS || '{}'))); // key -> driver name

const parcels = new Map(); // tracking code -> parcel
const STATUSES = new Set(['in_transit', 'out_for_delivery', 'delivered', 'failed']);

// One event per line: strip the control characters a note or name could carry.
function logEvent(message) {
  const clean = message.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  fs.appendFile(LOG_FILE, `${new Date().toISOString()} ${clean}\n`, () => {});
}

function driver(req, res, next) {
  const name = DRIVER_KEYS.get(String(req.get('x-driver-key') || ''));
  if (!name) return res.status(401).json({ error: 'driver key required' });
  req.driver = name;
  next();
}

app.post('/parcels', driver, body('recipient').isString().isLength({ min: 1, max: 100 }), (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).json({ error: 'recipient required' });
  const code = crypto.randomBytes(8).toString('hex').toUpperCase();
  parcels.set(code, { code, recipient: req.body.recipient, status: 'in_transit', history: [] });
  logEvent(`parcel ${code} registered by ${req.driver} for ${req.body.recipient}`);
  res.status(201).json({ code });
});

app.post(
  '/parcels/:code/events',
  driver,
  param('code').matches(/^[0-9A-F]{16}$/),
  body('status').custom((s) => STATUSES.has(s)),
  body('note').optional().isString().isLength({ max: 280 }),
  (req, res) => {
    if (!validationResult(req).isEmpty()) return res.status(400).json({ error: 'invalid code, status or note' });
    const parcel = parcels.get(req.params.code);
    if (!parcel) return res.status(404).json({ error: 'unknown parcel' });
    const event = { status: req.body.status, note: req.body.note || '', at: new Date().toISOString(), by: req.driver };
    parcel.status = event.status;
    parcel.history.push(event);
    logEvent(`parcel ${parcel.code} ${event.status} by ${req.driver}: ${event.note}`);
    res.status(201).json(event);
  },
);

app.get('/track/:code', rateLimit({ windowMs: 60 * 1000, limit: 60 }), (req, res) => {
  const parcel = parcels.get(String(req.params.code).toUpperCase());
  if (!parcel) return res.status(404).json({ error: 'unknown parcel' });
  res.json({ code: parcel.code, status: parcel.status, history: parcel.history.map(({ status, at, note }) => ({ status, at, note })) });
});

app.listen(process.env.PORT || 3000);
