"""JavaScript (Express, Node) look-alike handlers; see ``__init__``."""

from __future__ import annotations

from review_handlers import collector

CASES, bad, safe = collector()

# ------------------------------------------------------------------ CWE-79 cross-site scripting
bad("js-xss-greet", 79, '''
const express = require('express');
const app = express();

app.get('/greet', (req, res) => {
  const name = req.query.name || 'guest';
  res.send(`<h1>Hello ${name}</h1>`);
});

app.listen(3000);
''')
safe("js-xss-greet", 79, "sanitised", '''
const express = require('express');
const escapeHtml = require('escape-html');
const app = express();

app.get('/greet', (req, res) => {
  const name = req.query.name || 'guest';
  res.send(`<h1>Hello ${escapeHtml(name)}</h1>`);
});

app.listen(3000);
''')
safe("js-xss-greet", 79, "guarded", '''
const express = require('express');
const app = express();

app.get('/greet', (req, res) => {
  const name = req.query.name || 'guest';
  res.json({ greeting: `Hello ${name}` });
});

app.listen(3000);
''')
bad("js-xss-search-list", 79, '''
const express = require('express');
const { searchProducts } = require('./db');
const router = express.Router();

function renderRow(p) {
  return '<tr><td>' + p.name + '</td><td>' + p.description + '</td></tr>';
}

router.get('/search', async (req, res) => {
  const terms = { q: req.query.q };
  const rows = (await searchProducts(terms.q)).map(renderRow).join('');
  res.type('html').send('<p>Results for ' + terms.q + '</p><table>' + rows + '</table>');
});

module.exports = router;
''')
safe("js-xss-search-list", 79, "sanitised", '''
const express = require('express');
const { searchProducts } = require('./db');
const router = express.Router();

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;')
  .replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function renderRow(p) {
  return '<tr><td>' + esc(p.name) + '</td><td>' + esc(p.description) + '</td></tr>';
}

router.get('/search', async (req, res) => {
  const terms = { q: req.query.q };
  const rows = (await searchProducts(terms.q)).map(renderRow).join('');
  res.type('html').send('<p>Results for ' + esc(terms.q) + '</p><table>' + rows + '</table>');
});

module.exports = router;
''')
safe("js-xss-search-list", 79, "sanitised", '''
const express = require('express');
const { searchProducts } = require('./db');
const router = express.Router();

router.get('/search', async (req, res) => {
  const products = await searchProducts(req.query.q);
  res.render('search', { q: req.query.q, products });
});

module.exports = router;
''')
bad("js-xss-write", 79, '''
const http = require('http');
const url = require('url');

http.createServer((req, res) => {
  const params = url.parse(req.url, true).query;
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.write('<div>Your message: ' + params.msg + '</div>');
  res.end();
}).listen(8080);
''')
safe("js-xss-write", 79, "constant", '''
const http = require('http');
const url = require('url');

http.createServer((req, res) => {
  const params = url.parse(req.url, true).query;
  const msg = params.msg ? 'received' : 'empty';
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.write('<div>Your message: ' + msg + '</div>');
  res.end();
}).listen(8080);
''')
bad("js-xss-profile-bio", 79, '''
const express = require('express');
const app = express();
app.use(express.urlencoded({ extended: false }));
const profiles = new Map();

app.post('/profile', (req, res) => {
  profiles.set(req.body.user, { bio: req.body.bio, site: req.body.site });
  res.redirect('/profile/' + encodeURIComponent(req.body.user));
});

app.get('/profile/:user', (req, res) => {
  const p = profiles.get(req.params.user) || { bio: '', site: '#' };
  res.send(`<section><p>${p.bio}</p><a href="${p.site}">website</a></section>`);
});
''')
safe("js-xss-profile-bio", 79, "dead", '''
const express = require('express');
const app = express();
app.use(express.urlencoded({ extended: false }));
const profiles = new Map();
const ALLOW_HTML_BIO = false;

app.post('/profile', (req, res) => {
  profiles.set(req.body.user, { bio: req.body.bio });
  res.redirect('/profile/' + encodeURIComponent(req.body.user));
});

app.get('/profile/:user', (req, res) => {
  const p = profiles.get(req.params.user) || { bio: '' };
  if (ALLOW_HTML_BIO) {
    return res.send(`<section><p>${p.bio}</p></section>`);
  }
  res.json({ bio: p.bio });
});
''')

# ------------------------------------------------------------------ CWE-89 / 943 injection
bad("js-sqli-mysql", 89, '''
const express = require('express');
const mysql = require('mysql2');
const app = express();
const db = mysql.createPool({ host: 'localhost', user: 'app', database: 'shop' });

app.get('/orders', (req, res) => {
  const sql = "SELECT * FROM orders WHERE customer = '" + req.query.customer + "'";
  db.query(sql, (err, rows) => {
    if (err) return res.status(500).end();
    res.json(rows);
  });
});
''')
safe("js-sqli-mysql", 89, "sanitised", '''
const express = require('express');
const mysql = require('mysql2');
const app = express();
const db = mysql.createPool({ host: 'localhost', user: 'app', database: 'shop' });

app.get('/orders', (req, res) => {
  const sql = 'SELECT * FROM orders WHERE customer = ?';
  db.query(sql, [req.query.customer], (err, rows) => {
    if (err) return res.status(500).end();
    res.json(rows);
  });
});
''')
safe("js-sqli-mysql", 89, "sanitised", '''
const express = require('express');
const mysql = require('mysql2');
const app = express();
const db = mysql.createPool({ host: 'localhost', user: 'app', database: 'shop' });

app.get('/orders', (req, res) => {
  const sql = 'SELECT * FROM orders WHERE customer = ' + mysql.escape(req.query.customer);
  db.query(sql, (err, rows) => {
    if (err) return res.status(500).end();
    res.json(rows);
  });
});
''')
bad("js-sqli-pg-filter", 89, '''
const express = require('express');
const { Pool } = require('pg');
const router = express.Router();
const pool = new Pool();

function whereClause(filters) {
  const parts = [];
  for (const [k, v] of Object.entries(filters)) parts.push(`${k} = '${v}'`);
  return parts.length ? 'WHERE ' + parts.join(' AND ') : '';
}

router.get('/tickets', async (req, res) => {
  const filters = { status: req.query.status, owner: req.query.owner };
  const { rows } = await pool.query(`SELECT * FROM tickets ${whereClause(filters)}`);
  res.json(rows);
});

module.exports = router;
''')
safe("js-sqli-pg-filter", 89, "sanitised", '''
const express = require('express');
const { Pool } = require('pg');
const router = express.Router();
const pool = new Pool();

router.get('/tickets', async (req, res) => {
  const { rows } = await pool.query(
    'SELECT * FROM tickets WHERE status = $1 AND owner = $2',
    [req.query.status, req.query.owner],
  );
  res.json(rows);
});

module.exports = router;
''')
bad("js-sqli-sort", 89, '''
const express = require('express');
const db = require('./db');
const app = express();

app.get('/users', async (req, res) => {
  const column = req.query.sort || 'name';
  const users = await db.all(`SELECT id, name FROM users ORDER BY ${column}`);
  res.json(users);
});
''')
safe("js-sqli-sort", 89, "allowlisted", '''
const express = require('express');
const db = require('./db');
const app = express();
const SORTS = { name: 'name', newest: 'created_at DESC', id: 'id' };

app.get('/users', async (req, res) => {
  const column = SORTS[req.query.sort] || 'name';
  const users = await db.all(`SELECT id, name FROM users ORDER BY ${column}`);
  res.json(users);
});
''')
safe("js-sqli-sort", 89, "guarded", '''
const express = require('express');
const db = require('./db');
const app = express();

app.get('/users/:id', async (req, res) => {
  const id = Number.parseInt(req.params.id, 10);
  if (Number.isNaN(id)) return res.status(400).end();
  const user = await db.get(`SELECT id, name FROM users WHERE id = ${id}`);
  res.json(user);
});
''')
bad("js-nosqli-login", 943, '''
const express = require('express');
const User = require('./models/user');
const app = express();
app.use(express.json());

app.post('/login', async (req, res) => {
  const user = await User.findOne({ email: req.body.email, password: req.body.password });
  if (!user) return res.status(401).json({ error: 'invalid' });
  res.json({ id: user.id });
});
''')
safe("js-nosqli-login", 943, "guarded", '''
const express = require('express');
const bcrypt = require('bcrypt');
const User = require('./models/user');
const app = express();
app.use(express.json());

app.post('/login', async (req, res) => {
  const { email, password } = req.body;
  if (typeof email !== 'string' || typeof password !== 'string') {
    return res.status(400).json({ error: 'bad request' });
  }
  const user = await User.findOne({ email });
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    return res.status(401).json({ error: 'invalid' });
  }
  res.json({ id: user.id });
});
''')
bad("js-nosqli-where", 943, '''
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();
const client = new MongoClient('mongodb://localhost');

app.get('/products', async (req, res) => {
  const col = client.db('shop').collection('products');
  const docs = await col.find({ $where: `this.price < ${req.query.max}` }).toArray();
  res.json(docs);
});
''')
safe("js-nosqli-where", 943, "sanitised", '''
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();
const client = new MongoClient('mongodb://localhost');

app.get('/products', async (req, res) => {
  const col = client.db('shop').collection('products');
  const max = Number(req.query.max);
  const docs = await col.find({ price: { $lt: Number.isFinite(max) ? max : 0 } }).toArray();
  res.json(docs);
});
''')

# ------------------------------------------------------------------ CWE-78 command injection
bad("js-cmd-ping", 78, '''
const express = require('express');
const { exec } = require('child_process');
const app = express();

app.get('/ping', (req, res) => {
  exec(`ping -c 1 ${req.query.host}`, (err, stdout) => {
    res.type('text').send(stdout);
  });
});
''')
safe("js-cmd-ping", 78, "sanitised", '''
const express = require('express');
const { execFile } = require('child_process');
const app = express();

app.get('/ping', (req, res) => {
  execFile('ping', ['-c', '1', String(req.query.host)], (err, stdout) => {
    res.type('text').send(stdout);
  });
});
''')
safe("js-cmd-ping", 78, "guarded", '''
const express = require('express');
const net = require('net');
const { exec } = require('child_process');
const app = express();

app.get('/ping', (req, res) => {
  const host = String(req.query.host);
  if (!net.isIP(host)) return res.status(400).send('bad host');
  exec(`ping -c 1 ${host}`, (err, stdout) => {
    res.type('text').send(stdout);
  });
});
''')
bad("js-cmd-archive", 78, '''
const express = require('express');
const { execSync } = require('child_process');
const app = express();
app.use(express.json());

function tarCommand(job) {
  return ['tar', 'czf', `/backups/${job.name}.tgz`, job.dir].join(' ');
}

app.post('/backup', (req, res) => {
  const job = { name: req.body.name, dir: req.body.dir };
  execSync(tarCommand(job));
  res.json({ ok: true });
});
''')
safe("js-cmd-archive", 78, "allowlisted", '''
const express = require('express');
const { execFileSync } = require('child_process');
const app = express();
app.use(express.json());
const DIRS = { site: '/srv/site', uploads: '/srv/uploads' };

app.post('/backup', (req, res) => {
  const dir = DIRS[req.body.dir];
  if (!dir) return res.status(400).json({ error: 'unknown dir' });
  execFileSync('tar', ['czf', `/backups/${req.body.dir}-${Date.now()}.tgz`, dir]);
  res.json({ ok: true });
});
''')
bad("js-cmd-spawn-shell", 78, '''
const express = require('express');
const { spawn } = require('child_process');
const app = express();

app.get('/convert', (req, res) => {
  const child = spawn('ffmpeg -i uploads/' + req.query.file + ' -f mp3 -', { shell: true });
  child.stdout.pipe(res);
});
''')
safe("js-cmd-spawn-shell", 78, "dead", '''
const express = require('express');
const path = require('path');
const { spawn } = require('child_process');
const app = express();
const LEGACY_SHELL = false;

app.get('/convert', (req, res) => {
  const file = path.basename(String(req.query.file));
  const child = LEGACY_SHELL
    ? spawn('ffmpeg -i uploads/' + req.query.file + ' -f mp3 -', { shell: true })
    : spawn('ffmpeg', ['-i', path.join('uploads', file), '-f', 'mp3', '-']);
  child.stdout.pipe(res);
});
''')

# ------------------------------------------------------------------ CWE-94/95 code injection
bad("js-code-eval-calc", 95, '''
const express = require('express');
const app = express();
app.use(express.json());

app.post('/calc', (req, res) => {
  const result = eval(req.body.expression);
  res.json({ result });
});
''')
safe("js-code-eval-calc", 95, "sanitised", '''
const express = require('express');
const { evaluate } = require('mathjs');
const app = express();
app.use(express.json());

app.post('/calc', (req, res) => {
  const result = evaluate(String(req.body.expression));
  res.json({ result });
});
''')
safe("js-code-eval-calc", 95, "constant", '''
const express = require('express');
const app = express();
app.use(express.json());
const FORMULA = '2 * Math.PI';

app.post('/calc', (req, res) => {
  const result = eval(FORMULA);
  res.json({ result, input: req.body.expression });
});
''')
bad("js-code-function", 94, '''
const express = require('express');
const app = express();
app.use(express.json());

app.post('/rules/test', (req, res) => {
  const rule = req.body.rule;
  const check = new Function('order', 'return ' + rule);
  res.json({ matches: check({ total: 120, country: 'FR' }) });
});
''')
safe("js-code-function", 94, "allowlisted", '''
const express = require('express');
const app = express();
app.use(express.json());
const RULES = {
  bigOrder: (o) => o.total > 100,
  domestic: (o) => o.country === 'FR',
};

app.post('/rules/test', (req, res) => {
  const check = RULES[req.body.rule];
  if (!check) return res.status(400).json({ error: 'unknown rule' });
  res.json({ matches: check({ total: 120, country: 'FR' }) });
});
''')
bad("js-code-vm", 94, '''
const express = require('express');
const vm = require('vm');
const app = express();
app.use(express.text());

app.post('/sandbox', (req, res) => {
  const out = vm.runInNewContext(req.body, { items: [1, 2, 3] });
  res.json({ out });
});
''')
bad("js-code-settimeout", 95, '''
const express = require('express');
const app = express();

app.get('/delay', (req, res) => {
  setTimeout('console.log("' + req.query.msg + '")', 100);
  res.send('scheduled');
});
''')
safe("js-code-settimeout", 95, "sanitised", '''
const express = require('express');
const app = express();

app.get('/delay', (req, res) => {
  const msg = String(req.query.msg);
  setTimeout(() => console.log(JSON.stringify(msg)), 100);
  res.send('scheduled');
});
''')

# ------------------------------------------------------------------ CWE-22 path traversal
bad("js-path-download", 22, '''
const express = require('express');
const path = require('path');
const app = express();

app.get('/files/:name', (req, res) => {
  res.sendFile(path.join(__dirname, 'uploads', req.params.name));
});
''')
safe("js-path-download", 22, "sanitised", '''
const express = require('express');
const path = require('path');
const app = express();

app.get('/files/:name', (req, res) => {
  res.sendFile(path.basename(req.params.name), { root: path.join(__dirname, 'uploads') });
});
''')
safe("js-path-download", 22, "guarded", '''
const express = require('express');
const path = require('path');
const app = express();
const ROOT = path.resolve(__dirname, 'uploads');

app.get('/files/:name', (req, res) => {
  const target = path.resolve(ROOT, req.params.name);
  if (!target.startsWith(ROOT + path.sep)) return res.status(404).end();
  res.sendFile(target);
});
''')
bad("js-path-readfile", 22, '''
const express = require('express');
const fs = require('fs');
const app = express();

app.get('/docs', (req, res) => {
  const page = req.query.page || 'index';
  fs.readFile('./docs/' + page + '.md', 'utf8', (err, text) => {
    if (err) return res.status(404).send('not found');
    res.type('text').send(text);
  });
});
''')
safe("js-path-readfile", 22, "allowlisted", '''
const express = require('express');
const fs = require('fs');
const app = express();
const PAGES = new Set(['index', 'install', 'faq', 'api']);

app.get('/docs', (req, res) => {
  const page = req.query.page || 'index';
  if (!PAGES.has(page)) return res.status(404).send('not found');
  fs.readFile('./docs/' + page + '.md', 'utf8', (err, text) => {
    if (err) return res.status(404).send('not found');
    res.type('text').send(text);
  });
});
''')
bad("js-path-write", 22, '''
const express = require('express');
const fs = require('fs/promises');
const path = require('path');
const app = express();
app.use(express.json());

async function saveDraft(draft) {
  await fs.writeFile(path.join('/var/app/drafts', draft.slug + '.json'), JSON.stringify(draft));
}

app.put('/drafts', async (req, res) => {
  await saveDraft({ slug: req.body.slug, body: req.body.body });
  res.status(204).end();
});
''')
safe("js-path-write", 22, "guarded", '''
const express = require('express');
const fs = require('fs/promises');
const path = require('path');
const app = express();
app.use(express.json());

async function saveDraft(draft) {
  await fs.writeFile(path.join('/var/app/drafts', draft.slug + '.json'), JSON.stringify(draft));
}

app.put('/drafts', async (req, res) => {
  if (!/^[a-z0-9-]{1,64}$/.test(req.body.slug)) return res.status(400).end();
  await saveDraft({ slug: req.body.slug, body: req.body.body });
  res.status(204).end();
});
''')

# ------------------------------------------------------------------ CWE-918 SSRF
bad("js-ssrf-fetch", 918, '''
const express = require('express');
const app = express();
app.use(express.json());

app.post('/preview', async (req, res) => {
  const r = await fetch(req.body.url);
  const html = await r.text();
  const title = (html.match(/<title>([^<]*)<\\/title>/i) || [])[1] || '';
  res.json({ title });
});
''')
safe("js-ssrf-fetch", 918, "allowlisted", '''
const express = require('express');
const app = express();
app.use(express.json());
const HOSTS = new Set(['github.com', 'www.npmjs.com']);

app.post('/preview', async (req, res) => {
  let u;
  try { u = new URL(req.body.url); } catch { return res.status(400).end(); }
  if (u.protocol !== 'https:' || !HOSTS.has(u.hostname)) return res.status(400).end();
  const r = await fetch(u, { redirect: 'error' });
  const html = await r.text();
  const title = (html.match(/<title>([^<]*)<\\/title>/i) || [])[1] || '';
  res.json({ title });
});
''')
bad("js-ssrf-axios", 918, '''
const express = require('express');
const axios = require('axios');
const app = express();

app.get('/proxy/image', async (req, res) => {
  const opts = { url: req.query.src, responseType: 'arraybuffer', timeout: 5000 };
  const r = await axios(opts);
  res.type(r.headers['content-type'] || 'application/octet-stream').send(r.data);
});
''')
safe("js-ssrf-axios", 918, "guarded", '''
const express = require('express');
const axios = require('axios');
const app = express();
const CDN = 'https://images.example-cdn.com';

app.get('/proxy/image', async (req, res) => {
  const id = String(req.query.id || '');
  if (!/^[a-f0-9]{32}$/.test(id)) return res.status(400).end();
  const opts = { url: `${CDN}/${id}.png`, responseType: 'arraybuffer', timeout: 5000 };
  const r = await axios(opts);
  res.type('png').send(r.data);
});
''')
bad("js-ssrf-http-get", 918, '''
const express = require('express');
const http = require('http');
const app = express();

app.get('/status', (req, res) => {
  const target = 'http://' + req.query.host + ':' + (req.query.port || 80) + '/health';
  http.get(target, (r) => res.json({ code: r.statusCode })).on('error', () => res.json({}));
});
''')
safe("js-ssrf-http-get", 918, "allowlisted", '''
const express = require('express');
const http = require('http');
const app = express();
const SERVICES = { billing: 'http://billing:8080/health', mail: 'http://mail:8025/health' };

app.get('/status', (req, res) => {
  const target = SERVICES[req.query.service];
  if (!target) return res.status(404).end();
  http.get(target, (r) => res.json({ code: r.statusCode })).on('error', () => res.json({}));
});
''')

# ------------------------------------------------------------------ CWE-601 open redirect
bad("js-redirect-return", 601, '''
const express = require('express');
const app = express();

app.get('/login/done', (req, res) => {
  const returnTo = req.query.returnTo || '/';
  res.redirect(returnTo);
});
''')
safe("js-redirect-return", 601, "guarded", '''
const express = require('express');
const app = express();

app.get('/login/done', (req, res) => {
  let returnTo = String(req.query.returnTo || '/');
  if (!returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.includes('\\\\')) {
    returnTo = '/';
  }
  res.redirect(returnTo);
});
''')
bad("js-redirect-location", 601, '''
const express = require('express');
const app = express();

app.get('/go', (req, res) => {
  const links = [req.query.target];
  res.set('Location', links[0]);
  res.status(302).end();
});
''')
safe("js-redirect-location", 601, "allowlisted", '''
const express = require('express');
const app = express();
const PARTNERS = { docs: 'https://docs.example.com', shop: 'https://shop.example.com' };

app.get('/go', (req, res) => {
  const dest = PARTNERS[req.query.target] || '/';
  res.set('Location', dest);
  res.status(302).end();
});
''')

# ------------------------------------------------------------------ CWE-502 deserialization
bad("js-deser-serialize", 502, '''
const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');
const app = express();
app.use(cookieParser());

app.get('/', (req, res) => {
  const prefs = req.cookies.prefs
    ? serialize.unserialize(Buffer.from(req.cookies.prefs, 'base64').toString())
    : { theme: 'light' };
  res.send('theme: ' + String(prefs.theme).replace(/[<>&]/g, ''));
});
''')
safe("js-deser-serialize", 502, "sanitised", '''
const express = require('express');
const cookieParser = require('cookie-parser');
const app = express();
app.use(cookieParser());

app.get('/', (req, res) => {
  let prefs = { theme: 'light' };
  try {
    prefs = JSON.parse(Buffer.from(req.cookies.prefs || '', 'base64').toString());
  } catch { /* keep defaults */ }
  res.send('theme: ' + String(prefs.theme).replace(/[<>&]/g, ''));
});
''')
bad("js-deser-yaml", 502, '''
const express = require('express');
const yaml = require('js-yaml');
const app = express();
app.use(express.text({ type: '*/*' }));

app.post('/config', (req, res) => {
  const cfg = yaml.load(req.body, { schema: require('js-yaml-js-types').all });
  res.json({ keys: Object.keys(cfg) });
});
''')
safe("js-deser-yaml", 502, "sanitised", '''
const express = require('express');
const yaml = require('js-yaml');
const app = express();
app.use(express.text({ type: '*/*' }));

app.post('/config', (req, res) => {
  const cfg = yaml.load(req.body, { schema: yaml.JSON_SCHEMA });
  res.json({ keys: Object.keys(cfg) });
});
''')
bad("js-deser-merge", 1321, '''
const express = require('express');
const app = express();
app.use(express.json());
const settings = {};

function merge(target, src) {
  for (const key in src) {
    if (typeof src[key] === 'object' && src[key] !== null) {
      target[key] = target[key] || {};
      merge(target[key], src[key]);
    } else {
      target[key] = src[key];
    }
  }
  return target;
}

app.patch('/settings', (req, res) => res.json(merge(settings, req.body)));
''')
safe("js-deser-merge", 1321, "guarded", '''
const express = require('express');
const app = express();
app.use(express.json());
const settings = {};

function merge(target, src) {
  for (const key of Object.keys(src)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (typeof src[key] === 'object' && src[key] !== null) {
      target[key] = target[key] || {};
      merge(target[key], src[key]);
    } else {
      target[key] = src[key];
    }
  }
  return target;
}

app.patch('/settings', (req, res) => res.json(merge(settings, req.body)));
''')

# ------------------------------------------------------------------ CWE-611 XXE
bad("js-xxe-libxml", 611, '''
const express = require('express');
const libxmljs = require('libxmljs');
const app = express();
app.use(express.text({ type: 'application/xml' }));

app.post('/import', (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, dtdload: true });
  res.json({ items: doc.find('//item').length });
});
''')
safe("js-xxe-libxml", 611, "sanitised", '''
const express = require('express');
const libxmljs = require('libxmljs');
const app = express();
app.use(express.text({ type: 'application/xml' }));

app.post('/import', (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true });
  res.json({ items: doc.find('//item').length });
});
''')
safe("js-xxe-libxml", 611, "sanitised", '''
const express = require('express');
const { XMLParser } = require('fast-xml-parser');
const app = express();
app.use(express.text({ type: 'application/xml' }));

app.post('/import', (req, res) => {
  const doc = new XMLParser().parse(req.body);
  res.json({ items: [].concat(doc.items?.item || []).length });
});
''')

# ------------------------------------------------------------------ CWE-643 XPath
bad("js-xpath-login", 643, '''
const express = require('express');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');
const fs = require('fs');
const app = express();
app.use(express.urlencoded({ extended: false }));
const doc = new DOMParser().parseFromString(fs.readFileSync('users.xml', 'utf8'));

app.post('/login', (req, res) => {
  const q = `//user[name/text()='${req.body.user}' and pass/text()='${req.body.pass}']`;
  const nodes = xpath.select(q, doc);
  res.status(nodes.length ? 200 : 401).end();
});
''')
safe("js-xpath-login", 643, "guarded", '''
const express = require('express');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');
const fs = require('fs');
const app = express();
app.use(express.urlencoded({ extended: false }));
const doc = new DOMParser().parseFromString(fs.readFileSync('users.xml', 'utf8'));
const SAFE = /^[A-Za-z0-9_.-]{1,40}$/;

app.post('/login', (req, res) => {
  if (!SAFE.test(req.body.user) || !SAFE.test(req.body.pass)) return res.status(400).end();
  const q = `//user[name/text()='${req.body.user}' and pass/text()='${req.body.pass}']`;
  const nodes = xpath.select(q, doc);
  res.status(nodes.length ? 200 : 401).end();
});
''')

# ------------------------------------------------------------------ CWE-90 LDAP
bad("js-ldap-search", 90, '''
const express = require('express');
const ldap = require('ldapjs');
const app = express();
const client = ldap.createClient({ url: 'ldap://ldap.internal' });

app.get('/people', (req, res) => {
  const opts = { filter: '(&(objectClass=person)(cn=' + req.query.name + '))', scope: 'sub' };
  client.search('ou=people,dc=corp', opts, (err, search) => {
    const out = [];
    search.on('searchEntry', (e) => out.push(e.pojo.objectName));
    search.on('end', () => res.json(out));
  });
});
''')
safe("js-ldap-search", 90, "sanitised", '''
const express = require('express');
const ldap = require('ldapjs');
const app = express();
const client = ldap.createClient({ url: 'ldap://ldap.internal' });

app.get('/people', (req, res) => {
  const filter = new ldap.AndFilter({ filters: [
    new ldap.EqualityFilter({ attribute: 'objectClass', value: 'person' }),
    new ldap.EqualityFilter({ attribute: 'cn', value: String(req.query.name) }),
  ] });
  client.search('ou=people,dc=corp', { filter, scope: 'sub' }, (err, search) => {
    const out = [];
    search.on('searchEntry', (e) => out.push(e.pojo.objectName));
    search.on('end', () => res.json(out));
  });
});
''')

# ------------------------------------------------------------------ CWE-327/328 weak crypto
bad("js-crypto-md5-sign", 328, '''
const express = require('express');
const crypto = require('crypto');
const app = express();
const SECRET = process.env.LINK_SECRET;

app.get('/share', (req, res) => {
  const sig = crypto.createHash('md5').update(SECRET + req.query.doc).digest('hex');
  res.json({ link: `/doc/${req.query.doc}?sig=${sig}` });
});
''')
safe("js-crypto-md5-sign", 328, "sanitised", '''
const express = require('express');
const crypto = require('crypto');
const app = express();
const SECRET = process.env.LINK_SECRET;

app.get('/share', (req, res) => {
  const sig = crypto.createHmac('sha256', SECRET).update(String(req.query.doc)).digest('hex');
  res.json({ link: `/doc/${req.query.doc}?sig=${sig}` });
});
''')
safe("js-crypto-md5-sign", 328, "guarded", '''
const express = require('express');
const crypto = require('crypto');
const fs = require('fs');
const app = express();

app.get('/assets/app.js', (req, res) => {
  const body = fs.readFileSync('public/app.js');
  res.set('ETag', crypto.createHash('md5').update(body).digest('hex'));
  res.type('js').send(body);
});
''')
bad("js-crypto-des", 327, '''
const express = require('express');
const crypto = require('crypto');
const app = express();
app.use(express.json());
const KEY = Buffer.from(process.env.DES_KEY, 'hex');

app.post('/vault', (req, res) => {
  const cipher = crypto.createCipheriv('des-ecb', KEY, null);
  const enc = Buffer.concat([cipher.update(req.body.secret, 'utf8'), cipher.final()]);
  res.json({ blob: enc.toString('base64') });
});
''')
safe("js-crypto-des", 327, "sanitised", '''
const express = require('express');
const crypto = require('crypto');
const app = express();
app.use(express.json());
const KEY = Buffer.from(process.env.AES_KEY, 'hex');

app.post('/vault', (req, res) => {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);
  const enc = Buffer.concat([cipher.update(req.body.secret, 'utf8'), cipher.final()]);
  res.json({ blob: Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64') });
});
''')

# ------------------------------------------------------------------ CWE-330/338 randomness
bad("js-rand-reset", 338, '''
const express = require('express');
const app = express();
app.use(express.json());
const resets = new Map();

app.post('/forgot', (req, res) => {
  const token = Math.random().toString(36).substring(2) + Math.random().toString(36).substring(2);
  resets.set(token, req.body.email);
  res.json({ sent: true });
});
''')
safe("js-rand-reset", 338, "sanitised", '''
const express = require('express');
const crypto = require('crypto');
const app = express();
app.use(express.json());
const resets = new Map();

app.post('/forgot', (req, res) => {
  const token = crypto.randomBytes(32).toString('hex');
  resets.set(token, req.body.email);
  res.json({ sent: true });
});
''')
bad("js-rand-session", 330, '''
const express = require('express');
const app = express();
const sessions = {};

function makeId(len) {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < len; i++) id += chars.charAt(Math.floor(Math.random() * chars.length));
  return id;
}

app.post('/session', (req, res) => {
  const sid = makeId(24);
  sessions[sid] = { created: Date.now() };
  res.cookie('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax' });
  res.json({ ok: true });
});
''')
safe("js-rand-session", 330, "sanitised", '''
const express = require('express');
const crypto = require('crypto');
const app = express();
const sessions = {};

app.post('/session', (req, res) => {
  const sid = crypto.randomUUID();
  sessions[sid] = { created: Date.now() };
  res.cookie('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax' });
  res.json({ ok: true });
});
''')
safe("js-rand-session", 330, "guarded", '''
const express = require('express');
const app = express();
const QUOTES = ['Ship it', 'Test first', 'Read the logs'];

app.get('/quote', (req, res) => {
  res.json({ quote: QUOTES[Math.floor(Math.random() * QUOTES.length)] });
});
''')
bad("js-rand-otp", 338, '''
const express = require('express');
const { sendSms } = require('./sms');
const app = express();
app.use(express.json());
const codes = new Map();

app.post('/otp', async (req, res) => {
  const code = String(Math.floor(100000 + Math.random() * 900000));
  codes.set(req.body.phone, code);
  await sendSms(req.body.phone, `Your code is ${code}`);
  res.json({ sent: true });
});
''')
safe("js-rand-otp", 338, "sanitised", '''
const express = require('express');
const { randomInt } = require('crypto');
const { sendSms } = require('./sms');
const app = express();
app.use(express.json());
const codes = new Map();

app.post('/otp', async (req, res) => {
  const code = String(randomInt(100000, 1000000));
  codes.set(req.body.phone, code);
  await sendSms(req.body.phone, `Your code is ${code}`);
  res.json({ sent: true });
});
''')

# ------------------------------------------------------------------ CWE-614/1004 cookies
bad("js-cookie-login", 614, '''
const express = require('express');
const crypto = require('crypto');
const app = express();

app.post('/login', (req, res) => {
  const token = crypto.randomBytes(24).toString('hex');
  res.cookie('auth', token, { maxAge: 7 * 24 * 3600 * 1000 });
  res.json({ ok: true });
});
''')
safe("js-cookie-login", 614, "sanitised", '''
const express = require('express');
const crypto = require('crypto');
const app = express();

app.post('/login', (req, res) => {
  const token = crypto.randomBytes(24).toString('hex');
  res.cookie('auth', token, {
    maxAge: 7 * 24 * 3600 * 1000, httpOnly: true, secure: true, sameSite: 'strict',
  });
  res.json({ ok: true });
});
''')
bad("js-cookie-session-mw", 1004, '''
const express = require('express');
const session = require('express-session');
const app = express();

app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: false, secure: false },
}));
''')
safe("js-cookie-session-mw", 1004, "sanitised", '''
const express = require('express');
const session = require('express-session');
const app = express();
app.set('trust proxy', 1);

app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
}));
''')
safe("js-cookie-session-mw", 1004, "guarded", '''
const express = require('express');
const app = express();

app.get('/lang/:code', (req, res) => {
  const lang = ['en', 'fr', 'de'].includes(req.params.code) ? req.params.code : 'en';
  res.cookie('lang', lang, { maxAge: 31536000000, sameSite: 'lax' });
  res.redirect('/');
});
''')

# ------------------------------------------------------------------ CWE-501 trust boundary
bad("js-session-role", 501, '''
const express = require('express');
const session = require('express-session');
const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/login', async (req, res) => {
  req.session.user = req.body.username;
  req.session.isAdmin = req.body.isAdmin === true;
  res.json({ ok: true });
});

app.get('/admin', (req, res) => res.status(req.session.isAdmin ? 200 : 403).end());
''')
safe("js-session-role", 501, "guarded", '''
const express = require('express');
const session = require('express-session');
const { verifyUser } = require('./users');
const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/login', async (req, res) => {
  const user = await verifyUser(req.body.username, req.body.password);
  if (!user) return res.status(401).end();
  req.session.user = user.name;
  req.session.isAdmin = user.role === 'admin';
  res.json({ ok: true });
});
''')
bad("js-session-discount", 501, '''
const express = require('express');
const session = require('express-session');
const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: true }));

app.post('/cart/coupon', (req, res) => {
  req.session.discount = req.body.percent;
  res.json({ applied: true });
});

app.post('/checkout', (req, res) => {
  res.json({ charge: 100 * (1 - (req.session.discount || 0) / 100) });
});
''')
safe("js-session-discount", 501, "allowlisted", '''
const express = require('express');
const session = require('express-session');
const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: true }));
const COUPONS = { WELCOME10: 10, SPRING15: 15 };

app.post('/cart/coupon', (req, res) => {
  const percent = COUPONS[req.body.code];
  if (!percent) return res.status(404).json({ applied: false });
  req.session.discount = percent;
  res.json({ applied: true });
});
''')

# ------------------------------------------------------------------ CWE-117 log injection
bad("js-log-login", 117, '''
const express = require('express');
const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/login', (req, res) => {
  console.log('Login failed for user: ' + req.body.username);
  res.status(401).send('invalid');
});
''')
safe("js-log-login", 117, "sanitised", '''
const express = require('express');
const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/login', (req, res) => {
  const user = String(req.body.username).replace(/[\\r\\n]/g, '_');
  console.log('Login failed for user: ' + user);
  res.status(401).send('invalid');
});
''')
safe("js-log-login", 117, "sanitised", '''
const express = require('express');
const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/login', (req, res) => {
  console.log('Login failed for user: %s', JSON.stringify(req.body.username));
  res.status(401).send('invalid');
});
''')
bad("js-log-winston", 117, '''
const express = require('express');
const winston = require('winston');
const app = express();
const logger = winston.createLogger({
  transports: [new winston.transports.File({ filename: 'app.log' })],
});

app.use((req, res, next) => {
  const meta = { ref: req.get('Referer'), agent: req.get('User-Agent') };
  logger.info(`visit ${req.originalUrl} from ${meta.ref} using ${meta.agent}`);
  next();
});
''')
safe("js-log-winston", 117, "constant", '''
const express = require('express');
const winston = require('winston');
const app = express();
const logger = winston.createLogger({
  transports: [new winston.transports.File({ filename: 'app.log' })],
});

app.use((req, res, next) => {
  res.on('finish', () => logger.info(`request finished with ${res.statusCode}`));
  next();
});
''')

# ------------------------------------------------------------------ CWE-256/522/916 passwords
bad("js-pw-plain", 256, '''
const express = require('express');
const db = require('./db');
const app = express();
app.use(express.json());

app.post('/register', async (req, res) => {
  const { email, password } = req.body;
  await db.run('INSERT INTO users (email, password) VALUES (?, ?)', [email, password]);
  res.status(201).json({ email });
});
''')
safe("js-pw-plain", 256, "sanitised", '''
const express = require('express');
const bcrypt = require('bcrypt');
const db = require('./db');
const app = express();
app.use(express.json());

app.post('/register', async (req, res) => {
  const { email, password } = req.body;
  const hash = await bcrypt.hash(password, 12);
  await db.run('INSERT INTO users (email, password) VALUES (?, ?)', [email, hash]);
  res.status(201).json({ email });
});
''')
bad("js-pw-sha256", 916, '''
const express = require('express');
const crypto = require('crypto');
const users = require('./users');
const app = express();
app.use(express.json());

const hashPassword = (pw) => crypto.createHash('sha256').update(pw).digest('hex');

app.post('/signup', async (req, res) => {
  await users.insert({ name: req.body.name, passwordHash: hashPassword(req.body.password) });
  res.status(201).end();
});
''')
safe("js-pw-sha256", 916, "sanitised", '''
const express = require('express');
const crypto = require('crypto');
const users = require('./users');
const app = express();
app.use(express.json());

function hashPassword(pw) {
  const salt = crypto.randomBytes(16);
  return salt.toString('hex') + ':' + crypto.scryptSync(pw, salt, 64).toString('hex');
}

app.post('/signup', async (req, res) => {
  await users.insert({ name: req.body.name, passwordHash: hashPassword(req.body.password) });
  res.status(201).end();
});
''')
safe("js-pw-sha256", 916, "guarded", '''
const express = require('express');
const crypto = require('crypto');
const app = express();
app.use(express.text());
const seen = new Set();

app.post('/dedupe', (req, res) => {
  const digest = crypto.createHash('sha256').update(req.body).digest('hex');
  const dup = seen.has(digest);
  seen.add(digest);
  res.json({ duplicate: dup });
});
''')
bad("js-pw-object", 522, '''
const express = require('express');
const app = express();
app.use(express.json());
const accounts = [];

function createAccount(input) {
  const account = { id: accounts.length + 1, ...input };
  accounts.push(account);
  return account;
}

app.post('/accounts', (req, res) => {
  const acct = createAccount({ user: req.body.user, password: req.body.password });
  res.status(201).json({ id: acct.id });
});
''')
safe("js-pw-object", 522, "sanitised", '''
const express = require('express');
const argon2 = require('argon2');
const app = express();
app.use(express.json());
const accounts = [];

function createAccount(input) {
  const account = { id: accounts.length + 1, ...input };
  accounts.push(account);
  return account;
}

app.post('/accounts', async (req, res) => {
  const hash = await argon2.hash(req.body.password);
  const acct = createAccount({ user: req.body.user, password: hash });
  res.status(201).json({ id: acct.id });
});
''')

# ------------------------------------------------------------------ CWE-400/409/770/1333 bounds
bad("js-dos-regex", 1333, '''
const express = require('express');
const app = express();
const catalog = require('./catalog.json');

app.get('/filter', (req, res) => {
  const re = new RegExp(req.query.pattern, 'i');
  res.json(catalog.filter((p) => re.test(p.name)));
});
''')
safe("js-dos-regex", 1333, "sanitised", '''
const express = require('express');
const app = express();
const catalog = require('./catalog.json');
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&');

app.get('/filter', (req, res) => {
  const re = new RegExp(escapeRe(String(req.query.pattern).slice(0, 100)), 'i');
  res.json(catalog.filter((p) => re.test(p.name)));
});
''')
bad("js-dos-upload", 400, '''
const express = require('express');
const multer = require('multer');
const app = express();
const upload = multer({ dest: 'uploads/' });

app.post('/upload', upload.single('file'), (req, res) => {
  res.json({ stored: req.file.filename, size: req.file.size });
});
''')
safe("js-dos-upload", 400, "guarded", '''
const express = require('express');
const multer = require('multer');
const app = express();
const upload = multer({ dest: 'uploads/', limits: { fileSize: 5 * 1024 * 1024, files: 1 } });

app.post('/upload', upload.single('file'), (req, res) => {
  res.json({ stored: req.file.filename, size: req.file.size });
});
''')
bad("js-dos-body", 770, '''
const express = require('express');
const app = express();
app.use(express.json({ limit: '500mb' }));

app.post('/events', (req, res) => {
  res.json({ received: Array.isArray(req.body) ? req.body.length : 0 });
});
''')
safe("js-dos-body", 770, "guarded", '''
const express = require('express');
const app = express();
app.use(express.json({ limit: '100kb' }));

app.post('/events', (req, res) => {
  res.json({ received: Array.isArray(req.body) ? req.body.length : 0 });
});
''')
bad("js-dos-loop", 400, '''
const express = require('express');
const app = express();

app.get('/fib', (req, res) => {
  const n = parseInt(req.query.n, 10);
  const seq = [0, 1];
  for (let i = 2; i < n; i++) seq.push(seq[i - 1] + seq[i - 2]);
  res.json(seq);
});
''')
safe("js-dos-loop", 400, "guarded", '''
const express = require('express');
const app = express();

app.get('/fib', (req, res) => {
  const n = Math.min(parseInt(req.query.n, 10) || 0, 90);
  const seq = [0, 1];
  for (let i = 2; i < n; i++) seq.push(seq[i - 1] + seq[i - 2]);
  res.json(seq);
});
''')
bad("js-dos-unzip", 409, '''
const express = require('express');
const AdmZip = require('adm-zip');
const multer = require('multer');
const app = express();
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10e6 } });

app.post('/themes', upload.single('theme'), (req, res) => {
  const zip = new AdmZip(req.file.buffer);
  zip.extractAllTo('/srv/themes/tmp', true);
  res.json({ entries: zip.getEntries().length });
});
''')
safe("js-dos-unzip", 409, "guarded", '''
const express = require('express');
const AdmZip = require('adm-zip');
const multer = require('multer');
const app = express();
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10e6 } });
const MAX = 50e6;

app.post('/themes', upload.single('theme'), (req, res) => {
  const zip = new AdmZip(req.file.buffer);
  const entries = zip.getEntries();
  const total = entries.reduce((n, e) => n + e.header.size, 0);
  if (total > MAX || entries.length > 500) return res.status(413).end();
  for (const e of entries) {
    if (e.entryName.includes('..') || e.entryName.startsWith('/')) return res.status(400).end();
  }
  zip.extractAllTo('/srv/themes/tmp', true);
  res.json({ entries: entries.length });
});
''')

# ------------------------------------------------------------------ CWE-639/862/863 access
bad("js-idor-order", 639, '''
const express = require('express');
const { requireLogin } = require('./auth');
const Order = require('./models/order');
const router = express.Router();

router.get('/orders/:id', requireLogin, async (req, res) => {
  const order = await Order.findById(req.params.id);
  if (!order) return res.status(404).end();
  res.json(order);
});

module.exports = router;
''')
safe("js-idor-order", 639, "guarded", '''
const express = require('express');
const { requireLogin } = require('./auth');
const Order = require('./models/order');
const router = express.Router();

router.get('/orders/:id', requireLogin, async (req, res) => {
  const order = await Order.findOne({ _id: req.params.id, userId: req.user.id });
  if (!order) return res.status(404).end();
  res.json(order);
});

module.exports = router;
''')
bad("js-idor-delete", 862, '''
const express = require('express');
const db = require('./db');
const app = express();

app.delete('/api/comments/:id', async (req, res) => {
  await db.run('DELETE FROM comments WHERE id = ?', [req.params.id]);
  res.status(204).end();
});
''')
safe("js-idor-delete", 862, "guarded", '''
const express = require('express');
const db = require('./db');
const { requireLogin } = require('./auth');
const app = express();

app.delete('/api/comments/:id', requireLogin, async (req, res) => {
  const r = await db.run('DELETE FROM comments WHERE id = ? AND author_id = ?',
    [req.params.id, req.user.id]);
  res.status(r.changes ? 204 : 404).end();
});
''')
bad("js-idor-role", 863, '''
const express = require('express');
const { requireLogin } = require('./auth');
const User = require('./models/user');
const app = express();
app.use(express.json());

app.put('/users/:id', requireLogin, async (req, res) => {
  const user = await User.findByIdAndUpdate(req.params.id, req.body, { new: true });
  res.json(user);
});
''')
safe("js-idor-role", 863, "guarded", '''
const express = require('express');
const { requireLogin } = require('./auth');
const User = require('./models/user');
const app = express();
app.use(express.json());

app.put('/users/:id', requireLogin, async (req, res) => {
  if (req.user.id !== req.params.id) return res.status(403).end();
  const { displayName, bio } = req.body;
  const user = await User.findByIdAndUpdate(req.params.id, { displayName, bio }, { new: true });
  res.json(user);
});
''')

# ------------------------------------------------------------------ CWE-20 validation
bad("js-valid-refund", 20, '''
const express = require('express');
const { refund } = require('./payments');
const app = express();
app.use(express.json());

app.post('/refunds', async (req, res) => {
  const amount = parseFloat(req.body.amount);
  await refund(req.body.orderId, amount);
  res.json({ refunded: amount });
});
''')
safe("js-valid-refund", 20, "guarded", '''
const express = require('express');
const { refund, orderTotal } = require('./payments');
const app = express();
app.use(express.json());

app.post('/refunds', async (req, res) => {
  const amount = Number(req.body.amount);
  const max = await orderTotal(req.body.orderId);
  if (!Number.isFinite(amount) || amount <= 0 || amount > max) return res.status(400).end();
  await refund(req.body.orderId, amount);
  res.json({ refunded: amount });
});
''')
bad("js-valid-qty", 20, '''
const express = require('express');
const app = express();
app.use(express.json());
const PRICES = { tee: 20, cap: 12 };

app.post('/cart/total', (req, res) => {
  const total = req.body.lines.reduce((sum, l) => sum + PRICES[l.sku] * l.qty, 0);
  res.json({ total });
});
''')
safe("js-valid-qty", 20, "guarded", '''
const express = require('express');
const app = express();
app.use(express.json());
const PRICES = { tee: 20, cap: 12 };

app.post('/cart/total', (req, res) => {
  const lines = Array.isArray(req.body.lines) ? req.body.lines.slice(0, 50) : [];
  for (const l of lines) {
    if (!(l.sku in PRICES) || !Number.isInteger(l.qty) || l.qty < 1 || l.qty > 99) {
      return res.status(400).end();
    }
  }
  res.json({ total: lines.reduce((sum, l) => sum + PRICES[l.sku] * l.qty, 0) });
});
''')

# ------------------------------------------------------------------ CWE-489/215 debug
bad("js-debug-errors", 209, '''
const express = require('express');
const app = express();

app.get('/report', (req, res) => {
  throw new Error('not implemented');
});

app.use((err, req, res, next) => {
  res.status(500).json({ message: err.message, stack: err.stack });
});
''')
safe("js-debug-errors", 209, "guarded", '''
const express = require('express');
const app = express();

app.get('/report', (req, res) => {
  throw new Error('not implemented');
});

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ message: 'internal error' });
});
''')
bad("js-debug-errorhandler", 489, '''
const express = require('express');
const errorhandler = require('errorhandler');
const app = express();

app.use(errorhandler());
app.get('/', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000);
''')
safe("js-debug-errorhandler", 489, "guarded", '''
const express = require('express');
const errorhandler = require('errorhandler');
const app = express();

if (process.env.NODE_ENV === 'development') {
  app.use(errorhandler());
}
app.get('/', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000);
''')

# ------------------------------------------------------------------ CWE-942 CORS
bad("js-cors-reflect", 942, '''
const express = require('express');
const cors = require('cors');
const app = express();

app.use(cors({ origin: true, credentials: true }));
app.get('/api/account', (req, res) => res.json({ email: 'a@example.com' }));
''')
safe("js-cors-reflect", 942, "allowlisted", '''
const express = require('express');
const cors = require('cors');
const app = express();

app.use(cors({ origin: ['https://app.example.com'], credentials: true }));
app.get('/api/account', (req, res) => res.json({ email: 'a@example.com' }));
''')
bad("js-cors-headers", 942, '''
const express = require('express');
const app = express();

app.use((req, res, next) => {
  res.header('Access-Control-Allow-Origin', req.headers.origin || '*');
  res.header('Access-Control-Allow-Credentials', 'true');
  next();
});
''')
safe("js-cors-headers", 942, "guarded", '''
const express = require('express');
const app = express();

app.use((req, res, next) => {
  res.header('Access-Control-Allow-Origin', '*');
  res.header('Access-Control-Allow-Methods', 'GET');
  next();
});
app.get('/public/stats', (req, res) => res.json({ users: 1200 }));
''')
