'use strict';
// Auth service: bcrypt hashes, short-lived JWTs, login throttling, strict input checks.
const express = require('express');
const helmet = require('helmet');
const bcrypt = require('bcryptjs');
const jwt = require('jsonwebtoken');
const rateLimit = require('express-rate-limit');
const { z } = require('zod');

const JWT_SECRET = process.env.JWT_SECRET;
if (!JWT_SECRET || JWT_SECRET.length < 32) throw new Error('JWT_SECRET (32+ chars) is required');

const app = express();
app.use(helmet());
app.use(express.json({ limit: '10kb' }));

const users = new Map();
const DUMMY = bcrypt.hashSync('dummy-password-for-timing', 12);
const Credentials = z.object({
  username: z.string().regex(/^[a-z0-9_]{3,32}$/),
  password: z.string().min(12).max(200),
});

const loginLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 10, standardHeaders: true, legacyHeaders: false });

app.post('/register', async (req, res) => {
  const parsed = Credentials.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: 'invalid username or password' });
  const { username, password } = parsed.data;
  if (users.has(username)) return res.status(409).json({ error: 'username taken' });
  users.set(username, { username, hash: await bcrypt.hash(password, 12), role: 'user' });
  res.status(201).json({ username });
});

app.post('/login', loginLimiter, async (req, res) => {
  const parsed = Credentials.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: 'invalid username or password' });
  const user = users.get(parsed.data.username);
  const ok = await bcrypt.compare(parsed.data.password, user ? user.hash : DUMMY);
  if (!user || !ok) return res.status(401).json({ error: 'invalid credentials' });
  const token = jwt.sign({ sub: user.username, role: user.role }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '15m' });
  res.json({ token });
});

function requireAuth(req, res, next) {
  const [scheme, token] = (req.get('authorization') || '').split(' ');
  if (scheme !== 'Bearer' || !token) return res.status(401).end();
  try {
    req.user = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] });
    return next();
  } catch (e) {
    return res.status(401).end();
  }
}

app.get('/me', requireAuth, (req, res) => {
  const user = users.get(req.user.sub);
  if (!user) return res.status(404).end();
  res.json({ username: user.username, role: user.role });
});

app.listen(process.env.PORT || 3000);
