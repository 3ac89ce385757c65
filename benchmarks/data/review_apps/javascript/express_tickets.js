const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
app.use(express.json({ limit: '32kb' }));

const LOG_FILE = path.resolve(process.env.TICKET_LOG || 'tickets.log');
const audit = fs.createWriteStream(LOG_FILE, { flags: 'a' });
const tickets = [];
const PRIORITIES = ['low', 'normal', 'high'];

function logEvent(message) {
  audit.write(`${new Date().toISOString()} ${message}\n`);
}

// Agents are identified by the support portal, which sits in front of this API.
function agentOnly(req, res, next) {
  if (req.get('x-portal-role') !== 'agent') return res.status(403).json({ error: 'agents only' });
  req.agent = req.get('x-portal-user') || 'unknown';
  next();
}

app.post('/tickets', (req, res) => {
  const { email, subject, message } = req.body;
  if (!email || !subject || !message) return res.status(400).json({ error: 'email, subject and message are required' });
  if (String(subject).length > 200 || String(message).length > 10000) return res.status(400).json({ error: 'too long' });
  const ticket = { id: tickets.length + 1, email, subject, message, priority: 'normal', status: 'open', notes: [] };
  tickets.push(ticket);
  logEvent(`ticket #${ticket.id} opened by ${email}: ${subject}`);
  res.status(201).json({ id: ticket.id });
});

app.get('/tickets/:id', (req, res) => {
  const t = tickets.find((x) => x.id === Number(req.params.id));
  if (!t || t.email !== req.query.email) return res.status(404).json({ error: 'not found' });
  res.json({ id: t.id, subject: t.subject, status: t.status });
});

app.get('/agent/tickets', agentOnly, (req, res) => {
  res.json(tickets.filter((t) => t.status === 'open'));
});

app.post('/agent/tickets/:id/notes', agentOnly, (req, res) => {
  const t = tickets.find((x) => x.id === Number(req.params.id));
  if (!t) return res.status(404).json({ error: 'not found' });
  if (req.body.priority && !PRIORITIES.includes(req.body.priority)) return res.status(400).json({ error: 'bad priority' });
  if (req.body.priority) t.priority = req.body.priority;
  if (req.body.note) t.notes.push({ by: req.agent, text: String(req.body.note) });
  logEvent(`ticket #${t.id} updated by agent ${JSON.stringify(req.agent)}`);
  res.json(t);
});

app.post('/agent/tickets/:id/close', agentOnly, (req, res) => {
  const t = tickets.find((x) => x.id === Number(req.params.id));
  if (!t) return res.status(404).json({ error: 'not found' });
  t.status = 'closed';
  res.json(t);
});

app.listen(process.env.PORT || 3000);
