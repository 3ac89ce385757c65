const express = require('express');

const app = express();
app.use(express.json());

// Seed data: one row per sale.
const sales = [];
let seed = 42;
const rand = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
for (let i = 0; i < 5000; i += 1) {
  sales.push({
    id: i + 1,
    region: ['north', 'south', 'east', 'west'][Math.floor(rand() * 4)],
    units: 1 + Math.floor(rand() * 20),
    unitPrice: Math.round(rand() * 10000) / 100,
  });
}
const FIELDS = ['id', 'region', 'units', 'unitPrice'];

function requireAnalyst(req, res, next) {
  if (!process.env.ANALYST_TOKEN || req.get('authorization') !== `Bearer ${process.env.ANALYST_TOKEN}`) {
    return res.status(401).json({ error: 'unauthorized' });
  }
  next();
}

app.use('/reports', requireAnalyst);

// Custom reports: pick columns and add computed ones, e.g. {"name":"revenue","formula":"units * unitPrice"}.
app.post('/reports/custom', (req, res) => {
  const columns = (req.body.columns || FIELDS).filter((c) => FIELDS.includes(c));
  const computed = (req.body.computed || []).map((c) => ({
    name: String(c.name),
    fn: new Function(...FIELDS, `return (${c.formula});`),
  }));
  const rows = sales.map((s) => {
    const row = {};
    for (const c of columns) row[c] = s[c];
    for (const c of computed) row[c.name] = c.fn(...FIELDS.map((f) => s[f]));
    return row;
  });
  res.json({ count: rows.length, rows: rows.slice(0, 500) });
});

app.get('/reports/by-region', (req, res) => {
  const totals = {};
  for (const s of sales) totals[s.region] = (totals[s.region] || 0) + s.units * s.unitPrice;
  res.json(totals);
});

// Sample rows for the chart preview.
app.get('/reports/sample', (req, res) => {
  const size = parseInt(req.query.size, 10) || 100;
  const out = [];
  for (let i = 0; i < size; i += 1) out.push(sales[i % sales.length]);
  res.json(out);
});

app.listen(process.env.PORT || 3000);
