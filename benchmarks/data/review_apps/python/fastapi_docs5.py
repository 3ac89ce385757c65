"""Internal documentation portal: a staff API lists the markdown and PDF documents under the
docs folder and downloads one by name."""
import os
import secrets
from pathlib import Path

from fastapi import Depends, FastAPI, HTTPException, Security
from fastapi.responses import FileResponse
from fastapi.security import APIKeyHeader

app = FastAPI(title="Docs portal")
DOCS_ROOT = Path(os.environ.get("DOCS_ROOT", "docs"))
STAFF_KEY = os.environ["DOCS_STAFF_KEY"]
api_key_header = APIKeyHeader(name="X-Staff-Key")


def require_staff(key: str = Security(api_key_header)):
    if not secrets.compare_digest(key, STAFF_KEY):
        raise HTTPException(status_code=403, detail="Forbidden")


@app.get("/docs-index", dependencies=[Depends(require_staff)])
def list_documents():
    docs = []
    for path in sorted(DOCS_ROOT.rglob("*")):
        if path.is_file() and path.suffix in {".md", ".pdf"}:
            docs.append({"name": str(path.relative_to(DOCS_ROOT)), "size": path.stat().st_size})
    return {"documents": docs}


@app.get("/download", dependencies=[Depends(require_staff)])
def download(name: str):
    """Download a document by the name /docs-index lists (may include subfolders)."""
    file_path = DOCS_ROOT / name
    if not file_path.is_file():
        raise HTTPException(status_code=404, detail="Document not found")
    return FileResponse(file_path, filename=file_path.name)


@app.get("/download/by-category/{category}/{filename}", dependencies=[Depends(require_staff)])
def download_in_category(category: str, filename: str):
    if category not in {"handbook", "policies", "runbooks"}:
        raise HTTPException(status_code=404, detail="Unknown category")
    base = (DOCS_ROOT / category).resolve()
    target = (base / filename).resolve()
    if not target.is_relative_to(base) or not target.is_file():
        raise HTTPException(status_code=404, detail="Document not found")
    return FileResponse(target, filename=target.name)
