"""The shipped actor base: completeness, ids, dates, user files and merges."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from detente.actors import ActorBase, add_actor, add_alias, add_merge, load_base, user_actor_file
from detente.errors import InputError
from detente.settings import Settings

G20 = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"]


def test_every_person_has_a_state_and_a_dated_role(base: ActorBase) -> None:
    people = base.of_kind("person")
    assert len(people) > 150
    for p in people:
        assert p.country and base.get(p.country) and base.get(p.country).kind == "state", p.id
        assert any(r.start for r in p.roles), p.id


def test_ids_are_unique_and_well_formed(base: ActorBase) -> None:
    ids = list(base.entries)
    assert len(ids) == len(set(ids))
    for aid, e in base.entries.items():
        if e.kind == "state":
            assert re.fullmatch(r"[A-Z]{3}", aid), aid
        elif e.kind == "person":
            assert re.fullmatch(r"person:[a-z0-9-]+", aid), aid
        else:
            assert re.fullmatch(r"(org|group):[a-z0-9-]+", aid), aid


def test_every_iso_state_is_loaded_and_major_states_have_demonyms(base: ActorBase) -> None:
    assert len(base.of_kind("state")) >= 249
    with_demonyms = [s for s in base.of_kind("state") if s.demonyms]
    assert len(with_demonyms) >= 120
    for code in G20 + ["PRK", "IRN", "ISR", "UKR", "TWN"]:
        assert base.get(code).demonyms, code


@pytest.mark.parametrize("country,office,on,expected", [
    ("USA", "president", dt.date(2024, 6, 1), "person:joe-biden"),
    ("USA", "president", dt.date(2025, 6, 1), "person:donald-trump"),
    ("KOR", "president", dt.date(2024, 6, 1), "person:yoon-suk-yeol"),
    ("KOR", "president", dt.date(2025, 9, 1), "person:lee-jae-myung"),
    ("CHN", "leader", dt.date(2025, 9, 1), "person:xi-jinping"),
    ("PRK", "foreign_minister", dt.date(2025, 9, 1), "person:choe-son-hui"),
    ("RUS", "defence_minister", dt.date(2025, 1, 1), "person:andrei-belousov"),
    ("RUS", "defence_minister", dt.date(2023, 1, 1), "person:sergei-shoigu"),
])
def test_office_holders_follow_dates(base: ActorBase, country: str, office: str, on: dt.date, expected: str) -> None:
    assert base.holders(country, office, on) == [expected]


def test_kim_yo_jong_is_a_separate_person(base: ActorBase) -> None:
    assert base.get("person:kim-yo-jong").id != base.get("person:kim-jong-un").id
    assert base.get("person:kim-yo-jong").gender == "f"


def test_orgs_are_attributed_to_their_state(base: ActorBase) -> None:
    for oid, code in [("org:kcna", "PRK"), ("org:xinhua", "CHN"), ("org:tass", "RUS"), ("org:cpc", "CHN"), ("org:sipri", "SWE")]:
        assert base.get(oid).country == code


def test_user_file_adds_aliases_actors_and_merges(tmp_path: Path) -> None:
    user = tmp_path / "actors.yaml"
    pid = add_actor(user, "Ana Example", "person", country="KOR", roles=[{"title": "Vice Minister", "of": "KOR", "start": "2025-02-01"}])
    add_alias(user, pid, "A. Example")
    add_alias(user, "PRK", "the Hermit Kingdom")
    dup = add_actor(user, "Ana Exampel", "person", country="KOR")
    add_merge(user, dup, pid)
    b = load_base([user])
    assert b.get(pid).roles[0].start == "2025-02-01"
    assert "A. Example" in b.get(pid).aliases
    assert "the Hermit Kingdom" in b.get("PRK").aliases
    assert b.get(dup) is b.get(pid) and "Ana Exampel" in b.get(pid).aliases


def test_later_files_win(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("actors:\n  - {id: org:x, kind: organization, name: X Corp, country: USA}\n")
    b.write_text("actors:\n  - {id: org:x, country: CAN}\n")
    assert load_base([a, b]).get("org:x").country == "CAN"


def test_csv_user_file(tmp_path: Path) -> None:
    f = tmp_path / "people.csv"
    f.write_text("id,kind,name,country,aliases,title,of,start,end\n"
                 "person:jo-test,person,Jo Test,FRA,J. Test,Ambassador,FRA,2024-01-01,\n")
    e = load_base([f]).get("person:jo-test")
    assert e.country == "FRA" and e.aliases == ["J. Test"] and e.roles[0].title == "Ambassador"


@pytest.mark.parametrize("content,needle", [
    ("actors:\n  - {id: org:y}\n", "needs a name and a kind"),
    ("actors:\n  - {id: org:y, kind: nation, name: Y}\n", "kind must be one of"),
    ("merge:\n  - {from: org:nope, into: CHN}\n", "not in the base"),
    ("actors:\n  - {id: org:z, kind: organization, name: Z, roles: [{title: Head, start: 'June'}]}\n", "not an ISO date"),
])
def test_bad_user_files_say_what_to_fix(tmp_path: Path, content: str, needle: str) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(content)
    with pytest.raises(InputError, match=needle):
        load_base([f])


def test_user_actor_file_default_and_setting(tmp_path: Path) -> None:
    assert user_actor_file(Settings(actor_files=[tmp_path / "mine.yaml"])) == tmp_path / "mine.yaml"
    assert user_actor_file(Settings(actor_files=[])).name == "actors.yaml"
