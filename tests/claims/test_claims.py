"""Claims: quotes and their speakers, assessments, statements, stances."""

from __future__ import annotations

import pytest

from detente.claims import find_quotes
from detente.model import Claim
from tests.claims.helpers import Run


def _quotes(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.kind == "quote"]


def _name(names: dict[str, str], actor: str | None) -> str | None:
    return names.get(actor, actor) if actor else None


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("“We will respond,” he said.", ["We will respond"]),
        ('"We will respond," he said.', ["We will respond"]),
        ('He said: "No." Then "Yes."', ["No", "Yes"]),
        ("No quotes at all here.", []),
        # straight opening, curly closing (and the reverse) in one text
        ('"Prices will fall soon,” the minister said. “Not yet," she replied.',
         ["Prices will fall soon", "Not yet"]),
        # an odd number of straight marks earlier in the line does not flip the later pairs
        ('He called it "a gift. Then "We are ready," said Kim. "Talks failed," said Lee.',
         ["a gift. Then", "We are ready", "Talks failed"]),
        # a running quote with no closing mark ends where the next quote opens
        ("“The port is closed. Ships wait offshore. “Nobody knows when,” he said.",
         ["The port is closed. Ships wait offshore", "Nobody knows when"]),
    ],
)
def test_find_quotes(text: str, quoted: list[str]) -> None:
    assert [text[a:b] for a, b in find_quotes(text)] == quoted


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # “…,” X said
        ("“Our friendship will never weaken in any storm,” Xi Jinping said on Friday.",
         "Our friendship will never weaken in any storm", "Xi Jinping"),
        # said X, straight quotes
        ('"Sanctions have failed to change anything in Pyongyang," said Vladimir Putin.',
         "Sanctions have failed to change anything in Pyongyang", "Vladimir Putin"),
        # X said, “…”
        ("Kim Jong Un said, “Our army stands ready for any provocation.”",
         "Our army stands ready for any provocation", "Kim Jong Un"),
        # a participle: the speaker is the subject of the governing verb
        ("Kim Jong Un praised the troops, declaring, “Victory belongs to our people.”",
         "Victory belongs to our people", "Kim Jong Un"),
        # a partial quote inside reported speech
        ("Donald Trump said the talks were “very productive” and left for Tokyo.",
         "very productive", "Donald Trump"),
    ],
)
def test_quote_speakers(run: Run, text: str, quote: str, speaker: str) -> None:
    claims, names = run(text)
    (c,) = [c for c in _quotes(claims) if c.text == quote]
    assert _name(names, c.speaker) == speaker
    m = c.mentions[0]
    assert text[m.start:m.end] == quote


def test_according_to_broadcaster(run: Run) -> None:
    text = "“The two armies must train together more often,” Xi Jinping told Kim Jong Un, according to CCTV."
    claims, names = run(text)
    (c,) = _quotes(claims)
    assert _name(names, c.speaker) == "Xi Jinping"
    assert _name(names, c.attribution) in ("CCTV", "China Central Television")


def test_split_quote_is_one_claim(run: Run) -> None:
    text = ("“We do not seek confrontation,” Wang Yi said. “But we will defend our sovereignty "
            "without hesitation.”")
    claims, names = run(text)
    (c,) = _quotes(claims)
    assert len(c.mentions) == 2
    assert _name(names, c.speaker) == "Wang Yi"
    assert c.mentions[1].text.startswith("But we will defend")


def test_standalone_quote_takes_previous_speaker(run: Run) -> None:
    text = ("Edward Howell, a lecturer at the University of Oxford, said Beijing was uneasy about the pact. "
            "“It will not say so in public, but it is worried.”")
    claims, names = run(text)
    (q,) = _quotes(claims)
    assert _name(names, q.speaker) == "Edward Howell"


def test_scare_quotes_are_not_claims(run: Run) -> None:
    claims, _ = run('The bloc added 80 ships of Moscow\'s "shadow fleet" to its list.')
    assert _quotes(claims) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Analysts see the summit as a quiet acceptance of Pyongyang's arsenal.",
         "a quiet acceptance of Pyongyang's arsenal"),
        ("Experts say Beijing will keep its leverage over Pyongyang.", "Beijing will keep its leverage over Pyongyang"),
        ("Edward Howell, a politics lecturer, noted that Beijing's patience with Moscow is thin.",
         "Beijing's patience with Moscow is thin"),
    ],
)
def test_assessments(run: Run, text: str, content: str) -> None:
    claims, _ = run(text)
    found = [c for c in claims if c.kind == "assessment"]
    assert len(found) == 1
    assert content in found[0].text


def test_assessment_about_actors(run: Run) -> None:
    claims, names = run("Experts say Beijing will keep its leverage over Pyongyang.")
    (c,) = [c for c in claims if c.kind == "assessment"]
    assert {names[a] for a in c.about} >= {"China", "North Korea"}


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        ("China's official statement did not mention denuclearization.", "China"),
        ("Beijing's silence on denuclearisation was striking.", "China"),
        ("Xi Jinping made no reference to denuclearisation during the visit.", "Xi Jinping"),
    ],
)
def test_silent_stance(run: Run, text: str, holder: str) -> None:
    claims, names = run(text)
    silent = [c for c in claims if c.stance == "silent"]
    assert len(silent) == 1
    c = silent[0]
    assert c.kind == "statement" and c.issue == "denuclearisation"
    assert _name(names, c.speaker) == holder


def test_mentioning_an_issue_is_not_silence(run: Run) -> None:
    claims, _ = run("China's statement mentioned denuclearisation twice.")
    assert not [c for c in claims if c.stance == "silent"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("South Korea's foreign minister said Seoul would support new sanctions on Pyongyang.", "support"),
        ("Russia's foreign ministry said Moscow rejects the new sanctions on Iran.", "oppose"),
    ],
)
def test_support_oppose(run: Run, text: str, stance: str) -> None:
    claims, _ = run(text)
    (c,) = [c for c in claims if c.issue == "sanctions"]
    assert c.stance == stance


def test_official_statement(run: Run) -> None:
    claims, names = run("China's foreign ministry said in a statement that Beijing opposes any outside interference.")
    (c,) = claims
    assert c.kind == "statement"
    assert c.speaker is not None


def test_ids_are_stable(run: Run) -> None:
    text = "“We will respond,” Kim Jong Un said."
    a, _ = run(text)
    b, _ = run(text)
    assert [c.id for c in a] == [c.id for c in b] and a[0].id.startswith("c_")
