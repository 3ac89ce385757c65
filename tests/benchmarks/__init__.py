"""Tests of the benchmarks' own logic (corpus builders, labels), and how tests load them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def provenance_benchmark() -> ModuleType:
    """``benchmarks/provenance_accuracy.py`` as a module (a script, not a package member),
    loaded once per process under its script name."""
    loaded = sys.modules.get("provenance_accuracy")
    if loaded is not None:
        return loaded
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "provenance_accuracy.py"
    spec = importlib.util.spec_from_file_location("provenance_accuracy", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["provenance_accuracy"] = module
    spec.loader.exec_module(module)
    return module
