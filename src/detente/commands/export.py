"""`detente export`: the store in the detente/1 format."""

from __future__ import annotations

import sys

import click

from .common import Ctx, err_console, guard


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json", show_default=True,
              help="json: one detente/1 object; jsonl: one record per line; csv: a folder of tables.")
@click.option("-o", "--output", type=click.Path(),
              help="File to write ('-': stdout; a pipe or device is written in place; a folder for csv); "
                   "default stdout.")
@click.option("--no-text", is_flag=True, help="Leave document texts out.")
@click.pass_obj
@guard
def export(obj: Ctx, fmt: str, output: str | None, no_text: bool) -> None:
    """Write the store in the detente/1 format (JSON, JSON Lines, or a folder of CSV tables)."""
    from ..export import export as run_export

    with obj.store() as store:
        run_export(store, fmt, output, out=sys.stdout if output in (None, "-") else None, include_text=not no_text)
    if output and output != "-":
        err_console.print(f"wrote {output}")


COMMANDS = [export]
