"""What every command shares: the context object, consoles, readable one-line errors and exit statuses."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from rich.console import Console

from ..errors import DetenteError
from ..settings import Settings
from ..store import Store

console = Console(stderr=False)
err_console = Console(stderr=True)


class Ctx:
    """What the root group hands every command: the settings (``--db``, ``--model``) and ``--quiet``."""

    def __init__(self, db: str | None, model: str | None, quiet: bool):
        self.settings = Settings()
        if db:
            self.settings.db = db
        if model:
            self.settings.model = model
        self.quiet = quiet

    def store(self) -> Store:
        """Open the store the settings name."""
        return Store(self.settings.db)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``error: message`` on stderr and exit with ``code``."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)  # one line, however long
    sys.exit(code)


def guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one readable line and a non-zero exit."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DetenteError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted; every document committed before the interruption is stored", 130)

    return wrapper
