import hashlib
import sqlite3

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, EmailStr

app = FastAPI(title="Users API")
conn = sqlite3.connect("users.db", check_same_thread=False)
conn.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, "
             "password_hash TEXT, full_name TEXT, phone TEXT)")
TOKENS: dict[str, int] = {}


class UserCreate(BaseModel):
    email: EmailStr
    password: str
    full_name: str
    phone: str | None = None


class LoginRequest(BaseModel):
    email: EmailStr
    password: str


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def current_user(authorization: str = Header(...)) -> int:
    token = authorization.removeprefix("Bearer ")
    if token not in TOKENS:
        raise HTTPException(status_code=401, detail="invalid token")
    return TOKENS[token]


@app.post("/users", status_code=201)
def create_user(user: UserCreate):
    cur = conn.execute(
        "INSERT INTO users (email, password_hash, full_name, phone) VALUES (?, ?, ?, ?)",
        (user.email, hash_password(user.password), user.full_name, user.phone),
    )
    conn.commit()
    return {"id": cur.lastrowid}


@app.post("/login")
def login(body: LoginRequest):
    row = conn.execute("SELECT id, password_hash FROM users WHERE email = ?",
                       (body.email,)).fetchone()
    if not row or row[1] != hash_password(body.password):
        raise HTTPException(status_code=401, detail="invalid credentials")
    import secrets
    token = secrets.token_urlsafe(32)
    TOKENS[token] = row[0]
    return {"access_token": token, "token_type": "bearer"}


@app.get("/users/{user_id}")
def get_user(user_id: int, me: int = Depends(current_user)):
    row = conn.execute("SELECT id, email, full_name, phone FROM users WHERE id = ?",
                       (user_id,)).fetchone()
    if not row:
        raise HTTPException(status_code=404, detail="not found")
    return {"id": row[0], "email": row[1], "full_name": row[2], "phone": row[3]}
