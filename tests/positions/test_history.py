"""Step lines, shifts and the default window (detente.positions.history)."""

from __future__ import annotations

from detente.model import Date, Mention, Position
from detente.positions.history import changed_in, default_window, shifts, step_lines


def _p(actor: str, stance: str, value: str, doc: str, *, modality: str = "asserted",
       state: str | None = None) -> Position:
    start = value if len(value) == 10 else f"{value}-01-01"
    return Position(id=f"{doc}-{stance}-{value}", actor=actor, issue="korean-denuclearisation", stance=stance,
                    date=Date(value=value, granularity="day", start=start, end=start),
                    modality=modality, mentions=[Mention(doc, 0, 5, "cited")], origin="report", state=state)


def test_step_line_merges_consecutive_stances_and_keeps_citations() -> None:
    lines = step_lines([_p("JPN", "demands", "2019", "a"), _p("JPN", "demands", "2020", "b"),
                        _p("JPN", "silent", "2025-06-01", "c")])
    steps = lines[("JPN", "korean-denuclearisation", None)]
    assert [s.stance for s in steps] == ["demands", "silent"]
    assert [m.document for m in steps[0].citations] == ["a", "b"]


def test_shift_from_demand_to_silence_cites_both_sides() -> None:
    found = shifts([_p("JPN", "demands", "2019", "old"), _p("JPN", "silent", "2026-06-01", "new")])
    assert len(found) == 1
    s = found[0]
    assert (s.before_stance, s.after_stance) == ("demands", "silent")
    assert [m.document for st in s.before for m in st.citations] == ["old"]
    assert [m.document for st in s.after for m in st.citations] == ["new"]


def test_silence_then_abandonment_is_no_new_shift() -> None:
    found = shifts([_p("JPN", "silent", "2025-01-01", "a"), _p("JPN", "abandoned", "2026-01-01", "b")])
    assert found == []


def test_officials_roll_up_to_their_state() -> None:
    found = shifts([_p("JPN", "demands", "2019", "a"), _p("person:pm", "silent", "2026-01-01", "b", state="JPN")])
    assert [(s.holder, s.after_stance) for s in found] == [("JPN", "silent")]
    assert shifts([_p("JPN", "demands", "2019", "a"), _p("person:pm", "silent", "2026-01-01", "b", state="JPN")],
                  by_state=False) == []


def test_prescriptions_make_no_steps() -> None:
    assert step_lines([_p("JPN", "supports", "2026-01-01", "a", modality="prescriptive")]) == {}


def test_default_window_is_stated_and_catches_the_recent_shift() -> None:
    ps = [_p("JPN", "demands", "2019", "a"), _p("JPN", "silent", "2026-06-01", "b")]
    w = default_window(p.date.start or "" for p in ps)
    assert w is not None and w.until == "2026-06-01" and w.since == "2025-06-01"
    assert "latest 365 days" in w.reason
    assert len(changed_in(w, shifts(ps))) == 1
    assert default_window([]) is None


def test_two_readings_of_one_month_make_no_shift() -> None:
    ps = [_p("JPN", "demands", "2019", "a"), _p("JPN", "silent", "2026-06-01", "b"),
          _p("JPN", "silent", "2026-06-03", "c"), _p("JPN", "opposes", "2026-06-02", "d")]
    found = shifts(ps)
    assert [(s.before_stance, s.after_stance) for s in found] == [("demands", "silent")]


def test_per_target_lines_are_separate() -> None:
    a = _p("JPN", "opposes", "2025-01-01", "a")
    b = _p("JPN", "supports", "2026-01-01", "b")
    a.issue = b.issue = "sanctions"
    a.target, b.target = "IRN", "PRK"
    assert shifts([a, b]) == []
    assert set(step_lines([a, b])) == {("JPN", "sanctions", "IRN"), ("JPN", "sanctions", "PRK")}
