"""States, organisations and speakers referred to without a name (rules 8-10 of docs/actors.md).

Every sentence here was written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.actors import make_stage
from detente.model import ActorMention, Document, Extraction
from detente.pipeline import _default_pipeline
from detente.settings import Settings
from detente.stage import DocContext

Run = Callable[..., Extraction]


def mention(ex: Extraction, surface: str, nth: int = 0) -> ActorMention | None:
    found = [m for m in sorted(ex.actor_mentions, key=lambda m: m.start) if m.text == surface]
    return found[nth] if len(found) > nth else None


def resolved(ex: Extraction, surface: str, nth: int = 0) -> str | None:
    m = mention(ex, surface, nth)
    return m.actor if m else None


@pytest.mark.parametrize("text,surface,nth,expected", [
    # the subject of the reporting clause
    ("Japan said it would extend the fishing ban until May.", "it", 0, "JPN"),
    ("Ottawa said it had no plans to reopen the consulate.", "it", 0, "CAN"),
    # a state's government stands for the state
    ("Mexico's foreign ministry said it regretted the decision.", "it", 0, "MEX"),
    ("The Italian government said it would not send ships.", "it", 0, "ITA"),
    # an organisation, and a chain of pronouns across sentences
    ("NATO held talks on Monday. It said the drills were routine.", "It", 0, "org:nato"),
    ("Kenya expelled two diplomats. It said they had broken the law. It also recalled its envoy.", "It", 1, "KEN"),
    # never a person, even when a person is closer
    ("\"If Brazil objected, it could block the deal,\" said Marta Nowicka, a trade analyst.", "it", 0, "BRA"),
    # the possessive of a coordinated phrase, and the local subject of an infinitive
    ("Australia and its partners rejected the plan.", "its", 0, "AUS"),
    ("Chile asked Peru to publish its draft.", "its", 0, "PER"),
    # inside a relative clause on the state
    ("Officials praised Ghana, which has grown faster since it reformed the tax code.", "it", 0, "GHA"),
])
def test_it_and_its_name_the_salient_state_or_organisation(run: Run, text: str, surface: str, nth: int, expected: str) -> None:
    assert resolved(run(text), surface, nth) == expected


@pytest.mark.parametrize("text,surface", [
    ("It is unclear whether Chile will attend the summit.", "It"),
    ("Norway welcomed the talks. It was a long meeting.", "It"),
    ("Officials in Oslo made it clear that Norway would not attend.", "it"),
    ("Sweden signed the treaty in March. It takes effect next year.", "It"),
    ("It was reported that Denmark had closed the embassy.", "It"),
    ("Laura Chen, a professor at a university in Lyon, said it was too early to judge.", "it"),
])
def test_non_referential_it_or_a_thing_stays_unresolved(run: Run, text: str, surface: str) -> None:
    assert resolved(run(text), surface) is None


@pytest.mark.parametrize("text,surface,expected", [
    ("Swedish officials said they would respond within days.", "they", "SWE"),
    ("Analysts said they expected more sanctions.", "they", "group:analysts"),
    ("Britain, France and Germany said they would trigger the mechanism.", "they", None),
    ("The ministers met twice. They agreed on nothing.", "They", None),
])
def test_they_names_one_group_or_nobody(run: Run, text: str, surface: str, expected: str | None) -> None:
    assert resolved(run(text), surface) == expected


@pytest.mark.parametrize("text,surface,expected", [
    ("NATO defence ministers met in Brussels. The alliance agreed to expand air patrols.", "alliance", "org:nato"),
    ("The IAEA sent inspectors, and the agency said access was limited.", "agency", "org:iaea"),
    ("ASEAN met in May. Later the EU held a summit, and the bloc adopted new tariffs.", "bloc", "org:eu"),
    ("South Korea's spy agency said the launch failed.", "spy agency", "org:kor-nis"),
    ("KCNA carried the speech. The agency said the drills would continue.", "agency", "org:kcna"),
])
def test_descriptions_name_the_latest_organisation_of_that_type(run: Run, text: str, surface: str, expected: str) -> None:
    m = mention(run(text), surface)
    assert m is not None and (m.actor, m.how) == (expected, "description")


@pytest.mark.parametrize("text,surface", [
    ("The agency said the reactor was safe.", "agency"),  # no organisation named before
    ("Spain joined the EU in 1986. A new agency will oversee ports.", "agency"),  # indefinite
    ("NATO met on Monday. The alliance of farmers protested.", "alliance"),  # a new body
])
def test_descriptions_without_a_fitting_organisation_stay_unresolved(run: Run, text: str, surface: str) -> None:
    assert resolved(run(text), surface) is None


@pytest.mark.parametrize("text,published", [
    ("Poland summoned the Russian ambassador on Monday.", "2025-10-01"),
    ("The Russian envoy left the talks early.", "2025-10-01"),
    ("A Russian spokesperson denied the report.", "2025-10-01"),
])
def test_many_holder_offices_never_pick_a_base_person(run: Run, text: str, published: str) -> None:
    ex = run(text, published)
    assert not [a.id for a in ex.actors if a.kind == "person"]
    assert [m.actor for m in ex.actor_mentions if m.how == "title"] in ([], ["RUS"])


def test_ambassador_title_names_the_state() -> None:
    ex = _process("Poland summoned the Russian ambassador on Monday.")
    assert resolved(ex, "ambassador") == "RUS"


def test_named_ambassador_is_kept_for_the_title() -> None:
    ex = _process("Russian Ambassador Ivan Petrov arrived on Monday. Later the Russian ambassador met reporters.")
    assert resolved(ex, "Russian ambassador") == "person:ivan-petrov"


def test_unique_office_still_resolves_to_its_holder(run: Run) -> None:
    assert resolved(run("The Russian president spoke on Friday.", "2025-10-01"), "Russian president") == "person:vladimir-putin"


def _process(text: str, source: str | None = None, published: str | None = "2025-10-01") -> Extraction:
    pipe = _default_pipeline(None)
    doc = Document(id="t", text=text, published=published, published_basis="metadata", source=source)
    return next(iter(pipe.process([doc])))


@pytest.mark.parametrize("text,surface,expected", [
    ("\"I doubt Lisbon will agree,\" said Tomas Berg, an analyst at a bank in Oslo.", "I", "person:tomas-berg"),
    # a quote continued after its attribution keeps the speaker
    ("\"The talks failed,\" said Tomas Berg. \"I expect more delays.\"", "I", "person:tomas-berg"),
    ("Tomas Berg said: \"My view has not changed.\"", "My", "person:tomas-berg"),
    ("\"We will respond,\" the Indian foreign ministry said.", "We", "IND"),
    # a person's "we" is not the person; a quote without a speaker names nobody
    ("\"We will respond,\" said Tomas Berg.", "We", None),
    ("\"I was there,\" the caption read.", "I", None),
])
def test_first_person_inside_a_quote_is_its_speaker(text: str, surface: str, expected: str | None) -> None:
    assert resolved(_process(text), surface) == expected


def test_our_in_the_outlets_own_voice_is_the_publisher() -> None:
    ex = _process("In our view, Hungary will veto the package.", source="Danube Policy Monitor")
    assert resolved(ex, "our") == "org:danube-policy-monitor"
    assert next(a for a in ex.actors if a.id == "org:danube-policy-monitor").kind == "organization"


def test_our_without_a_known_publisher_stays_unresolved() -> None:
    assert resolved(_process("In our view, Hungary will veto the package."), "our") is None


@pytest.mark.parametrize("text,surface,expected", [
    # an honorific gives the gender, so "she" skips the man
    ("Mr Carlos Silva met Ms Ana Lopes on Monday. She said the talks went well.", "She", "person:ana-lopes"),
    # a gendered apposition
    ("Ana Lopes, a spokeswoman for the bank, met Carlos Silva. He said the talks went well.", "He", "person:carlos-silva"),
    # a "she" that could only mean one person fixes her gender for later pronouns
    ("Ana Lopes arrived first. She spoke briefly. Carlos Silva followed, and then he left.", "he", "person:carlos-silva"),
])
def test_new_people_get_the_gender_the_text_shows(run: Run, text: str, surface: str, expected: str) -> None:
    assert resolved(run(text), surface) == expected


def test_he_and_she_never_name_a_state(run: Run) -> None:
    ex = run("Austria said he was welcome.")
    assert resolved(ex, "he") is None


def test_stage_runs_on_a_document_without_pronouns() -> None:
    pipe = _default_pipeline(None)
    text = "Fiji and Tonga met in Suva."
    ctx = DocContext(document=Document(id="d", text=text), doc=pipe.nlp(text), published=None)
    make_stage(Settings())(ctx)
    assert {m.actor for m in ctx.actor_mentions} >= {"FJI", "TON"}


def test_an_adjective_the_name_lacks_names_another_body() -> None:
    """ "the separatist group" after the "Special Services Group" is not that unit."""
    from detente.pipeline import process_text

    x = process_text("Pakistan's elite Special Services Group commandos freed the hostages. "
                     "The separatist group accused Pakistan of abuses.", published="2025-03-12")
    later = [m for m in x.actor_mentions if m.start > 60]
    assert all(m.actor != "org:special-services-group" for m in later)
