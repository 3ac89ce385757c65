from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()

PRODUCTS = {
    1: {"name": "Keyboard", "price": 49.99, "stock": 10},
    2: {"name": "Mouse", "price": 19.99, "stock": 25},
    3: {"name": "Monitor", "price": 189.00, "stock": 5},
}
CARTS: dict[str, list[dict]] = {}


class CartItem(BaseModel):
    product_id: int
    quantity: int


class Checkout(BaseModel):
    cart_id: str
    card_number: str


@app.post("/carts/{cart_id}/items")
def add_item(cart_id: str, item: CartItem):
    product = PRODUCTS.get(item.product_id)
    if product is None:
        raise HTTPException(status_code=404, detail="product not found")
    if product["stock"] < item.quantity:
        raise HTTPException(status_code=400, detail="not enough stock")
    CARTS.setdefault(cart_id, []).append({"product_id": item.product_id,
                                           "quantity": item.quantity})
    return {"items": CARTS[cart_id]}


@app.get("/carts/{cart_id}")
def get_cart(cart_id: str):
    items = CARTS.get(cart_id, [])
    total = sum(PRODUCTS[i["product_id"]]["price"] * i["quantity"] for i in items)
    return {"items": items, "total": round(total, 2)}


@app.post("/checkout")
def checkout(body: Checkout):
    items = CARTS.pop(body.cart_id, [])
    total = sum(PRODUCTS[i["product_id"]]["price"] * i["quantity"] for i in items)
    for i in items:
        PRODUCTS[i["product_id"]]["stock"] -= i["quantity"]
    return {"charged": round(total, 2), "card": body.card_number[-4:]}
