const express = require('express');
const session = require('express-session');
const sqlite3 = require('sqlite3').verbose();

const app = express();
const db = new sqlite3.Database('notes.db');
app.use(express.urlencoded({ extended: true }));
app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false }));

db.serialize(() => {
  db.run('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, owner TEXT, title TEXT, body TEXT)');
});

function requireLogin(req, res, next) {
  if (!req.session.user) return res.status(401).send('Please log in');
  next();
}

app.post('/notes', requireLogin, (req, res) => {
  const { title, body } = req.body;
  db.run('INSERT INTO notes (owner, title, body) VALUES (?, ?, ?)', [req.session.user, title, body],
    function (err) {
      if (err) return res.status(500).send('Database error');
      res.redirect(`/notes/${this.lastID}`);
    });
});

app.get('/notes/:id', requireLogin, (req, res) => {
  db.get('SELECT * FROM notes WHERE id = ?', [req.params.id], (err, note) => {
    if (err || !note) return res.status(404).send('Not found');
    res.send(`<html><body><h1>${note.title}</h1><p>${note.body}</p></body></html>`);
  });
});

app.listen(3000, () => console.log('Notes app listening on port 3000'));
