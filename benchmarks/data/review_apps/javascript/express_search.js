const express = require('express');
const products = require('./products.json');

const app = express();

app.get('/search', (req, res) => {
  const q = req.query.q || '';
  const matcher = new RegExp(q, 'i');
  const results = products.filter((p) => matcher.test(p.name) || matcher.test(p.description));
  const list = results.map((p) => `<li>${p.name} - $${p.price}</li>`).join('');
  res.send(`
    <html><body>
      <form action="/search"><input name="q" value="${q}"><button>Search</button></form>
      <h2>${results.length} results for "${q}"</h2>
      <ul>${list}</ul>
    </body></html>`);
});

app.listen(3000);
