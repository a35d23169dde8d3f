"""Open nbgrader's own API on this course, with its config file and a sound gradebook."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
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


def ensure_gradebook(db_url: str) -> None:
    """Create the sqlite gradebook if it does not exist, all at once or not at all.

    nbgrader builds the tables and then asks `alembic` for the schema version; if that second step
    fails, a half-made file would be left that later runs trip over. So the gradebook is built
    under a temporary name and moved into place only when it is complete.
    """
    prefix = "sqlite:///"
    if not db_url.startswith(prefix):
        return  # another database: nbgrader manages it
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
        raise SetupError(
            f"could not create the gradebook {path}: {exc}. nbgrader needs the `alembic` command "
            "of the course's virtual environment on PATH; run through `make` (which puts .venv/bin "
            "first) or activate .venv."
        ) from exc


def open_api(root: Path = ROOT) -> NbGraderAPI:
    """nbgrader's API for the course at `root`, configured by its nbgrader_config.py."""
    put_venv_first_on_path()
    config = load_config(root)
    coursedir = CourseDirectory(config=config)
    ensure_gradebook(coursedir.db_url)
    return NbGraderAPI(coursedir, config=config)
