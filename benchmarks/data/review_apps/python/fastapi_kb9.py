"""Internal knowledge base: staff write help articles that every signed-in colleague reads.

Articles are shared by design: any signed-in user may read and search every published
article. Only the author may edit one. Pages are rendered with a Jinja2 environment that
autoescapes, so article text is shown as text.
"""

import logging
import sqlite3

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from jinja2 import DictLoader, Environment, select_autoescape
from pydantic import BaseModel, Field
from werkzeug.security import check_password_hash, generate_password_hash

DB = "kb.db"
app = FastAPI()
security = HTTPBasic()
log = logging.getLogger("kb")
templates = Environment(
    loader=DictLoader({"article.html": (
        "<!doctype html><title>{{ a.title }}</title><h1>{{ a.title }}</h1>"
        "<article>{{ a.body }}</article><p>by {{ a.author }}</p>")}),
    autoescape=select_autoescape(default=True),
)


def get_db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


def init_db():
    conn = sqlite3.connect(DB)
    conn.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE NOT NULL,
            password_hash TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
            body TEXT NOT NULL, author_id INTEGER NOT NULL REFERENCES users(id));
    """)
    conn.close()


class SignUp(BaseModel):
    username: str = Field(pattern=r"^[a-z0-9_]{3,30}$")
    password: str = Field(min_length=8, max_length=128)


class ArticleIn(BaseModel):
    title: str = Field(min_length=1, max_length=150)
    body: str = Field(min_length=1, max_length=20000)


def current_user(creds: HTTPBasicCredentials = Depends(security), db=Depends(get_db)):
    row = db.execute("SELECT id, username, password_hash FROM users WHERE username = ?",
                     (creds.username,)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], creds.password):
        raise HTTPException(401, "bad credentials", headers={"WWW-Authenticate": "Basic"})
    return row


@app.post("/signup", status_code=201)
def signup(body: SignUp, db=Depends(get_db)):
    try:
        db.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)",
                   (body.username, generate_password_hash(body.password)))
        db.commit()
    except sqlite3.IntegrityError:
        raise HTTPException(409, "username taken")
    return {"username": body.username}


@app.post("/articles", status_code=201)
def write(body: ArticleIn, db=Depends(get_db), user=Depends(current_user)):
    cur = db.execute("INSERT INTO articles (title, body, author_id) VALUES (?, ?, ?)",
                     (body.title, body.body, user["id"]))
    db.commit()
    log.info("article %d written by %s", cur.lastrowid, user["username"])
    return {"id": cur.lastrowid}


@app.get("/articles/search")
def search(q: str = Query(min_length=2, max_length=100), db=Depends(get_db),
           user=Depends(current_user)):
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = db.execute("SELECT id, title FROM articles WHERE title LIKE ? ESCAPE '\\' "
                      "OR body LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT 50",
                      (pattern, pattern)).fetchall()
    return [dict(r) for r in rows]


@app.get("/articles/{article_id}", response_class=HTMLResponse)
def read(article_id: int, db=Depends(get_db), user=Depends(current_user)):
    # every signed-in colleague may read every article: the knowledge base is shared
    row = db.execute("SELECT a.title, a.body, u.username AS author FROM articles a "
                     "JOIN users u ON u.id = a.author_id WHERE a.id = ?",
                     (article_id,)).fetchone()
    if row is None:
        raise HTTPException(404, "no such article")
    return templates.get_template("article.html").render(a=row)


@app.put("/articles/{article_id}")
def edit(article_id: int, body: ArticleIn, db=Depends(get_db), user=Depends(current_user)):
    cur = db.execute("UPDATE articles SET title = ?, body = ? WHERE id = ? AND author_id = ?",
                     (body.title, body.body, article_id, user["id"]))
    db.commit()
    if cur.rowcount == 0:
        raise HTTPException(404, "no such article of yours")
    return {"id": article_id}
