"""Routes through litellm: an OpenAI chat request answered by any provider litellm knows.

Used only for routes with ``litellm_model`` (Azure, Bedrock, Gemini, Ollama, ...). Unlike
the byte relay, the answer here is litellm's translation, re-encoded in the OpenAI wire
format the client speaks. litellm is imported on first use (it is large) with
``LITELLM_LOCAL_MODEL_COST_MAP`` set so it never fetches its price map.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from proxy.exchange import OPENAI_CHAT
from proxy.host import RelayHost
from proxy.raw import RawExchange
from proxy.routing import Target


def load_litellm() -> Any:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    litellm.telemetry = False
    litellm.suppress_debug_info = True
    return litellm


def _client_key(raw: RawExchange) -> str | None:
    for name, value in raw.request_headers:
        if name == "authorization" and value.lower().startswith("bearer "):
            return value[7:]
        if name in ("x-api-key", "api-key"):
            return value
    return None


async def relay_litellm(app: RelayHost, target: Target, api: str | None, raw: RawExchange,
                        body: bytes, send: Any) -> None:
    status = 200
    try:
        if api != OPENAI_CHAT:
            raise _Refused(400, f"aiprov: the route for this model goes through litellm, which "
                                f"aiprov offers for /v1/chat/completions only (got {raw.path})")
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise _Refused(400, f"aiprov: request body is not JSON: {exc}") from exc
        litellm = load_litellm()
        key = os.environ.get(target.api_key_env, "") if target.api_key_env else _client_key(raw)
        data["model"] = target.litellm_model
        stream = bool(data.get("stream"))
        kwargs: dict[str, Any] = {"api_key": key}
        if target.base_url:
            kwargs["api_base"] = target.base_url
        try:
            result = await litellm.acompletion(**data, **kwargs)
        except Exception as exc:  # noqa: BLE001 - litellm maps provider errors to these
            code = getattr(exc, "status_code", None) or 502
            raise _Refused(int(code), f"upstream via litellm: {exc}") from exc
        ctype = b"text/event-stream" if stream else b"application/json"
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", ctype)]})
        raw.status = 200
        raw.response_headers = [("content-type", ctype.decode())]
        if stream:
            async for chunk in result:
                piece = b"data: " + chunk.model_dump_json(exclude_none=True).encode() + b"\n\n"
                if raw.first_byte_mono is None:
                    raw.first_byte_mono = time.perf_counter()
                raw.chunks.append(piece)
                await send({"type": "http.response.body", "body": piece, "more_body": True})
            tail = b"data: [DONE]\n\n"
            raw.chunks.append(tail)
            await app._commit(raw, api, status)  # durable before the last bytes
            await send({"type": "http.response.body", "body": tail, "more_body": False})
        else:
            out = result.model_dump_json(exclude_none=True).encode()
            raw.first_byte_mono = time.perf_counter()
            raw.chunks.append(out)
            await app._commit(raw, api, status)
            await send({"type": "http.response.body", "body": out})
    except _Refused as exc:
        status = exc.status
        raw.error = exc.message
        if raw.end_mono is None:
            await app._commit(raw, api, status)
        await app._answer_error(send, False, status, exc.message, "litellm_route")
    if raw.end_mono is None:
        app._finish(raw, api, status)


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message
