"""Running an ASGI app (the fake, or the proxy in tests) with uvicorn in a thread, and the
``python -m tests.fakellm`` command line."""

from __future__ import annotations

import argparse
import logging
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

from tests.fakellm.script import ScriptedCut


class QuietCuts(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], ScriptedCut))


def quiet_scripted_cuts() -> None:
    """A scripted cut is not a server error: keep it out of uvicorn's error log."""
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, QuietCuts) for f in logger.filters):
        logger.addFilter(QuietCuts())


class Server:
    """A uvicorn server in a background thread; ``base_url`` once it listens."""

    def __init__(self, app: Any, host: str, port: int) -> None:
        import uvicorn

        self.config = uvicorn.Config(app, host=host, port=port, log_level="error",
                                     loop="uvloop", http="httptools", ws="wsproto",
                                     lifespan="on", access_log=False,
                                     timeout_graceful_shutdown=3)
        quiet_scripted_cuts()  # after Config: it (re)configures uvicorn's loggers
        self.server = uvicorn.Server(self.config)
        self.thread = threading.Thread(target=self.server.run, daemon=True,
                                       name=f"uvicorn-{port}")
        self.host = host
        self.port = port

    def start(self, timeout: float = 20.0) -> Server:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                self.server.should_exit = True
                raise RuntimeError(f"server on {self.host}:{self.port} did not start")
            time.sleep(0.01)
        sock = self.server.servers[0].sockets[0]
        self.port = sock.getsockname()[1]
        return self

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(app: Any, host: str = "127.0.0.1", port: int = 0) -> Server:
    """Run any ASGI app with uvicorn in a thread; returns once it is listening."""
    return Server(app, host, port).start()


def _fixed(text: str, data: Any) -> Any:
    from tests.fakellm.script import Reply

    return Reply(text=text)


def main() -> None:
    ap = argparse.ArgumentParser(description="Serve the fake LLM upstream (default replies).")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8799, help="0: any free port (printed)")
    ap.add_argument("--latency-ms", type=float, default=0.0,
                    help="wait this long before every LLM answer")
    ap.add_argument("--answer-file", type=Path, default=None,
                    help="answer every request with this file's text (instead of the echo)")
    args = ap.parse_args()
    import socket

    import uvicorn

    from tests.fakellm.app import FakeLLM
    responder = None
    if args.answer_file is not None:
        text = args.answer_file.read_text(encoding="utf-8")
        responder = partial(_fixed, text)

    # bind here, then say where: a caller passes --port 0 and reads the address from the
    # first line instead of reserving a port and hoping nobody takes it before we bind it
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.listen(128)  # connections wait in the backlog until uvicorn accepts them
    host, port = sock.getsockname()[:2]
    print(f"listening on http://{host}:{port}", flush=True)
    config = uvicorn.Config(FakeLLM(latency=args.latency_ms / 1000, responder=responder),
                            log_level="error",
                            loop="uvloop", http="httptools", ws="wsproto", access_log=False)
    quiet_scripted_cuts()
    uvicorn.Server(config).run(sockets=[sock])
