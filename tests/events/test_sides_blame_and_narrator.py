"""Who an act is blamed on is not whom it hit; the outlet telling the story is not in it;
a group charged with an act ("accuses the insurgent group of burning") is the group told before."""

from __future__ import annotations

from detente.pipeline import process_text


def _events(text: str, source: str | None = None) -> list[tuple[str, list[str], list[str]]]:
    x = process_text(text, published="2025-03-12", source=source)
    return [(e.type, e.source, e.target) for e in x.events if e.modality == "asserted"]


def test_attacks_blamed_on_militants_did_not_hit_them() -> None:
    text = ("Baloch Liberation Army militants attacked a train in Pakistan on Tuesday. "
            "Islamabad blamed last week's bombings on militants present on Afghan territory.")
    assert not any(t == "ASSAULT" and "AFG" in tgt for t, _, tgt in _events(text))


def test_a_group_charged_with_an_act_is_the_group_told_attacking() -> None:
    text = ("Al-Shabaab militants attacked ten villages in Somalia on Monday. "
            "Somalia accuses the insurgent group of burning and pillaging.")
    assert ("ACCUSE", ["SOM"], ["org:al-shabaab"]) in _events(text)


def test_the_outlet_telling_the_story_is_no_party_to_its_events() -> None:
    text = "China and Russia have ignored VOA requests for comment. VOA asked Beijing for comment."
    assert not any("org:voa" in s + t for _, s, t in _events(text, source="Voice of America"))
    assert any("org:voa" in s + t for _, s, t in _events(text))  # told by another outlet, VOA is a party
