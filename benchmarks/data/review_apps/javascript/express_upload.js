const express = require('express');
const multer = require('multer');
const path = require('path');
const fs = require('fs');

const app = express();
const uploadDir = path.join(__dirname, 'uploads');
if (!fs.existsSync(uploadDir)) fs.mkdirSync(uploadDir);

const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, uploadDir),
  filename: (req, file, cb) => cb(null, file.originalname),
});
const upload = multer({ storage });

app.post('/upload', upload.single('file'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'No file uploaded' });
  res.status(201).json({ filename: req.file.filename, size: req.file.size });
});

app.get('/files', (req, res) => {
  fs.readdir(uploadDir, (err, files) => res.json(files || []));
});

app.get('/files/:name', (req, res) => {
  res.download(path.join(uploadDir, req.params.name));
});

app.listen(3000);
