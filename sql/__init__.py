"""DuckDB schema and views, applied in order by a tiny migrations list.

Each entry is (version, file). A version, once released, never changes: a schema change is a
new file appended here. Views are re-created on every open (they hold no data).
"""

from __future__ import annotations

from importlib.resources import files

MIGRATIONS: list[tuple[int, str]] = [
    (1, "001_schema.sql"),
]
VIEWS = "views.sql"


def read(name: str) -> str:
    return files(__name__).joinpath(name).read_text(encoding="utf-8")
