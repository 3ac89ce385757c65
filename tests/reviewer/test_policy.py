from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.model import Origin
from reviewer.policy import DEFAULT_POLICY, PolicyError, load_policy, parse_policy

AI = Origin(label="ai")
EDITED = Origin(label="ai-edited")
HUMAN = Origin(label="human")


def test_defaults_are_stricter_for_ai_origin() -> None:
    p = DEFAULT_POLICY
    assert p.admits("low", "low", AI) and p.admits("low", "low", EDITED)
    assert not p.admits("low", "high", HUMAN) and not p.admits("high", "low", HUMAN)
    assert p.admits("medium", "medium", HUMAN)
    assert p.judgement_allowed("py.web.x", AI) and not p.judgement_allowed("py.web.x", HUMAN)
    assert not p.block and p.fail_on == "high"


def test_policy_file_round_trip(tmp_path: Path) -> None:
    (tmp_path / ".aiprov").mkdir()
    (tmp_path / ".aiprov" / "policy.toml").write_text('''
[review]
fail_on = "medium"
block = true
disabled_rules = ["py.random.*"]
extra_rules = ["py.web.handler-without-auth"]
[review.human]
min_severity = "high"
[review.ai]
min_confidence = "medium"
judgement_rules = false
''')
    p = load_policy(tmp_path)
    assert p.block and p.fail_on == "medium" and p.fails("high") and not p.fails("low")
    assert not p.rule_enabled("py.random.security-value") and p.rule_enabled("py.code.eval")
    assert p.human.min_severity == "high" and p.human.min_confidence == "medium"
    assert p.ai.min_confidence == "medium" and p.ai.min_severity == "low"
    assert p.judgement_allowed("py.web.handler-without-auth", HUMAN)
    assert not p.judgement_allowed("py.web.handler-without-validation", AI)


def test_no_file_means_defaults(tmp_path: Path) -> None:
    assert load_policy(tmp_path) == DEFAULT_POLICY


@pytest.mark.parametrize(("text", "needle"), [
    ("[review]\nfail_on = 'severe'", "fail_on"),
    ("[review]\nblok = true", "blok"),
    ("[review.ai]\nmin_severity = 'hi'", "min_severity"),
    ("[review.human]\nthreshold = 1", "threshold"),
    ("[review]\ndisabled_rules = 'py.x'", "disabled_rules"),
    ("[review]\nblock = 'yes'", "block"),
    ("[review", "TOML"),
])
def test_bad_policy_names_the_key(text: str, needle: str) -> None:
    with pytest.raises(PolicyError, match=needle):
        parse_policy(text)


def test_top_level_keys_outside_review_are_refused():
    import pytest

    from reviewer.policy import PolicyError, parse_policy

    with pytest.raises(PolicyError, match="under \\[review\\]"):
        parse_policy("block = true\n")
