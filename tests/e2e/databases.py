"""A database of a test's own for processes started by the end-to-end tests (server, worker)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def own_database(name: str, folder: Path) -> Iterator[str]:
    """A fresh PostgreSQL database ``name_<pid>`` when the suite runs on PostgreSQL
    (``DATABASE_URL``), dropped afterwards; else an SQLite file in ``folder``."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{folder / 'site.sqlite3'}"
        return
    import psycopg

    name = f"{name}_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{url.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
