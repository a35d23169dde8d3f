"""The instructor job end to end, on a copy of the course: release, samples, autograde,
feedback, grades.csv. Each sample submission must get exactly the score it deserves."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest

from instructor import course, mistakes, samples, variants
from tests.conftest import copy_course, needs_sandbox

ASSIGNMENTS = course.assignments()
pytestmark = needs_sandbox

# Extra submissions, beside the demo's three, that only the tests add.
DELETED_TESTS = "deleted_tests"  # blank answers, every test cell deleted
WARNS = "warns"  # right answers that make numpy print RuntimeWarnings
KERNEL_KILLER = "kernel_killer"  # right answers, and a cell of its own that kills the kernel
VARIANTS_FIRST, VARIANTS_LAST = "variants_first", "variants_last"  # right answers written another way
PRINTING_SLIPS = "printing_slips"  # right values, printing not as asked (costs no points)
EXTRA_STUDENTS = (DELETED_TESTS, WARNS, KERNEL_KILLER, VARIANTS_FIRST, VARIANTS_LAST, PRINTING_SLIPS)


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COURSE_ROOT": str(root)}
    env.pop("CATVNONCAT_DIR", None)
    return subprocess.run([sys.executable, "-m", "instructor", *args], env=env, cwd=root,
                          capture_output=True, text=True, timeout=1800)


def _write(nb, root: Path, student: str, assignment: str) -> None:
    path = root / "submitted" / student / assignment / f"{assignment}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def _warning_answers(assignment: str) -> dict[str, str]:
    """Reference answers, each solution cell made to print a RuntimeWarning when it runs, and
    each function to trigger one (recorded by the checks) every time it is called."""
    noisy = "_ = np.log(np.zeros(1))  # a harmless 'divide by zero' RuntimeWarning\n"
    answers = {}
    for grade_id, source in samples.reference_answers(assignment).items():
        lines = source.splitlines()
        body_start = next(i for i, line in enumerate(lines) if line.startswith("def ")) + 1
        lines.insert(body_start, "    " + noisy.strip())
        answers[grade_id] = noisy + "\n".join(lines)
    return answers


def _variant_answers(assignment: str, pick: int) -> dict[str, str]:
    """Every graded function answered by one of its correct variants (instructor.variants)."""
    by_function: dict[str, list] = {}
    for version in variants.for_assignment(assignment).VARIANTS:
        by_function.setdefault(version.function, []).append(version.source.strip("\n"))
    return {**samples.reference_answers(assignment), **{f: v[pick] for f, v in by_function.items()}}


def _printing_slip_answers(assignment: str) -> dict[str, str]:
    """The reference answers, with the first printing slip of each function that prints."""
    answers = samples.reference_answers(assignment)
    for slip in reversed(getattr(mistakes.for_assignment(assignment), "PRINTING_SLIPS", [])):
        answers[slip.function] = slip.source.strip("\n")
    return answers


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = copy_course(tmp_path_factory.mktemp("course"))
    released = _run(root, "release")
    assert released.returncode == 0, released.stderr
    for assignment in ASSIGNMENTS:
        release_nb = course.read(root / "release" / assignment / f"{assignment}.ipynb")
        stripped = nbformat.from_dict(release_nb)
        stripped.cells = [c for c in stripped.cells if not course.is_test_cell(c)]
        _write(stripped, root, DELETED_TESTS, assignment)
        _write(samples.fill(release_nb, _warning_answers(assignment)), root, WARNS, assignment)
        killer = samples.fill(release_nb, samples.reference_answers(assignment))
        first_test = next(i for i, c in enumerate(killer.cells) if course.is_test_cell(c))
        killer.cells.insert(first_test + 1, nbformat.v4.new_code_cell("import os\nos._exit(1)"))
        _write(killer, root, KERNEL_KILLER, assignment)
        _write(samples.fill(release_nb, _variant_answers(assignment, 0)), root, VARIANTS_FIRST, assignment)
        _write(samples.fill(release_nb, _variant_answers(assignment, -1)), root, VARIANTS_LAST, assignment)
        _write(samples.fill(release_nb, _printing_slip_answers(assignment)), root, PRINTING_SLIPS, assignment)
    demo = _run(root, "demo")
    scores = defaultdict(float)
    with open(root / "grades.csv") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        scores[row["student"], row["assignment"]] += float(row["score"])
    return root, demo, rows, scores


def _points(assignment: str) -> dict[str, float]:
    nb = course.read(course.source_notebook(assignment))
    return {g.grade_id: g.points for g in course.graded_cells(nb)}


def test_demo_finishes_and_prints_the_graded_table(graded):
    root, demo, rows, scores = graded
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "cells that lost points" in demo.stdout
    for assignment in ASSIGNMENTS:
        for student in samples.SAMPLE_STUDENTS:
            assert re.search(rf"^{assignment}\s+{student}\s", demo.stdout, flags=re.MULTILINE), (assignment, student)
    for step in ("release", "autograde", "feedback", "export"):
        assert re.search(rf"^\s+\d+\.\d s  .*{step}", demo.stdout, flags=re.MULTILINE), step


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
@pytest.mark.parametrize("student", sorted(samples.SABOTAGE))
def test_a_function_that_crashes_or_hangs_costs_exactly_its_own_points(graded, assignment, student):
    root, demo, rows, scores = graded
    target = mistakes.for_assignment(assignment).ISOLATED_FUNCTION
    lost = {r["cell"] for r in rows
            if r["student"] == student and r["assignment"] == assignment and float(r["score"]) < float(r["max_score"])}
    assert lost == {f"test_{target}"}
    assert scores[student, assignment] == sum(_points(assignment).values()) - _points(assignment)[f"test_{target}"]


def test_grades_csv_has_one_row_per_student_assignment_and_graded_cell(graded):
    root, demo, rows, scores = graded
    students = {*samples.SAMPLE_STUDENTS, *EXTRA_STUDENTS}
    expected = {(s, a, cell) for s in students for a in ASSIGNMENTS for cell in _points(a)}
    assert {(r["student"], r["assignment"], r["cell"]) for r in rows} == expected
    assert len(rows) == len(expected)
    for r in rows:
        assert float(r["max_score"]) == _points(r["assignment"])[r["cell"]]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_complete_gets_full_marks_blank_zero_mistakes_the_expected_part(graded, assignment):
    root, demo, rows, scores = graded
    points = _points(assignment)
    total = sum(points.values())
    wrong = mistakes.for_assignment(assignment)
    losing = {*wrong.IN_SAMPLE, *getattr(wrong, "ALSO_LOSES", ())}
    lost = sum(points[f"test_{f}"] for f in losing)
    assert scores[samples.COMPLETE, assignment] == total
    assert scores[samples.BLANK, assignment] == 0
    assert scores[samples.MISTAKES, assignment] == total - lost
    assert 0 < total - lost < total


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_deleted_test_cells_are_put_back_and_earn_nothing(graded, assignment):
    root, demo, rows, scores = graded
    assert scores[DELETED_TESTS, assignment] == 0
    nb = course.read(root / "autograded" / DELETED_TESTS / assignment / f"{assignment}.ipynb")
    restored = {course.nbgrader_meta(c)["grade_id"] for c in nb.cells if course.is_test_cell(c)}
    assert restored == set(_points(assignment))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_runtime_warnings_do_not_cost_a_right_answer_its_points(graded, assignment):
    root, demo, rows, scores = graded
    assert scores[WARNS, assignment] == sum(_points(assignment).values())
    nb = course.read(root / "autograded" / WARNS / assignment / f"{assignment}.ipynb")
    printed = [c for c in nb.cells if any("RuntimeWarning" in o.get("text", "") for o in c.get("outputs", []))]
    assert printed, "the noisy submission should print its warnings, or this test proves nothing"
    for cell in nb.cells:
        if course.is_test_cell(cell):
            assert not any(o.get("name") == "stderr" for o in cell.outputs), cell.source


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_html_is_written_for_every_submission(graded, assignment):
    root = graded[0]
    for student in (*samples.SAMPLE_STUDENTS, *EXTRA_STUDENTS):
        page = root / "feedback" / student / assignment / f"{assignment}.html"
        assert page.is_file() and "<html" in page.read_text()[:2000].lower()


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_cell_that_kills_the_kernel_costs_nothing_else(graded, assignment):
    root, demo, rows, scores = graded
    assert scores[KERNEL_KILLER, assignment] == sum(_points(assignment).values())
    nb = course.read(root / "autograded" / KERNEL_KILLER / assignment / f"{assignment}.ipynb")
    died = [c for c in nb.cells if any(o.get("ename") == "KernelDied" for o in c.get("outputs", []))]
    assert len(died) == 1 and "os._exit" in died[0].source


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
@pytest.mark.parametrize("student", [VARIANTS_FIRST, VARIANTS_LAST, PRINTING_SLIPS])
def test_right_answers_written_another_way_keep_every_point(graded, assignment, student):
    root, demo, rows, scores = graded
    assert scores[student, assignment] == sum(_points(assignment).values())


PRINTING = [a for a in ASSIGNMENTS if getattr(mistakes.for_assignment(a), "PRINTING_SLIPS", None)]


@pytest.mark.parametrize("assignment", PRINTING)
def test_a_printing_slip_keeps_its_points_and_gets_a_note(graded, assignment):
    slips = mistakes.for_assignment(assignment).PRINTING_SLIPS
    root = graded[0]
    nb = course.read(root / "autograded" / PRINTING_SLIPS / assignment / f"{assignment}.ipynb")
    for function in {slip.function for slip in slips}:
        cell = next(c for c in nb.cells if course.nbgrader_meta(c).get("grade_id") == f"test_{function}")
        text = "".join(o.get("text", "") for o in cell.outputs)
        assert "Note (no points lost)" in text, (function, text)
