"""An act aimed at an attack the story told is aimed at the attacker; an armed group's fighters "of X" are X.

Whole pipeline (the actor stage names the groups); written stories.
"""

from __future__ import annotations

from detente.pipeline import process_text


def sides(text: str, etype: str) -> list[tuple[list[str], list[str]]]:
    x = process_text(text, published="2025-06-12")
    names = {a.id: a.name for a in x.actors}
    return [([names.get(a, a) for a in e.source], [names.get(a, a) for a in e.target])
            for e in x.events if e.type == etype]


def test_condemning_the_attack_accuses_its_attacker() -> None:
    story = ("Boko Haram fighters stormed a police station in Nigeria on Tuesday.\n\n"
             "Niger condemned the attack on Wednesday.")
    assert sides(story, "ACCUSE") == [(["Niger"], ["Boko Haram"])]


def test_a_condemned_attack_the_story_never_told_accuses_nobody() -> None:
    assert sides("Niger condemned the attack on Wednesday.", "ACCUSE") == []


def test_an_attack_told_paragraphs_before_is_not_the_one_condemned() -> None:
    story = ("Boko Haram fighters stormed a police station in Nigeria on Tuesday.\n\n"
             "The talks on the budget went on.\n\nThe parliament met.\n\nThe rains came early.\n\n"
             "Niger condemned the attack on Wednesday.")
    assert sides(story, "ACCUSE") == []


def test_militants_of_a_group_are_the_group() -> None:
    assert sides("Militants of Boko Haram attacked a bus in Nigeria on Monday.", "ASSAULT") == [
        (["Boko Haram"], ["Nigeria"])]
