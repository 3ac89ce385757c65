"""Recipe box: users save recipes with a photo, search their box, and share a read-only page."""
import os
import uuid

from flask import (Flask, abort, jsonify, render_template_string, request, send_from_directory,
                   session)
from sqlalchemy import String, Text, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["RECIPES_SECRET_KEY"]
app.config["MAX_CONTENT_LENGTH"] = 5 * 1024 * 1024
UPLOADS = os.path.abspath("recipe_photos")
ALLOWED = {"png", "jpg", "jpeg", "webp"}
engine = create_engine("sqlite:///recipes.db")

PAGE = """<article><h1>{{ r.title }}</h1>
{% if r.photo %}<img src="/photos/{{ r.photo }}" alt="{{ r.title }}">{% endif %}
<h2>Ingredients</h2><ul>{% for line in r.ingredients.splitlines() %}<li>{{ line }}</li>{% endfor %}</ul>
<h2>Method</h2><p>{{ r.method }}</p></article>"""


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    pw_hash: Mapped[str] = mapped_column(String(200))


class Recipe(Base):
    __tablename__ = "recipes"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(200))
    ingredients: Mapped[str] = mapped_column(Text)
    method: Mapped[str] = mapped_column(Text)
    photo: Mapped[str | None] = mapped_column(String(100))
    public: Mapped[bool] = mapped_column(default=False)


def init_db():
    os.makedirs(UPLOADS, exist_ok=True)
    Base.metadata.create_all(engine)


def me():
    user = session.get("user")
    if not user:
        abort(401)
    return user


@app.post("/register")
def register():
    name, pw = request.form.get("user", ""), request.form.get("password", "")
    if not name or len(pw) < 8:
        return jsonify(error="user name and an 8+ character password required"), 400
    with Session(engine) as s:
        if s.get(Account, name):
            return jsonify(error="name taken"), 409
        s.add(Account(name=name, pw_hash=generate_password_hash(pw)))
        s.commit()
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    with Session(engine) as s:
        acct = s.get(Account, request.form.get("user", ""))
        if acct is None or not check_password_hash(acct.pw_hash, request.form.get("password", "")):
            return jsonify(error="wrong user name or password"), 401
        session.clear()
        session["user"] = acct.name
    return jsonify(ok=True)


@app.post("/recipes")
def add_recipe():
    owner = me()
    photo = None
    file = request.files.get("photo")
    if file and file.filename:
        name = secure_filename(file.filename)
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if ext not in ALLOWED:
            return jsonify(error="photo must be png, jpg or webp"), 400
        photo = f"{uuid.uuid4().hex}.{ext}"
        file.save(os.path.join(UPLOADS, photo))
    recipe = Recipe(owner=owner, title=request.form.get("title", "")[:200],
                    ingredients=request.form.get("ingredients", ""),
                    method=request.form.get("method", ""), photo=photo,
                    public=request.form.get("public") == "on")
    with Session(engine) as s:
        s.add(recipe)
        s.commit()
        return jsonify(id=recipe.id), 201


@app.get("/recipes")
def search():
    owner, q = me(), request.args.get("q", "").strip()
    stmt = select(Recipe).where(Recipe.owner == owner)
    if q:
        stmt = stmt.where(Recipe.title.ilike(f"%{q}%") | Recipe.ingredients.ilike(f"%{q}%"))
    with Session(engine) as s:
        return jsonify([{"id": r.id, "title": r.title} for r in s.scalars(stmt.limit(50))])


@app.get("/recipes/<int:recipe_id>")
def show(recipe_id):
    with Session(engine) as s:
        r = s.get(Recipe, recipe_id)
        if r is None or not (r.public or r.owner == session.get("user")):
            abort(404)
        return render_template_string(PAGE, r=r)


@app.get("/photos/<name>")
def photo(name):
    return send_from_directory(UPLOADS, name)
