"""Quiz service: teachers publish multiple-choice quizzes, students take them once and see
their score; the correct answers never leave the server."""
import os
import secrets
from datetime import datetime, timezone

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Quiz")
TEACHER_KEY = os.environ["QUIZ_TEACHER_KEY"]

QUIZZES: dict[int, dict] = {}
ATTEMPTS: dict[str, dict] = {}
STUDENTS: dict[str, str] = {}  # session token -> student name


class Question(BaseModel):
    text: str = Field(max_length=500)
    choices: list[str] = Field(min_length=2, max_length=6)
    correct: int = Field(ge=0, le=5)


class QuizIn(BaseModel):
    title: str = Field(max_length=120)
    questions: list[Question] = Field(min_length=1, max_length=50)


class Answer(BaseModel):
    question: int
    choice: int


class Submission(BaseModel):
    answers: list[Answer]


class Join(BaseModel):
    name: str = Field(min_length=2, max_length=40, pattern=r"^[\w .'-]+$")


def teacher(x_teacher_key: str = Header(...)) -> None:
    if not secrets.compare_digest(x_teacher_key, TEACHER_KEY):
        raise HTTPException(403, "teachers only")


def student(x_session: str = Header(...)) -> str:
    name = STUDENTS.get(x_session)
    if name is None:
        raise HTTPException(401, "join first")
    return name


@app.post("/quizzes", status_code=201, dependencies=[Depends(teacher)])
def create_quiz(body: QuizIn):
    for q in body.questions:
        if q.correct >= len(q.choices):
            raise HTTPException(422, "correct answer out of range")
    quiz_id = len(QUIZZES) + 1
    QUIZZES[quiz_id] = body.model_dump()
    return {"id": quiz_id}


@app.post("/join")
def join(body: Join):
    if body.name.casefold() in {n.casefold() for n in STUDENTS.values()}:
        raise HTTPException(409, "that name is taken; add your initial")
    token = secrets.token_urlsafe(24)
    STUDENTS[token] = body.name
    return {"session": token}


@app.get("/quizzes/{quiz_id}")
def get_quiz(quiz_id: int, name: str = Depends(student)):
    quiz = QUIZZES.get(quiz_id)
    if quiz is None:
        raise HTTPException(404, "no such quiz")
    return {
        "title": quiz["title"],
        "questions": [{"text": q["text"], "choices": q["choices"]} for q in quiz["questions"]],
    }


@app.post("/quizzes/{quiz_id}/submit")
def submit(quiz_id: int, body: Submission, name: str = Depends(student)):
    quiz = QUIZZES.get(quiz_id)
    if quiz is None:
        raise HTTPException(404, "no such quiz")
    key = f"{quiz_id}:{name}"
    if key in ATTEMPTS:
        raise HTTPException(409, "already submitted")
    questions = quiz["questions"]
    score = 0
    for ans in body.answers:
        if not 0 <= ans.question < len(questions):
            raise HTTPException(422, f"no question {ans.question}")
        if questions[ans.question]["correct"] == ans.choice:
            score += 1
    ATTEMPTS[key] = {
        "score": score,
        "out_of": len(questions),
        "at": datetime.now(timezone.utc).isoformat(),
    }
    return ATTEMPTS[key]


@app.get("/quizzes/{quiz_id}/results", dependencies=[Depends(teacher)])
def results(quiz_id: int):
    prefix = f"{quiz_id}:"
    return {k.removeprefix(prefix): v for k, v in ATTEMPTS.items() if k.startswith(prefix)}
