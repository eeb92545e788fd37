"""Claims: direct quotations, reported assessments and official statements.

Three passes over a parsed document, all driven by ``data/claims.yaml``:

1. **Quotes.**  Every “curly” or "straight" double-quoted span.  Its speaker is
   the subject of the speech verb that governs it (“…,” X said / X said, “…” /
   declaring, “…” -> the subject of the governing verb).  A split quotation
   (“A,” X said. “B.”) is **one claim with one mention per quoted part**: the
   parts share a speech verb, or the later part stands alone as the next
   sentence.  "according to X" sets ``attribution`` (and is the speaker only
   when nobody else is).  A short quoted phrase with no speech verb or source
   around it (“shadow fleet”) is a scare quote, not a claim.
2. **Reported speech.**  A clause introduced by a speech or judgement verb
   ("X noted that…", "analysts see this as…", "X said China's stance is…") is an
   ``assessment`` when it comes from commentators (analysts, researchers, a
   think tank, a judgement verb) and a ``statement`` when it comes from an
   official, a government or an official text.
3. **Silence.**  "a readout did not mention denuclearisation", "Beijing's
   silence on denuclearisation": a ``statement`` by the holder with stance
   ``silent`` on the issue.

Every claim gets ``about`` (actors named in it, not the speaker) and, when an
issue listed in claims.yaml is named with a cue, ``stance`` and ``issue``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Claim, Mention, stable_id
from ..settings import Settings
from ..stage import DocContext
from .interview import interview_turns
from .lexicon import Lexicon, load_lexicon
from .passes import _quotes, _reported, _silences, _stance, find_quotes
from .speakers import _Resolver

__all__ = ["ClaimsStage", "Lexicon", "extract", "find_quotes", "load_lexicon", "make_stage"]


def extract(ctx: DocContext, lex: Lexicon | None = None) -> list[Claim]:
    """All claims in ``ctx``'s document (pure: does not modify ``ctx``)."""
    lex = lex or load_lexicon()
    quoted = find_quotes(ctx.document.text)
    res = _Resolver(ctx, lex, quoted)
    reported = _reported(ctx, lex, res, quoted)
    drafts = _quotes(ctx, lex, res, reported) + reported
    # a transcript's turns are quotes of their own; what they quote or report inside stays
    drafts += [t for t in interview_turns(ctx, res) if not any(d.spans[0] == t.spans[0] for d in drafts)]
    silences = _silences(ctx, lex, res)
    for s in silences:
        a, b = s.spans[0]
        # a reported claim already covering the silence takes its stance instead of a duplicate
        host = next((d for d in drafts if d.kind != "quote" and d.spans[0][0] <= a < d.spans[0][1]), None)
        if host is not None and host.speaker == s.speaker:
            host.stance, host.issue = "silent", s.issue
        elif not any(x.spans[0] == s.spans[0] for x in drafts):
            drafts.append(s)
    out: list[Claim] = []
    doc_id, text = ctx.document.id, ctx.document.text
    for d in sorted(drafts, key=lambda d: d.spans[0]):
        _stance(ctx, d, lex)
        about: list[str] = []
        for a, b in d.spans:
            about.extend(m.actor for m in ctx.mentions_in(a, b))
        out.append(Claim(
            id=stable_id("c", doc_id, *d.spans[0]),
            kind=d.kind,
            speaker=d.speaker,
            text=" … ".join(text[a:b] for a, b in d.spans),
            about=[x for x in dict.fromkeys(about) if x != d.speaker],
            stance=d.stance,
            mentions=[Mention(doc_id, a, b, text[a:b]) for a, b in d.spans],
            issue=d.issue,
            attribution=d.attribution,
        ))
    return out


@dataclass
class ClaimsStage:
    """Pipeline stage: appends the document's claims to ``ctx.claims``."""

    lexicon: Lexicon
    name: str = "claims"

    def __call__(self, ctx: DocContext) -> None:
        ctx.claims.extend(extract(ctx, self.lexicon))


def make_stage(settings: Settings) -> Callable[[DocContext], None]:
    """Build the claims stage (the lexicon is loaded once)."""
    return ClaimsStage(load_lexicon())
