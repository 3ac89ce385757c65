const express = require('express');
const axios = require('axios');

const app = express();
app.use(express.json());
const hooks = [];

app.post('/webhooks', (req, res) => {
  const { url, events } = req.body;
  if (!url || !/^https?:\/\//.test(url)) return res.status(400).json({ error: 'invalid url' });
  hooks.push({ id: hooks.length + 1, url, events: events || ['*'] });
  res.status(201).json({ id: hooks.length });
});

app.post('/webhooks/:id/test', async (req, res) => {
  const hook = hooks.find((h) => h.id === Number(req.params.id));
  if (!hook) return res.status(404).end();
  try {
    const r = await axios.post(hook.url, { event: 'test' }, { timeout: 5000 });
    res.json({ status: r.status, body: r.data });
  } catch (e) {
    res.status(502).json({ error: e.message });
  }
});

app.listen(3000);
