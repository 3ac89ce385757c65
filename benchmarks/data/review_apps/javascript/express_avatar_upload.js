const express = require('express');
const multer = require('multer');
const path = require('path');
const fs = require('fs/promises');
const crypto = require('crypto');

const app = express();
const AVATAR_DIR = path.resolve(process.env.AVATAR_DIR || 'avatars');
const MIME_EXT = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif' };

// Keep uploads in memory so we can check the type before touching the disk.
const upload = multer({ storage: multer.memoryStorage() });

const tokens = { 'tok-alice': 'alice', 'tok-bob': 'bob' };
const avatars = {};

function requireUser(req, res, next) {
  const user = tokens[req.get('x-auth-token')];
  if (!user) return res.status(401).json({ error: 'login required' });
  req.user = user;
  next();
}

app.post('/avatar', requireUser, upload.single('avatar'), async (req, res, next) => {
  try {
    if (!req.file) return res.status(400).json({ error: 'avatar file required' });
    const ext = MIME_EXT[req.file.mimetype];
    if (!ext) return res.status(415).json({ error: 'png, jpeg or gif only' });
    await fs.mkdir(AVATAR_DIR, { recursive: true });
    const name = crypto.randomBytes(12).toString('hex') + ext;
    await fs.writeFile(path.join(AVATAR_DIR, name), req.file.buffer);
    if (avatars[req.user]) await fs.rm(path.join(AVATAR_DIR, avatars[req.user]), { force: true });
    avatars[req.user] = name;
    res.status(201).json({ url: `/avatars/${name}`, size: req.file.size });
  } catch (err) {
    next(err);
  }
});

app.get('/avatars/:name', (req, res) => {
  const name = path.basename(req.params.name);
  res.sendFile(path.join(AVATAR_DIR, name), (err) => {
    if (err) res.status(404).end();
  });
});

app.get('/users/:user/avatar', (req, res) => {
  const name = avatars[req.params.user];
  if (!name) return res.status(404).json({ error: 'no avatar' });
  res.redirect(`/avatars/${name}`);
});

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

app.listen(process.env.PORT || 3000);
