"""An event noun the parser made the subject of a bare gerund clause ("held the drills encircling X")."""

from __future__ import annotations

from tests.events.helpers import sides


def test_drills_read_as_gerund_subject_keep_the_light_verb_subject_and_the_gerund_object() -> None:
    text = "Two days after President Lee took office, China conducted the naval drills encircling Japan and called them a warning."
    assert (["CHN"], ["JPN"]) in sides(text, "MOBILIZE")


def test_drills_as_a_plain_object_still_read_the_same() -> None:
    assert (["CHN"], ["JPN"]) in sides("China conducted naval drills around Japan's islands on Monday.", "MOBILIZE") \
        or (["CHN"], []) in sides("China conducted naval drills around Japan's islands on Monday.", "MOBILIZE")
