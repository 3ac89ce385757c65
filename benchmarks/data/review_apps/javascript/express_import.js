const express = require('express');
const multer = require('multer');
const AdmZip = require('adm-zip');

const app = express();
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 5 * 1024 * 1024 } });
let settings = {};

app.post('/settings/import', express.text({ type: '*/*' }), (req, res) => {
  settings = eval('(' + req.body + ')');
  res.json({ keys: Object.keys(settings) });
});

app.post('/bundles', upload.single('bundle'), (req, res) => {
  const zip = new AdmZip(req.file.buffer);
  const files = zip.getEntries().map((e) => ({ name: e.entryName, data: e.getData() }));
  res.json({ files: files.length, bytes: files.reduce((n, f) => n + f.data.length, 0) });
});

app.listen(3000);
