// Team wiki: editors write pages in Markdown; everyone reads the rendered pages.
const express = require('express');
const cookieParser = require('cookie-parser');
const crypto = require('crypto');
const bcrypt = require('bcryptjs');
const { marked } = require('marked');
const sanitizeHtml = require('sanitize-html');
const escapeHtml = require('escape-html');

const app = express();
app.use(express.urlencoded({ extended: false, limit: '200kb' }));
app.use(cookieParser());

const editors = new Map(JSON.parse(process.env.EDITORS || '[]').map((e) => [e.name, e.passwordHash]));
const sessions = new Map(); // token -> editor name
const pages = new Map([['home', { title: 'Home', body: '# Welcome\nStart with the [onboarding](/wiki/onboarding) page.', by: 'system' }]]);

function audit(event, fields) {
  console.log(JSON.stringify({ at: new Date().toISOString(), event, ...fields }));
}

function render(markdown) {
  return sanitizeHtml(marked.parse(markdown), {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(['h1', 'h2', 'img']),
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt'] },
    allowedSchemes: ['http', 'https', 'mailto'],
  });
}

function editor(req, res, next) {
  const name = sessions.get(req.cookies.wiki_session);
  if (!name) return res.status(401).send('Editors only: sign in first');
  req.editor = name;
  next();
}

app.post('/login', async (req, res) => {
  const name = String(req.body.name || '');
  const hash = editors.get(name);
  if (!hash || !(await bcrypt.compare(String(req.body.password || ''), hash))) {
    audit('login_failed', { name });
    return res.status(401).send('Wrong name or password');
  }
  const token = crypto.randomBytes(32).toString('hex');
  sessions.set(token, name);
  res.cookie('wiki_session', token, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 8 * 3600 * 1000 });
  res.redirect(303, '/wiki/home');
});

app.get('/wiki/:slug', (req, res) => {
  const page = pages.get(req.params.slug);
  if (!page) return res.status(404).send(`<p>No page called ${escapeHtml(req.params.slug)} yet.</p>`);
  res.send(`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title></head>
<body><h1>${escapeHtml(page.title)}</h1><article>${render(page.body)}</article>
<footer>Last edited by ${escapeHtml(page.by)}</footer></body></html>`);
});

app.post('/wiki/:slug', editor, (req, res) => {
  const slug = req.params.slug;
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) return res.status(400).send('Slugs are lowercase letters, digits and dashes');
  const title = String(req.body.title || slug).slice(0, 120);
  pages.set(slug, { title, body: String(req.body.body || ''), by: req.editor });
  audit('page_saved', { slug, editor: req.editor, title });
  res.redirect(303, `/wiki/${slug}`);
});

app.listen(process.env.PORT || 3000);
