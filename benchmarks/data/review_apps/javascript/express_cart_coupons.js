const express = require('express');
const session = require('express-session');
const crypto = require('crypto');

const app = express();
app.use(express.json());
app.use(session({
  secret: process.env.SESSION_SECRET || crypto.randomBytes(32).toString('hex'),
  resave: false,
  saveUninitialized: true,
}));

const catalog = {
  'tee-black': { name: 'Black tee', priceCents: 2200, stock: 50 },
  'mug-logo': { name: 'Logo mug', priceCents: 1400, stock: 120 },
  'cap-navy': { name: 'Navy cap', priceCents: 1900, stock: 30 },
};
const coupons = { SPRING15: 15, VIP30: 30 };
const orders = [];

function cartOf(req) {
  if (!req.session.cart) req.session.cart = { items: {}, coupon: null };
  return req.session.cart;
}

function totals(cart) {
  const subtotal = Object.entries(cart.items)
    .reduce((sum, [sku, qty]) => sum + catalog[sku].priceCents * qty, 0);
  const discount = cart.coupon ? Math.round((subtotal * coupons[cart.coupon]) / 100) : 0;
  return { subtotal, discount, total: subtotal - discount };
}

app.get('/cart', (req, res) => {
  const cart = cartOf(req);
  res.json({ ...cart, ...totals(cart) });
});

app.put('/cart/items/:sku', (req, res) => {
  const product = catalog[req.params.sku];
  if (!product) return res.status(404).json({ error: 'unknown product' });
  const qty = parseInt(req.body.quantity, 10);
  if (Number.isNaN(qty)) return res.status(400).json({ error: 'quantity must be a number' });
  if (qty > product.stock) return res.status(409).json({ error: 'not enough stock' });
  const cart = cartOf(req);
  if (qty === 0) delete cart.items[req.params.sku];
  else cart.items[req.params.sku] = qty;
  res.json({ ...cart, ...totals(cart) });
});

app.post('/cart/coupon', (req, res) => {
  const code = String(req.body.code || '').toUpperCase();
  if (!(code in coupons)) return res.status(400).json({ error: 'invalid coupon' });
  cartOf(req).coupon = code;
  res.json(totals(cartOf(req)));
});

app.post('/checkout', (req, res) => {
  const cart = cartOf(req);
  if (!Object.keys(cart.items).length) return res.status(400).json({ error: 'cart is empty' });
  const { total } = totals(cart);
  for (const [sku, qty] of Object.entries(cart.items)) catalog[sku].stock -= qty;
  const order = { id: orders.length + 1, items: { ...cart.items }, totalCents: total };
  orders.push(order);
  req.session.cart = null;
  res.status(201).json(order);
});

app.listen(process.env.PORT || 3000);
