"""An act of one of a story's two main states, with no pair told just before, is aimed at the other."""

from __future__ import annotations

from tests.events.helpers import sides

PAIR = ("Japan and China traded sharp words on Monday. Japan summoned the Chinese ambassador. "
        "China said Japan had provoked it. Tokyo and Beijing have long quarrelled over the islands, and "
        "Japanese officials say Chinese ships entered Japan's waters again.\n\n"
        "Analysts in Europe described the quarrel as serious.\n\n"
        "Separately, the weather was cold.\n\n")


def test_a_ban_told_bare_targets_the_other_state_of_the_pair() -> None:
    found = sides(PAIR + "Japan has banned the export of advanced chips.", "SANCTION")
    assert (["JPN"], ["CHN"]) in found, found


def test_words_told_bare_get_no_pair_target() -> None:
    found = sides(PAIR + "Japan rejected the idea on Friday.", "REJECT", asserted_only=False)
    assert all(target != ["CHN"] for _, target in found), found
