"""Quiz grading: teachers publish quizzes with an answer key, students submit and get a score."""
import hashlib
import os
import secrets
import sqlite3
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field

app = FastAPI(title="Quiz grader")
basic = HTTPBasic()
DB_PATH = "grader.db"


def connect():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with connect() as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS people (id INTEGER PRIMARY KEY, username TEXT UNIQUE,
            salt TEXT, pw_hash TEXT, role TEXT);
        CREATE TABLE IF NOT EXISTS quizzes (id INTEGER PRIMARY KEY, teacher_id INTEGER, title TEXT);
        CREATE TABLE IF NOT EXISTS questions (id INTEGER PRIMARY KEY, quiz_id INTEGER,
            prompt TEXT, answer TEXT);
        CREATE TABLE IF NOT EXISTS submissions (id INTEGER PRIMARY KEY, quiz_id INTEGER,
            student_id INTEGER, score INTEGER, total INTEGER, answers TEXT);""")


def hash_password(password: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), 200_000).hex()


def authenticate(creds: HTTPBasicCredentials = Depends(basic)):
    with connect() as conn:
        row = conn.execute("SELECT id, username, salt, pw_hash, role FROM people "
                           "WHERE username = ?", (creds.username,)).fetchone()
    if row is None or not secrets.compare_digest(hash_password(creds.password, row["salt"]),
                                                 row["pw_hash"]):
        raise HTTPException(status_code=401, detail="bad credentials",
                            headers={"WWW-Authenticate": "Basic"})
    return row


def teacher(user=Depends(authenticate)):
    if user["role"] != "teacher":
        raise HTTPException(status_code=403, detail="teachers only")
    return user


class Person(BaseModel):
    username: str = Field(min_length=2, max_length=40)
    password: str = Field(min_length=8, max_length=128)
    teacher_code: str | None = Field(default=None, max_length=64)


class Question(BaseModel):
    prompt: str = Field(max_length=500)
    answer: str = Field(max_length=200)


class QuizIn(BaseModel):
    title: str = Field(max_length=120)
    questions: list[Question] = Field(min_length=1, max_length=50)


class Attempt(BaseModel):
    answers: dict[int, str] = Field(max_length=50)


@app.post("/people", status_code=201)
def register(body: Person):
    salt = os.urandom(16).hex()
    code = os.environ.get("TEACHER_SIGNUP_CODE", "")
    role = "teacher" if code and body.teacher_code and \
        secrets.compare_digest(body.teacher_code, code) else "student"
    try:
        with connect() as conn:
            conn.execute("INSERT INTO people (username, salt, pw_hash, role) VALUES (?, ?, ?, ?)",
                         (body.username, salt, hash_password(body.password, salt), role))
    except sqlite3.IntegrityError:
        raise HTTPException(status_code=409, detail="username taken")
    return {"username": body.username, "role": role}


@app.post("/quizzes", status_code=201)
def create_quiz(body: QuizIn, user=Depends(teacher)):
    with connect() as conn:
        quiz_id = conn.execute("INSERT INTO quizzes (teacher_id, title) VALUES (?, ?)",
                               (user["id"], body.title)).lastrowid
        conn.executemany("INSERT INTO questions (quiz_id, prompt, answer) VALUES (?, ?, ?)",
                         [(quiz_id, q.prompt, q.answer.strip().lower()) for q in body.questions])
    return {"id": quiz_id}


@app.get("/quizzes/{quiz_id}")
def show_quiz(quiz_id: int, user=Depends(authenticate)):
    with connect() as conn:
        quiz = conn.execute("SELECT id, title FROM quizzes WHERE id = ?", (quiz_id,)).fetchone()
        if quiz is None:
            raise HTTPException(status_code=404, detail="quiz not found")
        questions = conn.execute("SELECT id, prompt FROM questions WHERE quiz_id = ? ORDER BY id",
                                 (quiz_id,)).fetchall()
    return {"id": quiz["id"], "title": quiz["title"], "questions": [dict(q) for q in questions]}


@app.post("/quizzes/{quiz_id}/submissions", status_code=201)
def submit(quiz_id: int, body: Attempt, user=Depends(authenticate)):
    with connect() as conn:
        key = {r["id"]: r["answer"] for r in conn.execute(
            "SELECT id, answer FROM questions WHERE quiz_id = ?", (quiz_id,))}
        if not key:
            raise HTTPException(status_code=404, detail="quiz not found")
        score = sum(1 for qid, answer in body.answers.items()
                    if key.get(qid) == answer.strip().lower())
        answers = "\n".join(f"{qid}: {a[:200]}" for qid, a in body.answers.items() if qid in key)
        sub_id = conn.execute("INSERT INTO submissions (quiz_id, student_id, score, total, answers) "
                              "VALUES (?, ?, ?, ?, ?)",
                              (quiz_id, user["id"], score, len(key), answers)).lastrowid
    return {"id": sub_id, "score": score, "total": len(key)}


@app.get("/submissions/{submission_id}")
def get_submission(submission_id: int, user=Depends(authenticate)):
    with connect() as conn:
        sub = conn.execute("SELECT s.id, s.quiz_id, p.username AS student, s.score, s.total, "
                           "s.answers FROM submissions s JOIN people p ON p.id = s.student_id "
                           "WHERE s.id = ?", (submission_id,)).fetchone()
    if sub is None:
        raise HTTPException(status_code=404, detail="submission not found")
    return dict(sub)


@app.get("/quizzes/{quiz_id}/gradebook")
def gradebook(quiz_id: int, user=Depends(teacher)):
    with connect() as conn:
        quiz = conn.execute("SELECT id FROM quizzes WHERE id = ? AND teacher_id = ?",
                            (quiz_id, user["id"])).fetchone()
        if quiz is None:
            raise HTTPException(status_code=404, detail="quiz not found")
        rows = conn.execute("SELECT p.username, MAX(s.score) AS best, s.total FROM submissions s "
                            "JOIN people p ON p.id = s.student_id WHERE s.quiz_id = ? "
                            "GROUP BY s.student_id ORDER BY p.username", (quiz_id,)).fetchall()
    return [dict(r) for r in rows]
