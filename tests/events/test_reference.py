"""Reference: what a noun phrase names when it is not an actor itself (relations, local groups, commentators).

One written sentence (or short story) per construction.  Actors come from the
small gazetteer of tests/events/helpers.py; tests that need the time stage run
the whole pipeline (``process_text``).
"""

from __future__ import annotations

import pytest

from detente.events import EventStage
from detente.model import Actor, ActorMention
from detente.pipeline import process_text
from tests.events.helpers import find, make_ctx, run


def test_relational_noun_is_not_its_possessor(stage: EventStage) -> None:
    # "Russia's allies" are not Russia: the request has no addressee the text names
    assert not [e for e in run(stage, "Ukraine urged Russia's allies to stop.") if "rus" in e.target]
    assert find(run(stage, "Ukraine urged Russia to stop."), "REQUEST").target == ["rus"]


def test_commentators_do_not_threaten(stage: EventStage) -> None:
    text = "Analysts warned that Russia could attack Japan. Russia warned Japan."
    ctx = make_ctx(text)
    ctx.actors["group:analysts"] = Actor(id="group:analysts", name="analysts", kind="group")
    ctx.actor_mentions.append(ActorMention(actor="group:analysts", document="t", start=0, end=8, text="Analysts"))
    ctx.index_mentions()
    stage(ctx)
    threats = [e for e in ctx.events if e.type == "THREATEN"]
    assert [(e.source, e.target) for e in threats] == [(["rus"], ["jpn"])]


@pytest.mark.parametrize("text, source", [
    ("Demonstrators in Baghdad blocked a highway to protest against American policy.", ["IRQ"]),
    ("Farmers throughout Peru staged demonstrations on Saturday.", ["PER"]),
    ("Protesters across Iran staged rallies on Saturday.", ["IRN"]),
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


def test_coordinated_modifiers_name_every_actor() -> None:
    # "Peru and Chile officials": both states, not only the nearest
    (e,) = [x for x in process_text("Last week, Peru and Chile officials met in Lima.", published="2026-03-10").events
            if x.type == "CONSULT"]
    assert sorted([*e.source, *e.target]) == ["CHL", "PER"]


@pytest.mark.parametrize(
    ("noun", "found"),
    [
        ("The military", True),     # a bare state institution is the story's state
        ("Authorities", True),
        ("A foreign government", False),  # indefinite, and said to be foreign
        ("Governments", False),      # generic plural
    ],
)
def test_bare_national_body_is_the_home_state(noun: str, found: bool) -> None:
    story = f"Peru's president spoke on Monday. Peru rejected the offer. Peru said so. {noun} deported two Bolivian activists to Bolivia."
    coerce = [e for e in process_text(story, published="2026-03-10").events if e.type == "COERCE"]
    assert (coerce[0].source == ["PER"]) if found else not [e for e in coerce if e.source == ["PER"]]
