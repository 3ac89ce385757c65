"""The intercept addon's options, each on a mitmproxy master of its own.

mitmproxy keeps its current master and options in module globals (``mitmproxy.ctx``), so only
one master may run per process; these tests start and stop their own, apart from the shared
rig in test_intercept.py (a module-scoped fixture there is gone before this module runs).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from proxy.allowlist import DEFAULT_HOSTS, Allowlist
from proxy.intercept import Intercept, InterceptServer, ensure_ca
from proxy.raw import RawExchange

pytestmark = pytest.mark.timeout(60)


class ListRecorder:
    def __init__(self) -> None:
        self.items: list[RawExchange] = []

    def submit(self, raw: RawExchange) -> None:
        self.items.append(raw)


def test_bad_allow_option_is_refused_at_start(tmp_path: Path) -> None:
    from mitmproxy.exceptions import OptionsError

    ca = ensure_ca(tmp_path / "intercept")
    server = InterceptServer(Intercept(ListRecorder(), Allowlist.of(DEFAULT_HOSTS)), port=0,
                             confdir=ca.confdir, options={"aiprov_allow": ["*.com"]})
    with pytest.raises(OptionsError, match="too many hosts"):
        server.start()
    server.stop()


def test_allow_option_extends_the_allowlist(tmp_path: Path) -> None:
    ca = ensure_ca(tmp_path / "intercept")
    addon = Intercept(ListRecorder(), Allowlist.of(DEFAULT_HOSTS))
    with InterceptServer(addon, port=0, confdir=ca.confdir,
                         options={"aiprov_allow": ["*.llm.corp.example"]}):
        assert addon.allowlist.allows("eu.llm.corp.example")
        assert addon.allowlist.allows("api.githubcopilot.com")
        assert not addon.allowlist.allows("corp.example")


def test_a_second_server_in_the_same_process_is_refused(tmp_path: Path) -> None:
    ca = ensure_ca(tmp_path / "intercept")
    first = InterceptServer(Intercept(ListRecorder(), Allowlist.of(DEFAULT_HOSTS)), port=0,
                            confdir=ca.confdir)
    with first:
        second = InterceptServer(Intercept(ListRecorder(), Allowlist.of(DEFAULT_HOSTS)),
                                 port=0, confdir=ca.confdir)
        with pytest.raises(RuntimeError, match="one intercepting proxy per process"):
            second.start()
        second.stop()
    # once the first has stopped, a new one may start
    with InterceptServer(Intercept(ListRecorder(), Allowlist.of(DEFAULT_HOSTS)), port=0,
                         confdir=ca.confdir) as third:
        assert third.port > 0
