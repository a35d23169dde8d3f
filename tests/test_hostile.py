"""The adversarial suite: hostile submissions graded through every path an instructor may use.

One batch of assignment 1 holds every submission of tests/hostile_submissions.py. It is graded
twice, on fresh copies of the course: by nbgrader's own commands (`nbgrader autograde`, then
`nbgrader generate_feedback`) and by the engine (`python -m instructor autograde`). Each time:
every submission gets exactly the score its work deserves, the batch finishes, no file of the
course but the grading outputs changes, no process is left behind, nothing reaches a listener
on 127.0.0.1, and no feedback page shows a hidden expected value, a grader path or hidden code.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbgrader.api import Gradebook

from instructor import course, samples
from instructor.exercises import graded_functions
from worker.launch import package_folder
from tests import hostile_submissions as hs
from tests.conftest import copy_course, needs_sandbox

A1 = "a1_numpy_basics"
GRADING_OUTPUTS = ("autograded", "feedback", "gradebook.db", "gradebook.db-journal", ".nbgrader.log")
TEST_LIMITS = "\nc.Sandbox.cell_timeout = 10\nc.Sandbox.notebook_timeout = 300\n"


pytestmark = needs_sandbox


class Listener:
    """A TCP server on 127.0.0.1 that records whatever reaches it."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                self.received.append(connection.recv(4096))


def _run(root: Path, *command: str, timeout: float = 1500) -> subprocess.CompletedProcess:
    env = {**os.environ, "COURSE_ROOT": str(root), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("CATVNONCAT_DIR", None)
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=timeout)


def _snapshot(*folders: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    files = {}
    for folder in folders:
        for path in folder.rglob("*"):
            relative = path.relative_to(folder)
            if path.is_file() and not path.is_symlink() and relative.parts[0] not in skip \
                    and "__pycache__" not in path.parts:
                files[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def _leftover_processes() -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if hs.DAEMON_MARK in cmdline and "pytest" not in cmdline:
            found.append(f"{entry.name}: {cmdline}")
    return found


def _write_submissions(root: Path, listener: Listener) -> list[hs.Hostile]:
    release = course.read(root / "release" / A1 / f"{A1}.ipynb")
    reference = samples.reference_answers(A1)
    batch = hs.hostile_submissions(reference)
    for hostile in batch:
        answers = {} if hostile.answers == "blank" else reference if hostile.answers == "reference" else hostile.answers
        nb = samples.fill(release, answers)
        first_code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
        for offset, source in enumerate(hostile.cells, start=1):
            nb.cells.insert(first_code + offset, nbformat.v4.new_code_cell(source.replace(hs.PORT_PLACEHOLDER, str(listener.port))))
        nb.cells += [nbformat.v4.new_code_cell(source) for source in hostile.last]
        if hostile.tamper:
            hostile.tamper(nb)
        folder = root / "submitted" / hostile.name / A1
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{A1}.ipynb")
    # Links in a submission folder to what the grader holds: they must never be followed.
    observer = root / "submitted" / "zz_observer" / A1
    (observer / "gradebook.db").symlink_to(root / "gradebook.db")
    (observer / "nbgrader_config.py").symlink_to(root / "nbgrader_config.py")
    return batch


GRADE_COMMANDS = {
    "nbgrader": [["nbgrader", "autograde", A1, "--create"], ["nbgrader", "generate_feedback", A1]],
    "engine": [[sys.executable, "-m", "instructor", "autograde", A1, "--workers", "1"]],
}


@pytest.fixture(scope="module", params=sorted(GRADE_COMMANDS))
def graded(request, tmp_path_factory):
    root = copy_course(tmp_path_factory.mktemp(f"hostile-{request.param}"))
    with open(root / "nbgrader_config.py", "a") as f:
        f.write(TEST_LIMITS)
    released = _run(root, sys.executable, "-m", "instructor", "release")
    assert released.returncode == 0, released.stderr
    listener = Listener()
    batch = _write_submissions(root, listener)
    checkout = [package_folder(name) for name in ("graders", "helpers", "worker", "instructor")]
    before = _snapshot(root, *checkout, skip=GRADING_OUTPUTS)
    runs = [_run(root, *command) for command in GRADE_COMMANDS[request.param]]
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        grades = {(g.student, g.cell): (g.score, g.max_score) for g in _grades(gb)}
    return {"path": request.param, "root": root, "batch": batch, "runs": runs, "grades": grades,
            "before": before, "after": _snapshot(root, *checkout, skip=GRADING_OUTPUTS),
            "listener": listener, "leftovers": _leftover_processes()}


class _Grade:
    def __init__(self, student, cell, score, max_score):
        self.student, self.cell, self.score, self.max_score = student, cell, score, max_score


def _grades(gb) -> list[_Grade]:
    rows = []
    for submission in gb.find_assignment(A1).submissions:
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.max_score:  # the closing summary cell is worth no points
                    rows.append(_Grade(submission.student.id, grade.name, float(grade.score), float(grade.max_score)))
    return rows


def test_the_batch_finishes(graded):
    for run in graded["runs"]:
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def _score(graded, student: str) -> tuple[float, float]:
    cells = [v for (s, _), v in graded["grades"].items() if s == student]
    return sum(score for score, _ in cells), sum(top for _, top in cells)


@pytest.mark.parametrize("hostile", hs.hostile_submissions(samples.reference_answers(A1)), ids=lambda h: h.name)
def test_every_submission_gets_exactly_what_its_work_deserves(graded, hostile):
    score, top = _score(graded, hostile.name)
    assert (score, top) == (hostile.deserves, hs.FULL), f"{hostile.name} ({hostile.attack})"


def test_the_gradebook_holds_one_row_per_student_and_graded_cell_and_nothing_else(graded):
    students = {h.name for h in graded["batch"]}
    cells = set(graded_functions(A1))
    assert set(graded["grades"]) == {(s, c) for s in students for c in cells}


def test_no_file_of_the_course_or_the_grader_changed(graded):
    before, after = graded["before"], graded["after"]
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    assert changed == []
    assert not Path("/tmp/pwned-by-student").exists()


def test_no_process_is_left_behind(graded):
    assert graded["leftovers"] == []


def test_nothing_reaches_the_network(graded):
    assert graded["listener"].received == []


def _secret_texts() -> list[str]:
    """What only the grader holds: hidden expected values (as the judge would print them), the
    names and seed of the hidden module's oracles, hidden-test markers, the grader's paths."""
    hidden_source = (package_folder("instructor") / "hidden" / f"{A1}.py").read_text()
    texts = ["HIDDEN TESTS", "check_hidden", str(package_folder("graders").parent)]
    texts += re.findall(r"def (oracle_\w+)", hidden_source) + re.findall(r"default_rng\((\d+)\)", hidden_source)
    for function in graded_functions(A1).values():
        for case in function.hidden.cases:
            expected = getattr(case.expected, "value", case.expected)
            for value in np.ravel(np.asarray(expected, dtype=float)):
                text = repr(float(value))
                if len(text) >= 10:
                    texts.append(text[:10])
    return texts


def test_feedback_shows_verdicts_never_secrets(graded):
    secrets = _secret_texts()
    for hostile in graded["batch"]:
        page = graded["root"] / "feedback" / hostile.name / A1 / f"{A1}.html"
        assert page.is_file(), hostile.name
        text = page.read_text()
        found = [s for s in secrets if s in text]
        assert found == [], f"{hostile.name}: {found}"
        assert page.stat().st_size < 8 * 2**20, f"{hostile.name}: {page.stat().st_size} bytes"


def test_a_failed_hidden_check_says_so_without_its_expected_value(graded):
    nb = course.read(graded["root"] / "autograded" / "steals_expected_values" / A1 / f"{A1}.ipynb")
    messages = [o.evalue for c in nb.cells if course.is_test_cell(c) for o in c.outputs if o.output_type == "error"]
    hidden = [m for m in messages if "failed a hidden check" in m]
    assert len(messages) == 8 and hidden, messages
    assert all("expected:" not in m for m in hidden), hidden  # the values themselves: test_feedback_shows_verdicts_never_secrets


def test_outputs_are_capped_with_a_note(graded):
    path = graded["root"] / "autograded" / "floods_the_output" / A1 / f"{A1}.ipynb"
    assert path.stat().st_size < 8 * 2**20
    assert "[output cut:" in path.read_text()


def test_a_test_cell_scores_only_through_a_verdict(graded):
    for student in ("prints_success", "forges_outcomes", "hooks_ipython", "unlocks_the_tests"):
        nb = course.read(graded["root"] / "autograded" / student / A1 / f"{A1}.ipynb")
        tests = [c for c in nb.cells if course.is_test_cell(c)]
        assert len(tests) == 8
        for cell in tests:
            verdict = cell.metadata["nn_course"]["verdict"]
            assert verdict["status"] != "passed", (student, cell.metadata["nbgrader"]["grade_id"])
            assert cell.source.startswith("# Self-check for")
