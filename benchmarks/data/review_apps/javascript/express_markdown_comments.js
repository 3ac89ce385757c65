const express = require('express');
const session = require('express-session');
const { marked } = require('marked');
const sanitizeHtml = require('sanitize-html');
const escapeHtml = require('escape-html');
const bcrypt = require('bcryptjs');

const app = express();
app.use(express.urlencoded({ extended: false, limit: '50kb' }));
app.use(session({
  secret: process.env.SESSION_SECRET || require('crypto').randomBytes(32).toString('hex'),
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, sameSite: 'lax' },
}));

// post id -> comments; announcements are written by staff only
const posts = {
  1: { title: 'Release notes 4.2', comments: [] },
  2: { title: 'Roadmap', comments: [] },
};
const announcements = [];
const accounts = new Map([['staff', bcrypt.hashSync(process.env.STAFF_PASSWORD || require('crypto').randomBytes(16).toString('hex'), 10)]]);

const layout = (title, body) => `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>${body}</body></html>`;

app.post('/register', async (req, res) => {
  const name = String(req.body.name || '').trim();
  const password = String(req.body.password || '');
  if (!/^[\w.-]{2,30}$/.test(name) || password.length < 8) return res.status(400).send('bad name or password');
  if (accounts.has(name)) return res.status(409).send('name taken');
  accounts.set(name, await bcrypt.hash(password, 10));
  res.status(201).send('registered');
});

app.post('/login', async (req, res) => {
  const name = String(req.body.name || '');
  const hash = accounts.get(name);
  if (!hash || !(await bcrypt.compare(String(req.body.password || ''), hash))) {
    return res.status(401).send('invalid login');
  }
  req.session.regenerate(() => {
    req.session.user = name;
    res.redirect('/posts/1');
  });
});

app.get('/posts/:id', (req, res) => {
  const post = posts[req.params.id];
  if (!post) return res.status(404).send('Not found');
  const comments = post.comments
    .map((c) => `<article class="comment"><h4>${escapeHtml(c.author)}</h4>${marked.parse(c.text)}</article>`)
    .join('\n');
  const news = announcements
    .map((a) => `<aside>${sanitizeHtml(marked.parse(a))}</aside>`)
    .join('\n');
  res.send(layout(post.title, `<h1>${escapeHtml(post.title)}</h1>${news}<section>${comments}</section>
    <form method="post" action="/posts/${req.params.id}/comments">
      <textarea name="text"></textarea><button>Post</button>
    </form>`));
});

app.post('/posts/:id/comments', (req, res) => {
  if (!req.session.user) return res.status(401).send('Log in to comment');
  const post = posts[req.params.id];
  if (!post) return res.status(404).send('Not found');
  const text = String(req.body.text || '').trim();
  if (!text || text.length > 4000) return res.status(400).send('Comment must be 1-4000 characters');
  post.comments.push({ author: req.session.user, text, at: new Date().toISOString() });
  res.redirect(`/posts/${req.params.id}`);
});

app.post('/announcements', (req, res) => {
  if (req.session.user !== 'staff') return res.status(403).send('Staff only');
  announcements.push(String(req.body.text || '').slice(0, 4000));
  res.redirect('/posts/1');
});

app.listen(process.env.PORT || 3000);
