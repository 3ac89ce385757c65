"""Surveys: an owner creates a survey with questions, shares its public link, respondents
answer once per invitation code, and the owner reads aggregated results."""
import hashlib
import os
import secrets
from collections import Counter
from typing import Literal

from fastapi import Depends, FastAPI, Header, HTTPException
from fastapi.responses import HTMLResponse
from jinja2 import Environment, select_autoescape
from pydantic import BaseModel, Field, field_validator

app = FastAPI(title="Surveys")
jinja = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
OWNER_KEYS = {hashlib.sha256(k.encode()).hexdigest()
              for k in os.environ.get("SURVEY_OWNER_KEYS", "").split(",") if k}
SURVEYS: dict[str, dict] = {}
RESPONSES: dict[str, list[dict]] = {}

FORM = jinja.from_string("""<h1>{{ s.title }}</h1>
<form method="post">{% for q in s.questions %}
<fieldset><legend>{{ q.text }}</legend>
{% for opt in q.options %}<label><input type="radio" name="q{{ loop.index0 }}"
 value="{{ opt }}">{{ opt }}</label>{% endfor %}</fieldset>{% endfor %}
</form>""")


class QuestionIn(BaseModel):
    text: str = Field(max_length=300)
    kind: Literal["single", "scale"] = "single"
    options: list[str] = Field(min_length=2, max_length=10)

    @field_validator("options")
    @classmethod
    def short_options(cls, v: list[str]) -> list[str]:
        if any(len(o) > 80 for o in v):
            raise ValueError("options are at most 80 characters")
        return v


class SurveyIn(BaseModel):
    title: str = Field(max_length=150)
    questions: list[QuestionIn] = Field(min_length=1, max_length=30)
    invitations: int = Field(default=10, ge=1, le=500)


class ResponseIn(BaseModel):
    code: str = Field(max_length=64)
    answers: list[str] = Field(max_length=30)


def owner(x_owner_key: str = Header(...)) -> str:
    digest = hashlib.sha256(x_owner_key.encode()).hexdigest()
    if digest not in OWNER_KEYS:
        raise HTTPException(403, "owners only")
    return digest


@app.post("/surveys", status_code=201)
def create(body: SurveyIn, who: str = Depends(owner)):
    sid = secrets.token_urlsafe(9)
    codes = {secrets.token_urlsafe(12) for _ in range(body.invitations)}
    SURVEYS[sid] = {**body.model_dump(exclude={"invitations"}), "owner": who, "codes": codes}
    RESPONSES[sid] = []
    return {"id": sid, "codes": sorted(codes)}


def survey_or_404(sid: str) -> dict:
    s = SURVEYS.get(sid)
    if s is None:
        raise HTTPException(404, "no such survey")
    return s


@app.get("/s/{sid}", response_class=HTMLResponse)
def form(sid: str):
    return FORM.render(s=survey_or_404(sid))


@app.post("/s/{sid}/responses", status_code=201)
def respond(sid: str, body: ResponseIn):
    s = survey_or_404(sid)
    if body.code not in s["codes"]:
        raise HTTPException(403, "invalid or used invitation code")
    if len(body.answers) != len(s["questions"]):
        raise HTTPException(422, "answer every question")
    for q, a in zip(s["questions"], body.answers):
        if a not in q["options"]:
            raise HTTPException(422, f"not an option: {q['text'][:40]}")
    s["codes"].discard(body.code)
    RESPONSES[sid].append({"answers": body.answers})
    return {"thanks": True}


@app.get("/surveys/{sid}/results")
def results(sid: str, who: str = Depends(owner)):
    s = survey_or_404(sid)
    if s["owner"] != who:
        raise HTTPException(404, "no such survey")
    out = []
    for i, q in enumerate(s["questions"]):
        counts = Counter(r["answers"][i] for r in RESPONSES[sid])
        out.append({"question": q["text"], "counts": {o: counts.get(o, 0) for o in q["options"]}})
    return {"title": s["title"], "responses": len(RESPONSES[sid]), "results": out}
