from fastapi import FastAPI, Request
from lxml import etree

app = FastAPI()
INVOICES: list[dict] = []


@app.post("/invoices/xml")
async def upload_invoice(request: Request):
    body = await request.body()
    parser = etree.XMLParser(resolve_entities=True)
    root = etree.fromstring(body, parser)
    invoice = {
        "number": root.findtext("number"),
        "customer": root.findtext("customer"),
        "total": float(root.findtext("total") or 0),
    }
    INVOICES.append(invoice)
    return invoice
