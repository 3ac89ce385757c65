"""oEmbed unfurling for a wiki editor: given a link to a supported video or slide host, fetch
the host's oEmbed JSON so the editor can embed the player."""
import os
from urllib.parse import urlencode, urlparse

import httpx
from fastapi import FastAPI, HTTPException, Query

app = FastAPI()
# provider host -> its oEmbed endpoint
PROVIDERS = {
    "www.youtube.com": "https://www.youtube.com/oembed",
    "youtube.com": "https://www.youtube.com/oembed",
    "vimeo.com": "https://vimeo.com/api/oembed.json",
    "speakerdeck.com": "https://speakerdeck.com/oembed.json",
}
MAX_WIDTH = int(os.getenv("UNFURL_MAX_WIDTH", "800"))


def provider_for(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.port not in (None, 443):
        raise HTTPException(400, "only https links can be embedded")
    endpoint = PROVIDERS.get((parsed.hostname or "").lower())
    if endpoint is None:
        raise HTTPException(400, "unsupported provider")
    return endpoint


async def fetch_oembed(endpoint: str, url: str) -> dict:
    query = urlencode({"url": url, "format": "json", "maxwidth": MAX_WIDTH})
    async with httpx.AsyncClient(timeout=5.0, follow_redirects=False) as client:
        resp = await client.get(f"{endpoint}?{query}")
    if resp.status_code != 200:
        raise HTTPException(502, f"provider answered {resp.status_code}")
    return resp.json()


@app.get("/unfurl")
async def unfurl(url: str = Query(..., max_length=2048)):
    endpoint = provider_for(url)
    data = await fetch_oembed(endpoint, url)
    return {
        "type": data.get("type"),
        "title": data.get("title"),
        "provider": data.get("provider_name"),
        "thumbnail": data.get("thumbnail_url"),
        "html": data.get("html"),
        "width": data.get("width"),
        "height": data.get("height"),
    }
