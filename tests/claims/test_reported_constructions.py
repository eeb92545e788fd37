"""Reported speech beyond "X said that …": interrupting attributions and "according to" a person."""

from __future__ import annotations

from tests.claims.helpers import Run


def test_attribution_interrupting_the_clause(run: Run) -> None:
    text = "Such disputes, Antony Blinken told reporters, should be settled through talks."
    claims, names = run(text)
    (c,) = [c for c in claims if c.kind != "quote"]
    assert c.text == "should be settled through talks"
    assert names.get(c.speaker or "") == "Antony Blinken"


def test_attribution_after_a_statement_of_fact_is_not_read_as_interrupting(run: Run) -> None:
    text = "Germany will send two more air defence systems this winter, Olaf Scholz said, as part of its aid."
    claims, _ = run(text)
    assert all("as part of its aid" != c.text for c in claims)


def test_according_to_a_person_gives_their_claim(run: Run) -> None:
    text = "Farmers have stopped planting near the border for fear of shelling, according to Emmanuel Macron."
    claims, names = run(text)
    (c,) = [c for c in claims if c.kind != "quote"]
    assert c.text.startswith("Farmers have stopped planting near the border")
    assert "according" not in c.text
    assert names.get(c.speaker or "") == "Emmanuel Macron"


def test_according_to_an_agency_reports_a_fact_not_a_claim(run: Run) -> None:
    text = "The two leaders held talks at the Great Hall of the People on Friday, according to Xinhua."
    claims, _ = run(text)
    assert [c for c in claims if c.kind != "quote"] == []


def test_relative_clause_speaker_is_the_antecedent(run: Run) -> None:
    text = "The loudest critic is Emmanuel Macron, who says the new tariffs will hurt European farmers."
    claims, names = run(text)
    (c,) = [c for c in claims if c.kind != "quote"]
    assert c.text == "the new tariffs will hurt European farmers"
    assert names.get(c.speaker or "") == "Emmanuel Macron"


def test_unnamed_authorities_speak_for_the_state_last_named(run: Run) -> None:
    text = "Gunmen seized 40 pupils in northern Nigeria on Friday. Authorities said no ransom was paid for their release."
    claims, names = run(text)
    (c,) = [c for c in claims if c.kind != "quote"]
    assert c.text == "no ransom was paid for their release"
    assert names.get(c.speaker or "") == "Nigeria"


def test_officials_of_several_governments_are_not_one_state(run: Run) -> None:
    text = "Xi Jinping visited Pyongyang. No agreements were signed, officials from both governments confirmed."
    claims, _ = run(text)
    assert not [c for c in claims if c.kind != "quote"]


def test_quote_asserted_by_a_verb_that_is_not_a_speech_verb(run: Run) -> None:
    text = "Antony Blinken assured visiting Japanese Foreign Minister Yoko Kamikawa that “the United States will not abandon its allies.”"
    claims, names = run(text)
    (c,) = [c for c in claims if c.kind == "quote"]
    assert names.get(c.speaker or "") == "Antony Blinken"


def test_a_quoted_label_inside_a_reported_clause_leaves_the_clause_the_claim(run: Run) -> None:
    text = ("Emmanuel Macron said many of the “high-risk migrants” held at the camp are members "
            "of a criminal network.")
    claims, names = run(text)
    (c,) = [c for c in claims if c.kind != "quote"]
    assert "are members of a criminal network" in c.text
    assert names.get(c.speaker or "") == "Emmanuel Macron"


def test_a_quotation_closing_the_reported_clause_is_the_claim(run: Run) -> None:
    text = "Emmanuel Macron said that helping Ukraine was a “moral duty.”"
    claims, _ = run(text)
    assert [c.text for c in claims] == ["moral duty"]
    assert claims[0].kind == "quote"


def test_news_reported_by_an_agency_is_not_a_claim(run: Run) -> None:
    text = "Kim Jong Un inspected a new destroyer on Monday and toured a shipyard, KCNA reported."
    claims, _ = run(text)
    assert claims == []
