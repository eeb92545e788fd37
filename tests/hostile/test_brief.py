"""Hostile input in briefings (issue #16 item 7): no field becomes live HTML or Markdown syntax.

The Markdown brief is rendered by whatever CommonMark renderer the reader uses;
a document id, publisher or date stored from an input file must come out as
text there, exactly like article text already does.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from detente.analysis.brief import brief
from detente.store import Store
from tests.fusion.builders import ACTORS, Article, day

HOSTILE_ID = 'md-<img src="x" onerror="alert(1)">'
HOSTILE_SOURCE = '<script>alert(2)</script> [click](javascript:alert(3))'


@pytest.fixture
def hostile(store: Store) -> Store:
    text = "China and North Korea signed a trade accord in Beijing on Tuesday."
    a = Article(HOSTILE_ID, text, published="2025-09-03", source=HOSTILE_SOURCE)
    a.event("China and North Korea signed a trade accord", "AGREE", ["CHN"], ["PRK"], date=day("2025-09-02"),
            mode="agreement", quad_class=1, intensity=5.0)
    a.add(store)
    return store


@pytest.mark.parametrize("renderer", ["commonmark", "gfm-like"])
def test_markdown_brief_renders_no_live_html_from_stored_fields(hostile: Store, renderer: str) -> None:
    markdown = brief(hostile, about=["China"], fmt="md")
    assert "References" in markdown and ACTORS["CHN"].name in markdown
    # both presets pass raw HTML through, as CommonMark says; linkify needs a package we do not ship
    rendered = MarkdownIt(renderer, options_update={"linkify": False}).render(markdown)
    assert "<img" not in rendered and "<script" not in rendered
    assert 'href="javascript' not in rendered
    # the id is still there, as visible text
    assert "md-&lt;img src=&quot;x&quot; onerror=&quot;alert(1)&quot;&gt;" in rendered


def test_markdown_brief_keeps_hostile_fields_readable_once_unescaped(hostile: Store) -> None:
    from detente.analysis.brief import md_unescape

    markdown = brief(hostile, about=["China"], fmt="md")
    refs = markdown.partition("## References\n")[2]
    assert HOSTILE_ID not in refs  # never raw
    assert HOSTILE_ID in md_unescape(refs) and HOSTILE_SOURCE in md_unescape(refs)


def test_html_brief_escapes_the_same_fields(hostile: Store) -> None:
    page = brief(hostile, about=["China"], fmt="html")
    assert "<img" not in page and "<script>" not in page
    assert "md-&lt;img" in page
