"""A grading run killed midway (SIGKILL, no chance to clean up) and started again grades every
submission exactly once and correctly, on both paths: nbgrader's own command and the engine."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from instructor import course, mistakes, samples
from instructor.exercises import graded_functions
from tests.conftest import copy_course, needs_sandbox

A1 = "a1_numpy_basics"
_POINTS = {g.grade_id: g.points for g in course.graded_cells(course.read(course.source_notebook(A1)))}
_WRONG = mistakes.for_assignment(A1)
KINDS = {samples.COMPLETE: sum(_POINTS.values()), samples.BLANK: 0.0,
         samples.MISTAKES: sum(_POINTS.values()) - sum(_POINTS[f"test_{f}"] for f in
                                                      (*_WRONG.IN_SAMPLE, *getattr(_WRONG, "ALSO_LOSES", ())))}
STUDENTS = [f"{kind}_{i}" for i in range(4) for kind in KINDS]
SLOW_CELL = "import time\ntime.sleep(1)  # so that the run can be killed in the middle"
pytestmark = needs_sandbox
COMMANDS = {
    "nbgrader": ["nbgrader", "autograde", A1, "--create"],
    "engine": [sys.executable, "-m", "instructor", "autograde", A1, "--workers", "1"],
}


def _env(root: Path) -> dict:
    env = {**os.environ, "COURSE_ROOT": str(root), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("CATVNONCAT_DIR", None)
    return env


def _graded_notebooks(root: Path) -> list[Path]:
    return sorted((root / "autograded").glob(f"*/{A1}/{A1}.ipynb"))


@pytest.fixture(params=sorted(COMMANDS))
def killed_and_rerun(request, tmp_path):
    root = copy_course(tmp_path)
    released = subprocess.run([sys.executable, "-m", "instructor", "release"], cwd=root, env=_env(root),
                              capture_output=True, text=True)
    assert released.returncode == 0, released.stderr
    release = course.read(root / "release" / A1 / f"{A1}.ipynb")
    for student in STUDENTS:
        nb = samples.fill(release, samples.answers_for(student.rsplit("_", 1)[0], A1))
        nb.cells.insert(1, nbformat.v4.new_code_cell(SLOW_CELL))
        folder = root / "submitted" / student / A1
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{A1}.ipynb")
    command = COMMANDS[request.param]
    first = subprocess.Popen(command, cwd=root, env=_env(root), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 600
    while len(_graded_notebooks(root)) < 3 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert first.poll() is None, "the run finished before it could be killed"
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    before = {p: p.stat().st_mtime_ns for p in _graded_notebooks(root)}
    assert 3 <= len(before) < len(STUDENTS)
    rerun = subprocess.run(command, cwd=root, env=_env(root), capture_output=True, text=True, timeout=900)
    return request.param, root, before, rerun


def test_every_submission_is_graded_once_and_correctly(killed_and_rerun):
    path, root, before, rerun = killed_and_rerun
    assert rerun.returncode == 0, rerun.stdout[-2000:] + rerun.stderr[-2000:]
    cells = set(graded_functions(A1))
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        rows = [(s.student.id, g.name, float(g.score)) for s in gb.find_assignment(A1).submissions
                for n in s.notebooks for g in n.grades if g.max_score]  # not the zero-point summary
    assert sorted((student, cell) for student, cell, _ in rows) == sorted((s, c) for s in STUDENTS for c in cells)
    for student in STUDENTS:
        score = sum(points for s, _, points in rows if s == student)
        assert score == KINDS[student.rsplit("_", 1)[0]], student
    assert len(_graded_notebooks(root)) == len(STUDENTS)


@pytest.mark.parametrize("killed_and_rerun", ["engine"], indirect=True)  # nbgrader keeps no ledger
def test_the_engine_does_not_grade_again_what_was_finished(killed_and_rerun):
    path, root, before, rerun = killed_and_rerun
    done = int(re.search(r"(\d+) already graded", rerun.stdout).group(1))
    assert done >= len(before) - 1  # the notebook being committed when the kill came may be graded again
    unchanged = [p for p, mtime in before.items() if p.stat().st_mtime_ns == mtime]
    assert len(unchanged) == done
