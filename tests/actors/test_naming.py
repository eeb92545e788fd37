"""How people and organisations found in text are named: the full name, shorter forms linked to it.

Sentences written for these tests; names are invented so the base cannot know them.
"""

from __future__ import annotations

from collections.abc import Callable

from detente.model import Actor, Extraction

Run = Callable[..., Extraction]


def people(ex: Extraction) -> list[Actor]:
    return [a for a in ex.actors if a.kind == "person"]


def mention_texts(ex: Extraction, actor_id: str) -> list[str]:
    return [m.text for m in ex.actor_mentions if m.actor == actor_id]


def test_a_later_suffix_of_a_full_name_is_the_same_person(run: Run) -> None:
    ex = run("Minister of Justice Tarek Omran Abdel Wahid, who drafted the law, met the council. "
             "Abdel Wahid says the law is aimed at the old ruling party.")
    names = [a.name for a in people(ex)]
    assert names == ["Tarek Omran Abdel Wahid"]
    assert "Abdel Wahid" in mention_texts(ex, "person:tarek-omran-abdel-wahid")


def test_a_capitalised_particle_at_the_start_of_a_sentence_is_the_same_name(run: Run) -> None:
    ex = run("Interim leader Karim al-Hadrami signed the charter on Thursday. "
             "Al-Hadrami said it would guide the country for five years.")
    names = [a.name for a in people(ex)]
    assert names == ["Karim al-Hadrami"]


def test_a_shared_suffix_of_two_full_names_links_to_neither(run: Run) -> None:
    ex = run("Ali Hassan Abdel Karim met Omar Said Abdel Karim in the capital on Monday. "
             "Abdel Karim said the talks had gone well.")
    linked = {m.actor for m in ex.actor_mentions if m.text == "Abdel Karim"}
    assert linked.isdisjoint({"person:ali-hassan-abdel-karim", "person:omar-said-abdel-karim"})


def test_a_quoted_speaker_spacy_calls_an_organisation_is_a_person(run: Run) -> None:
    ex = run('"He remains hopeful," Florent Maillard said. Although his brother is ill, Florent Maillard said the family would wait.')
    assert [a.kind for a in ex.actors if a.name == "Florent Maillard"] == ["person"]


def test_a_company_quoted_in_a_statement_stays_an_organisation(run: Run) -> None:
    ex = run('"We expect growth to slow," Goldman Sachs said in a note to clients.')
    assert not people(ex)


def test_the_article_of_an_organisation_name_is_kept_as_an_alias(run: Run) -> None:
    ex = run("The Ledger Weekly, an Indian online publication, said the border talks had stalled.")
    org = next(a for a in ex.actors if a.kind == "organization" and "Ledger" in a.name)
    assert f"The {org.name}" in org.aliases


def test_a_community_named_by_its_faith_is_no_person(run: Run) -> None:
    ex = run("Militants have repeatedly attacked Belami Shiite Muslims in the province.")
    assert not any("Muslims" in a.name for a in people(ex))


def test_an_acronym_given_after_or_is_an_alias_of_the_organisation(run: Run) -> None:
    ex = run("The National Grain Board, or NGB, said prices rose. The NGB later apologised to farmers.")
    orgs = [a for a in ex.actors if a.kind == "organization"]
    assert [(a.name, "NGB" in a.aliases) for a in orgs] == [("National Grain Board", True)]
    assert [m.actor for m in ex.actor_mentions if m.text == "NGB"] == ["org:national-grain-board"] * 2
