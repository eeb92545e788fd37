"""Parameter types every paged endpoint shares, bounded so that no value reaches SQLite as an overflow."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

# far beyond any store's size, far below SQLite's 64-bit integers
MAX_OFFSET = 1_000_000_000

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"items to skip (at most {MAX_OFFSET})")]
