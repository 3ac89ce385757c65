"""Process counters, rendered as Prometheus text (no client library: a handful of lines)."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter[tuple[str, int]] = Counter()  # (api, status)
        self.upstream_errors = 0
        self.client_disconnects = 0
        self.inflight = 0
        self.spool_slow = 0  # answers sent before their spool append was durable (fsync > 5 s)

    def request_done(self, api: str, status: int) -> None:
        with self._lock:
            self.requests[(api, status)] += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": {f"{a} {s}": n for (a, s), n in sorted(self.requests.items())},
                "upstream_errors": self.upstream_errors,
                "client_disconnects": self.client_disconnects,
                "inflight": self.inflight,
                "spool_slow": self.spool_slow,
            }

    def render(self, recorder_stats: dict[str, Any] | None) -> str:
        lines = [
            "# HELP aiprov_requests_total Requests relayed, by API family and status.",
            "# TYPE aiprov_requests_total counter",
        ]
        with self._lock:
            for (api, status), n in sorted(self.requests.items()):
                lines.append(f'aiprov_requests_total{{api="{api}",status="{status}"}} {n}')
            lines += [
                "# TYPE aiprov_upstream_errors_total counter",
                f"aiprov_upstream_errors_total {self.upstream_errors}",
                "# TYPE aiprov_client_disconnects_total counter",
                f"aiprov_client_disconnects_total {self.client_disconnects}",
                "# TYPE aiprov_inflight_requests gauge",
                f"aiprov_inflight_requests {self.inflight}",
            ]
        lines += ["# TYPE aiprov_spool_slow_total counter",
                  f"aiprov_spool_slow_total {self.spool_slow}"]
        if recorder_stats:
            for key in ("submitted", "recorded", "spooled", "replayed", "dropped", "overflow",
                        "store_errors", "build_errors", "snippets", "suggestion_findings",
                        "review_errors", "review_capped", "review_hints"):
                lines.append(f"# TYPE aiprov_recorder_{key}_total counter")
                lines.append(f"aiprov_recorder_{key}_total {recorder_stats.get(key, 0)}")
            for key in ("queued", "queue_capacity", "spool_pending", "lag_records",
                        "lag_seconds"):
                lines.append(f"# TYPE aiprov_recorder_{key} gauge")
                lines.append(f"aiprov_recorder_{key} {recorder_stats.get(key, 0)}")
            lines.append("# TYPE aiprov_store_up gauge")
            lines.append(f"aiprov_store_up {1 if recorder_stats.get('store_ok') else 0}")
        return "\n".join(lines) + "\n"
