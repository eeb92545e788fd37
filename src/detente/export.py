"""Export the store in the public detente/1 format (JSON, JSON Lines, CSV).

* ``json``: one object ``{"schema": "detente/1", "documents": [...], ...}``.
* ``jsonl``: a header line ``{"schema": "detente/1"}``, then one line per record,
  ``{"record": "document"|"actor"|"event"|"quantity"|"claim"|"time"|"position", ...fields}``.
* ``csv``: a folder with one table per record type (``documents.csv`` …);
  list and object fields are written as JSON in their cell.

Where it goes: ``-`` is standard output; a regular file (or a symlink to one) is
written to ``NAME.partial`` and renamed over it, so a reader never sees half an
export; anything else that exists — a FIFO, ``/dev/stdout``, a terminal,
``/dev/null`` — is opened and written in place, since renaming a file over it would
replace the device or pipe itself (as root, ``/dev/stdout`` for the whole machine).

Documents carry their stored ``text`` (an addition to the spec) so that every
mention's offsets can be resolved from the export alone.
"""

from __future__ import annotations

import csv
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import InputError
from .model import SCHEMA, to_json
from .store import Store

# record lists of detente/1, with the singular name used in JSON Lines and CSV file names
LISTS: tuple[tuple[str, str], ...] = (
    ("documents", "document"),
    ("actors", "actor"),
    ("events", "event"),
    ("quantities", "quantity"),
    ("claims", "claim"),
    ("times", "time"),
    ("positions", "position"),  # addition (issue #17): who holds what on which issue, when
)
FORMATS = ("json", "jsonl", "csv")


def export_data(store: Store, *, include_text: bool = True) -> dict[str, Any]:
    """The whole store as one detente/1 object."""
    documents = to_json(store.all_documents())
    for d in documents:
        d.pop("duplicate_of", None)
        if not include_text:
            d.pop("text", None)
    return {
        "schema": SCHEMA,
        "documents": documents,
        "actors": to_json(store.actors()),
        "events": to_json(store.events()),
        "quantities": to_json(store.quantities()),
        "claims": to_json(store.claims()),
        "times": to_json(store.times()),
        "positions": to_json(store.positions()),
    }


def _records(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for key, singular in LISTS:
        for item in data[key]:
            yield singular, item


def write_json(data: dict[str, Any], out: IO[str]) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(data: dict[str, Any], out: IO[str]) -> None:
    out.write(json.dumps({"schema": data["schema"]}) + "\n")
    for singular, item in _records(data):
        out.write(json.dumps({"record": singular, **item}, ensure_ascii=False) + "\n")


def write_csv(data: dict[str, Any], folder: Path) -> list[Path]:
    """One CSV per record type in ``folder``; nested values as JSON text."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for key, _ in LISTS:
        rows = data[key]
        columns: list[str] = []
        for row in rows:
            columns.extend(c for c in row if c not in columns)
        path = folder / f"{key}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_cell(row.get(c)) for c in columns])
        written.append(path)
    return written


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def export(store: Store, fmt: str = "json", output: str | Path | None = None, *, out: IO[str] | None = None,
           include_text: bool = True) -> dict[str, Any]:
    """Write the store as ``fmt`` to ``output`` (a file, ``-`` for ``out`` or standard output, a folder for CSV) or ``out``."""
    if fmt not in FORMATS:
        raise InputError("--format", f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    data = export_data(store, include_text=include_text)
    if fmt == "csv":
        if output is None or str(output) == STDOUT:
            raise InputError("--output", "CSV export writes a folder of tables; give -o FOLDER")
        write_csv(data, Path(output))
        return data
    writer = write_json if fmt == "json" else write_jsonl
    if output is not None and str(output) == STDOUT:
        writer(data, out or sys.stdout)
    elif output is not None:
        write_to(Path(output), lambda fh: writer(data, fh))
    elif out is not None:
        writer(data, out)
    return data


STDOUT = "-"  # the output name that means standard output


def write_to(path: Path, write: Callable[[IO[str]], None]) -> None:
    """Write text to ``path``: atomically for a regular file, in place for a pipe or a device."""
    try:
        mode: int | None = os.stat(path).st_mode  # follows symlinks: /dev/stdout -> /proc/self/fd/1
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(str(path), "is a folder; give a file name (a folder is for --format csv)")
    if mode is not None and not stat.S_ISREG(mode):
        with path.open("w", encoding="utf-8") as fh:
            write(fh)
        return
    # through a symlink, replace the file it points to and keep the link
    target = path.resolve() if path.is_symlink() else path
    tmp = target.with_name(target.name + ".partial")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            write(fh)
        tmp.replace(target)  # never leave a half-written export under the real name
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def load_export(path: str | Path) -> dict[str, Any]:
    """Read a detente/1 JSON (or JSON Lines) file, checking its schema."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc
    try:
        if p.suffix == ".jsonl":
            lines = [json.loads(line) for line in raw.splitlines() if line.strip()]
            data: dict[str, Any] = {"schema": lines[0].get("schema") if lines else None}
            for key, singular in LISTS:
                data[key] = [{k: v for k, v in r.items() if k != "record"} for r in lines[1:]
                             if r.get("record") == singular]
        else:
            data = json.loads(raw)
    except (json.JSONDecodeError, IndexError) as exc:
        raise InputError(str(path), f"not valid detente/1 JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InputError(str(path), f'not a detente/1 file (expected "schema": "{SCHEMA}")', field="schema")
    for key, _ in LISTS:
        data.setdefault(key, [])
    return data
