"""Text file converter API (FastAPI).

Clients send a legacy text file (base64) and its source encoding; the service converts it to
UTF-8 with iconv, normalises line endings, and returns the result. API keys come from the
CONVERTER_API_KEYS environment variable (comma-separated).
"""

import base64
import binascii
import os
import subprocess
import tempfile

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Text converter")

API_KEYS = {k.strip() for k in os.environ.get("CONVERTER_API_KEYS", "").split(",") if k.strip()}
MAX_BYTES = 2 * 1024 * 1024
LINE_ENDINGS = {"lf": "\n", "crlf": "\r\n"}


class ConvertRequest(BaseModel):
    content_b64: str = Field(..., max_length=3 * 1024 * 1024)
    from_encoding: str = Field(..., min_length=1, max_length=40)
    line_ending: str = "lf"


class ConvertResponse(BaseModel):
    text: str
    bytes_in: int
    lines: int


def require_key(x_api_key: str = Header(default="")) -> str:
    if x_api_key not in API_KEYS:
        raise HTTPException(status_code=401, detail="invalid API key")
    return x_api_key


def iconv_to_utf8(path: str, from_encoding: str) -> bytes:
    cmd = f"iconv -f {from_encoding} -t UTF-8 {path}"
    result = subprocess.run(cmd, shell=True, capture_output=True, timeout=20)
    if result.returncode != 0:
        raise HTTPException(status_code=422, detail="could not convert from that encoding")
    return result.stdout


@app.get("/health")
def health() -> dict:
    return {"ok": True}


@app.get("/encodings")
def encodings(_: str = Depends(require_key)) -> list[str]:
    return ["latin1", "cp1252", "utf-16", "shift_jis", "koi8-r"]


@app.post("/convert", response_model=ConvertResponse)
def convert(req: ConvertRequest, _: str = Depends(require_key)) -> ConvertResponse:
    if req.line_ending not in LINE_ENDINGS:
        raise HTTPException(status_code=400, detail="line_ending must be lf or crlf")
    try:
        raw = base64.b64decode(req.content_b64, validate=True)
    except (binascii.Error, ValueError):
        raise HTTPException(status_code=400, detail="content_b64 is not base64")
    if len(raw) > MAX_BYTES:
        raise HTTPException(status_code=413, detail="file too large")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "input.txt")
        with open(src, "wb") as fh:
            fh.write(raw)
        converted = iconv_to_utf8(src, req.from_encoding)
    text = converted.decode("utf-8", errors="replace")
    lines = text.splitlines()
    return ConvertResponse(
        text=LINE_ENDINGS[req.line_ending].join(lines), bytes_in=len(raw), lines=len(lines)
    )
