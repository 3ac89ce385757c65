import os

from flask import Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from markupsafe import escape

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///blog.db")
app.config["MAX_CONTENT_LENGTH"] = 256 * 1024
db = SQLAlchemy(app)


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    body = db.Column(db.Text, nullable=False)


@app.get("/posts")
def list_posts():
    page = max(request.args.get("page", 1, type=int), 1)
    posts = Post.query.order_by(Post.id.desc()).paginate(page=page, per_page=20)
    return jsonify([{"id": p.id, "title": p.title} for p in posts.items])


@app.get("/posts/<int:post_id>")
def show_post(post_id):
    post = db.session.get(Post, post_id)
    if post is None:
        abort(404)
    return f"<article><h1>{escape(post.title)}</h1><p>{escape(post.body)}</p></article>"


@app.get("/search")
def search():
    term = request.args.get("q", "")[:100]
    posts = Post.query.filter(Post.title.contains(term)).limit(50).all()
    return jsonify([{"id": p.id, "title": p.title} for p in posts])
