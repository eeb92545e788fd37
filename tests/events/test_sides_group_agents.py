"""Sides the parse names without naming an actor: a subject that is one of a class
("X and Y are among countries that ..."), a count of people ("tens of thousands of
<demonym>s"), a crowd placed in a state's land, a document that speaks for its issuer,
and a state's own populace addressed by its officials."""

from __future__ import annotations

from tests.events.helpers import sides


def test_subject_of_be_among_acts_in_the_relative_clause() -> None:
    text = "Norway and Chile are among countries that have banned the import of whale meat from Japan."
    found = sides(text, "SANCTION")
    assert any({"NOR", "CHL"} <= set(s) for s, _ in found), found


def test_one_of_the_states_that_acts_too() -> None:
    text = "Norway is one of the states that have banned the import of whale meat from Japan."
    assert any(s == ["NOR"] for s, _ in sides(text, "SANCTION")), sides(text, "SANCTION")


def test_a_count_of_demonyms_is_their_people() -> None:
    text = "Hundreds of thousands of Chileans marched in protest against the pension reform on Sunday."
    assert any(s == ["CHL"] for s, _ in sides(text, "PROTEST")), sides(text, "PROTEST")


def test_a_count_of_people_placed_in_a_states_capital() -> None:
    text = "Dozens of bakers in Peru's capital staged a strike on Friday to protest the price of flour."
    assert any(s == ["PER"] for s, _ in sides(text, "PROTEST")), sides(text, "PROTEST")


def test_a_bare_count_names_no_side() -> None:
    text = "Hundreds of people marched on Sunday to protest the pension reform."
    assert all(not s for s, _ in sides(text, "PROTEST"))


def test_the_statement_speaks_for_its_issuer() -> None:
    text = ("Norway's foreign ministry said in a statement on Monday that the talks with Chile had failed. "
            "The statement threatened sanctions against Chile.")
    assert any(s == ["NOR"] for s, _ in sides(text, "THREATEN")), sides(text, "THREATEN")


def test_a_statement_never_told_issued_names_no_one() -> None:
    text = "Chile held talks with Peru on Monday. The statement threatened sanctions."
    assert all(not s for s, _ in sides(text, "THREATEN"))


def test_officials_pleading_with_civilians_address_their_own_people() -> None:
    text = "Peruvian officials are pleading with civilians to return to their homes after the floods."
    assert (["PER"], ["PER"]) in sides(text, "REQUEST"), sides(text, "REQUEST")


def test_the_home_states_activists_call_on_their_own_state() -> None:
    text = ("Peru's government raised fuel prices on Monday. Peru's president defended the decision in Lima. "
            "Peru's police closed two roads near the border. Some prominent activists are calling for new elections.")
    assert (["PER"], ["PER"]) in sides(text, "REQUEST"), sides(text, "REQUEST")


def test_owned_activists_are_not_the_home_states() -> None:
    text = ("Peru's government raised fuel prices on Monday. Peru's president defended the decision in Lima. "
            "Peru's police closed two roads near the border. Activists of a Chilean group are calling for new elections.")
    assert (["PER"], ["PER"]) not in sides(text, "REQUEST"), sides(text, "REQUEST")
