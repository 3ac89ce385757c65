// Receives signed delivery-status webhooks from the shipping provider.
const express = require('express');
const crypto = require('crypto');

const app = express();
const SECRET = process.env.SHIPPING_WEBHOOK_SECRET;
if (!SECRET) {
  console.error('SHIPPING_WEBHOOK_SECRET is not set');
  process.exit(1);
}

const shipments = new Map();
const seen = new Set();
const STATUSES = new Set(['label_created', 'in_transit', 'delivered', 'exception']);

function validSignature(raw, header) {
  if (typeof header !== 'string' || !/^[0-9a-f]{64}$/.test(header)) return false;
  const expected = crypto.createHmac('sha256', SECRET).update(raw).digest();
  return crypto.timingSafeEqual(expected, Buffer.from(header, 'hex'));
}

app.post('/webhooks/shipping', express.raw({ type: 'application/json', limit: '64kb' }), (req, res) => {
  if (!validSignature(req.body, req.get('x-shipping-signature'))) {
    return res.status(401).json({ error: 'bad signature' });
  }
  let event;
  try {
    event = JSON.parse(req.body.toString('utf8'));
  } catch (e) {
    return res.status(400).json({ error: 'bad json' });
  }
  if (seen.has(event.id)) return res.json({ duplicate: true });
  seen.add(event.id);
  if (!STATUSES.has(event.status) || typeof event.trackingNumber !== 'string') {
    return res.status(422).json({ error: 'unexpected event' });
  }
  shipments.set(event.trackingNumber, { status: event.status, at: Date.now() });
  console.log('shipment %j is now %s', event.trackingNumber, event.status);
  res.json({ ok: true });
});

app.get('/shipments/:tracking', (req, res) => {
  const s = shipments.get(req.params.tracking);
  if (!s) return res.status(404).json({ error: 'unknown tracking number' });
  res.json({ trackingNumber: req.params.tracking, ...s });
});

app.listen(process.env.PORT || 3000);
