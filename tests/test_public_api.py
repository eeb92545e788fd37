"""The public API: `detente/__init__.py` exports a small, stable set of names, each documented."""

from __future__ import annotations

import inspect
import re

import pytest

import detente
from tests.helpers import REPO

# Changing this set is a change of the public API: say so in the changelog and docs/architecture.md.
PUBLIC = {
    "SCHEMA", "DetenteError", "IngestReport", "InputError", "Pipeline", "Settings", "Store", "StoreError",
    "evaluate", "export", "export_data", "ingest", "load_export", "process_text",
}
ARCHITECTURE = REPO / "docs" / "architecture.md"


def test_the_exported_names_are_exactly_the_public_ones() -> None:
    assert set(detente.__all__) == PUBLIC
    assert len(detente.__all__) == len(PUBLIC)  # no name twice
    for name in PUBLIC:
        assert getattr(detente, name) is not None


@pytest.mark.parametrize("name", sorted(PUBLIC - {"SCHEMA"}))
def test_every_exported_name_has_its_own_docstring(name: str) -> None:
    obj = getattr(detente, name)
    doc = obj.__doc__ or ""
    generated = inspect.isclass(obj) and doc.startswith(f"{name}(")  # a dataclass's signature is not a docstring
    assert doc.strip() and not generated, f"detente.{name} has no docstring"


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_exported_name_is_in_the_architecture_page(name: str) -> None:
    text = ARCHITECTURE.read_text("utf-8")
    section = text.split("## Public API", 1)[1]
    assert re.search(rf"`{name}\b", section), f"detente.{name} is not listed under 'Public API' in {ARCHITECTURE}"


def test_evaluate_is_the_function_and_its_module_is_importable() -> None:
    from detente.eval import gold

    assert detente.evaluate is gold.evaluate and callable(detente.evaluate)
