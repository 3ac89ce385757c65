"""Issue 19, model-written backends (BaxBench dev): a hand-rolled log, request text appended
to a file the code names as a log (``open('logs.txt', 'a').write``, ``fs.appendFile(LOG_FILE,
...)``, a write stream on app.log), is log injection (CWE-117) unless CR/LF are neutralised;
the same write to a file that is no log is not. And an uploaded archive's entries read whole
with unzipper (``entry.buffer()``) and no bound on what they expand to is a zip bomb."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

PY = """from flask import Flask, request
app = Flask(__name__)
{var} = "{path}"


def write_entry(message):
    with open({var}, "a") as f:
        f.write({value} + "\\n")


@app.post("/log")
def log():
    write_entry(request.get_json()["message"])
    return "ok"
"""


@pytest.mark.parametrize(("vulnerable", "safe"), [
    (dict(var="LOG_FILE", path="logs.txt", value="message"),
     dict(var="LOG_FILE", path="logs.txt",
          value='message.replace("\\r", " ").replace("\\n", " ")')),
    (dict(var="TARGET", path="/var/log/app.log", value="message"),
     dict(var="TARGET", path="/var/data/notes.txt", value="message")),
])
def test_request_text_appended_to_a_log_file_py(vulnerable: dict[str, str],
                                                safe: dict[str, str]) -> None:
    assert 117 in findings_by_cwe(PY.format(**vulnerable))
    assert 117 not in findings_by_cwe(PY.format(**safe))


JS = """const express = require('express');
const fs = require('fs');
const app = express();
const LOG_FILE = '{path}';
const out = fs.createWriteStream('{path}', {{ flags: 'a' }});
app.post('/log', (req, res) => {{
  const {{ message }} = req.body;
  {write}
  res.sendStatus(200);
}});
"""


@pytest.mark.parametrize(("vulnerable", "safe"), [
    (dict(path="logs.txt", write="fs.appendFile(LOG_FILE, message + '\\n', () => {});"),
     dict(path="logs.txt",
          write="fs.appendFile(LOG_FILE, message.replace(/[\\r\\n]/g, ' ') + '\\n', () => {});")),
    (dict(path="app.log", write="out.write(`${message}\\n`);"),
     dict(path="catalog.txt", write="out.write(`${message}\\n`);")),
])
def test_request_text_appended_to_a_log_file_js(vulnerable: dict[str, str],
                                                safe: dict[str, str]) -> None:
    assert 117 in findings_by_cwe(JS.format(**vulnerable), "app.js")
    assert 117 not in findings_by_cwe(JS.format(**safe), "app.js")


ZIP = """const express = require('express');
const multer = require('multer');
const unzipper = require('unzipper');
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024 } });
const app = express();
app.post('/convert', upload.single('file'), async (req, res) => {
  const directory = await unzipper.Open.buffer(req.file.buffer);
  let text = '';
  for (const entry of directory.files) {
CHECK    const content = await entry.buffer();
    text += content.toString('utf8');
  }
  res.type('text/plain').send(text);
});
"""


def test_unzipper_entries_read_whole_without_a_bound_are_a_zip_bomb() -> None:
    """An upload limit bounds the archive, not what it expands to (Express, unzipper)."""
    bounded = "    if (entry.uncompressedSize > MAX_ENTRY_SIZE) continue;\n"
    assert 409 in findings_by_cwe(ZIP.replace("CHECK", ""), "app.js")
    assert 409 not in findings_by_cwe(ZIP.replace("CHECK", bounded), "app.js")
