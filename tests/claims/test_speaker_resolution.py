"""Who a speech verb's subject is: appositions, possessors, and pronouns that continue a person."""

from __future__ import annotations

import pytest

from tests.claims.helpers import Run


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # the apposition names the speaker, not the possessor of the role
        ("“Talks will resume soon,” Putin’s spokesman, Dmitry Peskov, told reporters.",
         "Talks will resume soon", "Dmitry Peskov"),
        # "he" continues the subject of the sentence before, not its object
        ("Xi Jinping met Kim Jong Un in Beijing on Friday. “Our friendship is unbreakable,” he said.",
         "Our friendship is unbreakable", "Xi Jinping"),
        # with no person as subject there, the person that sentence names
        ("The warning came from Vladimir Putin on Monday. “We are ready for anything,” he said.",
         "We are ready for anything", "Vladimir Putin"),
        # a person inside another's description is not who speaks next
        ("Antony Blinken, a close ally of Joe Biden, spoke in Paris. “We will not waver,” he said.",
         "We will not waver", "Antony Blinken"),
        # a pronoun subject passes on its own referent
        ("Kim Jong Un inspected a new destroyer. He said the navy was ready. "
         "“The enemy will regret it,” he added.",
         "The enemy will regret it", "Kim Jong Un"),
    ],
)
def test_quote_speaker_resolution(run: Run, text: str, quote: str, speaker: str) -> None:
    claims, names = run(text)
    (c,) = [c for c in claims if c.kind == "quote" and c.text == quote]
    assert c.speaker is not None and names.get(c.speaker) == speaker
