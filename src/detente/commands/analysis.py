"""CLI faces of the analysis layer: timeline, relations, network, changes, brief.

Each command parses its options and calls the library function the HTTP API
and the web UI call too (:mod:`detente.analysis`, :mod:`detente.analysis.changes`,
:mod:`detente.analysis.brief`); nothing here computes anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from .common import console, err_console, guard

MODALITIES = ("asserted", "negated", "hypothetical", "future", "prescriptive")
_SINCE = click.option("--since", metavar="DATE", help="Start of the window: YYYY, YYYY-MM or YYYY-MM-DD.")
_UNTIL = click.option("--until", metavar="DATE", help="End of the window (inclusive): YYYY, YYYY-MM or YYYY-MM-DD.")


@click.command()
@click.option("--actor", "actors", multiple=True, metavar="NAME",
              help="Events involving this actor (name, alias, id or ISO3 code; repeatable: any of them).")
@click.option("--pair", nargs=2, metavar="A B", help="Only events involving both A and B.")
@click.option("--type", "types", multiple=True, metavar="TYPE", help="PLOVER event type, e.g. CONSULT (repeatable).")
@click.option("--modality", "modalities", multiple=True, type=click.Choice(MODALITIES),
              help="Modalities to show (repeatable; default: asserted only). Others are labelled.")
@_SINCE
@_UNTIL
@click.pass_obj
@guard
def timeline(obj: Any, actors: tuple[str, ...], pair: tuple[str, str] | None, types: tuple[str, ...],
             modalities: tuple[str, ...], since: str | None, until: str | None) -> None:
    """Real-world events in date order, each with its sources.

    Example: `detente timeline --actor China --actor "North Korea" --since 2025-09`.
    """
    from ..analysis import timeline as run

    with obj.store() as store:
        entries = run(store, actors=list(actors), pair=pair, types=[t.upper() for t in types] or None,
                      since=since, until=until, modality=modalities or ("asserted",))
    table = Table("date", "event", "modality", "sources", "disputed", title=f"{len(entries)} events")
    for t in entries:
        table.add_row(t.date.value or "?", t.summary, t.label or "asserted", ", ".join(t.sources),
                      ", ".join(t.disputed))
    console.print(table)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(["month", "year"]), default="month", show_default=True,
              help="Period to group events by.")
@_SINCE
@_UNTIL
@click.pass_obj
@guard
def relations(obj: Any, a: str, b: str, by: str, since: str | None, until: str | None) -> None:
    """How two actors interact per period (events by quad class, summed intensity) and their standing ties.

    Quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    """
    from ..analysis import relations as run

    with obj.store() as store:
        rel = run(store, a, b, by=by, since=since, until=until)
    table = Table(by, "verbal coop", "material coop", "verbal conflict", "material conflict", "intensity",
                  title=f"{rel.a.name} – {rel.b.name}")
    for p in rel.periods:
        table.add_row(p.period, *(str(p.counts.get(q, 0)) for q in (1, 2, 3, 4)), f"{p.intensity:+.1f}")
    console.print(table)
    if rel.undated:
        console.print(f"{rel.undated} undated events not shown")
    for t in rel.ties:
        more = f" (the first of {t.events} events naming it)" if t.events > 1 else ""
        console.print(f"standing tie ({t.kind}): {t.summary} {t.date.value if t.date else ''}{more}", highlight=False)


@click.command()
@_SINCE
@_UNTIL
@click.option("--level", type=click.Choice(["state", "actor"]), default="state", show_default=True,
              help="Nodes are states (people count for their state) or individual actors.")
@click.pass_obj
@guard
def network(obj: Any, since: str | None, until: str | None, level: str) -> None:
    """The interaction network: nodes by weighted degree, edges, cooperation communities."""
    from ..analysis import network as run

    with obj.store() as store:
        net = run(store, since=since, until=until, level=level)
    nodes = Table("node", "name", "events", "degree", "weighted degree", "community", title="nodes")
    for n in net.nodes:
        nodes.add_row(n.id, n.name, str(n.events), str(n.degree), f"{n.weighted_degree:g}", str(n.community))
    edges = Table("a", "b", "events", "coop", "conflict", "intensity", title="edges")
    for e in net.edges:
        edges.add_row(e.a, e.b, str(e.events), str(e.cooperation), str(e.conflict), f"{e.intensity:+.1f}")
    console.print(nodes)
    console.print(edges)
    for i, c in enumerate(net.communities):
        console.print(f"community {i}: {', '.join(c)}", highlight=False)


@click.command()
@click.option("--since", metavar="DATE",
              help="Start of the window: YYYY, YYYY-MM or YYYY-MM-DD (default: the store's latest period).")
@_UNTIL
@click.option("--about", "about", multiple=True, metavar="NAME", help="Only changes involving this actor.")
@click.option("--top", type=click.IntRange(min=0), metavar="N",
              help="At most N ties, new pairs, trends and new actors: the most active new pairs and trends, the "
                   "first ties and new actors (default: all).")
@click.pass_obj
@guard
def changes(obj: Any, since: str | None, until: str | None, about: tuple[str, ...], top: int | None) -> None:
    """What changed in the window compared with everything before it.

    Position shifts first (before → now, each side cited), then new or broken ties and
    visits after years, then trends in a pair's cooperation/conflict balance, then new
    actors and the window's events.  Without --since the window is the store's latest
    period, stated in the output.
    """
    from ..analysis.changes import changes as run
    from ..positions.render import cite

    with obj.store() as store:
        ch = run(store, since=since, until=until, about=list(about), top=top)
    console.print(f"[bold]window[/] {ch.since} to {ch.until or 'now'}: {ch.window_reason}", highlight=False)
    for sh in ch.shifts:
        console.print(f"[bold]position shift[/] {escape(sh.text)}", highlight=False)
    for tie in ch.ties:
        what = {"new": f"new {tie.tie}", "broken": f"broken {tie.tie}",
                "visit": f"first visit in {tie.years} years"}[tie.kind]
        console.print(f"[bold]{what}[/] {tie.a} – {tie.b}: {escape(tie.entry.summary)} "
                      f"{escape(cite(tie.entry.mentions[:1]))}", highlight=False)
    for p in ch.new_pairs:
        console.print(f"[bold]new pair[/] {p.a} – {p.b}: {p.first.summary}", highlight=False)
    for tr in ch.trends:
        console.print(f"[bold]trend[/] {tr.a} – {tr.b} {tr.direction}: cooperation/conflict {tr.before[0]}/"
                      f"{tr.before[1]} before, {tr.now[0]}/{tr.now[1]} in the window", highlight=False)
    for a in ch.new_actors:
        console.print(f"[bold]new actor[/] {a.actor.name} (first seen {a.first_seen})", highlight=False)
    left = [(ch.ties_total - len(ch.ties), "ties"), (ch.new_pairs_total - len(ch.new_pairs), "new pairs"),
            (ch.trends_total - len(ch.trends), "trends"), (ch.new_actors_total - len(ch.new_actors), "new actors")]
    if any(n for n, _ in left):
        console.print("and " + ", ".join(f"{n} more {what}" for n, what in left if n) + " (raise --top to list them)",
                      highlight=False)
    for s in ch.stances:
        console.print(f"[bold]stance[/] {s.speaker_name} on {s.issue}: {s.before} → {s.now}", highlight=False)
    console.print(f"[bold]{len(ch.new_events)} events[/] from {ch.since} to {ch.until or 'now'}")
    for t in ch.new_events:
        console.print(f"  {t.date.value or '?'}  {t.summary}", highlight=False)


@click.command()
@click.option("--about", "about", multiple=True, required=True, metavar="NAME",
              help="Actor to brief about (name, alias, id or ISO3 code; repeatable).")
@_SINCE
@_UNTIL
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="Markdown, or a standalone HTML page with every article text escaped.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.pass_obj
@guard
def brief(obj: Any, about: tuple[str, ...], since: str | None, until: str | None, fmt: str,
          output: str | None) -> None:
    """A sourced briefing: key events, numbers, quotes, changes, disputes — every sentence cited.

    Example: `detente brief --about China --about "North Korea" --since 2025-09 -o brief.md`.
    """
    from ..analysis.brief import brief as run

    with obj.store() as store:
        text = run(store, about=list(about), since=since, until=until, fmt=fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        err_console.print(f"wrote {output}")
    else:
        click.echo(text, nl=False)


COMMANDS = [timeline, relations, network, changes, brief]
