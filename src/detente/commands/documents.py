"""Commands over stored documents: `docs`, `show`, `delete`, `search`, `duplicates`, `stats`."""

from __future__ import annotations

import dataclasses
import json
import sys

import click
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..store import mask_url
from .common import Ctx, console, err_console, fail, guard


@click.command()
@click.option("--limit", type=click.IntRange(1), default=None, help="Show at most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@guard
def docs(obj: Ctx, limit: int | None, as_json: bool) -> None:
    """List stored documents, newest first."""
    with obj.store() as store:
        rows = store.documents(limit=limit)
    if as_json:
        click.echo(json.dumps([dataclasses.asdict(r) for r in rows], indent=2))
        return
    table = Table("id", "published", "source", "title", "words")
    for r in rows:
        table.add_row(r.id, f"{r.published or '?'}{'*' if r.published_basis == 'inferred' else ''}",
                      r.source or "", r.title or "", str(r.words))
    console.print(table)


@click.command()
@click.argument("doc")
@click.pass_obj
@guard
def show(obj: Ctx, doc: str) -> None:
    """Print a document with its extractions highlighted.

    DOC is a document id, a unique id prefix, or the path/URL it was read from.
    Colours: actors cyan, times green, quantities yellow, quotes magenta; events are listed below.
    """
    with obj.store() as store:
        doc_id = store.resolve_document_id(doc)
        ex = store.extraction(doc_id) if doc_id else None
        if ex is None:
            fail(f"{doc}: no such document in {mask_url(obj.settings.db)} (see `detente docs`)")
            return
    d = ex.document
    console.print(f"[bold]{d.title or d.id}[/]  [dim]{d.id} · {d.source or '?'} · published {d.published or '?'}"
                  f" ({d.published_basis})[/]")
    text = Text(d.text)
    for m in ex.actor_mentions:
        text.stylize("bold cyan", m.start, m.end)
    for t in ex.times:
        text.stylize("green", t.start, t.end)
    for q in ex.quantities:
        for qm in q.mentions:
            text.stylize("bold yellow", qm.start, qm.end)
    for c in ex.claims:
        if c.kind == "quote":
            for cm in c.mentions:
                text.stylize("magenta", cm.start, cm.end)
    console.print(text)
    names = {a.id: a.name for a in ex.actors}
    if ex.events:
        table = Table("type", "mode", "source", "target", "date", "modality", "evidence", title="events")
        for e in ex.events:
            table.add_row(e.type, e.mode or "", ", ".join(names.get(a, a) for a in e.source),
                          ", ".join(names.get(a, a) for a in e.target), e.date.value or "?", e.modality,
                          e.mentions[0].text[:80] if e.mentions else "")
        console.print(table)


@click.command()
@click.argument("doc")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
@guard
def delete(obj: Ctx, doc: str, yes: bool) -> None:
    """Remove a document and everything derived only from it."""
    with obj.store() as store:
        doc_id = store.resolve_document_id(doc)
        if doc_id is None:
            fail(f"{doc}: no such document in {mask_url(obj.settings.db)} (see `detente docs`)")
            return
        if not yes and sys.stdin.isatty():
            click.confirm(f"Delete {doc_id} and everything derived from it?", abort=True)
        store.delete_document(doc_id)
    click.echo(f"deleted {doc_id}")


@click.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Show at most this many hits.")
@click.pass_obj
@guard
def search(obj: Ctx, query: str, limit: int) -> None:
    """Full-text search over documents, best first.

    A query matching more than 1,000 documents is ranked among the 1,000 most
    recently stored of them (exact with fewer matches).
    """
    with obj.store() as store:
        hits = store.search(query, limit=limit)
    for h in hits:
        console.print(f"[bold]{escape(h['id'])}[/] {escape(h['title'] or '')}\n  {escape(h['snippet'])}",
                      highlight=False)
    if not hits:
        err_console.print("no matches")


@click.command()
@click.pass_obj
@guard
def duplicates(obj: Ctx) -> None:
    """List exact duplicates (linked inputs) and near-duplicate document pairs."""
    with obj.store() as store:
        rows = store.duplicates()
    for r in rows:
        if r["kind"] == "exact":
            click.echo(f"exact  {r['origin']} -> {r['document_id']}")
        else:
            click.echo(f"near   {r['a']} ~ {r['b']} ({r['similarity']:.2f})")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@guard
def stats(obj: Ctx, as_json: bool) -> None:
    """Summarise what the store holds."""
    with obj.store() as store:
        s = store.stats()
    if as_json:
        click.echo(json.dumps(s, indent=2))
        return
    table = Table("", "", title=f"detente store {s['path']} (schema v{s['schema_version']})", show_header=False)
    for key, value in s.items():
        if key in ("path", "schema_version"):
            continue
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        table.add_row(key.replace("_", " "), str(value if value is not None else "-"))
    console.print(table)


COMMANDS = [docs, show, delete, stats, search, duplicates]
