"""A speaker's conditional or announced punitive act of their own is a threat made
(THREATEN, asserted), while the act itself stays not done (events/threats.py)."""

from __future__ import annotations

from detente.events.modality import threat_cues
from tests.events.helpers import events_of

PUBLISHED = "2026-03-10"


def _threats(text: str) -> list[tuple[list[str], list[str], str, str]]:
    return [(e.source, e.target, e.modality, e.date.value) for e in events_of(text, PUBLISHED) if e.type == "THREATEN"]


def _modalities(text: str, etype: str) -> list[str]:
    return [e.modality for e in events_of(text, PUBLISHED) if e.type == etype]


def test_a_conditional_tariff_of_ones_own_is_a_threat_and_the_tariff_stays_hypothetical() -> None:
    text = ("Japanese Prime Minister Taro Sato said on Monday that if Brazil keeps its duties, "
            "he will impose tariffs on Brazil.")
    (threat,) = _threats(text)
    assert threat[:3] == (["person:taro-sato"], ["BRA"], "asserted")
    assert threat[3] == "2026-03-09"  # when the threat was made, not when the tariffs would come
    assert _modalities(text, "SANCTION") == ["hypothetical"]


def test_a_quoted_first_person_strike_announced_is_a_threat() -> None:
    text = "\"If Argentina attacks us, we will not hesitate to strike Argentina,\" Chile's defence minister said."
    assert [(t[1], t[2]) for t in _threats(text)] == [(["ARG"], "asserted")]


def test_the_act_in_the_condition_is_no_threat() -> None:
    text = "Chile's defence minister said that if Argentina attacks Chile, the talks would end."
    assert _threats(text) == []


def test_someone_elses_guess_is_no_threat() -> None:
    assert _threats("Analysts in Paris said Russia could attack Ukraine if the talks fail.") == []
    assert _threats("Germany said Iran would impose sanctions on Iraq if it wanted to.") == []


def test_a_reported_decision_is_no_threat() -> None:
    # a reported "would" with no condition tells a measure decided, not a threat
    assert _threats("The United States said it would impose tariffs on Mexico next month.") == []


def test_a_promise_of_restraint_is_no_threat() -> None:
    assert _threats("\"We will not impose sanctions on Iran,\" the German chancellor said.") == []


def test_a_vow_of_ones_own_punishment_is_a_threat() -> None:
    assert [t[1] for t in _threats("France vowed on Monday to impose sanctions on Iran.")] == [["IRN"]]


def test_the_threatenable_acts_are_data() -> None:
    cues = threat_cues()
    assert {"SANCTION", "COERCE", "ASSAULT"} <= cues.types
    assert "THREATEN" not in cues.types and "asserted" not in cues.modalities
