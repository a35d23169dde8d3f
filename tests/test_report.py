"""The class report: full-mark shares, score distribution and hint counts on known data."""

from __future__ import annotations

import re

import nbformat

from instructor import report
from instructor.grading import CellGrade

A1 = "a1_numpy_basics"


def _autograded_notebook(root, student, hints: dict[str, list[str]]):
    """An autograded notebook whose test cells failed with the given hints."""
    cells = []
    for function, messages in hints.items():
        cell = nbformat.v4.new_code_cell(f'check("{function}", {function})')
        cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": f"test_{function}",
                                     "points": 1, "locked": True, "schema_version": 3}
        body = "\n".join(f"  - Hint: {m}" for m in messages)
        cell.outputs = [nbformat.v4.new_output("error", ename="CheckFailed",
                                               evalue=f"{function}(x) failed\n{body}", traceback=[])]
        cells.append(cell)
    path = root / student / A1 / f"{A1}.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)


def test_hints_are_counted_once_per_student(tmp_path):
    _autograded_notebook(tmp_path, "ann", {"softmax": ["sum along axis=1.", "sum along axis=1."]})
    _autograded_notebook(tmp_path, "ben", {"softmax": ["sum along axis=1."], "L2": ["square it."]})
    counts = report.hints_met(tmp_path, A1)
    assert counts == {("softmax", "sum along axis=1."): 2, ("L2", "square it."): 1}


def test_report_is_self_contained_html_with_charts_and_hints(tmp_path):
    _autograded_notebook(tmp_path, "ann", {"softmax": ["sum along axis=1."]})
    rows = [CellGrade("ann", A1, "test_softmax", 0, 2), CellGrade("ann", A1, "test_L1", 1, 1),
            CellGrade("ben", A1, "test_softmax", 2, 2), CellGrade("ben", A1, "test_L1", 1, 1)]
    page = report.build_report(rows, tmp_path)
    assert page.startswith("<!DOCTYPE html>")
    assert len(re.findall(r'src="data:image/png;base64,', page)) == 2
    assert "2 student(s); mean score 2.0 of 3." in page
    assert "<td>1</td><td>softmax</td><td>sum along axis=1.</td>" in page
    assert "http" not in page.replace("http-equiv", "")


def test_an_empty_gradebook_says_what_to_do(tmp_path):
    assert "run the autograder first" in report.build_report([], tmp_path)


def test_full_marks_share_per_graded_cell():
    rows = [CellGrade("ann", A1, "test_softmax", 0, 2), CellGrade("ben", A1, "test_softmax", 2, 2),
            CellGrade("cy", A1, "test_softmax", 2, 2), CellGrade("ann", A1, "test_L1", 1, 1)]
    shares = report.full_marks_share(rows)
    assert shares == {"test_softmax": 200 / 3, "test_L1": 100.0}
