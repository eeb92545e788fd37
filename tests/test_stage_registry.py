"""The stage registry: named implementations per slot, chosen by a setting, never skipped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from detente import stage as stage_module
from detente.model import Actor, ActorMention, Document
from detente.pipeline import Pipeline, process_text
from detente.settings import DEFAULT_STAGES, Settings
from detente.stage import (
    SLOTS,
    DocContext,
    UnknownStageError,
    build_stages,
    register_stage,
    stage_factory,
    stage_names,
)


class Recorder:
    """A stage that only notes that it ran."""

    def __init__(self, name: str, log: list[str]):
        self.name = name
        self.log = log

    def __call__(self, ctx: DocContext) -> None:
        self.log.append(self.name)


@pytest.fixture
def registry() -> Iterator[dict[str, object]]:
    """The registry, restored after the test so registrations do not leak."""
    saved = dict(stage_module._REGISTERED)
    yield stage_module._REGISTERED  # type: ignore[misc]
    stage_module._REGISTERED.clear()
    stage_module._REGISTERED.update(saved)


def test_every_slot_defaults_to_its_rules_implementation() -> None:
    assert SLOTS == ("actors", "timex", "events", "quantities", "claims", "positions")
    assert Settings().stages == {slot: f"{slot}.rules" for slot in SLOTS} == DEFAULT_STAGES
    for slot in SLOTS:
        assert f"{slot}.rules" in stage_names(slot)
        assert callable(stage_factory(slot, f"{slot}.rules"))


def test_an_unknown_implementation_names_the_slot_and_the_known_ones() -> None:
    settings = Settings()
    settings.stages["events"] = "events.llm"
    with pytest.raises(UnknownStageError) as err:
        build_stages(settings)
    message = str(err.value)
    assert "stages.events" in message and "'events.llm'" in message and "events.rules" in message
    assert err.value.slot == "events" and "events.rules" in err.value.known


def test_an_unknown_slot_is_an_error_not_a_skip() -> None:
    settings = Settings()
    settings.stages["sentiment"] = "sentiment.rules"
    with pytest.raises(UnknownStageError, match="stages.sentiment.*known: actors, timex"):
        build_stages(settings)


def test_an_implementation_of_another_slot_is_refused() -> None:
    with pytest.raises(UnknownStageError, match="stages.actors"):
        stage_factory("actors", "events.rules")


def test_a_name_outside_every_slot_cannot_be_registered() -> None:
    with pytest.raises(UnknownStageError):
        register_stage("sentiment.v1", lambda settings: Recorder("x", []))
    with pytest.raises(UnknownStageError):
        register_stage("events", lambda settings: Recorder("x", []))


def test_registered_stages_run_in_slot_order(registry: dict[str, object]) -> None:
    log: list[str] = []
    settings = Settings()
    for slot in reversed(SLOTS):  # registration order must not matter
        register_stage(f"{slot}.test", lambda s, slot=slot: Recorder(slot, log))
        settings.stages[slot] = f"{slot}.test"
    stages = build_stages(settings)
    for st in stages:
        st(None)  # type: ignore[arg-type]
    assert log == list(SLOTS)


def test_a_missing_slot_takes_its_default() -> None:
    settings = Settings()
    del settings.stages["claims"]
    names = [type(s).__name__ for s in build_stages(settings)]
    assert len(names) == len(SLOTS) and names[-2:] == ["ClaimsStage", "PositionsStage"]


def test_swapping_the_actor_stage_is_one_setting(registry: dict[str, object]) -> None:
    @register_stage("actors.everyone-is-france")
    def make(settings: Settings) -> Recorder:
        class France(Recorder):
            def __call__(self, ctx: DocContext) -> None:
                ctx.actors["FRA"] = Actor(id="FRA", name="France", kind="state", code="FRA", country="FRA")
                first = ctx.doc[0]
                ctx.actor_mentions.append(ActorMention("FRA", ctx.document.id, first.idx,
                                                       first.idx + len(first), first.text))
                ctx.index_mentions()
        return France("actors", [])

    settings = Settings()
    settings.stages["actors"] = "actors.everyone-is-france"
    pipe = Pipeline(settings)
    text = "Ruritania signed a trade agreement with Freedonia on Monday."
    ex = next(pipe.process([Document(id="t", text=text)]))
    assert [m.actor for m in ex.actor_mentions] == ["FRA"]
    assert {a.id for a in process_text(text).actors} != {"FRA"}  # the default pipeline is unchanged


def test_pipeline_still_re_exports_the_stage_contract() -> None:
    from detente import pipeline

    assert pipeline.DocContext is DocContext
    assert pipeline.Stage is stage_module.Stage
    assert callable(pipeline.process_text) and pipeline.Pipeline is Pipeline


def test_an_installed_package_can_declare_a_stage_as_an_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import EntryPoint

    declared = [EntryPoint(name="claims.plain", value="tests.test_stage_registry:make_plain_claims",
                           group=stage_module.ENTRY_POINT_GROUP)]
    monkeypatch.setattr(stage_module.importlib.metadata, "entry_points",
                        lambda group: declared if group == stage_module.ENTRY_POINT_GROUP else [])
    assert "claims.plain" in stage_names("claims")
    settings = Settings()
    settings.stages["claims"] = "claims.plain"
    assert stage_factory("claims", "claims.plain") is make_plain_claims
    assert build_stages(settings)[SLOTS.index("claims")].name == "plain-claims"


def make_plain_claims(settings: Settings) -> Recorder:
    """A claims stage declared through an entry point (see the test above)."""
    return Recorder("plain-claims", [])
