"""Position lines read only the actors they name and parse the issue book once: the same lines as before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from detente.analysis import positions as lines_module
from detente.analysis.changes import name_lookup
from detente.analysis.positions import issue_ids, position_lines
from detente.model import to_json
from detente.store import Store
from tests.analysis.positions_world import build_positions_world


def test_the_lines_name_their_actors_as_the_whole_index_did(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    build_positions_world(store)
    refs = [a.id for a in store.actor_index().values()] + ["CHN", "USA", "PRK"]
    new = {r: to_json(position_lines(store, r)) for r in refs}
    monkeypatch.setattr(lines_module, "_namer", lambda s, keys: name_lookup(s))
    old = {r: to_json(position_lines(store, r)) for r in refs}
    assert new == old and any(new.values())


def test_the_issue_book_follows_the_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              store: Store) -> None:
    extra = tmp_path / "issues.yaml"
    extra.write_text("issues: {}\n", encoding="utf-8")
    monkeypatch.setenv("DETENTE_ISSUES", str(extra))
    assert "test-issue" not in issue_ids(store)
    extra.write_text("issues:\n  test-issue:\n    label: a test issue\n    cues: [testing cue]\n", encoding="utf-8")
    os.utime(extra, ns=(1, 1))  # a new modification time even on a coarse clock
    assert "test-issue" in issue_ids(store)
