const express = require('express');
const Database = require('better-sqlite3');
const escapeHtml = require('escape-html');
const helmet = require('helmet');

const app = express();
app.use(helmet());
const db = new Database(process.env.CATALOG_DB || 'catalog.db');
db.exec('CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY, name TEXT, description TEXT, price REAL, category TEXT)');

const SORT_SQL = { name: 'name ASC', cheapest: 'price ASC', priciest: 'price DESC' };
const clamp = (n, lo, hi) => Math.min(Math.max(n, lo), hi);

app.get('/api/products', (req, res) => {
  const page = clamp(parseInt(req.query.page, 10) || 1, 1, 1000);
  const perPage = clamp(parseInt(req.query.perPage, 10) || 24, 1, 100);
  const order = SORT_SQL[req.query.sort] || SORT_SQL.name;
  const where = [];
  const params = {};
  if (typeof req.query.category === 'string') {
    where.push('category = @category');
    params.category = req.query.category.slice(0, 50);
  }
  if (typeof req.query.q === 'string' && req.query.q) {
    where.push('(name LIKE @q OR description LIKE @q)');
    params.q = `%${req.query.q.slice(0, 100)}%`;
  }
  const sql = `SELECT id, name, price, category FROM products ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${order} LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`;
  res.json(db.prepare(sql).all(params));
});

app.get('/products/:id', (req, res) => {
  const id = Number.parseInt(req.params.id, 10);
  if (!Number.isSafeInteger(id)) return res.status(400).send('bad id');
  const p = db.prepare('SELECT * FROM products WHERE id = ?').get(id);
  if (!p) return res.status(404).send('Not found');
  res.send(`<!doctype html><title>${escapeHtml(p.name)}</title>
<h1>${escapeHtml(p.name)}</h1><p>${escapeHtml(p.description || '')}</p>
<p class="price">${Number(p.price).toFixed(2)} EUR</p>`);
});

app.get('/search', (req, res) => {
  const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
  const rows = q ? db.prepare('SELECT id, name FROM products WHERE name LIKE ? LIMIT 50').all(`%${q}%`) : [];
  const items = rows.map((r) => `<li><a href="/products/${r.id}">${escapeHtml(r.name)}</a></li>`).join('');
  res.send(`<form><input name="q" value="${escapeHtml(q)}"><button>Search</button></form>
<p>${rows.length} results for ${escapeHtml(q)}</p><ul>${items}</ul>`);
});

app.listen(process.env.PORT || 3000);
