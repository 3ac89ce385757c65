// Team kanban: boards belong to teams; members of a team see and move that team's cards.
const express = require('express');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');
const Database = require('better-sqlite3');

const app = express();
app.use(express.json({ limit: '50kb' }));

const SECRET = process.env.JWT_SECRET;
if (!SECRET || SECRET.length < 32) throw new Error('set JWT_SECRET (32+ characters)');

const db = new Database(process.env.KANBAN_DB || 'kanban.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE, password_hash TEXT);
  CREATE TABLE IF NOT EXISTS teams (id INTEGER PRIMARY KEY, name TEXT);
  CREATE TABLE IF NOT EXISTS memberships (team_id INTEGER, user_id INTEGER, PRIMARY KEY (team_id, user_id));
  CREATE TABLE IF NOT EXISTS boards (id INTEGER PRIMARY KEY, team_id INTEGER, name TEXT);
  CREATE TABLE IF NOT EXISTS cards (id INTEGER PRIMARY KEY, board_id INTEGER, title TEXT,
    column_name TEXT DEFAULT 'todo', assignee TEXT);
`);

const COLUMNS = new Set(['todo', 'doing', 'done']);

function auth(req, res, next) {
  const [scheme, token] = (req.headers.authorization || '').split(' ');
  if (scheme !== 'Bearer' || !token) return res.status(401).json({ error: 'unauthorized' });
  try {
    req.user = jwt.verify(token, SECRET);
    return next();
  } catch {
    return res.status(401).json({ error: 'unauthorized' });
  }
}

function boardForMember(boardId, userId) {
  return db
    .prepare(`SELECT b.* FROM boards b JOIN memberships m ON m.team_id = b.team_id
              WHERE b.id = ? AND m.user_id = ?`)
    .get(boardId, userId);
}

app.post('/login', async (req, res) => {
  const { username, password } = req.body || {};
  const user = db.prepare('SELECT * FROM users WHERE username = ?').get(String(username || ''));
  if (!user || !(await bcrypt.compare(String(password || ''), user.password_hash))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  res.json({ token: jwt.sign({ id: user.id, username: user.username }, SECRET, { expiresIn: '8h' }) });
});

app.get('/boards/:boardId/cards', auth, (req, res) => {
  const board = boardForMember(req.params.boardId, req.user.id);
  if (!board) return res.status(404).json({ error: 'board not found' });
  res.json(db.prepare('SELECT * FROM cards WHERE board_id = ? ORDER BY id').all(board.id));
});

app.post('/boards/:boardId/cards', auth, (req, res) => {
  const board = boardForMember(req.params.boardId, req.user.id);
  if (!board) return res.status(404).json({ error: 'board not found' });
  const title = String(req.body.title || '').trim();
  if (!title) return res.status(400).json({ error: 'title required' });
  const info = db.prepare('INSERT INTO cards (board_id, title) VALUES (?, ?)').run(board.id, title.slice(0, 200));
  res.status(201).json({ id: info.lastInsertRowid, title, column_name: 'todo' });
});

// Move a card to another column or (re)assign it.
app.patch('/cards/:id', auth, (req, res) => {
  const card = db.prepare('SELECT * FROM cards WHERE id = ?').get(req.params.id);
  if (!card) return res.status(404).json({ error: 'card not found' });
  const column = req.body.column ?? card.column_name;
  if (!COLUMNS.has(column)) return res.status(400).json({ error: 'unknown column' });
  const assignee = req.body.assignee ?? card.assignee;
  db.prepare('UPDATE cards SET column_name = ?, assignee = ? WHERE id = ?').run(column, assignee, card.id);
  res.json({ ...card, column_name: column, assignee });
});

app.delete('/cards/:id', auth, (req, res) => {
  const card = db.prepare('SELECT * FROM cards WHERE id = ?').get(req.params.id);
  if (!card || !boardForMember(card.board_id, req.user.id)) return res.status(404).json({ error: 'card not found' });
  db.prepare('DELETE FROM cards WHERE id = ?').run(card.id);
  res.status(204).end();
});

app.listen(process.env.PORT || 3000);
