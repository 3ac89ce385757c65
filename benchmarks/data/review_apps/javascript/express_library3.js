// Neighbourhood library: members sign in, borrow and return books.
const express = require('express');
const session = require('express-session');
const bcrypt = require('bcryptjs');
const helmet = require('helmet');
const escapeHtml = require('escape-html');

const app = express();
app.use(helmet());
app.use(express.urlencoded({ extended: false }));
app.set('trust proxy', 1);
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
  }),
);

// Members are loaded from the membership export: [{"card": "...", "name": "...", "pinHash": "$2..."}]
const members = new Map(JSON.parse(process.env.MEMBERS || '[]').map((m) => [m.card, m]));
const books = new Map([
  [1, { id: 1, title: 'The Left Hand of Darkness', borrowedBy: null }],
  [2, { id: 2, title: 'A Wizard of Earthsea', borrowedBy: null }],
  [3, { id: 3, title: 'Kindred', borrowedBy: null }],
]);

// Only send people back to pages on this site.
function safeNext(next) {
  return typeof next === 'string' && next.startsWith('/') ? next : '/books';
}

function member(req, res, next) {
  if (!req.session.card) return res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);
  next();
}

app.get('/login', (req, res) => {
  res.send(`<form method="post" action="/login?next=${encodeURIComponent(safeNext(req.query.next))}">
  <input name="card" placeholder="Library card"><input name="pin" type="password"><button>Sign in</button></form>`);
});

app.post('/login', async (req, res) => {
  const m = members.get(String(req.body.card || ''));
  if (!m || !(await bcrypt.compare(String(req.body.pin || ''), m.pinHash))) {
    return res.status(401).send('Card number or PIN is wrong');
  }
  req.session.regenerate(() => {
    req.session.card = m.card;
    res.redirect(safeNext(req.query.next));
  });
});

app.post('/logout', (req, res) => {
  req.session.destroy(() => res.redirect(safeNext(req.query.next)));
});

app.get('/books', member, (req, res) => {
  const rows = [...books.values()]
    .map((b) => `<li>${escapeHtml(b.title)} ${b.borrowedBy ? (b.borrowedBy === req.session.card ? '(you have it)' : '(out)') : ''}</li>`)
    .join('');
  res.send(`<h1>Books</h1><ul>${rows}</ul>`);
});

app.post('/books/:id/borrow', member, (req, res) => {
  const book = books.get(Number(req.params.id));
  if (!book) return res.status(404).send('No such book');
  if (book.borrowedBy) return res.status(409).send('Already borrowed');
  book.borrowedBy = req.session.card;
  res.redirect(303, '/books');
});

app.post('/books/:id/return', member, (req, res) => {
  const book = books.get(Number(req.params.id));
  if (!book || book.borrowedBy !== req.session.card) return res.status(404).send('You do not have this book');
  book.borrowedBy = null;
  res.redirect(303, '/books');
});

app.listen(process.env.PORT || 3000);
