from datetime import datetime

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from pydantic import BaseModel, Field
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, create_engine, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

engine = create_engine("sqlite:///notes.db", connect_args={"check_same_thread": False})


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    api_key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(80))


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime, default=datetime.utcnow)


Base.metadata.create_all(engine)
app = FastAPI(title="Notes")


class NoteIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(max_length=20_000)


def get_session():
    with Session(engine) as s:
        yield s


def current_user(x_api_key: str = Header(...), db: Session = Depends(get_session)) -> User:
    user = db.scalar(select(User).where(User.api_key == x_api_key))
    if user is None:
        raise HTTPException(401, "bad api key")
    return user


@app.post("/notes", status_code=201)
def create_note(note: NoteIn, user: User = Depends(current_user),
                db: Session = Depends(get_session)):
    row = Note(owner_id=user.id, title=note.title, body=note.body)
    db.add(row)
    db.commit()
    return {"id": row.id}


@app.get("/notes/{note_id}")
def read_note(note_id: int, user: User = Depends(current_user),
              db: Session = Depends(get_session)):
    note = db.scalar(select(Note).where(Note.id == note_id, Note.owner_id == user.id))
    if note is None:
        raise HTTPException(404, "not found")
    return {"id": note.id, "title": note.title, "body": note.body}


@app.get("/notes")
def search_notes(q: str = "", sort: str = Query("created", pattern="^(created|title)$"),
                 user: User = Depends(current_user), db: Session = Depends(get_session)):
    sql = (f"SELECT id, title FROM notes WHERE owner_id = :owner "
           f"AND (title LIKE '%{q}%' OR body LIKE '%{q}%') ORDER BY {sort} DESC LIMIT 50")
    rows = db.execute(text(sql), {"owner": user.id}).all()
    return [{"id": r.id, "title": r.title} for r in rows]


@app.delete("/notes/{note_id}", status_code=204)
def delete_note(note_id: int, user: User = Depends(current_user),
                db: Session = Depends(get_session)):
    note = db.get(Note, note_id)
    if note is None or note.owner_id != user.id:
        raise HTTPException(404, "not found")
    db.delete(note)
    db.commit()
