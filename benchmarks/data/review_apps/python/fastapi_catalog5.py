"""Book catalogue API with SQLAlchemy: search by title or author, filter by year, page through
results; librarians add books with an API key."""
import os
import secrets
from typing import Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from pydantic import BaseModel, Field
from sqlalchemy import Integer, String, create_engine, or_, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

engine = create_engine(os.getenv("CATALOG_URL", "sqlite:///./catalog.db"))
SessionLocal = sessionmaker(bind=engine, autoflush=False)
LIBRARIAN_KEY = os.environ["LIBRARIAN_KEY"]


class Base(DeclarativeBase):
    pass


class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200), index=True)
    author: Mapped[str] = mapped_column(String(120), index=True)
    year: Mapped[int] = mapped_column(Integer)
    isbn: Mapped[str] = mapped_column(String(17), unique=True)


Base.metadata.create_all(engine)
app = FastAPI(title="Catalogue")


class BookIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    author: str = Field(min_length=1, max_length=120)
    year: int = Field(ge=1450, le=2100)
    isbn: str = Field(pattern=r"^[0-9-]{10,17}$")


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def librarian(x_librarian_key: str = Header(...)):
    if not secrets.compare_digest(x_librarian_key, LIBRARIAN_KEY):
        raise HTTPException(403, "librarians only")


@app.get("/books")
def search_books(
    q: str = Query("", max_length=100),
    year_from: int | None = None,
    sort: Literal["title", "author", "year"] = "title",
    page: int = Query(1, ge=1),
    per_page: int = Query(20, ge=1, le=100),
    db: Session = Depends(get_db),
):
    stmt = select(Book)
    if q:
        pattern = f"%{q}%"
        stmt = stmt.where(or_(Book.title.ilike(pattern), Book.author.ilike(pattern)))
    if year_from is not None:
        stmt = stmt.where(Book.year >= year_from)
    stmt = stmt.order_by(getattr(Book, sort)).offset((page - 1) * per_page).limit(per_page)
    books = db.scalars(stmt).all()
    return [{"id": b.id, "title": b.title, "author": b.author, "year": b.year, "isbn": b.isbn}
            for b in books]


@app.get("/books/{book_id}")
def get_book(book_id: int, db: Session = Depends(get_db)):
    book = db.get(Book, book_id)
    if book is None:
        raise HTTPException(404, "book not found")
    return {"id": book.id, "title": book.title, "author": book.author, "year": book.year,
            "isbn": book.isbn}


@app.post("/books", status_code=201, dependencies=[Depends(librarian)])
def add_book(book: BookIn, db: Session = Depends(get_db)):
    row = Book(**book.model_dump())
    db.add(row)
    db.commit()
    return {"id": row.id}
