"""Error bodies in the shape each client's SDK expects.

When aiprov itself must answer (upstream unreachable, body too large), the client's SDK
should raise its ordinary API error with a readable message, not fail to parse.
"""

from __future__ import annotations

import json

from proxy.exchange import ANTHROPIC_MESSAGES

_ANTHROPIC_TYPES = {400: "invalid_request_error", 401: "authentication_error",
                    413: "request_too_large", 429: "rate_limit_error", 502: "api_error",
                    503: "overloaded_error", 504: "api_error"}
_OPENAI_TYPES = {400: "invalid_request_error", 401: "invalid_request_error",
                 413: "invalid_request_error", 502: "api_error", 503: "api_error",
                 504: "api_error"}


_GOOGLE_STATUS = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED",
                  413: "INVALID_ARGUMENT", 429: "RESOURCE_EXHAUSTED", 502: "UNAVAILABLE",
                  503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}


def error_body(family: bool | str, status: int, message: str, code: str) -> bytes:
    """``family``: ``anthropic`` (or True), ``google`` (``google.rpc.Status``), ``bedrock``
    (``{"message"}``, as AWS SDKs read it), else OpenAI's shape."""
    if family == "google":
        return json.dumps({"error": {"code": status, "message": message,
                                     "status": _GOOGLE_STATUS.get(status, "INTERNAL")}}).encode()
    if family == "bedrock":
        return json.dumps({"message": message}).encode()
    if family is True or family == "anthropic":
        err = {"type": "error",
               "error": {"type": _ANTHROPIC_TYPES.get(status, "api_error"), "message": message}}
    else:
        err = {"error": {"message": message, "type": _OPENAI_TYPES.get(status, "api_error"),
                         "param": None, "code": code}}
    return json.dumps(err).encode()


def is_anthropic_api(api: str | None) -> bool:
    return api == ANTHROPIC_MESSAGES
