"""`detente actors` and `detente actor`: list, inspect and correct actors."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from ..actors import add_actor, add_alias, add_merge, user_actor_file
from ..errors import InputError
from .common import guard

console = Console()


@click.group(name="actors", invoke_without_command=True)
@click.option("--kind", type=click.Choice(["state", "person", "organization", "group"]),
              help="Only actors of this kind.")
@click.option("--country", help="Only actors of this state (ISO 3166 alpha-3, e.g. PRK).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def actors(ctx: click.Context, kind: str | None, country: str | None, as_json: bool) -> None:
    """List the actors in the store, or correct the actor base (add, alias, merge).

    Corrections go to your actor file (the first of $DETENTE_ACTORS, else
    ~/.config/detente/actors.yaml) and are used by the next ingest.
    """
    if ctx.invoked_subcommand is not None:
        return
    obj = ctx.obj
    with obj.store() as store:
        rows = store.actor_summaries(kind=kind, country=country)  # the counts the store keeps
    if as_json:
        from ..model import to_json

        click.echo(json.dumps([{k: v for k, v in to_json(a).items() if k != "mentions"} | {"mentions": n}
                               for a, n, _ in rows], indent=2, ensure_ascii=False))
        return
    table = Table("id", "name", "kind", "country", "roles", "mentions")
    for a, n, _ in rows:
        roles = "; ".join(f"{r.title}{' of ' + r.of if r.of else ''}" for r in a.roles[:2])
        table.add_row(a.id, a.name, a.kind, a.country or "", roles, str(n))
    console.print(table)


@actors.command(name="add")
@click.argument("name")
@click.option("--kind", type=click.Choice(["state", "person", "organization", "group"]), required=True,
              help="What the actor is.")
@click.option("--country", help="ISO alpha-3 code of the state it belongs to or acts for.")
@click.option("--id", "actor_id", help="Explicit id (required for a state: its ISO alpha-3 code).")
@click.option("--alias", "aliases", multiple=True, help="Another name it goes by (repeatable).")
@click.option("--role", help="Office held, e.g. 'Foreign Minister'.")
@click.option("--since", help="Date the office was taken (YYYY-MM-DD).")
@click.option("--until", help="Date the office ended (YYYY-MM-DD).")
@click.pass_obj
@guard
def add(obj: Any, name: str, kind: str, country: str | None, actor_id: str | None, aliases: tuple[str, ...],
        role: str | None, since: str | None, until: str | None) -> None:
    """Add an actor (or update one) in your actor file; the next ingest uses it."""
    roles = [{"title": role, "of": country.upper() if country else None, "start": since, "end": until}] if role else []
    path = user_actor_file(obj.settings)
    aid = add_actor(path, name, kind, country=country, aliases=aliases, roles=roles, actor_id=actor_id)
    click.echo(f"added {aid} to {path}")


@actors.command(name="alias")
@click.argument("actor_id")
@click.argument("alias")
@click.pass_obj
@guard
def alias(obj: Any, actor_id: str, alias: str) -> None:
    """Record that ALIAS names ACTOR_ID (e.g. `detente actors alias PRK "the North"`)."""
    path = user_actor_file(obj.settings)
    add_alias(path, actor_id, alias)
    click.echo(f"{alias!r} now names {actor_id} (in {path}); the next ingest uses it")


@actors.command(name="merge")
@click.argument("from_id")
@click.argument("into_id")
@click.pass_obj
@guard
def merge(obj: Any, from_id: str, into_id: str) -> None:
    """Merge actor FROM_ID into INTO_ID: recorded for future runs and re-linked in the store now."""
    path = user_actor_file(obj.settings)
    with obj.store() as store:
        known = {a.id for a in store.find_actors(from_id)} | {a.id for a in store.find_actors(into_id)}
        if from_id not in known and into_id not in known:
            raise InputError(from_id, f"neither {from_id} nor {into_id} is in the store (see `detente actors`)")
        add_merge(path, from_id, into_id)
        changed = store.merge_actors(from_id, into_id)
    click.echo(f"merged {from_id} into {into_id}: {changed} records re-linked; recorded in {path}")


@click.command(name="actor")
@click.argument("name")
@click.option("--documents", "documents", type=click.IntRange(min=0), default=100, show_default=True,
              help="List the first N documents it appears in (by id); 0 lists every one.")
@click.pass_obj
@guard
def actor(obj: Any, name: str, documents: int) -> None:
    """Show one actor: its roles, aliases, mentions and the documents it appears in.

    NAME is an id ("PRK", "person:kim-jong-un"), a name or an alias.  A state may appear
    in tens of thousands of documents: the first 100 are listed unless --documents says.
    """
    with obj.store() as store:
        found = store.find_actors(name)
        if not found:
            raise InputError(name, "no such actor in the store (see `detente actors`)")
        ids = sorted({a.id for a in found})
        limit = documents or None
        full = sorted((a for a in (store.actor(i, limit) for i in ids) if a is not None), key=lambda a: (a.name, a.id))
        totals = {a.id: store.actor_counts(a.id) for a in full}
        rows = store.document_rows({m.document for a in full for m in a.mentions})
    for a in full:
        console.print(f"[bold]{a.name}[/] [dim]{a.id} · {a.kind} · {a.country or 'no state'}[/]")
        for r in a.roles:
            console.print(f"  role: {r.title}{' of ' + r.of if r.of else ''} ({r.start or '?'} – {r.end or 'now'})")
        if a.aliases:
            console.print(f"  aliases: {', '.join(a.aliases)}", highlight=False)
        if a.about:
            console.print(f"  about: {', '.join(a.about)}")
        if a.affiliation:
            console.print(f"  affiliation: {a.affiliation}")
        by_doc: dict[str, list[str]] = {}
        for m in a.mentions:
            by_doc.setdefault(m.document, []).append(m.text)
        for doc_id, texts in sorted(by_doc.items()):
            row = rows.get(doc_id)
            title = row.title if row else ""
            console.print(f"  {doc_id} [dim]{title}[/]: {len(texts)} mentions ({', '.join(sorted(set(texts)))})",
                          highlight=False)
        left = totals[a.id][1] - len(by_doc)
        if left > 0:
            console.print(f"  … and {left} more document{'s' if left > 1 else ''} (--documents 0 lists every one)",
                          highlight=False)


COMMANDS = [actors, actor]
