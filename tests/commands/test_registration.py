"""Every command is registered from detente.commands, documented, and never skipped silently."""

from __future__ import annotations

import click
import pytest

from detente import cli

EXPECTED = {"ingest", "docs", "show", "delete", "stats", "export", "eval", "search", "duplicates", "actors",
            "actor", "timeline", "relations", "network", "changes", "brief", "serve", "check"}


def test_the_root_group_registers_every_command() -> None:
    assert set(cli.main.commands) == EXPECTED


def _all_commands(group: click.Group) -> list[click.Command]:
    out: list[click.Command] = []
    for cmd in group.commands.values():
        out.append(cmd)
        if isinstance(cmd, click.Group):
            out.extend(_all_commands(cmd))
    return out


@pytest.mark.parametrize("command", _all_commands(cli.main), ids=lambda c: c.name)
def test_every_command_and_option_has_help(command: click.Command) -> None:
    assert (command.help or "").strip(), f"{command.name} has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert (param.help or "").strip(), f"{command.name} {param.opts} has no help text"


def test_every_command_module_is_in_the_commands_package() -> None:
    for command in _all_commands(cli.main):
        module = command.callback.__module__ if command.callback else ""
        assert module.startswith("detente.commands."), f"{command.name} lives in {module}"


def test_a_missing_command_module_is_an_error_not_a_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "detente.commands.not_there"))
    with pytest.raises(ModuleNotFoundError, match="not_there"):
        cli._register_commands()


def test_one_guard_serves_every_command() -> None:
    import detente.commands as package
    from detente.commands import common

    for name in cli.COMMAND_MODULES:
        module = __import__(name, fromlist=["COMMANDS"])
        assert not hasattr(module, "_guard"), f"{name} declares its own guard"
    assert callable(common.guard) and package.__doc__
