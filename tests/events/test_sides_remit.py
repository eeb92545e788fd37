"""An office held for a state addresses its holder's appeals to that state (targets.target_from_remit).

Whole pipeline; written sentences.
"""

from __future__ import annotations

import pytest

from detente.pipeline import process_text


def requests(text: str) -> list[tuple[list[str], list[str]]]:
    x = process_text(text, published="2025-03-14")
    names = {a.id: a.name for a in x.actors}
    return [([names.get(a, a) for a in e.source], [names.get(a, a) for a in e.target])
            for e in x.events if e.type == "REQUEST"]


@pytest.mark.parametrize("text, wanted", [
    ("The African Union's special representative for Somalia appealed for calm on Friday.",
     [(["African Union"], ["Somalia"])]),
    ("The European Union's ambassador to China urged restraint on Monday.", [(["European Union"], ["China"])]),
    # an addressee named wins over the office's state
    ("The African Union's special representative for Somalia urged Kenya to pull back its troops on Friday.",
     [(["African Union"], ["Kenya"])]),
])
def test_an_appeal_with_no_addressee_goes_to_the_state_of_the_office(text: str, wanted: list) -> None:
    assert requests(text)[:1] == wanted


def test_an_office_that_is_not_for_a_state_addresses_nobody() -> None:
    assert requests("The European Union's spokesman on China urged restraint on Monday.") == []
