"""One test per construction and per modality, on sentences written for these tests.

Actors come from a small gazetteer (tests/events/helpers.py), so these tests
exercise the events stage alone.
"""

from __future__ import annotations

import pytest
from helpers import make_ctx

from detente.events import EventStage
from detente.model import Event


def run(stage: EventStage, text: str) -> list[Event]:
    ctx = make_ctx(text)
    stage(ctx)
    return ctx.events


def find(events: list[Event], etype: str) -> Event:
    hits = [e for e in events if e.type == etype]
    assert hits, f"no {etype} in {[(e.type, e.trigger) for e in events]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "etype", "source", "target", "mode"),
    [
        # verbal events
        ("Putin met Xi in Moscow on Monday.", "CONSULT", ["putin"], ["xi"], "meeting"),
        ("Russia invaded Ukraine.", "ASSAULT", ["rus"], ["ukr"], "military"),
        ("Japan condemned North Korea over the launch.", "ACCUSE", ["jpn"], ["prk"], "disapprove"),
        ("Iran rejected the demands of the United States.", "REJECT", ["irn"], ["usa"], None),
        ("Washington urged Seoul to stay calm.", "REQUEST", ["usa"], ["kor"], None),
        # light verbs
        ("Xi held talks with Kim.", "CONSULT", ["xi"], ["kim"], "meeting"),
        ("Trump paid a visit to Japan.", "CONSULT", ["trump"], ["jpn"], "visit"),
        ("The European Union imposed sanctions on Russia.", "SANCTION", ["eu"], ["rus"], None),
        # verb + object
        ("Japan and South Korea signed a pact.", "AGREE", ["jpn"], ["kor"], "diplomatic"),
        # passive: the agent is the source, the subject the target
        ("Putin was received by Kim.", "CONSULT", ["kim"], ["putin"], "host"),
        ("Ukraine was attacked by Russia.", "ASSAULT", ["rus"], ["ukr"], "military"),
        # coordination
        ("Xi met Kim and Putin.", "CONSULT", ["xi"], ["kim", "putin"], "meeting"),
        # nominal events
        ("Xi's visit to North Korea lasted two days.", "CONSULT", ["xi"], ["prk"], "visit"),
        ("The summit between Xi and Kim ended.", "CONSULT", ["xi"], ["kim"], "meeting"),
        ("China's support for Russia worries Europe.", "SUPPORT", ["chn"], ["rus"], "diplomatic"),
        # control: the subject of "vowed" supports; the object of "urged" acts
        ("Kim vowed to support Russia.", "SUPPORT", ["kim"], ["rus"], "diplomatic"),
    ],
)
def test_arguments(stage: EventStage, text: str, etype: str, source: list[str], target: list[str], mode: str | None) -> None:
    e = find(run(stage, text), etype)
    assert e.source == source
    assert e.target == target
    assert e.mode == mode


def test_coordinated_subjects_of_a_joint_act(stage: EventStage) -> None:
    # every coordinated actor is kept; a joint act reads first-named -> the others
    e = find(run(stage, "Xi, Kim and Putin attended the ceremony."), "CONSULT")
    assert (e.source, e.target) == (["xi"], ["kim", "putin"])
    e = find(run(stage, "Russia and North Korea denied the reports."), "REJECT")
    assert (e.source, e.target) == (["rus", "prk"], [])


def test_event_in_time_adjunct_is_presupposed(stage: EventStage) -> None:
    events = run(stage, "No agreements were signed by Russia during Xi's visit to Russia.")
    assert find(events, "CONSULT").modality == "asserted"
    assert find(events, "AGREE").modality == "negated"


def test_sub_headings_are_skipped(stage: EventStage) -> None:
    events = run(stage, "Xi met Kim on Monday.\nJapan Warns of Risks\nJapan criticised Russia.")
    assert sorted(e.type for e in events) == ["ACCUSE", "CONSULT"]


@pytest.mark.parametrize(
    "text",
    [
        "The visit demonstrated China's commitment.",  # "demonstrate" = show, not a protest
        "The estimates yielded 60 warheads.",  # "yield" = produce, not concede
    ],
)
def test_other_senses_are_not_events(stage: EventStage, text: str) -> None:
    assert not [e for e in run(stage, text) if e.type in ("PROTEST", "CONCEDE")]


def test_ids_offsets_and_evidence(stage: EventStage) -> None:
    text = "Analysts were surprised. Xi held talks with Kim."
    ctx = make_ctx(text, doc_id="d1")
    stage(ctx)
    e = find(ctx.events, "CONSULT")
    m = e.mentions[0]
    assert (m.document, text[m.start : m.end], m.text) == ("d1", "Xi held talks with Kim.", "Xi held talks with Kim.")
    assert e.trigger == "held talks"
    assert e.id.startswith("ev_") and e.quad_class == 1 and 0 < e.confidence <= 1
    ctx2 = make_ctx(text, doc_id="d1")
    stage(ctx2)
    assert [x.id for x in ctx2.events] == [x.id for x in ctx.events]


def test_location_from_in_phrase(stage: EventStage) -> None:
    e = find(run(stage, "Xi met Kim in Beijing."), "CONSULT")
    assert e.location is not None and e.location.name == "Beijing"


@pytest.mark.parametrize(
    ("text", "etype", "modality"),
    [
        # asserted, including reported speech and REJECT itself
        ("Kim visited Russia last year.", "CONSULT", "asserted"),
        ("KCNA said Kim met Putin.", "CONSULT", "asserted"),
        ("Iran refused to meet the United States.", "REJECT", "asserted"),
        ("Kim pledged to support Russia.", "SUPPORT", "asserted"),
        # negated
        ("Iran refused to meet the United States.", "CONSULT", "negated"),
        ("Kim did not visit China.", "CONSULT", "negated"),
        ("Russia has never attacked Japan.", "ASSAULT", "negated"),
        ("No agreements were signed by China and Russia.", "AGREE", "negated"),
        ("Japan failed to meet China.", "CONSULT", "negated"),
        # hypothetical
        ("North Korea might attack South Korea.", "ASSAULT", "hypothetical"),
        ("A war could prompt Russia to attack Japan.", "ASSAULT", "hypothetical"),
        ("If China attacked Japan, the United States would respond.", "ASSAULT", "hypothetical"),
        ("The possibility of talks between Japan and China remains.", "CONSULT", "hypothetical"),
        ("Russia said it would reconsider its refusal to aid Iran.", "AID", "hypothetical"),
        # future / intended
        ("Xi will visit Seoul next month.", "CONSULT", "future"),
        ("China plans to impose sanctions on Japan.", "SANCTION", "future"),
        ("Russia is expected to attack Ukraine.", "ASSAULT", "future"),
        ("China said it would help North Korea.", "AID", "future"),
        ("Russia agreed to meet Japan.", "CONSULT", "future"),
        # prescriptive
        ("Europe should back sanctions against China.", "SUPPORT", "prescriptive"),
        ("Japan must condemn Russia.", "ACCUSE", "prescriptive"),
        ("Washington demanded that Beijing withdraw from Japan.", "RETREAT", "prescriptive"),
    ],
)
def test_modality(stage: EventStage, text: str, etype: str, modality: str) -> None:
    assert find(run(stage, text), etype).modality == modality


def test_own_clause_keeps_its_modality(stage: EventStage) -> None:
    # the negation of the first clause does not leak into the coordinated one
    events = run(stage, "Russia said it did not accept the plan and would continue its cooperation with Iran.")
    assert find(events, "COOPERATE").modality == "future"


@pytest.mark.parametrize(
    ("text", "attribution"),
    [
        ("Kim met Putin, according to KCNA.", "kcna"),
        ("According to Xinhua, Xi met Kim.", "xinhua"),
        ("Yonhap reported that Kim met Putin.", "yonhap"),
    ],
)
def test_attribution(stage: EventStage, text: str, attribution: str) -> None:
    assert find(run(stage, text), "CONSULT").attribution == attribution


def test_headline_is_not_evidence(stage: EventStage) -> None:
    events = run(stage, "Xi meets Kim in Beijing\nXi met Kim on Thursday.")
    assert len([e for e in events if e.type == "CONSULT"]) == 1
    assert events[0].mentions[0].text == "Xi met Kim on Thursday."


@pytest.mark.parametrize(
    "text",
    [
        "The talks lasted two hours.",  # no actor: no event
        "China urged restraint.",  # a REQUEST needs an addressee
        "Trade with China grew.",  # structure, not an event
    ],
)
def test_no_event(stage: EventStage, text: str) -> None:
    assert run(stage, text) == []


# --------------------------------------------------------------- issue #6 quality pass
def _pairs(events: list[Event], etype: str) -> list[tuple[list[str], list[str], str]]:
    return [(e.source, e.target, e.modality) for e in events if e.type == etype]


@pytest.mark.parametrize(
    ("text", "etype", "source", "target"),
    [
        # a counted plural refers back to the pair / group named before
        ("Xi held talks with Kim on Monday. The two men later signed a treaty.", "AGREE", ["xi"], ["kim"]),
        ("Russia and Japan met in May. Both sides will withdraw troops.", "RETREAT", ["rus", "jpn"], []),
        # "they" in a coordinated clause is the first clause's subject
        ("Japan should condemn Iran, and they should work with Ukraine.", "COOPERATE", ["jpn"], ["ukr"]),
        # "they" right after a named group
        ("Russia, China and Iran met in Moscow. They urged Japan to leave.", "REQUEST", ["rus", "chn", "iran"][:2] + ["irn"], ["jpn"]),
        # "it" is a state, not the analyst who speaks
        ("\"If China objected, it could impose sanctions on Russia,\" said Ms Weber.", "SANCTION", ["chn"], ["rus"]),
        # the object of a relative clause is its antecedent: "the alliance that X signed"
        ("The alliance that Russia and North Korea signed last year worries Japan.", "AGREE", ["rus"], ["prk"]),
        # a visit's object names the place visited, whose state is the target
        ("Putin visited Pyongyang in June.", "CONSULT", ["putin"], ["prk"]),
        # purchases through a measure noun
        ("China will buy 12 million tonnes of US soybeans.", "COOPERATE", ["chn"], ["usa"]),
        # withdrawing from a treaty rejects it
        ("Russia withdrew from the treaty with the United States.", "REJECT", ["rus"], ["usa"]),
        # attending an event abroad is a visit to its host
        ("Putin attended the summit in Beijing.", "CONSULT", ["putin"], ["chn"]),
        ("Japan will work with South Korea on defence.", "COOPERATE", ["jpn"], ["kor"]),
        ("Seoul was briefed by Washington on the talks.", "CONSULT", ["usa"], ["kor"]),
        # the intransitive theme: "flights between X and Y resumed"
        ("Flights between China and North Korea resumed on Monday.", "COOPERATE", ["chn"], ["prk"]),
        ("Border clashes between Russia and Ukraine killed ten people.", "ASSAULT", ["rus"], ["ukr"]),
        # a purpose clause names the beneficiary: "sent troops to fight for X"
        ("North Korea sent troops to fight for Russia.", "AID", ["prk"], ["rus"]),
    ],
)
def test_quality_pass_arguments(stage: EventStage, text: str, etype: str, source: list[str], target: list[str]) -> None:
    e = find(run(stage, text), etype)
    assert (sorted(e.source), sorted(e.target)) == (sorted(source), sorted(target))


def test_joint_act_without_actors_is_the_latest_meeting(stage: EventStage) -> None:
    events = run(stage, "Xi held talks with Kim on Monday. Leaders of ten states attended the parade. No agreements were signed.")
    assert _pairs(events, "AGREE") == [(["xi"], ["kim"], "negated")]
    # someone else named as the subject is not the pair
    assert not [e for e in events if e.type == "CONSULT" and e.trigger == "attended"]


def test_hosted_event_takes_its_place(stage: EventStage) -> None:
    events = run(stage, "Kim met Putin in Beijing on Monday. Both stood at a parade. Others attended the parade.")
    mob = [e for e in events if e.type == "MOBILIZE"]
    assert [(e.source, e.trigger) for e in mob] == [(["chn"], "parade")]  # the second "the parade" is the same one
    events = run(stage, "Li attended the parade in Pyongyang.")
    assert find(events, "MOBILIZE").source == ["prk"]


def test_joint_only_entry_needs_two_participants(stage: EventStage) -> None:
    assert not [e for e in run(stage, "Trump talked about China.") if e.type == "CONSULT"]
    assert find(run(stage, "Trump and Xi talked for an hour."), "CONSULT").target == ["xi"]


def test_relational_noun_is_not_its_possessor(stage: EventStage) -> None:
    # "Russia's allies" are not Russia: the request has no addressee the text names
    assert not [e for e in run(stage, "Ukraine urged Russia's allies to stop.") if "rus" in e.target]
    assert find(run(stage, "Ukraine urged Russia to stop."), "REQUEST").target == ["rus"]


@pytest.mark.parametrize(
    ("text", "etype", "value"),
    [
        # a "when" clause shares its governor's time
        ("The rift began last September, when Kim Jong Un travelled to Beijing.", "CONSULT", "2025-09"),
        # a relative clause shares the time of the noun phrase it hangs from
        ("Japan noted a visit to Seoul in April by Xi, who held talks with Lee Jae-myung.", "CONSULT", "2026-04"),
    ],
)
def test_dates_from_governing_phrase(stage: EventStage, text: str, etype: str, value: str) -> None:
    from detente.pipeline import process_text

    ex = process_text(text, published="2026-05-29")
    hits = [e for e in ex.events if e.type == etype and e.trigger in ("travelled", "held talks")]
    assert hits and hits[0].date.value == value


@pytest.mark.parametrize(
    ("text", "etype", "source", "target"),
    [
        # "since X and Y signed": the parser's preposition reading of "since" repaired
        ("Ties have grown since Russia and North Korea signed a treaty in June.", "AGREE", ["rus"], ["prk"]),
        # denying a charge answers the accuser; rejecting reports answers the reporter
        ("The United States accused Iran of arming Russia. Both Moscow and Iran deny the charge.", "REJECT", ["rus", "irn"], ["usa"]),
        ("Yonhap reported that Kim met Putin. Russia rejected the reports.", "REJECT", ["rus"], ["yonhap"]),
        # a demand coordinated with an act on an addressee goes to that addressee
        ("Japan summoned the Russian ambassador and demanded the withdrawal of North Korean troops.", "REQUEST", ["jpn"], ["rus"]),
        # "X euros in military support that Y has budgeted for Z": a measure and a relative object
        ("Japan spent 11 billion euros in military support that Tokyo has budgeted for Ukraine.", "AID", [], ["ukr"]),
        # the intention noun's owner: "X had no plans to withdraw from the treaty"
        ("Iran had no plans to withdraw from the treaty.", "REJECT", ["irn"], []),
        ("Kim inspected a new destroyer on Monday.", "MOBILIZE", ["kim"], []),
        # a route's destination names the partner: "a flight to Pyongyang"
        ("China will restart its weekly flight to Pyongyang.", "COOPERATE", ["chn"], ["prk"]),
    ],
)
def test_quality_pass_arguments_2(stage: EventStage, text: str, etype: str, source: list[str], target: list[str]) -> None:
    e = find(run(stage, text), etype)
    if source:
        assert sorted(e.source) == sorted(source)
    assert sorted(e.target) == sorted(target)


@pytest.mark.parametrize(
    ("text", "etype", "modality"),
    [
        ("Iran had no plans to withdraw from the treaty.", "REJECT", "negated"),
        ("Japan has budgeted aid for Ukraine in 2026.", "AID", "future"),  # budgeting plans the aid
        ("Japan delivered aid to Ukraine in 2026.", "AID", "asserted"),
    ],
)
def test_quality_pass_modality(stage: EventStage, text: str, etype: str, modality: str) -> None:
    assert find(run(stage, text), etype).modality == modality


def test_same_act_told_again_is_one_event(stage: EventStage) -> None:
    text = "Russia and North Korea signed a treaty in June. Kim called it the best treaty the two countries had signed."
    assert len([e for e in run(stage, text) if e.type == "AGREE"]) == 1
