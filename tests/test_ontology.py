"""One PLOVER ontology (detente.model): every other list of types agrees with it or is checked against it."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import pytest
import yaml

from detente.analysis.brief import check_phrases, phrases
from detente.errors import InputError
from detente.model import JOINT_TYPES, MODALITIES, PLOVER_QUAD_CLASS, PLOVER_TYPES, QUAD_CLASSES


def _data(name: str) -> Any:
    return yaml.safe_load(resources.files("detente").joinpath("data", name).read_text("utf-8"))


def test_types_and_quad_classes_come_from_one_table() -> None:
    assert PLOVER_TYPES == tuple(PLOVER_QUAD_CLASS)
    assert set(PLOVER_QUAD_CLASS.values()) == set(QUAD_CLASSES) == {1, 2, 3, 4}
    assert JOINT_TYPES <= set(PLOVER_TYPES)


def test_the_event_lexicon_gives_each_type_the_model_quad_class() -> None:
    types = _data("events/lexicon.yaml")["types"]
    assert {t: v["quad_class"] for t, v in types.items()} == PLOVER_QUAD_CLASS


def test_fusion_rules_name_only_model_types() -> None:
    rules = _data("fusion.yaml")
    named = set(rules.get("symmetric_types") or []) | set(rules.get("tie_types") or [])
    named |= {t for family in rules.get("families") or [] for t in family}
    assert named <= set(PLOVER_TYPES)


def test_the_shipped_briefing_phrases_cover_every_type() -> None:
    assert set(phrases()["verbs"]) == set(PLOVER_TYPES)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["verbs"].pop("ASSAULT"), "no phrase for ASSAULT"),
    (lambda d: d["verbs"].update(DANCE={"with": "danced with"}), "unknown PLOVER type.*DANCE"),
    (lambda d: d["modality"].update(rumoured="a rumour"), "unknown modality rumoured"),
])
def test_briefing_phrases_out_of_step_with_the_model_are_a_clear_error(change: Any, message: str) -> None:
    data = _data("brief.yaml")
    change(data)
    with pytest.raises(InputError, match=f"brief.yaml.*{message}"):
        check_phrases(data, "data/brief.yaml")
    assert set(MODALITIES) >= set(_data("brief.yaml")["modality"])


def test_the_web_ui_keeps_no_copy_of_the_types() -> None:
    web = resources.files("detente").joinpath("web", "js")
    scripts = [p for p in web.iterdir() if p.name.endswith(".js")] + list(web.joinpath("pages").iterdir())
    for path in scripts:
        js = path.read_text("utf-8")
        copies = [t for t in PLOVER_TYPES if re.search(rf"[\"']{t}[\"']", js)]
        assert not copies, f"{path.name} lists {copies}; read them from /api/ontology"
        assert "material cooperation" not in js.lower(), f"{path.name} names a quad class; read it from /api/ontology"
    assert "/api/ontology" in web.joinpath("dom.js").read_text("utf-8")
