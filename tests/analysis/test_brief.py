"""Briefings: every sentence cited, every citation resolving to the quoted evidence."""

from __future__ import annotations

import html
import re

import pytest

from detente.analysis.brief import brief, md_escape, md_unescape
from detente.errors import InputError
from detente.store import Store
from tests.analysis.scenario import build_world

REF = re.compile(r"^\[(\d+)\] (\S+) (\d+)–(\d+) “(.*)” — (.+), (\S+)( \(inferred\))?$")
CITES = re.compile(r"((?:\[\d+\])+)")


@pytest.fixture
def world(store: Store) -> Store:
    return build_world(store)


def _parse(text: str) -> tuple[list[str], dict[int, tuple[str, int, int, str]]]:
    body, _, refs = text.partition("\n## References\n")
    bullets = [line[2:] for line in body.splitlines() if line.startswith("- ")]
    table = {}
    for line in refs.strip().splitlines():
        m = REF.match(line)
        assert m, f"unparsable reference: {line}"
        table[int(m[1])] = (m[2], int(m[3]), int(m[4]), md_unescape(m[5]))
    return bullets, table


def _ws(s: str) -> str:
    return " ".join(s.split())


def test_every_sentence_cited_and_every_citation_resolves(world: Store) -> None:
    text = brief(world, about=["China", "North Korea"], since="2025-09")
    bullets, refs = _parse(text)
    assert len(bullets) >= 8
    used: set[int] = set()
    for b in bullets:
        assert b.endswith("]."), f"uncited sentence: {b}"
        parts = CITES.split(b[:-1])
        # text, cites, text, cites, ... ; every text after the first continues the same sentence
        assert len(parts) % 2 == 1 and parts[-1] == ""
        for segment in parts[2:-1:2]:
            assert segment.startswith((";", ",")), f"a second sentence without its own citation: {b}"
        used |= {int(n) for n in re.findall(r"\[(\d+)\]", b)}
    assert used == set(refs)  # no dangling and no unused references
    for doc_id, start, end, quoted in refs.values():
        stored = world.get_document(doc_id)
        assert stored is not None
        assert _ws(stored.text[start:end]) == quoted


def test_sections_and_uncertainty_in_words(world: Store) -> None:
    text = brief(world, about=["CHN", "PRK"], since="2025-09")
    for section in ("Key events", "The numbers", "Who said what", "What changed", "What is disputed"):
        assert f"## {section}" in text
    assert "single source: Meridian Review" in text
    assert "reported as planned, not as having happened" in text
    assert "sources disagree on the date" in text
    assert "Pacific Wire gives the date as 4 September 2025" in text
    assert "Harbour Times gives the date as 3 September 2025" in text
    assert "Meridian Review gives 2.2 billion USD" in text


def test_key_events_stay_in_the_window(world: Store) -> None:
    text = brief(world, about=["North Korea"], since="2025-01", until="2025-12")
    key = text.split("## Key events")[1].split("##")[0]
    assert "2024" not in key and "2026" not in key
    dates = re.findall(r"On (\d+ \w+ 2025)", key)
    assert sorted(set(dates)) == ["18 August 2025", "4 September 2025"]  # ordered by importance (test_what_changed)


def test_stance_change_is_cited_on_both_sides(world: Store) -> None:
    text = brief(world, about=["China"], since="2026-01-01")
    changed = text.split("## What changed")[1].split("##")[0]
    line = next(x for x in changed.splitlines() if "denuclearisation" in x)
    assert "has not addressed it" in line
    assert len(re.findall(r"\[\d+\]", line)) == 2


def test_markdown_makes_article_text_inert(world: Store) -> None:
    out = brief(world, about=["China", "North Korea"])
    assert "<b>according</b>" not in out
    assert "\\<b\\>according\\</b\\>" in out
    assert md_escape("[a link](#) *x* <i>") == "\\[a link\\](\\#) \\*x\\* \\<i\\>"
    assert md_unescape(md_escape("a\\b [1] `c` _d_ #e |f| ~g~")) == "a\\b [1] `c` _d_ #e |f| ~g~"


def test_deterministic(world: Store) -> None:
    assert brief(world, about=["China", "North Korea"]) == brief(world, about=["China", "North Korea"])


def test_html_escapes_article_text(world: Store) -> None:
    out = brief(world, about=["China", "North Korea"], fmt="html")
    assert "<b>according</b>" not in out
    assert html.escape("<b>according</b>") in out
    assert "shaken &amp; will endure" in out
    assert 'id="ref-1"' in out and 'href="#ref-1"' in out


@pytest.mark.parametrize("kwargs, message", [
    ({"about": ["Atlantis"]}, "no such actor"),
    ({"about": []}, "at least one actor"),
    ({"about": ["China"], "since": "last week"}, "YYYY"),
    ({"about": ["China"], "fmt": "pdf"}, "md"),
])
def test_bad_parameters(world: Store, kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        brief(world, **kwargs)


@pytest.mark.parametrize(("evidence", "weight"), [
    ("They held a summit and tested a missile.", 6.0),  # the heaviest word counts (summit 6 over missile 5)
    ("A State Visit, announced by the palace.", 7.0),  # two words, any case, above the type's 2
    ("A summitry of sorts.", 6.0),  # a word starts at a word boundary and may go on
    ("Consummate talks.", 2.0),  # ... but not inside another word: the type's weight
    ("A missile launch.", 5.0),
])
def test_importance_takes_the_heaviest_word_above_the_kind(evidence: str, weight: float) -> None:
    from detente.analysis.brief import importance
    from detente.analysis.common import TimelineEntry
    from detente.model import Date, Event, Mention

    ev = Event(id="e", type="CONSULT", mode=None, source=["AAA"], target=["BBB"], date=Date.unknown(),
               location=None, modality="asserted", attribution=None, quad_class=1, intensity=1.0, confidence=0.5,
               mentions=[Mention("d", 0, len(evidence), evidence)], trigger="held")
    entry = TimelineEntry(event=ev, date=ev.date, label="", summary="", source_names=[], target_names=[],
                          sources=[], mentions=ev.mentions)
    # CONSULT weighs 2; no focus actor, one report, asserted, with a target: only the words move it
    assert importance(entry, {}, set()) == weight
