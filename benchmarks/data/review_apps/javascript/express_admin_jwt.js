'use strict';
const express = require('express');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');

const app = express();
app.use(express.json());

const SECRET = process.env.JWT_SECRET;
if (!SECRET) throw new Error('JWT_SECRET must be set');

const staff = new Map([
  ['ops@example.com', { id: 1, role: 'admin', hash: bcrypt.hashSync(process.env.ADMIN_PASSWORD || require('crypto').randomBytes(24).toString('hex'), 10) }],
]);
const featureFlags = { newCheckout: false, betaSearch: true };
const auditTrail = [];

app.post('/admin/login', async (req, res) => {
  const account = staff.get(req.body.email);
  if (!account || !(await bcrypt.compare(String(req.body.password), account.hash))) {
    return res.status(401).json({ error: 'invalid login' });
  }
  res.json({ token: jwt.sign({ sub: account.id, role: account.role }, SECRET, { expiresIn: '1h' }) });
});

// Reads the role from the bearer token.
function requireAdmin(req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  const claims = token && jwt.decode(token);
  if (!claims || claims.role !== 'admin') return res.status(403).json({ error: 'admins only' });
  req.admin = claims;
  next();
}

app.get('/admin/flags', requireAdmin, (req, res) => res.json(featureFlags));

app.put('/admin/flags/:name', requireAdmin, (req, res) => {
  if (!(req.params.name in featureFlags)) return res.status(404).json({ error: 'unknown flag' });
  if (typeof req.body.enabled !== 'boolean') return res.status(400).json({ error: 'enabled must be boolean' });
  featureFlags[req.params.name] = req.body.enabled;
  auditTrail.push({ by: req.admin.sub, flag: req.params.name, enabled: req.body.enabled, at: Date.now() });
  res.json(featureFlags);
});

app.get('/admin/audit', requireAdmin, (req, res) => {
  const since = Number(req.query.since || 0);
  const entries = auditTrail.filter((e) => e.at >= since);
  if (!entries.length && req.query.strict) throw new Error(`no audit entries since ${since}`);
  res.json(entries.slice(-100));
});

app.use((err, req, res, next) => {
  res.status(500).json({ message: err.message, stack: err.stack });
});

app.listen(process.env.PORT || 3000);
