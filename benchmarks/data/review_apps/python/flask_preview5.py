"""Link previews for a chat app: when a message contains a URL the client asks this service
for the page's title, description and image, which it shows under the message."""
import os
import re
from html import unescape

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
API_KEY = os.environ["PREVIEW_API_KEY"]
MAX_BYTES = 512 * 1024
TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
META_RE = re.compile(r'<meta\s+(?:property|name)="(og:[a-z]+|description)"\s+content="([^"]*)"', re.I)


def extract_preview(html: str) -> dict:
    preview = {"title": None, "description": None, "image": None}
    m = TITLE_RE.search(html)
    if m:
        preview["title"] = unescape(m.group(1).strip())[:200]
    for name, content in META_RE.findall(html):
        if name == "og:title":
            preview["title"] = unescape(content)[:200]
        elif name in ("og:description", "description"):
            preview["description"] = unescape(content)[:500]
        elif name == "og:image":
            preview["image"] = content
    return preview


@app.get("/preview")
def preview():
    if request.headers.get("X-Api-Key") != API_KEY:
        return jsonify(error="unauthorized"), 401
    url = request.args.get("url", "")
    if not url.startswith(("http://", "https://")):
        return jsonify(error="only http(s) URLs can be previewed"), 400
    try:
        resp = requests.get(url, timeout=5, stream=True,
                            headers={"User-Agent": "ChatPreviewBot/1.0"})
        body = resp.raw.read(MAX_BYTES, decode_content=True)
    except requests.RequestException as exc:
        return jsonify(error=f"could not fetch the page: {exc.__class__.__name__}"), 502
    if "html" not in resp.headers.get("Content-Type", ""):
        return jsonify(url=url, title=None, description=None, image=None)
    data = extract_preview(body.decode(resp.encoding or "utf-8", errors="replace"))
    return jsonify(url=url, **data)


if __name__ == "__main__":
    app.run()
