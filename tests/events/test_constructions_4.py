"""Constructions of the third quality pass (issue #6): targets implied by the story's
pair of states, agreements named by their year.  One written sentence each, with a
case where the rule must not fire."""

from __future__ import annotations

import pytest
from helpers import make_ctx

from detente.events import EventStage
from detente.model import Event
from detente.pipeline import process_text


def run(stage: EventStage, text: str) -> list[Event]:
    ctx = make_ctx(text)
    stage(ctx)
    return ctx.events


def of_type(events: list[Event], etype: str) -> list[Event]:
    return [e for e in events if e.type == etype]


def the_event(text: str, etype: str, published: str = "2026-03-10") -> Event:
    """The one event of type ``etype`` the whole pipeline finds in ``text``."""
    (event,) = of_type(process_text(text, published=published).events, etype)
    return event


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


STORY = "Xi Jinping received Kim Jong Un in Beijing last week.\n\nTrade between the two neighbours has grown.\n\n"


@pytest.mark.parametrize("later", [
    "During the summit between the two countries, the Chinese side made no reference to denuclearisation.",
    "Xi's talks with Kim were followed by a banquet.",
])
def test_a_definite_meeting_of_a_dated_pair_is_that_meeting(later: str) -> None:
    # dated by the week of the meeting told before, not by the day of writing
    events = process_text(STORY + later, published="2025-09-08").events
    told = [e for e in events if e.type == "CONSULT" and e.mentions[0].start >= len(STORY)]
    assert len(told) == 1
    assert (told[0].date.value, told[0].date.basis) == ("2025-W36", "context")


@pytest.mark.parametrize("later", [
    "Japan's talks with India were followed by a banquet.",  # another pair of states
    "Xi's talks with Kim next month will be followed by a banquet.",  # a time of its own
])
def test_other_meetings_are_not_tied_to_the_dated_one(later: str) -> None:
    events = process_text(STORY + later, published="2025-09-08").events
    told = [e for e in events if e.type == "CONSULT" and e.mentions[0].start >= len(STORY)]
    assert told and all(e.date.value != "2025-W36" for e in told)


@pytest.mark.parametrize("place, kind", [("North Korea", "state"), ("Pyongyang", "place")])
def test_a_location_says_whether_it_is_a_whole_state(place: str, kind: str) -> None:
    events = process_text(f"Xi Jinping arrived in {place} on Monday for a state visit.", published="2026-06-12").events
    (visit,) = [e for e in events if e.type == "CONSULT"]
    assert visit.location is not None
    assert (visit.location.name, visit.location.country, visit.location.kind) == (place, "PRK", kind)


@pytest.mark.parametrize("text, modality", [
    # what is missing is the reference; the statements it is missing from were issued
    ("Analysts noted the absence of any reference to sanctions in joint Chinese-Russian statements since 2024.",
     "asserted"),
    # the statements themselves are what is missing
    ("Analysts noted the absence of joint Chinese-Russian statements since 2024.", "negated"),
])
def test_absence_negates_what_is_missing_not_where(text: str, modality: str) -> None:
    assert the_event(text, "AGREE", published="2026-06-12").modality == modality


@pytest.mark.parametrize("text, source", [
    ("Russian media reported that Putin was hosted at Xi Jinping's official residence in Beijing.",
     ["person:xi-jinping"]),
    ("Putin was received at the Great Hall of the People.", []),  # nobody owns the venue in the text
])
def test_the_owner_of_the_venue_hosts_a_passive_visit(text: str, source: list[str]) -> None:
    events = process_text(text, published="2025-09-05").events
    (visit,) = [e for e in events if e.type == "CONSULT"]
    assert (visit.source, visit.target) == (source, ["person:vladimir-putin"])


@pytest.mark.parametrize("text, source", [
    ("The visit shows China's commitment to strengthening cooperation with North Korea.", ["CHN"]),
    ("The visit shows a commitment to strengthening cooperation with North Korea.", []),  # nobody holds it
])
def test_the_holder_of_a_commitment_acts_in_its_complement(text: str, source: list[str]) -> None:
    events = process_text(text, published="2026-06-12").events
    (coop,) = [e for e in events if e.type == "COOPERATE"]
    assert (coop.source, coop.target) == (source, ["PRK"])


@pytest.mark.parametrize("text, source", [
    ("Demonstrators in Baghdad blocked a highway to protest against American policy.", ["IRQ"]),
    ("Officials in Nairobi criticized Uganda on Tuesday.", ["KEN"]),
    # a nationality before the noun says more than where the group is
    ("Chinese officials in Nairobi criticized Uganda on Tuesday.", ["CHN"]),
    # troops are often abroad: where they are is not whose they are
    ("Troops in Mali arrested a Nigerien journalist.", []),
])
def test_a_local_group_acts_for_the_state_it_is_in(text: str, source: list[str]) -> None:
    events = process_text(text, published="2026-03-10").events
    sources = [e.source for e in events if e.type in ("PROTEST", "ACCUSE", "COERCE")]
    if source:
        assert source in sources
    else:
        assert all(s == [] for s in sources)


@pytest.mark.parametrize("text, events_wanted", [
    ("Protesters in Santiago threw rocks at Argentine diplomats on Friday.", 1),
    ("The pitcher threw the ball at the Argentine batter.", 0),  # no stones, bottles or bricks
])
def test_throwing_stones_is_a_violent_protest(text: str, events_wanted: int) -> None:
    events = process_text(text, published="2026-03-10").events
    riots = [e for e in events if e.type == "PROTEST" and e.mode == "riot"]
    assert len(riots) == events_wanted
    for e in riots:
        assert (e.source, e.target) == (["CHL"], ["ARG"])


@pytest.mark.parametrize("text, etype, target", [
    ("Kenya imposed a curfew in Mombasa on Monday.", "COERCE", ["KEN"]),
    ("Israeli jets bombed targets in Gaza on Tuesday.", "ASSAULT", ["PSE"]),
    ("Serbia lifted the night curfew in Podgorica on Sunday.", "RETREAT", ["MNE"]),
    # where a protest happens is not whom it is against
    ("Kenyan farmers protested in Mombasa on Monday.", "PROTEST", []),
])
def test_force_falls_on_the_state_where_it_is_used(text: str, etype: str, target: list[str]) -> None:
    assert the_event(text, etype).target == target


@pytest.mark.parametrize("text, modality", [
    ("The resumption of talks between Seoul and Tokyo remains a possibility.", "hypothetical"),
    ("A new round of talks between Seoul and Tokyo seems unlikely this year.", "hypothetical"),
    # a copula with nothing of possibility said: the talks happened
    ("Talks between Seoul and Tokyo remained tense on Monday.", "asserted"),
])
def test_what_a_copula_says_of_an_event_sets_its_modality(text: str, modality: str) -> None:
    assert the_event(text, "CONSULT").modality == modality


@pytest.mark.parametrize("text, etype, count", [
    # a situation that threatens is no threat
    ("Analysts said that China's cooperation with North Korea directly threatens European security.", "THREATEN", 0),
    ("Russia threatened Ukraine with new strikes on Monday.", "THREATEN", 1),
    # a time is no prepositional argument
    ("Qatar's emir launched a mediation effort on Saturday between the Emirates and Saudi Arabia.", "ASSAULT", 0),
    ("North Korean troops fired on South Korean guard posts on Tuesday.", "ASSAULT", 1),
])
def test_what_is_no_act(text: str, etype: str, count: int) -> None:
    assert len(of_type(process_text(text, published="2026-03-10").events, etype)) == count


@pytest.mark.parametrize("text, modality", [
    ("The alliance strengthens North Korea's position, enabling it to exert pressure on Russia.", "hypothetical"),
    ("North Korea exerted pressure on Russia in May.", "asserted"),
])
def test_an_ability_given_is_no_act(text: str, modality: str) -> None:
    assert the_event(text, "COERCE").modality == modality


@pytest.mark.parametrize("text, etype, modality", [
    # the parser hangs the infinitive as an adverbial clause; it is still what was sworn or offered
    ("Ethnic Albanians have sworn to fight until they gain control of the villages.", "ASSAULT", "future"),
    ("Syria has again offered its troops to Lebanon's president to help him oust the general.", "AID", "future"),
    ("China sent troops to Mali to help the government fight rebels.", "AID", "asserted"),
])
def test_an_infinitive_under_a_commissive_is_its_content(text: str, etype: str, modality: str) -> None:
    events = of_type(process_text(text, published="2026-03-10").events, etype)
    assert modality in {e.modality for e in events}
    assert all(e.modality == modality for e in events if e.trigger in ("fight", "help"))


@pytest.mark.parametrize("text, etype", [
    ("Japan denied visas to Chinese officials on Monday.", "SANCTION"),
    ("Russia denied the accusations made by Ukraine.", "REJECT"),
])
def test_denying_entry_is_a_sanction(text: str, etype: str) -> None:
    events = process_text(text, published="2026-03-10").events
    assert [e.type for e in events] == [etype]


@pytest.mark.parametrize("text, etype, source, target", [
    # "is opposed to": the subject's stance, not something done to it
    ("Brazil is opposed to French mediation in the border dispute.", "REJECT", ["BRA"], ["FRA"]),
    ("The plan was opposed by Germany.", "REJECT", ["DEU"], []),
    # welcoming someone's act is approval of it, aimed at its owner; welcoming a guest is hosting
    ("Japan welcomed French mediation between the two Koreas.", "SUPPORT", ["JPN"], ["FRA"]),
    ("Germany recognised Kosovo's independence in 2008.", "SUPPORT", ["DEU"], ["XKX"]),
])
def test_stances_towards_acts(text: str, etype: str, source: list[str], target: list[str]) -> None:
    event = the_event(text, etype)
    assert (event.source, event.target) == (source, target)


def test_an_opposed_act_is_not_happening() -> None:
    assert the_event("Brazil is opposed to French mediation in the border dispute.", "CONSULT").modality == "negated"
