"""Contacts CSV import: upload a .csv or a .zip of CSVs; rows are validated and stored."""
import csv
import io
import logging
import os
import sqlite3
import zipfile
from contextlib import closing

from fastapi import FastAPI, File, Header, HTTPException, UploadFile

app = FastAPI(title="Contacts import")
DB = os.environ.get("CONTACTS_DB", "contacts.db")
IMPORT_TOKEN = os.environ.get("IMPORT_TOKEN")
MAX_UPLOAD = 5 * 1024 * 1024
FIELDS = ("name", "email", "company")
log = logging.getLogger("contacts.import")


def conn():
    c = sqlite3.connect(DB)
    c.execute("CREATE TABLE IF NOT EXISTS contacts (id INTEGER PRIMARY KEY, name TEXT, "
              "email TEXT, company TEXT)")
    return c


def parse_rows(text: str) -> tuple[list[tuple], int]:
    rows, rejected = [], 0
    for rec in csv.DictReader(io.StringIO(text)):
        name, email = (rec.get("name") or "").strip(), (rec.get("email") or "").strip()
        if not name or "@" not in email:
            rejected += 1
            continue
        rows.append((name[:120], email[:254], (rec.get("company") or "").strip()[:120]))
    return rows, rejected


@app.post("/contacts/import")
async def import_contacts(file: UploadFile = File(...), x_import_token: str = Header(...)):
    if not IMPORT_TOKEN or x_import_token != IMPORT_TOKEN:
        raise HTTPException(401, "bad import token")
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise HTTPException(413, "upload limit is 5 MB")
    texts = []
    if file.filename.lower().endswith(".zip"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise HTTPException(400, "not a zip file")
        for info in archive.infolist():
            if info.filename.lower().endswith(".csv"):
                texts.append(archive.read(info).decode("utf-8", errors="replace"))
    else:
        texts.append(data.decode("utf-8", errors="replace"))
    imported, rejected = 0, 0
    with closing(conn()) as c, c:
        for text in texts:
            rows, bad = parse_rows(text)
            c.executemany("INSERT INTO contacts (name, email, company) VALUES (?, ?, ?)", rows)
            imported += len(rows)
            rejected += bad
    log.info("import finished: %d rows stored, %d rejected", imported, rejected)
    return {"imported": imported, "rejected": rejected}


@app.get("/contacts")
def list_contacts(limit: int = 50, offset: int = 0):
    limit = min(max(limit, 1), 200)
    with closing(conn()) as c:
        rows = c.execute("SELECT id, name, email, company FROM contacts ORDER BY id "
                         "LIMIT ? OFFSET ?", (limit, max(offset, 0))).fetchall()
    return [dict(zip(("id",) + FIELDS, r)) for r in rows]
