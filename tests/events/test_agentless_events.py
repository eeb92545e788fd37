"""Events whose agent neither the sentence nor the story gives: emitted or not (words.yaml emit_without_source)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from detente.events import EventStage, knowledge
from detente.events.lexicon import load_lexicon
from detente.events.modality import load_cues
from tests.events.helpers import run


def _stage(monkeypatch: pytest.MonkeyPatch, emit: bool) -> EventStage:
    words = replace(knowledge.load_words(), emit_without_source=emit)
    monkeypatch.setattr(knowledge, "load_words", lambda: words)
    return EventStage(load_lexicon(), load_cues())


def test_an_attack_with_no_attacker_anywhere_is_dropped_when_so_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(_stage(monkeypatch, emit=False), "Ukraine was attacked on Monday.") == []
    events = run(_stage(monkeypatch, emit=True), "Ukraine was attacked on Monday.")
    assert [(e.type, e.source) for e in events] == [("ASSAULT", [])]


def test_an_attack_with_its_attacker_is_always_emitted(monkeypatch: pytest.MonkeyPatch) -> None:
    events = run(_stage(monkeypatch, emit=False), "Ukraine was attacked by Russia on Monday.")
    assert [(e.source, e.target) for e in events] == [(["rus"], ["ukr"])]
