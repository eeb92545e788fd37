"""`detente ingest`: read articles into the store, with a progress bar."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from ..errors import DetenteError
from .common import Ctx, err_console, fail, guard


@click.command()
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
@guard
def ingest(obj: Ctx, inputs: tuple[str, ...], glob: str | None, follow: bool, title: str | None,
           source: str | None, published: str | None, authors: tuple[str, ...], batch_size: int,
           workers: int | None, engine: str, scheduler: str | None) -> None:
    """Read articles into the store and extract everything from them.

    INPUTS are text/Markdown/HTML/PDF/DOCX files, folders, RSS/Atom feeds, http(s) URLs or a
    JSON Lines manifest (see the detente/1 spec).  Documents already stored are skipped.
    """
    from ..orchestrate import ingest as run_ingest

    overrides = {k: v for k, v in {"title": title, "source": source, "published": published,
                                   "authors": list(authors) or None}.items() if v}
    if overrides and (len(inputs) > 1 or Path(inputs[0]).is_dir()):
        fail("--title/--source/--published/--author apply to a single file or URL, not to several inputs", 2)
    obj.settings.batch_size = batch_size
    # a worker pool is forked from this process only while it runs no other thread (parallel.fork_is_safe):
    # with --workers the bar is redrawn at each document instead of by rich's refresh thread
    pooled = engine == "local" and (workers or 1) > 1
    with obj.store() as store:
        progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[words]:,} words · {task.fields[rate]:,.0f} words/s"),
                            TimeElapsedColumn(), console=err_console, disable=obj.quiet, transient=False,
                            auto_refresh=not pooled)
        with progress:
            task = progress.add_task("ingest", total=None, words=0, rate=0.0)
            totals = {"words": 0}

            def on_document(doc_id: str, words: int) -> None:
                totals["words"] += words
                elapsed = progress.tasks[0].elapsed or 1e-9
                progress.update(task, advance=1, words=totals["words"], rate=totals["words"] / elapsed, refresh=pooled)

            def on_error(error: DetenteError) -> None:
                progress.console.print(f"[red]error:[/] {escape(str(error))}", highlight=False)

            report = run_ingest(list(inputs), store, settings=obj.settings, glob=glob, follow=follow,
                                overrides=overrides, on_document=on_document, on_error=on_error,
                                workers=workers, engine=engine, scheduler=scheduler)
        for origin, existing in report.duplicates:
            err_console.print(f"duplicate: {escape(origin)} has the same text as {escape(existing)} (linked, not stored again)")
        for a, b, sim in report.near_duplicates:
            err_console.print(f"near-duplicate: {escape(a)} ~ {escape(b)} (similarity {sim:.2f})")
        err_console.print(report.summary())
        if not report.ok:
            sys.exit(1)


COMMANDS = [ingest]
