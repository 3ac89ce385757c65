"""What the side relays (litellm routes, WebSockets) need from the proxy app.

They are handed the running app and call back into it to answer errors and hand finished
exchanges to the recorder. Typing them against this protocol instead of ``ProxyApp`` keeps
the imports one-way (``proxy.app`` imports them; they never import it), which is what
ARCHITECTURE.md's "no cycles" asks of the edges.
"""

from __future__ import annotations

from typing import Any, Protocol

import aiohttp

from aiprov.settings import Settings
from proxy.metrics import Metrics
from proxy.raw import RawExchange
from proxy.routing import Router
from proxy.tokens import TokenGate


class RelayHost(Protocol):
    settings: Settings
    router: Router
    gate: TokenGate
    metrics: Metrics
    session: aiohttp.ClientSession | None

    async def _answer_error(self, send: Any, family: bool | str, status: int, message: str,
                            code: str) -> None: ...

    def _finish(self, raw: RawExchange, api: str | None, status: int) -> None: ...

    async def _commit(self, raw: RawExchange, api: str | None, status: int) -> None:
        """Hand the exchange to the write-ahead spool (and, with ``spool_sync=always``, wait
        for its fsync): called before a response's last bytes go out."""
        ...
