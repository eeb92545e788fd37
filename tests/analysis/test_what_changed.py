"""What changed without --since: the default window, position shifts first with both sides cited, then ties,
trends and new actors; the brief's key events by importance and its incompletely-reported list."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from detente.analysis.brief import brief
from detente.analysis.changes import changes
from detente.analysis.positions import position_lines
from detente.cli import main
from detente.errors import InputError
from detente.positions.history import default_window
from detente.store import Store
from tests.analysis.positions_world import ISSUE, build_positions_world


@pytest.fixture
def world(store: Store) -> Store:
    return build_positions_world(store)


def section(text: str, name: str) -> list[str]:
    return [x[2:] for x in text.split(f"## {name}\n")[1].split("\n## ")[0].splitlines() if x.startswith("- ")]


def test_the_default_window_is_the_latest_period_and_says_why(world: Store) -> None:
    ch = changes(world)
    expected = default_window(["2023-03-01", "2026-06-15"])
    assert expected is not None
    assert (ch.since, ch.until) == (expected.since, "2026-06-15")
    assert "latest" in ch.window_reason and "2023-03-01" in ch.window_reason
    # an explicit window still wins
    assert changes(world, since="2026-06-01").since == "2026-06-01"


def test_an_empty_store_asks_for_a_window(store: Store) -> None:
    with pytest.raises(InputError, match="--since"):
        changes(store)


def test_a_position_shift_has_both_sides_cited(world: Store) -> None:
    [shift] = changes(world, about=["China"]).shifts
    assert (shift.holder, shift.issue, shift.before, shift.now) == ("CHN", ISSUE, "demands", "silent")
    assert shift.before_when == "2019" and shift.now_when == "2026-06-15"
    assert {m.document for m in shift.before_mentions} == {"old"}
    assert {m.document for m in shift.now_mentions} == {"now"}
    assert "made no reference to" in shift.text and "stated" not in shift.text


def test_ties_visits_and_broken_pacts(world: Store) -> None:
    ties = {(t.kind, t.a, t.b, t.tie, t.years) for t in changes(world).ties}
    assert ("new", "CHN", "RUS", "treaty", None) in ties
    assert ("broken", "KOR", "PRK", "pact", None) in ties
    assert ("visit", "CHN", "PRK", None, 7) in ties  # June 2019 to June 2026, in whole years


def test_a_trend_needs_enough_events_on_both_sides(world: Store) -> None:
    [trend] = changes(world).trends
    assert (trend.a, trend.b, trend.direction) == ("CHN", "USA", "towards cooperation")
    assert trend.before == (0, 4) and trend.now == (4, 0)
    # in a window holding three of the four cooperative events, the counts no longer support a trend
    assert changes(world, since="2026-06-13", until="2026-06-13").trends  # all four on that day
    assert not changes(world, since="2026-06-14").trends


def test_what_changed_lists_shifts_then_ties_then_trends_then_new_actors(world: Store) -> None:
    lines = section(brief(world, about=["China", "North Korea"]), "What changed")
    kinds = []
    for line in lines:
        kinds.append("shift" if "made no reference" in line else "visit" if line.startswith("First visit")
                     else "tie" if re.match(r"A (new|broken)", line) else "pair" if "first time in the stored" in line
                     else "trend" if line.startswith("Relations between") else "actor")
    assert kinds[0] == "shift"
    order = ["shift", "visit", "tie", "pair", "trend", "actor"]
    assert [order.index(k) for k in kinds] == sorted(order.index(k) for k in kinds)
    assert "trend" in kinds and "visit" in kinds and "tie" in kinds
    shift = lines[0]
    assert shift.startswith("China demanded denuclearisation of the Korean Peninsula (2019) [")
    assert "; later it made no reference to denuclearisation" in shift and "(2026-06-15) [" in shift


def test_no_silence_reads_as_a_statement(world: Store) -> None:
    text = brief(world, about=["China"])
    said = section(text, "Who said what")
    assert not any("stated" in x and "no reference" in x for x in said)
    assert any(x.startswith("China made no reference to denuclearisation of the Korean Peninsula (silence reported "
                            "by the source)") for x in said)


def test_key_events_by_importance_merged_and_never_someone(world: Store) -> None:
    text = brief(world, about=["China", "North Korea"])
    key = section(text, "Key events")
    visit = next(i for i, x in enumerate(key) if "visited North Korea" in x and "2026" in x)
    praise = next(i for i, x in enumerate(key) if "expressed support for" in x)
    assert visit < praise  # a state visit above a word of praise
    # the visit's two versions (two outlets) are one line citing both
    assert "reported by 2 outlets" in key[visit]
    assert len([x for x in key if "visited North Korea" in x and "2026" in x]) == 1
    assert "someone" not in text.lower()
    incomplete = section(text, "Incompletely reported")
    assert any("imposed sanctions" in x and "who acted is not stated" in x for x in incomplete)
    assert not any("imposed sanctions" in x for x in key)


def test_position_lines_step_through_time_with_sources(world: Store) -> None:
    [line] = position_lines(world, "China", "denuclearisation")
    assert [(st.stance, st.when) for st in line.steps] == [("demands", "2019"), ("silent", "2026-06-15")]
    assert line.shifts == 1
    assert line.steps[1].text.startswith("made no reference to")
    assert [e.source for e in line.steps[0].evidence] == ["Pacific Wire"]
    assert line.steps[0].evidence[0].text == "In 2019 Beijing demanded the denuclearisation of the peninsula"
    with pytest.raises(InputError, match="no such issue"):
        position_lines(world, "China", "fishing rights")


@pytest.fixture
def db(tmp_path) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "world.db"
    with Store(path) as s:
        build_positions_world(s)
    return str(path)


def test_the_changes_command_needs_no_since(db: str) -> None:
    result = CliRunner().invoke(main, ["--db", db, "changes", "--about", "China"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert out.startswith("window ") and "the latest" in out
    assert out.index("position shift") < out.index("first visit in 7 years")


def test_the_positions_command(db: str) -> None:
    result = CliRunner().invoke(main, ["--db", db, "positions", "--actor", "China", "--issue", "denuclearisation"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "China on denuclearisation of the Korean Peninsula — 1 shift" in out
    assert "[old " in out and "Pacific Wire, 2023-03-01" in out and "made no reference to" in out
    result = CliRunner().invoke(main, ["--db", db, "positions", "--actor", "China", "--issue", "fishing"])
    assert result.exit_code != 0 and "no such issue" in result.output


def test_cooperation_between_old_allies_is_no_new_tie(store: Store) -> None:
    from tests.analysis.positions_world import store_with
    from tests.fusion.builders import Article, day

    a = Article("pact", "China and Russia signed a pact.", published="2024-01-10")
    a.event("China and Russia signed a pact", "AGREE", ["CHN", "RUS"], date=day("2024-01-09"))
    store_with(store, a, [])
    b = Article("drill", "China cooperated with Russia within their alliance.", published="2026-06-10")
    b.event("China cooperated with Russia within their alliance", "COOPERATE", ["CHN"], ["RUS"],
            date=day("2026-06-09"))
    store_with(store, b, [])
    assert not [t for t in changes(store, since="2026-01-01").ties if t.kind == "new"]
