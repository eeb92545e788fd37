"""An "including" phrase on the object of a verb names whose the object is, also when
the parser hangs it on the verb ("defied calls, including by X, to ...")."""

from __future__ import annotations

from tests.events.helpers import sides as _sides


def test_defied_calls_including_by_a_body_answer_that_body() -> None:
    text = "Myanmar keeps defying calls, including by the United Nations, to free the detained opposition leaders."
    assert (["MMR"], ["org:un"]) in _sides(text, "REJECT", asserted_only=False)


def test_defied_calls_including_from_a_body_answer_that_body() -> None:
    text = "Myanmar keeps defying calls, including from the United Nations, to free the detained opposition leaders."
    assert (["MMR"], ["org:un"]) in _sides(text, "REJECT", asserted_only=False)


def test_an_including_phrase_far_from_the_object_is_not_the_objects() -> None:
    text = "Myanmar rejected the plan on Monday in the capital after long talks, including with the United Nations."
    assert all("org:un" not in t for _, t in _sides(text, "REJECT", asserted_only=False))
