"""`detente eval`: score extractions against gold (detente/1, TempEval-3 or PLOVER records)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .common import Ctx, fail, guard


@click.command(name="eval")
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
@guard
def eval_(obj: Ctx, gold: str | None, export_file: str | None, json_out: str | None, tempeval: str | None,
          time_system: str, plover: str | None) -> None:
    """Score extractions against gold annotations written in detente/1.

    GOLD is a detente/1 JSON file; the store (or --export FILE) is scored against it.
    Matching rules: docs/eval.md.
    """
    from ..eval.gold import evaluate, format_table
    from ..export import export_data, load_export

    if tempeval:
        from ..eval.tempeval import evaluate_tempeval

        result: dict[str, Any] = evaluate_tempeval(tempeval, system=time_system)
        click.echo(json.dumps(result, indent=2))
    elif plover:
        from ..eval.plover import evaluate as evaluate_plover

        result = evaluate_plover(Path(plover))
        click.echo(json.dumps(result, indent=2))
    else:
        if not gold:
            fail("give a GOLD file (or --tempeval DIR / --plover FILE)", 2)
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


COMMANDS = [eval_]
