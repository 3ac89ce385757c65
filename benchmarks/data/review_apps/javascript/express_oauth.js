const express = require('express');
const session = require('express-session');
const axios = require('axios');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: true }));

app.get('/auth/login', (req, res) => {
  req.session.returnTo = req.query.returnTo;
  res.redirect(`https://auth.example.com/authorize?client_id=${process.env.CLIENT_ID}`);
});

app.get('/auth/callback', async (req, res) => {
  const { data } = await axios.post('https://auth.example.com/token', {
    code: req.query.code,
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
  });
  req.session.accessToken = data.access_token;
  req.session.tier = req.query.tier || 'basic';
  res.redirect(req.session.returnTo || '/');
});

app.listen(3000);
