"""Number phrases found in raw text: values, currencies, scales, units, qualifiers."""

from __future__ import annotations

import pytest

from detente.quantities import find_candidates


def _only(text: str) -> tuple[float, str | None, str | None, str]:
    found = find_candidates(text)
    assert len(found) == 1, found
    c = found[0]
    return c.value, c.unit, c.qualifier, text[c.start:c.end]


@pytest.mark.parametrize(
    ("text", "value", "unit", "span"),
    [
        ("Exports rose to $2.74 billion last year.", 2.74e9, "USD", "$2.74 billion"),
        ("The fund holds €1.2bn in reserves.", 1.2e9, "EUR", "€1.2bn"),
        ("A loan of 1.5 trillion yuan was agreed.", 1.5e12, "CNY", "1.5 trillion yuan"),
        ("Seoul set aside KRW 300 billion for the plan.", 3e11, "KRW", "KRW 300 billion"),
        ("The budget grew by 4 trillion won.", 4e12, "KRW", "4 trillion won"),
        ("London pledged £40m in aid.", 4e7, "GBP", "£40m"),
        ("It paid US$3 million in fees.", 3e6, "USD", "US$3 million"),
        ("Moscow lost 500 million roubles.", 5e8, "RUB", "500 million roubles"),
        ("The deal was worth 12 billion dollars.", 1.2e10, "USD", "12 billion dollars"),
        ("Tokyo offered ¥900 billion.", 9e11, "JPY", "¥900 billion"),
        ("Escaped markdown \\$2.74 billion stays money.", 2.74e9, "USD", "$2.74 billion"),
        ("Turnout was 95 percent.", 95, "percent", "95 percent"),
        ("Turnout was 12.5 per cent.", 12.5, "percent", "12.5 per cent"),
        ("Turnout was 61%.", 61, "percent", "61%"),
        ("Rates rose 2 percentage points.", 2, "percentage point", "2 percentage points"),
        ("They sold a third of the stockpile.", 33.333, "percent", "a third"),
        ("The missile flew 1,000 km before landing.", 1000, "km", "1,000 km"),
        ("The border runs for 800 kilometres.", 800, "km", "800 kilometres"),
        ("The ship carried 12 million tonnes of grain.", 1.2e7, "t", "12 million tonnes"),
    ],
)
def test_money_percent_units(text: str, value: float, unit: str, span: str) -> None:
    v, u, _, s = _only(text)
    assert v == pytest.approx(value)
    assert (u, s) == (unit, span)


@pytest.mark.parametrize(
    ("text", "qualifier", "span"),
    [
        ("It has about 60 warheads.", "about", "about 60"),
        ("It has around 60 warheads.", "about", "around 60"),
        ("It has approximately 60 warheads.", "about", "approximately 60"),
        ("It has roughly 60 warheads.", "about", "roughly 60"),
        ("It has some 60 warheads.", "about", "some 60"),
        ("It has an estimated 60 warheads.", "about", "an estimated 60"),
        ("It has nearly 60 warheads.", "nearly", "nearly 60"),
        ("It has almost 60 warheads.", "nearly", "almost 60"),
        ("It has more than 60 warheads.", "more than", "more than 60"),
        ("It has over 60 warheads.", "more than", "over 60"),
        ("It has at least 60 warheads.", "at least", "at least 60"),
        ("It has up to 60 warheads.", "up to", "up to 60"),
        ("It has as many as 60 warheads.", "up to", "as many as 60"),
        ("It has fewer than 60 warheads.", "less than", "fewer than 60"),
        ("It has no more than 60 warheads.", "at most", "no more than 60"),
        ("It has 60 warheads.", None, "60"),
        ("About half of the drills were postponed.", "about", "About half"),
        ("They fired a dozen missiles.", "about", "a dozen"),
    ],
)
def test_qualifiers(text: str, qualifier: str | None, span: str) -> None:
    _, _, q, s = _only(text)
    assert (q, s) == (qualifier, span)


@pytest.mark.parametrize(
    "text",
    [
        "The 65th anniversary of the treaty fell in July.",
        "Trade had been disrupted by COVID-19 for years.",
        "Relations cooled in the 1990s.",
        "The F-35 deal stalled.",
        "Output fell in the first half of the year.",
    ],
)
def test_not_numbers(text: str) -> None:
    assert find_candidates(text) == []


def test_spelled_numbers() -> None:
    (c,) = find_candidates("They launched twenty-six drones.")
    assert c.value == 26 and c.spelled


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The levy raised 12,500,000 pulas.", 1.25e7, "BWP"),
        ("The ministry borrowed 300 billion naira.", 3e11, "NGN"),
        ("The council budget is 2 billion Kenyan shillings.", 2e9, "KES"),
        ("Cairo spent 5 million Egyptian pounds.", 5e6, "EGP"),
        ("Prices rose to 400,000 Iranian rials.", 4e5, "IRR"),
        ("The bank lent ₦50 billion to farmers.", 5e10, "NGN"),
    ],
)
def test_currencies_by_name_and_symbol(text: str, value: float, unit: str) -> None:
    got_value, got_unit, _, _ = _only(text)
    assert (got_value, got_unit) == (value, unit)
