"""Cost of an exchange from litellm's model price map, offline.

The price map is the JSON file litellm ships (``model_prices_and_context_window_backup.json``);
it is read directly, once, so that pricing never imports litellm (4 s, 175 MB) nor fetches
the map over the network.

Token semantics follow the provider: OpenAI's ``prompt_tokens`` include cached tokens;
Anthropic's ``input_tokens`` exclude cache reads and writes, which are counted apart, and so
do Bedrock's (InvokeModel of Anthropic models, Converse); Gemini's ``promptTokenCount``
includes cached tokens, as OpenAI's does.
"""

from __future__ import annotations

import json
import threading
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from proxy.exchange import ANTHROPIC_MESSAGES, BEDROCK_CONVERSE, BEDROCK_INVOKE, Usage

_PRICES: dict[str, dict[str, Any]] | None = None
_lock = threading.Lock()


def _load() -> dict[str, dict[str, Any]]:
    global _PRICES
    with _lock:
        if _PRICES is None:
            spec = find_spec("litellm")
            prices: dict[str, dict[str, Any]] = {}
            if spec is not None and spec.submodule_search_locations:
                for loc in spec.submodule_search_locations:
                    path = Path(loc) / "model_prices_and_context_window_backup.json"
                    if path.is_file():
                        prices = json.loads(path.read_text())
                        break
            prices.pop("sample_spec", None)
            _PRICES = prices
        return _PRICES


def price_entry(model: str) -> dict[str, Any] | None:
    """Prices for ``model``: exact name, then without a provider prefix or date suffix."""
    prices = _load()
    candidates = [model, model.split("/", 1)[-1]]
    if "@" in candidates[-1]:  # Vertex names versions with @: claude-sonnet-4-5@20250929
        candidates.append(candidates[-1].replace("@", "-"))
    base = candidates[-1]
    # "claude-sonnet-4-5-20250929" -> also try without the date; "gpt-4o-2024-08-06" too
    parts = base.rsplit("-", 1)
    if len(parts) == 2 and parts[1].isdigit() and len(parts[1]) == 8:
        candidates.append(parts[0])
    for name in candidates:
        entry = prices.get(name)
        if entry and "input_cost_per_token" in entry:
            return entry
    return None


def cost_usd(api: str, model: str | None, usage: Usage) -> float | None:
    """USD cost of one exchange, or None when the model or the usage is unknown."""
    if not model or usage.input_tokens is None and usage.output_tokens is None:
        return None
    entry = price_entry(model)
    if entry is None:
        return None
    inp = entry.get("input_cost_per_token") or 0.0
    out = entry.get("output_cost_per_token") or 0.0
    cache_read = entry.get("cache_read_input_token_cost", inp)
    cache_write = entry.get("cache_creation_input_token_cost", inp)
    input_tokens = usage.input_tokens or 0
    cached = usage.cache_read_tokens or 0
    written = usage.cache_write_tokens or 0
    if api in (ANTHROPIC_MESSAGES, BEDROCK_INVOKE, BEDROCK_CONVERSE):  # cache reads apart
        total = input_tokens * inp + cached * cache_read + written * cache_write
    else:
        total = max(input_tokens - cached, 0) * inp + cached * cache_read
    total += (usage.output_tokens or 0) * out
    return round(total, 10)
