"""The lexicon and cue files load, validate and extend."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import InputError
from detente.events import load_cues, load_lexicon
from detente.model import MODALITIES, PLOVER_TYPES


def test_shipped_lexicon_covers_every_type() -> None:
    lex = load_lexicon()
    assert len(lex) > 300
    used = {e.type for lst in [*lex.verbs.values(), *lex.nouns.values()] for e in lst}
    assert used == set(PLOVER_TYPES) - {"PROTEST"} | {"PROTEST"}
    assert set(lex.types) == set(PLOVER_TYPES)
    assert all(1 <= t.quad_class <= 4 and -10 <= t.intensity <= 10 for t in lex.types.values())


def test_specific_entries_come_first() -> None:
    lex = load_lexicon()
    sign = lex.verbs["sign"]
    assert sign[0].objects and sign[0].type == "AGREE"


def test_cue_values_are_modalities() -> None:
    cues = load_cues()
    values = {*cues.aux.values(), *cues.governors.values(), *cues.adverbs.values(), *cues.determiners.values()}
    assert values <= set(MODALITIES)


def test_user_lexicon_extends(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("verbs:\n  - {lemma: snub, type: REJECT}\n", "utf-8")
    lex = load_lexicon([extra])
    assert lex.verbs["snub"][0].type == "REJECT"
    assert "meet" in lex.verbs


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("verbs:\n  - {lemma: snub, type: SNUB}\n", "type"),
        ("verbs:\n  - {lemma: call, particle: off, type: REJECT}\n", None),  # YAML boolean
        ("verbs: [\n", None),
    ],
)
def test_bad_lexicon_is_reported(tmp_path: Path, body: str, field: str | None) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, "utf-8")
    with pytest.raises(InputError) as err:
        load_lexicon([bad])
    if field:
        assert err.value.field == field
