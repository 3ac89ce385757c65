import os
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ.get("SECRET_KEY") or os.urandom(32)

CATALOG = {
    "SKU-100": {"name": "Espresso beans 1kg", "price": Decimal("24.00"), "stock": 40},
    "SKU-200": {"name": "Burr grinder", "price": Decimal("129.00"), "stock": 8},
    "SKU-300": {"name": "Milk jug", "price": Decimal("15.50"), "stock": 25},
}
COUPONS = {"WELCOME10": Decimal("0.10"), "BARISTA25": Decimal("0.25")}
ORDERS: list[dict] = []


@dataclass
class Cart:
    lines: dict[str, int] = field(default_factory=dict)
    coupon: str | None = None

    def subtotal(self) -> Decimal:
        return sum((CATALOG[sku]["price"] * qty for sku, qty in self.lines.items()), Decimal("0"))

    def total(self) -> Decimal:
        sub = self.subtotal()
        if self.coupon:
            sub -= sub * COUPONS[self.coupon]
        return sub.quantize(Decimal("0.01"))


CARTS: dict[str, Cart] = {}


def cart() -> Cart:
    cid = session.setdefault("cart_id", secrets.token_hex(8))
    return CARTS.setdefault(cid, Cart())


def view(c: Cart):
    return jsonify(lines=c.lines, coupon=c.coupon, subtotal=str(c.subtotal()), total=str(c.total()))


@app.post("/cart/lines")
def add_line():
    body = request.get_json(force=True)
    sku = body.get("sku")
    if sku not in CATALOG:
        return jsonify(error="unknown sku"), 404
    qty = int(body.get("qty", 1))
    c = cart()
    new_qty = c.lines.get(sku, 0) + qty
    if new_qty > CATALOG[sku]["stock"]:
        return jsonify(error="not enough stock"), 409
    c.lines[sku] = new_qty
    return view(c)


@app.delete("/cart/lines/<sku>")
def remove_line(sku):
    c = cart()
    c.lines.pop(sku, None)
    return view(c)


@app.post("/cart/coupon")
def apply_coupon():
    code = str(request.get_json(force=True).get("code", "")).upper()
    if code not in COUPONS:
        return jsonify(error="invalid coupon"), 400
    c = cart()
    c.coupon = code
    return view(c)


@app.post("/checkout")
def checkout():
    c = cart()
    if not c.lines:
        return jsonify(error="cart is empty"), 400
    for sku, qty in c.lines.items():
        CATALOG[sku]["stock"] -= qty
    order = {"id": len(ORDERS) + 1, "lines": dict(c.lines), "total": str(c.total())}
    ORDERS.append(order)
    CARTS.pop(session.pop("cart_id"), None)
    return jsonify(order), 201
