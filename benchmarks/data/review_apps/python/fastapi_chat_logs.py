import logging
from datetime import datetime

from fastapi import FastAPI, WebSocket
from pydantic import BaseModel

app = FastAPI()
logging.basicConfig(filename="chat.log", format="%(asctime)s %(message)s", level=logging.INFO)
logger = logging.getLogger("chat")
ROOMS: dict[str, list[dict]] = {}


class Message(BaseModel):
    room: str
    author: str
    text: str


@app.post("/messages")
def post_message(msg: Message):
    ROOMS.setdefault(msg.room, []).append({"author": msg.author, "text": msg.text,
                                           "at": datetime.utcnow().isoformat()})
    logger.info(f"[{msg.room}] {msg.author}: {msg.text}")
    return {"ok": True}


@app.get("/rooms/{room}")
def history(room: str):
    return ROOMS.get(room, [])
