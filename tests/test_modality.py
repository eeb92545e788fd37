"""The shared modality walk (detente.modality): one reader, each stage's own cues."""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from detente import nlp
from detente.events import load_cues as event_cues
from detente.linguistics import base_words
from detente.modality import Cues, load_cues, read_modality
from detente.positions import load_issues
from detente.positions.reading import modality_cues
from detente.quantities import load_lexicon


def _word(text: str, word: str) -> Token:
    return next(t for t in nlp.load()(text) if t.text == word)


@pytest.fixture(scope="module")
def figures() -> Cues:
    return load_lexicon().modality


@pytest.fixture(scope="module")
def stances() -> Cues:
    return modality_cues(load_issues())


def test_every_stage_reads_its_own_cues_with_the_base_speech_verbs(figures: Cues, stances: Cues) -> None:
    base = base_words().speech_verbs
    for cues in (event_cues(), figures, stances):
        assert base <= cues.speech_verbs
    assert figures.priority[0] == "negated" and event_cues().priority[0] == "hypothetical"
    assert stances.negation == "" and event_cues().negation == "negated"


def test_a_section_of_a_data_file_is_read_as_cues() -> None:
    cues = load_cues("quantities.yaml", section="modality")
    assert cues.clause_bound and cues.aux["will"] == "future"


@pytest.mark.parametrize(
    ("text", "word", "events", "figure"),
    [
        # the strongest cue is the stage's own choice: a figure under "not" is denied
        ("Exports could not exceed 10% this year.", "exceed", "hypothetical", "negated"),
        ("Exports will reach 10% this year.", "reach", "future", "future"),
        ("The minister said exports would reach 10% next year.", "reach", "future", "future"),
    ],
)
def test_priority_is_per_stage(figures: Cues, text: str, word: str, events: str, figure: str) -> None:
    tok = _word(text, word)
    assert read_modality(tok, event_cues()).modality == events
    assert read_modality(tok, figures).modality == figure


def test_a_figure_takes_the_modality_of_its_own_clause_only(figures: Cues) -> None:
    tok = _word("The rebels might strike the capital to pin down the 20,000 soldiers based there.", "soldiers")
    assert read_modality(tok, figures).modality == "asserted"
    assert read_modality(tok, event_cues()).modality == "hypothetical"  # an event there would be


def test_a_condition_reaches_everything_below_it(figures: Cues) -> None:
    tok = _word("If the ministry says it will cut the tariff to 10%, exports may recover.", "%")
    assert read_modality(tok, figures).modality == "hypothetical"


def test_a_participle_clause_of_a_stance_is_its_own(stances: Cues) -> None:
    tok = _word("Analysts say a resolution calling for sanctions could pass next week.", "calling")
    assert read_modality(tok, stances).modality == "asserted"


def test_negation_is_no_modality_for_stances(stances: Cues) -> None:
    tok = _word("Tokyo did not support the proposal.", "support")
    assert read_modality(tok, stances).modality == "asserted"
    assert read_modality(tok, event_cues()).modality == "negated"


def test_a_stance_reported_with_would_is_the_speakers_pledge(stances: Cues) -> None:
    tok = _word("The minister told reporters that Seoul would support the plan.", "support")
    assert read_modality(tok, stances).modality == "asserted"
    tok = _word("Seoul should support the plan.", "support")
    assert read_modality(tok, stances).modality == "prescriptive"


def test_an_if_clause_beside_a_stance_word_is_what_is_asked(stances: Cues) -> None:
    tok = _word("That is why they have to ask other governments if they can help.", "ask")
    assert read_modality(tok, stances).modality == "asserted"
    assert not stances.consequent and event_cues().consequent


def test_a_finite_clause_under_a_preposition_keeps_its_own_modality() -> None:
    # the "not" is about the minister's mood; what took place during the visit took place
    tok = _word("The minister was not happy about what took place during her visit to Paris.", "visit")
    assert read_modality(tok, event_cues()).modality == "asserted"
    tok = _word("The minister was not happy with the visit to Paris.", "visit")
    assert read_modality(tok, event_cues()).modality == "negated"


def test_the_passive_subject_of_a_purpose_is_its_means() -> None:
    # the tariffs are there; what they are aimed at is the aim
    tok = _word("The tariffs on steel are aimed at cutting imports.", "tariffs")
    assert read_modality(tok, event_cues()).modality == "asserted"
    tok = _word("New talks on steel are planned for May.", "talks")
    assert read_modality(tok, event_cues()).modality == "future"


def test_an_ordered_act_named_by_a_noun_is_enacted_by_the_order() -> None:
    tok = _word("Prosecutors ordered the arrest of the mayor.", "arrest")
    assert read_modality(tok, event_cues()).modality == "asserted"
    tok = _word("The general ordered his troops to attack the town.", "attack")
    assert read_modality(tok, event_cues()).modality == "prescriptive"
