const express = require('express');
const helmet = require('helmet');
const session = require('express-session');
const bcrypt = require('bcrypt');
const { body, param, validationResult } = require('express-validator');
const db = require('./db');

const app = express();
app.use(helmet());
app.use(express.json({ limit: '10kb' }));
app.set('trust proxy', 1);
app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
}));

const requireLogin = (req, res, next) => (req.session.userId ? next() : res.status(401).end());
const check = (req, res, next) => {
  const errors = validationResult(req);
  return errors.isEmpty() ? next() : res.status(400).json({ errors: errors.array() });
};

app.post('/register', body('username').isLength({ min: 3, max: 32 }),
  body('password').isLength({ min: 8, max: 128 }), check, async (req, res) => {
    const hash = await bcrypt.hash(req.body.password, 12);
    await db.run('INSERT INTO users (username, hash) VALUES (?, ?)', [req.body.username, hash]);
    res.status(201).end();
  });

app.post('/login', body('username').isString(), body('password').isString(), check,
  async (req, res) => {
    const user = await db.get('SELECT id, hash FROM users WHERE username = ?', [req.body.username]);
    if (!user || !(await bcrypt.compare(req.body.password, user.hash))) {
      return res.status(401).json({ error: 'invalid credentials' });
    }
    req.session.regenerate(() => {
      req.session.userId = user.id;
      res.json({ ok: true });
    });
  });

app.get('/todos', requireLogin, async (req, res) => {
  res.json(await db.all('SELECT id, text, done FROM todos WHERE owner = ? LIMIT 200',
    [req.session.userId]));
});

app.delete('/todos/:id', requireLogin, param('id').isInt(), check, async (req, res) => {
  const r = await db.run('DELETE FROM todos WHERE id = ? AND owner = ?',
    [req.params.id, req.session.userId]);
  res.status(r.changes ? 204 : 404).end();
});

app.listen(3000);
