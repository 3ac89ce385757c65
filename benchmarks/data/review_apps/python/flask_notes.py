import sqlite3

from flask import Flask, abort, g, redirect, request, session

app = Flask(__name__)
app.secret_key = "dev-secret-key-change-me"
DATABASE = "notes.db"


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    db = get_db()
    db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, owner TEXT, "
               "title TEXT, body TEXT)")
    db.commit()


@app.route("/login", methods=["POST"])
def login():
    session["user"] = request.form["username"]
    return redirect("/notes")


@app.route("/notes", methods=["POST"])
def create_note():
    if "user" not in session:
        abort(401)
    db = get_db()
    cur = db.execute("INSERT INTO notes (owner, title, body) VALUES (?, ?, ?)",
                     (session["user"], request.form["title"], request.form["body"]))
    db.commit()
    return {"id": cur.lastrowid}, 201


@app.route("/notes/<int:note_id>")
def view_note(note_id):
    if "user" not in session:
        abort(401)
    note = get_db().execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()
    if note is None:
        abort(404)
    return f"<h1>{note['title']}</h1><div class='body'>{note['body']}</div>"


if __name__ == "__main__":
    with app.app_context():
        init_db()
    app.run()
