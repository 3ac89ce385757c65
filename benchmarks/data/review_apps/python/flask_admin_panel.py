import csv
import io
import os
import sqlite3
from functools import wraps

from flask import Flask, Response, abort, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.secret_key = os.environ.get("ADMIN_SECRET", "change-me-in-prod")

DB = "admin.db"


def conn():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    return c


def setup():
    with conn() as c:
        c.execute("CREATE TABLE IF NOT EXISTS staff (id INTEGER PRIMARY KEY, email TEXT UNIQUE, "
                  "pw TEXT, role TEXT DEFAULT 'viewer')")
        c.execute("CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY, name TEXT, "
                  "email TEXT, plan TEXT)")
        if c.execute("SELECT COUNT(*) FROM staff").fetchone()[0] == 0:
            c.execute("INSERT INTO staff (email, pw, role) VALUES (?, ?, 'admin')",
                      ("root@example.com", generate_password_hash("root-pass-123")))


def require_role(role):
    def deco(fn):
        @wraps(fn)
        def inner(*a, **kw):
            if session.get("role") != role:
                abort(403)
            return fn(*a, **kw)
        return inner
    return deco


@app.post("/admin/login")
def admin_login():
    body = request.get_json(force=True)
    row = conn().execute("SELECT * FROM staff WHERE email = ?", (body.get("email"),)).fetchone()
    if not row or not check_password_hash(row["pw"], body.get("password", "")):
        return jsonify(error="invalid login"), 401
    session.clear()
    session["staff_id"], session["role"] = row["id"], row["role"]
    return jsonify(role=row["role"])


@app.get("/admin/customers")
@require_role("admin")
def customers():
    plan = request.args.get("plan")
    q, args = "SELECT id, name, email, plan FROM customers", ()
    if plan:
        q, args = q + " WHERE plan = ?", (plan,)
    return jsonify([dict(r) for r in conn().execute(q + " ORDER BY id LIMIT 500", args)])


@app.get("/admin/customers.csv")
@require_role("admin")
def customers_csv():
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "name", "email", "plan"])
    for r in conn().execute("SELECT id, name, email, plan FROM customers ORDER BY id"):
        w.writerow(list(r))
    return Response(buf.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=customers.csv"})


@app.post("/admin/customers/<int:cid>/plan")
@require_role("admin")
def change_plan(cid):
    plan = request.get_json(force=True).get("plan")
    if plan not in {"free", "pro", "enterprise"}:
        return jsonify(error="unknown plan"), 400
    with conn() as c:
        c.execute("UPDATE customers SET plan = ? WHERE id = ?", (plan, cid))
    return jsonify(id=cid, plan=plan)


@app.get("/admin/stats")
@require_role("admin")
def stats():
    rows = conn().execute("SELECT plan, COUNT(*) AS n FROM customers GROUP BY plan").fetchall()
    by_plan = {r["plan"]: r["n"] for r in rows}
    return jsonify(total=sum(by_plan.values()), by_plan=by_plan,
                   ratio=by_plan.get("pro", 0) / by_plan.get("free", 0))


if __name__ == "__main__":
    setup()
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)), debug=True)
