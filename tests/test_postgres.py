"""The gradebook on PostgreSQL, against a real server started for these tests (tests/postgres_server.py).

A class of assignment 1 is graded twice, on fresh copies of the course: into the default SQLite
gradebook, and into a PostgreSQL database named by `c.CourseDirectory.db_url`. nbgrader makes its
tables there on first use (instructor.nbgrader_api.ensure_gradebook), and the exported grades
are the same files. `python -m instructor migrate-gradebook` (instructor.gradebook_migration)
copies the SQLite gradebook into PostgreSQL keeping every row of every table, refuses a target
that already holds a gradebook unless told to replace it, and leaves the target as it was when
it fails.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.api import Base
from sqlalchemy import MetaData, create_engine, select

from instructor.nbgrader_api import SetupError, ensure_gradebook
from tests.conftest import copy_course, needs_sandbox
from tests.postgres_server import PostgresServer, missing
from tests.test_cluster import STUDENTS, cell_scores, write_submissions
from tests.test_resume import A1, _env

pytestmark = needs_sandbox  # every test here grades

EXPORTS = ("grades.csv", "grades_canvas.csv", "grades_moodle.csv")


@pytest.fixture(scope="module")
def server():
    if missing():
        pytest.skip(f"no PostgreSQL server here: {missing()}")
    running = PostgresServer()
    yield running
    running.stop()


def _instructor(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "instructor", *args], cwd=root, env=_env(root),
                          capture_output=True, text=True, timeout=600)


def _graded_course(root: Path, db_url: str | None = None) -> Path:
    copy_course(root)
    if db_url:
        with open(root / "nbgrader_config.py", "a") as f:
            f.write(f'\nc.CourseDirectory.db_url = "{db_url}"\n')
    for step in (("release",), None, ("autograde", A1, "--workers", "2"), ("grades",)):
        if step is None:
            write_submissions(root)
            continue
        done = _instructor(root, *step)
        assert done.returncode == 0, f"{step}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
    return root


@pytest.fixture(scope="module")
def graded(server, tmp_path_factory) -> dict[str, Path | str]:
    """The same class graded into SQLite and into PostgreSQL."""
    url = server.create_database("graded")
    return {"sqlite": _graded_course(tmp_path_factory.mktemp("sqlite")),
            "postgresql": _graded_course(tmp_path_factory.mktemp("postgresql"), url), "url": url}


def _rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, each table's rows sorted, columns by name."""
    engine = create_engine(url)
    try:
        tables = MetaData()
        tables.reflect(engine)
        with engine.connect() as db:
            return {name: sorted((tuple(row[c] for c in sorted(row.keys())) for row in db.execute(select(table)).mappings()),
                                 key=repr)
                    for name, table in tables.tables.items()}
    finally:
        engine.dispose()


def _sqlite_url(root: Path) -> str:
    return f"sqlite:///{root / 'gradebook.db'}"


def test_nbgrader_makes_its_tables_in_postgresql_on_first_use(graded):
    rows = _rows(graded["url"])
    assert set(rows) == set(Base.metadata.tables) | {"alembic_version"}
    assert rows["alembic_version"] == _rows(_sqlite_url(graded["sqlite"]))["alembic_version"]
    assert not (graded["postgresql"] / "gradebook.db").exists()


def test_grades_exported_from_postgresql_are_those_of_sqlite(graded):
    assert len(cell_scores(graded["sqlite"])) == len(STUDENTS) * 8  # a whole class, graded
    for name in EXPORTS:
        assert (graded["postgresql"] / name).read_bytes() == (graded["sqlite"] / name).read_bytes(), name


def test_the_migration_keeps_every_row_of_every_table(graded, server):
    url = server.create_database("migrated")
    done = _instructor(graded["sqlite"], "migrate-gradebook", "--to", url)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    source, copied = _rows(_sqlite_url(graded["sqlite"])), _rows(url)
    assert set(copied) == set(source)
    for table, rows in source.items():
        assert copied[table] == rows, table
    assert f"copied {sum(len(r) for r in source.values())} rows of {len(source)} tables" in done.stdout


def test_a_target_holding_a_gradebook_is_refused_unless_replace_is_given(graded, server):
    url = server.create_database("taken")
    source = _rows(_sqlite_url(graded["sqlite"]))
    assert _instructor(graded["sqlite"], "migrate-gradebook", "--to", url).returncode == 0
    engine = create_engine(url)
    with engine.begin() as db:
        db.exec_driver_sql("DELETE FROM comment")
    engine.dispose()
    refused = _instructor(graded["sqlite"], "migrate-gradebook", "--to", url)
    assert refused.returncode == 2 and "already holds tables of a gradebook" in refused.stderr, refused.stderr
    assert "--replace" in refused.stderr
    assert _rows(url)["comment"] == []  # untouched
    replaced = _instructor(graded["sqlite"], "migrate-gradebook", "--to", url, "--replace")
    assert replaced.returncode == 0, replaced.stderr[-2000:]
    assert _rows(url) == source


def test_a_failed_migration_leaves_the_target_as_it_was(graded, server, tmp_path):
    broken = tmp_path / "gradebook.db"
    broken.write_bytes((graded["sqlite"] / "gradebook.db").read_bytes())
    with sqlite3.connect(broken) as db:  # SQLite keeps it; PostgreSQL's varchar(128) will not
        db.execute("UPDATE student SET first_name = ? WHERE id = ?", ("x" * 200, STUDENTS[-1]))
    url = server.create_database("untouched")
    done = _instructor(graded["sqlite"], "migrate-gradebook", "--from", f"sqlite:///{broken}", "--to", url)
    assert done.returncode == 2, done.stdout[-2000:] + done.stderr[-2000:]
    assert "the target was left as it was" in done.stderr, done.stderr
    assert _rows(url) == {}  # not one table, though the tables before `student` were copied first


def test_an_unreachable_gradebook_server_is_named_with_the_fix(server):
    url = server.url("no_such_database")
    with pytest.raises(SetupError, match="the database server is running and the database exists"):
        ensure_gradebook(url)
