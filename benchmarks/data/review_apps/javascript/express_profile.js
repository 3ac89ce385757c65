const express = require('express');
const mongoose = require('mongoose');
const { requireAuth } = require('./auth');

const app = express();
app.use(express.json());

const User = mongoose.model('User', new mongoose.Schema({
  email: String,
  displayName: String,
  bio: String,
  role: { type: String, default: 'user' },
}));

app.get('/profile', requireAuth, async (req, res) => {
  const user = await User.findById(req.user.id).lean();
  res.json(user);
});

app.put('/profile', requireAuth, async (req, res) => {
  const user = await User.findById(req.user.id);
  Object.assign(user, req.body);
  await user.save();
  res.json(user);
});

mongoose.connect(process.env.MONGO_URL).then(() => app.listen(3000));
