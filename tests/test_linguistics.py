"""Shared sentence-level linguistics: base word classes, attribution, subjects, the story's states."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from detente import nlp
from detente.linguistics import (
    according_to,
    actor_states,
    base_words,
    block_subject,
    in_quotation,
    paragraph_starts,
    subject_tokens,
)
from detente.model import Actor, Document
from detente.stage import DocContext

# (data file, key) of each stage list that extends a base class of data/linguistics.yaml
EXTENSIONS = [
    ("events/modality.yaml", "speech_verbs", "speech_verbs"),
    ("claims.yaml", "speech_verbs", "speech_verbs"),
    ("claims.yaml", "commentator_nouns", "commentator_nouns"),
    ("actors/lexicon.yaml", "quote_verbs", "speech_verbs"),
]


@pytest.mark.parametrize(("name", "key", "base"), EXTENSIONS)
def test_stage_files_add_to_the_base_and_never_repeat_it(name: str, key: str, base: str) -> None:
    raw = yaml.safe_load(resources.files("detente").joinpath("data", *name.split("/")).read_text("utf-8"))
    repeated = set(raw[key]) & getattr(base_words(), base)
    assert not repeated, f"{name}: {key} repeats the base {base}: {sorted(repeated)}"


def test_every_stage_reads_the_base_speech_verbs() -> None:
    from detente.actors.lexicon import load_lexicon as actor_lexicon
    from detente.claims import load_lexicon as claims_lexicon
    from detente.events import load_cues

    base = base_words().speech_verbs
    assert "say" in base
    assert base <= load_cues().speech_verbs
    assert base <= claims_lexicon().speech_verbs
    assert base <= actor_lexicon().quote_verbs
    assert base_words().commentator_nouns <= claims_lexicon().commentator_nouns


def test_according_to_yields_each_object() -> None:
    doc = nlp.load()("According to the ministry, the talks failed, according to Reuters.")
    sent = next(doc.sents)
    assert [t.text if t is not None else None for t in according_to(sent)] == ["ministry", "Reuters"]


def test_subject_of_a_controlled_infinitive_is_the_object() -> None:
    doc = nlp.load()("Japan urged Korea to sign the deal.")
    sign = next(t for t in doc if t.lemma_ == "sign")
    subj, passive = subject_tokens(sign)
    assert [t.text for t in subj] == ["Korea"] and not passive


def test_block_subject_climbs_only_when_asked() -> None:
    doc = nlp.load()("The minister left, declaring victory.")
    declaring = next(t for t in doc if t.lower_ == "declaring")
    climbed = block_subject(declaring)
    assert climbed is not None and climbed.text == "minister"
    assert block_subject(declaring, climb=False) is None


def test_paragraph_starts_and_states() -> None:
    assert paragraph_starts("One.\nTwo.\n\nThree.") == [5, 11]
    text = "Kim met Xi."
    ctx = DocContext(document=Document(id="d", text=text), doc=nlp.load()(text), published=None)
    ctx.actors.update({
        "kim": Actor(id="kim", name="Kim", kind="person", country="PRK"),
        "chn": Actor(id="chn", name="China", kind="state", code="CHN"),
        "un": Actor(id="un", name="UN", kind="organization"),
    })
    assert actor_states(ctx, ["kim", "chn", "un", "nobody"]) == {"PRK", "CHN"}


def test_a_quotation_runs_over_its_sentences_to_the_closing_mark() -> None:
    doc = nlp.load()("“We will act. Our forces are ready,” the minister said. They left.")
    words = {t.text: t for t in doc}
    assert in_quotation(words["Our"]) and in_quotation(words["We"])
    assert not in_quotation(words["minister"]) and not in_quotation(words["They"])
