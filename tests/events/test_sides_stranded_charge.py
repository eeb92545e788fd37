"""A charge rejected in a clause the parser strands ("X reiterated the claim that ...,
a charge spokesperson Y rejected") is rejected by Y and answers X."""

from __future__ import annotations

from detente.pipeline import process_text

TEXT = ("Pakistani officials blamed India for the attack. Pakistani minister Ahmed Chaudhry reiterated "
        "the claim that Tuesday's attack was orchestrated by militants with bases in Afghanistan, a charge "
        "Afghan foreign ministry spokesperson Abdul Qahar Balkhi rejected Thursday.")


def _rejections() -> list[tuple[list[str], list[str]]]:
    x = process_text(TEXT, published="2025-03-14")
    return [(e.source, e.target) for e in x.events if e.type == "REJECT"]


def test_the_name_before_the_stranded_verb_rejects() -> None:
    assert any(s == ["person:abdul-qahar-balkhi"] for s, _ in _rejections())


def test_the_rejected_claim_is_its_repeaters() -> None:
    assert (["person:abdul-qahar-balkhi"], ["person:ahmed-chaudhry"]) in _rejections()
