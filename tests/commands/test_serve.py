"""`detente serve` without the server extra: one line naming the missing package, exit status 2."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli import main


@pytest.mark.parametrize("package", ["uvicorn", "fastapi"])
def test_a_missing_server_package_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, package: str) -> None:
    monkeypatch.setitem(sys.modules, package, None)  # importing it now raises ImportError
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), "serve"])
    assert result.exit_code == 2
    assert f"needs the 'server' extra ({package} is missing)" in result.output
