"""A charge rejected in a clause the parser strands ("X reiterated the claim that ...,
a charge spokesperson Y rejected") is rejected by Y and answers X."""

from __future__ import annotations

from detente.pipeline import process_text

TEXT = ("Indian officials blamed Pakistan for the raid. Indian minister Ravi Kumar reiterated "
        "the claim that Monday's raid was orchestrated by gunmen with bases in Nepal, a charge "
        "Nepalese foreign ministry spokesperson Amrit Rai rejected Friday.")


def _rejections() -> list[tuple[list[str], list[str]]]:
    x = process_text(TEXT, published="2025-03-14")
    return [(e.source, e.target) for e in x.events if e.type == "REJECT"]


def test_the_name_before_the_stranded_verb_rejects() -> None:
    assert any(s == ["person:amrit-rai"] for s, _ in _rejections())


def test_the_rejected_claim_is_its_repeaters() -> None:
    assert (["person:amrit-rai"], ["person:ravi-kumar"]) in _rejections()
