"""Documents: list, read with everything extracted, add (text, file, URL), delete; ingest jobs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ...ingest import SUPPORTED_EXTENSIONS
from ...model import to_json
from ...store import Store
from ..deps import get_state, read_store, require_writer
from ..params import Offset
from ..problems import Problem
from ..render import JSONRoute
from ..state import AppState, Job, QueueFull, temp_folder

router = APIRouter(tags=["documents"], route_class=JSONRoute)

DATE = r"^\d{4}-\d{2}-\d{2}$"
# what an upload may be; never a manifest, whose paths would read the server's files
# (every format of the ingest FORMATS table, so PDF and DOCX too; ".text" kept as an old alias)
UPLOAD_SUFFIXES = {".text": ".txt", **{ext: ext for ext, kind in SUPPORTED_EXTENSIONS.items() if kind != "manifest"}}
TEXT_FORMATS = {"text": ".txt", "markdown": ".md", "html": ".html"}
WAIT_SECONDS = 600.0
RETRY_AFTER_SECONDS = 30  # told to writers refused because the ingest queue is full


class Metadata(BaseModel):
    """Metadata a client may give with a document; it wins over what the document says."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=300, description="the publisher")
    published: str | None = Field(None, pattern=DATE, description="YYYY-MM-DD")
    authors: list[Annotated[str, Field(min_length=1, max_length=300)]] = Field(default_factory=list, max_length=50)

    @field_validator("published")
    @classmethod
    def _calendar(cls, v: str | None) -> str | None:
        if v is not None:
            dt.date.fromisoformat(v)  # ValueError -> 422 naming the field
        return v

    def overrides(self) -> dict[str, object]:
        values: dict[str, object] = {"title": self.title, "source": self.source, "published": self.published,
                                     "authors": self.authors or None}
        return {k: v for k, v in values.items() if v not in (None, "")}


class TextIn(Metadata):
    """An article pasted as text (or Markdown, or HTML)."""

    text: str = Field(min_length=1, description="the article")
    format: Literal["text", "markdown", "html"] = "text"

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("the text is empty")
        return v


class UrlIn(Metadata):
    """An article to fetch (http or https only; private addresses are refused unless the server allows them)."""

    url: str = Field(min_length=8, max_length=2000)

    @field_validator("url")
    @classmethod
    def _http(cls, v: str) -> str:
        v = v.strip()
        if not re.match(r"^https?://[^\s/?#]+", v, re.IGNORECASE):
            raise ValueError("must be an http:// or https:// URL")
        return v


def _page(limit: int, offset: int, total: int, items: list[Any]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/documents", summary="List stored documents, newest publication first")
def list_documents(
    store: Annotated[Store, Depends(read_store)],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = store.documents(limit=limit, offset=offset)
    total = int(store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    return _page(limit, offset, total, [dataclasses.asdict(r) for r in rows])


@router.get("/documents/{doc_id:path}", summary="One document with its text and everything extracted from it")
def get_document(doc_id: str, store: Annotated[Store, Depends(read_store)]) -> dict[str, Any]:
    ex = store.extraction(doc_id)
    if ex is None:
        raise Problem(404, f"no document with id {doc_id!r}", slug="not-found")
    data: dict[str, Any] = to_json(ex)
    for actor in data["actors"]:
        actor.pop("mentions", None)  # the document's own mentions are in actor_mentions
    known = {a["id"] for a in data["actors"]}
    missing = {a for e in ex.events for a in [*e.source, *e.target, e.attribution] if a and a not in known}
    missing |= {c.speaker for c in ex.claims if c.speaker and c.speaker not in known}
    if missing:
        # actors an event names without a mention in this text (resolved by context): names for display
        found = store.actor_index(missing)  # without their mentions: only the named ones are read
        for actor_id in sorted(found, key=lambda i: (found[i].name, i)):
            extra = to_json(found[actor_id])
            extra.pop("mentions", None)
            data["actors"].append(extra)
    return data


@router.delete("/documents/{doc_id:path}", status_code=204, dependencies=[Depends(require_writer)],
               summary="Remove a document and everything derived only from it")
async def delete_document(doc_id: str, state: Annotated[AppState, Depends(get_state)]) -> Response:
    def delete() -> bool:
        with state.writer() as store:
            return store.delete_document(doc_id)

    # the write lock may be held by an ingest for minutes: wait on a writer thread, never a reader's
    if not await anyio.to_thread.run_sync(delete, limiter=state.write_threads):
        raise Problem(404, f"no document with id {doc_id!r}", slug="not-found")
    return Response(status_code=204)


def _submit(state: AppState, kind: str, label: str, inputs: list[str], overrides: dict[str, object],
            cleanup: Path | None = None) -> Job:
    """Queue an ingest job, or answer 503 with Retry-After when the queue is full."""
    try:
        return state.submit(kind, label, inputs, overrides, cleanup=cleanup)
    except QueueFull as exc:
        raise Problem(503, f"the server is busy ingesting ({exc}); try again later", slug="busy",
                      title="Busy", headers={"Retry-After": str(RETRY_AFTER_SECONDS)}) from exc


async def _accepted(job: Job, state: AppState, wait: bool) -> JSONResponse:
    """202 with the job to poll; with ``wait``, the finished job (201) or a problem (422)."""
    if wait:
        await state.wait(job, WAIT_SECONDS)  # on the event loop: a waiting writer holds no thread
    body = job.to_json()
    if not wait or not job.done_event.is_set():
        return JSONResponse(body, status_code=202, headers={"Location": f"/api/jobs/{job.id}"})
    if job.status == "failed":
        detail = "; ".join(str(e.get("message")) for e in job.errors) or "nothing could be ingested"
        raise Problem(422, detail, slug="ingest-failed", title="Ingest failed", job=body)
    return JSONResponse(body, status_code=201, headers={"Location": f"/api/jobs/{job.id}"})


WaitQuery = Annotated[bool, Query(description="answer when the ingest has finished instead of at once")]


@router.post("/documents", status_code=202, dependencies=[Depends(require_writer)],
             summary="Add an article given as text, Markdown or HTML")
async def add_text(body: TextIn, state: Annotated[AppState, Depends(get_state)],
                   wait: WaitQuery = False) -> JSONResponse:
    if len(body.text.encode("utf-8")) > state.settings.max_bytes:
        raise Problem(413, f"the text is larger than the limit of {state.settings.max_bytes} bytes",
                      slug="too-large")

    def write() -> tuple[Path, Path]:
        folder = temp_folder()
        if body.format == "text":
            # a one-line manifest: plain text is stored without a (temporary) file path
            path = folder / "pasted.jsonl"
            path.write_text(json.dumps({"text": body.text}, ensure_ascii=False) + "\n", encoding="utf-8")
        else:
            path = folder / f"pasted{TEXT_FORMATS[body.format]}"
            path.write_text(body.text, encoding="utf-8")
        return folder, path

    folder, path = await anyio.to_thread.run_sync(write)  # quick: never waits for the write lock
    job = _submit(state, "text", body.title or "pasted text", [str(path)], body.overrides(), cleanup=folder)
    return await _accepted(job, state, wait)


@router.post("/documents/upload", status_code=202, dependencies=[Depends(require_writer)],
             summary="Add an article uploaded as a file (multipart/form-data)")
async def add_file(
    state: Annotated[AppState, Depends(get_state)],
    file: Annotated[UploadFile, File(description=".txt, .md, .html or an RSS/Atom feed")],
    title: Annotated[str | None, Form(max_length=1000)] = None,
    source: Annotated[str | None, Form(max_length=300)] = None,
    published: Annotated[str | None, Form(pattern=DATE)] = None,
    authors: Annotated[str | None, Form(max_length=3000, description="comma-separated names")] = None,
    wait: WaitQuery = False,
) -> JSONResponse:
    name = file.filename or "upload.txt"
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ".txt"
    if suffix not in UPLOAD_SUFFIXES:
        allowed = ", ".join(sorted(UPLOAD_SUFFIXES))
        raise Problem(415, f"{name}: files of type {suffix} cannot be ingested; send one of {allowed}",
                      slug="unsupported-type")
    limit = state.settings.max_bytes
    folder = temp_folder()
    path = folder / f"upload{UPLOAD_SUFFIXES[suffix]}"  # never the client's name: no path tricks
    size = 0
    with path.open("wb") as out:
        while chunk := await file.read(1 << 16):
            size += len(chunk)
            if size > limit:
                out.close()
                shutil.rmtree(folder, ignore_errors=True)
                raise Problem(413, f"{name} is larger than the limit of {limit} bytes", slug="too-large")
            out.write(chunk)
    if size == 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise Problem(422, f"{name} is empty", slug="invalid-parameters", title="Invalid parameters")
    try:
        meta = Metadata(title=title or None, source=source or None, published=published or None,
                        authors=[a.strip() for a in (authors or "").split(",") if a.strip()])
    except ValidationError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise Problem(422, f"authors: {exc.errors()[0]['msg']}", slug="invalid-parameters",
                      title="Invalid parameters") from exc
    job = _submit(state, "file", name, [str(path)], meta.overrides(), cleanup=folder)
    return await _accepted(job, state, wait)


@router.post("/documents/url", status_code=202, dependencies=[Depends(require_writer)],
             summary="Fetch an article from an http(s) URL and add it")
async def add_url(body: UrlIn, state: Annotated[AppState, Depends(get_state)],
                  wait: WaitQuery = False) -> JSONResponse:
    job = _submit(state, "url", body.url, [body.url], body.overrides())
    return await _accepted(job, state, wait)


# a job's label is what its writer sent (a URL, a file name): with a token, only writers see jobs
@router.get("/jobs", tags=["jobs"], dependencies=[Depends(require_writer)], summary="Recent ingest jobs, newest first")
def list_jobs(state: Annotated[AppState, Depends(get_state)]) -> list[dict[str, Any]]:
    return [j.to_json() for j in state.jobs()]


@router.get("/jobs/{job_id}", tags=["jobs"], dependencies=[Depends(require_writer)], summary="One ingest job: its progress and result")
def get_job(job_id: str, state: Annotated[AppState, Depends(get_state)]) -> dict[str, Any]:
    job = state.job(job_id)
    if job is None:
        raise Problem(404, f"no job with id {job_id!r} (jobs are kept in memory until the server restarts)",
                      slug="not-found")
    return job.to_json()

