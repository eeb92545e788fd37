"""The issue book (shipped + user files) and the Position record's JSON form."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import InputError
from detente.model import Date, Document, Extraction, Mention, Position, position_from, to_json
from detente.positions.issues import load_issues


def test_shipped_issues_have_cues_and_known_stances() -> None:
    book = load_issues(extra_files=[])
    assert {"korean-denuclearisation", "taiwan", "war-in-ukraine", "sanctions", "tariffs-and-trade",
            "territorial-dispute", "alliances-and-defence-pacts", "human-rights"} <= set(book.issues)
    assert book.group("demands") != book.group("silent") == book.group("abandoned")
    text = "Both sides discussed the nuclear question and tariffs."
    assert {m.issue for m in book.find(text)} == {"korean-denuclearisation", "tariffs-and-trade"}


def test_user_file_adds_an_issue_and_drops_another(tmp_path: Path) -> None:
    f = tmp_path / "issues.yaml"
    f.write_text("issues:\n  fishing-rights:\n    cues: [fishing rights]\n    stances: [supports, opposes]\n"
                 "drop: [human-rights]\n", encoding="utf-8")
    book = load_issues([f])
    assert "fishing-rights" in book.issues and "human-rights" not in book.issues
    assert [m.issue for m in book.find("They argued over fishing rights.")] == ["fishing-rights"]
    assert not book.fits("fishing-rights", "silent")


def test_an_edited_user_file_is_read_again(tmp_path: Path) -> None:
    f = tmp_path / "issues.yaml"
    f.write_text("issues:\n  fishing-rights:\n    cues: [fishing rights]\n", encoding="utf-8")
    assert "fishing-rights" in load_issues([f]).issues and load_issues([f]) is load_issues([f])  # parsed once
    f.write_text("issues:\n  fishing-quotas:\n    cues: [fishing quotas]\n", encoding="utf-8")  # same size
    book = load_issues([f])
    assert "fishing-quotas" in book.issues and "fishing-rights" not in book.issues


def test_bad_user_file_names_the_file(tmp_path: Path) -> None:
    f = tmp_path / "issues.yaml"
    f.write_text("issues:\n  x: {stances: [supports]}\n", encoding="utf-8")
    with pytest.raises(InputError, match="cues"):
        load_issues([f])


def test_position_round_trips_through_json_and_extraction_has_the_field() -> None:
    p = Position(id="p1", actor="CHN", issue="taiwan", stance="supports",
                 date=Date("2019", "year", "2019-01-01", "2019-12-31"), modality="asserted",
                 mentions=[Mention("d", 1, 4, "abc")], origin="report")
    data = to_json(p)
    assert position_from(data) == p
    assert to_json(Extraction(Document("d", "t")))["positions"] == []
