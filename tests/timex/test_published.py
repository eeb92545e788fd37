"""Publication dates inferred from datelines and text."""

from __future__ import annotations

import pytest

from detente.timex import infer_published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "SEOUL, Sept. 5 (Yonhap) -- North Korea said in 2025 that talks would resume.",
            ("2025-09-05", "document"),
        ),
        ("5 September 2025 — Leaders met in Beijing.", ("2025-09-05", "document")),
        ("Published: 2024-03-02\nThe ministers met.", ("2024-03-02", "document")),
        ("BEIJING, March 3, 2024 (Reuters) - Talks opened.", ("2024-03-03", "document")),
        ("The treaty was signed on 11 July 1961 and renewed on 1 July 2021.", ("2021-07-01", "inferred")),
        (
            "Trade recovered in 2024 after falling in 2020. The target is growth by 2030.",
            ("2024-01-01", "inferred"),
        ),
        ("The ministers met and talked.", (None, "unknown")),
    ],
)
def test_infer_published(text: str, expected: tuple[str | None, str]) -> None:
    assert infer_published(text) == expected
