const express = require('express');
const axios = require('axios');
const dns = require('dns').promises;

const app = express();
app.use(express.json());

function extract(html, re) {
  const m = html.match(re);
  return m ? m[1].trim() : null;
}

// Unfurl a link pasted into chat: title, description, image.
app.post('/api/unfurl', async (req, res) => {
  const { url } = req.body;
  let parsed;
  try {
    parsed = new URL(url);
  } catch (e) {
    return res.status(400).json({ error: 'invalid url' });
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) return res.status(400).json({ error: 'http(s) only' });
  try {
    const response = await axios.get(parsed.href, { timeout: 4000, maxContentLength: 2 * 1024 * 1024, responseType: 'text' });
    const html = String(response.data);
    const card = {
      url: parsed.href,
      title: extract(html, /<title[^>]*>([^<]*)<\/title>/i),
      description: extract(html, /<meta\s+name="description"\s+content="([^"]*)"/i),
      image: extract(html, /<meta\s+property="og:image"\s+content="([^"]*)"/i),
      raw: html.slice(0, 300),
    };
    res.json(card);
  } catch (e) {
    res.status(502).json({ error: `could not fetch: ${e.message}` });
  }
});

app.get('/api/resolve', async (req, res) => {
  const host = String(req.query.host || '');
  if (!/^[a-z0-9.-]+$/i.test(host)) return res.status(400).json({ error: 'invalid host' });
  try {
    res.json({ host, addresses: await dns.resolve4(host) });
  } catch (e) {
    res.status(404).json({ error: 'no A records' });
  }
});

app.listen(process.env.PORT || 3000);
