"""The analysis commands: help text, output, and one-line errors for bad parameters."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli import main
from detente.commands.analysis import COMMANDS
from detente.store import Store
from tests.analysis.scenario import build_world


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "world.db"
    with Store(path) as store:
        build_world(store)
    return str(path)


def run(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", db, *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_every_command_has_help(db: str, command: str) -> None:
    code, out = run(db, command, "--help")
    assert code == 0 and len(out) > 200


def test_timeline_and_relations(db: str) -> None:
    code, out = run(db, "timeline", "--actor", "China", "--since", "2026")
    assert code == 0 and "2026-06-08" in out and "2025-09-04" not in out
    code, out = run(db, "relations", "China", "North Korea", "--by", "year")
    assert code == 0 and "2025" in out and "standing tie (trade)" in out


def test_network_and_changes(db: str) -> None:
    code, out = run(db, "network")
    assert code == 0 and "community 0: CHN, PRK, RUS" in out
    code, out = run(db, "changes", "--since", "2026-01-01")
    assert code == 0 and "denuclearisation: support → silent" in out


def test_changes_top_says_what_it_leaves_out(db: str) -> None:
    code, every = run(db, "changes", "--since", "2025-01-01")
    assert code == 0 and every.count("new pair ") == 3 and every.count("new actor ") == 6
    assert "more new" not in every
    code, out = run(db, "changes", "--since", "2025-01-01", "--top", "1")
    assert code == 0 and out.count("new pair ") == 1 and out.count("new actor ") == 1
    assert "and 2 more new pairs, 5 more new actors (raise --top to list them)" in out
    code, out = run(db, "changes", "--top", "-1")
    assert code == 2 and "--top" in out


def test_brief_to_file(db: str, tmp_path: Path) -> None:
    target = tmp_path / "b.html"
    code, _ = run(db, "brief", "--about", "China", "--about", "North Korea", "--format", "html", "-o", str(target))
    assert code == 0 and target.read_text().startswith("<!doctype html>")


@pytest.mark.parametrize("args, message", [
    (["timeline", "--actor", "Atlantis"], "no such actor"),
    (["timeline", "--since", "2025-13-01"], "not a date"),
    (["relations", "China", "Narnia"], "no such actor"),
    (["brief", "--about", "Atlantis"], "no such actor"),
])
def test_bad_parameters_give_one_line_and_nonzero_exit(db: str, args: list[str], message: str) -> None:
    code, out = run(db, *args)
    assert code != 0
    assert message in out and len(out.strip().splitlines()) == 1
