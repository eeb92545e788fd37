"""The command line, driven as a user would (click's CliRunner on a real store file)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from detente.cli import main
from detente.store import Store
from tests.helpers import make_extraction


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "s.db"
    with Store(path) as s:
        s.add(make_extraction("doc_one"), content_hash="h1")
    return str(path)


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((prefix + name, cmd))
        if isinstance(cmd, click.Group):
            out.extend(all_commands(cmd, prefix + name + " "))
    return out


@pytest.mark.parametrize(("name", "command"), all_commands(main))
def test_every_command_has_help(name: str, command: click.Command) -> None:
    assert command.help and len(command.help.strip()) > 20, f"`detente {name}` lacks help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"`detente {name}` option {param.opts} lacks help text"


def test_docs_show_stats(db: str) -> None:
    r = run("--db", db, "docs", "--json")
    assert r.exit_code == 0
    assert [d["id"] for d in json.loads(r.output)] == ["doc_one"]
    r = run("--db", db, "show", "doc_o")
    assert r.exit_code == 0 and "North Korea signed a treaty" in r.output and "AGREE" in r.output
    r = run("--db", db, "stats", "--json")
    assert json.loads(r.output)["documents"] == 1


def test_show_and_delete_unknown_document(db: str) -> None:
    r = CliRunner().invoke(main, ["--db", db, "show", "nope"])
    assert r.exit_code == 1 and "nope" in r.output
    r = CliRunner().invoke(main, ["--db", db, "delete", "nope"])
    assert r.exit_code == 1


def test_delete(db: str) -> None:
    assert run("--db", db, "delete", "doc_one", "--yes").exit_code == 0
    assert json.loads(run("--db", db, "stats", "--json").output)["documents"] == 0


def test_export_and_eval_round_trip(db: str, tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    assert run("--db", db, "export", "-o", str(out)).exit_code == 0
    r = run("--db", db, "eval", str(out), "--json-out", str(tmp_path / "scores.json"))
    assert r.exit_code == 0 and "events" in r.output
    scores = {s["name"]: s for s in json.loads((tmp_path / "scores.json").read_text())["scores"]}
    assert scores["events"]["f1"] == 1.0
    csv_dir = tmp_path / "csv"
    assert run("--db", db, "export", "--format", "csv", "-o", str(csv_dir)).exit_code == 0
    assert (csv_dir / "events.csv").exists()


def test_eval_rejects_non_gold_file(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    r = CliRunner().invoke(main, ["--db", db, "eval", str(bad)])
    assert r.exit_code == 1 and "bad.json" in r.output


def test_bad_store_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x89PNG not a database" * 64)
    r = CliRunner().invoke(main, ["--db", str(junk), "stats"])
    assert r.exit_code == 1 and "junk.db" in r.output


def test_overrides_need_a_single_input(db: str, tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["--db", db, "ingest", str(tmp_path), "--title", "x"])
    assert r.exit_code == 2 and "single" in r.output
