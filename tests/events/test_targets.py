"""Targets completed from the story: the current pair of states, the latest meeting, hosts, agreements named by a year, scenes.

One written sentence (or short story) per construction.  Actors come from the
small gazetteer of tests/events/helpers.py; tests that need the time stage run
the whole pipeline (``process_text``).
"""

from __future__ import annotations

import pytest

from detente.events import EventStage
from detente.pipeline import process_text
from tests.events.helpers import events_of, find, of_type, pairs, run, the_event


def test_joint_act_without_actors_is_the_latest_meeting(stage: EventStage) -> None:
    events = run(stage, "Xi held talks with Kim on Monday. Leaders of ten states attended the parade. No agreements were signed.")
    assert pairs(events, "AGREE") == [(["xi"], ["kim"], "negated")]
    # someone else named as the subject is not the pair
    assert not [e for e in events if e.type == "CONSULT" and e.trigger == "attended"]


def test_hosted_event_takes_its_place(stage: EventStage) -> None:
    events = run(stage, "Kim met Putin in Beijing on Monday. Both stood at a parade. Others attended the parade.")
    mob = [e for e in events if e.type == "MOBILIZE"]
    assert [(e.source, e.trigger) for e in mob] == [(["chn"], "parade")]  # the second "the parade" is the same one
    events = run(stage, "Li attended the parade in Pyongyang.")
    assert find(events, "MOBILIZE").source == ["prk"]


def test_act_without_target_aims_at_the_other_side_of_the_pair(stage: EventStage) -> None:
    text = "Xi held talks with Kim in Pyongyang on Monday. China restored the rail links."
    (coop,) = of_type(run(stage, text), "COOPERATE")
    assert (coop.source, coop.target) == (["chn"], ["kim"])


@pytest.mark.parametrize(
    "text",
    [
        # the source is not one side of the pair: no counterpart
        "Xi held talks with Kim in Pyongyang on Monday. Japan restored the rail links.",
        # the pair was told three paragraphs earlier: no longer the story's pair
        "Xi held talks with Kim in Pyongyang on Monday.\n\nTrade grew.\n\nTourism grew.\n\nChina restored the rail links.",
    ],
)
def test_pair_target_needs_a_recent_pair_with_the_source(stage: EventStage, text: str) -> None:
    (coop,) = of_type(run(stage, text), "COOPERATE")
    assert coop.target == []


def test_request_without_target_is_kept_only_with_a_pair(stage: EventStage) -> None:
    # REQUEST needs a target: with the pair it is coded, alone it is still dropped
    (req,) = of_type(run(stage, "Xi held talks with Kim on Monday. China called for denuclearisation."), "REQUEST")
    assert req.target == ["kim"]
    assert of_type(run(stage, "China called for denuclearisation."), "REQUEST") == []


def test_treaty_named_by_its_year_is_an_agreement_of_that_year(stage: EventStage) -> None:
    text = "Xi held talks with Kim on Monday. The talks marked the anniversary of the 1961 treaty that binds the two countries."
    (agree,) = [e for e in run(stage, text) if e.type == "AGREE" and e.date.value == "1961"]
    assert (agree.modality, {*agree.source, *agree.target}) == ("asserted", {"xi", "kim"})


def test_participle_year_and_the_sentences_states() -> None:
    events = process_text("Beijing remains Pyongyang's ally under a pact signed in 1961.", published="2025-09-05").events
    (agree,) = of_type(events, "AGREE")
    assert agree.date.value == "1961" and agree.modality == "asserted"


@pytest.mark.parametrize(
    "text",
    [
        # a year not before publication is no concluded agreement
        "Xi held talks with Kim on Monday. They discussed the 2026 treaty.",
        # no parties anywhere: the first sentence of a story about no pair
        "The 1961 treaty is old.",
    ],
)
def test_year_agreement_needs_a_past_year_and_two_parties(text: str) -> None:
    events = process_text(text, published="2025-09-05").events
    assert [e for e in of_type(events, "AGREE") if e.modality == "asserted" and e.date.value[:4] in ("1961", "2026")] == []


def test_pending_act_on_a_dated_agreement_codes_no_signing(stage: EventStage) -> None:
    # honouring the agreement is told as done: the signing stands; wanting to restore it is not
    done = run(stage, "South Korea honoured a 2018 agreement with Pyongyang.")
    assert [e.date.value for e in of_type(done, "AGREE")] == ["2018"]
    pending = run(stage, "South Korea wants to restore a 2018 agreement with Pyongyang.")
    assert [e for e in of_type(pending, "AGREE") if e.modality == "asserted"] == []


@pytest.mark.parametrize("text, etype, target", [
    ("Kenya imposed a curfew in Mombasa on Monday.", "COERCE", ["KEN"]),
    ("Israeli jets bombed targets in Gaza on Tuesday.", "ASSAULT", ["PSE"]),
    # what it was aimed at, and where that is
    ("Indian tanks fired shells at targets in Lahore on Tuesday.", "ASSAULT", ["PAK"]),
    ("Serbia lifted the night curfew in Podgorica on Sunday.", "RETREAT", ["MNE"]),
    # where a protest happens is not whom it is against: with no one named, the protesters' own state
    ("Kenyan farmers protested in Mombasa on Monday.", "PROTEST", ["KEN"]),
    ("Kenyan farmers protested in Kampala on Monday.", "PROTEST", ["KEN"]),
])
def test_force_falls_on_the_state_where_it_is_used(text: str, etype: str, target: list[str]) -> None:
    assert the_event(text, etype).target == target


# ---------------------------------------------------------------- the story's home state
HOME = "Peru's president spoke on Monday. Peru rejected the offer. Peru said so. "


def test_force_without_target_falls_on_the_home_state() -> None:
    # a state's own institution acting inside it: the state on both sides
    e = the_event(HOME + "The army detained him and closed the border.", "COERCE")
    assert (e.source, e.target) == (["PER"], ["PER"])


def test_passive_coercion_without_agent_is_the_home_states() -> None:
    e = the_event(HOME + "Dozens of students were arrested on Friday.", "COERCE")
    assert (e.source, e.target) == (["PER"], ["PER"])
    # with its agent named, the agent acts
    e = the_event(HOME + "Two Chilean sailors were detained by Ecuador.", "COERCE")
    assert e.source == ["ECU"]


def test_domestic_protest_is_against_the_home_state() -> None:
    e = the_event(HOME + "Peruvian students protested in the capital on Friday.", "PROTEST")
    assert (e.source, e.target) == (["PER"], ["PER"])


def test_no_home_state_in_a_story_between_equals() -> None:
    # two states named as often: no state dominates, so nothing is filled in
    events = events_of("Peru and Chile met on Monday. Peru and Chile argued. The army detained him.", "2026-03-10")
    assert not [e for e in events if e.type == "COERCE"]


# ------------------------------------------------- the group the story tells attacking
ARMED = ("Peru's president spoke on Monday. Peru rejected the offer. Peru said so. "
         "The separatist group has been fighting the Peruvian state for years. "
         "The Peruvian army killed 30 insurgents on Tuesday. "
         "Last month, Shining Path militants ambushed a bus near Ayacucho.")


def test_definite_group_is_the_group_told_attacking() -> None:
    # told before its attack is: the whole story is read for the groups it tells attacking
    events = events_of(ARMED, "2026-03-10")
    fight = next(e for e in events if e.trigger == "fighting")
    assert fight.source == ["org:shining-path"]


def test_home_states_force_falls_on_the_armed_group() -> None:
    events = events_of(ARMED, "2026-03-10")
    killed = next(e for e in events if e.type == "ASSAULT" and e.source == ["PER"])
    assert killed.target == ["org:shining-path"]


def test_attack_without_agent_is_the_latest_attackers() -> None:
    story = ARMED + " Three Peruvian soldiers were killed."
    events = events_of(story, "2026-03-10")
    assert [(e.source, e.target) for e in events if e.trigger == "killed" and "PER" not in e.source] == [(["org:shining-path"], ["PER"])]


def test_reverse_attack_is_not_the_same_event() -> None:
    # the same act on the same pair, the other way round, is another event
    story = ("Peru's president spoke on Monday. Peru rejected the offer. Peru said so. "
             "Last month, Shining Path militants ambushed a bus near Ayacucho. The Peruvian army then ambushed the insurgents.")
    kills = [(e.source, e.target) for e in events_of(story, "2026-03-10") if e.type == "ASSAULT"]
    assert kills == [(["org:shining-path"], ["PER"]), (["PER"], ["org:shining-path"])]


def test_armed_groups_losses_are_the_home_states_doing() -> None:
    story = ARMED + " Sources said 16 insurgents had been killed."
    killed = [e for e in events_of(story, "2026-03-10") if e.type == "ASSAULT" and e.target == ["org:shining-path"]]
    assert killed and all(e.source == ["PER"] for e in killed)


@pytest.mark.parametrize(
    ("text", "etype", "source", "target"),
    [
        # a demand's addressee is whoever is to act, even when the act is no event
        ("Peru issued a series of warnings demanding that Chile change its stance.", "THREATEN", ["PER"], ["CHL"]),
        # rejecting "the resolution" answers the latest actor told requesting
        ("Chile urged Peru to hold a new vote. Peru rejected the resolution on Wednesday.", "REJECT", ["PER"], ["CHL"]),
        # refusing an act whose "by" agent is named: that agent
        ("Kenya has refused to attend a hearing by the International Court of Justice.", "REJECT", ["KEN"], ["org:icj"]),
    ],
)
def test_target_from_what_the_act_answers_or_embeds(text: str, etype: str, source: list[str], target: list[str]) -> None:
    (e,) = [x for x in events_of(text, "2026-03-10") if x.type == etype]
    assert (e.source, e.target) == (source, target)


def test_placed_group_is_not_the_group_told_attacking() -> None:
    # "militants present in Ecuador" are others, placed by their own modifier
    story = ARMED + " Lima blamed the latest bombings on militants present in Ecuador."
    blamed = [e for e in events_of(story, "2026-03-10") if e.type == "ACCUSE"]
    assert blamed and all("org:shining-path" not in e.target for e in blamed)
