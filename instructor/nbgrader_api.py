"""Open nbgrader's own API on this course, with its config file and a sound gradebook."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from nbgrader.api import Gradebook, get_alembic_version
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from sqlalchemy import create_engine, inspect, make_url
from sqlalchemy.exc import SQLAlchemyError
from traitlets.config.loader import PyFileConfigLoader

from instructor.course import ROOT


class SetupError(RuntimeError):
    """The course cannot be graded as set up; the message says what to do."""


def put_venv_first_on_path() -> None:
    """nbgrader runs `alembic` (and Jupyter its kernels) from PATH: use this interpreter's."""
    bin_dir = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if parts[:1] != [bin_dir]:
        os.environ["PATH"] = os.pathsep.join([bin_dir, *parts])


def load_config(root: Path = ROOT):
    if not (root / "nbgrader_config.py").is_file():
        raise SetupError(f"{root / 'nbgrader_config.py'} is missing: run from a full checkout.")
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    return config


ALEMBIC_HINT = ("nbgrader needs the `alembic` command of the course's virtual environment on PATH; run "
                "through `make` (which puts .venv/bin first) or activate .venv.")


def ensure_gradebook(db_url: str) -> None:
    """Create the gradebook if it does not exist, all at once or not at all.

    nbgrader builds the tables and then asks `alembic` for the schema version; if that second step
    fails, a half-made gradebook would be left that later runs trip over. So an sqlite gradebook
    is built under a temporary name and moved into place only when it is complete, and a
    database server's (PostgreSQL: `postgresql+psycopg://...`) gets its tables only once
    `alembic` has answered.
    """
    prefix = "sqlite:///"
    if not db_url.startswith(prefix):
        ensure_server_gradebook(db_url)
        return
    path = Path(db_url[len(prefix):])
    if path.exists():
        return
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        Gradebook(prefix + str(partial)).close()
        os.replace(partial, path)
    except Exception as exc:
        partial.unlink(missing_ok=True)
        raise SetupError(f"could not create the gradebook {path}: {exc}. {ALEMBIC_HINT}") from exc


def ensure_server_gradebook(db_url: str) -> None:
    """Create nbgrader's tables in a database server's gradebook the first time it is used (the
    database itself must exist: `createdb`); SetupError when the server cannot be reached."""
    shown = make_url(db_url).render_as_string(hide_password=True)
    try:
        engine = create_engine(db_url)
        try:
            with engine.connect() as connection:
                tables = inspect(connection).get_table_names()
        finally:
            engine.dispose()
    except (ImportError, SQLAlchemyError) as exc:
        raise SetupError(f"could not open the gradebook {shown}: {_first_line(exc)}. Check that the "
                         "database server is running and the database exists (`createdb`), and that "
                         "c.CourseDirectory.db_url in nbgrader_config.py names them (for PostgreSQL: "
                         "postgresql+psycopg://USER@HOST:PORT/DATABASE).") from exc
    if tables:
        return  # nbgrader made it before: its own checks apply from here
    try:
        get_alembic_version()  # before any table is made, so that nothing is left half-made
        Gradebook(db_url).close()
    except Exception as exc:
        raise SetupError(f"could not create the gradebook {shown}: {_first_line(exc)}. {ALEMBIC_HINT}") from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


def open_api(root: Path = ROOT) -> NbGraderAPI:
    """nbgrader's API for the course at `root`, configured by its nbgrader_config.py."""
    put_venv_first_on_path()
    config = load_config(root)
    coursedir = CourseDirectory(config=config)
    ensure_gradebook(coursedir.db_url)
    return NbGraderAPI(coursedir, config=config)
