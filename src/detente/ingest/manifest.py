"""JSON Lines manifests: one document per line, ``{"path"}``, ``{"text"}`` or ``{"url"}`` plus metadata.

Format (spec: "Ingest manifest"): optional ``id``, ``title``, ``source``,
``published`` ("YYYY-MM-DD"), ``authors`` (``author`` is accepted for one name).
A relative ``path`` is relative to the manifest's folder.  ``url`` next to ``path``
or ``text`` is metadata (where a saved copy came from); alone it is fetched.
Metadata on the line wins over what the document says about itself.

Unknown keys are errors, not ignored: a misspelt "publised" would otherwise drop
the date without a word.  Errors name the line: ``manifest.jsonl:12``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detente.errors import InputError
from detente.ingest.document import RawDocument, apply_metadata, short, validate_metadata
from detente.ingest.files import open_regular, read_file
from detente.ingest.kinds import kind_for_extension, read_bytes, read_url
from detente.ingest.text import binary_kind, normalise_text, printable
from detente.settings import Settings

MANIFEST_EXTENSIONS: tuple[str, ...] = (".jsonl",)

MANIFEST_KEYS: tuple[str, ...] = ("id", "path", "text", "url", "title", "source", "published", "authors", "author")


def read_manifest(
    path: Path, origin: str, *, follow: bool = False, settings: Settings | None = None
) -> Iterator[RawDocument | InputError]:
    """Yield one document (or one InputError naming ``origin:LINE``) per non-blank manifest line.

    ``origin`` is the manifest as messages name it (escaped, see :func:`printable`).
    A line that fails (a missing file, a device, bad JSON) is one error; the lines
    before and after it are read as usual.
    """
    settings = settings or Settings()
    try:
        handle = open_regular(path, origin)
    except InputError as exc:
        yield exc
        return
    with handle:
        head = handle.read(4096)
        if not head:
            yield InputError(origin, "is empty")
            return
        what = binary_kind(head)
        if what:
            yield InputError(origin, f"is {what}, not a JSON Lines manifest")
            return
        handle.seek(0)
        seen_object = False
        number = 0
        while True:
            # readline with a limit: one giant line must not be read whole into memory
            raw = handle.readline(settings.max_bytes + 1)
            if not raw:
                break
            number += 1
            where = f"{origin}:{number}"
            if len(raw) > settings.max_bytes and not raw.endswith(b"\n"):
                _skip_rest_of_line(handle)
                yield InputError(where, f"the line is longer than the limit of {settings.max_bytes} bytes (max_bytes)")
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield InputError(where, f"is not UTF-8 ({exc.reason} at byte {exc.start}); save the manifest as UTF-8")
                continue
            except json.JSONDecodeError as exc:
                if not seen_object:
                    # the first line already fails: this file is not a manifest at all, say so once
                    yield InputError(origin, f"is not a JSON Lines manifest (line {number}: {exc.msg})")
                    return
                yield InputError(where, f"is not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(entry, dict):
                if not seen_object:
                    yield InputError(origin, f"is not a JSON Lines manifest (line {number} is not a JSON object)")
                    return
                yield InputError(where, f"must be a JSON object, got {type(entry).__name__}")
                continue
            seen_object = True
            try:
                yield _entry_document(entry, where, base=path.parent, follow=follow, settings=settings)
            except InputError as exc:
                yield exc
            except OSError as exc:
                yield InputError(where, f"cannot be read ({exc.strerror or exc})")


def _skip_rest_of_line(handle: Any) -> None:
    while True:
        chunk = handle.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _entry_document(
    entry: dict[str, Any], where: str, *, base: Path, follow: bool, settings: Settings
) -> RawDocument:
    unknown = sorted(set(entry) - set(MANIFEST_KEYS))
    if unknown:
        raise InputError(where, f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(MANIFEST_KEYS)}")
    given = [key for key in ("path", "text") if entry.get(key) is not None]
    if len(given) > 1:
        raise InputError(where, 'give either "path" or "text", not both')
    if not given and entry.get("url") is None:
        raise InputError(where, 'needs one of "path", "text" or "url"')
    meta = validate_metadata(entry, where=where)
    if "text" in given:
        value = entry["text"]
        if not isinstance(value, str):
            raise InputError(where, f"must be a string, got {type(value).__name__}", field="text")
        text = normalise_text(value)
        if not text:
            raise InputError(where, "is empty", field="text")
        doc = RawDocument(text=text, origin=where)
    elif "path" in given:
        doc = _path_document(entry["path"], where, base=base, follow=follow, settings=settings)
    else:
        doc = _single(where, read_url(meta["url"], where, follow=follow, settings=settings), printable(entry["url"]))
    return apply_metadata(doc, meta)


def _path_document(value: object, where: str, *, base: Path, follow: bool, settings: Settings) -> RawDocument:
    if not isinstance(value, str) or not value.strip():
        raise InputError(where, f"must be a non-empty string, got {short(value)}", field="path")
    name = printable(value)
    path = Path(value)
    if not path.is_absolute():
        path = base / path
    if not path.exists():
        raise InputError(where, f"{name}: no such file")
    if path.is_dir():
        raise InputError(where, f"{name}: is a folder; a manifest line names one file")
    if path.suffix.lower() in MANIFEST_EXTENSIONS:
        raise InputError(where, f"{name}: a manifest cannot list another manifest")
    try:
        data = read_file(path, name, settings.max_bytes)
    except InputError as exc:
        raise InputError(where, str(exc)) from exc
    kind = kind_for_extension(path.suffix)
    return _single(where, read_bytes(data, name, kind=kind, path=str(path), follow=follow, settings=settings), name)


def _single(where: str, results: Iterator[RawDocument | InputError], name: str) -> RawDocument:
    """The one document a manifest line stands for; a feed (many entries) is an error here."""
    try:
        found = list(results)
    except InputError as exc:
        raise InputError(where, str(exc) if exc.input != where else exc.message) from exc
    if len(found) == 1 and isinstance(found[0], RawDocument):
        return _with_origin(found[0], where)
    raise InputError(where, f"{name}: is a feed or holds several documents; list it as its own input instead")


def _with_origin(doc: RawDocument, where: str) -> RawDocument:
    """The document with ``origin`` set to the manifest line."""
    doc.origin = where
    return doc
