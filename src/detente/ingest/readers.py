"""Every kind of input to :class:`RawDocument`: files, folders, feeds, URLs and manifests.

:func:`read_inputs` is lazy (one file in memory at a time) and never raises for a bad
input: it yields an :class:`~detente.errors.InputError` naming the input and the
problem, and goes on with the next one.  The formats themselves are the table in
:mod:`detente.ingest.kinds`; manifests are :mod:`detente.ingest.manifest`.

Inputs are named in messages with control characters escaped (a file name is chosen
by whoever made the file, and printed raw could drive the user's terminal).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from detente.errors import InputError
from detente.ingest.document import RawDocument, apply_metadata, validate_metadata
from detente.ingest.files import read_file
from detente.ingest.kinds import FORMATS, kind_for_extension, read_bytes, read_url
from detente.ingest.manifest import MANIFEST_EXTENSIONS, read_manifest
from detente.ingest.text import printable
from detente.settings import Settings

# file extension -> reader kind ("manifest" for JSON Lines); folders are scanned for these only
SUPPORTED_EXTENSIONS: dict[str, str] = {
    **{ext: kind for kind, fmt in FORMATS.items() for ext in fmt.extensions},
    **{ext: "manifest" for ext in MANIFEST_EXTENSIONS},
}
_OVERRIDE_KEYS = frozenset({"title", "source", "published", "author", "authors"})


def read_inputs(
    inputs: Sequence[str],
    *,
    glob: str | None = None,
    follow: bool = False,
    overrides: Mapping[str, object] | None = None,
    settings: Settings | None = None,
) -> Iterator[RawDocument | InputError]:
    """Read files, folders, feeds, URLs and manifests into documents, lazily.

    ``glob`` filters folder contents (comma-separated patterns on file names or
    relative paths; only supported extensions are ever read).  ``follow`` fetches
    each feed entry's link and reads the full article.  ``overrides`` (title, source,
    published, author/authors) win over all other metadata.  Bad inputs are yielded
    as InputError, never raised.
    """
    settings = settings or Settings()
    try:
        meta = _parse_overrides(overrides or {})
    except InputError as exc:
        yield exc
        return
    for item in inputs:
        for result in _read_one(item, glob=glob, follow=follow, settings=settings):
            if isinstance(result, RawDocument) and meta:
                result = apply_metadata(result, meta)
            yield result


def _parse_overrides(overrides: Mapping[str, object]) -> dict[str, Any]:
    unknown = set(overrides) - _OVERRIDE_KEYS
    if unknown:
        raise ValueError(f"unknown override(s) {sorted(unknown)}; allowed: {sorted(_OVERRIDE_KEYS)}")
    return validate_metadata(overrides, where="overrides")


def _read_one(item: str, *, glob: str | None, follow: bool, settings: Settings) -> Iterator[RawDocument | InputError]:
    origin = printable(item)
    if "://" in item:
        scheme = item.split("://", 1)[0].lower()
        if scheme not in ("http", "https"):
            yield InputError(origin, f"only http and https URLs can be read, not {printable(scheme)}://")
            return
        yield from _guard(origin, read_url(item, origin, follow=follow, settings=settings))
        return
    path = Path(item)
    if not path.exists():
        hint = " (for a web page, give the full http:// or https:// URL)" if item.startswith("www.") else ""
        yield InputError(origin, f"no such file or folder{hint}")
    elif path.is_dir():
        yield from _read_folder(path, origin, glob=glob, follow=follow, settings=settings)
    else:
        yield from _guard(origin, _read_file(path, origin, follow=follow, settings=settings))


def _guard(origin: str, results: Iterator[RawDocument | InputError]) -> Iterator[RawDocument | InputError]:
    """Turn an InputError raised while reading into a yielded one, so the batch goes on."""
    try:
        yield from results
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(origin, f"cannot be read ({exc.strerror or exc})")


def _read_folder(
    folder: Path, origin: str, *, glob: str | None, follow: bool, settings: Settings
) -> Iterator[RawDocument | InputError]:
    patterns = [p.strip() for p in (glob or "*").split(",") if p.strip()] or ["*"]
    walk_errors: list[OSError] = []
    found = 0
    for dirpath, dirnames, filenames in os.walk(folder, onerror=walk_errors.append):
        # sorted for a reproducible order; hidden folders (.git, .cache) are never content
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_EXTENSIONS:
                continue
            rel = (Path(dirpath) / name).relative_to(folder).as_posix()
            if not any(_matches(name, rel, p) for p in patterns):
                continue
            found += 1
            member = str(Path(origin) / printable(rel))
            yield from _guard(member, _read_file(Path(dirpath) / name, member, follow=follow, settings=settings))
    for error in walk_errors:
        yield InputError(printable(str(error.filename or origin)), f"cannot be read ({error.strerror or error})")
    if not found:
        supported = ",".join(f"*{ext}" for ext in SUPPORTED_EXTENSIONS)
        yield InputError(origin, f"no files matching {printable(glob or '*')} among the supported types ({supported})")


def _matches(name: str, rel: str, pattern: str) -> bool:
    bare = pattern[3:] if pattern.startswith("**/") else pattern
    return fnmatch.fnmatch(name, bare) or fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, bare)


def _read_file(path: Path, origin: str, *, follow: bool, settings: Settings) -> Iterator[RawDocument | InputError]:
    if path.suffix.lower() in MANIFEST_EXTENSIONS:
        yield from read_manifest(path, origin, follow=follow, settings=settings)
        return
    data = read_file(path, origin, settings.max_bytes)
    yield from read_bytes(
        data, origin, kind=kind_for_extension(path.suffix), path=str(path), follow=follow, settings=settings
    )
