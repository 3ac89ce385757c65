const express = require('express');
const escapeHtml = require('escape-html');

const app = express();

const articles = [];
for (let i = 1; i <= 300; i += 1) {
  articles.push({
    id: i,
    title: `Article ${i}: ${['Caching', 'Queues', 'Indexes', 'Backups'][i % 4]} in practice`,
    body: `${'Lorem ipsum dolor sit amet '.repeat(20)} ${'a'.repeat(30)} part ${i}`,
  });
}

function highlight(text, term) {
  return escapeHtml(text).split(escapeHtml(term)).join(`<mark>${escapeHtml(term)}</mark>`);
}

app.get('/search', (req, res) => {
  const q = String(req.query.q || '');
  const mode = req.query.mode === 'regex' ? 'regex' : 'text';
  if (!q) return res.send('<form><input name="q"><button>Search</button></form>');
  let results;
  if (mode === 'regex') {
    let re;
    try {
      re = new RegExp(q, 'i');
    } catch (e) {
      return res.status(400).send('Invalid pattern');
    }
    results = articles.filter((a) => re.test(a.title) || re.test(a.body));
  } else {
    const needle = q.toLowerCase();
    results = articles.filter((a) => a.title.toLowerCase().includes(needle));
  }
  const items = results.slice(0, 50)
    .map((a) => `<li><a href="/articles/${a.id}">${mode === 'text' ? highlight(a.title, q) : escapeHtml(a.title)}</a></li>`)
    .join('');
  res.send(`<form><input name="q" value="${escapeHtml(q)}"><button>Search</button></form>
<p>${results.length} results for <b>${escapeHtml(q)}</b></p><ul>${items}</ul>`);
});

app.get('/articles/:id', (req, res) => {
  const a = articles.find((x) => x.id === Number(req.params.id));
  if (!a) return res.status(404).send('Not found');
  res.json(a);
});

app.listen(process.env.PORT || 3000);
