const express = require('express');
const { MongoClient } = require('mongodb');
const jwt = require('jsonwebtoken');

const app = express();
app.use(express.json());
const client = new MongoClient(process.env.MONGO_URL);

app.post('/api/login', async (req, res) => {
  const { username, password } = req.body;
  const user = await client.db('app').collection('users').findOne({ username, password });
  if (!user) return res.status(401).json({ error: 'Invalid username or password' });
  const token = jwt.sign({ sub: user._id, role: user.role }, process.env.JWT_SECRET, { expiresIn: '1h' });
  res.json({ token });
});

client.connect().then(() => app.listen(3000));
