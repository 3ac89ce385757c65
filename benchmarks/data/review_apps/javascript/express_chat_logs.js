const express = require('express');
const fs = require('fs');

const app = express();
app.use(express.json());
const rooms = {};
const logStream = fs.createWriteStream('chat.log', { flags: 'a' });

app.post('/rooms/:room/messages', (req, res) => {
  const { author, text } = req.body;
  rooms[req.params.room] = rooms[req.params.room] || [];
  rooms[req.params.room].push({ author, text, at: Date.now() });
  logStream.write(`[${req.params.room}] ${author}: ${text}\n`);
  res.status(201).json({ ok: true });
});

app.get('/rooms/:room/messages', (req, res) => {
  res.json(rooms[req.params.room] || []);
});

app.listen(3000);
