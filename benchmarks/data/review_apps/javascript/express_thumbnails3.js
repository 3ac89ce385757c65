// Photo service: upload an image, get back a resized thumbnail made by ImageMagick.
const express = require('express');
const multer = require('multer');
const path = require('path');
const fs = require('fs');
const crypto = require('crypto');
const { exec } = require('child_process');

const app = express();
const UPLOADS = path.resolve('uploads');
const THUMBS = path.resolve('thumbs');
fs.mkdirSync(UPLOADS, { recursive: true });
fs.mkdirSync(THUMBS, { recursive: true });

const IMAGE_TYPES = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp' };

const upload = multer({
  storage: multer.diskStorage({
    destination: UPLOADS,
    filename: (req, file, cb) => cb(null, crypto.randomBytes(16).toString('hex') + IMAGE_TYPES[file.mimetype]),
  }),
  limits: { fileSize: 8 * 1024 * 1024, files: 1 },
  fileFilter: (req, file, cb) => cb(null, Boolean(IMAGE_TYPES[file.mimetype])),
});

app.post('/thumbnails', upload.single('image'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'png, jpeg or webp image required' });
  const size = req.body.size || '256';
  const out = path.join(THUMBS, path.basename(req.file.filename, path.extname(req.file.filename)) + '.png');
  exec(`convert "${req.file.path}" -thumbnail ${size}x${size} "${out}"`, { timeout: 15000 }, (err) => {
    fs.unlink(req.file.path, () => {});
    if (err) {
      console.error('convert failed:', err.message);
      return res.status(500).json({ error: 'could not make a thumbnail' });
    }
    res.status(201).json({ thumbnail: `/thumbs/${path.basename(out)}` });
  });
});

app.use('/thumbs', express.static(THUMBS, { index: false, dotfiles: 'deny' }));

app.use((err, req, res, next) => {
  if (err instanceof multer.MulterError) return res.status(413).json({ error: err.code });
  res.status(500).json({ error: 'internal error' });
});

app.listen(process.env.PORT || 3000);
