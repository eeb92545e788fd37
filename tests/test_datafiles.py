"""The typed YAML loader: conversion by field type, base extension, errors naming file and key."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pytest
import yaml

from detente.datafiles import DataFileError, load, parse_yaml


@dataclass(frozen=True, slots=True)
class Sample:
    verbs: frozenset[str]
    counts: dict[str, int]
    order: tuple[str, ...]
    scale: float
    note: str = "none"
    extra: dict[str, str] = field(default_factory=dict)


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "sample.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_values_take_their_field_types(tmp_path: Path) -> None:
    path = write(tmp_path, 'verbs: [say, tell]\ncounts: {two: 2, "3": 3}\norder: [b, a]\nscale: "1.0e3"\n')
    got = load(Sample, path)
    assert got == Sample(frozenset({"say", "tell"}), {"two": 2, "3": 3}, ("b", "a"), 1000.0)
    assert got.note == "none" and got.extra == {}


def test_a_file_extends_a_base_class_without_repeating_it(tmp_path: Path) -> None:
    path = write(tmp_path, "verbs: [warn]\ncounts: {}\norder: []\nscale: 1\n")
    assert load(Sample, path, extends={"verbs": frozenset({"say"})}).verbs == {"say", "warn"}
    # the key may be left out: the base alone
    path = write(tmp_path, "counts: {}\norder: []\nscale: 1\n")
    assert load(Sample, path, extends={"verbs": frozenset({"say"})}).verbs == {"say"}


@pytest.mark.parametrize(
    ("body", "key", "message"),
    [
        ("counts: {}\norder: []\nscale: 1\n", "verbs", "missing key"),
        ("verbs: [a]\ncounts: {}\norder: []\nscale: 1\nverb: [b]\n", "verb", "unknown key"),
        ("verbs: say\ncounts: {}\norder: []\nscale: 1\n", "verbs", "expected a list"),
        ("verbs: []\ncounts: [1]\norder: []\nscale: 1\n", "counts", "expected a mapping"),
        ("verbs: []\ncounts: {two: many}\norder: []\nscale: 1\n", "counts.two", "expected a number"),
        ("verbs: []\ncounts: {}\norder: []\nscale: true\n", "scale", "expected a number"),
    ],
)
def test_errors_name_the_file_and_the_key(tmp_path: Path, body: str, key: str, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(DataFileError) as err:
        load(Sample, path)
    assert err.value.key == key
    assert str(path) in str(err.value) and message in str(err.value)


def test_not_a_mapping_or_not_yaml_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="mapping"):
        load(Sample, write(tmp_path, "- a\n- b\n"))
    with pytest.raises(DataFileError, match="not valid YAML"):
        load(Sample, write(tmp_path, "verbs: [a\n"))
    with pytest.raises(DataFileError, match="cannot read"):
        load(Sample, tmp_path / "absent.yaml")


def test_the_fast_loader_reads_every_shipped_file_as_the_safe_loader_does() -> None:
    data = resources.files("detente").joinpath("data")
    files = [p for p in Path(str(data)).rglob("*.yaml")]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert parse_yaml(text) == yaml.safe_load(text), path


@pytest.mark.parametrize("text", ["!!python/object/apply:os.system ['true']", "a: [1, 2", "a: b: c"])
def test_the_fast_loader_refuses_what_the_safe_loader_refuses(text: str) -> None:
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load(text)
    with pytest.raises(yaml.YAMLError):
        parse_yaml(text)
