from datetime import date

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.security import HTTPBearer, HTTPAuthorizationCredentials
from pydantic import BaseModel, Field

app = FastAPI()
bearer = HTTPBearer()
TOKENS = {"t-1": 1, "t-2": 2}
REPORTS = {10: {"owner": 1, "title": "Q1"}, 11: {"owner": 2, "title": "Q2"}}


class ReportIn(BaseModel):
    title: str = Field(min_length=1, max_length=120)
    period_start: date
    period_end: date


def user_id(creds: HTTPAuthorizationCredentials = Depends(bearer)) -> int:
    uid = TOKENS.get(creds.credentials)
    if uid is None:
        raise HTTPException(status_code=401)
    return uid


@app.get("/reports")
def list_reports(uid: int = Depends(user_id), limit: int = Query(20, ge=1, le=100)):
    mine = [{"id": k, **v} for k, v in REPORTS.items() if v["owner"] == uid]
    return mine[:limit]


@app.get("/reports/{report_id}")
def get_report(report_id: int, uid: int = Depends(user_id)):
    report = REPORTS.get(report_id)
    if report is None or report["owner"] != uid:
        raise HTTPException(status_code=404)
    return report


@app.post("/reports", status_code=201)
def create_report(body: ReportIn, uid: int = Depends(user_id)):
    if body.period_end < body.period_start:
        raise HTTPException(status_code=422, detail="period_end before period_start")
    rid = max(REPORTS) + 1
    REPORTS[rid] = {"owner": uid, "title": body.title}
    return {"id": rid}
