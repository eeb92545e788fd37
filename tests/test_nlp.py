"""The spaCy layer: one pipeline per process, sentences never cross a line break."""

from __future__ import annotations

import pytest

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
