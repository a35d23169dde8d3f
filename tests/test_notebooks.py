"""The source notebooks and their release: structure, no leaks, and both run top to bottom."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from instructor import course
from instructor.release import leaks
from instructor.stubs import enclosing_function
from tests.conftest import environment_without_original_data, executed_source_notebook, run_notebook

ASSIGNMENTS = course.assignments()
CHECK_CALLS = {"check", "check_all"}


def test_the_course_has_its_assignments():
    assert "a1_numpy_basics" in ASSIGNMENTS


def _release_path(root: Path, assignment: str) -> Path:
    return root / "release" / assignment / f"{assignment}.ipynb"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_notebook_is_committed_without_outputs(assignment):
    nb = course.read(course.source_notebook(assignment))
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_solution_cell_defines_its_function_and_has_a_test_cell_with_points(assignment):
    nb = course.read(course.source_notebook(assignment))
    solutions = [c for c in nb.cells if course.is_solution_cell(c)]
    tests = {g.grade_id: g.points for g in course.graded_cells(nb)}
    assert solutions
    for cell in solutions:
        grade_id = course.nbgrader_meta(cell)["grade_id"]
        assert enclosing_function(cell.source, course.SOLUTION[0]) == grade_id
        assert tests.get(f"test_{grade_id}", 0) > 0, f"no test cell with points for {grade_id}"
    assert len(tests) == len(solutions)


def _top_level_statements(source: str) -> list[ast.stmt]:
    return ast.parse(source).body


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_test_cells_end_in_checks_never_in_a_value(assignment):
    """nbgrader reads a number left as a cell's value as partial credit: no test cell may end so."""
    nb = course.read(course.source_notebook(assignment))
    for cell in nb.cells:
        if not course.is_test_cell(cell):
            continue
        assert course.HIDDEN_TESTS[0] not in cell.source, "hidden cases live in instructor/hidden, not in cells"
        statements = _top_level_statements(cell.source)
        assert statements, cell.source
        for statement in statements:
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                continue
            assert (
                isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Call)
                and getattr(statement.value.func, "id", None) in CHECK_CALLS
            ), f"{course.nbgrader_meta(cell)['grade_id']}: {ast.unparse(statement)}"
        assert isinstance(statements[-1], ast.Expr), "the last statement must be a check call"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_holds_no_solution_line_and_no_hidden_test(released_course, assignment):
    source = course.read(course.source_notebook(assignment))
    release = course.read(_release_path(released_course, assignment))
    assert leaks(source, release) == []
    text = _release_path(released_course, assignment).read_text()
    assert "instructor.hidden" not in text and "check_hidden" not in text
    assert course.STUB_START in text and course.STUB_END in text


def test_leak_check_catches_a_solution_line():
    source = course.read(course.source_notebook("a1_numpy_basics"))
    assert leaks(source, source), "the source notebook itself must count as a leak"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_runs_top_to_bottom_with_every_test_cell_failing_clearly(released_course, assignment):
    path = _release_path(released_course, assignment)
    nb = run_notebook(course.read(path), path.parent, allow_errors=True,
                      env=environment_without_original_data())
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if course.is_test_cell(cell):
            function = course.nbgrader_meta(cell)["grade_id"].removeprefix("test_")
            assert len(errors) == 1, cell.source
            # The student reads the stub's message alone, not the checks' frames.
            assert errors[0].traceback == [f"NotImplementedError: {errors[0].evalue}"], errors[0].traceback
            assert errors[0].evalue.startswith(f"{function} is not written yet")
        else:
            # A demonstration cell may stop at a stub, or at a name that an earlier stubbed cell
            # did not get to define; any other error is a bug in the notebook.
            assert {e.ename for e in errors} <= {"NotImplementedError", "NameError"}, cell.source


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_notebook_runs_top_to_bottom_without_error(assignment):
    nb = executed_source_notebook(assignment)
    for cell in nb.cells:
        if course.is_test_cell(cell):
            assert not any(o.get("name") == "stderr" for o in cell.outputs), cell.source
