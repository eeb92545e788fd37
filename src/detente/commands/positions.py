"""`detente positions`: an actor's position on each issue as a dated step line, every step cited."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.markup import escape

from .common import console, guard


@click.command()
@click.option("--actor", required=True, metavar="NAME",
              help="Whose positions (name, alias, id or ISO3 code; a state includes its officials).")
@click.option("--issue", metavar="ISSUE", help="Only this issue (id or a word of its label, e.g. denuclearisation).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@guard
def positions(obj: Any, actor: str, issue: str | None, as_json: bool) -> None:
    """Each position the actor held on each issue, as dated steps with the sources behind every step.

    Example: `detente positions --actor China --issue denuclearisation`.
    A silence is shown as an absence the source reports, never as a statement.
    """
    from ..analysis.positions import position_lines
    from ..model import to_json

    with obj.store() as store:
        lines = position_lines(store, actor, issue)
    if as_json:
        click.echo(json.dumps(to_json(lines), indent=2, ensure_ascii=False))
        return
    if not lines:
        console.print(f"no stored positions for {actor}" + (f" on {issue}" if issue else ""), highlight=False)
    for line in lines:
        target = f" ({line.target_name})" if line.target_name else ""
        moved = f" — {line.shifts} shift{'s' if line.shifts != 1 else ''}" if line.shifts else ""
        console.print(f"[bold]{escape(line.holder_name)} on {escape(line.issue_label + target)}[/]{moved}",
                      highlight=False)
        for st in line.steps:
            console.print(escape(f"  {st.when:<24} {st.text}"), highlight=False, soft_wrap=True)
            for e in st.evidence:
                console.print(escape(f"      [{e.document} {e.start}–{e.end}] {e.source or 'publisher unknown'}, "
                                     f"{e.published or 'date unknown'}: “{e.text}”"), highlight=False, soft_wrap=True)


COMMANDS = [positions]
