"""`detente actors` / `detente actor`: listing, user-file corrections and merges that re-link the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from detente.cli import main
from detente.model import Actor, ActorMention
from detente.store import Store
from tests.helpers import make_extraction


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    db = tmp_path / "s.db"
    ex = make_extraction("doc_one")
    dup = Actor(id="person:kim-jong-eun", name="Kim Jong-eun", kind="person", country="PRK")
    ex.actors.append(dup)
    ex.actor_mentions.append(ActorMention(dup.id, "doc_one", 22, 28, "signed"))
    ex.events[0].source.append(dup.id)
    ex.claims[0].speaker = dup.id
    with Store(db) as s:
        s.add(ex, content_hash="h1")
    user = tmp_path / "actors.yaml"
    monkeypatch.setenv("DETENTE_ACTORS", str(user))
    return str(db), user


def invoke(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.output


def test_list_filters(env: tuple[str, Path]) -> None:
    db, _ = env
    code, out = invoke("--db", db, "actors", "--kind", "state", "--json")
    assert code == 0
    assert sorted(a["id"] for a in json.loads(out)) == ["CHN", "PRK"]
    code, out = invoke("--db", db, "actors", "--country", "prk", "--json")
    assert {a["id"] for a in json.loads(out)} == {"PRK", "person:kim-jong-un", "person:kim-jong-eun"}


def test_actor_shows_roles_and_documents(env: tuple[str, Path]) -> None:
    db, _ = env
    code, out = invoke("--db", db, "actor", "North Korea")
    assert code == 0 and "PRK" in out and "doc_one" in out
    code, out = invoke("--db", db, "actor", "Nobody Atall")
    assert code == 1 and "Nobody Atall" in out



def test_actor_lists_the_first_documents_and_says_how_many_more(tmp_path: Path) -> None:
    db = str(tmp_path / "many.db")
    with Store(db) as s:
        for n in range(5):
            s.add(make_extraction(f"doc_{n}"), content_hash=f"h{n}")
    code, out = invoke("--db", db, "actor", "North Korea", "--documents", "2")
    assert code == 0 and "doc_0" in out and "doc_1" in out and "doc_2" not in out
    assert "… and 3 more documents" in out
    code, out = invoke("--db", db, "actor", "North Korea", "--documents", "0")
    assert code == 0 and all(f"doc_{n}" in out for n in range(5)) and "more document" not in out
    code, out = invoke("--db", db, "actor", "North Korea", "--documents", "-1")
    assert code != 0 and "--documents" in out


def test_add_and_alias_write_the_user_file(env: tuple[str, Path]) -> None:
    db, user = env
    code, out = invoke("--db", db, "actors", "add", "Jane Roe", "--kind", "person", "--country", "GBR",
                       "--role", "Ambassador", "--since", "2025-01-02")
    assert code == 0, out
    code, _ = invoke("--db", db, "actors", "alias", "PRK", "the North")
    assert code == 0
    data = yaml.safe_load(user.read_text())
    jane = next(a for a in data["actors"] if a.get("name") == "Jane Roe")
    assert jane["country"] == "GBR" and jane["roles"][0]["start"] == "2025-01-02"
    assert any(a.get("id") == "PRK" and "the North" in a["aliases"] for a in data["actors"])


def test_merge_relinks_everything(env: tuple[str, Path]) -> None:
    db, user = env
    code, out = invoke("--db", db, "actors", "merge", "person:kim-jong-eun", "person:kim-jong-un")
    assert code == 0, out
    with Store(db) as s:
        ids = {a.id for a in s.actors()}
        assert "person:kim-jong-eun" not in ids
        kim = next(a for a in s.actors() if a.id == "person:kim-jong-un")
        assert "Kim Jong-eun" in kim.aliases
        assert {m.text for m in kim.mentions} == {"signed"}
        ev = s.events()[0]
        assert ev.source == ["CHN", "person:kim-jong-un"]
        assert s.claims()[0].speaker == "person:kim-jong-un"
    assert yaml.safe_load(user.read_text())["merge"] == [{"from": "person:kim-jong-eun", "into": "person:kim-jong-un"}]


def test_merge_unknown_actors_fails(env: tuple[str, Path]) -> None:
    db, user = env
    code, out = invoke("--db", db, "actors", "merge", "person:x", "person:y")
    assert code == 1 and "person:x" in out
    assert not user.exists()
