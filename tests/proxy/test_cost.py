from __future__ import annotations

import pytest

from proxy.cost import cost_usd, price_entry
from proxy.exchange import ANTHROPIC_MESSAGES, OPENAI_CHAT, Usage


def test_openai_cached_tokens_are_part_of_prompt_tokens():
    entry = price_entry("gpt-4o")
    assert entry is not None
    usage = Usage(input_tokens=1000, output_tokens=200, cache_read_tokens=400)
    expected = (600 * entry["input_cost_per_token"]
                + 400 * entry["cache_read_input_token_cost"]
                + 200 * entry["output_cost_per_token"])
    assert cost_usd(OPENAI_CHAT, "gpt-4o", usage) == pytest.approx(expected)


def test_anthropic_cache_tokens_are_counted_apart():
    entry = price_entry("claude-sonnet-4-5-20250929")
    assert entry is not None
    usage = Usage(input_tokens=10, output_tokens=100, cache_read_tokens=5000,
                  cache_write_tokens=2000)
    expected = (10 * entry["input_cost_per_token"]
                + 5000 * entry["cache_read_input_token_cost"]
                + 2000 * entry["cache_creation_input_token_cost"]
                + 100 * entry["output_cost_per_token"])
    assert cost_usd(ANTHROPIC_MESSAGES, "claude-sonnet-4-5-20250929", usage) == pytest.approx(
        expected)


def test_dated_and_prefixed_model_names_find_their_price():
    assert price_entry("openai/gpt-4o") is not None
    assert price_entry("gpt-4o-2024-08-06") is not None


def test_unknown_model_or_usage_has_no_cost():
    assert cost_usd(OPENAI_CHAT, "no-such-model-xyz", Usage(input_tokens=5)) is None
    assert cost_usd(OPENAI_CHAT, "gpt-4o", Usage()) is None
    assert cost_usd(OPENAI_CHAT, None, Usage(input_tokens=5)) is None


def test_cloud_model_names_and_their_token_semantics():
    from proxy.cost import cost_usd, price_entry
    from proxy.exchange import BEDROCK_CONVERSE, GEMINI_GENERATE

    assert price_entry("claude-sonnet-4-5@20250929") == price_entry("claude-sonnet-4-5-20250929")
    assert price_entry("us.anthropic.claude-sonnet-4-5-20250929-v1:0") is not None
    u = Usage(input_tokens=1000, output_tokens=100, cache_read_tokens=1000)
    # Bedrock counts cache reads apart from input; Gemini's prompt count includes them
    bedrock = cost_usd(BEDROCK_CONVERSE, "us.anthropic.claude-sonnet-4-5-20250929-v1:0", u)
    gemini = cost_usd(GEMINI_GENERATE, "gemini-2.5-pro", u)
    entry = price_entry("us.anthropic.claude-sonnet-4-5-20250929-v1:0")
    assert bedrock == pytest.approx(1000 * entry["input_cost_per_token"]
                                    + 1000 * entry["cache_read_input_token_cost"]
                                    + 100 * entry["output_cost_per_token"])
    g = price_entry("gemini-2.5-pro")
    assert gemini == pytest.approx(1000 * g.get("cache_read_input_token_cost",
                                                g["input_cost_per_token"])
                                   + 100 * g["output_cost_per_token"])
