"""A small hand-made world with positions, ties and a turning relationship (own wording), for "What changed"."""

from __future__ import annotations

from detente.fusion import fuse_document
from detente.model import Date, Position
from detente.store import Store
from tests.fusion.builders import Article, day, span, year

ISSUE = "korean-denuclearisation"


def position(a: Article, evidence: str, actor: str, stance: str, date: Date, *, origin: str = "report",
             state: str | None = None) -> Position:
    """A position of ``a``'s document, its evidence the phrase ``evidence``."""
    return Position(id=f"p-{a.doc.id}-{stance}-{actor}", actor=actor, issue=ISSUE, stance=stance, date=date,
                    modality="asserted", mentions=[span(a.doc.id, a.doc.text, evidence)], origin=origin, state=state)


def store_with(store: Store, a: Article, positions: list[Position], *, fuse: bool = True) -> None:
    ex = a.extraction()
    ex.positions = positions
    store.add(ex, content_hash=f"hash-{a.doc.id}")
    if fuse:
        fuse_document(store, ex)


def build_positions_world(store: Store) -> Store:
    """Four reports, 2023-2026: China's demand (2019) then its silence (2026), a visit after seven years,
    a new treaty, a broken pact, and China–United States relations turning from conflict to cooperation."""
    old = Article("old", "In 2019 Beijing demanded the denuclearisation of the peninsula. Xi visited Pyongyang "
                  "in June 2019.", published="2023-03-01", source="Pacific Wire")
    old.event("Xi visited Pyongyang in June 2019", "CONSULT", ["person:xi"], ["PRK"], date=day("2019-06-20"),
              mode="visit", location="Pyongyang", location_country="PRK")
    store_with(store, old, [position(old, "In 2019 Beijing demanded the denuclearisation of the peninsula", "CHN",
                                     "demands", year("2019"))])

    feud = Article("feud", "China accused the United States of meddling. The United States accused China of "
                   "coercion. China protested against the United States. The United States threatened China.",
                   published="2025-01-10", source="Harbour Times")
    for sentence, typ, src, tgt in (("China accused the United States of meddling", "ACCUSE", "CHN", "USA"),
                                    ("The United States accused China of coercion", "ACCUSE", "USA", "CHN"),
                                    ("China protested against the United States", "PROTEST", "CHN", "USA"),
                                    ("The United States threatened China", "THREATEN", "USA", "CHN")):
        feud.event(sentence, typ, [src], [tgt], date=day("2025-01-09"), quad_class=3, intensity=-4.0)
    store_with(store, feud, [])

    now = Article("now", "Xi arrived in Pyongyang on Monday. China's statement made no reference to the "
                  "denuclearisation of the peninsula. China and Russia signed a treaty. North Korea withdrew from "
                  "its pact with South Korea. Sanctions were imposed on North Korea. China and the United States "
                  "held talks. China praised the United States. The United States cooperated with China. "
                  "China and the United States agreed on trade.", published="2026-06-15", source="Meridian Review")
    now.event("Xi arrived in Pyongyang on Monday", "CONSULT", ["person:xi"], ["PRK"], date=day("2026-06-08"),
              mode="visit", location="Pyongyang", location_country="PRK")
    now.event("China and Russia signed a treaty", "AGREE", ["CHN", "RUS"], date=day("2026-06-10"), quad_class=1,
              intensity=6.0)
    now.event("North Korea withdrew from its pact with South Korea", "RETREAT", ["PRK"], ["KOR"],
              date=day("2026-06-11"), quad_class=4, intensity=-5.0)
    now.event("Sanctions were imposed on North Korea", "SANCTION", [], ["PRK"], date=day("2026-06-12"),
              quad_class=4, intensity=-6.0)
    for sentence, typ, src, tgt in (("China and the United States held talks", "CONSULT", "CHN", "USA"),
                                    ("China praised the United States", "SUPPORT", "CHN", "USA"),
                                    ("The United States cooperated with China", "COOPERATE", "USA", "CHN"),
                                    ("China and the United States agreed on trade", "AGREE", "CHN", "USA")):
        now.event(sentence, typ, [src], [tgt], date=day("2026-06-13"), quad_class=1, intensity=3.0)
    now.claim("China's statement made no reference to the denuclearisation of the peninsula", "CHN", ["PRK"],
              kind="statement", stance="silent", issue="denuclearisation",
              text="made no reference to the denuclearisation of the peninsula")
    store_with(store, now, [position(now, "China's statement made no reference to the denuclearisation of the "
                                          "peninsula", "CHN", "silent", day("2026-06-15", "published"),
                                     origin="silence")])

    # the same visit told by another outlet, kept as a separate record: the brief merges the two versions
    again = Article("again", "Chinese leader Xi arrived in Pyongyang on Monday.", published="2026-06-14",
                    source="Northern Courier")
    again.event("Xi arrived in Pyongyang on Monday", "CONSULT", ["person:xi"], ["PRK"], date=day("2026-06-08"),
                mode="visit", location="Pyongyang", location_country="PRK")
    store_with(store, again, [], fuse=False)
    return store
