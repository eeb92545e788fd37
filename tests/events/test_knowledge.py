"""The events stage's knowledge: word lists from data, PLOVER roles checked, no per-document state."""

from __future__ import annotations

import dataclasses

import pytest

from detente.datafiles import DataFileError, build
from detente.events import EventStage
from detente.events.knowledge import TYPE_ROLES, Words, load_words
from detente.model import PLOVER_TYPES
from tests.events.helpers import make_ctx, run


def test_type_roles_name_plover_types() -> None:
    words = load_words()
    for key in TYPE_ROLES:
        assert getattr(words, key) <= set(PLOVER_TYPES), key
    assert "THREATEN" in words.situation_types and "CONSULT" in words.joint_types


def test_an_unknown_type_in_the_word_file_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import detente.events.knowledge as knowledge

    values = {f.name: getattr(load_words(), f.name) for f in dataclasses.fields(Words)}
    raw = {k: v if isinstance(v, bool) else list(v) for k, v in values.items()}
    raw["number_words"] = dict(load_words().number_words)
    raw["joint_types"] = ["AGREE", "MEET"]
    monkeypatch.setattr(knowledge, "load", lambda cls, name: build(cls, raw, "words.yaml"))
    knowledge.load_words.cache_clear()
    try:
        with pytest.raises(DataFileError, match="MEET"):
            knowledge.load_words()
    finally:
        knowledge.load_words.cache_clear()


def test_a_document_does_not_leak_into_the_next(stage: EventStage) -> None:
    # "the two men" refers back to the pair of the same story only
    story = "Xi held talks with Kim on Monday. The two men later signed a treaty."
    assert [(e.source, e.target) for e in run(stage, story) if e.type == "AGREE"] == [(["xi"], ["kim"])]
    alone = run(stage, "The two men later signed a treaty.")
    assert [e for e in alone if e.type == "AGREE"] == []
    # the same document read twice gives the same events
    assert [e.id for e in run(stage, story)] == [e.id for e in run(stage, story)]
    ctx = make_ctx(story)
    stage(ctx)
    assert not any(hasattr(stage.extractor, name) for name in ("mem", "ctx"))
