const express = require('express');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');

const app = express();
app.use(express.json());

const JWT_SECRET = process.env.JWT_SECRET || 'supersecretkey';

const users = [
  { id: 1, username: 'alice', passwordHash: bcrypt.hashSync('alice-pass-1', 10) },
  { id: 2, username: 'bob', passwordHash: bcrypt.hashSync('bob-pass-22', 10) },
];
const products = { 1: { name: 'Desk lamp', price: 35 }, 2: { name: 'Chair', price: 120 } };
const orders = [];

function authenticate(req, res, next) {
  const header = req.headers.authorization;
  if (!header || !header.startsWith('Bearer ')) {
    return res.status(401).json({ message: 'Missing token' });
  }
  try {
    req.user = jwt.verify(header.slice(7), JWT_SECRET);
    next();
  } catch (e) {
    return res.status(401).json({ message: 'Invalid token' });
  }
}

app.post('/auth/login', async (req, res) => {
  const { username, password } = req.body;
  const user = users.find((u) => u.username === username);
  if (!user || !(await bcrypt.compare(String(password), user.passwordHash))) {
    return res.status(401).json({ message: 'Invalid credentials' });
  }
  const token = jwt.sign({ id: user.id, username: user.username }, JWT_SECRET, { expiresIn: '2h' });
  res.json({ token });
});

app.post('/orders', authenticate, (req, res) => {
  const items = Array.isArray(req.body.items) ? req.body.items : [];
  if (items.length === 0 || items.length > 20) {
    return res.status(400).json({ message: 'Between 1 and 20 items' });
  }
  let total = 0;
  for (const item of items) {
    const product = products[item.productId];
    const qty = Number(item.quantity);
    if (!product || !Number.isInteger(qty) || qty < 1 || qty > 50) {
      return res.status(400).json({ message: 'Invalid item' });
    }
    total += product.price * qty;
  }
  const order = {
    id: orders.length + 1,
    userId: req.user.id,
    items,
    total,
    shippingAddress: req.body.shippingAddress,
    status: 'pending',
  };
  orders.push(order);
  res.status(201).json(order);
});

app.get('/orders', authenticate, (req, res) => {
  res.json(orders.filter((o) => o.userId === req.user.id));
});

app.get('/orders/:id', authenticate, (req, res) => {
  const order = orders.find((o) => o.id === parseInt(req.params.id, 10));
  if (!order) return res.status(404).json({ message: 'Order not found' });
  res.json(order);
});

app.delete('/orders/:id', authenticate, (req, res) => {
  const idx = orders.findIndex((o) => o.id === parseInt(req.params.id, 10) && o.userId === req.user.id);
  if (idx === -1) return res.status(404).json({ message: 'Order not found' });
  orders.splice(idx, 1);
  res.status(204).end();
});

app.listen(process.env.PORT || 3000);
