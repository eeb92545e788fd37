"""Export writes detente/1 exactly: every key of the spec, in JSON, JSON Lines and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest

from detente.errors import InputError
from detente.export import export, load_export
from detente.model import Date, Mention, Position
from detente.store import Store
from tests.helpers import make_extraction

SPEC_KEYS = {
    "documents": {"id", "title", "source", "url", "published", "published_basis", "authors", "path"},
    "actors": {"id", "name", "kind", "code", "country", "roles", "aliases"},
    "events": {"id", "type", "mode", "source", "target", "date", "location", "modality", "attribution",
               "quad_class", "intensity", "confidence", "mentions"},
    "quantities": {"id", "measure", "value", "unit", "subjects", "date", "modality", "mentions"},
    "claims": {"id", "kind", "speaker", "text", "about", "stance", "mentions"},
    "times": {"document", "start", "end", "text", "value", "granularity"},
    "positions": {"id", "actor", "issue", "stance", "date", "modality", "mentions", "origin"},
}


@pytest.fixture
def filled(store: Store) -> Store:
    ex = make_extraction()
    ex.positions = [Position(id="pos-d1", actor="CHN", issue="denuclearisation", stance="demands",
                             date=Date(value="2025-09-05", granularity="day", start="2025-09-05", end="2025-09-05"),
                             modality="asserted", mentions=[Mention("d1", 0, 5, "China")], origin="report")]
    store.add(ex, content_hash="h1")
    return store


def test_json_has_every_spec_field(filled: Store) -> None:
    buf = io.StringIO()
    export(filled, "json", out=buf)
    data = json.loads(buf.getvalue())
    assert data["schema"] == "detente/1"
    for key, fields in SPEC_KEYS.items():
        assert data[key], key
        for item in data[key]:
            assert fields <= set(item), (key, fields - set(item))
    ev = data["events"][0]
    assert set(ev["date"]) >= {"value", "granularity", "start", "end"}
    assert set(ev["mentions"][0]) >= {"document", "start", "end", "text"}
    role = next(a for a in data["actors"] if a["id"] == "person:kim-jong-un")["roles"][0]
    assert set(role) >= {"title", "of", "start", "end"}
    doc = data["documents"][0]
    m = ev["mentions"][0]
    assert doc["text"][m["start"]:m["end"]] == m["text"]


def test_empty_store_exports_empty_lists(store: Store) -> None:
    buf = io.StringIO()
    export(store, "json", out=buf)
    data = json.loads(buf.getvalue())
    assert {k: data[k] for k in SPEC_KEYS} == dict.fromkeys(SPEC_KEYS, [])


def test_jsonl_round_trip(filled: Store, tmp_path) -> None:
    out = tmp_path / "g.jsonl"
    data = export(filled, "jsonl", out)
    lines = out.read_text().splitlines()
    assert json.loads(lines[0]) == {"schema": "detente/1"}
    assert {json.loads(x)["record"] for x in lines[1:]} == {"document", "actor", "event", "quantity", "claim", "time",
                                                                 "position"}
    back = load_export(out)
    assert back["events"] == data["events"]


def test_csv_one_table_per_type(filled: Store, tmp_path) -> None:
    export(filled, "csv", tmp_path / "csv")
    names = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert names == sorted(f"{k}.csv" for k in SPEC_KEYS)
    rows = list(csv.DictReader((tmp_path / "csv" / "events.csv").open()))
    assert rows[0]["type"] == "AGREE"
    assert json.loads(rows[0]["source"]) == ["CHN"]


def test_bad_format_and_csv_without_folder(filled: Store) -> None:
    with pytest.raises(InputError, match="format"):
        export(filled, "xml", out=io.StringIO())
    with pytest.raises(InputError, match="-o FOLDER"):
        export(filled, "csv")


def test_load_export_rejects_other_files(tmp_path) -> None:
    p = tmp_path / "x.json"
    p.write_text('{"schema": "other"}')
    with pytest.raises(InputError, match="schema"):
        load_export(p)
    p.write_text("{not json")
    with pytest.raises(InputError, match="x.json"):
        load_export(p)
