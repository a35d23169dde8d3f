"""Move a gradebook to another database (python -m instructor migrate-gradebook --to URL).

A class that outgrows SQLite moves its gradebook to PostgreSQL once, then points
`c.CourseDirectory.db_url` at it. `migrate` copies every row of every table of the source
gradebook (nbgrader's tables and alembic's schema version alike) into the target database:

1. the source's tables are read with SQLAlchemy's reflection;
2. the target gets nbgrader's own schema (its models, with the target's types: PostgreSQL's
   enums, for one) and, for any other table of the source, the reflected one;
3. the rows are copied table by table in foreign-key order (a row's parents before it), in
   batches, and each table's count is checked against the source's.

All of it happens in one transaction of the target (PostgreSQL's schema changes are
transactional too): a migration that fails leaves the target as it was. A target that already
holds a table of the gradebook is refused, naming those tables, unless `replace` is given: then
those tables are dropped first, in the same transaction. Nothing is ever written to the source.
"""

from __future__ import annotations

from pathlib import Path

from nbgrader.api import Base
from sqlalchemy import MetaData, create_engine, func, insert, inspect, make_url, select
from sqlalchemy.exc import SQLAlchemyError

BATCH = 5000  # rows read and written at once


class MigrationError(RuntimeError):
    """The gradebook cannot be migrated as asked; the message says why and what to do."""


def shown(url: str) -> str:
    """A database URL as it may be printed: without its password."""
    return make_url(url).render_as_string(hide_password=True)


def migrate(source_url: str, target_url: str, replace: bool = False) -> dict[str, int]:
    """Copy the gradebook at `source_url` into the database at `target_url` (see the module
    docstring); the number of rows copied per table, in the order they were copied."""
    if make_url(source_url) == make_url(target_url):
        raise MigrationError(f"the source and the target are the same database ({shown(source_url)})")
    source_file = make_url(source_url).database
    if make_url(source_url).get_backend_name() == "sqlite" and not (source_file and Path(source_file).is_file()):
        raise MigrationError(f"there is no gradebook at {shown(source_url)} (no such file)")
    source, target = create_engine(source_url), create_engine(target_url)
    try:
        return _copy(source, target, replace, source_url, target_url)
    except SQLAlchemyError as exc:
        text = str(exc).strip().splitlines()
        raise MigrationError(f"the migration stopped and the target was left as it was: "
                             f"{type(exc).__name__}: {text[0] if text else ''}") from exc
    finally:
        source.dispose()
        target.dispose()


def _copy(source, target, replace: bool, source_url: str, target_url: str) -> dict[str, int]:
    """Steps 1 to 3 of the module docstring, in one transaction of the target."""
    tables = MetaData()
    tables.reflect(source)
    if not tables.tables:
        raise MigrationError(f"{shown(source_url)} holds no gradebook (no table at all)")
    counts = {}
    with source.connect() as reading, target.begin() as writing:
        _make_tables(writing, tables, replace, target_url)
        written = MetaData()
        written.reflect(writing, only=list(tables.tables))
        for table in tables.sorted_tables:  # foreign-key order
            copy = written.tables[table.name]
            rows = reading.execution_options(stream_results=True).execute(select(table))
            for batch in rows.mappings().partitions(BATCH):
                writing.execute(insert(copy), [dict(row) for row in batch])
            counts[table.name] = _count(reading, table)
            if _count(writing, copy) != counts[table.name]:
                raise MigrationError(f"{table.name}: {_count(writing, copy)} rows written for "
                                     f"{counts[table.name]} read; nothing was kept")
    return counts


def _make_tables(connection, tables: MetaData, replace: bool, target_url: str) -> None:
    """Create the gradebook's tables in the target, after dropping those there (only if `replace`)."""
    there = sorted(set(inspect(connection).get_table_names()) & set(tables.tables))
    if there and not replace:
        raise MigrationError(
            f"{shown(target_url)} already holds tables of a gradebook ({', '.join(there)}): migrate "
            "into an empty database (`createdb`), or give --replace to drop those tables and their "
            "rows first.")
    if there:
        existing = MetaData()
        existing.reflect(connection, only=there)
        existing.drop_all(connection)
    Base.metadata.create_all(connection)  # nbgrader's schema, in the target's own types
    others = MetaData()
    for name, table in tables.tables.items():
        if name not in Base.metadata.tables:  # alembic's version table, or anything else found
            table.to_metadata(others)
    others.create_all(connection)


def _count(connection, table) -> int:
    return connection.execute(select(func.count()).select_from(table)).scalar_one()
