"""Interview transcripts: "VOA: …? Armitage: …" turns as quotes of the person labelled."""

from __future__ import annotations

import re

from ..stage import DocContext
from .speakers import _Draft, _Resolver

_STRIP = " \t\n,;:."

# A speaker label of an interview transcript: a name at the start of a sentence or line,
# optionally with a title, then a colon ("VOA: …? Armitage: …", "Jane Doe, former envoy: …").
_LABEL = re.compile(r"(?:^|(?<=[.?!\"”]\s)|(?<=\n))([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})(?:, [^:?!\n]{1,80}?)?:\s+", re.M)
_MIN_LABELS = 3  # a transcript repeats its labels; a single "Name: …" is a heading or a caption


def interview_turns(ctx: DocContext, res: _Resolver) -> list[_Draft]:
    """Answers in an interview transcript ("VOA: …? Armitage: …"): each turn after a label
    naming a person of the story is that person's quote (the interviewer's turns are questions)."""
    text = ctx.document.text
    labels = list(_LABEL.finditer(text))
    if len(labels) < _MIN_LABELS:
        return []
    out: list[_Draft] = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        line_end = text.find("\n", m.end())
        if line_end >= 0 and "\n" in text[m.end():end] and end - m.end() > 2000:
            end = line_end  # a long turn without a next label stops at its line
        a, b = m.end(), end
        while b > a and text[b - 1] in _STRIP:
            b -= 1
        speaker = res.person_named(m.group(1), m.start())
        if speaker is None or b - a < 12:
            continue
        out.append(_Draft("quote", speaker, [(a, b)]))
    return out
