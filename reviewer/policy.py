"""Review policy: how strict to be, per origin, for one repository.

AI-origin code is untrusted input, so by default it is reviewed at a lower severity and
confidence threshold than human code and gets the judgement rules too (new request
handlers without validation or auth, ...). A repository tunes this in
``.aiprov/policy.toml``::

    [review]
    fail_on = "high"            # severity that fails `aiprov review` / the hook (block mode)
    block = false               # commit hook: true blocks the commit, false only warns
    disabled_rules = ["py.net.requests-no-timeout", "js.random.*"]   # ids or globs
    extra_rules = ["py.web.handler-without-validation"]  # judgement rules for human code too

    [review.ai]                 # lines of ai / ai-edited origin
    min_severity = "low"
    min_confidence = "low"
    judgement_rules = true

    [review.human]
    min_severity = "medium"
    min_confidence = "medium"
    judgement_rules = false

Missing keys keep the defaults; unknown keys or levels are a ``PolicyError`` that names
the key, so a typo never silently weakens the review.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reviewer.model import (
    CONFIDENCES,
    SEVERITIES,
    Origin,
    confidence_rank,
    severity_rank,
)


class PolicyError(ValueError):
    """A policy file the reviewer will not guess at (the CLI shows it as a configuration
    error, exit 2). The core raises its own error: it does not import the shell's."""


POLICY_PATH = ".aiprov/policy.toml"


@dataclass(frozen=True, slots=True)
class Threshold:
    min_severity: str
    min_confidence: str
    judgement_rules: bool


AI_DEFAULT = Threshold("low", "low", True)
HUMAN_DEFAULT = Threshold("medium", "medium", False)


@dataclass(frozen=True, slots=True)
class Policy:
    ai: Threshold = AI_DEFAULT
    human: Threshold = HUMAN_DEFAULT
    fail_on: str = "high"
    block: bool = False
    disabled_rules: tuple[str, ...] = ()
    extra_rules: tuple[str, ...] = field(default_factory=tuple)

    def threshold(self, origin: Origin) -> Threshold:
        return self.ai if origin.is_ai else self.human

    def rule_enabled(self, rule_id: str) -> bool:
        return not any(fnmatch.fnmatchcase(rule_id, pat) for pat in self.disabled_rules)

    def judgement_allowed(self, rule_id: str, origin: Origin) -> bool:
        if self.threshold(origin).judgement_rules:
            return True
        return any(fnmatch.fnmatchcase(rule_id, pat) for pat in self.extra_rules)

    def admits(self, severity: str, confidence: str, origin: Origin) -> bool:
        th = self.threshold(origin)
        return severity_rank(severity) >= severity_rank(th.min_severity) and \
            confidence_rank(confidence) >= confidence_rank(th.min_confidence)

    def lowest(self) -> Policy:
        """Every rule at every level (used to tell whether a finding is still present)."""
        low = Threshold("info", "low", True)
        return replace(self, ai=low, human=low, disabled_rules=())

    def fails(self, severity: str) -> bool:
        return severity_rank(severity) >= severity_rank(self.fail_on)


DEFAULT_POLICY = Policy()


def _level(value: Any, allowed: tuple[str, ...], key: str, where: str) -> str:
    if value not in allowed:
        raise PolicyError(f"{where}: {key} must be one of {', '.join(allowed)}, got {value!r}")
    return str(value)


def _threshold(raw: dict[str, Any], base: Threshold, where: str) -> Threshold:
    unknown = set(raw) - {"min_severity", "min_confidence", "judgement_rules"}
    if unknown:
        raise PolicyError(f"{where}: unknown key(s) {sorted(unknown)}")
    jr = raw.get("judgement_rules", base.judgement_rules)
    if not isinstance(jr, bool):
        raise PolicyError(f"{where}: judgement_rules must be true or false")
    return Threshold(
        _level(raw.get("min_severity", base.min_severity), SEVERITIES, "min_severity", where),
        _level(raw.get("min_confidence", base.min_confidence), CONFIDENCES, "min_confidence",
               where),
        jr,
    )


def parse_policy(text: str, where: str = POLICY_PATH) -> Policy:
    """A policy from TOML text; raises PolicyError naming the bad key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{where}: not valid TOML ({exc})") from exc
    stray = set(data) - {"review"}
    if stray:  # e.g. `block = true` above [review]: it would silently do nothing
        raise PolicyError(f"{where}: unknown top-level key(s) {sorted(stray)}; "
                          "the settings go under [review]")
    review = data.get("review", {})
    if not isinstance(review, dict):
        raise PolicyError(f"{where}: [review] must be a table")
    unknown = set(review) - {"fail_on", "block", "disabled_rules", "extra_rules", "ai", "human"}
    if unknown:
        raise PolicyError(f"{where}: unknown key(s) in [review]: {sorted(unknown)}")
    for key in ("disabled_rules", "extra_rules"):
        val = review.get(key, [])
        if not isinstance(val, list) or not all(isinstance(v, str) for v in val):
            raise PolicyError(f"{where}: {key} must be a list of rule ids")
    block = review.get("block", False)
    if not isinstance(block, bool):
        raise PolicyError(f"{where}: block must be true or false")
    return Policy(
        ai=_threshold(review.get("ai", {}), AI_DEFAULT, f"{where} [review.ai]"),
        human=_threshold(review.get("human", {}), HUMAN_DEFAULT, f"{where} [review.human]"),
        fail_on=_level(review.get("fail_on", "high"), SEVERITIES, "fail_on", where),
        block=block,
        disabled_rules=tuple(review.get("disabled_rules", [])),
        extra_rules=tuple(review.get("extra_rules", [])),
    )


def load_policy(repo_root: Path) -> Policy:
    """The repository's policy, or the defaults when it has no policy file."""
    path = repo_root / POLICY_PATH
    if not path.is_file():
        return DEFAULT_POLICY
    return parse_policy(path.read_text(encoding="utf-8"), str(path))
