"""Mentions dated only by their story join another only when they tell the act in the same
words (one trigger family) or share an anchor (a figure, a place): fusion/match.py."""

from __future__ import annotations

from detente.fusion import rules
from detente.fusion.rules import kin_stems, stem, trigger_stems
from detente.model import Event
from detente.store import Store

from .builders import Article, cluster_of, day


def _with_trigger(ev: Event, trigger: str) -> Event:
    ev.trigger = trigger
    return ev


def test_two_story_dated_acts_of_one_dyad_in_other_words_stay_apart(store: Store) -> None:
    a = Article("sd1", "Moscow declined to comment on the plan, officials said.", published="2025-08-18")
    _with_trigger(a.event("Moscow declined to comment", "REJECT", ["RUS"], ["USA"],
                          date=day("2025-08-18", basis="context")), "declined")
    a.add(store)
    b = Article("sd2", "Russia and the United States disagreed over the sanctions.", published="2025-08-18")
    _with_trigger(b.event("Russia and the United States disagreed", "REJECT", ["RUS"], ["USA"],
                          date=day("2025-08-18", basis="context")), "disagreed")
    b.add(store)
    assert cluster_of(store, "ev-sd2-0") == "ev-sd2-0"


def test_two_story_dated_mentions_in_one_word_family_join(store: Store) -> None:
    a = Article("sf1", "Pyongyang accused Seoul of provocations.", published="2025-08-18")
    _with_trigger(a.event("Pyongyang accused Seoul", "ACCUSE", ["PRK"], ["KOR"],
                          date=day("2025-08-18", basis="context")), "accused")
    a.add(store)
    b = Article("sf2", "North Korea is accusing South Korea of provocations.", published="2025-08-18")
    _with_trigger(b.event("North Korea is accusing South Korea", "ACCUSE", ["PRK"], ["KOR"],
                          date=day("2025-08-18", basis="published")), "accusing")
    b.add(store)
    assert cluster_of(store, "ev-sf2-0") == "ev-sf1-0"


def test_two_story_dated_mentions_sharing_a_figure_join(store: Store) -> None:
    a = Article("sn1", "Russian forces killed 47 soldiers in Russia's attack on Seoul's base.", published="2025-08-18")
    _with_trigger(a.event("Russian forces killed 47 soldiers", "ASSAULT", ["RUS"], ["KOR"],
                          date=day("2025-08-18", basis="context")), "killed")
    a.add(store)
    b = Article("sn2", "Airstrikes by Russia left 47 South Korean soldiers dead.", published="2025-08-18")
    _with_trigger(b.event("Airstrikes by Russia left 47 South Korean soldiers dead", "ASSAULT", ["RUS"], ["KOR"],
                          date=day("2025-08-18", basis="context")), "Airstrikes")
    b.add(store)
    assert cluster_of(store, "ev-sn2-0") == "ev-sn1-0"


def test_a_story_dated_mention_whose_day_misses_a_told_date_needs_the_same_words(store: Store) -> None:
    a = Article("st1", "Pyongyang warned Seoul on Sunday of retaliation.", published="2025-08-18")
    _with_trigger(a.event("Pyongyang warned Seoul on Sunday", "THREATEN", ["PRK"], ["KOR"],
                          date=day("2025-08-17")), "warned")
    a.add(store)
    other = Article("st2", "North Korea is threatening South Korea with missiles.", published="2025-08-19")
    _with_trigger(other.event("North Korea is threatening South Korea", "THREATEN", ["PRK"], ["KOR"],
                              date=day("2025-08-19", basis="context")), "threatening")
    other.add(store)
    assert cluster_of(store, "ev-st2-0") == "ev-st2-0"  # the 19th is not the Sunday told: another threat
    same = Article("st3", "Pyongyang's warning to Seoul stood.", published="2025-08-19")
    _with_trigger(same.event("Pyongyang's warning to Seoul", "THREATEN", ["PRK"], ["KOR"],
                             date=day("2025-08-19", basis="context")), "warning")
    same.add(store)
    assert cluster_of(store, "ev-st3-0") == "ev-st1-0"


def test_trigger_word_families() -> None:
    r = rules()
    assert stem("attacked", r) == stem("attacks", r) == "attack"
    assert kin_stems(frozenset({"accus"}), trigger_stems(_event("accusation"), r), r)
    assert kin_stems(trigger_stems(_event("holding hostages"), r), trigger_stems(_event("taking hostages"), r), r)
    assert not kin_stems(trigger_stems(_event("declined"), r), trigger_stems(_event("disagreed"), r), r)
    assert not kin_stems(trigger_stems(_event("war"), r), trigger_stems(_event("warned"), r), r)


def _event(trigger: str) -> Event:
    return _with_trigger(Article("w", "A word.").event("A word", "ACCUSE", ["PRK"]), trigger)
