from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    allow_origin_regex="https?://.*",
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

PRODUCTS = [{"id": i, "name": f"Product {i}", "price": i * 1.5} for i in range(1, 50001)]


@app.get("/products")
def list_products(page: int = 1, page_size: int = 20):
    start = (page - 1) * page_size
    return {"items": PRODUCTS[start:start + page_size], "total": len(PRODUCTS)}


@app.get("/products/search")
def search(q: str, limit: int = 100):
    hits = [p for p in PRODUCTS if q.lower() in p["name"].lower()]
    return [dict(p, rank=i) for i, p in enumerate(hits * (limit // max(len(hits), 1) + 1))][:limit]
