"""Events whose agent neither the sentence nor the story gives: emitted or not (words.yaml emit_without_source)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from detente.events import EventStage, knowledge
from detente.events.lexicon import load_lexicon
from detente.events.modality import load_cues
from tests.events.helpers import run


def _stage(monkeypatch: pytest.MonkeyPatch, emit: bool, needs_agent: bool = False) -> EventStage:
    words = replace(knowledge.load_words(), emit_without_source=emit, sourceless_needs_agent=needs_agent)
    monkeypatch.setattr(knowledge, "load_words", lambda: words)
    return EventStage(load_lexicon(), load_cues())


def test_an_attack_with_no_attacker_anywhere_is_dropped_when_so_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(_stage(monkeypatch, emit=False), "Ukraine was attacked on Monday.") == []
    events = run(_stage(monkeypatch, emit=True), "Ukraine was attacked on Monday.")
    assert [(e.type, e.source) for e in events] == [("ASSAULT", [])]


def test_an_attack_with_its_attacker_is_always_emitted(monkeypatch: pytest.MonkeyPatch) -> None:
    events = run(_stage(monkeypatch, emit=False), "Ukraine was attacked by Russia on Monday.")
    assert [(e.source, e.target) for e in events] == [(["rus"], ["ukr"])]


def test_a_sourceless_act_is_kept_only_when_the_sentence_names_an_agent(monkeypatch: pytest.MonkeyPatch) -> None:
    stage = _stage(monkeypatch, emit=True, needs_agent=True)
    # nobody named: a passive with no "by", a bare noun
    assert run(stage, "Ukraine was attacked on Monday.") == []
    assert run(stage, "Three Ukrainian soldiers were killed on Monday.") == []
    # an agent the actor stage cannot make an actor of: the act is still told
    events = run(stage, "Masked gunmen attacked Ukraine on Monday.")
    assert [(e.type, e.source, e.target) for e in events] == [("ASSAULT", [], ["ukr"])]


def test_the_controller_of_a_complement_names_the_agent(monkeypatch: pytest.MonkeyPatch) -> None:
    stage = _stage(monkeypatch, emit=True, needs_agent=True)
    events = run(stage, "Unidentified fighters were accused of attacking Ukraine.")
    assert [e.type for e in events] == ["ASSAULT"]
