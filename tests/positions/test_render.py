"""Text of steps and shifts: silence worded as an absence, both sides cited."""

from __future__ import annotations

from detente.positions.history import shifts
from detente.positions.issues import load_issues
from detente.positions.render import shift_text
from tests.positions.test_history import _p


def test_shift_text_cites_both_sides_and_words_silence_as_absence() -> None:
    book = load_issues(extra_files=[])
    [s] = shifts([_p("JPN", "demands", "2019", "old"), _p("JPN", "silent", "2026-06-01", "new")], book)
    text = shift_text(s, book, name=lambda a: {"JPN": "Japan"}.get(a, a))
    assert text.startswith("Japan: demanded denuclearisation of the Korean Peninsula (2019) [old:0] -> ")  # dated as the text dates it
    assert "made no reference to denuclearisation" in text and "[new:0]" in text
    assert "said" not in text and "stated" not in text
