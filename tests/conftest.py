"""Shared fixtures: the course's paths, the original data (when present), notebook running."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from instructor import course

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA_VAR = "CATVNONCAT_DIR"  # where the original course files are, when they are


@functools.cache
def sandbox_missing() -> str:
    """Why student code cannot be sandboxed on this machine ('' when it can)."""
    from instructor.sandbox import Sandbox, SandboxUnavailable

    try:
        Sandbox().check_available()
    except SandboxUnavailable as exc:
        return str(exc)
    return ""


# For every test that grades: it needs the sandbox (bubblewrap, user namespaces), or it skips.
needs_sandbox = pytest.mark.skipif(bool(sandbox_missing()), reason=f"no sandbox here: {sandbox_missing()}")


def original_data_dir() -> Path | None:
    """The directory named by CATVNONCAT_DIR if it holds the original files, else None."""
    named = os.environ.get(SHARED_DATA_VAR)
    if named and (Path(named) / "train_catvnoncat.h5").is_file():
        return Path(named)
    return None


@pytest.fixture
def original_data() -> Path:
    directory = original_data_dir()
    if directory is None:
        pytest.skip(
            f"the original course files are not available: set {SHARED_DATA_VAR} to the "
            "directory holding train_catvnoncat.h5 and test_catvnoncat.h5 (make test does when "
            "../shared/datasets exists)"
        )
    return directory


def reference_namespace(assignment: str) -> dict:
    """The source notebook's import cells and solution cells, run: name -> reference function."""
    nb = course.read(course.source_notebook(assignment))
    namespace: dict = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if course.is_solution_cell(cell) or cell.source.lstrip().startswith(("import", "from")):
            exec(compile(course.without_markers(cell.source), f"<{assignment} solution>", "exec"), namespace)
    return namespace


def run_notebook(nb, cwd: Path, allow_errors: bool = False, env: dict | None = None, timeout: int = 600):
    """Execute a notebook in `cwd` with nbclient (kernel environment `env`) and return it."""
    nb = nbformat.from_dict(nb)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=allow_errors,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute(env=env if env is not None else os.environ.copy())
    return nb


def environment_without_original_data() -> dict:
    """This process's environment, minus the variable that points to the original data."""
    return {k: v for k, v in os.environ.items() if k != SHARED_DATA_VAR}


_executed_sources: dict[str, object] = {}


def executed_source_notebook(assignment: str):
    """The source notebook run top to bottom on the default dataset, run once per test session.

    Every test that needs the outputs of a source notebook shares this one run.
    """
    if assignment not in _executed_sources:
        path = course.source_notebook(assignment)
        _executed_sources[assignment] = run_notebook(
            course.read(path), path.parent, env=environment_without_original_data())
    return _executed_sources[assignment]


def copy_course(destination: Path) -> Path:
    """A copy of the course's source files in `destination`, to grade without touching ROOT."""
    shutil.copytree(ROOT / "notebooks", destination / "notebooks")
    shutil.copy(ROOT / "nbgrader_config.py", destination / "nbgrader_config.py")
    return destination


@pytest.fixture(scope="module")
def released_course(tmp_path_factory) -> Path:
    """A copy of the course whose release/ was written by `python -m instructor release`."""
    root = copy_course(tmp_path_factory.mktemp("course"))
    env = {**os.environ, "COURSE_ROOT": str(root)}
    result = subprocess.run([sys.executable, "-m", "instructor", "release"], env=env, cwd=root,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return root


def values_agree(a, b, rtol: float = 1e-6, atol: float = 1e-8) -> bool:
    """Nested tuples, lists, dicts, arrays and numbers with close values and the same structure
    (looser than graders.checking.compare about types: for comparing oracles with literals)."""
    a, b = getattr(a, "value", a), getattr(b, "value", b)  # a checking.Scalar compares as its value
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and all(
            values_agree(a[k], b[k], rtol, atol) for k in a)
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)) and len(a) == len(b)
                and all(values_agree(x, y, rtol, atol) for x, y in zip(a, b)))
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))
