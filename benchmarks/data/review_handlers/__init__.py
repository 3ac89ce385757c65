"""Independent look-alike handlers (issue 19), Python and JavaScript (Express).

Written by someone who did not read the rule packs, the way developers and models write
handlers. Each group is one task: vulnerable variants (labelled by the CWE an exploit shows,
some passing request data through dicts, lists or small helpers) and safe twins (made safe
by a sanitiser, a guard, a constant, a dead branch or an allowlist). A safe file is labelled
safe because no exploit works on it, whatever its shape.

``CASES`` in ``python_cases`` / ``javascript_cases``: (group, CWE, kind, code), kind is
``vulnerable`` or how the twin is safe. The split (tuning / held-out) is by the SHA-256 of
the group id, so a handler and its twins always fall in the same half.
"""

from __future__ import annotations

from collections.abc import Callable

Case = tuple[str, int, str, str]


def collector() -> tuple[list[Case], Callable[[str, int, str], None],
                         Callable[[str, int, str, str], None]]:
    """(cases, bad(group, cwe, code), safe(group, cwe, kind, code))."""
    cases: list[Case] = []

    def bad(group: str, cwe: int, code: str) -> None:
        cases.append((group, cwe, "vulnerable", code.lstrip("\n")))

    def safe(group: str, cwe: int, kind: str, code: str) -> None:
        cases.append((group, cwe, kind, code.lstrip("\n")))

    return cases, bad, safe
