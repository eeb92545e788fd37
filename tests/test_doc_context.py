"""The stage contract: the DocContext lookups stages rely on."""

from __future__ import annotations

import pytest

from detente import nlp
from detente.model import ActorMention, Document
from detente.stage import DocContext


@pytest.fixture(scope="module")
def ctx() -> DocContext:
    text = "Chinese President Xi Jinping met the North Korean leader in Beijing."
    doc = nlp.load()(text)
    c = DocContext(document=Document(id="d", text=text), doc=doc, published=None)
    c.actor_mentions = [
        ActorMention("CHN", "d", 0, 7, "Chinese"),
        ActorMention("person:xi", "d", 8, 28, "President Xi Jinping"),
        ActorMention("person:kim", "d", 33, 56, "the North Korean leader"),
        ActorMention("PRK", "d", 37, 49, "North Korean"),
    ]
    c.index_mentions()
    return c


def test_mention_for_prefers_the_head(ctx: DocContext) -> None:
    subject = ctx.doc[0:4]  # Chinese President Xi Jinping
    m = ctx.mention_for(subject)
    assert m is not None and m.actor == "person:xi"
    obj = ctx.doc[5:9]  # the North Korean leader
    m = ctx.mention_for(obj)
    assert m is not None and m.actor == "person:kim"


def test_mentions_in_range(ctx: DocContext) -> None:
    assert [m.actor for m in ctx.mentions_in(0, 28)] == ["CHN", "person:xi"]
    assert ctx.mentions_in(57, 68) == []
    assert ctx.doc[10].text == "Beijing"
    assert ctx.mention_for(ctx.doc[10:11]) is None  # a place here, not an actor
