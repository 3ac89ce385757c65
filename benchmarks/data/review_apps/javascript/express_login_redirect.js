const express = require('express');
const session = require('express-session');
const bcrypt = require('bcryptjs');
const crypto = require('crypto');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.set('trust proxy', 1);
app.use(session({
  name: 'app.sid',
  secret: process.env.SESSION_SECRET || crypto.randomBytes(32).toString('hex'),
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, sameSite: 'lax', maxAge: 8 * 3600 * 1000 },
}));

const users = new Map();
const rememberTokens = new Map();

app.post('/signup', async (req, res) => {
  const { email, password } = req.body;
  if (!email || !password || password.length < 10) return res.status(400).send('Email and a 10+ character password required');
  if (users.has(email)) return res.status(409).send('Account exists');
  users.set(email, { email, hash: await bcrypt.hash(password, 12) });
  res.status(201).send('Account created');
});

app.get('/login', (req, res) => {
  const next = req.query.next || '/';
  res.send(`<form method="post" action="/login?next=${encodeURIComponent(next)}">
    <input name="email"><input name="password" type="password">
    <label><input type="checkbox" name="remember" value="1"> Keep me signed in</label>
    <button>Sign in</button></form>`);
});

app.post('/login', async (req, res) => {
  const user = users.get(req.body.email);
  if (!user || !(await bcrypt.compare(req.body.password || '', user.hash))) {
    return res.status(401).send('Invalid email or password');
  }
  req.session.regenerate((err) => {
    if (err) return res.status(500).send('session error');
    req.session.email = user.email;
    if (req.body.remember === '1') {
      const token = crypto.randomBytes(32).toString('hex');
      rememberTokens.set(token, user.email);
      res.cookie('remember_me', token, { maxAge: 30 * 24 * 3600 * 1000 });
    }
    res.redirect(req.query.next || '/');
  });
});

app.get('/', (req, res) => {
  if (!req.session.email) return res.redirect('/login');
  res.send(`Signed in`);
});

app.post('/logout', (req, res) => {
  req.session.destroy(() => {
    res.clearCookie('app.sid');
    res.clearCookie('remember_me');
    res.redirect('/login');
  });
});

app.listen(process.env.PORT || 3000);
