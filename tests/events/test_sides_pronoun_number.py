"""A singular pronoun does not point back to a plural noun ("officials ... it")."""

from __future__ import annotations

from tests.events.helpers import sides


def test_it_in_a_report_is_not_the_plural_speakers() -> None:
    text = ("Japanese officials warned in May of a possible resurgence of the rebels, saying the rebel group "
            "could soon exceed the toll of raids it had mounted in Mali a year earlier.")
    assert all(source != ["JPN"] for source, _ in sides(text, "ASSAULT", asserted_only=False))


def test_it_still_points_to_a_singular_speaker() -> None:
    text = "Japan said on Monday that it had expelled two Russian diplomats."
    assert (["JPN"], ["RUS"]) in sides(text, "SANCTION")
