"""A small hand-made world of articles for the analysis and briefing tests."""

from __future__ import annotations

from detente.store import Store
from tests.fusion.builders import Article, day, month, year


def build_world(store: Store) -> Store:
    """Seven short articles (own wording) covering 2024-2026, fused as ingest would."""
    a = Article("treaty", "Putin and Kim signed a mutual defence treaty in Pyongyang on Wednesday.",
                published="2024-06-20", source="Northern Courier")
    a.event("Putin and Kim signed a mutual defence treaty in Pyongyang on Wednesday", "AGREE",
            ["person:putin", "person:kim"], date=day("2024-06-19"), mode="treaty", location="Pyongyang",
            location_country="PRK", quad_class=1, intensity=6.0)
    a.add(store)

    d = Article("drills", "South Korea and the United States began joint drills on Monday. North Korea accused "
                "South Korea of rehearsing an invasion.", published="2025-08-18", source="Pacific Wire")
    d.event("South Korea and the United States began joint drills on Monday", "COOPERATE", ["KOR", "USA"],
            date=day("2025-08-18"), mode="military", quad_class=2, intensity=6.0)
    d.event("North Korea accused South Korea of rehearsing an invasion", "ACCUSE", ["PRK"], ["KOR"],
            date=day("2025-08-18"), quad_class=3, intensity=-3.0)
    d.add(store)

    w = Article("summit-wire", "Xi Jinping and Kim Jong Un held talks in Beijing on Thursday. China supports the "
                "denuclearisation of the peninsula, the foreign ministry said. “Our friendship cannot be shaken "
                "& will endure,” Kim said.", published="2025-09-04", source="Pacific Wire")
    w.event("Xi Jinping and Kim Jong Un held talks in Beijing on Thursday", "CONSULT", ["person:xi", "person:kim"],
            date=day("2025-09-04"), mode="meeting", location="Beijing", location_country="CHN", intensity=1.0)
    w.claim("China supports the denuclearisation of the peninsula", "CHN", ["PRK"], kind="statement",
            stance="support", issue="denuclearisation")
    w.claim("“Our friendship cannot be shaken & will endure,”", "person:kim", ["CHN"],
            text="Our friendship cannot be shaken & will endure")
    w.add(store)

    p = Article("summit-paper", "Kim met Xi in Beijing on Wednesday, <b>according</b> to the paper.",
                published="2025-09-05", source="Harbour Times")
    p.event("Kim met Xi in Beijing on Wednesday, <b>according</b> to the paper", "CONSULT", ["person:kim"], ["person:xi"], date=day("2025-09-03"),
            mode="meeting", location="Beijing", location_country="CHN", intensity=1.0)
    p.add(store)

    t = Article("trade", "Trade between China and North Korea reached $2.74 billion in 2025.",
                published="2026-01-20", source="Pacific Wire")
    t.quantity("$2.74 billion", "trade", 2.74e9, "USD", ["CHN", "PRK"], date=year("2025"))
    t.add(store)

    f = Article("announce", "Xi will visit Pyongyang in June, KCNA said.", published="2026-05-29",
                source="Harbour Times")
    f.event("Xi will visit Pyongyang in June", "CONSULT", ["person:xi"], ["PRK"], date=month("2026-06"),
            mode="visit", modality="future", attribution="org:kcna")
    f.add(store)

    v = Article("visit", "Xi arrived in Pyongyang on Monday and Li Qiang pledged aid. Trade with China came to "
                "$2.2 billion in 2025. China will send food aid, the foreign ministry said.",
                published="2026-06-09", source="Meridian Review")
    v.event("Xi arrived in Pyongyang on Monday", "CONSULT", ["person:xi"], ["PRK"], date=day("2026-06-08"),
            mode="visit", location="Pyongyang", location_country="PRK", intensity=1.0)
    v.event("Li Qiang pledged aid", "AID", ["person:li"], ["PRK"], date=day("2026-06-08"), quad_class=2,
            intensity=7.0)
    v.quantity("$2.2 billion", "trade", 2.2e9, "USD", ["PRK", "CHN"], date=year("2025"))
    v.claim("China will send food aid", "CHN", ["PRK"], kind="statement", stance="support", issue="food aid")
    v.add(store)
    return store
