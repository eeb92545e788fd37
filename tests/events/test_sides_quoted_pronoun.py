"""A third-person pronoun in a speaker's own words is not the speaker ("“… their call,” X said": X
would have said "our"), while "we" is; a plural possessive points back to the pair its clause's
subject lists."""

from __future__ import annotations

from tests.events.helpers import sides


def test_their_in_a_quote_is_the_pair_the_quote_names_not_the_speaker() -> None:
    text = ("Analyst Denny Roy spoke to reporters. “Xi Jinping and Vladimir Putin are off to a good start in their "
            "relationship based on their phone call last December,” Roy said.")
    found = sides(text, "CONSULT", published="2021-04-16")
    assert (["person:xi-jinping"], ["person:vladimir-putin"]) in found, found
    assert all("person:denny-roy" not in s for s, _ in found), found


def test_we_in_a_quote_is_still_the_speaker() -> None:
    text = "“We will strike Argentina if it attacks us,” Chile's defence minister said."
    assert (["CHL"], ["ARG"]) in sides(text, "THREATEN")
