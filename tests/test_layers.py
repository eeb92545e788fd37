"""The layers of docs/architecture.md hold: no import cycles, nothing imports upwards.

Other parts of the package are being reshaped (issue #14); this checks the modules
already in their final place, and grows as the rest lands.
"""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.helpers import load_script

SETTLED = ("detente.stage", "detente.pipeline", "detente.settings", "detente.errors", "detente.model",
           "detente.analysis", "detente.eval", "detente.commands", "detente.cli")


def _checker() -> ModuleType:
    return load_script("check_imports")


@pytest.fixture(scope="module")
def check() -> ModuleType:
    return _checker()


def _settled(module: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in SETTLED)


def test_no_import_cycle_touches_a_settled_module(check: ModuleType) -> None:
    bad = [group for group in check.cycles(check.graph()) if any(_settled(m) for m in group)]
    assert not bad


def test_settled_modules_import_nothing_above_their_layer(check: ModuleType) -> None:
    bad = [(m, t) for m, t in check.upward(check.graph()) if _settled(m)]
    assert not bad


def test_the_stage_contract_imports_no_stage(check: ModuleType) -> None:
    assert check.graph()["detente.stage"] <= {"detente.model", "detente.settings", "detente.errors"}


def test_the_checker_counts_imports_inside_functions(check: ModuleType) -> None:
    # `detente ingest` imports the orchestrator only when it runs
    assert "detente.orchestrate" in check.graph()["detente.commands.ingest"]


def test_the_checker_reports_a_cycle_and_an_upward_import(check: ModuleType) -> None:
    edges = {"detente.a": {"detente.b"}, "detente.b": {"detente.a"}, "detente.c": {"detente.a"}}
    assert check.cycles(edges) == [["detente.a", "detente.b"]]
    assert list(check.upward({"detente.model": {"detente.cli"}})) == [("detente.model", "detente.cli")]
