from __future__ import annotations

import secrets
from datetime import datetime, timezone
from decimal import Decimal

from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel, Field

app = FastAPI(title="Orders")
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

hasher = PasswordHasher()
# Seed accounts for the demo; production loads them from the user service.
USERS = {
    "alice": {"id": 1, "hash": hasher.hash("alice-wonder-1")},
    "bob": {"id": 2, "hash": hasher.hash("bob-builder-22")},
}
TOKENS: dict[str, int] = {}


def verify_password(password: str, stored: str) -> bool:
    try:
        return hasher.verify(stored, password)
    except VerifyMismatchError:
        return False
PRODUCTS = {1: Decimal("12.50"), 2: Decimal("99.00"), 3: Decimal("4.20")}
ORDERS: dict[int, dict] = {}


class OrderLine(BaseModel):
    product_id: int
    quantity: int = Field(gt=0, le=100)


class OrderIn(BaseModel):
    lines: list[OrderLine] = Field(min_length=1, max_length=50)
    shipping_address: str = Field(min_length=5, max_length=300)


def current_user(token: str = Depends(oauth2_scheme)) -> int:
    uid = TOKENS.get(token)
    if uid is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token",
                            headers={"WWW-Authenticate": "Bearer"})
    return uid


@app.post("/token")
def login(form: OAuth2PasswordRequestForm = Depends()):
    user = USERS.get(form.username)
    if user is None or not verify_password(form.password, user["hash"]):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad username or password")
    token = secrets.token_urlsafe(32)
    TOKENS[token] = user["id"]
    return {"access_token": token, "token_type": "bearer"}


@app.post("/orders", status_code=201)
def create_order(order: OrderIn, uid: int = Depends(current_user)):
    total = Decimal("0")
    for line in order.lines:
        price = PRODUCTS.get(line.product_id)
        if price is None:
            raise HTTPException(404, f"unknown product {line.product_id}")
        total += price * line.quantity
    order_id = len(ORDERS) + 1
    ORDERS[order_id] = {
        "id": order_id, "user_id": uid, "status": "placed",
        "lines": [line.model_dump() for line in order.lines],
        "shipping_address": order.shipping_address, "total": str(total),
        "created": datetime.now(timezone.utc).isoformat(),
    }
    return ORDERS[order_id]


@app.get("/orders")
def my_orders(uid: int = Depends(current_user)):
    return [o for o in ORDERS.values() if o["user_id"] == uid]


@app.get("/orders/{order_id}")
def get_order(order_id: int, uid: int = Depends(current_user)):
    order = ORDERS.get(order_id)
    if order is None:
        raise HTTPException(404, "order not found")
    return order


@app.post("/orders/{order_id}/cancel")
def cancel_order(order_id: int, uid: int = Depends(current_user)):
    order = ORDERS.get(order_id)
    if order is None or order["user_id"] != uid:
        raise HTTPException(404, "order not found")
    if order["status"] != "placed":
        raise HTTPException(409, "only placed orders can be cancelled")
    order["status"] = "cancelled"
    return order
