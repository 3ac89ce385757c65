const express = require('express');
const app = express();
app.use(express.json());

const products = {
  1: { name: 'T-shirt', price: 20, stock: 100 },
  2: { name: 'Hoodie', price: 45, stock: 30 },
};
const carts = {};

app.post('/cart/:cartId/items', (req, res) => {
  const { productId, quantity } = req.body;
  const product = products[productId];
  if (!product) return res.status(404).json({ error: 'Product not found' });
  carts[req.params.cartId] = carts[req.params.cartId] || [];
  carts[req.params.cartId].push({ productId, quantity, price: req.body.price || product.price });
  res.json(carts[req.params.cartId]);
});

app.post('/cart/:cartId/checkout', (req, res) => {
  const items = carts[req.params.cartId] || [];
  const total = items.reduce((sum, i) => sum + i.price * i.quantity, 0);
  delete carts[req.params.cartId];
  res.json({ charged: total });
});

app.listen(3000);
