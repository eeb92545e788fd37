"""The positions table (migration 5) on both backends: written with the document, read, deleted, exported."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from detente.export import export, load_export
from detente.model import Date, Mention, Position
from detente.store import Store

from ..conftest import make_extraction


def _position(doc_id: str, pid: str, stance: str, day: str, actor: str = "CHN", issue: str = "denuclearisation",
              start: int = 0) -> Position:
    return Position(id=pid, actor=actor, issue=issue, stance=stance,
                    date=Date(value=day, granularity="day", start=day, end=day, basis="explicit"),
                    modality="asserted", mentions=[Mention(doc_id, start, start + 5, "China")], origin="report",
                    state="CHN")


def _with_positions(doc_id: str, *positions: Position, text: str | None = None):
    ex = make_extraction(doc_id, **({"text": text} if text else {}))
    ex.positions = list(positions)
    return ex


def test_positions_are_written_with_their_document_and_read_back(store: Store) -> None:
    store.add(_with_positions("d1", _position("d1", "p1", "demands", "2019-06-20"),
                              _position("d1", "p2", "silent", "2025-09-05", actor="person:xi")), content_hash="h1")
    ex = store.extraction("d1")
    assert ex is not None and [p.id for p in ex.positions] == ["p1", "p2"]
    assert ex.positions[0].date.start == "2019-06-20" and ex.positions[0].mentions[0].document == "d1"
    # held by the official but for China: found by the state as well as by the holder's id
    assert [p.id for p in store.positions(holders=["CHN"])] == ["p1", "p2"]
    assert [p.id for p in store.positions(holders=["person:xi"])] == ["p2"]
    assert store.positions(issues=["taiwan"]) == []
    assert store.stats()["positions"] == 2


def test_positions_go_with_their_document(store: Store) -> None:
    store.add(_with_positions("d1", _position("d1", "p1", "demands", "2019-06-20")), content_hash="h1")
    store.add(_with_positions("d2", _position("d2", "p2", "silent", "2026-06-15"),
                              text="China and North Korea met again in June."), content_hash="h2")
    assert store.delete_document("d1")
    assert [p.id for p in store.positions()] == ["p2"]


def test_a_failed_document_writes_no_positions(store: Store) -> None:
    store.add(_with_positions("d1", _position("d1", "p1", "demands", "2019-06-20")), content_hash="h1")
    try:
        # the same id with another text is refused: nothing of it may land
        store.add(_with_positions("d1", _position("d1", "p9", "opposes", "2020-01-01"), text="Another text."),
                  content_hash="h9")
    except Exception:  # noqa: BLE001 - the refusal's class is the store's business
        pass
    assert [p.id for p in store.positions()] == ["p1"]


def test_merging_actors_moves_their_positions(store: Store) -> None:
    store.add(_with_positions("d1", _position("d1", "p1", "demands", "2019-06-20", actor="PRK")), content_hash="h1")
    store.merge_actors("PRK", "CHN")
    [p] = store.positions(holders=["CHN"])
    assert p.actor == "CHN"


def test_export_lists_positions_in_every_format(store: Store, tmp_path: Path) -> None:
    store.add(_with_positions("d1", _position("d1", "p1", "demands", "2019-06-20")), content_hash="h1")
    buf = io.StringIO()
    data = export(store, "json", out=buf)
    assert [p["id"] for p in json.loads(buf.getvalue())["positions"]] == ["p1"]
    assert data["positions"][0]["stance"] == "demands"
    export(store, "jsonl", tmp_path / "all.jsonl")
    back = load_export(tmp_path / "all.jsonl")
    assert back["positions"] == data["positions"]
    (tmp_path / "all.json").write_text(buf.getvalue(), encoding="utf-8")
    assert load_export(tmp_path / "all.json")["positions"] == data["positions"]
    export(store, "csv", tmp_path / "csv")
    [row] = list(csv.DictReader((tmp_path / "csv" / "positions.csv").open(encoding="utf-8")))
    assert row["issue"] == "denuclearisation" and json.loads(row["mentions"])[0]["document"] == "d1"


def test_an_export_without_positions_still_loads(tmp_path: Path) -> None:
    # files written before positions existed: the list is simply empty
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"schema": "detente/1", "documents": []}), encoding="utf-8")
    assert load_export(old)["positions"] == []


def test_a_version_4_store_gains_the_table(tmp_path: Path) -> None:
    path = str(tmp_path / "old.db")
    with Store(path) as s:
        s.add(make_extraction("d1"), content_hash="h1")
        s.conn.execute("DROP TABLE positions")
        s.conn.execute("DELETE FROM schema_migrations WHERE version = 5")
        s.conn.commit()
    with Store(path) as s:
        assert s.schema_version >= 5 and s.positions() == []
        s.add(_with_positions("d2", _position("d2", "p1", "demands", "2019-06-20"), text="Another report."),
              content_hash="h2")
        assert [p.id for p in s.positions()] == ["p1"]
