"""Test helpers shared by every test folder: import them as ``from tests.helpers import ...``.

Fixtures stay in ``tests/conftest.py``; plain functions and paths live here, so
no test imports a conftest module.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from detente.model import (
    Actor,
    ActorMention,
    Claim,
    Date,
    Document,
    Event,
    Extraction,
    Mention,
    Quantity,
    Role,
    TimeMention,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the repository; tests skip without it
REPO = Path(__file__).resolve().parents[1]


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` imported as a module (registered under ``name``, as dataclasses need)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
CORPUS = REPO / "src" / "detente" / "data" / "corpus"
GOLD = REPO / "src" / "detente" / "data" / "gold" / "sample.json"


def make_extraction(doc_id: str = "d1", text: str = "China and North Korea signed a treaty on Monday.",
                    source: str = "Wire") -> Extraction:
    """A small hand-made extraction, independent of the NLP stages."""
    doc = Document(id=doc_id, text=text, title="A treaty", source=source, published="2025-09-05",
                   published_basis="metadata", authors=["A. Writer"])
    chn = Actor(id="CHN", name="China", kind="state", code="CHN", country="CHN", aliases=["China"])
    prk = Actor(id="PRK", name="North Korea", kind="state", code="PRK", country="PRK", aliases=["North Korea"])
    kim = Actor(id="person:kim-jong-un", name="Kim Jong Un", kind="person", country="PRK",
                roles=[Role(title="Supreme Leader", of="PRK", start="2011-12-17")])
    date = Date(value="2025-09-01", granularity="day", start="2025-09-01", end="2025-09-01")
    sent = Mention(doc_id, 0, len(text), text)
    return Extraction(
        document=doc,
        actors=[chn, prk, kim],
        actor_mentions=[ActorMention("CHN", doc_id, 0, 5, "China"), ActorMention("PRK", doc_id, 10, 21, "North Korea")],
        events=[Event(id=f"ev-{doc_id}", type="AGREE", mode="treaty", source=["CHN"], target=["PRK"], date=date,
                      location=None, modality="asserted", attribution=None, quad_class=1, intensity=6.5,
                      confidence=0.8, mentions=[sent], trigger="signed")],
        quantities=[Quantity(id=f"q-{doc_id}", measure="trade", value=2.74e9, unit="USD", subjects=["CHN"],
                             date=None, modality="asserted", mentions=[Mention(doc_id, 0, 5, "China")])],
        claims=[Claim(id=f"c-{doc_id}", kind="statement", speaker="CHN", text="a treaty", about=["PRK"],
                      stance=None, mentions=[sent])],
        times=[TimeMention(doc_id, 39, 45, "Monday", "2025-09-01", "day")],
    )
