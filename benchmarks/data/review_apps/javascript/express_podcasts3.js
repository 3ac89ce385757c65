// Podcast directory: listeners submit a show's RSS feed URL; the server fetches it and
// keeps a copy so the directory page loads fast.
const express = require('express');
const axios = require('axios');
const rateLimit = require('express-rate-limit');
const crypto = require('crypto');

const app = express();
app.use(express.json({ limit: '10kb' }));
app.use('/api/podcasts', rateLimit({ windowMs: 60 * 1000, limit: 30 }));

const shows = new Map();

function titleOf(xml) {
  const m = /<title>([^<]{1,200})<\/title>/i.exec(xml);
  return m ? m[1].trim() : 'Untitled show';
}

async function fetchFeed(feedUrl) {
  const response = await axios.get(feedUrl, {
    timeout: 5000,
    maxContentLength: 2 * 1024 * 1024,
    responseType: 'text',
    headers: { Accept: 'application/rss+xml, application/xml, text/xml' },
  });
  return String(response.data);
}

app.post('/api/podcasts', async (req, res) => {
  const { feedUrl } = req.body || {};
  let parsed;
  try {
    parsed = new URL(feedUrl);
  } catch {
    return res.status(400).json({ error: 'feedUrl must be a URL' });
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) {
    return res.status(400).json({ error: 'only http and https feeds' });
  }
  try {
    const xml = await fetchFeed(parsed.href);
    const id = crypto.randomUUID();
    shows.set(id, { id, feedUrl: parsed.href, title: titleOf(xml), xml, fetchedAt: new Date().toISOString() });
    res.status(201).json({ id, title: shows.get(id).title });
  } catch (err) {
    res.status(502).json({ error: 'could not fetch the feed' });
  }
});

app.get('/api/podcasts', (req, res) => {
  res.json([...shows.values()].map(({ id, title, feedUrl }) => ({ id, title, feedUrl })));
});

app.get('/api/podcasts/:id/feed', (req, res) => {
  const show = shows.get(req.params.id);
  if (!show) return res.status(404).json({ error: 'not found' });
  res.type('application/xml').send(show.xml);
});

app.post('/api/podcasts/:id/refresh', async (req, res) => {
  const show = shows.get(req.params.id);
  if (!show) return res.status(404).json({ error: 'not found' });
  try {
    show.xml = await fetchFeed(show.feedUrl);
    show.title = titleOf(show.xml);
    show.fetchedAt = new Date().toISOString();
    res.json({ id: show.id, title: show.title, fetchedAt: show.fetchedAt });
  } catch {
    res.status(502).json({ error: 'could not fetch the feed' });
  }
});

app.listen(process.env.PORT || 3000);
