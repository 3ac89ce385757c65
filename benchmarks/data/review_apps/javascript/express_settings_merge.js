const express = require('express');
const cookieParser = require('cookie-parser');

const app = express();
app.use(express.json({ limit: '50kb' }));
app.use(cookieParser());

const defaults = {
  theme: { mode: 'light', accent: '#3366ff' },
  notifications: { email: true, push: false, digest: 'weekly' },
  locale: 'en',
};
const accounts = {
  'sess-1': { id: 1, name: 'Ana', settings: {} },
  'sess-2': { id: 2, name: 'Ben', settings: {} },
};

function merge(target, source) {
  for (const key of Object.keys(source)) {
    if (source[key] && typeof source[key] === 'object' && !Array.isArray(source[key])) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      merge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

function account(req, res, next) {
  req.account = accounts[req.cookies.sid];
  if (!req.account) return res.status(401).json({ error: 'sign in' });
  next();
}

app.get('/settings', account, (req, res) => {
  res.json(merge(merge({}, defaults), req.account.settings));
});

app.patch('/settings', account, (req, res) => {
  merge(req.account.settings, req.body);
  res.json(merge(merge({}, defaults), req.account.settings));
});

app.get('/admin/accounts', account, (req, res) => {
  const session = req.account;
  if (!session.isAdmin) return res.status(403).json({ error: 'admins only' });
  res.json(Object.values(accounts).map(({ id, name }) => ({ id, name })));
});

app.listen(process.env.PORT || 3000);
