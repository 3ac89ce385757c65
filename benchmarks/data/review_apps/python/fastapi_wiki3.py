"""Team wiki: markdown pages stored on disk, with a revision history per page."""
import os
import time
from pathlib import Path

from fastapi import FastAPI, Header, HTTPException
from fastapi.responses import HTMLResponse, PlainTextResponse
from markdown_it import MarkdownIt
from pydantic import BaseModel, Field

app = FastAPI(title="Wiki")
ROOT = Path(os.environ.get("WIKI_ROOT", "wiki")).resolve()
PAGES = ROOT / "pages"
HISTORY = ROOT / "history"
EDIT_TOKEN = os.environ["WIKI_EDIT_TOKEN"]
md = MarkdownIt("commonmark", {"html": False})

PAGES.mkdir(parents=True, exist_ok=True)
HISTORY.mkdir(parents=True, exist_ok=True)


class PageIn(BaseModel):
    text: str = Field(max_length=200_000)
    summary: str = Field(default="", max_length=200)


def page_path(slug: str) -> Path:
    path = os.path.realpath(PAGES / f"{slug}.md")
    if os.path.commonpath([path, str(PAGES)]) != str(PAGES):
        raise HTTPException(400, "bad page name")
    return Path(path)


@app.get("/wiki/{slug}", response_class=HTMLResponse)
def view(slug: str):
    path = page_path(slug)
    if not path.is_file():
        raise HTTPException(404, "no such page")
    body = md.render(path.read_text(encoding="utf-8"))
    return f"<!doctype html><article>{body}</article>"


@app.get("/wiki/{slug}/raw", response_class=PlainTextResponse)
def raw(slug: str):
    path = page_path(slug)
    if not path.is_file():
        raise HTTPException(404, "no such page")
    return path.read_text(encoding="utf-8")


@app.put("/wiki/{slug}")
def save(slug: str, page: PageIn, x_edit_token: str = Header(...)):
    if x_edit_token != EDIT_TOKEN:
        raise HTTPException(403, "edit token required")
    path = page_path(slug)
    if path.exists():
        rev_dir = HISTORY / path.stem
        rev_dir.mkdir(exist_ok=True)
        (rev_dir / f"{int(time.time() * 1000)}.md").write_text(path.read_text("utf-8"), "utf-8")
    path.write_text(page.text, encoding="utf-8")
    return {"slug": slug, "bytes": len(page.text.encode())}


@app.get("/wiki/{slug}/history")
def history(slug: str):
    rev_dir = HISTORY / page_path(slug).stem
    if not rev_dir.is_dir():
        return []
    return sorted((p.stem for p in rev_dir.glob("*.md")), reverse=True)[:100]


@app.get("/wiki/{slug}/revision", response_class=PlainTextResponse)
def old_revision(slug: str, rev: str):
    page_path(slug)
    path = os.path.join(HISTORY, slug, rev)
    if not os.path.isfile(path):
        raise HTTPException(404, "no such revision")
    with open(path, encoding="utf-8") as fh:
        return fh.read()
