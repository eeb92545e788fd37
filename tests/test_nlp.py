"""The spaCy layer: one pipeline per process, sentences never cross a line break."""

from __future__ import annotations

import pytest
import spacy

from detente import nlp
from detente.errors import DetenteError


def test_loaded_once() -> None:
    assert nlp.load() is nlp.load()


@pytest.mark.parametrize("text", [
    "Leaders meet after parade\n\nThe two leaders met on Thursday in the capital.",
    "Leaders meet after parade\nThe two leaders met on Thursday in the capital.",
])
def test_headline_is_its_own_sentence(text: str) -> None:
    sents = [s.text.strip() for s in nlp.load()(text).sents]
    assert sents[0] == "Leaders meet after parade"
    assert sents[1].startswith("The two leaders met")


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(DetenteError, match="no_such_pipeline"):
        nlp.load("no_such_pipeline")


@pytest.mark.parametrize(("form", "lemma"), sorted(nlp.lemma_fixes().items()))
def test_verbs_the_lemmatizer_misreads_get_their_lemma_back(form: str, lemma: str) -> None:
    doc = nlp.load()(f"The officials {form} it on Monday.")
    assert [t.lemma_ for t in doc if t.lower_ == form] == [lemma]


def test_every_listed_form_is_one_the_bare_lemmatizer_misreads() -> None:
    # the table holds no form the shipped pipeline already reads right (a stale entry would hide nothing)
    bare = spacy.load(nlp.resolve_model_name())
    for form, lemma in nlp.lemma_fixes().items():
        token = next(t for t in bare(f"The officials {form} it on Monday.") if t.lower_ == form)
        assert token.lemma_ != lemma, form


def test_a_noun_keeps_its_own_lemma() -> None:
    # only verbs are repaired: "a staging area" keeps its noun
    doc = nlp.load()("Troops gathered in a staging area near the border.")
    assert [(t.pos_, t.lemma_) for t in doc if t.lower_ == "staging"] == [("NOUN", "staging")]
